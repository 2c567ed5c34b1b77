"""The client report behind a share link, as data and as one self-contained HTML file."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from html import escape

import altair as alt
import pandas as pd
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from coachkit import auth, client_view, demo, ingest, present_client, programs, report, sharing
from coachkit.clients import ClientError, add_client, client_by_name
from tests.conftest import TODAY
from tests.test_ingest_rejects import strong

XMLNS = re.compile(r'\sxmlns(:\w+)?="[^"]*"')
# The client's words must never carry the coach's (issue 18).
COACH_WORDS = re.compile(r"needs attention|adherent|exempt|\bW\d+\b|\bNone\b|top-heavy|flag", re.I)


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


def text_of(html_page: str) -> str:
    return html.unescape(
        re.sub(r"<svg.*?</svg>|<style>.*?</style>|<[^>]+>", " ", html_page, flags=re.S)
    )


# Kim, on Gym legs (Mon and Thu) from Mon 2 Nov 2026; TODAY is Wed 25 Nov 2026.
# Leg days (2 working squats and a leg extension: 3 lower sets each): Mon 2, Thu 5, Mon 9,
# Tue 10, Mon 16, Thu 19 Nov; a quad stretch after the first three. Upper days (6 bench press
# sets): Wed 4, Wed 11, Wed 18 Nov.
LEG_DAYS = ["2026-11-02", "2026-11-05", "2026-11-09", "2026-11-10", "2026-11-16", "2026-11-19"]
STRETCHED = LEG_DAYS[:3]
UPPER_DAYS = ["2026-11-04", "2026-11-11", "2026-11-18"]


def kim_rows() -> list[str]:
    rows = []
    for day in LEG_DAYS:
        rows += [f"{day} 18:00:00,Legs,Squat (Barbell),{n},80,8,,," for n in (1, 2)]
        rows.append(f"{day} 18:00:00,Legs,Leg Extension (Machine),1,35,12,,,")
        if day in STRETCHED:
            rows.append(f"{day} 18:00:00,Legs,Quad Stretch,1,,,,60,")
    for day in UPPER_DAYS:
        rows += [f"{day} 18:00:00,Push,Bench Press (Barbell),{n},60,8,,," for n in range(1, 7)]
    return rows


@pytest.fixture
def kim(store, tmp_path):
    coach = auth.add_coach(store, "coach@report.example", "Coach", "long enough password")
    client = add_client(store, coach.id, "Kim")
    programs.install_builtins(store)
    programs.assign(store, coach.id, client.id, programs.GYM_LEGS, date(2026, 11, 2))
    path = tmp_path / "kim.csv"
    path.write_text(strong(*kim_rows()), encoding="utf-8")
    ingest.commit(store, coach.id, client.id, path, "kim.csv")
    shared = sharing.resolve(store, sharing.create_link(store, coach.id, client.id).token)
    return report.build(store, shared, today=TODAY)


def test_the_last_four_weeks_are_counted_from_the_log(kim):
    # The four weeks: Thu 29 Oct to Wed 25 Nov, so all 6 leg days. Breaks with both ends
    # inside: Nov 2→5 (3 days), 5→9 (4), 9→10 (1), 10→16 (6), 16→19 (3): 5, of them 4 of 3+
    # days. Complete weeks (from the first logged week): 2, 9 and 16 Nov, 2 leg days each.
    assert kim.month == client_view.Month(
        start=date(2026, 10, 29), leg_days=6, rests=5, rests_ok=4, stretched=3, weeks=3,
        weeks_in_band=3, days_done=None,
    )  # fmt: skip


def test_the_client_reads_what_went_well_and_what_to_work_on(kim):
    # Legs 6 days × 3 sets = 18, upper 3 × 6 = 18 sets in the last 28 days: 50%, balanced.
    # The 1-day break (Nov 9→10) is red: too little rest, 4 of 5 breaks long enough. Adherence:
    # attendance 2 of 2 a week, but 2 of the 5 Gym legs exercises: (1 + 0.4) / 2 = 0.7, behind.
    assert present_client.went_well(kim.report, kim.month, kim.plan) == [
        "You trained legs on 6 days in the last 4 weeks.",
        "Every week had 1–2 leg days, just what the guidance asks.",
        "You stretched after 3 of your 6 leg days.",
        "Legs were 50% of your training: a good balance with your upper body.",
    ]
    assert present_client.work_on(kim.report) == [
        "Rest 3 days after each leg day: 4 of your last 5 breaks between leg days were that long.",
        "Follow your plan below: do each planned leg day, with the exercises it lists.",
    ]


def test_the_client_sees_this_weeks_plan_and_the_three_months(kim):
    # This week: Mon 23 Nov (no leg day: missed), Thu 26 Nov (to do). 23 days since Mon 2 Nov:
    # week 4.
    assert present_client.road(kim.plan, TODAY) == (
        "Week 4 of 13 of Gym legs: results usually show after 3 months."
    )
    assert present_client.week_days(kim.plan, TODAY) == ["Mon 23 Nov: missed", "Thu 26 Nov: to do"]
    assert present_client.next_day(kim.plan, TODAY) == "Your next leg day: Thu 26 Nov."
    doses = present_client.doses(kim.plan)
    assert doses[0] == "Leg Extension: 3 sets of 10–15 reps (Controlled, pause at the top)"
    assert doses[3] == "Barbell Back Squat: 3–4 sets of 6–10 reps (Two warm-up sets first)"
    assert doses[-1].startswith("Stretch afterwards")


def test_the_report_reads_in_the_pages_order_in_the_clients_words(kim, maya):
    assert [s.key for s in report.sections(kim)] == [
        "leg_days", "month", "week", "legs_by_month", "strength",
    ]  # fmt: skip
    for built in (kim, maya):
        page = text_of(report.to_html(built))
        assert not COACH_WORDS.search(page), COACH_WORDS.search(page)
        assert not re.search(r"\b\d\.\d+\b", page)  # no ratio as a decimal


def test_the_daily_plan_shows_squats_per_day_first(demo_store, coach):
    tom = report.build(demo_store, shared_for(demo_store, coach, "Tom Becker"), today=TODAY)
    assert [item.key for item in tom.charts] == ["squats", "legs_by_month", "best_sets"]
    assert present_client.doses(tom.plan) == [
        "Every day: 100 squats in 5–6 sets, about 10 minutes."
    ]


def test_the_html_draws_every_chart_as_one_inline_svg(maya, maya_html):
    assert [item.key for item in maya.charts] == ["leg_days", "legs_by_month", "strength"]
    assert maya_html.count("<svg") == len(maya.charts) == 3
    for item in maya.charts:
        assert f'<section id="{item.key}"><h2>{escape(item.title)}</h2><figure><svg' in maya_html


def test_the_pdf_holds_the_words_and_every_chart_as_an_image(kim):
    pdf = pdfium.PdfDocument(report.to_pdf(kim))
    pages = [pdf[n] for n in range(len(pdf))]
    words = " ".join(page.get_textpage().get_text_range() for page in pages)
    words = " ".join(words.split())
    for line in [
        "Kim: leg training",
        "Week 4 of 13 of Gym legs",
        "Your last 4 weeks",
        "You trained legs on 6 days in the last 4 weeks.",
        "Mon 23 Nov: missed",
        *(section.title for section in report.sections(kim)),
    ]:
        assert line in words, line
    images = sum(
        1 for page in pages for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
    )
    assert images == len(kim.charts) == 3
    assert all(round(page.get_size()[0]) == 595 for page in pages)  # A4: 210 mm = 595 pt


def test_the_html_fetches_nothing_and_runs_nothing(maya_html):
    without_namespaces = XMLNS.sub("", maya_html)
    assert "http://" not in without_namespaces
    assert "https://" not in without_namespaces
    assert not re.search(r"<script|<link|<iframe|<img|\ssrc=|@import|url\((?!#)", maya_html, re.I)
    assert "Content-Security-Policy" in maya_html


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
    assert html.count("<svg") == 2  # legs each week, legs by month: nothing logged yet


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


def test_a_chart_with_nothing_to_draw_yet_gets_no_line_on_how_to_read_it(demo_store, coach):
    client = add_client(demo_store, coach.id, "Nobody Yet")
    shared = sharing.resolve(demo_store, sharing.create_link(demo_store, coach.id, client.id).token)
    built = report.build(demo_store, shared, today=TODAY)
    charted = [s for s in report.sections(built) if s.chart is not None]
    assert [s.key for s in charted] == ["leg_days", "legs_by_month"]
    assert [s.blocks for s in charted] == [(), ()]
    assert "Shaded" not in report.to_html(built)
    assert report.sections(built)[1].blocks[0].lines == (present_client.NOTHING_YET,)
