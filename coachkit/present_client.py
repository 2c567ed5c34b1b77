"""The presenter's client voice: the words a client reads behind their link, beside the
coach's voice of present.py. Second person, plain and encouraging, no codes: dates as
"Mon 3 Aug 2026", counts with their nouns, shares as whole percentages, nothing a coach's
screen calls a flag, a band or a layout. Each thing to work on is tied to the guidance CoachKit
is built on: legs once or twice a week, three days' rest after a leg day, stretch afterwards,
results after three months."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from coachkit import metrics, planned
from coachkit.client_view import Month, Plan
from coachkit.present import band, count, percent
from coachkit.present_imports import app_name
from coachkit.preview import Preview

ERRORS_LISTED = 5


def day(d: date, year: bool = True) -> str:
    """A date as a person says it: "Mon 3 Aug 2026" (or "Mon 3 Aug")."""
    text = f"{d:%a} {d.day} {d:%b}"
    return f"{text} {d.year}" if year else text


def send_preview(preview: Preview) -> list[str]:
    """What a file the client is about to send holds, a sentence each: which app, the dates it
    covers, workouts and sets; how many are new to the coach; anything that cannot be read."""
    lines = []
    covered = ""
    if preview.first_date and preview.last_date:
        covered = f" from {day(preview.first_date)} to {day(preview.last_date)}"
    app = app_name(preview.layout)
    lines.append(
        f"Your {app} export{covered}: "
        f"{count(preview.sessions, 'workout')}, {count(preview.sets, 'set')}."
    )
    if preview.sets and preview.new_sets == 0:
        lines.append("Your coach already has every set in it.")
    elif preview.already_in_db:
        lines.append(
            f"{count(preview.new_sets, 'set')} new to your coach; "
            f"{preview.already_in_db:,} they already have."
        )
    elif preview.sets:
        lines.append(f"All {count(preview.sets, 'set')} are new to your coach.")
    if preview.unknown:
        names = ", ".join(u.name for u in preview.unknown[:5])
        lines.append(
            f"Your coach will look at {count(len(preview.unknown), 'exercise name')} "
            f"CoachKit does not know yet ({names}); they are sent all the same."
        )
    return lines


def send_problems(preview: Preview) -> list[str]:
    """The rows of the file that cannot be read, in the client's words, the first few."""
    if not preview.errors:
        return []
    lines = [
        f"Row {error.line}, {error.column}: {error.reason}"
        for error in preview.errors[:ERRORS_LISTED]
    ]
    if preview.error_total > ERRORS_LISTED:
        lines.append(f"… and {count(preview.error_total - ERRORS_LISTED, 'more row')}.")
    return lines


def send_refusal(preview: Preview) -> str | None:
    """Why the file cannot be sent at all, in the client's words; None when it can."""
    if preview.errors and not preview.may_leave_out:
        return (
            f"{count(preview.error_total, 'row')} of {preview.rows_read:,} cannot be read, too "
            "many to leave out. Check that this is the file your app exported, unchanged, or "
            "send it to your coach."
        )
    if preview.rows_read == 0:
        return "This file has no workouts in it. Export again from your app and send that file."
    if preview.sets == 0:
        return "Nothing in this file is a set of an exercise, so there is nothing to send."
    return None


def sent(file_name: str, added: int, left_out: int) -> str:
    """What a client's sending did, once it is done."""
    text = f"Sent: your coach now has {count(added, 'new set')} from {file_name}."
    if left_out:
        text += f" {count(left_out, 'row')} that could not be read were left out."
    return text


UNIT_QUESTION = "Are the weights in this file in kilograms or pounds?"
UNIT_WORDS = {"kg": "kilograms (kg)", "lb": "pounds (lb)"}


ROAD_WEEKS = 13  # three months: when results usually show
RESULTS = "results usually show after 3 months"


def road(plan: Plan | None, today: date) -> str:
    """How far along the three months the client is, from their program's start."""
    if plan is None:
        return f"Train legs once or twice a week and rest 3 days after each leg day: {RESULTS}."
    if plan.start > today:
        return f"Your program, {plan.program}, starts on {day(plan.start, year=False)}."
    week = (today - plan.start).days // 7 + 1
    if week <= ROAD_WEEKS:
        return f"Week {week} of {ROAD_WEEKS} of {plan.program}: {RESULTS}."
    return f"Week {week} of {plan.program}: past the first 3 months. Keep it going."


def went_well(report: metrics.Report, month: Month, plan: Plan | None) -> list[str]:
    """What went well in the last four weeks, a sentence each; empty when nothing did yet."""
    t = report.thresholds
    lines = []
    if month.days_done is not None:
        if month.days_done:
            target = plan.daily_reps if plan and plan.daily_reps else 100
            lines.append(
                f"You did your {target} squats on {count(month.days_done, 'day')} "
                "in the last 4 weeks."
            )
        return lines
    if month.leg_days:
        lines.append(f"You trained legs on {count(month.leg_days, 'day')} in the last 4 weeks.")
    legs = band(t.leg_freq_min, t.leg_freq_max)
    if month.weeks and month.weeks_in_band == month.weeks:
        lines.append(f"Every week had {legs} leg days, just what the guidance asks.")
    elif month.weeks_in_band * 2 >= month.weeks > 0:
        lines.append(
            f"{month.weeks_in_band} of the last {month.weeks} weeks had {legs} leg days, "
            "just right."
        )
    if month.rests and month.rests_ok == month.rests:
        lines.append(f"You rested {t.min_rest_days} days or more after every leg day.")
    asked = plan.stretch if plan else True
    if asked and month.leg_days and month.stretched == month.leg_days:
        lines.append("You stretched after every leg day.")
    elif asked and month.leg_days and month.stretched * 2 >= month.leg_days:
        lines.append(f"You stretched after {month.stretched} of your {month.leg_days} leg days.")
    if report.balance_band == "balanced":
        lines.append(
            f"Legs were {percent(report.lower_share)} of your training: a good balance with "
            "your upper body."
        )
    return lines


def _rest(f: metrics.Flag) -> str:
    return (
        f"Rest {count(f.rest_days, 'day')} after each leg day: {f.count} of your last "
        f"{count(f.of, 'break')} between leg days were that long."
    )


WORK_ON: dict[str, Callable[[metrics.Flag], str]] = {
    metrics.NO_LEG_SESSION: lambda f: (
        f"Fit a leg day in this week: there was none in the last {f.days} days. "
        "Once or twice a week is all it takes."
    ),
    metrics.TOO_LITTLE_REST: _rest,
    metrics.TOO_MANY_LEG_DAYS: lambda f: (
        f"Keep legs to once or twice a week: {f.count} of the last {f.of} weeks had more. "
        "Your legs grow while they rest."
    ),
    metrics.NO_STRETCHING: lambda f: (
        f"Stretch after each leg day: you stretched after {f.count} of "
        f"{count(f.of, 'leg day')}. 5–10 minutes is enough."
    ),
    metrics.TOP_HEAVY: lambda f: (
        f"Give your legs more of your training: they were {percent(f.value)} of it in the "
        f"last 4 weeks. Aim for {percent(f.limit)} or more."
    ),
    metrics.BEHIND_PROGRAM: lambda f: (
        "Follow your plan below: do each planned leg day, with the exercises it lists."
    ),
}
WORK_ON_MOST = 2


def work_on(report: metrics.Report) -> list[str]:
    """The one or two things to work on, the most pressing first (the order of WORK_ON)."""
    flagged = {flag.rule: flag for flag in report.flags}
    lines = [words(flagged[rule]) for rule, words in WORK_ON.items() if rule in flagged]
    return lines[:WORK_ON_MOST]


def chart_note(key: str, t: metrics.Thresholds) -> str:
    """The line under one of the client's charts (coachkit/client_charts.py) that says how to
    read it."""
    legs = band(t.leg_freq_min, t.leg_freq_max)
    share = f"{percent(t.lower_share_min)}–{percent(t.lower_share_max)}"
    notes = {
        "leg_days": f"Shaded: your aim of {legs} leg days a week. Green weeks hit it.",
        "squats": "Dashed: your aim for each day.",
        "legs_by_month": f"Shaded: a good balance, with legs {share} of your sets.",
        "strength": (
            "Your best lift each week, estimated from your heaviest sets: a rising line means "
            "you are getting stronger."
        ),
        "best_sets": "The most reps in one set each week (seconds, for a hold).",
    }
    return notes[key]


STATUS_WORDS = {
    planned.DONE: "done",
    planned.MOVED: "done on another day",
    planned.PARTIAL: "part done",
    planned.MISSED: "missed",
    planned.UPCOMING: "to do",
}


def week_days(plan: Plan, today: date) -> list[str]:
    """This week's planned days, a line each: "Mon 30 Nov: done", "Thu 3 Dec (today): to do"."""
    lines = []
    for planned_day in plan.week:
        when = day(planned_day.day, year=False)
        if planned_day.day == today:
            when += " (today)"
        lines.append(f"{when}: {STATUS_WORDS.get(planned_day.status, planned_day.status)}")
    return lines


def next_day(plan: Plan, today: date) -> str:
    """The next day to train, or that the plan's days ahead are all done."""
    if plan.next_day is None:
        return "Nothing more is planned yet: your coach will set the next days."
    if plan.daily:
        if plan.next_day == today:
            return "Today's squats are still to do."
        return f"Today's squats are done. Next: {day(plan.next_day, year=False)}."
    if plan.next_day == today:
        return "Your next leg day is today."
    return f"Your next leg day: {day(plan.next_day, year=False)}."


NOTHING_YET = (
    "Nothing logged in the last 4 weeks yet. Once your workouts reach your coach, "
    "this is where you see how they went."
)


def day_title(plan: Plan) -> str:
    """The heading of what each day of the plan holds."""
    return f"Each day of {plan.program}" if plan.daily else f"Each leg day of {plan.program}"


def doses(plan: Plan) -> list[str]:
    """What each leg day holds, an exercise a line: "Leg Extension: 3 sets of 10–15 reps"."""
    if plan.daily:
        target = plan.daily_reps or 100
        sets = plan.exercises[0][1] if plan.exercises else None
        split = f" in {band(sets.sets_min, sets.sets_max)} sets" if sets else ""
        return [f"Every day: {target} squats{split}, about 10 minutes."]
    lines = []
    for name, p in plan.exercises:
        sets = band(p.sets_min, p.sets_max)
        reps = band(p.reps_min, p.reps_max)
        note = f" ({p.notes.rstrip('.')})" if p.notes else ""
        lines.append(f"{name}: {sets} sets of {reps} reps{note}")
    if plan.stretch:
        lines.append("Stretch afterwards: quads, hamstrings and adductors, 5–10 minutes.")
    return lines
