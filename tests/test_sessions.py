"""A sign-in that outlives a reload: one-time tickets, tokens in an HTTP-only cookie, Sign out
(coachkit/sessions.py and the routes app.py mounts, coachkit/routes.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from coachkit import auth, routes, sessions
from coachkit.clock import utc_now  # the routes read the real clock, as the server does

NOW = datetime(2026, 11, 23, 9, 0, 0)
EMAIL = "coach@gym.example"


@pytest.fixture
def coach(store) -> auth.Coach:
    return auth.add_coach(store, EMAIL, "Coach", "long enough password")


def test_a_ticket_is_traded_once_for_a_token_that_names_the_coach(store, coach):
    ticket = sessions.issue_ticket(store, coach.id, NOW)
    token = sessions.trade(store, ticket, NOW + timedelta(seconds=5))
    assert token is not None and token != ticket
    assert sessions.coach_for(store, token, NOW + timedelta(hours=1)) == coach
    # The same ticket again, from this browser or any other: nothing.
    assert sessions.trade(store, ticket, NOW + timedelta(seconds=6)) is None


def test_a_ticket_older_than_a_minute_is_worth_nothing(store, coach):
    ticket = sessions.issue_ticket(store, coach.id, NOW)
    assert sessions.trade(store, ticket, NOW + timedelta(minutes=1)) is None


def test_a_session_ends_at_sign_out_and_after_twelve_hours(store, coach):
    token = sessions.trade(store, sessions.issue_ticket(store, coach.id, NOW), NOW)
    later = sessions.trade(store, sessions.issue_ticket(store, coach.id, NOW), NOW)
    assert sessions.coach_for(store, token, NOW + timedelta(hours=11, minutes=59)) == coach
    assert sessions.coach_for(store, token, NOW + timedelta(hours=12)) is None
    sessions.end(store, later, NOW + timedelta(minutes=5))
    assert sessions.coach_for(store, later, NOW + timedelta(minutes=6)) is None


@pytest.mark.parametrize("token", [None, "", "made up", "A" * 43])
def test_no_token_or_a_made_up_one_names_nobody(store, coach, token):
    sessions.trade(store, sessions.issue_ticket(store, coach.id, NOW), NOW)
    assert sessions.coach_for(store, token, NOW) is None


def test_only_digests_are_stored(store, coach):
    ticket = sessions.issue_ticket(store, coach.id, NOW)
    token = sessions.trade(store, ticket, NOW)
    stored = repr(store.table_rows("coach_sessions"))
    assert ticket not in stored and token not in stored


# The routes, through Starlette's test client.


@pytest.fixture
def browser(store) -> TestClient:
    return TestClient(Starlette(routes=routes.routes(lambda: store)), follow_redirects=False)


def test_the_route_sets_an_http_only_cookie_and_sends_the_browser_back(store, coach, browser):
    ticket = sessions.issue_ticket(store, coach.id, utc_now())
    answer = browser.get(sessions.SESSION_PATH, params={"ticket": ticket, "next": "/client?x=1"})
    assert answer.status_code == 303 and answer.headers["location"] == "/client?x=1"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{sessions.COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert sessions.coach_for(store, token, utc_now()) == coach
    # Traded once: the same address again sets nothing.
    again = browser.get(sessions.SESSION_PATH, params={"ticket": ticket})
    assert again.status_code == 303 and "set-cookie" not in again.headers


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example", "/\\evil.example", "evil", "", "/a\nb"],
)
def test_the_route_never_sends_the_browser_to_another_site(store, coach, browser, target):
    ticket = sessions.issue_ticket(store, coach.id, utc_now())
    answer = browser.get(sessions.SESSION_PATH, params={"ticket": ticket, "next": target})
    assert answer.headers["location"] == "/"


def test_signed_out_drops_the_cookie(browser):
    answer = browser.get(sessions.SIGNED_OUT_PATH)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert answer.headers["set-cookie"].startswith(f'{sessions.COOKIE}=""')
    assert "Max-Age=0" in answer.headers["set-cookie"]
