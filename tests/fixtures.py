"""Hand-written workout logs for the importer tests, built with coachkit.samples.logs, so that
a test can count by hand what a file holds and therefore what an import must store."""

from __future__ import annotations

import pandas as pd

from coachkit.samples.logs import exercise, log, sets, workout


# Three workouts in kg, used by most tests. Per workout (sets; rest-timer rows):
#   W1 legs:  squat 2 warm-ups + 3 working (3 rests), leg extension 2 working (2 rests) + 1 drop,
#             plank 1 timed set                                           -> 9 sets, 5 rests
#   W2 upper: bench 1 warm-up + 2 working (2 rests) + 1 failure, pull-up 2 bodyweight sets
#             (2 rests), treadmill run 1 set (30 min, 5 km)                 -> 7 sets, 4 rests
#   W3 legs:  squat 1 warm-up + 3 working (3 rests), leg curl 2 working (2 rests)
#                                                                         -> 6 sets, 5 rests
# Together 22 sets and 14 rest-timer rows; 4 warm-ups, 1 drop, 1 failure, 16 working. RPE on
# four sets: the bench failure set (10) and W3's three working squats (8.5).
def legs_and_upper(unit: str = "kg") -> list[dict]:
    """The three workouts, with loads in kg, or in round pounds when `unit` is "lb"."""
    kg = unit == "kg"
    bar, ramp, squat, heavy = (40, 60, 80, 82.5) if kg else (45, 95, 185, 225)
    extension, drop, bench, curl = (35, 25, 62.5, 30) if kg else (100, 60, 135, 70)
    run_m = 5000 if kg else 3 * 1609.344  # 5 km, or 3 miles for a pounds account
    return [
        workout(
            "2026-03-02 18:00:00",
            "Legs",
            exercise(
                "Squat (Barbell)",
                "Legs",
                sets(1, 10, bar, kind="warmup"),
                sets(1, 5, ramp, kind="warmup"),
                sets(3, 5, squat, rest=120),
            ),
            exercise(
                "Leg Extension (Machine)",
                "Legs",
                sets(2, 12, extension, rest=90),
                sets(1, 10, drop, kind="drop"),
            ),
            exercise("Plank", "Abs", sets(1, seconds=60)),
            minutes=52,
            unit=unit,
        ),
        workout(
            "2026-03-04 07:30:00",
            "Upper",
            exercise(
                "Bench Press (Barbell)",
                "Chest",
                sets(1, 10, bar, kind="warmup"),
                sets(2, 8, bench, rest=90),
                sets(1, 6, bench, kind="failure", rpe=10),
            ),
            exercise("Pull Up", "Back", sets(2, 8, rest=90)),
            exercise("Running (Treadmill)", "Cardio", sets(1, seconds=1800, metres=run_m)),
            minutes=48,
            unit=unit,
        ),
        workout(
            "2026-03-06 18:00:00",
            "Legs",
            exercise(
                "Squat (Barbell)",
                "Legs",
                sets(1, 10, bar, kind="warmup"),
                sets(3, 5, heavy, rest=120, rpe=8.5),
            ),
            exercise("Lying Leg Curl (Machine)", "Legs", sets(2, 12, curl, rest=90)),
            minutes=40,
            unit=unit,
        ),
    ]


def kg_log() -> pd.DataFrame:
    return log(*legs_and_upper("kg"))


def lb_log() -> pd.DataFrame:
    return log(*legs_and_upper("lb"))


# StrongLifts 5×5, three workouts; a failed set is logged as 0 reps.
#   W1 (A): squat 5×5×60, bench 5×5×40, row 5×5×50                       -> 15 sets written
#   W2 (B): squat 5×5×62.5, overhead press 4×5×30 + 1 failed (0 reps), deadlift 1×5×80
#                                                                         -> 11 sets written
#   W3 (A): squat 5×5×65, bench 4×5×42.5 + 1 failed, row 5×5×52.5         -> 15 sets written
# 41 sets written, of which 2 failed: 39 sets to store.
def stronglifts_log() -> pd.DataFrame:
    return log(
        workout(
            "2026-03-02 18:00:00",
            "Workout A",
            exercise("Squat", "Legs", sets(5, 5, 60)),
            exercise("Bench Press", "Chest", sets(5, 5, 40)),
            exercise("Barbell Row", "Back", sets(5, 5, 50)),
        ),
        workout(
            "2026-03-04 18:00:00",
            "Workout B",
            exercise("Squat", "Legs", sets(5, 5, 62.5)),
            exercise("Overhead Press", "Shoulders", sets(4, 5, 30), sets(1, 0, 30)),
            exercise("Deadlift", "Back", sets(1, 5, 80)),
        ),
        workout(
            "2026-03-06 18:00:00",
            "Workout A",
            exercise("Squat", "Legs", sets(5, 5, 65)),
            exercise("Bench Press", "Chest", sets(4, 5, 42.5), sets(1, 0, 42.5)),
            exercise("Barbell Row", "Back", sets(5, 5, 52.5)),
        ),
    )
