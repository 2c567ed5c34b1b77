"""The Streamlit glue: the one module of coachkit that may import streamlit.

The store is opened once per server process (st.cache_resource) and shared by every session;
each operation takes its own cursor inside the store, so sessions never share one.

Every page file calls `require_coach()` before drawing anything: Streamlit can run a file in
pages/ directly from a deep link, without app.py, so the entry point alone guards nothing.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from coachkit import (
    auth,
    catalog,
    clients,
    demo,
    export,
    ingest,
    metrics,
    programs,
    report,
    settings,
    sharing,
    weekdays,
)
from coachkit.database import open_database
from coachkit.importers import all_layouts, mapped, template
from coachkit.importers.source import ImportRejected
from coachkit.settings import max_import_bytes
from coachkit.store import Store, StoreError, database_url

SESSION_COACH = "coach"
CURRENT_CLIENT = "current_client"  # the client last chosen or linked, shown by the next page
# Streamlit renders Markdown in labels, headings and messages; text from a coach or an
# uploaded file must show as typed, never as a link, an image or formatting, and `&` too, or
# an entity such as `&lt;` would show as the character it names.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# After Markdown, Streamlit rewrites the text itself, escaped or not: `:smile:`,
# `:material/flag:` and `:streamlit:` become an emoji, an icon or a logo, and a free-standing
# `--`, `->`, `<-`, `<->`, `>=`, `<=` or `~=` a dash, an arrow or a sign. An invisible word
# joiner (U+2060) after the colon or the first character keeps them as typed.
_REWRITTEN = re.compile(r"(?<!\S)(?:<->|->|<-|--|>=|<=|~=)(?!\S)|:(?=(?!\d+:)[\w+/-]+:)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """Text escaped for any Streamlit element that renders Markdown."""
    kept = _REWRITTEN.sub(lambda m: m[0][0] + WORD_JOINER + m[0][1:], str(text))
    return _MARKDOWN.sub(r"\\\1", kept)


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return open_database(url)


def store() -> Store:
    """The process-wide store for the database that COACHKIT_DB names."""
    return _store_for(database_url())


def oidc_configured() -> bool:
    """Whether Streamlit's secrets hold an [auth] section: then coaches sign in through OIDC."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all (StreamlitSecretNotFoundError)
        return False


def _oidc_signed_in() -> bool:
    return oidc_configured() and bool(st.user.get("is_logged_in", False))


def current_coach() -> auth.Coach | None:
    """The signed-in coach. With OIDC, the provider's email opens the coach account with that
    email and no other; an identity without an account opens nothing."""
    coach = st.session_state.get(SESSION_COACH)
    if coach is None and _oidc_signed_in():
        coach = auth.coach_by_email(store(), str(st.user.get("email") or ""))
        if coach is not None:
            st.session_state[SESSION_COACH] = coach
    return coach


def require_coach() -> auth.Coach:
    """The signed-in coach; otherwise draw the sign-in (or first-run) form and stop the page."""
    coach = current_coach()
    if coach is not None:
        return coach
    if oidc_configured():
        _oidc_sign_in()
    elif auth.count_coaches(store()) == 0:
        _first_run_form()
    else:
        _sign_in_form()
    st.stop()


def _oidc_sign_in() -> None:
    st.title("Sign in to CoachKit")
    if _oidc_signed_in():
        st.error(
            f"{plain(st.user.get('email') or 'This account')} has no CoachKit account. Ask "
            "whoever runs CoachKit at your gym to add you (`coachkit add-coach`)."
        )
        st.button("Sign out", key="oidc_sign_out", on_click=st.logout)
    else:
        st.button("Sign in", type="primary", key="oidc_sign_in", on_click=st.login)


def _sign_in_form() -> None:
    st.title("Sign in to CoachKit")
    if demo.is_demo(store()) and not demo.has_real_data(store()):
        st.info(
            f"This is the demo database. Sign in as **{demo.DEMO_EMAIL}** with the password "
            f"**{demo.DEMO_PASSWORD}**."
        )
    with st.form("sign_in", border=True):
        email = st.text_input("Email", key="sign_in_email")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary", key="sign_in_submit")
    if submitted:
        coach = auth.authenticate(store(), email, password)
        if coach is None:
            st.error("That email and password do not match an account.")
        else:
            st.session_state[SESSION_COACH] = coach
            st.rerun()


def _first_run_form() -> None:
    st.title("Welcome to CoachKit")
    st.write("This database has no coach yet. Create the first account.")
    with st.form("first_run", border=True):
        email = st.text_input("Email", key="first_email")
        name = st.text_input("Your name", key="first_name")
        password = st.text_input("Password", type="password", key="first_password")
        again = st.text_input("Password again", type="password", key="first_password_again")
        submitted = st.form_submit_button("Create account", type="primary", key="first_submit")
    if submitted:
        if password != again:
            st.error("The two passwords differ.")
            return
        try:
            coach = auth.add_coach(store(), email, name or None, password)
        except auth.AccountError as exc:
            st.error(plain(exc))
            return
        st.session_state[SESSION_COACH] = coach
        st.rerun()


def _sign_out() -> None:
    # Everything in the session goes: the coach, previews, and the uploaded files kept on disk.
    folder = st.session_state.get("upload_dir")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
    for key in list(st.session_state):
        del st.session_state[key]
    if _oidc_signed_in():
        st.logout()


def sign_out_button(coach: auth.Coach) -> None:
    with st.sidebar:
        st.caption(f"Signed in as {plain(coach.email)}")
        st.button("Sign out", key="sign_out", on_click=_sign_out)


def _pick(key: str, in_address: bool) -> None:
    """A coach's choice in a client select box: it becomes the session's current client, and
    goes into the address at once when the page follows `?client=`."""
    st.session_state[CURRENT_CLIENT] = st.session_state[key]
    if in_address:
        st.query_params["client"] = str(st.session_state[key])


def _client_select(names: dict[uuid.UUID, str], key: str, in_address: bool) -> uuid.UUID:
    """A select box of `names` that opens on the session's current client: the client chosen
    on one page is the one the next page shows."""
    current = st.session_state.get(CURRENT_CLIENT)
    if current in names:
        st.session_state[key] = current
    chosen = st.selectbox(
        "Client", list(names), format_func=names.get, key=key,
        on_change=_pick, args=(key, in_address),
    )  # fmt: skip
    st.session_state[CURRENT_CLIENT] = chosen
    return chosen


def client_picker(coach: auth.Coach, key: str) -> clients.Client | None:
    """A select box of the coach's active clients; None when the roster is empty."""
    listed = {client.id: client for client in clients.active(store(), coach.id)}
    if not listed:
        st.info("Add a client on the Clients page first.")
        return None
    names = {client_id: client.name for client_id, client in listed.items()}
    return listed[_client_select(names, key, in_address=False)]


def template_download() -> None:
    st.download_button(
        "Download the CoachKit template",
        template.template_csv(),
        file_name="coachkit-template.csv",
        mime="text/csv",
        key="template_download",
        help="One row per set; the README explains each column.",
    )


def supported_layouts() -> None:
    with st.expander("Which exports can I upload?"):
        st.markdown("\n".join(f"- {plain(layout.label)}" for layout in all_layouts()))
        st.caption("Any other CSV with a date, an exercise, and reps or a duration can be mapped.")


def archive_form(coach: auth.Coach, roster) -> None:
    """Archive a client of `roster`: off the roster and the pickers, history kept."""
    if roster.empty:
        return
    names = dict(zip(roster["id"], roster["name"], strict=True))
    with st.expander("Archive a client"), st.form("archive_client", border=False):
        chosen = st.selectbox("Client", list(names), format_func=names.get, key="archive_pick")
        if st.form_submit_button("Archive", key="archive_submit"):
            clients.set_archived(store(), coach.id, chosen, True)
            st.rerun()


def _saved_upload(upload) -> Path:
    """The uploaded bytes as a file the importer can read, kept for this session."""
    folder = Path(st.session_state.setdefault("upload_dir", tempfile.mkdtemp(prefix="ck-up-")))
    path = folder / f"{upload.file_id}.csv"
    if not path.exists():
        path.write_bytes(upload.getbuffer())
    return path


def import_panel(coach: auth.Coach, client: clients.Client, upload) -> None:
    """Preview one uploaded file, ask what is missing, and import it on request.

    The browser's size limit is not trusted: the cap is checked here again. Reruns keep the
    uploaded file in the widget, so the result of an import is remembered per file and client,
    and importing itself is idempotent (the natural key of each set).
    """
    st.subheader(plain(upload.name))
    if upload.size > max_import_bytes():
        st.error(f"{plain(upload.name)}: the file is larger than the import limit.")
        return
    path = _saved_upload(upload)
    done_key = f"imported:{upload.file_id}:{client.id}"
    if done_key in st.session_state:
        st.success(plain(st.session_state[done_key]))
        return
    unit = st.session_state.get(f"unit:{upload.file_id}")
    mapping = st.session_state.get(f"mapping:{upload.file_id}")
    try:
        preview = ingest.preview(store(), coach.id, client.id, path, upload.name, unit, mapping)
    except ingest.NeedsMapping as exc:
        st.warning(plain(exc))
        _column_mapping_form(coach, upload.file_id, exc.header)
        return
    except (ImportRejected, mapped.MappingError) as exc:
        st.error(plain(exc))
        return
    except StoreError as exc:
        # Not the file's fault but ours; the coach still gets one line and the page goes on.
        st.error(plain(f"{upload.name}: could not be read ({str(exc).splitlines()[0]})"))
        return
    if preview.unit_needed or unit:
        unit = st.radio(
            "This file does not say kg or lb. Its weights are in",
            ["kg", "lb"],
            index=["kg", "lb"].index(unit or preview.unit_guess or "kg"),
            horizontal=True,
            key=f"unit:{upload.file_id}",
            help=f"Preselected from the numbers in the file: it looks like {preview.unit_guess}.",
        )
        preview = ingest.preview(store(), coach.id, client.id, path, upload.name, unit, mapping)
    _show_preview(preview)
    if preview.unknown:
        _unknown_names_form(coach, upload.file_id, preview)
    problem = preview.problem()
    if problem is not None:
        st.error(plain(problem))
        return
    label = f"Import {preview.new_sets:,} new sets" if preview.new_sets else "Nothing new to import"
    if st.button(label, key=f"import:{upload.file_id}", type="primary",
                 disabled=not preview.new_sets):  # fmt: skip
        bar = st.progress(0.0, text=f"Importing {plain(upload.name)}…")

        def progress(stage: str, fraction: float) -> None:
            bar.progress(fraction, text=f"Importing {plain(upload.name)}: {stage}…")

        try:
            result = ingest.commit(
                store(), coach.id, client.id, path, upload.name, unit, mapping, progress=progress
            )
        except ImportRejected as exc:
            bar.empty()
            st.error(plain(exc))
            return
        st.session_state[done_key] = (
            f"{upload.name}: imported {result.sets_added:,} sets for {client.name}; "
            f"{result.sets_existing:,} were already there."
        )
        st.rerun()


def _show_preview(preview: ingest.Preview) -> None:
    dates = f"{preview.first_date} to {preview.last_date}" if preview.first_date else "none"
    cols = st.columns(4)
    app_name = preview.layout_label.split(",")[0].split(" (")[0]
    cols[0].metric("From", app_name, help=preview.layout_label)
    cols[1].metric("Sets", f"{preview.sets:,}", help=f"{preview.sessions:,} sessions, {dates}")
    cols[2].metric("New", f"{preview.new_sets:,}")
    cols[3].metric("Already imported", f"{preview.already_in_db:,}")
    st.caption(f"{plain(preview.layout_label)}. Sessions: {preview.sessions:,}, {dates}.")
    if preview.skipped:
        st.caption(
            "Not sets, skipped: "
            + ", ".join(f"{n:,} {reason}" for reason, n in preview.skipped.items())
        )
    if preview.repaired_rows:
        st.caption(f"{preview.repaired_rows:,} rows split by a comma in a name were repaired.")
    if preview.errors:
        st.error(f"{preview.error_total:,} rows have errors; the file cannot be imported as is.")
        st.dataframe(
            [vars(e) for e in preview.errors],
            hide_index=True,
            column_order=["line", "column", "value", "reason"],
            key=f"errors:{preview.sha256}",
        )


def _unknown_names_form(coach: auth.Coach, file_id: str, preview: ingest.Preview) -> None:
    choices = {e.slug: f"{e.name} ({e.region})" for e in catalog.exercises()}
    choices.update({f"region:{r}": f"only count it as {r}" for r in catalog.REGIONS})
    with st.form(f"unknown:{file_id}"):
        st.write(
            f"{len(preview.unknown)} exercise name(s) are not in the catalog. They import "
            "anyway; say once what each is and every import after this one knows it."
        )
        answers = {}
        for n, unknown in enumerate(preview.unknown):
            answers[unknown.name] = st.selectbox(
                f"{plain(unknown.name)} ({unknown.rows:,} sets)",
                [None, *choices],
                format_func=lambda v: "decide later" if v is None else choices[v],
                key=f"map:{file_id}:{n}",
            )
        if st.form_submit_button("Save these names", key=f"map_submit:{file_id}"):
            for raw, answer in answers.items():
                if answer is None:
                    continue
                region = answer.removeprefix("region:") if answer.startswith("region:") else None
                ingest.map_exercise(store(), coach.id, raw, None if region else answer, region)
            st.rerun()


def _column_mapping_form(coach: auth.Coach, file_id: str, header: tuple[str, ...]) -> None:
    with st.form(f"columns:{file_id}"):
        st.write("Which column holds what? Date, exercise, and reps or a duration are needed.")
        picks = {
            what: st.selectbox(what, [None, *header], key=f"col:{file_id}:{what}")
            for what in mapped.MAPPABLE
        }
        unit = st.radio("Weights are in", ["kg", "lb"], horizontal=True, key=f"cu:{file_id}")
        style = st.selectbox("Dates are written", list(mapped.DATE_FORMATS), key=f"df:{file_id}")
        if st.form_submit_button("Use this mapping", key=f"columns_submit:{file_id}"):
            columns = {what: column for what, column in picks.items() if column}
            mapping = mapped.ColumnMapping(columns, unit, style)
            try:
                ingest.save_column_mapping(store(), coach.id, header, mapping)
            except mapped.MappingError as exc:
                st.error(plain(exc))
                return
            st.session_state[f"mapping:{file_id}"] = mapping
            st.rerun()


def import_history(coach: auth.Coach, client: clients.Client) -> None:
    """The client's imports, newest first, with the one chosen undone on request."""
    history = ingest.history(store(), coach.id, client.id)
    if f"undone:{client.id}" in st.session_state:
        st.success(st.session_state.pop(f"undone:{client.id}"))
    if history.empty:
        return
    st.subheader(f"Imports for {plain(client.name)}")
    st.dataframe(
        history,
        hide_index=True,
        column_order=[
            "created_at",
            "file_name",
            "layout",
            "sets_added",
            "sets_existing",
            "undone_at",
        ],  # fmt: skip
        column_config={
            "created_at": st.column_config.DatetimeColumn("Imported (UTC)"),
            "file_name": "File",
            "layout": "Layout",
            "sets_added": "Sets added",
            "sets_existing": "Already there",
            "undone_at": st.column_config.DatetimeColumn("Undone (UTC)"),
        },
        key=f"history:{client.id}",
    )
    live = history[history["undone_at"].isna()]
    if live.empty:
        return
    labels = {
        row.id: f"{row.file_name}, {row.created_at:%Y-%m-%d %H:%M} ({row.sets_added:,} sets)"
        for row in live.itertuples()
    }
    with st.form(f"undo:{client.id}"):
        chosen = st.selectbox("Undo an import", list(labels), format_func=labels.get,
                              key=f"undo_pick:{client.id}")  # fmt: skip
        if st.form_submit_button("Undo this import", key=f"undo_submit:{client.id}"):
            removed = ingest.undo(store(), coach.id, chosen)
            for key in [k for k in st.session_state if str(k).startswith("imported:")]:
                del st.session_state[key]  # the file may be imported again after an undo
            st.session_state[f"undone:{client.id}"] = f"Removed {removed:,} sets."
            st.rerun()


# Client and program pages

CLIENT_PAGE = "pages/client.py"
PROGRAMS_PAGE = "pages/programs.py"
# Tests pin the day that the metrics count as today under this key. No widget has it and nothing
# in the app writes it, so a visitor cannot change it; without it the clock decides.
SESSION_TODAY = "today"
WEEKDAY_NAMES = dict(zip(weekdays.NUMBERS, weekdays.NAMES, strict=True))
NO_SUCH_CLIENT = "No such client"


def today() -> date:
    """The day the metrics count as today."""
    return st.session_state.get(SESSION_TODAY) or date.today()


def percent(value: object) -> str:
    """A share as a whole percentage; a dash where the window held nothing to count."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:.0%}"


def reasons(flags: object) -> str:
    """A client's needs-attention reasons as one line; empty when there are none."""
    if flags is None or isinstance(flags, str | float):
        return ""
    return "; ".join(str(flag) for flag in flags)


def weekday_picker(default: tuple[int, ...], key: str) -> list[int]:
    """Planned weekdays as ISO numbers (1 is Monday), shown by name."""
    return st.multiselect(
        "Planned weekdays",
        list(WEEKDAY_NAMES),
        default=list(default),
        format_func=WEEKDAY_NAMES.get,
        key=key,
    )


def days_text(days: tuple[int, ...]) -> str:
    return ", ".join(WEEKDAY_NAMES[day] for day in sorted(days))


def remember(key: str, message: str) -> None:
    """Keep a message for the next run: a page reruns after a change and `flash` shows it."""
    st.session_state[f"flash:{key}"] = message


def flash(key: str) -> None:
    message = st.session_state.pop(f"flash:{key}", None)
    if message is not None:
        st.success(plain(message))


def named(roster: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """The roster's rows whose name contains `text`, case ignored; every row when it is blank."""
    needle = (text or "").strip().casefold()
    if not needle:
        return roster
    keep = roster["name"].map(lambda name: needle in str(name).casefold()).astype(bool)
    return roster[keep].reset_index(drop=True)


def client_link(client_id: uuid.UUID, label: str) -> None:
    """A link to the client's page. The page checks the id in the address again: it is input."""
    st.page_link(
        CLIENT_PAGE,
        label=plain(label),
        icon=":material/person:",
        query_params={"client": str(client_id)},
    )


def needs_attention(roster: pd.DataFrame) -> None:
    """The flagged clients of a metrics roster, prominently: each links to their page, with
    the reasons next to it."""
    flagged = roster[roster["flagged"].astype(bool)]
    if flagged.empty:
        st.success("Nobody here needs attention.")
        return
    with st.container(border=True):
        st.subheader(f"Needs attention ({len(flagged)})")
        for row in flagged.itertuples():
            link, why = st.columns([1, 3], vertical_alignment="center")
            with link:
                client_link(row.client_id, row.name)
            why.markdown(plain(reasons(row.flags)))


def _share_column(label: str, help: str) -> st.column_config.ProgressColumn:
    # Shares are shown as whole percentages (roster_table scales them) in a neutral blue: a
    # bar is a proportion to read, not a verdict; the flags and the band say what is wrong.
    return st.column_config.ProgressColumn(
        label, help=help, format="%.0f%%", min_value=0, max_value=100, color="#0072B2"
    )


ROSTER_SHARES = [
    "lower_share",
    "recovery_compliance",
    "leg_frequency_compliance",
    "stretching_compliance",
    "adherence",
]
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


def roster_table(roster: pd.DataFrame, key: str) -> None:
    """A metrics roster at a glance, one row per client; a selected row offers a link to the
    client's page (a link column would open a new tab, and so a new, signed-out session)."""
    view = roster.drop(columns=["client_id", "flags"]).assign(reasons=roster["flags"].map(reasons))
    view[ROSTER_SHARES] = view[ROSTER_SHARES].astype(float) * 100
    event = st.dataframe(
        view,
        hide_index=True,
        column_order=list(ROSTER_TABLE),
        column_config=ROSTER_TABLE,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    st.caption("Select a client's row to open their page.")
    for row in event.selection.rows:
        if row < len(roster):  # the list may have been filtered since the row was selected
            client_link(roster["client_id"].iloc[row], f"Open {roster['name'].iloc[row]}")


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


def archive_clients(coach: auth.Coach, roster: pd.DataFrame) -> None:
    """`archive_form` over a metrics roster, whose id column is called client_id."""
    archive_form(coach, roster.rename(columns={"client_id": "id"}))


def _client_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise clients.ClientError("no such client") from None


def client_from_url(coach: auth.Coach, key: str) -> clients.Client | None:
    """A select box of the coach's clients that follows `?client=<id>` in the address: a link
    opens that client, and choosing another puts theirs in the address. Without a client in
    the address it opens on the session's current client.

    The id comes from the browser, so it is looked up through coachkit for this coach: another
    coach's client, an unknown id and a malformed one all raise the same ClientError. None when
    the coach has no client yet.
    """
    raw = st.query_params.get("client")
    linked = clients.get_client(store(), coach.id, _client_id(raw)) if raw else None
    names = {client.id: client.name for client in clients.active(store(), coach.id)}
    if linked is not None:
        st.session_state[CURRENT_CLIENT] = linked.id  # the address wins over the last choice
        names.setdefault(linked.id, f"{linked.name} (archived)")
    if not names:
        st.info("Add a client on the Clients page first.")
        return None
    chosen = _client_select(names, key, in_address=True)
    st.query_params["client"] = str(chosen)
    return clients.get_client(store(), coach.id, chosen)


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


def window_caption(report: dict) -> None:
    def span(start: str | None, end: str | None) -> str:
        return f"{start} to {end}" if start else "nothing logged"

    st.caption(
        f"Balance: {span(report['balance_window_start'], report['balance_window_end'])}. "
        f"Compliance: {span(report['window_start'], report['window_end'])}."
    )


_BAND_COLOURS = {"balanced": "green", "top-heavy": "red", "lower-dominant": "orange"}


def _recovery_words(report: dict, t: metrics.Thresholds) -> str:
    if report["recovery_compliance"] is not None:
        gaps = report["recovery_gaps"]
        return f"{report['recovery_gaps_ok']} of {gaps} gaps of {t.min_rest_days}+ days"
    return "exempt (daily program)" if report["recovery_gaps"] else "fewer than two leg sessions"


def _frequency_words(report: dict, t: metrics.Thresholds) -> str:
    if report["leg_frequency_compliance"] is not None:
        return f"{report['weeks_leg_frequency_ok']} of {report['weeks']} weeks in band"
    return "exempt (daily program)" if report["weeks"] else "no complete week yet"


def key_numbers(r: dict, t: metrics.Thresholds) -> None:
    """The report's headline numbers as tiles, each with what it was counted from."""
    band = r["balance_band"]
    tiles = st.columns(5)
    tiles[0].metric(
        "Lower share",
        percent(r["lower_share"]),
        delta=band,
        delta_color=_BAND_COLOURS.get(band, "gray"),
        delta_arrow="off",
        help=f"Balanced from {t.lower_share_min:.0%} to {t.lower_share_max:.0%}.",
        border=True,
    )
    tiles[1].metric(
        "Recovery",
        percent(r["recovery_compliance"]),
        delta=_recovery_words(r, t),
        delta_color="gray",
        delta_arrow="off",
        border=True,
    )
    tiles[2].metric(
        "Leg frequency",
        percent(r["leg_frequency_compliance"]),
        delta=_frequency_words(r, t),
        delta_color="gray",
        delta_arrow="off",
        help=f"In band: {t.leg_freq_min}–{t.leg_freq_max} leg sessions a week.",
        border=True,
    )
    tiles[3].metric(
        "Stretching",
        percent(r["stretching_compliance"]),
        delta=f"after {r['leg_sessions']} leg sessions",
        delta_color="gray",
        delta_arrow="off",
        border=True,
    )
    tiles[4].metric(
        "Adherence",
        percent(r["adherence"]),
        delta=f"adherent from {t.adherence_min:.0%}"
        if r["adherence"] is not None
        else "needs a program and a complete week",
        delta_color="gray",
        delta_arrow="off",
        border=True,
    )


def flag_box(flags: list[str]) -> None:
    if flags:
        st.warning(f"Needs attention: {plain(reasons(flags))}.", icon=":material/flag:")
    else:
        st.success("Nothing needs attention.", icon=":material/check_circle:")


def current_program(coach: auth.Coach, client: clients.Client) -> None:
    """The client's running (or next) assignment, and a link to change it on Programs."""
    history = programs.assignments_of(store(), coach.id, client.id)
    latest = history[0] if history else None
    if latest is None or (latest.end is not None and latest.end <= today()):
        st.info("No program is assigned right now.")
        label = "Assign a program"
    else:
        name = latest.program_name or "a program no longer available"
        starts = "started" if latest.start <= today() else "starts"
        ends = f", ends {latest.end}" if latest.end else ""
        st.markdown(
            f"**{plain(name)}**: {starts} {latest.start}{ends}, "
            f"planned on {days_text(latest.planned_weekdays)}."
        )
        label = "Change the program"
    st.page_link(
        PROGRAMS_PAGE,
        label=label,
        icon=":material/fitness_center:",
        query_params={"client": str(client.id)},
    )


def _exercise_name(slug: str) -> str:
    try:
        return catalog.exercise(slug).name
    except KeyError:
        return slug


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _band(program: programs.Program) -> str:
    if program.kind == "daily":
        return f"every day, {program.daily_reps_target} reps"
    return f"{_span(program.leg_freq_min, program.leg_freq_max)} leg sessions a week"


def programs_frame(found: list[programs.Program]) -> pd.DataFrame:
    """One row per program for the overview: whose it is and its rules."""
    columns = ["name", "owner", "kind", "band", "rest_days", "stretching", "weekdays", "weeks"]
    rows = [
        {
            "name": p.name,
            "owner": "built-in" if p.builtin else "yours",
            "kind": p.kind,
            "band": _band(p),
            "rest_days": p.min_rest_days,
            "stretching": p.stretching_required,
            "weekdays": days_text(p.planned_weekdays),
            "weeks": p.horizon_weeks,
        }
        for p in found
    ]
    return pd.DataFrame(rows, columns=columns)


def program_facts(program: programs.Program) -> str:
    """One line of a program's rules, escaped for Markdown."""
    stretch = "stretching after" if program.stretching_required else "no stretching required"
    rest = f"{program.min_rest_days} rest days between leg sessions"
    return plain(
        f"{program.kind.capitalize()}: {_band(program)}, {rest}, {stretch}, "
        f"planned on {days_text(program.planned_weekdays)}, {program.horizon_weeks} weeks."
    )


def prescriptions_frame(program: programs.Program) -> pd.DataFrame:
    """A program's exercises as the coach reads them: sets × reps, notes, what else counts."""
    rows = [
        {
            "exercise": _exercise_name(p.slug),
            "sets_x_reps": f"{_span(p.sets_min, p.sets_max)} × {_span(p.reps_min, p.reps_max)}",
            "notes": p.notes,
            "also_counts": ", ".join(_exercise_name(s) for s in p.substitutes),
        }
        for p in program.exercises
    ]
    return pd.DataFrame(rows, columns=["exercise", "sets_x_reps", "notes", "also_counts"])


PRESCRIPTION_TABLE = {
    "exercise": "Exercise",
    "sets_x_reps": "Sets × reps",
    "notes": "Notes",
    "also_counts": "Also counts",
}
BUILDER_COUNTS = ("sets_min", "sets_max", "reps_min", "reps_max")
BUILDER_PICK = "builder_pick"
_BUILDER_NEXT = "builder_next"


def edit_next(program_id: uuid.UUID) -> None:
    """Open this program in the builder on the next run; its picker is drawn by then."""
    st.session_state[_BUILDER_NEXT] = program_id


def builder_pick(own: list[programs.Program]) -> programs.Program | None:
    """The coach's own program to edit, or None for a new one."""
    if _BUILDER_NEXT in st.session_state:
        st.session_state[BUILDER_PICK] = st.session_state.pop(_BUILDER_NEXT)
    names = {p.id: p.name for p in own}
    chosen = st.selectbox(
        "Program",
        [None, *names],
        format_func=lambda v: "A new program" if v is None else names.get(v, "?"),
        key=BUILDER_PICK,
    )
    return next((p for p in own if p.id == chosen), None)


def forget_builder(suffix: str) -> None:
    """Drop the builder's widgets of one program (keys `builder_*:<suffix>`), so that they show
    the stored program again; a kept table edit would otherwise be applied twice."""
    for key in [k for k in st.session_state if str(k).startswith("builder_")]:
        if str(key).endswith(f":{suffix}"):
            del st.session_state[key]


def builder_frame(program: programs.Program | None) -> pd.DataFrame:
    """The exercises table the builder edits: one row per prescription."""
    rows = [
        {
            "exercise": p.slug,
            "sets_min": p.sets_min,
            "sets_max": p.sets_max,
            "reps_min": p.reps_min,
            "reps_max": p.reps_max,
            "notes": p.notes,
        }
        for p in (program.exercises if program else ())
    ]
    frame = pd.DataFrame(rows, columns=["exercise", *BUILDER_COUNTS, "notes"])
    return frame.astype(
        {"exercise": object, "notes": object, **dict.fromkeys(BUILDER_COUNTS, "Int64")}
    )


def builder_columns() -> dict:
    """Column settings of the exercises table: catalog exercises, lower body first."""
    ordered = sorted(catalog.exercises(), key=lambda e: (e.region != "lower", e.name))
    labels = {e.slug: f"{e.name} ({e.region})" for e in ordered}

    def count(label: str, default: int, top: int) -> st.column_config.NumberColumn:
        return st.column_config.NumberColumn(
            label, min_value=1, max_value=top, step=1, default=default, required=True
        )

    return {
        "exercise": st.column_config.SelectboxColumn(
            "Exercise", options=list(labels), format_func=labels.get, required=True, width="medium"
        ),
        "sets_min": count("Sets from", 3, programs.MAX_SETS),
        "sets_max": count("Sets to", 3, programs.MAX_SETS),
        "reps_min": count("Reps from", 8, programs.MAX_REPS),
        "reps_max": count("Reps to", 12, programs.MAX_REPS),
        "notes": st.column_config.TextColumn("Notes", default=""),
    }


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def program_from_builder(
    base: programs.Program | None, exercises: pd.DataFrame, **fields: object
) -> programs.Program:
    """The Program the builder describes; `programs.save_program` checks its rules.

    Empty rows are skipped. Substitutes are not edited here: an edited exercise keeps the ones
    it had. Raises ProgramError for a row without an exercise or a count.
    """
    kept = {p.slug: p.substitutes for p in base.exercises} if base else {}
    prescriptions = []
    for number, row in enumerate(exercises.to_dict("records"), start=1):
        if all(_blank(value) for value in row.values()):
            continue
        if _blank(row["exercise"]):
            raise programs.ProgramError(f"exercise {number}: choose an exercise")
        counts = {}
        for column in BUILDER_COUNTS:
            value = row[column]
            if _blank(value) or float(value) != int(value):
                raise programs.ProgramError(f"exercise {number}: {column} needs a whole number")
            counts[column] = int(value)
        prescriptions.append(
            programs.Prescription(
                slug=row["exercise"],
                notes="" if _blank(row["notes"]) else str(row["notes"]).strip(),
                substitutes=kept.get(row["exercise"], ()),
                **counts,
            )
        )
    return programs.Program(id=base.id if base else None, exercises=tuple(prescriptions), **fields)


def assignments_frame(history: list[programs.Assignment]) -> pd.DataFrame:
    """A client's assignments, newest first, as the coach reads them."""
    rows = [
        {
            "program": a.program_name or "(no longer available)",
            "start": a.start,
            "end": a.end,
            "weekdays": days_text(a.planned_weekdays),
            "weekly_target": a.weekly_target,
        }
        for a in history
    ]
    return pd.DataFrame(rows, columns=["program", "start", "end", "weekdays", "weekly_target"])


ASSIGNMENT_TABLE = {
    "program": "Program",
    "start": st.column_config.DateColumn("Start"),
    "end": st.column_config.DateColumn("Ended", help="The first day without the program."),
    "weekdays": "Planned on",
    "weekly_target": st.column_config.NumberColumn(
        "Weekly target", help="Empty: the program's highest weekly count."
    ),
}


def program_choice(
    found: list[programs.Program], history: list[programs.Assignment], key: str
) -> programs.Program:
    """A select box of the coach's programs, at first on the client's latest one."""
    by_id = {p.id: p for p in found}
    latest = history[0].program_id if history else None
    chosen = st.selectbox(
        "Program",
        list(by_id),
        index=list(by_id).index(latest) if latest in by_id else 0,
        format_func=lambda program_id: by_id[program_id].name,
        key=key,
    )
    return by_id[chosen]


# Sharing and the public report

SESSION_SHARED = "shared_token"
SHARE_PAGE = "share"  # the url_path of pages/share.py


def share_link_form(coach: auth.Coach, client: clients.Client) -> None:
    """Create a report link for the client; the link itself is shown once, right after."""
    with st.form("share_create", border=True):
        days = st.number_input(
            "Valid for (days)",
            min_value=1,
            max_value=sharing.MAX_DAYS,
            value=sharing.DEFAULT_DAYS,
            step=1,
            key="share_days",
        )
        submitted = st.form_submit_button("Create link", type="primary", key="share_create_submit")
    if submitted:
        created = sharing.create_link(store(), coach.id, client.id, int(days))
        url = sharing.link_url(settings.base_url(st.context.url, page=SHARE_PAGE), created.token)
        st.session_state["share_new_link"] = (client.id, url, created.expires_at)
    shown = st.session_state.get("share_new_link")
    if shown and shown[0] == client.id:
        _, url, expires = shown
        st.success(
            f"A link to {plain(client.name)}'s report, valid until {expires:%d %b %Y}. "
            "Copy it now (the button at the right of the box): it is not shown again."
        )
        st.code(url, language=None)


def share_links_table(coach: auth.Coach, client: clients.Client) -> None:
    """The client's links with their status and views, and a form to revoke an active one."""
    links = sharing.links(store(), coach.id, client.id)
    if not links:
        st.caption("No link for this client yet.")
        return
    st.dataframe(
        [
            {
                "created": link.created_at,
                "expires": link.expires_at,
                "status": link.status,
                "views": link.views,
                "last viewed": link.last_viewed_at,
            }
            for link in links
        ],
        hide_index=True,
        column_config={
            "created": st.column_config.DatetimeColumn("Created (UTC)", format="D MMM YYYY, HH:mm"),
            "expires": st.column_config.DatetimeColumn("Expires (UTC)", format="D MMM YYYY"),
            "last viewed": st.column_config.DatetimeColumn("Last viewed (UTC)"),
        },
        key="share_links",
    )
    active = [link for link in links if link.status == "active"]
    if not active:
        return
    with st.form("share_revoke", border=True):
        chosen = st.selectbox(
            "Revoke a link",
            active,
            format_func=lambda link: (
                f"created {link.created_at:%d %b %Y %H:%M}, {link.views} view(s), "
                f"until {link.expires_at:%d %b %Y}"
            ),
            key="share_revoke_pick",
        )
        if st.form_submit_button("Revoke", key="share_revoke_submit"):
            sharing.revoke(store(), coach.id, chosen.id)
            st.rerun()


def shared_from_link() -> sharing.Shared | None:
    """The client that the report link in the URL names, or None when it is not valid.

    The link is checked on every rerun, so a revoked link stops working at once, but a view is
    counted once per browser session, not once per rerun.
    """
    token = st.query_params.get("token", "")
    first_look = st.session_state.get(SESSION_SHARED) != token
    address = st.context.ip_address  # None (or, under AppTest, not text) when unknown
    who = address if isinstance(address, str) and address else "unknown"
    throttle = link_throttle()
    wait = throttle.delay(who, time.monotonic())
    if wait:
        slow_down(wait)
    shared = sharing.resolve(store(), token, count_view=first_look)
    if shared is None:
        throttle.missed(who, time.monotonic())
    st.session_state[SESSION_SHARED] = token
    return shared


def slow_down(seconds: float) -> None:
    """Hold this answer back; only this session waits, as each has a thread of its own."""
    time.sleep(seconds)


@st.cache_resource(show_spinner=False)
def link_throttle() -> sharing.Throttle:
    """The server's one record of addresses that sent wrong report tokens."""
    return sharing.Throttle()


def client_report(shared: sharing.Shared) -> None:
    """The read-only report of the one client a link names: numbers, charts and downloads.

    The downloads are rendered only when clicked (a callable `data`): drawing every chart as
    SVG or PNG takes most of a second, which no rerun should pay for."""
    built = report.build(store(), shared, today=today())
    st.title(f"{plain(built.client_name)}: leg training")
    program = f"Program: {plain(built.program)}. " if built.program else ""
    st.caption(f"{program}Counted on {built.today:%d %b %Y}.")
    key_numbers(built.report, metrics.Thresholds(**built.report["thresholds"]))
    flag_box(built.report["flags"])
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
