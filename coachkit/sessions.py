"""A coach's sign-in that outlives a reload, kept where no page script can read it.

Streamlit keeps a session as long as the browser tab's connection: a reload starts a new one.
After a right password, the sign-in form makes a session here with a one-time ticket and sends
the browser to `/coachkit/session?ticket=…` (coachkit/routes.py), which trades the ticket,
once and within a minute, for a random token in an HTTP-only cookie: the browser sends it back
with every new connection, page scripts cannot read it, and the app finds the coach by it
(`coach_for`). Only SHA-256 digests of tickets and tokens are stored. Signing out ends the
session on every app server at once; so does its end after `LIFETIME`.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from coachkit import auth
from coachkit.store import Store, retry_conflicts

COOKIE = "coachkit_session"
# The routes beside the app (routes.py): the browser trades a ticket at the first, and drops
# the cookie at the second.
SESSION_PATH = "/coachkit/session"
SIGNED_OUT_PATH = "/coachkit/signed-out"
LIFETIME = timedelta(hours=12)  # a working day; the cookie itself ends with the browser
TICKET_LIFETIME = timedelta(minutes=1)
SECRET_BYTES = 32  # 256 bits, for tickets and tokens alike


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def issue_ticket(store: Store, coach_id: uuid.UUID, now: datetime) -> str:
    """A new sign-in for the coach, and the one-time ticket the browser trades for it."""
    ticket = secrets.token_urlsafe(SECRET_BYTES)
    store.execute(
        "sessions/insert",
        {
            "id": uuid.uuid4(),
            "coach_id": coach_id,
            "ticket_hash": _digest(ticket),
            "ticket_expires_at": now + TICKET_LIFETIME,
            "now": now,
            "expires_at": now + LIFETIME,
        },
    )
    return ticket


def trade(store: Store, ticket: str, now: datetime) -> str | None:
    """The session's token for a ticket, or None: an unknown, used or late ticket gets nothing,
    and two browsers racing with one ticket get one token between them."""
    token = secrets.token_urlsafe(SECRET_BYTES)
    params = {"ticket_hash": _digest(ticket), "token_hash": _digest(token), "now": now}
    traded = retry_conflicts(lambda: store.scalar("sessions/trade", params) == 1)
    return token if traded else None


def coach_for(store: Store, token: str | None, now: datetime) -> auth.Coach | None:
    """The coach whose live session the cookie's token names, or None."""
    if not token:
        return None
    row = store.one("sessions/find", {"token_hash": _digest(token), "now": now})
    return auth.coach_by_email(store, row["email"]) if row else None


def end(store: Store, token: str | None, now: datetime) -> None:
    """Sign out: the token names no session from now on."""
    if token:
        store.execute("sessions/end", {"token_hash": _digest(token), "now": now})
