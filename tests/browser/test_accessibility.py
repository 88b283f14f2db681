"""axe-core on every kind of page an applicant sees, in the German interface at phone width:
no serious or critical violation anywhere.

The pages are reached the way a person reaches them – anonymous pages first, then log-in –
with a realistic case from the corpus (tests/cases/h11-…: a § 25b family where health matters,
so every step of the wizard exists) and a § 23a case for the commission's assessment.

With BROWSER_SCREENSHOTS set, each page is also photographed at phone and desktop width, and
the counts of moderate and minor findings are written to axe.json beside the pictures.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.browser.actions import (
    PASSWORD,
    axe_findings,
    fill_date,
    log_in,
    page_pattern,
    save_and_continue,
    scrolls_sideways,
)
from tests.browser.conftest import DESKTOP, PHONE, OpenPage, Screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = Path(__file__).resolve().parents[1] / "cases"
EVERY_STEP = (
    "personen",
    "lebenslauf-1",
    "schule",
    "integration",
    "verfahren",
    "gesundheit",
    "geschichte",
    "vertretung",
    "haushalt",
)


def corpus_case(owner: User, name: str) -> Case:
    """A corpus case with its attachment files, as an import would create it."""
    document: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    paths = {entry["file"] for entry in document["documents"] if entry.get("file")}
    files = {path: (CASES / path).read_bytes() for path in paths}
    return do_create_case(owner, document, files, "import")


class Audit:
    """Runs axe on each page it is shown and keeps what it found."""

    def __init__(self, screenshot: Screenshot) -> None:
        self.screenshot = screenshot
        self.blocking: dict[str, list[str]] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.sideways: list[str] = []

    def check(self, page: Page, name: str) -> None:
        expect(page.locator("main")).to_be_visible()
        findings = axe_findings(page)
        if findings.blocking:
            self.blocking[name] = findings.blocking
        self.counts[name] = findings.counts
        if scrolls_sideways(page):
            self.sideways.append(name)
        self.screenshot(page, name)
        if os.environ.get("BROWSER_SCREENSHOTS"):
            page.set_viewport_size(DESKTOP)
            self.screenshot(page, name)
            page.set_viewport_size(PHONE)

    def write_counts(self) -> None:
        folder = os.environ.get("BROWSER_SCREENSHOTS", "").strip()
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            (Path(folder) / "axe.json").write_text(
                json.dumps(self.counts, indent=2, sort_keys=True), encoding="utf-8"
            )


def test_every_page_an_applicant_sees_has_no_serious_accessibility_violation(
    open_page: OpenPage, screenshot: Screenshot
) -> None:
    owner = User.objects.create_user("leyla.muradova@example.org", PASSWORD)
    family = corpus_case(owner, "h11-muradova-krankheit-deutsch-incomplete")
    petition = corpus_case(owner, "n01-eze-koeln-ready")
    audit = Audit(screenshot)
    page = open_page(viewport=PHONE, locale="de-DE")

    page.goto("/")
    audit.check(page, "home")
    page.goto("/konto/registrieren/")
    audit.check(page, "sign-up")
    page.click("main form button[type=submit]")
    expect(page.locator("#error-summary")).to_be_visible()
    audit.check(page, "sign-up-with-errors")
    page.goto("/konto/anmelden/")
    audit.check(page, "log-in")
    log_in(page, owner.email)

    expect(page.locator(".case-card")).to_have_count(2)
    audit.check(page, "case-list")
    page.goto("/antraege/neu/")
    audit.check(page, "new-case")

    for step in EVERY_STEP:
        page.goto(f"/antraege/{family.pk}/schritt/{step}/")
        expect(page).to_have_url(page_pattern(step))
        audit.check(page, f"step-{step}")

    # A step with errors: a day that does not exist and a period that ends before it starts.
    page.goto(f"/antraege/{family.pk}/schritt/lebenslauf-1/")
    fill_date(page, "entry-entry_date", "2015")
    page.fill("[name='entry-entry_date_day']", "31")
    page.fill("[name='entry-entry_date_month']", "2")
    page.click("#save-and-continue")
    expect(page.locator("#error-summary")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    audit.check(page, "step-with-errors")

    # The conflict page: the same step open in two tabs, saved in one, then in the other.
    other_tab = page.context.new_page()
    other_tab.goto(f"/antraege/{family.pk}/schritt/haushalt/")
    page.goto(f"/antraege/{family.pk}/schritt/haushalt/")
    page.fill("[name='rent-rent_monthly']", "990")
    save_and_continue(page, "unterlagen")
    other_tab.fill("[name='rent-rent_monthly']", "1010")
    other_tab.click("#save-and-continue")
    expect(other_tab.locator("#conflict")).to_be_visible()
    audit.check(other_tab, "conflict")
    other_tab.close()

    page.goto(f"/antraege/{family.pk}/pruefen/")
    audit.check(page, "check")
    page.goto(f"/antraege/{family.pk}/bewertung/")
    audit.check(page, "assessment-25b")
    page.goto(f"/antraege/{petition.pk}/bewertung/")
    audit.check(page, "assessment-23a")
    page.goto(f"/antraege/{family.pk}/unterlagen/")
    audit.check(page, "documents")
    page.goto(f"/antraege/{family.pk}/unterlagen/hochladen/")
    audit.check(page, "upload")

    audit.write_counts()
    assert audit.blocking == {}
    assert audit.sideways == []
