from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.evidence.helpers import household_case


@pytest.fixture(autouse=True)
def upload_root(settings: Settings, tmp_path: Path) -> Path:
    """Every test stores uploads in its own folder, so leftovers are visible and isolated."""
    root = tmp_path / "uploads"
    settings.UPLOAD_ROOT = root
    return root


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org", "a long test password")


@pytest.fixture
def stranger(db: None) -> User:
    return User.objects.create_user("someone.else@example.org", "another test password")


@pytest.fixture
def case(owner: User) -> Case:
    return do_create_case(owner, household_case(), {"files/lohn.pdf": samples.pdf()}, "import")


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        # English, so page texts are the msgids whether or not the catalogue is compiled.
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def owner_client(owner: User, client_for: Callable[[User | None], Client]) -> Client:
    return client_for(owner)
