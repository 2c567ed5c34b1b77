"""The client report behind a share link, as data and as one self-contained HTML file."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import escape

import altair as alt
import pandas as pd
import pytest

from coachkit import auth, demo, present, report, sharing
from coachkit.clients import ClientError, add_client, client_by_name
from tests.conftest import TODAY

CHART_KEYS = ["balance", "recovery", "frequency", "stretching", "adherence", "e1rm"]
XMLNS = re.compile(r'\sxmlns(:\w+)?="[^"]*"')


@pytest.fixture
def coach(demo_store):
    return auth.coach_by_email(demo_store, demo.DEMO_EMAIL)


def shared_for(store, coach, name):
    """The report a fresh link for the named client opens, as the report page gets it."""
    client = client_by_name(store, coach.id, name)
    return sharing.resolve(store, sharing.create_link(store, coach.id, client.id).token)


@pytest.fixture
def maya(demo_store, coach):
    return report.build(demo_store, shared_for(demo_store, coach, "Maya Lopez"), today=TODAY)


@pytest.fixture
def maya_html(maya):
    return report.to_html(maya)


def test_the_report_holds_the_clients_numbers_program_and_six_titled_charts(maya):
    assert maya.client_name == maya.report.client == "Maya Lopez"
    assert maya.report.program == "Gym legs"
    assert maya.today == TODAY
    assert maya.report.window_end == date(2026, 11, 22)
    assert [item.key for item in maya.charts] == CHART_KEYS
    assert all(item.title for item in maya.charts)
    assert all(isinstance(item.chart, alt.TopLevelMixin) for item in maya.charts)


def test_the_html_draws_every_chart_as_one_inline_svg(maya, maya_html):
    assert maya_html.count("<svg") == len(maya.charts) == 6
    for item in maya.charts:
        assert f'<section id="{item.key}"><h2>{escape(item.title)}</h2><figure><svg' in maya_html


def test_the_html_fetches_nothing_and_runs_nothing(maya_html):
    without_namespaces = XMLNS.sub("", maya_html)
    assert "http://" not in without_namespaces
    assert "https://" not in without_namespaces
    assert not re.search(r"<script|<link|<iframe|<img|\ssrc=|@import|url\((?!#)", maya_html, re.I)
    assert "Content-Security-Policy" in maya_html


def test_the_html_shows_the_key_numbers(maya, maya_html):
    r = maya.report
    expected = [
        f"<td>{r.lower_share:.0%} ({r.balance_band}, target 35%–60%)</td>",
        f"<td>{r.recovery_compliance:.0%} ({r.recovery_gaps_ok} of {r.recovery_gaps} gaps of 3+ "
        "days)</td>",
        f"<td>{r.leg_frequency_compliance:.0%} ({r.weeks_leg_frequency_ok} of {r.weeks} weeks "
        "with 1–2 leg sessions",
        f"<td>{r.stretching_compliance:.0%} (of {r.leg_sessions} leg sessions)</td>",
        f"<td>{r.adherence:.0%} (adherent from 75%)</td>",
        "<td>Gym legs</td>",
    ]
    for text in expected:
        assert text in maya_html


def test_the_html_shows_flags_when_the_client_needs_attention(demo_store, coach):
    chris = report.build(demo_store, shared_for(demo_store, coach, "Chris Morgan"), today=TODAY)
    assert chris.report.flags
    assert escape(present.reasons(chris.report.flags)) in report.to_html(chris)


def test_the_html_shows_only_that_client(maya_html):
    assert "Maya Lopez" in maya_html
    others = [persona.name for persona in demo.CLIENTS if persona.name != "Maya Lopez"]
    assert len(others) == 11
    assert [name for name in others if name in maya_html] == []


def test_a_client_name_with_markup_is_shown_as_text(demo_store, coach):
    name = "<script>alert(1)</script>"
    client = add_client(demo_store, coach.id, name)
    created = sharing.create_link(demo_store, coach.id, client.id)
    shared = sharing.resolve(demo_store, created.token)
    html = report.to_html(report.build(demo_store, shared, today=TODAY))
    assert escape(name) in html
    assert "<script" not in html.lower()
    assert html.count("<svg") == 6


def test_a_report_is_built_only_for_the_coach_who_owns_the_client(demo_store, coach):
    rival = auth.add_coach(demo_store, "rival@report.example")
    maya = client_by_name(demo_store, coach.id, "Maya Lopez")
    forged = sharing.Shared(maya.id, rival.id, maya.name, datetime(2026, 12, 25))
    with pytest.raises(ClientError, match="no such client"):
        report.build(demo_store, forged, today=TODAY)


def test_a_chart_downloads_as_a_png(maya):
    png = report.chart_png(maya.charts[0].chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width > report.FILE_WIDTH  # drawn at twice the size, axes and legend included


def test_the_file_gets_a_fixed_width_and_the_chart_keeps_its_container_width(maya):
    chart = maya.charts[0].chart
    assert report.file_spec(chart)["width"] == report.FILE_WIDTH
    assert chart.to_dict()["width"] == "container"


def test_charts_are_drawn_with_the_vega_lite_version_altair_writes():
    assert alt.SCHEMA_VERSION.startswith(f"v{report.vegalite_version()}.")


def test_two_charts_in_one_file_never_share_an_svg_id():
    frame = pd.DataFrame({"x": [1, 2, 3], "y": [1, 5, 2]})
    clipped = alt.Chart(frame).mark_line(clip=True).encode(x="x:Q", y="y:Q")
    svg = report.chart_svg(clipped)
    assert 'id="clip1"' in svg and "url(#clip1)" in svg
    scoped = report._scoped_ids(svg, "balance-")
    assert 'id="balance-clip1"' in scoped and "url(#balance-clip1)" in scoped
    assert "clip1" not in scoped.replace("balance-clip1", "")


def test_the_download_name_is_the_client_and_date_in_safe_characters(demo_store, coach):
    client = add_client(demo_store, coach.id, "Zoë / O'Brien <b>")
    shared = sharing.resolve(demo_store, sharing.create_link(demo_store, coach.id, client.id).token)
    built = report.build(demo_store, shared, today=TODAY)
    assert report.file_name(built) == "leg-report-zo-o-brien-b-2026-11-25.html"
