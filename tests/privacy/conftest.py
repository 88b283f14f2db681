from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.review.models import Membership, Organisation, Role

PASSWORD = "a long test password"


@pytest.fixture(autouse=True)
def upload_root(settings: Settings, tmp_path: Path) -> Path:
    """Every test stores uploads in its own folder, so leftovers are visible and isolated."""
    root = tmp_path / "uploads"
    settings.UPLOAD_ROOT = root
    return root


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org", PASSWORD)


@pytest.fixture
def other_applicant(db: None) -> User:
    return User.objects.create_user("someone.else@example.org", "another test password")


@pytest.fixture
def centre(db: None) -> Organisation:
    return Organisation.objects.create(name="Beratungsstelle Nord", city="Dortmund")


@pytest.fixture
def counsellor(centre: Organisation) -> User:
    user = User.objects.create_user("berater@example.org", "a counsellor password")
    Membership.objects.create(organisation=centre, user=user, role=Role.COUNSELLOR)
    return user


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        # English, so page texts are the msgids whether or not the catalogue is compiled.
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user)
        return client

    return make


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()
