"""StrongLifts 5×5: one row per exercise, sets spread over `Set N (Reps)` / `Set N (KG)` pairs.

The columns between `Sets×Reps` and `Set 1 (Reps)` vary between exports, so the layout is
built from the header itself: known columns by name, set pairs by number, the rest ignored.
Rows are turned into one row per set in SQL (coachkit/sql/ingest/read_wide.sql).
"""

from __future__ import annotations

import re

from coachkit.importers import Layout

SET_COLUMN = re.compile(r"^set (\d+) \((reps|kg|lb|lbs)\)$", re.IGNORECASE)
SET_FIELD = re.compile(r"^set_(reps|weight)_(\d+)$")  # the canonical names describe() gives them
KNOWN = {
    "date (yyyy/mm/dd)": "date",
    "workout name": "workout_name",
    "exercise": "exercise",
}
EXAMPLE_HEADER = (
    "Date (yyyy/mm/dd)", "Workout", "Workout Name", "Program Name", "Body Weight (KG)",
    "Exercise", "Sets×Reps", "Set 1 (Reps)", "Set 1 (KG)", "Set 2 (Reps)", "Set 2 (KG)",
    "Set 3 (Reps)", "Set 3 (KG)", "Set 4 (Reps)", "Set 4 (KG)", "Set 5 (Reps)", "Set 5 (KG)",
    "Set 6 (Reps)", "Set 6 (KG)",
)  # fmt: skip


def matches(header: tuple[str, ...]) -> bool:
    names = [h.strip().lower() for h in header]
    return bool(names) and names[0] == "date (yyyy/mm/dd)" and "set 1 (reps)" in names


def slots(fields: tuple[str, ...]) -> dict[str, list[int]]:
    """Where each set's reps and weight sit among the layout's set columns, counted from 1 in
    header order (0: the header has no such column), for ingest/read_wide.sql."""
    set_fields = [f for f in fields if SET_FIELD.match(f)]
    numbers = sorted({int(SET_FIELD.match(f)[2]) for f in set_fields})

    def at(kind: str, number: int) -> int:
        name = f"set_{kind}_{number}"
        return set_fields.index(name) + 1 if name in set_fields else 0

    return {
        "sets": numbers,
        "reps_at": [at("reps", n) for n in numbers],
        "weight_at": [at("weight", n) for n in numbers],
    }


def describe(header: tuple[str, ...]) -> Layout:
    fields, unit = [], "kg"
    for position, name in enumerate(header):
        key = name.strip().lower()
        found = SET_COLUMN.match(key)
        if found:
            number, kind = found.groups()
            fields.append(f"set_reps_{number}" if kind == "reps" else f"set_weight_{number}")
            if kind != "reps":
                unit = "kg" if kind == "kg" else "lb"
        else:
            fields.append(KNOWN.get(key, f"x_{position}"))
    return Layout(
        "stronglifts",
        f"StrongLifts 5×5 ({unit})",
        tuple(header),
        tuple(fields),
        weight_unit=unit,
        date_formats=("%Y/%m/%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S"),
        reader="wide",
    )
