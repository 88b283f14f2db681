"""The user's notifications: a list, and a link that marks one as read and leads to the case."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from haertefall.review.models import Notification
from haertefall.review.views.common import login_needed, user_of

SHOWN = 100


@login_needed
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    notifications = list(Notification.objects.filter(recipient=user).select_related("case")[:SHOWN])
    return render(request, "review/notifications.html", {"notifications": notifications})


@login_needed
@require_GET
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    user = user_of(request)
    notification = get_object_or_404(
        Notification.objects.select_related("case"), pk=notification_id, recipient=user
    )
    if notification.read is None:
        notification.read = timezone.now()
        notification.save(update_fields=["read"])
    # The page decides again whether the reader may still see the case.
    if notification.case.owner_id == user.pk:
        return redirect(reverse("review:applicant", args=[notification.case_id]))
    return redirect(reverse("review:case", args=[notification.case_id]))


@login_needed
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    Notification.objects.filter(recipient=user, read__isnull=True).update(read=timezone.now())
    return redirect("review:notifications")
