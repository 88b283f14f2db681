"""export_case and load_demo (import_case and assess have files of their own)."""

import json
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.haertefall.builders import DEMO_CASE, minimal_case


def run(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


# export_case --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case_id", "error"),
    [("not-a-uuid", "not-a-uuid is not a case id"), (str(uuid.UUID(int=1)), "no case with id")],
)
def test_export_of_an_unknown_case_is_refused(tmp_path: Path, case_id: str, error: str) -> None:
    with pytest.raises(CommandError, match=error) as raised:
        run("export_case", case_id, out=str(tmp_path / "out.zip"))
    assert raised.value.returncode == 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["out.zip", "out"])
def test_export_never_overwrites(owner: User, tmp_path: Path, name: str) -> None:
    case = do_create_case(owner, minimal_case(), {}, step="import")
    existing = tmp_path / name
    if name.endswith(".zip"):
        existing.write_bytes(b"keep me")
    else:
        existing.mkdir()
        (existing / "keep.txt").write_bytes(b"keep me")

    with pytest.raises(CommandError, match="already exists") as raised:
        run("export_case", str(case.pk), out=str(existing))

    assert raised.value.returncode == 2
    kept = existing if name.endswith(".zip") else existing / "keep.txt"
    assert kept.read_bytes() == b"keep me"


# load_demo ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_twice_creates_one_user_and_one_case(settings: Settings) -> None:
    settings.DEBUG = True

    first = run("load_demo")
    second = run("load_demo")

    user = User.objects.get(email="demo@example.org")
    password = first.split("Password: ")[1].split()[0]
    assert user.check_password(password)
    assert "Password" not in second
    assert Case.objects.filter(owner=user).count() == 1
    case = Case.objects.get(owner=user)
    assert case.files.count() == 12
    assert case.document == json.loads((DEMO_CASE / "case.json").read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_load_demo_outside_debug_prints_no_password() -> None:
    output = run("load_demo")

    assert "Password" not in output
    assert not User.objects.get(email="demo@example.org").has_usable_password()
