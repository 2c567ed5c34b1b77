"""Planted markup never runs in a real browser: hostile client names, exercise names, notes and
file names (tests/hostile.py) on the Clients, Client and Upload pages and in a shared report,
and no address in them (www..., https://..., name@host) becomes a link to click.

Each planted script or event handler would set `window.__pwned`; after every page the test
checks that it is still unset, that no planted element (an `img src=x`, a script, a handler)
made it into the page at all, and that the text is on the page exactly as typed. The elements
are the sharper check: Streamlit drops the handlers and scripts of HTML it is allowed to render,
so markup let through would show up in the page without ever setting the flag.
"""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright import sync_api

from coachkit import auth, clients, demo, ingest, sharing, ui
from coachkit.store import open_store
from tests import hostile
from tests.browser.driver import BIN, choose, fresh_page, go, running, sign_in
from tests.conftest import TODAY
from tests.hostile import CLIENT_MARKUP, CLIENT_NAMES, MARKUP_FILE_NAME

pytestmark = pytest.mark.browser

MARKED = CLIENT_MARKUP[0]  # has imports: daily squat sessions and a file of markup names
NEWCOMER = CLIENT_MARKUP[1]  # gets the upload in the test


@dataclass(frozen=True)
class Site:
    base: str
    ids: dict[str, uuid.UUID]
    token: str  # a report link to MARKED


@pytest.fixture(scope="module")
def hostile_db(module_db, tmp_path_factory) -> tuple[str, dict[str, uuid.UUID], str]:
    """The demo, plus the hostile clients; MARKED logged squats every day of the last four
    weeks (on the server's clock, so that every chart draws them) and a file of markup names."""
    env = {**os.environ, "COACHKIT_DB": module_db}
    subprocess.run([str(BIN / "coachkit"), "demo"], env=env, check=True, capture_output=True)
    folder = tmp_path_factory.mktemp("hostile-browser")
    sessions, names = folder / "sessions.csv", folder / "names.csv"
    sessions.write_text(hostile.markup_sessions(date.today()), encoding="utf-8")
    names.write_text(hostile.markup_hevy(), encoding="utf-8")
    with open_store(module_db) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        # On the roster for a month: not new, so one with nothing logged is flagged inactive
        # and listed by name under "Needs attention".
        with pytest.MonkeyPatch.context() as patch:
            month_ago = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=30)
            patch.setattr(clients, "utc_now", lambda: month_ago)
            ids = {name: clients.add_client(store, coach.id, name).id for name in CLIENT_NAMES}
        ingest.commit(store, coach.id, ids[MARKED], sessions)
        # Dated November 2026: checked against the tests' day, whatever the clock says.
        ingest.commit(store, coach.id, ids[MARKED], names, name=MARKUP_FILE_NAME, today=TODAY)
        token = sharing.create_link(store, coach.id, ids[MARKED]).token
    return module_db, ids, token


@pytest.fixture(scope="module")
def site(hostile_db) -> Iterator[Site]:
    url, ids, token = hostile_db
    with running(url) as base:
        yield Site(base, ids, token)


PLANTED = """() => ({
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
    handlers: [...document.querySelectorAll('[onerror], [onload], [href^="javascript:"]')]
        .filter(e => e.outerHTML.includes('__pwned')).length,
    links: document.querySelectorAll('a[href*="evil-phish" i]').length,
})"""


def assert_nothing_ran(page) -> None:
    page.wait_for_timeout(300)  # an image's error handler fires once the load fails
    planted = page.evaluate(PLANTED)
    assert planted == {"pwned": None, "images": 0, "scripts": 0, "handlers": 0, "links": 0}


def shown(page, text: str) -> None:
    """The text is on the page as typed: an element whose whole text it is, give or take the
    invisible word joiners that stop Streamlit's own rewriting (ui.plain)."""
    joined = f"{re.escape(ui.WORD_JOINER)}?".join(re.escape(c) for c in text)
    page.get_by_text(re.compile(f"^{joined}$")).first.wait_for()


def test_planted_markup_runs_nowhere_on_the_coachs_pages(site, browser):
    page = fresh_page(browser)
    sign_in(page, site.base)

    # Clients: every hostile client needs attention (no set logged, or legs every day), so
    # each is listed by name; MARKED is drawn on the roster chart, its name in the tooltip.
    page.get_by_text("Needs attention").first.wait_for()
    for name in CLIENT_NAMES:
        shown(page, name)
    label = page.locator(".vega-embed svg text").filter(has_text=MARKED).first
    label.scroll_into_view_if_needed()
    label.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")
    sync_api.expect(tooltip).to_contain_text(MARKED)
    assert MARKED not in tooltip.inner_html()  # escaped, as text
    assert_nothing_ran(page)

    # Client: the charts of MARKED, and the imports listed by file name.
    go(page, "Client")
    choose(page, "Client", MARKED)
    shown(page, f"Imports for {MARKED}")
    page.locator(".vega-embed").nth(6).wait_for()
    undo = page.get_by_test_id("stSelectbox").filter(has_text="Undo an import").locator("input")
    sync_api.expect(undo).to_have_value(re.compile(f"^{re.escape(MARKUP_FILE_NAME)}, "))
    assert_nothing_ran(page)

    # Upload: a file named as markup, holding markup names, previewed, imported, listed.
    go(page, "Upload")
    choose(page, "Client", NEWCOMER)
    template = hostile.markup_template().encode()  # one set per markup or formula name
    page.locator("input[type=file]").set_input_files(
        {"name": MARKUP_FILE_NAME, "mimeType": "text/csv", "buffer": template}
    )
    shown(page, MARKUP_FILE_NAME)
    names = hostile.MARKUP + hostile.FORMULAS
    for name in names:
        shown(page, f"{name} (1 sets)")
    assert_nothing_ran(page)
    page.get_by_role("button", name=f"Import {len(names)} new sets").click()
    page.get_by_text(f"{MARKUP_FILE_NAME}: imported {len(names)} sets for {NEWCOMER};").wait_for()
    shown(page, f"Imports for {NEWCOMER}")
    assert_nothing_ran(page)


def test_planted_markup_runs_nowhere_in_the_shared_report(site, browser):
    reader = fresh_page(browser)
    reader.goto(f"{site.base}/?token={site.token}")
    shown(reader, f"{MARKED}: leg training")
    # Every chart drawn (at least leg days and legs by month) and the words under them.
    reader.locator(".vega-embed").nth(1).wait_for()
    reader.get_by_role("button", name="Save as PDF").wait_for()
    assert_nothing_ran(reader)
