"""The access function: owners may see and edit their cases, nobody else learns they exist."""

import uuid
from operator import attrgetter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from haertefall.accounts.models import User
from haertefall.cases.access import OWNER_ACTIONS, Action, LoginNeeded, case_for
from haertefall.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(owner: User) -> Case:
    return Case.objects.create(owner=owner, target="hfk_nrw")


@pytest.mark.parametrize("action", sorted(OWNER_ACTIONS, key=attrgetter("value")))
def test_the_owner_may_view_and_edit(case: Case, owner: User, action: Action) -> None:
    assert case_for(owner, case.pk, action) == case


@pytest.mark.parametrize("action", list(Action))
def test_another_user_gets_404(case: Case, action: Action) -> None:
    stranger = User.objects.create_user("someone-else@example.org")
    with pytest.raises(Http404):
        case_for(stranger, case.pk, action)


@pytest.mark.parametrize("case_id", ["existing", uuid.uuid4(), "not-a-uuid"])
def test_an_anonymous_visitor_is_asked_to_log_in_whether_the_case_exists_or_not(
    case: Case, case_id: object
) -> None:
    with pytest.raises(LoginNeeded):
        case_for(AnonymousUser(), case.pk if case_id == "existing" else case_id, Action.VIEW)  # type: ignore[arg-type]


@pytest.mark.parametrize("case_id", [uuid.uuid4(), "not-a-uuid"])
def test_an_unknown_or_malformed_id_gets_404(owner: User, case_id: object) -> None:
    with pytest.raises(Http404):
        case_for(owner, case_id, Action.VIEW)  # type: ignore[arg-type]
