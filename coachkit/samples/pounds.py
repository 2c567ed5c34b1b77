"""The demo's clients as they would log in either unit, for measuring the kg/lb guess.

The demo logs loads in kilograms, on 2.5 kg steps. A client in a pound gym loads what pound
equipment allows: a 45 lb bar with pairs of plates (45 + 5k, and 2.5 lb steps on presses for
some), dumbbells in fives (2.5 below 10), machine stacks in fives. A client in a kilogram gym
uses a 20 kg bar on 2.5 kg steps (1.25 kg plates on presses for some) and a kilogram dumbbell
rack (12, 14, 16, ...). `as_logged` turns a demo log into either, the loads rounded to what
that client's gym has; the lifter's strength, the sets and reps stay as they were.
"""

from __future__ import annotations

import random

import pandas as pd

from coachkit import catalog
from coachkit.samples import KG_PER_LB

KG_DUMBBELLS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 12.5, 14, 15, 16, 17.5, 18, 20, 22, 22.5)
KG_DUMBBELLS += (24, 25, 26, 27.5, 28, 30, 32, 32.5, 34, 35, 36, 37.5, 40, 42.5, 45, 50)
LB_DUMBBELLS = (2.5, 5, 7.5, 8, 10, *range(15, 155, 5))
PRESSES = {"bench_press", "overhead_press"}


def _nearest(value: float, rack: tuple[float, ...]) -> float:
    return min(rack, key=lambda step: abs(step - value))


def _steps(value: float, base: float, step: float) -> float:
    return max(base, base + round((value - base) / step) * step)


def _pounds(slug: str, kg: float, small_plates: bool) -> float:
    """A load in pounds on pound equipment, for a lifter who would lift `kg`."""
    lb = kg / KG_PER_LB
    equipment = catalog.exercise(slug).equipment
    if equipment in ("barbell", "smith_machine"):
        return _steps(lb, 45, 2.5 if small_plates and slug in PRESSES else 5)
    if equipment in ("dumbbell", "kettlebell"):
        return _nearest(lb, LB_DUMBBELLS)
    return _steps(lb, 5, 5)


def _kilograms(slug: str, kg: float, small_plates: bool) -> float:
    """A load in kilograms on kilogram equipment."""
    equipment = catalog.exercise(slug).equipment
    if equipment in ("barbell", "smith_machine"):
        return _steps(kg, 20, 1.25 if small_plates and slug in PRESSES else 2.5)
    if equipment in ("dumbbell", "kettlebell"):
        return _nearest(kg, KG_DUMBBELLS)
    return _steps(kg, 2.5, 2.5)


def as_logged(log: pd.DataFrame, unit: str, seed: int = 0) -> pd.DataFrame:
    """A demo log (demo.client_log) as a client logging in `unit` ("kg" or "lb") would have
    it, weights still in kg in the frame (the writers print them in the file's unit)."""
    small_plates = random.Random(seed).random() < 0.5  # half the lifters own fractional plates
    logged = log.copy()
    loads = []
    for slug, kg in zip(log["exercise"], log["weight_kg"], strict=True):
        if pd.isna(kg) or kg <= 0:
            loads.append(kg)
        elif unit == "lb":
            loads.append(_pounds(slug, kg, small_plates) * KG_PER_LB)
        else:
            loads.append(_kilograms(slug, kg, small_plates))
    logged["weight_kg"] = pd.Series(loads, index=log.index, dtype="float64")
    logged["unit"] = unit
    return logged
