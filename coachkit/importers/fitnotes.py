"""FitNotes (Android): one row per set, date only, and no quoting at all.

Because nothing is quoted, an exercise name with a comma splits its row into one field too
many (`Overhead Press (Each Side, Dumbbells)`). These files are read line by line and the surplus
fields are joined back into the exercise name (coachkit/sql/import_read_lines.sql); whatever
still does not fit is then rejected by the normal checks, with its line.
"""

from coachkit.importers import Layout

_DATE = ("%Y-%m-%d",)
# The fields import_read_lines.sql can place; each FitNotes layout has some of them.
POSITIONED = (
    "date",
    "exercise",
    "category",
    "weight",
    "weight_unit",
    "reps",
    "distance",
    "distance_unit",
    "clock",
    "notes",
)

LAYOUTS = (
    Layout(
        "fitnotes_1",
        "FitNotes, oldest layout (lb)",
        (
            "Date",
            "Exercise",
            "Category",
            "Weight (lbs)",
            "Reps",
            "Distance",
            "Distance Unit",
            "Time",
        ),
        ("date", "exercise", "category", "weight", "reps", "distance", "distance_unit", "clock"),
        weight_unit="lb",
        date_formats=_DATE,
        reader="lines",
    ),
    Layout(
        "fitnotes_2",
        "FitNotes (unit per row)",
        (
            "Date",
            "Exercise",
            "Category",
            "Weight",
            "Weight Unit",
            "Reps",
            "Distance",
            "Distance Unit",
            "Time",
        ),
        (
            "date",
            "exercise",
            "category",
            "weight",
            "weight_unit",
            "reps",
            "distance",
            "distance_unit",
            "clock",
        ),
        date_formats=_DATE,
        reader="lines",
    ),
    Layout(
        "fitnotes_3",
        "FitNotes, newest layout (unit per row, comments)",
        (
            "Date",
            "Exercise",
            "Category",
            "Weight",
            "Weight Unit",
            "Reps",
            "Distance",
            "Distance Unit",
            "Time",
            "Comment",
        ),
        (
            "date",
            "exercise",
            "category",
            "weight",
            "weight_unit",
            "reps",
            "distance",
            "distance_unit",
            "clock",
            "notes",
        ),
        date_formats=_DATE,
        reader="lines",
    ),
)
