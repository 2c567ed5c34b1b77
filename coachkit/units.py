"""Kilograms or pounds? A guess for a file that names no unit (Strong D, D′, F), from its loads.

The coach always confirms; the guess only preselects, and says "not sure" rather than guess
wrong. It weighs three kinds of evidence, each from what real loads look like in each unit:

- Plate steps. Kilogram gyms have 1.25 kg plates, so loads end in .25 or .75 (21.25, 61.75);
  pound plates go down to 2.5 lb, so pound loads almost never do. Kilogram dumbbells and
  kettlebells come in even steps (12, 14, 16, 18, 22, 24, 28, 32); pound ones in fives.
- Bar weights. A pound barbell is 45 lb and is loaded with pairs of 45s and 25s: 45, 95, 135,
  185, 225, 275, 315, 405 are the pound lifter's loads; in kilograms they are odd numbers.
- Magnitudes, per kind of equipment. Each exercise's median load is compared with what people
  lift on such equipment (`TYPICAL_KG`): a barbell squat of 225 is far likelier 225 lb than
  225 kg, a dumbbell curl of 12 likelier 12 kg than 12 lb. One exercise counts once, however
  many sets it has: they are one lifter's numbers, not independent evidence.

bench/unit_guess.py measures it on the demo's samples and on generated files in both units.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

KG_PER_LB = 0.45359237
MIN_SETS = 20  # fewer weighted sets than this: not sure
SURE = 2.0  # the score, in log-likelihood units, from which the guess is made
# Working loads people lift on each kind of equipment, in kg (the median of a lognormal
# spread of SPREAD): a coaching rule of thumb, wide on purpose.
TYPICAL_KG = {
    "barbell": 55.0,
    "smith_machine": 50.0,
    "trap_bar": 80.0,
    "plate_loaded": 80.0,
    "machine": 40.0,
    "cable": 25.0,
    "ez_bar": 25.0,
    "dumbbell": 12.0,
    "kettlebell": 16.0,
}
SPREAD = 0.6  # the natural log's standard deviation: about ×1.8 either way
MAGNITUDE_CAP = 2.0  # what one exercise's magnitude may say, either way
POUND_BAR_LOADS = frozenset({45, 95, 135, 185, 225, 275, 315, 365, 405, 455, 495})
BARBELLS = frozenset({"barbell", "smith_machine", None})
KG_ONLY_BELLS = frozenset({12, 14, 16, 18, 22, 24, 26, 28, 32, 36})


@dataclass(frozen=True)
class Loads:
    """Weighted sets at one load (as written in the file) of one exercise."""

    load: float
    exercise: str | None  # catalog slug; None for a name the catalog does not know
    equipment: str | None  # the catalog's equipment of that exercise
    sets: int


def _magnitude(median: float, equipment: str) -> float:
    """Log-likelihood of kg over lb for one exercise's median load, from its equipment."""
    typical = math.log(TYPICAL_KG[equipment])
    as_kg = math.log(median) - typical
    as_lb = math.log(median * KG_PER_LB) - typical
    score = (as_lb**2 - as_kg**2) / (2 * SPREAD**2)
    return max(-MAGNITUDE_CAP, min(MAGNITUDE_CAP, score))


def _median(values: list[tuple[float, int]]) -> float:
    ordered = sorted(values)
    half, seen = sum(n for _, n in ordered) / 2, 0
    for load, n in ordered:
        seen += n
        if seen >= half:
            return load
    raise ValueError("no loads")


def score(loads: Iterable[Loads]) -> float:
    """Evidence for kg (above 0) against lb (below 0), in log-likelihood units."""
    groups = list(loads)
    total = sum(g.sets for g in groups)
    if not total:
        return 0.0
    quarters = sum(g.sets for g in groups if (g.load * 4) % 2 == 1)  # .25 and .75
    bells = sum(
        g.sets
        for g in groups
        if g.equipment in ("dumbbell", "kettlebell") and g.load in KG_ONLY_BELLS
    )
    bars = {g.load for g in groups if g.equipment in BARBELLS and g.load in POUND_BAR_LOADS}
    evidence = 0.0
    if quarters / total > 0.02:
        evidence += 3.0
    if bells / total > 0.05:
        evidence += 2.0
    evidence -= min(len(bars), 3)
    per_exercise: dict[str, list[tuple[float, int]]] = defaultdict(list)
    kinds = {}
    for g in groups:
        if g.exercise is not None and g.equipment in TYPICAL_KG:
            per_exercise[g.exercise].append((g.load, g.sets))
            kinds[g.exercise] = g.equipment
    for exercise, values in per_exercise.items():
        evidence += _magnitude(_median(values), kinds[exercise])
    return evidence


def guess(loads: Iterable[Loads]) -> str | None:
    """ "kg" or "lb" when the loads say so clearly; None (not sure) otherwise, and always for a
    file of fewer than MIN_SETS weighted sets."""
    groups = list(loads)
    if sum(g.sets for g in groups) < MIN_SETS:
        return None
    evidence = score(groups)
    if evidence >= SURE:
        return "kg"
    if evidence <= -SURE:
        return "lb"
    return None
