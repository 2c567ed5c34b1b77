"""Weekdays by their ISO number (1 is Monday), and their names as every screen shows them."""

from __future__ import annotations

from collections.abc import Iterable

NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NUMBERS = tuple(range(1, 8))


def name(day: int) -> str:
    """The short name of ISO weekday `day`: 1 is "Mon", 7 is "Sun"; 8 wraps to "Mon"."""
    return NAMES[(day - 1) % 7]


def names(days: Iterable[int]) -> str:
    """Weekdays in week order, as a list to read: (4, 1) is "Mon, Thu"."""
    return ", ".join(name(day) for day in sorted(days))
