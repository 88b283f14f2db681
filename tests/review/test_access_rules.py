"""The access function's rules, action by action (the pages' statuses are in
test_permissions.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from haertefall.accounts.models import User
from haertefall.cases.access import Action, LoginNeeded, case_for, may
from haertefall.cases.models import Case
from haertefall.review.models import AuditAction, AuditEvent
from tests.review.helpers import active_share

pytestmark = pytest.mark.django_db

OWNER_MAY = {
    Action.VIEW,
    Action.EDIT,
    Action.RESOLVE,
    Action.SUBMIT,
    Action.SHARE,
    Action.EXPORT,
    Action.AUDIT,
}
COUNSELLOR_MAY = {
    Action.VIEW,
    Action.COMMENT,
    Action.RESOLVE,
    Action.SUBMIT,
    Action.REVIEW,
    Action.EXPORT,
    Action.AUDIT,
}


@pytest.mark.parametrize("action", list(Action))
def test_what_the_owner_may_do(shared_case: Case, owner: User, action: Action) -> None:
    assert may(owner, shared_case, action) is (action in OWNER_MAY)
    if action in OWNER_MAY:
        assert case_for(owner, shared_case.pk, action) == shared_case
    else:
        with pytest.raises(PermissionDenied):
            case_for(owner, shared_case.pk, action)


@pytest.mark.parametrize("action", list(Action))
def test_what_a_counsellor_may_do_without_consent_to_change(
    shared_case: Case, counsellor: User, action: Action
) -> None:
    assert may(counsellor, shared_case, action) is (action in COUNSELLOR_MAY)
    if action in COUNSELLOR_MAY:
        assert case_for(counsellor, shared_case.pk, action) == shared_case
    else:
        with pytest.raises(PermissionDenied):
            case_for(counsellor, shared_case.pk, action)


@pytest.mark.parametrize("action", list(Action))
def test_consent_to_change_adds_exactly_editing(
    shared_case: Case, counsellor: User, action: Action
) -> None:
    share = active_share(shared_case)
    share.can_edit = True
    share.save()

    assert may(counsellor, shared_case, action) is (action in COUNSELLOR_MAY | {Action.EDIT})


@pytest.mark.parametrize("action", list(Action))
def test_strangers_learn_nothing(
    shared_case: Case, other_counsellor: User, other_applicant: User, action: Action
) -> None:
    for user in (other_counsellor, other_applicant):
        assert not may(user, shared_case, action)
        with pytest.raises(Http404):
            case_for(user, shared_case.pk, action)
    assert not may(AnonymousUser(), shared_case, action)
    with pytest.raises(LoginNeeded):
        case_for(AnonymousUser(), shared_case.pk, action)


def test_a_refused_counsellor_leaves_no_visit_in_the_log(
    shared_case: Case, counsellor: User
) -> None:
    with pytest.raises(PermissionDenied):
        case_for(counsellor, shared_case.pk, Action.EDIT)

    assert not AuditEvent.objects.filter(action=AuditAction.VIEWED).exists()
