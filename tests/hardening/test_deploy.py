"""The production profile: `check --deploy` is clean, and WhiteNoise serves the collected,
hashed static files. Each runs in a subprocess, because the production settings are read from
the environment once, when Django starts."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from haertefall.cases.crypto import new_master_key_entry
from haertefall.settings import BASE_DIR

HOST = "antrag.example.org"


def production_environment(tmp_path: Path) -> dict[str, str]:
    """What README's "Running in production" asks a deployment to set, and nothing from the
    shell that runs the tests (no DEBUG, no test settings)."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "haertefall.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "DATA_ENCRYPTION_KEYS": new_master_key_entry("2026-11"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "UPLOAD_ROOT": str(tmp_path / "uploads"),
        "FILE_UPLOAD_TEMP_DIR": str(tmp_path / "tmp"),
    }


def run(arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_finds_no_issue_in_the_production_profile(tmp_path: Path) -> None:
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_environment(tmp_path),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr


def test_check_deploy_does_warn_about_a_weak_profile(tmp_path: Path) -> None:
    # The same check notices when a deployment switches HTTPS off: the test above can fail.
    environment = production_environment(tmp_path) | {
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
    }

    result = run(["manage.py", "check", "--deploy"], environment)

    assert "security.W008" in result.stderr
    assert "security.W012" in result.stderr


WHITENOISE_PROBE = f"""
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
import django

django.setup()
call_command("collectstatic", "--no-input", verbosity=0)
url = staticfiles_storage.url("css/site.css")
client = Client(HTTP_HOST="{HOST}")
secure = client.get(url, secure=True)
plain = client.get(url)
print(url)
print(secure.status_code, type(secure).__name__, secure.headers.get("Cache-Control", ""))
print(plain.status_code, plain.headers.get("Location", ""))
"""


def test_whitenoise_serves_the_collected_hashed_files_over_https_in_production(
    tmp_path: Path,
) -> None:
    result = run(["-c", WHITENOISE_PROBE], production_environment(tmp_path))

    assert result.returncode == 0, result.stderr
    url, secure, plain = result.stdout.strip().splitlines()
    # A content hash in the name, from the manifest storage.
    assert url.startswith("/static/css/site.") and url.endswith(".css")
    assert url != "/static/css/site.css"
    status, response_type, cache_control = secure.split(" ", 2)
    assert status == "200"
    # WhiteNoise answers (Django itself serves no static files with DEBUG off), and lets
    # browsers keep a hashed file for ever.
    assert response_type == "WhiteNoiseFileResponse"
    assert "immutable" in cache_control
    assert (tmp_path / "static" / url.removeprefix("/static/")).with_suffix(".css.gz").exists()
    # Plain HTTP is redirected to HTTPS before anything is served.
    assert plain == f"301 https://{HOST}{url}"


@pytest.mark.parametrize("variable", ["SECRET_KEY", "ALLOWED_HOSTS", "DATA_ENCRYPTION_KEYS"])
def test_production_refuses_to_start_without_its_secrets(tmp_path: Path, variable: str) -> None:
    environment = production_environment(tmp_path)
    del environment[variable]

    result = run(["manage.py", "check"], environment)

    assert result.returncode != 0
    assert variable in result.stderr


@pytest.mark.parametrize(
    "keys",
    ["2026-11", "2026-11:c2hvcnQ=", "bad id!:" + "A" * 43 + "=", "a:{key},a:{key}"],
)
def test_production_refuses_to_start_with_a_malformed_master_key(tmp_path: Path, keys: str) -> None:
    environment = production_environment(tmp_path)
    environment["DATA_ENCRYPTION_KEYS"] = keys.format(key=new_master_key_entry("x")[2:])

    result = run(["manage.py", "check"], environment)

    assert result.returncode != 0
    assert "DATA_ENCRYPTION_KEYS" in result.stderr


def test_the_documented_command_prints_a_key_production_accepts(tmp_path: Path) -> None:
    printed = run(["-m", "haertefall.cases.crypto", "2027-01"], production_environment(tmp_path))
    environment = production_environment(tmp_path)
    environment["DATA_ENCRYPTION_KEYS"] = printed.stdout.strip()

    result = run(["manage.py", "check", "--deploy"], environment)

    assert printed.stdout.startswith("2027-01:")
    assert result.returncode == 0, result.stderr
