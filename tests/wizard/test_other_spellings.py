"""Other spellings of a name (case-format.md: persons[].other_spellings), asked on the persons
step: papers from different countries transliterate names differently, and the letter prints
them once as "(auch: …)" so the authority can match every paper to the person."""

import pytest
from django.test import Client

from eligibility.facts import parse_case
from haertefall.accounts.models import User
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case, form_data, latest, step_url, submit

pytestmark = pytest.mark.django_db


def test_spellings_typed_one_per_line_are_kept_in_order(logged_in: Client, owner: User) -> None:
    case = create_case(owner, rich_hardship_case())

    response = submit(
        logged_in,
        step_url(case, "personen"),
        {"persons-0-other_spellings": " Zahra Rahimy \n\nSahra Rahimi\n"},
    )

    assert response.status_code == 302
    assert latest(case)["persons"][0]["other_spellings"] == ["Zahra Rahimy", "Sahra Rahimi"]
    assert parse_case(latest(case)).persons[0].other_spellings == ("Zahra Rahimy", "Sahra Rahimi")
    shown = form_data(logged_in.get(step_url(case, "personen")).content.decode())
    assert shown["persons-0-other_spellings"] == ["Zahra Rahimy\nSahra Rahimi"]


def test_clearing_the_spellings_leaves_an_empty_list_not_a_missing_answer(
    logged_in: Client, owner: User
) -> None:
    document = rich_hardship_case()
    document["persons"][0]["other_spellings"] = ["Zahra Rahimy"]
    case = create_case(owner, document)

    submit(logged_in, step_url(case, "personen"), {"persons-0-other_spellings": ""})

    assert latest(case)["persons"][0]["other_spellings"] == []
