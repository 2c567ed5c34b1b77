"""Several app servers, one PostgreSQL database: four processes start on an empty database at
once, then import at once, one of them an export that overlaps another's.

Each process opens the database as an app server does (coachkit.database.open_database), so
the four race on the migrations, the catalog and the built-in programs first. Then three
import three clients' exports while the fourth imports a later export of the first client
that repeats a third of the first file's workouts. Nothing may fail, and every client must
end with exactly the sets of its exports: none lost, none twice.
"""

from __future__ import annotations

import csv
import io
import logging
import multiprocessing
import queue
import sys
import threading
import types
from pathlib import Path

from coachkit import auth, clients, ingest
from coachkit.database import open_database
from coachkit.store import open_store
from tests.conftest import TODAY

SAMPLES = Path(__file__).parent / "samples"
COACH = "replicas@coachkit.example"
WAIT_S = 300  # for a process that hangs, so that the test fails instead of waiting forever


class _Conflicts(logging.Handler):
    """Counts the write conflicts that coachkit.store retried in this process."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "write conflict" in record.getMessage()


def app_server(url: str, client: str, export: str, gate, results) -> None:
    """One app server: open the database at the same moment as the others, wait until the
    coach and clients exist, then import `export` for `client` at the same moment."""
    conflicts = _Conflicts()
    logging.getLogger("coachkit.store").addHandler(conflicts)
    logging.getLogger("coachkit.store").setLevel(logging.INFO)
    try:
        gate.wait()  # start together
        store = open_database(url)
        gate.wait()  # opened; the test adds the coach and the clients
        gate.wait()  # ...done
        coach = auth.coach_by_email(store, COACH)
        client_id = clients.client_by_name(store, coach.id, client).id
        gate.wait()  # import together
        result = ingest.commit(store, coach.id, client_id, Path(export), today=TODAY)
        store.close()
        results.put((export, result.sets_added, result.sets_existing, conflicts.count, None))
    except Exception as exc:  # reported to the test, which fails with it
        gate.abort()  # the others stop waiting for this one
        results.put((export, None, None, conflicts.count, f"{type(exc).__name__}: {exc}"))


def split_by_workout(source: Path, folder: Path) -> tuple[Path, Path]:
    """Two exports of one client's log: the first two thirds of its workouts, and the last two
    thirds, as a later export from the app would repeat older workouts. The middle third is in
    both."""
    text = source.read_text(encoding="utf-8")
    header, *rows = list(csv.reader(io.StringIO(text)))
    days = sorted({row[0] for row in rows})
    early, late = days[len(days) // 3], days[2 * len(days) // 3]
    parts = []
    for name, keep in (("first", lambda d: d < late), ("later", lambda d: d >= early)):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *(r for r in rows if keep(r[0]))])
        path = folder / f"{name}-{source.name}"
        path.write_text(out.getvalue(), encoding="utf-8")
        parts.append(path)
    return parts[0], parts[1]


def test_four_app_servers_import_at_once_and_no_set_is_lost_or_doubled(
    postgres_databases, tmp_path, capsys, monkeypatch
):
    # Streamlit's script runner (AppTest, in tests run before this one) leaves the page it ran
    # as __main__, and a spawned process runs __main__'s file first: the dashboard, which opens
    # the default database. The app servers here are started from a __main__ with no file.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    url = postgres_databases.new()
    first, later = split_by_workout(SAMPLES / "maya-lopez-strong.csv", tmp_path)
    jobs = [
        ("Maya Lopez", first),
        ("Maya Lopez", later),  # overlaps the first file by a third of its workouts
        ("Jordan Reed", SAMPLES / "jordan-reed-hevy.csv"),
        ("Eva Rossi", SAMPLES / "eva-rossi-fitnotes.csv"),
    ]
    spawn = multiprocessing.get_context("spawn")
    gate = spawn.Barrier(len(jobs) + 1, timeout=WAIT_S)
    results = spawn.Queue()
    servers = [
        spawn.Process(target=app_server, args=(url, name, str(export), gate, results))
        for name, export in jobs
    ]
    for server in servers:
        server.start()
    try:
        gate.wait()  # they open the empty database together
        gate.wait()
        with open_store(url) as store:
            coach = auth.add_coach(store, COACH, "Replica Coach", "long enough password")
            for name in {name for name, _ in jobs} | {"Maya Check"}:
                clients.add_client(store, coach.id, name)
        gate.wait()
        gate.wait()  # they import together
    except threading.BrokenBarrierError:
        pass  # a server failed before its import: its error is in the results
    reported = []
    try:
        while len(reported) < len(jobs):
            reported.append(results.get(timeout=WAIT_S))
    except queue.Empty:
        pass
    for server in servers:
        server.join(WAIT_S)
    errors = [f"{export}: {error}" for export, *_, error in reported if error]
    assert not errors
    assert len(reported) == len(jobs), "an app server neither finished nor failed"
    assert all(server.exitcode == 0 for server in servers)

    with open_database(url) as store:
        ids = {row["name"]: row["id"] for row in clients.roster(store, coach.id).to_dict("records")}
        # The oracle: Maya's whole export imported alone, into a client of its own.
        alone = ingest.commit(
            store, coach.id, ids["Maya Check"], SAMPLES / "maya-lopez-strong.csv", today=TODAY
        )

        rows = store.table_rows("set_rows")  # client_id, batch_id, set_key, ...

        def keys(name: str) -> list[str]:
            return [row[2] for row in rows if row[0] == ids[name]]

        maya = keys("Maya Lopez")
        assert len(maya) == len(set(maya))  # nothing twice
        assert sorted(maya) == sorted(keys("Maya Check"))  # nothing lost
        assert len(maya) == alone.sets_added
        added = {export: got for export, got, *_ in reported}
        existing = {export: got for export, _, got, *_ in reported}
        # Of the two Maya files, whichever committed second found the shared third already
        # there: together they added each of her sets once.
        assert added[str(first)] + added[str(later)] == len(maya)
        assert existing[str(first)] + existing[str(later)] > 0
        for name, export in jobs[2:]:
            assert len(keys(name)) == added[str(export)] > 0
            assert existing[str(export)] == 0
        batches = ingest.history(store, coach.id, ids["Maya Lopez"])
        assert sorted(batches["sets_added"]) == sorted(added[str(f)] for f in (first, later))

    with capsys.disabled():
        retried = sum(count for *_, count, _ in reported)
        print(f"\n4 app servers: {len(maya)} sets for Maya from two overlapping files, "
              f"{retried} write conflict(s) retried, 0 errors")  # fmt: skip
