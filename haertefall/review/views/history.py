"""Pages both the owner and the case's counsellors use: the audit log, the list of revisions
with what each changed, and marking a comment as done."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from haertefall.accounts.models import User
from haertefall.accounts.redirects import local_next
from haertefall.cases.access import Action, case_for, is_owner
from haertefall.cases.models import Case, CaseRevision, Status
from haertefall.review import diff
from haertefall.review.audit import COUNSELLOR, OWNER
from haertefall.review.models import AuditAction, AuditEvent, Comment, Organisation
from haertefall.review.services import do_resolve_comment
from haertefall.review.views.common import case_heading, login_needed, user_of
from haertefall.wizard import steps

AUDIT_PAGE_SIZE = 100


def _back_url(user: User, case: Case) -> str:
    """The participant's own page of the case."""
    if is_owner(user, case):
        return reverse("review:applicant", args=[case.pk])
    return reverse("review:case", args=[case.pk])


def _who(actor: User | None, role: str, viewer: User) -> str:
    if actor is None:
        return _("The system") if not role else _("A deleted account")
    if actor.pk == viewer.pk:
        return _("You")
    if role == OWNER:
        return _("%(email)s (applicant)") % {"email": actor.email}
    if role == COUNSELLOR:
        return _("%(email)s (counsellor)") % {"email": actor.email}
    return actor.email


def _status_label(value: object) -> str:
    return str(Status(value).label) if value in Status.values else str(value or "")


def _describe(
    event: AuditEvent, document: Mapping[str, Any], organisations: Mapping[str, str]
) -> str:
    """The event's detail in words: step titles, statuses and organisation names only."""
    detail = event.detail or {}
    step = detail.get("step")
    # Saves that came from elsewhere ("import", "start") have no page to name.
    step_title = (
        steps.title_of(document, step)
        if isinstance(step, str) and steps.applies(document, step)
        else ""
    )
    organisation = organisations.get(str(detail.get("organisation")), "")
    if event.action == AuditAction.STATUS_CHANGED:
        text = _("from “%(before)s” to “%(after)s”") % {
            "before": _status_label(detail.get("from_status")),
            "after": _status_label(detail.get("to_status")),
        }
        if detail.get("reason") == "changed_after_approval":
            text = _("%(change)s, because answers changed after the approval") % {"change": text}
        return text
    if event.action in (AuditAction.CHANGED, AuditAction.CREATED):
        if step_title:
            return _("step “%(step)s”, version %(revision)s") % {
                "step": step_title,
                "revision": detail.get("revision", ""),
            }
        return _("version %(revision)s") % {"revision": detail.get("revision", "")}
    if event.action in (AuditAction.COMMENTED, AuditAction.COMMENT_RESOLVED) and step_title:
        return _("step “%(step)s”") % {"step": step_title}
    if event.action == AuditAction.EXPORTED:
        return _("final package") if detail.get("final") else _("draft package")
    if event.action == AuditAction.REVIEWED:
        return _("up to version %(revision)s") % {"revision": detail.get("revision", "")}
    if organisation:
        return organisation
    return ""


def _organisation_names(events: Iterable[AuditEvent]) -> dict[str, str]:
    ids = {str(event.detail.get("organisation")) for event in events if event.detail}
    ids.discard("None")
    valid = []
    for value in ids:
        try:
            valid.append(uuid.UUID(value))
        except ValueError:
            continue
    return {
        str(organisation.pk): str(organisation)
        for organisation in Organisation.objects.filter(pk__in=valid)
    }


@login_needed
@require_GET
def audit_log(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user = user_of(request)
    case = case_for(user, case_id, Action.AUDIT)
    document = case.document or {}
    events = (
        AuditEvent.objects.filter(case=case).select_related("actor").order_by("-created", "-pk")
    )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("seite"))
    organisations = _organisation_names(page.object_list)
    entries = [
        {
            "event": event,
            "who": _who(event.actor, event.actor_role, user),
            "what": event.get_action_display(),
            "detail": _describe(event, document, organisations),
        }
        for event in page.object_list
    ]
    context = {
        **case_heading(case, document),
        "entries": entries,
        "page": page,
        "back_url": _back_url(user, case),
        "as_counsellor": not is_owner(user, case),
    }
    return render(request, "review/audit.html", context)


@login_needed
@require_GET
def revisions(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user = user_of(request)
    case = case_for(user, case_id, Action.VIEW)
    document = case.document or {}
    rows = (
        CaseRevision.objects.filter(case=case)
        .select_related("author")
        .defer("document")
        .order_by("-number")
    )
    entries = [
        {
            "revision": revision,
            "who": _who(
                revision.author,
                OWNER if revision.author_id == case.owner_id else COUNSELLOR,
                user,
            ),
            "step_title": steps.title_of(document, revision.step)
            if steps.applies(document, revision.step)
            else "",
        }
        for revision in rows
    ]
    context = {
        **case_heading(case, document),
        "entries": entries,
        "back_url": _back_url(user, case),
        "as_counsellor": not is_owner(user, case),
    }
    return render(request, "review/revisions.html", context)


@login_needed
@require_GET
def revision(request: HttpRequest, case_id: uuid.UUID, number: int) -> HttpResponse:
    """What revision `number` changed, compared with the one before it."""
    user = user_of(request)
    case = case_for(user, case_id, Action.VIEW)
    current = get_object_or_404(
        CaseRevision.objects.select_related("author"), case=case, number=number
    )
    previous = CaseRevision.objects.filter(case=case, number__lt=number).order_by("-number").first()
    if previous is None:
        step_changes: list[diff.StepChanges] = []
    else:
        step_changes = diff.compare(previous.document, current.document)
    context = {
        **case_heading(case),
        "current": current,
        "previous": previous,
        "who": _who(
            current.author,
            OWNER if current.author_id == case.owner_id else COUNSELLOR,
            user,
        ),
        "step_changes": step_changes,
        "hidden_changes": previous is not None
        and diff.has_hidden_changes(previous.document, current.document, step_changes),
        "back_url": reverse("review:revisions", args=[case.pk]),
        "as_counsellor": not is_owner(user, case),
    }
    return render(request, "review/revision.html", context)


@login_needed
@require_POST
def resolve_comment(request: HttpRequest, case_id: uuid.UUID, comment_id: int) -> HttpResponse:
    user = user_of(request)
    case = case_for(user, case_id, Action.RESOLVE)
    comment = get_object_or_404(Comment.objects.select_related("case"), case=case, pk=comment_id)
    if comment.resolved is None:
        do_resolve_comment(comment, user)
        messages.success(request, _("The comment is marked as done."))
    return redirect(local_next(request, _back_url(user, case)))
