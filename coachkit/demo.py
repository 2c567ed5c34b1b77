"""Deterministic demo data: one coach, twelve clients, six months of logs.

One seeded generator feeds the demo database, the sample CSVs written with it from the same
anchor day (`make run` puts them in data/samples/) and the test fixtures in tests/samples/, so
what a newcomer sees, what they can upload and what the tests check all agree.
Each client shows one behaviour a coach must spot (see CLIENTS). Dates are relative to an
anchor day, so the demo always looks current; the same seed and anchor give the same data.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from coachkit import catalog, ingest, programs, samples
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.samples import pounds
from coachkit.store import Store

SEED = 20261124
DAYS = 182
DEMO_EMAIL = "demo@coachkit.example"
DEMO_PASSWORD = "squats-are-legs-day"
DEMO_NAME = "Demo Coach"
ANCHOR_LINE = "Logs end the day before "


@dataclass(frozen=True)
class Move:
    """How one exercise is logged: names per app, FitNotes category, load in kg or None."""

    slug: str
    strong: str  # Strong and Hevy share the "Base (Equipment)" style
    fitnotes: str
    category: str
    load: float | None = None  # starting working weight for a typical client
    seconds: int | None = None  # timed sets (stretches, planks, cardio)
    km: float | None = None


MOVES = {
    m.slug: m
    for m in (
        Move("barbell_back_squat", "Squat (Barbell)", "Barbell Squat", "Legs", 60),
        Move("leg_extension", "Leg Extension (Machine)", "Leg Extension Machine", "Legs", 35),
        Move("hip_adduction_machine", "Hip Adductor (Machine)", "Hip Adductor Machine", "Legs", 40),
        Move("lying_leg_curl", "Lying Leg Curl (Machine)", "Lying Leg Curl Machine", "Legs", 30),
        Move("dumbbell_lunge", "Lunge (Dumbbell)", "Dumbbell Lunge", "Legs", 12),
        Move("bodyweight_squat", "Air Squats", "Bodyweight Squat", "Legs"),
        Move("squat_jump", "Jump Squat", "Jump Squat", "Legs"),
        Move("bodyweight_lunge", "Lunge (Bodyweight)", "Bodyweight Lunge", "Legs"),
        Move(
            "standing_calf_raise",
            "Standing Calf Raise (Machine)",
            "Standing Calf Raise",
            "Legs",
            50,
        ),
        Move("bench_press", "Bench Press (Barbell)", "Flat Barbell Bench Press", "Chest", 50),
        Move("barbell_row", "Bent Over Row (Barbell)", "Barbell Row", "Back", 45),
        Move("overhead_press", "Overhead Press (Barbell)", "Overhead Press", "Shoulders", 30),
        Move("lat_pulldown", "Lat Pulldown (Cable)", "Lat Pulldown", "Back", 45),
        Move("dumbbell_curl", "Bicep Curl (Dumbbell)", "Dumbbell Curl", "Biceps", 10),
        Move(
            "triceps_pushdown",
            "Triceps Pushdown (Cable - Straight Bar)",
            "Cable Tricep Pushdown",
            "Triceps",
            20,
        ),
        Move("push_up", "Push Up", "Push Up", "Chest"),
        Move("plank", "Plank", "Plank", "Abs", seconds=45),
        Move("treadmill_running", "Running (Treadmill)", "Treadmill Running", "Cardio", km=4.0),
        Move("thruster", "Thruster (Barbell)", "Barbell Thruster", "Full Body", 30),
        Move("burpee", "Burpee", "Burpee", "Full Body"),
        Move("quad_stretch", "Quad Stretch", "Standing Quad Stretch", "Stretching", seconds=40),
        Move(
            "hamstring_stretch", "Hamstring Stretch", "Hamstring Stretch", "Stretching", seconds=40
        ),
        Move(
            "hip_flexor_stretch",
            "Hip Flexor Stretch",
            "Kneeling Hip Flexor Stretch",
            "Stretching",
            seconds=45,
        ),
        Move("pigeon_pose", "Pigeon Pose", "Pigeon Stretch", "Stretching", seconds=60),
    )
}

# A session is a list of (exercise, working sets, rep range, warm-up sets).
SESSIONS = {
    "gym_legs": [
        ("barbell_back_squat", 4, (6, 8), 2),
        ("leg_extension", 3, (10, 12), 0),
        ("hip_adduction_machine", 3, (12, 15), 0),
        ("lying_leg_curl", 3, (10, 12), 0),
        ("dumbbell_lunge", 3, (8, 12), 0),
    ],
    "home_legs": [
        ("bodyweight_squat", 4, (15, 25), 0),
        ("squat_jump", 3, (8, 12), 0),
        ("bodyweight_lunge", 3, (10, 15), 0),
    ],
    "upper": [
        ("bench_press", 4, (6, 10), 1),
        ("barbell_row", 4, (8, 10), 0),
        ("overhead_press", 3, (6, 10), 0),
        ("lat_pulldown", 3, (10, 12), 0),
        ("dumbbell_curl", 3, (10, 12), 0),
        ("triceps_pushdown", 3, (10, 15), 0),
    ],
    "home_upper": [("push_up", 4, (10, 20), 0), ("plank", 3, (1, 1), 0)],
    "full_body": [
        ("thruster", 4, (6, 8), 1),
        ("burpee", 3, (10, 15), 0),
        ("push_up", 3, (12, 20), 0),
        ("standing_calf_raise", 3, (12, 15), 0),
        ("plank", 2, (1, 1), 0),
    ],
    "run": [("treadmill_running", 1, (1, 1), 0)],
}
LEG_SESSIONS = {"gym_legs", "home_legs"}
STRETCHES = ["quad_stretch", "hamstring_stretch", "hip_flexor_stretch", "pigeon_pose"]


@dataclass(frozen=True)
class Persona:
    name: str
    story: str
    layout: str  # the app whose export the sample file imitates
    week: dict[int, str]  # ISO weekday -> session type
    program: programs.Program | None = None
    show_up: float = 0.9  # chance a planned session happens
    stretch: float = 0.85  # chance of stretching after a leg session
    strength: float = 1.0
    first_day: int = DAYS  # days before the anchor that logging starts
    last_day: int = 1  # days before the anchor of the last possible session
    leg_every: int = 1  # leg sessions happen only every n-th week
    daily_squats: bool = False


CLIENTS = (
    Persona(
        "Maya Lopez",
        "balanced upper and lower, keeps to the plan",
        "strong",
        {1: "gym_legs", 2: "upper", 4: "gym_legs", 5: "upper"},
        programs.GYM_LEGS,
    ),
    Persona(
        "Jordan Reed",
        "top-heavy: upper body four times a week, skips legs",
        "hevy",
        {1: "upper", 2: "upper", 4: "upper", 5: "upper", 6: "gym_legs"},
        programs.GYM_LEGS,
        strength=1.2,
        stretch=0.2,
        leg_every=4,
    ),
    Persona(
        "Sam Patel",
        "trains legs on back-to-back days",
        "fitnotes",
        {1: "gym_legs", 2: "gym_legs", 4: "upper", 6: "upper"},
        programs.GYM_LEGS,
    ),
    Persona(
        "Aisha Khan",
        "home bodyweight plan",
        "strong",
        {2: "home_legs", 4: "home_upper", 6: "home_legs"},
        programs.HOME_LEGS,
        strength=0.8,
    ),
    Persona(
        "Tom Becker",
        "sits all day, does the 100-squat daily plan",
        "hevy",
        {},
        programs.DESK_SQUATS,
        show_up=0.85,
        daily_squats=True,
    ),
    Persona(
        "Lena Novak",
        "good schedule, never stretches",
        "fitnotes",
        {1: "gym_legs", 3: "upper", 5: "gym_legs"},
        programs.GYM_LEGS,
        stretch=0.0,
        strength=0.9,
    ),
    Persona(
        "Chris Morgan",
        "stopped logging three weeks ago",
        "strong",
        {1: "gym_legs", 3: "upper", 5: "gym_legs", 6: "upper"},
        programs.GYM_LEGS,
        last_day=22,
    ),
    Persona(
        "Priya Shah",
        "lower-dominant runner, legs three times a week",
        "hevy",
        {1: "gym_legs", 2: "run", 3: "gym_legs", 5: "gym_legs", 6: "run"},
        None,
        strength=0.9,
    ),
    Persona(
        "Diego Alvarez",
        "new client, five weeks in, home plan",
        "fitnotes",
        {1: "home_legs", 3: "home_upper", 5: "home_legs"},
        programs.HOME_LEGS,
        first_day=35,
    ),
    Persona(
        "Nora Kim",
        "inconsistent: some weeks on, some off",
        "strong",
        {2: "gym_legs", 4: "upper", 6: "gym_legs"},
        programs.GYM_LEGS,
        show_up=0.55,
    ),
    Persona(
        "Ben Carter",
        "full-body circuits and runs",
        "hevy",
        {1: "full_body", 3: "full_body", 5: "full_body", 7: "run"},
        None,
    ),
    Persona(
        "Eva Rossi",
        "steady progress on the gym plan",
        "fitnotes",
        {1: "gym_legs", 2: "upper", 4: "gym_legs", 5: "upper"},
        programs.GYM_LEGS,
        show_up=0.97,
        stretch=0.95,
        strength=1.1,
    ),
)


def _round_load(kg: float) -> float:
    return max(2.5, round(kg / 2.5) * 2.5)


def _session_rows(rng: random.Random, persona: Persona, day: date, kind: str, week: int) -> list:
    start = datetime.combine(day, time(rng.choice([6, 7, 12, 17, 18, 19]), rng.choice([0, 15, 30])))
    rows = []
    plan = list(SESSIONS[kind])
    if kind in LEG_SESSIONS and rng.random() < persona.stretch:
        plan += [(slug, 1, (1, 1), 0) for slug in rng.sample(STRETCHES, 2)]
    for order, (slug, working, (low, high), warmups) in enumerate(plan):
        move = MOVES[slug]
        # Loads rise about 1% a week, the slow progression a steady client shows.
        load = move.load * persona.strength * (1 + 0.01 * week) if move.load else None
        types = ["warmup"] * warmups + ["working"] * working
        if slug == "barbell_back_squat" and rng.random() < 0.2:
            types.append("failure")
        for index, set_type in enumerate(types):
            weight = None
            if load is not None:
                weight = _round_load(load * (0.5 if set_type == "warmup" else 1.0))
            reps = rng.randint(low, high) if not (move.seconds or move.km) else None
            seconds = None
            if move.seconds:
                seconds = move.seconds + rng.choice([0, 5, 10, 15])
            distance = None
            if move.km:
                distance = round(move.km * 1000 * rng.uniform(0.8, 1.3), -1)
                seconds = round(distance / 1000 * rng.uniform(330, 400))
            rows.append(
                {
                    "performed_at": start,
                    "workout_name": kind.replace("_", " ").title(),
                    "exercise": slug,
                    "exercise_order": order,
                    "set_index": index,
                    "set_type": set_type,
                    "reps": reps,
                    "weight_kg": weight,
                    "duration_s": seconds,
                    "distance_m": distance,
                    "rpe": rng.choice([7.0, 7.5, 8.0, 8.5, 9.0]) if rng.random() < 0.1 else None,
                    "notes": "",
                    "rest_s": rng.choice([60, 90, 120, 180]) if set_type == "working" else None,
                }
            )
    end = start + timedelta(minutes=10 + 4 * len(rows))
    for row in rows:
        row["workout_end"] = end
    return rows


def _daily_squats(rng: random.Random, day: date) -> list:
    start = datetime.combine(day, time(rng.choice([8, 12, 15]), rng.choice([0, 10, 20, 30])))
    sets = rng.choice([5, 6])
    total = 100 if rng.random() < 0.9 else rng.choice([60, 80, 90])
    reps = [total // sets + (1 if i < total % sets else 0) for i in range(sets)]
    return [
        {
            "performed_at": start,
            "workout_end": start + timedelta(minutes=10),
            "workout_name": "Daily Squats",
            "exercise": "bodyweight_squat",
            "exercise_order": 0,
            "set_index": index,
            "set_type": "working",
            "reps": count,
            "weight_kg": None,
            "duration_s": None,
            "distance_m": None,
            "rpe": None,
            "notes": "",
            "rest_s": 30,
        }
        for index, count in enumerate(reps)
    ]


def client_log(persona: Persona, anchor: date, seed: int = SEED) -> pd.DataFrame:
    """One persona's sets over the demo period, in the shape samples.py writes."""
    rng = random.Random(f"{seed}:{persona.name}")
    rows: list[dict] = []
    first = anchor - timedelta(days=persona.first_day)
    for offset in range(persona.first_day, persona.last_day - 1, -1):
        day = anchor - timedelta(days=offset)
        week = (day - first).days // 7
        if persona.daily_squats:
            if rng.random() < persona.show_up:
                rows += _daily_squats(rng, day)
            continue
        kind = persona.week.get(day.isoweekday())
        if kind is None or rng.random() > persona.show_up:
            continue
        if kind in LEG_SESSIONS and day.isocalendar().week % persona.leg_every:
            continue
        rows += _session_rows(rng, persona, day, kind, week)
    log = pd.DataFrame(rows)
    moves = log["exercise"].map(MOVES)
    name_of = "fitnotes" if persona.layout == "fitnotes" else "strong"
    log["logged_exercise"] = [getattr(m, name_of) for m in moves]
    log["category"] = [m.category for m in moves]
    if persona.layout == "fitnotes":
        # FitNotes keeps the date only: every set of the day shares midnight.
        log["performed_at"] = log["performed_at"].dt.normalize()
    return log


def logged_in_both_units(anchor: date, seeds: range) -> Iterator[tuple[str, str, str]]:
    """Every demo client, for each seed, as a Strong D export (no unit in the file) of a client
    in a kilogram gym and of one in a pound gym (samples.pounds): (name, unit, text). The
    corpus bench/unit_guess.py and tests/test_unit_guess.py measure the kg/lb guess on."""
    for seed in seeds:
        for persona in CLIENTS:
            log = client_log(persona, anchor, seed)
            for unit in ("kg", "lb"):
                logged = pounds.as_logged(log, unit, seed)
                name = f"{sample_name(persona).removesuffix('.csv')}-{seed}-{unit}.csv"
                yield name, unit, samples.strong_d_csv(logged, unit=unit)


def staged_sets(log: pd.DataFrame) -> pd.DataFrame:
    """The log as the normalised rows an import stages, classified through the catalog."""
    # One lookup per distinct name, as an import does, not one per set.
    pairs = log[["logged_exercise", "category"]].drop_duplicates()
    slugs = {
        (raw, cat): catalog.classify(raw, cat).slug
        for raw, cat in pairs.itertuples(index=False, name=None)
    }
    staged = log[
        ["performed_at", "workout_name", "logged_exercise", "set_index", "set_type", "reps"]
        + ["weight_kg", "duration_s", "distance_m", "rpe", "notes"]
    ].copy()
    staged["exercise_slug"] = [
        slugs[pair] for pair in zip(log["logged_exercise"], log["category"], strict=True)
    ]
    staged["category_region"] = [catalog.region_for_category(cat) for cat in log["category"]]
    staged["reps"] = staged["reps"].astype("Int32")
    staged["workout_duration_s"] = (log["workout_end"] - log["performed_at"]).dt.total_seconds()
    return staged


def sample_name(persona: Persona) -> str:
    return f"{persona.name.lower().replace(' ', '-')}-{persona.layout}.csv"


def write_samples(directory: Path, anchor: date, seed: int = SEED) -> list[Path]:
    """One sample export per demo client, in that client's app layout, and a README of them."""
    directory.mkdir(parents=True, exist_ok=True)
    written = [
        samples.write(client_log(p, anchor, seed), p.layout, directory / sample_name(p))
        for p in CLIENTS
    ]
    lines = [
        "# Sample exports",
        "",
        "Written by `coachkit demo --samples DIR` (coachkit/demo.py) with the demo database of "
        "the same day; do not edit.",
        "Each file is one demo client's log as that client's app would export it.",
        "",
        f"{ANCHOR_LINE}{anchor.isoformat()}",
        "",
        "| file | app | client's story |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {sample_name(p)} | {p.layout} | {p.story} |" for p in CLIENTS]
    (directory / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def samples_anchor(directory: Path) -> date:
    """The anchor day the sample files in `directory` were written for."""
    for line in (directory / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith(ANCHOR_LINE):
            return date.fromisoformat(line.removeprefix(ANCHOR_LINE))
    raise ValueError(f"{directory}/README.md names no anchor day")


def build(store: Store, anchor: date, seed: int = SEED) -> uuid.UUID:
    """Fill an empty (or wiped) database with the demo coach and clients; return the coach id."""
    programs.install_builtins(store)
    coach = add_coach(store, DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD)
    for persona in CLIENTS:
        client = add_client(store, coach.id, persona.name)
        log = client_log(persona, anchor, seed)
        ingest.store_frame(
            store,
            coach.id,
            client.id,
            staged_sets(log),
            {
                "file_name": sample_name(persona),
                "sha256": "",
                "layout": f"demo:{persona.layout}",
                "unit": "kg",
                "rows_read": len(log),
                "rows_skipped": 0,
                "sets": len(log),
            },
        )
        if persona.program is not None:
            start = max(anchor - timedelta(days=persona.first_day), anchor - timedelta(days=120))
            programs.assign(store, coach.id, client.id, persona.program, start)
    return coach.id


def has_real_data(store: Store) -> bool:
    """Whether coaches other than the demo coach exist: their data must not be overwritten."""
    return store.scalar("demo/count_real_coaches", {"demo_email": DEMO_EMAIL}) > 0


def rebuild(store: Store, anchor: date, seed: int = SEED) -> uuid.UUID:
    """Replace everything in the database with the demo and mark it as the demo database."""
    store.execute("demo/wipe_all")
    coach_id = build(store, anchor, seed)
    set_demo_flag(store, True)
    return coach_id


def set_demo_flag(store: Store, on: bool) -> None:
    with store.transaction() as cur:
        cur.set_meta("demo", DEMO_EMAIL if on else None)


def is_demo(store: Store) -> bool:
    """Only the demo database may show the demo coach's credentials on the sign-in page."""
    return store.meta("demo") is not None
