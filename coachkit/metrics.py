"""The numbers of METRICS.md, computed in SQL over the set rows (coachkit/sql/metrics/).

One metrics request runs on one cursor: `scope.sql` picks the clients (one, or a
coach's whole roster) with the thresholds that apply to each (the client's own setting, else
the current weekly program's, else the default of `Thresholds`) and their windows of dates;
`blocks.sql` defines leg sessions, gaps and weeks once over that scope; the summary,
weekly, leg-session and e1RM queries read those views. Python only rounds, picks each number
from its window and words the flags. The windows, as METRICS.md sets them:

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


# The keys of METRICS.md's report, after the balance ones, taken from the compliance window;
# weeks_under and weeks_over are ours, as are the balance window's own dates.
COMPLIANCE_KEYS = (
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
BALANCE_KEYS = ("working_sets_lower", "working_sets_upper", "lower_share", "balance_band")


@dataclass(frozen=True)
class Dashboard:
    """Everything the client page draws: the report, the rules it was counted with, and the
    frames behind each chart (one row per complete week, per leg session, per lift and week)."""

    report: dict
    thresholds: Thresholds
    program: str | None
    weeks: pd.DataFrame
    sessions: pd.DataFrame
    e1rm: pd.DataFrame


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
    report: dict


def _thresholds_of(client: dict) -> Thresholds:
    return Thresholds(**{f.name: client[f.name] for f in fields(Thresholds)})


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _flags(flagged: dict, recent: dict, t: Thresholds) -> list[str]:
    """The needs-attention reasons of METRICS.md, in the order it lists them."""
    reasons = []
    if flagged["balance_band"] == "top-heavy":
        reasons.append("top-heavy")
    if flagged["recovery_gaps_red"]:
        reasons.append("red recovery gap")
    if recent["leg_sessions"] == 0:
        reasons.append(f"no leg session in the last {t.inactive_days} days")
    if flagged["adherence"] is not None and flagged["adherence"] < t.adherence_min:
        reasons.append(f"adherence below {t.adherence_min:g}")
    if recent["sets_logged"] == 0:
        reasons.append(f"no logged set in the last {t.inactive_days} days")
    return reasons


def _count(cur: Cursor) -> dict[uuid.UUID, _Counted]:
    """Build the blocks of the scope on `cur` and word every scoped client's report."""
    cur.execute("metrics/blocks")
    windows: dict[tuple[uuid.UUID, str], dict] = {
        (row["client_id"], row["kind"]): row for row in cur.rows("metrics/summary")
    }
    counted = {}
    for (key, kind), compliance in windows.items():
        if kind != "compliance":
            continue
        balance = windows[key, "balance"]
        report = {
            "client": compliance["name"],
            "window_start": compliance["first_day"],
            "window_end": compliance["last_day"] if compliance["first_day"] else None,
            "balance_window_start": balance["first_day"],
            "balance_window_end": balance["last_day"] if balance["first_day"] else None,
        }
        report.update({k: balance[k] for k in BALANCE_KEYS})
        report.update({k: compliance[k] for k in COMPLIANCE_KEYS})
        thresholds = _thresholds_of(compliance)
        report["flags"] = _flags(windows[key, "flags"], windows[key, "recent"], thresholds)
        report = {k: _round(v) for k, v in report.items()}
        # The rules the numbers were counted with, so that a reader of the JSON knows the band.
        report["thresholds"] = asdict(thresholds)
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
) -> dict:
    """The object `coachkit report --json` prints for one client (METRICS.md)."""
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
            thresholds=_thresholds_of(counted.client),
            program=counted.client["program_name"],
            weeks=cur.frame("metrics/weeks"),
            sessions=cur.frame("metrics/sessions"),
            e1rm=cur.frame("metrics/e1rm"),
        )


ROSTER_COLUMNS = (
    "lower_share",
    "balance_band",
    "recovery_compliance",
    "leg_frequency_compliance",
    "stretching_compliance",
    "adherence",
    "flags",
)


def roster(
    store: Store,
    coach_id: uuid.UUID,
    today: date | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """One row per client of the coach, those needing attention first (then by name): the
    report's balance, compliance and flags, the program and the last logged day."""
    import pandas as pd

    with store.cursor() as cur:
        _scope(cur, coach_id, None, None, None, today or date.today(), include_archived)
        counted = _count(cur)
    rows = [
        {
            "client_id": key,
            "name": client["name"],
            "archived": client["archived"],
            "program": client["program_name"],
            "last_session": client["last_set"],
            **{k: report[k] for k in ROSTER_COLUMNS},
        }
        for key, (client, report) in counted.items()
    ]
    frame = pd.DataFrame(
        rows, columns=["client_id", "name", "archived", "program", "last_session", *ROSTER_COLUMNS]
    )
    frame["flagged"] = frame["flags"].map(bool)
    return frame.sort_values(["flagged", "name"], ascending=[False, True], ignore_index=True)
