"""Copies of a whole database: `coachkit backup`, `coachkit restore` and `coachkit migrate-to`.

A backup is the embedded file itself, checkpointed so that the file alone holds every committed
transaction, copied and checked table by table; a restore puts such a copy in place of the
database, migrated to this version, and keeps the database it replaced. `copy_database` moves
an embedded database into an empty PostgreSQL one, in one transaction. Each compares every
table's row count on both sides, and only a copy whose counts agree is kept.

DuckDB lets one process open a file, so backup and restore refuse an embedded database in use
(the running app): stop the app first. PostgreSQL is backed up with its own tools (pg_dump).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from coachkit.store import (
    CATALOG,
    Cursor,
    DatabaseInUse,
    Store,
    StoreError,
    backend_of,
    migrations,
    open_store,
    redacted,
)

SOURCE = "source"  # the catalog name of the file being copied, as sql/backup/ reads it


@dataclass(frozen=True)
class Copied:
    """One table moved by copy_database: its rows in the source and in the target after."""

    table: str
    source_rows: int
    target_rows: int


def copy_database(source: str, target: str) -> list[Copied]:
    """Copy every row of the embedded database `source` into the empty PostgreSQL database
    `target`, in one transaction, and count each table on both sides afterwards.

    Both are brought to the current schema first. The target must hold no row yet (its own
    migration record aside): the copy is the database, not a merge. A count that differs
    raises StoreError after the commit, naming the tables.
    """
    if backend_of(source) != "duckdb" or backend_of(target) != "postgres":
        raise StoreError("copy from an embedded database file into a PostgreSQL database")
    if not Path(source).is_file():
        raise StoreError(f"no database file at {source}")
    open_store(source).close()  # migrated; then read below through the target's connection
    with open_store(target) as into:
        tables = [table for table in into.tables() if table != "schema_version"]
        with into.cursor() as cur, cur.attached(Path(source), SOURCE):
            if any(_count(cur, table) for table in tables):
                raise StoreError(f"{redacted(target)} already holds data: copy into an empty one")
            with cur.transaction():
                for table in tables:
                    cur.execute("backup/copy_table", table=table)
            copied = [
                Copied(table, _count(cur, table, SOURCE), _count(cur, table)) for table in tables
            ]
    differ = [c.table for c in copied if c.source_rows != c.target_rows]
    if differ:
        raise StoreError(f"row counts differ after the copy: {', '.join(differ)}")
    return copied


def _embedded_file(url: str, command: str) -> Path:
    if backend_of(url) != "duckdb":
        raise StoreError(
            f"{command} works on the embedded database file; back up PostgreSQL with its own "
            "tools (pg_dump, or the provider's snapshots; see docs/scale.md)"
        )
    return Path(url)


def _counts_of(store: Store) -> dict[str, int]:
    """Every table's row count."""
    with store.cursor() as cur:
        return {table: _count(cur, table) for table in cur.tables()}


def _counts(path: Path) -> dict[str, int]:
    with Store(str(path)) as store:
        return _counts_of(store)


def _wal(path: Path) -> Path:
    """DuckDB's write-ahead log of a database file."""
    return path.with_name(path.name + ".wal")


def _copy_file(source: Path, target: Path) -> None:
    """Copy the bytes and flush them to the disk before anything relies on the copy."""
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def backup_database(url: str, target: Path, replace: bool = False) -> list[Copied]:
    """Copy the embedded database file to `target`, consistent, and check the copy.

    The file is opened first, which fails while the app has it (DuckDB lets one process open a
    file), and checkpointed, so that the file alone holds every committed transaction. The copy
    is written beside `target` and renamed into place only once every table's count in it
    equals the original's: a backup file that exists is a whole one.
    """
    source = _embedded_file(url, "backup")
    if not source.is_file():
        raise StoreError(f"no database file at {source}")
    if target.exists() and target.resolve() == source.resolve():
        raise StoreError("the backup must be another file than the database")
    if target.exists() and not replace:
        raise StoreError(f"{target} already exists; name a new file, or --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with Store(str(source)) as store:  # fails while the app has the file
            store.checkpoint()
            before = _counts_of(store)
            _copy_file(source, partial)
        after = _counts(partial)
        copied = [Copied(t, before[t], after.get(t, -1)) for t in sorted(before)]
        if before != after:
            differ = [c.table for c in copied if c.source_rows != c.target_rows]
            raise StoreError(f"the copy's row counts differ: {', '.join(differ)}")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
        _wal(partial).unlink(missing_ok=True)
    return copied


def restore_database(backup: Path, url: str) -> tuple[list[Copied], Path | None]:
    """Make the embedded database at `url` a copy of the file `backup`, brought up to date.

    The backup itself is never opened for writing: it is copied beside the database, checked
    to be a CoachKit database this version can read, and migrated there. Only then is the
    current database moved aside, kept as `<name>.before-restore-<UTC time>` and returned, and
    the copy renamed into its place. A current database in use is refused; a damaged one is
    moved aside all the same, since a restore is what it needs.
    """
    live = _embedded_file(url, "restore")
    if not backup.is_file():
        raise StoreError(f"no backup file at {backup}")
    if live.exists() and backup.resolve() == live.resolve():
        raise StoreError("the backup is the database itself")
    live.parent.mkdir(parents=True, exist_ok=True)
    restoring = live.with_name(f".{live.name}.restoring")
    try:
        _copy_file(backup, restoring)
        before = _bring_up_to_date(backup, restoring)
        after = _counts(restoring)
        kept = _swap_in(restoring, live)
    finally:
        restoring.unlink(missing_ok=True)
        _wal(restoring).unlink(missing_ok=True)
    return [Copied(t, n, after.get(t, -1)) for t, n in sorted(before.items())], kept


def _bring_up_to_date(backup: Path, copy_path: Path) -> dict[str, int]:
    """Check that the copy of `backup` is a CoachKit database this version can read, and
    migrate it; return its tables' counts as the backup had them."""
    try:
        copy = Store(str(copy_path))
    except StoreError as exc:
        raise StoreError(f"{backup} is not a database CoachKit can read: {exc}") from None
    with copy:
        if "schema_version" not in copy.tables():
            raise StoreError(f"{backup} is a DuckDB file, but not a CoachKit database")
        newer = sorted(copy.applied_versions() - {m.version for m in migrations()})
        if newer:
            raise StoreError(
                f"{backup} has schema version {newer[-1]:03d}, newer than this CoachKit knows; "
                "restore it with the version that wrote it"
            )
        counts = _counts_of(copy)
        try:
            copy.migrate()
        except StoreError as exc:
            raise StoreError(f"{backup} could not be brought up to this version: {exc}") from None
        copy.checkpoint()
    return counts


def _swap_in(ready: Path, live: Path) -> Path | None:
    """Rename `ready` to `live`, keeping the database it replaces; return where it is kept.

    The current database stays open (DuckDB's lock) across both renames, so that the app
    cannot start on it in between and write into what becomes the kept copy.
    """
    if not live.exists():
        ready.replace(live)
        return None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    kept = _unused(live.with_name(f"{live.name}.before-restore-{stamp}"))
    holder = None
    try:
        holder = Store(str(live))
        holder.checkpoint()
    except DatabaseInUse:
        raise
    except StoreError:
        # Damaged: it is moved aside as it is, write-ahead log and all.
        if holder is not None:
            holder.close()
        holder = None
    try:
        live.replace(kept)
        if _wal(live).exists():
            _wal(live).replace(_wal(kept))
        ready.replace(live)
    finally:
        if holder is not None:
            holder.close()
    return kept


def _unused(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`, ... whichever does not exist yet."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def _count(cur: Cursor, table: str, catalog: str = CATALOG) -> int:
    """The rows of one of CoachKit's tables, here or (`catalog` SOURCE) in the file copied."""
    query = "backup/count_source_rows" if catalog == SOURCE else "backup/count_rows"
    return cur.scalar(query, table=table)
