"""Whose child a child is (persons[].parents), asked on the children's step: it decides who
belongs to whose family (§ 25b Abs. 4 AufenthG) and whose household a child's needs count in.
No parent ticked keeps the format's default: the applicant's child."""

import pytest
from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case, form_data, latest, step_url, submit

pytestmark = pytest.mark.django_db


def family_case(owner: User) -> Case:
    """Zahra (p1, applicant), her son Omid (p2), and her husband Karim (p3)."""
    document = rich_hardship_case()
    document["persons"].append(
        {
            "id": "p3",
            "role": "spouse",
            "given_names": "Karim",
            "surname": "Rahimi",
            "birth_date": "1984-02-02",
            "nationalities": ["AF"],
            "residence_history": [{"status": "duldung", "from": "2019-03-01", "to": None}],
        }
    )
    return create_case(owner, document)


def test_the_adults_of_the_case_are_offered_and_the_recorded_parent_is_ticked(
    logged_in: Client, owner: User
) -> None:
    case = family_case(owner)

    html = logged_in.get(step_url(case, "schule")).content.decode()

    assert form_data(html)["children-0-parents"] == ["p1"]
    offered = html.split('name="children-0-parents"')
    assert len(offered) == 3  # Zahra and Karim; never the child itself
    assert 'value="p2"' not in html.split("children-0-parents", 1)[1].split("</fieldset>", 1)[0]


def test_ticking_both_parents_is_saved(logged_in: Client, owner: User) -> None:
    case = family_case(owner)

    response = submit(logged_in, step_url(case, "schule"), {"children-0-parents": ["p1", "p3"]})

    assert response.status_code == 302
    assert latest(case)["persons"][1]["parents"] == ["p1", "p3"]


def test_ticking_nobody_keeps_the_default_of_the_applicants_child(
    logged_in: Client, owner: User
) -> None:
    case = family_case(owner)

    submit(logged_in, step_url(case, "schule"), {"children-0-parents": []})

    assert latest(case)["persons"][1]["parents"] == []
