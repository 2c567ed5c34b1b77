"""Large exports in every layout CoachKit reads, for `bench/ingest.py --all-layouts`.

Each file is written by the same writer the tests use (coachkit.samples.WRITERS), so that its
header, quoting, line ends, dates and units are those of the app it imitates. The log is made
here, in chunks of a few hundred workouts, and each chunk goes through the writer on its own:
a writer builds its whole text in memory, and a million rows at once would cost gigabytes in
the process that writes them. Every chunk after the first loses its header line.

Workouts run from 1990-01-02 (the import's earliest date is 1990-01-01) up to 2025-12-31,
several a day at distinct times when the rows need more workouts than there are days; every
set has reps or a duration, so every set written is a set the import must store. Strong
layouts add a Rest Timer row after about 30% of the sets and a Note row before a few
exercises; StrongLifts holds one row per exercise (up to six sets), so its rows are fewer than
its sets. A file is written until it holds at least the rows asked for, whole workouts only.

Run as a child of bench/ingest.py, so that the bench's own process stays small:

    .venv/bin/python bench/layout_files.py KEY ROWS SEED OUT_DIR   # prints the file's facts

It is a helper, not a bench, so it has no --smoke: `bench/ingest.py --all-layouts --smoke`
runs it for each layout it picks, with few rows (a chunk of workouts or a few).
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

import pandas as pd

from coachkit.samples import WRITERS

# Writer options per layout: a layout that names no unit is written in kg, and imported with
# --unit kg (IMPORT_OPTIONS).
WRITE_OPTIONS = {
    "strong_d": {"unit": "kg"},
    "strong_d2": {"unit": "kg"},
    "strong_f": {"unit": "kg"},
}
IMPORT_OPTIONS = {key: ["--unit", "kg"] for key in WRITE_OPTIONS}
# Every Layout.key of coachkit.importers, in the order the table prints them.
LAYOUT_KEYS = tuple(key for key in WRITERS if key not in ("strong", "hevy", "fitnotes"))
GENERATOR = 1  # bump when the generated content changes, so that old files are not re-used
WORKOUTS_PER_CHUNK = 400
FIRST_DAY = date(1990, 1, 2)
LAST_DAY = date(2025, 12, 31)
SETS_PER_WORKOUT = 25  # about: 5 exercises of 3 to 6 sets
REST_SHARE = 0.3
NOTE_SHARE = 0.015

# name, FitNotes category, kind, working load in kg (None: no load)
EXERCISES = (
    ("Squat (Barbell)", "Legs", "load", 100.0),
    ("Romanian Deadlift (Barbell)", "Legs", "load", 90.0),
    ("Leg Press", "Legs", "load", 180.0),
    ("Leg Extension (Machine)", "Legs", "load", 50.0),
    ("Lying Leg Curl (Machine)", "Legs", "load", 40.0),
    ("Hip Adductor (Machine)", "Legs", "load", 60.0),
    ("Lunge (Dumbbell)", "Legs", "load", 20.0),
    ("Standing Calf Raise (Machine)", "Legs", "load", 80.0),
    ("Bench Press (Barbell)", "Chest", "load", 80.0),
    ("Overhead Press (Barbell)", "Shoulders", "load", 50.0),
    ("Lat Pulldown (Cable)", "Back", "load", 60.0),
    ("Bicep Curl (Dumbbell)", "Biceps", "load", 14.0),
    ("Pull Up", "Back", "body", None),
    ("Push Up", "Chest", "body", None),
    ("Plank", "Abs", "hold", None),
    ("Running (Treadmill)", "Cardio", "cardio", None),
)
WORKOUT_NAMES = ("Leg Day", "Lower B", "Push", "Pull", "Full Body")
NOTES = ("felt heavy, belt on", 'left knee "clicky"', "slow eccentric", "PR", "paused reps")


def _workout(rng: Random, start: datetime, progress: float, pool: tuple) -> list[dict]:
    name = rng.choice(WORKOUT_NAMES)
    minutes = rng.randint(40, 80)
    rows = []
    for order, (exercise, category, kind, load) in enumerate(rng.sample(pool, 5)):
        note = rng.choice(NOTES) if rng.random() < NOTE_SHARE else ""
        count = rng.randint(3, 6) if kind != "cardio" else 1
        for index in range(count):
            one = {"reps": None, "weight_kg": None, "duration_s": None, "distance_m": None}
            if kind == "load":
                working = round(load * (0.7 + 0.6 * progress) / 2.5) * 2.5
                one["weight_kg"] = working + 2.5 * rng.randint(-2, 1)
                one["reps"] = rng.randint(5, 12)
            elif kind == "body":
                one["reps"] = rng.randint(6, 15)
            elif kind == "hold":
                one["duration_s"] = 5 * rng.randint(6, 18)
            else:
                km = round(rng.uniform(2.0, 10.0), 2)
                one["distance_m"], one["duration_s"] = km * 1000, int(km * rng.uniform(300, 420))
            warmup = kind == "load" and index == 0 and rng.random() < 0.4
            rows.append(
                {
                    "performed_at": start,
                    "workout_end": start + timedelta(minutes=minutes),
                    "workout_name": name,
                    "logged_exercise": exercise,
                    "category": category,
                    "exercise_order": order,
                    "set_index": index,
                    "set_type": "warmup" if warmup else "working",
                    **one,
                    "rpe": float(rng.randint(6, 10)) if rng.random() < 0.2 else None,
                    "notes": rng.choice(NOTES) if rng.random() < NOTE_SHARE else "",
                    "rest_s": rng.randrange(60, 241, 15) if rng.random() < REST_SHARE else None,
                    "unit": "kg",
                    "workout_notes": "",
                    "exercise_note": note,
                    "duration_text": "",
                }
            )
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in ("reps", "weight_kg", "duration_s", "distance_m", "rpe", "rest_s"):
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    return frame


def write(key: str, rows: int, seed: int, path: Path) -> dict:
    """Write `path` in layout `key` with at least `rows` data rows; its facts as a dict."""
    writer, options = WRITERS[key], WRITE_OPTIONS.get(key, {})
    # StrongLifts logs reps only: no timed or cardio exercises there.
    pool = tuple(e for e in EXERCISES if key != "stronglifts" or e[2] in ("load", "body"))
    rng = Random(seed)
    days = (LAST_DAY - FIRST_DAY).days + 1
    # StrongLifts writes a row per exercise; the others at least one per set.
    per_row = 5.0 if key == "stronglifts" else 1.0
    workouts = math.ceil(rows * per_row / SETS_PER_WORKOUT * 1.1)
    per_day = math.ceil(workouts / days)
    slot = 15 * 60 // per_day
    written = sets = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        k = 0
        while written < rows:
            chunk = []
            for _ in range(WORKOUTS_PER_CHUNK):
                day = FIRST_DAY + timedelta(days=k // per_day)
                if day > LAST_DAY:
                    raise SystemExit(f"{key}: {rows:,} rows need more workouts than fit")
                minute = 6 * 60 + (k % per_day) * slot + rng.randrange(max(1, slot - 90))
                start = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)
                chunk.extend(_workout(rng, start, min(1.0, k / workouts), pool))
                k += 1
            text = writer(_frame(chunk), **options)
            header_end = text.index("\n") + 1
            if k > WORKOUTS_PER_CHUNK:  # after the first chunk, the header is written
                text = text[header_end:]
            out.write(text)
            written += text.count("\n") - (1 if k == WORKOUTS_PER_CHUNK else 0)
            sets += len(chunk)
    tmp.replace(path)
    return {"key": key, "rows": written, "sets": sets, "bytes": path.stat().st_size, "seed": seed}


def main(argv: list[str]) -> int:
    key, rows, seed, out = argv[0], int(argv[1]), int(argv[2]), Path(argv[3])
    path = out / f"{key}_{rows}.csv"
    facts = {**write(key, rows, seed, path), "generator": GENERATOR, "path": str(path)}
    path.with_name(path.name + ".json").write_text(json.dumps(facts, indent=2) + "\n")
    print(json.dumps(facts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
