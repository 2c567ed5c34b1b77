"""The kg/lb guess for files that name no unit (coachkit/units.py), measured as the issue asks:
right on at least 95% of files with 20 or more weighted sets, and "not sure" rather than wrong.

The corpus is every demo client as a Strong D export (no unit) from a kilogram gym and from a
pound gym (coachkit/samples/pounds.py), through the importer's own preview. bench/unit_guess.py
runs the same on more seeds and prints the table, with the old rule beside it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from coachkit import catalog, demo, ingest, units
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.store import open_store
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def account(tmp_path_factory):
    """An embedded database of its own: the guess reads the file, not the backend."""
    folder = tmp_path_factory.mktemp("guess")
    with open_store(str(folder / "guess.duckdb")) as store:
        catalog.sync(store)
        coach = add_coach(store, "guess@gym.example")
        client = add_client(store, coach.id, "Client")
        yield store, coach.id, client.id, folder


def test_the_guess_is_right_on_95_percent_of_files_with_20_weighted_sets_and_never_wrong(
    account,
):
    store, coach_id, client_id, folder = account
    outcomes: Counter = Counter()
    for name, unit, text in demo.logged_in_both_units(TODAY, range(2)):
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        preview = ingest.preview(store, coach_id, client_id, path, today=TODAY)
        guessed = preview.unit_guess
        if _weighted(text) < units.MIN_SETS:
            assert guessed is None  # the home and daily clients lift no weights
            continue
        outcomes["right" if guessed == unit else "not sure" if guessed is None else "wrong"] += 1
    eligible = sum(outcomes.values())
    assert eligible >= 36  # 9 lifting clients × 2 seeds × 2 units
    assert outcomes["wrong"] == 0
    assert outcomes["right"] / eligible >= 0.95


def _weighted(text: str) -> int:
    """Weighted sets in a Strong D file: rows with a Weight above 0."""
    return sum(1 for row in csv.DictReader(io.StringIO(text)) if float(row["Weight"] or 0) > 0)


def loads(*groups: tuple[float, str, int]) -> list[units.Loads]:
    return [
        units.Loads(load, slug, catalog.exercise(slug).equipment, n) for load, slug, n in groups
    ]


def test_fewer_than_20_weighted_sets_are_not_enough_to_tell():
    # 19 sets of a 225 squat would say pounds, but 19 sets are not enough to say anything.
    assert units.guess(loads((225, "barbell_back_squat", 19))) is None
    assert units.guess(loads((225, "barbell_back_squat", 20))) == "lb"


def test_quarter_kilogram_plates_and_kilogram_dumbbells_say_kg():
    # 61.25 ends in .25: only 1.25 kg plates make that; 14 and 16 kg dumbbells come in twos.
    assert units.guess(loads((61.25, "bench_press", 10), (60, "bench_press", 10))) == "kg"
    assert units.guess(loads((14, "dumbbell_curl", 12), (16, "dumbbell_curl", 12))) == "kg"


def test_a_45_pound_bar_and_its_plate_loads_say_pounds():
    # 45, 135 and 225: the bar, one 45 a side, two a side.
    found = loads((45, "barbell_back_squat", 4), (135, "barbell_back_squat", 8),
                  (225, "barbell_back_squat", 8))  # fmt: skip
    assert units.guess(found) == "lb"


def test_middling_numbers_on_one_machine_are_not_sure():
    # 40 on a leg extension is a light 40 kg or a light 40 lb: nothing else to go by.
    assert units.guess(loads((40, "leg_extension", 30))) is None
