"""Nobody but the owner learns anything about a case: 404 for other users, login for guests."""

import pytest
from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import create_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(owner: User) -> Case:
    return create_case(owner, rich_hardship_case())


def case_urls(case: Case) -> list[str]:
    base = f"/antraege/{case.pk}"
    steps = [
        "personen",
        "lebenslauf-1",
        "lebenslauf-2",
        "schule",
        "integration",
        "verfahren",
        "gesundheit",
        "geschichte",
        "vertretung",
        "haushalt",
        "unterlagen",
    ]
    return [
        f"{base}/",
        f"{base}/pruefen/",
        f"{base}/bewertung/",
        *(f"{base}/schritt/{step}/" for step in steps),
    ]


def test_the_owner_reaches_every_case_url(client: Client, owner: User, case: Case) -> None:
    client.force_login(owner)
    for url in case_urls(case):
        assert client.get(url).status_code in (200, 302), url


def test_another_user_gets_404_on_every_case_url(
    client: Client, stranger: User, case: Case
) -> None:
    client.force_login(stranger)
    for url in case_urls(case):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": "1", "action": "save"}).status_code in (404, 405), url
    assert case.revisions.count() == 1


def test_another_user_cannot_save_a_step_even_with_the_right_version(
    client: Client, stranger: User, case: Case
) -> None:
    client.force_login(stranger)

    response = client.post(
        f"/antraege/{case.pk}/schritt/haushalt/",
        {"version": str(case.version), "rent-rent_monthly": "1.00", "action": "save"},
    )

    assert response.status_code == 404
    assert case.revisions.count() == 1


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, case: Case) -> None:
    for url in case_urls(case):
        if url.endswith("/unterlagen/"):
            continue  # the documents app answers for itself
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/anmelden/?next="), url
        assert client.post(url, {"version": "1"}).status_code == 302, url
    assert case.revisions.count() == 1


def test_after_logging_in_another_user_still_gets_404(
    client: Client, stranger: User, case: Case
) -> None:
    url = f"/antraege/{case.pk}/pruefen/"
    login = client.get(url)["Location"]

    response = client.post(
        login,
        {"email": "someone-else@example.org", "password": "another secret passphrase", "next": url},
    )

    assert response["Location"] == url
    assert client.get(url).status_code == 404


def test_my_applications_lists_only_my_own_cases(
    client: Client, owner: User, stranger: User, case: Case
) -> None:
    client.force_login(stranger)

    page = client.get("/antraege/").content.decode()

    assert str(case.pk) not in page
    assert "Rahimi" not in page


def test_an_unknown_case_id_is_not_found(client: Client, owner: User) -> None:
    client.force_login(owner)

    assert client.get("/antraege/00000000-0000-0000-0000-000000000000/pruefen/").status_code == 404
    assert client.get("/antraege/not-a-uuid/pruefen/").status_code == 404
