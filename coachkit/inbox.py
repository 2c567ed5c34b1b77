"""Logs that arrive without the coach: a client sends their own export through their link.

A report link made with uploads on (sharing.create_link) also takes the client's exports. Each
file goes through the coach's own pipeline (ingest.py: the same layouts, validation, caps,
idempotence and one transaction), and its import is recorded with the link it came through,
so the import history says "sent by the client" and the coach can undo it as any other.

What the client may not do, the coach still can: a client never maps columns (a layout
CoachKit does not know is refused in words) and never names exercises (unknown names import,
and wait for the coach on the Client page). Every call takes the link's token, not a client:
the token is checked again on each call, so a link revoked, expired, switched to report only
or whose client was archived accepts nothing from that moment, and a link only ever reaches
the one client it names.

Limits: at most `settings.link_uploads_per_day()` imports through one link in 24 hours (a
refused file does not count, as it changes nothing), and the coach's size and row caps.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from coachkit import ingest, sharing
from coachkit.clients import get_client
from coachkit.clock import utc_now
from coachkit.preview import NeedsMapping, Preview, Result, UnknownName
from coachkit.settings import link_uploads_per_day
from coachkit.store import Store

DAY = timedelta(hours=24)
ARRIVALS_SHOWN = 5


class SendRefused(ValueError):
    """A client's file was not taken; the message is a sentence for the client."""


@dataclass(frozen=True)
class Arrival:
    """One import a client sent through their link."""

    id: uuid.UUID
    file_name: str
    created_at: datetime
    sets_added: int
    undone_at: datetime | None
    is_new: bool  # sent after the coach last looked at the client's page


def _link(store: Store, token: str, now: datetime) -> sharing.Shared:
    """The link behind `token`, if it is valid at `now` and takes uploads; else a refusal."""
    shared = sharing.resolve(store, token, now, count_view=False)
    if shared is None or not shared.uploads:
        raise SendRefused("This link does not take files. Ask your coach for a new link.")
    return shared


def sends_left(store: Store, token: str, now: datetime | None = None) -> int:
    """How many more files the link takes in the 24 hours up to `now`."""
    now = now or utc_now()
    return _sends_left(store, _link(store, token, now), now)


def _sends_left(store: Store, shared: sharing.Shared, now: datetime) -> int:
    sent = store.scalar("inbox/sent_since", {"link_id": shared.link_id, "since": now - DAY})
    return max(0, link_uploads_per_day() - sent)


def preview(store: Store, token: str, path: Path, name: str, unit: str | None = None) -> Preview:
    """What sending the file would add, for the client to confirm; writes nothing."""
    shared = _link(store, token, utc_now())
    try:
        return ingest.preview(store, shared.coach_id, shared.client_id, path, name, unit)
    except NeedsMapping:
        raise SendRefused(
            f"{name}: CoachKit does not know this kind of file. Send the export of Strong, "
            "Hevy, FitNotes or StrongLifts as the app wrote it, or give this file to your coach."
        ) from None


def send(
    store: Store,
    token: str,
    path: Path,
    name: str,
    unit: str | None = None,
    leave_out: bool = False,
    now: datetime | None = None,
) -> Result:
    """Import the file for the link's client, recorded as sent through the link; or refuse
    it in words and change nothing (ImportRejected for what is wrong in the file)."""
    now = now or utc_now()
    shared = _link(store, token, now)
    if _sends_left(store, shared, now) <= 0:
        raise SendRefused(
            f"You have sent {link_uploads_per_day()} files in the last 24 hours, as many as "
            "a link takes in a day. Try again tomorrow, or send the file to your coach."
        )
    try:
        return ingest.commit(
            store, shared.coach_id, shared.client_id, path, name, unit,
            leave_out=leave_out, link_id=shared.link_id,
        )  # fmt: skip
    except NeedsMapping:
        raise SendRefused(
            f"{name}: CoachKit does not know this kind of file. Give it to your coach."
        ) from None


def new_logs(store: Store, coach_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """Per client of the coach, the files they sent through a link since the coach last
    looked at their page (clients without any are left out)."""
    rows = store.rows("inbox/new_logs", {"coach_id": coach_id})
    return {row["client_id"]: row["files"] for row in rows}


def arrivals(
    store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, limit: int = ARRIVALS_SHOWN
) -> list[Arrival]:
    """The last files the client sent through a link, newest first."""
    get_client(store, coach_id, client_id)
    params = {"coach_id": coach_id, "client_id": client_id, "limit": limit}
    return [Arrival(**row) for row in store.rows("inbox/arrivals", params)]


def mark_seen(
    store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, now: datetime | None = None
) -> None:
    """The coach has looked at the client's page: what was sent until `now` is not new."""
    get_client(store, coach_id, client_id)
    params = {"coach_id": coach_id, "client_id": client_id, "now": now or utc_now()}
    store.execute("inbox/mark_seen", params)


def unknown_names(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID) -> list[UnknownName]:
    """Exercise names the client logged that count for nothing until the coach says what they
    are (a client sending their own file cannot answer)."""
    get_client(store, coach_id, client_id)
    rows = store.rows("inbox/unknown_names", {"coach_id": coach_id, "client_id": client_id})
    return [UnknownName(row["name"], None, row["rows"], None) for row in rows]
