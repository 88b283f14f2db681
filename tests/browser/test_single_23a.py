"""A single applicant in Dortmund prepares a § 23a hardship petition in the browser. She opens
the site in German, switches to English and goes through the whole flow in English; what goes to
the Härtefallkommission – her story, the reasons of the assessment – stays German.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from eligibility.engine import assess
from eligibility.facts import parse_case
from haertefall.cases.models import Case
from tests.browser.actions import (
    add_row,
    answer,
    choose,
    days_ago,
    fill,
    fill_date,
    page_pattern,
    save_and_continue,
    sign_up,
    start_case,
    switch_language,
)
from tests.browser.conftest import OpenPage
from tests.evidence import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amra.hodzic@example.org"

STORY = {
    "life_story": (
        "Ich bin 1979 in Prijedor geboren. Im Krieg habe ich meine Familie verloren. "
        "Seit 2016 lebe ich in Dortmund."
    ),
    "current_situation": (
        "Ich wohne allein in einer kleinen Wohnung in der Nordstadt und bin wegen meiner "
        "Krankheit in Behandlung."
    ),
    "integration": (
        "Ich habe den Deutschkurs mit A2 abgeschlossen und helfe jede Woche bei der Tafel Dortmund."
    ),
    "humanitarian_reasons": (
        "Meine Ärztin sagt, dass eine Rückkehr meine Behandlung abbrechen würde. In Bosnien "
        "habe ich niemanden mehr."
    ),
}


def fill_applicant(page: Page) -> None:
    fill(
        page,
        {
            "persons-0-given_names": "Amra",
            "persons-0-surname": "Hodžić",
            "persons-0-birth_place": "Prijedor",
            "address-street": "Münsterstraße 54",
            "address-postcode": "44145",
            "address-city": "Dortmund",
        },
    )
    fill_date(page, "persons-0-birth_date", "1979-07-22")
    choose(page, "persons-0-birth_country", "BA")
    choose(page, "persons-0-sex", "female")
    choose(page, "persons-0-marital_status", "single")
    choose(page, "persons-0-nationality", "BA")


def fill_biography(page: Page) -> None:
    fill_date(page, "entry-entry_date", "2016-03")
    choose(page, "residence_history-0-status", "gestattung")
    fill_date(page, "residence_history-0-start", "2016-03-15")
    fill_date(page, "residence_history-0-end", "2019-02-28")
    add_row(page, "residence_history")
    choose(page, "residence_history-1-status", "duldung")
    choose(page, "residence_history-1-basis", "60a")
    fill_date(page, "residence_history-1-start", "2019-03-01")
    answer(page, "identity-passport_held", "no")
    add_row(page, "passport_efforts")
    fill_date(page, "passport_efforts-0-date", "2023-05")
    fill(page, {"passport_efforts-0-what": "Termin bei der Botschaft von Bosnien und Herzegowina"})
    # Her illness matters: that makes the health step appear.
    answer(page, "health-health_relevant", "yes")


def test_a_single_applicant_in_dortmund_prepares_a_hardship_petition_in_english(
    open_page: OpenPage, tmp_path: Path
) -> None:
    page = open_page(locale="de-DE")

    # The site opens in German; the language switch turns the interface to English.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Prepare your application to stay")
    page.click("main a[href$='/konto/registrieren/']")
    expect(page.locator("h1")).to_have_text("Create an account")
    sign_up(page, EMAIL)
    # Labels of choices follow the interface language too.
    expect(page.locator("label[for=id_target_0]")).to_have_text(
        "Hardship petition (§ 23a), Härtefallkommission NRW"
    )
    start_case(page, "hfk_nrw")
    case = Case.objects.get(owner__email=EMAIL)

    expect(page.locator("#id_persons-0-role option:checked")).to_have_text(
        "Applicant (the person who applies)"
    )
    fill_applicant(page)
    save_and_continue(page, "lebenslauf-1")
    fill_biography(page)
    save_and_continue(page, "integration")
    # The health step is now part of the way: "Step 3 of 9".
    expect(page.locator(".progress__position")).to_have_text("Step 3 of 9")
    expect(page.locator(".progress__list a")).to_have_text(
        [
            "Persons and address",
            "Life history: Amra Hodžić",
            "German and integration",
            "Procedures and convictions",
            "Health",
            "Your story",
            "Counsellor or lawyer",
            "Rent and contact",
            "Documents",
        ]
    )

    # § 23a asks no declaration of commitment (that is § 25b).
    expect(page.locator("[name='persons-0-fdgo']")).to_have_count(0)
    choose(page, "persons-0-german_level", "A2")
    choose(page, "persons-0-german_certificate", "DTZ")
    fill_date(page, "persons-0-german_date", "2021-06-14")
    add_row(page, "persons-0-integration")
    choose(page, "persons-0-integration-0-kind", "volunteering")
    fill(page, {"persons-0-integration-0-what": "Helferin bei der Tafel Dortmund"})
    fill_date(page, "persons-0-integration-0-start", "2022")
    save_and_continue(page, "verfahren")

    add_row(page, "procedures")
    choose(page, "procedures-0-kind", "asylum")
    fill(page, {"procedures-0-authority": "BAMF"})
    fill_date(page, "procedures-0-decided", "2019-02-11")
    choose(page, "procedures-0-outcome", "rejected")
    fill_date(page, "procedures-0-final_date", "2019-02-28")
    answer(page, "procedures-0-pending", "no")
    save_and_continue(page, "gesundheit")

    fill(
        page,
        {
            "persons-0-health-0-condition": "Posttraumatische Belastungsstörung",
            "persons-0-health-0-treating": "Dr. med. Weber, Dortmund",
        },
    )
    fill_date(page, "persons-0-health-0-report_date", days_ago(30))
    answer(page, "persons-0-health-0-limits", "work")
    save_and_continue(page, "geschichte")

    # Her story, written in German; every part the commission expects is marked as needed.
    expect(page.locator(".tag:not(.tag--optional)")).to_have_count(4)
    for part, text in STORY.items():
        choose(page, f"{part}-language", "de")
        fill(page, {f"{part}-text": text})
    fill(
        page,
        {
            "family_ties-germany": "Niemand.",
            "family_ties-country_of_origin": "Keine Angehörigen mehr in Bosnien.",
        },
    )
    save_and_continue(page, "vertretung")
    answer(page, "representative-has_representative", "no")
    save_and_continue(page, "haushalt")
    fill(page, {"rent-rent_monthly": "480"})
    answer(page, "rent-rent_includes_heating", "no")
    save_and_continue(page, "unterlagen")

    # The medical report, uploaded from the "still needed" list's full upload form.
    expect(page.locator("#missing")).to_contain_text("Medical report")
    report_file = tmp_path / "Attest Dr Weber.pdf"
    report_file.write_bytes(samples.pdf(pages=3, text="Aerztliches Attest"))
    page.click("a[href*='category=medical_report']")
    expect(page.locator("#id_category")).to_have_value("medical_report")
    page.set_input_files("#id_files", str(report_file))
    page.fill("#id_title", "Ärztliches Attest Dr. Weber")
    fill_date(page, "issued", days_ago(30))
    page.click("#document-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/unterlagen/#documents$"))
    document = page.locator("#documents .document")
    expect(document).to_have_count(1)
    expect(document).to_contain_text("Ärztliches Attest Dr. Weber")
    expect(document).to_contain_text("3 pages")
    expect(page.locator("#missing")).not_to_contain_text("Medical report")

    page.click(".actions--continue a.button")
    expect(page).to_have_url(page_pattern("pruefen"))
    page.click(f"a[href$='/antraege/{case.pk}/bewertung/']")
    expect(page).to_have_url(page_pattern("bewertung"))

    # The interface is English; the reasons stay in the German the commission reads.
    content = latest(case)
    assert content["narrative"]["life_story"] == {
        "language": "de",
        "text": STORY["life_story"],
    }
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Assessment of your answers")
    report = assess(parse_case(content), timezone.localdate()).to_dict()
    shown = page.locator(".requirement")
    expect(shown).to_have_count(len(report["requirements"]))
    reasons = shown.locator(".requirement__reason[lang=de]").all_inner_texts()
    assert sorted(reasons) == sorted(r["reason_de"] for r in report["requirements"])
    outcomes = {item["id"]: item["outcome"] for item in report["requirements"]}
    # One person, so one outcome per requirement.
    assert len(outcomes) == len(report["requirements"])
    for requirement_id in (
        "23a.adm.departure_obligation",
        "23a.adm.nrw_residence",
        "23a.form.german_language",
        "23a.form.life_story",
        "23a.form.humanitarian_reasons",
        "23a.doc.medical",
    ):
        assert outcomes[requirement_id] == "met", requirement_id
    for title in ("Living in North Rhine-Westphalia", "Life story", "Documents: medical reports"):
        requirement = shown.filter(has=page.get_by_role("heading", name=re.compile(title)))
        expect(requirement).to_have_class(re.compile(r"requirement--met"))
        expect(requirement.locator(".requirement__outcome")).to_have_text("✓ fulfilled")
    expect(page.locator(".overall")).to_contain_text("Overall result:")
    expect(page.locator("section[aria-labelledby=fees-title]")).to_contain_text(
        "There is no fee for this application."
    )

    # Back in German, the page's own words change and the reasons are word for word the same.
    english_heading = page.locator("h1").inner_text()
    switch_language(page, "de")
    expect(page).to_have_url(page_pattern("bewertung"))
    expect(page.locator("h1")).not_to_have_text(english_heading)
    assert shown.locator(".requirement__reason[lang=de]").all_inner_texts() == reasons


def latest(case: Case) -> dict[str, Any]:
    case.refresh_from_db()
    document = case.document
    assert document is not None
    return document
