"""The Share page and the public report behind a link, through AppTest."""

from datetime import datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from coachkit import auth, clients, demo, settings, sharing, ui
from coachkit.clock import utc_now
from coachkit.ui import report as report_screen
from tests.test_pages import app, signed_in, texts

CLIENT = "Maya Lopez"
NOON = datetime(2026, 11, 23, 12, 0)
NOT_VALID = "This link is not valid"


def demo_coach() -> auth.Coach:
    # The app's own store (ui.store() is cached per process): a second handle on the same file
    # would be refused while the app holds it.
    return auth.coach_by_email(ui.store(), demo.DEMO_EMAIL)


def make_link(name: str = CLIENT) -> str:
    """The token of a fresh link to one demo client's report."""
    coach = demo_coach()
    client = clients.client_by_name(ui.store(), coach.id, name)
    return sharing.create_link(ui.store(), coach.id, client.id).token


def views() -> list[int]:
    return [link.views for link in sharing.links(ui.store(), demo_coach().id)]


def opened(token: str) -> AppTest:
    at = app()
    at.query_params["token"] = token
    return at.run()


def test_signed_out_the_share_page_shows_only_the_sign_in(demo_db):
    at = app()
    at.switch_page("pages/share.py").run()
    assert at.title[0].value == "Sign in to CoachKit"
    assert not at.get("code") and not at.dataframe


def on_share_page(client: clients.Client) -> AppTest:
    """Signed in, on the Share page, with `client` chosen."""
    at = signed_in()
    at.switch_page("pages/share.py").run()
    at.selectbox(key="share_client").set_value(client.id).run()
    return at


def demo_client() -> clients.Client:
    return clients.client_by_name(ui.store(), demo_coach().id, CLIENT)


def test_a_coach_creates_a_link_sees_it_once_and_revokes_it(demo_db):
    at = on_share_page(demo_client())
    at.button(key="share_create_submit").click().run()
    assert not at.exception
    url = at.get("code")[0].value
    assert url.startswith("http://localhost:8501/?token=")
    assert sharing.well_formed(url.split("token=")[1])
    assert at.dataframe[0].value["status"].tolist() == ["active"]

    at.button(key="share_revoke_submit").click().run()
    assert at.dataframe[0].value["status"].tolist() == ["revoked"]
    assert not at.get("form") or not any(f.key == "share_revoke" for f in at.get("form"))
    assert opened(url.split("token=")[1]).title[0].value == NOT_VALID


def test_the_new_link_is_not_shown_again_on_return_to_the_share_page(demo_db):
    client = demo_client()
    at = on_share_page(client)
    at.button(key="share_create_submit").click().run()
    token = at.get("code")[0].value.split("token=")[1]
    # Away to the Clients page and back: the link is listed, its token is nowhere.
    at.switch_page("pages/clients.py").run()
    at.switch_page("pages/share.py").run()
    at.selectbox(key="share_client").set_value(client.id).run()
    assert not at.exception
    assert at.dataframe[0].value["status"].tolist() == ["active"]
    assert not at.get("code")
    assert token not in texts(at)


def test_a_valid_link_shows_that_clients_report_and_nothing_of_the_app(demo_db):
    token = make_link()
    at = opened(token)
    assert not at.exception
    assert at.title[0].value == f"{CLIENT}: leg training"
    # Maya (Gym legs, loads logged): leg days each week, legs by month, strength.
    assert len(at.get("vega_lite_chart")) == 3
    shown = texts(at)
    others = [p.name for p in demo.CLIENTS if p.name != CLIENT]
    assert not any(name in shown for name in others)
    # No navigation, no sign-out, no page of the app: only the report and its downloads.
    assert not at.sidebar.button and not at.text_input and not at.dataframe
    assert {b.key for b in at.get("download_button")} == {"report_html", "report_pdf"}


def test_a_link_counts_one_view_per_visit_however_often_the_page_reruns(demo_db):
    token = make_link()
    at = opened(token)
    at.run()
    at.run()
    assert views() == [1]
    opened(token)
    assert views() == [2]


@pytest.mark.parametrize("token", ["", "garbage", "A" * 43, "A" * 5000])
def test_a_wrong_or_garbage_token_gets_the_not_valid_page(demo_db, token):
    at = opened(token)
    assert not at.exception
    assert at.title[0].value == NOT_VALID
    assert not at.get("vega_lite_chart")


def test_an_expired_link_gets_the_not_valid_page(demo_db, monkeypatch):
    token = make_link()
    later = utc_now() + timedelta(days=31)
    monkeypatch.setattr(sharing, "utc_now", lambda: later)
    assert opened(token).title[0].value == NOT_VALID


def test_a_revoked_link_stops_working_even_in_an_open_visit(demo_db):
    token = make_link()
    at = opened(token)
    assert at.title[0].value.startswith(CLIENT)
    coach = demo_coach()
    sharing.revoke(ui.store(), coach.id, sharing.links(ui.store(), coach.id)[0].id)
    at.run()
    assert at.title[0].value == NOT_VALID


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("http://gym.example:8501/share", "http://gym.example:8501"),
        ("https://gym.example/coachkit/share", "https://gym.example/coachkit"),
        ("http://127.0.0.1:8501", "http://127.0.0.1:8501"),
        (None, "http://localhost:8501"),
    ],
)
def test_links_point_at_the_apps_root_not_at_the_share_page(address, expected, monkeypatch):
    monkeypatch.delenv("COACHKIT_BASE_URL", raising=False)
    assert settings.base_url(address, page="share") == expected


def test_a_configured_base_url_wins_over_the_coachs_address(monkeypatch):
    monkeypatch.setenv("COACHKIT_BASE_URL", "https://reports.gym.example/")
    assert settings.base_url("http://10.0.0.5:8501/share", page="share") == (
        "https://reports.gym.example"
    )


def test_wrong_tokens_from_one_address_are_answered_more_and_more_slowly(demo_db, monkeypatch):
    slept = []
    monkeypatch.setattr(report_screen, "slow_down", slept.append)
    monkeypatch.setattr(report_screen, "client_address", lambda: "198.51.100.7")
    monkeypatch.setattr(report_screen, "utc_now", lambda: NOON)  # all in the same instant
    for _ in range(9):
        assert opened("A" * 43).title[0].value == NOT_VALID
    # Five misses are free: the 6th visit comes after five and is answered at once; the 7th,
    # 8th and 9th, after six, seven and eight misses, wait 0.5 s, 1 s and 2 s.
    assert slept == [0.5, 1.0, 2.0]


def test_a_flood_of_wrong_tokens_never_slows_a_valid_link_from_anywhere(demo_db, monkeypatch):
    slept = []
    monkeypatch.setattr(report_screen, "slow_down", slept.append)
    address = {"now": "198.51.100.7"}
    monkeypatch.setattr(report_screen, "client_address", lambda: address["now"])
    monkeypatch.setattr(report_screen, "utc_now", lambda: NOON)  # a flood: all at once
    for _ in range(20):
        opened("A" * 43)
    # Six answers at once, then 0.5, 1, 2, 4 and 8 s, and 8 s for every one after: never longer.
    assert slept == [0.5, 1, 2, 4] + [8] * 10
    # A valid link from the flooding address itself, then from another: neither waits.
    assert opened(make_link()).title[0].value != NOT_VALID
    address["now"] = "203.0.113.9"
    assert opened(make_link()).title[0].value != NOT_VALID
    assert opened("B" * 43).title[0].value == NOT_VALID  # its own first miss: free
    assert len(slept) == 14
