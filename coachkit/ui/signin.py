"""Sign-in: the form a signed-out visitor gets on any page, the first coach's account on an empty
database, single sign-on through OIDC when it is configured, and signing out."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from coachkit import auth, demo, present, sessions
from coachkit.clock import utc_now
from coachkit.ui import (
    SESSION_COACH,
    client_address,
    oidc_configured,
    oidc_signed_in,
    plain,
    send_browser,
    session_cookie,
    store,
)


def form() -> None:
    """The sign-in that fits the database: OIDC, the first account, or email and password."""
    if oidc_configured():
        _oidc_sign_in()
    elif auth.count_coaches(store()) == 0:
        _first_run_form()
    else:
        _sign_in_form()


def _oidc_sign_in() -> None:
    st.title("Sign in to CoachKit")
    if oidc_signed_in():
        st.error(
            f"{plain(st.user.get('email') or 'This account')} has no CoachKit account. Ask "
            "whoever runs CoachKit at your gym to add you (`coachkit add-coach`)."
        )
        st.button("Sign out", key="oidc_sign_out", on_click=st.logout)
    else:
        st.button("Sign in", type="primary", key="oidc_sign_in", on_click=st.login)


def _sign_in_form() -> None:
    st.title("Sign in to CoachKit")
    if demo.is_demo(store()) and not demo.has_real_data(store()):
        st.info(
            f"This is the demo database. Sign in as **{demo.DEMO_EMAIL}** with the password "
            f"**{demo.DEMO_PASSWORD}**."
        )
    with st.form("sign_in", border=True):
        email = st.text_input("Email", key="sign_in_email")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary", key="sign_in_submit")
    if submitted:
        outcome = auth.sign_in(store(), email, password, client_address(), utc_now())
        if outcome.coach is None:
            st.error(present.sign_in_refused(outcome.wait))
        else:
            _signed_in(outcome.coach)


def _signed_in(coach: auth.Coach) -> None:
    """This session is the coach's; the browser then fetches the cookie that keeps it so across
    reloads (routes.py) and comes back to the page it is on, address and all."""
    st.session_state[SESSION_COACH] = coach
    ticket = sessions.issue_ticket(store(), coach.id, utc_now())
    query = urlencode(st.query_params.to_dict())
    page = urlsplit(st.context.url or "/").path + (f"?{query}" if query else "")
    send_browser(f"{sessions.SESSION_PATH}?{urlencode({'ticket': ticket, 'next': page})}")
    st.rerun()


def _first_run_form() -> None:
    st.title("Welcome to CoachKit")
    st.write("This database has no coach yet. Create the first account.")
    with st.form("first_run", border=True):
        email = st.text_input("Email", key="first_email")
        name = st.text_input("Your name", key="first_name")
        password = st.text_input("Password", type="password", key="first_password")
        again = st.text_input("Password again", type="password", key="first_password_again")
        submitted = st.form_submit_button("Create account", type="primary", key="first_submit")
    if submitted:
        if password != again:
            st.error("The two passwords differ.")
            return
        try:
            coach = auth.add_coach(store(), email, name or None, password)
        except auth.AccountError as exc:
            st.error(plain(exc))
            return
        _signed_in(coach)


def _sign_out() -> None:
    """The sign-in ends on every server at once; everything in the session goes (the coach,
    previews and answers to them); the browser drops its cookie."""
    sessions.end(store(), session_cookie(), utc_now())
    for key in list(st.session_state):
        del st.session_state[key]
    if oidc_signed_in():
        st.logout()
    else:
        send_browser(sessions.SIGNED_OUT_PATH)


def sign_out_button(coach: auth.Coach) -> None:
    """Who is signed in, and the way out, in the sidebar of every page."""
    with st.sidebar:
        st.caption(f"Signed in as {plain(coach.email)}")
        st.button("Sign out", key="sign_out", on_click=_sign_out)
