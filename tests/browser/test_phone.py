"""On a 360 px phone, in German: a short way through the application where no page scrolls
sideways and every button is big enough to hit with a thumb."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.actions import (
    answer,
    choose,
    fill,
    fill_date,
    page_pattern,
    save_and_continue,
    scrolls_sideways,
    sign_up,
    small_touch_targets,
    start_case,
)
from tests.browser.conftest import PHONE, OpenPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_fits_a_phone(page: Page) -> None:
    where = page.url
    assert not scrolls_sideways(page), f"{where} scrolls sideways at 360 px"
    assert small_touch_targets(page) == [], f"{where} has buttons lower than 44 px"


def test_a_short_way_through_the_application_fits_a_phone(open_page: OpenPage) -> None:
    page = open_page(viewport=PHONE, locale="de-DE")

    page.goto("/")
    assert_fits_a_phone(page)
    page.click("main a[href$='/konto/registrieren/']")
    assert_fits_a_phone(page)
    sign_up(page, "jawad.noori@example.org")
    assert_fits_a_phone(page)
    start_case(page, "abh_hannover_25b")
    assert_fits_a_phone(page)

    fill(
        page,
        {
            "persons-0-given_names": "Jawad",
            # A long name must wrap, not push the page wider than the screen.
            "persons-0-surname": "Noori-Abdulrahmanzadeh-Kandahari",
            "address-postcode": "30159",
            "address-city": "Hannover",
        },
    )
    fill_date(page, "persons-0-birth_date", "1990-01-01")
    choose(page, "persons-0-nationality", "AF")
    save_and_continue(page, "lebenslauf-1")
    assert_fits_a_phone(page)

    # A date that does not exist: the error summary takes the focus, its link leads to the day.
    page.fill("[name='entry-entry_date_day']", "30")
    page.fill("[name='entry-entry_date_month']", "2")
    page.fill("[name='entry-entry_date_year']", "2016")
    page.click("#save-and-continue")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert_fits_a_phone(page)
    summary.locator("a").first.click()
    expect(page.locator("#id_entry-entry_date_day")).to_be_focused()
    expect(page.locator("#id_entry-entry_date_day")).to_have_value("30")

    page.fill("[name='entry-entry_date_day']", "29")
    choose(page, "residence_history-0-status", "duldung")
    fill_date(page, "residence_history-0-start", "2016-03")
    answer(page, "health-health_relevant", "no")
    save_and_continue(page, "integration")
    assert_fits_a_phone(page)

    page.click("#save-and-finish-later")
    expect(page).to_have_url(re.compile(r"/antraege/$"))
    assert_fits_a_phone(page)
    page.click(".case-card a[href$='/pruefen/']")
    expect(page).to_have_url(page_pattern("pruefen"))
    assert_fits_a_phone(page)
    page.click(".actions--continue a[href$='/bewertung/']")
    expect(page).to_have_url(page_pattern("bewertung"))
    assert_fits_a_phone(page)
    page.goto(page.url.replace("/bewertung/", "/unterlagen/"))
    assert_fits_a_phone(page)
    page.click("a[href$='/unterlagen/hochladen/']")
    assert_fits_a_phone(page)
