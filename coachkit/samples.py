"""Write logged sets in the layouts that real apps export (see FORMATS.md in the shared docs).

The demo's sample files and the importers' test fixtures both come from here, so the fixtures
carry the same quirks as real exports: Strong's rest-timer pseudo-rows and CRLF line ends,
Hevy's quoted strings, 0-based set index and newest-first order, FitNotes' unquoted fields.

Input is a frame of sets in the demo's shape: performed_at (workout start), workout_end,
workout_name, exercise_raw, category, set_type, reps, weight_kg, duration_s, distance_m, rpe,
notes, set_index (0-based within workout and exercise), rest_s (seconds rested after the set,
or NaN).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd

LAYOUTS = ("strong", "hevy", "fitnotes")

STRONG_A_HEADER = ["Date", "Workout Name", "Exercise Name", "Set Order", "kg", "Reps", "km"]
STRONG_A_HEADER += ["Seconds", "Notes"]
HEVY_HEADER = [
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
]
FITNOTES_HEADER = ["Date", "Exercise", "Category", "Weight", "Weight Unit", "Reps", "Distance"]
FITNOTES_HEADER += ["Distance Unit", "Time", "Comment"]

STRONG_SET_ORDER = {"warmup": "W", "drop": "D", "failure": "F"}
HEVY_SET_TYPE = {"working": "normal", "warmup": "warmup", "drop": "dropset", "failure": "failure"}


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _number(value, digits: int = 2) -> str:
    """A number as the apps print it: blank when missing, no trailing `.0` on whole values."""
    if not _present(value):
        return ""
    value = round(float(value), digits)
    return str(int(value)) if value.is_integer() else str(value)


def _ordered(sets: pd.DataFrame) -> pd.DataFrame:
    return sets.sort_values(["performed_at", "exercise_order", "set_index"], kind="stable")


def strong_csv(sets: pd.DataFrame) -> str:
    """Strong layout A: comma, CRLF, kg and km, a Rest Timer row after most working sets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(STRONG_A_HEADER)
    ordered = _ordered(sets)
    # Strong numbers working sets 1, 2, 3… and marks the others with a letter instead.
    counts = (
        ordered["set_type"]
        .ne("warmup")
        .groupby([ordered["performed_at"], ordered["exercise_raw"]])
        .cumsum()
    )
    for row, number in zip(ordered.itertuples(index=False), counts, strict=True):
        date = row.performed_at.strftime("%Y-%m-%d %H:%M:%S")
        order = STRONG_SET_ORDER.get(row.set_type, str(number))
        km = _number(row.distance_m / 1000, 3) if _present(row.distance_m) else ""
        head = [date, row.workout_name, row.exercise_raw]
        writer.writerow(
            head
            + [
                order,
                _number(row.weight_kg),
                _number(row.reps),
                km,
                _number(row.duration_s),
                row.notes or "",
            ]
        )
        if _present(row.rest_s):
            writer.writerow(head + ["Rest Timer", "", "", "", str(int(row.rest_s)), ""])
    return out.getvalue()


def _hevy_time(stamp: pd.Timestamp) -> str:
    # Hevy prints the day without zero padding and English month names, with no seconds.
    return f"{stamp.day} {stamp.strftime('%b %Y, %H:%M')}"


def hevy_csv(sets: pd.DataFrame) -> str:
    """Hevy, kg account: strings always quoted, numbers bare, newest workout first."""
    out = io.StringIO()
    out.write(",".join(f'"{name}"' for name in HEVY_HEADER) + "\n")
    ordered = _ordered(sets)
    starts = sorted(ordered["performed_at"].unique(), reverse=True)
    for start in starts:
        workout = ordered[ordered["performed_at"] == start]
        for row in workout.itertuples(index=False):
            quoted = [
                row.workout_name,
                _hevy_time(row.performed_at),
                _hevy_time(row.workout_end),
                "",
                row.exercise_raw,
            ]
            fields = ['"' + str(v).replace('"', '""') + '"' for v in quoted]
            fields.append("")  # superset_id: a bare empty number
            fields.append('"' + (row.notes or "").replace('"', '""') + '"')
            fields += [
                str(row.set_index),
                f'"{HEVY_SET_TYPE[row.set_type]}"',
                _number(row.weight_kg),
                _number(row.reps),
                _number(row.distance_m / 1000, 3) if _present(row.distance_m) else "",
                _number(row.duration_s),
                _number(row.rpe, 1),
            ]
            out.write(",".join(fields) + "\n")
    return out.getvalue()


def _clock(seconds) -> str:
    if not _present(seconds):
        return ""
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def fitnotes_csv(sets: pd.DataFrame) -> str:
    """FitNotes, newest layout: no quoting at all, one date per session, no set types."""
    lines = [",".join(FITNOTES_HEADER)]
    for row in _ordered(sets).itertuples(index=False):
        has_weight = _present(row.weight_kg) and row.weight_kg > 0
        fields = [
            row.performed_at.strftime("%Y-%m-%d"),
            row.exercise_raw,
            row.category,
            _number(row.weight_kg) if has_weight else "",
            "kgs" if has_weight else "",
            _number(row.reps),
            _number(row.distance_m / 1000, 3) if _present(row.distance_m) else "",
            "km" if _present(row.distance_m) else "",
            _clock(row.duration_s),
            row.notes or "",
        ]
        lines.append(",".join(fields))
    return "\n".join(lines) + "\n"


WRITERS = {"strong": strong_csv, "hevy": hevy_csv, "fitnotes": fitnotes_csv}


def write(sets: pd.DataFrame, layout: str, path: Path) -> Path:
    path.write_text(WRITERS[layout](sets), encoding="utf-8", newline="")
    return path
