"""A visitor who is not logged in (any more) on a page of a case: the log-in page, and after
it the page they were on (cases.access.LoginNeeded, cases.middleware)."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.haertefall.builders import minimal_case

pytestmark = pytest.mark.django_db

LOGIN = "/konto/anmelden/?next="


@pytest.fixture
def case(owner: User) -> Case:
    return do_create_case(owner, minimal_case(), {}, step="import")


def test_a_page_leads_back_to_itself(client: Client, case: Case) -> None:
    url = reverse("evidence:list", args=[case.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == LOGIN + url


def test_a_form_sent_to_a_post_only_address_leads_back_to_the_page_it_was_on(
    client: Client, owner: User, case: Case
) -> None:
    page = reverse("evidence:list", args=[case.pk])
    form_address = reverse("evidence:discard", args=[case.pk, uuid.uuid4()])

    response = client.post(form_address, HTTP_REFERER=f"http://testserver{page}?a=1")
    client.force_login(owner)

    assert response["Location"] == LOGIN + f"{page}%3Fa%3D1"
    assert client.get(f"{page}?a=1").status_code == 200


@pytest.mark.parametrize("referer", [None, "https://elsewhere.example/antraege/"])
def test_without_a_page_of_ours_to_return_to_it_is_the_list_of_applications(
    client: Client, case: Case, referer: str | None
) -> None:
    form_address = reverse("evidence:discard", args=[case.pk, uuid.uuid4()])
    headers = {} if referer is None else {"referer": referer}

    response = client.post(form_address, headers=headers)

    assert response["Location"] == LOGIN + reverse("wizard:case_list")


def test_an_unknown_case_answers_exactly_like_an_existing_one(client: Client, case: Case) -> None:
    existing = client.get(reverse("evidence:list", args=[case.pk]))
    unknown = client.get(reverse("evidence:list", args=[uuid.uuid4()]))

    assert existing.status_code == unknown.status_code == 302
    assert existing["Location"].startswith(LOGIN) and unknown["Location"].startswith(LOGIN)
