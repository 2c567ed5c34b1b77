"""The numbers of METRICS.md, computed in SQL over the set rows (coachkit/sql/metrics/).

One metrics request runs on one cursor: `scope.sql` picks the clients (one, or a
coach's whole roster) with the thresholds that apply to each (the client's own setting, else
the current weekly program's, else the default of `Thresholds`) and their windows of dates;
`blocks.sql` defines leg sessions, gaps and weeks once over that scope; the summary,
weekly, leg-session and e1RM queries read those views. Python only rounds, picks each number
from its window and names the flags: what is returned is data (a frozen `Report`), and
present.py gives it its words. The windows, as METRICS.md sets them:

- balance: the last `balance_window_days` (28) days, today included;
- compliance (recovery, weekly frequency, stretching, adherence): from the start of the current
  assignment, or the first logged set without one, to the end of the last complete ISO week
  before today; week-based numbers count only complete weeks inside the window;
- roster flags: the last 28 days, and the last `inactive_days` (14) for the two "no ..." rules;
- `since`/`until` replace the balance and compliance windows with one window, and the flags
  then look back from `until`.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from coachkit.clients import ClientError
from coachkit.clock import utc_now
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
    if not 0 <= v.adherence_min <= 1:
        problems.append("adherence_min is between 0 and 1")
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
    "adherence",
)

# The rules of METRICS.md's roster flags, in the order it lists them.
TOP_HEAVY = "top_heavy"
RED_GAP = "red_gap"
NO_LEG_SESSION = "no_leg_session"
BEHIND_PROGRAM = "behind_program"
NO_LOGGED_SET = "no_logged_set"


@dataclass(frozen=True)
class Flag:
    """One reason a client needs attention, with the numbers it was judged by; the words are
    present.py's."""

    rule: str  # one of the rules above
    days: int | None = None  # the look-back of the two inactivity rules
    limit: float | None = None  # the threshold a number fell below


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
    window_start: date | None  # the compliance window; None without logs or a program
    window_end: date | None
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
    flags: tuple[Flag, ...]
    thresholds: Thresholds  # the rules the numbers were counted with


@dataclass(frozen=True)
class Dashboard:
    """Everything the client page draws: the report, and the frames behind each chart (one
    row per complete week, per leg session, per lift and week)."""

    report: Report
    weeks: pd.DataFrame
    sessions: pd.DataFrame
    e1rm: pd.DataFrame

    @property
    def thresholds(self) -> Thresholds:
        return self.report.thresholds


@dataclass(frozen=True)
class RosterEntry:
    """One client of a coach's roster: who, their last logged day, and their report."""

    client_id: uuid.UUID
    name: str
    archived: bool
    last_session: date | None
    report: Report


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


def _flags(flagged: dict, recent: dict, t: Thresholds) -> tuple[Flag, ...]:
    """The needs-attention reasons of METRICS.md, in the order it lists them."""
    found = []
    if flagged["balance_band"] == "top-heavy":
        found.append(Flag(TOP_HEAVY))
    if flagged["recovery_gaps_red"]:
        found.append(Flag(RED_GAP))
    if recent["leg_sessions"] == 0:
        found.append(Flag(NO_LEG_SESSION, days=t.inactive_days))
    if flagged["adherence"] is not None and flagged["adherence"] < t.adherence_min:
        found.append(Flag(BEHIND_PROGRAM, limit=t.adherence_min))
    if recent["sets_logged"] == 0:
        found.append(Flag(NO_LOGGED_SET, days=t.inactive_days))
    return tuple(found)


def _count(cur: Cursor) -> dict[uuid.UUID, _Counted]:
    """Build the blocks of the scope on `cur` and make every scoped client's report."""
    cur.execute("metrics/blocks")
    windows: dict[tuple[uuid.UUID, str], dict] = {
        (row["client_id"], row["kind"]): row for row in cur.rows("metrics/summary")
    }
    counted = {}
    for (key, kind), compliance in windows.items():
        if kind != "compliance":
            continue
        balance = windows[key, "balance"]
        thresholds = _thresholds_of(compliance)
        report = Report(
            client=compliance["name"],
            program=compliance["program_name"],
            window_start=compliance["first_day"],
            window_end=compliance["last_day"] if compliance["first_day"] else None,
            balance_window_start=balance["first_day"],
            balance_window_end=balance["last_day"] if balance["first_day"] else None,
            **{k: _rounded(balance[k]) for k in BALANCE_FIELDS},
            **{k: _rounded(compliance[k]) for k in COMPLIANCE_FIELDS},
            flags=_flags(windows[key, "flags"], windows[key, "recent"], thresholds),
            thresholds=thresholds,
        )
        counted[key] = _Counted(compliance, report)
    return counted


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
        _scope(cur, coach_id, client_id, since, until, today or date.today())
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
        _scope(cur, coach_id, client_id, since, until, today or date.today())
        counted = _one(cur, client_id)
        return Dashboard(
            report=counted.report,
            weeks=cur.frame("metrics/weeks"),
            sessions=cur.frame("metrics/sessions"),
            e1rm=cur.frame("metrics/e1rm"),
        )


def roster(
    store: Store,
    coach_id: uuid.UUID,
    today: date | None = None,
    include_archived: bool = False,
) -> list[RosterEntry]:
    """One entry per client of the coach, those needing attention first (then by name): the
    report and the last logged day."""
    with store.cursor() as cur:
        _scope(cur, coach_id, None, None, None, today or date.today(), include_archived)
        counted = _count(cur)
    entries = [
        RosterEntry(
            client_id=key,
            name=client["name"],
            archived=client["archived"],
            last_session=client["last_set"],
            report=report,
        )
        for key, (client, report) in counted.items()
    ]
    return sorted(entries, key=lambda entry: (not entry.report.flags, entry.name))
