"""The words a number is shown with: one presenter for every screen and file.

The Client page, the HTML report behind a share link and `coachkit report` all show a client's
numbers through `summary()`, so that the three say the same thing in the same words; the roster
and the Programs page word their numbers here too. Pure: data from coachkit.metrics and
coachkit.programs in, text out. Nothing here reads the database or draws, and nothing here is
escaped: each screen escapes for its own medium (Markdown, HTML, a terminal).

The voice is the coach's: compact, with the rule each number is judged by.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coachkit import catalog, planned, weekdays
from coachkit.metrics import (
    BEHIND_PROGRAM,
    NO_LEG_SESSION,
    NO_LOGGED_SET,
    NO_STRETCHING,
    TOO_LITTLE_REST,
    TOO_MANY_LEG_DAYS,
    TOP_HEAVY,
    Flag,
    Report,
    RosterEntry,
)

if TYPE_CHECKING:
    import uuid

    import pandas as pd

    from coachkit.planned import Calendar, Day, Week
    from coachkit.programs import Assignment, Prescription, Program
    from coachkit.throttle import Wait

NO_VALUE = "—"  # a metric with nothing to count yet
NOTHING_LOGGED = "nothing logged yet"
EXEMPT = "exempt, daily program"  # a daily program has no weekly band and no rest rule


def percent(value: float | None) -> str:
    """A share as a whole percentage, "67%"; a dash where there was nothing to count."""
    return NO_VALUE if value is None else f"{value:.0%}"


def span(start: date | None, end: date | None, starts: date | None = None) -> str:
    """A window of dates, "2026-07-27 to 2026-11-22"; without one, the day it starts to
    count ("from 2026-12-07") or that there is nothing to count yet."""
    if start is not None:
        return f"{start} to {end}"
    return NOTHING_LOGGED if starts is None else f"from {starts}"


def _not_yet(r: Report, otherwise: str) -> str:
    """The note of a compliance number with no value: from when it will have one."""
    if r.window_start is None and r.compliance_from is not None:
        return f"from {r.compliance_from}, after the first full week"
    return otherwise


def number(value: float) -> str:
    """A count that may be fractional (a full-body set credits half): "132", "12.5"."""
    return f"{value:g}"


def count(n: int, noun: str) -> str:
    """A whole count with its noun, singular for one: "1 row", "3,928 rows"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def duration(left: timedelta) -> str:
    """A wait in the largest unit that still says it, rounded up: "1 second", "40 seconds",
    "15 minutes"."""
    seconds = max(1, math.ceil(left.total_seconds()))
    if seconds < 90:
        return count(seconds, "second")
    return count(math.ceil(seconds / 60), "minute")


def sign_in_refused(wait: Wait) -> str:
    """Why a sign-in failed, and when to try again when the next try must wait."""
    if wait.locked:
        return (
            f"Sign-in is locked after too many wrong passwords. Try again in {duration(wait.left)}."
        )
    if wait:
        return f"Too many wrong passwords. Try again in {duration(wait.left)}."
    return "That email and password do not match an account."


def band(low: int, high: int) -> str:
    """A range of whole numbers, "1–2", or one number when both ends agree."""
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class Figure:
    """One number as it is shown: a label, the value, and a note that says what it was counted
    from or judged by. `help` is the longer explanation a screen may show on hover."""

    key: str
    label: str
    value: str
    note: str = ""
    help: str = ""

    @property
    def text(self) -> str:
        """The value with its note: "49% (balanced, target 35%–60%)"."""
        return f"{self.value} ({self.note})" if self.note else self.value

    @property
    def line(self) -> str:
        """The figure as one line of prose: "Lower share: 49% (balanced, target 35%–60%)"."""
        return f"{self.label}: {self.text}"


@dataclass(frozen=True)
class Summary:
    """A client's report in words. `headline`: the five numbers a coach judges a client by;
    `context`: what they were counted over; `attention`: the flags."""

    context: tuple[Figure, ...]
    headline: tuple[Figure, ...]
    attention: Figure

    @property
    def rows(self) -> tuple[Figure, ...]:
        """Every figure in reading order, for a table: context, numbers, then the flags."""
        return (*self.context, *self.headline, self.attention)


def _too_little_rest(f: Flag) -> str:
    words = (
        f"too little rest: {f.count} of {count(f.of, 'break')} between leg days lasted "
        f"{f.rest_days}+ days in the last {f.days} days"
    )
    if f.short:
        words += f" ({f.short} under {count(f.rest_days - 1, 'day')})"
    return words


FLAG_WORDS = {
    TOP_HEAVY: lambda f: (
        f"top-heavy: legs {percent(f.value)} of working sets in the last {f.days} days "
        f"(below {percent(f.limit)})"
    ),
    TOO_LITTLE_REST: _too_little_rest,
    TOO_MANY_LEG_DAYS: lambda f: (
        f"too many leg days: over {f.limit:g} a week in {f.count} of the last {f.of} weeks"
    ),
    NO_STRETCHING: lambda f: (
        f"no stretching: stretched after {f.count} of {count(f.of, 'leg day')} "
        f"in the last {f.days} days"
    ),
    BEHIND_PROGRAM: lambda f: (
        f"behind the program: adherence {percent(f.value)} over {count(f.of, 'week')} "
        f"(below {percent(f.limit)})"
    ),
    NO_LEG_SESSION: lambda f: f"no leg session in the last {f.days} days",
    NO_LOGGED_SET: lambda f: f"no logged set in the last {f.days} days",
}


def flag_reason(flag: Flag) -> str:
    """Why a client needs attention, in the coach's words with the numbers it was judged by:
    "no stretching: stretched after 1 of 6 leg days in the last 28 days"."""
    return FLAG_WORDS[flag.rule](flag)


def reasons(flags: Iterable[Flag]) -> str:
    """A client's reasons as one line; empty when there are none."""
    return "; ".join(flag_reason(flag) for flag in flags)


def _lower_share(r: Report) -> Figure:
    t = r.thresholds
    target = f"target {percent(t.lower_share_min)}–{percent(t.lower_share_max)}"
    note = f"{r.balance_band}, {target}" if r.lower_share is not None else "no working sets"
    return Figure(
        "lower_share",
        "Lower share",
        percent(r.lower_share),
        note,
        "Lower-body share of the working sets over the balance window.",
    )


def _recovery(r: Report) -> Figure:
    t = r.thresholds
    if r.recovery_compliance is not None:
        note = f"{r.recovery_gaps_ok} of {r.recovery_gaps} gaps of {t.min_rest_days}+ days"
    elif r.recovery_gaps:
        note = EXEMPT
    else:
        note = _not_yet(r, "fewer than two leg sessions")
    help = f"Gaps between leg sessions of at least {t.min_rest_days} days."
    return Figure("recovery", "Recovery", percent(r.recovery_compliance), note, help)


def _frequency(r: Report) -> Figure:
    t = r.thresholds
    if r.leg_frequency_compliance is not None:
        legs = band(t.leg_freq_min, t.leg_freq_max)
        note = f"{r.weeks_leg_frequency_ok} of {r.weeks} weeks with {legs} leg sessions"
        if r.weeks_under or r.weeks_over:
            note += f"; {r.weeks_under} under, {r.weeks_over} over"
    elif r.weeks:
        note = EXEMPT
    else:
        note = _not_yet(r, "no complete week yet")
    help = "Complete weeks with a number of leg sessions inside the target band."
    return Figure("leg_frequency", "Leg frequency", percent(r.leg_frequency_compliance), note, help)


def _stretching(r: Report) -> Figure:
    note = (
        f"of {r.leg_sessions} leg sessions" if r.leg_sessions else _not_yet(r, "no leg session yet")
    )
    help = "Leg sessions with a stretch logged the same day."
    return Figure("stretching", "Stretching", percent(r.stretching_compliance), note, help)


def _adherence(r: Report) -> Figure:
    if r.adherence is not None:
        note = f"adherent from {percent(r.thresholds.adherence_min)}"
    elif r.adherence_from is not None:
        note = f"from {r.adherence_from}, after the program's first full week"
    else:
        note = "needs a program"
    help = "Attendance and exercise coverage of the program, from its start."
    return Figure("adherence", "Adherence", percent(r.adherence), note, help)


def program(name: str | None) -> Figure:
    """The program a client's numbers were counted under."""
    return Figure("program", "Program", name or "none assigned")


def summary(r: Report) -> Summary:
    """A client's report in the coach's words."""
    sessions = f"{r.first_leg_session} to {r.last_leg_session}" if r.first_leg_session else ""
    context = (
        program(r.program),
        Figure("balance_window", "Balance window", span(r.balance_window_start,
                                                         r.balance_window_end)),
        Figure(
            "working_sets",
            "Working sets lower / upper",
            f"{number(r.working_sets_lower)} / {number(r.working_sets_upper)}",
        ),
        Figure(
            "compliance_window",
            "Compliance window",
            span(r.window_start, r.window_end, r.compliance_from),
        ),
        Figure("leg_sessions", "Leg sessions", str(r.leg_sessions), sessions),
    )  # fmt: skip
    headline = (_lower_share(r), _recovery(r), _frequency(r), _stretching(r), _adherence(r))
    attention = Figure("flags", "Needs attention", reasons(r.flags) or "nothing")
    return Summary(context, headline, attention)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def report_json(r: Report) -> dict:
    """The object `coachkit report --json` prints (METRICS.md's keys, in the Report's order):
    dates as YYYY-MM-DD, None as null, the flags as the coach's reasons, and the thresholds
    the numbers were counted with."""
    plain = {f.name: _json_value(getattr(r, f.name)) for f in fields(r) if f.name != "program"}
    plain["flags"] = [flag_reason(flag) for flag in r.flags]
    plain["thresholds"] = asdict(r.thresholds)
    return plain


# The shares of the roster table, each a column of its own.
ROSTER_SHARES = (
    "lower_share",
    "recovery_compliance",
    "leg_frequency_compliance",
    "stretching_compliance",
    "adherence",
)
ROSTER_COLUMNS = (
    "client_id",
    "name",
    "archived",
    "program",
    "last_session",
    *ROSTER_SHARES,
    "balance_band",
    "this_week",
    "reasons",
    "attention",
    "flagged",
    "new_logs",
)


# The short name of each rule, for a filter of the roster; and of a client with none.
FLAG_NAMES = {
    TOP_HEAVY: "top-heavy",
    TOO_LITTLE_REST: "too little rest",
    TOO_MANY_LEG_DAYS: "too many leg days",
    NO_STRETCHING: "no stretching",
    BEHIND_PROGRAM: "behind the program",
    NO_LEG_SESSION: "no recent leg session",
    NO_LOGGED_SET: "no recent log",
}
NEW_CLIENT = "new client"
ON_TRACK = "on track"


def attention(report: Report) -> tuple[str, ...]:
    """The short names of a client's flags; "new client" or "on track" without one."""
    if report.flags:
        return tuple(FLAG_NAMES[flag.rule] for flag in report.flags)
    return (NEW_CLIENT,) if report.new_client else (ON_TRACK,)


def roster_frame(
    entries: Iterable[RosterEntry], new_logs: Mapping[uuid.UUID, int] | None = None
) -> pd.DataFrame:
    """The roster as a table, one row per client in the roster's order: the shares as
    numbers, the band, this week and the reasons as words, the flags' short names, and the
    files each client sent since the coach last looked (`new_logs`, inbox.new_logs)."""
    new_logs = new_logs or {}
    import pandas as pd

    rows = [
        {
            "client_id": e.client_id,
            "name": e.name,
            "archived": e.archived,
            "program": e.report.program,
            "last_session": e.last_session,
            **{share: getattr(e.report, share) for share in ROSTER_SHARES},
            "balance_band": e.report.balance_band,
            "this_week": week_text(e.week),
            "reasons": reasons(e.report.flags),
            "attention": attention(e.report),
            "flagged": bool(e.report.flags),
            "new_logs": count(n, "new file") if (n := new_logs.get(e.client_id)) else "",
        }
        for e in entries
    ]
    frame = pd.DataFrame(rows, columns=list(ROSTER_COLUMNS))
    return frame.astype({share: "float64" for share in ROSTER_SHARES})


def week_text(week: Week) -> str:
    """This week's planned dates against what was done: "1 of 2 done, 1 missed"."""
    if not week.planned:
        return "nothing planned"
    words = f"{week.done} of {week.planned} done"
    return f"{words}, {week.missed} missed" if week.missed else words


def roster_json(entries: Iterable[RosterEntry]) -> list[dict]:
    """The roster as `coachkit roster --json` prints it: one object per client, in the
    roster's order, with the shares as numbers and the flags as the coach's reasons."""
    return [
        {
            "client": e.name,
            "archived": e.archived,
            "program": e.report.program,
            "last_session": _json_value(e.last_session),
            **{share: getattr(e.report, share) for share in ROSTER_SHARES},
            "balance_band": e.report.balance_band,
            "this_week": asdict(e.week),
            "new_client": e.report.new_client,
            "flags": [flag_reason(flag) for flag in e.report.flags],
        }
        for e in entries
    ]


# Planned vs done, as `coachkit calendar` and the Client page's calendar show it.


def _day_label(day: date) -> str:
    return f"{weekdays.name(day.isoweekday())} {day}"


def day_note(d: Day, calendar: Calendar) -> str:
    """What a calendar day holds, in words: "done on Fri 2026-11-20", "80 of 100 reps in 4
    sets", "too soon: under 3 days after the leg session before", what was logged."""
    parts = []
    if d.status == planned.MOVED:
        where = "done on" if d.planned else "stood for"
        parts.append(f"{where} {_day_label(d.other_day)}")
    if calendar.daily and (d.reps or d.status != planned.UPCOMING):
        parts.append(f"{d.reps} of {calendar.target_reps} reps in {count(d.sets, 'set')}")
    if d.too_soon:
        parts.append(
            f"too soon: under {count(calendar.min_rest_days, 'day')} after the leg session before"
        )
    if d.logged:
        parts.append(", ".join(f"{item.exercise} {count(item.sets, 'set')}" for item in d.logged))
    return "; ".join(parts)


def calendar_json(name: str, calendar: Calendar) -> dict:
    """The object `coachkit calendar --json` prints: every planned date and leg session."""
    return {
        "client": name,
        "program": calendar.program,
        "start": _json_value(calendar.start),
        "days": [
            {
                "date": d.day.isoformat(),
                "weekday": weekdays.name(d.day.isoweekday()),
                "status": d.status,
                "planned": d.planned,
                "session": d.session,
                "too_soon": d.too_soon,
                "other_day": _json_value(d.other_day),
                "reps": d.reps,
                "sets": d.sets,
                "logged": [asdict(item) for item in d.logged],
                "note": day_note(d, calendar),
            }
            for d in calendar.days
        ],
    }


CALENDAR_PAST_WEEKS = 12  # the Client page's calendar: this week and the 11 before it
CALENDAR_COLUMNS = ("day", "week", "week_start", "weekday", "status", "what", "too_soon", "note")


def calendar_frame(calendar: Calendar, today: date) -> pd.DataFrame:
    """The calendar's last 12 weeks and next 2 as a table for the chart, one row a date:
    its week (Monday) and weekday, status, whether it was planned or a leg session, and the
    day's note for the tooltip."""
    import pandas as pd

    monday = today - timedelta(days=today.isoweekday() - 1)
    first = monday - timedelta(weeks=CALENDAR_PAST_WEEKS - 1)
    last = monday + timedelta(weeks=planned.AHEAD.days // 7, days=6)
    rows = []
    for d in calendar.days:
        if not first <= d.day <= last:
            continue
        week_start = d.day - timedelta(days=d.day.isoweekday() - 1)
        rows.append(
            {
                "day": d.day,
                "week": f"{week_start:%d %b}",
                "week_start": week_start,
                "weekday": weekdays.name(d.day.isoweekday()),
                "status": d.status,
                "what": "planned date" if d.planned else "leg session",
                "too_soon": "too soon" if d.too_soon else "",
                "note": day_note(d, calendar) or d.status,
            }
        )
    return pd.DataFrame(rows, columns=list(CALENDAR_COLUMNS))


def calendar_caption(calendar: Calendar, today: date) -> str:
    """The calendar in one line of words, under the chart: today's status, this week, and
    the next planned date. "Today (Thu 2026-12-03): done. This week: 1 of 2 done. Next
    planned: Mon 2026-12-07." """
    if calendar.start is None:
        return "No program is assigned, so nothing is planned."
    shown = [d for d in calendar.days if d.day == today]
    now = ", ".join(d.status for d in shown) or "nothing planned or logged"
    words = [
        f"Today ({_day_label(today)}): {now}.",
        f"This week: {week_text(calendar.week(today))}.",
    ]
    upcoming = [d.day for d in calendar.days if d.planned and d.day > today]
    if upcoming:
        words.append(f"Next planned: {_day_label(upcoming[0])}.")
    return " ".join(words)


def calendar_lines(name: str, calendar: Calendar) -> list[str]:
    """The calendar as lines a coach reads in a terminal, one a date."""
    if calendar.start is None:
        return [name, "  No program is assigned, so nothing is planned."]
    head = f"{name}: {calendar.program}, from {_day_label(calendar.start)}"
    lines = [head]
    for d in calendar.days:
        lines.append(f"  {_day_label(d.day)}  {d.status:<10}{day_note(d, calendar)}".rstrip())
    return lines


# Programs, as the Programs and Client pages show them.


def exercise_name(slug: str) -> str:
    """A catalog exercise's name; the slug itself if the catalog no longer has it."""
    try:
        return catalog.exercise(slug).name
    except KeyError:
        return slug


def program_band(program: Program) -> str:
    """How often a program trains legs: "1–2 leg sessions a week", "every day, 100 reps"."""
    if program.kind == "daily":
        return f"every day, {program.daily_reps_target} reps"
    return f"{band(program.leg_freq_min, program.leg_freq_max)} leg sessions a week"


def rest_rule(days: int, planned: Iterable[int] = (1,)) -> str:
    """What the rest rule means in days a coach plans: "at least 3 days from one leg day to
    the next: Mon → Thu", from the first planned weekday."""
    first = min(planned, default=1)
    example = f"{weekdays.name(first)} → {weekdays.name(first + days)}"
    return f"at least {count(days, 'day')} from one leg day to the next: {example}"


def program_facts(program: Program) -> str:
    """A program's rules in one line."""
    stretch = "stretching after" if program.stretching_required else "no stretching required"
    rest = rest_rule(program.min_rest_days, program.planned_weekdays)
    return (
        f"{program.kind.capitalize()}: {program_band(program)}, {rest}, {stretch}, "
        f"planned on {weekdays.names(program.planned_weekdays)}, {program.horizon_weeks} weeks."
    )


def sets_and_reps(p: Prescription) -> str:
    """A prescription's sets and reps: "3 × 8–12"."""
    return f"{band(p.sets_min, p.sets_max)} × {band(p.reps_min, p.reps_max)}"


def assignment_line(a: Assignment, today: date) -> str:
    """A client's running or next assignment: "Gym legs: started 2026-10-05, planned on Mon,
    Thu.", or its end too when it has one."""
    name = a.program_name or "a program no longer available"
    starts = "started" if a.start <= today else "starts"
    ends = f", ends {a.end}" if a.end else ""
    return f"{name}: {starts} {a.start}{ends}, planned on {weekdays.names(a.planned_weekdays)}."
