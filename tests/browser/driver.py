"""A real CoachKit server and Chromium, and the moves a coach makes in it: shared by the
browser tests and bench/pages.py, so that the benchmark times the same steps the tests check."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright import sync_api

from coachkit import demo, sessions

ROOT = Path(__file__).parents[2]
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(db: str, *options: str, port: int | None = None) -> Iterator[str]:
    """A real server over the database `db`, on `port` or a free one; yields its address."""
    env = {**os.environ, "COACHKIT_DB": db}
    port = port or free_port()
    process = subprocess.Popen(
        [str(BIN / "streamlit"), "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", *options],
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


def launch(playwright):
    """Debian's Chromium under Playwright: no browser is ever downloaded."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def sign_in(
    page, base: str, email: str = demo.DEMO_EMAIL, password: str = demo.DEMO_PASSWORD
) -> None:
    page.goto(base)
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # The browser leaves for the sign-in cookie (coachkit/routes.py) and comes back to a new
    # session: wait for the cookie, then for the page it came back to.
    wait_for_cookie(page, sessions.COOKIE)
    page.get_by_role("heading", name="Clients", exact=True).wait_for()


def has_cookie(page, name: str) -> bool:
    return any(cookie["name"] == name for cookie in page.context.cookies())


def wait_for_cookie(page, name: str, present: bool = True) -> None:
    """Until the browser holds (or, with present=False, no longer holds) the cookie `name`;
    an HTTP-only cookie is out of the page's reach, so the context is asked."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while has_cookie(page, name) != present:
        if time.monotonic() > deadline:
            raise AssertionError(f"cookie {name} {'never set' if present else 'never dropped'}")
        page.wait_for_timeout(100)
    page.wait_for_load_state()


def go(page, name: str) -> None:
    """Follow a link of the sidebar, as a coach does (a typed address starts a new session,
    signed in by the cookie of the sign-in)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()


def settled(page) -> None:
    """Wait until the app's run has ended: no run under way, nothing left faded from the run
    before. A click on an element of the faded page, during a rerun, may be lost (Streamlit
    starts the run again and the button's press can go with the run it stopped), as it would
    be for a coach; a test clicks on the page the run has finished drawing."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid^="stStatusWidgetRunning"]')
            && !document.querySelector('[data-stale="true"]')"""
    )


def fresh_page(browser):
    """A page in a context of its own: no cookie, no session of another page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def choose(page, label: str, option: str, nth: int = 0) -> None:
    """Pick an option of a select box the way a coach does: click it, type, press Enter.
    `nth` picks among boxes of the same label, in page order (-1: the last). Enter takes the
    option that has the focus, so it waits until the typed name's own option has it: on a
    loaded machine the list may not have filtered yet, and the first option keeps the focus.
    (A click on the option is no steadier: the list redraws under the pointer as it filters.)
    It starts on a page whose run has ended, and starts again, up to three times, when a rerun
    redrew the box under it and took the typed name away, as a coach would."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).nth(nth)
    wanted = page.get_by_role("option", name=option, exact=True)
    for attempt in range(3):
        settled(page)
        box.click()
        box.locator("input").fill(option)
        try:
            sync_api.expect(wanted).to_have_attribute("data-focused", "true")
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    sync_api.expect(box.locator("input")).to_have_value(option)
