"""Through which organisations a counsellor reaches a case.

Used by haertefall.cases.access (the one access function) and by the pages that list cases.
A counsellor reaches a case while the case is shared with an organisation (consent not
withdrawn) and the counsellor is a member of it (not left). Both are checked on every request,
so withdrawing consent or leaving the organisation ends access at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.models import CaseShare, Membership, Organisation


@dataclass(frozen=True, slots=True)
class CounsellorAccess:
    # The applicant agreed that counsellors of (one of) these organisations change answers.
    can_edit: bool
    organisation_ids: frozenset[uuid.UUID]


def active_memberships(user: User | AnonymousUser) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user).select_related("organisation")


def counsellor_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__left__isnull=True,
        memberships__user__is_active=True,
    ).distinct()


def shares_reaching(user: User | AnonymousUser, case: Case) -> QuerySet[CaseShare]:
    """The active shares of `case` with an organisation `user` is an active member of."""
    if not user.is_authenticated:
        return CaseShare.objects.none()
    return CaseShare.objects.active().filter(
        case=case,
        # One filter() call: the three conditions hold for the same membership row.
        organisation__memberships__user=user,
        organisation__memberships__left__isnull=True,
        organisation__memberships__user__is_active=True,
    )


def counsellor_access(user: User | AnonymousUser, case: Case) -> CounsellorAccess | None:
    """How `user` reaches `case` as a counsellor, or None (one query)."""
    rows = list(shares_reaching(user, case).values_list("can_edit", "organisation_id"))
    if not rows:
        return None
    return CounsellorAccess(
        can_edit=any(can_edit for can_edit, _organisation in rows),
        organisation_ids=frozenset(organisation for _can_edit, organisation in rows),
    )
