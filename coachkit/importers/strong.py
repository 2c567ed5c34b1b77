"""Strong (iOS and Android): nine export layouts, A to H and D′, one row per set (FORMATS.md).

The export version decides the layout, not the age of the data. Units sit in a column name
(A, B, H), in a unit column on every row (C, E, G), or nowhere (D, D′, F: the coach says kg or
lb).
Each layout is its header as Strong writes it and, column by column, the canonical field.
"""

from coachkit.importers import Layout, field_names, header_fields

_E_HEADER = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes"
)
_E_FIELDS = (
    "date workout_name exercise set_order weight weight_unit reps rpe distance distance_unit "
    "seconds notes workout_notes"
)

LAYOUTS = (
    Layout(
        "strong_a",
        "Strong, layout A (comma, kg)",
        header_fields("Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes"),
        field_names("date workout_name exercise set_order weight reps distance seconds notes"),
        weight_unit="kg",
        distance_unit="km",
    ),
    Layout(
        "strong_b",
        "Strong, layout B (semicolon, quoted lines, lb)",
        header_fields(
            "Date;Workout Name;Exercise Name;Set Order;lbs;Reps;mi.;Seconds;Notes;Workout Notes"
        ),
        field_names(
            "date workout_name exercise set_order weight reps distance seconds notes workout_notes"
        ),
        weight_unit="lb",
        distance_unit="mi",
        wrapped_lines=True,
    ),
    Layout(
        "strong_c",
        "Strong, layout C (semicolon, unit per row)",
        header_fields(
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;"
            "Distance Unit;Seconds;Notes;Workout Notes"
        ),
        field_names(
            "date workout_name exercise set_order weight weight_unit reps distance "
            "distance_unit seconds notes workout_notes"
        ),
    ),
    Layout(
        "strong_d",
        "Strong, layout D (comma, no unit)",
        header_fields(
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
            "Workout Notes,RPE"
        ),
        field_names(
            "date workout_name exercise set_order weight reps distance seconds notes "
            "workout_notes rpe"
        ),
    ),
    Layout(
        "strong_d2",
        "Strong, layout D′ (comma, no unit, no RPE)",
        header_fields(
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
            "Workout Notes"
        ),
        field_names(
            "date workout_name exercise set_order weight reps distance seconds notes workout_notes"
        ),
    ),
    Layout(
        "strong_e",
        "Strong, layout E (semicolon, unit per row, RPE)",
        header_fields(_E_HEADER),
        field_names(_E_FIELDS),
    ),
    Layout(
        "strong_f",
        "Strong, layout F (comma, no unit, workout duration)",
        header_fields(
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
            "Notes,Workout Notes,RPE"
        ),
        field_names(
            "date workout_name workout_duration exercise set_order weight reps distance seconds "
            "notes workout_notes rpe"
        ),
    ),
    Layout(
        "strong_g",
        "Strong, layout G (semicolon, unit per row, workout duration)",
        header_fields(_E_HEADER + ";Workout Duration"),
        field_names(_E_FIELDS + " workout_duration"),
    ),
    Layout(
        "strong_h",
        "Strong, layout H (semicolon, all quoted, kg and metres)",
        header_fields(
            '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
            '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"'
        ),
        field_names(
            "x_workout_number date workout_name workout_duration exercise set_order weight reps "
            "rpe distance seconds notes workout_notes"
        ),
        weight_unit="kg",
        distance_unit="m",
    ),
)
