"""The Upload screen: workout exports for one client, previewed before anything is written,
with the questions a file leaves open (kg or lb, unknown exercise names, columns of a layout
CoachKit does not know), and the client's import history with undo."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import streamlit as st

from coachkit import answers, auth, catalog, clients, ingest, present
from coachkit.importers import all_layouts, mapped, template
from coachkit.importers.source import ImportRejected
from coachkit.preview import left_out_rows, present_guess, rows_with_errors
from coachkit.settings import max_import_bytes
from coachkit.ui import plain, store

log = logging.getLogger(__name__)
UPLOAD_PREFIX = "ck-up-"  # the temporary folder that holds an upload while a run reads it
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


@contextmanager
def _upload_file(upload) -> Iterator[Path]:
    """The uploaded bytes as a file the importer can read, for as long as the block runs.

    DuckDB reads a file, so the bytes Streamlit holds in memory are written out; the folder goes
    when the block ends, whatever ends it (a preview, an import, an error, a rerun), so that no
    client's workout file outlives the run that read it."""
    with tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX) as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(upload.getbuffer())
        yield path


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
    with _upload_file(upload) as path:
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
        _unknown_names_form(coach, upload.file_id, preview)
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
    cols[0].metric("From", present.app_name(preview.layout), help=preview.layout_label)
    cols[1].metric("Sets", f"{preview.sets:,}", help=f"{preview.sessions:,} sessions, {dates}")
    cols[2].metric("New", f"{preview.new_sets:,}")
    cols[3].metric("Already imported", f"{preview.already_in_db:,}")
    st.caption(f"{plain(preview.layout_label)}. Sessions: {preview.sessions:,}, {dates}.")
    for note in present.preview_notes(preview):
        st.caption(plain(note))
    overlap = present.overlap_warning(preview)
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


def _unknown_names_form(coach: auth.Coach, file_id: str, preview: ingest.Preview) -> None:
    choices = {e.slug: f"{e.name} ({e.region})" for e in catalog.exercises()}
    choices.update({f"region:{r}": f"only count it as {r}" for r in catalog.REGIONS})
    with st.form(f"unknown:{file_id}"):
        st.write(
            f"{present.count(len(preview.unknown), 'exercise name')} "
            f"{'is' if len(preview.unknown) == 1 else 'are'} not in the catalog. They import "
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
    shown = history.assign(layout=history["layout"].map(present.app_name))
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_order=[
            "created_at",
            "file_name",
            "layout",
            "sets_added",
            "sets_existing",
            "rows_left_out",
            "undone_at",
        ],  # fmt: skip
        column_config={
            "created_at": st.column_config.DatetimeColumn("Imported (UTC)"),
            "file_name": "File",
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
