"""Programs: the built-in leg templates, the coach's own programs, and who follows which."""

import streamlit as st

from coachkit import programs
from coachkit.ui import picker, require_coach, store
from coachkit.ui import programs as screen

coach = require_coach()
st.title("Programs")
screen.flash("programs")

found = programs.programs_for(store(), coach.id)
screen.overview(found)
for program in found:
    screen.program_details(coach, program)

st.header("Build a program")
screen.builder(coach, found)

st.header("Assign a program")
client = picker.client_from_url(coach, key="assign_client")
if client is not None:
    screen.assign_form(coach, client, found)
