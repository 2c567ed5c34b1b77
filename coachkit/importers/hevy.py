"""Hevy: one row per set, kg or pounds account; the unit is only in the column names.

Times are in English whatever the phone's language, without seconds, in the phone's region's
order: `7 Apr 2026, 10:14` (day first, 24 h), or in the US `Jun 11, 2026, 1:01 PM` (month
first, 12 h; iOS puts a narrow no-break space before PM, which the normaliser reads as a
space). Either order comes with either clock, and newer exports may write ISO times.
"""

from coachkit.importers import ISO_FORMATS, Layout

HEVY_FORMATS = (
    "%d %b %Y, %H:%M",
    "%d %B %Y, %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%B %d, %Y, %I:%M %p",
    "%b %d, %Y, %H:%M",
    "%d %b %Y, %I:%M %p",
    *ISO_FORMATS,
)


def _layout(key: str, label: str, weight: str, distance: str, unit: str, dist_unit: str):
    header = (
        "title", "start_time", "end_time", "description", "exercise_title", "superset_id",
        "exercise_notes", "set_index", "set_type", weight, "reps", distance, "duration_seconds",
        "rpe",
    )  # fmt: skip
    fields = (
        "workout_name", "date", "end_time", "workout_notes", "exercise", "x_superset_id",
        "notes", "set_number", "set_type", "weight", "reps", "distance", "seconds", "rpe",
    )  # fmt: skip
    return Layout(key, label, header, fields, unit, dist_unit, HEVY_FORMATS)


LAYOUTS = (
    _layout("hevy_kg", "Hevy (kg account)", "weight_kg", "distance_km", "kg", "km"),
    _layout("hevy_lb", "Hevy (pounds account)", "weight_lbs", "distance_miles", "lb", "mi"),
)
