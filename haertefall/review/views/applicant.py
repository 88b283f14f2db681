"""The applicant's side of review: sharing with an advice centre (and withdrawing it), asking
for review, seeing the open comments, and taking over a case a counsellor started."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.cases.access import Action, case_for, is_owner
from haertefall.review import comments as comment_views
from haertefall.review.consent import CONSENT_TEMPLATE
from haertefall.review.forms import AcceptCaseForm, ShareForm
from haertefall.review.models import CaseShare, ClientInvitation, Organisation
from haertefall.review.services import (
    SUBMITTABLE,
    AlreadyShared,
    InvitationInvalid,
    NotShared,
    TransitionRefused,
    client_invitation,
    do_accept_case,
    do_set_edit_consent,
    do_share_case,
    do_submit_for_review,
    do_withdraw_consent,
)
from haertefall.review.views.common import case_heading, error_links, login_needed, user_of
from haertefall.wizard import steps


@login_needed
@require_http_methods(["GET"])
def overview(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Review and sharing, as the applicant sees it."""
    case = case_for(request.user, case_id, Action.SHARE)
    document = case.document or {}
    open_comments = comment_views.views_of(comment_views.open_comments(case), document)
    for_steps = [
        {
            "view": view,
            "url": None
            if view.step is None
            else steps.step_url(case, view.step)
            + ("" if view.step == steps.DOCUMENTS else "#comments"),
        }
        for view in open_comments
    ]
    shares = list(CaseShare.objects.active().filter(case=case).select_related("organisation"))
    context = {
        **case_heading(case, document),
        "comments": for_steps,
        "shares": shares,
        "can_submit": case.status in SUBMITTABLE and bool(shares),
        "pending_invitation": ClientInvitation.objects.filter(
            case=case, accepted__isnull=True, expires__gt=timezone.now()
        ).first(),
        "consent_template": CONSENT_TEMPLATE,
    }
    return render(request, "review/applicant.html", context)


def _not_shared_with(case_id: uuid.UUID) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(
        shares__case_id=case_id, shares__withdrawn__isnull=True
    ).order_by("name", "city")


@login_needed
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = case_for(request.user, case_id, Action.SHARE)
    organisations = _not_shared_with(case.pk)
    form = ShareForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            do_share_case(
                case, user_of(request), organisation, can_edit=form.cleaned_data["can_edit"]
            )
        except AlreadyShared:
            messages.info(request, _("Your application is already shared with this advice centre."))
        else:
            messages.success(
                request,
                _("Your application is now shared with %(organisation)s.")
                % {"organisation": organisation},
            )
        return redirect("review:applicant", case.pk)
    context = {
        **case_heading(case),
        "form": form,
        "errors": error_links(form),
        "consent_template": CONSENT_TEMPLATE,
    }
    return render(request, "review/share.html", context)


@login_needed
@require_POST
def withdraw(request: HttpRequest, case_id: uuid.UUID, share_id: int) -> HttpResponse:
    case = case_for(request.user, case_id, Action.SHARE)
    share = get_object_or_404(
        CaseShare.objects.select_related("organisation"), case=case, pk=share_id
    )
    if share.withdrawn is None:
        do_withdraw_consent(share, user_of(request))
        messages.success(
            request,
            _("%(organisation)s can no longer see your application.")
            % {"organisation": share.organisation},
        )
    return redirect("review:applicant", case.pk)


@login_needed
@require_POST
def edit_consent(request: HttpRequest, case_id: uuid.UUID, share_id: int) -> HttpResponse:
    case = case_for(request.user, case_id, Action.SHARE)
    share = get_object_or_404(
        CaseShare.objects.active().select_related("organisation"), case=case, pk=share_id
    )
    allowed = request.POST.get("allow") == "1"
    do_set_edit_consent(share, user_of(request), allowed=allowed)
    if allowed:
        messages.success(request, _("The counsellors may now change your answers."))
    else:
        messages.success(request, _("The counsellors can no longer change your answers."))
    return redirect("review:applicant", case.pk)


@login_needed
@require_POST
def submit(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Ask for review (the applicant), or start reviewing a draft (a counsellor)."""
    user = user_of(request)
    case = case_for(user, case_id, Action.SUBMIT)
    back = "review:applicant" if is_owner(user, case) else "review:case"
    try:
        do_submit_for_review(case, user)
    except NotShared:
        messages.error(request, _("Please share your application with an advice centre first."))
        return redirect("review:share", case.pk)
    except TransitionRefused:
        messages.info(request, _("The application is already in review or approved."))
    else:
        messages.success(request, _("The application was sent for review."))
    return redirect(back, case.pk)


@login_needed
@require_http_methods(["GET", "POST"])
def accept_case(request: HttpRequest, token: str) -> HttpResponse:
    """A client takes over the case a counsellor started for them."""
    user = user_of(request)
    try:
        invitation = client_invitation(token, user)
    except InvitationInvalid:
        return render(request, "review/invitation_invalid.html", status=404)
    form = AcceptCaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case = do_accept_case(invitation, user, can_edit=form.cleaned_data["can_edit"])
        except InvitationInvalid:
            return render(request, "review/invitation_invalid.html", status=404)
        messages.success(request, _("The application is now yours."))
        return redirect(reverse("wizard:resume", args=[case.pk]))
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "target_label": invitation.case.get_target_display(),
        "form": form,
        "errors": error_links(form),
        "consent_template": CONSENT_TEMPLATE,
    }
    return render(request, "review/accept_case.html", context)
