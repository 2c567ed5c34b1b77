"""Shared fixtures. Time is pinned: the demo's "today" is a fixed Wednesday, never the clock."""

from datetime import date

import pytest

from coachkit import catalog, demo
from coachkit.store import Store, open_store

# A Wednesday, so that "this week" in a test is never a complete week.
TODAY = date(2026, 11, 25)


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "coachkit.duckdb")


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
