"""Planned vs done (METRICS.md's calendar), the roster's flags and this week, and the three
commands that show them without a browser: `coachkit calendar`, `coachkit roster` and
`coachkit assign`. Today is pinned to Wednesday 2026-11-25 (tests/conftest.py's TODAY)."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from coachkit import catalog, cli, clock, metrics, present, programs
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.planned import Week
from coachkit.store import open_store
from tests.conftest import TODAY
from tests.test_metrics import log, sets


@pytest.fixture(scope="module")
def db(module_db):
    with open_store(module_db) as store:
        catalog.sync(store)
        programs.install_builtins(store)
        yield store


@pytest.fixture
def coach(db):
    return add_coach(db, f"coach-{uuid.uuid4().hex[:8]}@planned.example", "C", "long enough pw")


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def statuses(calendar) -> list[tuple[str, str, bool]]:
    return [(d.day.isoformat()[5:], d.status, d.too_soon) for d in calendar.days]


def test_a_monday_thursday_plan_with_a_thursday_moved_to_friday_and_one_missed(db, coach):
    # Gym legs (Mon, Thu; rest 3 days) from Mon 11-02. Leg sessions (3 squats each):
    #   W45 Mon 11-02, Thu 11-05: both done.
    #   W46 Mon 11-09 done; Thu 11-12 has none, but Fri 11-13 has one: moved (and the Friday
    #       session is listed as moved, standing for Thursday).
    #   W47 Mon 11-16 done; Tue 11-17 another: no planned date is left for it: extra, and 1
    #       day after Monday's (< 3): too soon. Thu 11-19: nothing on 18, 19 or 20: missed.
    #   W48 Mon 11-23 done (6 days after 11-17: fine); Thu 11-26 is after today: upcoming.
    # Planned dates run to today + 14 = 12-09: Mon 11-30, Thu 12-03, Mon 12-07 upcoming.
    # Gaps: 11-02->05 3, 05->09 4, 09->13 4, 13->16 3, 16->17 1 (too soon), 17->23 6.
    # This week (Mon 11-23..Sun 11-29): planned 11-23 and 11-26: 1 done, none missed yet.
    client = add_client(db, coach.id, "Mo")
    programs.assign(db, coach.id, client.id, programs.GYM_LEGS, date(2026, 11, 2))
    for day in ("02", "05", "09", "13", "16", "17", "23"):
        log(db, client, sets(f"2026-11-{day} 18:00", "barbell_back_squat", 3))
    calendar = metrics.calendar(db, coach.id, client.id)
    assert statuses(calendar) == [
        ("11-02", "done", False),
        ("11-05", "done", False),
        ("11-09", "done", False),
        ("11-12", "moved", False),
        ("11-13", "moved", False),
        ("11-16", "done", False),
        ("11-17", "extra", True),
        ("11-19", "missed", False),
        ("11-23", "done", False),
        ("11-26", "upcoming", False),
        ("11-30", "upcoming", False),
        ("12-03", "upcoming", False),
        ("12-07", "upcoming", False),
    ]
    moved = {d.day.isoformat(): (d.planned, d.session, str(d.other_day)) for d in calendar.days
             if d.status == "moved"}  # fmt: skip
    assert moved == {"2026-11-12": (True, False, "2026-11-13"),
                     "2026-11-13": (False, True, "2026-11-12")}  # fmt: skip
    assert calendar.week(TODAY) == Week(planned=2, done=1, missed=0)
    [entry] = metrics.roster(db, coach.id)
    assert present.week_text(entry.week) == "1 of 2 done"
    # The words a coach reads for the moved pair and the too-soon session.
    notes = {d.day.isoformat(): present.day_note(d, calendar) for d in calendar.days}
    assert notes["2026-11-12"] == "done on Fri 2026-11-13"
    assert notes["2026-11-13"] == "stood for Thu 2026-11-12; Barbell Back Squat 3 sets"
    assert notes["2026-11-17"] == (
        "too soon: under 3 days after the leg session before; Barbell Back Squat 3 sets"
    )


def test_a_session_between_two_days_moves_the_earlier_planned_date_first(db, coach):
    # Home legs on Mon and Thu from Mon 11-16 (the coach's own days). Sessions Wed 11-18 and
    # Fri 11-20; none on Sun 11-15, Mon or Tue, so Mon 11-16 is missed. Thu 11-19 has no
    # session: Wed 11-18 (the earlier neighbour) stands for it; Fri 11-20 is then extra, and
    # 2 days after Wednesday's (< 3): too soon.
    client = add_client(db, coach.id, "Wes")
    programs.assign(db, coach.id, client.id, programs.HOME_LEGS, date(2026, 11, 16), (1, 4))
    for day in ("18", "20"):
        log(db, client, sets(f"2026-11-{day} 18:00", "bodyweight_squat", 3, reps=20))
    got = statuses(metrics.calendar(db, coach.id, client.id))
    assert got[:4] == [
        ("11-16", "missed", False),
        ("11-18", "moved", False),
        ("11-19", "moved", False),
        ("11-20", "extra", True),
    ]


def test_the_daily_plan_counts_each_day_done_partial_or_missed(db, coach):
    # The desk-worker plan (100 squats a day, every day) from Mon 11-16:
    #   11-16 5 × 20 = 100 done; 11-17 6 × 20 = 120 done; 11-18 4 × 20 = 80 partial;
    #   11-19 nothing: missed; 11-20 5 × 20 done; 11-21, 11-22 missed; 11-23 done;
    #   11-24 2 × 20 = 40 partial; 11-25 (today) nothing yet: upcoming; then upcoming to 12-09.
    # This week 11-23..11-29: 7 planned days, 1 done, 0 missed (11-24 is partial).
    client = add_client(db, coach.id, "Tess")
    programs.assign(db, coach.id, client.id, programs.DESK_SQUATS, date(2026, 11, 16))
    for day, count in (("16", 5), ("17", 6), ("18", 4), ("20", 5), ("23", 5), ("24", 2)):
        log(db, client, sets(f"2026-11-{day} 12:00", "bodyweight_squat", count, reps=20))
    calendar = metrics.calendar(db, coach.id, client.id)
    assert [(d.day.day, d.status, d.reps) for d in calendar.days[:10]] == [
        (16, "done", 100),
        (17, "done", 120),
        (18, "partial", 80),
        (19, "missed", 0),
        (20, "done", 100),
        (21, "missed", 0),
        (22, "missed", 0),
        (23, "done", 100),
        (24, "partial", 40),
        (25, "upcoming", 0),
    ]
    assert len(calendar.days) == 24  # 11-16 .. 12-09
    assert {d.status for d in calendar.days[10:]} == {"upcoming"}
    assert calendar.week(TODAY) == Week(planned=7, done=1, missed=0)
    partial = calendar.days[2]
    assert (
        present.day_note(partial, calendar) == "80 of 100 reps in 4 sets; Bodyweight Squat 4 sets"
    )


def test_no_program_means_no_calendar(db, coach):
    client = add_client(db, coach.id, "Free")
    log(db, client, sets("2026-11-16 18:00", "barbell_back_squat", 3))
    calendar = metrics.calendar(db, coach.id, client.id)
    assert calendar.days == () and calendar.start is None
    assert present.calendar_lines("Free", calendar)[1] == (
        "  No program is assigned, so nothing is planned."
    )


# The commands, run as a coach would in a terminal.


def run(capsys, db_path: str, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db_path, *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_db(db_path):
    with open_store(db_path) as store:
        coach = add_coach(store, "coach@cli.example", "C", "long enough password")
        add_client(store, coach.id, "Ada")
        add_client(store, coach.id, "Bo")
    return db_path


def test_assign_then_calendar_and_roster_from_the_command_line(capsys, cli_db):
    code, out, err = run(capsys, cli_db, "assign", "--coach", "coach@cli.example", "--client",
                         "Ada", "--program", "Gym legs", "--start", "2026-11-16",
                         "--days", "mon,thu")  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "Assigned Gym legs to Ada from 2026-11-16, planned on Mon, Thu.\n"
    code, out, err = run(capsys, cli_db, "calendar", "--coach", "coach@cli.example",
                         "--client", "Ada", "--json")  # fmt: skip
    got = json.loads(out)
    # Nothing logged: Mon 11-16 and Thu 11-19 missed, Mon 11-23 missed (before today),
    # Thu 11-26 .. Mon 12-07 upcoming (today + 14 = 12-09).
    assert [(d["date"], d["weekday"], d["status"]) for d in got["days"]] == [
        ("2026-11-16", "Mon", "missed"),
        ("2026-11-19", "Thu", "missed"),
        ("2026-11-23", "Mon", "missed"),
        ("2026-11-26", "Thu", "upcoming"),
        ("2026-11-30", "Mon", "upcoming"),
        ("2026-12-03", "Thu", "upcoming"),
        ("2026-12-07", "Mon", "upcoming"),
    ]
    assert (got["client"], got["program"], got["start"]) == ("Ada", "Gym legs", "2026-11-16")
    code, out, err = run(capsys, cli_db, "roster", "--coach", "coach@cli.example", "--json")
    roster = {entry["client"]: entry for entry in json.loads(out)}
    # This week: Mon 11-23 missed, Thu 11-26 to come. Ada and Bo were added today (real
    # time, after the pinned 11-25) and have no logs: new, so no inactivity flag.
    assert roster["Ada"]["this_week"] == {"planned": 2, "done": 0, "missed": 1}
    assert roster["Bo"]["this_week"] == {"planned": 0, "done": 0, "missed": 0}
    assert (roster["Bo"]["new_client"], roster["Bo"]["flags"]) == (True, [])
    code, out, err = run(capsys, cli_db, "roster", "--coach", "coach@cli.example")
    lines = out.splitlines()
    assert lines[0].split() == ["Client", "Program", "Last", "session", "This", "week", "Needs",
                                "attention"]  # fmt: skip
    assert "0 of 2 done, 1 missed" in lines[1] and lines[1].startswith("Ada")
    assert lines[2].startswith("Bo") and "never" in lines[2] and lines[2].endswith("new client")


def test_assign_refuses_what_the_programs_page_refuses(capsys, cli_db):
    base = ["assign", "--coach", "coach@cli.example", "--client", "Ada", "--start", "2026-11-16"]
    # Mon and Tue: one day apart, under Gym legs' 3 rest days.
    code, out, err = run(capsys, cli_db, *base, "--program", "Gym legs", "--days", "mon,tue")
    assert (code, out) == (1, "")
    assert err == (
        "coachkit assign: Mon and Tue are 1 day apart; Gym legs needs at least 3 days between "
        "leg sessions\n"
    )
    code, out, err = run(capsys, cli_db, *base, "--program", "Leg day", "--days", "mon")
    assert code == 1 and "no program called 'Leg day'" in err and "Gym legs" in err
    code, out, err = run(capsys, cli_db, *base, "--program", "Gym legs", "--days", "mon,funday")
    assert code == 1 and "'funday' is not a weekday" in err
    code, out, err = run(capsys, cli_db, *base[:-1], "16/11/2026", "--program", "Gym legs")
    assert code == 1 and "is not a date" in err
    code, out, err = run(capsys, cli_db, "calendar", "--coach", "coach@cli.example",
                         "--client", "Ada")  # fmt: skip
    assert out.splitlines()[1] == "  No program is assigned, so nothing is planned."


def test_the_calendar_is_also_said_in_one_line_under_the_chart(db, coach):
    # Gym legs (Mon, Thu) from Mon 11-16; legs Mon 11-16, Fri 11-20 (Thu 11-19 moved), Wed
    # 11-25 (today: Thu 11-26 is tomorrow, so today's session stands for it: moved).
    # This week (11-23..11-29): Mon 11-23 missed, Thu 11-26 moved to today: 1 of 2 done, 1
    # missed. The next planned date after today: Thu 11-26.
    client = add_client(db, coach.id, "Cal")
    programs.assign(db, coach.id, client.id, programs.GYM_LEGS, date(2026, 11, 16))
    for day in ("16", "20", "25"):
        log(db, client, sets(f"2026-11-{day} 18:00", "barbell_back_squat", 3))
    calendar = metrics.calendar(db, coach.id, client.id)
    assert present.calendar_caption(calendar, TODAY) == (
        "Today (Wed 2026-11-25): moved. This week: 1 of 2 done, 1 missed. "
        "Next planned: Thu 2026-11-26."
    )
    nothing = metrics.calendar(db, coach.id, add_client(db, coach.id, "Nil").id)
    assert present.calendar_caption(nothing, TODAY) == (
        "No program is assigned, so nothing is planned."
    )
