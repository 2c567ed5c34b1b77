"""The report behind a share link: the one screen a client sees, read-only.

Nobody signs in here and nothing links into the app: the token in the URL names one client,
and only that client's report is drawn. A wrong, expired or revoked token gets the same page.
"""

from __future__ import annotations

import time

import streamlit as st

from coachkit import report, sharing, throttle
from coachkit.clock import utc_now
from coachkit.ui import client, client_address, plain, store, today

SESSION_SHARED = "shared_token"


def shared_from_link() -> sharing.Shared | None:
    """The client that the report link in the URL names, or None when it is not valid.

    The link is checked on every rerun, so a revoked link stops working at once, but a view is
    counted once per browser session, not once per rerun.
    """
    token = st.query_params.get("token", "")
    first_look = st.session_state.get(SESSION_SHARED) != token
    shared = sharing.resolve(store(), token, count_view=first_look)
    st.session_state[SESSION_SHARED] = token
    if shared is not None:
        return shared  # a valid link never waits, whoever else guessed
    # A wrong token: held back once this address has sent a few, more with each, never longer
    # than the rule's longest wait, however many arrive at once.
    who, now = client_address(), utc_now()
    wait = throttle.wait(store(), throttle.REPORT_LINK, who, now)
    throttle.missed(store(), throttle.REPORT_LINK, who, now)
    if wait:
        slow_down(wait.left.total_seconds())
    return None


def slow_down(seconds: float) -> None:
    """Hold this answer back; only this session waits, as each has a thread of its own."""
    time.sleep(seconds)


def client_report(shared: sharing.Shared) -> None:
    """The read-only report of the one client a link names: numbers, charts and downloads.

    The downloads are rendered only when clicked (a callable `data`): drawing every chart as
    SVG or PNG takes most of a second, which no rerun should pay for."""
    built = report.build(store(), shared, today=today())
    st.title(f"{plain(built.client_name)}: leg training")
    st.caption(f"Counted on {built.today:%d %b %Y}.")
    client.summary(built.report)
    for part in built.charts:
        st.altair_chart(part.chart, width="stretch", key=f"report_{part.key}")
        st.download_button(
            "Download this chart (PNG)",
            data=lambda chart=part.chart: report.chart_png(chart),
            file_name=report.file_name(built, f"{part.key}.png"),
            mime="image/png",
            key=f"report_png_{part.key}",
            on_click="ignore",
        )
    st.download_button(
        "Download the whole report (HTML)",
        data=lambda: report.to_html(built),
        file_name=report.file_name(built, "html"),
        mime="text/html",
        type="primary",
        key="report_html",
        on_click="ignore",
    )
