"""Logs that arrive without the coach, in a real browser: a client sends exports through their
link (no sign-in), the coach sees them arrive; and the coach's bulk upload of many files."""

import re

import pytest
from playwright import sync_api

from coachkit import auth, clients, demo, sharing
from coachkit.store import open_store
from tests.browser.conftest import shot
from tests.browser.driver import choose, fresh_page, go, running, settled, sign_in
from tests.test_bulk import FILES
from tests.test_cli_report import HEVY
from tests.test_inbox import MORE_ROWS
from tests.test_ingest_rejects import strong

pytestmark = pytest.mark.browser

SENDER = "Casey Sender"
# MORE_ROWS: 2 squats and 1 "Moonwalk Lunge Shuffle" on 2026-11-05: 3 sets, 1 unknown name.
STRONG_SETS = 3
HEVY_SETS = 7  # HEVY: 2 bench presses, 3 leg presses, 2 squats in October 2026
# The bulk test's clients: tests/test_bulk.py's FILES are named after them.
BULK_CLIENTS = ("Ana Lima", "Bo Carver", "Cy Moss", "Dana Fox")


@pytest.fixture(scope="module")
def tokens(demo_file) -> dict[str, str]:
    """Casey's three links, made before the server opens the database: one that takes uploads,
    one report only, one revoked."""
    with open_store(demo_file) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        casey = clients.add_client(store, coach.id, SENDER)
        for name in BULK_CLIENTS:
            clients.add_client(store, coach.id, name)
        uploads = sharing.create_link(store, coach.id, casey.id)
        report_only = sharing.create_link(store, coach.id, casey.id, uploads=False)
        revoked = sharing.create_link(store, coach.id, casey.id)
        sharing.revoke(store, coach.id, revoked.id)
    return {"uploads": uploads.token, "report": report_only.token, "revoked": revoked.token}


@pytest.fixture(scope="module")
def server(demo_file, tokens):
    with running(demo_file) as base:
        yield base


def send(reader, path, label: str) -> None:
    reader.locator("input[type=file]").set_input_files(str(path))
    button = reader.get_by_role("button", name=label)
    button.wait_for()
    settled(reader)
    button.click()


def test_a_client_sends_exports_through_their_link_and_the_coach_sees_them(
    server, browser, tokens, tmp_path
):
    strong_file, hevy_file = tmp_path / "casey-strong.csv", tmp_path / "casey-hevy.csv"
    strong_file.write_text(strong(*MORE_ROWS), encoding="utf-8")
    hevy_file.write_text("\n".join(HEVY) + "\n", encoding="utf-8")

    # The client, in a fresh browser with only the link.
    reader = fresh_page(browser)
    reader.goto(f"{server}/?token={tokens['uploads']}")
    reader.get_by_role("heading", name=f"{SENDER}: leg training").wait_for()
    heading = reader.get_by_role("heading", name="Send your latest export")
    heading.wait_for()
    reader.locator("input[type=file]").set_input_files(str(strong_file))
    reader.get_by_text("Your Strong export from Thu 5 Nov 2026 to Thu 5 Nov 2026").wait_for()
    reader.get_by_text("Your coach will look at 1 exercise name").wait_for()
    button = reader.get_by_role("button", name=f"Send {STRONG_SETS} new sets to your coach")
    shot(reader, "client-send", phone=True, focus=button)
    button.click()
    reader.get_by_text(f"Sent: your coach now has {STRONG_SETS} new sets from").wait_for()

    send(reader, hevy_file, f"Send {HEVY_SETS} new sets to your coach")
    reader.get_by_text(f"Sent: your coach now has {HEVY_SETS} new sets from").wait_for()

    # The same file again adds nothing: the button says so and cannot be pressed.
    reader.locator("input[type=file]").set_input_files(str(strong_file))
    reader.get_by_text("Your coach already has every set in it.").wait_for()
    sync_api.expect(reader.get_by_role("button", name="Nothing new to send")).to_be_disabled()

    # The coach: the roster marks the new logs, the Client page says what arrived.
    page = fresh_page(browser)
    sign_in(page, server)
    page.get_by_text("New logs from clients (1)").wait_for()
    page.get_by_text("2 new files sent through their link").wait_for()
    go(page, "Client")
    choose(page, "Client", SENDER)
    page.get_by_role("heading", name=f"Sent by {SENDER} through their link").wait_for()
    for name, sets in (("casey-hevy", HEVY_SETS), ("casey-strong", STRONG_SETS)):
        page.get_by_text(re.compile(rf"^New: .*, {name}\.csv: {sets} sets added\.$")).wait_for()
    # The name the client could not answer for waits here for the coach.
    choose(page, "Moonwalk Lunge Shuffle (1 sets)", "Walking Lunge (lower)")
    page.get_by_role("button", name="Save these names").click()
    sync_api.expect(page.get_by_text("Moonwalk Lunge Shuffle (1 sets)")).to_have_count(0)

    # Looked at: no longer new on the roster.
    go(page, "Clients")
    page.get_by_role("heading", name="Clients", exact=True).wait_for()
    page.get_by_text("Needs attention").first.wait_for()
    sync_api.expect(page.get_by_text("New logs from clients")).to_have_count(0)

    # A report-only link shows the report and no way to send anything; a revoked one, neither.
    viewer = fresh_page(browser)
    viewer.goto(f"{server}/?token={tokens['report']}")
    viewer.get_by_role("heading", name=f"{SENDER}: leg training").wait_for()
    viewer.locator(".vega-embed").first.wait_for()
    assert viewer.get_by_text("Send your latest export").count() == 0
    assert viewer.locator("input[type=file]").count() == 0
    gone = fresh_page(browser)
    gone.goto(f"{server}/?token={tokens['revoked']}")
    gone.get_by_role("heading", name="This link is not valid").wait_for()
    assert gone.locator("input[type=file]").count() == 0


def test_the_coach_drops_five_files_for_four_clients_at_once(server, browser, tmp_path):
    # FILES (tests/test_bulk.py): Ana Lima 3 sets, Bo Carver 7 + 3, Dana Fox's file broken,
    # one file with nobody's name in it. 3 of 5 files import: 13 sets for 2 clients.
    paths = []
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    page = fresh_page(browser)
    sign_in(page, server)
    go(page, "Upload")
    page.get_by_role("heading", name="Upload workout logs").wait_for()
    page.get_by_text("Several clients", exact=True).click()
    page.get_by_text("Exports of several clients (CSV, or a zip of them)").wait_for()
    page.locator("input[type=file]").set_input_files(paths)
    page.get_by_text("Check which client each file goes to").wait_for()
    button = page.get_by_role("button", name="Import 3 files")
    button.wait_for()
    shot(page, "upload-bulk", phone=True, focus=button)
    button.click()
    page.get_by_text("3 of 5 files imported: 13 new sets for 2 clients.").wait_for()
    page.get_by_text("The others are listed with why.").wait_for()
