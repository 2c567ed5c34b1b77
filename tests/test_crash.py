"""Crash safety: a process killed (SIGKILL) while it commits a large import holds, on reopening,
all of that import or none of it, and a process killed during a migration leaves the schema as
it was before that migration; either way the database passes coachkit.integrity.check.

The process to kill is a child (CHILD below, run by sys.executable) that opens the database of
the backend under test itself, says "ready" on its stdout, waits for "go" on its stdin and then
imports or migrates. For the deterministic kills a hook in the child pauses inside the write
transaction, after every row is written and before COMMIT, and says "paused"; the test kills it
there. For the others there is no hook: the test kills the child at moments of its commit
that it sees from outside (the database file and its write-ahead log growing; the server's
pg_stat_activity), and at moments spread over a measured import, closing in on the COMMIT.
On PostgreSQL the server rolls back what the dead client left open; on DuckDB the next open
replays the write-ahead log, or finds nothing of an uncommitted transaction in it.

The integrity check itself is tested last, on databases corrupted on purpose by raw SQL.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from coachkit import catalog, ingest, integrity
from coachkit.auth import add_coach
from coachkit.clients import Client, add_client
from coachkit.database import open_database
from coachkit.store import Store, migrations, open_store
from tests.conftest import POSTGRES_SERVER, TODAY
from tests.test_cli import run
from tests.test_ingest_rejects import GOOD_ROWS, STRONG_HEADER, strong

ROOT = Path(__file__).resolve().parents[1]
WAIT_S = 120  # for a child that hangs or never reaches its marker: the test fails instead
COACH = "crash@coachkit.example"
CLIENT = "Kim"

# The small first import: GOOD_ROWS holds a warm-up and a working squat and a leg extension,
# 3 sets, and a rest timer row that is skipped.
SMALL = "small.csv"
SMALL_SETS = 3
# The large import: 6,000 daily workouts from 1995-01-02 (to 2011-06-06, all before TODAY and
# none on the small import's day), each of 5 exercises of 5 sets, one set per line and no rest
# rows: 6,000 x 5 x 5 = 150,000 sets. That is more than one of DuckDB's row groups (122,880
# rows): DuckDB writes such an append into the database file itself during COMMIT, and only a
# few kilobytes that refer to it into the write-ahead log (duckdb_moments).
LARGE = "large.csv"
LARGE_WORKOUTS = 6_000
LARGE_EXERCISES = [
    "Squat (Barbell)",
    "Leg Press",
    "Bench Press (Barbell)",
    "Deadlift (Barbell)",
    "Pull Up",
]
SETS_PER_EXERCISE = 5
LARGE_SETS = 150_000

CHILD = '''
"""A process for tests/test_crash.py to kill. argv: mode url [coach_id client_id file]."""
import sys
import time
import uuid
from pathlib import Path

from coachkit import ingest
from coachkit.store import Cursor, Store, migrations, open_store

mode, url = sys.argv[1], sys.argv[2]
marks = {}


def say(*words):
    print(*words, flush=True)


def hook(method, wanted, pause, count_sql):
    """Run `count_sql` on the writing cursor, inside its transaction, right after
    Cursor.<method> has run what `wanted` picks; then say "paused <count>" and sleep."""
    original = getattr(Cursor, method)

    def hooked(self, what, *args, **kw):
        result = original(self, what, *args, **kw)
        if wanted(what):
            marks["pre_commit"] = time.perf_counter()
            if pause:
                say("paused", self.run_sql(count_sql).fetchone()[0])
                time.sleep(300)  # killed long before; at worst it ends on its own
        return result

    setattr(Cursor, method, hooked)


if mode == "migrate":
    # Pause in migration 005 after its script (ALTER TABLE set_rows ADD COLUMN coach_id, then
    # UPDATE of every row), before its version is recorded and before COMMIT.
    script = next(m.sql for m in migrations() if m.version == 5)
    hook("run_sql", lambda sql: sql == script, True,
         "SELECT count(coach_id) FROM set_rows")
    store = Store(url)
    say("ready")
    sys.stdin.readline()
    store.migrate()
    store.close()
    say("done")
    sys.exit(0)

# An import. "pause" stops after the batch row is written (the set rows are written before
# it, ingest._store_sets), just before COMMIT; "timed" notes that moment and goes on; "commit"
# has no hook at all.
coach_id, client_id, path = uuid.UUID(sys.argv[3]), uuid.UUID(sys.argv[4]), Path(sys.argv[5])
if mode in ("pause", "timed"):
    hook("execute", lambda name: name == "ingest/insert_import_batch", mode == "pause",
         f"SELECT count(*) FROM set_rows WHERE client_id = '{client_id}'")
store = open_store(url)
say("ready")
sys.stdin.readline()
started = time.perf_counter()
result = ingest.commit(store, coach_id, client_id, path)
committed = time.perf_counter()
store.close()
closed = time.perf_counter()
say("done", result.sets_added, marks.get("pre_commit", committed) - started,
    committed - started, closed - started)
'''


class Child:
    """A child process running CHILD, spoken to by lines on its stdin and stdout."""

    def __init__(self, folder: Path, *args: str):
        script = folder / "crash_child.py"
        script.write_text(CHILD, encoding="utf-8")
        self.errors = folder / f"child-{uuid.uuid4().hex[:8]}.err"
        with self.errors.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(script), *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                cwd=ROOT,
            )
        self._buffer = b""

    def expect(self, word: str) -> list[str]:
        """Wait for the line that starts with `word`; return its other words. Fails the test
        when the child exits first (with its stderr) or stays silent for WAIT_S."""
        deadline = time.monotonic() + WAIT_S
        fd = self.process.stdout.fileno()
        while True:
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                words = line.decode().split()
                if words and words[0] == word:
                    return words[1:]
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                pytest.fail(f"the child did not say {word!r} within {WAIT_S} s")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.process.wait(WAIT_S)
                    pytest.fail(
                        f"the child exited ({self.process.returncode}) before saying {word!r}:"
                        f"\n{self.errors.read_text(errors='replace')}"
                    )
                self._buffer += chunk

    def go(self) -> None:
        self.process.stdin.write(b"go\n")
        self.process.stdin.flush()

    def kill_when(self, fired: Callable[[], bool]) -> bool:
        """SIGKILL it as soon as `fired()` is true, polled every fraction of a millisecond;
        whether it was still running then (False: it finished before `fired` came true)."""
        deadline = time.monotonic() + WAIT_S
        while self.process.poll() is None and not fired():
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"the child ran for {WAIT_S} s")
            time.sleep(0.0002)
        return self.kill()

    def kill(self) -> bool:
        """SIGKILL it and wait until it is gone; whether it was still running."""
        running = self.process.poll() is None
        if running:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(WAIT_S)
        return running

    def close(self) -> None:
        if self.process.poll() is None:
            self.kill()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()


@pytest.fixture
def children(tmp_path):
    """Starts children in tmp_path; any still running when the test ends is killed."""
    started: list[Child] = []

    def start(*args: str) -> Child:
        started.append(Child(tmp_path, *args))
        return started[-1]

    yield start
    for child in started:
        child.close()


def write_large(path: Path) -> Path:
    first = datetime(1995, 1, 2, 7, 0)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(STRONG_HEADER + "\r\n")
        for day in range(LARGE_WORKOUTS):
            when = (first + timedelta(days=day)).strftime("%Y-%m-%d %H:%M:%S")
            for exercise in LARGE_EXERCISES:
                for order in range(1, SETS_PER_EXERCISE + 1):
                    out.write(
                        f"{when},Day {day % 3},{exercise},{order},{60 + order},{order},,,\r\n"
                    )
    return path


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    return write_large(tmp_path_factory.mktemp("crash") / LARGE)


@dataclass(frozen=True)
class Base:
    """A database holding one coach, one client and the small import, which nothing has open."""

    url: str
    coach_id: uuid.UUID
    client_id: uuid.UUID
    small_batch: uuid.UUID

    def args(self, path: Path) -> list[str]:
        return [self.url, str(self.coach_id), str(self.client_id), str(path)]


@pytest.fixture
def base(db_path, tmp_path) -> Base:
    with open_database(db_path) as store:
        coach = add_coach(store, COACH, "Crash Coach", "long enough password")
        client = add_client(store, coach.id, CLIENT)
        small = tmp_path / SMALL
        small.write_text(strong(*GOOD_ROWS), encoding="utf-8")
        result = ingest.commit(store, coach.id, client.id, small, today=TODAY)
        assert result.sets_added == SMALL_SETS
    return Base(db_path, coach.id, client.id, result.batch_id)


def count_sets(store: Store, client_id: uuid.UUID, batch_id: uuid.UUID | None = None) -> int:
    with store.cursor() as cur:
        if batch_id is None:
            sql, params = "SELECT count(*) FROM set_rows WHERE client_id = ?", [client_id]
        else:
            sql, params = "SELECT count(*) FROM set_rows WHERE batch_id = ?", [batch_id]
        return cur.run_sql(sql, params).fetchone()[0]


def outcome(store: Store, base: Base) -> str:
    """What a killed import left: "whole", "none", or a description of a partial import."""
    batches = ingest.history(store, base.coach_id, base.client_id)
    small = batches[batches["file_name"] == SMALL]
    assert list(small["id"]) == [base.small_batch], "the first import is intact"
    assert count_sets(store, base.client_id, base.small_batch) == SMALL_SETS
    large = batches[batches["file_name"] == LARGE]
    stored = count_sets(store, base.client_id)
    if large.empty and stored == SMALL_SETS:
        return "none"
    if len(large) == 1:
        batch = large.iloc[0]
        of_batch = count_sets(store, base.client_id, batch["id"])
        whole = (batch["sets_added"], of_batch, stored) == (
            LARGE_SETS,
            LARGE_SETS,
            SMALL_SETS + LARGE_SETS,
        )
        if whole and batch["sets_existing"] == 0:
            return "whole"
    return (
        f"partial: {len(large)} batch(es) of {LARGE} claiming {list(large['sets_added'])} sets, "
        f"{stored - SMALL_SETS:,} of its set rows stored"
    )


def test_a_kill_just_before_commit_leaves_none_of_the_import(base, large, children):
    child = children("pause", *base.args(large))
    child.expect("ready")
    child.go()
    # Inside the transaction: the first import's 3 sets and all 150,000 of the large one.
    (seen,) = child.expect("paused")
    assert int(seen) == SMALL_SETS + LARGE_SETS
    assert child.kill(), "the child was paused, not finished"

    with open_store(base.url) as store:
        assert outcome(store, base) == "none"
        assert integrity.check(store) == []
        # The file imports whole afterwards: nothing of the killed attempt is in its way.
        again = ingest.commit(store, base.coach_id, base.client_id, large, today=TODAY)
        assert (again.sets_added, again.sets_existing) == (LARGE_SETS, 0)
        assert outcome(store, base) == "whole"
        assert integrity.check(store) == []


Moments = dict[str, Callable[[], Callable[[], bool]]]


def duckdb_moments(url: str, monitor: None) -> Moments:
    """Moments of a DuckDB commit seen from outside, in the files: each a function that, called
    just before "go", returns whether that moment has come. DuckDB writes an import's rows to
    the database file at COMMIT, then the commit to the write-ahead log; closing the store
    checkpoints (the log into the file) and removes the log."""
    db, wal = Path(url), Path(url + ".wal")

    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except FileNotFoundError:
            return 0

    def rows_flushed() -> Callable[[], bool]:
        before = size(db)
        return lambda: size(db) > before and size(wal) == 0

    def log_written() -> Callable[[], bool]:
        return lambda: size(wal) > 0

    def checkpointing() -> Callable[[], bool]:
        at_log = []

        def fired() -> bool:
            if size(wal) == 0:
                return False
            at_log.append(size(db))
            return size(db) > at_log[0]

        return fired

    return {
        "rows written to the file": rows_flushed,
        "log written": log_written,
        "checkpoint": checkpointing,
    }


def postgres_moments(url: str, monitor: psycopg.Connection) -> Moments:
    """Moments of a PostgreSQL commit seen from outside, in pg_stat_activity: the extension
    sends the set rows with COPY, then the batch row with COPY, then COMMIT. The test holds no
    connection to the database meanwhile: every query listed is the child's."""
    name = url.rpartition("dbname=")[2]

    def queries() -> list[str]:
        return [
            query
            for (query,) in monitor.execute(
                "SELECT query FROM pg_stat_activity "
                "WHERE datname = %s AND backend_type = 'client backend'",
                [name],
            )
        ]

    def running(prefix: str) -> Callable[[], Callable[[], bool]]:
        return lambda: lambda: any(q.startswith(prefix) for q in queries())

    def committed() -> Callable[[], bool]:
        # COMMIT takes the server a millisecond, too short to catch; this is just after it,
        # while the child still closes its store.
        seen = []

        def fired() -> bool:
            now = queries()
            seen.extend(q for q in now if q.startswith('COPY "public"."import_batches"'))
            return bool(seen) and not any(q.startswith("COPY") for q in now)

        return fired

    return {
        "COPY of the set rows": running('COPY "public"."set_rows"'),
        "COPY of the batch row": running('COPY "public"."import_batches"'),
        "after COMMIT": committed,
    }


MOMENTS = {"duckdb": duckdb_moments, "postgres": postgres_moments}
SPREAD = (0.5,)  # kills at these fractions of the time to COMMIT, while the file is read
BISECTIONS = 2  # then kills that close in on the moment the import becomes durable


@pytest.fixture
def monitor(backend):
    """A connection to the PostgreSQL server's own database, to watch pg_stat_activity."""
    if backend != "postgres":
        yield None
        return
    with psycopg.connect(POSTGRES_SERVER, dbname="postgres", autocommit=True) as connection:
        yield connection


def test_kills_at_any_moment_of_a_real_import_leave_all_or_none(
    base, large, children, databases, backend, monitor, capsys
):
    # One import to the end, timed from "go": when its transaction reaches COMMIT
    # (pre_commit), when commit() returns, and when the store is closed.
    copy = Base(databases.copy(base.url), base.coach_id, base.client_id, base.small_batch)
    timed = children("timed", *copy.args(large))
    timed.expect("ready")
    timed.go()
    added, pre_commit, committed, closed = timed.expect("done")
    assert int(added) == LARGE_SETS
    databases.drop(copy.url)
    pre_commit, committed, closed = float(pre_commit), float(committed), float(closed)

    runs = []  # (when, whether it was still running, what it left)
    reimported = []  # the kill after which the import was committed again

    def kill(when: str, moment: float | None = None) -> str:
        url = databases.copy(base.url)
        at = Base(url, base.coach_id, base.client_id, base.small_batch)
        child = children("commit", *at.args(large))
        child.expect("ready")
        if moment is None:
            fired = MOMENTS[backend](url, monitor)[when]()
            child.go()
            running = child.kill_when(fired)
        else:
            child.go()
            time.sleep(moment)
            running = child.kill()
        with open_store(url) as store:
            got = outcome(store, at)
            problems = integrity.check(store)
            assert got in ("whole", "none") and problems == [], (when, got, problems, runs)
            if moment is None and got == "none" and not reimported:
                # Killed while it wrote (on DuckDB, blocks of the file; on PostgreSQL, rows
                # its dead transaction leaves): none of that is in the way of the same import.
                reimported.append(when)
                again = ingest.commit(store, at.coach_id, at.client_id, large, today=TODAY)
                assert again.sets_added == LARGE_SETS and integrity.check(store) == []
        databases.drop(url)
        runs.append((when, running, got))
        return got

    # Kills at moments of the commit seen from outside the child: in the files, or in the
    # server's list of what each connection runs.
    for when in MOMENTS[backend](base.url, monitor):
        kill(when)
    # A kill at a moment while the file is read and its rows written. Then the kill moment
    # is bisected between the latest kill that left none of the import and the earliest that
    # left all of it: the line between the two is the COMMIT. Each run's timing varies, so
    # which side a kill lands on is not asserted, only that it is one side or the other.
    for fraction in SPREAD:
        kill(f"{pre_commit * fraction:.3f} s", pre_commit * fraction)
    none_until, whole_from = pre_commit * SPREAD[-1], closed * 1.2
    for _ in range(BISECTIONS):
        moment = (none_until + whole_from) / 2
        if kill(f"{moment:.3f} s", moment) == "none":
            none_until = moment
        else:
            whole_from = moment

    killed = sum(running for _, running, _ in runs)
    whole = sum(got == "whole" for _, _, got in runs)
    with capsys.disabled():
        print(
            f"\ncrash test ({backend}): {killed} kills, {whole} whole imports, "
            f"{len(runs) - whole} none, 0 partial"
            + (f", {len(runs) - killed} run(s) finished first" if killed < len(runs) else "")
            + f"; the timed import reached COMMIT at {pre_commit:.2f} s, returned at "
            f"{committed:.2f} s, closed at {closed:.2f} s; killed at: "
            + ", ".join(
                f"{when} {got}" + ("" if running else " (finished first)")
                for when, running, got in runs
            )
        )


OLDER = [m for m in migrations() if m.version < 5]  # the schema before set rows had a coach
OLD_SETS = 20_000


def add_old_client(store: Store, coach_id: uuid.UUID) -> Client:
    """A client as CoachKit stored one before migration 014: today's add_client also records
    the coach's data change (versions.py), in a table an older schema does not have."""
    client = Client(uuid.uuid4(), coach_id, CLIENT, False)
    with store.transaction() as cur:
        cur.execute(
            "clients/insert_client",
            {"id": client.id, "coach_id": coach_id, "name": CLIENT, "email": None,
             "now": datetime(2026, 1, 1)},
        )  # fmt: skip
    return client


def add_old_sets(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID) -> None:
    """One import of OLD_SETS sets as CoachKit stored it before migration 005. Today's
    insert_sets.sql writes the coach_id that 005 adds, so the rows are written here."""
    batch_id = uuid.uuid4()
    with store.transaction() as cur:
        # The 18 columns of set_rows in 001's order (005 adds coach_id, 007 renames the name
        # column): client, batch, key, time, day, workout, slug, name as logged, category,
        # set index and type, reps, kg, seconds, metres, RPE, notes, workout seconds.
        cur.run_sql(
            "INSERT INTO set_rows SELECT ?, ?, md5(CAST(i AS VARCHAR)),"
            " TIMESTAMP '2020-01-01 07:00' + to_minutes(i),"
            " CAST(TIMESTAMP '2020-01-01 07:00' + to_minutes(i) AS DATE), NULL, NULL,"
            " 'Squat (Barbell)', NULL, 0, 'working', 5, 100.0, NULL, NULL, NULL, NULL, NULL"
            " FROM range(?) AS t(i)",
            [client_id, batch_id, OLD_SETS],
        )
        # And its batch, in the 13 columns of 001's import_batches (008 adds left_out).
        cur.run_sql(
            "INSERT INTO import_batches VALUES (?, ?, ?, 'old.csv', ?, 'strong', 'kg', ?, ?, 0, 0,"
            " ?, NULL)",
            [batch_id, coach_id, client_id, "0" * 64, OLD_SETS, OLD_SETS, datetime(2026, 1, 1)],
        )


def test_a_kill_during_a_migration_leaves_the_schema_before_it(db_path, children):
    with Store(db_path) as store:
        store.migrate(OLDER)
        coach = add_coach(store, COACH, "Crash Coach", "long enough password")
        client = add_old_client(store, coach.id)
        add_old_sets(store, coach.id, client.id)
        before = store.table_rows("set_rows")
        # A database at 004 lacks the migrations from 005 on; its sets are checked once it
        # has them.
        pending = integrity.check(store)
        later = [m for m in migrations() if m.version >= 5]
        assert [m.name for m in later][:3] == ["set_rows_coach", "set_rows_coach_index",
                                              "logged_exercise"]  # fmt: skip
        assert pending[: len(later)] == [
            f"migration {m.version:03d}_{m.name} is not applied" for m in later
        ]
        assert "checked at the current schema only" in pending[len(later)]

    child = children("migrate", db_path)
    child.expect("ready")
    child.go()
    # Inside migration 005's transaction: the column added and filled on every row.
    (filled,) = child.expect("paused")
    assert int(filled) == OLD_SETS
    assert child.kill(), "the child was paused, not finished"

    with Store(db_path) as store:  # not migrated: as the kill left it
        assert store.applied_versions() == {m.version for m in OLDER}
        assert store.table_rows("set_rows") == before  # no coach_id column, same rows
        assert integrity.check(store) == pending

    with open_database(db_path) as store:  # as the app opens it: migrated to the latest
        assert store.applied_versions() == {m.version for m in migrations()}
        assert integrity.check(store) == []
        with store.cursor() as cur:
            coaches = cur.run_sql(
                "SELECT coach_id, count(*) FROM set_rows GROUP BY coach_id"
            ).fetchall()
        assert coaches == [(coach.id, OLD_SETS)]


# The integrity check on purpose-made damage. `who` holds one import of good.csv for Kim: the
# 3 sets of GOOD_ROWS; and an import of other.csv for Lee that was undone.


@dataclass(frozen=True)
class Who:
    store: Store
    coach_id: uuid.UUID
    kim: uuid.UUID
    lee: uuid.UUID
    batch: uuid.UUID
    undone: uuid.UUID


@pytest.fixture
def who(store, tmp_path) -> Who:
    coach = add_coach(store, COACH, "Crash Coach", "long enough password")
    kim = add_client(store, coach.id, "Kim")
    lee = add_client(store, coach.id, "Lee")
    good = tmp_path / "good.csv"
    good.write_text(strong(*GOOD_ROWS), encoding="utf-8")
    kept = ingest.commit(store, coach.id, kim.id, good, today=TODAY)
    other = tmp_path / "other.csv"
    other.write_text(strong(*GOOD_ROWS), encoding="utf-8")
    undone = ingest.commit(store, coach.id, lee.id, other, today=TODAY)
    assert ingest.undo(store, coach.id, undone.batch_id) == SMALL_SETS
    return Who(store, coach.id, kim.id, lee.id, kept.batch_id, undone.batch_id)


def damage(store: Store, sql: str, *params) -> None:
    with store.transaction() as cur:
        cur.run_sql(sql, list(params))


def test_a_healthy_database_passes(who):
    assert integrity.check(who.store) == []


def test_a_database_after_an_undo_and_an_import_again_passes(who, tmp_path):
    again = ingest.commit(who.store, who.coach_id, who.lee, tmp_path / "other.csv", today=TODAY)
    assert again.sets_added == SMALL_SETS
    assert integrity.check(who.store) == []


def test_missing_set_rows_of_an_import_are_reported(who):
    damage(who.store, "DELETE FROM set_rows WHERE batch_id = ? AND set_type = 'warmup'", who.batch)
    (problem,) = integrity.check(who.store)
    # good.csv added 3 sets; its warm-up (1 of them) is gone.
    assert problem.startswith("import of 'good.csv' for Kim on ")
    assert problem.endswith(f"(batch {who.batch}): added 3 sets, but 2 set rows carry its id")


def test_set_rows_left_by_an_undone_import_are_reported(who):
    damage(who.store, "UPDATE import_batches SET undone_at = now() WHERE id = ?", who.batch)
    (problem,) = integrity.check(who.store)
    assert "'good.csv' for Kim" in problem
    assert problem.endswith(", undone: should own no set rows, but 3 set rows carry its id")


def test_a_set_stored_twice_is_reported(who, backend):
    if backend == "postgres":  # the server's unique index (004) refuses the duplicate
        damage(who.store, "CALL postgres_execute('ck', 'DROP INDEX set_rows_client_key')")
    damage(
        who.store,
        "INSERT INTO set_rows SELECT * FROM set_rows WHERE batch_id = ? AND set_type = 'warmup'",
        who.batch,
    )
    problems = integrity.check(who.store)
    assert len(problems) == 2, problems
    # The batch now has 4 rows for 3 sets added, and one of Kim's keys is there twice.
    assert problems[0].endswith("added 3 sets, but 4 set rows carry its id")
    assert problems[1].startswith("Kim has 1 set stored more than once, 1 set row too many (")


def test_set_rows_of_another_coach_are_reported(who):
    other = add_coach(who.store, "other@coachkit.example", "Other", "long enough password")
    damage(who.store, "UPDATE set_rows SET coach_id = ? WHERE batch_id = ?", other.id, who.batch)
    assert integrity.check(who.store) == [
        f"3 set rows of Kim carry coach {other.id}, but the client is coach {who.coach_id}'s"
    ]


def test_set_rows_without_their_batch_are_reported(who):
    damage(who.store, "DELETE FROM import_batches WHERE id = ?", who.batch)
    assert integrity.check(who.store) == [
        f"3 set rows of Kim carry batch {who.batch}, which is not in import_batches"
    ]


def test_set_rows_carrying_another_clients_batch_are_reported(who):
    damage(
        who.store,
        "UPDATE set_rows SET batch_id = ? WHERE batch_id = ? AND set_type = 'warmup'",
        who.undone,
        who.batch,
    )
    problems = integrity.check(who.store)
    # Kim's import lost its warm-up to Lee's undone import, which now owns it.
    assert len(problems) == 3, problems
    assert problems[0].endswith("added 3 sets, but 2 set rows carry its id")
    assert "'other.csv' for Lee" in problems[1]
    assert problems[1].endswith("undone: should own no set rows, but 1 set row carries its id")
    assert problems[2] == (
        f"1 set row of Kim carries batch {who.undone}, which imported 'other.csv' for Lee"
    )


def test_set_rows_and_imports_of_a_missing_client_are_reported(who):
    damage(who.store, "DELETE FROM clients WHERE id = ?", who.kim)
    problems = integrity.check(who.store)
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"import of 'good.csv' for client {who.kim} (missing) on ")
    assert problems[0].endswith(f"its client {who.kim} does not exist")
    assert problems[1] == f"3 set rows carry client {who.kim}, which does not exist"


def test_an_import_recorded_for_another_coach_is_reported(who):
    other = add_coach(who.store, "other@coachkit.example", "Other", "long enough password")
    damage(who.store, "UPDATE import_batches SET coach_id = ? WHERE id = ?", other.id, who.batch)
    (problem,) = integrity.check(who.store)
    assert "'good.csv' for Kim" in problem
    assert problem.endswith(
        f"recorded for coach {other.id}, but the client is coach {who.coach_id}'s"
    )


def test_an_import_with_impossible_numbers_is_reported(who):
    damage(who.store, "UPDATE import_batches SET sets_added = 0 WHERE id = ?", who.undone)
    (problem,) = integrity.check(who.store)  # undone, it owns no rows: only its numbers are off
    assert "'other.csv' for Lee" in problem
    assert problem.endswith("impossible numbers, 0 sets added and 0 sets already there "
                            "(an import that adds none has no batch)")  # fmt: skip


FUTURE = "INSERT INTO schema_version VALUES (999, 'from_the_future', CAST(now() AS TIMESTAMP))"
FROM_THE_FUTURE = (
    "migration 999_from_the_future is recorded but this CoachKit does not ship it "
    "(a newer CoachKit wrote to this database?)"
)


def test_a_missing_migration_is_reported_and_the_sets_wait_for_it(who):
    damage(who.store, "DELETE FROM schema_version WHERE version = 6")
    damage(who.store, FUTURE)
    damage(who.store, "DELETE FROM set_rows WHERE batch_id = ?", who.batch)  # not looked at
    assert integrity.check(who.store) == [
        "migration 006_set_rows_coach_index is not applied",
        FROM_THE_FUTURE,
        "the sets are checked at the current schema only: open the database with this "
        "CoachKit once (it migrates) and check again",
    ]


def test_an_unknown_or_renamed_migration_is_reported_and_the_sets_are_checked(who):
    damage(who.store, FUTURE)
    damage(who.store, "UPDATE schema_version SET name = 'first' WHERE version = 1")
    damage(who.store, "DELETE FROM set_rows WHERE batch_id = ?", who.batch)
    problems = integrity.check(who.store)
    assert len(problems) == 3, problems
    assert problems[:2] == [
        FROM_THE_FUTURE,
        "migration 001 is recorded as 'first', but this CoachKit ships it as 'schema'",
    ]
    # good.csv added 3 sets; none is left.
    assert problems[2].endswith("added 3 sets, but 0 set rows carry its id")


def test_the_check_only_reads(who):
    before = {table: who.store.table_rows(table) for table in who.store.tables()}
    integrity.check(who.store)
    assert {table: who.store.table_rows(table) for table in who.store.tables()} == before


def test_the_catalog_is_not_needed_for_the_check(db_path):
    # A database migrated but never given the catalog nor anyone: nothing to complain about.
    with open_store(db_path) as store:
        assert integrity.check(store) == []
        catalog.sync(store)
        assert integrity.check(store) == []


def test_coachkit_check_says_healthy_or_lists_each_problem_with_exit_1(who, db_path, capsys):
    who.store.close()  # the command opens the database itself, as it would with the app stopped
    code, out, _ = run(capsys, "--db", db_path, "check")
    assert code == 0 and out.endswith("no problems (set rows agree with their import batches)\n")
    with Store(db_path) as store:
        damage(store, "DELETE FROM set_rows WHERE batch_id = ? AND set_type = 'warmup'", who.batch)
    code, out, _ = run(capsys, "--db", db_path, "check")
    # The one problem of test_missing_set_rows_of_an_import_are_reported, under a count.
    lines = out.splitlines()
    assert code == 1 and lines[0].endswith(": 1 problem(s)") and len(lines) == 2
    assert lines[1].startswith("  - import of 'good.csv' for Kim on ")


def test_coachkit_check_creates_no_database_where_there_is_none(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    code, _, err = run(capsys, "--db", str(missing), "check")
    assert code == 1 and err == f"coachkit check: no database file at {missing}\n"
    assert not missing.exists()
