"""Every layout CoachKit reads, written by our own generator with its quirks, then imported.

Files come from coachkit/samples.py (one writer per layout) fed with the hand-written logs of
tests/fixtures.py, so every expected number here is counted by hand from those logs, in the
comments next to it; none is copied from what the importer printed.

Pounds become kg as pounds × 0.45359237, rounded to 0.01 kg: 45 lb = 20.41, 95 lb = 43.09,
100 lb = 45.36, 60 lb = 27.22, 70 lb = 31.75, 135 lb = 61.23, 185 lb = 83.91, 225 lb = 102.06;
3 miles = 3 × 1609.344 m = 4828.03 m.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from coachkit import answers, catalog, demo, ingest, samples
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.importers import all_layouts
from coachkit.importers.mapped import ColumnMapping
from coachkit.importers.source import ImportRejected
from coachkit.samples import quirks
from coachkit.store import Store, open_store
from tests import fixtures as fx
from tests.conftest import TODAY

PASSWORD = "long enough password"
W1, W2, W3 = (datetime(2026, 3, 2, 18), datetime(2026, 3, 4, 7, 30), datetime(2026, 3, 6, 18))

# The kg log of fixtures.legs_and_upper: 18 weighted sets (the plank, the two pull-ups and the
# run have no weight): squat 40 ×3 (one warm-up per workout), 60, 80 ×3, 82.5 ×3; leg
# extension 35 ×2 and the 25 drop set; bench 62.5 ×3 (two working, one failure); leg curl 30 ×2.
KG_WEIGHTS = Counter({40: 3, 60: 1, 80: 3, 82.5: 3, 35: 2, 25: 1, 62.5: 3, 30: 2})
# The same workouts logged in pounds: bar 45 ×3, 95, 185 ×3, 225 ×3, 100 ×2, 60, 135 ×3, 70 ×2.
LB_WEIGHTS = Counter(
    {20.41: 3, 43.09: 1, 83.91: 3, 102.06: 3, 45.36: 2, 27.22: 1, 61.23: 3, 31.75: 2}
)
# 4 warm-ups (squat 2 + bench 1 + squat 1), 1 drop, 1 failure, the other 16 working.
SET_TYPES = Counter({"working": 16, "warmup": 4, "drop": 1, "failure": 1})
# FitNotes and StrongLifts have no set types: every set is a working set.
ALL_WORKING = Counter({"working": 22})
REST_ROWS = {"rest timer rows": 14}  # 5 + 4 + 5 rest timers in W1, W2, W3


@dataclass
class Account:
    """One coach with one client, and the files the coach uploads for that client."""

    store: Store
    coach_id: uuid.UUID
    client_id: uuid.UUID
    folder: Path

    def file(self, content: str | bytes, name: str = "export.csv") -> Path:
        path = self.folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    def preview(self, path: Path, **options) -> ingest.Preview:
        return ingest.preview(
            self.store, self.coach_id, self.client_id, path, today=TODAY, **options
        )

    def commit(self, path: Path, **options) -> ingest.Result:
        return ingest.commit(
            self.store, self.coach_id, self.client_id, path, today=TODAY, **options
        )

    def sets(self) -> pd.DataFrame:
        with self.store.cursor() as cur:
            return cur.run_sql(
                "SELECT * FROM set_rows WHERE client_id = ? "
                "ORDER BY performed_at, logged_exercise, set_index",
                [self.client_id],
            ).df()

    def batches(self) -> pd.DataFrame:
        return ingest.history(self.store, self.coach_id, self.client_id)


@pytest.fixture(scope="module")
def shared_store(module_db) -> Store:
    """One database for the module: each test gets its own client in it, which keeps the
    tests apart (sets, imports and undo are per client) without a new database and a new
    password hash per test."""
    with open_store(module_db) as opened:
        catalog.sync(opened)
        yield opened


@pytest.fixture(scope="module")
def shared_coach(shared_store):
    return add_coach(shared_store, "coach@example.com", "Coach", PASSWORD)


@pytest.fixture
def account(shared_store, shared_coach, tmp_path) -> Account:
    client = add_client(shared_store, shared_coach.id, f"Client {uuid.uuid4().hex[:8]}")
    return Account(shared_store, shared_coach.id, client.id, tmp_path)


@pytest.fixture
def own_coach(shared_store, tmp_path) -> Account:
    """A coach of their own, for what is kept per coach (column mappings)."""
    coach = add_coach(shared_store, f"{uuid.uuid4().hex[:8]}@example.com", "Coach", PASSWORD)
    client = add_client(shared_store, coach.id, "Client")
    return Account(shared_store, coach.id, client.id, tmp_path)


def weights(stored: pd.DataFrame) -> Counter:
    return Counter(stored["weight_kg"].dropna())


def only(stored: pd.DataFrame, exercise: str, start: datetime | None = None) -> pd.DataFrame:
    rows = stored[stored["logged_exercise"] == exercise]
    return rows if start is None else rows[rows["performed_at"] == start]


@dataclass(frozen=True)
class Case:
    log: Callable[[], pd.DataFrame]  # the frame to write
    sets: int
    weights: Counter
    set_types: Counter
    skipped: dict
    run_m: float | None  # where the treadmill run ends up, in metres
    unit: str | None = None  # what the coach says for a file that names no unit


# 22 sets in every layout but StrongLifts (see fixtures.legs_and_upper); lb files carry the
# pounds log. StrongLifts: 41 sets written, 2 failed with 0 reps, so 39 stored (weights: squat
# 60/62.5/65 ×5 each, bench 40 ×5 and 42.5 ×4, row 50 ×5 and 52.5 ×5, press 30 ×4, dead 80).
CASES = {
    "strong_a": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000),
    "strong_b": Case(fx.lb_log, 22, LB_WEIGHTS, SET_TYPES, REST_ROWS, 4828.03),
    "strong_c": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000),
    "strong_d": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000, "kg"),
    "strong_d2": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000, "kg"),
    "strong_e": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000),
    "strong_f": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000, "kg"),
    "strong_g": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000),
    "strong_h": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, REST_ROWS, 5000),
    "hevy_kg": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, {}, 5000),
    "hevy_lb": Case(fx.lb_log, 22, LB_WEIGHTS, SET_TYPES, {}, 4828.03),
    "fitnotes_1": Case(fx.lb_log, 22, LB_WEIGHTS, ALL_WORKING, {}, 4828.03),
    "fitnotes_1kg": Case(fx.kg_log, 22, KG_WEIGHTS, ALL_WORKING, {}, 5000),
    "fitnotes_2": Case(fx.kg_log, 22, KG_WEIGHTS, ALL_WORKING, {}, 5000),
    "fitnotes_3": Case(fx.kg_log, 22, KG_WEIGHTS, ALL_WORKING, {}, 5000),
    "stronglifts": Case(
        fx.stronglifts_log,
        39,
        Counter({60: 5, 62.5: 5, 65: 5, 40: 5, 42.5: 4, 50: 5, 52.5: 5, 30: 4, 80: 1}),
        Counter({"working": 39}),
        {"rows with no reps and no duration": 2},
        None,
    ),
    "coachkit": Case(fx.kg_log, 22, KG_WEIGHTS, SET_TYPES, {}, 5000),
}


def test_every_layout_the_importer_knows_has_a_writer():
    known = {layout.key for layout in all_layouts()}
    assert known == set(samples.WRITERS) - set(samples.LAYOUTS) == set(CASES)


@pytest.mark.parametrize("key", sorted(CASES))
def test_each_layout_is_detected_and_stored_in_kg_and_a_second_import_adds_nothing(account, key):
    case = CASES[key]
    path = account.file(samples.WRITERS[key](case.log()))
    result = account.commit(path, unit=case.unit)
    assert result.preview.layout == key
    assert (result.sets_added, result.sets_existing) == (case.sets, 0)
    assert result.preview.sessions == 3
    assert result.preview.skipped == case.skipped
    stored = account.sets()
    assert len(stored) == case.sets
    assert weights(stored) == case.weights
    assert Counter(stored["set_type"]) == case.set_types
    if case.run_m is not None:
        run = only(stored, "Running (Treadmill)")
        assert run[["duration_s", "distance_m"]].values.tolist() == [[1800, case.run_m]]
        assert only(stored, "Plank")["duration_s"].tolist() == [60]

    again = account.commit(path, unit=case.unit)
    assert (again.sets_added, again.sets_existing, again.batch_id) == (0, case.sets, None)
    assert again.preview.already_in_db == case.sets
    assert len(account.sets()) == case.sets


# Layouts with an RPE column: Strong D to H, Hevy and the template. The log has RPE 10 on the
# bench failure set and 8.5 on W3's three working squats.
WITH_RPE = {"strong_d", "strong_e", "strong_f", "strong_g", "strong_h", "hevy_kg", "hevy_lb"}
WITH_RPE |= {"coachkit"}


@pytest.mark.parametrize("key", sorted(set(CASES) - {"stronglifts"}))
def test_rpe_is_kept_where_the_layout_has_a_column_for_it(account, key):
    case = CASES[key]
    account.commit(account.file(samples.WRITERS[key](case.log())), unit=case.unit)
    expected = Counter({8.5: 3, 10: 1}) if key in WITH_RPE else Counter()
    assert Counter(account.sets()["rpe"].dropna()) == expected


def test_strong_rest_timer_and_note_rows_are_dropped_and_counted(account):
    workouts = fx.legs_and_upper()
    workouts[0]["exercises"][0]["note"] = "belt from 80"  # a Note row before W1's squat
    workouts[1]["exercises"][0]["note"] = "pause reps"  # and one before W2's bench
    text = samples.strong_csv(fx.log(*workouts))
    assert text.count(",Note,") == 2 and text.count(",Rest Timer,") == 14
    result = account.commit(account.file(text))
    # 22 sets + 14 rest-timer rows + 2 note rows = 38 rows read, 22 of them sets.
    assert result.preview.rows_read == 38
    assert result.preview.skipped == {"rest timer rows": 14, "note rows": 2}
    assert result.sets_added == 22
    assert "Rest Timer" not in set(account.sets()["logged_exercise"])


def test_zero_based_set_order_of_the_oldest_strong_exports_reads_as_working_sets(account):
    zero_based = samples.strong_csv(fx.kg_log(), zero_based=True)
    # The first working squat set of W1 is numbered 0, not 1.
    assert "2026-03-02 18:00:00,Legs,Squat (Barbell),0,80,5" in zero_based
    result = account.commit(account.file(zero_based))
    assert result.sets_added == 22
    assert Counter(account.sets()["set_type"]) == SET_TYPES
    # Set order numbers are not part of a set's identity: the 1-based export is the same sets.
    one_based = account.commit(account.file(samples.strong_csv(fx.kg_log()), "one.csv"))
    assert (one_based.sets_added, one_based.sets_existing) == (0, 22)


def test_a_strong_export_written_upside_down_has_the_same_set_keys(account):
    account.commit(account.file(samples.strong_csv(fx.kg_log()), "oldest.csv"))
    reversed_text = samples.strong_csv(fx.kg_log(), order="reversed")
    assert reversed_text.splitlines()[1].startswith("2026-03-06")  # W3's last row comes first
    result = account.commit(account.file(reversed_text, "newest.csv"))
    assert (result.sets_added, result.sets_existing) == (0, 22)


def test_a_strong_export_sorted_newest_workout_first_has_the_same_set_keys(account):
    account.commit(account.file(samples.strong_csv(fx.kg_log()), "oldest.csv"))
    newest = samples.strong_csv(fx.kg_log(), order="newest")
    # W3 first, its rows as logged: the squat warm-up leads.
    assert newest.splitlines()[1] == "2026-03-06 18:00:00,Legs,Squat (Barbell),W,40,10,,,"
    result = account.commit(account.file(newest, "newest.csv"))
    assert (result.sets_added, result.sets_existing) == (0, 22)


@pytest.mark.parametrize(
    "key, options",
    [
        pytest.param("strong_a", {}, id="strong-oldest-first"),
        pytest.param("strong_a", {"order": "reversed"}, id="strong-upside-down"),
        pytest.param("strong_a", {"order": "newest"}, id="strong-newest-workout-first"),
        pytest.param("hevy_kg", {}, id="hevy"),
    ],
)  # fmt: skip
def test_sets_keep_the_order_they_were_logged_in(account, key, options):
    account.commit(account.file(samples.WRITERS[key](fx.kg_log(), **options)))
    squat = only(account.sets(), "Squat (Barbell)", W1)
    # W1's squat as logged: warm-ups 40 and 60, then 80 ×3; set_index 0 is the first warm-up.
    assert squat["set_index"].tolist() == [0, 1, 2, 3, 4]
    assert squat["weight_kg"].tolist() == [40, 60, 80, 80, 80]
    assert squat["set_type"].tolist() == ["warmup", "warmup", "working", "working", "working"]


def test_a_one_workout_hevy_export_then_a_full_export_adds_only_the_other_workouts(account):
    # A one-workout file cannot look newest-first, a longer Hevy file does; the keys must agree.
    workouts = fx.legs_and_upper()
    one = account.commit(account.file(samples.hevy_csv(fx.log(workouts[2])), "one.csv"))
    assert one.sets_added == 6  # W3: squat 1 warm-up + 3 working, leg curl 2
    full = account.commit(account.file(samples.hevy_csv(fx.log(*workouts)), "full.csv"))
    # W1 and W2 are new (9 + 7 = 16 sets); W3's 6 sets are already there.
    assert (full.sets_added, full.sets_existing) == (16, 6)


@pytest.mark.parametrize("key", ["strong_a", "hevy_kg", "fitnotes_3"])
def test_the_same_exercise_twice_in_one_workout_keeps_both_blocks(account, key):
    session = fx.workout(
        "2026-03-02 18:00:00",
        "Legs",
        fx.exercise("Squat (Barbell)", "Legs", fx.sets(3, 5, 80, rest=120)),
        fx.exercise("Leg Extension (Machine)", "Legs", fx.sets(2, 12, 35)),
        fx.exercise("Squat (Barbell)", "Legs", fx.sets(2, 8, 60)),  # back-off sets at the end
    )
    result = account.commit(account.file(samples.WRITERS[key](fx.log(session))))
    assert result.sets_added == 7  # 3 + 2 + 2
    squat = only(account.sets(), "Squat (Barbell)")
    # Both blocks, numbered on through the workout: 3 sets of 5 × 80, then 2 of 8 × 60.
    assert squat["set_index"].tolist() == [0, 1, 2, 3, 4]
    assert squat[["reps", "weight_kg"]].values.tolist() == [[5, 80]] * 3 + [[8, 60]] * 2


@pytest.mark.parametrize(
    "key, log, dust, expected",
    [
        ("strong_a", fx.kg_log, "79.99999999999999", KG_WEIGHTS),  # 80 kg one float step low
        ("strong_b", fx.lb_log, "184.99999999999997", LB_WEIGHTS),  # 185 lb, likewise
    ],
)
def test_float_dust_from_unit_round_trips_is_rounded_to_hundredths(
    account, key, log, dust, expected
):
    text = samples.WRITERS[key](log(), dust=True)
    assert dust in text
    account.commit(account.file(text))
    # 79.99999999999999 kg is 80.00; 184.99999999999997 lb × 0.45359237 = 83.9145… = 83.91.
    assert weights(account.sets()) == expected


def test_reps_and_seconds_written_as_floats_are_read_as_whole_numbers(account):
    text = samples.strong_c_csv(fx.kg_log())
    assert ";10.0;" in text and ";120.0;" in text  # a warm-up's reps and a rest timer
    account.commit(account.file(text))
    stored = account.sets()
    # Reps of the 20 sets that have reps: 10 ×4 (three warm-ups and the drop set), 5 ×7
    # (squats), 12 ×4 (extensions and curls), 8 ×4 (bench and pull-ups), 6 ×1 (the failure).
    assert Counter(stored["reps"].dropna().tolist()) == Counter({10: 4, 5: 7, 12: 4, 8: 4, 6: 1})
    assert sorted(stored["duration_s"].dropna()) == [60, 1800]  # plank and run


@pytest.mark.parametrize("key", ["strong_f", "strong_g", "strong_h"])
def test_workout_durations_are_read_as_seconds(account, key):
    lift = fx.exercise("Squat (Barbell)", "Legs", fx.sets(1, 5, 100))
    sessions = [
        fx.workout("2026-03-02 18:00:00", "A", lift, minutes=31),  # 31m = 1860 s
        fx.workout("2026-03-04 18:00:00", "B", lift, minutes=63),  # 1h 3m = 3780 s
        # a workout the client forgot to finish: 264h 1m = 264 × 3600 + 60 = 950460 s
        fx.workout("2026-03-06 18:00:00", "C", lift, minutes=264 * 60 + 1),
        fx.workout("2026-03-08 18:00:00", "D", lift, minutes=38, duration_text="38min"),  # 2280
    ]
    unit = {"unit": "kg"} if key == "strong_f" else {}  # F names no unit: the coach says kg
    text = samples.WRITERS[key](fx.log(*sessions), **unit)
    if key == "strong_h":
        assert '"950460"' in text  # whole seconds, quoted like everything in H
    else:
        assert all(word in text for word in ("31m", "1h 3m", "264h 1m", "38min"))
    account.commit(account.file(text), **unit)
    durations = account.sets()["workout_duration_s"].tolist()
    assert durations == [1860, 3780, 950460, 2280]


@pytest.mark.parametrize("key", ["strong_d", "strong_f"])
@pytest.mark.parametrize(
    "unit, log, expected",
    [
        ("kg", fx.kg_log, KG_WEIGHTS),
        ("lb", fx.lb_log, LB_WEIGHTS),
    ],
)
def test_a_strong_export_without_a_unit_asks_for_one_and_guesses_it(
    account, key, unit, log, expected
):
    path = account.file(samples.WRITERS[key](log(), unit=unit))
    preview = account.preview(path)
    assert preview.layout == key
    # 18 weighted sets: fewer than 20, so CoachKit does not guess (tests/test_unit_guess.py).
    assert preview.unit_needed and preview.unit_guess is None
    assert preview.problem() is not None
    with pytest.raises(ImportRejected, match="kg or lb"):
        account.commit(path)
    assert account.sets().empty and account.batches().empty

    result = account.commit(path, unit=unit)
    assert result.sets_added == 22
    assert weights(account.sets()) == expected


@pytest.mark.parametrize("key", ["strong_d", "strong_f"])
def test_float_dust_does_not_change_the_unit_guess(account, key):
    text = samples.WRITERS[key](quirks.pound_gym(), unit="lb", dust=True)
    assert "184.99999999999997" in text
    # Rounded to 0.01 the loads are 45 … 225: the same file as without dust (lb).
    assert account.preview(account.file(text)).unit_guess == "lb"


def test_timed_and_cardio_rows_written_with_zero_weight_and_reps_are_the_same_sets(account):
    zeros = samples.strong_csv(fx.kg_log(), zeros=True)
    assert "Legs,Plank,1,0,0,,60," in zeros  # 0 kg, 0 reps, 60 s
    result = account.commit(account.file(zeros))
    # The plank (60 s) and the run (30 min) are still sets: they have a duration.
    assert result.sets_added == 22
    assert result.preview.skipped == REST_ROWS
    stored = account.sets()
    assert only(stored, "Plank")["duration_s"].tolist() == [60]
    assert only(stored, "Running (Treadmill)")["distance_m"].tolist() == [5000]
    blanks = account.commit(account.file(samples.strong_csv(fx.kg_log()), "blanks.csv"))
    assert (blanks.sets_added, blanks.sets_existing) == (0, 22)


@pytest.mark.parametrize("key", ["fitnotes_1", "fitnotes_2", "fitnotes_3"])
def test_fitnotes_times_are_read_and_a_nonsense_distance_unit_on_timed_rows_is_ignored(
    account, key
):
    session = fx.workout(
        "2026-03-02 00:00:00",
        "",
        fx.exercise("Plank", "Abs", fx.sets(2, seconds=75)),  # 0:01:15 = 75 s
        fx.exercise("Stationary Bike", "Cardio", fx.sets(1, seconds=3930)),  # 1:05:30 = 3930 s
    )
    text = samples.WRITERS[key](fx.log(session), timed_unit="sec")
    assert ",0,sec,0:01:15" in text and ",0,sec,1:05:30" in text
    result = account.commit(account.file(text))
    assert result.sets_added == 3
    stored = account.sets()
    assert sorted(stored["duration_s"]) == [75, 75, 3930]
    # "0 sec" is no distance: not an error for an unknown unit, and nothing stored.
    assert stored["distance_m"].fillna(0).eq(0).all()
    assert result.preview.errors == []


def test_hevy_keeps_line_breaks_in_notes_emoji_in_titles_and_unpadded_days(account):
    session = fx.workout(
        "2026-04-07 10:14:00",
        "Leg day 🦵",
        fx.exercise(
            "Squat (Barbell)",
            "Legs",
            fx.sets(1, 5, 100, notes="Felt heavy\nback off next week"),
            fx.sets(2, 5, 100),
        ),
        fx.exercise("Leg Extension (Machine)", "Legs", fx.sets(2, 12, 40)),
        notes="Good session.\nKnee fine.",  # the description, repeated on every row
    )
    text = samples.hevy_csv(fx.log(session))
    assert '"7 Apr 2026, 10:14"' in text and '"Felt heavy\nback off next week"' in text
    assert text.count('"Good session.\nKnee fine."') == 5
    result = account.commit(account.file(text))
    assert result.sets_added == 5  # 3 squats + 2 extensions
    stored = account.sets()
    assert set(stored["workout_name"]) == {"Leg day 🦵"}
    assert set(stored["performed_at"]) == {datetime(2026, 4, 7, 10, 14)}
    assert "Felt heavy\nback off next week" in set(stored["notes"])
    assert only(stored, "Leg Extension (Machine)")["weight_kg"].tolist() == [40, 40]


def test_a_hevy_pounds_account_is_converted_to_kg(account):
    session = fx.workout(
        "2026-04-07 10:14:00",
        "Push",
        fx.exercise("Bench Press (Barbell)", "Chest", fx.sets(3, 5, 100)),
        fx.exercise("Running (Treadmill)", "Cardio", fx.sets(1, seconds=1200, metres=1609.344)),
        unit="lb",
    )
    text = samples.hevy_lb_csv(fx.log(session))
    assert ',"normal",100,5,' in text and ',"normal",,,1,1200,' in text  # 100 lb, 1 mile
    result = account.commit(account.file(text))
    assert result.preview.layout == "hevy_lb"
    stored = account.sets()
    assert only(stored, "Bench Press (Barbell)")["weight_kg"].tolist() == [45.36] * 3
    assert only(stored, "Running (Treadmill)")["distance_m"].tolist() == [1609.34]


@pytest.mark.parametrize("key, unit, written, kg", [
    ("fitnotes_1", "lb", 25, 11.34),  # 25 lb × 0.45359237 = 11.3398 kg
    ("fitnotes_2", "kg", 12.5, 12.5),
    ("fitnotes_3", "kg", 12.5, 12.5),
])  # fmt: skip
def test_a_fitnotes_exercise_name_with_an_unquoted_comma_is_repaired_whole(
    account, key, unit, written, kg
):
    name = "Overhead Press (Each Side, Dumbbells)"
    session = fx.workout(
        "2026-03-02 00:00:00",
        "",
        fx.exercise(name, "Shoulders", fx.sets(3, 10, written)),
        fx.exercise("Lateral Raise (Dumbbell)", "Shoulders", fx.sets(2, 15, written)),
        unit=unit,
    )
    text = samples.WRITERS[key](fx.log(session))
    assert f"2026-03-02,{name},Shoulders,{written}," in text  # one field too many, unquoted
    result = account.commit(account.file(text))
    assert result.preview.repaired_rows == 3
    assert result.sets_added == 5
    press = only(account.sets(), name)
    assert press[["reps", "weight_kg"]].values.tolist() == [[10, kg]] * 3


def test_a_fitnotes_row_with_too_few_fields_is_an_error_on_its_line(account):
    lines = samples.fitnotes_csv(fx.kg_log()).splitlines()
    # File line 4 is W1's first working squat; cut it after the weight unit: 5 of 10 fields.
    assert lines[3] == "2026-03-02,Squat (Barbell),Legs,80,kgs,5,,,,"
    lines[3] = "2026-03-02,Squat (Barbell),Legs,80,kgs"
    path = account.file("\n".join(lines) + "\n")
    preview = account.preview(path)
    assert [(e.line, e.column, e.value) for e in preview.errors] == [(4, "row", "5")]
    assert preview.error_total == 1 and preview.problem() is not None
    with pytest.raises(ImportRejected):
        account.commit(path)
    assert account.sets().empty


def test_an_import_refused_for_a_row_error_names_the_line(account):
    lines = samples.fitnotes_csv(fx.kg_log()).splitlines()
    lines[3] = "2026-03-02,Squat (Barbell),Legs,80,kgs"  # file line 4, 5 fields of 10
    with pytest.raises(ImportRejected) as refused:
        account.commit(account.file("\n".join(lines) + "\n"))
    assert refused.value.line == 4 and "line 4" in str(refused.value)


def test_a_fitnotes_comment_with_a_comma_is_not_glued_into_the_exercise_name(account):
    session = fx.workout(
        "2026-03-02 00:00:00",
        "",
        fx.exercise("Push Up", "Chest", fx.sets(1, 10, notes="12, then 10")),
    )
    text = samples.fitnotes_csv(fx.log(session))
    assert text.splitlines()[1] == "2026-03-02,Push Up,Chest,,,10,,,,12, then 10"
    path = account.file(text)
    preview = account.preview(path)
    if preview.errors:
        # The repair does not make this row fit, so FORMATS.md says: reject it, on line 2.
        assert [e.line for e in preview.errors] == [2]
    else:
        # Or the importer repairs the comment instead: a 10-rep push-up set with its note.
        account.commit(path)
        stored = account.sets()
        assert stored[["logged_exercise", "reps", "notes"]].values.tolist() == [
            ["Push Up", 10, "12, then 10"]
        ]


def test_fitnotes_category_gives_the_region_of_a_name_the_catalog_does_not_know(account):
    session = fx.workout(
        "2026-03-02 00:00:00",
        "",
        fx.exercise("Zercher Wobble", "Quads", fx.sets(3, 8, 50)),  # a user's own exercise
        fx.exercise("Squat (Barbell)", "Legs", fx.sets(2, 5, 80)),
    )
    path = account.file(samples.fitnotes_csv(fx.log(session)))
    # Quads is one of FitNotes' user categories for the legs: region lower.
    assert account.preview(path).unknown == [
        ingest.UnknownName("Zercher Wobble", "Quads", 3, "lower")
    ]
    account.commit(path)
    wobble = only(account.sets(), "Zercher Wobble")
    assert wobble["exercise_slug"].isna().all()
    assert wobble["category_region"].tolist() == ["lower"] * 3


def test_stronglifts_sets_are_unpivoted_and_failed_sets_skipped(account):
    text = samples.stronglifts_csv(fx.stronglifts_log())
    assert "Sets×Reps" in text and ",0,30," in text  # U+00D7, and W2's failed press set
    result = account.commit(account.file(text))
    # 41 sets written over 9 rows; the 2 failed (0-rep) sets are skipped; blank set columns
    # (the sixth pair everywhere, the deadlift's last five) are not sets at all.
    assert result.preview.rows_read == 41
    assert result.preview.skipped == {"rows with no reps and no duration": 2}
    assert result.sets_added == 39
    stored = account.sets()
    per_exercise = Counter(
        zip(stored["performed_at"].dt.day, stored["logged_exercise"], strict=True)
    )
    assert per_exercise == Counter(
        {
            (2, "Squat"): 5, (2, "Bench Press"): 5, (2, "Barbell Row"): 5,
            (4, "Squat"): 5, (4, "Overhead Press"): 4, (4, "Deadlift"): 1,
            (6, "Squat"): 5, (6, "Bench Press"): 4, (6, "Barbell Row"): 5,
        }
    )  # fmt: skip
    assert only(stored, "Squat")["set_index"].tolist() == [0, 1, 2, 3, 4] * 3


def test_a_stronglifts_header_without_some_weight_columns_keeps_those_sets_reps(account):
    # Set 2 has no weight column and the header lists its pairs out of order (set 2 first):
    # each set is still read from its own columns. Row 1: 5×100, 5 reps (no weight); row 2:
    # 3×60 and an empty second slot, which is no set. 3 sets.
    text = (
        "Date (yyyy/mm/dd),Workout Name,Exercise,Set 2 (Reps),Set 1 (Reps),Set 1 (KG)\n"
        "2026/03/02 18:00,Workout A,Squat,5,5,100\n"
        "2026/03/04 18:00,Workout B,Deadlift,,3,60\n"
    )
    result = account.commit(account.file(text))
    assert (result.preview.rows_read, result.sets_added) == (3, 3)
    stored = account.sets().sort_values(["performed_at", "set_index"])
    assert stored["reps"].tolist() == [5, 5, 3]
    assert stored["weight_kg"].tolist()[0::2] == [100.0, 60.0]
    assert pd.isna(stored["weight_kg"].tolist()[1])


def test_a_stronglifts_pounds_account_is_converted_to_kg(account):
    session = fx.workout(
        "2026-03-02 18:00:00",
        "Workout A",
        fx.exercise("Squat", "Legs", fx.sets(5, 5, 135)),
        unit="lb",
    )
    text = samples.stronglifts_csv(fx.log(session), unit="lb")
    assert "Set 1 (LB)" in text
    result = account.commit(account.file(text))
    assert result.sets_added == 5
    assert weights(account.sets()) == Counter({61.23: 5})  # 135 lb


@pytest.mark.parametrize(
    "key, transform",
    [
        pytest.param("strong_a", samples.utf8_bom, id="strong-utf8-bom"),
        pytest.param("strong_b", samples.utf8_bom, id="strong_b-utf8-bom"),
        pytest.param("hevy_kg", samples.utf8_bom, id="hevy-utf8-bom"),
        pytest.param("fitnotes_1", samples.utf8_bom, id="fitnotes_1-utf8-bom"),
        pytest.param("fitnotes_3", samples.utf8_bom, id="fitnotes-utf8-bom"),
        pytest.param("strong_a", samples.excel_unicode_text, id="strong-excel-utf16-tab"),
        pytest.param("hevy_lb", samples.excel_unicode_text, id="hevy-excel-utf16-tab"),
        pytest.param("coachkit", samples.excel_unicode_text, id="template-excel-utf16-tab"),
        pytest.param("strong_a", lambda text: samples.redelimit(text, ";"), id="strong-semicolon"),
        pytest.param("strong_a", lambda text: samples.redelimit(text, "\t"), id="strong-tab"),
        pytest.param("hevy_kg", lambda text: samples.redelimit(text, ";"), id="hevy-semicolon"),
        pytest.param("strong_b", samples.crlf, id="strong_b-crlf"),
        pytest.param("strong_c", samples.crlf, id="strong_c-crlf"),
        pytest.param("strong_h", samples.crlf, id="strong_h-crlf"),
        pytest.param("fitnotes_3", samples.crlf, id="fitnotes-crlf"),
        pytest.param("stronglifts", samples.crlf, id="stronglifts-crlf"),
        pytest.param("coachkit", samples.crlf, id="template-crlf"),
    ],
)
def test_encodings_delimiters_and_line_ends_do_not_change_what_is_read(account, key, transform):
    case = CASES[key]
    result = account.commit(
        account.file(transform(samples.WRITERS[key](case.log()))), unit=case.unit
    )
    assert result.preview.layout == key
    assert result.sets_added == case.sets
    assert weights(account.sets()) == case.weights


def test_excel_unicode_text_is_utf16_with_a_bom_and_tabs():
    data = samples.excel_unicode_text(samples.strong_csv(fx.kg_log()))
    assert data.startswith(b"\xff\xfe")
    assert data[2:].decode("utf-16-le").startswith("Date\tWorkout Name\tExercise Name\t")


@pytest.mark.parametrize("key", ["strong_a", "fitnotes_3"])
def test_a_windows_1252_file_keeps_accented_exercise_names(account, key):
    name = "Développé couché (Barre)"
    session = fx.workout(
        "2026-03-02 18:00:00", "Haut", fx.exercise(name, "Chest", fx.sets(3, 8, 60))
    )
    data = samples.cp1252(samples.WRITERS[key](fx.log(session)))
    assert b"D\xe9velopp\xe9 couch\xe9" in data  # é is the single byte 0xE9
    result = account.commit(account.file(data))
    assert result.sets_added == 3
    assert set(account.sets()["logged_exercise"]) == {name}


@pytest.mark.parametrize(
    "key", ["strong_c", "strong_e", "strong_g", "fitnotes_2", "fitnotes_3", "coachkit"]
)
def test_a_unit_per_row_converts_only_the_pound_rows(account, key):
    kg_day = fx.workout(
        "2026-03-02 18:00:00", "Legs", fx.exercise("Squat (Barbell)", "Legs", fx.sets(3, 5, 100))
    )
    lb_day = fx.workout(
        "2026-03-04 18:00:00",
        "Upper",
        fx.exercise("Bench Press (Barbell)", "Chest", fx.sets(3, 5, 135)),
        fx.exercise("Pull Up", "Back", fx.sets(2, 8)),  # bodyweight: no weight, no unit
        unit="lb",
    )
    result = account.commit(account.file(samples.WRITERS[key](fx.log(kg_day, lb_day))))
    assert result.sets_added == 8  # 3 + 3 + 2
    stored = account.sets()
    # Squats stay 100 kg; 135 lb bench = 61.23 kg; pull-ups have no weight.
    assert weights(stored) == Counter({100: 3, 61.23: 3})
    assert only(stored, "Pull Up")["weight_kg"].isna().all()


def test_strong_b_wrapped_lines_keep_notes_with_quotes_and_semicolons(account):
    note = 'felt "strong"; slept 8h'
    session = fx.workout(
        "2026-03-02 18:00:00",
        "Legs",
        fx.exercise("Squat (Barbell)", "Legs", fx.sets(1, 5, 225, notes=note), fx.sets(2, 5, 225)),
        unit="lb",
    )
    text = samples.strong_b_csv(fx.log(session))
    # The field is quoted inside the line ("felt ""strong""; …"), then the line is wrapped.
    assert ';""felt """"strong""""; slept 8h"";' in text
    result = account.commit(account.file(text))
    assert result.sets_added == 3
    squat = account.sets()
    assert squat["notes"].tolist()[0] == note
    assert squat["weight_kg"].tolist() == [102.06] * 3  # 225 lb


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            [b'"a;""b"";c"\r\n', b'"""q"";1"\r\n', b'"x;""y"""\r\n'], id="all-wrapped-crlf"
        ),
        pytest.param([b'"a;1"\n', b'""\n', b'"b;""2"""\n'], id="all-wrapped-lf"),
        pytest.param([b'"a;1"\n', b"plain;2\n", b'"c;""3"""\n'], id="one-not-wrapped"),
        pytest.param([b'"a;1"\n', b'"half;2\n'], id="one-half-wrapped"),
    ],
)
def test_strong_b_lines_unwrap_the_same_by_block_as_one_by_one(lines):
    # The block shortcut must give what unwrapping each line on its own gives: a;"b";c, "q";1,
    # x;"y" for the first case; unwrapped lines end in LF.
    assert ingest._unwrap_block(b"".join(lines)) == b"".join(map(ingest._unwrap_line, lines))


def test_a_strong_b_line_unwraps_to_its_fields():
    # The line a;"b ""x""";c (its middle field: b "x") wrapped: every quote doubled, then quoted.
    assert ingest._unwrap_line(b'"a;""b """"x"""""";c"\r\n') == b'a;"b ""x""";c\n'


def test_a_newer_export_that_overlaps_adds_only_the_new_sets(account):
    w1, w2, w3 = fx.legs_and_upper()
    older = account.commit(account.file(samples.strong_csv(fx.log(w1, w2)), "march-4.csv"))
    assert older.sets_added == 16  # W1 9 + W2 7
    newer_path = account.file(samples.strong_csv(fx.log(w2, w3)), "march-6.csv")
    preview = account.preview(newer_path)
    assert (preview.sets, preview.already_in_db, preview.new_sets) == (13, 7, 6)
    newer = account.commit(newer_path)
    # W2's 7 sets are already stored; only W3's 6 are new.
    assert (newer.sets_added, newer.sets_existing) == (6, 7)
    assert weights(account.sets()) == KG_WEIGHTS  # all 22 sets, none twice


def test_undoing_an_import_removes_exactly_the_sets_it_added(account):
    w1, w2, w3 = fx.legs_and_upper()
    older = account.commit(account.file(samples.strong_csv(fx.log(w1, w2)), "march-4.csv"))
    newer = account.commit(account.file(samples.strong_csv(fx.log(w2, w3)), "march-6.csv"))
    assert ingest.undo(account.store, account.coach_id, newer.batch_id) == 6  # W3's sets
    stored = account.sets()
    assert len(stored) == 16  # W1 and W2, including W2's sets the newer file repeated
    assert set(stored["batch_id"]) == {older.batch_id}
    assert set(stored["performed_at"]) == {W1, W2}
    assert ingest.undo(account.store, account.coach_id, newer.batch_id) == 0  # already undone
    undone = account.batches().set_index("id")["undone_at"]
    assert undone.isna().tolist().count(True) == 1 and not pd.isna(undone[newer.batch_id])
    # The undone sets are gone, so the same file brings W3 back.
    again = account.commit(account.file(samples.strong_csv(fx.log(w2, w3)), "march-6.csv"))
    assert (again.sets_added, again.sets_existing) == (6, 7)


HEADER = ("When", "Lift", "Reps", "Kg")
MAPPING = ColumnMapping(
    columns={"date": "When", "exercise": "Lift", "reps": "Reps", "weight": "Kg"},
    weight_unit="kg",
)


def spreadsheet(*rows: str) -> str:
    return "\n".join([",".join(HEADER), *rows]) + "\n"


def test_an_unknown_layout_without_a_mapping_needs_one(own_coach):
    account = own_coach
    path = account.file(spreadsheet("2026-03-02 18:00,Squat,5,100"))
    with pytest.raises(ingest.NeedsMapping) as needs:
        account.commit(path)
    assert needs.value.header == HEADER
    assert account.sets().empty


def test_a_column_mapping_imports_an_unknown_layout_and_is_remembered(own_coach):
    account = own_coach
    first = account.file(
        spreadsheet(
            "2026-03-02 18:00,Squat,5,100",
            "2026-03-02 18:00,Squat,5,100",
            "2026-03-02 18:00,Leg Press,10,150",
        ),
        "monday.csv",
    )
    result = account.commit(first, mapping=MAPPING)
    assert result.preview.layout == "mapped"
    assert result.sets_added == 3
    assert weights(account.sets()) == Counter({100: 2, 150: 1})

    answers.save_column_mapping(account.store, account.coach_id, HEADER, MAPPING)
    second = account.file(
        spreadsheet("2026-03-05 18:00,Squat,5,105", "2026-03-05 18:00,Squat,5,105"),
        "thursday.csv",
    )
    assert account.commit(second).sets_added == 2  # no mapping argument this time
    assert weights(account.sets()) == Counter({100: 2, 150: 1, 105: 2})


def test_a_saved_column_mapping_belongs_to_the_coach_who_made_it(own_coach, account):
    answers.save_column_mapping(own_coach.store, own_coach.coach_id, HEADER, MAPPING)
    path = own_coach.file(spreadsheet("2026-03-02 18:00,Squat,5,100"))
    assert own_coach.commit(path).sets_added == 1
    # Another coach (the module's shared one) uploading the same spreadsheet is asked to map it.
    with pytest.raises(ingest.NeedsMapping):
        account.commit(path)


@pytest.mark.parametrize("name", ["Maya Lopez", "Jordan Reed", "Sam Patel"])
def test_two_weeks_of_a_demo_clients_log_import_set_for_set(account, name):
    persona = next(p for p in demo.CLIENTS if p.name == name)  # strong, hevy, fitnotes
    log = demo.client_log(persona, TODAY)
    recent = log[log["performed_at"] >= pd.Timestamp(TODAY - timedelta(days=14))]
    path = samples.write(recent, persona.layout, account.folder / "demo.csv")
    result = account.commit(path)
    assert result.sets_added == len(recent) > 0  # every logged set, none dropped or doubled
    assert len(account.sets()) == len(recent)
