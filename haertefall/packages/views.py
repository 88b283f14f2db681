"""The package page: what the package will contain, building it, download and preview.

Every view loads the case through `case_for` (404 for anyone but the owner, signed in or
not). Builds run in the request (design.md: while they take under ~2 s) and end in a
redirect to the result, so reloading the result never builds again.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from documents import preview
from documents.package import AttachmentError, PackageError, PackageRefused
from haertefall.accounts.models import User
from haertefall.cases.access import Action, case_for
from haertefall.cases.models import Case
from haertefall.cases.services import StaleCaseError
from haertefall.evidence.services import entry_key
from haertefall.packages import rules, services
from haertefall.packages.forms import PackageForm
from haertefall.packages.models import BuiltPackage
from haertefall.review.services import TransitionRefused
from haertefall.wizard import steps
from haertefall.wizard.pages import ErrorLink, first_input_id

_Response = TypeVar("_Response", bound=HttpResponseBase)

# Pixel widths of the page pictures: thumbnails shown about 120 CSS pixels wide (sharp on
# screens with two pixels per CSS pixel), the single page up to the content width.
THUMBNAIL_WIDTH = 240
PAGE_WIDTH = 1200


def _user(request: HttpRequest) -> User:
    # case_for has already answered 404 to anyone who is not a signed-in owner.
    assert isinstance(request.user, User)
    return request.user


def _overview_url(case: Case) -> str:
    return reverse("packages:overview", args=[case.pk])


# --------------------------------------------------------------------------------------------
# The package page


@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    action = Action.EXPORT if request.method == "POST" else Action.VIEW
    case = case_for(request.user, case_id, action)
    today = timezone.localdate()
    subject = services.subject_of(case, today)
    allowed, reasons = rules.final_allowed(case, subject.report, facts=subject.facts)
    form = PackageForm(
        request.POST if request.method == "POST" else None,
        target=case.target,
        final_possible=allowed,
        channel=subject.facts.channel,
    )
    build_error: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            built = services.do_build_package(subject, _user(request), form.options(today))
        except PackageRefused as refused:
            build_error = {"summary": refused.summary, "reasons": refused.items}
        except AttachmentError as error:
            build_error = _attachment_problem(case, error)
        except PackageError as error:
            build_error = {"summary": str(error)}
        except StaleCaseError:
            build_error = {
                "summary": _(
                    "The application was changed while the package was being built. Nothing "
                    "was sent out; please look at the changes and build the package again."
                )
            }
        except TransitionRefused:
            build_error = {
                "summary": _(
                    "The application is no longer approved, so no final package was built. "
                    "A draft is possible at any time."
                )
            }
        else:
            if built.draft:
                messages.success(request, _("Your draft is ready."))
            else:
                messages.success(request, _("Your package is ready."))
            return HttpResponseRedirect(reverse("packages:result", args=[case.pk, built.pk]))
    return _render_overview(request, subject, form, allowed, reasons, build_error)


def _attachment_problem(case: Case, error: AttachmentError) -> dict[str, Any]:
    return {
        "summary": _("The document “%(title)s” cannot go into the package: %(problem)s")
        % {"title": error.title, "problem": error.problem},
        "link": {
            "url": reverse("evidence:edit", args=[case.pk, entry_key(case, error.document_id)]),
            "text": _("Replace the file of “%(title)s”") % {"title": error.title},
        },
    }


def _render_overview(
    request: HttpRequest,
    subject: services.Subject,
    form: PackageForm,
    final_possible: bool,
    reasons: list[str],
    build_error: dict[str, Any] | None,
) -> HttpResponse:
    case = subject.case
    today = subject.report.reference_date
    options = form.preview_options(today)
    anlagen = services.planned_anlagen(subject.facts, options)
    form_errors = [
        ErrorLink(anchor=_anchor(form, name), text=str(text))
        for name, texts in form.errors.items()
        if name in form.fields
        for text in texts
    ]
    warnings = services.warnings_for(subject, options)
    context = {
        "case": case,
        "target_label": case.get_target_display(),
        "steps": steps.steps_for(case, subject.document),
        "final_possible": final_possible,
        "final_reasons": reasons,
        "overall": subject.report.overall,
        "warnings": warnings,
        "cv_gaps": [
            {
                "person_name": gap.person_name,
                "period": gap.period,
                "url": steps.step_url(case, steps.biography_step(gap.position)),
            }
            for gap in warnings.cv_gaps
        ],
        "anlagen": anlagen,
        "fax_cover": options.fax_cover,
        "form": form,
        "errors": form_errors,
        "build_error": build_error,
        "has_errors": bool(form_errors or build_error),
        "recent": list(BuiltPackage.objects.filter(case=case).order_by("-created", "-pk")),
        "revision_number": subject.revision_number,
        "keep": services.KEEP_PER_CASE,
        "narrative_url": steps.step_url(case, steps.NARRATIVE),
        "documents_url": steps.documents_url(case),
        "assessment_url": reverse("wizard:assessment", args=[case.pk]),
    }
    return render(request, "packages/overview.html", context)


def _anchor(form: PackageForm, name: str) -> str:
    bound = form[name]
    # Only a draft is offered: the choice is hidden, the section above says why.
    return "final-title" if bound.is_hidden else first_input_id(bound)


# --------------------------------------------------------------------------------------------
# One built package


def _package(request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID) -> BuiltPackage:
    case = case_for(request.user, case_id, Action.VIEW)
    package = get_object_or_404(BuiltPackage, case=case, pk=package_id)
    package.case = case
    return package


def _current_revision(case: Case) -> int | None:
    return case.revisions.order_by("-number").values_list("number", flat=True).first()


@require_safe
def result(request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID) -> HttpResponse:
    package = _package(request, case_id, package_id)
    case = package.case
    parts = package.parts
    sections = []
    for part in parts:
        first, last = part.get("first_page"), part.get("last_page")
        pages = list(range(first, last + 1)) if first and last else []
        sections.append({**part, "pages": pages})
    context = {
        "case": case,
        "package": package,
        "target_label": case.get_target_display(),
        "email_parts": [
            {"part": part, "contents": _email_contents(part.number, part.anlagen)}
            for part in package.email_parts.all()
        ],
        "sections": sections,
        "anlagen_count": sum(1 for part in parts if part.get("anlage") is not None),
        "outdated": (_current_revision(case) or 0) > package.revision_number,
        "overview_url": _overview_url(case),
        "thumbnail_width": THUMBNAIL_WIDTH // 2,
        "thumbnail_height": round(THUMBNAIL_WIDTH // 2 * 297 / 210),
    }
    return render(request, "packages/result.html", context)


def _email_contents(number: int, anlagen: list[int]) -> str:
    # German, like the e-mail's own text: what the authority finds in this part.
    contents = ["Antrag", "Anlagenverzeichnis"] if number == 1 else []
    if anlagen:
        contents.append(services.anlagen_text(anlagen))
    return ", ".join(contents)


@require_safe
def page(
    request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID, number: int
) -> HttpResponse:
    package = _package(request, case_id, package_id)
    if not 1 <= number <= package.page_count:
        raise Http404
    context = {
        "case": package.case,
        "package": package,
        "number": number,
        "part": services.page_part(package.parts, number),
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < package.page_count else None,
        "width": PAGE_WIDTH // 2,
        "height": round(PAGE_WIDTH // 2 * 297 / 210),
    }
    return render(request, "packages/page.html", context)


@require_safe
def download(request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID) -> HttpResponseBase:
    package = _package(request, case_id, package_id)
    return _pdf_response(package.file, package.download_name)


@require_safe
def email_part(
    request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID, number: int
) -> HttpResponseBase:
    package = _package(request, case_id, package_id)
    part = get_object_or_404(package.email_parts, number=number)
    return _pdf_response(part.file, part.download_name)


@require_safe
def thumbnail(
    request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID, number: int
) -> HttpResponse:
    return _page_png(request, case_id, package_id, number, THUMBNAIL_WIDTH)


@require_safe
def page_image(
    request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID, number: int
) -> HttpResponse:
    return _page_png(request, case_id, package_id, number, PAGE_WIDTH)


def _page_png(
    request: HttpRequest, case_id: uuid.UUID, package_id: uuid.UUID, number: int, width: int
) -> HttpResponse:
    package = _package(request, case_id, package_id)
    if not 1 <= number <= package.page_count:
        raise Http404
    try:
        with package.file.open("rb") as handle:
            data = handle.read()
        # Drawn on request: one home for the bytes, nothing more to clean up when pruned.
        png = preview.render_page_png(data, number - 1, width)
    except (OSError, preview.PreviewError):
        raise Http404 from None
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="seite-{number}.png"'
    return _private(response)


def _pdf_response(field: Any, filename: str) -> HttpResponseBase:
    try:
        handle = field.open("rb")
    except OSError:  # missing, or changed so that it no longer opens
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    return _private(response)


def _private(response: _Response) -> _Response:
    # The package holds a person's whole file and may be opened on a shared computer at an
    # advice centre: keep it out of every cache, and never let a browser guess its type.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
