"""Who may do what with a case: the one place every case-loading view asks.

Today a case is visible to its owner only; counsellors of an organisation the owner shared
the case with come later (design.md). Anybody else gets a 404, never a 403, so that the
existence of a case id reveals nothing.
"""

import uuid
from enum import Enum

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from haertefall.accounts.models import User
from haertefall.cases.models import Case


class Action(Enum):
    VIEW = "view"
    EDIT = "edit"


def may(user: User | AnonymousUser, case: Case, action: Action) -> bool:
    if not user.is_authenticated:
        return False
    return case.owner_id == user.pk


def case_for(user: User | AnonymousUser, case_id: uuid.UUID | str, action: Action) -> Case:
    """The case `case_id` if `user` may perform `action` on it; Http404 otherwise."""
    try:
        key = case_id if isinstance(case_id, uuid.UUID) else uuid.UUID(str(case_id))
        case = Case.objects.select_related("owner").get(pk=key)
    except (Case.DoesNotExist, ValueError):
        raise Http404 from None
    if not may(user, case, action):
        raise Http404
    return case
