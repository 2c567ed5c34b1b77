"""The app's pages through AppTest, signed in and signed out, each against its own database."""

import os
import tempfile
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coachkit import demo, ingest, ui
from coachkit.store import open_store
from coachkit.ui import upload as upload_screen
from tests.conftest import TODAY

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "dashboard.py")
SAMPLES = ROOT / "tests" / "samples"


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[ui.SESSION_TODAY] = TODAY  # the roster's metrics count from this day
    return at


def signed_in(page: str | None = None, client: object = None) -> AppTest:
    """The app signed in as the demo coach, on `page` if given, with `?client=` if given."""
    at = app()
    at.run()
    at.text_input(key="sign_in_email").input(demo.DEMO_EMAIL)
    at.text_input(key="sign_in_password").input(demo.DEMO_PASSWORD)
    at.button(key="sign_in_submit").click().run()
    if client is not None:
        at.query_params["client"] = str(client)
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "info", "error", "success", "warning",
                                  "caption") for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def test_signed_out_the_app_shows_only_the_sign_in_form_with_demo_credentials(demo_db):
    at = app().run()
    assert not at.exception
    assert at.title[0].value == "Sign in to CoachKit"
    assert demo.DEMO_PASSWORD in at.info[0].value
    assert not at.dataframe


def test_a_wrong_password_is_refused(demo_db):
    at = app().run()
    at.text_input(key="sign_in_email").input(demo.DEMO_EMAIL)
    at.text_input(key="sign_in_password").input("not the password")
    at.button(key="sign_in_submit").click().run()
    assert "do not match" in at.error[0].value
    assert not at.dataframe


def test_signing_in_shows_the_coachs_roster(demo_db):
    at = signed_in()
    assert at.title[0].value == "Clients"
    assert sorted(at.dataframe[0].value["name"]) == sorted(p.name for p in demo.CLIENTS)


def test_signing_out_ends_the_session(demo_db):
    at = signed_in()
    at.button(key="sign_out").click().run()
    assert at.title[0].value == "Sign in to CoachKit"


def test_real_data_hides_the_demo_credentials(demo_db):
    with open_store(demo_db) as store:
        from coachkit.auth import add_coach

        add_coach(store, "real@gym.example", "Real", "long enough password")
    at = app().run()
    assert not at.exception and at.title[0].value == "Sign in to CoachKit"
    assert all(demo.DEMO_PASSWORD not in i.value for i in at.info)


def test_an_empty_database_offers_to_create_the_first_coach(empty_db):
    at = app().run()
    assert at.title[0].value == "Welcome to CoachKit"
    at.text_input(key="first_email").input("ana@gym.example")
    at.text_input(key="first_password").input("long enough password")
    at.text_input(key="first_password_again").input("long enough password")
    at.button(key="first_submit").click().run()
    assert not at.exception and at.title[0].value == "Clients"


@pytest.mark.parametrize("page", ["pages/upload.py", "pages/clients.py"])
def test_a_page_run_directly_while_signed_out_shows_the_sign_in_form(demo_db, page):
    at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Sign in to CoachKit"
    assert not at.file_uploader and not at.dataframe


def test_adding_a_client_puts_them_on_the_roster(demo_db):
    at = signed_in()
    at.text_input(key="new_client_name").input("Kim Lee")
    at.button(key="add_client_submit").click().run()
    assert "Kim Lee added." in texts(at)
    assert "Kim Lee" in list(at.dataframe[0].value["name"])


def upload_page(at: AppTest) -> AppTest:
    at.switch_page("pages/upload.py").run()
    assert not at.exception and at.title[0].value == "Upload workout logs"
    return at


def test_the_upload_page_offers_the_template(demo_db):
    at = upload_page(signed_in())
    assert at.get("download_button")


def test_uploading_a_sample_previews_then_imports_once(demo_db):
    with open_store(demo_db) as store:
        from coachkit.auth import coach_by_email
        from coachkit.clients import add_client

        new = add_client(store, coach_by_email(store, demo.DEMO_EMAIL).id, "Aaron New")
    at = upload_page(signed_in())
    at.selectbox(key="upload_client").set_value(new.id).run()
    sample = SAMPLES / "maya-lopez-strong.csv"
    at.file_uploader(key="upload_files").upload(sample.name, sample.read_bytes(), "text/csv")
    at.run()
    assert not at.exception
    # Every row of Maya's sample that is not a rest timer is a set: the generator's log of her.
    maya = next(p for p in demo.CLIENTS if p.name == "Maya Lopez")
    sets = len(demo.client_log(maya, demo.samples_anchor(SAMPLES)))
    import_button = next(b for b in at.button if b.label.startswith("Import"))
    assert import_button.label == f"Import {sets:,} new sets"
    import_button.click().run()
    assert f"imported {sets:,} sets for Aaron New" in texts(at)
    at.run()  # a rerun keeps the file in the widget and must not import again
    at.switch_page("pages/clients.py").run()
    listed = at.dataframe[0].value.set_index("name")
    last_day = demo.client_log(maya, demo.samples_anchor(SAMPLES))["performed_at"].max().date()
    assert listed.loc["Aaron New", "last_session"] == last_day


def test_one_broken_file_in_a_drop_leaves_the_others_to_import(demo_db, monkeypatch):
    # Three files at once: one that is only a byte-order mark, one that makes the reader fail
    # in a way nobody foresaw, and a good Strong sample: the first two say so, the third imports.
    real = ingest.preview

    def preview(store, coach_id, client_id, path, name=None, *args, **kwargs):
        if name == "crash.csv":
            raise RuntimeError("the parser fell over")
        return real(store, coach_id, client_id, path, name, *args, **kwargs)

    monkeypatch.setattr(ingest, "preview", preview)
    at = upload_page(signed_in())
    sample = SAMPLES / "maya-lopez-strong.csv"
    files = at.file_uploader(key="upload_files")
    files.upload("bom.csv", b"\xef\xbb\xbf", "text/csv")
    files.upload("crash.csv", sample.read_bytes(), "text/csv")
    files.upload(sample.name, sample.read_bytes(), "text/csv").run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [
        "bom.csv: the file is empty",
        "crash.csv: could not be read (the parser fell over)",
    ]
    imports = [b for b in at.button if b.label.startswith("Import")]
    assert len(imports) == 1 and imports[0].label.endswith("new sets")


def test_an_import_can_be_undone_from_the_upload_page(demo_db):
    at = upload_page(signed_in())
    client_id = at.selectbox(key="upload_client").value
    # Each demo client has exactly one import, the demo's own batch: undoing the chosen
    # client's leaves that client, and only that client, with no sets.
    at.button(key=f"undo_submit:{client_id}").click().run()
    assert not at.exception
    assert "Removed" in texts(at)
    at.switch_page("pages/clients.py").run()
    listed = at.dataframe[0].value
    assert listed["last_session"].isna().sum() == 1


def test_a_client_name_is_shown_as_typed_never_as_markdown(demo_db):
    at = signed_in()
    at.text_input(key="new_client_name").input("[Kim](https://evil.example) *bold*")
    at.button(key="add_client_submit").click().run()
    # Every Markdown character arrives backslash-escaped, so the browser shows the name as typed,
    # and a word joiner (U+2060) before "://" leaves no address to make a link of.
    assert at.success[0].value == (
        r"\[Kim\]\(https" + ui.WORD_JOINER + r"\://evil\.example\) \*bold\* added."
    )


def test_an_archived_client_leaves_the_roster(demo_db):
    at = signed_in()
    chosen = at.selectbox(key="archive_pick")
    name = chosen.format_func(chosen.value)
    at.button(key="archive_submit").click().run()
    assert not at.exception
    names = list(at.dataframe[0].value["name"])
    assert name not in names and len(names) == len(demo.CLIENTS) - 1


def uploads_on_disk(folder) -> list[str]:
    """What the Upload page left in the temporary folder: its folders and every file in them."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if "ck-up-" in str(p))


def test_no_uploaded_file_outlives_the_run_that_read_it(demo_db, tmp_path, monkeypatch):
    # The temporary folder is this test's own, so that anything left behind shows.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    at = upload_page(signed_in())
    sample = SAMPLES / "maya-lopez-strong.csv"
    files = at.file_uploader(key="upload_files")
    files.upload("bom.csv", b"\xef\xbb\xbf", "text/csv")  # refused: an error path
    files.upload(sample.name, sample.read_bytes(), "text/csv").run()
    assert not at.exception and uploads_on_disk(tmp_path) == []  # previewed
    for _ in range(3):  # reruns, as every click makes
        at.run()
    assert uploads_on_disk(tmp_path) == []
    next(b for b in at.button if b.label.startswith("Import")).click().run()
    assert "imported" in texts(at)
    assert uploads_on_disk(tmp_path) == []  # imported
    # The session ends without signing out (the tab closed): nothing was waiting for it.
    del at
    assert uploads_on_disk(tmp_path) == []


def test_upload_folders_a_stopped_server_left_are_swept_at_start(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old, young = tmp_path / "ck-up-old", tmp_path / "ck-up-young"
    for folder in (old, young):
        folder.mkdir()
        (folder / "upload.csv").write_text("Date,Exercise\n")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))
    upload_screen.sweep_leftovers.clear()
    # The old folder is a killed server's; the young one may be another server's run, reading.
    assert upload_screen.sweep_leftovers() == 1
    assert uploads_on_disk(tmp_path) == ["ck-up-young", "ck-up-young/upload.csv"]
    upload_screen.sweep_leftovers.clear()
