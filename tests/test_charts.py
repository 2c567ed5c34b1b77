"""The chart builders, read through `chart.to_dict()`, the spec Vega-Lite receives.

The frames are written by hand in the shape coachkit.metrics returns, with thresholds that differ
from every METRICS.md default, so a band or rule drawn at a default instead of the value passed
in fails. Weeks are W45 = 2026-11-02, W46 = 2026-11-09, W47 = 2026-11-16.
"""

from __future__ import annotations

import json
import re
from datetime import date
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from coachkit import auth, charts, coach_charts, demo, metrics, present
from tests.conftest import TODAY

THRESHOLDS = SimpleNamespace(
    lower_share_min=0.3,
    lower_share_max=0.65,
    min_rest_days=4,
    leg_freq_min=2,
    leg_freq_max=3,
    adherence_min=0.8,
)
OKABE_ITO = {
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
}
VERMILLION, ORANGE, BLUISH_GREEN, BLUE, GREY = "#D55E00", "#E69F00", "#009E73", "#0072B2", "#999999"


def weeks_frame() -> pd.DataFrame:
    """W46 has no working set at all, so its share and adherence are missing."""
    return pd.DataFrame(
        {
            "week_start": [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)],
            "week": ["2026-W45", "2026-W46", "2026-W47"],
            "working_sets_lower": [8.0, 0.0, 12.5],
            "working_sets_upper": [10.0, 0.0, 6.5],
            "lower_share": [8 / 18, np.nan, 12.5 / 19],
            "balance_band": ["balanced", None, "lower-dominant"],
            "volume_load_lower_kg": [4200.0, 0.0, 6100.0],
            "volume_load_upper_kg": [3100.0, 0.0, 2000.0],
            "leg_sessions": [2, 0, 4],
            "frequency": ["in band", "under", "over"],
            "stretched_sessions": [1, 0, 3],
            "attendance": [2 / 3, 0.0, 1.0],
            "coverage": [0.75, np.nan, 1.0],
            "adherence": [(2 / 3 + 0.75) / 2, np.nan, 1.0],
        }
    )


def sessions_frame() -> pd.DataFrame:
    """Gaps of 4, 3 and 1 days: green, amber and red with min_rest_days = 4."""
    return pd.DataFrame(
        {
            "session_date": [date(2026, 11, 2), date(2026, 11, 6), date(2026, 11, 9)]
            + [date(2026, 11, 10)],
            "working_sets_lower": [4.0, 4.0, 6.0, 6.5],
            "stretch_sets": [2, 0, 1, 3],
            "stretched": [True, False, True, True],
            "previous_session": [None, date(2026, 11, 2), date(2026, 11, 6), date(2026, 11, 9)],
            "gap_days": [None, 4, 3, 1],
            "light": [None, "green", "amber", "red"],
        }
    )


def e1rm_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "exercise_slug": ["back_squat"] * 3 + ["romanian_deadlift"] * 2,
            "exercise": ["Back squat"] * 3 + ["Romanian deadlift"] * 2,
            "week_start": [date(2026, 11, d) for d in (2, 9, 16, 2, 16)],
            "e1rm_kg": [100.0, 102.5, 105.0, 80.0, 82.0],
            "trend_pct_per_week": [2.5, 2.5, 2.5, np.nan, np.nan],
        }
    )


def roster_frame() -> pd.DataFrame:
    """Ada is on track, Ben is flagged twice, Cleo is new and has no share or recovery yet: the
    columns of present.roster_frame."""
    return pd.DataFrame(
        {
            "client_id": [
                "7d0e6f9a-0000-4000-8000-000000000001",
                "7d0e6f9a-0000-4000-8000-000000000002",
                "7d0e6f9a-0000-4000-8000-000000000003",
            ],
            "name": ["Ada", "Ben", "Cleo"],
            "program": ["Two leg days", None, "Daily squats"],
            "last_session": [date(2026, 11, 24), date(2026, 10, 1), None],
            "lower_share": [0.45, 0.2, np.nan],
            "balance_band": ["balanced", "top-heavy", None],
            "recovery_compliance": [1.0, 0.5, np.nan],
            "leg_frequency_compliance": [0.9, 0.2, np.nan],
            "stretching_compliance": [0.8, 0.0, np.nan],
            "adherence": [0.85, np.nan, np.nan],
            "reasons": ["", "top-heavy; a red recovery gap", "no logged set in 14 days"],
            "flagged": [False, True, True],
        }
    )


# Every builder with the frame it draws and whether it takes thresholds.
CASES = {
    "balance": (charts.balance, weeks_frame, True),
    "volume_load": (charts.volume_load, weeks_frame, False),
    "recovery": (charts.recovery, sessions_frame, True),
    "frequency": (charts.frequency, weeks_frame, True),
    "stretching": (charts.stretching, sessions_frame, False),
    "adherence": (charts.adherence, weeks_frame, True),
    "e1rm_trend": (charts.e1rm_trend, e1rm_frame, False),
    "roster": (coach_charts.roster, roster_frame, True),
}
every_chart = pytest.mark.parametrize("name", list(CASES))


def draw(name: str, frame: pd.DataFrame | None = None) -> dict:
    builder, make_frame, with_thresholds = CASES[name]
    frame = make_frame() if frame is None else frame
    chart = builder(frame, THRESHOLDS) if with_thresholds else builder(frame)
    return chart.to_dict()


def units(spec: dict, data: dict | None = None) -> list[dict]:
    """Every single-mark view of a spec, through layers and concatenations, with its data.

    Altair lifts data that all layers share to the parent, so a view may inherit it.
    """
    data = spec.get("data", data)
    found = [{**spec, "data": data}] if "mark" in spec else []
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            found += units(child, data)
    return found


def mark(unit: dict) -> str:
    return unit["mark"] if isinstance(unit["mark"], str) else unit["mark"]["type"]


def only(spec: dict, kind: str) -> dict:
    (unit,) = [u for u in units(spec) if mark(u) == kind]
    return unit


def rows(spec: dict, unit: dict) -> list[dict]:
    return spec["datasets"][unit["data"]["name"]]


def tooltip_fields(unit: dict) -> list[str]:
    tips = unit["encoding"].get("tooltip", [])
    return [tip["field"] for tip in (tips if isinstance(tips, list) else [tips])]


def is_threshold(unit: dict) -> bool:
    return "threshold" in tooltip_fields(unit)


def threshold(spec: dict, kind: str) -> tuple[dict, dict]:
    """The rule or band of a chart, and its one data row."""
    (unit,) = [u for u in units(spec) if is_threshold(u) and mark(u) == kind]
    (row,) = rows(spec, unit)
    return unit, row


def scale_map(encoding: dict) -> dict:
    return dict(zip(encoding["scale"]["domain"], encoding["scale"]["range"], strict=True))


def hex_colours(value: object) -> set[str]:
    if isinstance(value, str):
        return {value.upper()} if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else set()
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set().union(*(hex_colours(v) for v in value))
    return set()


def title_text(spec: dict) -> tuple[str, str]:
    title = spec["title"]
    return (title, "") if isinstance(title, str) else (title["text"], title.get("subtitle", ""))


@every_chart
def test_every_chart_has_a_title_and_fills_its_container(name):
    spec = draw(name)
    assert title_text(spec)[0]
    assert spec["width"] == "container"
    json.dumps(spec)  # what Streamlit sends to the browser must be plain JSON


@every_chart
def test_every_mark_has_a_tooltip(name):
    for unit in units(draw(name)):
        assert tooltip_fields(unit), f"{mark(unit)} has no tooltip"


@every_chart
def test_every_colour_comes_from_the_okabe_ito_palette(name):
    spec = draw(name)
    assert hex_colours(spec) <= OKABE_ITO
    for unit in units(spec):
        # Without an explicit colour Vega-Lite would fall back to its own blue.
        explicit = isinstance(unit["mark"], dict) and "color" in unit["mark"]
        assert explicit or "color" in unit["encoding"], f"{mark(unit)} has no colour of its own"


@every_chart
def test_every_axis_title_names_its_unit(name):
    positions = [
        unit["encoding"][channel]
        for unit in units(draw(name))
        for channel in ("x", "y")
        if "field" in unit["encoding"].get(channel, {})
    ]
    assert positions
    for position in positions:
        assert re.search(r"\(.+\)", position["title"]), position["title"]


@every_chart
def test_every_input_row_reaches_the_chart(name):
    spec = draw(name)
    drawn = [unit for unit in units(spec) if not is_threshold(unit)]
    assert drawn
    for unit in drawn:
        assert len(rows(spec, unit)) == len(CASES[name][1]())


@every_chart
def test_dates_reach_vega_lite_as_iso_datetimes(name):
    spec = draw(name)
    for unit in units(spec):
        encodings = [unit["encoding"].get("x", {}), *unit["encoding"].get("tooltip", [])]
        temporal = [e["field"] for e in encodings if e.get("type") == "temporal"]
        for row in rows(spec, unit):
            for field in temporal:
                # Altair writes a missing date (NaT) as "", which Vega reads as null.
                assert re.fullmatch(r"(\d{4}-\d\d-\d\dT00:00:00)?", row[field]), row[field]


@every_chart
def test_an_empty_frame_draws_a_no_data_message(name):
    spec = draw(name, CASES[name][1]().iloc[0:0])
    (unit,) = units(spec)
    assert mark(unit) == "text"
    assert tooltip_fields(unit) == ["message"]
    assert rows(spec, unit)[0]["message"]
    assert title_text(spec)[0]
    assert spec["width"] == "container"


@every_chart
def test_drawing_leaves_the_input_frame_unchanged(name):
    frame = CASES[name][1]()
    draw(name, frame)
    pd.testing.assert_frame_equal(frame, CASES[name][1]())


def test_balance_draws_lower_and_upper_working_sets_side_by_side():
    bars = only(draw("balance"), "bar")
    assert bars["transform"] == [{"fold": ["Lower body", "Upper body"], "as": ["region", "amount"]}]
    assert bars["encoding"]["xOffset"]["field"] == "region"
    assert scale_map(bars["encoding"]["color"]) == {"Lower body": BLUE, "Upper body": ORANGE}
    assert bars["encoding"]["y"]["title"] == "Working sets (sets per week)"
    assert bars["encoding"]["x"]["title"] == "Week (ISO, Monday to Sunday)"


def test_lower_share_has_its_own_right_hand_axis_from_0_to_100_percent():
    spec = draw("balance")
    share = only(spec, "line")["encoding"]["y"]
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    assert share["field"] == "lower_share"
    assert share["title"] == "Lower share (%)"
    assert share["axis"] == {"format": ".0%", "orient": "right"}
    assert share["scale"]["domain"] == [0, 1]


def test_balance_band_spans_the_lower_share_thresholds_passed_in():
    spec = draw("balance")
    band, row = threshold(spec, "rect")
    assert (row["low"], row["high"]) == (0.3, 0.65)
    assert band["encoding"]["y"]["field"] == "low"
    assert band["encoding"]["y2"]["field"] == "high"
    # On the share axis, not on the working-sets axis.
    assert band["encoding"]["y"]["axis"] == only(spec, "line")["encoding"]["y"]["axis"]


def test_volume_load_says_it_is_volume_load_and_not_comparable_across_exercises():
    spec = draw("volume_load")
    title, subtitle = title_text(spec)
    assert "Volume load" in title
    assert "not comparable across exercises" in subtitle
    bars = only(spec, "bar")
    assert bars["encoding"]["y"]["title"] == "Volume load (kg per week)"
    assert [row["Lower body"] for row in rows(spec, bars)] == [4200.0, 0.0, 6100.0]


def test_red_gaps_are_vermillion_and_marked_by_shape():
    heads = only(draw("recovery"), "point")["encoding"]
    colours, shapes = scale_map(heads["color"]), scale_map(heads["shape"])
    assert colours["red"] == VERMILLION
    assert (colours["amber"], colours["green"]) == (ORANGE, BLUISH_GREEN)
    assert (shapes["red"], shapes["amber"], shapes["green"]) == ("cross", "triangle-up", "circle")
    assert heads["color"]["field"] == heads["shape"]["field"] == "light"


def test_recovery_draws_each_gap_at_its_session_but_not_the_first_session():
    spec = draw("recovery")
    heads = only(spec, "point")
    assert heads["transform"] == [{"filter": "isValid(datum.gap_days)"}]
    assert [row["gap_days"] for row in rows(spec, heads)] == [None, 4, 3, 1]
    assert heads["encoding"]["x"]["field"] == "session_date"
    assert heads["encoding"]["y"]["title"] == "Gap (days)"


def test_minimum_rest_rule_sits_at_min_rest_days():
    rule, row = threshold(draw("recovery"), "rule")
    assert row["low"] == 4
    assert rule["encoding"]["y"]["title"] == "Gap (days)"


def test_gaps_of_a_daily_program_are_grey_and_called_exempt():
    sessions = sessions_frame().assign(light=None)
    spec = draw("recovery", sessions)
    heads = only(spec, "point")
    assert {row["light"] for row in rows(spec, heads)} == {charts.EXEMPT}
    assert scale_map(heads["encoding"]["color"])[charts.EXEMPT] == GREY


def test_fewer_than_two_leg_sessions_give_no_gap_to_draw():
    (unit,) = units(draw("recovery", sessions_frame().iloc[:1]))
    assert mark(unit) == "text"


def test_frequency_band_spans_leg_freq_min_to_leg_freq_max():
    band, row = threshold(draw("frequency"), "rect")
    assert (row["low"], row["high"]) == (2, 3)
    assert band["encoding"]["y"]["title"] == "Leg sessions (per week)"


def test_weekly_frequency_is_coloured_by_status_and_the_count_is_printed():
    spec = draw("frequency")
    bars = only(spec, "bar")["encoding"]
    colours = scale_map(bars["color"])
    assert (colours["under"], colours["in band"], colours["over"]) == (ORANGE, BLUISH_GREEN, BLUE)
    assert bars["y"]["field"] == "leg_sessions"
    assert only(spec, "text")["encoding"]["text"]["field"] == "leg_sessions"


def test_stretched_and_unstretched_sessions_differ_in_colour_and_shape():
    spec = draw("stretching")
    points = only(spec, "point")
    colours, shapes = (scale_map(points["encoding"][c]) for c in ("color", "shape"))
    assert colours["stretched"] != colours["not stretched"]
    assert shapes["stretched"] != shapes["not stretched"]
    assert [row["status"] for row in rows(spec, points)] == [
        "stretched",
        "not stretched",
        "stretched",
        "stretched",
    ]
    assert points["encoding"]["y"]["title"] == "Stretch sets (sets per leg session)"


def test_adherence_rule_sits_at_adherence_min():
    rule, row = threshold(draw("adherence"), "rule")
    assert row["low"] == 0.8
    assert rule["encoding"]["y"]["scale"]["domain"] == [0, 1]


def test_adherence_attendance_and_coverage_are_each_a_line():
    line = only(draw("adherence"), "line")
    assert line["transform"][0]["fold"] == ["Adherence", "Attendance", "Exercise coverage"]
    assert line["encoding"]["color"]["field"] == "measure"


def test_weeks_without_a_program_explain_why_adherence_is_empty():
    weeks = weeks_frame().assign(attendance=np.nan, coverage=np.nan, adherence=np.nan)
    spec = draw("adherence", weeks)
    (unit,) = units(spec)
    assert "program" in rows(spec, unit)[0]["message"]


def test_each_main_lift_is_one_line_named_with_its_trend():
    spec = draw("e1rm_trend")
    line = only(spec, "line")
    assert line["encoding"]["color"]["field"] == "lift"
    assert {row["lift"] for row in rows(spec, line)} == {
        "Back squat (+2.5 % per week)",
        "Romanian deadlift (no trend yet)",
    }
    assert line["encoding"]["y"]["title"] == "e1RM (kg)"


def test_e1rm_ticks_fall_on_the_mondays_in_the_data():
    axis = only(draw("e1rm_trend"), "line")["encoding"]["x"]["axis"]
    assert [(v["year"], v["month"], v["date"]) for v in axis["values"]] == [
        (2026, 11, 2),
        (2026, 11, 9),
        (2026, 11, 16),
    ]


def test_flagged_clients_are_vermillion_crosses_with_their_reasons_in_the_tooltip():
    spec = draw("roster")
    points = only(spec, "point")
    assert scale_map(points["encoding"]["color"])["needs attention"] == VERMILLION
    assert scale_map(points["encoding"]["shape"])["needs attention"] == "cross"
    assert scale_map(points["encoding"]["shape"])["on track"] != "cross"
    assert "flag_reasons" in tooltip_fields(points)
    reasons = {row["name"]: row["flag_reasons"] for row in rows(spec, points)}
    assert reasons == {
        "Ada": "none",
        "Ben": "top-heavy; a red recovery gap",
        "Cleo": "no logged set in 14 days",
    }


def test_roster_plots_lower_share_against_recovery_compliance():
    points = only(draw("roster"), "point")["encoding"]
    assert (points["x"]["field"], points["x"]["title"]) == ("lower_share", "Lower share (%)")
    assert points["y"]["field"] == "recovery_compliance"
    assert points["y"]["title"] == "Recovery compliance (%)"


def test_roster_band_shades_the_balanced_lower_share_on_the_x_axis():
    band, row = threshold(draw("roster"), "rect")
    assert (row["low"], row["high"]) == (0.3, 0.65)
    assert (band["encoding"]["x"]["field"], band["encoding"]["x2"]["field"]) == ("low", "high")


def test_roster_says_how_many_clients_cannot_be_placed():
    assert "1 client without both numbers yet is not drawn" in title_text(draw("roster"))[1]


def test_client_ids_stay_on_the_server():
    assert "7d0e6f9a" not in json.dumps(draw("roster"))


def test_every_chart_draws_from_a_demo_clients_dashboard_and_the_demo_roster(demo_store):
    # The frames come from coachkit.metrics itself, not from hand-written fixtures: the column
    # names and types the builders expect are the ones the SQL returns.
    coach = auth.coach_by_email(demo_store, demo.DEMO_EMAIL)
    roster = present.roster_frame(metrics.roster(demo_store, coach.id, today=TODAY))
    assert coach_charts.roster(roster, metrics.Thresholds()).to_dict()
    for client_id in roster["client_id"]:
        board = metrics.dashboard(demo_store, coach.id, client_id, today=TODAY)
        built = [
            charts.balance(board.weeks, board.thresholds),
            charts.volume_load(board.weeks),
            charts.recovery(board.sessions, board.thresholds),
            charts.frequency(board.weeks, board.thresholds),
            charts.stretching(board.sessions),
            charts.adherence(board.weeks, board.thresholds),
            charts.e1rm_trend(board.e1rm),
        ]
        specs = [json.dumps(chart.to_dict()) for chart in built]
        assert all('"width": "container"' in spec for spec in specs)


def test_count_axes_tick_on_whole_numbers_only():
    # Leg sessions, stretch sets and gap days are counts: no tick between 1 and 2.
    for chart, field in (
        (charts.frequency(weeks_frame(), THRESHOLDS), "leg_sessions"),
        (charts.recovery(sessions_frame(), THRESHOLDS), "gap_days"),
        (charts.stretching(sessions_frame()), "stretch_sets"),
    ):
        axes = [
            encoding["y"]["axis"]
            for encoding in _encodings(chart.to_dict())
            if encoding.get("y", {}).get("field") == field
        ]
        assert axes and all(axis.get("tickMinStep") == 1 for axis in axes)
    share_axes = [
        encoding["y"]["axis"]
        for encoding in _encodings(charts.balance(weeks_frame(), THRESHOLDS).to_dict())
        if encoding.get("y", {}).get("field") == "lower_share"
    ]
    assert share_axes and all("tickMinStep" not in axis for axis in share_axes)


def _encodings(spec: dict) -> list[dict]:
    """Every mark's encoding in a (layered) Vega-Lite spec."""
    found = [spec["encoding"]] if "encoding" in spec else []
    for layer in spec.get("layer", []):
        found += _encodings(layer)
    return found


def test_names_of_flagged_points_close_together_are_stacked_not_piled():
    # Three flagged clients at recovery 100%: two with lower share 0.50 and 0.55 (closer than
    # a tenth), one at 0.9 (far). The second name goes one line (0.045) below the first; the
    # far one keeps its height. A client on track is not named, so it takes no line.
    frame = pd.DataFrame({
        "lower_share": [0.50, 0.55, 0.90, 0.52],
        "recovery_compliance": [1.0, 1.0, 1.0, 1.0],
        "status": ["needs attention"] * 3 + ["on track"],
    })  # fmt: skip
    placed = coach_charts._stacked_labels(frame, frame["status"] == "needs attention")
    assert placed["label_y"].round(3).tolist() == [1.0, 0.955, 1.0, 1.0]
