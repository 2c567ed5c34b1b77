"""Hevy: one row per set, kg or pounds account; the unit is only in the column names.

Times look like `7 Apr 2026, 10:14` (day not zero-padded, English months, no seconds).
"""

from coachkit.importers import Layout

HEVY_FORMATS = ("%d %b %Y, %H:%M", "%d %B %Y, %H:%M")


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
