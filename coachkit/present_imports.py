"""The presenter's words for imports, in the coach's voice: the app a file came from, what a
preview found besides sets, and the files clients sent through their links. present.py holds
the words of the numbers; present_client.py the client's voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.present import count
from coachkit.preview import SKIP_ONE

if TYPE_CHECKING:
    from coachkit.inbox import Arrival
    from coachkit.preview import Preview


# Layout keys by the app that writes them; StrongLifts before Strong, whose prefix it shares.
APPS = {"stronglifts": "StrongLifts", "strong": "Strong", "hevy": "Hevy",
        "fitnotes": "FitNotes", "coachkit": "CoachKit template"}  # fmt: skip


def app_name(layout: str) -> str:
    """The app a file came from, as a coach knows it: "strong_a" is "Strong", "demo:hevy"
    is "Demo (Hevy)"; an unknown key is shown as it is."""
    key = layout.removeprefix("demo:")
    app = next((name for prefix, name in APPS.items() if key.startswith(prefix)), key)
    return f"Demo ({app})" if layout.startswith("demo:") else app


# An import's preview, as the Upload page and `coachkit import` show it.


def overlap_warning(preview: Preview) -> str | None:
    """A warning when the file's new sets fall on days that already hold other sets of the
    client, from another file: the same workouts may be counted twice."""
    if not preview.overlap_days:
        return None
    days = count(preview.overlap_days, "day")
    span = f"{preview.overlap_first} to {preview.overlap_last}"
    return (
        f"{days} of this file ({span}) already {'holds' if preview.overlap_days == 1 else 'hold'} "
        "other sets of this client from another "
        "file. If they are the same workouts (exported again, or by another app), importing "
        "would count them twice."
    )


def preview_notes(preview: Preview) -> list[str]:
    """What a file held besides its sets, one sentence each: rows that are not sets, and rows
    split by an unquoted comma that were joined again."""
    notes = []
    if preview.skipped:
        counts = ", ".join(
            f"{n:,} {SKIP_ONE.get(reason, reason) if n == 1 else reason}"
            for reason, n in preview.skipped.items()
        )
        notes.append(f"Not sets, skipped: {counts}.")
    if preview.repaired_rows:
        rows = count(preview.repaired_rows, "row")
        verb = "was" if preview.repaired_rows == 1 else "were"
        notes.append(f"{rows} split by a comma in the exercise name {verb} repaired.")
    return notes


def arrival(sent: Arrival) -> str:
    """One file a client sent through their link, for the coach: when, what, how many sets."""
    when = f"{sent.created_at:%a %d %b %Y, %H:%M} UTC"
    what = f"{sent.file_name}: {count(sent.sets_added, 'set')} added"
    undone = f" (undone {sent.undone_at:%d %b})" if sent.undone_at else ""
    return f"{'New: ' if sent.is_new else ''}{when}, {what}{undone}."
