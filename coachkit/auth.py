"""Coach accounts: creation, password checks (argon2), and mapping a signed-in email to a coach."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coachkit import throttle
from coachkit.clock import utc_now
from coachkit.store import Cursor, Store, StoreError

# A deliberately loose check: the address only has to be plausible, the sign-in proves it.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()


class AccountError(ValueError):
    """An account operation was refused; the message says why, for the person at the keyboard."""


@dataclass(frozen=True)
class Coach:
    id: uuid.UUID
    email: str
    name: str


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError(f"not an email address: {email!r}")
    return email


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def add_coach(
    store: Store, email: str, name: str | None = None, password: str | None = None
) -> Coach:
    """Create a coach account. Without a password the coach can sign in only through OIDC."""
    email = normalise_email(email)
    password_hash = hash_password(password) if password is not None else None
    coach = Coach(uuid.uuid4(), email, (name or email.split("@")[0]).strip())
    with store.transaction() as cur:
        if cur.one("auth/coach_by_email", {"email": email}):
            raise AccountError(f"a coach with the email {email} already exists")
        cur.execute(
            "auth/insert_coach",
            {
                "id": coach.id,
                "email": coach.email,
                "name": coach.name,
                "password_hash": password_hash,
                "now": utc_now(),
            },
        )
    return coach


def coach_by_email(store: Store | Cursor, email: str) -> Coach | None:
    """The coach account for a signed-in email, or None: an unknown email gets no access.
    On a cursor, inside the caller's transaction."""
    try:
        email = normalise_email(email)
    except AccountError:
        return None
    row = store.one("auth/coach_by_email", {"email": email})
    return Coach(row["id"], row["email"], row["name"]) if row else None


def require_coach(store: Store, email: str) -> Coach:
    coach = coach_by_email(store, email)
    if coach is None:
        raise AccountError(f"no coach with the email {email}")
    return coach


def authenticate(store: Store, email: str, password: str) -> Coach | None:
    """The coach when the password matches, else None. Unknown emails cost a hash too."""
    try:
        row = store.one("auth/coach_by_email", {"email": normalise_email(email)})
    except (AccountError, StoreError):
        row = None
    stored = row["password_hash"] if row else None
    try:
        # Verifying against a throwaway hash keeps the time of a miss close to that of a hit.
        _hasher.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if not row or not stored:
        return None
    return Coach(row["id"], row["email"], row["name"])


@dataclass(frozen=True)
class SignIn:
    """What a sign-in came to: the coach, or None; and how long the next try must wait."""

    coach: Coach | None
    wait: throttle.Wait


def sign_in(store: Store, email: str, password: str, address: str, now: datetime) -> SignIn:
    """Check a password typed at the sign-in form, throttled (coachkit/throttle.py).

    The account's misses from this address and all misses from this address are counted; while
    either must wait, the password is not even checked, so a guesser learns nothing sooner. A
    right password ends the count of this address's misses for the account, and misses from
    one address never hold up the account's coach at another."""
    account = email.strip().lower()
    pair = f"{account} from {address}"
    waits = [
        throttle.wait(store, throttle.SIGN_IN, pair, now),
        throttle.wait(store, throttle.SIGN_IN_ADDRESS, address, now),
    ]
    held = max(waits, key=lambda w: w.left)
    if held:
        return SignIn(None, held)
    coach = authenticate(store, email, password)
    if coach is not None:
        throttle.forget(store, throttle.SIGN_IN, pair)
        return SignIn(coach, held)
    waits = [
        throttle.missed(store, throttle.SIGN_IN, pair, now),
        throttle.missed(store, throttle.SIGN_IN_ADDRESS, address, now),
    ]
    return SignIn(None, max(waits, key=lambda w: w.left))


def count_coaches(store: Store) -> int:
    return store.scalar("auth/count_coaches")


@cache
def _dummy_hash() -> str:
    # Made on first use, not at import: every CLI command imports this module.
    return _hasher.hash("not a password anyone has")
