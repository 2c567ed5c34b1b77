"""The app, run through Streamlit's AppTest against a demo database of its own."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coachkit import catalog, demo
from coachkit.store import open_store
from tests.conftest import TODAY

APP = str(Path(__file__).parents[1] / "app.py")


@pytest.fixture
def demo_db(db_path, monkeypatch):
    # The app opens the file itself; one process must not hold two handles on it.
    with open_store(db_path) as store:
        catalog.sync(store)
        demo.rebuild(store, TODAY)
    monkeypatch.setenv("COACHKIT_DB", db_path)
    return db_path


def test_the_home_page_lists_the_demo_coachs_clients(demo_db):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert sorted(shown["name"]) == sorted(p.name for p in demo.CLIENTS)


def test_without_a_demo_coach_the_home_page_says_how_to_make_one(db_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_DB", db_path)
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "coachkit demo" in at.info[0].value
