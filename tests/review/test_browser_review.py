"""Review in a real browser (Debian's Chromium): the applicant shares, a counsellor comments
and asks for changes, the applicant sees the comment on the step and fixes it, the counsellor
approves, and the final package downloads. Every counsellor page is checked with axe."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from haertefall.accounts.models import User
from haertefall.cases.casefiles import load_case
from haertefall.cases.models import Case, Status
from haertefall.cases.services import do_create_case
from haertefall.packages.models import BuiltPackage
from haertefall.review.models import AuditAction, AuditEvent, Comment, Organisation
from tests.browser.chromium import record_csp_violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE: ViewportSize = {"width": 360, "height": 780}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
CASES = Path(__file__).resolve().parents[1] / "cases"
# The corpus's reference date: n01 is a complete petition on that day.
TODAY = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    # The live server runs in this process: it assesses for the corpus's day too.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # are still plain synchronous calls, which Django would otherwise refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
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
def page_for(
    browser: Browser, live_server: LiveServer, client_for: Callable[[User | None], Client]
) -> Iterator[Callable[[User, ViewportSize], Page]]:
    """A logged-in browser page of its own (cookies, history) for `user`."""
    contexts = []
    csp_violations: list[str] = []

    def open_(user: User, viewport: ViewportSize) -> Page:
        client = client_for(user)
        context = browser.new_context(viewport=viewport, locale="en", base_url=live_server.url)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        record_csp_violations(context, csp_violations)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
    assert csp_violations == [], "the Content-Security-Policy blocked something on a page"


@pytest.fixture
def petition(owner: User) -> Case:
    """n01: a complete Härtefall petition with all its files."""
    loaded = load_case(CASES / "n01-eze-koeln-ready.json")
    return do_create_case(owner, dict(loaded.document), dict(loaded.files), "import")


def serious_violations(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def screenshot(page: Page, name: str) -> None:
    """Only when REVIEW_SCREENSHOTS names a folder: pictures of the pages for a human look."""
    folder = os.environ.get("REVIEW_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def fits_the_screen(page: Page, width: int) -> bool:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    return isinstance(scroll_width, int) and scroll_width <= width


def test_a_counsellor_reviews_and_approves_what_the_applicant_fixed(
    page_for: Callable[[User, ViewportSize], Page],
    petition: Case,
    owner: User,
    counsellor: User,
    centre: Organisation,
) -> None:
    applicant = page_for(owner, PHONE)
    adviser = page_for(counsellor, DESKTOP)
    inaccessible: dict[str, list[str]] = {}

    def check(page: Page, name: str) -> None:
        screenshot(page, name.replace(":", "-").replace(" ", "-"))
        violations = serious_violations(page)
        if violations:
            inaccessible[name] = violations

    # The applicant shares the petition with the advice centre and asks for review.
    applicant.goto(reverse("wizard:case_list"))
    applicant.get_by_role("link", name="Review and sharing").click()
    applicant.get_by_role("link", name="Share with an advice centre").click()
    screenshot(applicant, "applicant-share")
    applicant.get_by_label("Beratungsstelle Nord (Dortmund)").check()
    applicant.get_by_label("I agree that the counsellors").check()
    applicant.get_by_role("button", name="Share my application").click()
    expect(applicant.locator(".messages")).to_contain_text("now shared with")
    applicant.get_by_role("button", name="Send for review").click()
    expect(applicant.locator(".status")).to_have_text("In review")

    # The counsellor finds it in the queue and comments on the arrival date.
    adviser.goto(reverse("review:queue"))
    check(adviser, "queue")
    adviser.get_by_role("link", name="Precious Eze").click()
    check(adviser, "review")
    adviser.locator("#step-lebenslauf-1").get_by_role("link", name="Comment on this step").click()
    adviser.get_by_label("About").select_option(
        label="Arrival: When did this person come to Germany?"
    )
    adviser.get_by_label("Comment for the applicant").fill(
        "Bitte das Einreisedatum aus der Duldung übernehmen."
    )
    adviser.get_by_role("button", name="Save comment").click()
    expect(adviser.locator(".messages")).to_contain_text("Your comment was saved")
    check(adviser, "step")
    adviser.get_by_role("link", name="Back to the review").click()
    adviser.get_by_role("button", name="Ask for changes").click()
    expect(adviser.locator(".case-status .status")).to_have_text("Changes requested")

    # The applicant sees the comment on that step, corrects the date and marks it as done.
    applicant.goto(reverse("wizard:step", args=[petition.pk, "lebenslauf-1"]))
    comments = applicant.locator("#comments")
    expect(comments).to_contain_text("Bitte das Einreisedatum aus der Duldung übernehmen.")
    screenshot(applicant, "applicant-step-with-comment")
    comments.get_by_role("link", name="When did this person come to Germany?").click()
    assert applicant.evaluate("document.activeElement.id") == "id_entry-entry_date_day"
    applicant.fill("#id_entry-entry_date_day", "2")
    applicant.get_by_role("button", name="Save and finish later").click()
    applicant.goto(reverse("wizard:step", args=[petition.pk, "lebenslauf-1"]))
    applicant.locator("#comments").get_by_role("button", name="Mark as done").click()
    expect(applicant.locator("#comments")).to_have_count(0)
    screenshot(applicant, "applicant-step-after")
    assert fits_the_screen(applicant, PHONE["width"])
    applicant.goto(reverse("review:applicant", args=[petition.pk]))
    screenshot(applicant, "applicant-review-page")
    applicant.get_by_role("button", name="Send for review again").click()

    # The counsellor sees exactly what changed, and approves.
    adviser.goto(reverse("review:changes", args=[petition.pk]))
    changes = adviser.locator(".change")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text("When did this person come to Germany?")
    expect(changes.locator("ins")).to_contain_text("02.")
    check(adviser, "changes")
    adviser.goto(reverse("review:case", args=[petition.pk]))
    adviser.get_by_role("button", name="Approve").click()
    expect(adviser.locator(".case-status .status")).to_have_text("Approved")
    for name in ("review:audit", "review:revisions"):
        adviser.goto(reverse(name, args=[petition.pk]))
        check(adviser, name)
    adviser.goto(reverse("review:notifications"))
    check(adviser, "notifications")
    adviser.goto(reverse("review:organisation", args=[centre.pk]))
    check(adviser, "organisation")
    adviser.goto(reverse("review:case_new"))
    check(adviser, "new case for a client")
    adviser.set_viewport_size(PHONE)
    adviser.goto(reverse("review:queue"))
    assert fits_the_screen(adviser, PHONE["width"])
    check(adviser, "queue on a phone")

    # The final package of the approved petition downloads.
    applicant.goto(reverse("review:applicant", args=[petition.pk]))
    applicant.get_by_role("link", name="Create the package").click()
    applicant.get_by_label("The final package, ready to send").check()
    applicant.locator("[data-build-button]").click()
    with applicant.expect_download() as download:
        applicant.get_by_role("link", name="Download the PDF").click()
    saved = download.value.path()
    assert saved is not None and Path(saved).read_bytes().startswith(b"%PDF")

    assert inaccessible == {}
    assert BuiltPackage.objects.get(case=petition).draft is False
    petition.refresh_from_db()
    # "exported" once the package page records the export (do_export_package).
    assert petition.status in (Status.APPROVED, Status.EXPORTED)
    comment = Comment.objects.get(case=petition)
    assert comment.resolved_by == owner
    assert AuditEvent.objects.filter(case=petition, action=AuditAction.VIEWED).count() == 1
