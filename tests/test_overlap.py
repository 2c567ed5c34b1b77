"""The preview warns when a file's new sets fall on days that already hold other sets of the
client from another file, and the demo's sample exports agree with the demo database: the
README's try-it path (upload a sample into its demo client) adds nothing twice."""

from __future__ import annotations

from coachkit import auth, catalog, clients, demo, ingest, present_imports
from coachkit.store import open_store
from tests.conftest import TODAY
from tests.test_cli_report import HEVY, STRONG, hevy_set

COACH = "coach@overlap.example"


def test_sets_on_days_that_already_hold_another_files_sets_are_warned_about(db_path, tmp_path):
    # Strong first: Mon 10-05 and Thu 10-08 (tests/test_cli_report.py's STRONG). Then a Hevy
    # export of Kim's week 42 (10-12, 10-13, 10-17) plus two leg presses on Mon 10-05 at
    # another time: 1 day of its new sets, 10-05, already holds Strong's sets.
    strong, hevy = tmp_path / "kim-strong.csv", tmp_path / "kim-hevy.csv"
    strong.write_text("\n".join(STRONG) + "\n", encoding="utf-8")
    extra = [hevy_set("Legs C", 5, "Leg Press (Machine)", i, 150, 10) for i in (0, 1)]
    hevy.write_text("\n".join([*HEVY, *extra]) + "\n", encoding="utf-8")
    with open_store(db_path) as store:
        catalog.sync(store)
        coach = auth.add_coach(store, COACH, "C", "long enough password")
        kim = clients.add_client(store, coach.id, "Kim Lee")
        ingest.commit(store, coach.id, kim.id, strong)
        again = ingest.preview(store, coach.id, kim.id, strong)
        other = ingest.preview(store, coach.id, kim.id, hevy)
    # The same file again: every set already there, no new set, so no overlap to warn of.
    assert (again.new_sets, again.overlap_days) == (0, 0)
    assert present_imports.overlap_warning(again) is None
    assert (other.overlap_days, str(other.overlap_first), str(other.overlap_last)) == (
        1,
        "2026-10-05",
        "2026-10-05",
    )
    assert present_imports.overlap_warning(other) == (
        "1 day of this file (2026-10-05 to 2026-10-05) already holds other sets of this client "
        "from another file. If they are the same workouts (exported again, or by another app), "
        "importing would count them twice."
    )
    assert other.as_dict()["overlap_first"] == "2026-10-05"


def test_a_sample_uploaded_into_its_demo_client_adds_no_set(db_path, tmp_path):
    # The demo and its samples from one anchor day (TODAY): Maya's Strong sample holds the
    # very sets the demo gave her, so the preview finds all of them there and nothing new.
    with open_store(db_path) as store:
        catalog.sync(store)
        coach_id = demo.rebuild(store, TODAY)
        written = demo.write_samples(tmp_path, TODAY)
        maya = clients.client_by_name(store, coach_id, "Maya Lopez")
        sample = next(path for path in written if path.name == "maya-lopez-strong.csv")
        seen = ingest.preview(store, coach_id, maya.id, sample)
    assert seen.sets > 0 and seen.new_sets == 0 and seen.overlap_days == 0
