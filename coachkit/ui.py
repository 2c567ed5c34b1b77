"""The Streamlit glue: the one module of coachkit that may import streamlit.

The store is opened once per server process (st.cache_resource) and shared by every session;
each operation takes its own cursor inside the store, so sessions never share one.
"""

from __future__ import annotations

import streamlit as st

from coachkit import catalog
from coachkit.store import Store, database_url, open_store


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    store = open_store(url)
    catalog.sync(store)
    return store


def store() -> Store:
    """The process-wide store for the database that COACHKIT_DB names."""
    return _store_for(database_url())
