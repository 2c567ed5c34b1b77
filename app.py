"""CoachKit's entry point: `streamlit run app.py`."""

import streamlit as st

from coachkit import ui

st.set_page_config(page_title="CoachKit", page_icon=":material/directions_run:", layout="wide")

coach = ui.current_coach()
if "token" in st.query_params:
    # A report link: that client's report alone, with no way into the app, signed in or not.
    page = st.navigation([st.Page("pages/report.py", title="Report")], position="hidden")
elif coach is None:
    page = st.navigation([st.Page(ui.require_coach, title="Sign in", url_path="sign-in")])
else:
    ui.sign_out_button(coach)
    page = st.navigation(
        [
            st.Page("pages/clients.py", title="Clients", icon=":material/group:", default=True),
            st.Page("pages/client.py", title="Client", icon=":material/person:"),
            st.Page("pages/programs.py", title="Programs", icon=":material/fitness_center:"),
            st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"),
            st.Page("pages/share.py", title="Share", icon=":material/share:"),
        ]
    )
page.run()
