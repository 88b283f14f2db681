"""Guessing passwords: after five failures for one address from one IP address, log-in is
locked for 30 minutes with a clear message, even with the right password. Password rules."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from haertefall.accounts.forms import SignupForm
from haertefall.accounts.models import User

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

EMAIL = "person@example.org"
PASSWORD = "the right password 2026"
LOCKED = "logging in with this e-mail address is blocked for 30 minutes"

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db: None) -> User:
    return User.objects.create_user(EMAIL, PASSWORD)


def log_in(
    client: Client, password: str, *, email: str = EMAIL, ip: str = "203.0.113.7"
) -> Response:
    return client.post(
        reverse("accounts:login"),
        {"email": email, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_four_wrong_passwords_do_not_lock_the_right_one_out(client: Client, person: User) -> None:
    for _ in range(4):
        response = log_in(client, "wrong password")
        assert response.status_code == 200
        assert "The e-mail address or the password is not right." in response.text

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_fifth_wrong_password_locks_with_a_clear_message(client: Client, person: User) -> None:
    for _ in range(4):
        log_in(client, "wrong password")

    response = log_in(client, "wrong password")

    assert response.status_code == 429
    assert LOCKED in response.text
    # The page is the login page with its error summary, not a bare error page.
    assert response.text.count('id="error-summary"') == 1
    assert "<title>Error: Log in" in response.text


def test_a_locked_log_in_refuses_even_the_right_password_until_the_cool_off(
    client: Client, person: User
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong password")

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.text
    assert not logged_in(client)

    # 30 minutes later the lock is over, and the right password works again.
    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=attempt.attempt_time - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_lock_holds_for_one_address_from_one_ip_address_only(
    client: Client, person: User
) -> None:
    other = User.objects.create_user("other@example.org", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong password")

    # Someone guessing elsewhere cannot lock the person out of their own account...
    assert log_in(Client(), PASSWORD, ip="198.51.100.20").status_code == 302
    # ...nor another account from the same network.
    assert log_in(Client(), PASSWORD, email=other.email).status_code == 302


def test_the_lockout_message_is_translated(client: Client, person: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("accounts:login"),
            {"email": EMAIL, "password": "wrong password"},
            HTTP_ACCEPT_LANGUAGE="de",
        )

    assert response.status_code == 429
    assert LOCKED not in response.text
    assert "30 Minuten" in response.text


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Kurz-2026", False),
        ("1234567890123", False),
        ("password1234", False),
        ("Zehn-Zeichen", True),
    ],
)
def test_passwords_need_ten_characters_and_must_not_be_common_or_numeric(
    password: str, accepted: bool
) -> None:
    form = SignupForm({"email": "new@example.org", "password1": password, "password2": password})

    assert form.is_valid() is accepted, form.errors


def test_behind_a_trusted_proxy_the_lock_holds_per_forwarded_client(
    client: Client, person: User, settings: Settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The client claims another address each time; only the entry the proxy appended counts.
        client.post(
            reverse("accounts:login"),
            {"email": EMAIL, "password": "wrong password"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )

    locked = Client().post(
        reverse("accounts:login"),
        {"email": EMAIL, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    elsewhere = Client().post(
        reverse("accounts:login"),
        {"email": EMAIL, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )

    assert locked.status_code == 429
    assert elsewhere.status_code == 302
