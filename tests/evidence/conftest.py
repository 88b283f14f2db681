import pytest

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.evidence.helpers import household_case
from tests.fixtures import client_for, owner_client, upload_root  # noqa: F401 - fixtures for this folder


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org", "a long test password")


@pytest.fixture
def stranger(db: None) -> User:
    return User.objects.create_user("someone.else@example.org", "another test password")


@pytest.fixture
def case(owner: User) -> Case:
    return do_create_case(owner, household_case(), {"files/lohn.pdf": samples.pdf()}, "import")
