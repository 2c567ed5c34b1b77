"""Importing a workout export: detect → parse → normalise → validate → preview → commit.

`preview` and `commit` run the same pipeline; `commit` then writes in one transaction, all or
nothing. DuckDB parses and cleans the file (coachkit/sql/ingest/); Python only looks at
the header, classifies each distinct exercise name once, and reports. The natural key of a set
(sql/ingest/key_sets.sql) makes every import idempotent: a file imported twice, or a newer
export that repeats old sets, adds only the sets the client does not have yet.

A file with any row-level error is refused whole by default: the coach sees every problem with
its line, fixes the file or the unit, and imports again; nothing half-imported is left to clean
up. The coach may instead import the good rows and leave out the bad ones (one absurd row in a
file of thousands), when they are at most 10% of the rows; the import's record keeps which.
"""

from __future__ import annotations

import codecs
import json
import tempfile
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from coachkit import answers, catalog, units, versions
from coachkit.clients import get_client
from coachkit.clock import utc_now
from coachkit.importers import ISO_FORMATS, Layout, detect, fitnotes, mapped, stronglifts
from coachkit.importers.source import BLOCK, ImportRejected, Source, open_source
from coachkit.preview import (  # the preview's types, named here too for ingest's callers
    SKIP_TEXT,
    NeedsMapping,
    Preview,
    Result,
    UnknownName,
    row_error,
)
from coachkit.settings import max_import_bytes, max_import_rows
from coachkit.store import Cursor, Store, StoreError, retry_conflicts

if TYPE_CHECKING:
    import pandas as pd

# Import rules: values past these are typing mistakes, not training (a 1e9 kg squat).
MAX_KG = 1000.0
MAX_REPS = 1000
MAX_SET_SECONDS = 24 * 3600
MAX_DISTANCE_M = 1_000_000.0
EARLIEST = datetime(1990, 1, 1)
ERRORS_SHOWN = 100
# Lines DuckDB's CSV reader cannot split (reject_errors.error_type), in a coach's words; any
# other kind is told as the reader words it, with the layout the line was read as.
LINE_TOO_LONG = "the line is longer than 2 MB: no workout export has lines that long"
REJECT_TEXT = {
    "LINE SIZE OVER MAXIMUM": LINE_TOO_LONG,
    "UNQUOTED VALUE": 'a quote (") is not closed at the end of its value',
}


Progress = Callable[[str, float], None]


def _no_progress(stage: str, fraction: float) -> None:
    return None


def _unwrap_line(line: bytes) -> bytes:
    body = line.rstrip(b"\r\n")
    if len(body) >= 2 and body.startswith(b'"') and body.endswith(b'"'):
        body = body[1:-1].replace(b'""', b'"')
    return body + b"\n"


def _unwrap_block(block: bytes) -> bytes:
    """Whole lines of Strong B: when every one is wrapped (the app wraps them all), unwrap
    them with four replacements over the block; else line by line."""
    lines = block.count(b"\n")
    if (
        block.startswith(b'"')
        and block.count(b'\n"') == lines - 1
        and block.count(b'"\n') + block.count(b'"\r\n') == lines
    ):
        unwrapped = block[1:].replace(b'\n"', b"\n").replace(b'"\r\n', b"\n")
        return unwrapped.replace(b'"\n', b"\n").replace(b'""', b'"')
    return b"".join(_unwrap_line(line) for line in block.splitlines(keepends=True))


def _unwrap_lines(source: Source, workdir: Path) -> Path:
    """Strong B wraps each data line in quotes, doubling inner ones; undo that once, by block."""
    target = workdir / "unwrapped.csv"
    with source.path.open("rb") as src, target.open("wb") as dst:
        dst.write(src.readline().removeprefix(codecs.BOM_UTF8))
        rest = b""
        while block := src.read(BLOCK):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            dst.write(_unwrap_block(block[:cut]))
        if rest:
            dst.write(_unwrap_line(rest))
    return target


def _read(cur: Cursor, layout: Layout, source: Source, workdir: Path) -> None:
    """Define the view canon over the file; DuckDB reads it when the normaliser runs."""
    path = _unwrap_lines(source, workdir) if layout.wrapped_lines else source.path
    shape = {"path": str(path), "delimiter": source.delimiter}
    shape["columns"] = {name: "VARCHAR" for name in layout.fields}
    if layout.reader == "unquoted":
        spare = {f"spare_{i}": "VARCHAR" for i in range(1, fitnotes.SPARE_COLUMNS + 1)}
        at = {name: None for name in fitnotes.POSITIONED}
        at.update({name: i + 1 for i, name in enumerate(layout.fields)})
        shape |= {
            "columns": shape["columns"] | spare,
            "width": len(layout.fields),
            "last": layout.fields[-1],
            "at": at,
        }
    if layout.reader == "wide":
        shape |= stronglifts.slots(layout.fields)
    cur.execute("ingest/source", {"source": shape})
    reader = {"unquoted": "ingest/read_unquoted", "wide": "ingest/read_wide"}.get(layout.reader)
    cur.execute(reader or "ingest/read_csv")


def _check_rejects(cur: Cursor, layout: Layout, source: Source) -> None:
    """Refuse the file when the CSV parser could not split some of its lines."""
    rejected = cur.rows("ingest/rejects")
    if rejected:
        first = rejected[0]
        more = f" ({len(rejected) - 1} more lines like it)" if len(rejected) > 1 else ""
        problem = REJECT_TEXT.get(first["error_type"]) or (
            f"{first['error_message'].rstrip('.')}: the line does not fit the header "
            f"({layout.label}, separated by {source.delimiter!r})"
        )
        raise ImportRejected(source.name, problem + more, first["line"])


def _guess_unit(cur: Cursor, checked_as: str) -> str | None:
    """kg or lb from the file's loads as written (units.py), None when it cannot tell."""
    kg_per_unit = units.KG_PER_LB if checked_as == "lb" else 1.0
    rows = cur.rows("ingest/weights", {"kg_per_unit": kg_per_unit})
    return units.guess(units.Loads(**row) for row in rows)


def _classify_names(cur: Cursor, coach_id: uuid.UUID) -> list[UnknownName]:
    """Classify each distinct name once and store the answers as the temp table `names`."""
    names = cur.rows("ingest/names")
    mappings = answers.exercise_answers(cur, coach_id)
    found = [catalog.classify(n["logged_exercise"], n["category"], mappings) for n in names]
    cur.execute(
        "ingest/name_answers",
        {
            "logged_exercise": [n["logged_exercise"] for n in names],
            "category": [n["category"] for n in names],
            "exercise_slug": [a.slug for a in found],
            "category_region": [a.region if a.slug is None else None for a in found],
        },
    )
    return [
        UnknownName(n["logged_exercise"], n["category"], n["rows"], a.region)
        for n, a in zip(names, found, strict=True)
        if a.source in ("unknown", "category")
    ]


def _layout_for(
    cur: Cursor, coach_id: uuid.UUID, source: Source, mapping: mapped.ColumnMapping | None
) -> Layout:
    if mapping is not None:
        return mapping.layout(source.header)
    layout = detect(source.header)
    if layout is not None:
        return layout
    saved = answers.column_mapping(cur, coach_id, source.header)
    if saved is None:
        raise NeedsMapping(source.name, source.header)
    return saved.layout(source.header)


def _stage(
    cur: Cursor,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    source: Source,
    workdir: Path,
    unit: str | None,
    mapping: mapped.ColumnMapping | None,
    today: date,
    progress: Progress,
    write: bool,
) -> Preview:
    """Run the pipeline on this cursor up to the temp view keyed_sets; return the preview."""
    layout = _layout_for(cur, coach_id, source, mapping)
    progress("reading", 0.0)
    _read(cur, layout, source, workdir)
    weight_unit = layout.weight_unit or (unit if layout.asks_unit else None)
    # A file that names no unit is checked as kg until the coach answers; it cannot be
    # committed before then (Preview.unit_needed), so the provisional unit is never stored.
    checked_as = weight_unit or ("kg" if layout.asks_unit else None)
    try:
        cur.execute(
            "ingest/normalise",
            {
                "weight_unit": checked_as,
                "distance_unit": layout.distance_unit or _distance_unit_for(checked_as),
                "date_formats": list(layout.date_formats),
                # Dates in ISO formats only (most layouts, FitNotes' date alone) take a cast.
                "iso_dates": set(layout.date_formats) <= set(ISO_FORMATS),
                "earliest": EARLIEST,
                "latest": datetime.combine(today + timedelta(days=2), datetime.min.time()),
                "max_kg": MAX_KG,
                "max_reps": MAX_REPS,
                "max_seconds": MAX_SET_SECONDS,
                "max_m": MAX_DISTANCE_M,
            },
        )
    except StoreError as exc:
        # A file DuckDB cannot read at all is still only a bad file; any
        # other failure is ours and must surface as one.
        if "CSV" not in str(exc):
            raise
        raise ImportRejected(
            source.name, f"the file cannot be read as CSV ({_short(exc)})"
        ) from exc
    _check_rejects(cur, layout, source)
    progress("checking", 0.4)
    summary = cur.one("ingest/summary")
    errors = [row_error(r) for r in cur.rows("ingest/errors", {"limit": ERRORS_SHOWN})]
    unknown = _classify_names(cur, coach_id)
    cur.execute("ingest/stage_sets")
    cur.execute("ingest/key_sets")
    # A commit learns this from the insert itself (sets - added); only a preview counts first,
    # and looks for days the client already has sets on from another file.
    already, overlap = 0, None
    if not write and _choose_new_sets(cur, client_id):
        already, overlap = cur.scalar("ingest/existing"), cur.one("ingest/overlap")
    unit_needed = layout.asks_unit and unit is None
    return Preview(
        file_name=source.name,
        layout=layout.key,
        layout_label=layout.label,
        unit="unit per row" if layout.unit_per_row else weight_unit,
        unit_needed=unit_needed,
        unit_guess=_guess_unit(cur, checked_as) if layout.asks_unit else None,
        rows_read=summary["rows_read"],
        sets=summary["sets"],
        sessions=summary["sessions"],
        first_date=summary["first_date"],
        last_date=summary["last_date"],
        skipped={SKIP_TEXT[r["reason"]]: r["rows"] for r in cur.rows("ingest/skips")},
        errors=errors,
        error_total=summary["error_total"],
        unknown=unknown,
        repaired_rows=summary["repaired_rows"],
        already_in_db=already,
        overlap_days=overlap["days"] if overlap else 0,
        overlap_first=overlap["first_day"] if overlap else None,
        overlap_last=overlap["last_day"] if overlap else None,
        sha256=source.sha256,
        size=source.size,
        header=source.header,
    )


def _choose_new_sets(cur: Cursor, client_id: uuid.UUID) -> bool:
    """Define the view new_sets over keyed_sets; return whether the client had sets already."""
    cur.execute("ingest/client", {"client_id": client_id})
    has_sets = cur.scalar("ingest/client_has_sets", {"client_id": client_id})
    cur.execute("ingest/new_sets_unseen" if has_sets else "ingest/new_sets_all")
    return has_sets


def store_frame(
    store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, sets: pd.DataFrame, batch: dict
) -> tuple[uuid.UUID | None, int]:
    """Store set rows that are already normalised (the columns of sql/ingest/stage_sets.sql's
    `staged_sets`) as one import for the client, exactly as a file's sets are stored: keyed,
    only the new ones, with the batch. The demo's logs take this way in."""
    with store.cursor() as cur:
        cur.register("staged_sets", sets)
        cur.execute("ingest/key_sets")
        return _store_sets(store, cur, coach_id, client_id, batch)


def _store_sets(
    store: Store,
    cur: Cursor,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    batch: dict,
    left_out: str | None = None,
) -> tuple[uuid.UUID | None, int]:
    """Write the sets of the view keyed_sets on this cursor for one client, and the batch.

    All in one transaction under the store's write lock, and the check for sets the client
    already has happens inside it: two imports for the same client at once take turns, and
    the second finds the first's sets; across app servers on PostgreSQL, the second retries.
    `batch` describes the file: file_name, sha256, layout, unit, rows_read, rows_skipped,
    link_id (the client's link it came through, or None), and sets (how many it holds);
    `left_out` the rows left out of it, as JSON. Returns the batch id (None when nothing was
    new) and the number of sets added. Another coach's client raises ClientError, as everywhere.
    """
    get_client(store, coach_id, client_id)
    batch_id = uuid.uuid4()

    def write() -> int:
        with store.exclusive(), cur.transaction():
            _choose_new_sets(cur, client_id)
            added = cur.scalar("ingest/insert_sets", {"client_id": client_id, "batch_id": batch_id})
            if added:
                versions.changed(cur, coach_id)
                described = {key: value for key, value in batch.items() if key != "sets"}
                cur.execute(
                    "ingest/insert_import_batch",
                    {
                        **described,
                        "id": batch_id,
                        "coach_id": coach_id,
                        "client_id": client_id,
                        "sets_added": added,
                        "sets_existing": batch["sets"] - added,
                        "left_out": left_out,
                        "link_id": batch.get("link_id"),
                        "now": utc_now(),
                    },
                )
            return added

    # Another app server writing the same sets at once (PostgreSQL): the loser starts over and
    # then finds the winner's sets among the client's.
    added = retry_conflicts(write)
    return (batch_id if added else None), added


def _distance_unit_for(weight_unit: str | None) -> str | None:
    # A file that gives no distance unit is read in the system its weights use.
    return {"kg": "km", "lb": "mi"}.get(weight_unit or "")


def _left_out(cur: Cursor) -> str:
    """Every bad row of the staged file, for the import's record: JSON, in file order."""
    rows = cur.rows("ingest/errors", {"limit": None})
    return json.dumps(
        [{"line": r["line"], "code": r["error_code"], "value": r["error_value"]} for r in rows]
    )


def _run(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    path: Path,
    name: str | None,
    unit: str | None,
    mapping: mapped.ColumnMapping | None,
    write: bool,
    today: date | None,
    progress: Progress,
    leave_out: bool = False,
    link_id: uuid.UUID | None = None,
) -> Result:
    if unit not in (None, "kg", "lb"):
        raise ValueError(f"the unit is kg or lb, not {unit!r}")
    get_client(store, coach_id, client_id)
    name = name or Path(path).name
    with tempfile.TemporaryDirectory(prefix="coachkit-import-") as tmp, store.cursor() as cur:
        workdir = Path(tmp)
        source = open_source(name, Path(path), workdir, max_import_bytes(), max_import_rows())
        preview = _stage(
            cur, coach_id, client_id, source, workdir, unit, mapping, today or date.today(),
            progress, write,
        )  # fmt: skip
        if not write or preview.problem(leave_out):
            return Result(preview, None, 0, preview.already_in_db)
        left_out = _left_out(cur) if leave_out and preview.errors else None
        progress("writing", 0.8)
        batch_id, added = _store_sets(
            store,
            cur,
            coach_id,
            client_id,
            {
                "file_name": name,
                "sha256": source.sha256,
                "layout": preview.layout,
                "unit": preview.unit if preview.unit in ("kg", "lb") else None,
                "rows_read": preview.rows_read,
                "sets": preview.sets,
                "rows_skipped": sum(preview.skipped.values()),
                "link_id": link_id,
            },
            left_out,
        )
        progress("done", 1.0)
        preview.already_in_db = preview.sets - added
        return Result(preview, batch_id, added, preview.sets - added)


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:300]


def preview(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    path: Path,
    name: str | None = None,
    unit: str | None = None,
    mapping: mapped.ColumnMapping | None = None,
    today: date | None = None,
) -> Preview:
    """What importing the file would do, without writing anything."""
    return _run(
        store, coach_id, client_id, path, name, unit, mapping, False, today, _no_progress
    ).preview


def commit(
    store: Store,
    coach_id: uuid.UUID,
    client_id: uuid.UUID,
    path: Path,
    name: str | None = None,
    unit: str | None = None,
    mapping: mapped.ColumnMapping | None = None,
    today: date | None = None,
    progress: Progress = _no_progress,
    leave_out: bool = False,
    link_id: uuid.UUID | None = None,
) -> Result:
    """Import the file in one transaction, or raise ImportRejected and change nothing.
    `leave_out`: import the good rows and leave out the bad ones (Preview.may_leave_out).
    `link_id`: the client sent it through this report link (coachkit/inbox.py)."""
    result = _run(
        store, coach_id, client_id, path, name, unit, mapping, True, today, progress, leave_out,
        link_id,
    )  # fmt: skip
    problem = result.preview.problem(leave_out)
    if problem:
        raise problem
    return result


def undo(store: Store, coach_id: uuid.UUID, batch_id: uuid.UUID) -> int:
    """Remove the sets an import added; return how many. The batch stays, marked undone."""
    with store.transaction() as cur:
        batch = cur.one("ingest/batch_get", {"coach_id": coach_id, "batch_id": batch_id})
        if batch is None:
            raise ImportRejected("import", "no such import")
        if batch["undone_at"] is not None:
            return 0
        removed = cur.scalar("ingest/delete_batch_sets", {"batch_id": batch_id})
        cur.execute("ingest/mark_batch_undone", {"batch_id": batch_id, "now": utc_now()})
        versions.changed(cur, coach_id)
    return removed


def history(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID):
    """The client's imports, newest first."""
    get_client(store, coach_id, client_id)
    return store.frame("ingest/history", {"coach_id": coach_id, "client_id": client_id})
