"""The Upload screen: workout exports for one client, previewed before anything is written,
with the questions a file leaves open (kg or lb, unknown exercise names, columns of a layout
CoachKit does not know), and the client's import history with undo; or many clients' exports
at once, each matched to its client by its file name (coachkit/bulk.py)."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from coachkit import answers, auth, bulk, catalog, clients, ingest, present, present_imports
from coachkit.importers import all_layouts, mapped, template
from coachkit.importers.source import ImportRejected
from coachkit.preview import left_out_rows, present_guess, rows_with_errors
from coachkit.settings import max_import_bytes
from coachkit.ui import UPLOAD_PREFIX, plain, store, uploaded_file

log = logging.getLogger(__name__)
LEFTOVER_AGE = timedelta(hours=1)


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


@st.cache_resource(show_spinner=False)
def sweep_leftovers() -> int:
    """Once per server process: delete upload folders that a killed server left behind (the
    runs that made them are gone with it). A folder younger than LEFTOVER_AGE may be another
    app server's run on the same machine, reading it right now, and is kept."""
    swept = 0
    cutoff = time.time() - LEFTOVER_AGE.total_seconds()
    for folder in Path(tempfile.gettempdir()).glob(f"{UPLOAD_PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder)
                swept += 1
        except OSError:
            log.warning("could not delete the leftover upload folder %s", folder)
    if swept:
        log.info("deleted %d leftover upload folders", swept)
    return swept


def import_panel(coach: auth.Coach, client: clients.Client, upload) -> None:
    """Preview one uploaded file, ask what is missing, and import it on request.

    Whatever goes wrong with one file shows as that file's error, in one line, and the other
    files of the same drop are previewed and imported all the same. A client that is not the
    coach's is no file's fault: that refusal goes on up.
    """
    st.subheader(plain(upload.name))
    try:
        _panel(coach, client, upload)
    except clients.ClientError:
        raise
    except Exception as exc:
        log.exception("upload of %s failed", upload.name)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        st.error(plain(f"{upload.name}: could not be read ({reason})"))


def _panel(coach: auth.Coach, client: clients.Client, upload) -> None:
    """The browser's size limit is not trusted: the cap is checked here again. Reruns keep the
    uploaded file in the widget, so the result of an import is remembered per file and client,
    and importing itself is idempotent (the natural key of each set)."""
    if upload.size > max_import_bytes():
        st.error(f"{plain(upload.name)}: the file is larger than the import limit.")
        return
    done_key = f"imported:{upload.file_id}:{client.id}"
    if done_key in st.session_state:
        st.success(plain(st.session_state[done_key]))
        return
    with uploaded_file(upload) as path:
        _preview_and_import(coach, client, upload, path, done_key)


def _preview_and_import(
    coach: auth.Coach, client: clients.Client, upload, path: Path, done_key: str
) -> None:
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
    if preview.unit_needed or unit:
        unit = st.radio(
            "This file does not say kg or lb. Its weights are in",
            ["kg", "lb"],
            index=["kg", "lb"].index(known) if (known := unit or preview.unit_guess) else None,
            horizontal=True,
            key=f"unit:{upload.file_id}",
            help=f"From the loads in the file: {present_guess(preview.unit_guess)}.",
        )
        preview = ingest.preview(store(), coach.id, client.id, path, upload.name, unit, mapping)
    _show_preview(preview)
    if preview.unknown:
        unknown_names_form(coach, upload.file_id, preview.unknown)
    # A file with a few bad rows may be imported without them, on the coach's word.
    leave_out = preview.problem() is not None and preview.problem(leave_out=True) is None
    problem = preview.problem(leave_out)
    if problem is not None:
        st.error(plain(problem))
        return
    if leave_out:
        label = (
            f"Import the {preview.new_sets:,} good rows, leave out these {preview.error_total:,}"
        )
    elif preview.new_sets:
        label = f"Import {preview.new_sets:,} new sets"
    else:
        label = "Nothing new to import"
    if st.button(label, key=f"import:{upload.file_id}", type="primary",
                 disabled=not preview.new_sets):  # fmt: skip
        bar = st.progress(0.0, text=f"Importing {plain(upload.name)}…")

        def progress(stage: str, fraction: float) -> None:
            bar.progress(fraction, text=f"Importing {plain(upload.name)}: {stage}…")

        try:
            result = ingest.commit(
                store(), coach.id, client.id, path, upload.name, unit, mapping,
                progress=progress, leave_out=leave_out,
            )  # fmt: skip
        except ImportRejected as exc:
            bar.empty()
            st.error(plain(exc))
            return
        left_out = present.count(preview.error_total, "row")
        left = f" Left out {left_out} with errors." if leave_out else ""
        st.session_state[done_key] = (
            f"{upload.name}: imported {result.sets_added:,} sets for {client.name}; "
            f"{result.sets_existing:,} were already there.{left}"
        )
        st.rerun()


def _show_preview(preview: ingest.Preview) -> None:
    dates = f"{preview.first_date} to {preview.last_date}" if preview.first_date else "none"
    cols = st.columns(4)
    cols[0].metric("From", present_imports.app_name(preview.layout), help=preview.layout_label)
    cols[1].metric("Sets", f"{preview.sets:,}", help=f"{preview.sessions:,} sessions, {dates}")
    cols[2].metric("New", f"{preview.new_sets:,}")
    cols[3].metric("Already imported", f"{preview.already_in_db:,}")
    st.caption(f"{plain(preview.layout_label)}. Sessions: {preview.sessions:,}, {dates}.")
    for note in present_imports.preview_notes(preview):
        st.caption(plain(note))
    overlap = present_imports.overlap_warning(preview)
    if overlap:
        st.warning(plain(overlap), icon=":material/content_copy:")
    if preview.errors and preview.may_leave_out:
        st.warning(
            f"{rows_with_errors(preview.error_total, preview.rows_read)}, listed "
            "below. Fix the file and upload it again, or import the other rows without them."
        )
    elif preview.errors:
        st.error(
            f"{rows_with_errors(preview.error_total, preview.rows_read)}, more than "
            "1 in 10: the file cannot be imported as is. Fix it and upload it again."
        )
    if preview.errors:
        st.dataframe(
            [vars(e) for e in preview.errors],
            hide_index=True,
            placeholder="",
            column_order=["line", "column", "value", "reason"],
            key=f"errors:{preview.sha256}",
        )


def unknown_names_form(coach: auth.Coach, form_key: str, unknown: list[ingest.UnknownName]) -> None:
    """Ask what each exercise name the catalog does not know is; one answer serves every
    import of the coach's, past ones included (answers.map_exercise)."""
    choices = {e.slug: f"{e.name} ({e.region})" for e in catalog.exercises()}
    choices.update({f"region:{r}": f"only count it as {r}" for r in catalog.REGIONS})
    with st.form(f"unknown:{form_key}"):
        st.write(
            f"{present.count(len(unknown), 'exercise name')} "
            f"{'is' if len(unknown) == 1 else 'are'} not in the catalog. They import "
            "anyway; say once what each is and every import after this one knows it."
        )
        picked = {}
        for n, name in enumerate(unknown):
            picked[name.name] = st.selectbox(
                f"{plain(name.name)} ({name.rows:,} sets)",
                [None, *choices],
                format_func=lambda v: "decide later" if v is None else choices[v],
                key=f"map:{form_key}:{n}",
            )
        if st.form_submit_button("Save these names", key=f"map_submit:{form_key}"):
            for raw, answer in picked.items():
                if answer is None:
                    continue
                region = answer.removeprefix("region:") if answer.startswith("region:") else None
                answers.map_exercise(store(), coach.id, raw, None if region else answer, region)
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
                answers.save_column_mapping(store(), coach.id, header, mapping)
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
    shown = history.assign(
        layout=history["layout"].map(present_imports.app_name),
        sent_by=history["link_id"].notna().map({True: "the client", False: "you"}),
    )
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_order=[
            "created_at",
            "file_name",
            "sent_by",
            "layout",
            "sets_added",
            "sets_existing",
            "rows_left_out",
            "undone_at",
        ],  # fmt: skip
        column_config={
            "created_at": st.column_config.DatetimeColumn("Imported (UTC)"),
            "file_name": "File",
            "sent_by": st.column_config.TextColumn(
                "Sent by", help="The client: sent through their report link."
            ),
            "layout": "From",
            "sets_added": "Sets added",
            "sets_existing": "Already there",
            "rows_left_out": st.column_config.NumberColumn(
                "Left out", help="Rows with errors the import left out, on your word."
            ),
            "undone_at": st.column_config.DatetimeColumn("Undone (UTC)"),
        },
        key=f"history:{client.id}",
    )
    for row in history[history["rows_left_out"] > 0].itertuples():
        when = f"{row.created_at:%Y-%m-%d %H:%M}"
        title = f"Rows left out of {row.file_name} ({row.rows_left_out:,}), {when}"
        with st.expander(plain(title)):
            st.dataframe(
                [vars(e) for e in left_out_rows(row.left_out)],
                hide_index=True,
                placeholder="",
                column_order=["line", "column", "value", "reason"],
                key=f"left_out:{row.id}",
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


def upload_mode() -> bool:
    """Whether the coach uploads for several clients at once (bulk) rather than one."""
    mode = st.segmented_control(
        "Upload for",
        ["One client", "Several clients"],
        default="One client",
        key="upload_mode",
        help="Several clients: drop every client's export at once, or one zip of them; each "
        "file goes to the client whose name is in its file name.",
    )
    return mode == "Several clients"


BULK_TABLE = {
    "file": st.column_config.TextColumn("File", disabled=True),
    "matched": st.column_config.TextColumn("Matched by", disabled=True),
    "unit": st.column_config.SelectboxColumn(
        "Weights in", options=["kg", "lb"], help="Only for files that do not say kg or lb."
    ),
    "save_name": st.column_config.TextColumn(
        "Save a name",
        help='A name found in this client\'s file names ("jdoe" in "hevy_jdoe.csv"): saved '
        "with the import, later files with it in their name go to this client.",
    ),
}


def bulk_upload(coach: auth.Coach) -> None:
    """Many files (or zips of them) at once: each matched to a client by its name, the
    matches editable, each file checked, then all imported on one button, each on its own."""
    uploads = st.file_uploader(
        "Exports of several clients (CSV, or a zip of them)",
        type=["csv", "txt", "zip"],
        accept_multiple_files=True,
        key="bulk_files",
    )
    st.caption(
        'Each file goes to the client whose name is in its file name ("Ana Lima - Strong.csv"; '
        "case and accents do not matter), or to the client you saved a name for."
    )
    if not uploads:
        return
    drop = ",".join(upload.file_id for upload in uploads)
    if f"bulk_done:{drop}" in st.session_state:
        _bulk_summary(st.session_state[f"bulk_done:{drop}"])
        return
    files = bulk.unpack((upload.name, bytes(upload.getbuffer())) for upload in uploads)
    roster = clients.active(store(), coach.id)
    by_name = {client.name: client for client in roster}
    names = {client.id: client.name for client in roster}
    saved = bulk.saved_names(store(), coach.id)
    matches = [bulk.match(file.name, roster, saved) for file in files]
    table = pd.DataFrame(
        {
            "file": [file.name for file in files],
            "client": [names.get(m.client_id) for m in matches],
            "matched": [m.how for m in matches],
            "unit": [None] * len(files),
            "save_name": [""] * len(files),
        }
    )
    st.write("Check which client each file goes to; change any that is wrong.")
    edited = st.data_editor(
        table,
        hide_index=True,
        num_rows="fixed",
        column_config={
            **BULK_TABLE,
            "client": st.column_config.SelectboxColumn("Client", options=sorted(by_name)),
        },
        column_order=["file", "client", "matched", "unit", "save_name"],
        key=f"bulk_table:{drop}",
    )
    chosen = [by_name.get(name) if isinstance(name, str) else None for name in edited["client"]]
    units = [unit if unit in ("kg", "lb") else None for unit in edited["unit"]]
    checks = [
        _bulk_check(coach, client, file, unit)
        for client, file, unit in zip(chosen, files, units, strict=True)
    ]
    _bulk_checks_table(checks)
    ready = sum(1 for c in checks if c.status == "checked")
    if st.button(
        f"Import {present.count(ready, 'file')}",
        type="primary",
        disabled=not ready,
        key="bulk_import",
        help="Each file on its own: one that cannot be imported stops no other.",
    ):
        outcomes = []
        for client, file, unit, alias in zip(
            chosen, files, units, edited["save_name"], strict=True
        ):
            if client is not None and isinstance(alias, str) and alias.strip():
                try:
                    bulk.save_name(store(), coach.id, client.id, alias)
                except bulk.BulkError as exc:
                    st.warning(plain(f"{alias}: {exc}"))
            outcomes.append(bulk.import_file(store(), coach.id, client, file, unit))
        st.session_state[f"bulk_done:{drop}"] = outcomes
        st.rerun()


def _bulk_check(
    coach: auth.Coach, client: clients.Client | None, file: bulk.DroppedFile, unit: str | None
) -> bulk.Outcome:
    """A dry run of one file for its client, remembered for this visit: the table is drawn
    again on every edit, and a file's check only changes with its client or unit."""
    checked = st.session_state.setdefault("bulk_checks", {})
    key = (file.name, hash(file.data), client and client.id, unit)
    if key not in checked:
        checked[key] = bulk.import_file(store(), coach.id, client, file, unit, dry_run=True)
    return checked[key]


def _outcome_rows(outcomes: list[bulk.Outcome]) -> list[dict]:
    return [
        {
            "file": o.file,
            "client": o.client or "",
            "status": o.status,
            "new sets": o.sets_added,
            "already there": o.sets_existing,
            "dates": present.span(o.first_date, o.last_date) if o.first_date else "",
            "problem": o.detail,
        }
        for o in outcomes
    ]


def _bulk_checks_table(checks: list[bulk.Outcome]) -> None:
    st.dataframe(
        _outcome_rows(checks),
        hide_index=True,
        placeholder="",
        column_config={
            "file": "File",
            "client": "Client",
            "new sets": "New sets",
            "already there": "Already there",
            "dates": "Dates",
            "status": st.column_config.TextColumn(
                "Check", help="checked: ready to import; skipped: no client; failed: see why"
            ),
            "problem": st.column_config.TextColumn("Problem", width="large"),
        },
        key="bulk_checks_table",
    )


def _bulk_summary(outcomes: list[bulk.Outcome]) -> None:
    imported = [o for o in outcomes if o.status == "imported"]
    added = sum(o.sets_added for o in imported)
    people = len({o.client for o in imported})
    text = (
        f"{len(imported)} of {present.count(len(outcomes), 'file')} imported: "
        f"{present.count(added, 'new set')} for {present.count(people, 'client')}."
    )
    if len(imported) == len(outcomes):
        st.success(text)
    else:
        st.warning(text + " The others are listed with why.")
    st.dataframe(_outcome_rows(outcomes), hide_index=True, placeholder="", key="bulk_summary")
