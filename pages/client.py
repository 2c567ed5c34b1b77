"""Client: one client's balance, compliance and progress, their program and their imports."""

import streamlit as st

from coachkit.ui import client as screen
from coachkit.ui import picker, require_coach, upload

coach = require_coach()
st.title("Client")

client = picker.client_from_url(coach, key="client_pick")
if client is None:
    st.stop()
since, until = screen.window_picker(key=f"window:{client.id}")
shown = screen.client_page(coach, client, since, until)
if shown is None:
    st.stop()
screen.client_note(coach, client)
screen.sent_by_client(coach, client)
screen.summary(shown.board.report)

st.header("Program")
screen.current_program(coach, client)
screen.planned_vs_done(shown)

st.header("Balance and compliance")
screen.compliance_charts(shown)

st.header("Progress")
screen.progress_chart(shown)

upload.import_history(coach, client)
