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
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coachkit import catalog, weekdays
from coachkit.metrics import (
    BEHIND_PROGRAM,
    NO_LEG_SESSION,
    NO_LOGGED_SET,
    RED_GAP,
    TOP_HEAVY,
    Flag,
    Report,
    RosterEntry,
)

if TYPE_CHECKING:
    import pandas as pd

    from coachkit.ingest import Preview
    from coachkit.programs import Assignment, Prescription, Program
    from coachkit.throttle import Wait

NO_VALUE = "—"  # a metric with nothing to count yet
NOTHING_LOGGED = "nothing logged yet"
EXEMPT = "exempt, daily program"  # a daily program has no weekly band and no rest rule


def percent(value: float | None) -> str:
    """A share as a whole percentage, "67%"; a dash where there was nothing to count."""
    return NO_VALUE if value is None else f"{value:.0%}"


def span(start: date | None, end: date | None) -> str:
    """A window of dates, "2026-07-27 to 2026-11-22", or that there is none yet."""
    return NOTHING_LOGGED if start is None else f"{start} to {end}"


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


FLAG_WORDS = {
    TOP_HEAVY: "top-heavy",
    RED_GAP: "red recovery gap",
    NO_LEG_SESSION: "no leg session in the last {days} days",
    BEHIND_PROGRAM: "adherence below {limit:g}",
    NO_LOGGED_SET: "no logged set in the last {days} days",
}


def flag_reason(flag: Flag) -> str:
    """Why a client needs attention, in the coach's words: "no leg session in the last 14 days"."""
    return FLAG_WORDS[flag.rule].format(days=flag.days, limit=flag.limit)


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
        note = "fewer than two leg sessions"
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
        note = "no complete week yet"
    help = "Complete weeks with a number of leg sessions inside the target band."
    return Figure("leg_frequency", "Leg frequency", percent(r.leg_frequency_compliance), note, help)


def _stretching(r: Report) -> Figure:
    note = f"of {r.leg_sessions} leg sessions" if r.leg_sessions else "no leg session yet"
    help = "Leg sessions with a stretch logged the same day."
    return Figure("stretching", "Stretching", percent(r.stretching_compliance), note, help)


def _adherence(r: Report) -> Figure:
    if r.adherence is not None:
        note = f"adherent from {percent(r.thresholds.adherence_min)}"
    else:
        note = "needs a program and a complete week"
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
        Figure("compliance_window", "Compliance window", span(r.window_start, r.window_end)),
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
    "reasons",
    "flagged",
)


def roster_frame(entries: Iterable[RosterEntry]) -> pd.DataFrame:
    """The roster as a table, one row per client in the roster's order: the shares as
    numbers, the band and the reasons as words."""
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
            "reasons": reasons(e.report.flags),
            "flagged": bool(e.report.flags),
        }
        for e in entries
    ]
    frame = pd.DataFrame(rows, columns=list(ROSTER_COLUMNS))
    return frame.astype({share: "float64" for share in ROSTER_SHARES})


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


def program_facts(program: Program) -> str:
    """A program's rules in one line."""
    stretch = "stretching after" if program.stretching_required else "no stretching required"
    rest = f"{program.min_rest_days} rest days between leg sessions"
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


# An import's preview, as the Upload page and `coachkit import` show it.


def preview_notes(preview: Preview) -> list[str]:
    """What a file held besides its sets, one sentence each: rows that are not sets, and rows
    split by an unquoted comma that were joined again."""
    notes = []
    if preview.skipped:
        counts = ", ".join(f"{n:,} {reason}" for reason, n in preview.skipped.items())
        notes.append(f"Not sets, skipped: {counts}.")
    if preview.repaired_rows:
        notes.append(
            f"{preview.repaired_rows:,} rows split by a comma in the exercise name were repaired."
        )
    return notes
