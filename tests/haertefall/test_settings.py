"""Settings come from the environment and refuse to start a production site half-configured."""

import runpy
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "haertefall" / "settings.py"
VARIABLES = ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "UPLOAD_ROOT"]


def load_settings(monkeypatch: pytest.MonkeyPatch, **environment: str) -> dict[str, Any]:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_production_without_secret_key_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="Set the SECRET_KEY environment variable"):
        load_settings(monkeypatch, ALLOWED_HOSTS="antrag.example.org")


def test_production_without_allowed_hosts_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ImproperlyConfigured, match="Set the ALLOWED_HOSTS environment variable"):
        load_settings(monkeypatch, SECRET_KEY="x" * 50)


def test_debug_is_off_unless_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    values = load_settings(monkeypatch, SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.example.org, b")

    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["a.example.org", "b"]
    assert values["SESSION_COOKIE_SECURE"] is True


def test_development_starts_without_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    values = load_settings(monkeypatch, DEBUG="1")

    assert values["DEBUG"] is True
    assert values["SECRET_KEY"]
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]


def test_unreadable_debug_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="Set DEBUG to 1 or 0"):
        load_settings(monkeypatch, DEBUG="maybe")


def test_database_defaults_to_sqlite_and_follows_database_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    default = load_settings(monkeypatch, DEBUG="1")["DATABASES"]["default"]
    postgres = load_settings(
        monkeypatch, DEBUG="1", DATABASE_URL="postgres://user:secret@db.example.org:5432/cases"
    )["DATABASES"]["default"]

    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert str(default["NAME"]).endswith("db.sqlite3")
    assert (postgres["ENGINE"], postgres["NAME"], postgres["HOST"]) == (
        "django.db.backends.postgresql",
        "cases",
        "db.example.org",
    )


def test_uploads_are_outside_every_served_or_template_directory() -> None:
    uploads = Path(settings.UPLOAD_ROOT).resolve()
    served = [Path(path).resolve() for path in settings.STATICFILES_DIRS]
    served += [Path(settings.STATIC_ROOT).resolve()]
    served += [(Path(settings.BASE_DIR) / "templates").resolve()]

    for directory in served:
        assert not uploads.is_relative_to(directory)
        assert not directory.is_relative_to(uploads)


def test_time_zone_and_languages() -> None:
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _ in settings.LANGUAGES] == ["de", "en"]


def test_an_upload_of_one_file_stays_in_memory_until_it_is_sealed() -> None:
    # Django spools a request larger than this to FILE_UPLOAD_TEMP_DIR, in plaintext.
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE > settings.UPLOAD_MAX_FILE_BYTES
