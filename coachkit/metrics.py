"""The numbers of METRICS.md, computed in SQL over the set rows (coachkit/sql/metrics/).

One metrics request runs on one cursor: `scope.sql` picks the clients (one, or a
coach's whole roster) with the thresholds that apply to each (the client's own setting, else
the current weekly program's, else the default of `Thresholds`) and their windows of dates;
`blocks.sql` defines leg sessions, gaps and weeks once over that scope; the summary,
weekly, leg-session and e1RM queries read those views. Python only rounds, picks each number
from its window and names the flags: what is returned is data (a frozen `Report`), and
present.py gives it its words. The windows, as METRICS.md sets them:

- balance: the last `balance_window_days` (28) days, today included;
- compliance (recovery, weekly frequency, stretching): the last 12 complete ISO weeks, starting
  no earlier than the week of the client's first logged set, history before a program included;
  none until such a week is over (the report then says from which day there will be one);
- adherence: the complete weeks from the current program's start;
- roster flags: the last 28 days, the last `inactive_days` (14) for the two "no ..." rules, and
  the last 4 complete weeks for "too many leg days";
- `since`/`until` replace the balance, compliance and adherence windows with one window, and
  the flags then look back from `until`.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from coachkit import clock, planned, versions, weekdays
from coachkit.clients import ClientError
from coachkit.clock import utc_now
from coachkit.planned import Calendar, Logged, Logs
from coachkit.store import Cursor, Store

if TYPE_CHECKING:
    import pandas as pd


class MetricsError(ValueError):
    """A metrics request or a threshold was refused; the message says why."""


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of METRICS.md with its default; each can be changed per client."""

    lower_share_min: float = 0.35  # below: top-heavy
    lower_share_max: float = 0.60  # above: lower-dominant
    min_rest_days: int = 3  # 72 h between heavy leg sessions: Israetel
    leg_freq_min: int = 1  # leg sessions a week
    leg_freq_max: int = 2
    leg_session_min_sets: float = 2.0  # lower credit that makes a date a leg session
    balance_window_days: int = 28
    adherence_min: float = 0.75
    inactive_days: int = 14
    recovery_min: float = 0.75  # "too little rest" below this share of long-enough rests
    stretching_min: float = 0.5  # "no stretching" below this share of stretched leg sessions


INTEGER_THRESHOLDS = frozenset(f.name for f in fields(Thresholds) if f.type == "int")


def _from_settings(row: dict) -> Thresholds:
    return Thresholds(**{k: v for k, v in row.items() if v is not None})


def thresholds(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID) -> Thresholds:
    """The client's own thresholds: each client setting, or the default where it is unset.

    A report also applies the current weekly program's band and rest days where the client has
    no setting of its own; these are the client's settings alone, as `set_thresholds` writes.
    """
    row = store.one("metrics/settings", {"coach_id": coach_id, "client_id": client_id})
    if row is None:
        raise ClientError("no such client")
    return _from_settings(row)


def _check(values: Thresholds) -> None:
    v = values
    problems = []
    if not 0 <= v.lower_share_min <= v.lower_share_max <= 1:
        problems.append("lower-share band needs 0 ≤ lower_share_min ≤ lower_share_max ≤ 1")
    if not 0 <= v.leg_freq_min <= v.leg_freq_max <= 7:
        problems.append("leg frequency needs 0 ≤ leg_freq_min ≤ leg_freq_max ≤ 7")
    if v.min_rest_days < 0:
        problems.append("min_rest_days cannot be negative")
    if v.leg_session_min_sets <= 0:
        problems.append("leg_session_min_sets must be above 0")
    if v.balance_window_days < 1 or v.inactive_days < 1:
        problems.append("balance_window_days and inactive_days are at least 1")
    for name in ("adherence_min", "recovery_min", "stretching_min"):
        if not 0 <= getattr(v, name) <= 1:
            problems.append(f"{name} is between 0 and 1")
    if problems:
        raise MetricsError("; ".join(problems))


def set_thresholds(
    store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, **values: float | int | None
) -> Thresholds:
    """Change some of a client's thresholds (None: back to the default); return them all."""
    unknown = sorted(set(values) - {f.name for f in fields(Thresholds)})
    if unknown:
        raise MetricsError(f"not a threshold: {', '.join(unknown)}")
    for name, value in values.items():
        if value is None:
            continue
        whole = name in INTEGER_THRESHOLDS
        if (
            isinstance(value, bool)
            or not isinstance(value, int if whole else (int, float))
            or not math.isfinite(value)
        ):
            raise MetricsError(
                f"{name} must be {'a whole' if whole else 'a'} number, not {value!r}"
            )
        values[name] = value if whole else float(value)
    with store.transaction() as cur:
        current = cur.one("metrics/settings", {"coach_id": coach_id, "client_id": client_id})
        if current is None:
            raise ClientError("no such client")
        stored = {**current, **values}
        _check(_from_settings(stored))
        cur.execute(
            "metrics/settings_upsert",
            {**stored, "coach_id": coach_id, "client_id": client_id, "now": utc_now()},
        )
        versions.changed(cur, coach_id)
    return _from_settings(stored)


# The fields of a Report read from the balance window and from the compliance window.
BALANCE_FIELDS = ("working_sets_lower", "working_sets_upper", "lower_share", "balance_band")
COMPLIANCE_FIELDS = (
    "leg_sessions",
    "first_leg_session",
    "last_leg_session",
    "recovery_gaps",
    "recovery_gaps_ok",
    "recovery_compliance",
    "weeks",
    "weeks_leg_frequency_ok",
    "weeks_under",
    "weeks_over",
    "leg_frequency_compliance",
    "stretching_compliance",
)

# The rules of METRICS.md's roster flags, in the order it lists them.
TOP_HEAVY = "top_heavy"
TOO_LITTLE_REST = "too_little_rest"
TOO_MANY_LEG_DAYS = "too_many_leg_days"
NO_STRETCHING = "no_stretching"
BEHIND_PROGRAM = "behind_program"
NO_LEG_SESSION = "no_leg_session"
NO_LOGGED_SET = "no_logged_set"


@dataclass(frozen=True)
class Flag:
    """One reason a client needs attention, with the numbers it was judged by; the words are
    present.py's. Each rule fills the fields its words need."""

    rule: str  # one of the rules above
    days: int | None = None  # the look-back in days
    count: int | None = None  # how many: stretched leg days, long-enough rests, weeks over
    of: int | None = None  # out of how many
    value: float | None = None  # the share judged
    limit: float | None = None  # the threshold it fell below (or the weekly maximum it passed)
    short: int | None = None  # too little rest: rests shorter than rest_days - 1 (red)
    rest_days: int | None = None  # too little rest: the rule's days


@dataclass(frozen=True)
class Report:
    """One client's numbers as METRICS.md defines them, over their windows.

    The fields are the keys of `coachkit report --json` (METRICS.md's list, the balance
    window's own dates, and weeks under and over the band), in that order, and the name of the
    program the numbers were counted under; present.py turns a Report into that object and
    into words. Ratios are rounded to 4 places; None where a metric has no value (METRICS.md
    says when).
    """

    client: str
    program: str | None  # the current program's name; not a key of the JSON
    window_start: date | None  # the compliance window; None until a complete week has a log
    window_end: date | None
    compliance_from: date | None  # without a compliance window: the day it will have one
    balance_window_start: date | None
    balance_window_end: date | None
    working_sets_lower: float
    working_sets_upper: float
    lower_share: float | None
    balance_band: str | None  # top-heavy, balanced, lower-dominant
    leg_sessions: int
    first_leg_session: date | None
    last_leg_session: date | None
    recovery_gaps: int
    recovery_gaps_ok: int | None  # None for a daily program: exempt from the rest rule
    recovery_compliance: float | None
    weeks: int
    weeks_leg_frequency_ok: int | None  # None for a daily program: exempt from the band
    weeks_under: int | None
    weeks_over: int | None
    leg_frequency_compliance: float | None
    stretching_compliance: float | None
    adherence: float | None  # None without a program and a complete week of it
    adherence_from: date | None  # without adherence yet: the day it will have a value
    new_client: bool  # on the roster and logging for less than inactive_days: not inactive
    flags: tuple[Flag, ...]
    thresholds: Thresholds  # the rules the numbers were counted with


@dataclass(frozen=True)
class Dashboard:
    """Everything the client page draws: the report, the frames behind each chart (one
    row per complete week, per leg session, per lift and week, per exercise without a load
    and week, per day of a daily plan) and the planned-vs-done calendar."""

    report: Report
    weeks: pd.DataFrame
    sessions: pd.DataFrame
    e1rm: pd.DataFrame
    best_sets: pd.DataFrame
    daily_reps: pd.DataFrame
    calendar: Calendar
    stretching_asked: bool  # the current program asks for a stretch after legs (or none is set)

    @property
    def thresholds(self) -> Thresholds:
        return self.report.thresholds


@dataclass(frozen=True)
class RosterEntry:
    """One client of a coach's roster: who, their last logged day, their report, and this
    week's planned dates against what was done."""

    client_id: uuid.UUID
    name: str
    archived: bool
    last_session: date | None
    report: Report
    week: planned.Week


def _scope(
    cur: Cursor,
    coach_id: uuid.UUID,
    client_id: uuid.UUID | None,
    since: date | None,
    until: date | None,
    today: date,
    include_archived: bool = False,
) -> None:
    """Define on `cur` the clients and windows of one metrics request (sql/metrics/scope.sql)."""
    if since is not None and until is not None and since > until:
        raise MetricsError(f"--since {since} is after --until {until}")
    defaults = {f"default_{name}": value for name, value in asdict(Thresholds()).items()}
    cur.execute("metrics/client", {"coach_id": coach_id, "client_id": client_id})
    cur.execute(
        "metrics/scope",
        {
            **defaults,
            "coach_id": coach_id,
            "client_id": client_id,
            "include_archived": include_archived,
            "since": since,
            "until": until,
            "today": today,
        },
    )


class _Counted(NamedTuple):
    client: dict  # the client's name, program and rules, and the compliance window's numbers
    report: Report


def _thresholds_of(client: dict) -> Thresholds:
    return Thresholds(**{f.name: client[f.name] for f in fields(Thresholds)})


def _rounded(value: Any) -> Any:
    # METRICS.md's 4 places, applied once here so that every rendering shows the same number.
    return round(value, 4) if isinstance(value, float) else value


def _is_new(window: dict) -> bool:
    """A client added, and logging, for less than inactive_days is new, not inactive."""
    settled = window["last_day"] - timedelta(days=window["inactive_days"])
    return window["added_on"] > settled and (
        window["first_set"] is None or window["first_set"] > settled
    )


def _flags(windows: dict[str, dict], t: Thresholds) -> tuple[Flag, ...]:
    """The needs-attention reasons of METRICS.md, in the order it lists them. The daily squat
    plan is judged by its days done (adherence), not by the weekly rules."""
    last28, recent, last4 = windows["flags"], windows["recent"], windows["last4"]
    program = windows["adherence"]
    daily, days = last28["daily"], last28["last_day"] - last28["first_day"] + timedelta(days=1)
    found = []
    if last28["balance_band"] == "top-heavy":
        found.append(Flag(TOP_HEAVY, days=days.days, value=last28["lower_share"],
                          limit=t.lower_share_min))  # fmt: skip
    gaps, ok, red = last28["recovery_gaps"], last28["recovery_gaps_ok"], last28["recovery_gaps_red"]
    if not daily and (red or (gaps >= 2 and ok / gaps < t.recovery_min)):
        found.append(Flag(TOO_LITTLE_REST, days=days.days, count=ok, of=gaps,
                          value=ok / gaps, limit=t.recovery_min, short=red,
                          rest_days=t.min_rest_days))  # fmt: skip
    if not daily and last4["weeks_over"] >= 2:
        found.append(Flag(TOO_MANY_LEG_DAYS, count=last4["weeks_over"], of=last4["weeks"],
                          limit=t.leg_freq_max))  # fmt: skip
    sessions, stretched = last28["leg_sessions"], last28["stretched_sessions"]
    if last28["stretching_asked"] and sessions >= 2 and stretched / sessions < t.stretching_min:
        found.append(Flag(NO_STRETCHING, days=days.days, count=stretched, of=sessions,
                          value=stretched / sessions, limit=t.stretching_min))  # fmt: skip
    adherence = program["adherence"]
    if adherence is not None and program["program_weeks"] >= 2 and adherence < t.adherence_min:
        found.append(Flag(BEHIND_PROGRAM, of=program["program_weeks"], value=adherence,
                          limit=t.adherence_min))  # fmt: skip
    if not _is_new(recent):
        if not daily and recent["leg_sessions"] == 0:
            found.append(Flag(NO_LEG_SESSION, days=t.inactive_days))
        if recent["sets_logged"] == 0:
            found.append(Flag(NO_LOGGED_SET, days=t.inactive_days))
    return tuple(found)


def _count(cur: Cursor) -> dict[uuid.UUID, _Counted]:
    """Build the blocks of the scope on `cur` and make every scoped client's report."""
    cur.execute("metrics/blocks")
    by_client: dict[uuid.UUID, dict[str, dict]] = {}
    for row in cur.rows("metrics/summary"):
        by_client.setdefault(row["client_id"], {})[row["kind"]] = row
    counted = {}
    for key, windows in by_client.items():
        compliance, balance = windows["compliance"], windows["balance"]
        program = windows["adherence"]
        thresholds = _thresholds_of(compliance)
        report = Report(
            client=compliance["name"],
            program=compliance["program_name"],
            window_start=compliance["first_day"],
            window_end=compliance["last_day"],
            compliance_from=compliance["compliance_from"],
            balance_window_start=balance["first_day"],
            balance_window_end=balance["last_day"] if balance["first_day"] else None,
            **{k: _rounded(balance[k]) for k in BALANCE_FIELDS},
            **{k: _rounded(compliance[k]) for k in COMPLIANCE_FIELDS},
            adherence=_rounded(program["adherence"]),
            adherence_from=program["adherence_from"] if program["adherence"] is None else None,
            new_client=_is_new(windows["recent"]),
            flags=_flags(windows, thresholds),
            thresholds=thresholds,
        )
        counted[key] = _Counted(compliance, report)
    return counted


def _calendars(cur: Cursor, counted: dict[uuid.UUID, _Counted]) -> dict[uuid.UUID, Calendar]:
    """Each counted client's planned-vs-done calendar (sql/metrics/calendar.sql, planned.py)."""
    logs: dict[uuid.UUID, list[Logs]] = {}
    for row in cur.rows("metrics/calendar"):
        logs.setdefault(row["client_id"], []).append(
            Logs(
                day=row["session_date"],
                leg_session=row["leg_session"],
                previous_leg_session=row["previous_leg_session"],
                program_sets=row["program_sets"],
                program_reps=int(row["program_reps"]),
                logged=tuple(Logged(e["exercise"], e["sets"]) for e in row["exercises"] or ()),
            )
        )
    return {
        key: planned.build(
            program=client["program_name"],
            start=client["program_start"],
            weekdays=weekdays.parse(client["planned_weekdays"] or ""),
            daily=client["daily"],
            target_reps=client["daily_target"],
            min_rest_days=report.thresholds.min_rest_days,
            logs=logs.get(key, []),
            today=client["today"],
        )
        for key, (client, report) in counted.items()
    }


def _one(cur: Cursor, client_id: uuid.UUID) -> _Counted:
    counted = _count(cur)
    if client_id not in counted:
        raise ClientError("no such client")
    return counted[client_id]


def client_report(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> Report:
    """One client's numbers (METRICS.md); `coachkit report --json` prints them."""
    with store.cursor() as cur:
        _scope(cur, coach_id, client_id, since, until, today or clock.today())
        return _one(cur, client_id).report


def dashboard(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> Dashboard:
    """The client page's numbers and chart frames, for the window `client_report` uses."""
    with store.cursor() as cur:
        _scope(cur, coach_id, client_id, since, until, today or clock.today())
        counted = _one(cur, client_id)
        return Dashboard(
            report=counted.report,
            weeks=cur.frame("metrics/weeks"),
            sessions=cur.frame("metrics/sessions"),
            e1rm=cur.frame("metrics/e1rm"),
            best_sets=cur.frame("metrics/best_sets"),
            daily_reps=cur.frame("metrics/daily_reps"),
            calendar=_calendars(cur, {client_id: counted})[client_id],
            stretching_asked=counted.client["stretching_asked"],
        )


def calendar(
    store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, today: date | None = None
) -> Calendar:
    """One client's planned-vs-done calendar; `coachkit calendar` prints it."""
    with store.cursor() as cur:
        _scope(cur, coach_id, client_id, None, None, today or clock.today())
        counted = _one(cur, client_id)
        return _calendars(cur, {client_id: counted})[client_id]


def roster(
    store: Store,
    coach_id: uuid.UUID,
    today: date | None = None,
    include_archived: bool = False,
) -> list[RosterEntry]:
    """One entry per client of the coach, those needing attention first (then by name): the
    report, the last logged day and this week's planned vs done."""
    today = today or clock.today()
    with store.cursor() as cur:
        _scope(cur, coach_id, None, None, None, today, include_archived)
        counted = _count(cur)
        calendars = _calendars(cur, counted)
    entries = [
        RosterEntry(
            client_id=key,
            name=client["name"],
            archived=client["archived"],
            last_session=client["last_set"],
            report=report,
            week=calendars[key].week(today),
        )
        for key, (client, report) in counted.items()
    ]
    return sorted(entries, key=lambda entry: (not entry.report.flags, entry.name))
