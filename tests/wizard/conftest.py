import pytest
from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.fixtures import upload_root  # noqa: F401 - fixtures for this folder
from tests.wizard.helpers import create_case


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org", "a long secret passphrase")


@pytest.fixture
def stranger(db: None) -> User:
    return User.objects.create_user("someone-else@example.org", "another secret passphrase")


@pytest.fixture
def client_en(client: Client) -> Client:
    """A browser that asks for English, so text checks do not depend on the catalogue."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def logged_in(client_en: Client, owner: User) -> Client:
    client_en.force_login(owner)
    return client_en


@pytest.fixture
def new_case(owner: User) -> Case:
    return create_case(
        owner,
        {
            "schema": "haertefall-case/1",
            "target": "abh_hannover_25b",
            "reference_date": None,
            "persons": [{"id": "p1", "role": "applicant"}],
        },
    )
