"""What the site's navigation needs to know about counselling: whether the user is a
counsellor and how many notifications are unread.

Lazy, so that pages which do not show it do not pay for the queries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from haertefall.accounts.models import User
from haertefall.review.models import Membership, Notification


def navigation_for(user: object) -> dict[str, Any]:
    if not isinstance(user, User) or not user.is_authenticated:
        return {"is_counsellor": False, "unread": 0}
    # One query for both.
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            is_counsellor=Exists(Membership.objects.active().filter(user=OuterRef("pk"))),
            unread=Coalesce(
                Subquery(
                    Notification.objects.filter(recipient=OuterRef("pk"), read__isnull=True)
                    .order_by()
                    .values("recipient")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("is_counsellor", "unread")
        .first()
    )
    if row is None:
        return {"is_counsellor": False, "unread": 0}
    return {"is_counsellor": bool(row["is_counsellor"]), "unread": int(row["unread"])}


def review_navigation(request: HttpRequest) -> dict[str, Any]:
    return {"review_nav": SimpleLazyObject(lambda: navigation_for(request.user))}
