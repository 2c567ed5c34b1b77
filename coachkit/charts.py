"""Chart builders: a frame from coachkit.metrics in, an Altair chart out.

Every number drawn here was computed in SQL as METRICS.md defines it. These functions only shape
a frame for drawing (parse dates, fold two columns into one, word a status for the legend) and
never compute a metric, so a chart cannot disagree with the report. They do not import streamlit:
a page hands the chart to `st.altair_chart`, which sizes it because every chart is
`width="container"`.

Colours come from the Okabe–Ito palette, which stays distinguishable under the common forms of
colour blindness, and no status relies on colour alone: a shape or a text label repeats it.
Every mark carries a tooltip, threshold bands and rules included, so a coach can hover over
anything to read its value, and every axis title names its unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from coachkit.metrics import Dashboard, Thresholds
from coachkit.present import EXEMPT

# Okabe & Ito (2008), "Color Universal Design", with the grey that R's palette.colors() adds.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"
OKABE_ITO = (BLACK, ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, GREY)

# Yellow is last because it is hard to see on white; a coach rarely has that many main lifts.
SERIES_COLOURS = [BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, BLACK, YELLOW]
SERIES_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
BAND_COLOUR = BLUISH_GREEN  # a target zone reads as "good", shaded lightly behind the data

# What a builder returns: one chart, or several layered on shared axes.
Chart = alt.Chart | alt.LayerChart


@dataclass(frozen=True)
class _Quantity:
    """One measured quantity: an axis title with its unit, a number format, a fixed domain."""

    title: str
    fmt: str
    domain: tuple[float, float] | None = None
    zero: bool = True
    orient: str | None = None

    def encode(self, channel: str, field: str) -> alt.X | alt.Y:
        scale = alt.Scale(domain=list(self.domain)) if self.domain else alt.Scale(zero=self.zero)
        # Counts ("d") tick on whole numbers only: a scale of 0–2 would otherwise label
        # 0, 0, 1, 1, 2 at its half steps.
        whole = 1 if self.fmt == "d" else alt.Undefined
        axis = alt.Axis(format=self.fmt, orient=self.orient or alt.Undefined, tickMinStep=whole)
        return {"x": alt.X, "y": alt.Y}[channel](
            f"{field}:Q", title=self.title, scale=scale, axis=axis
        )

    def tooltip(self, field: str, title: str | None = None) -> alt.Tooltip:
        return alt.Tooltip(f"{field}:Q", title=title or self.title, format=self.fmt)


SHARE = _Quantity("Lower share (%)", ".0%", domain=(0, 1))
RECOVERY = _Quantity("Recovery compliance (%)", ".0%", domain=(0, 1))
RATE = _Quantity("Share of target (%)", ".0%", domain=(0, 1))
WORKING_SETS = _Quantity("Working sets (sets per week)", ",.1~f")
VOLUME = _Quantity("Volume load (kg per week)", ",.0f")
GAP = _Quantity("Gap (days)", "d")
LEG_SESSIONS = _Quantity("Leg sessions (per week)", "d")
STRETCH_SETS = _Quantity("Stretch sets (sets per leg session)", "d")
E1RM = _Quantity("e1RM (kg)", ",.1~f", zero=False)
BEST = _Quantity("Best set (reps, or seconds for a hold)", ",.0f")
REPS = _Quantity("Reps (per day)", "d")


@dataclass(frozen=True)
class Status:
    """A categorical field drawn with a fixed colour and shape per value, sharing one legend."""

    field: str
    title: str
    styles: dict[str, tuple[str, str]]  # value -> (colour, shape)

    def _scale(self, index: int) -> alt.Scale:
        return alt.Scale(domain=list(self.styles), range=[s[index] for s in self.styles.values()])

    def colour(self) -> alt.Color:
        return alt.Color(f"{self.field}:N", title=self.title, scale=self._scale(0))

    def shape(self) -> alt.Shape:
        return alt.Shape(f"{self.field}:N", title=self.title, scale=self._scale(1))

    def tooltip(self) -> alt.Tooltip:
        return alt.Tooltip(f"{self.field}:N", title=self.title)


REGION = Status(
    "region",
    "Body region",
    {"Lower body": (BLUE, "square"), "Upper body": (ORANGE, "square")},
)
LIGHT = Status(
    "light",
    "Recovery light",
    {
        "green": (BLUISH_GREEN, "circle"),
        "amber": (ORANGE, "triangle-up"),
        "red": (VERMILLION, "cross"),
        EXEMPT: (GREY, "square"),
    },
)
FREQUENCY = Status(
    "frequency",
    "Weekly frequency",
    {
        "under": (ORANGE, "triangle-down"),
        "in band": (BLUISH_GREEN, "circle"),
        "over": (BLUE, "triangle-up"),
        EXEMPT: (GREY, "square"),
    },
)
STRETCH = Status(
    "status",
    "Stretching",
    {"stretched": (BLUISH_GREEN, "circle"), "not stretched": (VERMILLION, "cross")},
)
MEASURE = Status(
    "measure",
    "Measure",
    {
        "Adherence": (BLACK, "circle"),
        "Attendance": (BLUE, "square"),
        "Exercise coverage": (ORANGE, "triangle-up"),
    },
)
# Weekly charts put the ISO week label on a discrete axis: Vega-Lite's own week unit starts on
# Sunday, and a discrete axis lets the upper and lower bars of one week stand side by side.
WEEK_X = alt.X("week:O", title="Week (ISO, Monday to Sunday)", axis=alt.Axis(labelAngle=-45))
WEEK_COLUMNS = ["week", "week_start"]
WEEK_TIPS = [
    alt.Tooltip("week:N", title="ISO week"),
    alt.Tooltip("week_start:T", title="Monday", format="%a %d %b %Y"),
]
# Ticks on whole days (Vega would otherwise tick at noon too); padding keeps edge marks whole.
DAY_X = alt.X(
    "session_date:T",
    title="Leg session date (day)",
    axis=alt.Axis(format="%d %b", tickCount="day"),
    scale=alt.Scale(padding=12),
)
DAY_TIP = alt.Tooltip("session_date:T", title="Leg session", format="%a %d %b %Y")


def finish(chart: Chart, title: str, subtitle: str | None = None) -> Chart:
    """Every chart gets a title and the container's width, so Streamlit can size it."""
    text = alt.Title(title, subtitle=subtitle or alt.Undefined, anchor="start")
    return chart.properties(title=text, width="container")


def no_data(title: str, message: str) -> alt.Chart:
    """A valid chart for an empty frame: the message as text, so the page never breaks."""
    frame = pd.DataFrame({"message": [message]})
    text = (
        # Streamlit's theme sizes the element to this height, title included: 100 px fits both.
        alt.Chart(frame, height=100)
        .mark_text(size=14, color=BLACK, align="left", x=0, y=20)
        .encode(text="message:N", tooltip=alt.Tooltip("message:N", title="No data"))
    )
    return finish(text, title)


def threshold(
    quantity: _Quantity, label: str, low: float, high: float | None = None, channel: str = "y"
) -> alt.Chart:
    """A rule at `low`, or a shaded band from `low` to `high`, across the whole other axis.

    The values sit in a one-row frame rather than in the spec, so the tooltip can show them.
    """
    frame = pd.DataFrame({"threshold": [label], "low": [low], "high": [high]})
    tips = [alt.Tooltip("threshold:N", title="Threshold")]
    encoding = {channel: quantity.encode(channel, "low")}
    if high is None:
        mark = alt.Chart(frame).mark_rule(color=BLACK, strokeDash=[6, 4], strokeWidth=1.5)
        tips.append(quantity.tooltip("low", "Value"))
    else:
        mark = alt.Chart(frame).mark_rect(color=BAND_COLOUR, opacity=0.15)
        encoding[f"{channel}2"] = alt.X2("high:Q") if channel == "x" else alt.Y2("high:Q")
        tips += [quantity.tooltip("low", "From"), quantity.tooltip("high", "To")]
    return mark.encode(**encoding, tooltip=tips)


def shaped(
    frame: pd.DataFrame, columns: Iterable[str], dates: Iterable[str] = (), **extra: pd.Series
) -> pd.DataFrame:
    """A new frame of only the columns a chart draws, plus `extra` columns derived for it.

    st.altair_chart ships every column to the browser, and a stray id or list column would not
    serialise. Dates become pandas datetimes, which Vega-Lite reads as local calendar dates.
    """
    shaped = frame[list(columns)].assign(**{c: pd.to_datetime(frame[c]) for c in dates})
    return shaped.assign(**extra)


def _or_exempt(status: pd.Series) -> pd.Series:
    """A status for the legend: metrics leave it empty for a daily program, which is exempt."""
    return status.astype(object).where(status.notna(), EXEMPT)


def _by_region(weeks: pd.DataFrame, lower: str, upper: str, *also: str) -> pd.DataFrame:
    """The weeks with the two columns to compare named for the legend, and `also` kept."""
    frame = shaped(weeks, [*WEEK_COLUMNS, lower, upper, *also], dates=["week_start"])
    return frame.rename(columns={lower: "Lower body", upper: "Upper body"})


def _upper_lower_bars(frame: pd.DataFrame, quantity: _Quantity) -> alt.Chart:
    """Upper and lower body side by side per week; the fold keeps one data row per week."""
    return (
        alt.Chart(frame)
        .transform_fold(list(REGION.styles), as_=["region", "amount"])
        .mark_bar()
        .encode(
            x=WEEK_X,
            xOffset=alt.XOffset("region:N", sort=list(REGION.styles)),
            y=quantity.encode("y", "amount"),
            color=REGION.colour(),
            tooltip=[*WEEK_TIPS, REGION.tooltip(), quantity.tooltip("amount")],
        )
    )


def balance(weeks: pd.DataFrame, thresholds: Thresholds) -> Chart:
    """Weekly working sets, upper vs lower, with the lower share on its own right-hand axis."""
    title = "Balance: working sets per week, upper vs lower body"
    if weeks.empty:
        return no_data(title, "No complete week in the window yet.")
    frame = _by_region(
        weeks, "working_sets_lower", "working_sets_upper", "lower_share", "balance_band"
    )
    bars = _upper_lower_bars(frame, WORKING_SETS)
    share = replace(SHARE, orient="right")
    line = (
        alt.Chart(frame)
        .mark_line(color=BLACK, point=alt.OverlayMarkDef(color=BLACK, filled=True, size=50))
        .encode(
            x=WEEK_X,
            y=share.encode("y", "lower_share"),
            tooltip=[
                *WEEK_TIPS,
                share.tooltip("lower_share"),
                alt.Tooltip("balance_band:N", title="Band"),
            ],
        )
    )
    band = threshold(
        share, "Balanced lower share", thresholds.lower_share_min, thresholds.lower_share_max
    )
    # Sets and share have different units, so each keeps its own y scale and axis.
    chart = alt.layer(bars, alt.layer(band, line)).resolve_scale(y="independent")
    return finish(chart, title, "Line: lower share (right axis); shaded: the balanced band.")


def volume_load(weeks: pd.DataFrame) -> Chart:
    """Σ reps × kg per week, upper vs lower: a secondary view that never drives a flag."""
    title = "Volume load per week (Σ reps × kg), upper vs lower body"
    if weeks.empty:
        return no_data(title, "No complete week in the window yet.")
    frame = _by_region(weeks, "volume_load_lower_kg", "volume_load_upper_kg")
    bars = _upper_lower_bars(frame, VOLUME)
    return finish(bars, title, "Volume load is not comparable across exercises.")


def recovery(sessions: pd.DataFrame, thresholds: Thresholds) -> Chart:
    """Each gap between leg sessions at the later session's date, as a traffic light."""
    title = "Recovery: days between leg sessions"
    if sessions.empty or sessions["gap_days"].isna().all():
        return no_data(title, "Fewer than two leg sessions: no gap to show yet.")
    dates = ["session_date", "previous_session"]
    frame = shaped(sessions, [*dates, "gap_days"], dates, light=_or_exempt(sessions["light"]))
    tips = [
        DAY_TIP,
        alt.Tooltip("previous_session:T", title="Previous leg session", format="%a %d %b %Y"),
        GAP.tooltip("gap_days"),
        LIGHT.tooltip(),
    ]
    # The first session has no gap; filtering in the spec keeps every input row in the data.
    base = alt.Chart(frame).transform_filter("isValid(datum.gap_days)")
    encoding = {"x": DAY_X, "y": GAP.encode("y", "gap_days"), "color": LIGHT.colour()}
    stems = base.mark_rule(strokeWidth=2).encode(**encoding, y2=alt.Y2Datum(0), tooltip=tips)
    heads = base.mark_point(filled=True, size=100, opacity=1).encode(
        **encoding, shape=LIGHT.shape(), tooltip=tips
    )
    rule = threshold(
        GAP, f"Minimum rest: {thresholds.min_rest_days} days", thresholds.min_rest_days
    )
    return finish(
        alt.layer(stems, heads, rule), title, "Dashed: the minimum rest between leg days."
    )


def frequency(weeks: pd.DataFrame, thresholds: Thresholds) -> Chart:
    """Leg sessions per week against the target band; the count is printed over each bar."""
    title = "Leg sessions per week"
    if weeks.empty:
        return no_data(title, "No complete week in the window yet.")
    columns = [*WEEK_COLUMNS, "leg_sessions"]
    frame = shaped(weeks, columns, ["week_start"], frequency=_or_exempt(weeks["frequency"]))
    encoding = {"x": WEEK_X, "y": LEG_SESSIONS.encode("y", "leg_sessions")}
    tips = [*WEEK_TIPS, LEG_SESSIONS.tooltip("leg_sessions"), FREQUENCY.tooltip()]
    bars = alt.Chart(frame).mark_bar().encode(**encoding, color=FREQUENCY.colour(), tooltip=tips)
    # The printed count repeats the bar's colour cue and makes weeks without a leg day visible.
    counts = (
        alt.Chart(frame)
        .mark_text(baseline="bottom", dy=-3, color=BLACK)
        .encode(**encoding, text="leg_sessions:Q", tooltip=tips)
    )
    band = threshold(
        LEG_SESSIONS,
        "Target leg sessions per week",
        thresholds.leg_freq_min,
        thresholds.leg_freq_max,
    )
    return finish(alt.layer(band, bars, counts), title, "Shaded: the target band.")


def stretching(sessions: pd.DataFrame) -> Chart:
    """Stretch sets logged on each leg session's date, stretched or not."""
    title = "Stretching after leg sessions"
    if sessions.empty:
        return no_data(title, "No leg session in the window yet.")
    words = {True: "stretched", False: "not stretched"}
    columns = ["session_date", "stretch_sets", "working_sets_lower"]
    frame = shaped(sessions, columns, ["session_date"], status=sessions["stretched"].map(words))
    tips = [
        DAY_TIP,
        STRETCH_SETS.tooltip("stretch_sets"),
        alt.Tooltip("working_sets_lower:Q", title="Lower working sets", format=",.1~f"),
        STRETCH.tooltip(),
    ]
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=100, opacity=1)
        .encode(
            x=DAY_X,
            y=STRETCH_SETS.encode("y", "stretch_sets"),
            color=STRETCH.colour(),
            shape=STRETCH.shape(),
            tooltip=tips,
        )
    )
    return finish(points, title)


def adherence(weeks: pd.DataFrame, thresholds: Thresholds) -> Chart:
    """Weekly adherence with its two halves, attendance and exercise coverage."""
    title = "Program adherence per week"
    columns = {
        "adherence": "Adherence",
        "attendance": "Attendance",
        "coverage": "Exercise coverage",
    }
    if weeks.empty or weeks[list(columns)].isna().all(axis=None):
        return no_data(title, "No complete week of an assigned leg program yet.")
    frame = shaped(weeks, [*WEEK_COLUMNS, *columns], ["week_start"]).rename(columns=columns)
    base = alt.Chart(frame).transform_fold(list(MEASURE.styles), as_=["measure", "value"])
    encoding = {
        "x": WEEK_X,
        "y": RATE.encode("y", "value"),
        "color": MEASURE.colour(),
        "tooltip": [*WEEK_TIPS, MEASURE.tooltip(), RATE.tooltip("value", "Value (%)")],
    }
    lines = base.mark_line().encode(**encoding)
    points = base.mark_point(filled=True, size=60, opacity=1).encode(
        **encoding, shape=MEASURE.shape()
    )
    rule = threshold(RATE, "Adherent from", thresholds.adherence_min)
    return finish(alt.layer(rule, lines, points), title, "Dashed: adherent from here up.")


def _trend_words(trend: float) -> str:
    return "no trend yet" if pd.isna(trend) else f"{trend:+.1f} % per week"


def _weekly_trend(
    frame: pd.DataFrame, value: str, quantity: _Quantity, title: str, subtitle: str
) -> Chart:
    """A line per exercise of its weekly best (`value`); the legend names each one's trend."""
    trend = frame["trend_pct_per_week"].map(_trend_words)
    columns = ["exercise", "week_start", value, "trend_pct_per_week"]
    drawn = shaped(frame, columns, ["week_start"], lift=frame["exercise"] + " (" + trend + ")")
    # The exercise's name carries its trend, so the legend needs room for long labels.
    legend = alt.Legend(title="Exercise (trend over 12 weeks)", orient="bottom", labelLimit=400)
    lift = {
        "color": alt.Color("lift:N", legend=legend, scale=alt.Scale(range=SERIES_COLOURS)),
        "shape": alt.Shape("lift:N", legend=legend, scale=alt.Scale(range=SERIES_SHAPES)),
    }
    # Ticks on the Mondays in the data: Vega's own weeks start on Sunday.
    mondays = drawn["week_start"].drop_duplicates().sort_values()
    ticks = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in mondays]
    encoding = {
        "x": alt.X(
            "week_start:T",
            title="Week (ISO, starting Monday)",
            axis=alt.Axis(format="%d %b", values=ticks),
            scale=alt.Scale(padding=12),
        ),
        "y": quantity.encode("y", value),
        "tooltip": [
            alt.Tooltip("exercise:N", title="Exercise"),
            alt.Tooltip("week_start:T", title="Week starting", format="%a %d %b %Y"),
            quantity.tooltip(value),
            alt.Tooltip("trend_pct_per_week:Q", title="Trend (% per week)", format="+.1f"),
        ],
    }
    lines = alt.Chart(drawn).mark_line().encode(**encoding, color=lift["color"])
    points = alt.Chart(drawn).mark_point(filled=True, size=60, opacity=1).encode(**encoding, **lift)
    return finish(alt.layer(lines, points), title, subtitle)


def e1rm_trend(e1rm: pd.DataFrame) -> Chart:
    """The weekly best Epley e1RM per main lower lift, with each lift's trend."""
    title = "Estimated one-rep max per week, main lower-body lifts"
    if e1rm.empty:
        return no_data(title, "No working set of a main lower lift with 1–10 reps yet.")
    subtitle = "Epley: kg × (1 + reps / 30); trend over 12 weeks."
    return _weekly_trend(e1rm, "e1rm_kg", E1RM, title, subtitle)


def best_sets(best: pd.DataFrame) -> Chart:
    """Exercises without a load: each week's best set (reps, or seconds for a hold)."""
    title = "Best set per week, exercises without a load"
    if best.empty:
        return no_data(title, "No working set without a load yet.")
    subtitle = "The most reps in one set (seconds for a timed hold); trend over 12 weeks."
    return _weekly_trend(best, "best", BEST, title, subtitle)


DAILY = Status(
    "day",
    "The day",
    {
        "target reached": (BLUISH_GREEN, "circle"),
        "short of the target": (ORANGE, "triangle-down"),
    },
)


def daily_reps(days: pd.DataFrame) -> Chart:
    """The daily plan: reps of its exercise per day against the target, sets in the tooltip
    against the 5–6 the plan asks for."""
    title = "Daily squats: reps per day against the target"
    if days.empty:
        return no_data(title, "No day of the daily plan logged yet.")
    target = int(days["target"].iloc[0])
    low, high = int(days["sets_min"].iloc[0]), int(days["sets_max"].iloc[0])
    reached = days["reps"] >= days["target"]
    frame = shaped(
        days,
        ["session_date", "reps", "sets"],
        ["session_date"],
        day=reached.map({True: "target reached", False: "short of the target"}),
        in_sets=days["sets"].between(low, high).map({True: "yes", False: "no"}),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(size=6)
        .encode(
            x=alt.X("session_date:T", title="Day", axis=alt.Axis(format="%d %b")),
            y=REPS.encode("y", "reps"),
            color=DAILY.colour(),
            tooltip=[
                alt.Tooltip("session_date:T", title="Day", format="%a %d %b %Y"),
                REPS.tooltip("reps"),
                alt.Tooltip("sets:Q", title="Sets", format="d"),
                alt.Tooltip("in_sets:N", title=f"In {low}–{high} sets"),
                DAILY.tooltip(),
            ],
        )
    )
    rule = threshold(REPS, f"Target: {target} reps a day", target)
    subtitle = f"Dashed: {target} reps a day, in {low}–{high} sets; hover a day for its sets."
    return finish(alt.layer(rule, bars), title, subtitle)


@dataclass(frozen=True)
class Drawn:
    """One chart of a client's screen, with a stable key and its section heading."""

    key: str  # for widget keys and file names: "balance", "recovery", ...
    title: str
    chart: Chart


def compliance_charts(board: Dashboard) -> list[Drawn]:
    """The client's balance and compliance charts that fit their program: no volume load
    without a load logged, no rest or weekly band for the daily plan (exempt), no stretching
    chart when the program does not ask for it."""
    weeks, sessions, t = board.weeks, board.sessions, board.thresholds
    volume_columns = ["volume_load_lower_kg", "volume_load_upper_kg"]
    loads = bool((weeks[volume_columns] > 0).any(axis=None)) if not weeks.empty else False
    drawn = [Drawn("balance", "Balance between upper and lower body", balance(weeks, t))]
    if loads:
        drawn.append(Drawn("volume_load", "Volume load, upper and lower body", volume_load(weeks)))
    if not board.calendar.daily:
        drawn.append(Drawn("recovery", "Recovery between leg sessions", recovery(sessions, t)))
        drawn.append(Drawn("frequency", "Weekly leg frequency", frequency(weeks, t)))
    if board.stretching_asked:
        drawn.append(Drawn("stretching", "Stretching after leg sessions", stretching(sessions)))
    drawn.append(Drawn("adherence", "Program adherence", adherence(weeks, t)))
    return drawn


def progress_charts(board: Dashboard) -> list[Drawn]:
    """Progress that fits the client: the daily plan's reps per day, the e1RM of the main
    lifts when there are loads (or nothing else to show), best sets without a load."""
    drawn = []
    if board.calendar.daily:
        drawn.append(Drawn("daily", "The daily squats", daily_reps(board.daily_reps)))
    if not board.e1rm.empty or board.best_sets.empty:
        drawn.append(Drawn("e1rm", "Progress on the main lower-body lifts", e1rm_trend(board.e1rm)))
    if not board.best_sets.empty:
        drawn.append(Drawn("best_sets", "Progress without a load", best_sets(board.best_sets)))
    return drawn
