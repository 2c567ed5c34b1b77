"""The dashboard: page config, who is signed in, st.navigation over pages/; app.py serves it."""

import streamlit as st

from coachkit import ui
from coachkit.ui import signin

st.set_page_config(page_title="CoachKit", page_icon=":material/directions_run:", layout="wide")

if "token" in st.query_params:
    # A report link: that client's report alone, with no way into the app, signed in or not.
    page = st.navigation([st.Page("pages/report.py", title="Report")], position="hidden")
else:
    # Signed out, every page is still known, so that a deep link (/client?client=<id>) opens
    # its own page: the page's guard shows the sign-in form there and, once signed in, the
    # same page runs with the same address. Only the menu is hidden until then.
    coach = ui.current_coach()
    if coach is not None:
        signin.sign_out_button(coach)
    page = st.navigation(
        [
            st.Page("pages/clients.py", title="Clients", icon=":material/group:", default=True),
            st.Page("pages/client.py", title="Client", icon=":material/person:"),
            st.Page("pages/programs.py", title="Programs", icon=":material/fitness_center:"),
            st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"),
            st.Page("pages/share.py", title="Share", icon=":material/share:"),
        ],
        position="sidebar" if coach is not None else "hidden",
    )
page.run()
