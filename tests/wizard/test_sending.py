"""How and when the application is handed in (case-format.md: channel, application_date),
asked on the household step. The date decides the § 81 Abs. 4 fiction after a § 104c permit
ends and, for a petition, whether a return date was fixed only afterwards (§ 23a Abs. 1 S. 3)."""

from typing import Any

import pytest
from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.wizard import steps
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case, latest, step_url, submit

pytestmark = pytest.mark.django_db


def offered(html: str) -> list[str]:
    select = html.split('name="sending-channel"', 1)[1].split("</select>", 1)[0]
    return [value for value in _values(select) if value]


def _values(select: str) -> list[str]:
    return [part.split('"', 1)[0] for part in select.split('value="')[1:]]


def case_for(owner: User, target: str, **changes: Any) -> Case:
    document = rich_hardship_case()
    document["target"] = target
    document.pop("channel", None)
    document.update(changes)
    return create_case(owner, document)


@pytest.mark.parametrize(
    ("target", "ways"),
    [("hfk_nrw", ["post", "fax", "email"]), ("abh_hannover_25b", ["online", "post"])],
)
def test_only_the_ways_the_authority_takes_are_offered(
    logged_in: Client, owner: User, target: str, ways: list[str]
) -> None:
    case = case_for(owner, target)

    html = logged_in.get(step_url(case, "haushalt")).content.decode()

    assert offered(html) == ways


def test_the_way_and_the_day_are_saved(logged_in: Client, owner: User) -> None:
    case = case_for(owner, "hfk_nrw")

    response = submit(
        logged_in,
        step_url(case, "haushalt"),
        {
            "sending-channel": "email",
            "sending-application_date_day": "20",
            "sending-application_date_month": "11",
            "sending-application_date_year": "2026",
        },
    )

    assert response.status_code == 302
    assert (latest(case)["channel"], latest(case)["application_date"]) == ("email", "2026-11-20")


def test_a_day_not_known_exactly_is_refused(logged_in: Client, owner: User) -> None:
    case = case_for(owner, "hfk_nrw")

    response = submit(
        logged_in,
        step_url(case, "haushalt"),
        {"sending-application_date_month": "11", "sending-application_date_year": "2026"},
    )

    assert response.status_code == 200
    assert "Enter the full date: day, month and year." in response.content.decode()


def test_the_assessment_sends_a_missing_application_date_to_this_step(owner: User) -> None:
    document = rich_hardship_case()

    assert steps.step_for_path(document, "application_date") == steps.HOUSEHOLD
    assert steps.step_for_path(document, "channel") == steps.HOUSEHOLD
