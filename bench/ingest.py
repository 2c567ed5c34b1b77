"""How fast, and in how much memory, `coachkit import` takes in a large Strong export.

Three contenders read the same generated Strong layout-A file (1,000,000 rows by default), each
in a fresh process writing a fresh database file:

(a) the floor: DuckDB copying the file, as text, into a table. No import can beat reading the
    file and storing its cells, so this is the yardstick the other two are measured against.
(b) the usual Streamlit-app way: pandas read_csv, clean in pandas, to_sql into SQLite. This is
    what CoachKit replaces, so the import has to beat it.
(c) `coachkit import`: detect, parse, normalise, validate, classify, key and store.

With --postgres SERVER, a fourth runs in the same turns for docs/scale.md: (d) the same
`coachkit import` into a new PostgreSQL database on that server (COACHKIT_DB set to it), with
no target of its own; the report adds d/c, what the shared server costs an import.

Targets: (c) takes at most 1.5 times (a)'s wall time and at most twice (a)'s peak memory, and
is faster than (b). Each figure is the median of --repeat runs taken in turn (a, b, c, a, b,
c, ...) so that drift on a noisy machine hits all three alike; the ratios are what matter.

Wall time is taken around the child process, interpreter start-up included, and peak memory is
the child's own ru_maxrss from os.wait4. Run from the project root:

    .venv/bin/python bench/ingest.py [--rows 1000000] [--repeat 3] [--out bench/out] [--stages]
        [--postgres 'host=127.0.0.1 user=postgres'] [--all-layouts [--layouts KEY,KEY]] [--smoke]

--smoke runs the same bench at its smallest, in a temporary folder removed at the end:
SMOKE_ROWS rows, one run of each contender, and --stages, so that every child script runs.
With --all-layouts, each layout's file holds at least SMOKE_ROWS rows too (layout_files.py
writes whole chunks of 400 workouts: about 10,000 rows for most layouts), about 5 s a
layout: pick a few with --layouts. --postgres works as without it. The suite runs it so that
a change in the app that breaks the bench fails there; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random

import layout_files
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COACHKIT = BIN / "coachkit"

HEADER = "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes"
CRLF = "\r\n"
GENERATOR = 1  # bump when the generated content changes, so that old files are not re-used
FIRST_DAY = date(1990, 1, 2)
# A fixed last day rather than yesterday: the file then depends on --rows and --seed only.
LAST_DAY = date(2025, 12, 31)
# Workouts start between 06:00 and 21:00; when more workouts are needed than there are days
# since 1990, a day holds several, in disjoint slots so that each start is still unique.
DAY_START_MIN = 6 * 60
DAY_WINDOW_MIN = 15 * 60
SETS_PER_WORKOUT = (20, 30)
# A rest timer row follows a set with probability p; rests / (sets + rests) = 0.3 gives 3/7.
REST_AFTER_SET = 0.3 / 0.7
NOTE_SHARE = 0.015
CHUNK_LINES = 20_000
SMOKE_ROWS = 5000

LAYOUTS = layout_files.LAYOUT_KEYS

COACH = "bench@example.com"
CLIENT = "Bench Client"
PASSWORD = "long enough password"

# name, kind, working load in kg at the start of the log (None: no load column)
EXERCISES = {
    "Squat (Barbell)": ("load", 100.0),
    "Front Squat (Barbell)": ("load", 70.0),
    "Deadlift (Barbell)": ("load", 140.0),
    "Romanian Deadlift (Barbell)": ("load", 90.0),
    "Hip Thrust (Barbell)": ("load", 100.0),
    "Leg Press": ("load", 180.0),
    "Hack Squat (Machine)": ("load", 100.0),
    "Leg Extension (Machine)": ("load", 50.0),
    "Lying Leg Curl (Machine)": ("load", 40.0),
    "Seated Leg Curl (Machine)": ("load", 45.0),
    "Hip Adductor (Machine)": ("load", 60.0),
    "Hip Abductor (Machine)": ("load", 60.0),
    "Standing Calf Raise (Machine)": ("load", 80.0),
    "Lunge (Dumbbell)": ("load", 20.0),
    "Bulgarian Split Squat (Dumbbell)": ("load", 18.0),
    "Goblet Squat (Kettlebell)": ("load", 24.0),
    "Bench Press (Barbell)": ("load", 80.0),
    "Incline Bench Press (Dumbbell)": ("load", 30.0),
    "Overhead Press (Barbell)": ("load", 50.0),
    "Lateral Raise (Dumbbell)": ("load", 10.0),
    "Triceps Pushdown (Cable)": ("load", 30.0),
    "Bent Over Row (Barbell)": ("load", 70.0),
    "Lat Pulldown (Cable)": ("load", 60.0),
    "Seated Row (Cable)": ("load", 55.0),
    "Bicep Curl (Dumbbell)": ("load", 14.0),
    "Pull Up": ("body", None),
    "Push Up": ("body", None),
    "Hanging Leg Raise": ("body", None),
    "Plank": ("hold", None),
    "Wall Sit": ("hold", None),
    "Running (Treadmill)": ("cardio", None),
    "Cycling (Indoor)": ("cardio", None),
}
WORKOUTS = {
    "Leg Day": [
        "Squat (Barbell)", "Romanian Deadlift (Barbell)", "Leg Press", "Leg Extension (Machine)",
        "Lying Leg Curl (Machine)", "Hip Adductor (Machine)", "Hip Abductor (Machine)",
        "Lunge (Dumbbell)", "Standing Calf Raise (Machine)", "Wall Sit",
    ],
    "Lower B": [
        "Deadlift (Barbell)", "Front Squat (Barbell)", "Hip Thrust (Barbell)",
        "Hack Squat (Machine)", "Seated Leg Curl (Machine)", "Bulgarian Split Squat (Dumbbell)",
        "Goblet Squat (Kettlebell)", "Standing Calf Raise (Machine)", "Plank",
        "Cycling (Indoor)",
    ],
    "Push": [
        "Bench Press (Barbell)", "Overhead Press (Barbell)", "Incline Bench Press (Dumbbell)",
        "Lateral Raise (Dumbbell)", "Triceps Pushdown (Cable)", "Push Up", "Plank",
        "Leg Extension (Machine)", "Running (Treadmill)",
    ],
    "Pull": [
        "Deadlift (Barbell)", "Pull Up", "Bent Over Row (Barbell)", "Lat Pulldown (Cable)",
        "Seated Row (Cable)", "Bicep Curl (Dumbbell)", "Hanging Leg Raise",
        "Lying Leg Curl (Machine)", "Running (Treadmill)",
    ],
    "Full Body": [
        "Squat (Barbell)", "Bench Press (Barbell)", "Bent Over Row (Barbell)",
        "Romanian Deadlift (Barbell)", "Overhead Press (Barbell)", "Pull Up",
        "Lunge (Dumbbell)", "Hip Adductor (Machine)", "Plank", "Cycling (Indoor)",
    ],
}  # fmt: skip
NOTES = ("felt heavy, belt on", 'left knee "clicky"', "slow eccentric", "PR", "paused reps")


@dataclass(frozen=True)
class Export:
    path: Path
    rows: int
    sets: int  # rows that are not Rest Timer rows: what the import must store
    bytes: int
    seed: int
    generator: int = GENERATOR


def _label(rows: int) -> str:
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}m"
    if rows % 1000 == 0:
        return f"{rows // 1000}k"
    return str(rows)


def _num(value: float) -> str:
    # As Strong prints numbers: 100, 102.5, 5.25; no trailing .0.
    return f"{value:g}"


def _csv_field(text: str) -> str:
    if "," in text or '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _shapes(seed: int):
    """Each workout's (sets, rest rows), forever. Drawn from its own Random so that a first
    pass can count the workouts and a second pass can see exactly the same shapes."""
    rng = Random(seed)
    low, high = SETS_PER_WORKOUT
    while True:
        sets = rng.randint(low, high)
        rests = sum(rng.random() < REST_AFTER_SET for _ in range(sets))
        yield sets, rests


def _exercise_sets(rng: Random, name: str, progress: float) -> list[tuple[str, str, str, str, str]]:
    """One exercise's sets as (set order, kg, reps, km, seconds), warm-ups first."""
    kind, load = EXERCISES[name]
    if kind == "load":
        # Loads climb over the years of the log; plates make 2.5 kg steps.
        working = round(load * (0.7 + 0.6 * progress) / 2.5) * 2.5
        sets = [
            ("W", _num(round(working * 0.5 / 2.5) * 2.5), str(rng.randint(8, 10)), "", "")
            for _ in range(rng.choice((0, 0, 1, 2)))
        ]
        for number in range(1, rng.randint(3, 5) + 1):
            kg = working + 2.5 * rng.randint(-2, 1)
            sets.append((str(number), _num(kg), str(rng.randint(5, 12)), "", ""))
        return sets
    if kind == "body":
        count = rng.randint(3, 4)
        return [(str(n), "", str(rng.randint(6, 15)), "", "") for n in range(1, count + 1)]
    if kind == "hold":
        count = rng.randint(2, 3)
        return [(str(n), "", "", "", str(5 * rng.randint(6, 18))) for n in range(1, count + 1)]
    km = round(rng.uniform(2.0, 10.0), 2)
    return [("1", "", "", _num(km), str(int(km * rng.uniform(300, 420))))]


def _workout_lines(
    rng: Random, stamp: str, sets: int, rests: int, progress: float
) -> tuple[list[str], int]:
    """A workout's CSV lines: `sets` sets, `rests` Rest Timer rows after some of them."""
    name = rng.choice(tuple(WORKOUTS))
    pool = WORKOUTS[name]
    chosen: list[tuple[str, tuple[str, str, str, str, str]]] = []
    while len(chosen) < sets:
        for exercise in rng.sample(pool, len(pool)):
            chosen.extend((exercise, s) for s in _exercise_sets(rng, exercise, progress))
            if len(chosen) >= sets:
                break
    del chosen[sets:]
    rest_after = set(rng.sample(range(sets), rests))
    lines = []
    for i, (exercise, (order, kg, reps, km, seconds)) in enumerate(chosen):
        head = f"{stamp},{name},{exercise},"
        note = _csv_field(rng.choice(NOTES)) if rng.random() < NOTE_SHARE else ""
        lines.append(f"{head}{order},{kg},{reps},{km},{seconds},{note}{CRLF}")
        if i in rest_after:
            lines.append(f"{head}Rest Timer,,,,{rng.randrange(60, 241, 15)},{CRLF}")
    return lines, sets


def generate(path: Path, rows: int, seed: int) -> Export:
    """Write the export; lines are built in chunks so that the process stays small (see run)."""
    workouts = 0
    total = 0
    for sets, rests in _shapes(seed):
        workouts += 1
        total += sets + rests
        if total >= rows:
            break
    days = (LAST_DAY - FIRST_DAY).days + 1
    per_day = math.ceil(workouts / days)
    first = LAST_DAY - timedelta(days=math.ceil(workouts / per_day) - 1)
    slot = DAY_WINDOW_MIN // per_day
    rng = Random(seed + 1)
    written = 0
    stored = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + CRLF)
        chunk: list[str] = []
        for k, (sets, rests) in zip(range(workouts), _shapes(seed), strict=False):
            day = first + timedelta(days=k // per_day)
            # Each slot keeps an hour spare at its end, so workouts of one day do not overlap.
            minute = DAY_START_MIN + (k % per_day) * slot + rng.randrange(max(1, slot - 60))
            stamp = (
                f"{day.isoformat()} {minute // 60:02d}:{minute % 60:02d}:{rng.randrange(60):02d}"
            )
            lines, count = _workout_lines(rng, stamp, sets, rests, k / workouts)
            if written + len(lines) > rows:
                lines = lines[: rows - written]
                count = sum(",Rest Timer," not in line for line in lines)
            chunk.extend(lines)
            written += len(lines)
            stored += count
            if len(chunk) >= CHUNK_LINES:
                out.writelines(chunk)
                chunk.clear()
        out.writelines(chunk)
    tmp.replace(path)
    return Export(path, written, stored, path.stat().st_size, seed)


def export(out_dir: Path, rows: int, seed: int) -> Export:
    """The export for these rows and seed: re-used when it is already there, else written."""
    path = out_dir / f"strong_{_label(rows)}.csv"
    meta = path.with_name(path.name + ".json")
    if path.exists() and meta.exists():
        known = json.loads(meta.read_text())
        wanted = {"rows": rows, "seed": seed, "generator": GENERATOR}
        if {k: known.get(k) for k in wanted} == wanted and known["bytes"] == path.stat().st_size:
            print(f"re-using {path} ({rows:,} rows, seed {seed}, {known['bytes'] / 2**20:.1f} MB)")
            return Export(path, rows, known["sets"], known["bytes"], seed)
    started = time.perf_counter()
    made = generate(path, rows, seed)
    if made.rows != rows:
        raise SystemExit(f"generator wrote {made.rows} rows, not {rows}")
    meta.write_text(json.dumps({**asdict(made), "path": str(made.path)}, indent=2) + "\n")
    print(
        f"wrote {path} ({rows:,} rows, {made.sets:,} sets, {made.bytes / 2**20:.1f} MB, "
        f"seed {seed}) in {time.perf_counter() - started:.1f} s"
    )
    return made


FLOOR = """
import sys
import duckdb
csv, db = sys.argv[1:3]
con = duckdb.connect(db)
con.execute("SET enable_progress_bar = false")
con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?, all_varchar=true, header=true)", [csv])
print(con.execute("SELECT count(*) FROM raw").fetchone()[0])
con.close()
"""

PANDAS = """
import sqlite3
import sys
import pandas as pd
csv, db = sys.argv[1:3]
df = pd.read_csv(csv, dtype=str)
df = df[df["Set Order"] != "Rest Timer"].copy()
df["Date"] = pd.to_datetime(df["Date"], format="%Y-%m-%d %H:%M:%S")
for column in ("kg", "Reps", "km", "Seconds"):
    df[column] = pd.to_numeric(df[column], errors="coerce")
kinds = {"W": "warmup", "D": "drop", "F": "failure"}
df["Set Type"] = df["Set Order"].map(kinds).fillna("working")
con = sqlite3.connect(db)
df.to_sql("set_rows", con, if_exists="replace", index=False, chunksize=10_000)
con.commit()
con.close()
print(len(df))
"""

# The same import with the store's per-query debug timings and the progress marks collected.
STAGES = """
import json, logging, sys, time
from pathlib import Path
from coachkit import auth, catalog, clients, ingest
from coachkit.store import open_store
csv, db, email, name = sys.argv[1:5]
queries, marks = [], []
class Collect(logging.Handler):
    def emit(self, record):
        queries.append([record.args[0], record.args[1]])
log = logging.getLogger("coachkit.store")
log.setLevel(logging.DEBUG)
log.addHandler(Collect())
log.propagate = False
store = open_store(db)
catalog.sync(store)
coach = auth.require_coach(store, email)
client = clients.client_by_name(store, coach.id, name)
queries.clear()
start = time.perf_counter()
ingest.commit(store, coach.id, client.id, Path(csv),
              progress=lambda stage, f: marks.append([stage, time.perf_counter() - start]))
total = time.perf_counter() - start
store.close()
print(json.dumps({"queries": queries, "marks": marks, "total": total}))
"""

COUNT = """
import sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM set_rows").fetchone()[0])
"""


@dataclass
class Run:
    wall_s: float
    peak_mb: float
    stdout: str


def run(argv: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> Run:
    """Run one child; its wall time and its own peak RSS. Output goes to files, not pipes, so
    that a chatty child cannot block on a full pipe while we sit in wait4."""
    with (
        tempfile.TemporaryFile() as feed,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        feed.write((stdin or "").encode())
        feed.seek(0)
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=feed, stdout=out, stderr=err, cwd=ROOT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        # wait4 reaped the child; tell Popen so that it does not try to wait for it again.
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(
            f"FAILED (exit {proc.returncode}): {' '.join(argv[:3])} ...\n{stderr[-3000:]}"
        )
    # Linux reports ru_maxrss in KiB.
    return Run(wall, usage.ru_maxrss / 1024, stdout)


def import_env(size: int) -> dict[str, str]:
    # The default import cap (50 MB) would refuse the 1M-row file; raise it for this run only.
    env = dict(os.environ)
    env["COACHKIT_MAX_IMPORT_MB"] = str(max(50, math.ceil(size / 2**20) + 1))
    return env


def prepare(db: Path) -> None:
    """A fresh CoachKit database with the bench coach and client, untimed."""
    ck = [str(COACHKIT), "--db", str(db)]
    run([*ck, "init"])
    run([*ck, "add-coach", COACH, "--password-stdin"], stdin=PASSWORD + "\n")
    run([*ck, "add-client", "--coach", COACH, CLIENT])


def stored_sets(db: Path | str) -> int:
    if isinstance(db, str):  # a PostgreSQL database
        with psycopg.connect(db) as con:
            return con.execute("SELECT count(*) FROM set_rows").fetchone()[0]
    return int(run([sys.executable, "-c", COUNT, str(db)]).stdout.strip())


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on the server --postgres names (a libpq string), for one run;
    dropped afterwards, even when the run fails."""
    name = f"ck_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server} dbname={name}"
    finally:
        with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def measure_floor(data: Export, db: Path) -> Run:
    result = run([sys.executable, "-c", FLOOR, str(data.path), str(db)])
    if int(result.stdout.strip()) != data.rows:
        raise SystemExit(f"(a) read {result.stdout.strip()} rows, not {data.rows}")
    return result


def measure_pandas(data: Export, db: Path) -> Run:
    result = run([sys.executable, "-c", PANDAS, str(data.path), str(db)])
    if int(result.stdout.strip()) != data.sets:
        raise SystemExit(f"(b) kept {result.stdout.strip()} sets, not {data.sets}")
    return result


def measure_coachkit(data: Export, db: Path | str, options: tuple[str, ...] = ()) -> Run:
    prepare(db)
    argv = [str(COACHKIT), "--db", str(db), "import", "--coach", COACH, "--client", CLIENT]
    argv += [*options, str(data.path)]
    result = run(argv, env=import_env(data.bytes))
    stored = stored_sets(db)
    if stored != data.sets:
        raise SystemExit(f"(c) stored {stored:,} sets; the file holds {data.sets:,}: FAIL")
    return result


def stages(data: Export, db: Path) -> dict:
    """Where the import spends its time: progress stages and the slowest named queries."""
    prepare(db)
    argv = [sys.executable, "-c", STAGES, str(data.path), str(db), COACH, CLIENT]
    result = run(argv, env=import_env(data.bytes))
    report = json.loads(result.stdout)
    marks = [["opening (size, UTF-8 check, sha256)", 0.0], *report["marks"]]
    ends = [at for _, at in marks[1:]] + [report["total"]]
    spans = [
        [stage, round(end - begin, 3)]
        for (stage, begin), end in zip(marks, ends, strict=True)
        if stage != "done"
    ]
    totals: dict[str, float] = {}
    for name, ms in report["queries"]:
        totals[name] = totals.get(name, 0.0) + ms / 1000
    slowest = sorted(totals.items(), key=lambda item: -item[1])[:8]
    return {
        "total_s": round(report["total"], 3),
        "stages_s": spans,
        "queries_s": [[name, round(s, 3)] for name, s in slowest],
        "peak_mb": round(result.peak_mb, 1),
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def layout_export(out_dir: Path, key: str, rows: int, seed: int) -> Export:
    """The export of this layout for these rows and seed: re-used when it is already there,
    else written by bench/layout_files.py in a child process (it holds a chunk of the log in
    pandas while it writes; this process must stay small, see main)."""
    path = out_dir / f"{key}_{rows}.csv"
    meta = path.with_name(path.name + ".json")
    if path.exists() and meta.exists():
        known = json.loads(meta.read_text())
        wanted = {"seed": seed, "generator": layout_files.GENERATOR, "bytes": path.stat().st_size}
        if {k: known.get(k) for k in wanted} == wanted:
            return Export(path, known["rows"], known["sets"], known["bytes"], seed)
    started = time.perf_counter()
    writer = [sys.executable, str(Path(layout_files.__file__)), key, str(rows), str(seed)]
    known = json.loads(run([*writer, str(out_dir)]).stdout)
    print(
        f"wrote {path.name} ({known['rows']:,} rows, {known['sets']:,} sets, "
        f"{known['bytes'] / 2**20:.1f} MB) in {time.perf_counter() - started:.1f} s"
    )
    return Export(path, known["rows"], known["sets"], known["bytes"], seed)


def all_layouts(args: argparse.Namespace) -> int:
    """Every layout at --rows rows: (a) the floor and (c) coachkit import, in turns, with the
    two ratios and their verdicts per layout."""
    keys = args.layouts.split(",") if args.layouts else LAYOUTS
    unknown = sorted(set(keys) - set(LAYOUTS))
    if unknown:
        raise SystemExit(f"no such layout: {', '.join(unknown)}; the layouts: {', '.join(LAYOUTS)}")
    exports = {key: layout_export(args.out, key, args.rows, args.seed) for key in keys}
    table = {}
    print(LAYOUT_TABLE_HEAD)
    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        for key, data in exports.items():
            with data.path.open("rb") as handle:  # a warm cache for both contenders
                while handle.read(1 << 24):
                    pass
            floors, imports = [], []
            for i in range(args.repeat):
                floors.append(measure_floor(data, Path(tmp) / f"a{i}.duckdb"))
                options = tuple(layout_files.IMPORT_OPTIONS.get(key, ()))
                imports.append(measure_coachkit(data, Path(tmp) / f"c{i}.duckdb", options))
                for path in Path(tmp).glob("*.duckdb*"):
                    path.unlink()
            a_wall = statistics.median(r.wall_s for r in floors)
            a_peak = statistics.median(r.peak_mb for r in floors)
            c_wall = statistics.median(r.wall_s for r in imports)
            c_peak = statistics.median(r.peak_mb for r in imports)
            table[key] = {
                "rows": data.rows,
                "sets": data.sets,
                "mb": round(data.bytes / 2**20, 1),
                "a": {"wall_s": round(a_wall, 3), "peak_mb": round(a_peak, 1)},
                "c": {"wall_s": round(c_wall, 3), "peak_mb": round(c_peak, 1)},
                "wall_ratio": round(c_wall / a_wall, 3),
                "memory_ratio": round(c_peak / a_peak, 3),
            }
            row = table[key]
            row["pass"] = row["wall_ratio"] <= 1.5 and row["memory_ratio"] <= 2.0
            print(
                f"{key:13} {data.rows:>10,} {row['mb']:7.1f} {a_wall:8.2f} {a_peak:7.0f} "
                f"{c_wall:8.2f} {c_peak:7.0f} {row['wall_ratio']:6.2f}x {row['memory_ratio']:6.2f}x"
                f"  {verdict(row['pass'])}",
                flush=True,
            )
    passed = all(row["pass"] for row in table.values())
    print(f"targets: wall <= 1.5x and memory <= 2x of (a) for every layout; median of "
          f"{args.repeat}; verdict: {verdict(passed)}")  # fmt: skip
    target = args.out / "ingest_layouts.json"
    target.write_text(json.dumps({"repeat": args.repeat, "layouts": table}, indent=2) + "\n")
    print(f"figures written to {target}")
    return 0


LAYOUT_TABLE_HEAD = (
    f"{'layout':13} {'rows':>10} {'MB':>7} {'(a) s':>8} {'(a) MB':>7} {'(c) s':>8} "
    f"{'(c) MB':>7} {'wall':>7} {'memory':>7}"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="data rows in the file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each contender")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--stages", action="store_true", help="also time coachkit's import stage by stage"
    )
    parser.add_argument(
        "--postgres",
        metavar="SERVER",
        help="also time (d), coachkit import into a new PostgreSQL database on this server "
        "(libpq string, e.g. 'host=127.0.0.1 user=postgres'); no target, side by side with (c)",
    )
    parser.add_argument(
        "--all-layouts",
        action="store_true",
        help="every layout CoachKit reads at --rows rows, (a) against (c) for each",
    )
    parser.add_argument(
        "--layouts",
        metavar="KEY,KEY",
        help="with --all-layouts, only these (e.g. coachkit,strong_f)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"a quick check that the bench still runs: {SMOKE_ROWS:,} rows, one run, --stages, "
        "in a temporary folder (ignores --rows, --repeat and --out)",
    )
    args = parser.parse_args(argv)
    if not args.smoke:
        return run_bench(args)
    with tempfile.TemporaryDirectory(prefix="coachkit-smoke-") as tmp:
        args.rows, args.repeat, args.stages, args.out = SMOKE_ROWS, 1, True, Path(tmp)
        return run_bench(args)


def run_bench(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    if args.all_layouts:
        return all_layouts(args)

    data = export(args.out, args.rows, args.seed)
    # Under vfork a child's ru_maxrss starts from this process's peak, so this process stays
    # small (the file is written in chunks) and its peak is shown: no child can report less.
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Read the file once untimed, so that the first contender does not pay for a cold cache.
    with data.path.open("rb") as handle:
        while handle.read(1 << 24):
            pass

    contenders = {
        "a": ("(a) DuckDB read_csv as text", measure_floor),
        "b": ("(b) pandas + to_sql SQLite", measure_pandas),
        "c": ("(c) coachkit import", measure_coachkit),
    }
    if args.postgres:
        contenders["d"] = ("(d) coachkit import, PostgreSQL", measure_coachkit)
    runs: dict[str, list[Run]] = {key: [] for key in contenders}
    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        for i in range(args.repeat):
            for key, (label, measure) in contenders.items():
                if key == "d":
                    with fresh_database(args.postgres) as db:
                        result = measure(data, db)
                else:
                    db = Path(tmp) / f"{key}{i}.{'sqlite' if key == 'b' else 'duckdb'}"
                    result = measure(data, db)
                runs[key].append(result)
                print(f"  run {i + 1}/{args.repeat} {label}: {result.wall_s:.2f} s, "
                      f"{result.peak_mb:.0f} MB")  # fmt: skip
                for path in Path(tmp).glob(f"{key}{i}.*"):
                    path.unlink()
        profile = stages(data, Path(tmp) / "stages.duckdb") if args.stages else None

    wall = {k: statistics.median(r.wall_s for r in v) for k, v in runs.items()}
    peak = {k: statistics.median(r.peak_mb for r in v) for k, v in runs.items()}
    ratios = {
        "c/a wall": wall["c"] / wall["a"],
        "c/a memory": peak["c"] / peak["a"],
        "c/b wall": wall["c"] / wall["b"],
    }
    targets = {
        "c/a wall": ("<= 1.5", ratios["c/a wall"] <= 1.5),
        "c/a memory": ("<= 2", ratios["c/a memory"] <= 2.0),
        "c/b wall": ("< 1", ratios["c/b wall"] < 1.0),
    }

    print()
    print(f"{data.rows:,} rows ({data.sets:,} sets, {data.bytes / 2**20:.1f} MB), "
          f"median of {args.repeat}; this process peaked at {own_peak:.0f} MB")  # fmt: skip
    print(f"{'':34} {'wall s':>8} {'peak MB':>8}")
    for key, (label, _) in contenders.items():
        print(f"{label:34} {wall[key]:8.2f} {peak[key]:8.0f}")
    print()
    for name, value in ratios.items():
        bound, ok = targets[name]
        print(f"{name:12} {value:6.2f}x  {'target ' + bound:14} {verdict(ok)}")
    if "d" in wall:
        ratios["d/c wall"] = wall["d"] / wall["c"]
        print(f"{'d/c wall':12} {ratios['d/c wall']:6.2f}x  PostgreSQL against the embedded file")
    passed = all(ok for _, ok in targets.values())
    print(f"verdict: {verdict(passed)}" + ("" if passed else " (a report: exit code stays 0)"))
    if profile:
        print()
        print(
            f"coachkit import by stage ({profile['total_s']:.2f} s in commit, "
            f"{profile['peak_mb']:.0f} MB peak):"
        )
        for stage, seconds in profile["stages_s"]:
            print(f"  {stage:40} {seconds:7.2f} s")
        print("slowest named queries:")
        for name, seconds in profile["queries_s"]:
            print(f"  {name:40} {seconds:7.2f} s")

    summary = {
        "rows": data.rows,
        "sets": data.sets,
        "bytes": data.bytes,
        "seed": data.seed,
        "file": str(data.path),
        "repeat": args.repeat,
        "launcher_peak_mb": round(own_peak, 1),
        "runs": {
            key: [{"wall_s": round(r.wall_s, 3), "peak_mb": round(r.peak_mb, 1)} for r in v]
            for key, v in runs.items()
        },
        "median": {
            key: {"wall_s": round(wall[key], 3), "peak_mb": round(peak[key], 1)} for key in runs
        },
        "ratios": {name: round(value, 3) for name, value in ratios.items()},
        "targets": {name: {"bound": b, "pass": ok} for name, (b, ok) in targets.items()},
        "pass": passed,
        "stages": profile,
    }
    target = args.out / "ingest.json"
    target.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nfigures written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
