"""Any other CSV, through a column mapping the coach makes once and CoachKit reuses.

The coach says which column holds the date, exercise, reps, weight and so on; the mapping is
saved for that coach under the file's header, so the next file with the same header imports
without asking (coachkit/ingest.py keeps them).
"""

from __future__ import annotations

from dataclasses import dataclass

from coachkit.importers import ISO_FORMATS, Layout

# What the coach may map, in the order the upload page asks, with the canonical field each is.
MAPPABLE = {
    "date": "date",
    "exercise": "exercise",
    "reps": "reps",
    "weight": "weight",
    "unit": "weight_unit",
    "set type": "set_type",
    "duration (s)": "seconds",
    "distance (m)": "distance",
    "workout": "workout_name",
    "notes": "notes",
}
DATE_FORMATS = {
    "ISO (2026-03-02 18:00)": ISO_FORMATS,
    "day first (02/03/2026)": ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"),
    "month first (03/02/2026)": ("%m/%d/%Y %H:%M", "%m/%d/%Y"),
}


class MappingError(ValueError):
    """A column mapping is incomplete or points at columns the file does not have."""


@dataclass(frozen=True)
class ColumnMapping:
    """{what (a MAPPABLE key): the file's column name}, with the file's unit and date style."""

    columns: dict[str, str]
    weight_unit: str | None = None
    date_format: str = next(iter(DATE_FORMATS))

    def layout(self, header: tuple[str, ...]) -> Layout:
        """The layout this mapping gives a file with `header`; MappingError when it cannot."""
        unknown = set(self.columns) - set(MAPPABLE)
        if unknown:
            raise MappingError(f"cannot map {', '.join(sorted(unknown))}")
        if self.date_format not in DATE_FORMATS:
            raise MappingError(f"unknown date format {self.date_format!r}")
        required = {"date", "exercise"} <= set(self.columns)
        if not required or not ({"reps", "duration (s)"} & set(self.columns)):
            raise MappingError("map at least the date, the exercise, and the reps or a duration")
        positions = {name: i for i, name in enumerate(header)}
        fields = [f"x_{i}" for i in range(len(header))]
        for what, column in self.columns.items():
            if column not in positions:
                raise MappingError(f"the file has no column called {column!r}")
            fields[positions[column]] = MAPPABLE[what]
        per_row = "unit" in self.columns
        return Layout(
            "mapped",
            "your column mapping",
            header,
            tuple(fields),
            weight_unit=None if per_row else self.weight_unit,
            distance_unit="m",
            date_formats=DATE_FORMATS[self.date_format],
        )
