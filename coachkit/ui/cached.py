"""The numbers the pages show, cached across runs and sessions of this server.

Each is keyed on the database, the coach, the coach's data version (coachkit/versions.py: every
write that changes what the coach's pages show changes it, on any server) and the dates, so an
entry is never another coach's and never outlived a write: after an import, an undo, a mapping,
a threshold, a program, an assignment or an archived client, the next run reads the new version
and counts again. Reading the version is one small query; counting is most of a page's SQL.

The Client page's charts are kept as finished Vega-Lite specs, their data already in Arrow:
building the Altair charts and turning them into specs (with Altair's schema validation) is
most of a page's server time, and it is done once per data change instead of once per view.

st.cache_data hands each run its own copy, so a page that adds a column to a frame, or
Streamlit moving a spec's data onto its message, changes nothing for the next. Errors are not
cached: a refused window is refused again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

# What st.altair_chart converts a chart with: its lock over Altair's global theme and data
# transformer, and the transformer that puts a chart's data into Arrow. Private, so the version
# is pinned (pyproject.toml) and tests/test_cache.py checks that spec() sends what
# st.altair_chart would.
from streamlit.elements.vega_charts import _altair_globals_lock, _to_arrow_dataset

from coachkit import charts, coach_charts, metrics, present, report, versions
from coachkit.sharing import Shared
from coachkit.store import database_url
from coachkit.ui import store

ENTRIES = 1000  # per kind: the oldest entry goes when a kind holds more


def _version(coach_id: uuid.UUID) -> int:
    return versions.current(store(), coach_id)


Spec = dict  # a Vega-Lite spec as st.vega_lite_chart takes it


def spec(chart: alt.TopLevelMixin) -> Spec:
    """The spec st.altair_chart would send for the chart (Altair's default theme off, the data
    as Arrow), converted without Altair's schema validation, which took about half of the
    conversion: every chart builder's output is validated by the tests (test_charts.py,
    test_report.py), not on every view."""
    datasets: dict = {}
    alt.data_transformers.register("to_arrow_dataset", _to_arrow_dataset)
    with (
        _altair_globals_lock,
        alt.theme.enable("none"),
        alt.data_transformers.enable("to_arrow_dataset", datasets=datasets),
    ):
        converted = chart.to_dict(validate=False)
    converted["datasets"] = {**converted.get("datasets", {}), **datasets}
    return converted


@dataclass(frozen=True)
class ClientPage:
    """The Client page's numbers, and its charts as specs ready to draw, each with its key."""

    board: metrics.Dashboard
    calendar: Spec
    compliance: tuple[tuple[str, Spec], ...]
    progress: tuple[tuple[str, Spec], ...]


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _client_page(
    url: str, coach_id: uuid.UUID, client_id: uuid.UUID, version: int,
    since: date | None, until: date | None, today: date,
) -> ClientPage:  # fmt: skip
    board = metrics.dashboard(store(), coach_id, client_id, since, until, today=today)
    return ClientPage(
        board=board,
        calendar=spec(coach_charts.planned_calendar(present.calendar_frame(board.calendar, today))),
        compliance=tuple((d.key, spec(d.chart)) for d in charts.compliance_charts(board)),
        progress=tuple((d.key, spec(d.chart)) for d in charts.progress_charts(board)),
    )


def client_page(
    coach_id: uuid.UUID, client_id: uuid.UUID, since: date | None, until: date | None, today: date
) -> ClientPage:
    """The Client page's numbers and charts, cached on the coach's data version."""
    version = _version(coach_id)
    return _client_page(database_url(), coach_id, client_id, version, since, until, today)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _roster(url: str, coach_id: uuid.UUID, version: int, today: date) -> list[metrics.RosterEntry]:
    return metrics.roster(store(), coach_id, today=today)


def roster(coach_id: uuid.UUID, today: date) -> list[metrics.RosterEntry]:
    """metrics.roster (active clients), cached on the coach's data version."""
    return _roster(database_url(), coach_id, _version(coach_id), today)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def roster_chart(shown: pd.DataFrame) -> Spec:
    """The roster chart of the rows shown (present.roster_frame, searched and filtered), keyed
    on those rows themselves: the same rows draw the same chart, whoever's they are."""
    return spec(coach_charts.roster(shown, metrics.Thresholds()))


@dataclass(frozen=True)
class ShownReport:
    """The report behind a link, and its charts as specs ready to draw, by section key."""

    built: report.ClientReport
    specs: dict[str, Spec]


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _client_report(
    url: str, coach_id: uuid.UUID, client_id: uuid.UUID, version: int, today: date,
    _shared: Shared,
) -> ShownReport:  # fmt: skip
    built = report.build(store(), _shared, today=today)
    return ShownReport(built, {d.key: spec(d.chart) for d in built.charts})


def client_report(shared: Shared, today: date) -> ShownReport:
    """report.build for a valid link, cached on its coach's data version; the key is the
    client, not the link (`_shared` is not hashed): every link of theirs shows one report."""
    version = _version(shared.coach_id)
    return _client_report(database_url(), shared.coach_id, shared.client_id, version, today, shared)
