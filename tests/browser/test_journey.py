"""The coach's whole journey in a real browser, from sign-in to a revoked report link."""

import re
from datetime import date, timedelta

import pytest
from playwright import sync_api

from coachkit import demo, sessions
from coachkit.samples import quirks
from tests.browser.conftest import SAMPLES, shot
from tests.browser.driver import choose, fresh_page, go, settled, sign_in, wait_for_cookie

pytestmark = pytest.mark.browser

NEW_CLIENT = "Robin Browser"


def past_logs(today: date) -> str:
    """A Strong export (layout A) of five weeks up to `today`: 3 squats and a quad stretch
    every third day, today included, and 3 bench presses the day before each."""
    rows = ["Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes"]
    for back in range(36, -1, -3):
        day = today - timedelta(days=back)
        rows += [f"{day} 18:00:00,Legs,Squat (Barbell),{n},80,8,,," for n in (1, 2, 3)]
        rows.append(f"{day} 18:00:00,Legs,Quad Stretch,1,,,,30,")
        if back:
            rows += [f"{day - timedelta(days=1)} 18:00:00,Push,Bench Press (Barbell),{n},60,8,,,"
                     for n in (1, 2, 3)]  # fmt: skip
    return "\n".join(rows) + "\n"


def today_label() -> str:
    return f"{date.today():%a} {date.today()}"


def today_status() -> str:
    """What METRICS.md makes of today's leg session under Mon/Thu planned from today: done on
    a planned day; moved when tomorrow is one (it stands for it; yesterday is before the
    start); otherwise extra. The session before it was 3 days earlier: not too soon."""
    today = date.today()
    if today.isoweekday() in (1, 4):
        return "done"
    return "moved" if (today + timedelta(days=1)).isoweekday() in (1, 4) else "extra"


def no_dialog_and_no_menu(page) -> bool:
    """Neither Streamlit's "Page not found" dialog nor a menu of pages is on the page."""
    page.wait_for_timeout(500)  # either would be drawn by now
    return page.get_by_role("dialog").count() == page.get_by_test_id("stSidebarNav").count() == 0


def test_a_deep_link_to_upload_while_signed_out_shows_the_sign_in(server, browser):
    # The module's first visit: a fresh server, which runs a page file alone in Streamlit's
    # legacy pages-folder mode until dashboard.py has run once (ui.through_app).
    page = fresh_page(browser)
    page.goto(f"{server}/upload")
    page.get_by_role("heading", name="Sign in to CoachKit").wait_for()
    assert page.get_by_text("Workout exports (CSV)").count() == 0
    assert no_dialog_and_no_menu(page)
    shot(page, "sign-in")


def test_a_deep_link_to_a_client_signed_out_leads_there_after_signing_in(server, browser, demo_ids):
    # The server has run dashboard.py for the visit before (st.navigation is in use), so a page the
    # navigation did not list would get Streamlit's "Page not found" dialog.
    fresh_page(browser).goto(server)
    page = fresh_page(browser)
    eva = demo_ids["Eva Rossi"]
    page.goto(f"{server}/client?client={eva}")
    page.get_by_role("heading", name="Sign in to CoachKit").wait_for()
    assert no_dialog_and_no_menu(page)
    page.get_by_role("textbox", name="Email").fill(demo.DEMO_EMAIL)
    page.get_by_role("textbox", name="Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Client", exact=True).wait_for()
    box = page.get_by_test_id("stSelectbox").filter(has_text="Client").first
    sync_api.expect(box.locator("input")).to_have_value("Eva Rossi")
    assert page.url.endswith(f"/client?client={eva}")
    page.locator(".vega-embed").first.wait_for()
    assert page.get_by_role("dialog").count() == 0


def test_the_whole_journey_from_sign_in_to_a_revoked_report_link(server, browser, tmp_path):
    page = fresh_page(browser)
    sign_in(page, server)
    page.get_by_text("Needs attention").first.wait_for()
    # The shot waits for the roster table and its chart to be drawn.
    table = page.get_by_test_id("stDataFrame").first
    table.wait_for()
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    shot(page, "clients", phone=True, focus=table)

    # A new client, and a Strong export and a Hevy export through the file input.
    page.get_by_text("Add a client").click()
    page.get_by_role("textbox", name="Name", exact=True).fill(NEW_CLIENT)
    page.get_by_role("button", name="Add client").click()
    page.get_by_text(f"{NEW_CLIENT} added.").wait_for()

    # Gym legs (Mon, Thu) from today, as the Programs page offers it.
    go(page, "Programs")
    page.get_by_role("heading", name="Assign a program").wait_for()
    choose(page, "Client", NEW_CLIENT)
    choose(page, "Program", "Gym legs", nth=-1)  # the assign form's, below the builder's
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_text(f"{NEW_CLIENT} follows Gym legs from {date.today()}.").wait_for()

    go(page, "Upload")
    choose(page, "Client", NEW_CLIENT)
    files = [SAMPLES / "maya-lopez-strong.csv", SAMPLES / "jordan-reed-hevy.csv"]
    page.locator("input[type=file]").set_input_files([str(f) for f in files])
    for sample in files:
        page.get_by_role("button", name=re.compile(r"^Import [\d,]+ new sets")).first.click()
        page.get_by_text(f"{sample.name}: imported").wait_for()
        settled(page)  # the next file's preview again, with the sets just imported
    shot(page, "upload")

    # A file with one absurd row (a 4,500-rep step-up): refused whole unless the coach says
    # to import the other rows, which the button offers.
    stairs = tmp_path / "stairs.csv"
    stairs.write_bytes(quirks.stairs(1))
    page.locator("input[type=file]").set_input_files([str(stairs)])
    leave_out = page.get_by_role("button", name="Import the 10 good rows, leave out these 1")
    leave_out.wait_for()
    page.get_by_text("1 of its 12 rows has errors").wait_for()
    shot(page, "upload-leave-out", phone=True, focus=leave_out)
    leave_out.click()
    page.get_by_text("Left out 1 row with errors.").wait_for()

    # Five weeks of past logs up to today: legs every third day, each followed by a stretch.
    past = tmp_path / "robin-past.csv"
    past.write_text(past_logs(date.today()), encoding="utf-8")
    page.locator("input[type=file]").set_input_files([str(past)])
    page.get_by_role("button", name=re.compile(r"^Import [\d,]+ new sets")).first.click()
    page.get_by_text(f"{past.name}: imported").wait_for()

    # The client's charts are drawn.
    go(page, "Client")
    choose(page, "Client", NEW_CLIENT)
    page.locator(".vega-embed").nth(7).wait_for()
    assert page.locator(".vega-embed").count() == 8
    recovery = page.get_by_test_id("stMetric").filter(has_text="Recovery")
    assert re.search(r"\d+%", recovery.inner_text())  # a number, not "—"
    # The calendar's line of words: today's session against Gym legs' Mon and Thu from today.
    words = page.get_by_text(f"Today ({today_label()}): {today_status()}.")
    words.wait_for()
    shot(page, "client", phone=True)
    shot(page, "client-calendar", phone=True, focus=words)

    go(page, "Programs")
    page.get_by_role("heading", name="Programs", exact=True).wait_for()
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
    reader.locator(".vega-embed").nth(2).wait_for()  # leg days, legs by month, strength
    assert reader.get_by_test_id("stSidebarNav").count() == 0
    shot(reader, "report", phone=True)

    page.get_by_role("button", name="Revoke").click()
    # With no active link left, the revoke form goes.
    sync_api.expect(page.get_by_role("button", name="Revoke")).to_have_count(0)
    gone = fresh_page(browser)
    gone.goto(url)
    gone.get_by_role("heading", name="This link is not valid").wait_for()


def test_a_reload_keeps_the_coach_signed_in_until_sign_out(server, browser):
    page = fresh_page(browser)
    sign_in(page, server)
    go(page, "Upload")
    page.get_by_role("heading", name="Upload workout logs").wait_for()
    page.reload()
    page.get_by_role("heading", name="Upload workout logs").wait_for()
    page.get_by_role("button", name="Sign out").wait_for()
    # The sign-in is kept in an HTTP-only cookie: no script on the page can read it.
    kept = [c for c in page.context.cookies() if c["name"] == sessions.COOKIE]
    assert len(kept) == 1 and kept[0]["httpOnly"] and kept[0]["sameSite"] == "Lax"
    assert sessions.COOKIE not in page.evaluate("document.cookie")

    page.get_by_role("button", name="Sign out").click()
    wait_for_cookie(page, sessions.COOKIE, present=False)  # the browser dropped it
    page.get_by_role("heading", name="Sign in to CoachKit").wait_for()
    page.reload()
    page.get_by_role("heading", name="Sign in to CoachKit").wait_for()
