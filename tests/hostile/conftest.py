from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.evidence.helpers import household_case
from tests.hostile.make_corpus import Specimen, corpus


@pytest.fixture(scope="session")
def hostile_corpus() -> dict[str, Specimen]:
    """Made once per test session, in memory; no sample file is kept in the repository."""
    return corpus()


@pytest.fixture(autouse=True)
def upload_root(settings: Settings, tmp_path: Path) -> Path:
    root = tmp_path / "uploads"
    settings.UPLOAD_ROOT = root
    return root


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org", "a long test password")


@pytest.fixture
def case(owner: User) -> Case:
    return do_create_case(owner, household_case(), {"files/lohn.pdf": samples.pdf()}, "import")


@pytest.fixture
def owner_client(owner: User) -> Client:
    # English, so page texts are the msgids whether or not the catalogue is compiled.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    return client
