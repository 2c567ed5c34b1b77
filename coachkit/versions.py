"""Data versions: what a page's cache is keyed on, so that it never shows stale numbers.

Every write that changes what a coach's pages show records a data change for that coach in the
same transaction (an import, its undo, an exercise mapping, thresholds, a program, an
assignment, a client added, archived or noted; the catalog, for every coach). A coach's version
is the count of their changes: it only grows, so a page that keys its cache on (coach, version,
dates) recomputes after any write, on this server or another one on the same database, and
never serves one coach's numbers to another. Bookkeeping writes that change no number (a view
counted, a sign-in, a throttle, the roster's "seen" mark) record nothing.
"""

from __future__ import annotations

import uuid

from coachkit.clock import utc_now
from coachkit.store import Cursor, Store


def current(store: Store | Cursor, coach_id: uuid.UUID) -> int:
    """The coach's data version: it changes with every write to what their pages show."""
    return int(store.scalar("versions/current", {"coach_id": coach_id}))


def changed(cur: Cursor, coach_id: uuid.UUID) -> None:
    """Record, inside the writing transaction, that this coach's data changed."""
    cur.execute("versions/changed", {"coach_id": coach_id, "now": utc_now()})


def changed_all(cur: Cursor) -> None:
    """Record, inside the writing transaction, that every coach's data changed."""
    cur.execute("versions/changed_all", {"now": utc_now()})
