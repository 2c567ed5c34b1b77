"""Report: the client report behind a share link, and where the client sends their export.

Nobody signs in here and nothing links into the app: the token in the URL names one client,
and only that client's report is drawn. A wrong, expired or revoked token gets the same page.
"""

import streamlit as st

from coachkit.ui import report as screen
from coachkit.ui import through_app

through_app()
shared = screen.shared_from_link()
if shared is None:
    st.title("This link is not valid")
    st.write("It may have expired or been revoked. Ask your coach for a new one.")
    st.stop()
screen.client_report(shared)
screen.send_section(shared)
