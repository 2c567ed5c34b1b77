"""The Streamlit glue: the one package of coachkit that may import streamlit.

One module per screen (signin, clients, client, programs, upload, share, report) holds what
that screen draws; each file in pages/ calls its screen's module. This module holds what every
page needs: the store, the sign-in guard, `plain()` for text a person typed, and today.

The store is opened once per server process (st.cache_resource) and shared by every session;
each operation takes its own cursor inside the store, so sessions never share one.

Every page file calls `require_coach()` before drawing anything: Streamlit can run a file in
pages/ directly from a deep link, without dashboard.py, so the entry point alone guards nothing.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from coachkit import auth, sessions, settings, throttle
from coachkit.clock import utc_now
from coachkit.database import open_database
from coachkit.store import Store, database_url

SESSION_COACH = "coach"
UPLOAD_PREFIX = "ck-up-"  # the temporary folder that holds an upload while a run reads it
# Tests pin the day that the metrics count as today under this key. No widget has it and nothing
# in the app writes it, so a visitor cannot change it; without it the clock decides.
SESSION_TODAY = "today"
SESSION_SEND = "send_browser_to"  # a route the next run sends the browser to (send_browser)
# Streamlit renders Markdown in labels, headings and messages; text from a coach or an
# uploaded file must show as typed, never as a link, an image or formatting, and `&` too, or
# an entity such as `&lt;` would show as the character it names.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# After Markdown, Streamlit rewrites the text itself, escaped or not: `:smile:`,
# `:material/flag:` and `:streamlit:` become an emoji, an icon or a logo, and a free-standing
# `--`, `->`, `<-`, `<->`, `>=`, `<=` or `~=` a dash, an arrow or a sign. An invisible word
# joiner (U+2060) after the colon or the first character keeps them as typed.
_REWRITTEN = re.compile(r"(?<!\S)(?:<->|->|<-|--|>=|<=|~=)(?!\S)|:(?=(?!\d+:)[\w+/-]+:)")
WORD_JOINER = "\u2060"
# Streamlit's Markdown also turns a bare address into a live link (GitHub's autolinks): text
# from a client's file such as "www.evil.example", "https://evil.example/login" or
# "reset@evil.example" would show as a link to click. A word joiner after "www", between a
# scheme and "://", and between an address's name and "@" leaves each as typed, and no longer
# an address.
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=\w)(?=://)|(?<=[\w.+-])(?=@)")


def plain(text: object) -> str:
    """Text escaped for any Streamlit element that renders Markdown."""
    kept = _REWRITTEN.sub(lambda m: m[0][0] + WORD_JOINER + m[0][1:], str(text))
    return _MARKDOWN.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, kept))


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return open_database(url)


def store() -> Store:
    """The process-wide store for the database that COACHKIT_DB names."""
    return _store_for(database_url())


@contextmanager
def uploaded_file(upload) -> Iterator[Path]:
    """The uploaded bytes as a file the importer can read, for as long as the block runs.

    DuckDB reads a file, so the bytes Streamlit holds in memory are written out; the folder goes
    when the block ends, whatever ends it (a preview, an import, an error, a rerun), so that no
    client's workout file outlives the run that read it."""
    with tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX) as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(upload.getbuffer())
        yield path


def client_address() -> str:
    """The address of whoever this session serves, for the throttles: the connection's, or
    the client's as a proxy named in COACHKIT_TRUSTED_PROXIES reports it (throttle.py)."""
    peer = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For")
    return throttle.client_address(
        peer if isinstance(peer, str) else None, forwarded, settings.trusted_proxies()
    )


def today() -> date:
    """The day the metrics count as today."""
    return st.session_state.get(SESSION_TODAY) or date.today()


def oidc_configured() -> bool:
    """Whether Streamlit's secrets hold an [auth] section: then coaches sign in through OIDC."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all (StreamlitSecretNotFoundError)
        return False


def oidc_signed_in() -> bool:
    return oidc_configured() and bool(st.user.get("is_logged_in", False))


def current_coach() -> auth.Coach | None:
    """The signed-in coach. With OIDC, the provider's email opens the coach account with that
    email and no other; an identity without an account opens nothing. Otherwise a new session
    (a reload, a new tab) finds the coach of a live sign-in by the HTTP-only cookie that
    signing in set (coachkit/sessions.py)."""
    _send_browser_if_asked()
    coach = st.session_state.get(SESSION_COACH)
    if coach is None and oidc_signed_in():
        coach = auth.coach_by_email(store(), str(st.user.get("email") or ""))
    elif coach is None:
        coach = sessions.coach_for(store(), session_cookie(), utc_now())
    if coach is not None:
        st.session_state[SESSION_COACH] = coach
    return coach


def session_cookie() -> str | None:
    """The token of this browser's sign-in, from its HTTP-only cookie, or None (also when there
    is no browser: AppTest has no cookies, only stand-ins)."""
    token = st.context.cookies.get(sessions.COOKIE)
    return token if isinstance(token, str) and token else None


def send_browser(path: str) -> None:
    """Send the browser to a route of this server (routes.py) as the next run starts (a button's
    callback is followed by one; elsewhere, call st.rerun).

    Streamlit has no public call for this; st.login and st.logout send the frontend this
    message (ForwardMsg.auth_redirect) to reach their own routes, and it takes any URL. It goes
    out at the start of a run that then goes on as usual, as theirs do: sent from a run that
    ends in st.rerun, it was now and then overtaken and lost. The Streamlit version is pinned
    (pyproject.toml), and the browser journey test proves it."""
    st.session_state[SESSION_SEND] = path


def _send_browser_if_asked() -> None:
    path = st.session_state.pop(SESSION_SEND, None)
    ctx = get_script_run_ctx()
    if path and ctx is not None:
        message = ForwardMsg()
        message.auth_redirect.url = path
        ctx.enqueue(message)


def through_app() -> None:
    """Make sure this page runs under dashboard.py's navigation, not Streamlit's legacy one.

    Until some session has run dashboard.py, a fresh server treats pages/ as the legacy page folder:
    a deep link (/client) then runs the page's file alone, under a menu of every file in the
    folder. Such a run switches that mode off for the server and starts again, now through
    dashboard.py, on the same page and address. (pages/ keeps its name: it is the agreed layout.)
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_coach() -> auth.Coach:
    """The signed-in coach; otherwise draw the sign-in (or first-run) form and stop the page.

    The page stays the one the address names, query and all: once the form signs the coach
    in, the same page runs again, so a deep link opens where it pointed.
    """
    through_app()
    coach = current_coach()
    if coach is not None:
        return coach
    # The sign-in screen needs this module's helpers, so it is imported when first needed.
    from coachkit.ui import signin

    signin.form()
    st.stop()
