"""Shared fixtures of the browser tests: Debian's Chromium, a page per viewport, screenshots.

The tests run in the normal `pytest` run (and so in `make test` and CI); `-m browser` selects
them alone, `-m "not browser"` leaves them out while working on something else.

Screenshots are taken only when BROWSER_SCREENSHOTS names a folder, e.g.

    BROWSER_SCREENSHOTS=/tmp/screens .venv/bin/pytest tests/browser
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.chromium import launched_chromium, record_csp_violations
from tests.fixtures import upload_root  # noqa: F401 - fixtures for this folder

PHONE: ViewportSize = {"width": 360, "height": 780}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
# Generous for a slow CI machine, short enough that a hanging page fails the test quickly.
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)

OpenPage = Callable[..., Page]
Screenshot = Callable[[Page, str], None]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium with Playwright (part of the normal run)"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # One browser per module: while it lives, Playwright's event loop runs in this thread,
    # which must not outlast the browser tests and leak into the rest of the suite.
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def open_page(browser: Browser, live_server: LiveServer) -> Iterator[OpenPage]:
    """open_page(viewport=PHONE, locale="en") → a fresh page in its own browser profile
    (cookies, history), as if on another device. Closed after the test, which fails if a
    script on any of its pages threw an error: JavaScript may only enhance, never break, or if
    the Content-Security-Policy blocked anything."""
    contexts: list[BrowserContext] = []
    script_errors: list[str] = []
    csp_violations: list[str] = []

    def open_(*, viewport: ViewportSize = DESKTOP, locale: str = "en") -> Page:
        context = browser.new_context(viewport=viewport, locale=locale, base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("weberror", lambda error: script_errors.append(str(error.error)))
        record_csp_violations(context, csp_violations)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
    assert script_errors == [], "a script on a page threw an error"
    assert csp_violations == [], "the Content-Security-Policy blocked something on a page"


@pytest.fixture
def screenshot() -> Screenshot:
    """screenshot(page, "assessment") saves the whole page as <folder>/<name>-<width>.png when
    BROWSER_SCREENSHOTS is set; otherwise it does nothing."""
    folder = os.environ.get("BROWSER_SCREENSHOTS", "").strip()

    def take(page: Page, name: str) -> None:
        if not folder:
            return
        viewport = page.viewport_size
        width = viewport["width"] if viewport else 0
        safe = re.sub(r"[^a-z0-9-]+", "-", name.lower())
        Path(folder).mkdir(parents=True, exist_ok=True)
        # A full-page picture shows images far below the fold: load them all first.
        page.eval_on_selector_all(
            "img[loading=lazy]", "images => images.forEach(i => i.loading = 'eager')"
        )
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(Path(folder) / f"{safe}-{width}.png"), full_page=True)

    return take
