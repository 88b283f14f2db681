"""Template tags that put review information on pages of other apps.

`{% step_comments case step document %}` shows the open comments of one wizard step above
its form (the applicant's step pages, the documents page); it renders nothing when there are
none, so the page stays exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from haertefall.cases.models import Case
from haertefall.review import comments as comment_views

register = template.Library()


@register.inclusion_tag("review/_step_comments.html", takes_context=True)
def step_comments(
    context: template.Context,
    case: Case | None,
    step: str,
    document: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    request = context.get("request")
    if case is None or request is None:
        return {"comments": []}
    content = document if document is not None else (case.document or {})
    here = comment_views.views_of(comment_views.open_comments(case), content, only_step=step)
    return {
        "comments": here,
        "case": case,
        "return_to": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
