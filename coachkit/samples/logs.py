"""Hand-written workout logs in the frame shape the writers of coachkit.samples take.

A log is written out as a few workouts of a few exercises of a few sets, so that whoever reads
it can count by hand what a file holds and therefore what an import must store. Weights are
given in the unit the client logs in (a workout's `unit`), as they appear in the app, and
converted to kg here once, exactly (1 lb = 0.45359237 kg), the way the app stores them. The
importer tests (tests/fixtures.py) and the corpus of real shapes (samples/quirks.py) use it.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pandas as pd

from coachkit.samples import KG_PER_LB

NUMBERS = ["reps", "weight_kg", "duration_s", "distance_m", "rpe", "rest_s"]


def sets(
    count: int,
    reps: int | None = None,
    weight: float | None = None,
    *,
    kind: str = "working",
    seconds: float | None = None,
    metres: float | None = None,
    rest: int | None = None,
    rpe: float | None = None,
    notes: str = "",
) -> list[dict]:
    """`count` identical sets of one kind; `rest` is the rest timer after each of them."""
    one = {
        "set_type": kind,
        "reps": reps,
        "weight": weight,
        "duration_s": seconds,
        "distance_m": metres,
        "rest_s": rest,
        "rpe": rpe,
        "notes": notes,
    }
    return [dict(one) for _ in range(count)]


def exercise(name: str, category: str, *groups: list[dict], note: str = "") -> dict:
    return {
        "name": name,
        "category": category,
        "sets": [s for g in groups for s in g],
        "note": note,
    }


def workout(
    start: str,
    name: str,
    *exercises: dict,
    minutes: int = 45,
    unit: str = "kg",
    notes: str = "",
    duration_text: str = "",
) -> dict:
    return {
        "start": datetime.fromisoformat(start),
        "name": name,
        "exercises": exercises,
        "minutes": minutes,
        "unit": unit,
        "notes": notes,
        "duration_text": duration_text,
    }


def log(*workouts: dict) -> pd.DataFrame:
    """The sets of these workouts, one row each, in the order they were logged."""
    rows = []
    for w in workouts:
        seen: Counter = Counter()
        for order, ex in enumerate(w["exercises"]):
            for one in ex["sets"]:
                weight = one["weight"]
                if weight is not None and w["unit"] == "lb":
                    weight = weight * KG_PER_LB
                rows.append(
                    {
                        "performed_at": w["start"],
                        "workout_end": w["start"] + timedelta(minutes=w["minutes"]),
                        "workout_name": w["name"],
                        "logged_exercise": ex["name"],
                        "category": ex["category"],
                        "exercise_order": order,
                        "set_index": seen[ex["name"]],
                        "set_type": one["set_type"],
                        "reps": one["reps"],
                        "weight_kg": weight,
                        "duration_s": one["duration_s"],
                        "distance_m": one["distance_m"],
                        "rpe": one["rpe"],
                        "notes": one["notes"],
                        "rest_s": one["rest_s"],
                        "unit": w["unit"],
                        "workout_notes": w["notes"],
                        "exercise_note": ex["note"],
                        "duration_text": w["duration_text"],
                    }
                )
                seen[ex["name"]] += 1
    frame = pd.DataFrame(rows)
    for column in NUMBERS:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    return frame
