"""The pages' cache (coachkit/ui/cached.py) never shows stale numbers: after each kind of write
a coach (or a client's link) can make, the next run of the page shows what a run with an
empty cache shows, and that differs from what it showed before the write.

Each test opens a page, makes one write through the domain modules on the app's own store (as
the page's button would), runs the page again, and compares it with a third run after the
cache is emptied: the truth. The page is read whole (texts, tables, chart data), so any number
that moved is seen.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coachkit import (
    answers,
    auth,
    catalog,
    charts,
    clients,
    coach_charts,
    demo,
    ingest,
    metrics,
    present,
    programs,
    report,
    sharing,
    ui,
    versions,
)
from coachkit.store import open_store
from coachkit.ui import cached
from tests.conftest import TODAY
from tests.test_pages import signed_in, texts

ROOT = Path(__file__).parents[1]
HEADER = "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes\n"
# TODAY is Wed 25 Nov 2026. Legs on Mon 16 and Fri 20 Nov, upper body on Wed 18: two leg
# sessions 4 days apart. "Zercher Hold Thing" is no catalog name: its sets count for no region
# until the coach maps it.
FIRST = HEADER + "".join(
    f"{day} 17:00:00,{workout},{exercise},{n},{kg},8,,,\n"
    for day, workout, exercise, kg in (
        ("2026-11-16", "Legs", "Squat (Barbell)", 80),
        ("2026-11-16", "Legs", "Zercher Hold Thing", 60),
        ("2026-11-18", "Upper", "Bench Press (Barbell)", 60),
        ("2026-11-20", "Legs", "Squat (Barbell)", 82.5),
    )
    for n in (1, 2, 3)
)
# One more leg session, Sun 22 Nov: the last day of the last complete week, which ends the
# window that leg sessions are counted over (METRICS.md).
SECOND = HEADER + "".join(
    f"2026-11-22 17:00:00,Legs,Squat (Barbell),{n},85,8,,,\n" for n in (1, 2, 3)
)


@pytest.fixture
def kit(db_path, monkeypatch, tmp_path):
    """The demo coach with one client, Kit Cache, and FIRST imported; the app opens the
    database (COACHKIT_DB) and the test writes through the app's own store."""
    with open_store(db_path) as store:
        catalog.sync(store)
        programs.install_builtins(store)
        coach = auth.add_coach(store, demo.DEMO_EMAIL, "Demo Coach", demo.DEMO_PASSWORD)
        client = clients.add_client(store, coach.id, "Kit Cache")
        clients.add_client(store, coach.id, "Other Client")
        first = tmp_path / "first.csv"
        first.write_text(FIRST)
        batch = ingest.commit(store, coach.id, client.id, first, unit="kg", today=TODAY).batch_id
    monkeypatch.setenv("COACHKIT_DB", db_path)
    st.cache_data.clear()
    return coach, client, batch, tmp_path


def seen(at: AppTest) -> str:
    """Everything the page shows, as one text: words, tables and each chart's data."""
    tables = [table.value.to_csv() for table in at.dataframe]
    data = [
        json.dumps(json.loads(chart.proto.spec), sort_keys=True)
        + "".join(d.SerializeToString().hex() for d in chart.proto.datasets)
        for chart in at.get("vega_lite_chart")
    ]
    return "\n".join([texts(at), *tables, *data])


def shows_the_write(at: AppTest, write: Callable[[], object]) -> None:
    """Run the page, write, run it again: it shows what an empty cache shows, and that moved."""
    at.run()
    assert not at.exception
    before = seen(at)
    write()
    at.run()
    assert not at.exception
    after = seen(at)
    st.cache_data.clear()
    at.run()
    assert after == seen(at), "the page showed numbers from before the write"
    assert after != before, "the write changed nothing on the page: the test proves nothing"


def client_page(client) -> AppTest:
    return signed_in(page="pages/client.py", client=client.id)


def test_an_import_shows_at_once(kit):
    coach, client, _, folder = kit
    second = folder / "second.csv"
    second.write_text(SECOND)
    shows_the_write(
        client_page(client),
        lambda: ingest.commit(ui.store(), coach.id, client.id, second, unit="kg", today=TODAY),
    )


def test_an_undo_shows_at_once(kit):
    coach, client, batch, _ = kit
    shows_the_write(client_page(client), lambda: ingest.undo(ui.store(), coach.id, batch))


def test_an_exercise_mapping_shows_at_once(kit):
    coach, client, _, _ = kit
    shows_the_write(
        client_page(client),
        lambda: answers.map_exercise(ui.store(), coach.id, "Zercher Hold Thing", region="lower"),
    )


def test_a_threshold_change_shows_at_once(kit):
    # The leg sessions are 4 days apart: a 5-day minimum rest turns that gap short.
    coach, client, _, _ = kit
    shows_the_write(
        client_page(client),
        lambda: metrics.set_thresholds(ui.store(), coach.id, client.id, min_rest_days=5),
    )


def test_a_program_assignment_shows_at_once(kit):
    coach, client, _, _ = kit
    shows_the_write(
        client_page(client),
        lambda: programs.assign_program(
            ui.store(), coach.id, client.id, programs.GYM_LEGS.id, TODAY.replace(day=16)
        ),
    )


def test_an_archived_client_leaves_the_roster_at_once(kit):
    coach, client, _, _ = kit
    shows_the_write(
        signed_in(), lambda: clients.set_archived(ui.store(), coach.id, client.id, True)
    )


def test_the_report_link_shows_an_import_at_once(kit):
    coach, client, _, folder = kit
    token = sharing.create_link(ui.store(), coach.id, client.id).token
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["token"] = token
    at.session_state[ui.SESSION_TODAY] = TODAY
    second = folder / "second.csv"
    second.write_text(SECOND)
    shows_the_write(
        at, lambda: ingest.commit(ui.store(), coach.id, client.id, second, unit="kg", today=TODAY)
    )


def test_one_coachs_write_leaves_another_coachs_cache_alone_and_never_shows_it(kit):
    # A second coach with a client of the same name: the cache is keyed on the coach, so
    # neither sees the other's numbers, and the first coach's write does not touch hers.
    coach, client, _, folder = kit
    store = ui.store()
    other = auth.add_coach(store, "other@gym.example", "Other", "long enough password")
    theirs = clients.add_client(store, other.id, "Kit Cache")
    assert metrics.dashboard(store, other.id, theirs.id, today=TODAY).report.leg_sessions == 0
    before = (
        metrics.dashboard(store, coach.id, client.id, today=TODAY).report.leg_sessions,
        versions.current(store, other.id),
    )
    second = folder / "second.csv"
    second.write_text(SECOND)
    ingest.commit(store, coach.id, client.id, second, unit="kg", today=TODAY)
    # Kit had 2 leg sessions (16 and 20 Nov) and now 3 (22 Nov); the other coach's version
    # did not move, and her Kit still has none.
    assert before[0] == 2
    assert metrics.dashboard(store, coach.id, client.id, today=TODAY).report.leg_sessions == 3
    assert versions.current(store, other.id) == before[1]
    assert cached.client_page(other.id, theirs.id, None, None, TODAY).board.report.leg_sessions == 0
    assert cached.client_page(coach.id, client.id, None, None, TODAY).board.report.leg_sessions == 3


def test_a_cached_spec_is_what_st_altair_chart_would_send(kit):
    # Every chart of the Client page and of the report, converted by cached.spec (no schema
    # validation) and by Streamlit's own conversion for st.altair_chart: the same spec, data
    # and all.
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    coach, client, _, _ = kit
    board = metrics.dashboard(ui.store(), coach.id, client.id, today=TODAY)
    shared = sharing.Shared(client.id, coach.id, client.name, datetime.max)
    drawn = [
        coach_charts.planned_calendar(present.calendar_frame(board.calendar, TODAY)),
        coach_charts.roster(
            present.roster_frame(metrics.roster(ui.store(), coach.id, today=TODAY)),
            metrics.Thresholds(),
        ),
        *(d.chart for d in charts.compliance_charts(board)),
        *(d.chart for d in charts.progress_charts(board)),
        *(d.chart for d in report.build(ui.store(), shared, today=TODAY).charts),
    ]
    assert len(drawn) >= 9
    for chart in drawn:
        assert cached.spec(chart) == _convert_altair_to_vega_lite_spec(chart)
