"""State changes of sharing and review. Every do_* function writes its audit record (and
notifies, where the issue asks for it) in the same transaction as the change itself.

Who may call which function is decided before, by the one access function
(haertefall.cases.access); these functions check the state: a transition from the wrong
status, an expired invitation or a stale version is refused with an exception.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, Status
from haertefall.cases.services import StaleCaseError, do_create_case
from haertefall.review import audit
from haertefall.review.consent import CONSENT_VERSION
from haertefall.review.models import (
    AuditAction,
    CaseShare,
    ClientInvitation,
    Comment,
    CounsellorInvitation,
    Membership,
    NotificationKind,
    Organisation,
    ReviewMark,
    Role,
    ShareBasis,
)
from haertefall.review.notify import deliver, notify, site_url

INVITATION_DAYS = 14
COMMENT_MAX_LENGTH = 4000


class ReviewError(Exception):
    """A change that the case's current state does not allow."""


class TransitionRefused(ReviewError):
    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(f"a case in status {current} cannot become {wanted}")
        self.current = current
        self.wanted = wanted


class NotShared(ReviewError):
    """Review was asked for, but no advice centre can see the case."""


class AlreadyShared(ReviewError):
    """The case is already shared with this organisation."""


class InvitationInvalid(ReviewError):
    """The invitation link is unknown, used, expired or meant for someone else."""


# --------------------------------------------------------------------------------------------
# Status flow (issue 6): draft → in_review → changes_requested ↔ in_review → approved → exported

SUBMITTABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
CHANGES_REQUESTABLE = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.APPROVED})
APPROVABLE = frozenset({Status.IN_REVIEW})
# An exported case is an approved case whose package went out; any change of content returns
# both to review (haertefall.cases.services.do_save_revision).
FINAL_PACKAGE_STATUSES = frozenset({Status.APPROVED, Status.EXPORTED})


def final_package_allowed(case: Case) -> bool:
    """May a final (non-draft) package be built? Only of content a counsellor approved: the
    status is approved, or exported (approved and unchanged since, else it would be in_review)."""
    return case.status in FINAL_PACKAGE_STATUSES


def _latest_number(case: Case) -> int:
    latest = CaseRevision.objects.filter(case=case).order_by("-number").values("number").first()
    return 0 if latest is None else int(latest["number"])


def _transition(
    case: Case,
    actor: User,
    allowed: frozenset[Status],
    wanted: Status,
    *,
    expected_version: int | None = None,
) -> Case:
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
        )
        if expected_version is not None and locked.version != expected_version:
            raise StaleCaseError(case.pk, expected_version, locked.version)
        if locked.status not in allowed:
            raise TransitionRefused(locked.status, wanted)
        previous = locked.status
        locked.status = wanted
        locked.save(update_fields=["status", "updated"])
        audit.record(
            locked,
            actor,
            AuditAction.STATUS_CHANGED,
            from_status=previous,
            to_status=wanted,
        )
        notify(locked, actor, NotificationKind.STATUS, status=wanted)
    case.status = locked.status
    case.updated = locked.updated
    return locked


def do_submit_for_review(case: Case, actor: User) -> None:
    """The applicant asks for review (or a counsellor starts reviewing a draft)."""
    if not CaseShare.objects.active().filter(case=case).exists():
        raise NotShared(case.pk)
    _transition(case, actor, SUBMITTABLE, Status.IN_REVIEW)


def _mark(case: Case, counsellor: User, revision: int) -> None:
    ReviewMark.objects.update_or_create(
        case=case, counsellor=counsellor, defaults={"revision": revision}
    )


def do_request_changes(case: Case, counsellor: User, expected_version: int | None = None) -> None:
    with transaction.atomic():
        locked = _transition(
            case,
            counsellor,
            CHANGES_REQUESTABLE,
            Status.CHANGES_REQUESTED,
            expected_version=expected_version,
        )
        _mark(locked, counsellor, _latest_number(locked))


def do_approve(case: Case, counsellor: User, expected_version: int) -> None:
    """Approve the content the counsellor saw: refused (StaleCaseError) if it changed since."""
    with transaction.atomic():
        locked = _transition(
            case, counsellor, APPROVABLE, Status.APPROVED, expected_version=expected_version
        )
        _mark(locked, counsellor, _latest_number(locked))


def do_mark_reviewed(case: Case, counsellor: User, revision: int) -> None:
    """The counsellor has read the case as of `revision`; "changes since" start there."""
    with transaction.atomic():
        _mark(case, counsellor, revision)
        audit.record(case, counsellor, AuditAction.REVIEWED, revision=revision)


def do_export_package(case: Case, actor: User, *, final: bool, version: int) -> None:
    """Record that a package of `case` (built from content `version`) was handed out.

    A final package moves the case to `exported`; it is refused unless the case is approved
    and still at `version`, so a package never goes out with content nobody approved.
    """
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
        )
        if final:
            if locked.version != version:
                raise StaleCaseError(case.pk, version, locked.version)
            if locked.status not in FINAL_PACKAGE_STATUSES:
                raise TransitionRefused(locked.status, Status.EXPORTED)
            if locked.status != Status.EXPORTED:
                previous = locked.status
                locked.status = Status.EXPORTED
                locked.save(update_fields=["status", "updated"])
                audit.record(
                    locked,
                    actor,
                    AuditAction.STATUS_CHANGED,
                    from_status=previous,
                    to_status=Status.EXPORTED,
                )
                notify(locked, actor, NotificationKind.STATUS, status=Status.EXPORTED)
        audit.record(locked, actor, AuditAction.EXPORTED, final=final, version=version)
    case.status = locked.status
    case.updated = locked.updated


# --------------------------------------------------------------------------------------------
# Sharing and consent


def do_share_case(case: Case, owner: User, organisation: Organisation, *, can_edit: bool) -> None:
    """The owner shares the case with `organisation`, agreeing to the consent text of
    CONSENT_VERSION (and, with `can_edit`, to counsellors changing answers)."""
    now = timezone.now()
    with transaction.atomic():
        if CaseShare.objects.active().filter(case=case, organisation=organisation).exists():
            raise AlreadyShared(organisation.pk)
        CaseShare.objects.create(
            case=case,
            organisation=organisation,
            basis=ShareBasis.CONSENT,
            consent_by=owner,
            consent_given=now,
            consent_version=CONSENT_VERSION,
            can_edit=can_edit,
            edit_consent_given=now if can_edit else None,
        )
        audit.record(
            case, owner, AuditAction.SHARED, organisation=str(organisation.pk), can_edit=can_edit
        )


def do_withdraw_consent(share: CaseShare, owner: User) -> None:
    """Counsellors of the organisation lose access with this commit."""
    with transaction.atomic():
        locked = CaseShare.objects.select_for_update().get(pk=share.pk)
        if locked.withdrawn is not None:
            return
        locked.withdrawn = timezone.now()
        locked.withdrawn_by = owner
        locked.save(update_fields=["withdrawn", "withdrawn_by"])
        audit.record(
            share.case,
            owner,
            AuditAction.CONSENT_WITHDRAWN,
            organisation=str(share.organisation_id),
        )
    share.withdrawn = locked.withdrawn


def do_set_edit_consent(share: CaseShare, owner: User, *, allowed: bool) -> None:
    with transaction.atomic():
        locked = CaseShare.objects.select_for_update().get(pk=share.pk)
        if locked.withdrawn is not None or locked.can_edit == allowed:
            return
        locked.can_edit = allowed
        locked.edit_consent_given = timezone.now() if allowed else None
        locked.save(update_fields=["can_edit", "edit_consent_given"])
        action = AuditAction.EDIT_CONSENT_GIVEN if allowed else AuditAction.EDIT_CONSENT_WITHDRAWN
        audit.record(share.case, owner, action, organisation=str(share.organisation_id))
    share.can_edit = allowed


# --------------------------------------------------------------------------------------------
# Invitations


def new_token() -> tuple[str, str]:
    """A secret for a link, and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_invitation(template: str, email: str, link: str, organisation: Organisation) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"link": link, "organisation": organisation.name, "days": INVITATION_DAYS}
        subject = render_to_string(f"review/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"review/email/{template}.txt", context)
    deliver(subject, body, email)


def do_invite_counsellor(
    organisation: Organisation, admin: User, email: str, role: Role = Role.COUNSELLOR
) -> str:
    """Create an invitation and e-mail its link; returns the link's token (shown once)."""
    token, hashed = new_token()
    with transaction.atomic():
        CounsellorInvitation.objects.create(
            organisation=organisation,
            email=email.lower(),
            role=role,
            token_hash=hashed,
            invited_by=admin,
            expires=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        link = site_url(reverse("review:accept_invitation", args=[token]))
        transaction.on_commit(
            lambda: _send_invitation("counsellor_invitation", email, link, organisation)
        )
    return token


def _usable(invitation: CounsellorInvitation | ClientInvitation, user: User) -> bool:
    return (
        invitation.accepted is None
        and invitation.expires > timezone.now()
        and invitation.email.lower() == user.email.lower()
    )


def counsellor_invitation(token: str, user: User) -> CounsellorInvitation:
    invitation = (
        CounsellorInvitation.objects.select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or not _usable(invitation, user):
        raise InvitationInvalid
    return invitation


def do_accept_counsellor_invitation(invitation: CounsellorInvitation, user: User) -> Membership:
    with transaction.atomic():
        locked = CounsellorInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not _usable(locked, user):
            raise InvitationInvalid
        locked.accepted = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted", "accepted_by"])
        membership = Membership.objects.active().filter(
            organisation=invitation.organisation, user=user
        ).first() or Membership(organisation=invitation.organisation, user=user)
        if membership.pk is None or locked.role == Role.ADMIN:
            membership.role = locked.role
        membership.save()
    return membership


def do_end_membership(membership: Membership) -> None:
    """A counsellor leaves (or is removed from) an organisation: access ends with this commit."""
    Membership.objects.filter(pk=membership.pk, left__isnull=True).update(left=timezone.now())
    membership.refresh_from_db()


def do_start_client_case(
    counsellor: User, organisation: Organisation, document: dict[str, object], client_email: str
) -> tuple[Case, str]:
    """A counsellor starts a case for a client and invites the client to take it over.

    Until the client accepts, the counsellor owns the case and the organisation sees it as its
    own; the client's consent is recorded when they accept. Returns the case and the token.
    """
    token, hashed = new_token()
    with transaction.atomic():
        case = do_create_case(counsellor, dict(document), {}, "start")
        CaseShare.objects.create(
            case=case,
            organisation=organisation,
            basis=ShareBasis.ORGANISATION_CASE,
            can_edit=True,
        )
        ClientInvitation.objects.create(
            case=case,
            organisation=organisation,
            email=client_email.lower(),
            token_hash=hashed,
            invited_by=counsellor,
            expires=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        audit.record(
            case, counsellor, AuditAction.CLIENT_INVITED, organisation=str(organisation.pk)
        )
        link = site_url(reverse("review:accept_case", args=[token]))
        transaction.on_commit(
            lambda: _send_invitation("client_invitation", client_email, link, organisation)
        )
    return case, token


def client_invitation(token: str, user: User) -> ClientInvitation:
    invitation = (
        ClientInvitation.objects.select_related("organisation", "case")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or not _usable(invitation, user):
        raise InvitationInvalid
    return invitation


def do_accept_case(invitation: ClientInvitation, client: User, *, can_edit: bool) -> Case:
    """The client takes the case over: they own it from now on, and the organisation keeps
    seeing it with the consent the client gives here."""
    now = timezone.now()
    with transaction.atomic():
        locked = ClientInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not _usable(locked, client):
            raise InvitationInvalid
        locked.accepted = now
        locked.accepted_by = client
        locked.save(update_fields=["accepted", "accepted_by"])
        case = Case.objects.select_for_update().get(pk=invitation.case_id)
        case.owner = client
        case.save(update_fields=["owner", "updated"])
        share = (
            CaseShare.objects.active()
            .filter(case=case, organisation=invitation.organisation)
            .first()
        ) or CaseShare(case=case, organisation=invitation.organisation)
        share.basis = ShareBasis.CONSENT
        share.consent_by = client
        share.consent_given = now
        share.consent_version = CONSENT_VERSION
        share.can_edit = can_edit
        share.edit_consent_given = now if can_edit else None
        share.save()
        audit.record(
            case,
            client,
            AuditAction.OWNERSHIP_TRANSFERRED,
            organisation=str(invitation.organisation_id),
            can_edit=can_edit,
        )
    return case


# --------------------------------------------------------------------------------------------
# Comments


def do_add_comment(
    case: Case,
    counsellor: User,
    *,
    step: str,
    person_id: str,
    field: str,
    text: str,
    organisation: Organisation | None,
) -> Comment:
    """`step`, `person_id` and `field` are checked by the caller against the case's steps."""
    with transaction.atomic():
        comment = Comment.objects.create(
            case=case,
            author=counsellor,
            organisation=organisation,
            step=step,
            person_id=person_id,
            field=field,
            text=text[:COMMENT_MAX_LENGTH],
            revision=_latest_number(case),
        )
        audit.record(
            case,
            counsellor,
            AuditAction.COMMENTED,
            comment=comment.pk,
            step=step,
            field=field or None,
        )
        notify(case, counsellor, NotificationKind.COMMENT)
    return comment


def do_resolve_comment(comment: Comment, user: User) -> None:
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, resolved__isnull=True).update(
            resolved=timezone.now(), resolved_by=user
        )
        if updated:
            audit.record(
                comment.case,
                user,
                AuditAction.COMMENT_RESOLVED,
                comment=comment.pk,
                step=comment.step,
            )
    comment.refresh_from_db()
