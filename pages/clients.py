"""Clients: the coach's roster, those who need attention first."""

import streamlit as st

from coachkit.ui import clients as screen
from coachkit.ui import require_coach

coach = require_coach()
st.title("Clients")

screen.add_client_form(coach)
roster = screen.roster(coach)
screen.archive_form(coach, roster)
screen.data_download(coach)
if roster.empty:
    st.info("No clients yet: add your first one above.")
    st.stop()

shown = screen.search(roster)
if not shown.empty:
    shown = screen.filters(shown)
if shown.empty:
    st.stop()
screen.new_logs(shown)
screen.needs_attention(shown)
screen.roster_table(shown)
screen.roster_chart(shown)
