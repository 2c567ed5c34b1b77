"""A coach's data can leave: `coachkit export` as CSV and Parquet, loaded back by
`coachkit import-coach` into a fresh database with identical numbers; spreadsheet formulas in
typed text stay inert in every file a coach or a client downloads."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from uuid import uuid4

import duckdb
import pandas as pd
import pytest

from coachkit import (
    answers,
    auth,
    demo,
    export,
    ingest,
    metrics,
    programs,
    report,
    sharing,
    spreadsheet,
)
from coachkit.clients import add_client, client_by_name, roster
from coachkit.database import open_database
from coachkit.importers.mapped import ColumnMapping
from coachkit.store import Store, migrations
from tests.conftest import TODAY
from tests.hostile import FORMULAS, MARKUP
from tests.test_cli import run
from tests.test_pages import signed_in

PASSWORD = "a new long password"
# What an export leaves out on purpose: a hash that helps guess the password, and the hash of a
# report link's token (which would keep the link open on another server).
LEFT_OUT = {"coaches": {"password_hash"}, "share_links": {"token_hash"}}


def enrich(store: Store) -> auth.Coach:
    """The demo coach with a row in every table an export writes: an own program assigned,
    thresholds, a mapped exercise, a column mapping, a report link, and formula-looking text."""
    coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
    maya = client_by_name(store, coach.id, "Maya Lopez")
    own = programs.copy_program(store, coach.id, programs.BUILTINS[0].id, name=FORMULAS[0])
    programs.assign(store, coach.id, maya.id, own, start=date(2026, 11, 2))
    metrics.set_thresholds(store, coach.id, maya.id, min_rest_days=2, lower_share_min=0.3)
    answers.map_exercise(store, coach.id, "Zercher Thing", region="lower")
    mapping = ColumnMapping({"date": "When", "exercise": "What", "reps": "Reps"})
    answers.save_column_mapping(store, coach.id, ("When", "What", "Reps"), mapping)
    sharing.create_link(store, coach.id, maya.id)
    return coach


def import_text(store: Store, coach: auth.Coach, client_name: str, tmp_path: Path) -> None:
    """A client whose log names exercises and notes with formulas and markup."""
    client = add_client(store, coach.id, client_name)
    rows = [
        f'2026-11-0{day} 18:00:00,Legs,"{name.replace(chr(34), chr(34) * 2)}",1,20,10,,,'
        f'"{note.replace(chr(34), chr(34) * 2)}"'
        for day, (name, note) in enumerate(zip(FORMULAS, MARKUP, strict=False), start=2)
    ]
    path = tmp_path / "hostile-strong.csv"
    path.write_text(
        "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes\n" + "\n".join(rows)
    )
    ingest.commit(store, coach.id, client.id, path, today=TODAY)


def reports(store: Store, coach_id) -> dict:
    """Every client's numbers (METRICS.md), by name."""
    return {
        c["name"]: metrics.client_report(store, coach_id, c["id"], today=TODAY)
        for c in roster(store, coach_id, include_archived=True).to_dict("records")
    }


def roster_numbers(store: Store, coach_id) -> list[metrics.RosterEntry]:
    return metrics.roster(store, coach_id, today=TODAY, include_archived=True)


def csv_files(folder: Path) -> dict[str, list[list[str]]]:
    return {
        path.stem: list(csv.reader(path.open(encoding="utf-8", newline="")))
        for path in sorted(folder.glob("*.csv"))
    }


@pytest.fixture
def exported(demo_store, tmp_path):
    coach = enrich(demo_store)
    import_text(demo_store, coach, '=HYPERLINK("http://evil.example","Kim")', tmp_path)
    folder = tmp_path / "export"
    written = export.export_coach(demo_store, coach.id, folder)
    return demo_store, coach, folder, written


def test_every_table_is_written_as_csv_and_parquet_with_its_rows(exported):
    store, coach, folder, written = exported
    counts = {w.table: w.rows for w in written}
    # The demo coach: 12 demo clients + the hostile one = 13; one own program of 3 exercises
    # (a copy of the first built-in, Gym legs), one own assignment next to the demo's 10, one
    # link, one mapping of each kind, one setting row (Maya's).
    assert counts["coach"] == 1 and counts["clients"] == 13
    assert counts["programs"] == 1 and counts["program_exercises"] == len(
        programs.BUILTINS[0].exercises
    )
    assert counts["assignments"] == 11 and counts["share_links"] == 1
    assert counts["client_settings"] == counts["exercise_mappings"] == 1
    assert counts["column_mappings"] == 1
    for table in export.TABLES:
        frame = pd.read_parquet(folder / f"{table.name}.parquet")
        rows = list(csv.reader((folder / f"{table.name}.csv").open(encoding="utf-8")))
        assert len(frame) == len(rows) - 1 == counts[table.name], table.name
        assert list(frame.columns) == rows[0] == list(table.columns), table.name
    with store.cursor() as cur:
        stored = cur.run_sql("SELECT count(*) FROM set_rows WHERE coach_id = $c", {"c": coach.id})
        assert counts["sets"] == stored.fetchone()[0] > 16_000  # the demo's 16,380 and 5 more


def test_every_stored_column_is_exported_and_described_in_the_readme(exported):
    store, _, folder, _ = exported
    text = (folder / "README.md").read_text()
    for table in export.TABLES:
        with store.cursor() as cur:  # the table's columns as the database has them
            every = cur.execute("store/table_rows", table=table.stored_in)
            stored = [d[0] for d in every.description]
        assert set(stored) - LEFT_OUT.get(table.stored_in, set()) == set(table.columns)
        section = text.split(f"## {table.name} (")[1].split("\n## ")[0]
        assert [f"`{c}`" for c in table.columns] == re.findall(r"^\| (`\w+`) \|", section, re.M)
    assert "password" not in (folder / "coach.csv").read_text()


def test_formula_cells_are_inert_in_the_csv_and_exact_in_the_parquet(exported):
    _, _, folder, _ = exported
    cells = [cell for rows in csv_files(folder).values() for row in rows for cell in row]
    assert [c for c in cells if spreadsheet.FORMULA_START.match(c)] == []
    # Each formula is there, behind an apostrophe: the client's name, the program's name, and
    # the exercise names of the hostile client's log.
    for formula in FORMULAS:
        assert "'" + formula in cells
    raw = pd.read_parquet(folder / "sets.parquet")
    assert set(FORMULAS) <= set(raw["logged_exercise"])
    assert set(MARKUP[: len(FORMULAS)]) <= set(raw["notes"])


def test_the_csv_rule_in_sql_and_in_python_agree(store):
    texts = [*FORMULAS, *MARKUP, "", "Squat", "'=already", " =spaced", "\t=tab", "\rx", "a=b"]
    with store.cursor() as cur:
        in_sql = [cur.run_sql("SELECT spreadsheet_text($t)", {"t": t}).fetchone()[0] for t in texts]
    assert in_sql == [spreadsheet.spreadsheet_text(t) for t in texts]
    # By hand: the five formulas, "\t=tab" and "\rx" get an apostrophe; nothing else changes.
    assert sum(a != b for a, b in zip(in_sql, texts, strict=True)) == len(FORMULAS) + 2


def test_the_html_report_keeps_formulas_as_text(exported):
    store, coach, _, _ = exported
    client = client_by_name(store, coach.id, '=HYPERLINK("http://evil.example","Kim")')
    shared = sharing.resolve(store, sharing.create_link(store, coach.id, client.id).token)
    html = report.to_html(report.build(store, shared, today=TODAY))
    # Every text the file shows outside a chart: the heading, paragraphs, list items.
    texts = re.findall(r"<(?:h1|h2|h3|p|li)\b[^>]*>(.*?)</(?:h1|h2|h3|p|li)>", html)
    assert (
        "&#x27;=HYPERLINK(&quot;http://evil.example&quot;,&quot;Kim&quot;): leg training" in texts
    )
    assert not any(spreadsheet.FORMULA_START.match(t) for t in texts)


def test_an_export_written_before_the_sets_column_was_renamed_still_loads(exported, databases):
    # Migration 007 renamed the sets' column of the exercise name as logged; an export written
    # before it names the column the old way.
    store, coach, folder, written = exported
    migration = next(m for m in migrations() if m.version == 7).sql
    old, new = re.search(r"RENAME COLUMN (\w+) TO (\w+)", migration).groups()
    sets = str(folder / "sets.parquet")
    with store.cursor() as cur:
        # Names from our own migration and a path of pytest's: COPY TO takes no parameter.
        rename = f"SELECT * RENAME ({new} AS {old}) FROM read_parquet($path)"  # noqa: S608
        cur.run_sql(f"COPY ({rename}) TO '{sets}.old' (FORMAT parquet)", {"path": sets})
    Path(f"{sets}.old").replace(sets)
    with open_database(databases.new()) as fresh:
        loaded, counts = export.import_coach(fresh, folder, PASSWORD)
        loaded_sets = {c.table: c.rows for c in counts}["sets"]
        assert loaded_sets == {w.table: w.rows for w in written}["sets"]
        assert reports(fresh, coach.id) == reports(store, coach.id)


def test_an_export_loaded_into_a_fresh_database_gives_identical_numbers(exported, databases):
    store, coach, folder, _ = exported
    with open_database(databases.new()) as fresh:
        loaded, counts = export.import_coach(fresh, folder, PASSWORD)
        assert loaded == coach
        assert reports(fresh, coach.id) == reports(store, coach.id)
        assert roster_numbers(fresh, coach.id) == roster_numbers(store, coach.id)
        again = folder.parent / "again"
        export.export_coach(fresh, coach.id, again)
        assert auth.authenticate(fresh, coach.email, PASSWORD) == coach
    # Every file but the report links (a record, not loaded) is the same, row for row.
    first, second = csv_files(folder), csv_files(again)
    assert first.pop("share_links")[1:] != [] and second.pop("share_links")[1:] == []
    assert first == second
    assert sum(c.rows for c in counts) == sum(len(rows) - 1 for rows in first.values())


def test_loading_an_export_where_its_coach_exists_is_refused_and_changes_nothing(exported):
    store, coach, folder, _ = exported
    before = {t: store.table_rows(t) for t in store.tables()}
    with pytest.raises(export.ExportError, match=f"{coach.email} already exists"):
        export.import_coach(store, folder, PASSWORD)
    assert {t: store.table_rows(t) for t in store.tables()} == before


def test_loading_an_export_whose_rows_clash_is_refused_whole(exported, databases):
    store, _, folder, _ = exported
    # The same export under another email: the coach is new, but its clients' ids are not.
    coach = pd.read_parquet(folder / "coach.parquet").assign(email="other@gym.example")
    coach.to_parquet(folder / "coach.parquet")
    before = {t: store.table_rows(t) for t in store.tables()}
    with pytest.raises(export.ExportError, match="already holds part of that export"):
        export.import_coach(store, folder, PASSWORD)
    assert {t: store.table_rows(t) for t in store.tables()} == before


def test_an_export_holds_nothing_of_another_coach(demo_store, tmp_path):
    rival = auth.add_coach(demo_store, "rival@gym.example", "Rival", "rival password 1")
    secret = add_client(demo_store, rival.id, "Rivals Secret Client")
    coach = auth.coach_by_email(demo_store, demo.DEMO_EMAIL)
    export.export_coach(demo_store, coach.id, tmp_path / "out")
    for path in (tmp_path / "out").iterdir():
        content = path.read_bytes()
        for foreign in (str(rival.id), rival.email, str(secret.id), secret.name):
            assert foreign.encode() not in content, (path.name, foreign)


def test_the_cli_exports_loads_and_refuses_in_one_line(capsys, monkeypatch, demo_db, tmp_path):
    out = tmp_path / "out"
    code, text, _ = run(capsys, "--db", demo_db, "export", "--coach", demo.DEMO_EMAIL, str(out))
    assert code == 0 and "12 tables as CSV and Parquet" in text and (out / "README.md").exists()
    code, _, err = run(capsys, "--db", demo_db, "export", "--coach", demo.DEMO_EMAIL, str(out))
    assert (
        code == 1
        and err == f"coachkit export: {out} is not an empty folder; export into a new one\n"
    )
    code, _, err = run(
        capsys, "--db", demo_db, "export", "--coach", "nobody@x.example", str(tmp_path / "n")
    )
    assert code == 1 and err.count("\n") == 1 and not (tmp_path / "n").exists()
    fresh = tmp_path / "fresh.duckdb"
    code, text, _ = run(
        capsys, "--db", str(fresh), "import-coach", str(out), "--password-stdin",
        stdin=PASSWORD + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0 and text.startswith(f"coach {demo.DEMO_EMAIL} loaded:")
    code, _, err = run(
        capsys, "--db", str(fresh), "import-coach", str(tmp_path), "--password-stdin",
        stdin=PASSWORD + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 1 and "is not a CoachKit export: no coach.parquet" in err


def test_a_failed_export_leaves_no_folder(demo_store, tmp_path, monkeypatch):
    coach = auth.coach_by_email(demo_store, demo.DEMO_EMAIL)

    def broken(*args):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(export, "readme", broken)
    with pytest.raises(duckdb.IOException):
        export.export_coach(demo_store, coach.id, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_the_zip_download_holds_the_same_export(exported):
    store, coach, folder, _ = exported
    archive = zipfile.ZipFile(io.BytesIO(export.zipped(store, coach.id)))
    names = sorted(archive.namelist())
    assert names == sorted(f"coachkit-export/{p.name}" for p in folder.iterdir())
    for path in folder.glob("*.csv"):
        assert archive.read(f"coachkit-export/{path.name}") == path.read_bytes()


def test_the_clients_page_offers_all_the_coachs_data_as_one_download(demo_db):
    at = signed_in()
    [button] = [b for b in at.get("download_button") if b.key == "export_zip"]
    assert button.proto.label == "Download all my data (CSV and Parquet, zip)"


# Edits that would write into another coach's data, or add a program every coach sees as one of
# the built-ins, each with the file the refusal must name.
EDITS = {
    "a client of the rival's": (
        "clients", lambda f, rival, theirs: f.head(1).assign(id=uuid4(), coach_id=rival.id),
    ),
    "a program without a coach": ("programs", lambda f, rival, theirs: f.assign(coach_id=None)),
    "sets for the rival's client": (
        "sets", lambda f, rival, theirs: f.head(3).assign(client_id=theirs, coach_id=rival.id),
    ),
    "a mapping for the rival": (
        "exercise_mappings", lambda f, rival, theirs: f.assign(coach_id=rival.id),
    ),
}  # fmt: skip


@pytest.mark.parametrize("edit", EDITS)
def test_an_edited_export_that_reaches_outside_its_coach_is_refused_whole(
    exported, databases, edit
):
    _, _, folder, _ = exported
    name, change = EDITS[edit]
    with open_database(databases.new()) as fresh:
        rival = auth.add_coach(fresh, "rival@gym.example", "Rival", "rival password 1")
        theirs = add_client(fresh, rival.id, "Rivals Client").id
        path = folder / f"{name}.parquet"
        original = pd.read_parquet(path)
        changed = change(original, rival, theirs)
        pd.concat([original, changed]).to_parquet(path)
        before = {t: fresh.table_rows(t) for t in fresh.tables()}
        with pytest.raises(export.ExportError, match=rf"in {name}\.parquet \(\d+ rows\)"):
            export.import_coach(fresh, folder, PASSWORD)
        assert {t: fresh.table_rows(t) for t in fresh.tables()} == before
