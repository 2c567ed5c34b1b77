"""Clients: the coach's roster, those who need attention first."""

import streamlit as st

from coachkit import charts, clients, metrics, ui

coach = ui.require_coach()
st.title("Clients")

with st.expander("Add a client"), st.form("add_client", clear_on_submit=True, border=False):
    name = st.text_input("Name", key="new_client_name")
    if st.form_submit_button("Add client", key="add_client_submit"):
        try:
            added = clients.add_client(ui.store(), coach.id, name)
            st.success(f"{ui.plain(added.name)} added.")
        except clients.ClientError as exc:
            st.error(ui.plain(exc))

roster = metrics.roster(ui.store(), coach.id, today=ui.today())
ui.archive_clients(coach, roster)
ui.data_download(coach)
if roster.empty:
    st.info("No clients yet: add your first one above.")
    st.stop()

search = st.text_input("Search by name", key="roster_search", placeholder="Part of a name")
shown = ui.named(roster, search)
if shown.empty:
    st.info(f"No client's name contains “{ui.plain(search.strip())}”.")
    st.stop()

ui.needs_attention(shown)
ui.roster_table(shown, key="roster")
st.altair_chart(charts.roster(shown, metrics.Thresholds()), width="stretch", key="roster_chart")
st.caption(
    "The shaded band is the default balanced range; a client with thresholds of their own is "
    "judged by those in the table and the flags."
)
