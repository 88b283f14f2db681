"""Telling participants that something happened: a notification in the app and an e-mail.

Neither says anything about the case's content – no name, no answer, no comment text – only
that there is news and a link. Whoever follows the link passes the access function again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.models import (
    AuditAction,
    AuditEvent,
    Notification,
    NotificationKind,
    ReviewMark,
)

logger = logging.getLogger(__name__)

# Counsellors who did one of these on a case are "working on it" and hear about it; until
# someone has, every counsellor who can see the case does.
WORKING_ACTIONS = (AuditAction.COMMENTED, AuditAction.STATUS_CHANGED, AuditAction.REVIEWED)


def site_url(path: str) -> str:
    """An absolute link for an e-mail (the e-mail has no request to take the host from)."""
    return f"{settings.SITE_URL}{path}"


def counsellors_of(case: Case) -> list[User]:
    """Active counsellors of every organisation the case is shared with right now."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__left__isnull=True,
            memberships__organisation__shares__case=case,
            memberships__organisation__shares__withdrawn__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )


def recipients(case: Case, actor: User | None) -> list[User]:
    """Whom to tell about news on `case`: the owner and the counsellors working on it."""
    counsellors = counsellors_of(case)
    working = set(
        AuditEvent.objects.filter(
            case=case, action__in=WORKING_ACTIONS, actor__in=counsellors
        ).values_list("actor_id", flat=True)
    ) | set(
        ReviewMark.objects.filter(case=case, counsellor__in=counsellors).values_list(
            "counsellor_id", flat=True
        )
    )
    chosen = [user for user in counsellors if user.pk in working] or counsellors
    everyone = [case.owner, *chosen] if case.owner.is_active else chosen
    seen: set[object] = set()
    result = []
    for user in everyone:
        if user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def notify(
    case: Case, actor: User | None, kind: NotificationKind, status: str = ""
) -> list[Notification]:
    """Create the notifications and send the e-mails once the transaction has committed."""
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=user, case=case, kind=kind, status=status)
            for user in recipients(case, actor)
        ]
    )
    pending = [(notification.pk, notification.recipient.email) for notification in notifications]
    transaction.on_commit(lambda: _send(pending, kind))
    return notifications


def _send(pending: Iterable[tuple[int | None, str]], kind: str) -> None:
    # The interface language of the recipient is unknown; e-mails use the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        for notification_id, email in pending:
            link = site_url(reverse("review:notification", args=[notification_id]))
            subject = render_to_string(
                "review/email/notification_subject.txt", {"kind": kind}
            ).strip()
            body = render_to_string("review/email/notification.txt", {"kind": kind, "link": link})
            deliver(subject, body, email)


def deliver(subject: str, body: str, email: str) -> None:
    try:
        send_mail(subject, body, None, [email])
    except Exception:
        # The change is saved and the notification is in the app; a mail server that is down
        # must not turn that into an error page. The address stays out of the log.
        logger.exception("could not send a notification e-mail")


def unread_count(user: User) -> int:
    return Notification.objects.filter(Q(recipient=user) & Q(read__isnull=True)).count()
