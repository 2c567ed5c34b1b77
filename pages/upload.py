"""Upload: workout exports for one client, previewed before anything is written."""

import streamlit as st

from coachkit import ui

coach = ui.require_coach()
st.title("Upload workout logs")
st.write(
    "Drop the CSV exports of Strong, Hevy, FitNotes or StrongLifts as the client's app wrote "
    "them, or your own spreadsheet in the CoachKit template. Nothing is saved until you import."
)
ui.template_download()
ui.supported_layouts()

client = ui.client_picker(coach, key="upload_client")
if client is not None:
    uploads = st.file_uploader(
        "Workout exports (CSV)",
        type=["csv", "txt"],
        accept_multiple_files=True,
        key="upload_files",
    )
    for upload in uploads or []:
        ui.import_panel(coach, client, upload)
    ui.import_history(coach, client)
