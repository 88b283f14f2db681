"""My applications: several cases, each continued where it was left."""

import pytest
from django.test import Client

from eligibility.facts import parse_case
from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case, latest, step_url, submit

pytestmark = pytest.mark.django_db


def test_starting_a_case_creates_a_valid_minimal_document(logged_in: Client, owner: User) -> None:
    response = logged_in.post("/antraege/neu/", {"target": "hfk_nrw"})

    case = Case.objects.get(owner=owner)
    assert response["Location"] == step_url(case, "personen")
    document = latest(case)
    assert document == {
        "schema": "haertefall-case/1",
        "target": "hfk_nrw",
        "reference_date": None,
        "persons": [{"id": "p1", "role": "applicant"}],
    }
    parse_case(document)
    assert case.target == "hfk_nrw"


def test_starting_a_case_without_choosing_a_target_asks_again(logged_in: Client) -> None:
    response = logged_in.post("/antraege/neu/", {})

    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert 'href="#id_target_0"' in response.content.decode()
    assert not Case.objects.exists()


def test_the_list_shows_target_status_and_last_change_of_each_case(
    logged_in: Client, owner: User
) -> None:
    create_case(owner, rich_hardship_case())
    logged_in.post("/antraege/neu/", {"target": "abh_hannover_25b"})

    page = logged_in.get("/antraege/").content.decode()

    assert page.count('class="case-card"') == 2
    assert "Hardship petition (§ 23a)" in page
    assert "Residence permit (§ 25b)" in page
    assert "Zahra Rahimi" in page
    assert page.count(">Draft<") == 2
    assert page.count("<time datetime=") == 2


def test_continue_leads_to_the_step_after_the_one_saved_last(
    logged_in: Client, owner: User
) -> None:
    logged_in.post("/antraege/neu/", {"target": "abh_hannover_25b"})
    case = Case.objects.get(owner=owner)
    submit(logged_in, step_url(case, "personen"), {"persons-0-given_names": "Amina"})
    logged_in.post("/konto/abmelden/")

    logged_in.force_login(owner)
    page = logged_in.get("/antraege/").content.decode()

    assert f'href="{step_url(case, "lebenslauf-1")}"' in page
    assert logged_in.get(f"/antraege/{case.pk}/")["Location"] == step_url(case, "lebenslauf-1")


def test_an_imported_case_continues_at_its_first_incomplete_step(
    logged_in: Client, owner: User
) -> None:
    case = create_case(owner, rich_hardship_case())

    response = logged_in.get(f"/antraege/{case.pk}/")

    # Persons, life histories, school, German, procedures and health are answered; the
    # petition still lacks the current situation and the integration story.
    assert response["Location"] == step_url(case, "geschichte")


def test_the_list_page_makes_a_fixed_number_of_queries(
    logged_in: Client, owner: User, django_assert_max_num_queries: object
) -> None:
    for _ in range(5):
        create_case(owner, rich_hardship_case())

    with django_assert_max_num_queries(6):  # type: ignore[operator]
        logged_in.get("/antraege/")
