"""A corpus of the shapes real exports came in, each generated here from one small log, never a
real person's file: what each holds is counted by hand in the comments, so a test can check
that CoachKit reads every one of them exactly.

The log (`night_and_day`): two workouts a client logged, one starting just after noon and one
just after midnight, so that 12-hour clocks meet both 12 PM and 12 AM.

  W1 Mon 2 Mar 2026 12:30-13:22, "Legs":
     Squat (Barbell)           1 warm-up 10 × 40 kg, 3 × 5 × 80 kg (a rest timer after each)
     Lying Leg Curl (Machine)  2 × 12 × 30 kg
                                                   -> 6 sets, 3 rest-timer rows
  W2 Thu 5 Mar 2026 00:40-01:30, "Legs":
     Squat (Barbell)           3 × 5 × 82.5 kg, RPE 8.5
     Hamstring Stretch         1 × 60 s
     Elliptical                5.9 km, no reps and no time: not a set (METRICS.md)
                                                   -> 4 sets, 1 row that is no set

So every file below holds 10 sets; the elliptical row is skipped, never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from coachkit.samples import (
    fitnotes_1kg_csv,
    hevy_csv,
    strong_c_csv,
    strong_csv,
    strong_d2_csv,
    strong_d_csv,
    strong_f_csv,
)
from coachkit.samples.logs import exercise, log, sets, workout

SETS = 10
NO_SET = {"rows with no reps and no duration": 1}
REST = {"rest timer rows": 3}


def night_and_day() -> pd.DataFrame:
    return log(
        workout(
            "2026-03-02 12:30:00",
            "Legs",
            exercise(
                "Squat (Barbell)",
                "Legs",
                sets(1, 10, 40, kind="warmup"),
                sets(3, 5, 80, rest=120),
            ),
            exercise("Lying Leg Curl (Machine)", "Legs", sets(2, 12, 30)),
            minutes=52,
        ),
        workout(
            "2026-03-05 00:40:00",
            "Legs",
            exercise("Squat (Barbell)", "Legs", sets(3, 5, 82.5, rpe=8.5)),
            exercise("Hamstring Stretch", "Stretching", sets(1, seconds=60)),
            exercise("Elliptical", "Cardio", sets(1, metres=5900)),
            minutes=50,
        ),
    )


def pound_gym() -> pd.DataFrame:
    """A week in a pound gym, as three real files that were guessed kg showed it: a 45 lb bar,
    squats of 135, 185 and 225, and 2.5 lb steps on the press. 25 weighted sets:

      W1 Mon 2 Mar 2026 18:00, "Lower": Squat (Barbell) warm-ups 45 × 10 and 95 × 5, then
         135 × 5, 185 × 5 × 3, 225 × 3 × 2 (2 + 1 + 3 + 2 = 8 sets); Lunge (Dumbbell)
         25 × 10 × 3; Lying Leg Curl (Machine) 70 × 12 × 3                 -> 14 sets
      W2 Thu 5 Mar 2026 18:00, "Upper": Overhead Press (Barbell) warm-up 45 × 8, then 65,
         67.5, 70 and 72.5 × 5 (5 sets); Bench Press (Barbell) 135 × 8 × 3; Lat Pulldown
         (Cable) 100 × 10 × 3                                              -> 11 sets
    """
    return log(
        workout(
            "2026-03-02 18:00:00",
            "Lower",
            exercise(
                "Squat (Barbell)",
                "Legs",
                sets(1, 10, 45, kind="warmup"),
                sets(1, 5, 95, kind="warmup"),
                sets(1, 5, 135),
                sets(3, 5, 185),
                sets(2, 3, 225),
            ),
            exercise("Lunge (Dumbbell)", "Legs", sets(3, 10, 25)),
            exercise("Lying Leg Curl (Machine)", "Legs", sets(3, 12, 70)),
            unit="lb",
        ),
        workout(
            "2026-03-05 18:00:00",
            "Upper",
            exercise(
                "Overhead Press (Barbell)",
                "Shoulders",
                sets(1, 8, 45, kind="warmup"),
                *(sets(1, 5, load) for load in (65, 67.5, 70, 72.5)),
            ),
            exercise("Bench Press (Barbell)", "Chest", sets(3, 8, 135)),
            exercise("Lat Pulldown (Cable)", "Back", sets(3, 10, 100)),
            unit="lb",
        ),
    )


def stairs(absurd: int = 1) -> bytes:
    """Hevy, the night_and_day log with `absurd` step-up sets of 4,500 reps each (stairs while
    moving house, logged as a set) in W1: 10 sets, the elliptical row that is no set, and
    `absurd` rows an import must refuse, 11 + `absurd` data rows in all. One bad row in 12 is
    8%, which a coach may leave out; two in 13 are 15%, more than the 10% that allows."""
    day = night_and_day()
    steps = day.iloc[[0] * absurd].assign(
        logged_exercise="Step Up", category="Legs", set_type="working", reps=4500.0,
        weight_kg=float("nan"), set_index=range(absurd), exercise_order=9, rest_s=float("nan"),
    )  # fmt: skip
    return hevy_csv(pd.concat([day, steps], ignore_index=True)).encode("utf-8")


@dataclass(frozen=True)
class Quirk:
    """One shape a real export came in, and what an import of it must give."""

    name: str  # the file's name
    about: str  # what the real file did
    write: Callable[[], str | bytes]  # the file: text (saved as UTF-8) or its bytes
    layout: str  # the layout it must be read as
    sets: int = SETS
    skipped: dict[str, int] = field(default_factory=lambda: dict(NO_SET))
    unit: str | None = None  # the coach's answer, for a file that names no unit
    guess: str | None = None  # what CoachKit must guess for a file that names no unit

    def data(self) -> bytes:
        written = self.write()
        return written.encode("utf-8") if isinstance(written, str) else written


MIXED_WORKOUT = "Séance jambes"


def mixed_encodings() -> bytes:
    """Strong A whose workout name has an accent on every line, the lines alternately in UTF-8
    and in Windows-1252: an app's UTF-8 export later edited in a Windows spreadsheet."""
    text = strong_csv(night_and_day()).replace(",Legs,", f",{MIXED_WORKOUT},")
    lines = text.splitlines(keepends=True)
    return b"".join(line.encode("cp1252" if n % 2 else "utf-8") for n, line in enumerate(lines))


QUIRKS = (
    # 10 sets; 3 rest timers and the elliptical skipped. RPE 0 on the 7 sets without one is
    # no RPE: only W2's three squats keep 8.5.
    Quirk(
        "strong-f-rpe-zero.csv",
        "Strong layout F writes RPE 0 on every set without one",
        lambda: strong_f_csv(night_and_day(), unit="kg", rpe_zero=True),
        "strong_f",
        skipped={**REST, **NO_SET},
        unit="kg",
        guess=None,  # 9 weighted sets: too few to tell
    ),
    # 10 sets; the elliptical's 5.9 has a blank Distance Unit and no reps or seconds: skipped.
    Quirk(
        "strong-c-elliptical.csv",
        "Strong layout C leaves the distance unit blank on a distance-only cardio row",
        lambda: strong_c_csv(night_and_day(), blank_distance_unit=True),
        "strong_c",
        skipped={**REST, **NO_SET},
    ),
    # 10 sets: layout D without its RPE column, and no unit: the coach says kg.
    Quirk(
        "strong-10-columns.csv",
        "Strong's 10-column layout (D without RPE) names no unit",
        lambda: strong_d2_csv(night_and_day(), unit="kg"),
        "strong_d2",
        skipped={**REST, **NO_SET},
        unit="kg",
        guess=None,  # 9 weighted sets: too few to tell
    ),
    # 25 sets (pound_gym: 14 + 11), no rest timers, nothing skipped; the loads say pounds.
    Quirk(
        "strong-pounds.csv",
        "A pound lifter's Strong export without a unit: 45 lb bar, 135/185/225, 2.5 lb steps",
        lambda: strong_d_csv(pound_gym(), unit="lb"),
        "strong_d",
        sets=25,
        skipped={},
        unit="lb",
        guess="lb",
    ),
    # 10 sets: FitNotes has no set types (the warm-up is a set like the others) and no rest
    # timers; the elliptical row has a distance and nothing else.
    Quirk(
        "fitnotes-kgs.csv",
        "FitNotes' oldest layout of a metric account, `Weight (kgs)`",
        lambda: fitnotes_1kg_csv(night_and_day()),
        "fitnotes_1kg",
    ),
    # 10 sets, at 12:30 PM (12:30) and 12:40 AM (00:40), month first, a narrow no-break space
    # before AM and PM.
    Quirk(
        "hevy-us-times.csv",
        "Hevy on a US-English phone: `Mar 2, 2026, 12:30 PM`",
        lambda: hevy_csv(night_and_day(), us=True),
        "hevy_kg",
    ),
    # 10 sets, every one in the workout "Séance jambes" whichever encoding its line was in.
    Quirk(
        "mixed-encodings.csv",
        "UTF-8 and Windows-1252 lines in one file",
        mixed_encodings,
        "strong_a",
        skipped={**REST, **NO_SET},
    ),
)
