"""Planned vs done: each planned date of a client's program and each leg session with its
status, as METRICS.md's calendar defines them. Pure: metrics.py reads the days, this module
matches them; present.py and charts.py give them words and marks.

A weekly program: every planned date from the assignment's start through the next 14 days is
**done** (a leg session that date, matched first for all dates), else **moved** (an unmatched
leg session one day before or after, the earlier first), else **missed** before today and
**upcoming** from today. A leg session no planned date matched is **extra**, and one fewer than
`min_rest_days` after the leg session before it is also **too soon**. A daily program: each
planned day is **done** (its reps reached), **partial** (some) or **missed**; today and later,
without the reps yet, **upcoming**.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DONE, MOVED, MISSED, UPCOMING, EXTRA, PARTIAL = (
    "done",
    "moved",
    "missed",
    "upcoming",
    "extra",
    "partial",
)
STATUSES = (DONE, MOVED, PARTIAL, MISSED, UPCOMING, EXTRA)
AHEAD = timedelta(days=14)  # how far past today the planned dates run


@dataclass(frozen=True)
class Logged:
    """One exercise of a day, as logged: its name and how many sets."""

    exercise: str
    sets: int


@dataclass(frozen=True)
class Day:
    """One date of the calendar: a planned date, a leg session, or both."""

    day: date
    status: str  # one of STATUSES
    planned: bool  # a date the program plans
    session: bool  # a leg session was logged that day
    too_soon: bool = False  # a leg session fewer than min_rest_days after the one before
    other_day: date | None = None  # moved: the session's day, or the planned date it stood for
    reps: int | None = None  # daily: the program exercise's reps that day
    sets: int | None = None  # daily: its sets
    logged: tuple[Logged, ...] = ()


@dataclass(frozen=True)
class Week:
    """This week's planned dates, and how many were done (or moved) and missed."""

    planned: int
    done: int
    missed: int


@dataclass(frozen=True)
class Calendar:
    """A client's planned dates and leg sessions since the current assignment's start."""

    program: str | None
    start: date | None  # the assignment's start; None without a program
    daily: bool
    target_reps: int | None  # daily: the reps that make a day done
    min_rest_days: int
    days: tuple[Day, ...]

    def week(self, today: date) -> Week:
        """The ISO week of `today`: planned dates, done or moved, missed."""
        monday = today - timedelta(days=today.isoweekday() - 1)
        planned = [d for d in self.days if d.planned and monday <= d.day <= monday + timedelta(6)]
        return Week(
            planned=len(planned),
            done=sum(d.status in (DONE, MOVED) for d in planned),
            missed=sum(d.status == MISSED for d in planned),
        )


@dataclass(frozen=True)
class Logs:
    """What metrics.py read for one day of the assignment (sql/metrics/calendar.sql)."""

    day: date
    leg_session: bool
    previous_leg_session: date | None
    program_sets: int
    program_reps: int
    logged: tuple[Logged, ...]


def planned_dates(start: date, until: date, weekdays: tuple[int, ...]) -> list[date]:
    """The dates from `start` to `until` that fall on the ISO `weekdays`."""
    days = (start + timedelta(n) for n in range((until - start).days + 1))
    return [day for day in days if day.isoweekday() in weekdays]


def _daily(planned: list[date], logs: dict[date, Logs], target: int, today: date) -> list[Day]:
    found = []
    for day in planned:
        log = logs.get(day)
        reps = log.program_reps if log else 0
        if reps >= target:
            status = DONE
        elif day >= today:
            status = UPCOMING
        else:
            status = PARTIAL if reps else MISSED
        found.append(Day(day, status, planned=True, session=bool(log and log.leg_session),
                         reps=reps, sets=log.program_sets if log else 0,
                         logged=log.logged if log else ()))  # fmt: skip
    return found


def _weekly(
    planned: list[date], logs: dict[date, Logs], min_rest_days: int, today: date
) -> list[Day]:
    sessions = {day: log for day, log in logs.items() if log.leg_session}
    done = {day for day in planned if day in sessions}
    moved: dict[date, date] = {}  # planned date -> the session that stood for it
    for day in planned:
        if day in done:
            continue
        for near in (day - timedelta(1), day + timedelta(1)):
            if near in sessions and near not in done and near not in moved.values():
                moved[day] = near
                break
    stood_for = {session: day for day, session in moved.items()}

    def too_soon(day: date) -> bool:
        before = sessions[day].previous_leg_session
        return before is not None and (day - before).days < min_rest_days

    found = []
    for day in planned:
        if day in done:
            found.append(Day(day, DONE, planned=True, session=True, too_soon=too_soon(day),
                             logged=sessions[day].logged))  # fmt: skip
        elif day in moved:
            found.append(Day(day, MOVED, planned=True, session=False, other_day=moved[day]))
        else:
            found.append(Day(day, MISSED if day < today else UPCOMING, planned=True,
                             session=False))  # fmt: skip
    for day, log in sessions.items():
        if day in done:
            continue
        status = MOVED if day in stood_for else EXTRA
        found.append(Day(day, status, planned=False, session=True, too_soon=too_soon(day),
                         other_day=stood_for.get(day), logged=log.logged))  # fmt: skip
    return sorted(found, key=lambda d: (d.day, not d.planned))


def build(
    *,
    program: str | None,
    start: date | None,
    weekdays: tuple[int, ...],
    daily: bool,
    target_reps: int | None,
    min_rest_days: int,
    logs: list[Logs],
    today: date,
) -> Calendar:
    """The calendar of one client's current assignment (none: no days)."""
    days: list[Day] = []
    if start is not None:
        planned = planned_dates(start, today + AHEAD, weekdays)
        by_day = {log.day: log for log in logs}
        if daily:
            days = _daily(planned, by_day, target_reps or 0, today)
        else:
            days = _weekly(planned, by_day, min_rest_days, today)
    return Calendar(program, start, daily, target_reps, min_rest_days, tuple(days))
