"""What a client's own report counts beyond the coach's numbers: their last four weeks and
their program as this week asks it. coachkit/present_client.py gives both their words;
coachkit/report.py puts them in the report a share link opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from coachkit import catalog, metrics, planned, programs
from coachkit.sharing import Shared
from coachkit.store import Store

MONTH = timedelta(days=28)  # "this month": the last four weeks, today included


@dataclass(frozen=True)
class Month:
    """The client's last four weeks, counted for the words of their report."""

    start: date
    leg_days: int
    rests: int  # breaks between two leg days that both fall in the four weeks
    rests_ok: int  # of them, at least min_rest_days long
    stretched: int  # leg days with a stretch the same day
    weeks: int  # complete weeks among the four (the last four complete weeks at most)
    weeks_in_band: int  # of them, with leg_freq_min..leg_freq_max leg days
    days_done: int | None  # the daily plan: days its reps were reached; None for a weekly one


@dataclass(frozen=True)
class Plan:
    """The client's program as this week asks it: its planned dates with what became of them,
    the next one still to do, and what each leg day holds."""

    program: str
    daily: bool
    start: date
    week: tuple[planned.Day, ...]  # this week's planned dates, Monday to Sunday
    next_day: date | None  # the first planned date from today on that is not done yet
    exercises: tuple[tuple[str, programs.Prescription], ...]  # the exercise's name, its dose
    stretch: bool  # the program asks for a stretch after each leg day
    daily_reps: int | None


def month(d: metrics.Dashboard, today: date) -> Month:
    """The last four weeks of a client's dashboard, counted."""
    start = today - MONTH + timedelta(days=1)
    since = pd.Timestamp(start)
    sessions = d.sessions[pd.to_datetime(d.sessions["session_date"]) >= since]
    rests = sessions[pd.to_datetime(sessions["previous_session"]) >= since]
    # The complete weeks that end inside the four weeks, the last four at most.
    weeks = d.weeks[pd.to_datetime(d.weeks["week_start"]) >= since - pd.Timedelta(days=6)].tail(4)
    days_done = None
    if d.calendar.daily:
        days_done = sum(
            day.status == planned.DONE and start <= day.day <= today for day in d.calendar.days
        )
    return Month(
        start=start,
        leg_days=len(sessions),
        rests=len(rests),
        rests_ok=int((rests["gap_days"] >= d.thresholds.min_rest_days).sum()),
        stretched=int(sessions["stretched"].sum()),
        weeks=len(weeks),
        weeks_in_band=int((weeks["frequency"] == "in band").sum()),
        days_done=days_done,
    )


def plan(store: Store, shared: Shared, d: metrics.Dashboard, today: date) -> Plan | None:
    """The client's running program this week; None without one."""
    calendar = d.calendar
    if calendar.program is None or calendar.start is None:
        return None
    running = next(
        (
            a
            for a in programs.assignments_of(store, shared.coach_id, shared.client_id)
            if a.start == calendar.start and (a.end is None or a.end > today)
        ),
        None,
    )
    if running is None:
        return None
    program = programs.get_program(store, shared.coach_id, running.program_id)
    monday = today - timedelta(days=today.isoweekday() - 1)
    week = tuple(
        day for day in calendar.days if day.planned and monday <= day.day < monday + timedelta(7)
    )
    ahead = (
        day.day
        for day in calendar.days
        if day.planned and day.day >= today and day.status not in (planned.DONE, planned.MOVED)
    )
    return Plan(
        program=program.name,
        daily=calendar.daily,
        start=calendar.start,
        week=week,
        next_day=next(ahead, None),
        exercises=tuple((catalog.exercise(p.slug).name, p) for p in program.exercises),
        stretch=program.stretching_required,
        daily_reps=program.daily_reps_target,
    )
