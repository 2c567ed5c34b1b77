"""The Clients screen: the coach's roster, those who need attention first; adding, archiving,
searching, and all of the coach's data as one download."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from coachkit import auth, charts, clients, export, metrics, present
from coachkit.ui import plain, store, today

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
    """The coach's active clients with their numbers and reasons (present.roster_frame)."""
    return present.roster_frame(metrics.roster(store(), coach.id, today=today()))


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


def client_link(client_id: uuid.UUID, label: str) -> None:
    """A link to the client's page. The page checks the id in the address again: it is input."""
    st.page_link(
        CLIENT_PAGE,
        label=plain(label),
        icon=":material/person:",
        query_params={"client": str(client_id)},
    )


def needs_attention(roster: pd.DataFrame) -> None:
    """The flagged clients, prominently: each links to their page, with the reasons next to it."""
    flagged = roster[roster["flagged"]]
    if flagged.empty:
        st.success("Nobody here needs attention.")
        return
    with st.container(border=True):
        st.subheader(f"Needs attention ({len(flagged)})")
        for row in flagged.itertuples():
            link, why = st.columns([1, 3], vertical_alignment="center")
            with link:
                client_link(row.client_id, row.name)
            why.markdown(plain(row.reasons))


def _share_column(label: str, help: str) -> st.column_config.ProgressColumn:
    # Shares are shown as whole percentages (roster_table scales them) in a neutral blue: a
    # bar is a proportion to read, not a verdict; the flags and the band say what is wrong.
    return st.column_config.ProgressColumn(
        label, help=help, format="%.0f%%", min_value=0, max_value=100, color="#0072B2"
    )


ROSTER_TABLE = {
    "name": st.column_config.TextColumn("Client", pinned=True),
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
    """The roster at a glance, one row per client; a selected row offers a link to the
    client's page (a link column would open a new tab, and so a new, signed-out session)."""
    view = roster.drop(columns=["client_id"])
    shares = list(present.ROSTER_SHARES)
    view[shares] = view[shares] * 100
    event = st.dataframe(
        view,
        hide_index=True,
        column_order=list(ROSTER_TABLE),
        column_config=ROSTER_TABLE,
        on_select="rerun",
        selection_mode="single-row",
        key="roster",
    )
    st.caption("Select a client's row to open their page.")
    for row in event.selection.rows:
        if row < len(roster):  # the list may have been filtered since the row was selected
            client_link(roster["client_id"].iloc[row], f"Open {roster['name'].iloc[row]}")


def roster_chart(roster: pd.DataFrame) -> None:
    chart = charts.roster(roster, metrics.Thresholds())
    st.altair_chart(chart, width="stretch", key="roster_chart")
    st.caption(
        "The shaded band is the default balanced range; a client with thresholds of their own is "
        "judged by those in the table and the flags."
    )
