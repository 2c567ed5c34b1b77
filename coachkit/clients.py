"""A coach's roster. Every function takes the coach and touches only that coach's clients."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coachkit import versions
from coachkit.clock import utc_now
from coachkit.store import Cursor, Store

if TYPE_CHECKING:
    import pandas as pd

MAX_NAME_LENGTH = 120


class ClientError(ValueError):
    """A roster operation was refused; the message says why."""


@dataclass(frozen=True)
class Client:
    id: uuid.UUID
    coach_id: uuid.UUID
    name: str
    archived: bool
    note: str = ""  # the coach's short note on the client


MAX_NOTE_LENGTH = 500


def _client(row: dict) -> Client:
    return Client(row["id"], row["coach_id"], row["name"], row["archived"], row["note"])


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ClientError("a client needs a name")
    if len(name) > MAX_NAME_LENGTH:
        raise ClientError(f"a client name has at most {MAX_NAME_LENGTH} characters")
    return name


def add_client(store: Store, coach_id: uuid.UUID, name: str, email: str | None = None) -> Client:
    name = clean_name(name)
    client = Client(uuid.uuid4(), coach_id, name, False)
    with store.transaction() as cur:
        if cur.one("clients/client_by_name", {"coach_id": coach_id, "name": name}):
            raise ClientError(f"you already have a client called {name}")
        cur.execute(
            "clients/insert_client",
            {
                "id": client.id,
                "coach_id": coach_id,
                "name": name,
                "email": email,
                "now": utc_now(),
            },
        )
        versions.changed(cur, coach_id)
    return client


def get_client(store: Store | Cursor, coach_id: uuid.UUID, client_id: uuid.UUID) -> Client:
    """The client, if it belongs to this coach; the same error whether absent or someone else's.
    On a cursor, inside the caller's transaction."""
    row = store.one("clients/client_by_id", {"coach_id": coach_id, "client_id": client_id})
    if row is None:
        raise ClientError("no such client")
    return _client(row)


def client_by_name(store: Store, coach_id: uuid.UUID, name: str) -> Client:
    row = store.one("clients/client_by_name", {"coach_id": coach_id, "name": clean_name(name)})
    if row is None:
        raise ClientError(f"no client called {name}")
    return _client(row)


def set_archived(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, archived: bool) -> None:
    with store.transaction() as cur:
        get_client(cur, coach_id, client_id)
        cur.execute(
            "clients/set_client_archived",
            {"coach_id": coach_id, "client_id": client_id, "archived": archived},
        )
        versions.changed(cur, coach_id)


def set_note(store: Store, coach_id: uuid.UUID, client_id: uuid.UUID, note: str) -> str:
    """Keep the coach's short note on a client (blank: none); return it as kept."""
    note = note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ClientError(f"a note has at most {MAX_NOTE_LENGTH} characters")
    with store.transaction() as cur:
        get_client(cur, coach_id, client_id)
        cur.execute(
            "clients/set_client_note",
            {"coach_id": coach_id, "client_id": client_id, "note": note or None},
        )
        versions.changed(cur, coach_id)
    return note


def active(store: Store, coach_id: uuid.UUID) -> list[Client]:
    """The coach's active clients by name, without reading their logs: for choosing one."""
    return [_client(row) for row in store.rows("clients/client_list", {"coach_id": coach_id})]


def roster(store: Store, coach_id: uuid.UUID, include_archived: bool = False) -> pd.DataFrame:
    """The coach's clients with their logging totals, most recently active first."""
    return store.frame(
        "clients/roster_basic", {"coach_id": coach_id, "include_archived": include_archived}
    )
