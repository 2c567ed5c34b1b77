"""How fast CoachKit counts one client's dashboard and a coach's roster on a gym chain's data.

The data is bench/gymchain.py's seeded gym chain: 10 coaches with 200 clients each, two years
of logs per client, about 10 million set rows, "today" = gymchain.ANCHOR. It is built on the
first run (about 40 s) and re-used after that.

Two contenders compute the same numbers from the same database file, on the same connection:

(a) coachkit: `metrics.dashboard()` (one client's report, thresholds, program and the weekly,
    leg-session and e1RM frames of the client page) and `metrics.roster()` (one row per client
    of a coach with balance, compliance, adherence, flags and the last session), which run the
    SQL of coachkit/sql/metrics/.
(b) the reference: the straightforward pandas way. Plain SELECTs read the client's (or all the
    coach's clients') set rows with their region, their own thresholds, their assignments with
    the program and the programs' exercises into pandas; pandas then counts METRICS.md's
    numbers, a loop over the clients for the roster. It follows METRICS.md, docs/metrics.md
    and the windows of coachkit/metrics.py's docstring (compliance over the last 12 complete
    weeks, adherence from the program's start, the roster flags with their numbers and the
    grace for new clients), shares no code with coachkit.metrics, and its time includes its
    SELECTs. One concession to speed: it reads client ids as text, because DuckDB
    hands UUIDs to pandas as Python objects, which would add 1–2 s to every roster.

The reference is also the correctness gate: for 20 clients spread over the coaches (built from
gymchain's plan: the gym, home and daily programs, no program, and thresholds of their own) and
one roster, and again for every timed dashboard and roster, the two must agree (report values
at 4 places, each flag's rule and numbers rather than present.py's words for it, roster
columns, every column the frames share), or the bench prints the first differences and exits
1. That pass also warms both contenders up before the timing.

Targets: the dashboard of one client takes at most 50 ms (median), the roster of a coach with
200 clients at most 300 ms (median). Dashboards are timed in blocks over --clients-timed
different clients: all of them with (a), then all with (b), then (b) before (a), for --rounds
rounds, so that drift on a noisy machine hits both alike while neither contender's calls run in
the wake of the other's (pandas leaves caches cold and garbage behind). Rosters alternate (a,
b, a, b, ...) over --rosters rosters (the coaches in turn). Garbage is collected before each
timed call and the collector is off during it, as timeit does. A missed target is reported as
FAIL with exit code 0: this is a report, not a test. Run from the project root:

    .venv/bin/python bench/metrics.py [--clients 2000] [--seed 7] [--out bench/out]
        [--clients-timed 30] [--rounds 3] [--rosters 10] [--postgres URL] [--smoke]

With --postgres URL the same bench runs on that PostgreSQL database (the chain copied in when
it is empty), for docs/scale.md; the targets are the embedded file's.

--smoke runs the same bench at its smallest, in a temporary folder removed at the end: a chain
of gymchain.SMOKE_CLIENTS clients (one coach, every kind of client), each client's dashboard
checked against the reference and timed once, one roster. With --smoke, --postgres names a
server (a libpq string, e.g. 'host=127.0.0.1 user=postgres') on which the run creates a
database of its own and drops it at the end; there SMOKE_TIMED_POSTGRES dashboards are timed,
enough to run every query through the extension. The suite runs it so that a change in the app that
breaks the bench, or that the reference no longer follows, fails there; its figures mean
nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from random import Random
from typing import NamedTuple

import gymchain
import numpy as np
import pandas as pd
from ingest import fresh_database

from coachkit import auth, clients, metrics, present
from coachkit.backup import copy_database
from coachkit.store import Store, StoreError, open_store

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD_TARGET_MS = 50.0
ROSTER_TARGET_MS = 300.0
# Clients checked before the timing, by number within their coach (gymchain gives the program
# by number % 20: 0–13 gym legs, 14–16 home legs, 17 daily squats, 18–19 none; and thresholds
# of their own by number % 10 == 3). Coach c checks OFFSETS[2c] and OFFSETS[2c + 1].
CHECK_OFFSETS = (0, 3, 14, 17, 18, 19, 13, 36, 57, 98,
                 115, 133, 156, 177, 199, 23, 74, 97, 138, 160)  # fmt: skip
SHOWN_DIFFERENCES = 12
SMOKE_TIMED_POSTGRES = 5  # dashboards timed by --smoke --postgres

# METRICS.md's defaults, each replaced by the client's own setting where there is one.
DEFAULTS = {
    "lower_share_min": 0.35,
    "lower_share_max": 0.60,
    "min_rest_days": 3,
    "leg_freq_min": 1,
    "leg_freq_max": 2,
    "leg_session_min_sets": 2.0,
    "balance_window_days": 28,
    "adherence_min": 0.75,
    "inactive_days": 14,
    "recovery_min": 0.75,
    "stretching_min": 0.5,
}
# A current weekly program sets these where the client has no setting of their own.
PROGRAM_THRESHOLDS = ("min_rest_days", "leg_freq_min", "leg_freq_max")
DAY = pd.Timedelta(days=1)
FAR_FUTURE = pd.Timestamp("2262-01-01")  # an open assignment's end

# The reference's reads: one client of the coach ($client_id), or the coach's active clients
# ($client_id NULL). Each is a plain SELECT whose rows pandas takes as they are.
CLIENT_FILTER = """
    c.coach_id = $coach_id AND (c.id = $client_id OR ($client_id IS NULL AND NOT c.archived))
"""
CLIENTS_SQL = f"""
SELECT CAST(c.id AS VARCHAR) AS client_id, c.name, CAST(c.created_at AS DATE) AS added_on,
    s.* EXCLUDE (client_id, coach_id, updated_at)
FROM clients AS c
LEFT JOIN client_settings AS s ON s.client_id = c.id AND s.coach_id = c.coach_id
WHERE {CLIENT_FILTER}
"""  # noqa: S608 (constant text; the values are bound)
ASSIGNMENTS_SQL = f"""
SELECT CAST(a.client_id AS VARCHAR) AS client_id, a.start_date, a.end_date, a.created_at,
    a.weekly_target, CAST(p.id AS VARCHAR) AS program_id, p.name AS program, p.kind,
    p.leg_freq_min, p.leg_freq_max, p.min_rest_days, p.daily_reps_target, p.stretching_required
FROM assignments AS a
JOIN clients AS c ON c.id = a.client_id
LEFT JOIN programs AS p ON p.id = a.program_id AND (p.coach_id IS NULL OR p.coach_id = $coach_id)
WHERE a.coach_id = $coach_id AND {CLIENT_FILTER}
"""  # noqa: S608 (constant text; the values are bound)
EXERCISES_SQL = """
SELECT CAST(program_id AS VARCHAR) AS program_id, position, exercise_slug, substitutes
FROM program_exercises
"""
SETS_SQL = f"""
SELECT CAST(s.client_id AS VARCHAR) AS client_id, s.session_date, s.exercise_slug, s.set_type,
    s.reps, s.weight_kg, coalesce(e.region, s.category_region) AS region
FROM set_rows AS s
JOIN clients AS c ON c.id = s.client_id
LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
WHERE {CLIENT_FILTER}
"""  # noqa: S608 (constant text; the values are bound)

WEEK_COLUMNS = [
    "week_start", "week", "working_sets_lower", "working_sets_upper", "lower_share",
    "balance_band", "volume_load_lower_kg", "volume_load_upper_kg", "leg_sessions", "frequency",
    "stretched_sessions", "attendance", "coverage", "adherence",
]  # fmt: skip
SESSION_COLUMNS = [
    "session_date", "working_sets_lower", "stretch_sets", "stretched", "previous_session",
    "gap_days", "light",
]  # fmt: skip
# The e1RM frame's numbers; its `exercise` column is the catalog's display name, not a number.
E1RM_COLUMNS = ["exercise_slug", "week_start", "e1rm_kg", "trend_pct_per_week"]
# The report's numbers each roster row carries, the flags as rules with their numbers.
ROSTER_NUMBERS = (
    "lower_share", "balance_band", "recovery_compliance", "leg_frequency_compliance",
    "stretching_compliance", "adherence", "flags",
)  # fmt: skip
ROSTER_CHECKED = ["client_id", "name", "program", "last_session", *ROSTER_NUMBERS, "flagged"]


# --- the reference: reading --------------------------------------------------------------------


@dataclass
class Inputs:
    clients: pd.DataFrame  # one row per client: name and own thresholds (missing: unset)
    assignments: pd.DataFrame  # every assignment of those clients, with its program
    exercises: pd.DataFrame  # every program's exercises
    sets: pd.DataFrame  # every set row of those clients, with its region


def read_inputs(store: Store, coach_id, client_id=None) -> Inputs:
    params = {"coach_id": coach_id, "client_id": client_id}
    # Bench SQL stays in the bench (coachkit/sql holds the product's queries), so it runs as
    # trusted SQL on a store cursor, which has the CoachKit catalog in use.
    with store.cursor() as cur:
        return Inputs(
            clients=cur.run_sql(CLIENTS_SQL, params).df(),
            assignments=cur.run_sql(ASSIGNMENTS_SQL, params).df(),
            exercises=cur.run_sql(EXERCISES_SQL).df(),
            sets=cur.run_sql(SETS_SQL, params).df(),
        )


# --- the reference: METRICS.md in pandas ---------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """One client's thresholds and current program, as the numbers need them."""

    client_id: str
    name: str
    added_on: pd.Timestamp  # the day the client was added to the roster
    thresholds: dict
    start: pd.Timestamp | None = None  # the current program's start; None without one
    end: pd.Timestamp = FAR_FUTURE  # its end, exclusive; FAR_FUTURE while it runs
    program: str | None = None  # the current program's name; None without one
    daily: bool = False
    stretching_asked: bool = True  # without a program the guidance still asks for a stretch
    weekly_target: int | None = None
    daily_target: int | None = None
    prescribed: dict[str, int] = field(default_factory=dict)  # slug -> prescribed position
    prescribed_count: int = 0


def resolve(client: dict, assignments: pd.DataFrame, exercises: pd.DataFrame, today) -> Rules:
    """The current assignment (the newest started and not ended) and the thresholds: the
    client's own, else the current weekly program's band and rest days, else the defaults."""
    live = assignments[
        (assignments["start_date"] <= today)
        & (assignments["end_date"].isna() | (assignments["end_date"] > today))
    ]
    current = live.sort_values(["start_date", "created_at"]).iloc[-1] if len(live) else None
    program = current if current is not None and pd.notna(current["program_id"]) else None
    weekly = program is not None and program["kind"] == "weekly"
    daily = program is not None and program["kind"] == "daily"
    thresholds = {}
    for name, default in DEFAULTS.items():
        value = client[name]
        if pd.isna(value) and weekly and name in PROGRAM_THRESHOLDS:
            value = program[name]
        thresholds[name] = type(default)(default if pd.isna(value) else value)
    rules = Rules(
        client_id=client["client_id"],
        name=client["name"],
        added_on=pd.Timestamp(client["added_on"]),
        thresholds=thresholds,
    )
    # An assignment whose program the coach may not see counts as none.
    if program is None:
        return rules
    prescribed: dict[str, int] = {}
    rows = exercises[exercises["program_id"] == program["program_id"]]
    for row in rows.itertuples():
        # A substitute the coach named counts as its exercise.
        for slug in [row.exercise_slug, *filter(None, row.substitutes.split("|"))]:
            prescribed[slug] = min(prescribed.get(slug, row.position), row.position)
    target = program["weekly_target"]
    return replace(
        rules,
        start=program["start_date"],
        end=FAR_FUTURE if pd.isna(program["end_date"]) else program["end_date"],
        program=program["program"],
        daily=daily,
        stretching_asked=bool(program["stretching_required"]),
        weekly_target=int(program["leg_freq_max"] if pd.isna(target) else target),
        daily_target=int(program["daily_reps_target"]) if daily else None,
        prescribed=prescribed,
        prescribed_count=len(rows),
    )


def monday(day: pd.Series) -> pd.Series:
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def credit(sets: pd.DataFrame) -> pd.DataFrame:
    """Each set's week, working flag, lower and upper credit and volume (METRICS.md's
    building blocks); done once for all the rows read."""
    region = sets["region"]
    warmup = (sets["set_type"] == "warmup").to_numpy()
    full = np.where(region == "full", 0.5, 0.0)
    lower = np.where(warmup, 0.0, np.where(region == "lower", 1.0, full))
    upper = np.where(warmup, 0.0, np.where(region == "upper", 1.0, full))
    reps = sets["reps"].astype("float64")  # NaN for a missing value, like every other number
    return sets.assign(
        reps=reps,
        week_start=monday(sets["session_date"]),
        working=~warmup & ~region.isin(["stretch", "cardio"]).to_numpy(),
        lower=lower,
        upper=upper,
        volume_lower=reps * sets["weight_kg"] * lower,
        volume_upper=reps * sets["weight_kg"] * upper,
        stretch=(region == "stretch").to_numpy(),
    )


DAY_SUMS = ["lower", "upper", "volume_lower", "volume_upper", "stretch", "prescribed_reps"]
WEEK_SUMS = {
    "lower": "working_sets_lower",
    "upper": "working_sets_upper",
    "volume_lower": "volume_load_lower_kg",
    "volume_upper": "volume_load_upper_kg",
    "leg": "leg_sessions",
    "stretched_leg": "stretched_sessions",
    "done": "days_done",
}


def training_days(sets: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per session date what its sets credit, whether it is a leg session and (daily program)
    done; per week the sums of its days and how many prescribed exercises it covered."""
    position = sets["exercise_slug"].map(rules.prescribed)
    by_date = sets.assign(prescribed_reps=sets["reps"].where(position.notna())).groupby(
        "session_date"
    )
    days = by_date[DAY_SUMS].sum().rename(columns={"stretch": "stretch_sets"})
    days["sets_logged"] = by_date.size()
    days["week_start"] = monday(days.index.to_series())
    days["leg"] = days["lower"] >= rules.thresholds["leg_session_min_sets"]
    days["stretched_leg"] = days["leg"] & (days["stretch_sets"] > 0)
    days["done"] = False
    if rules.daily:
        in_program = (days.index >= rules.start) & (days.index < rules.end)
        days["done"] = in_program & (days["prescribed_reps"] >= rules.daily_target)
    by_week = days.groupby("week_start")[list(WEEK_SUMS)].sum().rename(columns=WEEK_SUMS)
    covered = sets[sets["working"] & position.notna()].assign(position=position)
    by_week["covered"] = covered.groupby("week_start")["position"].nunique()
    return days, by_week


def between(days: pd.DataFrame, first, last) -> pd.DataFrame:
    if first is None:
        return days.iloc[0:0]
    return days[(days.index >= first) & (days.index <= last)]


def band(share: float, t: dict) -> str | None:
    if pd.isna(share):
        return None
    if share < t["lower_share_min"]:
        return "top-heavy"
    return "lower-dominant" if share > t["lower_share_max"] else "balanced"


def share(lower: float, upper: float) -> float:
    return lower / (lower + upper) if lower + upper else math.nan


def leg_sessions(days: pd.DataFrame, rules: Rules, first, last) -> pd.DataFrame:
    """The window's leg sessions with the gap since the previous one and its traffic light."""
    legs = between(days, first, last)
    legs = legs[legs["leg"]]
    dates = legs.index.to_series()
    gap = (dates - dates.shift()).dt.days
    rest = rules.thresholds["min_rest_days"]
    light = np.select([gap >= rest, gap == rest - 1, gap.notna()], ["green", "amber", "red"], None)
    return pd.DataFrame(
        {
            "session_date": dates.to_numpy(),
            "working_sets_lower": legs["lower"].to_numpy(),
            "stretch_sets": legs["stretch_sets"].to_numpy(),
            "stretched": (legs["stretch_sets"] > 0).to_numpy(),
            "previous_session": dates.shift().to_numpy(),
            "gap_days": gap.astype("Int64").to_numpy(),
            # Daily programs are exempt from the rest rule: no light.
            "light": [None] * len(legs) if rules.daily else light,
        }
    )


def weeks(by_week: pd.DataFrame, rules: Rules, first, last, today) -> pd.DataFrame:
    """The complete ISO weeks inside the window and over before today, with what each counts,
    and whether each is a whole week of the current program (in_program)."""
    if first is None:
        return pd.DataFrame(columns=[*WEEK_COLUMNS, "in_program"])
    end = min(last, today - DAY)
    sunday = end - (end.weekday() + 1) % 7 * DAY
    mondays = pd.date_range(first + (-first.weekday()) % 7 * DAY, sunday - 6 * DAY, freq="7D")
    w = by_week.reindex(mondays)
    total = w["working_sets_lower"] + w["working_sets_upper"]
    w["lower_share"] = w["working_sets_lower"] / total.where(total > 0)
    w = w.fillna({c: 0 for c in w.columns if c != "lower_share"})
    t = rules.thresholds
    w["balance_band"] = [band(s, t) for s in w["lower_share"]]
    legs = w["leg_sessions"].astype(int)
    frequency = np.select(
        [legs < t["leg_freq_min"], legs > t["leg_freq_max"]], ["under", "over"], "in band"
    )
    # Daily programs are exempt from the weekly band.
    w["frequency"] = None if rules.daily else frequency
    starts = w.index.to_series()
    in_program = (
        (starts >= rules.start) & (starts + 6 * DAY < rules.end)
        if rules.program is not None
        else pd.Series(False, index=w.index)
    )
    if rules.program is None:
        attendance = coverage = pd.Series(math.nan, index=w.index)
    elif rules.daily:
        program_days = (
            np.minimum(starts + 6 * DAY, rules.end - DAY) - np.maximum(starts, rules.start)
        ).dt.days + 1
        attendance = w["days_done"] / program_days.where(program_days > 0)
        coverage = pd.Series(math.nan, index=w.index)
    else:
        target = rules.weekly_target
        attendance = (np.minimum(legs, target) / target).where(in_program)
        count = rules.prescribed_count or math.nan
        coverage = (w["covered"] / count).where(in_program & (legs > 0))
    w["in_program"] = in_program
    w["attendance"] = attendance
    w["coverage"] = coverage
    w["adherence"] = ((attendance + coverage) / 2).fillna(attendance)
    w["leg_sessions"] = legs
    w["stretched_sessions"] = w["stretched_sessions"].astype(int)
    w["week_start"] = w.index
    w["week"] = w.index.strftime("%G-W%V")
    return w.reset_index(drop=True)[[*WEEK_COLUMNS, "in_program"]]


def adherence(days, week_frame, rules: Rules, first, last, today) -> float | None:
    """Weekly programs: mean of attendance over the in-program weeks and exercise coverage
    over those with a leg session; daily programs: days done / program days before today."""
    if rules.program is None or first is None:
        return None
    if rules.daily:
        span_first = max(first, rules.start)
        span_last = min(last, today - DAY, rules.end - DAY)
        span = (span_last - span_first).days + 1
        done = between(days, span_first, span_last)["done"].sum()
        return done / span if span > 0 else None
    # A week's attendance min(leg sessions, t) / t has a value exactly in the weeks inside
    # the assignment, and t is the same every week: Σ min(leg sessions, t) / Σ t is its mean.
    attendance, coverage = week_frame["attendance"].mean(), week_frame["coverage"].mean()
    if pd.isna(attendance):
        return None
    return attendance if pd.isna(coverage) else (attendance + coverage) / 2


def week_of(day: pd.Timestamp) -> pd.Timestamp:
    """The Monday of the ISO week of `day`."""
    return day - day.weekday() * DAY


def compliance_window(sets: pd.DataFrame, today: pd.Timestamp) -> tuple:
    """The last 12 complete ISO weeks, ending on the Sunday before today and starting no
    earlier than the Monday of the first logged set: (first, last, None); while no such week
    is over, (None, last, the Monday after the first set's week), when a set is logged."""
    last = today - today.isoweekday() * DAY
    first_set = sets["session_date"].min()
    if pd.isna(first_set):
        return None, last, None
    first = max(week_of(first_set), last - 83 * DAY)
    if first > last:
        return None, last, week_of(first_set) + 7 * DAY
    return first, last, None


def is_new(rules: Rules, sets: pd.DataFrame, today: pd.Timestamp) -> bool:
    """On the roster, and logging, for less than inactive_days: new, not inactive."""
    settled = today - rules.thresholds["inactive_days"] * DAY
    first_set = sets["session_date"].min()
    return rules.added_on > settled and (pd.isna(first_set) or first_set > settled)


# The fields of coachkit.metrics.Flag: a flag is compared by its rule and numbers, not by the
# words present.py gives it.
FLAG_FIELDS = ("rule", "days", "count", "of", "value", "limit", "short", "rest_days")


def flag(rule: str, **numbers) -> dict:
    return {**dict.fromkeys(FLAG_FIELDS), "rule": rule, **numbers}


def flags(
    rules: Rules, days, by_week, today, program_adherence, program_weeks: int, new: bool
) -> list[dict]:
    """METRICS.md's needs-attention rules, in its order: the last balance_window_days days,
    the last 4 complete weeks, the program's adherence over its complete weeks, and the last
    inactive_days days unless the client is new. The daily plan is judged by its adherence."""
    t = rules.thresholds
    span = t["balance_window_days"]
    first = today - (span - 1) * DAY
    found = []
    last_days = between(days, first, today)
    lower_share = share(last_days["lower"].sum(), last_days["upper"].sum())
    if band(lower_share, t) == "top-heavy":
        found.append(flag("top_heavy", days=span, value=lower_share, limit=t["lower_share_min"]))
    sessions = leg_sessions(days, rules, first, today)
    gaps = sessions["gap_days"].notna().sum()
    ok, red = (sessions["light"] == "green").sum(), (sessions["light"] == "red").sum()
    if not rules.daily and (red or (gaps >= 2 and ok / gaps < t["recovery_min"])):
        found.append(flag("too_little_rest", days=span, count=ok, of=gaps, value=ok / gaps,
                          limit=t["recovery_min"], short=red,
                          rest_days=t["min_rest_days"]))  # fmt: skip
    sunday = today - today.isoweekday() % 7 * DAY
    last4 = weeks(by_week, rules, sunday - 27 * DAY, sunday, today)
    over = (last4["frequency"] == "over").sum()
    if not rules.daily and over >= 2:
        found.append(flag("too_many_leg_days", count=over, of=len(last4), limit=t["leg_freq_max"]))
    legs, stretched = len(sessions), sessions["stretched"].sum()
    if rules.stretching_asked and legs >= 2 and stretched / legs < t["stretching_min"]:
        found.append(flag("no_stretching", days=span, count=stretched, of=legs,
                          value=stretched / legs, limit=t["stretching_min"]))  # fmt: skip
    behind = program_adherence is not None and program_adherence < t["adherence_min"]
    if behind and program_weeks >= 2:
        found.append(flag("behind_program", of=program_weeks, value=program_adherence,
                          limit=t["adherence_min"]))  # fmt: skip
    recent = between(days, today - (t["inactive_days"] - 1) * DAY, today)
    if not new:
        if not rules.daily and not recent["leg"].any():
            found.append(flag("no_leg_session", days=t["inactive_days"]))
        if recent.empty:
            found.append(flag("no_logged_set", days=t["inactive_days"]))
    return found


class Numbers(NamedTuple):
    report: dict  # as `coachkit report --json` prints it (present.report_json), flags aside
    weeks: pd.DataFrame  # the compliance window's complete weeks
    sessions: pd.DataFrame  # and its leg sessions
    last_session: date | None  # the last day with a logged set up to today


def client_numbers(rules: Rules, sets: pd.DataFrame, today: pd.Timestamp) -> Numbers:
    """One client's numbers of METRICS.md, counted from their credited set rows."""
    t = rules.thresholds
    days, by_week = training_days(sets, rules)
    first, last, compliance_from = compliance_window(sets, today)
    # Balance looks at the last balance_window_days days, today included; adherence at the
    # complete weeks from the current program's start to the compliance window's Sunday.
    balance_first = today - (t["balance_window_days"] - 1) * DAY
    program_first = rules.start if rules.start is not None and rules.start <= last else None

    balance = between(days, balance_first, today)
    lower, upper = balance["lower"].sum(), balance["upper"].sum()
    sessions = leg_sessions(days, rules, first, last)
    week_frame = weeks(by_week, rules, first, last, today)
    program_weeks = weeks(by_week, rules, program_first, last, today)
    program_adherence = adherence(days, program_weeks, rules, program_first, last, today)
    gaps = sessions["gap_days"].notna().sum()
    ok = (sessions["light"] == "green").sum()
    in_band = (week_frame["frequency"] == "in band").sum()
    counted = len(week_frame)
    exempt = rules.daily  # from the rest rule and the weekly band
    new = is_new(rules, sets, today)
    report = {
        "client": rules.name,
        "window_start": first,
        "window_end": last if first is not None else None,
        "compliance_from": compliance_from,
        "balance_window_start": balance_first,
        "balance_window_end": today,
        "working_sets_lower": lower,
        "working_sets_upper": upper,
        "lower_share": share(lower, upper),
        "balance_band": band(share(lower, upper), t),
        "leg_sessions": len(sessions),
        "first_leg_session": sessions["session_date"].min() if len(sessions) else None,
        "last_leg_session": sessions["session_date"].max() if len(sessions) else None,
        "recovery_gaps": gaps,
        "recovery_gaps_ok": None if exempt else ok,
        "recovery_compliance": None if exempt or not gaps else ok / gaps,
        "weeks": counted,
        "weeks_leg_frequency_ok": None if exempt else in_band,
        "weeks_under": None if exempt else (week_frame["frequency"] == "under").sum(),
        "weeks_over": None if exempt else (week_frame["frequency"] == "over").sum(),
        "leg_frequency_compliance": None if exempt or not counted else in_band / counted,
        "stretching_compliance": sessions["stretched"].mean() if len(sessions) else None,
        "adherence": program_adherence,
        # Without adherence yet, the day the program's first whole week is over.
        "adherence_from": None if program_adherence is not None or rules.start is None
        else week_of(rules.start + 6 * DAY) + 7 * DAY,
        "new_client": new,
    }  # fmt: skip
    report = {key: plain(value) for key, value in report.items()}
    whole_weeks = int(program_weeks["in_program"].sum())
    report["flags"] = flags(rules, days, by_week, today, program_adherence, whole_weeks, new)
    report["thresholds"] = dict(t)
    logged = days.index[days.index <= today]
    return Numbers(report, week_frame, sessions, logged.max().date() if len(logged) else None)


def plain(value):
    """A report value as the JSON report has it: 4 places, dates as text, None for none."""
    if isinstance(value, list):
        return value
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float):
        return round(float(value), 4)
    return value


def e1rm_frame(sets: pd.DataFrame, first, last) -> pd.DataFrame:
    """Weekly best Epley e1RM of the three lower lifts with most working sets in the window,
    and each lift's least-squares trend over the last 12 weeks, % per week of their mean."""
    if first is None:
        return pd.DataFrame(columns=E1RM_COLUMNS)
    from_day = min(first, last - 83 * DAY)  # reach back 12 weeks even for a new program
    day = sets["session_date"]
    lifts = sets[
        sets["working"]
        & (sets["region"] == "lower")
        & sets["exercise_slug"].notna()
        & (day >= from_day)
        & (day <= last)
    ]
    counts = lifts[lifts["session_date"] >= first].groupby("exercise_slug").size()
    main = counts.reset_index(name="n").sort_values(["n", "exercise_slug"], ascending=[False, True])
    lifts = lifts[lifts["exercise_slug"].isin(main["exercise_slug"].head(3))]
    lifts = lifts[lifts["reps"].between(1, 10) & (lifts["weight_kg"] > 0)]
    weekly = (
        lifts.assign(
            e1rm_kg=lifts["weight_kg"] * (1 + lifts["reps"] / 30),
            recent=lifts["session_date"] > last - 84 * DAY,
        )
        .groupby(["exercise_slug", "week_start"], as_index=False)
        .agg(e1rm_kg=("e1rm_kg", "max"), recent=("recent", "any"))
    )
    trends = {}
    for slug, lift in weekly[weekly["recent"]].groupby("exercise_slug"):
        x = (lift["week_start"] - lift["week_start"].min()).dt.days / 7
        y = lift["e1rm_kg"]
        spread = ((x - x.mean()) ** 2).sum()
        slope = ((x - x.mean()) * (y - y.mean())).sum() / spread if spread else math.nan
        trends[slug] = 100 * slope / y.mean()
    weekly["trend_pct_per_week"] = weekly["exercise_slug"].map(trends)
    return weekly[E1RM_COLUMNS]


def reference_dashboard(store: Store, coach_id, client_id, today: date) -> dict:
    """One client's dashboard, the straightforward pandas way."""
    inputs = read_inputs(store, coach_id, client_id)
    now = pd.Timestamp(today)
    client = inputs.clients.iloc[0].to_dict()
    rules = resolve(client, inputs.assignments, inputs.exercises, now)
    sets = credit(inputs.sets)
    numbers = client_numbers(rules, sets, now)
    first, last, _ = compliance_window(sets, now)
    return {"report": numbers.report, "program": rules.program, "weeks": numbers.weeks,
            "sessions": numbers.sessions, "e1rm": e1rm_frame(sets, first, last)}  # fmt: skip


def reference_roster(store: Store, coach_id, today: date) -> pd.DataFrame:
    """A coach's roster, the straightforward pandas way: one read, then a loop over clients."""
    inputs = read_inputs(store, coach_id)
    now = pd.Timestamp(today)
    sets = credit(inputs.sets)
    sets_of = dict(tuple(sets.groupby("client_id")))
    assignments_of = dict(tuple(inputs.assignments.groupby("client_id")))
    rows = []
    for client in inputs.clients.to_dict("records"):
        key = client["client_id"]
        assigned = assignments_of.get(key, inputs.assignments.iloc[0:0])
        rules = resolve(client, assigned, inputs.exercises, now)
        numbers = client_numbers(rules, sets_of.get(key, sets.iloc[0:0]), now)
        rows.append(
            {
                "client_id": key,
                "name": rules.name,
                "program": rules.program,
                "last_session": numbers.last_session,
                **{k: numbers.report[k] for k in ROSTER_NUMBERS},
            }
        )
    frame = pd.DataFrame(rows, columns=ROSTER_CHECKED[:-1])
    frame["flagged"] = frame["flags"].map(bool)
    return frame.sort_values(["flagged", "name"], ascending=[False, True], ignore_index=True)


# --- coachkit, in the same shapes -------------------------------------------------------------


def report_numbers(report: metrics.Report) -> dict:
    """The report as `coachkit report --json` prints it, but each flag as its rule and numbers
    (metrics.Flag), not in present.py's words: the bench checks the counting, not the words."""
    return {**present.report_json(report), "flags": [asdict(f) for f in report.flags]}


def coachkit_dashboard(store: Store, coach_id, client_id, today: date) -> dict:
    board = metrics.dashboard(store, coach_id, client_id, today=today)
    return {"report": report_numbers(board.report), "program": board.report.program,
            "weeks": board.weeks, "sessions": board.sessions, "e1rm": board.e1rm}  # fmt: skip


def coachkit_roster(store: Store, coach_id, today: date) -> pd.DataFrame:
    rows = []
    for entry in metrics.roster(store, coach_id, today=today):
        report = report_numbers(entry.report)
        rows.append(
            {
                "client_id": entry.client_id,
                "name": entry.name,
                "program": entry.report.program,
                "last_session": entry.last_session,
                **{k: report[k] for k in ROSTER_NUMBERS},
            }
        )
    frame = pd.DataFrame(rows, columns=ROSTER_CHECKED[:-1])
    frame["flagged"] = frame["flags"].map(bool)
    return frame


# --- comparing ---------------------------------------------------------------------------------


def missing(value) -> bool:
    return not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value))


def same(a, b, tol: float) -> bool:
    """Equal, with None, NaN, NaT and NA all meaning "no value" and numbers within tol."""
    if missing(a) or missing(b):
        return missing(a) and missing(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], tol) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, tol) for x, y in zip(a, b, strict=True))
    numbers = (int, float, np.integer, np.floating)
    if isinstance(a, numbers) and isinstance(b, numbers):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=tol)
    return a == b


# Reports and rosters round to 4 places, each side on its own, and DuckDB's parallel sums do
# not always add in the same order: a value on a rounding edge (0.26875) can come out as 0.2687
# in one run and 0.2688 in the next. One unit in the last place is therefore no difference.
ROUNDED = 1.01e-4
UNROUNDED = 1e-9  # the frames' numbers, as computed


def report_differences(label: str, ours: dict, ref: dict) -> list[str]:
    return [
        f"{label} {key}: coachkit {ours.get(key)!r}, reference {ref.get(key)!r}"
        for key in dict.fromkeys([*ours, *ref])
        if not same(ours.get(key), ref.get(key), ROUNDED)
    ]


def frame_differences(
    label: str, ours: pd.DataFrame, ref: pd.DataFrame, columns, tol: float = UNROUNDED
) -> list[str]:
    if len(ours) != len(ref):
        return [f"{label}: coachkit has {len(ours)} rows, reference {len(ref)}"]
    found = []
    for column in columns:
        for i, (a, b) in enumerate(zip(ours[column].tolist(), ref[column].tolist(), strict=True)):
            if not same(a, b, tol):
                found.append(f"{label} row {i} {column}: coachkit {a!r}, reference {b!r}")
    return found


def dashboard_differences(name: str, ours: dict, ref: dict) -> list[str]:
    found = report_differences(f"dashboard {name}: report", ours["report"], ref["report"])
    if ours["program"] != ref["program"]:
        found.append(f"dashboard {name}: program {ours['program']!r} vs {ref['program']!r}")
    for frame, columns in (("weeks", WEEK_COLUMNS), ("sessions", SESSION_COLUMNS),
                           ("e1rm", E1RM_COLUMNS)):  # fmt: skip
        found += frame_differences(f"dashboard {name}: {frame}", ours[frame], ref[frame], columns)
    return found


def roster_differences(coach: str, ours: pd.DataFrame, ref: pd.DataFrame) -> list[str]:
    ours = ours.assign(client_id=ours["client_id"].map(str))
    return frame_differences(f"roster {coach}", ours, ref, ROSTER_CHECKED, ROUNDED)


# --- timing and the report ---------------------------------------------------------------------


def timed(call: Callable, *args) -> tuple[float, object]:
    """Milliseconds of one call. As timeit does, the garbage the other contender left is
    collected first and the collector is off during the call, so neither pays for the other."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        result = call(*args)
        return (time.perf_counter() - started) * 1000, result
    finally:
        gc.enable()


def stop_on(differences: list[str]) -> None:
    if differences:
        print(f"MISMATCH: coachkit and the reference disagree ({len(differences)} differences):")
        for line in differences[:SHOWN_DIFFERENCES]:
            print(f"  {line}")
        raise SystemExit(1)


@dataclass
class Figures:
    """The timed runs of one measurement, coachkit's and the reference's, in ms."""

    target_ms: float
    ours: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)

    def median(self, who: str) -> float:
        return float(np.median(getattr(self, who)))

    def p90(self, who: str) -> float:
        return float(np.percentile(getattr(self, who), 90))

    @property
    def ratio(self) -> float:
        return self.median("reference") / self.median("ours")

    @property
    def passed(self) -> bool:
        return self.median("ours") <= self.target_ms

    def summary(self) -> dict:
        names = {"ours": "coachkit", "reference": "reference"}
        return {
            "runs_ms": {n: [round(ms, 2) for ms in getattr(self, w)] for w, n in names.items()},
            "median_ms": {n: round(self.median(w), 2) for w, n in names.items()},
            "p90_ms": {n: round(self.p90(w), 2) for w, n in names.items()},
            "reference_over_coachkit": round(self.ratio, 2),
            "target_ms": self.target_ms,
            "pass": self.passed,
        }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def check_sample(store: Store, coaches: list, ids: dict, today: date) -> list[str]:
    """The correctness gate before the timing, which warms both contenders up too: the
    CHECK_OFFSETS clients of every coach and the first coach's roster. Returns the programs
    of the clients checked."""
    sample = [
        (i, gymchain.client_name(i, CHECK_OFFSETS[j % len(CHECK_OFFSETS)]))
        for i in range(len(coaches))
        for j in (2 * i, 2 * i + 1)
    ]
    programs = []
    for i, name in [key for key in sample if key in ids]:
        ours = coachkit_dashboard(store, coaches[i], ids[i, name], today)
        ref = reference_dashboard(store, coaches[i], ids[i, name], today)
        stop_on(dashboard_differences(name, ours, ref))
        own = ref["report"]["thresholds"] != DEFAULTS
        programs.append((ref["program"] or "no program") + (" with own thresholds" if own else ""))
    ours = coachkit_roster(store, coaches[0], today)
    ref = reference_roster(store, coaches[0], today)
    stop_on(roster_differences(gymchain.coach_email(0), ours, ref))
    return programs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2000, help="clients in the gym chain")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--clients-timed", type=int, default=30, help="dashboards timed")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of timed dashboards")
    parser.add_argument("--rosters", type=int, help="rosters timed (default: one per coach)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on this PostgreSQL database instead of the file: an empty one gets the chain "
        "copied in (coachkit migrate-to), one that holds it is re-used; with --smoke, a server "
        "(libpq string) where a database is created for the run and dropped after it",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"a quick check that the bench still runs: a chain of {gymchain.SMOKE_CLIENTS} "
        "clients in a temporary folder, every dashboard (on PostgreSQL "
        f"{SMOKE_TIMED_POSTGRES}) checked and timed once, one roster (ignores --clients, "
        "--out, --clients-timed, --rounds and --rosters)",
    )
    args = parser.parse_args(argv)
    if not args.smoke:
        return run_bench(args)
    with tempfile.TemporaryDirectory(prefix="coachkit-smoke-") as tmp, ExitStack() as stack:
        args.clients, args.rounds, args.rosters, args.out = gymchain.SMOKE_CLIENTS, 1, 1, Path(tmp)
        # Every kind of client is checked on the file; on PostgreSQL, where a dashboard takes two
        # to three times as long, a few show that the same queries run through the extension.
        args.clients_timed = SMOKE_TIMED_POSTGRES if args.postgres else gymchain.SMOKE_CLIENTS
        if args.postgres:
            args.postgres = stack.enter_context(fresh_database(args.postgres))
        return run_bench(args)


def run_bench(args: argparse.Namespace) -> int:
    today = gymchain.ANCHOR

    started = time.perf_counter()
    path, facts = gymchain.ensure(args.out, args.clients, args.seed)
    prepared_s = time.perf_counter() - started
    size = path.stat().st_size
    print(
        f"database {path}: {facts['set_rows']:,} set rows, {facts['clients']:,} clients of "
        f"{facts['coaches']} coaches, {size / 2**20:.0f} MB (ready in {prepared_s:.1f} s; "
        f"building it took {facts['build_s']} s)"
    )
    print(f"today {today}, {os.cpu_count()} cores")
    url = str(path)
    if args.postgres:
        url = args.postgres
        started = time.perf_counter()
        try:
            copied = sum(table.target_rows for table in copy_database(str(path), url))
            took = time.perf_counter() - started
            print(f"copied {copied:,} rows into PostgreSQL in {took:.0f} s")
        except StoreError as exc:
            if "already holds data" not in str(exc):
                raise
            print("PostgreSQL: re-using the chain copied there before")

    dashboards = Figures(DASHBOARD_TARGET_MS)
    rosters = Figures(ROSTER_TARGET_MS)
    roster_sizes = []
    with open_store(url) as store:
        coaches = [
            auth.coach_by_email(store, gymchain.coach_email(i)).id for i in range(facts["coaches"])
        ]
        # (coach index, client name) -> client id, for every client of the chain.
        ids = {
            (i, row.name): row.id
            for i, coach_id in enumerate(coaches)
            for row in clients.roster(store, coach_id).itertuples()
        }
        checked = check_sample(store, coaches, ids, today)
        mix = ", ".join(f"{n} {label}" for label, n in Counter(checked).most_common())
        print(f"checked {len(checked)} dashboards ({mix}) and 1 roster: they agree")

        # The timing, in blocks: every picked client with one contender, then with the other,
        # the order swapped each round, so that drift hits both alike while neither times its
        # calls in the wake of the other's; every result is checked once its clock has stopped.
        picked = Random(args.seed).sample(sorted(ids), min(args.clients_timed, len(ids)))
        contenders = [
            (coachkit_dashboard, dashboards.ours),
            (reference_dashboard, dashboards.reference),
        ]
        for round_ in range(args.rounds):
            results = {}
            for call, times in contenders if round_ % 2 == 0 else contenders[::-1]:
                for i, name in picked:
                    ms, result = timed(call, store, coaches[i], ids[i, name], today)
                    times.append(ms)
                    results.setdefault(name, []).append(result)
            for name, (first, second) in results.items():
                ours, ref = (first, second) if round_ % 2 == 0 else (second, first)
                stop_on(dashboard_differences(name, ours, ref))
        print(
            f"timed {len(picked)} dashboards of different clients {args.rounds} times: they agree"
        )
        for run in range(args.rosters or len(coaches)):
            coach_id, email = coaches[run % len(coaches)], gymchain.coach_email(run % len(coaches))
            ms, ours = timed(coachkit_roster, store, coach_id, today)
            rosters.ours.append(ms)
            ms, ref = timed(reference_roster, store, coach_id, today)
            rosters.reference.append(ms)
            roster_sizes.append(len(ours))
            stop_on(roster_differences(email, ours, ref))
            print(
                f"  roster {run + 1} ({email}, {len(ours)} clients): coachkit "
                f"{rosters.ours[-1]:.0f} ms, reference {rosters.reference[-1]:.0f} ms: they agree"
            )

    print()
    print(f"{'':24} {'coachkit ms':>17} {'reference ms':>17} {'reference/':>11}")
    print(f"{'':24} {'median':>8}{'p90':>9} {'median':>8}{'p90':>9} {'coachkit':>11}")
    rows = (("dashboard, 1 client", dashboards), (f"roster, {max(roster_sizes)} clients", rosters))
    for label, figures in rows:
        print(
            f"{label:24} {figures.median('ours'):8.1f}{figures.p90('ours'):9.1f} "
            f"{figures.median('reference'):8.1f}{figures.p90('reference'):9.1f} "
            f"{figures.ratio:10.1f}x  target median <= {figures.target_ms:.0f} ms: "
            f"{verdict(figures.passed)}"
        )
    passed = dashboards.passed and rosters.passed
    print(f"verdict: {verdict(passed)}" + ("" if passed else " (a report: exit code stays 0)"))

    summary = {
        "database": {**facts, "path": str(path), "bytes": size},
        "backend": "postgres" if args.postgres else "duckdb",
        "today": today.isoformat(),
        "cores": os.cpu_count(),
        "checked": {
            "dashboards": len(checked) + len(picked),
            "rosters": 1 + len(roster_sizes),
            "sample": dict(Counter(checked)),
        },
        "dashboard": dashboards.summary(),
        "roster": {**rosters.summary(), "clients": roster_sizes},
        "pass": passed,
    }
    target = args.out / ("metrics-postgres.json" if args.postgres else "metrics.json")
    target.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nfigures written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
