"""FitNotes (Android): one row per set, date only, and no quoting at all.

Because nothing is quoted, an exercise name with a comma splits its row into one field too
many (`Overhead Press (Each Side, Dumbbells)`). These files are read line by line and the surplus
fields are joined back where the row then fits (coachkit/sql/ingest/read_unquoted.sql);
whatever still does not fit is then rejected by the normal checks, with its line.
"""

from coachkit.importers import Layout, field_names, header_fields

_DATE = ("%Y-%m-%d",)
# The fields sql/ingest/read_unquoted.sql can place; each FitNotes layout has some of them.
POSITIONED = field_names(
    "date exercise category weight weight_unit reps distance distance_unit clock notes"
)
# Surplus fields a row may have (commas in its names and comment) and still be read; a line
# with more is refused with its line number.
SPARE_COLUMNS = 16
_HEADER = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time"
_FIELDS = "date exercise category weight weight_unit reps distance distance_unit clock"


def _oldest(key: str, label: str, column: str, unit: str) -> Layout:
    # The oldest layout names its unit in the weight column: `Weight (lbs)` or `Weight (kgs)`.
    return Layout(
        key,
        label,
        header_fields(f"Date,Exercise,Category,{column},Reps,Distance,Distance Unit,Time"),
        field_names("date exercise category weight reps distance distance_unit clock"),
        weight_unit=unit,
        date_formats=_DATE,
        reader="unquoted",
    )


LAYOUTS = (
    _oldest("fitnotes_1", "FitNotes, oldest layout (lb)", "Weight (lbs)", "lb"),
    _oldest("fitnotes_1kg", "FitNotes, oldest layout (kg)", "Weight (kgs)", "kg"),
    Layout(
        "fitnotes_2",
        "FitNotes (unit per row)",
        header_fields(_HEADER),
        field_names(_FIELDS),
        date_formats=_DATE,
        reader="unquoted",
    ),
    Layout(
        "fitnotes_3",
        "FitNotes, newest layout (unit per row, comments)",
        header_fields(_HEADER + ",Comment"),
        field_names(_FIELDS + " notes"),
        date_formats=_DATE,
        reader="unquoted",
    ),
)
