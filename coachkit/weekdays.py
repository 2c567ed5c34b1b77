"""Weekdays by their ISO number (1 is Monday), and their names as every screen shows them."""

from __future__ import annotations

from collections.abc import Iterable

NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NUMBERS = tuple(range(1, 8))
FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def name(day: int) -> str:
    """The short name of ISO weekday `day`: 1 is "Mon", 7 is "Sun"; 8 wraps to "Mon"."""
    return NAMES[(day - 1) % 7]


def names(days: Iterable[int]) -> str:
    """Weekdays in week order, as a list to read: (4, 1) is "Mon, Thu"."""
    return ", ".join(name(day) for day in sorted(days))


def parse(text: str) -> tuple[int, ...]:
    """ISO weekdays as the database keeps them, "1,4", as numbers: (1, 4)."""
    return tuple(int(part) for part in text.split(",") if part)


def from_names(text: str) -> tuple[int, ...]:
    """Weekdays a person types, "mon,thu" or "Monday, Thu", as ISO numbers: (1, 4)."""
    found = set()
    for part in (piece.strip().lower() for piece in text.split(",")):
        matches = [n for n in NUMBERS if len(part) >= 3 and FULL[n - 1].startswith(part)]
        if not matches:
            raise ValueError(f"{part!r} is not a weekday (mon, tue, wed, thu, fri, sat, sun)")
        found.add(matches[0])
    return tuple(sorted(found))
