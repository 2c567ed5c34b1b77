"""Bulk upload (coachkit/bulk.py and `coachkit import-many`): files matched to clients by their
names, zips opened with care, each file imported on its own."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from coachkit import auth, bulk, cli, clients, ingest
from coachkit.auth import add_coach
from coachkit.clients import ClientError, add_client
from coachkit.store import open_store
from tests.test_cli_report import HEVY
from tests.test_inbox import MORE_ROWS
from tests.test_ingest_rejects import GOOD_ROWS, everything, strong

COACH = "coach@gym.example"


@pytest.fixture
def roster(store):
    coach = add_coach(store, COACH, "Coach", "long enough password")
    names = ("Ana Lima", "Ana", "José Núñez", "Ben Carter")
    return coach, {name: add_client(store, coach.id, name) for name in names}


def matched(file_name, roster, saved=None) -> str | None:
    _, by_name = roster
    found = bulk.match(file_name, by_name.values(), saved or {})
    names = {client.id: name for name, client in by_name.items()}
    return names.get(found.client_id)


def test_a_name_key_drops_case_accents_and_separators():
    assert bulk.name_key("José_Núñez-2026 (Strong).csv") == "jose nunez 2026 strong csv"


@pytest.mark.parametrize(
    ("file_name", "client"),
    [
        ("strong_export_ANA-LIMA.csv", "Ana Lima"),  # "Ana" is in it too: the longer name wins
        ("ana.csv", "Ana"),
        ("hevy jose nunez.csv", "José Núñez"),  # no accents in the file name
        ("Ben Carter - workouts.CSV", "Ben Carter"),
        ("anabel.csv", None),  # a name matches whole words only
        ("workouts.csv", None),
        ("ben.csv", None),  # a part of a name is not the name
    ],
)
def test_a_file_goes_to_the_client_whose_name_is_in_its_name(roster, file_name, client):
    assert matched(file_name, roster) == client


def test_two_clients_matched_by_names_as_long_is_no_match(store, roster):
    coach, _ = roster
    sam, lee = add_client(store, coach.id, "Sam Lee"), add_client(store, coach.id, "Lee Sam")
    found = bulk.match("sam-lee-lee-sam.csv", [sam, lee], {})
    assert found == bulk.Match(None, "the names of several clients are in the file name")


def test_a_saved_name_matches_later_files(store, roster):
    coach, by_name = roster
    ben = by_name["Ben Carter"]
    assert bulk.save_name(store, coach.id, ben.id, " JDoe ") == "jdoe"
    saved = bulk.saved_names(store, coach.id)
    assert saved == {"jdoe": ben.id}
    assert matched("hevy_jdoe_week49.csv", roster, saved) == "Ben Carter"
    assert bulk.match("hevy_jdoe_week49.csv", [], saved).how == "saved name 'jdoe'"
    # Saved again for another client, it now means that one.
    bulk.save_name(store, coach.id, by_name["Ana"].id, "jdoe")
    assert bulk.saved_names(store, coach.id) == {"jdoe": by_name["Ana"].id}


def test_a_saved_name_must_be_long_enough_and_the_coachs_own_client(store, roster):
    coach, by_name = roster
    with pytest.raises(bulk.BulkError, match="at least 3"):
        bulk.save_name(store, coach.id, by_name["Ana"].id, "a-b")
    rival = add_coach(store, "rival@gym.example", "Rival", "long enough password")
    before = everything(store)
    with pytest.raises(ClientError, match="no such client"):
        bulk.save_name(store, rival.id, by_name["Ana"].id, "anna")
    assert everything(store) == before


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_gives_its_csv_and_txt_files_and_passes_over_the_rest():
    data = zipped(
        {
            "week/ana.csv": b"a",
            "week/": b"",
            "__MACOSX/week/._ana.csv": b"resource fork",
            "week/.hidden.csv": b"h",
            "week/notes.pdf": b"%PDF",
            "ben.TXT": b"b",
        }
    )
    files = bulk.unpack([("drop.zip", data), ("plain.csv", b"p")])
    assert [(f.name, f.data) for f in files] == [
        ("drop.zip/week/ana.csv", b"a"),
        ("drop.zip/ben.TXT", b"b"),
        ("plain.csv", b"p"),
    ]


def test_a_broken_zip_an_oversized_member_and_too_many_files_are_each_a_files_error(
    monkeypatch,
):
    monkeypatch.setenv("COACHKIT_MAX_IMPORT_MB", "0.001")  # 1,048 bytes
    monkeypatch.setattr(bulk, "MAX_FILES", 3)  # each entry counts, a refused one too
    files = bulk.unpack(
        [
            ("broken.zip", b"PK\x03\x04 not really"),
            ("big.zip", zipped({"big.csv": b"x" * 2000, "small.csv": b"s"})),
            ("third.csv", b"t"),
        ]
    )
    assert [(f.name, f.data, f.error) for f in files] == [
        ("broken.zip", None, "not a zip file that can be opened"),
        ("big.zip/big.csv", None, "larger than the import limit"),
        ("big.zip/small.csv", b"s", None),
        ("third.csv", None, "more than 3 files"),
    ]


# The CLI twin of the Upload page's bulk test: 5 files for 4 clients, one unmatched, one broken.
#   ana-lima-strong.csv     → Ana Lima: GOOD_ROWS, 3 sets (a rest timer is not a set)
#   Bo Carver hevy.csv      → Bo Carver: HEVY, 7 sets
#   bo_carver-2.csv         → Bo Carver: MORE_ROWS, 3 sets
#   dana-fox-strong.csv     → Dana Fox: binary, refused
#   export-2026-12-01.csv   → no name in it: skipped (it was Cy's)
FILES = {
    "ana-lima-strong.csv": strong(*GOOD_ROWS).encode(),
    "Bo Carver hevy.csv": ("\n".join(HEVY) + "\n").encode(),
    "bo_carver-2.csv": strong(*MORE_ROWS).encode(),
    "dana-fox-strong.csv": b"\x00\x01\x02 not text",
    "export-2026-12-01.csv": strong(*GOOD_ROWS).encode(),
}


@pytest.fixture
def cli_db(db_path):
    with open_store(db_path) as store:
        coach = add_coach(store, COACH, "Coach", "long enough password")
        for name in ("Ana Lima", "Bo Carver", "Cy Moss", "Dana Fox"):
            add_client(store, coach.id, name)
    return db_path


def sets_by_client(db_path) -> dict[str, int]:
    """The sets each client of the coach has, those with none left out."""
    with open_store(db_path) as store:
        coach = auth.coach_by_email(store, COACH)
        frame = clients.roster(store, coach.id)
        return {row.name: row.sets_logged for row in frame.itertuples() if row.sets_logged}


def test_import_many_matches_imports_each_file_on_its_own_and_sums_up(capsys, cli_db, tmp_path):
    paths = []
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    # Two of the files inside a zip: the same outcome as dropped loose.
    bundle = tmp_path / "week.zip"
    bundle.write_bytes(zipped({n: FILES[n] for n in ("bo_carver-2.csv", "dana-fox-strong.csv")}))
    argv = ["--db", cli_db, "import-many", "--coach", COACH]
    files = [paths[0], paths[1], str(bundle), paths[4]]

    code = cli.main([*argv, "--dry-run", *files])
    out = capsys.readouterr().out
    assert code == 1  # a file failed and one was skipped: the exit code says so
    assert sets_by_client(cli_db) == {}  # a dry run writes nothing
    assert "ana-lima-strong.csv → Ana Lima (name in the file): would add 3 sets" in out
    assert out.splitlines()[-1] == "3 of 5 files checked"

    code = cli.main([*argv, "--json", *files])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    outcomes = {(f["file"], f["client"], f["status"], f["sets_added"]) for f in report["files"]}
    assert outcomes == {
        ("ana-lima-strong.csv", "Ana Lima", "imported", 3),
        ("Bo Carver hevy.csv", "Bo Carver", "imported", 7),
        ("week.zip/bo_carver-2.csv", "Bo Carver", "imported", 3),
        ("week.zip/dana-fox-strong.csv", "Dana Fox", "failed", 0),
        ("export-2026-12-01.csv", None, "skipped", 0),
    }
    assert report["summary"] == "3 of 5 files imported"
    assert sets_by_client(cli_db) == {"Ana Lima": 3, "Bo Carver": 10}

    # Sent again, nothing new: every matched file imports nothing, the broken one still fails.
    cli.main([*argv, *files])
    out = capsys.readouterr().out
    assert "Bo Carver hevy.csv → Bo Carver (name in the file): added 0 sets; 7 already" in out
    assert sets_by_client(cli_db) == {"Ana Lima": 3, "Bo Carver": 10}


def test_import_file_reports_a_broken_file_without_raising(store, roster):
    coach, by_name = roster
    broken = bulk.DroppedFile("x.csv", b"garbage\x00\x01")
    outcome = bulk.import_file(store, coach.id, by_name["Ana"], broken)
    assert outcome.status == "failed" and "binary" in outcome.detail
    assert ingest.history(store, coach.id, by_name["Ana"].id).empty
