"""A § 25b family in Hannover – two parents, two children at school – prepares the application
in the browser from sign-up to the assessment, like a person would: with the add buttons, the
browser's back button, a change link on the check page, and a break with log-out in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    answers_on_page,
    choose,
    days_ago,
    fill,
    fill_date,
    log_in,
    log_out,
    page_pattern,
    save_and_continue,
    sign_up,
    start_case,
)
from tests.browser.conftest import OpenPage
from tests.evidence import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "familie.rahimi@example.org"

# Who lives in the household, as the family enters them on the first page.
FAMILY = [
    {
        "role": "applicant",
        "given_names": "Mohammad Nasir",
        "surname": "Rahimi",
        "birth_date": "1984-03-12",
        "birth_place": "Herat",
        "birth_country": "AF",
        "sex": "male",
        "marital_status": "married",
    },
    {
        "role": "spouse",
        "given_names": "Zahra",
        "surname": "Rahimi",
        "birth_date": "1988-09-01",
        "birth_place": "Kabul",
        "birth_country": "AF",
        "sex": "female",
        "marital_status": "married",
    },
    {
        "role": "child",
        "given_names": "Sina",
        "surname": "Rahimi",
        "birth_date": "2012-02-14",
        "birth_place": "Herat",
        "birth_country": "AF",
        "sex": "female",
        "marital_status": "single",
    },
    {
        "role": "child",
        "given_names": "Omid",
        "surname": "Rahimi",
        "birth_date": "2017-06-05",
        "birth_place": "Hannover",
        "birth_country": "DE",
        "sex": "male",
        "marital_status": "single",
    },
]


# What each person's life-history page says (§ 25b needs the residence chain, the passport
# and, for the parents, the income).
@dataclass(frozen=True)
class Job:
    kind: str
    employer: str
    start: str
    hours_per_week: str
    gross_monthly: str
    net_monthly: str


@dataclass(frozen=True)
class Biography:
    entry_date: str | None
    # (status, from, to) from the first status to the current one; "to" is None while it lasts.
    residence: tuple[tuple[str, str, str | None], ...]
    passport_number: str
    passport_valid_until: str
    job: Job | None = None


ASYLUM_THEN_DULDUNG = (("gestattung", "2015-11-10", "2018-06-20"), ("duldung", "2018-06-21", None))
BIOGRAPHIES = [
    Biography(
        "2015-11-03",
        ASYLUM_THEN_DULDUNG,
        "P04417729",
        "2030-05-31",
        Job("employed", "Spedition Nordlicht GmbH", "2021-04-01", "40", "2750.00", "1950.00"),
    ),
    Biography(
        "2015-11-03",
        ASYLUM_THEN_DULDUNG,
        "P04417730",
        "2029-08-31",
        Job("minijob", "Bäckerei Sonnenkorn", "2024-02-01", "10", "538.00", "538.00"),
    ),
    Biography("2015-11-03", ASYLUM_THEN_DULDUNG, "P04417731", "2028-03-31"),
    # Omid was born in Hannover: no entry date, his history starts at birth.
    Biography(
        None,
        (("gestattung", "2017-06-05", "2018-06-20"), ("duldung", "2018-06-21", None)),
        "P05520011",
        "2031-12-31",
    ),
]


def fill_persons(page: Page) -> None:
    for index, person in enumerate(FAMILY):
        if index > 0:
            add_row(page, "persons")
        prefix = f"persons-{index}"
        choose(page, f"{prefix}-role", person["role"])
        fill(
            page,
            {
                f"{prefix}-given_names": person["given_names"],
                f"{prefix}-surname": person["surname"],
                f"{prefix}-birth_place": person["birth_place"],
            },
        )
        fill_date(page, f"{prefix}-birth_date", person["birth_date"])
        choose(page, f"{prefix}-birth_country", person["birth_country"])
        choose(page, f"{prefix}-sex", person["sex"])
        choose(page, f"{prefix}-marital_status", person["marital_status"])
        choose(page, f"{prefix}-nationality", "AF")
    fill(
        page,
        {
            "address-street": "Davenstedter Straße 112",
            "address-postcode": "30453",
            "address-city": "Hannover",
        },
    )


def fill_biography(page: Page, number: int) -> None:
    biography = BIOGRAPHIES[number - 1]
    if biography.entry_date:
        fill_date(page, "entry-entry_date", biography.entry_date)
    for index, (status, start, end) in enumerate(biography.residence):
        if index > 0:
            add_row(page, "residence_history")
        choose(page, f"residence_history-{index}-status", status)
        if status == "duldung":
            choose(page, f"residence_history-{index}-basis", "60a")
        fill_date(page, f"residence_history-{index}-start", start)
        if end:
            fill_date(page, f"residence_history-{index}-end", end)
    answer(page, "identity-passport_held", "yes")
    fill(page, {"identity-passport_number": biography.passport_number})
    fill_date(page, "identity-passport_valid_until", biography.passport_valid_until)
    job = biography.job
    if job is not None:
        add_row(page, "employment")
        choose(page, "employment-0-kind", job.kind)
        fill(
            page,
            {
                "employment-0-employer": job.employer,
                "employment-0-hours_per_week": job.hours_per_week,
                "employment-0-gross_monthly": job.gross_monthly,
                "employment-0-net_monthly": job.net_monthly,
            },
        )
        fill_date(page, "employment-0-start", job.start)
    answer(page, "health-health_relevant", "no")


def fill_school(page: Page) -> None:
    for index, school in enumerate(("IGS Hannover-Linden", "Grundschule Am Lindener Markt")):
        answer(page, f"children-{index}-attending", "yes")
        fill(page, {f"children-{index}-school": school})
        fill_date(page, f"children-{index}-certificate_date", days_ago(10))


def fill_integration(page: Page) -> None:
    for index, (german_date, test_date) in enumerate(
        (("2019-05-18", "2019-06-20"), ("2020-02-10", "2020-03-05"))
    ):
        prefix = f"persons-{index}"
        choose(page, f"{prefix}-german_level", "A2")
        choose(page, f"{prefix}-german_certificate", "DTZ")
        fill_date(page, f"{prefix}-german_date", german_date)
        choose(page, f"{prefix}-civic_test_kind", "leben_in_deutschland")
        answer(page, f"{prefix}-civic_test_passed", "yes")
        fill_date(page, f"{prefix}-civic_test_date", test_date)
        choose(page, f"{prefix}-fdgo", "signed")
        fill_date(page, f"{prefix}-fdgo_signed", days_ago(40))


def fill_procedures(page: Page) -> None:
    add_row(page, "procedures")
    choose(page, "procedures-0-kind", "asylum")
    fill(page, {"procedures-0-authority": "BAMF", "procedures-0-reference": "6543210-423"})
    fill_date(page, "procedures-0-filed", "2015-12-01")
    fill_date(page, "procedures-0-decided", "2018-05-28")
    choose(page, "procedures-0-outcome", "rejected")
    fill_date(page, "procedures-0-final_date", "2018-06-20")
    answer(page, "procedures-0-pending", "no")


def upload(page: Page, path: Path, category: str, person: str, title: str, issued: str) -> None:
    page.click("a[href$='/unterlagen/hochladen/']")
    page.set_input_files("#id_files", str(path))
    page.select_option("#id_category", category)
    page.select_option("#id_person", person)
    page.fill("#id_title", title)
    fill_date(page, "issued", issued)
    page.click("#document-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/unterlagen/#documents$"))


def test_a_family_prepares_a_25b_application_from_sign_up_to_the_assessment(
    open_page: OpenPage, tmp_path: Path
) -> None:
    page = open_page(locale="en")

    # Start page → sign-up → a new § 25b case.
    page.goto("/")
    page.click("main a[href$='/konto/registrieren/']")
    sign_up(page, EMAIL)
    start_case(page, "abh_hannover_25b")
    case = Case.objects.get(owner__email=EMAIL)
    assert case.target == "abh_hannover_25b"

    # Persons: the applicant's row is there; spouse and children come with "Add another person".
    expect(page.locator("[name$='-source'][name^='persons-']")).to_have_count(1)
    fill_persons(page)
    save_and_continue(page, "lebenslauf-1")
    assert [person["given_names"] for person in latest(case)["persons"]] == [
        "Mohammad Nasir",
        "Zahra",
        "Sina",
        "Omid",
    ]
    assert latest(case)["household_address"]["city"] == "Hannover"
    expect(page.locator(".progress__position")).to_have_text("Step 2 of 12")

    # Life history of the applicant; then the browser's back button returns to it intact.
    fill_biography(page, 1)
    typed = answers_on_page(page)
    save_and_continue(page, "lebenslauf-2")
    # The page before had scrolled to the job added last; the next person's page starts at
    # its top, with its heading, not halfway down at the same section.
    assert page.evaluate("window.scrollY") == 0, page.url
    page.go_back()
    expect(page).to_have_url(page_pattern("lebenslauf-1"))
    assert answers_on_page(page) == typed
    page.reload()
    assert answers_on_page(page) == typed, "the saved page differs from what was typed"
    # Saving the re-shown page again is no conflict: nothing else changed the case.
    save_and_continue(page, "lebenslauf-2")

    for number in (2, 3, 4):
        fill_biography(page, number)
        save_and_continue(page, f"lebenslauf-{number + 1}" if number < 4 else "schule")
    persons = latest(case)["persons"]
    assert persons[0]["employment"][0]["gross_monthly"] == "2750.00"
    assert [period["status"] for period in persons[3]["residence_history"]] == [
        "gestattung",
        "duldung",
    ]
    assert "entry_date" not in persons[3] or persons[3]["entry_date"] is None

    fill_school(page)
    save_and_continue(page, "integration")
    fill_integration(page)

    # A break: "save and finish later", log out, log in again – and continue where we left off.
    page.click("#save-and-finish-later")
    expect(page).to_have_url(re.compile(r"/antraege/$"))
    log_out(page)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".account-nav")).to_contain_text("Log in")
    page.goto(f"/antraege/{case.pk}/schritt/verfahren/")
    expect(page).to_have_url(re.compile(r"/konto/anmelden/"))
    page.goto("/konto/anmelden/")
    log_in(page, EMAIL)
    expect(page).to_have_url(re.compile(r"/antraege/$"))
    page.click(".case-card .actions a.button:not(.button--secondary)")
    expect(page).to_have_url(page_pattern("verfahren"))
    expect(page.locator(".progress__position")).to_have_text("Step 8 of 12")
    german = [person.get("german") for person in latest(case)["persons"][:2]]
    assert german == [
        {"level": "A2", "certificate": "DTZ", "date": "2019-05-18"},
        {"level": "A2", "certificate": "DTZ", "date": "2020-02-10"},
    ]

    fill_procedures(page)
    save_and_continue(page, "geschichte")
    choose(page, "life_story-language", "de")
    fill(
        page,
        {
            "life_story-text": (
                "Wir sind 2015 aus Afghanistan nach Hannover gekommen. Seit 2021 arbeite ich "
                "in Vollzeit als Lagerlogistiker, meine Frau hat einen Minijob."
            )
        },
    )
    save_and_continue(page, "vertretung")
    answer(page, "representative-has_representative", "no")
    save_and_continue(page, "haushalt")
    fill(page, {"rent-rent_monthly": "920.00", "contact-phone": "+49 176 11122233"})
    answer(page, "rent-rent_includes_heating", "yes")
    save_and_continue(page, "unterlagen")

    # Documents: a real PDF (the passport copy) and a real photo (Sina's school certificate).
    passport = tmp_path / "Reisepass Mohammad Nasir.pdf"
    passport.write_bytes(samples.pdf(pages=2, text="Reisepass Datenseite"))
    photo = tmp_path / "Schulbescheinigung Sina.jpg"
    photo.write_bytes(samples.jpeg())
    upload(page, passport, "passport", "p1", "Reisepass Mohammad Nasir Rahimi", "2024-01-10")
    upload(page, photo, "school_certificate", "p3", "Schulbescheinigung Sina", days_ago(10))
    listed = page.locator("#documents .document")
    expect(listed).to_have_count(2)
    expect(listed.nth(0)).to_contain_text("Reisepass Mohammad Nasir Rahimi")
    expect(listed.nth(0)).to_contain_text("2 pages")
    expect(listed.nth(1)).to_contain_text("Schulbescheinigung Sina")
    for thumbnail in listed.locator("img.document__thumbnail").all():
        thumbnail.scroll_into_view_if_needed()
        expect(thumbnail).to_have_js_property("complete", True)
        assert thumbnail.evaluate("image => image.naturalWidth") > 0
    files = {entry["category"]: entry["file"] for entry in latest(case)["documents"]}
    assert set(files) == {"passport", "school_certificate"}

    # Check page; one answer changed through its change link, and back to the check page.
    page.click(".actions--continue a.button")
    expect(page).to_have_url(page_pattern("pruefen"))
    expect(page.locator("#step-haushalt")).to_contain_text("920.00")
    page.click("#step-haushalt .answers__change a >> nth=0")
    expect(page).to_have_url(re.compile(r"/schritt/haushalt/\?next=pruefen#"))
    fill(page, {"rent-rent_monthly": "950"})
    save_and_continue(page, "pruefen")
    expect(page.locator("#step-haushalt")).to_contain_text("950.00")
    assert latest(case)["household"]["rent_monthly"] == "950.00"
    for section in page.locator(".check-section").all():
        expect(section.locator(".check-section__state")).to_have_text("✓ complete")

    # The assessment: every requirement with its outcome, the German reasons, the fees.
    page.click(f"a[href$='/antraege/{case.pk}/bewertung/']")
    expect(page).to_have_url(page_pattern("bewertung"))
    report = assess(parse_case(latest(case)), timezone.localdate()).to_dict()
    shown = page.locator(".requirement")
    expect(shown).to_have_count(len(report["requirements"]))
    reasons = shown.locator(".requirement__reason").all_inner_texts()
    assert sorted(reasons) == sorted(r["reason_de"] for r in report["requirements"])
    for requirement in ("25b.residence_period", "25b.livelihood", "25b.german_a2"):
        assert outcomes_of(report, requirement) == {"met"}, requirement
    expect(page.locator(".notice--important")).to_contain_text("guidance, not a decision")
    documents = report["documents"]
    expect(page.locator(".document-status li")).to_have_count(
        len(documents["missing"]) + len(documents["stale"])
    )
    residence = shown.filter(has_text="Length of stay in Germany")
    expect(residence).to_have_count(1)
    expect(residence).to_have_class(re.compile(r"requirement--met"))
    expect(residence.locator(".requirement__outcome")).to_have_text(re.compile("fulfilled"))
    fees = page.locator("section[aria-labelledby=fees-title]")
    expect(fees).to_contain_text("Expected fees in total: 300.00 €")
    expect(fees.locator("li")).to_have_text(
        [
            re.compile(r"^Mohammad Nasir Rahimi: .*100\.00 €"),
            re.compile(r"^Zahra Rahimi: .*100\.00 €"),
            re.compile(r"^Sina Rahimi: .*50\.00 €"),
            re.compile(r"^Omid Rahimi: .*50\.00 €"),
        ]
    )


def outcomes_of(report: dict[str, Any], requirement: str) -> set[str]:
    """The outcomes of a requirement, for every person it is assessed for."""
    return {item["outcome"] for item in report["requirements"] if item["id"] == requirement}


def latest(case: Case) -> dict[str, Any]:
    case.refresh_from_db()
    document = case.document
    assert document is not None
    return document
