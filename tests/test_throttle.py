"""Guessing is slowed down: wrong passwords per account and address, wrong report tokens per
address, counted in the database on a clock the tests set (coachkit/throttle.py)."""

from __future__ import annotations

import ipaddress
import logging
from datetime import datetime, timedelta

import pytest

from coachkit import auth, demo, present, settings, throttle, ui
from coachkit.store import open_store
from coachkit.ui import signin
from tests.test_pages import app

EMAIL = "coach@gym.example"
PASSWORD = "the right password"
THIEF = "198.51.100.7"  # the guesser's address
COACH_HOME = "203.0.113.9"  # the coach's own
START = datetime(2026, 11, 23, 9, 0, 0)
NO_MATCH = "That email and password do not match an account."


@pytest.fixture
def accounts(store):
    auth.add_coach(store, EMAIL, "Coach", PASSWORD)
    return store


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_three_typos_are_free_then_each_try_waits_twice_as_long_as_the_one_before(accounts):
    waits = []
    for n in range(6):
        outcome = auth.sign_in(accounts, EMAIL, f"wrong {n}", THIEF, at(100 * n))
        assert outcome.coach is None
        waits.append(outcome.wait.left.total_seconds())
    # Misses 1-3 are free (no wait after them); the 4th waits 1 s (2^0 × 1 s), then 2 s, 4 s.
    assert waits == [0, 0, 0, 1, 2, 4]


def test_a_try_during_the_wait_is_refused_unchecked_even_with_the_right_password(accounts):
    for n in range(4):
        auth.sign_in(accounts, EMAIL, "wrong", THIEF, at(n))
    # After the 4th miss at 3 s, the next try is due at 3 + 1 = 4 s: at 3.5 s it is refused,
    # right password or not, and told to wait the half second that is left.
    early = auth.sign_in(accounts, EMAIL, PASSWORD, THIEF, at(3.5))
    assert early.coach is None and early.wait.left == timedelta(seconds=0.5)
    assert not early.wait.locked
    assert auth.sign_in(accounts, EMAIL, PASSWORD, THIEF, at(4)).coach is not None


def test_ten_misses_lock_the_account_from_that_address_for_fifteen_minutes(accounts, caplog):
    now = 0.0
    for _ in range(10):
        outcome = auth.sign_in(accounts, EMAIL, "wrong", THIEF, at(now))
        now += 60  # a minute apart: every wait (at most 30 s) has run out
    assert outcome.wait.locked
    # The 10th miss was at 540 s: locked until 540 + 900 = 1440 s.
    assert outcome.wait.left == timedelta(minutes=15)
    assert auth.sign_in(accounts, EMAIL, PASSWORD, THIEF, at(1439)).coach is None
    assert auth.sign_in(accounts, EMAIL, PASSWORD, THIEF, at(1440)).coach is not None
    # The lock is logged with the account and the address, and never a password.
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert f"{EMAIL} from {THIEF}" in record.getMessage()
    assert "wrong" not in record.getMessage() and PASSWORD not in record.getMessage()


def test_the_coach_at_another_address_is_not_held_up_by_someone_elses_guessing(accounts):
    for n in range(10):
        auth.sign_in(accounts, EMAIL, "wrong", THIEF, at(60 * n))
    assert auth.sign_in(accounts, EMAIL, PASSWORD, THIEF, at(600)).wait.locked
    assert auth.sign_in(accounts, EMAIL, PASSWORD, COACH_HOME, at(600)).coach is not None


def test_a_right_password_ends_the_count_of_typos(accounts):
    for n in range(3):
        auth.sign_in(accounts, EMAIL, "typo", COACH_HOME, at(n))
    assert auth.sign_in(accounts, EMAIL, PASSWORD, COACH_HOME, at(3)).coach is not None
    # Three more typos are free again: the count started over.
    waits = [auth.sign_in(accounts, EMAIL, "typo", COACH_HOME, at(4 + n)).wait for n in range(3)]
    assert not any(waits)


def test_guessing_across_many_accounts_from_one_address_locks_the_address(accounts):
    # One guess per made-up account, each as soon as the address may try again: every account
    # has one miss (free), the address all of them. Its 20 free misses come at once; after the
    # 21st to the 25th each next try waits 1, 2, 4, 8, 16 s, after the 26th to the 49th 30 s
    # (2^5 s, capped): the 50th miss is at 31 + 24 × 30 = 751 s, within the 15-minute window,
    # and locks the address.
    now, tried = 0.0, []
    for n in range(50):
        tried.append(now)
        outcome = auth.sign_in(accounts, f"nobody{n}@gym.example", "guess", THIEF, at(now))
        assert outcome.coach is None and (n == 49) == outcome.wait.locked
        now += outcome.wait.left.total_seconds()
    assert tried[-1] == 751 and now == 751 + 15 * 60
    # The real coach, from that address, waits out the lock; from home, signs in.
    held = auth.sign_in(accounts, EMAIL, PASSWORD, THIEF, at(752))
    assert held.coach is None and held.wait.locked
    assert auth.sign_in(accounts, EMAIL, PASSWORD, COACH_HOME, at(752)).coach is not None


def test_misses_older_than_the_window_count_for_nothing(accounts):
    for n in range(5):
        auth.sign_in(accounts, EMAIL, "wrong", THIEF, at(60 * n))
    # 15 minutes after the last miss (at 240 s), every miss is older than the window.
    later = at(240 + 15 * 60)
    assert not throttle.wait(accounts, throttle.SIGN_IN, f"{EMAIL} from {THIEF}", later)


def test_the_count_is_in_the_database_so_a_restart_or_another_server_sees_it(db_path):
    with open_store(db_path) as first:
        auth.add_coach(first, EMAIL, "Coach", PASSWORD)
        for n in range(10):
            auth.sign_in(first, EMAIL, "wrong", THIEF, at(60 * n))
    with open_store(db_path) as second:  # a restarted server, or another one
        assert auth.sign_in(second, EMAIL, PASSWORD, THIEF, at(600)).wait.locked


def test_report_link_misses_wait_at_most_eight_seconds():
    rule = throttle.REPORT_LINK
    # 5 free misses, then 0.5 s doubling: after the 6th miss 2^0 × 0.5 = 0.5 s, the 7th 1 s,
    # ... after the 10th 2^4 × 0.5 = 8 s, and after the 11th 16 s, capped at 8 s.
    due = [throttle._due(rule, misses, START)[0] - START for misses in range(4, 12)]
    assert [d.total_seconds() for d in due] == [0, 0, 0.5, 1, 2, 4, 8, 8]


@pytest.mark.parametrize(
    ("wait", "words"),
    [
        (throttle.Wait(timedelta(0), False), NO_MATCH),
        (
            throttle.Wait(timedelta(seconds=0.2), False),
            "Too many wrong passwords. Try again in 1 second.",
        ),
        (
            throttle.Wait(timedelta(seconds=30), False),
            "Too many wrong passwords. Try again in 30 seconds.",
        ),
        (
            throttle.Wait(timedelta(minutes=14, seconds=1), True),
            "Sign-in is locked after too many wrong passwords. Try again in 15 minutes.",
        ),
    ],
)
def test_a_refused_sign_in_says_when_to_try_again(wait, words):
    assert present.sign_in_refused(wait) == words


# Whose address: the connection's, or the client's as a trusted proxy reports it.
PROXY = [ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("10.0.0.0/8")]


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("192.0.2.1", None, [], "192.0.2.1"),  # a direct visitor
        (None, None, [], "127.0.0.1"),  # Streamlit says None for this machine's loopback
        # Behind a proxy nobody named, its header is not believed: all share the proxy's.
        (None, "192.0.2.1", [], "127.0.0.1"),
        # A named proxy on this machine: the visitor it saw.
        (None, "192.0.2.1", PROXY, "192.0.2.1"),
        # The visitor wrote an address of its own choosing first; the proxy appended the real one.
        (None, "6.6.6.6, 192.0.2.1", PROXY, "192.0.2.1"),
        # Two trusted hops (a load balancer at 10.1.2.3, then the local proxy).
        (None, "192.0.2.1, 10.1.2.3", PROXY, "192.0.2.1"),
        # A visitor that is not a proxy cannot pick its address by sending the header.
        ("192.0.2.1", "6.6.6.6", PROXY, "192.0.2.1"),
        # Garbage in the header: the last address believed.
        (None, "not-an-address", PROXY, "127.0.0.1"),
        (None, "[2001:db8::1]", PROXY, "2001:db8::1"),
    ],
)
def test_the_client_address_believes_forwarded_for_only_from_named_proxies(
    peer, forwarded, trusted, expected
):
    assert throttle.client_address(peer, forwarded, trusted) == expected


def test_trusted_proxies_are_read_from_the_setting_and_nonsense_is_refused(monkeypatch):
    monkeypatch.setenv("COACHKIT_TRUSTED_PROXIES", "127.0.0.1, ::1,10.0.0.0/8")
    assert [str(n) for n in settings.trusted_proxies()] == ["127.0.0.1/32", "::1/128", "10.0.0.0/8"]
    monkeypatch.delenv("COACHKIT_TRUSTED_PROXIES")
    assert settings.trusted_proxies() == ()
    monkeypatch.setenv("COACHKIT_TRUSTED_PROXIES", "localhost")
    with pytest.raises(ValueError, match="'localhost' is not an address or a network"):
        settings.trusted_proxies()


def test_the_sign_in_form_refuses_a_guesser_and_says_when_to_try_again(demo_db, monkeypatch):
    monkeypatch.setattr(signin, "utc_now", lambda: START)  # every try in the same second
    monkeypatch.setattr(signin, "client_address", lambda: THIEF)
    at = app().run()

    def try_password(password: str) -> str:
        at.text_input(key="sign_in_email").input(demo.DEMO_EMAIL)
        at.text_input(key="sign_in_password").input(password)
        at.button(key="sign_in_submit").click().run()
        assert not at.exception
        return at.error[0].value

    assert [try_password("wrong") for _ in range(3)] == [NO_MATCH] * 3
    # The 4th miss makes the next try wait 1 s, and in that second even the right password
    # is refused unchecked.
    assert try_password("wrong") == "Too many wrong passwords. Try again in 1 second."
    assert try_password(demo.DEMO_PASSWORD) == "Too many wrong passwords. Try again in 1 second."
    assert ui.SESSION_COACH not in at.session_state
