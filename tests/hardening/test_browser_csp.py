"""The browser tests' Content-Security-Policy check can fail: Chromium enforces the policy the
site sends and reports what it blocks in the console, where record_csp_violations finds it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Error
from pytest_django.live_server_helper import LiveServer

from tests.browser.chromium import launched_chromium, record_csp_violations

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched_chromium() as chromium:
        yield chromium


def test_an_inline_script_is_blocked_and_reported(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(locale="en", base_url=live_server.url)
    violations = record_csp_violations(context)
    page = context.new_page()
    page.goto("/konto/anmelden/")
    assert violations == []

    # What an injected <script> would do: Chromium refuses to run it, and says so.
    with pytest.raises(Error):
        page.add_script_tag(content="document.title = 'hijacked';")
    page.wait_for_timeout(100)
    title = page.title()
    context.close()

    assert title != "hijacked"
    assert any("script-src" in violation for violation in violations)
