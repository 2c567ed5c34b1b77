"""The one gateway to the database.

Every byte of SQL CoachKit runs lives in `coachkit/sql/`: numbered migrations (`NNN_name.sql`)
and one file per named query (`name.sql`). This module opens the database, applies migrations,
runs named queries with bound parameters, and wraps transactions. Nothing above it formats SQL.

The database is always attached under the catalog name `ck` on an in-memory DuckDB connection,
so that moving the data to another backend later changes only the ATTACH statement, never a query.

DuckDB allows one connection per database file per process but many cursors on it; a cursor is
cheap, so every operation takes a fresh one and threads (Streamlit sessions) never share one.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

CATALOG = "ck"
DEFAULT_DB = "data/coachkit.duckdb"
MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class StoreError(Exception):
    """A database operation failed; the message names the query and the cause."""


def database_url(explicit: str | None = None) -> str:
    """Where the database is: the explicit argument, else `COACHKIT_DB`, else the default file."""
    return explicit or os.environ.get("COACHKIT_DB") or DEFAULT_DB


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The migrations shipped in `coachkit/sql/`, in version order."""
    found = []
    for entry in files("coachkit").joinpath("sql").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a version number: {versions}")
    return found


@cache
def named_sql(name: str) -> str:
    """The text of `coachkit/sql/<name>.sql`, read once."""
    if not QUERY_NAME.match(name):
        raise StoreError(f"not a query name: {name!r}")
    path = files("coachkit").joinpath("sql", f"{name}.sql")
    if not path.is_file():
        raise StoreError(f"no such query: {name}")
    return path.read_text(encoding="utf-8")


def _sql_literal(text: str) -> str:
    # ATTACH takes no bound parameters, so the path is quoted as a SQL string literal here,
    # the single place where a value is written into SQL.
    return "'" + text.replace("'", "''") + "'"


class Cursor:
    """One cursor, bound to the CoachKit catalog, that runs named queries."""

    def __init__(self, raw: duckdb.DuckDBPyConnection):
        self._raw = raw
        # Tables live in the CoachKit catalog; the macros of sql/macros.sql, defined once per
        # process, in the connection's own in-memory catalog.
        self._raw.execute(f"USE {CATALOG}; SET search_path = '{CATALOG}.main,memory.main'")

    def execute(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        frames: Mapping[str, pd.DataFrame] | None = None,
    ) -> duckdb.DuckDBPyConnection:
        """Run the named query with bound parameters; `frames` are visible to it as tables."""
        sql = named_sql(name)
        for table, frame in (frames or {}).items():
            self._raw.register(table, frame)
        started = time.perf_counter()
        try:
            result = self._raw.execute(sql, dict(params or {}))
        except duckdb.Error as exc:
            raise StoreError(f"{name}: {exc}") from exc
        finally:
            for table in frames or {}:
                self._raw.unregister(table)
        log.debug("%s took %.1f ms", name, (time.perf_counter() - started) * 1000)
        return result

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

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """This cursor inside one transaction: committed on success, rolled back on any error."""
        self._raw.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self._raw.execute("ROLLBACK")
            raise
        try:
            self._raw.execute("COMMIT")
        except duckdb.Error as exc:
            raise StoreError(f"commit failed: {exc}") from exc

    def run_script(self, sql: str) -> None:
        """Run trusted SQL shipped with the package (a migration), statement by statement."""
        self._raw.execute(sql)


class Store:
    """An open CoachKit database. Create one per process and share it between threads."""

    def __init__(self, url: str | None = None):
        self.url = database_url(url)
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._con = duckdb.connect(":memory:")
        self._attach()

    def _attach(self) -> None:
        path = Path(self.url)
        if path.parent != Path("."):
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con.execute(f"ATTACH {_sql_literal(str(path))} AS {CATALOG}")
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.url}: {exc}") from exc
        self._con.execute(named_sql("configure"))
        self._con.execute(named_sql("macros"))

    def close(self) -> None:
        self._con.close()

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
            yield Cursor(raw)
        finally:
            raw.close()

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """A cursor inside one transaction: committed on success, rolled back on any error."""
        with self.cursor() as cur, cur.transaction():
            yield cur

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Writers of set rows take turns. DuckDB's appends never conflict with each other, so
        two imports of the same set at once would both find it new; one at a time, the second
        sees the first's rows. A process owns a DuckDB file for writing, so this lock suffices."""
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
        return [row["table_name"] for row in self.rows("list_tables", {"catalog": CATALOG})]

    def table_rows(self, table: str) -> list[tuple]:
        """Every row of one table, sorted, to compare or copy whole tables."""
        if table not in self.tables():
            raise StoreError(f"no such table: {table}")
        # The name was checked against the catalog above; identifiers cannot be bound.
        with self.cursor() as cur:
            sql = f'SELECT * FROM "{table}"'  # noqa: S608
            return sorted(cur._raw.execute(sql).fetchall(), key=repr)

    def applied_versions(self) -> set[int]:
        with self.cursor() as cur:
            cur.execute("create_schema_version")
            return {row["version"] for row in cur.rows("schema_versions")}

    def migrate(self, available: list[Migration] | None = None) -> list[Migration]:
        """Apply each pending migration once, each in its own transaction; return those applied.

        A migration that fails is rolled back whole, its version is not recorded, and the error
        names it; migrations before it stay applied.
        """
        done = self.applied_versions()
        applied = []
        for migration in available if available is not None else migrations():
            if migration.version in done:
                continue
            try:
                with self.transaction() as cur:
                    cur.run_script(migration.sql)
                    cur.execute(
                        "record_migration",
                        {"version": migration.version, "name": migration.name},
                    )
            except (duckdb.Error, StoreError) as exc:
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
