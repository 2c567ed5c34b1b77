"""CoachKit's entry point: `streamlit run app.py`.

The dashboard itself is dashboard.py (page config, who is signed in, st.navigation over
pages/). This file serves it as an `st.App`, with the two routes that keep a coach's sign-in
across reloads in an HTTP-only cookie (coachkit/routes.py).
"""

import streamlit as st

from coachkit import routes, ui

app = st.App("dashboard.py", routes=routes.routes(ui.store))
