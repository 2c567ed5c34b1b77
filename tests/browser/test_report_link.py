"""The client's report link in a real browser, as a client opens it: a fresh browser with only
the link, on a phone (390×844) and on a desktop (1400×1000). Nothing runs off the screen, the
first chart starts on the phone's first screen, no coach's word shows, the buttons are big
enough for a thumb, and the PDF the client saves holds the report."""

import pypdfium2 as pdfium
import pytest

from coachkit import auth, clients, demo, sharing
from coachkit.store import open_store
from tests.browser.conftest import PHONE, SHOTS, shot
from tests.browser.driver import WAIT_MS, running, settled
from tests.test_report import COACH_WORDS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 1000}
CLIENTS = {"maya": "Maya Lopez", "tom": "Tom Becker"}  # a weekly program, the daily plan


@pytest.fixture(scope="module")
def tokens(demo_file) -> dict[str, str]:
    """A link each, made before the server opens the database."""
    with open_store(demo_file) as store:
        coach = auth.coach_by_email(store, demo.DEMO_EMAIL)
        return {
            key: sharing.create_link(
                store, coach.id, clients.client_by_name(store, coach.id, name).id
            ).token
            for key, name in CLIENTS.items()
        }


@pytest.fixture(scope="module")
def server(demo_file, tokens):
    with running(demo_file) as base:
        yield base


def opened(browser, url: str, viewport: dict):
    """The link in a browser of its own, as the client has it: no cookie, nothing before."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(url)
    page.locator(".vega-embed").first.wait_for()
    page.get_by_role("button", name="Save as PDF").wait_for()
    settled(page)
    return page


def assert_reads_as_the_clients_screen(page, viewport: dict) -> None:
    widths = page.evaluate(
        """() => [document.documentElement.scrollWidth, window.innerWidth,
                  document.querySelector('[data-testid="stMain"]').scrollWidth]"""
    )
    assert widths[0] == widths[1] == viewport["width"], widths  # no horizontal scroll
    assert widths[2] <= viewport["width"], widths
    text = page.inner_text("body")
    assert not COACH_WORDS.search(text), COACH_WORDS.search(text)
    for button in page.locator('[data-testid="stDownloadButton"] button').all():
        assert button.bounding_box()["height"] >= 44


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_link_reads_on_a_phone_and_a_desktop(server, browser, tokens, viewport):
    page = opened(browser, f"{server}/?token={tokens['maya']}", viewport)
    page.get_by_text("Your last 4 weeks").wait_for()
    page.get_by_text("This week").first.wait_for()
    page.get_by_text("Each leg day of Gym legs").wait_for()
    assert_reads_as_the_clients_screen(page, viewport)
    first = page.locator(".vega-embed").first.bounding_box()
    assert first["y"] < viewport["height"]  # the first chart begins on the first screen
    phone = viewport is PHONE
    shot(page, "report-link-phone" if phone else "report-link")
    page.context.close()


def test_the_daily_plan_reads_on_a_phone(server, browser, tokens):
    page = opened(browser, f"{server}/?token={tokens['tom']}", PHONE)
    page.get_by_text("Every day: 100 squats in 5–6 sets, about 10 minutes.").wait_for()
    assert_reads_as_the_clients_screen(page, PHONE)
    assert page.locator(".vega-embed").first.bounding_box()["y"] < PHONE["height"]
    page.context.close()


def test_the_client_saves_the_report_as_a_pdf(server, browser, tokens, tmp_path):
    page = opened(browser, f"{server}/?token={tokens['maya']}", PHONE)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as PDF").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("leg-report-maya-lopez-") and saved.suffix == ".pdf"
    pdf = pdfium.PdfDocument(saved)
    text = " ".join(pdf[n].get_textpage().get_text_range() for n in range(len(pdf)))
    assert "Maya Lopez: leg training" in " ".join(text.split())
    # The first page as the client sees it, for the README.
    pdf[0].render(scale=1.5).to_pil().save(SHOTS / "report-pdf.png")
    page.context.close()
