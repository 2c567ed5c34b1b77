"""The coach's whole journey in a real browser: a real `streamlit run` with its own database,
driven through Debian's Chromium by Playwright.

Under CI=true these tests never skip; elsewhere they skip when Chromium is not installed.
Screenshots of each main page land in docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachkit import demo

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = ROOT / "data" / "samples"
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NEW_CLIENT = "Robin Browser"
WAIT_MS = 30_000

if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("Chromium is not installed (CI installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """A real server on a free port with a fresh demo database of its own."""
    folder = tmp_path_factory.mktemp("browser")
    db = str(folder / "coachkit.duckdb")
    env = {**os.environ, "COACHKIT_DB": db}
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "coachkit"), "demo"], env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [str(bin_dir / "streamlit"), "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the streamlit server did not start")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def fresh_page(browser):
    """A page in a context of its own: no cookie, no session of another page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # let the charts finish drawing
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page, base: str) -> None:
    page.goto(base)
    page.get_by_role("textbox", name="Email").fill(demo.DEMO_EMAIL)
    page.get_by_role("textbox", name="Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Clients").wait_for()


def go(page, name: str) -> None:
    """Follow a link of the sidebar: a typed address would start a new, signed-out session."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()


def choose(page, label: str, option: str) -> None:
    """Pick an option of a select box the way a coach does: click it, type, press Enter."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    sync_api.expect(box.locator("input")).to_have_value(option)


def test_a_deep_link_to_upload_while_signed_out_shows_the_sign_in(server, browser):
    page = fresh_page(browser)
    page.goto(f"{server}/upload")
    page.get_by_role("heading", name="Sign in to CoachKit").wait_for()
    assert page.get_by_text("Workout exports (CSV)").count() == 0
    shot(page, "sign-in")


def test_the_whole_journey_from_sign_in_to_a_revoked_report_link(server, browser):
    page = fresh_page(browser)
    sign_in(page, server)
    page.get_by_text("Needs attention").first.wait_for()
    shot(page, "clients")

    # A new client, and a Strong export and a Hevy export through the file input.
    page.get_by_text("Add a client").click()
    page.get_by_role("textbox", name="Name", exact=True).fill(NEW_CLIENT)
    page.get_by_role("button", name="Add client").click()
    page.get_by_text(f"{NEW_CLIENT} added.").wait_for()
    go(page, "Upload")
    choose(page, "Client", NEW_CLIENT)
    files = [SAMPLES / "maya-lopez-strong.csv", SAMPLES / "jordan-reed-hevy.csv"]
    page.locator("input[type=file]").set_input_files([str(f) for f in files])
    for sample in files:
        page.get_by_role("button", name=re.compile(r"^Import [\d,]+ new sets")).first.click()
        page.get_by_text(f"{sample.name}: imported").wait_for()
    shot(page, "upload")

    # The client's charts are drawn.
    go(page, "Client")
    choose(page, "Client", NEW_CLIENT)
    page.locator(".vega-embed").nth(6).wait_for()
    assert page.locator(".vega-embed").count() == 7
    shot(page, "client")

    go(page, "Programs")
    page.get_by_role("heading", name="Programs").wait_for()
    shot(page, "programs")

    # A report link, opened signed out in a fresh browser context, then revoked.
    go(page, "Share")
    choose(page, "Client", NEW_CLIENT)
    page.get_by_role("button", name="Create link").click()
    url = page.locator("code").first.inner_text().strip()
    assert url.startswith(f"{server}/?token=") or url.startswith("http://")
    shot(page, "share")
    reader = fresh_page(browser)
    reader.goto(url)
    reader.get_by_role("heading", name=f"{NEW_CLIENT}: leg training").wait_for()
    reader.locator(".vega-embed").nth(5).wait_for()
    assert reader.get_by_test_id("stSidebarNav").count() == 0
    shot(reader, "report")

    page.get_by_role("button", name="Revoke").click()
    # With no active link left, the revoke form goes.
    page.get_by_role("button", name="Revoke").wait_for(state="detached")
    gone = fresh_page(browser)
    gone.goto(url)
    gone.get_by_role("heading", name="This link is not valid").wait_for()
