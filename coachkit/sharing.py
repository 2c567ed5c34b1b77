"""Report links: a coach shares one client's read-only report through a secret URL.

A link's token is 32 random bytes from `secrets` (256 bits), URL-safe base64 without padding:
43 characters. Only its SHA-256 is stored, so a copy of the database opens no report; the token
is shown once, when the link is made, and never logged. A plain hash suffices (no salt, no slow
hash): the token is random, not a password a person chose, so there is nothing to guess.

A token is looked up by its hash, which the unique index on `token_hash` finds directly, and
compared again with `hmac.compare_digest`. Hashing first also means that the time a lookup takes
tells an attacker nothing about how close a guess came: they do not control the hash's prefix.

A link may also take the client's own exports ("report and uploads", the default for a new
link; coachkit/inbox.py receives them); the coach can turn that off and on per link. Links made
before uploads existed are report only.

A link works until it expires or the coach revokes it, and only while its client is on the
coach's active roster: archiving a client pauses every link to their report.

Guessing a token is hopeless (2^256 of them), but a client that keeps sending wrong ones is
slowed down all the same (Throttle): after a few misses, each answer to that address waits
longer, up to half a minute, until it has been quiet for a while.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from coachkit.clients import get_client
from coachkit.clock import utc_now
from coachkit.store import Store, StoreError, is_conflict, retry_conflicts

log = logging.getLogger(__name__)

TOKEN_BYTES = 32  # 256 bits
TOKEN_LENGTH = 43  # base64 of 32 bytes, without the padding token_urlsafe drops
TOKEN_CHARS = re.compile(r"[A-Za-z0-9_-]+")
MIN_DAYS, MAX_DAYS = 1, 365
DEFAULT_DAYS = 30
# Two viewers of one link at the same instant both update its row; the database lets one win
# and refuses the other, which then tries again a few times before giving up on counting the view.
COUNT_ATTEMPTS = 5

Status = Literal["active", "expired", "revoked"]


class ShareError(ValueError):
    """A report-link operation was refused; the message says why."""


@dataclass(frozen=True)
class Created:
    """A new link. The token is here once; the database keeps only its hash."""

    id: uuid.UUID
    token: str
    expires_at: datetime

    def __repr__(self) -> str:
        # A Created printed in a log or a traceback must not leak the token.
        return f"Created(id={self.id!r}, token='…', expires_at={self.expires_at!r})"


@dataclass(frozen=True)
class Link:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    views: int
    last_viewed_at: datetime | None
    uploads: bool
    status: Status


@dataclass(frozen=True)
class Shared:
    """Whose report a valid token opens, through which link, and whether it takes uploads."""

    client_id: uuid.UUID
    coach_id: uuid.UUID
    client_name: str
    expires_at: datetime
    link_id: uuid.UUID | None = None
    uploads: bool = False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def well_formed(token: Any) -> bool:
    """Whether `token` could be one of ours: a string of 43 URL-safe base64 characters.

    Checked before hashing, so garbage of any size costs no hash and no query.
    """
    return (
        isinstance(token, str) and len(token) == TOKEN_LENGTH and bool(TOKEN_CHARS.fullmatch(token))
    )


def create_link(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    days: int = DEFAULT_DAYS,
    uploads: bool = True,
) -> Created:
    """A new report link for one of the coach's clients, valid for `days` days (1 to 365);
    `uploads`: the client may also send their exports through it."""
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise ShareError(f"a link lasts {MIN_DAYS} to {MAX_DAYS} days, not {days!r}")
    # The same error for another coach's client as for none at all.
    client = get_client(store, coach_id, client_id)
    if client.archived:
        raise ShareError(f"{client.name} is archived: restore the client to share a report")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utc_now()
    created = Created(uuid.uuid4(), token, now + timedelta(days=days))
    store.execute(
        "sharing/insert",
        {
            "id": created.id,
            "token_hash": token_hash(token),
            "coach_id": coach_id,
            "client_id": client.id,
            "now": now,
            "expires_at": created.expires_at,
            "uploads": bool(uploads),
        },
    )
    return created


def links(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> list[Link]:
    """The coach's links, to one client or all, newest first; `status` as of `now`."""
    rows = store.rows(
        "sharing/list", {"coach_id": coach_id, "client_id": client_id, "now": now or utc_now()}
    )
    return [Link(**row) for row in rows]


def revoke(store: Store, coach_id: uuid.UUID, link_id: uuid.UUID | str) -> datetime:
    """Revoke one of the coach's links and return when it was revoked.

    Idempotent: revoking a revoked link keeps, and returns, the first time. Another coach's link
    and a link that does not exist get the same error.
    """
    mine = {"id": _link_id(link_id), "coach_id": coach_id}
    with store.transaction() as cur:
        if not cur.scalar("sharing/revoke", {**mine, "now": utc_now()}):
            raise ShareError("no such link")
        return cur.scalar("sharing/revoked_at", mine)


def set_uploads(store: Store, coach_id: uuid.UUID, link_id: uuid.UUID | str, on: bool) -> None:
    """Let the client send exports through one of the coach's links, or stop them. Another
    coach's link and a link that does not exist get the same error."""
    params = {"id": _link_id(link_id), "coach_id": coach_id, "uploads": bool(on)}
    with store.transaction() as cur:
        changed = cur.scalar("sharing/set_uploads", params)
    if not changed:
        raise ShareError("no such link")


def _link_id(link_id: uuid.UUID | str) -> uuid.UUID:
    try:
        return uuid.UUID(str(link_id))
    except ValueError:
        raise ShareError("no such link") from None


def resolve(
    store: Store, token: Any, now: datetime | None = None, count_view: bool = True
) -> Shared | None:
    """Whose report `token` opens, counting the view; None for any token that opens nothing.

    Wrong, malformed, expired and revoked tokens all give None, so the caller shows one page
    for every failure and an attacker learns nothing from which failure it was. A page that
    checks the link again on a rerun of the same visit passes `count_view=False`.
    """
    if not well_formed(token):
        return None
    now = now or utc_now()
    digest = token_hash(token)
    row = store.one("sharing/find", {"token_hash": digest, "now": now})
    if row is None or not hmac.compare_digest(row["token_hash"], digest):
        return None
    if count_view and not _count_view(store, row["id"], now):
        return None
    return Shared(
        row["client_id"],
        row["coach_id"],
        row["client_name"],
        row["expires_at"],
        row["id"],
        row["uploads"],
    )


def _count_view(store: Store, link_id: uuid.UUID, now: datetime) -> bool:
    """Add one view; False when the link was revoked or expired since it was found."""
    try:
        return retry_conflicts(
            lambda: store.scalar("sharing/count_view", {"id": link_id, "now": now}) == 1,
            attempts=COUNT_ATTEMPTS,
        )
    except StoreError as exc:
        if not is_conflict(exc):
            raise
    # The link was valid a moment ago: the report is still shown, only this view goes uncounted.
    log.warning("view of share link %s not counted: the row stayed busy", link_id)
    return True


def link_url(base_url: str, token: str) -> str:
    """The report's address for a token: the app's own address with the token. dashboard.py shows
    nothing but the report when a token is in the URL, so the link needs no page path."""
    return f"{base_url.rstrip('/')}/?token={token}"
