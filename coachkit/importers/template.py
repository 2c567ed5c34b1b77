"""CoachKit's own template: one row per set, for coaches who keep their own spreadsheets.

Columns, in this order (the README documents them, the upload page offers the file):
date (YYYY-MM-DD, optionally with HH:MM or HH:MM:SS), workout, exercise, set_type (working,
warmup, drop or failure; blank is working), reps, weight, unit (kg or lb, needed when there is
a weight), duration_s, distance_m, rpe, notes.
"""

from coachkit.importers import Layout

HEADER = (
    "date",
    "workout",
    "exercise",
    "set_type",
    "reps",
    "weight",
    "unit",
    "duration_s",
    "distance_m",
    "rpe",
    "notes",
)

LAYOUT = Layout(
    "coachkit",
    "CoachKit template",
    HEADER,
    (
        "date",
        "workout_name",
        "exercise",
        "set_type",
        "reps",
        "weight",
        "weight_unit",
        "seconds",
        "distance",
        "rpe",
        "notes",
    ),
    distance_unit="m",
)

EXAMPLE = (
    ",".join(HEADER)
    + "\n2026-03-02 18:00,Legs,Squat (Barbell),warmup,10,40,kg,,,,\n"
    + "2026-03-02 18:00,Legs,Squat (Barbell),working,8,80,kg,,,8,\n"
    + "2026-03-02 18:00,Legs,Leg Extension (Machine),working,12,35,kg,,,,\n"
    + "2026-03-02 18:00,Legs,Hamstring Stretch,working,,,,45,,,after the session\n"
    + "2026-03-04 07:30,Run,Running,working,,,,1800,5000,,\n"
)


def template_csv() -> str:
    """The downloadable template: the header and a few example rows."""
    return EXAMPLE
