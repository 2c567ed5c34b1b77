"""The Clients screen: the coach's roster, those who need attention first; adding, archiving,
searching, and all of the coach's data as one download."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from coachkit import auth, clients, export, inbox, present
from coachkit.ui import cached, plain, store, today

CLIENT_PAGE = "pages/client.py"


def add_client_form(coach: auth.Coach) -> None:
    with st.expander("Add a client"), st.form("add_client", clear_on_submit=True, border=False):
        name = st.text_input("Name", key="new_client_name")
        if st.form_submit_button("Add client", key="add_client_submit"):
            try:
                added = clients.add_client(store(), coach.id, name)
                st.success(f"{plain(added.name)} added.")
            except clients.ClientError as exc:
                st.error(plain(exc))


def roster(coach: auth.Coach) -> pd.DataFrame:
    """The coach's active clients with their numbers, reasons and the files they sent since
    the coach last looked (present.roster_frame)."""
    entries = cached.roster(coach.id, today())
    return present.roster_frame(entries, inbox.new_logs(store(), coach.id))


def archive_form(coach: auth.Coach, roster: pd.DataFrame) -> None:
    """Archive a client of `roster`: off the roster and the pickers, history kept."""
    if roster.empty:
        return
    names = dict(zip(roster["client_id"], roster["name"], strict=True))
    with st.expander("Archive a client"), st.form("archive_client", border=False):
        chosen = st.selectbox("Client", list(names), format_func=names.get, key="archive_pick")
        if st.form_submit_button("Archive", key="archive_submit"):
            clients.set_archived(store(), coach.id, chosen, True)
            st.rerun()


def data_download(coach: auth.Coach) -> None:
    """All of the coach's data as one zip (`coachkit export`), built only when clicked."""
    st.download_button(
        "Download all my data (CSV and Parquet, zip)",
        data=lambda: export.zipped(store(), coach.id),
        file_name=f"coachkit-export-{today().isoformat()}.zip",
        mime="application/zip",
        key="export_zip",
        on_click="ignore",
        help="Every client, program, import and set, as CSV for spreadsheets and Parquet for "
        "programs, with a README of every column.",
    )


def named(roster: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """The roster's rows whose name contains `text`, case ignored; every row when it is blank."""
    needle = (text or "").strip().casefold()
    if not needle:
        return roster
    keep = roster["name"].map(lambda name: needle in str(name).casefold()).astype(bool)
    return roster[keep].reset_index(drop=True)


def search(roster: pd.DataFrame) -> pd.DataFrame:
    """A search box over the roster; the clients it keeps (none: it says so)."""
    text = st.text_input("Search by name", key="roster_search", placeholder="Part of a name")
    shown = named(roster, text)
    if shown.empty:
        st.info(f"No client's name contains “{plain(text.strip())}”.")
    return shown


NO_PROGRAM = "no program"
# How long ago the last session was, as the filter offers it: (label, most days ago or None for
# any, whether the client must have logged at all). "never" keeps those without a session.
LAST_SESSION = {
    "any time": None,
    "in the last 7 days": 7,
    "in the last 14 days": 14,
    "not in the last 14 days": -14,
    "never": 0,
}


def filtered(
    roster: pd.DataFrame,
    attention: list[str],
    programs: list[str],
    last: str,
    today: date,
) -> pd.DataFrame:
    """The rows of `roster` (present.roster_frame) that pass the filters: any of the chosen
    flags (present.attention's short names), any of the chosen programs, and a last session
    in the chosen span. An empty choice keeps every row."""
    keep = pd.Series(True, index=roster.index)
    if attention:
        keep &= roster["attention"].map(lambda names: bool(set(names) & set(attention)))
    if programs:
        keep &= roster["program"].fillna(NO_PROGRAM).isin(programs)
    days = LAST_SESSION[last]
    if days is not None:
        last_day = pd.to_datetime(roster["last_session"])
        if days == 0:
            keep &= last_day.isna()
        elif days > 0:
            keep &= last_day >= pd.Timestamp(today - timedelta(days=days - 1))
        else:
            keep &= last_day.isna() | (last_day < pd.Timestamp(today + timedelta(days=days + 1)))
    return roster[keep.astype(bool)].reset_index(drop=True)


def filters(roster: pd.DataFrame) -> pd.DataFrame:
    """Filters by flag, by program and by last session over the roster; the clients they
    keep (none: it says so)."""
    flags = list(dict.fromkeys([*present.FLAG_NAMES.values(), present.NEW_CLIENT,
                                present.ON_TRACK]))  # fmt: skip
    programs = sorted(set(roster["program"].fillna(NO_PROGRAM)))
    left, middle, right = st.columns(3)
    attention = left.multiselect("Needs attention", flags, key="roster_flags",
                                 placeholder="Any flag, or none")  # fmt: skip
    chosen = middle.multiselect("Program", programs, key="roster_programs",
                                placeholder="Any program")  # fmt: skip
    last = right.selectbox("Last session", list(LAST_SESSION), key="roster_last")
    shown = filtered(roster, attention, chosen, last, today())
    if shown.empty:
        st.info("No client passes these filters.")
    return shown


def client_link(client_id: uuid.UUID, label: str) -> None:
    """A link to the client's page. The page checks the id in the address again: it is input."""
    st.page_link(
        CLIENT_PAGE,
        label=plain(label),
        icon=":material/person:",
        query_params={"client": str(client_id)},
    )


def _linked_box(title: str, rows: pd.DataFrame, words: pd.Series) -> None:
    """A bordered box of clients, each linking to their page with a line of words beside it."""
    with st.container(border=True):
        st.subheader(f"{title} ({len(rows)})")
        for row, text in zip(rows.itertuples(), words, strict=True):
            link, why = st.columns([1, 3], vertical_alignment="center")
            with link:
                client_link(row.client_id, row.name)
            why.markdown(plain(text))


def needs_attention(roster: pd.DataFrame) -> None:
    """The flagged clients, prominently: each links to their page, with the reasons next to it."""
    flagged = roster[roster["flagged"]]
    if flagged.empty:
        st.success("Nobody here needs attention.")
        return
    _linked_box("Needs attention", flagged, flagged["reasons"])


def new_logs(roster: pd.DataFrame) -> None:
    """The clients who sent files through their link since the coach last opened their page,
    each linking to it (where the files are listed and stop being new)."""
    sent = roster[roster["new_logs"] != ""]
    if sent.empty:
        return
    _linked_box("New logs from clients", sent, sent["new_logs"] + " sent through their link")


def _share_column(label: str, help: str) -> st.column_config.ProgressColumn:
    # Shares are shown as whole percentages (roster_table scales them) in a neutral blue: a
    # bar is a proportion to read, not a verdict; the flags and the band say what is wrong.
    return st.column_config.ProgressColumn(
        label, help=help, format="%.0f%%", min_value=0, max_value=100, color="#0072B2"
    )


ROSTER_TABLE = {
    "name": st.column_config.TextColumn("Client", pinned=True),
    "new_logs": st.column_config.TextColumn(
        "New logs",
        help="Files the client sent through their link since you last opened their page.",
    ),
    "this_week": st.column_config.TextColumn(
        "This week", help="The program's planned days this week: done (or moved) and missed."
    ),
    "reasons": st.column_config.TextColumn(
        "Needs attention",
        help="Why the client needs a look; empty when all is well.",
        width="medium",
    ),
    "balance_band": st.column_config.TextColumn(
        "Balance", help="Top-heavy, balanced or lower-dominant over the balance window."
    ),
    "lower_share": _share_column(
        "Lower share", "Lower-body share of working sets over the balance window (28 days)."
    ),
    "recovery_compliance": _share_column(
        "Recovery", "Gaps between leg sessions that respect the minimum rest."
    ),
    "leg_frequency_compliance": _share_column(
        "Leg frequency", "Complete weeks with leg sessions inside the target band."
    ),
    "stretching_compliance": _share_column("Stretching", "Leg sessions followed by stretching."),
    "adherence": _share_column("Adherence", "Attendance and exercise coverage of the program."),
    "program": st.column_config.TextColumn("Program"),
    "last_session": st.column_config.DateColumn("Last session"),
}


def roster_table(roster: pd.DataFrame) -> None:
    """The roster at a glance, one row per client, sortable by any column; clicking a row
    opens the client's page."""
    view = roster.drop(columns=["client_id", "attention"])
    view["program"] = view["program"].fillna(NO_PROGRAM)
    shares = list(present.ROSTER_SHARES)
    view[shares] = view[shares] * 100
    event = st.dataframe(
        view,
        hide_index=True,
        placeholder="",  # no value yet: an empty cell, never "None"
        column_order=list(ROSTER_TABLE),
        column_config=ROSTER_TABLE,
        on_select="rerun",
        # A click on any cell, or on a row's tick, picks the client: one click opens them.
        selection_mode=["single-row", "single-cell"],
        key="roster",
    )
    st.caption("Click a client's row to open their page; click a column's name to sort by it.")
    picked = [*event.selection.rows, *(row for row, _ in event.selection.cells)]
    for row in picked:
        if row < len(roster):  # the list may have been filtered since the row was picked
            st.switch_page(CLIENT_PAGE, query_params={"client": str(roster["client_id"].iloc[row])})


def roster_chart(roster: pd.DataFrame) -> None:
    st.vega_lite_chart(cached.roster_chart(roster), width="stretch", key="roster_chart")
    st.caption(
        "The shaded band is the default balanced range; a client with thresholds of their own is "
        "judged by those in the table and the flags."
    )
