"""What a change of a case's content means for its review.

Called by haertefall.cases.services (do_create_case, do_save_revision) inside their
transaction, with the case row locked, so that no path that stores content can skip the audit
record or keep an approval that no longer covers the content.
"""

from __future__ import annotations

from haertefall.accounts.models import User
from haertefall.cases.models import Case, Status
from haertefall.review import audit
from haertefall.review.models import AuditAction, NotificationKind
from haertefall.review.notify import notify

# An approval covers the content it was given for; an exported case was approved and sent.
APPROVED_STATUSES = frozenset({Status.APPROVED, Status.EXPORTED})


def content_created(case: Case, author: User | None, step: str) -> None:
    audit.record(case, author, AuditAction.CREATED, step=step, revision=1)


def content_changed(case: Case, author: User | None, step: str, revision: int) -> None:
    audit.record(case, author, AuditAction.CHANGED, step=step, revision=revision)
    if case.status not in APPROVED_STATUSES:
        return
    previous = case.status
    case.status = Status.IN_REVIEW
    case.save(update_fields=["status", "updated"])
    audit.record(
        case,
        author,
        AuditAction.STATUS_CHANGED,
        from_status=previous,
        to_status=Status.IN_REVIEW,
        reason="changed_after_approval",
        step=step,
    )
    notify(case, author, NotificationKind.STATUS, status=Status.IN_REVIEW)
