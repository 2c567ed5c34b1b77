"""The `coachkit` commands for logs that arrive without the coach: report links (share, links,
revoke) and bulk uploads (import-many). cli.py registers them with the others, and raises
the CommandError defined here."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from coachkit import auth, bulk, clients, present, settings, sharing
from coachkit.database import open_database


class CommandError(Exception):
    """A command (of this module or of cli.py) cannot go on; the message is printed as it is.

    `printed` output goes to stdout in full (an import summary naming rejected files) before
    the exit code says that something failed.
    """

    def __init__(self, message: str, printed: bool = False):
        super().__init__(message)
        self.printed = printed


def cmd_share(args: argparse.Namespace) -> str:
    with open_database(args.db) as store:
        coach = auth.require_coach(store, args.coach)
        client = clients.client_by_name(store, coach.id, args.client)
        created = sharing.create_link(
            store, coach.id, client.id, args.days, uploads=not args.no_uploads
        )
    what = "report only" if args.no_uploads else "report and uploads"
    return "\n".join(
        [
            sharing.link_url(settings.base_url(None), created.token),
            f"{client.name}'s link ({what}), id {created.id}, valid until "
            f"{created.expires_at:%Y-%m-%d %H:%M} UTC. It is shown once: copy it now.",
        ]
    )


def cmd_links(args: argparse.Namespace) -> str:
    with open_database(args.db) as store:
        coach = auth.require_coach(store, args.coach)
        found = sharing.links(store, coach.id)
    if not found:
        return "No links yet: make one with coachkit share."
    head = ("Link id", "Client", "Status", "Uploads", "Expires (UTC)", "Views")
    rows = [
        (str(link.id), link.client_name, link.status, "on" if link.uploads else "off",
         f"{link.expires_at:%Y-%m-%d %H:%M}", str(link.views))
        for link in found
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [head, *rows]
    )


def cmd_revoke(args: argparse.Namespace) -> str:
    with open_database(args.db) as store:
        coach = auth.require_coach(store, args.coach)
        when = sharing.revoke(store, coach.id, args.link_id)
    return f"link {args.link_id} revoked ({when:%Y-%m-%d %H:%M} UTC): it opens nothing now"


def _outcome_line(outcome: bulk.Outcome, how: str) -> str:
    target = f"{outcome.client} ({how})" if outcome.client else f"no client ({how})"
    if outcome.status in ("imported", "checked"):
        verb = "added" if outcome.status == "imported" else "would add"
        sets = present.count(outcome.sets_added, "set")
        result = f"{verb} {sets}; {outcome.sets_existing:,} already there"
    elif outcome.status == "skipped":
        result = "skipped, nothing imported"
    else:
        result = f"failed: {outcome.detail}"
    return f"{outcome.file} → {target}: {result}"


def cmd_import_many(args: argparse.Namespace) -> str:
    dropped = []
    for name in args.files:
        path = Path(name)
        dropped.append((path.name, path.read_bytes() if path.is_file() else None))
    files = bulk.unpack((n, d) for n, d in dropped if d is not None)
    files += [bulk.DroppedFile(n, None, "no such file") for n, d in dropped if d is None]
    outcomes, lines = [], []
    with open_database(args.db) as store:
        coach = auth.require_coach(store, args.coach)
        roster = {client.id: client for client in clients.active(store, coach.id)}
        saved = bulk.saved_names(store, coach.id)
        for file in files:
            found = bulk.match(file.name, roster.values(), saved)
            client = roster.get(found.client_id) if found.client_id else None
            outcome = bulk.import_file(store, coach.id, client, file, args.unit, args.dry_run)
            outcomes.append(outcome)
            lines.append(_outcome_line(outcome, found.how))
    done = [o for o in outcomes if o.status in ("imported", "checked")]
    verb = "checked" if args.dry_run else "imported"
    summary = f"{len(done)} of {present.count(len(outcomes), 'file')} {verb}"
    text = "\n".join([*lines, summary])
    if args.json:
        files_json = [vars(o) for o in outcomes]
        text = json.dumps({"files": files_json, "summary": summary}, indent=2, default=str)
    if len(done) < len(outcomes):
        raise CommandError(text, printed=True)
    return text


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register this module's commands through cli.parser's `command`."""
    p = command("share", cmd_share, "make a report link for a client and print it once")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--client", required=True, metavar="NAME")
    p.add_argument(
        "--days", type=int, default=sharing.DEFAULT_DAYS, help="days it works (default: 30)"
    )
    p.add_argument(
        "--no-uploads", action="store_true", help="report only: the client sends nothing"
    )
    p = command("links", cmd_links, "the coach's report links, without their tokens")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p = command("revoke", cmd_revoke, "revoke a report link: it opens nothing from now on")
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("link_id", metavar="LINK_ID", help="as coachkit links lists it")
    p = command(
        "import-many", cmd_import_many, "import many exports (or zips) matched to clients by name"
    )
    p.add_argument("--coach", required=True, metavar="EMAIL")
    p.add_argument("--unit", choices=["kg", "lb"], help="for files that name no unit")
    p.add_argument("--dry-run", action="store_true", help="match and check, write nothing")
    p.add_argument("--json", action="store_true", help="print the outcome of each file as JSON")
    p.add_argument("files", nargs="+", metavar="FILE_OR_ZIP")
