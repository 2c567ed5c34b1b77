"""The presenter's client voice: the words a client reads behind their link, beside the
coach's voice of present.py. Second person, plain, no codes: dates as "Mon 3 Aug 2026",
counts with their nouns, nothing a coach's screen calls a flag or a layout."""

from __future__ import annotations

from datetime import date

from coachkit.present import count
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
