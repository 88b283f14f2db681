"""Caring for a relative on each person's biography step: § 25b Abs. 1 S. 3 Nr. 4 AufenthG
lets it excuse a livelihood that is not secured, so the assessment must be able to see it."""

import pytest
from django.test import Client

from eligibility.facts import parse_case
from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case, form_data, latest, step_url, submit

pytestmark = pytest.mark.django_db

# rich_hardship_case: Zahra (lebenslauf-1) cares for her son; Omid (lebenslauf-2) has no key.


def case_for_test(owner: User) -> Case:
    return create_case(owner, rich_hardship_case())


def test_the_page_shows_the_care_the_case_records(logged_in: Client, owner: User) -> None:
    case = case_for_test(owner)

    zahra = form_data(logged_in.get(step_url(case, "lebenslauf-1")).content.decode())
    omid = form_data(logged_in.get(step_url(case, "lebenslauf-2")).content.decode())

    assert zahra["care-caregiving"] == ["yes"]
    assert zahra["care-cares_for"] == ["Sohn (Pflegegrad 2)"]
    assert (zahra["care-since_month"], zahra["care-since_year"]) == (["4"], ["2022"])
    assert omid["care-caregiving"] == [""]


def test_answering_yes_records_the_care_and_the_assessment_weighs_it(
    logged_in: Client, owner: User
) -> None:
    document = rich_hardship_case()
    document["persons"][0].pop("caregiving")
    case = create_case(owner, document)

    response = submit(
        logged_in,
        step_url(case, "lebenslauf-1"),
        {
            "care-caregiving": "yes",
            "care-cares_for": "Mutter (Pflegegrad 3)",
            "care-since_month": "1",
            "care-since_year": "2024",
        },
    )

    assert response.status_code == 302
    saved = latest(case)
    assert saved["persons"][0]["caregiving"] == {
        "cares_for": "Mutter (Pflegegrad 3)",
        "since": "2024-01",
    }
    # What the livelihood rule reads (tests/eligibility/test_25b_livelihood.py takes it on).
    caregiving = parse_case(saved).persons[0].caregiving
    assert caregiving is not None and caregiving.cares_for == "Mutter (Pflegegrad 3)"


def test_answering_no_stores_null_and_leaving_it_open_stores_nothing(
    logged_in: Client, owner: User
) -> None:
    case = case_for_test(owner)

    submit(
        logged_in,
        step_url(case, "lebenslauf-1"),
        {
            "care-caregiving": "no",
            "care-cares_for": "",
            "care-since_month": "",
            "care-since_year": "",
        },
    )
    submit(logged_in, step_url(case, "lebenslauf-2"), {"care-caregiving": ""})

    persons = latest(case)["persons"]
    assert "caregiving" in persons[0] and persons[0]["caregiving"] is None
    assert "caregiving" not in persons[1]


def test_a_description_without_yes_is_refused_and_nothing_saved(
    logged_in: Client, owner: User
) -> None:
    case = case_for_test(owner)
    version = Case.objects.get(pk=case.pk).version

    response = submit(logged_in, step_url(case, "lebenslauf-1"), {"care-caregiving": "no"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "You described care below" in html
    assert Case.objects.get(pk=case.pk).version == version
