"""A seeded gym-chain database for the benchmarks: 2,000 clients with two years of logs.

10 coaches with 200 clients each; every client trains 2.5–5.5 days a week for two years before
ANCHOR (the first client of the first coach for three years, the long history bench/pages.py
opens), mixing leg days and upper-body days, warm-ups, stretching after some leg sessions and
a slow rise in load. Most clients have the built-in "Gym legs" program assigned, some "Home
legs", a few the "Desk-worker daily squats" plan, some none; one in ten has thresholds of their
own. The logs follow the program: a Home legs client's leg days are the program's bodyweight
exercises (or its substitute) with no load, and a daily-plan client, besides their usual
training, does 5 or 6 sets of 16–20 bodyweight squats on about four days in five, so that some
days reach the 100 reps and some do not. About 10.5 million set rows.

The set rows are written the way imports write them: one batch per client and quarter, in
the order the quarters arrive, so that a client's rows are spread over the file as they would
be after two years of uploads. Everything derives from --seed: the profiles from
random.Random(seed), the sets from DuckDB's hash() of (seed, client, day, slot). Each set row
carries its client's coach (migration 005), as an import writes it; the INSERTs name their
columns, so that a column a migration adds with a default does not break them. A finished
build must pass `coachkit check` (integrity.check), or the build stops with the problems: a
chain the app would call damaged measures nothing.

    .venv/bin/python bench/gymchain.py [--clients 2000] [--out bench/out] [--seed 7] [--smoke]

--smoke builds a chain of SMOKE_CLIENTS clients (one coach, every kind of client) in a
temporary folder, removed at the end, in a few seconds: the suite runs it so that a schema
change that breaks the build fails there rather than in the next long benchmark.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from random import Random

import duckdb
import pandas as pd

from coachkit import auth, catalog, clock, integrity, programs
from coachkit.metrics import set_thresholds
from coachkit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = 3  # bump when the generated content changes, so that old files are not re-used
ANCHOR = date(2026, 11, 2)  # a Monday: "today" for every benchmark query
CLIENTS_PER_COACH = 200
SMOKE_CLIENTS = 20  # --smoke: _program's numbers 0-19, every kind; 3 and 13 own thresholds
YEARS = 2
LONG_HISTORY_YEARS = 3  # the first client's, for the client page benchmark
PASSWORD = "bench password"  # noqa: S105 (a throwaway account in a generated database)

# Exercises by slot: a leg day draws its four exercises from LOWER (a Home legs client's from
# HOME), an upper day from UPPER, each with its starting working load in kg (0: no load);
# stretching comes after some leg sessions.
LOWER = [
    ("barbell_back_squat", 80.0),
    ("leg_press", 150.0),
    ("romanian_deadlift", 70.0),
    ("leg_extension", 40.0),
    ("lying_leg_curl", 35.0),
    ("hip_adduction_machine", 45.0),
    ("dumbbell_lunge", 16.0),
    ("hip_thrust", 80.0),
    ("standing_calf_raise", 60.0),
]
UPPER = [
    ("bench_press", 60.0),
    ("barbell_row", 55.0),
    ("lat_pulldown", 50.0),
    ("overhead_press", 35.0),
    ("pull_up", 0.0),
    ("dumbbell_shoulder_press", 18.0),
    ("dumbbell_curl", 12.0),
    ("triceps_pushdown", 25.0),
]
GYM_REPS = (5, 15)  # the rep range of every LOWER and UPPER set
# Home legs needs no equipment, so its clients' leg days are the program's own exercises and
# their substitutes (walking lunges for lunges), in the program's rep ranges, with no load:
# taken from the program, so that the logs cover what it prescribes.
HOME = [
    (slug, p.reps_min, p.reps_max)
    for p in programs.HOME_LEGS.exercises
    for slug in (p.slug, *p.substitutes)
]
STRETCH = ["quad_stretch", "hamstring_stretch", "hip_flexor_stretch", "calf_stretch"]
EXERCISES_PER_WORKOUT = 4
SETS_PER_EXERCISE = 3
# The daily plan's one prescription (5–6 sets of 16–20 bodyweight squats): a day with 5 sets
# rarely reaches its 100 reps and one with 6 nearly always does, so days done and days missed
# both occur. DAILY_P of the days have the squats, whether or not they are training days too.
DAILY = programs.DESK_SQUATS.exercises[0]
DAILY_P = 0.8


def coach_email(index: int) -> str:
    return f"coach{index:02d}@gymchain.example"


def client_name(coach: int, index: int) -> str:
    return f"Client {coach:02d}-{index:03d}"


def _program(number: int) -> programs.Program | None:
    """Most clients follow Gym legs; some the home plan, a few the daily squats, some nothing.
    The rule lives here only: _profiles writes its answer into the `program` column, which the
    SQL that writes the sets and build()'s assignments both read."""
    kind = number % 20
    if kind < 14:
        return programs.GYM_LEGS
    if kind < 17:
        return programs.HOME_LEGS
    if kind < 18:
        return programs.DESK_SQUATS
    return None


# The profiles hold a program's name (DuckDB reads text, not Program objects); build() maps it back.
BUILTIN_BY_NAME = {program.name: program for program in programs.BUILTINS}


def _profiles(clients: int, seed: int) -> pd.DataFrame:
    rng = Random(seed)
    rows = []
    for number in range(clients):
        days = 365 * (LONG_HISTORY_YEARS if number == 0 else YEARS)
        program = _program(number)
        rows.append(
            {
                "no": number,
                "client_id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "first_day": ANCHOR - timedelta(days=days),
                "days": days,
                # Training days a week, 2.5 to 5.5 on average, as a daily probability.
                "train_p": rng.uniform(2.5, 5.5) / 7,
                # The share of training days that are leg days: top-heavy to leg-focused.
                "leg_p": rng.choice([0.15, 0.3, 0.4, 0.5, 0.6]),
                "stretch_p": rng.choice([0.0, 0.3, 0.7, 0.95]),
                "strength": rng.uniform(0.6, 1.4),
                # The built-in program's name, or None; the SQL below shapes the logs by it.
                "program": None if program is None else program.name,
            }
        )
    return pd.DataFrame(rows)


# One row per set: a training day with probability train_p; a leg day with probability leg_p;
# four exercises of three sets (the first set of the first exercise a warm-up), from HOME for a
# Home legs client's leg day; reps in the exercise's range and a load that rises 20% over two
# years; after a leg day, with probability stretch_p, two sets of a stretch held 30 s. Besides,
# for a daily-plan client, on DAILY_P of the days, the squats in the morning. hash() of (seed,
# client, day, slot) stands in for the random draws; gym and no-program clients draw exactly
# what generator 1 drew.
INSERT_QUARTER = """
INSERT INTO ck.set_rows (
    client_id, coach_id, batch_id, set_key, performed_at, session_date, workout_name,
    exercise_slug, logged_exercise, category_region, set_index, set_type, reps, weight_kg,
    duration_s, distance_m, rpe, notes, workout_duration_s
)
WITH days AS (
    SELECT
        p.*,
        p.first_day + CAST(t.d AS INTEGER) AS day,
        t.d,
        hash($seed, p.no, t.d, 'train') % 10000 / 10000.0 AS u_train,
        hash($seed, p.no, t.d, 'kind') % 10000 / 10000.0 AS u_kind,
        hash($seed, p.no, t.d, 'stretch') % 10000 / 10000.0 AS u_stretch,
        hash($seed, p.no, t.d, 'daily') % 10000 / 10000.0 AS u_daily
    FROM profiles AS p, range(p.days) AS t(d)
    WHERE (p.first_day + CAST(t.d AS INTEGER) - DATE '2000-01-01') // 91 = $quarter
),
workouts AS (
    SELECT
        *,
        CASE
            WHEN u_kind >= leg_p THEN 'upper'
            WHEN program = $home_program THEN 'home'
            ELSE 'lower'
        END AS kind
    FROM days
    WHERE u_train < train_p
),
lifts AS (
    SELECT w.*, s.k % $per_exercise AS set_index, s.k // $per_exercise AS slot
    FROM workouts AS w, range($per_workout * $per_exercise) AS s(k)
),
sets AS (
    -- The lifts, the first set of the day a warm-up; a gym exercise's reps are 5 + hash % 11.
    SELECT
        l.client_id,
        l.day,
        CASE l.kind WHEN 'upper' THEN 'Upper day' ELSE 'Leg day' END AS workout,
        l.slot,
        l.set_index,
        e.slug,
        CASE WHEN l.slot = 0 AND l.set_index = 0 THEN 'warmup' ELSE 'working' END AS set_type,
        l.day + INTERVAL 18 HOUR + to_minutes(CAST(l.slot * 10 + l.set_index * 3 AS BIGINT))
            AS performed_at,
        e.reps_min + hash($seed, l.no, l.d, l.slot, l.set_index) % (e.reps_max - e.reps_min + 1)
            AS reps,
        CASE WHEN e.kg > 0 THEN round(e.kg * l.strength * (1 + 0.2 * l.d / 730) / 2.5) * 2.5 END
            AS weight_kg,
        NULL AS duration_s
    FROM lifts AS l
    JOIN slots AS e
        ON e.kind = l.kind
        AND e.i = hash($seed, l.no, l.d, l.slot)
            % CASE l.kind
                WHEN 'lower' THEN $lower_count
                WHEN 'home' THEN $home_count
                ELSE $upper_count
            END
    UNION ALL
    -- Stretching after the lifts of some leg days: two sets of one stretch, held 30 s.
    SELECT
        w.client_id,
        w.day,
        'Leg day',
        $per_workout AS slot,
        s.k,
        e.slug,
        'working',
        w.day + INTERVAL 18 HOUR + to_minutes(CAST($per_workout * 10 + s.k * 3 AS BIGINT)),
        NULL,
        NULL,
        30
    FROM workouts AS w, range(2) AS s(k)
    JOIN slots AS e ON e.kind = 'stretch' AND e.i = hash($seed, w.no, w.d, 'which') % $stretch_count
    WHERE w.kind <> 'upper' AND w.u_stretch < w.stretch_p
    UNION ALL
    -- The daily plan's squats, at 7:00 before any other training of the day: slot -1 sorts
    -- them first. 5 or 6 sets, as the prescription allows.
    SELECT
        d.client_id,
        d.day,
        'Daily squats',
        -1 AS slot,
        s.k,
        $daily_slug,
        'working',
        d.day + INTERVAL 7 HOUR + to_minutes(CAST(s.k * 2 AS BIGINT)),
        $daily_reps_min
            + hash($seed, d.no, d.d, 'daily', s.k) % ($daily_reps_max - $daily_reps_min + 1),
        NULL,
        NULL
    FROM days AS d, range($daily_sets_max) AS s(k)
    WHERE d.program = $daily_program
        AND d.u_daily < $daily_p
        AND s.k < $daily_sets_min
            + hash($seed, d.no, d.d, 'daily sets') % ($daily_sets_max - $daily_sets_min + 1)
)
SELECT
    s.client_id,
    c.coach_id,
    CAST(md5(CAST(s.client_id AS VARCHAR) || CAST($quarter AS VARCHAR)) AS UUID) AS batch_id,
    -- The natural key, unique per set: the same exercise may come up in two slots of a day.
    md5(concat_ws('|', s.client_id, s.day, s.slot, s.slug, s.set_index)),
    s.performed_at,
    s.day,
    s.workout,
    s.slug,
    s.slug,
    NULL,
    s.set_index,
    s.set_type,
    s.reps,
    s.weight_kg,
    s.duration_s,
    NULL,
    NULL,
    NULL,
    3600
FROM sets AS s
JOIN ck.clients AS c ON c.id = s.client_id
ORDER BY s.client_id, s.day, s.slot, s.set_index
"""


def _load_sets(path: Path, profiles: pd.DataFrame, seed: int) -> int:
    """Write every set row straight into the file, one INSERT per quarter in arrival order."""
    raw = duckdb.connect()
    try:
        path_literal = "'" + str(path).replace("'", "''") + "'"
        raw.execute(f"ATTACH {path_literal} AS ck")
        raw.register("profile_frame", profiles)
        raw.execute("CREATE TEMP TABLE profiles AS SELECT * FROM profile_frame")
        raw.execute(
            "CREATE TEMP TABLE slots "
            "(kind VARCHAR, i INTEGER, slug VARCHAR, kg DOUBLE, reps_min INTEGER, reps_max INTEGER)"
        )
        slots = [
            (kind, i, slug, kg, *GYM_REPS)
            for kind, entries in (("lower", LOWER), ("upper", UPPER))
            for i, (slug, kg) in enumerate(entries)
        ]
        slots += [("home", i, slug, 0.0, low, high) for i, (slug, low, high) in enumerate(HOME)]
        slots += [("stretch", i, slug, 0.0, None, None) for i, slug in enumerate(STRETCH)]
        raw.executemany("INSERT INTO slots VALUES (?, ?, ?, ?, ?, ?)", slots)
        quarters = raw.execute(
            "SELECT DISTINCT (first_day + CAST(d AS INTEGER) - DATE '2000-01-01') // 91 AS q "
            "FROM profiles, range(days) AS t(d) ORDER BY q"
        ).fetchall()
        params = {
            "seed": seed,
            "per_workout": EXERCISES_PER_WORKOUT,
            "per_exercise": SETS_PER_EXERCISE,
            "lower_count": len(LOWER),
            "upper_count": len(UPPER),
            "home_count": len(HOME),
            "stretch_count": len(STRETCH),
            "home_program": programs.HOME_LEGS.name,
            "daily_program": programs.DESK_SQUATS.name,
            "daily_p": DAILY_P,
            "daily_slug": DAILY.slug,
            "daily_sets_min": DAILY.sets_min,
            "daily_sets_max": DAILY.sets_max,
            "daily_reps_min": DAILY.reps_min,
            "daily_reps_max": DAILY.reps_max,
        }
        for (quarter,) in quarters:
            raw.execute(INSERT_QUARTER, {**params, "quarter": quarter})
        raw.execute(
            """
            INSERT INTO ck.import_batches (
                id, coach_id, client_id, file_name, sha256, layout, unit, rows_read,
                sets_added, sets_existing, rows_skipped, created_at
            )
            SELECT batch_id, coach_id, client_id, 'gymchain.csv', CAST(batch_id AS VARCHAR),
                'bench', 'kg', count(*), count(*), 0, 0, min(performed_at)
            FROM ck.set_rows
            GROUP BY batch_id, coach_id, client_id
            """
        )
        raw.execute("CHECKPOINT ck")
        return raw.execute("SELECT count(*) FROM ck.set_rows").fetchone()[0]
    finally:
        raw.close()


def build(path: Path, clients: int = 2000, seed: int = 7) -> dict:
    """Create the database at `path` (which must not exist) and return its facts."""
    started = time.perf_counter()
    profiles = _profiles(clients, seed)
    coaches = []
    with open_store(str(path)) as store:
        catalog.sync(store)
        programs.install_builtins(store)
        for index in range((clients + CLIENTS_PER_COACH - 1) // CLIENTS_PER_COACH):
            coaches.append(auth.add_coach(store, coach_email(index), f"Coach {index}", PASSWORD))
        with store.transaction() as cur:
            for row in profiles.itertuples():
                coach = row.no // CLIENTS_PER_COACH
                cur.execute(
                    "clients/insert_client",
                    {
                        "id": row.client_id,
                        "coach_id": coaches[coach].id,
                        "name": client_name(coach, row.no % CLIENTS_PER_COACH),
                        "email": None,
                        "now": clock.utc_now(),
                    },
                )
    rows = _load_sets(path, profiles, seed)
    with open_store(str(path)) as store:
        for row in profiles.itertuples():
            coach_id = coaches[row.no // CLIENTS_PER_COACH].id
            program = BUILTIN_BY_NAME.get(row.program)
            if program is not None:
                start = ANCHOR - timedelta(weeks=12 + row.no % 40)
                programs.assign(store, coach_id, row.client_id, program, start)
            if row.no % 10 == 3:
                set_thresholds(store, coach_id, row.client_id, min_rest_days=2, leg_freq_max=3)
        problems = integrity.check(store)
    if problems:
        raise SystemExit(f"{path} fails coachkit check:\n" + "\n".join(problems))
    return {
        "generator": GENERATOR,
        "seed": seed,
        "clients": clients,
        "coaches": len(coaches),
        "set_rows": rows,
        "anchor": ANCHOR.isoformat(),
        "build_s": round(time.perf_counter() - started, 1),
    }


def ensure(out: Path, clients: int = 2000, seed: int = 7) -> tuple[Path, dict]:
    """The database for these arguments, built unless an identical one already exists."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"gymchain_{clients}_s{seed}_g{GENERATOR}.duckdb"
    facts_path = path.with_suffix(".json")
    if path.exists() and facts_path.exists():
        return path, json.loads(facts_path.read_text())
    path.unlink(missing_ok=True)
    facts = build(path, clients, seed)
    facts_path.write_text(json.dumps(facts, indent=2) + "\n")
    return path, facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"a quick check: {SMOKE_CLIENTS} clients in a temporary folder (ignores --clients "
        "and --out)",
    )
    args = parser.parse_args()
    if args.smoke:
        with tempfile.TemporaryDirectory(prefix="coachkit-smoke-") as tmp:
            path, facts = ensure(Path(tmp), SMOKE_CLIENTS, args.seed)
    else:
        path, facts = ensure(args.out, args.clients, args.seed)
    print(path)
    print(json.dumps(facts, indent=2))


if __name__ == "__main__":
    main()
