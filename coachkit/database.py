"""Opening CoachKit's database the way every entry point does (the app, the CLI): the schema
migrated, the exercise catalog current, the built-in programs written. Several app servers may
start at once on one PostgreSQL database; each step is safe when they do."""

from __future__ import annotations

from coachkit import catalog, programs
from coachkit.store import Store, open_store


def open_database(url: str | None = None) -> Store:
    """The store for `url` (default: COACHKIT_DB), ready for use."""
    store = open_store(url)
    try:
        catalog.sync(store)
        programs.install_builtins(store)
    except BaseException:
        store.close()
        raise
    return store
