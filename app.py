"""CoachKit's entry point: `streamlit run app.py`."""

import streamlit as st

from coachkit import auth, clients, demo, ui

st.set_page_config(page_title="CoachKit", page_icon="🦵", layout="wide")
st.title("CoachKit")
st.caption("Leg training insight for coaches.")

store = ui.store()
coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
if coach is None:
    st.info("No demo coach in this database yet: run `coachkit demo` to create one.")
else:
    st.subheader(f"{coach.name}'s clients")
    st.dataframe(
        clients.roster(store, coach.id),
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
