"""The Client screen: one client's numbers in the coach's words, their program, the charts of
balance, recovery, frequency, stretching, adherence and progress, what they sent through their
link, and their imports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import streamlit as st

from coachkit import (
    auth,
    clients,
    inbox,
    metrics,
    present,
    present_imports,
    programs,
)
from coachkit.ui import cached, plain, store, today, upload

PROGRAMS_PAGE = "pages/programs.py"
_BAND_COLOURS = {"balanced": "green", "top-heavy": "red", "lower-dominant": "orange"}


def window_picker(key: str) -> tuple[date | None, date | None]:
    """(since, until) for metrics.dashboard: both None for the report's own windows."""
    custom = st.toggle(
        "Choose the dates",
        key=f"{key}:custom",
        help="Off: each number over its own window, as the report counts it. On: every number "
        "and chart over the dates chosen here.",
    )
    if not custom:
        return None, None
    until = today()
    left, right = st.columns(2)
    since = left.date_input("From", value=until - timedelta(weeks=12), key=f"{key}:since")
    until = right.date_input("To", value=until, key=f"{key}:until")
    return since or None, until or None


def client_page(
    coach: auth.Coach, client: clients.Client, since: date | None, until: date | None
) -> cached.ClientPage | None:
    """The client's numbers and charts; None (and why, on the page) when refused."""
    try:
        return cached.client_page(coach.id, client.id, since, until, today())
    except metrics.MetricsError as exc:
        st.error(plain(exc))
        return None


def summary(report: metrics.Report) -> None:
    """The report as present.summary words it: what it was counted over, the five numbers as
    tiles, and whether the client needs attention."""
    words = present.summary(report)
    st.caption(plain(" · ".join(figure.line for figure in words.context)))
    for column, figure in zip(st.columns(len(words.headline)), words.headline, strict=True):
        # The note goes below the number as a caption, which wraps: a metric's delta would be
        # cut to one line of a fifth of the page. The band alone keeps a colour.
        band = report.balance_band if figure.key == "lower_share" else None
        colour = _BAND_COLOURS.get(band)
        note = f":{colour}[{plain(figure.note)}]" if colour else plain(figure.note)
        with column.container(border=True, height="stretch"):
            st.metric(figure.label, figure.value, help=figure.help)
            st.caption(note)
    if report.flags:
        st.warning(plain(words.attention.line), icon=":material/flag:")
    else:
        st.success(plain(words.attention.line), icon=":material/check_circle:")


def client_note(coach: auth.Coach, client: clients.Client) -> None:
    """The coach's short note on the client, shown as typed, and a form to change it."""
    client = clients.get_client(store(), coach.id, client.id)  # the coach's, and its note now
    if client.note:
        st.info(plain(client.note), icon=":material/sticky_note_2:")
    label = "Change the note" if client.note else "Add a note"
    with st.expander(label), st.form(f"note:{client.id}", border=False):
        text = st.text_area(
            "Note",
            value=client.note,
            max_chars=clients.MAX_NOTE_LENGTH,
            key=f"note_text:{client.id}",
            help="A few words for yourself: an injury, a goal, what you agreed. Kept with the "
            "client and in your data download; the client never sees it.",
        )
        if st.form_submit_button("Save the note", key=f"note_submit:{client.id}"):
            try:
                clients.set_note(store(), coach.id, client.id, text)
            except clients.ClientError as exc:
                st.error(plain(exc))
            else:
                st.rerun()


def current_program(coach: auth.Coach, client: clients.Client) -> None:
    """The client's running (or next) assignment, and a link to change it on Programs."""
    history = programs.assignments_of(store(), coach.id, client.id)
    latest = history[0] if history else None
    if latest is None or (latest.end is not None and latest.end <= today()):
        st.info(plain(present.program(None).line))
        label = "Assign a program"
    else:
        st.markdown(plain(present.assignment_line(latest, today())))
        label = "Change the program"
    st.page_link(
        PROGRAMS_PAGE,
        label=label,
        icon=":material/fitness_center:",
        query_params={"client": str(client.id)},
    )


def planned_vs_done(page: cached.ClientPage) -> None:
    """The calendar of planned dates and leg sessions, the last 12 weeks and the next 2."""
    st.vega_lite_chart(page.calendar, width="stretch", key="chart_calendar")
    st.caption(plain(present.calendar_caption(page.board.calendar, today())))


def compliance_charts(page: cached.ClientPage) -> None:
    """Balance, volume, recovery, frequency, stretching and adherence, as fit the client's
    program (charts.compliance_charts), two to a row."""
    for first in range(0, len(page.compliance), 2):
        pair = page.compliance[first : first + 2]
        for column, (key, spec) in zip(st.columns(2), pair, strict=False):
            column.vega_lite_chart(spec, width="stretch", key=f"chart_{key}")


def progress_chart(page: cached.ClientPage) -> None:
    """The progress that fits the client (charts.progress_charts), full width."""
    for key, spec in page.progress:
        st.vega_lite_chart(spec, width="stretch", key=f"chart_{key}")


def sent_by_client(coach: auth.Coach, client: clients.Client) -> None:
    """What the client sent through their link, the files new since the coach last looked
    marked new, and the exercise names they logged that wait for the coach's answer.

    Looking is what makes them seen: the roster's "new logs" mark goes once this has been
    drawn. The files that were new when the coach opened the page stay marked for the rest
    of the visit, whatever reruns follow."""
    arrived = inbox.arrivals(store(), coach.id, client.id)
    new_ids = st.session_state.setdefault(f"new_logs:{client.id}", set())
    new_ids |= {sent.id for sent in arrived if sent.is_new}
    if any(sent.is_new for sent in arrived):
        inbox.mark_seen(store(), coach.id, client.id)
    if arrived:
        with st.container(border=True):
            st.subheader(f"Sent by {plain(client.name)} through their link")
            for sent in arrived:
                shown = replace(sent, is_new=sent.id in new_ids)
                st.markdown(plain(present_imports.arrival(shown)))
            st.caption("Undo any of them under Imports at the bottom of this page.")
    unknown = inbox.unknown_names(store(), coach.id, client.id)
    if unknown:
        upload.unknown_names_form(coach, f"client:{client.id}", unknown)
