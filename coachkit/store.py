"""The one gateway to the database.

Every byte of SQL CoachKit runs lives in `coachkit/sql/`: numbered migrations in
`sql/migrations/` (`NNN_name.sql`), and one file per named query in a folder named after the
module that reads it (`sql/metrics/scope.sql` is the query `metrics/scope`, read by
metrics.py). This module opens the database, applies migrations, runs named queries with bound
parameters, and wraps transactions. Nothing above it formats SQL. Trusted SQL that is not a
named query (maintenance by an operator, a test or a benchmark looking at the tables) goes
through `Cursor.run_sql`, the one public way to run it, still with bound parameters.

The database is always attached under the catalog name `ck` on an in-memory DuckDB connection,
so that the backend changes only the ATTACH statement, never a query: an embedded DuckDB file by
default, or a PostgreSQL database (`COACHKIT_DB=postgresql://…` or a libpq `key=value` string)
through DuckDB's postgres extension, for several app servers sharing one database. DuckDB stays
the query engine either way; the extension ships in the PyPI package duckdb-extension-postgres
(`pip install -e '.[postgres]'`) and is installed from it, offline, into the virtual
environment's own extension directory.

DuckDB allows one connection per database file per process but many cursors on it; a cursor is
cheap, so every operation takes a fresh one and threads (Streamlit sessions) never share one.
Copies of a whole database (backup, restore, migrate-to) are coachkit/backup.py's.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

CATALOG = "ck"
DEFAULT_DB = "data/coachkit.duckdb"
# NNN_name.sql runs on both backends; NNN_name.duckdb.sql or NNN_name.postgres.sql on one only
# (the version is recorded on both, so that numbering stays one sequence).
MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)(?:\.(duckdb|postgres))?\.sql$")
# A named query: the folder of the module that reads it, and the file's name.
QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$")
# What stands for a table's name in a query that works on any of CoachKit's tables.
TABLE_SLOT = "{table}"
ALIAS = re.compile(r"^[a-z][a-z0-9_]*$")
# A PostgreSQL URL, or a libpq connection string of key=value pairs.
POSTGRES = re.compile(
    r"^\s*(postgres(ql)?://|(host|hostaddr|port|dbname|user|password|service|sslmode)\s*=)"
)
# Where each backend keeps CoachKit's tables inside the attached catalog.
SCHEMA = {"duckdb": "main", "postgres": "public"}
# Errors of two transactions writing the same rows at once; the later one retries.
_CONFLICTS = (
    "could not serialize access",  # PostgreSQL, serialization_failure
    "deadlock detected",
    "duplicate key value violates unique constraint",  # a set another server just wrote
)
T = TypeVar("T")


class StoreError(Exception):
    """A database operation failed; the message names the query and the cause."""


class DatabaseInUse(StoreError):
    """Another process (the running app) holds the embedded database file."""


def database_url(explicit: str | None = None) -> str:
    """Where the database is: the explicit argument, else `COACHKIT_DB`, else the default file."""
    return explicit or os.environ.get("COACHKIT_DB") or DEFAULT_DB


def backend_of(url: str) -> str:
    """ "postgres" for a PostgreSQL URL or libpq string, else "duckdb" (a file path)."""
    return "postgres" if POSTGRES.match(url) else "duckdb"


def redacted(url: str) -> str:
    """The URL without its password, fit for a message or a log."""
    url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", url)


def is_conflict(exc: BaseException) -> bool:
    """Whether a failed write lost a race with another transaction, so that a retry succeeds."""
    cause = exc.__cause__ if isinstance(exc, StoreError) else exc
    if isinstance(cause, duckdb.TransactionException):
        return True
    return isinstance(cause, duckdb.Error) and any(text in str(cause) for text in _CONFLICTS)


def retry_conflicts(action: Callable[[], T], attempts: int = 8) -> T:
    """Run `action` (one whole transaction) again while it loses a write race, with a short
    growing pause; the last attempt's error is raised."""
    for attempt in range(attempts):
        try:
            return action()
        except StoreError as exc:
            if attempt == attempts - 1 or not is_conflict(exc):
                raise
            log.info("write conflict, attempt %d: %s", attempt + 1, str(exc).splitlines()[0])
            time.sleep(0.005 * 2**attempt)
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    backend: str | None = None  # None: both

    def runs_on(self, backend: str) -> bool:
        return self.backend in (None, backend)


def migrations() -> list[Migration]:
    """The migrations shipped in `coachkit/sql/migrations/`, in version order."""
    found = []
    for entry in files("coachkit").joinpath("sql", "migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            sql = entry.read_text(encoding="utf-8")
            found.append(Migration(int(match[1]), match[2], sql, match[3]))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a version number: {versions}")
    return found


@cache
def named_sql(name: str) -> str:
    """The text of `coachkit/sql/<folder>/<file>.sql` for the name `<folder>/<file>`, read once."""
    if not QUERY_NAME.match(name):
        raise StoreError(f"not a query name: {name!r}")
    folder, file = name.split("/")
    path = files("coachkit").joinpath("sql", folder, f"{file}.sql")
    if not path.is_file():
        raise StoreError(f"no such query: {name}")
    return path.read_text(encoding="utf-8")


def _sql_literal(text: str) -> str:
    # ATTACH, INSTALL and SET take no bound parameters, so a path or a URL is quoted as a SQL
    # string literal here, the only way a value is written into SQL.
    return "'" + text.replace("'", "''") + "'"


def _postgres_extension() -> Path:
    """The postgres extension shipped in the duckdb-extension-postgres package."""
    spec = importlib.util.find_spec("duckdb_extension_postgres")
    if spec is None or spec.origin is None:
        raise StoreError(
            "COACHKIT_DB names a PostgreSQL database, but the postgres extension is not "
            "installed: pip install -e '.[postgres]'"
        )
    shipped = Path(spec.origin).parent / "extensions" / f"v{duckdb.__version__}"
    return shipped / "postgres.duckdb_extension"


def _load_postgres(con: duckdb.DuckDBPyConnection) -> None:
    """Load the postgres extension from the virtual environment's extension directory,
    installing it there from the package the first time: never a download, nothing in $HOME."""
    directory = Path(sys.prefix) / "duckdb_extensions"
    con.execute(f"SET extension_directory = {_sql_literal(str(directory))}")
    con.execute("SET autoinstall_known_extensions = false")
    try:
        con.execute("LOAD postgres")
    except duckdb.Error:
        con.execute(f"INSTALL {_sql_literal(str(_postgres_extension()))}")
        con.execute("LOAD postgres")


class Cursor:
    """One cursor, bound to the CoachKit catalog, that runs named queries."""

    def __init__(self, raw: duckdb.DuckDBPyConnection, backend: str = "duckdb"):
        self._raw = raw
        self._backend = backend
        # Tables live in the CoachKit catalog; the macros of sql/store/macros.sql, defined once per
        # process, in the connection's own in-memory catalog.
        where = f"{CATALOG}.{SCHEMA[backend]}"
        self._raw.execute(f"USE {where}; SET search_path = '{where},memory.main'")

    def execute(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        frames: Mapping[str, pd.DataFrame] | None = None,
        table: str | None = None,
    ) -> duckdb.DuckDBPyConnection:
        """Run the named query with bound parameters; `frames` are visible to it as tables.

        `table` is for a query that works on any of CoachKit's tables (`{table}` in its text,
        as in sql/backup/): identifiers cannot be bound, so the name must be one of the tables
        in the catalog, and goes in quoted.
        """
        sql = named_sql(name)
        if table is not None:
            if table not in self.tables():
                raise StoreError(f"{name}: no such table: {table!r}")
            sql = sql.replace(TABLE_SLOT, f'"{table}"')
        elif TABLE_SLOT in sql:
            raise StoreError(f"{name} works on one table: name it")
        for view, frame in (frames or {}).items():
            self._raw.register(view, frame)
        started = time.perf_counter()
        try:
            result = self._raw.execute(sql, dict(params or {}))
        except duckdb.Error as exc:
            raise StoreError(f"{name}: {exc}") from exc
        finally:
            for view in frames or {}:
                self._raw.unregister(view)
        log.debug("%s took %.1f ms", name, (time.perf_counter() - started) * 1000)
        return result

    def run_sql(
        self, sql: str, params: Mapping[str, Any] | Sequence[Any] | None = None
    ) -> duckdb.DuckDBPyConnection:
        """Run trusted SQL text that is not a named query: a migration, or maintenance by an
        operator, a test or a benchmark (counting rows, planting damage for a check to find).

        The one public way to run such text. The app's own code never does, and no text that a
        request shaped may reach it: values go in `params`, bound, as everywhere else. Several
        statements may go at once when there are no parameters. The result reads like a DB-API
        cursor: `.fetchall()`, `.fetchone()`, `.df()`.
        """
        try:
            if params is None:
                return self._raw.execute(sql)
            bound = dict(params) if isinstance(params, Mapping) else list(params)
            return self._raw.execute(sql, bound)
        except duckdb.Error as exc:
            raise StoreError(f"trusted SQL: {exc}") from exc

    def tables(self) -> list[str]:
        """The names of CoachKit's tables, sorted."""
        return [row["table_name"] for row in self.rows("store/list_tables", {"catalog": CATALOG})]

    def recorded_migrations(self) -> dict[int, str]:
        """The migrations the database records as applied: version -> name."""
        return {row["version"]: row["name"] for row in self.rows("store/schema_versions")}

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or, with None, remove) one small fact about the database itself."""
        self.execute("store/meta_delete", {"key": key})
        if value is not None:
            self.execute("store/meta_insert", {"key": key, "value": value})

    @contextmanager
    def attached(self, path: Path, alias: str) -> Iterator[None]:
        """Another embedded database file, read-only under the catalog name `alias`, for as
        long as the block runs (a copy's source, read as `alias.main.<table>`)."""
        if not ALIAS.match(alias) or alias == CATALOG:
            raise StoreError(f"not a catalog name for an attached file: {alias!r}")
        # ATTACH takes no bound parameter: the path goes in as a string literal.
        self._raw.execute(f"ATTACH {_sql_literal(str(path))} AS {alias} (READ_ONLY)")
        try:
            yield
        finally:
            self._raw.execute(f"DETACH {alias}")

    def register(self, table: str, frame: pd.DataFrame) -> None:
        """Make `frame` visible as a table to every later query on this cursor."""
        self._raw.register(table, frame)

    def frame(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> pd.DataFrame:
        return self.execute(name, params, **kw).df()

    def rows(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> list[dict]:
        result = self.execute(name, params, **kw)
        columns = [d[0] for d in result.description or []]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def one(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> dict | None:
        rows = self.rows(name, params, **kw)
        if len(rows) > 1:
            raise StoreError(f"{name}: expected at most one row, got {len(rows)}")
        return rows[0] if rows else None

    def scalar(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> Any:
        row = self.execute(name, params, **kw).fetchone()
        return row[0] if row else None

    def write_files(self, name: str, params: Mapping[str, Any], base: Path) -> int:
        """Write the named query's rows to `base`.parquet, exactly as stored, and `base`.csv,
        every text made spreadsheet-safe (sql/store/macros.sql); return the number of rows."""
        parquet, csv = str(base.with_suffix(".parquet")), str(base.with_suffix(".csv"))
        try:
            self._raw.sql(named_sql(name), params=dict(params)).write_parquet(parquet)
            # The CSV is made from the Parquet file, so that the query (a sort of every set of
            # the coach, for the sets) runs once.
            written = self._raw.read_parquet(parquet)
            safe = [
                duckdb.FunctionExpression(
                    "spreadsheet_text", duckdb.ColumnExpression(column)
                ).alias(column)
                if str(kind) == "VARCHAR"
                else duckdb.ColumnExpression(column)
                for column, kind in zip(written.columns, written.types, strict=True)
            ]
            written.project(*safe).write_csv(csv, header=True)
            count = "SELECT count(*) FROM read_parquet($path)"  # from the file's footer
            return self._raw.execute(count, {"path": parquet}).fetchone()[0]
        except duckdb.Error as exc:
            raise StoreError(f"{name}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """This cursor inside one transaction: committed on success, rolled back on any error."""
        self._raw.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self._raw.execute("ROLLBACK")
            if self._backend == "postgres":
                # The extension caches PostgreSQL's catalog: a table created by the rolled-back
                # transaction would still be listed.
                self._raw.execute("CALL pg_clear_cache()")
            raise
        try:
            self._raw.execute("COMMIT")
        except duckdb.Error as exc:
            raise StoreError(f"commit failed: {exc}") from exc


class Store:
    """An open CoachKit database. Create one per process and share it between threads."""

    def __init__(self, url: str | None = None):
        self.url = database_url(url)
        self.backend = backend_of(self.url)
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._con = duckdb.connect(":memory:")
        try:
            self._attach()
        except BaseException:
            self._con.close()
            raise

    def _attach(self) -> None:
        try:
            if self.backend == "postgres":
                _load_postgres(self._con)
                # One query per scan, so that PostgreSQL can use its index on the client, not
                # a scan of the whole table in ctid ranges, each filtered.
                self._con.execute("SET GLOBAL pg_use_ctid_scan = false")
                self._con.execute(f"ATTACH {_sql_literal(self.url)} AS {CATALOG} (TYPE postgres)")
            else:
                path = Path(self.url)
                if path.parent != Path("."):
                    path.parent.mkdir(parents=True, exist_ok=True)
                self._con.execute(f"ATTACH {_sql_literal(str(path))} AS {CATALOG}")
        except duckdb.Error as exc:
            if self.backend == "duckdb" and "Could not set lock" in str(exc):
                raise DatabaseInUse(
                    f"{self.url} is in use by another process (is the app running?); stop it "
                    "first: DuckDB lets one process at a time open the file"
                ) from None
            # DuckDB's message repeats the connection string, password and all.
            cause = str(exc).replace(self.url, redacted(self.url))
            raise StoreError(f"cannot open database {redacted(self.url)}: {cause}") from None
        self._con.execute(named_sql("store/configure"))
        self._con.execute(named_sql("store/macros"))

    def close(self) -> None:
        self._con.close()

    def checkpoint(self) -> None:
        """Write everything committed into the database file itself (DuckDB's write-ahead
        log is folded in), so that a copy of the file alone is the whole database."""
        try:
            self._con.execute(f"CHECKPOINT {CATALOG}")
        except duckdb.Error as exc:
            raise StoreError(f"checkpoint of {redacted(self.url)}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def cursor(self) -> Iterator[Cursor]:
        """A fresh cursor in autocommit mode, closed afterwards."""
        with self._lock:
            raw = self._con.cursor()
        try:
            yield Cursor(raw, self.backend)
        finally:
            raw.close()

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """A cursor inside one transaction: committed on success, rolled back on any error."""
        with self.cursor() as cur, cur.transaction():
            yield cur

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Writers of set rows in this process take turns. DuckDB's appends never conflict with
        each other, so two imports of the same set at once would both find it new; one at a
        time, the second sees the first's rows. A process owns a DuckDB file for writing, so
        there this lock suffices. On PostgreSQL, where several app servers write, a unique
        index on each client's set keys (migration 004) refuses the second writer of a set, and
        the import retries (retry_conflicts) and then finds the first's rows."""
        with self._write_lock:
            yield

    def frame(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.frame(name, params, **kw)

    def rows(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> list[dict]:
        with self.cursor() as cur:
            return cur.rows(name, params, **kw)

    def one(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> dict | None:
        with self.cursor() as cur:
            return cur.one(name, params, **kw)

    def scalar(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> Any:
        with self.cursor() as cur:
            return cur.scalar(name, params, **kw)

    def execute(self, name: str, params: Mapping[str, Any] | None = None, **kw) -> None:
        with self.transaction() as cur:
            cur.execute(name, params, **kw)

    def tables(self) -> list[str]:
        """The names of CoachKit's tables, sorted."""
        with self.cursor() as cur:
            return cur.tables()

    def table_rows(self, table: str) -> list[tuple]:
        """Every row of one table, sorted, to compare whole tables."""
        with self.cursor() as cur:
            return sorted(cur.execute("store/table_rows", table=table).fetchall(), key=repr)

    def meta(self, key: str) -> str | None:
        """One small fact about the database itself (the catalog loaded, the demo's coach)."""
        return self.scalar("store/meta_get", {"key": key})

    def applied_versions(self) -> set[int]:
        def read() -> set[int]:
            with self.cursor() as cur:
                cur.execute("store/create_schema_version")  # two servers at once: one retries
                return set(cur.recorded_migrations())

        return retry_conflicts(read)

    def migrate(self, available: list[Migration] | None = None) -> list[Migration]:
        """Apply each pending migration once, each in its own transaction; return those applied.

        A migration that fails is rolled back whole, its version is not recorded, and the error
        names it; migrations before it stay applied. When app servers start together on one
        PostgreSQL database, each migration is applied by one of them: the others fail on its
        tables or its version row, find it recorded, and go on.
        """
        done = self.applied_versions()
        applied = []
        for migration in available if available is not None else migrations():
            if migration.version in done:
                continue
            try:
                with self.transaction() as cur:
                    if migration.runs_on(self.backend):
                        cur.run_sql(migration.sql)
                    cur.execute(
                        "store/record_migration",
                        {"version": migration.version, "name": migration.name},
                    )
            except (duckdb.Error, StoreError) as exc:
                if migration.version in self.applied_versions():
                    log.info("migration %03d applied by another server", migration.version)
                    continue
                raise StoreError(
                    f"migration {migration.version:03d}_{migration.name} failed: {exc}"
                ) from exc
            applied.append(migration)
        return applied


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    """Open the database and, by default, bring its schema up to date."""
    store = Store(url)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store
