"""The `coachkit` command. Every subcommand takes --db; errors are one line and exit code 1."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from coachkit import (
    answers,
    auth,
    catalog,
    cli_links,
    clients,
    export,
    ingest,
    integrity,
    metrics,
    present,
    present_imports,
    programs,
    weekdays,
)
from coachkit.backup import Copied, backup_database, copy_database, restore_database
from coachkit.cli_links import CommandError
from coachkit.database import open_database
from coachkit.importers.source import ImportRejected
from coachkit.preview import present_guess
from coachkit.store import Store, StoreError, backend_of, database_url, redacted


def _store(args: argparse.Namespace) -> Store:
    return open_database(args.db)


def cmd_init(args: argparse.Namespace) -> str:
    with Store(args.db) as store:
        applied = store.migrate()
        loaded = catalog.sync(store)
        builtins = programs.install_builtins(store)
    parts = [f"{len(applied)} migration(s) applied" if applied else "schema up to date"]
    if loaded:
        parts.append(f"catalog loaded ({loaded} exercises)")
    if builtins:
        parts.append(f"{builtins} built-in program(s) written")
    return f"{redacted(database_url(args.db))}: " + ", ".join(parts)


def cmd_demo(args: argparse.Namespace) -> str:
    # Imported here: the demo generator pulls in pandas, which no other command needs.
    from coachkit import demo

    with _store(args) as store:
        if demo.has_real_data(store) and not args.force:
            raise CommandError(
                f"{redacted(database_url(args.db))} holds coaches other than the demo coach; "
                "rerun with --force to replace all its data with the demo"
            )
        anchor = date.fromisoformat(args.anchor) if args.anchor else date.today()
        demo.rebuild(store, anchor)
    message = (
        f"demo database at {redacted(database_url(args.db))}: sign in as {demo.DEMO_EMAIL} "
        f"with the password {demo.DEMO_PASSWORD}"
    )
    if args.samples:
        written = demo.write_samples(Path(args.samples), anchor)
        message += f"; {len(written)} sample files in {args.samples}"
    return message


def _read_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Again: "):
            raise CommandError("the two passwords differ")
        return first
    return None


def _required_password(args: argparse.Namespace) -> str:
    password = _read_password(args)
    if password is None:
        # Sign-in needs a password until single sign-on lands; an account without one is locked.
        raise CommandError("give the password on stdin with --password-stdin")
    return password


def cmd_add_coach(args: argparse.Namespace) -> str:
    password = _required_password(args)
    with _store(args) as store:
        coach = auth.add_coach(store, args.email, args.name, password)
    return f"coach {coach.email} added"


def cmd_add_client(args: argparse.Namespace) -> str:
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.add_client(store, coach.id, args.name)
    return f"client {client.name} added for {coach.email}"


def _describe(result: ingest.Result, dry_run: bool, leave_out: bool) -> str:
    p = result.preview
    lines = [
        f"{p.file_name}: {p.layout_label}, {p.sets:,} sets in {p.sessions:,} sessions "
        f"({p.first_date} to {p.last_date}), {_unit_text(p.unit)}"
    ]
    if dry_run:
        lines.append(f"  would add {p.new_sets:,}; {p.already_in_db:,} already imported")
    else:
        lines.append(
            f"  added {result.sets_added:,}; {result.sets_existing:,} were already imported"
        )
    lines += [f"  {note}" for note in present_imports.preview_notes(p)]
    overlap = present_imports.overlap_warning(p)
    if overlap:
        lines.append(f"  warning: {overlap}")
    if leave_out and p.errors:
        verb = "would leave" if dry_run else "left"
        lines.append(f"  {verb} out {p.error_total:,} row(s) with errors:")
        lines += _errors(p)
    if p.unknown:
        names = ", ".join(f"{u.name} ({u.rows})" for u in p.unknown[:10])
        lines.append(f"  {len(p.unknown)} exercise name(s) to map on the upload page: {names}")
    if p.unit_needed:
        lines.append(
            f"  no unit in the file: pass --unit kg or --unit lb ({present_guess(p.unit_guess)})"
        )
    return "\n".join(lines)


def _unit_text(unit: str | None) -> str:
    known = {"kg": "weights in kg", "lb": "weights in lb", "unit per row": "unit given per row"}
    return known.get(unit or "", "no unit in the file")


def _errors(p: ingest.Preview) -> list[str]:
    """The first ten row errors of a file, a line each, and how many more there are."""
    lines = [f"  {error}" for error in p.errors[:10]]
    hidden = p.error_total - min(10, len(p.errors))
    if hidden > 0:
        lines.append(f"  … and {hidden:,} more")
    return lines


def _rejection(exc: ImportRejected) -> str:
    lines = [f"rejected {exc}"]
    if exc.preview is not None:
        lines += _errors(exc.preview)
    return "\n".join(lines)


def _progress_bar(size: int) -> ingest.Progress:
    # Only a person at a terminal watching a large file needs a bar; logs and pipes get none.
    if size < 5 * 1024 * 1024 or not sys.stderr.isatty():
        return lambda stage, fraction: None

    def draw(stage: str, fraction: float) -> None:
        filled = int(fraction * 30)
        end = "\n" if fraction >= 1 else ""
        print(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {stage:<9}", end=end, file=sys.stderr)

    return draw


def cmd_import(args: argparse.Namespace) -> str:
    outcomes, reports, rejected = [], [], 0
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.client_by_name(store, coach.id, args.client)
        for name in args.files:
            path = Path(name)
            try:
                if not path.is_file():
                    raise ImportRejected(name, "no such file")
                if args.dry_run:
                    preview = ingest.preview(store, coach.id, client.id, path, unit=args.unit)
                    result = ingest.Result(preview, None, 0, preview.already_in_db)
                    if preview.problem(args.skip_bad_rows):
                        raise preview.problem(args.skip_bad_rows)
                else:
                    result = ingest.commit(
                        store, coach.id, client.id, path, unit=args.unit,
                        progress=_progress_bar(path.stat().st_size),
                        leave_out=args.skip_bad_rows,
                    )  # fmt: skip
            except ImportRejected as exc:
                rejected += 1
                reports.append(_rejection(exc))
                detail = exc.preview.as_dict() if exc.preview is not None else {}
                outcomes.append({**detail, "file": name, "status": "rejected", "error": str(exc)})
                continue
            except Exception as exc:  # noqa: BLE001 (one file's failure must not stop the others)
                # Not the file's fault but ours: still one line for this file, and on to the next.
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                exc = ImportRejected(name, f"could not be read ({reason})")
                rejected += 1
                reports.append(_rejection(exc))
                outcomes.append({"file": name, "status": "rejected", "error": str(exc)})
                continue
            reports.append(_describe(result, args.dry_run, args.skip_bad_rows))
            status = "dry-run" if args.dry_run else "imported"
            outcomes.append({**result.as_dict(), "file": name, "status": status})
    summary = f"{len(args.files) - rejected} of {len(args.files)} file(s) " + (
        "checked" if args.dry_run else "imported"
    )
    text = json.dumps({"files": outcomes, "rejected": rejected}, indent=2, default=str)
    if not args.json:
        text = "\n".join([*reports, summary])
    if rejected:
        raise CommandError(text, printed=True)
    return text


def cmd_map_exercise(args: argparse.Namespace) -> str:
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        changed = answers.map_exercise(store, coach.id, args.name, args.exercise, args.region)
    target = args.exercise or f"the {args.region} region"
    return f"{args.name!r} now counts as {target} ({changed:,} imported sets updated)"


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def report_table(report: metrics.Report) -> str:
    """The report as a table a coach reads in a terminal: one line per figure, with its note."""
    rows = present.summary(report).rows
    width = max(len(figure.label) for figure in rows)
    return "\n".join([report.client, *(f"  {f.label:<{width}}  {f.text}" for f in rows)])


def cmd_report(args: argparse.Namespace) -> str:
    since, until = _day(args.since, "--since"), _day(args.until, "--until")
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.client_by_name(store, coach.id, args.client)
        report = metrics.client_report(store, coach.id, client.id, since=since, until=until)
    return json.dumps(present.report_json(report), indent=2) if args.json else report_table(report)


def cmd_roster(args: argparse.Namespace) -> str:
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        entries = metrics.roster(store, coach.id, include_archived=args.archived)
    if args.json:
        return json.dumps(present.roster_json(entries), indent=2)
    if not entries:
        return "No clients yet: add one with coachkit add-client."
    rows = [
        (e.name, e.report.program or "no program", str(e.last_session or "never"),
         present.week_text(e.week),
         present.reasons(e.report.flags) or ("new client" if e.report.new_client else "fine"))
        for e in entries
    ]  # fmt: skip
    head = ("Client", "Program", "Last session", "This week", "Needs attention")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(4)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[4]])
        for row in [head, *rows]
    )


def cmd_calendar(args: argparse.Namespace) -> str:
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.client_by_name(store, coach.id, args.client)
        calendar = metrics.calendar(store, coach.id, client.id)
    if args.json:
        return json.dumps(present.calendar_json(client.name, calendar), indent=2)
    return "\n".join(present.calendar_lines(client.name, calendar))


def cmd_assign(args: argparse.Namespace) -> str:
    start = _day(args.start, "--start")
    days = weekdays.from_names(args.days) if args.days else None
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.client_by_name(store, coach.id, args.client)
        found = [p for p in programs.programs_for(store, coach.id) if p.name == args.program]
        if not found:
            names = ", ".join(p.name for p in programs.programs_for(store, coach.id))
            raise CommandError(f"no program called {args.program!r} (yours: {names})")
        program = found[0]
        programs.assign(store, coach.id, client.id, program, start, days)
    planned_on = weekdays.names(days or program.planned_weekdays)
    return f"Assigned {program.name} to {client.name} from {start}, planned on {planned_on}."


def cmd_migrate_to(args: argparse.Namespace) -> str:
    source, target = database_url(args.db), args.postgres_url
    started = time.perf_counter()
    copied = copy_database(source, target)
    total = sum(c.target_rows for c in copied)
    return "\n".join(
        [*_counts_table(copied, "embedded", "postgres"),
         f"copied {total:,} rows of {len(copied)} tables from {source} to {redacted(target)} in "
         f"{time.perf_counter() - started:.1f} s; every table's row count agrees. Point "
         "COACHKIT_DB at the PostgreSQL database to use it."]
    )  # fmt: skip


def cmd_check(args: argparse.Namespace) -> str:
    url = database_url(args.db)
    if backend_of(url) == "duckdb" and not Path(url).is_file():
        raise CommandError(f"no database file at {url}")
    with Store(url) as store:  # as it is: checking neither migrates nor writes
        problems = integrity.check(store)
    if problems:
        found = [f"{redacted(url)}: {len(problems)} problem(s)", *(f"  - {p}" for p in problems)]
        raise CommandError("\n".join(found), printed=True)
    return f"{redacted(url)}: no problems (set rows agree with their import batches)"


def cmd_export(args: argparse.Namespace) -> str:
    folder = Path(args.folder)
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        written = export.export_coach(store, coach.id, folder)
    lines = [f"  {w.table:<18} {w.rows:>10,} rows" for w in written]
    return "\n".join(
        [f"{coach.email}: {len(written)} tables as CSV and Parquet in {folder}", *lines,
         f"  what every column means: {folder / 'README.md'}"]
    )  # fmt: skip


def cmd_import_coach(args: argparse.Namespace) -> str:
    password = _required_password(args)
    with _store(args) as store:
        coach, loaded = export.import_coach(store, Path(args.folder), password)
    total = sum(w.rows for w in loaded)
    return f"coach {coach.email} loaded: {total:,} rows in {len(loaded)} tables"


def _counts_table(copied: list[Copied], left: str, right: str) -> list[str]:
    width = max(len(c.table) for c in copied)
    lines = [f"{'table':<{width}}  {left:>10}  {right:>10}"]
    lines += [f"{c.table:<{width}}  {c.source_rows:>10,}  {c.target_rows:>10,}" for c in copied]
    return lines


def cmd_backup(args: argparse.Namespace) -> str:
    source, started = database_url(args.db), time.perf_counter()
    copied = backup_database(source, Path(args.file), replace=args.force)
    return "\n".join(
        [*_counts_table(copied, "database", "backup"),
         f"backed up {source} to {args.file} in {time.perf_counter() - started:.1f} s; "
         "every table's row count agrees"]
    )  # fmt: skip


def cmd_restore(args: argparse.Namespace) -> str:
    target = database_url(args.db)
    copied, kept = restore_database(Path(args.file), target)
    open_database(target).close()  # the catalog and built-in programs of this version
    before = f"; the database it replaced is kept as {kept}" if kept else ""
    return "\n".join(
        [
            *_counts_table(copied, "backup", "restored"),
            f"restored {target} from {args.file}{before}",
        ]
    )


def parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="database path (default: $COACHKIT_DB or data/coachkit.duckdb)")
    top = argparse.ArgumentParser(
        prog="coachkit", description="CoachKit: leg training insight for coaches.", parents=[db]
    )
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, run: Callable, help: str) -> argparse.ArgumentParser:
        # --db is accepted before or after the subcommand; SUPPRESS keeps the top-level value.
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.set_defaults(run=run)
        return p

    command("init", cmd_init, "create the database or bring its schema up to date")
    p = command("demo", cmd_demo, "fill the database with the demo coach and clients")
    p.add_argument("--force", action="store_true", help="replace real data too")
    p.add_argument("--samples", metavar="DIR", help="also write sample CSV exports to DIR")
    p.add_argument("--anchor", metavar="YYYY-MM-DD", help="the demo's today (default: today)")
    p = command("add-coach", cmd_add_coach, "create a coach account")
    p.add_argument("email")
    p.add_argument("--name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p = command("add-client", cmd_add_client, "add a client to a coach's roster")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("name")
    p = command("import", cmd_import, "import workout exports (CSV) for one client")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--client", required=True, metavar="NAME")
    p.add_argument("--unit", choices=["kg", "lb"], help="for files that name no unit")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows and leave out those with errors (at most 10%% of the rows)",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("files", nargs="+", metavar="FILE")
    cli_links.add_commands(command)
    p = command("report", cmd_report, "one client's numbers (METRICS.md)")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--client", required=True, metavar="NAME")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="first day of the window")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="last day of the window")
    p.add_argument("--json", action="store_true", help="print the METRICS.md JSON object")
    p = command("roster", cmd_roster, "the coach's clients, who needs attention and why")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--archived", action="store_true", help="include archived clients")
    p.add_argument("--json", action="store_true", help="print the roster as JSON")
    p = command("calendar", cmd_calendar, "a client's planned dates and leg sessions")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--client", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true", help="print every date as JSON")
    p = command("assign", cmd_assign, "assign a program to a client")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--client", required=True, metavar="NAME")
    p.add_argument("--program", required=True, metavar="NAME", help="a built-in or your own")
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--days", metavar="mon,thu", help="planned weekdays (default: the program's)")
    p = command("map-exercise", cmd_map_exercise, "say what an unknown exercise name is")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("name", help="the name as the client's app logged it")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--exercise", metavar="SLUG", help="a catalog exercise")
    target.add_argument("--region", choices=catalog.REGIONS, help="only a body region")
    p = command("migrate-to", cmd_migrate_to, "copy the embedded database into PostgreSQL")
    p.add_argument(
        "postgres_url", metavar="POSTGRES_URL", help="an empty database: postgresql://… or libpq"
    )
    command("check", cmd_check, "check that the set rows agree with their import batches")
    p = command("export", cmd_export, "write all of a coach's data as CSV and Parquet")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("folder", metavar="DIR", help="a new or empty folder")
    p = command("import-coach", cmd_import_coach, "load a coach's export into this database")
    p.add_argument("folder", metavar="DIR", help="a folder written by coachkit export")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p = command("backup", cmd_backup, "copy the embedded database to a file (app stopped)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p = command("restore", cmd_restore, "replace the embedded database with a backup")
    p.add_argument("file", metavar="FILE", help="a file written by coachkit backup")
    return top


# Characters a terminal obeys or hides rather than shows, as a client's app may log them in a
# name: control characters other than tab and newline (an escape sequence printed raw can clear
# the terminal, retitle it or hide the text before it), and every Unicode format character
# (category Cf): the bidirectional overrides and isolates (U+202A-202E, U+2066-2069) that print
# a name backwards, zero-width spaces and joiners, the soft hyphen, tag characters; and the line
# and paragraph separators. tests/test_hostile.py checks this class against unicodedata.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal would obey or hide shown as a visible escape
    (`\\x1b`, `\\u202e`), never obeyed."""
    return HIDDEN.sub(lambda m: _escape(m[0]), text)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        print(terminal_safe(args.run(args)))
    except CommandError as exc:
        if exc.printed:
            print(terminal_safe(str(exc)))
        else:
            print(terminal_safe(f"coachkit {args.command}: {exc}"), file=sys.stderr)
        return 1
    except (
        StoreError,
        auth.AccountError,
        clients.ClientError,
        ValueError,
        OSError,
    ) as exc:
        print(terminal_safe(f"coachkit {args.command}: {exc}"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
