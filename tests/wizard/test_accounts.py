"""Sign up, log in and log out with an e-mail address and a password."""

import pytest
from django.test import Client

from haertefall.accounts.models import User

pytestmark = pytest.mark.django_db


def test_signing_up_logs_in_and_leads_to_my_applications(client_en: Client) -> None:
    response = client_en.post(
        "/konto/registrieren/",
        {
            "email": "New.Person@Example.org",
            "password1": "a long secret passphrase",
            "password2": "a long secret passphrase",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/antraege/"
    assert User.objects.filter(email="new.person@example.org").exists()
    assert client_en.get("/antraege/").status_code == 200


@pytest.mark.parametrize(
    ("password1", "password2", "message"),
    [
        ("a long secret passphrase", "another one entirely", "not the same"),
        ("12345678901", "12345678901", "entirely numeric"),
        ("short", "short", "too short"),
    ],
)
def test_a_weak_or_mistyped_password_is_refused(
    client_en: Client, password1: str, password2: str, message: str
) -> None:
    response = client_en.post(
        "/konto/registrieren/",
        {"email": "new@example.org", "password1": password1, "password2": password2},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert message in page
    assert 'value="new@example.org"' in page
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_e_mail_address_can_have_only_one_account(client_en: Client, owner: User) -> None:
    response = client_en.post(
        "/konto/registrieren/",
        {"email": "AMINA@example.org", "password1": "x" * 20 + "y", "password2": "x" * 20 + "y"},
    )

    assert "already an account" in response.content.decode()
    assert User.objects.count() == 1


def test_logging_in_returns_to_the_page_that_asked(client_en: Client, owner: User) -> None:
    response = client_en.post(
        "/konto/anmelden/",
        {
            "email": "Amina@example.org",
            "password": "a long secret passphrase",
            "next": "/antraege/neu/",
        },
    )

    assert response["Location"] == "/antraege/neu/"


def test_a_wrong_password_gets_one_clear_error(client_en: Client, owner: User) -> None:
    response = client_en.post(
        "/konto/anmelden/", {"email": "amina@example.org", "password": "wrong"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "is not right" in page
    assert "_auth_user_id" not in client_en.session


def test_login_never_redirects_to_another_site(client_en: Client, owner: User) -> None:
    response = client_en.post(
        "/konto/anmelden/",
        {
            "email": "amina@example.org",
            "password": "a long secret passphrase",
            "next": "https://evil.example/",
        },
    )

    assert response["Location"] == "/antraege/"


def test_logging_out_needs_a_post(logged_in: Client) -> None:
    assert logged_in.get("/konto/abmelden/").status_code == 405
    assert logged_in.get("/antraege/").status_code == 200

    response = logged_in.post("/konto/abmelden/")

    assert response["Location"] == "/"
    assert logged_in.get("/antraege/").status_code == 302


def test_every_page_offers_the_language_switch_and_the_account_links(
    logged_in: Client, client: Client
) -> None:
    for page in (logged_in.get("/antraege/"), client.get("/konto/anmelden/")):
        content = page.content.decode()
        assert 'action="/i18n/setlang/"' in content
    assert 'action="/konto/abmelden/" method="post"' in logged_in.get("/").content.decode()
