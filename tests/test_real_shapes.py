"""Real exports, as real people's phones wrote them: the corpus of coachkit/samples/quirks.py,
each file read as a coach reads it (`coachkit import --dry-run --json`) and then imported."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from coachkit import cli, ingest
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.importers.source import ImportRejected
from coachkit.samples import quirks
from coachkit.store import open_store
from tests.conftest import TODAY

COACH = "coach@shapes.example"
QUIRKS = {quirk.name: quirk for quirk in quirks.QUIRKS}


@pytest.fixture(scope="module")
def db(module_db) -> str:
    with open_store(module_db) as store:
        add_coach(store, COACH, "Coach", "long enough password")
    return module_db


@pytest.fixture
def client(db) -> str:
    name = f"Client {uuid.uuid4().hex[:8]}"
    with open_store(db) as store:
        from coachkit.auth import coach_by_email

        add_client(store, coach_by_email(store, COACH).id, name)
    return name


def written(quirk: quirks.Quirk, folder: Path) -> Path:
    path = folder / quirk.name
    path.write_bytes(quirk.data())
    return path


def dry_run(capsys, db: str, client: str, path: Path, *extra: str) -> dict:
    argv = ["--db", db, "import", "--coach", COACH, "--client", client, "--dry-run", "--json"]
    code = cli.main([*argv, *extra, str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), out
    [file] = json.loads(out)["files"]
    return file


@pytest.mark.parametrize("name", sorted(QUIRKS))
def test_each_real_shape_is_read_with_the_sets_counted_by_hand(capsys, db, client, tmp_path, name):
    quirk = QUIRKS[name]
    unit = ["--unit", quirk.unit] if quirk.unit else []
    got = dry_run(capsys, db, client, written(quirk, tmp_path), *unit)
    assert (got["status"], got["layout"]) == ("dry-run", quirk.layout)
    assert (got["sets"], got["new_sets"], got["error_total"]) == (quirk.sets, quirk.sets, 0)
    assert got["skipped"] == quirk.skipped
    # The kg/lb guess of a file that names no unit, as the numbers in the file show it, and
    # the same whatever unit the coach gave (the guess once flipped with --unit lb).
    assert got["unit_guess"] == quirk.guess
    assert (got["sessions"], got["first_date"], got["last_date"]) == (2, "2026-03-02", "2026-03-05")


def stored(db: str, client: str, path: Path, unit: str | None) -> list[dict]:
    with open_store(db) as store:
        from coachkit.auth import coach_by_email
        from coachkit.clients import client_by_name

        coach = coach_by_email(store, COACH)
        owner = client_by_name(store, coach.id, client)
        ingest.commit(store, coach.id, owner.id, path, unit=unit, today=TODAY)
        with store.cursor() as cur:
            sql = "SELECT * FROM set_rows WHERE client_id = $c ORDER BY performed_at, set_index"
            result = cur.run_sql(sql, {"c": owner.id})
            names = [d[0] for d in result.description]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def test_rpe_zero_is_no_rpe(db, client, tmp_path):
    quirk = QUIRKS["strong-f-rpe-zero.csv"]
    assert b",0\n" in quirk.data()  # RPE is the last column: 0 on the sets without one
    rows = stored(db, client, written(quirk, tmp_path), quirk.unit)
    # Only W2's three squats have an RPE (8.5); the other 7 sets have none, not 0.
    assert Counter(row["rpe"] for row in rows) == Counter({None: 7, 8.5: 3})


def test_us_times_read_noon_and_midnight_right(db, client, tmp_path):
    quirk = QUIRKS["hevy-us-times.csv"]
    text = quirk.data().decode("utf-8")
    assert '"Mar 2, 2026, 12:30\u202fPM"' in text and '"Mar 5, 2026, 12:40\u202fAM"' in text
    rows = stored(db, client, written(quirk, tmp_path), None)
    # 12:30 PM is half past noon; 12:40 AM is forty minutes after midnight.
    assert Counter(row["performed_at"] for row in rows) == Counter(
        {datetime(2026, 3, 2, 12, 30): 6, datetime(2026, 3, 5, 0, 40): 4}
    )


@pytest.mark.parametrize(
    "time",
    ["Jun 11, 2026, 1:01 PM", "June 11, 2026, 1:01 PM", "Jun 11, 2026, 13:01",
     "11 Jun 2026, 1:01 PM", "11 Jun 2026, 13:01", "11 June 2026, 13:01", "2026-06-11 13:01:00"],
)  # fmt: skip
def test_hevy_times_of_every_region_are_read(db, client, tmp_path, time):
    header = (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"'
    )
    row = f'"Legs","{time}","{time}","","Squat (Barbell)",,"",0,"normal",80,5,,,'
    path = tmp_path / "hevy.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    [one] = stored(db, client, path, None)
    assert one["performed_at"] == datetime(2026, 6, 11, 13, 1)


def test_utf8_and_windows_1252_lines_in_one_file_each_keep_their_accents(db, client, tmp_path):
    quirk = QUIRKS["mixed-encodings.csv"]
    data = quirk.data()
    assert "Séance".encode() in data and "Séance".encode("cp1252") in data
    rows = stored(db, client, written(quirk, tmp_path), None)
    assert {row["workout_name"] for row in rows} == {quirks.MIXED_WORKOUT}  # no "SÃ©ance"


def test_a_line_in_no_encoding_is_refused_naming_it(db, client, tmp_path):
    # 0x81 is undefined in Windows-1252 and not UTF-8 either: line 3 is no text at all.
    lines = quirks.strong_csv(quirks.night_and_day()).encode().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"Legs", b"Leg\x81s")
    path = tmp_path / "broken.csv"
    path.write_bytes(b"".join(lines))
    with pytest.raises(ImportRejected, match=r"broken\.csv, line 3: this line is neither UTF-8"):
        stored(db, client, path, None)


def test_a_file_that_is_only_a_byte_order_mark_is_empty(capsys, db, client, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf")
    argv = ["--db", db, "import", "--coach", COACH, "--client", client, str(path)]
    assert cli.main(argv) == 1
    assert "bom.csv: the file is empty" in capsys.readouterr().out


def test_a_file_over_the_row_cap_is_refused_in_words_before_it_is_read(
    capsys, db, client, tmp_path, monkeypatch
):
    # The cap set to 9 rows; the Strong A file of night_and_day has 10 sets, 3 rest timers and
    # the elliptical: 14 rows.
    monkeypatch.setenv("COACHKIT_MAX_IMPORT_ROWS", "9")
    path = tmp_path / "long.csv"
    path.write_text(quirks.strong_csv(quirks.night_and_day()), encoding="utf-8")
    argv = ["--db", db, "import", "--coach", COACH, "--client", client, str(path)]
    assert cli.main(argv) == 1
    out = capsys.readouterr().out
    assert "long.csv: the file has 14 rows; CoachKit imports at most 9 from one file" in out
