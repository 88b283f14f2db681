"""People and cases for the review tests.

Five people take part in every permission test: the owner of the case, a counsellor of the
organisation the case is shared with, a counsellor of another organisation, another
applicant, and a visitor who is not logged in.
"""

import pytest

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.models import Membership, Organisation, Role
from tests.fixtures import client_for, upload_root  # noqa: F401 - fixtures for this folder
from tests.review.helpers import make_case, share


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org", "a long test password")


@pytest.fixture
def other_applicant(db: None) -> User:
    return User.objects.create_user("someone.else@example.org", "another test password")


@pytest.fixture
def centre(db: None) -> Organisation:
    return Organisation.objects.create(name="Beratungsstelle Nord", city="Dortmund")


@pytest.fixture
def other_centre(db: None) -> Organisation:
    return Organisation.objects.create(name="Flüchtlingsrat Süd", city="Köln")


@pytest.fixture
def counsellor(centre: Organisation) -> User:
    user = User.objects.create_user("berater@example.org", "a counsellor password")
    Membership.objects.create(organisation=centre, user=user, role=Role.COUNSELLOR)
    return user


@pytest.fixture
def centre_admin(centre: Organisation) -> User:
    user = User.objects.create_user("leitung@example.org", "an admin password")
    Membership.objects.create(organisation=centre, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def other_counsellor(other_centre: Organisation) -> User:
    user = User.objects.create_user("andere@example.org", "another counsellor password")
    Membership.objects.create(organisation=other_centre, user=user, role=Role.COUNSELLOR)
    return user


@pytest.fixture
def case(owner: User) -> Case:
    return make_case(owner)


@pytest.fixture
def shared_case(case: Case, owner: User, centre: Organisation) -> Case:
    share(case, owner, centre)
    return case
