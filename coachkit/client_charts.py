"""The client's own charts, for the report behind their link: since they started, in their
words, drawn for a phone first.

The numbers are the coach's (coachkit/metrics.py, METRICS.md); only the drawing differs from
coachkit/charts.py. A chart carries no title of its own: the page and the file put the title
in a heading, which wraps on a narrow screen where a chart's title would be cut. Legends sit
below a chart or are left out where a shaded aim and the bars' own colours say it. Week axes are
labelled by their Monday ("3 Aug"), never by an ISO week code, and thin out their labels rather
than let two overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from coachkit import charts
from coachkit.charts import BAND_COLOUR, BLACK, BLUE, BLUISH_GREEN, ORANGE, Drawn, shaped
from coachkit.metrics import Dashboard, Thresholds

HEIGHT = 200  # the plot: short enough that a phone shows a chart whole with words around it
AXES = 70  # a chart sized to its container fits its axes and legend in the height it is given
SINCE_WEEKS = 13  # without a program, "since you started" is the last three months
# A week's Monday as the client reads it; the axis drops labels that would overlap.
WEEK_AXIS = alt.Axis(labelAngle=-45, labelOverlap="greedy", labelPadding=4)


@dataclass(frozen=True)
class _Aim:
    """The shaded aim behind a chart's bars: from `low` to `high` on the y axis."""

    low: float
    high: float
    words: str

    def layer(self) -> alt.Chart:
        frame = pd.DataFrame({"low": [self.low], "high": [self.high], "aim": [self.words]})
        return (
            alt.Chart(frame)
            .mark_rect(color=BAND_COLOUR, opacity=0.15)
            .encode(y="low:Q", y2="high:Q", tooltip=alt.Tooltip("aim:N", title="Your aim"))
        )


LEGEND_ROW = 30  # the height a legend below a chart takes per row


def _sized(chart: charts.Chart, legend_rows: int = 0) -> charts.Chart:
    """The container's width; the height of the plot, plus its legend's rows below it (a chart
    sized to its container fits the legend inside the height it is given)."""
    return chart.properties(width="container", height=HEIGHT + AXES + LEGEND_ROW * legend_rows)


NOTHING_YET = "nothing drawn yet"  # the description of a chart that holds only a message


def _nothing_yet(message: str) -> alt.Chart:
    frame = pd.DataFrame({"message": [message]})
    return (
        alt.Chart(frame, height=60)
        .mark_text(size=14, color=BLACK, align="left", x=0, y=20, limit=340)
        .encode(text="message:N")
        .properties(width="container", description=NOTHING_YET)
    )


def drawn_something(chart: charts.Chart) -> bool:
    """Whether the chart draws data, rather than a message that there is none yet."""
    return chart.description != NOTHING_YET


def _week_label(week_start: pd.Series) -> pd.Series:
    return pd.to_datetime(week_start).map(lambda d: f"{d.day} {d:%b}")


def leg_days(weeks: pd.DataFrame, t: Thresholds) -> charts.Chart:
    """Leg days each week against the aim of leg_freq_min..leg_freq_max (shaded); weeks of
    nothing logged at all are no chart yet."""
    if not weeks[["working_sets_lower", "working_sets_upper"]].to_numpy().any():
        return _nothing_yet("Your first full week will show here.")
    aimed = weeks["leg_sessions"].between(t.leg_freq_min, t.leg_freq_max)
    frame = shaped(
        weeks,
        ["leg_sessions"],
        week=_week_label(weeks["week_start"]),
        on_aim=aimed.map({True: "on your aim", False: "off your aim"}),
    )
    x = alt.X("week:O", sort=None, title="Week starting", axis=WEEK_AXIS)
    most = int(max(weeks["leg_sessions"].max(), t.leg_freq_max))
    whole = alt.Axis(values=list(range(most + 1)), format="d")
    y = alt.Y("leg_sessions:Q", title="Leg days", axis=whole)
    tips = [
        alt.Tooltip("week:N", title="Week starting"),
        alt.Tooltip("leg_sessions:Q", title="Leg days"),
    ]
    colour = alt.Color(
        "on_aim:N",
        scale=alt.Scale(domain=["on your aim", "off your aim"], range=[BLUISH_GREEN, ORANGE]),
        legend=None,  # the shaded aim says it; the count over each bar repeats the colour
    )
    bars = alt.Chart(frame).mark_bar().encode(x=x, y=y, color=colour, tooltip=tips)
    counts = (
        alt.Chart(frame)
        .mark_text(baseline="bottom", dy=-2, color=BLACK)
        .encode(x=x, y=y, text="leg_sessions:Q")
    )
    aim = _Aim(t.leg_freq_min, t.leg_freq_max, f"{t.leg_freq_min}–{t.leg_freq_max} leg days")
    return _sized(alt.layer(aim.layer(), bars, counts))


def legs_by_month(weeks: pd.DataFrame, t: Thresholds) -> charts.Chart:
    """The lower body's share of the working sets, month by month (a week counts in the month
    of its Monday), against the balanced range (shaded)."""
    if weeks.empty:
        return _nothing_yet("Your first full week will show here.")
    month = pd.to_datetime(weeks["week_start"]).dt.to_period("M")
    totals = weeks.groupby(month)[["working_sets_lower", "working_sets_upper"]].sum()
    sets = totals["working_sets_lower"] + totals["working_sets_upper"]
    frame = pd.DataFrame(
        {
            "month": [f"{p:%b %Y}" for p in totals.index],
            "share": (totals["working_sets_lower"] / sets.where(sets > 0)).to_numpy(),
        }
    ).dropna()
    if frame.empty:
        return _nothing_yet("No sets logged yet.")
    x = alt.X("month:O", sort=None, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    y = alt.Y("share:Q", title="Legs (% of sets)", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format=".0%"))  # fmt: skip
    tips = [
        alt.Tooltip("month:N", title="Month"),
        alt.Tooltip("share:Q", title="Legs", format=".0%"),
    ]
    bars = alt.Chart(frame).mark_bar(color=BLUE).encode(x=x, y=y, tooltip=tips)
    labels = (
        alt.Chart(frame)
        .mark_text(baseline="bottom", dy=-2, color=BLACK)
        .encode(x=x, y=y, text=alt.Text("share:Q", format=".0%"))
    )
    low, high = t.lower_share_min, t.lower_share_max
    aim = _Aim(low, high, f"{low:.0%}–{high:.0%} of your sets")
    return _sized(alt.layer(aim.layer(), bars, labels))


def _progress(frame: pd.DataFrame, value: str, title: str, fmt: str) -> charts.Chart:
    """A line per exercise of its weekly best; the legend below, one exercise a row."""
    drawn = shaped(frame, ["exercise", value], ["week_start"])
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=300)
    scale = alt.Scale(range=charts.SERIES_COLOURS)
    encoding = {
        "x": alt.X(
            "week_start:T",
            title="Week starting",
            axis=alt.Axis(format="%-d %b", labelAngle=0, labelOverlap="greedy"),
        ),  # fmt: skip
        "y": alt.Y(
            f"{value}:Q", title=title, scale=alt.Scale(zero=False), axis=alt.Axis(format=fmt)
        ),  # fmt: skip
        "color": alt.Color("exercise:N", legend=legend, scale=scale),
        "tooltip": [
            alt.Tooltip("exercise:N", title="Exercise"),
            alt.Tooltip("week_start:T", title="Week starting", format="%a %-d %b"),
            alt.Tooltip(f"{value}:Q", title=title, format=fmt),
        ],
    }
    lines = alt.Chart(drawn).mark_line(point=alt.OverlayMarkDef(filled=True, size=50))
    return _sized(lines.encode(**encoding), legend_rows=drawn["exercise"].nunique() + 1)


def squats(days: pd.DataFrame) -> charts.Chart:
    """The daily plan: squats each day against the day's target (dashed)."""
    if days.empty:
        return _nothing_yet("Your first day of squats will show here.")
    target = int(days["target"].iloc[0])
    reached = days["reps"] >= days["target"]
    frame = shaped(
        days,
        ["reps", "sets"],
        ["session_date"],
        day=reached.map({True: f"{target} reached", False: f"under {target}"}),
    )
    scale = alt.Scale(domain=[f"{target} reached", f"under {target}"],
                      range=[BLUISH_GREEN, ORANGE])  # fmt: skip
    bars = (
        alt.Chart(frame)
        .mark_bar(size=5)
        .encode(
            x=alt.X(
                "session_date:T",
                title=None,
                axis=alt.Axis(format="%-d %b", labelAngle=0, labelOverlap="greedy"),
            ),  # fmt: skip
            y=alt.Y("reps:Q", title="Squats"),
            color=alt.Color("day:N", scale=scale, legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[
                alt.Tooltip("session_date:T", title="Day", format="%a %-d %b"),
                alt.Tooltip("reps:Q", title="Squats"),
                alt.Tooltip("sets:Q", title="Sets"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"target": [target]}))
        .mark_rule(color=BLACK, strokeDash=[6, 4])
        .encode(y="target:Q", tooltip=alt.Tooltip("target:Q", title="Your aim (squats a day)"))
    )
    return _sized(alt.layer(rule, bars), legend_rows=2)


def since(start: date | None, today: date) -> date:
    """The Monday "since you started" counts from: the program's start, else three months ago."""
    first = start if start is not None else today - timedelta(weeks=SINCE_WEEKS)
    return first - timedelta(days=first.isoweekday() - 1)


def client_charts(board: Dashboard) -> list[Drawn]:
    """The client's charts, the one that matters most to their program first: leg days each
    week (squats each day on the daily plan), legs month by month, then their progress:
    strength on loaded lifts, best sets without a load."""
    t = board.thresholds
    drawn = []
    if board.calendar.daily:
        drawn.append(Drawn("squats", "Your squats each day", squats(board.daily_reps)))
    else:
        drawn.append(Drawn("leg_days", "Your leg days each week", leg_days(board.weeks, t)))
    drawn.append(Drawn("legs_by_month", "Legs in your training, month by month",
                       legs_by_month(board.weeks, t)))  # fmt: skip
    if not board.e1rm.empty:
        strength = _progress(board.e1rm, "e1rm_kg", "Best lift (kg, estimated)", ",.1~f")
        drawn.append(Drawn("strength", "Your strength on your main leg lifts", strength))
    if not board.best_sets.empty:
        best = _progress(board.best_sets, "best", "Most reps in one set", ",.0f")
        drawn.append(Drawn("best_sets", "Your best set, week by week", best))
    return drawn
