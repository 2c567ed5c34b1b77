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
from pathlib import Path

import streamlit as st

from coachkit import auth, catalog, clients, demo, ingest, programs
from coachkit.importers import all_layouts, mapped, template
from coachkit.importers.source import ImportRejected
from coachkit.settings import max_import_bytes
from coachkit.store import Store, StoreError, database_url, open_store

SESSION_COACH = "coach"
# Streamlit renders Markdown in labels, headings and messages; text from a coach or an
# uploaded file must show as typed, never as a link, an image or formatting.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text escaped for any Streamlit element that renders Markdown."""
    return _MARKDOWN.sub(r"\\\1", str(text))


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    store = open_store(url)
    catalog.sync(store)
    programs.install_builtins(store)
    return store


def store() -> Store:
    """The process-wide store for the database that COACHKIT_DB names."""
    return _store_for(database_url())


def current_coach() -> auth.Coach | None:
    return st.session_state.get(SESSION_COACH)


def require_coach() -> auth.Coach:
    """The signed-in coach; otherwise draw the sign-in (or first-run) form and stop the page."""
    coach = current_coach()
    if coach is not None:
        return coach
    if auth.count_coaches(store()) == 0:
        _first_run_form()
    else:
        _sign_in_form()
    st.stop()


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


def sign_out_button(coach: auth.Coach) -> None:
    with st.sidebar:
        st.caption(f"Signed in as {plain(coach.email)}")
        st.button("Sign out", key="sign_out", on_click=_sign_out)


def client_picker(coach: auth.Coach, key: str) -> clients.Client | None:
    """A select box of the coach's active clients; None when the roster is empty."""
    roster = clients.roster(store(), coach.id)
    if roster.empty:
        st.info("Add a client on the Clients page first.")
        return None
    names = dict(zip(roster["id"], roster["name"], strict=True))
    chosen = st.selectbox("Client", list(names), format_func=names.get, key=key)
    return clients.get_client(store(), coach.id, chosen)


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
        with st.spinner(f"Importing {upload.name}…"):
            try:
                result = ingest.commit(
                    store(), coach.id, client.id, path, upload.name, unit, mapping
                )
            except ImportRejected as exc:
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
