"""The coach's overview charts: the roster at a glance and a client's planned-vs-done calendar.

Built like every chart of coachkit.charts (its palette, statuses, titles and no-data message):
a frame from coachkit.present in, an Altair chart out, nothing computed but the drawing.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from coachkit.charts import (
    BLACK,
    BLUE,
    BLUISH_GREEN,
    GREY,
    ORANGE,
    RECOVERY,
    SHARE,
    SKY_BLUE,
    VERMILLION,
    Chart,
    Status,
    finish,
    no_data,
    shaped,
    threshold,
)
from coachkit.metrics import Thresholds
from coachkit.present import count
from coachkit.weekdays import NAMES as WEEKDAYS

PLANNED = Status(
    "status",
    "Planned vs done",
    {
        "done": (BLUISH_GREEN, "circle"),
        "moved": (SKY_BLUE, "diamond"),
        "partial": (ORANGE, "triangle-up"),
        "missed": (VERMILLION, "cross"),
        "upcoming": (GREY, "square"),
        "extra": (BLUE, "triangle-down"),
    },
)
ATTENTION = Status(
    "status",
    "Roster",
    {"needs attention": (VERMILLION, "cross"), "on track": (BLUE, "circle")},
)


def planned_calendar(days: pd.DataFrame) -> Chart:
    """present.calendar_frame as a calendar: weekday across, one row a week (newest at the
    bottom), one mark a date, colour and shape by status; a ring marks a leg session that
    came too soon after the one before."""
    title = "Planned vs done, the last 12 weeks and the next 2"
    if days.empty:
        return no_data(title, "No program with planned days is assigned.")
    frame = shaped(days, ["week", "weekday", "status", "what", "too_soon", "note", "day"],
                    ["day"])  # fmt: skip
    weeks = list(dict.fromkeys(days.sort_values("week_start")["week"]))
    encoding = {
        "x": alt.X("weekday:O", title="Day of the week", scale=alt.Scale(domain=list(WEEKDAYS)),
                   axis=alt.Axis(labelAngle=0, orient="top")),
        "y": alt.Y("week:O", title="Week starting (Monday)", sort=weeks),
        "tooltip": [
            alt.Tooltip("day:T", title="Date", format="%a %d %b %Y"),
            PLANNED.tooltip(),
            alt.Tooltip("what:N", title="What"),
            alt.Tooltip("note:N", title="Details"),
        ],
    }  # fmt: skip
    marks = (
        alt.Chart(frame)
        .mark_point(filled=True, size=180, opacity=1)
        .encode(**encoding, color=PLANNED.colour(), shape=PLANNED.shape())
    )
    rings = (
        alt.Chart(frame)
        .transform_filter(alt.datum.too_soon != "")
        .mark_point(shape="circle", size=520, filled=False, color=BLACK, strokeWidth=1.5)
        .encode(**encoding)
    )
    # Streamlit sizes the whole element, title, axis and legend included, to this height: 26 px
    # a week, and room for the rest (the legend wraps on a phone).
    height = 26 * len(weeks) + 200
    chart = alt.layer(marks, rings).properties(height=height)
    # The legend below, so that on a phone the seven weekdays keep the width.
    subtitle = "Ringed: a leg session too soon after the one before."
    return finish(chart, title, subtitle).configure_legend(orient="bottom", columns=3)


ROSTER_SHARES = {
    "leg_frequency_compliance": "Leg frequency compliance (%)",
    "stretching_compliance": "Stretching compliance (%)",
    "adherence": "Adherence (%)",
}


LABEL_LINE = 0.045  # a name's height on the 0–100% recovery axis of the roster chart


def _stacked_labels(frame: pd.DataFrame, named: pd.Series) -> pd.DataFrame:
    """`frame` with `label_y`: the height of each name to draw (`named`), moved down one line
    for every named point before it within a line's height and a tenth of the share axis."""
    placed: list[tuple[float, float]] = []
    heights = []
    for x, y, shown in zip(frame["lower_share"], frame["recovery_compliance"], named, strict=True):
        below = y
        if shown and not (pd.isna(x) or pd.isna(y)):
            while any(abs(px - x) < 0.1 and abs(py - below) < LABEL_LINE for px, py in placed):
                below -= LABEL_LINE
            placed.append((x, below))
        heights.append(below)
    return frame.assign(label_y=heights)


def roster(roster: pd.DataFrame, thresholds: Thresholds) -> Chart:
    """One point per client of present.roster_frame: lower share against recovery compliance,
    flagged clients marked."""
    title = "Roster: balance against recovery"
    if roster.empty:
        return no_data(title, "No client yet.")
    # The client id stays on the server.
    dates = ["last_session"]
    numbers = [*ROSTER_SHARES, "lower_share", "recovery_compliance"]
    frame = shaped(
        roster,
        ["name", "program", "balance_band", *dates, *numbers],
        dates,
        flag_reasons=roster["reasons"].where(roster["reasons"] != "", "none"),
        status=roster["flagged"].map({True: "needs attention", False: "on track"}),
    )
    tips = [
        alt.Tooltip("name:N", title="Client"),
        alt.Tooltip("program:N", title="Program"),
        ATTENTION.tooltip(),
        alt.Tooltip("flag_reasons:N", title="Flags"),
        SHARE.tooltip("lower_share"),
        alt.Tooltip("balance_band:N", title="Balance band"),
        RECOVERY.tooltip("recovery_compliance"),
        *(
            alt.Tooltip(f"{field}:Q", title=label, format=".0%")
            for field, label in ROSTER_SHARES.items()
        ),
        alt.Tooltip("last_session:T", title="Last session", format="%d %b %Y"),
    ]
    encoding = {
        "x": SHARE.encode("x", "lower_share"),
        "y": RECOVERY.encode("y", "recovery_compliance"),
        "tooltip": tips,
    }
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(**encoding, color=ATTENTION.colour(), shape=ATTENTION.shape())
    )
    # Only the flagged are named (every point names its client in the tooltip), and names of
    # points that fall close together are stacked downwards, one line each, not on each other.
    names = (
        alt.Chart(_stacked_labels(frame, frame["status"] == "needs attention"))
        .transform_filter(alt.datum.status == "needs attention")
        .mark_text(align="left", dx=8, color=BLACK)
        .encode(
            x=SHARE.encode("x", "lower_share"),
            y=RECOVERY.encode("y", "label_y"),
            text="name:N",
            tooltip=tips,
        )
    )
    band = threshold(
        SHARE,
        "Balanced lower share",
        thresholds.lower_share_min,
        thresholds.lower_share_max,
        channel="x",
    )
    # A new or idle client has no share or no recovery yet; say so rather than drop them silently.
    unplaced = int(roster[["lower_share", "recovery_compliance"]].isna().any(axis=1).sum())
    subtitle = "Shaded: the balanced band."
    if unplaced:
        verb = "is" if unplaced == 1 else "are"
        subtitle += f" {count(unplaced, 'client')} without both numbers yet {verb} not drawn."
    return finish(alt.layer(band, points, names), title, subtitle)
