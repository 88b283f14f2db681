"""What a person does in the browser, as small functions the flow tests read like a story.

Fields are found by their form names and ids (`persons-0-surname`), never by their labels, so
the same steps work in the German and the English interface.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.utils import timezone
from playwright.sync_api import Page, expect

from eligibility.dates import parse_partial_date

PASSWORD = "Ein langes Passwort für Tests"
# Impacts that fail a page; moderate and minor ones are counted for the closing note.
BLOCKING_IMPACTS = ("serious", "critical")
# The smallest height of a touch target (WCAG 2.5.5, GOV.UK: 44 CSS px).
TOUCH_TARGET_PX = 44

_axe = Axe()


# --------------------------------------------------------------------------------------------
# Accounts and cases


def sign_up(page: Page, email: str, password: str = PASSWORD) -> None:
    page.fill("#id_email", email)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/antraege/$"))


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.fill("#id_email", email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")


def log_out(page: Page) -> None:
    page.click(".account-nav__logout button")


def start_case(page: Page, target: str) -> None:
    """On "My applications": choose the application and press "Start"."""
    page.check(f"input[name=target][value={target}]")
    page.click(".new-case button[type=submit]")
    expect(page).to_have_url(re.compile(r"/schritt/personen/$"))


def switch_language(page: Page, code: str) -> None:
    page.click(f".language-switch button[value={code}]")
    expect(page.locator("html")).to_have_attribute("lang", code)


# --------------------------------------------------------------------------------------------
# Filling in a step


def fill(page: Page, values: dict[str, str]) -> None:
    """Type into text fields and text areas, by form name."""
    for name, value in values.items():
        page.fill(f"[name='{name}']", value)


def choose(page: Page, name: str, value: str) -> None:
    page.select_option(f"select[name='{name}']", value)


def answer(page: Page, name: str, value: str) -> None:
    """Tick a radio button ("yes", "no") or a checkbox of a multiple choice."""
    page.check(f"input[name='{name}'][value='{value}']")


def days_ago(days: int) -> str:
    """An ISO date `days` before the server's today: for papers that must be recent (a medical
    report, a school certificate) and may not lie in the future, whenever the tests run."""
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def fill_date(page: Page, name: str, value: str) -> None:
    """Type an ISO date ("2015-11-10", "2015-11" or "2015") into the day/month/year inputs,
    the way a person writes it: without leading zeros."""
    date = parse_partial_date(value)
    parts = {
        "day": "" if date.day is None else str(date.day),
        "month": "" if date.month is None else str(date.month),
        "year": str(date.year),
    }
    for part, text in parts.items():
        page.fill(f"[name='{name}_{part}']", text)


def add_row(page: Page, prefix: str) -> None:
    """Press "Add another …" (a plain submit button: it saves the page and shows a new row)."""
    rows = page.locator(f"[name^='{prefix}-'][name$='-source']")
    before = rows.count()
    page.click(f"button[name=add][value='{prefix}']")
    expect(rows).to_have_count(before + 1)


def save_and_continue(page: Page, then: str) -> None:
    """Press "Save and continue" and arrive at step `then` (or "unterlagen", "pruefen")."""
    page.click("#save-and-continue")
    expect(page).to_have_url(page_pattern(then))
    expect(page.locator("#error-summary")).to_have_count(0)


def page_pattern(name: str) -> re.Pattern[str]:
    """The URL of a step, the documents page or the check page of any case."""
    path = name if name in ("unterlagen", "pruefen", "bewertung") else f"schritt/{name}"
    return re.compile(rf"/antraege/[0-9a-f-]+/{path}/(\?[^#]*)?(#.*)?$")


def step_name(page: Page) -> str:
    match = re.search(r"/schritt/([a-z0-9-]+)/", page.url)
    assert match, page.url
    return match.group(1)


_BOOKKEEPING = re.compile(r"-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|source)$")


def answers_on_page(page: Page) -> dict[str, list[str]]:
    """What the person has entered on the step page as it shows now: every filled-in field by
    name, without the formsets' bookkeeping (row counts, where a row came from)."""
    values: dict[str, list[str]] = page.eval_on_selector_all(
        "form.step-form [name]",
        """elements => {
            const values = {};
            for (const element of elements) {
                const name = element.name;
                if (!name || ["csrfmiddlewaretoken", "version", "action", "add", "remove"]
                        .includes(name)) continue;
                if ((element.type === "radio" || element.type === "checkbox")
                        && !element.checked) continue;
                if (element.value === "") continue;
                (values[name] = values[name] || []).push(element.value);
            }
            return values;
        }""",
    )
    return {name: value for name, value in values.items() if not _BOOKKEEPING.search(name)}


# --------------------------------------------------------------------------------------------
# Checks every page must pass


@dataclass
class AxeFindings:
    """axe-core's findings on one page: the blocking ones in full, the rest as counts."""

    blocking: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def axe_findings(page: Page) -> AxeFindings:
    response = _axe.run(page).response
    findings = AxeFindings()
    for violation in response["violations"]:
        impact = violation.get("impact") or "unknown"
        findings.counts[f"{impact}:{violation['id']}"] += len(violation["nodes"])
        if impact in BLOCKING_IMPACTS:
            targets = [node["target"] for node in violation["nodes"]]
            findings.blocking.append(f"{impact} {violation['id']}: {targets}")
    return findings


def scrolls_sideways(page: Page) -> bool:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size
    assert viewport is not None and isinstance(width, int)
    return width > viewport["width"]


def small_touch_targets(page: Page) -> list[str]:
    """Visible buttons (and links drawn as buttons) less than 44 px high."""
    found: list[str] = page.eval_on_selector_all(
        "button, input[type=submit], .button",
        """(elements, minimum) => elements
            .filter(element => element.getClientRects().length > 0
                && getComputedStyle(element).visibility !== "hidden")
            .filter(element => element.getBoundingClientRect().height < minimum)
            .map(element => `${element.textContent.trim().slice(0, 40)} `
                + `(${Math.round(element.getBoundingClientRect().height)} px)`)""",
        TOUCH_TARGET_PX,
    )
    return found
