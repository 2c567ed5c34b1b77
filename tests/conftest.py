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
