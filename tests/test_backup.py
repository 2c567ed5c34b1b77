"""`coachkit backup FILE` and `coachkit restore FILE` for the embedded database: a consistent,
checked copy while the app is stopped, and a restore that keeps what it replaced."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coachkit import auth, catalog, demo, metrics
from coachkit.backup import backup_database, restore_database
from coachkit.clients import add_client, client_by_name
from coachkit.store import Store, migrations, open_store
from tests.conftest import POSTGRES_SERVER, TODAY
from tests.test_cli import dump, run


@pytest.fixture
def demo_file(tmp_path) -> Path:
    path = tmp_path / "live" / "coachkit.duckdb"
    with open_store(str(path)) as store:
        catalog.sync(store)
        demo.rebuild(store, TODAY)
        add_client(store, auth.coach_by_email(store, demo.DEMO_EMAIL).id, "Added Later")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def maya_numbers(path: Path) -> dict:
    with Store(str(path)) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        maya = client_by_name(store, coach.id, "Maya Lopez")
        return metrics.client_report(store, coach.id, maya.id, today=TODAY)


def test_a_backup_restored_over_later_changes_brings_back_the_same_database(
    capsys, demo_file, tmp_path
):
    backup = tmp_path / "nightly.duckdb"
    expected, numbers = dump(str(demo_file)), maya_numbers(demo_file)
    code, out, _ = run(capsys, "--db", str(demo_file), "backup", str(backup))
    assert code == 0 and "every table's row count agrees" in out
    # 16,380 demo sets, counted on both sides of the table the command prints.
    assert any(line.split() == ["set_rows", "16,380", "16,380"] for line in out.splitlines())
    assert dump(str(backup)) == expected
    saved = digest(backup)

    with Store(str(demo_file)) as store:  # a day's work after the backup
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        add_client(store, coach.id, "After The Backup")
    code, out, _ = run(capsys, "--db", str(demo_file), "restore", str(backup))
    assert code == 0 and f"restored {demo_file} from {backup}" in out
    assert dump(str(demo_file)) == expected
    assert maya_numbers(demo_file) == numbers
    assert digest(backup) == saved  # the backup itself is never written to
    kept = [p for p in demo_file.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and f"kept as {kept[0]}" in out
    with Store(str(kept[0])) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        assert client_by_name(store, coach.id, "After The Backup")


def test_a_restore_onto_a_new_machine_needs_no_database_there(capsys, demo_file, tmp_path):
    backup = tmp_path / "b.duckdb"
    backup_database(str(demo_file), backup)
    target = tmp_path / "new-machine" / "data" / "coachkit.duckdb"
    code, out, _ = run(capsys, "--db", str(target), "restore", str(backup))
    assert code == 0 and "kept as" not in out
    assert dump(str(target)) == dump(str(demo_file))


def test_backup_and_restore_refuse_while_the_app_holds_the_file(capsys, demo_file, tmp_path):
    holder = textwrap.dedent(f"""
        import sys, time
        from coachkit.store import Store
        store = Store({str(demo_file)!r})
        print("open", flush=True)
        time.sleep(60)
    """)
    app = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout.readline() == "open\n"
        code, _, err = run(capsys, "--db", str(demo_file), "backup", str(tmp_path / "b.duckdb"))
        assert code == 1 and "is in use by another process (is the app running?)" in err
        assert not (tmp_path / "b.duckdb").exists()
        assert [p.name for p in tmp_path.iterdir()] == ["live"]  # no partial file either
    finally:
        app.kill()
        app.wait()
    backup = tmp_path / "b.duckdb"
    backup_database(str(demo_file), backup)
    app = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout.readline() == "open\n"
        code, _, err = run(capsys, "--db", str(demo_file), "restore", str(backup))
        assert code == 1 and "is in use by another process" in err
    finally:
        app.kill()
        app.wait()
    assert [p.name for p in demo_file.parent.iterdir() if "restor" in p.name] == []


def test_a_backup_never_overwrites_a_file_unless_forced(capsys, demo_file, tmp_path):
    backup = tmp_path / "b.duckdb"
    backup.write_text("yesterday's")
    code, _, err = run(capsys, "--db", str(demo_file), "backup", str(backup))
    assert code == 1 and "already exists; name a new file, or --force" in err
    assert backup.read_text() == "yesterday's"
    code, _, _ = run(capsys, "--db", str(demo_file), "backup", str(backup), "--force")
    assert code == 0 and dump(str(backup)) == dump(str(demo_file))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Date,Exercise\n2026-11-02,Squat\n", "is not a database CoachKit can read"),
        (None, "is a DuckDB file, but not a CoachKit database"),
    ],
)
def test_restoring_something_else_is_refused_and_changes_nothing(
    capsys, demo_file, tmp_path, content, message
):
    other = tmp_path / "other.duckdb"
    if content is None:
        with Store(str(other)) as store, store.cursor() as cur:
            cur.run_sql("CREATE TABLE notes (text VARCHAR)")
    else:
        other.write_bytes(content)
    before = digest(demo_file)
    code, _, err = run(capsys, "--db", str(demo_file), "restore", str(other))
    assert code == 1 and message in err and err.count("\n") == 1
    assert digest(demo_file) == before
    assert sorted(p.name for p in demo_file.parent.iterdir()) == ["coachkit.duckdb"]


def test_an_older_backup_is_brought_up_to_date_when_restored(tmp_path):
    old = tmp_path / "old.duckdb"
    with Store(str(old)) as store:
        store.migrate(migrations()[:4])  # as CoachKit was before migration 005
    target = tmp_path / "coachkit.duckdb"
    copied, kept = restore_database(old, str(target))
    assert kept is None
    with Store(str(target)) as store:
        assert store.applied_versions() == {m.version for m in migrations()}


def test_backup_and_restore_are_for_the_embedded_file_only(capsys, tmp_path):
    url = f"{POSTGRES_SERVER} dbname=coachkit"
    for command in ("backup", "restore"):
        code, _, err = run(capsys, "--db", url, command, str(tmp_path / "b.duckdb"))
        assert code == 1 and "back up PostgreSQL with its own tools (pg_dump" in err


def test_a_backup_makes_its_folder_and_refuses_the_database_itself(capsys, demo_file, tmp_path):
    target = tmp_path / "backups" / "2026-11-25.duckdb"
    code, _, _ = run(capsys, "--db", str(demo_file), "backup", str(target))
    assert code == 0 and dump(str(target)) == dump(str(demo_file))
    code, _, err = run(capsys, "--db", str(demo_file), "backup", str(demo_file), "--force")
    assert code == 1 and "the backup must be another file than the database" in err


def test_two_restores_in_one_second_keep_both_databases_they_replaced(demo_file, tmp_path):
    backup = tmp_path / "b.duckdb"
    backup_database(str(demo_file), backup)
    _, first = restore_database(backup, str(demo_file))
    _, second = restore_database(backup, str(demo_file))
    # Both are kept, under different names even when the clock gives the same second.
    assert first != second and first.exists() and second.exists()


def test_a_damaged_database_is_replaced_by_its_backup_and_kept_aside(demo_file, tmp_path):
    backup = tmp_path / "b.duckdb"
    backup_database(str(demo_file), backup)
    expected = dump(str(demo_file))
    demo_file.write_bytes(b"not a database any more")
    copied, kept = restore_database(backup, str(demo_file))
    assert dump(str(demo_file)) == expected
    assert kept.read_bytes() == b"not a database any more"
