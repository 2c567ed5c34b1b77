"""How fast the Client page is on a gym chain's data, on the server and in the browser.

The contender is the Client page of the client with three years of logs in bench/gymchain.py's
10-million-row database (client 0 of coach 0; built on the first run, about 40 s, then
re-used). The reference is the Client page of a demo client (six months of logs, 12 clients in
the database), built fresh in the same run. Same code, same machine, same steps: the ratio is
what ten million rows cost the page.

Figures for each, medians of --repeat runs:
- server: one run of dashboard.py on the Client page through Streamlit's AppTest, signed in, the
  client in the address, twice: with the data changed since the last view (the pages' cache,
  coachkit/ui/cached.py, emptied first: what the first view after an import costs; target at
  most 250 ms) and unchanged (the same page run again: every later view; target at most
  60 ms). The runs alternate (contender, reference, ...).
- browser: Debian's Chromium under Playwright against a real `streamlit run` (one server per
  database, the contender's first), from following the sidebar's Client link to the first
  chart drawn, a canvas inside a Vega embed (target: at most 2 s). Each run signs in in a
  fresh browser context, opens the client once on the Client page (so the page opens on them
  next time, as it does for a coach), goes to Programs, which draws no chart, waits for it to
  finish, and is then timed back to the Client page. The moves are tests/browser/driver.py's,
  the ones the browser tests check. The time to all the page's charts drawn is printed as well.

Then the client's report link against the coach's Client page, cold, on the demo database and
the same server, at a phone's size (390×844) and a desktop's (1400×1000): from typing the
address into a fresh browser context to the first chart drawn. The link opens with only its
token; the Client page opens signed in (the sign-in, in the same context, is not timed) on the
same client. Target: the link at most 2 s, and at most 1.2 times the Client page.

The first chart's moment is read by the page's own clock (CHART_CLOCK below), not by polling
from Playwright, which looks only every 500 ms once its first tries miss.

"Today" is the real day on both, as for a coach (the gym chain's logs end on 2026-11-02; the
demo is built ending today).

A missed target is reported as FAIL with exit code 0: this is a report, not a test; a page
that fails to draw, or shows another client, exits non-zero. From the project root, with
Chromium installed (`.ci/run` installs it):

    .venv/bin/python bench/pages.py [--repeat 5] [--out bench/out] [--links-only] [--smoke]

--smoke is for the test suite, so that a change that breaks the bench fails there rather than
on the next run of record: one run of each figure, on the demo database alone (the gym chain
takes minutes to build) and the report link at the phone's size alone, through the same
servers, Chromium and AppTest, printing the same tables; nothing is written outside a
temporary folder. Its figures are not worth comparing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import gymchain
import streamlit as st
from playwright.sync_api import sync_playwright
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from coachkit import auth, catalog, charts, clients, demo, metrics, sharing
from coachkit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the browser tests' driver
from tests.browser import driver  # noqa: E402

CHANGED_TARGET_S, UNCHANGED_TARGET_S, BROWSER_TARGET_S = 0.25, 0.06, 2.0
LINK_RATIO_TARGET = 1.2  # the report link's first chart against the Client page's
VIEWPORTS = {"phone 390x844": {"width": 390, "height": 844},
             "desktop 1400x1000": {"width": 1400, "height": 1000}}  # fmt: skip
CHART = ".vega-embed canvas, .vega-embed svg"
# The moment a chart is drawn, read in the page itself: Playwright's own wait for an element,
# once its first quick tries miss, looks again only every 500 ms, so timed from outside a chart
# drawn at 1.6 s was seen at 2.0 s. A MutationObserver, installed before the page's own
# scripts, stamps performance.now() (milliseconds since the navigation began) when the first
# chart appears, and forgets it when none is left (a page with no chart).
CHART_CLOCK = (
    "window.__chartAt = null;\n"
    "new MutationObserver(() => {\n"
    f"  const drawn = document.querySelector({CHART!r}) !== null;\n"
    "  if (!drawn) window.__chartAt = null;\n"
    "  else if (window.__chartAt === null) window.__chartAt = performance.now();\n"
    "}).observe(document, {childList: true, subtree: true});"
)


def clocked_context(browser, viewport: dict | None = None):
    """A fresh browser context whose pages stamp when their first chart is drawn."""
    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000})
    context.set_default_timeout(driver.WAIT_MS)
    context.add_init_script(CHART_CLOCK)
    return context


def chart_drawn_at(page) -> float:
    """Seconds since the page's navigation began when its first chart was drawn; waits for it."""
    page.wait_for_function("window.__chartAt !== null")
    return page.evaluate("window.__chartAt") / 1000


class Case:
    """One database, the coach to sign in as, and the client whose page is timed, with the
    number of charts their Client page draws: the calendar and those that fit the client."""

    def __init__(self, label: str, db: str, email: str, password: str, client: str) -> None:
        self.label, self.db, self.email, self.password = label, db, email, password
        with open_store(db) as store:
            coach = auth.coach_by_email(store, email)
            found = clients.client_by_name(store, coach.id, client)
            board = metrics.dashboard(store, coach.id, found.id)
        self.client_name, self.client_id = found.name, str(found.id)
        self.charts = 1 + len(charts.compliance_charts(board)) + len(charts.progress_charts(board))


def through_dashboard() -> None:
    """Make every AppTest run go through dashboard.py's navigation, as a real server's runs do
    once a session has run it. AppTest resets Streamlit's legacy pages-folder switch before each
    run, and with pages/ beside dashboard.py switch_page would then run pages/client.py alone,
    which shows the sign-in form. The same as tests/conftest.py's navigation_mode fixture."""
    reset = PagesManager.__init__

    def init(self, *args, **kwargs):
        reset(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def server_runs(case: Case) -> tuple[float, float]:
    """Seconds of one AppTest run of dashboard.py on the Client page, signed in, with the data
    changed since the last view (nothing cached), then of the next run (unchanged)."""
    os.environ["COACHKIT_DB"] = case.db
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.text_input(key="sign_in_email").input(case.email)
    at.text_input(key="sign_in_password").input(case.password)
    at.button(key="sign_in_submit").click().run()
    at.query_params["client"] = case.client_id
    st.cache_data.clear()  # as after a write: the new data version has no entry yet
    started = time.perf_counter()
    at.switch_page("pages/client.py").run()
    changed = time.perf_counter() - started
    drawn_page(case, at)
    started = time.perf_counter()
    at.run()
    unchanged = time.perf_counter() - started
    drawn_page(case, at)
    return changed, unchanged


def drawn_page(case: Case, at: AppTest) -> None:
    """Stop the bench unless the run drew the client's page whole."""
    if at.exception:
        raise SystemExit(f"{case.label}: the Client page raised {at.exception[0].message}")
    drawn = len(at.get("vega_lite_chart"))
    if drawn != case.charts:
        raise SystemExit(f"{case.label}: the Client page drew {drawn} charts, not {case.charts}")
    if at.selectbox(key="client_pick").value != uuid.UUID(case.client_id):
        raise SystemExit(f"{case.label}: the Client page showed another client")


def browser_runs(case: Case, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds from following the sidebar's Client link to the first chart drawn, and to the
    last of the page's charts drawn, `repeat` times."""
    first, every = [], []
    with driver.running(case.db) as base, sync_playwright() as playwright:
        browser = driver.launch(playwright)
        for _ in range(repeat):
            page = clocked_context(browser).new_page()
            driver.sign_in(page, base, case.email, case.password)
            driver.go(page, "Client")
            driver.choose(page, "Client", case.client_name)
            page.locator(CHART).nth(case.charts - 1).wait_for()
            driver.go(page, "Programs")
            page.get_by_role("heading", name="Assign a program").wait_for()
            page.get_by_test_id("stStatusWidget").wait_for(state="detached")
            if page.locator(CHART).count():
                raise SystemExit(f"{case.label}: the Programs page drew a chart")
            # The page's own clock: the sidebar's link keeps the same document.
            started = page.evaluate("performance.now()") / 1000
            wall = time.perf_counter()
            driver.go(page, "Client")
            first.append(chart_drawn_at(page) - started)
            page.locator(CHART).nth(case.charts - 1).wait_for()  # polled: no target on this one
            every.append(time.perf_counter() - wall)
            shown = page.get_by_test_id("stSelectbox").first.locator("input").input_value()
            if shown != case.client_name:
                raise SystemExit(f"{case.label}: the Client page opened {shown}")
            page.context.close()
        browser.close()
    return first, every


def link_runs(case: Case, repeat: int, views: list[str]) -> dict[str, dict[str, list[float]]]:
    """Seconds from typing the address to the first chart drawn, in a fresh context each run:
    the report link and the Client page, alternating, at each of the VIEWPORTS `views`."""
    with open_store(case.db) as store:
        coach = auth.coach_by_email(store, case.email)
        token = sharing.create_link(store, coach.id, uuid.UUID(case.client_id)).token
    runs = {view: {"report link": [], "Client page": []} for view in views}
    with driver.running(case.db) as base, sync_playwright() as playwright:
        browser = driver.launch(playwright)
        for _ in range(repeat):
            for view in views:
                context = clocked_context(browser, VIEWPORTS[view])
                page = context.new_page()
                page.goto(f"{base}/?token={token}")
                runs[view]["report link"].append(chart_drawn_at(page))
                context.close()

                context = clocked_context(browser, VIEWPORTS[view])
                page = context.new_page()
                driver.sign_in(page, base, case.email, case.password)
                page.get_by_role("heading", name="Clients", exact=True).wait_for()
                page = context.new_page()  # a new session, signed in by the cookie
                page.goto(f"{base}/client?client={case.client_id}")
                runs[view]["Client page"].append(chart_drawn_at(page))
                context.close()
        browser.close()
    return runs


def print_links(runs: dict[str, dict[str, list[float]]]) -> None:
    print("cold open to the first chart: the client's report link against the Client page:")
    for view, pair in runs.items():
        link, page = (statistics.median(pair[k]) for k in ("report link", "Client page"))
        for label, figures in pair.items():
            shown = ", ".join(f"{t:.2f}" for t in figures)
            print(f"  {view:<18} {label:<12} median {statistics.median(figures):.2f} s  ({shown})")
        ok = link <= BROWSER_TARGET_S and link / page <= LINK_RATIO_TARGET
        print(f"  {view:<18} ratio {link / page:.2f}; target <= {BROWSER_TARGET_S:.0f} s and "
              f"<= {LINK_RATIO_TARGET}: {'PASS' if ok else 'FAIL'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--links-only", action="store_true",
                        help="only the report link against the Client page (demo)")  # fmt: skip
    parser.add_argument("--smoke", action="store_true",
                        help="one run of each, on the demo database alone")  # fmt: skip
    args = parser.parse_args()
    repeat = 1 if args.smoke else args.repeat

    with tempfile.TemporaryDirectory(prefix="ck-pages-") as scratch:
        small = str(Path(scratch) / "demo.duckdb")
        with open_store(small) as store:
            catalog.sync(store)
            demo.rebuild(store, date.today())
        reference = Case("demo, 6-month client", small, demo.DEMO_EMAIL, demo.DEMO_PASSWORD,
                         "Maya Lopez")  # fmt: skip
        # A smoke run opens the phone's size alone: the desktop's goes through the same code.
        views = ["phone 390x844"] if args.smoke else list(VIEWPORTS)
        links = link_runs(reference, repeat, views)
        if args.links_only:
            print_links(links)
            return
        if args.smoke:
            cases = (reference,)
            print(f"smoke: the demo database alone; {os.cpu_count()} cores; 1 run each")
        else:
            big, facts = gymchain.ensure(args.out, 2000, 7)
            contender = Case(
                "gym chain, 3-year client", str(big), gymchain.coach_email(0), gymchain.PASSWORD,
                gymchain.client_name(0, 0),
            )  # fmt: skip
            cases = (contender, reference)
            print(f"gym chain: {facts['set_rows']:,} set rows; {os.cpu_count()} cores; "
                  f"{repeat} runs each")  # fmt: skip

        # The browser first: AppTest opens the databases in this process, and DuckDB would then
        # keep them locked against the servers' processes.
        first, every = {}, {}
        for case in cases:
            first[case.label], every[case.label] = browser_runs(case, repeat)
        through_dashboard()
        changed = {case.label: [] for case in cases}
        unchanged = {case.label: [] for case in cases}
        for _ in range(repeat):
            for case in cases:
                timed = server_runs(case)
                changed[case.label].append(timed[0])
                unchanged[case.label].append(timed[1])

    for title, figures, target in (
        ("server run of the Client page, data changed (AppTest)", changed, CHANGED_TARGET_S),
        ("server run of the Client page, unchanged (AppTest)", unchanged, UNCHANGED_TARGET_S),
        ("browser: Client link to the first chart drawn", first, BROWSER_TARGET_S),
        ("browser: Client link to all the page's charts drawn (no target)", every, None),
    ):
        print(f"{title}:")
        for case in cases:
            runs = ", ".join(f"{t:.2f}" for t in figures[case.label])
            print(f"  {case.label:<26} median {statistics.median(figures[case.label]):.2f} s"
                  f"  ({runs})")  # fmt: skip
        # The first case is the contender, the demo client in a smoke run.
        ours = statistics.median(figures[cases[0].label])
        verdict = []
        if len(cases) > 1:
            verdict.append(f"ratio {ours / statistics.median(figures[reference.label]):.2f}")
        if target is not None:
            verdict.append(f"target <= {target:g} s: {'PASS' if ours <= target else 'FAIL'}")
        if verdict:
            print("  " + "; ".join(verdict))
    print_links(links)


if __name__ == "__main__":
    main()
