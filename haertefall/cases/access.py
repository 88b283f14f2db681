"""Who may do what with a case: the one place every case-loading view asks.

A case has two kinds of participants (design.md):

- its owner, the applicant;
- counsellors of an organisation the case is shared with, while the applicant's consent
  stands and the counsellor is a member of that organisation (haertefall.review).

Anybody else gets a 404, never a 403, so that the existence of a case id reveals nothing.
A participant who asks for something their role does not allow (a counsellor without the
applicant's consent to change answers saving a step, an applicant approving their own case)
gets a 403: they know the case exists, and a 404 would only confuse them.
"""

import uuid
from enum import Enum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.audit import record_view
from haertefall.review.participation import CounsellorAccess, counsellor_access


class Action(Enum):
    VIEW = "view"  # read the answers, documents, files, assessment and revisions
    EDIT = "edit"  # change answers or documents
    COMMENT = "comment"  # leave a comment for the applicant
    RESOLVE = "resolve"  # mark a comment as done
    SUBMIT = "submit"  # send the case for review (or start reviewing a draft)
    REVIEW = "review"  # the counsellor's pages, request changes, approve
    SHARE = "share"  # share with an organisation, give or withdraw consent
    EXPORT = "export"  # build and download a package
    AUDIT = "audit"  # read the audit log


OWNER_ACTIONS = frozenset(
    {
        Action.VIEW,
        Action.EDIT,
        Action.RESOLVE,
        Action.SUBMIT,
        Action.SHARE,
        Action.EXPORT,
        Action.AUDIT,
    }
)
COUNSELLOR_ACTIONS = frozenset(
    {
        Action.VIEW,
        Action.COMMENT,
        Action.RESOLVE,
        Action.SUBMIT,
        Action.REVIEW,
        Action.EXPORT,
        Action.AUDIT,
    }
)


def counsellor_actions(access: CounsellorAccess | None) -> frozenset[Action]:
    if access is None:
        return frozenset()
    if access.can_edit:
        return COUNSELLOR_ACTIONS | {Action.EDIT}
    return COUNSELLOR_ACTIONS


def is_owner(user: User | AnonymousUser, case: Case) -> bool:
    return user.is_authenticated and case.owner_id == user.pk


def may(user: User | AnonymousUser, case: Case, action: Action) -> bool:
    if not user.is_authenticated:
        return False
    if is_owner(user, case) and action in OWNER_ACTIONS:
        return True
    return action in counsellor_actions(counsellor_access(user, case))


class LoginNeeded(Exception):
    """Nobody is logged in. LoginNeededMiddleware answers with the log-in page, which leads
    back to the page asked for: someone whose session ran out resumes where they were, and
    since an unknown case id answers the same, the answer says nothing about the case."""


def case_for(user: User | AnonymousUser, case_id: uuid.UUID | str, action: Action) -> Case:
    """The case `case_id` if `user` may perform `action` on it.

    Http404 for anyone who takes no part in the case; PermissionDenied (403) for a
    participant whose role does not allow `action`. A counsellor's visit is written to the
    audit log (once per day).
    """
    if not isinstance(user, User) or not user.is_authenticated:
        raise LoginNeeded
    try:
        key = case_id if isinstance(case_id, uuid.UUID) else uuid.UUID(str(case_id))
        case = Case.objects.select_related("owner").get(pk=key)
    except (Case.DoesNotExist, ValueError):
        raise Http404 from None
    owner = is_owner(user, case)
    if owner and action in OWNER_ACTIONS:
        return case
    access = counsellor_access(user, case)
    if access is None:
        if owner:
            raise PermissionDenied
        raise Http404
    if action not in counsellor_actions(access):
        raise PermissionDenied
    if not owner:
        record_view(case, user)
    return case
