"""`coachkit import` and `coachkit map-exercise`, run as a coach would from a shell."""

import json
from pathlib import Path

import pytest

from coachkit import cli
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.store import open_store

HEADER = "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes"
# Two workouts. Monday: 1 warm-up + 2 working squats, a rest timer, 1 wobble board set
# (a name no catalog has): 4 sets. Thursday: 2 working squats. 4 + 2 = 6 sets, 1 skipped row.
ROWS = [
    "2026-11-02 18:00:00,Legs,Squat (Barbell),W,40,10,,,",
    "2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,8,,,",
    "2026-11-02 18:00:00,Legs,Squat (Barbell),Rest Timer,,,,90,",
    "2026-11-02 18:00:00,Legs,Squat (Barbell),2,80,8,,,",
    "2026-11-02 18:00:00,Legs,Wobble Board Thing,1,,12,,,",
    "2026-11-05 18:00:00,Legs,Squat (Barbell),1,82.5,8,,,",
    "2026-11-05 18:00:00,Legs,Squat (Barbell),2,82.5,7,,,",
]


@pytest.fixture
def db(db_path):
    with open_store(db_path) as store:
        coach = add_coach(store, "coach@gym.example", "Coach", "long enough password")
        add_client(store, coach.id, "Kim Lee")
    return db_path


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "kim-strong.csv"
    path.write_text("\r\n".join([HEADER, *ROWS]) + "\r\n", encoding="utf-8")
    return path


def run(capsys, db: str, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def importing(db: str, *extra: str) -> list[str]:
    return ["import", "--coach", "coach@gym.example", "--client", "Kim Lee", *extra]


def test_import_prints_a_summary_and_a_second_run_adds_nothing(capsys, db, export):
    code, out, err = run(capsys, db, *importing(db, str(export)))
    assert code == 0 and err == ""
    assert "Strong, layout A" in out and "6 sets in 2 sessions" in out
    assert "added 6; 0 were already imported" in out
    assert "1 rest timer row." in out
    assert "Wobble Board Thing (1)" in out
    code, out, _ = run(capsys, db, *importing(db, str(export)))
    assert code == 0 and "added 0; 6 were already imported" in out


def test_dry_run_reports_and_writes_nothing(capsys, db, export):
    code, out, _ = run(capsys, db, *importing(db, "--dry-run", str(export)))
    assert code == 0 and "would add 6; 0 already imported" in out and "checked" in out
    code, out, _ = run(capsys, db, *importing(db, str(export)))
    assert "added 6" in out


def test_json_summary_has_the_counts(capsys, db, export):
    code, out, _ = run(capsys, db, *importing(db, "--json", str(export)))
    summary = json.loads(out)
    assert code == 0 and summary["rejected"] == 0
    (file,) = summary["files"]
    assert file["status"] == "imported"
    assert (file["sets"], file["sets_added"], file["sessions"]) == (6, 6, 2)
    assert file["first_date"] == "2026-11-02" and file["skipped"] == {"rest timer rows": 1}


def test_a_rejected_file_exits_non_zero_but_the_others_import(capsys, db, export, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\n2026-11-02 18:00:00,Legs,Squat (Barbell),1,-5,8,,,\n")
    code, out, _ = run(capsys, db, *importing(db, "--json", str(bad), str(export)))
    summary = json.loads(out)
    assert code == 1 and summary["rejected"] == 1
    statuses = {Path(f["file"]).name: f["status"] for f in summary["files"]}
    assert statuses == {"bad.csv": "rejected", "kim-strong.csv": "imported"}
    assert "bad.csv, line 2: weight: -5 is negative" in summary["files"][0]["error"]


def test_a_file_without_unit_is_rejected_until_one_is_given(capsys, db, tmp_path):
    path = tmp_path / "strong-d.csv"
    header = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    path.write_text(header + "Workout Notes,RPE\n2026-11-02 18:00:00,Legs,Squat,1,135,5,,,,,\n")
    code, out, _ = run(capsys, db, *importing(db, str(path)))
    # One set is far too few to tell kg from lb by: CoachKit says so rather than guess.
    assert code == 1 and "kg or lb" in out and "the numbers do not tell which" in out
    code, out, _ = run(capsys, db, *importing(db, "--unit", "lb", str(path)))
    assert code == 0 and "added 1" in out


def test_an_unknown_client_is_one_line(capsys, db, export):
    code, out, err = run(
        capsys, db, "import", "--coach", "coach@gym.example", "--client", "Nobody", str(export)
    )
    assert code == 1 and out == "" and err.strip() == "coachkit import: no client called Nobody"


def test_a_progress_bar_is_drawn_only_for_a_large_file_at_a_terminal(capsys, monkeypatch):
    megabyte = 1024 * 1024
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    cli._progress_bar(10 * megabyte)("checking", 0.5)
    assert "[###############...............] checking" in capsys.readouterr().err
    cli._progress_bar(1 * megabyte)("checking", 0.5)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    cli._progress_bar(10 * megabyte)("checking", 0.5)
    assert capsys.readouterr().err == ""


def test_mapping_an_unknown_name_updates_the_imported_sets(capsys, db, export):
    run(capsys, db, *importing(db, str(export)))
    code, out, _ = run(
        capsys, db, "map-exercise", "--coach", "coach@gym.example", "wobble board thing",
        "--region", "lower",
    )  # fmt: skip
    assert code == 0 and "1 imported sets updated" in out
    code, out, _ = run(
        capsys, db, "map-exercise", "--coach", "coach@gym.example", "x", "--exercise", "nope"
    )
    assert code == 1


def test_a_mapped_name_is_known_at_the_next_import(capsys, db, export):
    run(capsys, db, "map-exercise", "--coach", "coach@gym.example", "Wobble Board Thing",
        "--exercise", "bodyweight_squat")  # fmt: skip
    code, out, _ = run(capsys, db, *importing(db, str(export)))
    assert code == 0 and "to map" not in out
