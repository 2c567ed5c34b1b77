"""`coachkit migrate-to`: an embedded database copied into PostgreSQL, counted table by table,
and the same numbers read from both afterwards."""

import json

import pytest

from coachkit import auth, catalog, clients, demo
from coachkit.store import open_store
from tests.conftest import TODAY
from tests.test_cli import dump, run


@pytest.fixture
def embedded(tmp_path) -> str:
    """The demo in a database file: the embedded backend whatever the session's is."""
    path = str(tmp_path / "gym.duckdb")
    with open_store(path) as store:
        catalog.sync(store)
        demo.rebuild(store, TODAY)
    return path


def test_the_copy_holds_every_row_and_gives_the_same_reports(capsys, embedded, postgres_databases):
    target = postgres_databases.new()
    code, out, err = run(capsys, "--db", embedded, "migrate-to", target)
    assert (code, err) == (0, "")
    source_rows = dump(embedded)
    source_rows.pop("schema_version")
    # One line per table with both counts, equal; the demo's set rows among them.
    counted = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:-1]}
    assert set(counted) == set(source_rows)
    for table, rows in source_rows.items():
        assert counted[table] == [f"{len(rows):,}"] * 2, table
    assert "every table's row count agrees" in out.splitlines()[-1]
    # Row for row the same data, and every client's report the same on both backends.
    copied = dump(target)
    assert {table: copied[table] for table in source_rows} == source_rows
    with open_store(embedded) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        names = clients.roster(store, coach.id)["name"]
    assert len(names) == 12
    for name in names:
        reports = []
        for db in (embedded, target):
            argv = ["--db", db, "report", "--coach", demo.DEMO_EMAIL, "--client", name]
            code, out, _ = run(capsys, *argv, "--since", "2026-06-01", "--until", "2026-11-22",
                               "--json")  # fmt: skip
            assert code == 0
            reports.append(json.loads(out))
        assert reports[0] == reports[1], name


def test_a_database_that_holds_data_is_refused_and_left_alone(capsys, embedded, postgres_databases):
    target = postgres_databases.new()
    assert run(capsys, "--db", embedded, "migrate-to", target)[0] == 0
    before = dump(target)
    code, out, err = run(capsys, "--db", embedded, "migrate-to", target)
    assert code == 1 and out == ""
    assert err.strip().endswith("already holds data: copy into an empty one")
    assert dump(target) == before


@pytest.mark.parametrize("target", ["elsewhere.duckdb", "data/coachkit.duckdb"])
def test_only_a_postgresql_database_is_a_target(capsys, embedded, target):
    code, _, err = run(capsys, "--db", embedded, "migrate-to", target)
    assert code == 1
    assert "copy from an embedded database file into a PostgreSQL database" in err


def test_a_password_in_the_target_url_is_never_printed(capsys, embedded):
    code, _, err = run(
        capsys, "--db", embedded, "migrate-to", "postgresql://u:s3cret@127.0.0.1:1/x"
    )
    assert code == 1 and "s3cret" not in err and "u:***@" in err
