"""Every page carries the strict Content-Security-Policy, and the security headers of the
production profile."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User


def directives(header: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


EXPECTED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["home", "accounts:login", "accounts:signup", "wizard:case_list", "wizard:case_new"]
)
def test_every_page_sends_the_strict_content_security_policy(client: Client, name: str) -> None:
    if name.startswith("wizard:"):
        client.force_login(User.objects.create_user("csp@example.org", "a long enough password"))

    response = client.get(reverse(name))

    assert response.status_code == 200
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy == EXPECTED
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_an_error_page_carries_the_policy_too(client: Client) -> None:
    response = client.get("/this-page-does-not-exist/")

    assert response.status_code == 404
    assert directives(response.headers["Content-Security-Policy"]) == EXPECTED


@pytest.mark.django_db
def test_pages_forbid_framing_and_sniffing_and_keep_the_referrer(client: Client) -> None:
    response = client.get(reverse("accounts:login"))

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_whitenoise_serves_static_files_when_debug_is_off() -> None:
    # The test settings run the production middleware; the order matters (WhiteNoise's
    # documentation): after SecurityMiddleware, before everything else.
    assert settings.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@pytest.mark.django_db
def test_https_requests_get_hsts_with_subdomains_and_preload(client: Client) -> None:
    response = client.get(reverse("accounts:login"), secure=True)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
