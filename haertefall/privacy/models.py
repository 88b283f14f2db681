"""What remains after a case is deleted, and when a person was warned before it is deleted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from haertefall.cases.models import Case


class DeletionReason(models.TextChoices):
    ACCOUNT_DELETED = "account_deleted", _("The person deleted their account")
    INACTIVE = "inactive", _("Draft unchanged for too long")


class DeletionRecord(models.Model):
    """That a case existed and was deleted, and why: ids only.

    The case's own audit events are deleted with it (the person asked for deletion, and those
    events name counsellors, steps and fields of the case); this row answers "where did case X
    go?" without keeping anything about the person.
    """

    case_id = models.UUIDField(_("case id"), db_index=True)
    reason = models.CharField(_("reason"), max_length=32, choices=DeletionReason.choices)
    deleted = models.DateTimeField(_("deleted"), auto_now_add=True)

    class Meta:
        verbose_name = _("deleted case")
        verbose_name_plural = _("deleted cases")
        ordering = ["-deleted"]

    def __str__(self) -> str:
        return f"{self.case_id} ({self.reason})"


class InactivityWarning(models.Model):
    """The last warning e-mail about an unchanged draft. A change to the case after `sent`
    starts a new cycle: the old warning no longer counts."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="inactivity_warning")
    sent = models.DateTimeField(_("warning sent"))

    class Meta:
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self) -> str:
        return f"{self.case_id} {self.sent:%Y-%m-%d}"
