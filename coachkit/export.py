"""A coach's data, out and back in: `coachkit export` and `coachkit import-coach`.

`export_coach` writes every row that belongs to one coach (account, clients, programs,
assignments, imports, sets, mappings, report links) as one CSV and one Parquet file per table,
with a README.md describing every column. The CSV files are for people: spreadsheet formulas
in text (`=HYPERLINK(…)`, `+cmd|…`) are made inert by a leading apostrophe. The Parquet files
are for programs: typed, and the text exactly as stored.

`import_coach` loads such an export's Parquet files into another CoachKit database, in one
transaction: the same clients, programs, sets and thresholds, so the same numbers. What does
not travel: the password hash (never exported; the coach chooses a password on import) and the
report links' tokens (a link is a key to one server's report, so links are exported as a
record only and not loaded).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from coachkit import auth, versions
from coachkit.store import Cursor, Store, StoreError


@dataclass(frozen=True)
class Table:
    name: str  # the file name, without extension
    stored_in: str  # CoachKit's table
    about: str
    columns: dict[str, str]  # every column written, with what it means
    loaded: bool = True  # whether import_coach loads it


ID = "a UUID"
CREATED = "when the row was created (UTC)"

# In load order: a row's references come before it.
TABLES = (
    Table(
        "coach",
        "coaches",
        "The coach's account, without the password hash.",
        {"id": ID, "email": "sign-in email, lower-case", "name": "display name",
         "created_at": CREATED},
    ),
    Table(
        "clients",
        "clients",
        "The roster, archived clients included.",
        {"id": ID, "coach_id": "coach.id", "name": "the client's name, unique per coach",
         "email": "optional", "notes": "the coach's notes",
         "archived": "true: hidden from the roster, data kept", "created_at": CREATED,
         "logs_seen_at": "when the coach last looked at the client's page (UTC)"},
    ),
    Table(
        "client_file_names",
        "client_file_names",
        "Names the coach saved for a client, to match bulk uploads by file name.",
        {"coach_id": "coach.id", "client_id": "clients.id",
         "name_key": "the name, lower case, without accents or separators",
         "created_at": CREATED},
    ),
    Table(
        "client_settings",
        "client_settings",
        "Per-client thresholds of the metrics; an empty cell means CoachKit's default.",
        {"client_id": "clients.id", "coach_id": "coach.id",
         "lower_share_min": "balanced band, low end (share of working sets, 0 to 1)",
         "lower_share_max": "balanced band, high end (0 to 1)",
         "min_rest_days": "days of rest wanted between leg sessions",
         "leg_freq_min": "leg sessions a week, at least",
         "leg_freq_max": "leg sessions a week, at most",
         "leg_session_min_sets": "lower-body working sets that make a day a leg session",
         "balance_window_days": "days the balance is measured over",
         "adherence_min": "program adherence below which a client needs attention (0 to 1)",
         "inactive_days": "days without a log after which a client needs attention",
         "recovery_min": "share of long-enough rests below which a client needs attention",
         "stretching_min": "share of stretched leg sessions below which a client needs attention",
         "updated_at": "when the thresholds last changed (UTC)"},
    ),
    Table(
        "programs",
        "programs",
        "The coach's own programs (the built-in ones ship with every CoachKit).",
        {"id": ID, "coach_id": "coach.id", "name": "program name", "description": "free text",
         "kind": "weekly, or daily (the 10-minute daily plan: no rest rule or weekly band)",
         "leg_freq_min": "leg sessions a week, at least",
         "leg_freq_max": "leg sessions a week, at most",
         "min_rest_days": "rest days after each leg session",
         "stretching_required": "true: stretch after each leg session",
         "horizon_weeks": "weeks before results are expected",
         "planned_weekdays": "ISO weekdays, comma-separated: 1,4 = Monday and Thursday",
         "daily_reps_target": "daily programs: squats that make a day done",
         "progression_notes": "free text", "created_at": CREATED,
         "updated_at": "when the program last changed (UTC)"},
    ),
    Table(
        "program_exercises",
        "program_exercises",
        "What each of the coach's programs prescribes, in order.",
        {"program_id": "programs.id", "position": "order in the program, from 0",
         "exercise_slug": "catalog exercise (CoachKit's coachkit/catalog.csv)",
         "sets_min": "sets, at least", "sets_max": "sets, at most",
         "reps_min": "reps per set, at least", "reps_max": "reps per set, at most",
         "substitutes": "catalog exercises that also count, separated by |",
         "notes": "free text"},
    ),
    Table(
        "assignments",
        "assignments",
        "Which program each client followed when; past ones are kept.",
        {"id": ID, "coach_id": "coach.id", "client_id": "clients.id",
         "program_id": "programs.id, or a built-in program's id",
         "start_date": "first day", "end_date": "last day; empty while current",
         "planned_weekdays": "ISO weekdays, comma-separated",
         "weekly_target": "leg sessions a week; empty: the program's most",
         "created_at": CREATED},
    ),
    Table(
        "import_batches",
        "import_batches",
        "Every file imported, and what it added.",
        {"id": ID, "coach_id": "coach.id", "client_id": "clients.id",
         "file_name": "the file's name as uploaded", "sha256": "the file's SHA-256",
         "layout": "strong, hevy, fitnotes, stronglifts, template or a column mapping",
         "unit": "kg or lb as the file was read; empty when each row names its own",
         "rows_read": "data rows in the file", "sets_added": "new sets stored",
         "sets_existing": "sets the client already had", "rows_skipped": "rest timers, notes",
         "created_at": "when it was imported (UTC)", "undone_at": "when it was undone, if it was",
         "left_out": "JSON: rows with errors the coach chose to leave out (line, code, value)",
         "link_id": "share_links.id when the client sent it through their link; empty: the coach"},
    ),
    Table(
        "sets",
        "set_rows",
        "Every logged set of every client, one row per set.",
        {"client_id": "clients.id", "coach_id": "coach.id",
         "batch_id": "import_batches.id of the import that added it",
         "set_key": "natural key: the same set imported twice has the same key",
         "performed_at": "workout start, the client's local time as the app logged it",
         "session_date": "the day it counts for", "workout_name": "as logged",
         "exercise_slug": "catalog exercise; empty while the name is unknown",
         "logged_exercise": "the exercise name as the client's app logged it",
         "category_region": "body region from the file's category or the coach's mapping",
         "set_index": "order within the workout and exercise, from 0",
         "set_type": "working, warmup, drop or failure", "reps": "repetitions",
         "weight_kg": "load in kilograms (pounds converted)", "duration_s": "seconds",
         "distance_m": "metres", "rpe": "rate of perceived exertion, 1 to 10",
         "notes": "the set's note", "workout_duration_s": "the whole workout's, in seconds"},
    ),
    Table(
        "exercise_mappings",
        "exercise_mappings",
        "The coach's answers for exercise names the catalog does not know.",
        {"coach_id": "coach.id", "name_key": "the name, normalised",
         "slug": "catalog exercise; empty: only a region", "region": "lower, upper, core, ...",
         "created_at": CREATED},
    ),
    Table(
        "column_mappings",
        "column_mappings",
        "The coach's column mappings for CSV layouts CoachKit does not know.",
        {"coach_id": "coach.id", "header_key": "the file's header, normalised",
         "columns": "JSON: what each CoachKit field is called in the file",
         "weight_unit": "kg or lb; empty: a column names it", "date_format": "strftime format",
         "created_at": CREATED},
    ),
    Table(
        "share_links",
        "share_links",
        "Report links, as a record: the tokens are not exported, and links are not loaded "
        "into another database.",
        {"id": ID, "coach_id": "coach.id", "client_id": "clients.id", "created_at": CREATED,
         "expires_at": "when it stops opening (UTC)", "revoked_at": "when it was revoked",
         "views": "times the report was opened", "last_viewed_at": "last opened (UTC)",
         "uploads": "true: the client may send their exports through it"},
        loaded=False,
    ),
)  # fmt: skip


class ExportError(ValueError):
    """An export or a load cannot go on; the message says why."""


@dataclass(frozen=True)
class Written:
    table: str
    rows: int


def readme(email: str, written: list[Written]) -> str:
    """The export's README.md: what each file holds and what every column means."""
    rows = {w.table: w.rows for w in written}
    parts = [
        f"# CoachKit export of {email}",
        "",
        "One table per pair of files: `NAME.csv` for spreadsheets and `NAME.parquet` for "
        "programs. Times are UTC except `sets.performed_at`, the client's local time. In the "
        "CSV files, text that a spreadsheet would run as a formula (starting with = + - @) "
        "begins with an apostrophe; the Parquet files hold the text exactly as stored.",
        "",
        "Load it into another CoachKit with `coachkit import-coach DIR --password-stdin`.",
    ]
    for table in TABLES:
        count = rows.get(table.name, 0)
        title = f"## {table.name} ({count:,} row{'' if count == 1 else 's'})"
        parts += ["", title, "", table.about, ""]
        parts += ["| column | meaning |", "| --- | --- |"]
        parts += [f"| `{column}` | {meaning} |" for column, meaning in table.columns.items()]
    return "\n".join(parts) + "\n"


def export_coach(store: Store, coach_id: uuid.UUID, folder: Path) -> list[Written]:
    """Write all of one coach's data into `folder`, which must not exist or be empty.

    The files are written into a temporary folder beside it and moved into place at the end,
    so that a failed export leaves no half-written folder behind.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportError(f"{folder} is not an empty folder; export into a new one")
    coach = store.one("export/coach", {"coach_id": coach_id})
    if coach is None:
        raise ExportError("no such coach")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        written = []
        with store.cursor() as cur, cur.transaction():  # one snapshot for every table
            for table in TABLES:
                rows = cur.write_files(
                    f"export/{table.name}", {"coach_id": coach_id}, staging / table.name
                )
                written.append(Written(table.name, rows))
        (staging / "README.md").write_text(readme(coach["email"], written), encoding="utf-8")
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def zipped(store: Store, coach_id: uuid.UUID) -> bytes:
    """The same export as one zip file, for the coach's download button."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "coachkit-export"
        export_coach(store, coach_id, folder)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.iterdir()):
                archive.write(path, f"{folder.name}/{path.name}")
    return buffer.getvalue()


def import_coach(store: Store, folder: Path, password: str) -> tuple[auth.Coach, list[Written]]:
    """Load an export written by `export_coach` into this database, whole or not at all.

    The coach must not exist here yet (by email or id); the coach signs in with `password`.
    Every row must be the export's own coach's: an edited export that points at another
    coach's clients or programs, or at none, is refused before anything is written.
    """
    files = {t.name: folder / f"{t.name}.parquet" for t in TABLES if t.loaded}
    missing = [name for name, path in files.items() if not path.is_file()]
    if missing:
        raise ExportError(
            f"{folder} is not a CoachKit export: no {', '.join(f'{m}.parquet' for m in missing)}"
        )
    password_hash = auth.hash_password(password)
    loaded = []
    try:
        with store.transaction() as cur:
            found = cur.rows("export/file_coach", {"path": str(files["coach"])})
            if len(found) != 1:
                raise ExportError(f"{files['coach']} must hold exactly one coach")
            coach = auth.Coach(found[0]["id"], found[0]["email"], found[0]["name"])
            if auth.normalise_email(coach.email) != coach.email:
                raise ExportError(f"{files['coach']}: {coach.email!r} is not a stored email")
            if auth.coach_by_email(cur, coach.email) is not None:
                raise ExportError(f"a coach with the email {coach.email} already exists here")
            paths = {name: str(path) for name, path in files.items() if name != "coach"}
            foreign = [
                f"{row['file']} ({row['foreign_rows']:,} rows)"
                for row in cur.rows("export/file_problems", {**paths, "coach_id": coach.id})
                if row["foreign_rows"]
            ]
            if foreign:
                raise ExportError(
                    f"{folder}: rows that are not {coach.email}'s or point outside the export "
                    f"in {', '.join(foreign)}; nothing was loaded"
                )
            for table in (t for t in TABLES if t.loaded):
                loaded.append(Written(table.name, _load(cur, table, files[table.name])))
            cur.execute(
                "export/coach_set_password", {"id": coach.id, "password_hash": password_hash}
            )
            versions.changed(cur, coach.id)
    except StoreError as exc:
        if "uplicate key" in str(exc):  # DuckDB's "Duplicate key", PostgreSQL's "duplicate key"
            raise ExportError(
                f"this database already holds part of that export ({_first_line(exc)}); "
                "load it into a database that does not have this coach's data"
            ) from None
        raise
    return coach, loaded


def _load(cur: Cursor, table: Table, path: Path) -> int:
    """Insert one of an export's Parquet files into its table; return the rows loaded."""
    columns = {row["name"] for row in cur.rows("export/file_columns", {"path": str(path)})}
    if table.name == "sets" and "logged_exercise" not in columns:  # before migration 007
        return cur.scalar("export/load_sets_before_007", {"path": str(path)})
    return cur.scalar("export/load_table", {"path": str(path)}, table=table.stored_in)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0]
