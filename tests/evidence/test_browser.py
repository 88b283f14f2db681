"""The documents pages in a real browser (Debian's Chromium) at phone width."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, FilePayload, Page, ViewportSize
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.evidence.services import entry_key
from tests.browser.chromium import launched_chromium, record_csp_violations
from tests.evidence import samples
from tests.evidence.helpers import post_upload, upload_file

pytestmark = pytest.mark.django_db(transaction=True)

PHONE: ViewportSize = {"width": 360, "height": 780}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Shared with tests/browser: Debian's Chromium, skipped without it only outside CI.
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def phone(
    browser: Browser,
    live_server: LiveServer,
    owner: User,
    client_for: Callable[[User | None], Client],
) -> Iterator[Page]:
    client = client_for(owner)
    context = browser.new_context(viewport=PHONE, locale="en")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    csp_violations = record_csp_violations(context)
    page = context.new_page()
    yield page
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
    return isinstance(width, int) and width <= 360


def test_every_documents_page_is_accessible_and_fits_a_phone(
    phone: Page, live_server: LiveServer, case: Case, owner_client: Client
) -> None:
    post_upload(
        owner_client,
        case,
        upload_file("Lohnabrechnung mit einem sehr langen Dateinamen ohne Ende.pdf", samples.pdf()),
    )
    key = entry_key(case, "d1")
    pages = {
        "list": reverse("evidence:list", args=[case.pk]),
        "upload": reverse("evidence:upload", args=[case.pk]),
        "edit": reverse("evidence:edit", args=[case.pk, key]),
        "remove": reverse("evidence:remove", args=[case.pk, key]),
    }

    for name, path in pages.items():
        phone.goto(live_server.url + path)
        assert serious_violations(phone) == [], name
        assert fits_the_screen(phone), name


def test_a_refused_upload_shows_the_error_summary_with_focus(
    phone: Page, live_server: LiveServer, case: Case
) -> None:
    phone.goto(live_server.url + reverse("evidence:upload", args=[case.pk]))
    html: FilePayload = {"name": "Bescheid.pdf", "mimeType": "application/pdf", "buffer": b"<html>"}
    phone.set_input_files("#id_files", files=[html])
    phone.fill("#id_title", "Bescheid vom Amt")
    phone.click("#document-form button[type=submit]")

    assert phone.title().startswith("Error:")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert phone.input_value("#id_title") == "Bescheid vom Amt"
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)


def test_choosing_a_file_over_the_limit_warns_before_the_upload(
    phone: Page, live_server: LiveServer, case: Case, settings: Settings
) -> None:
    settings.UPLOAD_MAX_FILE_BYTES = 1024
    phone.goto(live_server.url + reverse("evidence:upload", args=[case.pk]))

    photo: FilePayload = {"name": "gross.jpg", "mimeType": "image/jpeg", "buffer": samples.jpeg()}
    phone.set_input_files("#id_files", files=[photo])

    warning = phone.locator("#document-form [data-size-warning]")
    assert warning.is_visible()
    assert "“gross.jpg”" in warning.inner_text()
    assert "at most 1" in warning.inner_text()
