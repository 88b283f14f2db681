from pathlib import Path

import pytest

from haertefall.accounts.models import User
from haertefall.review.models import Membership, Organisation, Role
from tests.fixtures import client_for, upload_root  # noqa: F401 - fixtures for this folder

PASSWORD = "a long test password"


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


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()
