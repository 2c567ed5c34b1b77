"""Share: read-only report links for one client, with an expiry, their views, and revocation."""

import streamlit as st

from coachkit import ui

coach = ui.require_coach()
st.title("Share a report")
client = ui.client_picker(coach, key="share_client")
if client is None:
    st.info("Add a client first: a report link shows one client's numbers and charts.")
    st.stop()

ui.share_link_form(coach, client)
ui.share_links_table(coach, client)
