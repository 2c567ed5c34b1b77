"""The report behind a share link: the one screen a client sees, and, when the link takes
uploads, where the client sends their latest export.

Nobody signs in here and nothing links into the app: the token in the URL names one client,
and only that client's report is drawn. A wrong, expired or revoked token gets the same page.
Sending goes through coachkit/inbox.py, which checks the token again on every call.
"""

from __future__ import annotations

import time

import streamlit as st

from coachkit import inbox, present_client, report, sharing, throttle
from coachkit.clock import utc_now
from coachkit.importers.source import ImportRejected
from coachkit.present import count
from coachkit.settings import max_import_bytes
from coachkit.ui import cached, client_address, plain, store, today, uploaded_file

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


# A thumb's reach: the buttons a client taps on a phone are at least 44 px tall (Apple's and
# WCAG's target size). A fixed stylesheet, nothing typed by anyone goes in it.
TAP_TARGETS = """<style>
[data-testid="stDownloadButton"] button, [data-testid="stButton"] button,
[data-testid="stFileUploader"] button { min-height: 44px; }
</style>"""


def client_report(shared: sharing.Shared) -> None:
    """The client's report, phone first: where they are on the three months, the chart that
    matters most to their program, their last four weeks in words, this week's plan, their
    other charts, and the report to keep (PDF or HTML). A file is rendered only when its button
    is pressed (a callable `data`): drawing every chart takes most of a second."""
    shown = cached.client_report(shared, today())
    built = shown.built
    st.html(TAP_TARGETS)
    st.title(f"{plain(built.client_name)}: leg training")
    st.write(plain(present_client.road(built.plan, built.today)))
    for section in report.sections(built):
        _section(section, shown.specs)
    st.subheader("Keep this report")
    files = (
        ("Save as PDF", report.to_pdf, "pdf", "application/pdf", "primary"),
        ("Save as a web page (HTML)", report.to_html, "html", "text/html", "secondary"),
    )
    for column, (label, render, extension, mime, kind) in zip(st.columns(2), files, strict=True):
        column.download_button(
            label,
            data=lambda render=render: render(built),
            file_name=report.file_name(built, extension),
            mime=mime,
            type=kind,
            key=f"report_{extension}",
            on_click="ignore",
            width="stretch",
        )


def _section(section: report.Section, specs: dict[str, cached.Spec]) -> None:
    st.subheader(section.title)
    if section.chart is not None:
        st.vega_lite_chart(specs[section.key], width="stretch", key=f"report_{section.key}")
    for block in section.blocks:
        if block.heading:
            st.markdown(f"**{plain(block.heading)}**")
        if block.listed:
            st.markdown("\n".join(f"- {plain(line)}" for line in block.lines))
        elif section.chart is not None:
            st.caption(plain(" ".join(block.lines)))
        else:
            st.write(plain(" ".join(block.lines)))


def send_section(shared: sharing.Shared) -> None:
    """ "Send your latest export": a file drop, a preview in the client's words, one button.
    Only drawn for a link that takes uploads; inbox.py refuses everything else regardless."""
    if not shared.uploads:
        return
    token = st.query_params.get("token", "")
    st.header("Send your latest export")
    st.write(
        "Export your workouts from your app (Strong, Hevy, FitNotes or StrongLifts) and drop "
        "the file here. Your coach sees your new workouts as soon as you send them."
    )
    if inbox.sends_left(store(), token) <= 0:
        st.info(
            "You have sent as many files as a link takes in a day. Try again tomorrow, or "
            "send the file to your coach."
        )
        return
    upload = st.file_uploader("Your export (CSV)", type=["csv", "txt"], key="send_file")
    if upload is None:
        return
    done_key = f"sent:{upload.file_id}"
    if done_key in st.session_state:
        st.success(plain(st.session_state[done_key]))
        return
    if upload.size > max_import_bytes():
        st.error("This file is larger than CoachKit takes. Send it to your coach instead.")
        return
    with uploaded_file(upload) as path:
        try:
            _preview_and_send(token, upload, path, done_key)
        except (inbox.SendRefused, ImportRejected) as exc:
            st.error(plain(_refusal_words(exc)))


def _refusal_words(exc: Exception) -> str:
    if isinstance(exc, ImportRejected):
        where = f" (row {exc.line})" if exc.line else ""
        return f"This file cannot be read{where}: {exc.problem}. Send it to your coach instead."
    return str(exc)


def _preview_and_send(token: str, upload, path, done_key: str) -> None:
    unit_key = f"send_unit:{upload.file_id}"
    unit = st.session_state.get(unit_key)
    preview = inbox.preview(store(), token, path, upload.name, unit)
    if preview.unit_needed or unit:
        guess = unit or preview.unit_guess
        unit = st.radio(
            present_client.UNIT_QUESTION,
            ["kg", "lb"],
            index=["kg", "lb"].index(guess) if guess else None,
            format_func=present_client.UNIT_WORDS.get,
            key=unit_key,
        )
        if unit is None:
            return
        preview = inbox.preview(store(), token, path, upload.name, unit)
    for line in present_client.send_preview(preview):
        st.write(plain(line))
    problems = present_client.send_problems(preview)
    refusal = present_client.send_refusal(preview)
    if refusal:
        st.error(plain(refusal))
        return
    if problems:
        listed = "\n".join(f"- {plain(line)}" for line in problems)
        st.warning(f"These rows cannot be read and will be left out:\n\n{listed}")
    label = (
        f"Send {count(preview.new_sets, 'new set')} to your coach"
        if preview.new_sets
        else "Nothing new to send"
    )
    if st.button(label, key=f"send:{upload.file_id}", type="primary",
                 disabled=not preview.new_sets):  # fmt: skip
        result = inbox.send(store(), token, path, upload.name, unit, leave_out=bool(problems))
        st.session_state[done_key] = present_client.sent(
            upload.name, result.sets_added, preview.error_total if problems else 0
        )
        st.rerun()
