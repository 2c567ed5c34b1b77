"""Choosing the client a page is about. The client chosen on one page is the one the next page
opens on, and a link with `?client=<id>` opens that client; the id comes from the browser, so it
is always looked up again for the signed-in coach."""

from __future__ import annotations

import uuid

import streamlit as st

from coachkit import auth, clients
from coachkit.ui import store

CURRENT_CLIENT = "current_client"  # the client last chosen or linked, shown by the next page
NO_SUCH_CLIENT = "No such client"
ADD_ONE_FIRST = "Add a client on the Clients page first."


def _pick(key: str, in_address: bool) -> None:
    """A coach's choice in a client select box: it becomes the session's current client, and
    goes into the address at once when the page follows `?client=`."""
    st.session_state[CURRENT_CLIENT] = st.session_state[key]
    if in_address:
        st.query_params["client"] = str(st.session_state[key])


def _select(names: dict[uuid.UUID, str], key: str, in_address: bool) -> uuid.UUID:
    """A select box of `names` that opens on the session's current client."""
    current = st.session_state.get(CURRENT_CLIENT)
    if current in names:
        st.session_state[key] = current
    chosen = st.selectbox(
        "Client", list(names), format_func=names.get, key=key,
        on_change=_pick, args=(key, in_address),
    )  # fmt: skip
    st.session_state[CURRENT_CLIENT] = chosen
    return chosen


def client_picker(coach: auth.Coach, key: str) -> clients.Client | None:
    """A select box of the coach's active clients; None (and a word) when the roster is empty."""
    listed = {client.id: client for client in clients.active(store(), coach.id)}
    if not listed:
        st.info(ADD_ONE_FIRST)
        return None
    names = {client_id: client.name for client_id, client in listed.items()}
    return listed[_select(names, key, in_address=False)]


def _client_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise clients.ClientError("no such client") from None


def client_from_url(coach: auth.Coach, key: str) -> clients.Client | None:
    """A select box of the coach's clients that follows `?client=<id>` in the address: a link
    opens that client, and choosing another puts theirs in the address. Without a client in
    the address it opens on the session's current client.

    Another coach's client, an unknown id and a malformed one all get the same error on the
    page, and None; so does a coach without clients (with a word to add one).
    """
    raw = st.query_params.get("client")
    try:
        linked = clients.get_client(store(), coach.id, _client_id(raw)) if raw else None
    except clients.ClientError:
        st.error(NO_SUCH_CLIENT)
        return None
    names = {client.id: client.name for client in clients.active(store(), coach.id)}
    if linked is not None:
        st.session_state[CURRENT_CLIENT] = linked.id  # the address wins over the last choice
        names.setdefault(linked.id, f"{linked.name} (archived)")
    if not names:
        st.info(ADD_ONE_FIRST)
        return None
    chosen = _select(names, key, in_address=True)
    st.query_params["client"] = str(chosen)
    return clients.get_client(store(), coach.id, chosen)
