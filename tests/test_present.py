"""coachkit.present: the one place a number gets its words. The Client page, the HTML report
and `coachkit report` show a client's numbers through it, so they say the same thing."""

import html
import re
import uuid
from dataclasses import replace
from datetime import date

import pytest

from coachkit import auth, cli, demo, metrics, present, present_imports, report, sharing
from coachkit.clients import client_by_name
from coachkit.metrics import Flag, Report, RosterEntry, Thresholds
from coachkit.planned import Week
from coachkit.preview import rows_with_errors
from coachkit.store import open_store
from tests.conftest import TODAY
from tests.test_pages import signed_in
from tests.test_pages_client import tiles

# METRICS.md's keys, then the balance window's own dates, weeks under and over the band, and the
# thresholds: the object `coachkit report --json` has printed since the report first had a JSON;
# and since METRICS.md's Window section, from which day a window without a value will have one,
# and whether the client is new.
JSON_KEYS = [
    "client", "window_start", "window_end", "compliance_from", "balance_window_start",
    "balance_window_end",
    "working_sets_lower", "working_sets_upper", "lower_share", "balance_band", "leg_sessions",
    "first_leg_session", "last_leg_session", "recovery_gaps", "recovery_gaps_ok",
    "recovery_compliance", "weeks", "weeks_leg_frequency_ok", "weeks_under", "weeks_over",
    "leg_frequency_compliance", "stretching_compliance", "adherence", "adherence_from",
    "new_client", "flags", "thresholds",
]  # fmt: skip


def made_up(**changes) -> Report:
    """A report with round numbers: 9 lower and 11 upper working sets (share 0.45), 6 leg
    sessions with 5 gaps of which 4 are 3+ days, 4 weeks of which 3 in band and 1 under, 5 of
    6 leg sessions stretched (0.8333), adherence 0.9, on Gym legs."""
    values = dict(
        client="Kim Lee", program="Gym legs",
        window_start=date(2026, 10, 26), window_end=date(2026, 11, 22),
        balance_window_start=date(2026, 10, 29), balance_window_end=date(2026, 11, 25),
        working_sets_lower=9.0, working_sets_upper=11.0, lower_share=0.45,
        balance_band="balanced", leg_sessions=6, first_leg_session=date(2026, 10, 26),
        last_leg_session=date(2026, 11, 19), recovery_gaps=5, recovery_gaps_ok=4,
        recovery_compliance=0.8, weeks=4, weeks_leg_frequency_ok=3, weeks_under=1,
        weeks_over=0, leg_frequency_compliance=0.75, stretching_compliance=0.8333,
        adherence=0.9, compliance_from=None, adherence_from=None, new_client=False, flags=(),
        thresholds=Thresholds(),
    )  # fmt: skip
    return Report(**{**values, **changes})


def test_the_json_keeps_metrics_md_keys_in_order_with_dates_as_text_and_flags_in_words():
    top_heavy = Flag(metrics.TOP_HEAVY, days=28, value=0.3, limit=0.35)
    flagged = made_up(flags=(top_heavy, Flag(metrics.NO_LOGGED_SET, days=14)))
    got = present.report_json(flagged)
    assert list(got) == JSON_KEYS
    assert got["window_start"] == "2026-10-26" and got["last_leg_session"] == "2026-11-19"
    assert got["flags"] == [
        "top-heavy: legs 30% of working sets in the last 28 days (below 35%)",
        "no logged set in the last 14 days",
    ]
    assert got["thresholds"]["min_rest_days"] == 3
    assert "program" not in got  # the report's context, not one of its numbers


def test_each_flag_is_worded_with_its_numbers():
    assert [
        present.flag_reason(flag)
        for flag in (
            Flag(metrics.TOP_HEAVY, days=28, value=0.2857, limit=0.35),
            Flag(metrics.TOO_LITTLE_REST, days=28, count=3, of=8, value=0.375, limit=0.75,
                 short=0, rest_days=3),
            Flag(metrics.TOO_LITTLE_REST, days=28, count=0, of=1, value=0.0, limit=0.75,
                 short=1, rest_days=3),
            Flag(metrics.TOO_MANY_LEG_DAYS, count=3, of=4, limit=2),
            Flag(metrics.NO_STRETCHING, days=28, count=1, of=6, value=0.1667, limit=0.5),
            Flag(metrics.BEHIND_PROGRAM, of=5, value=0.6, limit=0.75),
            Flag(metrics.NO_LEG_SESSION, days=14),
            Flag(metrics.NO_LOGGED_SET, days=10),
        )
    ] == [
        "top-heavy: legs 29% of working sets in the last 28 days (below 35%)",
        "too little rest: 3 of 8 breaks between leg days lasted 3+ days in the last 28 days",
        "too little rest: 0 of 1 break between leg days lasted 3+ days in the last 28 days"
        " (1 under 2 days)",
        "too many leg days: over 2 a week in 3 of the last 4 weeks",
        "no stretching: stretched after 1 of 6 leg days in the last 28 days",
        "behind the program: adherence 60% over 5 weeks (below 75%)",
        "no leg session in the last 14 days",
        "no logged set in the last 10 days",
    ]  # fmt: skip


def test_the_five_numbers_carry_what_they_were_counted_from():
    words = present.summary(made_up())
    assert [(f.label, f.text) for f in words.headline] == [
        ("Lower share", "45% (balanced, target 35%–60%)"),
        ("Recovery", "80% (4 of 5 gaps of 3+ days)"),
        ("Leg frequency", "75% (3 of 4 weeks with 1–2 leg sessions; 1 under, 0 over)"),
        ("Stretching", "83% (of 6 leg sessions)"),  # 0.8333 is 83%
        ("Adherence", "90% (adherent from 75%)"),
    ]
    assert [f.line for f in words.context] == [
        "Program: Gym legs",
        "Balance window: 2026-10-29 to 2026-11-25",
        "Working sets lower / upper: 9 / 11",
        "Compliance window: 2026-10-26 to 2026-11-22",
        "Leg sessions: 6 (2026-10-26 to 2026-11-19)",
    ]
    assert words.attention.line == "Needs attention: nothing"


def test_a_number_without_a_value_is_a_dash_with_the_reason():
    empty = made_up(
        program=None, window_start=None, window_end=None, working_sets_lower=0.0,
        working_sets_upper=0.0, lower_share=None, balance_band=None, leg_sessions=0,
        first_leg_session=None, last_leg_session=None, recovery_gaps=0, recovery_gaps_ok=0,
        recovery_compliance=None, weeks=0, weeks_leg_frequency_ok=0, weeks_under=0,
        weeks_over=0, leg_frequency_compliance=None, stretching_compliance=None, adherence=None,
    )  # fmt: skip
    words = {f.key: f.text for f in present.summary(empty).rows}
    assert words["program"] == "none assigned"
    assert words["compliance_window"] == "nothing logged yet"
    assert words["lower_share"] == "— (no working sets)"
    assert words["recovery"] == "— (fewer than two leg sessions)"
    assert words["leg_frequency"] == "— (no complete week yet)"
    assert words["stretching"] == "— (no leg session yet)"
    assert words["adherence"] == "— (needs a program)"
    # A first logged week not yet over: each compliance number says from when it counts.
    waiting = replace(empty, compliance_from=date(2026, 11, 30),
                      adherence_from=date(2026, 12, 7), program="Gym legs")  # fmt: skip
    soon = {f.key: f.text for f in present.summary(waiting).rows}
    assert soon["compliance_window"] == "from 2026-11-30"
    assert (
        soon["recovery"]
        == soon["leg_frequency"]
        == soon["stretching"]
        == ("— (from 2026-11-30, after the first full week)")
    )
    assert soon["adherence"] == "— (from 2026-12-07, after the program's first full week)"


def test_a_daily_program_is_exempt_from_the_rest_rule_and_the_weekly_band():
    # A daily program leaves recovery and frequency without a value though there were gaps
    # and weeks to count (metrics leaves recovery_gaps_ok and weeks_leg_frequency_ok None).
    daily = made_up(
        recovery_gaps_ok=None, recovery_compliance=None, weeks_leg_frequency_ok=None,
        weeks_under=None, weeks_over=None, leg_frequency_compliance=None,
    )  # fmt: skip
    words = {f.key: f.text for f in present.summary(daily).rows}
    assert words["recovery"] == words["leg_frequency"] == "— (exempt, daily program)"


def test_the_roster_table_has_the_reasons_in_words_and_the_shares_as_numbers():
    week = Week(planned=2, done=1, missed=1)
    kim = RosterEntry(uuid.uuid4(), "Kim Lee", False, date(2026, 11, 19), made_up(), week)
    ben = RosterEntry(
        uuid.uuid4(), "Ben", False, None,
        made_up(client="Ben", lower_share=None, flags=(Flag(metrics.NO_LEG_SESSION, days=14),)),
        Week(0, 0, 0),
    )  # fmt: skip
    frame = present.roster_frame([ben, kim])
    assert list(frame["name"]) == ["Ben", "Kim Lee"]
    assert list(frame["reasons"]) == ["no leg session in the last 14 days", ""]
    assert list(frame["this_week"]) == ["nothing planned", "1 of 2 done, 1 missed"]
    assert list(frame["flagged"]) == [True, False]
    assert frame["lower_share"].isna().tolist() == [True, False]
    assert frame.loc[1, "stretching_compliance"] == 0.8333
    assert list(frame["program"]) == ["Gym legs", "Gym legs"]


# The same words on the Client page, in the HTML report and from `coachkit report`.


def page_text(at) -> str:
    """Everything the Client page shows as text, as the reader sees it (no Markdown escapes)."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "success")
             for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(str(part) for part in parts).replace("\\", "")


def html_text(page: str) -> str:
    """The client's HTML report as text: its charts and tags gone, entities read."""
    return html.unescape(re.sub(r"<svg.*?</svg>|<style>.*?</style>|<[^>]+>", "", page, flags=re.S))


@pytest.mark.parametrize("name", ["Maya Lopez", "Tom Becker", "Chris Morgan"])
def test_the_client_page_and_the_cli_say_the_same_and_the_file_the_clients_words(demo_db, name):
    # Maya is on a weekly program, Tom on the daily plan, Chris needs attention.
    with open_store(demo_db) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        client = client_by_name(store, coach.id, name)
        counted = metrics.client_report(store, coach.id, client.id, today=TODAY)
        token = sharing.create_link(store, coach.id, client.id).token
        built = report.build(store, sharing.resolve(store, token), today=TODAY)
    assert built.report == counted
    words = present.summary(counted)
    terminal = cli.report_table(counted)
    web = html_text(report.to_html(built))
    at = signed_in("pages/client.py", client=client.id)
    shown = page_text(at)

    assert tiles(at) == {f.label: (f.value, f.note) for f in words.headline}
    for figure in words.rows:
        assert re.search(
            rf"^  {re.escape(figure.label)} +{re.escape(figure.text)}$", terminal, re.M
        )
        if figure not in words.headline:
            assert figure.line in shown, figure.line
    # The client's file speaks the client's words (present_client), every line of them.
    for section in report.sections(built):
        for block in section.blocks:
            for line in block.lines:
                assert line in web, line


def test_a_count_names_one_thing_in_the_singular_and_more_in_the_plural():
    assert [present.count(n, "row") for n in (0, 1, 2, 3928)] == [
        "0 rows",
        "1 row",
        "2 rows",
        "3,928 rows",
    ]


def test_a_layout_key_is_shown_as_the_app_a_coach_knows():
    assert [present_imports.app_name(key) for key in (
        "strong_a", "strong_d2", "hevy_lb", "fitnotes_1kg", "stronglifts", "coachkit",
        "demo:fitnotes", "demo:hevy",
    )] == [
        "Strong", "Strong", "Hevy", "FitNotes", "StrongLifts", "CoachKit template",
        "Demo (FitNotes)", "Demo (Hevy)",
    ]  # fmt: skip


def test_one_row_is_singular_and_the_rest_rule_says_what_it_means():
    assert rows_with_errors(1, 12) == "1 of its 12 rows has errors"
    assert rows_with_errors(3, 3928) == "3 of its 3,928 rows have errors"
    assert rows_with_errors(1, 1) == "1 of its 1 row has errors"
    # Monday leg day, 3 days of rest: the next one on Thursday; from Tuesday with 2: Thursday.
    assert present.rest_rule(3, (1, 4)) == "at least 3 days from one leg day to the next: Mon → Thu"
    assert present.rest_rule(2, (2, 6)) == "at least 2 days from one leg day to the next: Tue → Thu"
    assert present.rest_rule(1, (7,)) == "at least 1 day from one leg day to the next: Sun → Mon"
