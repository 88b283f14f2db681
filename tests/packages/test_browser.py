"""The package pages in Debian's Chromium at phone width: progress, no-JS build, accessibility."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.test import Client
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from pytest_django.live_server_helper import LiveServer

from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase
from haertefall.packages.models import BuiltPackage
from tests.browser.chromium import record_csp_violations
from tests.packages.helpers import create, overview_url

pytestmark = pytest.mark.django_db(transaction=True)

PHONE: ViewportSize = {"width": 360, "height": 780}
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian's chromium package)")
    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # are still plain synchronous calls, which Django would otherwise refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[
                    "--no-sandbox",
                    "--disable-background-networking",
                    "--disable-component-update",
                ],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_phone(
    browser: Browser,
    live_server: LiveServer,
    owner: User,
    client_for: Callable[[User | None], Client],
) -> Iterator[Callable[..., Page]]:
    contexts = []
    csp_violations: list[str] = []

    def open_(*, javascript: bool = True) -> Page:
        session = client_for(owner).cookies["sessionid"].value
        context = browser.new_context(
            viewport=PHONE, locale="en", java_script_enabled=javascript, base_url=live_server.url
        )
        context.set_default_timeout(15_000)
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        contexts.append(context)
        record_csp_violations(context, csp_violations)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
    assert csp_violations == [], "the Content-Security-Policy blocked something on a page"


def serious_violations(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def fits_the_screen(page: Page) -> bool:
    width = page.evaluate("document.documentElement.scrollWidth")
    return isinstance(width, int) and width <= PHONE["width"]


def test_with_javascript_the_button_shows_progress_while_the_package_is_built(
    open_phone: Callable[..., Page], owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)
    page = open_phone()
    page.goto(overview_url(case))
    assert page.locator("[data-build-status]").is_hidden()
    # The page is gone once the result arrives: note what the form shows as it changes.
    page.evaluate(RECORD_FORM_CHANGES)

    page.click("[data-build-button]")
    page.wait_for_url("**/paket/*/")

    shown = json.loads(page.evaluate("sessionStorage.getItem('build-form')"))
    assert shown == {
        "buttonDisabled": True,
        "statusHidden": False,
        "statusText": "The package is being created …",
        "progress": True,
    }
    assert "Your draft is ready." in page.inner_text("main")
    assert BuiltPackage.objects.filter(case=case).count() == 1


RECORD_FORM_CHANGES = """() => {
  const form = document.querySelector("[data-build-form]");
  const button = form.querySelector("[data-build-button]");
  const status = form.querySelector("[data-build-status]");
  new MutationObserver(() => {
    sessionStorage.setItem("build-form", JSON.stringify({
      buttonDisabled: button.disabled,
      statusHidden: status.hidden,
      statusText: status.querySelector("p").textContent.trim(),
      progress: status.querySelector("progress:indeterminate") !== null,
    }));
  }).observe(form, {attributes: true, subtree: true});
}"""


def test_without_javascript_the_form_builds_and_the_preview_shows_the_pages(
    open_phone: Callable[..., Page], owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)
    page = open_phone(javascript=False)
    page.goto(overview_url(case))

    page.click("[data-build-button]")
    page.wait_for_url("**/paket/*/")

    built = BuiltPackage.objects.get(case=case)
    assert page.locator(".thumbnail__image").count() == built.page_count
    first = page.locator(".thumbnail__image").first
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.thumbnail__image').naturalWidth > 0")
    assert fits_the_screen(page)


def test_the_package_pages_have_no_serious_accessibility_problems(
    open_phone: Callable[..., Page], owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)
    page = open_phone()
    page.goto(overview_url(case))
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    page.click("[data-build-button]")
    page.wait_for_url("**/paket/*/")
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    page.click(".thumbnail__link >> nth=1")
    page.wait_for_url("**/seite-2/")
    assert fits_the_screen(page)
    assert serious_violations(page) == []
