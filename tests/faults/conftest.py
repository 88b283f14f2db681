import pytest

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.evidence.helpers import household_case
from tests.fixtures import client_for, owner_client, upload_root  # noqa: F401 - fixtures for this folder


@pytest.fixture
def password() -> str:
    return "a long test passphrase"


@pytest.fixture
def owner(db: None, password: str) -> User:
    return User.objects.create_user("amina@example.org", password)


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
