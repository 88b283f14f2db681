import pytest

from haertefall.accounts.models import User
from tests.fixtures import upload_root  # noqa: F401 - fixtures for this folder


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org")
