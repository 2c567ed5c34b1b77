"""Is the database whole? The checks behind `coachkit check`, and behind the crash tests.

An import is written in one transaction (ingest._store_sets): its set rows and its batch row
together, or neither. Undoing one deletes its set rows and marks the batch in one transaction
(ingest.undo). So in a healthy database the set rows and the import batches agree exactly, and
a database reopened after a crash (a killed process, a lost server connection) must still pass:

- every import batch that stands owns exactly `sets_added` set rows carrying its id, and an
  undone one owns none; a batch belongs to a client of its own coach and added at least one set;
- every set row's batch exists and is a batch of the same client;
- every set row's client exists, and its coach_id (migration 005) is that client's coach;
- no client has one set (its natural key, `set_key`) stored twice;
- the migrations recorded in schema_version are exactly those this CoachKit ships.

`sets_existing` (the file's sets the client had already) cannot be checked against the rows: the
rows it counts belong to earlier batches.

The set rows are read in two aggregate passes, grouped before anything is joined: one counts
the rows of each (batch, client, coach), which the batch and owner checks share; one looks for
repeated keys. On PostgreSQL the server runs both (postgres_query), so that ten million rows
need not cross the connection. Everything runs in one transaction: one snapshot, so that an
import committed meanwhile is seen whole or not at all.
"""

from __future__ import annotations

from coachkit.store import Cursor, Store, migrations

# The tables the row checks read.
TABLES = ("clients", "import_batches", "set_rows")
# The passes over set_rows, per backend: each fills a temp table the other queries read.
PASSES = {
    "duckdb": ("integrity/groups", "integrity/repeated"),
    "postgres": ("integrity/groups_postgres", "integrity/repeated_postgres"),
}


def check(store: Store) -> list[str]:
    """Every integrity problem found in the database, one readable sentence each, naming the
    import (file, client, batch id) and the numbers; an empty list means healthy.

    Read-only (its two working tables are temporary, in the connection's memory) and never
    migrating, so that it sees a database as a crash or an older CoachKit left it. The set rows
    are checked at the schema this CoachKit ships only: a database with a migration missing
    gets that reported, and the advice to open it once to migrate. The `coachkit check`
    command prints this list.
    """
    with store.transaction() as cur:
        tables = set(cur.tables())
        pending, problems = _versions(cur, tables)
        if pending:
            return [
                *pending,
                *problems,
                "the sets are checked at the current schema only: open the database with "
                "this CoachKit once (it migrates) and check again",
            ]
        missing = [table for table in TABLES if table not in tables]
        if missing:  # a migration recorded but its tables dropped since
            return [*problems, f"the database has no {' and no '.join(missing)} table"]
        for query in PASSES[store.backend]:
            cur.execute(query)
        return [
            *problems,
            *_batch_counts(cur),
            *_batch_owners(cur),
            *_stray_sets(cur),
            *_set_owners(cur),
            *_duplicate_sets(cur),
        ]


def _versions(cur: Cursor, tables: set[str]) -> tuple[list[str], list[str]]:
    """The shipped migrations not applied; and other disagreements with schema_version."""
    shipped = {m.version: m.name for m in migrations()}
    if "schema_version" not in tables:
        return ["no migration is recorded (no schema_version table): not a migrated database"], []
    recorded = cur.recorded_migrations()
    pending = [
        f"migration {version:03d}_{name} is not applied"
        for version, name in sorted(shipped.items())
        if version not in recorded
    ]
    problems = [
        f"migration {version:03d}_{name} is recorded but this CoachKit does not ship it "
        "(a newer CoachKit wrote to this database?)"
        for version, name in sorted(recorded.items())
        if version not in shipped
    ]
    problems += [
        f"migration {version:03d} is recorded as {recorded[version]!r}, "
        f"but this CoachKit ships it as {name!r}"
        for version, name in sorted(shipped.items())
        if version in recorded and recorded[version] != name
    ]
    return pending, problems


def _n(count: int, thing: str) -> str:
    """'1 set', '2,000 sets'."""
    return f"{count:,} {thing}" + ("" if count == 1 else "s")


def _rows_carry(count: int, of: str = "") -> str:
    """'1 set row of Kim carries', '3 set rows carry'."""
    return f"{_n(count, 'set row')}{of} {'carries' if count == 1 else 'carry'}"


def _client(name: str | None, client_id) -> str:
    return name or f"client {client_id} (missing)"


def _batch(row: dict) -> str:
    """An import as a coach would recognise it: file, client, when, and its id to look it up."""
    when = row["created_at"].strftime("%Y-%m-%d %H:%M")
    return (
        f"import of {row['file_name']!r} for {_client(row['client_name'], row['client_id'])} "
        f"on {when} (batch {row['batch_id']})"
    )


def _batch_counts(cur: Cursor) -> list[str]:
    problems = []
    for row in cur.rows("integrity/batch_counts"):
        carry = _rows_carry(row["stored"])
        if row["undone_at"] is None:
            problems.append(
                f"{_batch(row)}: added {_n(row['sets_added'], 'set')}, but {carry} its id"
            )
        else:
            problems.append(f"{_batch(row)}, undone: should own no set rows, but {carry} its id")
    return problems


def _batch_owners(cur: Cursor) -> list[str]:
    problems = []
    for row in cur.rows("integrity/batch_owners"):
        if row["client_missing"]:
            problems.append(f"{_batch(row)}: its client {row['client_id']} does not exist")
        elif row["client_coach_id"] != row["coach_id"]:
            problems.append(
                f"{_batch(row)}: recorded for coach {row['coach_id']}, "
                f"but the client is coach {row['client_coach_id']}'s"
            )
        if row["sets_added"] < 1 or row["sets_existing"] < 0:
            problems.append(
                f"{_batch(row)}: impossible numbers, {_n(row['sets_added'], 'set')} added and "
                f"{_n(row['sets_existing'], 'set')} already there "
                "(an import that adds none has no batch)"
            )
    return problems


def _stray_sets(cur: Cursor) -> list[str]:
    problems = []
    for row in cur.rows("integrity/stray_sets"):
        carry = _rows_carry(row["stored"], f" of {_client(row['client_name'], row['client_id'])}")
        if row["batch_missing"]:
            problems.append(f"{carry} batch {row['batch_id']}, which is not in import_batches")
        else:
            owner = _client(row["batch_client_name"], row["batch_client_id"])
            problems.append(
                f"{carry} batch {row['batch_id']}, which imported {row['file_name']!r} for {owner}"
            )
    return problems


def _set_owners(cur: Cursor) -> list[str]:
    problems = []
    for row in cur.rows("integrity/set_owners"):
        if row["client_missing"]:
            problems.append(
                f"{_rows_carry(row['stored'])} client {row['client_id']}, which does not exist"
            )
        else:
            problems.append(
                f"{_rows_carry(row['stored'], ' of ' + row['client_name'])} coach "
                f"{row['coach_id']}, but the client is coach {row['client_coach_id']}'s"
            )
    return problems


def _duplicate_sets(cur: Cursor) -> list[str]:
    problems = []
    for row in cur.rows("integrity/duplicate_sets"):
        problems.append(
            f"{_client(row['client_name'], row['client_id'])} has "
            f"{_n(row['keys'], 'set')} stored more than once, "
            f"{_n(row['extra_rows'], 'set row')} too many (one is set_key {row['example_key']})"
        )
    return problems
