"""The explicit answer about convictions on the procedures step (§ 25b Abs. 2 Nr. 2, § 54
AufenthG; § 23a Abs. 1 S. 3): "no" is stored as an empty list, which the letter may state;
a question left open stores nothing, so nobody is said to have a clean record by omission."""

from typing import Any

import pytest
from django.test import Client

from eligibility.facts import parse_case
from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case, form_data, latest, step_url, submit

pytestmark = pytest.mark.django_db

# rich_hardship_case: p1 (Zahra) has one conviction, p2 (Omid, a child) has no offences key.
ZAHRA, OMID = 0, 1


def case_with(owner: User, **offences_by_person: Any) -> Case:
    document = rich_hardship_case()
    for index, person in enumerate(document["persons"]):
        key = f"p{index + 1}"
        if key in offences_by_person:
            if offences_by_person[key] is None:
                person.pop("offences", None)
            else:
                person["offences"] = offences_by_person[key]
    return create_case(owner, document)


def page(client: Client, case: Case) -> dict[str, list[str]]:
    return form_data(client.get(step_url(case, "verfahren")).content.decode())


def test_the_question_shows_what_the_case_says(logged_in: Client, owner: User) -> None:
    case = case_with(owner, p2=[])

    shown = page(logged_in, case)

    assert shown[f"offences-{ZAHRA}-convicted"] == ["yes"]
    assert shown[f"offences-{OMID}-convicted"] == ["no"]


def test_a_case_without_the_answer_shows_it_as_not_answered(logged_in: Client, owner: User) -> None:
    case = case_with(owner)

    assert page(logged_in, case)[f"offences-{OMID}-convicted"] == [""]


def test_answering_no_stores_an_empty_list_the_letter_may_state(
    logged_in: Client, owner: User
) -> None:
    case = case_with(owner)

    response = submit(logged_in, step_url(case, "verfahren"), {f"offences-{OMID}-convicted": "no"})

    assert response.status_code == 302
    document = latest(case)
    assert document["persons"][OMID]["offences"] == []
    assert parse_case(document).persons[OMID].offences_stated


def test_leaving_the_question_open_states_nothing(logged_in: Client, owner: User) -> None:
    case = case_with(owner, p2=[])

    response = submit(logged_in, step_url(case, "verfahren"), {f"offences-{OMID}-convicted": ""})

    assert response.status_code == 302
    assert "offences" not in latest(case)["persons"][OMID]
    assert not parse_case(latest(case)).persons[OMID].offences_stated


@pytest.mark.parametrize(
    ("person", "answer", "message"),
    [
        (OMID, "yes", "Please describe the conviction or the proceedings below."),
        (ZAHRA, "no", "You answered “No”, but entered convictions below."),
    ],
)
def test_an_answer_that_contradicts_the_rows_is_refused_and_nothing_saved(
    logged_in: Client, owner: User, person: int, answer: str, message: str
) -> None:
    case = case_with(owner)
    version = Case.objects.get(pk=case.pk).version

    response = submit(
        logged_in, step_url(case, "verfahren"), {f"offences-{person}-convicted": answer}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert message in html
    # The error summary links to the question.
    assert f'href="#id_offences-{person}-convicted_0"' in html
    assert Case.objects.get(pk=case.pk).version == version
    assert form_data(html)[f"offences-{person}-convicted"] == [answer]


def test_removing_the_last_conviction_and_answering_no_stores_none(
    logged_in: Client, owner: User
) -> None:
    case = case_with(owner)

    response = submit(
        logged_in,
        step_url(case, "verfahren"),
        {f"offences-{ZAHRA}-convicted": "no", f"offences-{ZAHRA}-offences-0-DELETE": "on"},
    )

    assert response.status_code == 302
    assert latest(case)["persons"][ZAHRA]["offences"] == []
