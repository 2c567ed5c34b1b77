"""Sign-in through OpenID Connect, end to end: Streamlit's st.login against a local test
provider (oidc-provider-mock) on loopback, configured through an [auth] secrets section."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread

from coachkit import demo, ui
from tests.browser.driver import free_port, fresh_page, running

pytestmark = pytest.mark.browser

KNOWN = User(sub="coach-1", claims={"email": demo.DEMO_EMAIL, "email_verified": True})
STRANGER = User(sub="stranger", claims={"email": "nobody@elsewhere.example"})


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread(user_claims=[KNOWN, STRANGER]) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def oidc_server(demo_file, provider, tmp_path_factory) -> Iterator[str]:
    """The app with an [auth] section pointing at the test provider, in a secrets file of its
    own so that no other test sees it."""
    secrets = Path(tmp_path_factory.mktemp("oidc")) / "secrets.toml"
    port = free_port()
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a throwaway secret for the test server"\n'
        'client_id = "coachkit-test"\n'
        'client_secret = "coachkit-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with running(demo_file, "--secrets.files", str(secrets), port=port) as base:
        yield base


def sign_in_as(page, base: str, sub: str) -> None:
    page.goto(base)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_a_coach_signs_in_through_the_provider_and_sees_their_roster(oidc_server, browser):
    page = fresh_page(browser)
    sign_in_as(page, oidc_server, KNOWN.sub)
    page.get_by_role("heading", name="Clients", exact=True).wait_for()
    # The email as text, not a mailto link: a word joiner sits before its "@" (ui.plain).
    signed_in_as = page.get_by_text(
        f"Signed in as {ui.plain(demo.DEMO_EMAIL).replace(chr(92), '')}"
    )
    signed_in_as.wait_for()
    assert signed_in_as.count() == 1


def test_an_identity_without_a_coach_account_gets_no_access(oidc_server, browser):
    page = fresh_page(browser)
    sign_in_as(page, oidc_server, STRANGER.sub)
    page.get_by_text("has no CoachKit account").wait_for()
    assert page.get_by_role("heading", name="Clients").count() == 0
