"""The demo data is code: deterministic, and each client shows the behaviour it is named for."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pandas as pd

from coachkit import catalog, demo
from coachkit.clients import roster
from tests.conftest import TODAY

PERSONAS = {p.name: p for p in demo.CLIENTS}
SAMPLES = Path(__file__).parent / "samples"


def log_of(name: str) -> pd.DataFrame:
    return demo.client_log(PERSONAS[name], TODAY)


def leg_dates(log: pd.DataFrame) -> list:
    """Dates with at least two working lower-body sets: the leg sessions of METRICS.md."""
    regions = log["exercise"].map(lambda slug: catalog.exercise(slug).region)
    lower = log[(regions == "lower") & (log["set_type"] != "warmup")]
    counts = lower.groupby(lower["performed_at"].dt.date).size()
    return sorted(counts[counts >= 2].index)


def test_the_same_seed_and_anchor_give_the_same_logs():
    for persona in demo.CLIENTS:
        pd.testing.assert_frame_equal(
            demo.client_log(persona, TODAY), demo.client_log(persona, TODAY)
        )


def test_another_seed_gives_other_logs():
    first = demo.client_log(demo.CLIENTS[0], TODAY, seed=1)
    second = demo.client_log(demo.CLIENTS[0], TODAY, seed=2)
    assert not first.equals(second)


def test_twelve_clients_with_distinct_stories_and_most_on_a_program():
    assert len(demo.CLIENTS) == 12
    assert len({p.story for p in demo.CLIENTS}) == 12
    assert sum(p.program is not None for p in demo.CLIENTS) >= 9
    assert {p.layout for p in demo.CLIENTS} == {"strong", "hevy", "fitnotes"}


def test_every_demo_exercise_is_in_the_catalog_under_every_app_name():
    for move in demo.MOVES.values():
        for spelling in (move.strong, move.fitnotes):
            assert catalog.classify(spelling, move.category).slug == move.slug, spelling


def test_logs_cover_six_months_and_stop_before_today():
    log = log_of("Maya Lopez")
    assert log["performed_at"].min().date() >= TODAY - timedelta(days=demo.DAYS)
    assert log["performed_at"].min().date() <= TODAY - timedelta(days=demo.DAYS - 7)
    assert log["performed_at"].max().date() < TODAY


def test_back_to_back_client_has_leg_days_one_day_apart():
    dates = leg_dates(log_of("Sam Patel"))
    gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
    assert gaps.count(1) >= 10


def test_top_heavy_client_logs_far_more_upper_than_lower_sets():
    log = log_of("Jordan Reed")
    regions = log["exercise"].map(lambda slug: catalog.exercise(slug).region)
    working = log["set_type"] != "warmup"
    lower, upper = (working & (regions == "lower")).sum(), (working & (regions == "upper")).sum()
    assert lower / (lower + upper) < 0.35


def test_client_who_stopped_logged_nothing_in_the_last_three_weeks():
    last = log_of("Chris Morgan")["performed_at"].max().date()
    assert TODAY - last >= timedelta(days=21)


def test_client_who_never_stretches_has_no_stretch_sets():
    regions = log_of("Lena Novak")["exercise"].map(lambda slug: catalog.exercise(slug).region)
    assert "stretch" not in set(regions)
    assert leg_dates(log_of("Lena Novak"))


def test_desk_worker_does_100_squats_in_five_or_six_sets_on_most_days():
    log = log_of("Tom Becker")
    assert set(log["exercise"]) == {"bodyweight_squat"}
    days = log.groupby(log["performed_at"].dt.date).agg(sets=("reps", "size"), reps=("reps", "sum"))
    assert days["sets"].isin([5, 6]).all()
    assert (days["reps"] >= 100).mean() > 0.8


def test_new_client_started_five_weeks_ago():
    first = log_of("Diego Alvarez")["performed_at"].min().date()
    assert timedelta(days=28) <= TODAY - first <= timedelta(days=35)


def test_fitnotes_clients_log_dates_without_times():
    log = log_of("Eva Rossi")
    assert (log["performed_at"] == log["performed_at"].dt.normalize()).all()


def test_the_demo_database_holds_every_client_with_their_sets(demo_store):
    coach = demo_store.one("auth/coach_by_email", {"email": demo.DEMO_EMAIL})
    listed = roster(demo_store, coach["id"]).set_index("name")
    assert set(listed.index) == set(PERSONAS)
    for persona in demo.CLIENTS:
        assert listed.loc[persona.name, "sets_logged"] == len(demo.client_log(persona, TODAY))
    assert demo.is_demo(demo_store)


def test_most_demo_clients_have_a_leg_program(demo_store):
    # One assignment per persona with a program: 10 of the 12 (Priya and Ben have none).
    assert len(demo_store.table_rows("assignments")) == 10
    assert sum(p.program is not None for p in demo.CLIENTS) == 10


def test_sample_files_use_each_apps_header(tmp_path):
    written = demo.write_samples(tmp_path, TODAY)
    headers = {}
    for path in written:
        first_line = path.read_bytes().split(b"\n")[0].rstrip(b"\r").decode()
        headers[path.name.rsplit("-", 1)[1]] = first_line
    assert (
        headers["strong.csv"]
        == "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes"
    )
    assert headers["hevy.csv"].startswith('"title","start_time","end_time","description"')
    assert headers["fitnotes.csv"] == (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
    )


def test_strong_samples_carry_rest_timer_rows_and_crlf(tmp_path):
    path = next(p for p in demo.write_samples(tmp_path, TODAY) if p.name.endswith("strong.csv"))
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode())))
    assert any(r["Set Order"] == "Rest Timer" and r["Seconds"] for r in rows)
    assert any(r["Set Order"] == "W" for r in rows)


def test_hevy_samples_run_newest_first_with_zero_based_set_index(tmp_path):
    path = next(p for p in demo.write_samples(tmp_path, TODAY) if p.name.endswith("hevy.csv"))
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    starts = pd.to_datetime([r["start_time"] for r in rows], format="%d %b %Y, %H:%M")
    assert starts.is_monotonic_decreasing
    assert min(int(r["set_index"]) for r in rows) == 0


def test_committed_samples_are_what_the_generator_writes(tmp_path):
    committed = sorted(SAMPLES.glob("*.csv"))
    assert len(committed) == 12
    anchor = demo.samples_anchor(SAMPLES)
    regenerated = {p.name: p.read_bytes() for p in demo.write_samples(tmp_path, anchor)}
    assert {p.name: p.read_bytes() for p in committed} == regenerated
