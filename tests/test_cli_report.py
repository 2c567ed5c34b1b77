"""`coachkit report`, run as a coach would: real exports imported, then the numbers read back."""

import json
import re

import pytest

from coachkit import cli
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.store import open_store

COACH = "coach@report.example"

# Week 41 from Strong (layout A). Mon 10-05: a warm-up and 2 working squats, 2 leg extensions,
# a rest timer, a quad stretch. Thu 10-08: 3 bench presses.
STRONG = [
    "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes",
    "2026-10-05 18:00:00,Legs,Squat (Barbell),W,40,10,,,",
    "2026-10-05 18:00:00,Legs,Squat (Barbell),1,80,8,,,",
    "2026-10-05 18:00:00,Legs,Squat (Barbell),Rest Timer,,,,90,",
    "2026-10-05 18:00:00,Legs,Squat (Barbell),2,80,8,,,",
    "2026-10-05 18:00:00,Legs,Leg Extension (Machine),1,40,12,,,",
    "2026-10-05 18:00:00,Legs,Leg Extension (Machine),2,40,12,,,",
    "2026-10-05 18:00:00,Legs,Quad Stretch,1,,,,30,",
    "2026-10-08 18:00:00,Push,Bench Press (Barbell),1,60,8,,,",
    "2026-10-08 18:00:00,Push,Bench Press (Barbell),2,60,8,,,",
    "2026-10-08 18:00:00,Push,Bench Press (Barbell),3,60,8,,,",
]

# Week 42 from Hevy, newest first as Hevy writes it. Mon 10-12: 2 squats. Tue 10-13: 3 leg
# presses. Sat 10-17: 2 bench presses.
HEVY_HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"'
)


def hevy_set(title: str, day: int, exercise: str, index: int, kg: float, reps: int) -> str:
    start, end = f"{day} Oct 2026, 18:00", f"{day} Oct 2026, 19:00"
    return f'"{title}","{start}","{end}","","{exercise}",,"",{index},"normal",{kg},{reps},,,'


HEVY = [
    HEVY_HEADER,
    hevy_set("Push", 17, "Bench Press (Barbell)", 0, 62.5, 8),
    hevy_set("Push", 17, "Bench Press (Barbell)", 1, 62.5, 8),
    hevy_set("Legs B", 13, "Leg Press (Machine)", 0, 150, 10),
    hevy_set("Legs B", 13, "Leg Press (Machine)", 1, 150, 10),
    hevy_set("Legs B", 13, "Leg Press (Machine)", 2, 150, 10),
    hevy_set("Legs A", 12, "Squat (Barbell)", 0, 82.5, 8),
    hevy_set("Legs A", 12, "Squat (Barbell)", 1, 82.5, 8),
]

WINDOW = ["--since", "2026-10-05", "--until", "2026-10-18"]


@pytest.fixture
def db(db_path, tmp_path, capsys):
    with open_store(db_path) as store:
        coach = add_coach(store, COACH, "Coach", "long enough password")
        add_client(store, coach.id, "Kim Lee")
    strong, hevy = tmp_path / "kim-strong.csv", tmp_path / "kim-hevy.csv"
    strong.write_text("\r\n".join(STRONG) + "\r\n", encoding="utf-8")
    hevy.write_text("\n".join(HEVY) + "\n", encoding="utf-8")
    code = cli.main(["--db", db_path, "import", "--coach", COACH, "--client", "Kim Lee"] + [
        str(strong), str(hevy)
    ])  # fmt: skip
    assert code == 0, capsys.readouterr()
    capsys.readouterr()
    return db_path


def run(capsys, db: str, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db, "report", "--coach", COACH, "--client", "Kim Lee", *argv])
    out, err = capsys.readouterr()
    return code, out, err


TOO_LITTLE_REST = (
    "too little rest: 1 of 2 breaks between leg days lasted 3+ days in the last 28 days"
    " (1 under 2 days)"
)
NO_STRETCHING = "no stretching: stretched after 1 of 3 leg days in the last 28 days"


def test_report_json_gives_the_metrics_of_a_strong_and_a_hevy_export(capsys, db):
    code, out, err = run(capsys, db, *WINDOW, "--json")
    assert code == 0 and err == ""
    got = json.loads(out)
    # Worked out by hand over Mon 10-05 .. Sun 10-18 (ISO weeks 41 and 42):
    # lower working sets: 10-05 2 squats + 2 extensions (the warm-up, the rest timer and the
    #   stretch are none), 10-12 2 squats, 10-13 3 leg presses = 9; upper: 3 + 2 bench = 5;
    #   share 9 / 14 = 0.642857 > 0.60: lower-dominant.
    # Leg sessions (lower credit >= 2): 10-05, 10-12, 10-13. Gaps 7 (green) and 1 (red):
    #   1 of 2 compliant. Weeks: W41 one leg session, W42 two: both in the 1-2 band.
    # Stretched: only 10-05 has a stretch: 1 of 3 = 0.3333. No program: adherence null.
    # Flags over the 28 days up to --until: too little rest (the red gap, 1 of 2 breaks 3+
    # days, 1 under 2 days) and no stretching (1 of 3 leg days stretched, under half).
    expected = {
        "client": "Kim Lee",
        "window_start": "2026-10-05",
        "window_end": "2026-10-18",
        "working_sets_lower": 9.0,
        "working_sets_upper": 5.0,
        "lower_share": 0.6429,
        "balance_band": "lower-dominant",
        "leg_sessions": 3,
        "first_leg_session": "2026-10-05",
        "last_leg_session": "2026-10-13",
        "recovery_gaps": 2,
        "recovery_gaps_ok": 1,
        "recovery_compliance": 0.5,
        "weeks": 2,
        "weeks_leg_frequency_ok": 2,
        "leg_frequency_compliance": 1.0,
        "stretching_compliance": 0.3333,
        "adherence": None,
        "flags": [TOO_LITTLE_REST, NO_STRETCHING],
    }
    assert {key: got[key] for key in expected} == expected


def test_report_without_json_is_a_table_a_coach_can_read(capsys, db):
    code, out, err = run(capsys, db, *WINDOW)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Kim Lee"
    table = dict(re.split(r" {2,}", line.strip(), maxsplit=1) for line in lines[1:])
    # The numbers as the JSON test above has them, in the words of coachkit.present.
    assert table["Lower share"] == "64% (lower-dominant, target 35%–60%)"
    assert table["Leg sessions"] == "3 (2026-10-05 to 2026-10-13)"
    assert table["Recovery"] == "50% (1 of 2 gaps of 3+ days)"
    assert table["Leg frequency"] == "100% (2 of 2 weeks with 1–2 leg sessions)"
    assert table["Stretching"] == "33% (of 3 leg sessions)"
    assert table["Adherence"] == "— (needs a program)"
    assert table["Needs attention"] == f"{TOO_LITTLE_REST}; {NO_STRETCHING}"


def test_report_refuses_a_bad_date_and_an_unknown_client_in_one_line(capsys, db):
    code, out, err = run(capsys, db, "--since", "05/10/2026")
    assert code == 1 and out == ""
    assert err == "coachkit report: --since '05/10/2026' is not a date (YYYY-MM-DD)\n"
    code, _, err = run(capsys, db, "--since", "2026-10-18", "--until", "2026-10-05")
    assert code == 1 and "is after" in err and len(err.splitlines()) == 1
    code = cli.main(["--db", db, "report", "--coach", COACH, "--client", "Nobody"])
    assert code == 1
    assert capsys.readouterr().err == "coachkit report: no client called Nobody\n"


def test_report_of_another_coachs_client_is_refused(capsys, db):
    with open_store(db) as store:
        add_coach(store, "other@report.example", "Other", "long enough password")
    code = cli.main(
        ["--db", db, "report", "--coach", "other@report.example", "--client", "Kim Lee"]
    )
    assert code == 1
    assert capsys.readouterr().err == "coachkit report: no client called Kim Lee\n"


def test_report_is_listed_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "one client's numbers (METRICS.md)" in capsys.readouterr().out
