"""Browser tests: a real `streamlit run` with its own database, driven through Debian's
Chromium by Playwright. Under CI=true they never skip; elsewhere they skip when Chromium is
not installed. Screenshots of each main page land in docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest
from playwright import sync_api

from coachkit import auth, clients, demo
from coachkit.store import open_store
from tests.browser.driver import BIN, CHROMIUM, ROOT, launch, running

SAMPLES = ROOT / "tests" / "samples"
SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def demo_file(module_db) -> str:
    """A fresh demo database for the module's server, of the backend under test."""
    env = {**os.environ, "COACHKIT_DB": module_db}
    subprocess.run([str(BIN / "coachkit"), "demo"], env=env, check=True, capture_output=True)
    return module_db


@pytest.fixture(scope="module")
def demo_ids(demo_file) -> dict[str, str]:
    """Every demo client's id by name, read before the server opens the database (an embedded
    file admits one process at a time)."""
    with open_store(demo_file) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        return {client.name: str(client.id) for client in clients.active(store, coach.id)}


@pytest.fixture(scope="module")
def server(demo_file, demo_ids) -> Iterator[str]:
    with running(demo_file) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip("Chromium is not installed (CI installs it)")
    with sync_api.sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


PHONE = {"width": 390, "height": 844}


def shot(page, name: str, phone: bool = False, focus=None) -> None:
    """A screenshot of the whole page as it is (1400 px wide), and with `phone` one at a
    phone's size too (`<name>-phone.png`), the page then back at its own size. Streamlit
    scrolls its main block inside the window, so a part far down the page is in the picture
    only when `focus` (a locator) names it: it is scrolled into view before each picture."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # let the charts finish drawing
    if focus is not None:
        focus.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if phone:
        size = page.viewport_size
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(1000)  # Streamlit lays the columns out again
        if focus is not None:
            focus.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(size)
