"""The clock: what time it is for the rows CoachKit writes.

System times in the database (created_at, revoked_at, ...) are UTC without a time zone, so that
two app servers in different zones write comparable times. Workout timestamps are not: they are
the client's local wall-clock time, as the apps export them, and never pass through here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """Now in UTC, as a naive datetime (the database's TIMESTAMP has no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """The local calendar day the metrics count up to (tests pin it here)."""
    return date.today()
