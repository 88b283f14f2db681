"""The counsellor's pages: the queue, a case step by step, comments, the changes since the
last review, the decisions (request changes, approve), and starting a case for a client.

Every page that takes a case id loads it through `case_for` (haertefall.cases.access).
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haertefall.cases.access import Action, case_for, may
from haertefall.cases.models import Case, CaseRevision
from haertefall.cases.services import StaleCaseError
from haertefall.evidence.forms import document_label
from haertefall.review import comments as comment_views
from haertefall.review import diff
from haertefall.review.forms import CommentForm, QueueFilterForm, StartClientCaseForm
from haertefall.review.models import CaseShare, ClientInvitation, Comment, ReviewMark
from haertefall.review.participation import (
    active_memberships,
    counsellor_access,
    counsellor_organisations,
)
from haertefall.review.queue import normal_sort, queue_rows, sort_links, summary_of
from haertefall.review.services import (
    APPROVABLE,
    CHANGES_REQUESTABLE,
    SUBMITTABLE,
    TransitionRefused,
    do_add_comment,
    do_approve,
    do_mark_reviewed,
    do_request_changes,
    do_start_client_case,
)
from haertefall.review.views.common import case_heading, error_links, login_needed, user_of
from haertefall.wizard import steps
from haertefall.wizard.summaries import summarise
from haertefall.wizard.views import CHECK, minimal_document

QUEUE_PAGE_SIZE = 50
# The queue's sortable columns, in the order of the table.
COLUMNS = (
    ("name", gettext_lazy("Applicant")),
    ("status", gettext_lazy("Status")),
    ("target", gettext_lazy("Application")),
    ("updated", gettext_lazy("Last change")),
    ("outcome", gettext_lazy("Assessment")),
)


# --------------------------------------------------------------------------------------------
# Queue


@login_needed
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    memberships = list(active_memberships(user))
    if not memberships:
        return render(request, "review/not_a_counsellor.html")
    filters = QueueFilterForm(request.GET)
    sort = normal_sort(filters.value("sort"))
    rows = queue_rows(
        user,
        timezone.localdate(),
        status=filters.value("status"),
        target=filters.value("target"),
        outcome=filters.value("outcome"),
        sort=sort,
    )
    page = Paginator(rows, QUEUE_PAGE_SIZE).get_page(request.GET.get("seite"))
    kept = {name: filters.value(name) for name in ("status", "target", "outcome")}
    links = sort_links(sort)
    query = {name: value for name, value in kept.items() if value}
    context = {
        "memberships": memberships,
        "filters": filters,
        "page": page,
        "total": len(rows),
        "sort": sort,
        "columns": [
            {
                "label": label,
                "url": "?" + urlencode({**query, "sort": links[name]}),
                "direction": "ascending"
                if sort == name
                else "descending"
                if sort == f"-{name}"
                else None,
            }
            for name, label in COLUMNS
        ],
        "page_query": urlencode({**query, "sort": sort}),
        "filtered": bool(query),
    }
    return render(request, "review/queue.html", context)


# --------------------------------------------------------------------------------------------
# One case


def _latest(case: Case) -> CaseRevision:
    revision = case.latest_revision()
    if revision is None:  # pragma: no cover - every case has a first revision
        raise Http404
    return revision


def _decisions(case: Case) -> dict[str, bool]:
    return {
        "can_start_review": case.status in SUBMITTABLE,
        "can_request_changes": case.status in CHANGES_REQUESTABLE,
        "can_approve": case.status in APPROVABLE,
    }


@login_needed
@require_GET
def case_overview(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user = user_of(request)
    case = case_for(user, case_id, Action.REVIEW)
    latest = _latest(case)
    document = latest.document
    access = counsellor_access(user, case)
    can_edit = access is not None and access.can_edit
    grouped = comment_views.by_step(
        comment_views.views_of(comment_views.open_comments(case), document)
    )
    saved = steps.saved_steps(case)
    sections = []
    for name in steps.step_names(document):
        section: dict[str, Any] = {
            "name": name,
            "title": steps.title_of(document, name),
            "complete": steps.is_complete(document, name, name in saved),
            "review_url": reverse("review:step", args=[case.pk, name]),
            "comments": grouped.get(name, []),
            "is_documents": name == steps.DOCUMENTS,
        }
        if name == steps.DOCUMENTS:
            section["documents"] = _document_entries(document)
            section["change_url"] = steps.documents_url(case) if can_edit else None
        else:
            section["groups"] = summarise(document, name)
            section["change_url"] = (
                f"{steps.step_url(case, name)}?next={CHECK}" if can_edit else None
            )
        sections.append(section)
    mark = ReviewMark.objects.filter(case=case, counsellor=user).first()
    context = {
        **case_heading(case, document),
        "sections": sections,
        "orphaned_comments": grouped.get(None, []),
        "summary": summary_of(document, timezone.localdate()),
        "version": case.version,
        "latest": latest,
        "mark": mark,
        "unreviewed": mark is None or mark.revision < latest.number,
        "can_edit": can_edit,
        "shares": CaseShare.objects.active().filter(case=case).select_related("organisation"),
        "pending_invitation": ClientInvitation.objects.filter(
            case=case, accepted__isnull=True, expires__gt=timezone.now()
        ).first(),
        "may_export": may(user, case, Action.EXPORT),
        **_decisions(case),
    }
    return render(request, "review/case.html", context)


def _document_entries(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"label": document_label(entry, document), "has_file": bool(entry.get("file"))}
        for entry in document.get("documents") or []
        if isinstance(entry, dict)
    ]


@login_needed
@require_http_methods(["GET", "POST"])
def step_review(request: HttpRequest, case_id: uuid.UUID, step: str) -> HttpResponse:
    user = user_of(request)
    action = Action.COMMENT if request.method == "POST" else Action.REVIEW
    case = case_for(user, case_id, action)
    document = _latest(case).document
    names = steps.step_names(document)
    if step not in names:
        raise Http404
    targets = comment_views.targets(document, step)
    if request.method == "POST":
        form = CommentForm(request.POST, fields=targets)
        if form.is_valid():
            access = counsellor_access(user, case)
            organisation = (
                case.shares.filter(organisation_id__in=access.organisation_ids)
                .select_related("organisation")
                .first()
                if access
                else None
            )
            do_add_comment(
                case,
                user,
                step=step,
                person_id=comment_views.person_of(document, step),
                field=form.cleaned_data["field"],
                text=form.cleaned_data["text"],
                organisation=organisation.organisation if organisation else None,
            )
            messages.success(request, _("Your comment was saved. The applicant will be told."))
            return redirect(reverse("review:step", args=[case.pk, step]) + "#comments")
    else:
        field = request.GET.get("feld", "")
        form = CommentForm(
            initial={"field": field if field in dict(targets) else ""}, fields=targets
        )
    all_comments = comment_views.views_of(
        Comment.objects.filter(case=case).select_related("author", "organisation", "resolved_by"),
        document,
    )
    here = [view for view in all_comments if view.step == step]
    access = counsellor_access(user, case)
    can_edit = access is not None and access.can_edit
    previous = steps.neighbour(names, step, -1)
    following = steps.neighbour(names, step, 1)
    context = {
        **case_heading(case, document),
        "step": step,
        "title": steps.title_of(document, step),
        "groups": summarise(document, step) if step != steps.DOCUMENTS else [],
        "documents": _document_entries(document) if step == steps.DOCUMENTS else [],
        "form": form,
        "errors": error_links(form, "comment-form"),
        "open_comments": [view for view in here if view.comment.resolved is None],
        "resolved_comments": [view for view in here if view.comment.resolved is not None],
        "previous_url": reverse("review:step", args=[case.pk, previous]) if previous else None,
        "previous_title": steps.title_of(document, previous) if previous else "",
        "next_url": reverse("review:step", args=[case.pk, following]) if following else None,
        "next_title": steps.title_of(document, following) if following else "",
        "change_url": (
            (
                steps.documents_url(case)
                if step == steps.DOCUMENTS
                else f"{steps.step_url(case, step)}?next={CHECK}"
            )
            if can_edit
            else None
        ),
    }
    return render(request, "review/step.html", context)


@login_needed
@require_http_methods(["GET", "POST"])
def changes(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """What changed since this counsellor's last review; POST marks the newest as reviewed."""
    user = user_of(request)
    case = case_for(user, case_id, Action.REVIEW)
    latest = _latest(case)
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = latest.number
        # Only what the counsellor saw counts as reviewed, never a newer save.
        do_mark_reviewed(case, user, min(revision, latest.number))
        messages.success(request, _("The application is marked as reviewed."))
        return redirect("review:case", case.pk)
    mark = ReviewMark.objects.filter(case=case, counsellor=user).first()
    base = None
    if mark is not None and mark.revision < latest.number:
        base = CaseRevision.objects.filter(case=case, number=mark.revision).first()
    step_changes = diff.compare(base.document, latest.document) if base else []
    context = {
        **case_heading(case, latest.document),
        "mark": mark,
        "base": base,
        "latest": latest,
        "step_changes": step_changes,
        "hidden_changes": base is not None
        and diff.has_hidden_changes(base.document, latest.document, step_changes),
    }
    return render(request, "review/changes.html", context)


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_needed
@require_POST
def request_changes(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user = user_of(request)
    case = case_for(user, case_id, Action.REVIEW)
    try:
        do_request_changes(case, user, _version(request))
    except TransitionRefused:
        messages.error(request, _("Changes cannot be requested in the current status."))
    except StaleCaseError:
        messages.error(
            request,
            _("The application was changed after you opened the page. Please look at it again."),
        )
    else:
        messages.success(request, _("The applicant is asked to make changes and will be told."))
    return redirect("review:case", case.pk)


@login_needed
@require_POST
def approve(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user = user_of(request)
    case = case_for(user, case_id, Action.REVIEW)
    version = _version(request)
    try:
        do_approve(case, user, version if version is not None else -1)
    except StaleCaseError:
        messages.error(
            request,
            _(
                "The application was changed after you opened the page, so it was not "
                "approved. Please look at the changes first."
            ),
        )
        return redirect("review:changes", case.pk)
    except TransitionRefused:
        messages.error(request, _("Only an application that is in review can be approved."))
    else:
        messages.success(
            request, _("The application is approved. The final package can now be created.")
        )
    return redirect("review:case", case.pk)


# --------------------------------------------------------------------------------------------
# Starting a case for a client


@login_needed
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    organisations = counsellor_organisations(user)
    if not organisations.exists():
        raise Http404
    form = StartClientCaseForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        case, token = do_start_client_case(
            user,
            form.cleaned_data["organisation"],
            minimal_document(form.cleaned_data["target"]),
            form.cleaned_data["client_email"],
        )
        link = request.build_absolute_uri(reverse("review:accept_case", args=[token]))
        messages.success(
            request,
            _(
                "The application was started and the client was invited by e-mail. You can "
                "also give them this link: %(link)s"
            )
            % {"link": link},
        )
        return redirect("wizard:step", case.pk, steps.PERSONS)
    return render(request, "review/case_new.html", {"form": form, "errors": error_links(form)})
