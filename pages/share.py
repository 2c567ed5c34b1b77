"""Share: read-only report links for one client, with an expiry, their views, and revocation."""

import streamlit as st

from coachkit.ui import picker, require_coach
from coachkit.ui import share as screen

coach = require_coach()
st.title("Share a report")
client = picker.client_picker(coach, key="share_client")
if client is None:
    st.info("Add a client first: a report link shows one client's numbers and charts.")
    st.stop()

screen.share_link_form(coach, client)
screen.share_links_table(coach, client)
