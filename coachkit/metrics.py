"""The numbers of METRICS.md, computed in SQL (coachkit/sql/metrics_*.sql).

This module resolves what the SQL cannot know by itself: the thresholds that apply to a client
(the client's own setting, else the current weekly program's, else the METRICS.md default),
the client's current program, and the windows of dates each metric looks at. The queries do
the counting; Python only rounds the result and words the flags.

Windows, as METRICS.md sets them:
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
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coachkit.auth import utc_now
from coachkit.clients import ClientError
from coachkit.store import Store

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
# A weekly program sets its own band and rest days; a client's own setting still wins.
PROGRAM_THRESHOLDS = ("leg_freq_min", "leg_freq_max", "min_rest_days")


@dataclass(frozen=True)
class Window:
    first_day: date
    last_day: date


@dataclass(frozen=True)
class _Program:
    id: uuid.UUID
    kind: str  # weekly or daily
    start: date
    end: date | None
    weekly_target: int  # t of METRICS.md: the assignment's target, else leg_freq_max
    daily_target: int | None


@dataclass(frozen=True)
class _Client:
    name: str
    thresholds: Thresholds
    program: _Program | None
    first_set: date | None

    @property
    def daily(self) -> bool:
        return self.program is not None and self.program.kind == "daily"


def _from_settings(row: dict) -> Thresholds:
    return Thresholds(**{k: v for k, v in row.items() if v is not None})


def thresholds(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID) -> Thresholds:
    """The client's own thresholds: each client setting, or the default where it is unset.

    A report also applies the current weekly program's band and rest days where the client has
    no setting of its own; these are the client's settings alone, as `set_thresholds` writes.
    """
    row = store.one("metrics_settings", {"coach_id": coach_id, "client_id": client_id})
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
        current = cur.one("metrics_settings", {"coach_id": coach_id, "client_id": client_id})
        if current is None:
            raise ClientError("no such client")
        stored = {**current, **values}
        _check(_from_settings(stored))
        cur.execute(
            "metrics_settings_upsert",
            {**stored, "coach_id": coach_id, "client_id": client_id, "now": utc_now()},
        )
    return _from_settings(stored)


def _client(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, today: date) -> _Client:
    with store.cursor() as cur:
        ids = {"coach_id": coach_id, "client_id": client_id}
        settings = cur.one("metrics_settings", ids)
        row = cur.one("metrics_client", {**ids, "today": today})
    if settings is None or row is None:
        raise ClientError("no such client")
    program = None
    defaults: dict[str, Any] = {}
    if row["program_id"] is not None:
        program = _Program(
            id=row["program_id"],
            kind=row["program_kind"],
            start=row["program_start"],
            end=row["program_end"],
            weekly_target=row["weekly_target"] or row["leg_freq_max"],
            daily_target=row["daily_reps_target"],
        )
        if program.kind == "weekly":
            defaults = {name: row[name] for name in PROGRAM_THRESHOLDS}
    own = {k: v for k, v in settings.items() if v is not None}
    return _Client(
        row["name"], replace(Thresholds(), **{**defaults, **own}), program, row["first_set"]
    )


def _window(client: _Client, since: date | None, until: date | None, today: date) -> Window | None:
    """The compliance window; None when there is nothing to start it from."""
    if since is not None and until is not None and since > until:
        raise MetricsError(f"--since {since} is after --until {until}")
    if since is None and until is None:
        # The last complete ISO week ended on the Sunday before today.
        last = today - timedelta(days=today.isoweekday())
    else:
        last = until or today
    first = since
    if first is None:
        first = client.program.start if client.program else client.first_set
    return Window(first, last) if first is not None else None


def _back_from(last_day: date, days: int) -> Window:
    return Window(last_day - timedelta(days=days - 1), last_day)


def _summary(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    client: _Client,
    window: Window,
    today: date,
) -> dict:
    t, p = client.thresholds, client.program
    return store.one(
        "metrics_summary",
        {
            "coach_id": coach_id,
            "client_id": client_id,
            "first_day": window.first_day,
            "last_day": window.last_day,
            "today": today,
            "leg_session_min_sets": t.leg_session_min_sets,
            "min_rest_days": t.min_rest_days,
            "leg_freq_min": t.leg_freq_min,
            "leg_freq_max": t.leg_freq_max,
            "lower_share_min": t.lower_share_min,
            "lower_share_max": t.lower_share_max,
            "daily": client.daily,
            "program_id": p.id if p else None,
            "program_start": p.start if p else None,
            "program_end": p.end if p else None,
            "weekly_target": p.weekly_target if p else None,
            "daily_target": p.daily_target if p else None,
        },
    )


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _flags(flagged: dict, recent: dict, client: _Client) -> list[str]:
    """The needs-attention reasons of METRICS.md, in the order it lists them."""
    t = client.thresholds
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


def client_report(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> dict:
    """The object `coachkit report --json` prints for one client (METRICS.md)."""
    today = today or date.today()
    client = _client(store, coach_id, client_id, today)
    t = client.thresholds
    window = _window(client, since, until, today)
    # Without a window (no program, no set, no --since) an empty one gives zeros and nulls.
    empty = Window(today + timedelta(days=1), today)
    if since is None and until is None:
        balance = _back_from(today, t.balance_window_days)
    else:
        balance = window or empty
    flag_end = until or today

    summaries: dict[Window, dict] = {}

    def summary(w: Window) -> dict:
        if w not in summaries:
            summaries[w] = _summary(store, coach_id, client_id, client, w, today)
        return summaries[w]

    compliance = summary(window or empty)
    balanced = summary(balance)
    flags = _flags(
        summary(_back_from(flag_end, t.balance_window_days)),
        summary(_back_from(flag_end, t.inactive_days)),
        client,
    )
    report = {
        "client": client.name,
        "window_start": window.first_day if window else None,
        "window_end": window.last_day if window else None,
        "balance_window_start": balance.first_day if balance != empty else None,
        "balance_window_end": balance.last_day if balance != empty else None,
        "working_sets_lower": balanced["working_sets_lower"],
        "working_sets_upper": balanced["working_sets_upper"],
        "lower_share": balanced["lower_share"],
        "balance_band": balanced["balance_band"],
    }
    for key in (
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
    ):
        report[key] = compliance[key]
    report["flags"] = flags
    return {key: _round(value) for key, value in report.items()}


def _chart_params(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None,
    until: date | None,
    today: date,
) -> tuple[_Client, dict]:
    client = _client(store, coach_id, client_id, today)
    window = _window(client, since, until, today) or Window(today + timedelta(days=1), today)
    params = {
        "coach_id": coach_id,
        "client_id": client_id,
        "first_day": window.first_day,
        "last_day": window.last_day,
        "leg_session_min_sets": client.thresholds.leg_session_min_sets,
        "daily": client.daily,
    }
    return client, params


def weekly_balance(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Per complete week of the compliance window: working sets lower and upper, the share and
    its band, and volume load (Σ reps × kg) per side as a secondary view."""
    frame = _weeks(store, coach_id, client_id, since, until, today)
    return frame[
        ["week_start", "week", "working_sets_lower", "working_sets_upper", "lower_share"]
        + ["balance_band", "volume_load_lower_kg", "volume_load_upper_kg"]
    ]


def weekly_leg_frequency(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Per complete week of the compliance window: leg sessions and `under`, `in band` or
    `over` the weekly band (None for a daily program, which is exempt)."""
    frame = _weeks(store, coach_id, client_id, since, until, today)
    return frame[["week_start", "week", "leg_sessions", "frequency"]]


def _weeks(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None,
    until: date | None,
    today: date | None,
) -> pd.DataFrame:
    today = today or date.today()
    client, params = _chart_params(store, coach_id, client_id, since, until, today)
    t = client.thresholds
    return store.frame(
        "metrics_weeks",
        {
            **params,
            "today": today,
            "leg_freq_min": t.leg_freq_min,
            "leg_freq_max": t.leg_freq_max,
            "lower_share_min": t.lower_share_min,
            "lower_share_max": t.lower_share_max,
        },
    )


def recovery_gaps(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """One row per gap between consecutive leg sessions of the compliance window: from_date,
    to_date, gap_days and light (green, amber, red; None for a daily program)."""
    today = today or date.today()
    client, params = _chart_params(store, coach_id, client_id, since, until, today)
    return store.frame("metrics_gaps", {**params, "min_rest_days": client.thresholds.min_rest_days})
