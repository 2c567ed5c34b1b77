"""One absurd row need not refuse a whole file: the coach may import the good rows and leave
out the bad ones (at most 10% of the rows), and the import's record keeps which.

The file (quirks.stairs): Hevy, newest workout first. Line 1 is the header; W2's five rows
(3 squats, the stretch, the elliptical that is no set) are lines 2 to 6; W1's squat (4 rows),
leg curl (2) and the 4,500-rep step-up are lines 7 to 13. So: 12 data rows, 10 sets, the bad
row is line 13, and 1 in 12 is 8%.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from coachkit import cli, ingest
from coachkit.auth import add_coach, coach_by_email
from coachkit.clients import add_client, client_by_name
from coachkit.importers.source import ImportRejected
from coachkit.preview import left_out_rows
from coachkit.samples import quirks
from coachkit.store import open_store
from tests.conftest import TODAY
from tests.test_pages import signed_in, texts

COACH = "coach@stairs.example"
REASON = "reps: 4500 is more than 1,000 reps in one set"


@pytest.fixture(scope="module")
def db(module_db) -> str:
    with open_store(module_db) as store:
        add_coach(store, COACH, "Coach", "long enough password")
    return module_db


@pytest.fixture
def client(db) -> str:
    name = f"Client {uuid.uuid4().hex[:8]}"
    with open_store(db) as store:
        add_client(store, coach_by_email(store, COACH).id, name)
    return name


def stairs(folder: Path, absurd: int = 1) -> Path:
    path = folder / "stairs.csv"
    path.write_bytes(quirks.stairs(absurd))
    return path


def importing(capsys, db: str, client: str, *argv: str) -> tuple[int, dict]:
    code = cli.main(["--db", db, "import", "--coach", COACH, "--client", client, "--json", *argv])
    out, _ = capsys.readouterr()
    [file] = json.loads(out)["files"]
    return code, file


def test_by_default_one_bad_row_refuses_the_file_naming_line_column_value_and_reason(
    capsys, db, client, tmp_path
):
    code, file = importing(capsys, db, client, str(stairs(tmp_path)))
    assert (code, file["status"], file["error_total"]) == (1, "rejected", 1)
    assert file["errors"] == [
        {"line": 13, "column": "reps", "value": "4500",
         "reason": "4500 is more than 1,000 reps in one set"}
    ]  # fmt: skip
    assert file["error"] == f"stairs.csv, line 13: {REASON}"


def test_skip_bad_rows_imports_the_others_and_the_record_keeps_the_left_out_row(
    capsys, db, client, tmp_path
):
    path = stairs(tmp_path)
    code, file = importing(capsys, db, client, "--skip-bad-rows", "--dry-run", str(path))
    assert (code, file["status"], file["new_sets"]) == (0, "dry-run", 10)
    code, file = importing(capsys, db, client, "--skip-bad-rows", str(path))
    assert (code, file["status"], file["sets_added"]) == (0, "imported", 10)
    with open_store(db) as store:
        coach = coach_by_email(store, COACH)
        history = ingest.history(store, coach.id, client_by_name(store, coach.id, client).id)
    [batch] = history.to_dict("records")
    assert (batch["sets_added"], batch["rows_left_out"]) == (10, 1)
    [row] = left_out_rows(batch["left_out"])
    assert str(row) == f"line 13, {REASON}"
    # Again, the same file adds nothing: its good rows are there already.
    code, file = importing(capsys, db, client, "--skip-bad-rows", str(path))
    assert (code, file["sets_added"], file["sets_existing"]) == (0, 0, 10)


def test_more_than_one_bad_row_in_ten_cannot_be_left_out(capsys, db, client, tmp_path):
    # Two step-ups: 2 bad rows of 13, 15%.
    code, file = importing(capsys, db, client, "--skip-bad-rows", str(stairs(tmp_path, 2)))
    assert (code, file["status"], file["error_total"], file["rows_read"]) == (1, "rejected", 2, 13)
    assert "2 of its 13 rows have errors, more than 10%" in file["error"]
    with open_store(db) as store, pytest.raises(ImportRejected, match="more than 10%"):
        coach = coach_by_email(store, COACH)
        owner = client_by_name(store, coach.id, client)
        ingest.commit(store, coach.id, owner.id, stairs(tmp_path, 2), today=TODAY, leave_out=True)


def test_the_upload_page_offers_to_leave_out_the_bad_row_and_the_history_shows_it(demo_db):
    at = signed_in("pages/upload.py")
    at.file_uploader(key="upload_files").upload("stairs.csv", quirks.stairs(1), "text/csv").run()
    assert not at.exception
    assert "1 of its 12 rows has errors" in texts(at)
    button = next(b for b in at.button if b.label.startswith("Import the"))
    assert button.label == "Import the 10 good rows, leave out these 1"
    button.click().run()
    assert not at.exception
    shown = texts(at).replace("\\", "")  # as read: without the Markdown escapes
    assert "stairs.csv: imported 10 sets for" in shown
    assert "Left out 1 row with errors." in shown
    history = next(d.value for d in at.dataframe if "rows_left_out" in d.value.columns)
    assert history.loc[0, "rows_left_out"] == 1
    assert any("Rows left out of stairs" in e.label.replace("\\", "") for e in at.expander)
