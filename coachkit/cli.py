"""The `coachkit` command. Every subcommand takes --db; errors are one line and exit code 1."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from coachkit import auth, catalog, clients, demo
from coachkit.store import Store, StoreError, database_url, open_store


class CommandError(Exception):
    """A command cannot go on; the message is printed as it is."""


def _store(args: argparse.Namespace) -> Store:
    store = open_store(args.db)
    catalog.sync(store)
    return store


def cmd_init(args: argparse.Namespace) -> str:
    with Store(args.db) as store:
        applied = store.migrate()
        loaded = catalog.sync(store)
    parts = [f"{len(applied)} migration(s) applied" if applied else "schema up to date"]
    if loaded:
        parts.append(f"catalog loaded ({loaded} exercises)")
    return f"{database_url(args.db)}: " + ", ".join(parts)


def cmd_demo(args: argparse.Namespace) -> str:
    with _store(args) as store:
        if demo.has_real_data(store) and not args.force:
            raise CommandError(
                f"{database_url(args.db)} holds coaches other than the demo coach; "
                "rerun with --force to replace all its data with the demo"
            )
        anchor = date.fromisoformat(args.anchor) if args.anchor else date.today()
        demo.rebuild(store, anchor)
    message = (
        f"demo database at {database_url(args.db)}: sign in as {demo.DEMO_EMAIL} "
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


def cmd_add_coach(args: argparse.Namespace) -> str:
    password = _read_password(args)
    with _store(args) as store:
        coach = auth.add_coach(store, args.email, args.name, password)
    how = "with a password" if password is not None else "without a password (OIDC sign-in only)"
    return f"coach {coach.email} added {how}"


def cmd_add_client(args: argparse.Namespace) -> str:
    with _store(args) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.add_client(store, coach.id, args.name)
    return f"client {client.name} added for {coach.email}"


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
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        print(args.run(args))
    except (
        CommandError,
        StoreError,
        auth.AccountError,
        clients.ClientError,
        ValueError,
        OSError,
    ) as exc:
        print(f"coachkit {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
