"""Advice centres, their counsellors, what applicants share with them, and the review around it.

The case's content stays in CaseRevision (design.md: one home for every fact). These tables
hold who may see a case and why (memberships, shares with the consent that allows them), what
counsellors said about it (comments, review marks), who did what (audit events) and whom to
tell (notifications). None of them copies a fact of the case.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from haertefall.cases.models import Case
from haertefall.cases.sealed import SealedJSONField


class Organisation(models.Model):
    """An advice centre (Beratungsstelle) whose counsellors review shared cases."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("advice centre")
        verbose_name_plural = _("advice centres")
        ordering = ["name", "city"]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    # Also a counsellor; in addition invites and removes members.
    ADMIN = "admin", _("Organisation admin")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(left__isnull=True, user__is_active=True)


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.COUNSELLOR)
    joined = models.DateTimeField(_("joined"), auto_now_add=True)
    # Kept rather than deleted, so the audit log can still say who a former counsellor was
    # working for; access ends the moment this is set.
    left = models.DateTimeField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "joined"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(left__isnull=True),
                name="one_active_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class CounsellorInvitation(models.Model):
    """An organisation admin asks someone to join as a counsellor.

    Only a hash of the link's secret is stored: a copy of the database does not let anyone in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.COUNSELLOR)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    accepted = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("counsellor invitation")
        verbose_name_plural = _("counsellor invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class ShareBasis(models.TextChoices):
    # The applicant chose the organisation and agreed to the consent text.
    CONSENT = "consent", _("Consent of the applicant")
    # A counsellor started the case for a client who has not taken it over yet.
    ORGANISATION_CASE = "organisation_case", _("Started by the advice centre")


class CaseShareQuerySet(models.QuerySet["CaseShare"]):
    def active(self) -> CaseShareQuerySet:
        return self.filter(withdrawn__isnull=True)


class CaseShare(models.Model):
    """A case made visible to an organisation's counsellors, and the consent behind it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shares")
    basis = models.CharField(
        _("basis"), max_length=32, choices=ShareBasis.choices, default=ShareBasis.CONSENT
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_given = models.DateTimeField(_("consent given"), null=True, blank=True)
    # Which wording the person agreed to (haertefall.review.consent.CONSENT_VERSION).
    consent_version = models.CharField(_("consent wording"), max_length=32, blank=True)
    can_edit = models.BooleanField(_("counsellors may change answers"), default=False)
    edit_consent_given = models.DateTimeField(_("consent to changes given"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    withdrawn = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("shared case")
        verbose_name_plural = _("shared cases")
        ordering = ["case", "created"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(withdrawn__isnull=True),
                name="one_active_share_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.organisation_id}"


class ClientInvitation(models.Model):
    """A counsellor started a case for a client and asks the client to take it over."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="client_invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    accepted = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("client invitation")
        verbose_name_plural = _("client invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.email}"


class Comment(models.Model):
    """A counsellor's remark on a step or on one question of a step."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The step name when the comment was written ("lebenslauf-2"); for a per-person step the
    # person's id as well, so the comment follows the person if the order of persons changes.
    step = models.CharField(_("step"), max_length=64)
    person_id = models.CharField(max_length=100, blank=True)
    # The id of the input the comment is about (an anchor on the step's page), or "".
    field = models.CharField(_("field"), max_length=200, blank=True)
    # Remarks about a case quote it (health, offences): sealed with the case key.
    text = SealedJSONField(_("comment"))
    revision = models.PositiveIntegerField(_("revision"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    resolved = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["case", "created", "pk"]
        indexes = [models.Index(fields=["case", "resolved"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} #{self.pk}"


class AuditAction(models.TextChoices):
    CREATED = "created", _("created the application")
    VIEWED = "viewed", _("looked at the application")
    CHANGED = "changed", _("changed answers")
    SHARED = "shared", _("shared the application")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("withdrew the consent")
    EDIT_CONSENT_GIVEN = "edit_consent_given", _("allowed changes by counsellors")
    EDIT_CONSENT_WITHDRAWN = "edit_consent_withdrawn", _("withdrew the permission to change")
    CLIENT_INVITED = "client_invited", _("invited the client")
    OWNERSHIP_TRANSFERRED = "ownership_transferred", _("took over the application")
    COMMENTED = "commented", _("wrote a comment")
    COMMENT_RESOLVED = "comment_resolved", _("marked a comment as done")
    STATUS_CHANGED = "status_changed", _("changed the status")
    REVIEWED = "reviewed", _("marked the application as reviewed")
    EXPORTED = "exported", _("created a package")


class AuditEvent(models.Model):
    """Who did what to a case and when. `detail` holds ids, step and field names only, never
    what anybody wrote: the log is shown to several people and kept longer than the content."""

    # No database constraint: the trace of a case must outlive the case.
    case = models.ForeignKey(
        Case, on_delete=models.DO_NOTHING, db_constraint=False, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # "owner", "counsellor" or "" (the system); the role in which the actor acted.
    actor_role = models.CharField(max_length=16, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created = models.DateTimeField(_("time"), auto_now_add=True)
    # The local day, so that a counsellor's views are recorded once per day (constraint below).
    day = models.DateField()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["case", "created", "pk"]
        indexes = [models.Index(fields=["case", "created"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "actor", "day"],
                condition=Q(action="viewed"),
                name="one_view_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.created:%Y-%m-%d %H:%M}"


class NotificationKind(models.TextChoices):
    COMMENT = "comment", _("New comment")
    STATUS = "status", _("Status changed")


class Notification(models.Model):
    """Something a participant of a case should know about; says nothing about the content."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    # For status notifications: the new status.
    status = models.CharField(max_length=32, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read"])]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.case_id}"


class ReviewMark(models.Model):
    """The revision a counsellor last reviewed: "what changed since" starts there."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="review_marks")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_marks"
    )
    revision = models.PositiveIntegerField(_("revision"))
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review mark")
        verbose_name_plural = _("review marks")
        constraints = [
            models.UniqueConstraint(fields=["case", "counsellor"], name="one_mark_per_counsellor"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.counsellor_id} @{self.revision}"
