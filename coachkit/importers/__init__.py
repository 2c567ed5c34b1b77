"""The CSV layouts CoachKit reads, one module per source app, and detection by header.

A layout says, for each column of the file in order, which canonical field it holds (or that
it is ignored), and in which units. Reading and cleaning are the same for every layout and
happen in SQL (coachkit/sql/ingest/): DuckDB parses the file as text, the layout's names
rename its columns, and one normalising query turns them into set rows. So adding a layout is
adding a description here, not code.

Canonical fields: date, end_time, workout_name, workout_duration, exercise, category,
set_order (Strong's text: 1, W, D, F, Rest Timer, Note), set_type (normal, warmup, …),
set_number (an app's own set numbering, as Hevy's set_index), weight,
weight_unit, reps, distance, distance_unit, seconds, clock (H:MM:SS), rpe, notes, workout_notes.
Names starting with `x_` are read and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CANONICAL = (
    "date",
    "end_time",
    "workout_name",
    "workout_duration",
    "exercise",
    "category",
    "set_order",
    "set_type",
    "set_number",
    "weight",
    "weight_unit",
    "reps",
    "distance",
    "distance_unit",
    "seconds",
    "clock",
    "rpe",
    "notes",
    "workout_notes",
)
ISO_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")


@dataclass(frozen=True)
class Layout:
    key: str  # stable id, stored with each import batch
    label: str  # what the coach reads: "Strong, layout C (semicolon, unit per row)"
    header: tuple[str, ...]  # the header as the app writes it
    fields: tuple[str, ...]  # canonical field of each column, in order
    weight_unit: str | None = None  # "kg" or "lb" for the whole file; None: per row or ask
    distance_unit: str | None = None  # "km", "mi" or "m" for the whole file
    date_formats: tuple[str, ...] = ISO_FORMATS
    reader: str = "csv"  # "csv"; "unquoted" (FitNotes); "wide" (StrongLifts)
    wrapped_lines: bool = False  # Strong B wraps each data line in one pair of quotes

    @property
    def unit_per_row(self) -> bool:
        return "weight_unit" in self.fields

    @property
    def asks_unit(self) -> bool:
        """No unit in the file at all: the coach must say kg or lb for it."""
        return self.weight_unit is None and not self.unit_per_row


def header_fields(header: str) -> tuple[str, ...]:
    """A header line as the app writes it, split into its column names (quotes removed)."""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return tuple(name.strip('"') for name in header.split(delimiter))


def field_names(text: str) -> tuple[str, ...]:
    """Canonical fields written as one line, column by column: "date exercise reps"."""
    return tuple(text.split())


def header_key(fields: Iterable[str]) -> str:
    """Headers compare without case, quotes, spaces around names or a byte-order mark."""
    return "|".join(
        re.sub(r"\s+", " ", f.strip().strip('"').lstrip("\ufeff")).lower() for f in fields
    )


def _registry() -> dict[str, Layout]:
    from coachkit.importers import fitnotes, hevy, strong, template

    layouts = [*strong.LAYOUTS, *hevy.LAYOUTS, *fitnotes.LAYOUTS, template.LAYOUT]
    return {header_key(layout.header): layout for layout in layouts}


def all_layouts() -> list[Layout]:
    from coachkit.importers import stronglifts

    return [*_registry().values(), stronglifts.describe(stronglifts.EXAMPLE_HEADER)]


def detect(header: tuple[str, ...]) -> Layout | None:
    """The layout whose header this is, by the header alone; None when no layout matches."""
    from coachkit.importers import stronglifts

    found = _registry().get(header_key(header))
    if found is None and stronglifts.matches(header):
        found = stronglifts.describe(header)
    return found
