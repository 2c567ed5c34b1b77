"""Clients: the coach's roster."""

import streamlit as st

from coachkit import clients, ui

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

roster = clients.roster(ui.store(), coach.id)
ui.archive_form(coach, roster)
if roster.empty:
    st.info("No clients yet: add your first one above.")
else:
    st.dataframe(
        roster,
        hide_index=True,
        column_order=["name", "sets_logged", "training_days", "last_session"],
        column_config={
            "name": "Client",
            "sets_logged": "Sets logged",
            "training_days": "Training days",
            "last_session": st.column_config.DateColumn("Last session"),
        },
        key="roster",
    )
