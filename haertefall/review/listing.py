"""What the applicant's list of cases shows about sharing and review."""

from __future__ import annotations

from typing import TypeVar, cast

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from haertefall.cases.models import Case
from haertefall.review.models import CaseShare, Comment

AnyCase = TypeVar("AnyCase", bound=Case)


def with_sharing(cases: QuerySet[AnyCase]) -> QuerySet[AnyCase]:
    """`cases` with `active_shares` (organisation loaded) and `open_comments` – one query more
    for the shares, however many cases there are."""
    open_comments = (
        Comment.objects.filter(case=OuterRef("pk"), resolved__isnull=True)
        .order_by()
        .values("case")
        .annotate(count=Count("pk"))
        .values("count")
    )
    annotated = cases.prefetch_related(
        Prefetch(
            "shares",
            queryset=CaseShare.objects.active()
            .select_related("organisation")
            .order_by("organisation__name"),
            to_attr="active_shares",
        )
    ).annotate(
        open_comments=Coalesce(Subquery(open_comments), Value(0), output_field=IntegerField())
    )
    # The annotation keeps the caller's own annotations; only the type checker loses track.
    return cast("QuerySet[AnyCase]", annotated)
