"""Shared fixtures. Time is pinned: the demo's "today" is a fixed Wednesday, never the clock.

Every test that takes a database through these fixtures (`db_path`, `store`, `demo_db`, ...,
or `new_database` for a module's own) runs once per backend: an embedded DuckDB file, and a
PostgreSQL database of its own on the server that COACHKIT_TEST_POSTGRES names (a libpq string;
default `host=127.0.0.1 port=5432 user=postgres`). Without a reachable server the PostgreSQL
runs are left out and the header says so; under CI=true that is an error instead.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from streamlit.runtime.pages_manager import PagesManager

from coachkit import catalog, demo
from coachkit.store import Store, open_store

# A Wednesday, so that "this week" in a test is never a complete week.
TODAY = date(2026, 11, 25)

POSTGRES_SERVER = os.environ.get("COACHKIT_TEST_POSTGRES", "host=127.0.0.1 port=5432 user=postgres")


def _reachable(conninfo: str) -> str | None:
    """None when the server answers, else why not."""
    try:
        with psycopg.connect(conninfo, dbname="postgres", connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


POSTGRES_MISSING = _reachable(POSTGRES_SERVER)
BACKENDS = ["duckdb"] if POSTGRES_MISSING else ["duckdb", "postgres"]


def pytest_report_header() -> str:
    if POSTGRES_MISSING:
        return (
            f"backends: duckdb only; no PostgreSQL server at '{POSTGRES_SERVER}' "
            f"({POSTGRES_MISSING}); set COACHKIT_TEST_POSTGRES or run .ci/run"
        )
    return f"backends: duckdb, and postgres at '{POSTGRES_SERVER}'"


def pytest_configure(config) -> None:
    if POSTGRES_MISSING and os.environ.get("CI") == "true":
        raise pytest.UsageError(
            f"CI=true but no PostgreSQL server at '{POSTGRES_SERVER}': {POSTGRES_MISSING}"
        )


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


class Databases:
    """Makes empty databases of one backend, each a COACHKIT_DB: a new file path, or a new
    PostgreSQL database on the test server, and drops those."""

    def __init__(self, backend: str, folders: pytest.TempPathFactory) -> None:
        self.backend, self._folders, self._made = backend, folders, []

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(POSTGRES_SERVER, dbname="postgres", autocommit=True)

    def new(self) -> str:
        if self.backend == "duckdb":
            return str(self._folders.mktemp("db") / "coachkit.duckdb")
        name = f"ck_test_{uuid.uuid4().hex[:16]}"  # an identifier of our own making
        with self._admin() as admin:
            admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY FILE_COPY")
        self._made.append(name)
        return f"{POSTGRES_SERVER} dbname={name}"

    def copy(self, url: str) -> str:
        """A new database holding what the database `url` holds, which nothing may have open:
        the file copied, or a PostgreSQL database made from it as a template."""
        if self.backend == "duckdb":
            copied = self.new()
            source = Path(url)
            for part in source.parent.glob(source.name + "*"):  # the file and any write-ahead log
                shutil.copy(part, copied + part.name.removeprefix(source.name))
            return copied
        name = f"ck_test_{uuid.uuid4().hex[:16]}"
        template = url.rpartition("dbname=")[2]
        assert template in self._made, "only a test database is copied"
        with self._admin() as admin:
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        self._made.append(name)
        return f"{POSTGRES_SERVER} dbname={name}"

    def drop(self, url: str) -> None:
        """Drop a PostgreSQL database made here, closing what still holds it (the app under
        test keeps its store open); a file is left to pytest's temporary folders."""
        name = url.rpartition("dbname=")[2]
        if name in self._made:
            with self._admin() as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self._made.remove(name)

    def drop_all(self) -> None:
        for name in list(self._made):
            self.drop(f"dbname={name}")


@pytest.fixture(scope="session")
def databases(backend, tmp_path_factory) -> Iterator[Databases]:
    made = Databases(backend, tmp_path_factory)
    yield made
    made.drop_all()


@pytest.fixture(scope="session")
def postgres_databases(tmp_path_factory) -> Iterator[Databases]:
    """Databases on the PostgreSQL test server, for tests of that backend alone."""
    if POSTGRES_MISSING:  # never under CI=true: pytest_configure refuses to start then
        pytest.skip(f"no PostgreSQL server at '{POSTGRES_SERVER}': {POSTGRES_MISSING}")
    made = Databases("postgres", tmp_path_factory)
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def module_db(databases) -> Iterator[str]:
    """A new, empty database for a whole module."""
    url = databases.new()
    yield url
    databases.drop(url)


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """AppTest runs dashboard.py on every run, as a real server does once any session has
    called st.navigation. Each AppTest run resets Streamlit's legacy pages-folder switch and,
    with a pages/ folder beside dashboard.py, would then run the current page's file alone,
    without dashboard.py (and so without its navigation or sidebar): the switch is turned off
    again after that reset.
    """
    reset = PagesManager.__init__

    def init(self, *args, **kwargs):
        reset(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def db_path(databases) -> Iterator[str]:
    """A new, empty database (COACHKIT_DB) of the backend under test."""
    url = databases.new()
    yield url
    databases.drop(url)


@pytest.fixture
def store(db_path) -> Store:
    """A migrated database with the catalog loaded, in a temporary folder."""
    with open_store(db_path) as opened:
        catalog.sync(opened)
        yield opened


@pytest.fixture
def demo_store(store):
    """The demo database, anchored on TODAY."""
    demo.rebuild(store, TODAY)
    return store


@pytest.fixture
def demo_db(db_path, monkeypatch):
    """The path of a demo database that the app under test opens (COACHKIT_DB names it)."""
    # The app opens the file itself; the test's handle is closed first.
    with open_store(db_path) as store:
        catalog.sync(store)
        demo.rebuild(store, TODAY)
    monkeypatch.setenv("COACHKIT_DB", db_path)
    return db_path


@pytest.fixture
def empty_db(db_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_DB", db_path)
    return db_path
