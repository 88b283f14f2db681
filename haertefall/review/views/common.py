"""Helpers the review pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.queue import applicant_name

View = TypeVar("View", bound=Callable[..., HttpResponse])


def login_needed(view: View) -> View:
    """Every page of the app sends an anonymous visitor to the login page first; the case
    pages then answer 404 to whoever is not a participant (haertefall.cases.access)."""
    return login_required(view, login_url="accounts:login")


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def case_heading(case: Case, document: dict[str, Any] | None = None) -> dict[str, Any]:
    content = case.document if document is None else document
    return {
        "case": case,
        "applicant_name": applicant_name(content or {}),
        "target_label": case.get_target_display(),
    }


def error_links(form: forms.Form, form_anchor: str = "main") -> list[dict[str, str]]:
    """The form's errors for the error summary, each linking to the input to correct."""
    links: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            anchor = form_anchor
        else:
            bound_field = form[name]
            widget = bound_field.field.widget
            anchor = str(bound_field.auto_id)
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor += "_0"
        links.extend({"anchor": anchor, "text": str(error)} for error in errors)
    return links
