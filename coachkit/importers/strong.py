"""Strong (iOS and Android): eight export layouts, A to H, one row per set (FORMATS.md).

The export version decides the layout, not the age of the data. Units sit in a column name
(A, B, H), in a unit column on every row (C, E, G), or nowhere (D, F: the coach says kg or lb).
"""

from coachkit.importers import Layout


def _split(header: str, delimiter: str) -> tuple[str, ...]:
    return tuple(name.strip('"') for name in header.split(delimiter))


_BASE = ("date", "workout_name", "exercise", "set_order")

LAYOUTS = (
    Layout(
        "strong_a",
        "Strong, layout A (comma, kg)",
        _split("Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes", ","),
        (*_BASE, "weight", "reps", "distance", "seconds", "notes"),
        weight_unit="kg",
        distance_unit="km",
    ),
    Layout(
        "strong_b",
        "Strong, layout B (semicolon, quoted lines, lb)",
        _split(
            "Date;Workout Name;Exercise Name;Set Order;lbs;Reps;mi.;Seconds;Notes;Workout Notes",
            ";",
        ),
        (*_BASE, "weight", "reps", "distance", "seconds", "notes", "workout_notes"),
        weight_unit="lb",
        distance_unit="mi",
        wrapped_lines=True,
    ),
    Layout(
        "strong_c",
        "Strong, layout C (semicolon, unit per row)",
        _split(
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;"
            "Distance Unit;Seconds;Notes;Workout Notes",
            ";",
        ),
        (
            *_BASE,
            "weight",
            "weight_unit",
            "reps",
            "distance",
            "distance_unit",
            "seconds",
            "notes",
            "workout_notes",
        ),
    ),
    Layout(
        "strong_d",
        "Strong, layout D (comma, no unit)",
        _split(
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
            "Workout Notes,RPE",
            ",",
        ),
        (*_BASE, "weight", "reps", "distance", "seconds", "notes", "workout_notes", "rpe"),
    ),
    Layout(
        "strong_e",
        "Strong, layout E (semicolon, unit per row, RPE)",
        _split(
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
            "Distance Unit;Seconds;Notes;Workout Notes",
            ";",
        ),
        (
            *_BASE,
            "weight",
            "weight_unit",
            "reps",
            "rpe",
            "distance",
            "distance_unit",
            "seconds",
            "notes",
            "workout_notes",
        ),
    ),
    Layout(
        "strong_f",
        "Strong, layout F (comma, no unit, workout duration)",
        _split(
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
            "Notes,Workout Notes,RPE",
            ",",
        ),
        (
            "date",
            "workout_name",
            "workout_duration",
            "exercise",
            "set_order",
            "weight",
            "reps",
            "distance",
            "seconds",
            "notes",
            "workout_notes",
            "rpe",
        ),
    ),
    Layout(
        "strong_g",
        "Strong, layout G (semicolon, unit per row, workout duration)",
        _split(
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
            "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
            ";",
        ),
        (
            *_BASE,
            "weight",
            "weight_unit",
            "reps",
            "rpe",
            "distance",
            "distance_unit",
            "seconds",
            "notes",
            "workout_notes",
            "workout_duration",
        ),
    ),
    Layout(
        "strong_h",
        "Strong, layout H (semicolon, all quoted, kg and metres)",
        _split(
            '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
            '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"',
            ";",
        ),
        (
            "x_workout_number",
            "date",
            "workout_name",
            "workout_duration",
            "exercise",
            "set_order",
            "weight",
            "reps",
            "rpe",
            "distance",
            "seconds",
            "notes",
            "workout_notes",
        ),
        weight_unit="kg",
        distance_unit="m",
    ),
)
