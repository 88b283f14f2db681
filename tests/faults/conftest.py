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
    """Every test stores uploads in its own folder, so a half-written file is visible."""
    root = tmp_path / "uploads"
    settings.UPLOAD_ROOT = root
    return root


@pytest.fixture
def password() -> str:
    return "a long test passphrase"


@pytest.fixture
def owner(db: None, password: str) -> User:
    return User.objects.create_user("amina@example.org", password)


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


@pytest.fixture
def case(owner: User) -> Case:
    """A § 25b family with answers and two stored files (a PDF payslip, a photographed
    passport): what every fault must leave as it was."""
    document = household_case()
    document["documents"].append(
        {
            "id": "d3",
            "person": "p1",
            "category": "identity",
            "title": "Reisepass Amina",
            "issued": "2020-03-01",
            "file": "files/pass.jpg",
            "language": "de",
            "translation_of": None,
        }
    )
    files = {"files/lohn.pdf": samples.pdf(pages=2), "files/pass.jpg": samples.jpeg()}
    return do_create_case(owner, document, files, "import")
