"""An organisation's page: its counsellors, inviting new ones, leaving or removing members."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.accounts.models import User
from haertefall.review.forms import InviteCounsellorForm
from haertefall.review.models import CounsellorInvitation, Membership, Role
from haertefall.review.services import (
    InvitationInvalid,
    counsellor_invitation,
    do_accept_counsellor_invitation,
    do_end_membership,
    do_invite_counsellor,
)
from haertefall.review.views.common import error_links, login_needed, user_of


def _membership(user: User, organisation_id: uuid.UUID) -> Membership:
    """The user's active membership of the organisation; 404 for everybody else."""
    membership = (
        Membership.objects.active()
        .select_related("organisation")
        .filter(user=user, organisation_id=organisation_id)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def _render(
    request: HttpRequest, membership: Membership, form: InviteCounsellorForm | None = None
) -> HttpResponse:
    organisation = membership.organisation
    members = (
        Membership.objects.active()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email")
    )
    invitations = (
        CounsellorInvitation.objects.filter(
            organisation=organisation, accepted__isnull=True, expires__gt=timezone.now()
        )
        if membership.is_admin
        else CounsellorInvitation.objects.none()
    )
    form = form or InviteCounsellorForm()
    context = {
        "organisation": organisation,
        "membership": membership,
        "members": members,
        "invitations": invitations,
        "form": form if membership.is_admin else None,
        "errors": error_links(form) if membership.is_admin else [],
    }
    return render(request, "review/organisation.html", context)


@login_needed
@require_http_methods(["GET"])
def organisation(request: HttpRequest, organisation_id: uuid.UUID) -> HttpResponse:
    return _render(request, _membership(user_of(request), organisation_id))


@login_needed
@require_POST
def invite(request: HttpRequest, organisation_id: uuid.UUID) -> HttpResponse:
    user = user_of(request)
    membership = _membership(user, organisation_id)
    if not membership.is_admin:
        raise PermissionDenied
    form = InviteCounsellorForm(request.POST)
    if not form.is_valid():
        return _render(request, membership, form)
    token = do_invite_counsellor(
        membership.organisation, user, form.cleaned_data["email"], Role(form.cleaned_data["role"])
    )
    link = request.build_absolute_uri(reverse("review:accept_invitation", args=[token]))
    messages.success(
        request,
        _(
            "The invitation was sent by e-mail. You can also pass on this link; it works "
            "for 14 days: %(link)s"
        )
        % {"link": link},
    )
    return redirect("review:organisation", membership.organisation_id)


@login_needed
@require_POST
def end_membership(
    request: HttpRequest, organisation_id: uuid.UUID, membership_id: int
) -> HttpResponse:
    """An admin removes a member, or a member leaves."""
    user = user_of(request)
    own = _membership(user, organisation_id)
    target = get_object_or_404(
        Membership.objects.active().select_related("user"),
        organisation_id=organisation_id,
        pk=membership_id,
    )
    if target.pk != own.pk and not own.is_admin:
        raise PermissionDenied
    admins = Membership.objects.active().filter(organisation_id=organisation_id, role=Role.ADMIN)
    if target.is_admin and admins.count() == 1:
        messages.error(
            request,
            _("The last admin cannot leave. Make another member an admin first."),
        )
        return redirect("review:organisation", organisation_id)
    do_end_membership(target)
    if target.pk == own.pk:
        messages.success(request, _("You have left the advice centre."))
        return redirect("wizard:case_list")
    messages.success(request, _("%(email)s is no longer a member.") % {"email": target.user.email})
    return redirect("review:organisation", organisation_id)


@login_needed
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    user = user_of(request)
    try:
        invitation = counsellor_invitation(token, user)
    except InvitationInvalid:
        return render(request, "review/invitation_invalid.html", status=404)
    if request.method == "POST":
        try:
            do_accept_counsellor_invitation(invitation, user)
        except InvitationInvalid:
            return render(request, "review/invitation_invalid.html", status=404)
        messages.success(
            request,
            _("You are now a counsellor at %(organisation)s.")
            % {"organisation": invitation.organisation},
        )
        return redirect("review:queue")
    return render(
        request,
        "review/accept_invitation.html",
        {"invitation": invitation, "organisation": invitation.organisation},
    )
