"""Upload: workout exports for one client, previewed before anything is written."""

import streamlit as st

from coachkit.ui import picker, require_coach
from coachkit.ui import upload as screen

coach = require_coach()
screen.sweep_leftovers()
st.title("Upload workout logs")
st.write(
    "Drop the CSV exports of Strong, Hevy, FitNotes or StrongLifts as the client's app wrote "
    "them, or your own spreadsheet in the CoachKit template. Nothing is saved until you import."
)
screen.template_download()
screen.supported_layouts()
if screen.upload_mode():
    screen.bulk_upload(coach)
    st.stop()

client = picker.client_picker(coach, key="upload_client")
if client is not None:
    uploads = st.file_uploader(
        "Workout exports (CSV)",
        type=["csv", "txt"],
        accept_multiple_files=True,
        key="upload_files",
    )
    for upload in uploads or []:
        screen.import_panel(coach, client, upload)
    screen.import_history(coach, client)
