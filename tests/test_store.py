import sys
import threading
import uuid
from pathlib import Path

import duckdb
import pytest

from coachkit.auth import add_coach
from coachkit.clients import add_client, roster
from coachkit.clock import utc_now
from coachkit.store import (
    Migration,
    Store,
    StoreError,
    backend_of,
    migrations,
    named_sql,
    redacted,
)


def table_names(store: Store) -> set[str]:
    return set(store.tables())


def test_every_migration_is_applied_once_and_recorded(db_path):
    with Store(db_path) as store:
        first = store.migrate()
        second = store.migrate()
        assert [m.version for m in first] == [m.version for m in migrations()]
        assert second == []
        assert store.applied_versions() == {m.version for m in migrations()}


def test_the_first_migration_creates_the_whole_schema(store):
    expected = {
        "coaches",
        "clients",
        "exercises",
        "exercise_aliases",
        "exercise_mappings",
        "column_mappings",
        "import_batches",
        "set_rows",
        "programs",
        "program_exercises",
        "assignments",
        "share_links",
        "client_settings",
        "coach_sessions",
        "failed_attempts",
        "client_file_names",
        "data_changes",
        "meta",
        "schema_version",
    }
    assert table_names(store) == expected


def test_a_failing_migration_leaves_no_trace(db_path):
    broken = Migration(
        999,
        "broken",
        "CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES ('not a number');",
    )
    with Store(db_path) as store:
        store.migrate()
        with pytest.raises(StoreError, match="migration 999_broken failed"):
            store.migrate([*migrations(), broken])
        assert "half_done" not in table_names(store)
        assert 999 not in store.applied_versions()


def test_values_are_bound_never_formatted_into_sql(store):
    hostile = "Robert'); DROP TABLE clients; --"
    coach = add_coach(store, "coach@example.com", "Coach", "long enough password")
    add_client(store, coach.id, hostile)
    names = list(roster(store, coach.id)["name"])
    assert names == [hostile]
    assert "clients" in table_names(store)


def test_only_shipped_query_names_can_run(store):
    with pytest.raises(StoreError, match="not a query name"):
        named_sql("../migrations/001_schema")
    with pytest.raises(StoreError, match="not a query name"):
        named_sql("client_list")  # a query is named with the folder of the module reading it
    with pytest.raises(StoreError, match="not a query name"):
        named_sql("migrations/001_schema")  # a migration is applied, never run by name
    with pytest.raises(StoreError, match="no such query"):
        store.rows("store/no_such_query")


def test_a_transaction_that_raises_is_rolled_back(store):
    coach = add_coach(store, "coach@example.com", "Coach", "long enough password")
    with pytest.raises(RuntimeError), store.transaction() as cur:
        cur.execute(
            "clients/insert_client",
            {
                "id": uuid.uuid4(),
                "coach_id": coach.id,
                "name": "Ghost",
                "email": None,
                "now": utc_now(),
            },
        )
        raise RuntimeError("the caller failed half-way")
    assert roster(store, coach.id).empty


def test_eight_threads_read_and_write_through_one_store_at_once(store):
    coaches = [
        add_coach(store, f"coach{i}@example.com", f"C{i}", "long enough password") for i in range(8)
    ]
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(coach_id):
        try:
            start.wait()
            for n in range(25):
                add_client(store, coach_id, f"client {n}")
                roster(store, coach_id)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the assertion
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c.id,)) for c in coaches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [len(roster(store, c.id)) for c in coaches] == [25] * 8


def test_an_unopenable_database_gives_a_store_error(tmp_path):
    not_a_db = tmp_path / "junk.duckdb"
    not_a_db.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(str(not_a_db))


def test_duckdb_errors_are_wrapped_with_the_query_name(store):
    with pytest.raises(StoreError, match="^auth/insert_coach: ") as caught:
        store.execute(
            "auth/insert_coach",
            {"id": "not a uuid", "email": "x", "name": "x", "password_hash": None, "now": None},
        )
    assert isinstance(caught.value.__cause__, duckdb.Error)


@pytest.mark.parametrize(
    "url, backend",
    [
        ("data/coachkit.duckdb", "duckdb"),
        ("/srv/gym/host=north.duckdb", "duckdb"),  # a key=value look-alike inside a path
        ("postgresql://coach@db.internal:5432/coachkit", "postgres"),
        ("postgres://coach@db.internal/coachkit", "postgres"),
        ("host=db.internal port=5432 dbname=coachkit user=coach", "postgres"),
        (" dbname=coachkit", "postgres"),
    ],
)
def test_the_backend_follows_the_form_of_the_url(url, backend):
    assert backend_of(url) == backend


@pytest.mark.parametrize(
    "url, shown",
    [
        ("postgresql://coach:s3cret@db:5432/ck", "postgresql://coach:***@db:5432/ck"),
        ("host=db password=s3cret dbname=ck", "host=db password=*** dbname=ck"),
        ("host=db password = 'two words' dbname=ck", "host=db password = *** dbname=ck"),
        ("postgresql://coach@db/ck", "postgresql://coach@db/ck"),
        ("data/coachkit.duckdb", "data/coachkit.duckdb"),
    ],
)
def test_a_password_never_shows_in_what_is_printed_of_a_url(url, shown):
    assert redacted(url) == shown


def test_a_server_that_does_not_answer_is_one_error_without_the_password():
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(StoreError, match="cannot open database") as raised:
        Store("postgresql://coach:s3cret@127.0.0.1:1/ck")
    assert "s3cret" not in str(raised.value)
    assert "coach:***@127.0.0.1:1/ck" in str(raised.value)


def test_the_postgres_extension_comes_from_the_package_into_the_venv_not_home(
    postgres_databases, monkeypatch, tmp_path
):
    monkeypatch.setenv("HOME", str(tmp_path))  # where DuckDB would put extensions by default
    with Store(postgres_databases.new()) as store:
        assert store.backend == "postgres"
        store.migrate()
        assert "set_rows" in store.tables()
    assert not (tmp_path / ".duckdb").exists()
    installed = Path(sys.prefix) / "duckdb_extensions" / f"v{duckdb.__version__}"
    assert list(installed.glob("*/postgres_scanner.duckdb_extension"))


def test_every_set_row_carries_the_coach_of_its_client(demo_store):
    # set_rows.coach_id (migration 005) is what the metrics narrow by; insert_sets fills it.
    owner = {row[0]: row[1] for row in demo_store.table_rows("clients")}  # id, coach_id
    rows = demo_store.table_rows("set_rows")  # client_id first, coach_id added last
    assert len(rows) > 10_000
    assert all(row[-1] == owner[row[0]] for row in rows)
