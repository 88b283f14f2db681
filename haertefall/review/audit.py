"""Writing the audit log. Called by the do_* functions that make a change, inside their
transaction, so a change and its trace are stored together or not at all."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.models import AuditAction, AuditEvent

OWNER = "owner"
COUNSELLOR = "counsellor"

# Only these keys may appear in an event's detail: ids, step and field names, statuses and
# numbers. Anything else is refused, so that no caller can put what someone wrote in the log.
DETAIL_KEYS = frozenset(
    {
        "step",
        "field",
        "revision",
        "comment",
        "organisation",
        "can_edit",
        "from_status",
        "to_status",
        "reason",
        "final",
        "version",
    }
)


def role_of(actor: User | None, case: Case) -> str:
    if actor is None:
        return ""
    return OWNER if actor.pk == case.owner_id else COUNSELLOR


def record(
    case: Case, actor: User | None, action: AuditAction, **detail: str | int | bool | None
) -> AuditEvent:
    unknown = set(detail) - DETAIL_KEYS
    if unknown:
        raise ValueError(f"audit detail keys not allowed: {sorted(unknown)}")
    return AuditEvent.objects.create(
        case=case,
        actor=actor,
        actor_role=role_of(actor, case),
        action=action,
        detail={key: value for key, value in detail.items() if value is not None},
        day=timezone.localdate(),
    )


def record_view(case: Case, viewer: User) -> None:
    """A counsellor opened a page of the case: one entry per counsellor, case and day, so the
    log stays readable (the unique constraint makes a second one on the same day impossible)."""
    today = timezone.localdate()
    if AuditEvent.objects.filter(
        case=case, actor=viewer, action=AuditAction.VIEWED, day=today
    ).exists():
        return
    try:
        with transaction.atomic():
            record(case, viewer, AuditAction.VIEWED)
    except IntegrityError:
        # Two pages opened at the same moment: the other request recorded today's view.
        pass
