"""How often CoachKit guesses kg or lb right for a file that names no unit.

The corpus: every demo client, for each seed, as a Strong D export (no unit in the file) of a
client in a kilogram gym and of one in a pound gym (demo.logged_in_both_units), whole and cut
to its first 3 and 6 weeks, since a coach also gets a new client's short first export. Each
file goes through the importer's own preview (coachkit/units.py decides). Beside it, in the
same run, the rule CoachKit used before (75th percentile of the loads over 120: lb; loads
with fractions on more than 5% of sets: kg; else kg), on the same files.

Counted: files with at least 20 weighted sets (units.MIN_SETS; with fewer the guess must be
"not sure"), and of those the share guessed right, not sure, and wrong. The issue's target:
right on at least 95%. Run from the project root:

    .venv/bin/python bench/unit_guess.py [--seeds 5] [--smoke]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from coachkit import catalog, demo, ingest, units
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.store import open_store

ANCHOR = date(2026, 11, 25)
CUTS = (21, 42, None)  # days from the first logged day; None: the whole file


def loads(text: str) -> list[float]:
    return [float(r["Weight"]) for r in csv.DictReader(io.StringIO(text)) if r["Weight"]]


def old_rule(text: str) -> str:
    weights = [w for w in loads(text) if w > 0]
    if not weights:
        return "kg"
    if sum(w != int(w) for w in weights) / len(weights) > 0.05:
        return "kg"
    return "lb" if statistics.quantiles(weights, n=4)[2] > 120 else "kg"


def cut(text: str, days: int | None) -> str:
    """The file's lines from its first `days` days."""
    lines = text.splitlines(keepends=True)
    if days is None:
        return text
    first = date.fromisoformat(lines[1][:10])
    return "".join(
        [lines[0], *(x for x in lines[1:] if (date.fromisoformat(x[:10]) - first).days < days)]
    )


def outcome(guessed: str | None, unit: str) -> str:
    return "right" if guessed == unit else "not sure" if guessed is None else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="one seed, whole files only")
    args = parser.parse_args()
    seeds, cuts = (range(1), (None,)) if args.smoke else (range(args.seeds), CUTS)
    ours: Counter = Counter()
    theirs: Counter = Counter()
    with tempfile.TemporaryDirectory() as scratch, open_store(f"{scratch}/g.duckdb") as store:
        catalog.sync(store)
        coach = add_coach(store, "bench@gym.example")
        client = add_client(store, coach.id, "Client")
        for name, unit, whole in demo.logged_in_both_units(ANCHOR, seeds):
            for days in cuts:
                text = cut(whole, days)
                if sum(1 for w in loads(text) if w > 0) < units.MIN_SETS:
                    continue
                path = Path(scratch) / name
                path.write_text(text, encoding="utf-8")
                preview = ingest.preview(store, coach.id, client.id, path, today=ANCHOR)
                ours[unit, outcome(preview.unit_guess, unit)] += 1
                theirs[unit, outcome(old_rule(text), unit)] += 1
    print(f"{'files with 20+ weighted sets':<30}{'units.py (now)':>28}{'the rule before':>28}")
    for unit in ("kg", "lb", "both"):
        cells = []
        for counts in (ours, theirs):
            pick = {k: v for k, v in counts.items() if unit == "both" or k[0] == unit}
            total = sum(pick.values())
            share = {o: sum(v for k, v in pick.items() if k[1] == o) / total for o in
                     ("right", "not sure", "wrong")}  # fmt: skip
            cells.append(
                f"{total:>4} {share['right']:>5.1%} right {share['not sure']:>4.0%} ? "
                f"{share['wrong']:>4.0%} x"
            )
        print(f"{unit:<30}{cells[0]:>28}{cells[1]:>28}")
    right = sum(v for k, v in ours.items() if k[1] == "right") / sum(ours.values())
    print(f"target: right on at least 95% -> {'PASS' if right >= 0.95 else 'FAIL'} ({right:.1%})")


if __name__ == "__main__":
    main()
