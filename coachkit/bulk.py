"""Bulk upload: many exports at once (or a zip of them), each matched to a client by its name.

A file belongs to the client whose name is in the file's name ("Ana Lima - Strong.csv",
"strong_export_ana-lima.csv"), compared without case, accents or separators; or to the client
for whom the coach saved a name found in it ("jdoe" in "hevy_jdoe_week49.csv"). When several
clients' names are in it, the longest name wins ("Ana Lima" over "Ana"); two different clients
matched by names equally long is no match: the coach chooses. Each file is then imported on its
own through ingest.commit, so one bad file stops no other.

A zip is opened here, not trusted: only its .csv and .txt members are read (folders, hidden
files and macOS resource forks are passed over), at most MAX_FILES of them, each no larger than
the import cap, read with that limit whatever the zip's directory claims.
"""

from __future__ import annotations

import io
import re
import tempfile
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from coachkit import ingest
from coachkit.clients import Client, ClientError, get_client
from coachkit.clock import utc_now
from coachkit.importers.source import ImportRejected
from coachkit.settings import max_import_bytes
from coachkit.store import Store

MAX_FILES = 100  # files in one bulk upload, zips opened
READABLE = (".csv", ".txt")
MIN_SAVED_NAME = 3  # characters: a shorter saved name would match too many files


class BulkError(ValueError):
    """A bulk-upload operation was refused; the message says why."""


@dataclass(frozen=True)
class DroppedFile:
    """One file of a bulk upload: its bytes, or why it cannot be read at all."""

    name: str  # as dropped; a zip member as "archive.zip/member.csv"
    data: bytes | None
    error: str | None = None


@dataclass(frozen=True)
class Match:
    client_id: uuid.UUID | None
    how: str  # "name in the file name", "saved name 'jdoe'", or why there is no match


@dataclass(frozen=True)
class Outcome:
    file: str
    client: str | None
    status: str  # "imported", "checked" (a dry run), "skipped" or "failed"
    sets_added: int = 0  # on a dry run: the sets it would add
    sets_existing: int = 0
    detail: str = ""  # why it failed or was skipped
    first_date: date | None = None
    last_date: date | None = None


def name_key(text: str) -> str:
    """A name as file names are compared: lower case, accents gone, every run of characters
    other than letters and digits one space ("José_Núñez-2026" → "jose nunez 2026")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return n > 0 and any(list(words[i : i + n]) == list(part) for i in range(len(words) - n + 1))


def match(file_name: str, clients: Iterable[Client], saved: dict[str, uuid.UUID]) -> Match:
    """The client a file belongs to, by its name (module docstring), or None and why not."""
    words = name_key(PurePosixPath(file_name).stem).split()
    found: dict[uuid.UUID, tuple[int, str]] = {}
    for client in clients:
        key = name_key(client.name)
        if _contains(words, key.split()):
            found[client.id] = max(found.get(client.id, (0, "")), (len(key), "name in the file"))
    for key, client_id in saved.items():
        if _contains(words, key.split()) and len(key) > found.get(client_id, (0, ""))[0]:
            found[client_id] = (len(key), f"saved name '{key}'")
    if not found:
        return Match(None, "no client's name in the file name")
    longest = max(length for length, _ in found.values())
    best = [(client_id, how) for client_id, (length, how) in found.items() if length == longest]
    if len(best) > 1:
        return Match(None, "the names of several clients are in the file name")
    return Match(*best[0])


def saved_names(store: Store, coach_id: uuid.UUID) -> dict[str, uuid.UUID]:
    """The names the coach saved for their clients, each with its client."""
    rows = store.rows("bulk/saved_names", {"coach_id": coach_id})
    return {row["name_key"]: row["client_id"] for row in rows}


def save_name(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, name: str) -> str:
    """Remember `name` as the client's, for matching file names; return its key. A name
    saved before for another client now means this one."""
    key = name_key(name)
    if len(key.replace(" ", "")) < MIN_SAVED_NAME:
        raise BulkError(f"a saved name has at least {MIN_SAVED_NAME} letters or digits")
    with store.transaction() as cur:
        get_client(cur, coach_id, client_id)
        mine = {"coach_id": coach_id, "name_key": key}
        cur.execute("bulk/delete_name", mine)
        cur.execute("bulk/insert_name", {**mine, "client_id": client_id, "now": utc_now()})
    return key


def _zip_members(name: str, data: bytes, room: int) -> list[DroppedFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [DroppedFile(name, None, "not a zip file that can be opened")]
    cap, members = max_import_bytes(), []
    with archive:
        for info in archive.infolist():
            path = PurePosixPath(info.filename)
            hidden = any(part.startswith((".", "__MACOSX")) for part in path.parts)
            if info.is_dir() or hidden or path.suffix.lower() not in READABLE:
                continue
            shown = f"{name}/{info.filename}"
            if len(members) >= room:
                members.append(DroppedFile(shown, None, f"more than {MAX_FILES} files"))
                continue
            if info.file_size > cap:
                members.append(DroppedFile(shown, None, "larger than the import limit"))
                continue
            try:
                with archive.open(info) as member:
                    body = member.read(cap + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
                members.append(DroppedFile(shown, None, f"cannot be unpacked ({exc})"))
                continue
            error = "larger than the import limit" if len(body) > cap else None
            members.append(DroppedFile(shown, None if error else body, error))
    return members


def unpack(dropped: Iterable[tuple[str, bytes]]) -> list[DroppedFile]:
    """The files of a bulk upload, zips opened, in the order dropped."""
    files: list[DroppedFile] = []
    for name, data in dropped:
        if name.lower().endswith(".zip"):
            files += _zip_members(name, data, MAX_FILES - len(files))
        elif len(files) >= MAX_FILES:
            files.append(DroppedFile(name, None, f"more than {MAX_FILES} files"))
        elif len(data) > max_import_bytes():
            files.append(DroppedFile(name, None, "larger than the import limit"))
        else:
            files.append(DroppedFile(name, data))
    return files


def import_file(
    store: Store,
    coach_id: uuid.UUID,
    client: Client | None,
    file: DroppedFile,
    unit: str | None = None,
    dry_run: bool = False,
) -> Outcome:
    """Import (or, on a dry run, check) one file for its client; whatever goes wrong is this
    file's outcome, never an exception that would stop the files after it."""
    if file.data is None:
        return Outcome(file.name, client and client.name, "failed", detail=file.error or "")
    if client is None:
        return Outcome(file.name, None, "skipped", detail="no client chosen")
    base = PurePosixPath(file.name).name
    try:
        with tempfile.TemporaryDirectory(prefix="coachkit-bulk-") as folder:
            path = Path(folder) / "upload.csv"
            path.write_bytes(file.data)
            if dry_run:
                preview = ingest.preview(store, coach_id, client.id, path, base, unit)
                if preview.problem():
                    raise preview.problem()
                result = ingest.Result(preview, None, 0, preview.already_in_db)
            else:
                result = ingest.commit(store, coach_id, client.id, path, base, unit)
    except ImportRejected as exc:
        return Outcome(file.name, client.name, "failed", detail=str(exc))
    except ClientError:
        raise  # a client that is not the coach's is no file's fault
    except Exception as exc:  # noqa: BLE001 (one file's failure must not stop the others)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Outcome(file.name, client.name, "failed", detail=f"could not be read ({reason})")
    status = "checked" if dry_run else "imported"
    added = result.preview.new_sets if dry_run else result.sets_added
    p = result.preview
    return Outcome(
        file.name, client.name, status, added, result.sets_existing, "", p.first_date, p.last_date
    )
