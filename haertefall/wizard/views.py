"""The applicant's pages: the list of cases, the wizard steps, the check page, the assessment.

The wizard keeps no state in the session: every accepted step is written at once as a new
revision (`do_save_revision`, guarded by the version the page was loaded with), and the next
page is computed from the saved case. That is why it does not use formtools'
`NamedUrlSessionWizardView`, whose step data lives in the session until `done()` – see
`steps.py` for the ideas kept from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eligibility.engine import assess
from eligibility.facts import CaseFormatError, parse_case
from haertefall.accounts.models import User
from haertefall.cases.access import Action, case_for
from haertefall.cases.models import Case, CaseRevision, open_annotated_document
from haertefall.cases.services import StaleCaseError, do_create_case, do_save_revision
from haertefall.review.listing import with_sharing
from haertefall.wizard import assessment as assessment_view
from haertefall.wizard import steps
from haertefall.wizard.forms import LAYOUTS, NewCaseForm
from haertefall.wizard.mapping import PersonGone, UnknownStep, apply_step, step_initial
from haertefall.wizard.pages import StepPage
from haertefall.wizard.summaries import summarise

View = TypeVar("View", bound=Callable[..., HttpResponse])

CHECK = "pruefen"
# Where a step may send the user after saving, besides the next step.
RETURN_TARGETS = {CHECK}
CREATED_STEP = "start"


def login_needed(view: View) -> View:
    return login_required(view, login_url="accounts:login")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _document(case: Case) -> dict[str, Any]:
    document = case.document
    if document is None:  # pragma: no cover - every case is created with a first revision
        raise CaseFormatError("", "the case has no content")
    return document


def minimal_document(target: str) -> dict[str, Any]:
    """The first revision of a case started in the browser: nothing known yet but the target
    and that there is an applicant."""
    return {
        "schema": "haertefall-case/1",
        "target": target,
        "reference_date": None,
        "persons": [{"id": "p1", "role": "applicant"}],
    }


# --------------------------------------------------------------------------------------------
# My cases


@login_needed
@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    latest = CaseRevision.objects.filter(case=OuterRef("pk")).order_by("-number")
    cases = with_sharing(
        Case.objects.filter(owner=_user(request))
        .annotate(last_step=Subquery(latest.values("step")[:1]))
        .annotate(last_document=Subquery(latest.values("document")[:1]))
        .order_by("-updated")
    )
    entries = []
    for case in cases:
        document = open_annotated_document(case, case.last_document) or {}
        applicant: dict[str, Any] = next(
            (p for p in document.get("persons") or [] if p.get("role") == "applicant"), {}
        )
        entries.append(
            {
                "case": case,
                "name": steps.person_name(applicant, 1)
                if applicant.get("surname") or applicant.get("given_names")
                else "",
                "continue_url": resume_url(case, document, case.last_step),
                # Sharing with advice centres and their open comments (haertefall.review).
                "shares": getattr(case, "active_shares", []),
                "open_comments": getattr(case, "open_comments", 0),
            }
        )
    return render(request, "wizard/case_list.html", {"entries": entries, "new_form": NewCaseForm()})


@login_needed
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    form = NewCaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        case = do_create_case(
            _user(request), minimal_document(form.cleaned_data["target"]), {}, CREATED_STEP
        )
        return redirect("wizard:step", case.pk, steps.PERSONS)
    return render(request, "wizard/case_new.html", {"form": form})


def resume_url(case: Case, document: dict[str, Any], last_step: str | None) -> str:
    """Where "continue" leads: the step after the one saved last, or the first step that is
    not complete when the last save came from elsewhere (creation, import)."""
    names = steps.step_names(document)
    if last_step in names:
        following = steps.neighbour(names, last_step, 1)
        return (
            steps.step_url(case, following)
            if following
            else reverse("wizard:check", args=[case.pk])
        )
    for name in names:
        # Nothing saved by the wizard yet: go by the content only.
        if not steps.is_complete(document, name, False):
            return steps.step_url(case, name)
    return reverse("wizard:check", args=[case.pk])


@login_needed
@require_http_methods(["GET"])
def case_resume(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW)
    revision = case.latest_revision()
    assert revision is not None
    return redirect(resume_url(case, revision.document, revision.step))


# --------------------------------------------------------------------------------------------
# One step


def _return_target(request: HttpRequest) -> str | None:
    value = request.POST.get("next") if request.method == "POST" else request.GET.get("next")
    return value if value in RETURN_TARGETS else None


def _step_url(case: Case, name: str, **query: str | None) -> str:
    url = steps.step_url(case, name)
    parameters = {key: value for key, value in query.items() if value}
    return f"{url}?{urlencode(parameters)}" if parameters else url


def _skip_to(case: Case, document: dict[str, Any], name: str) -> str:
    """A step that does not apply (formtools' condition_dict said no): the next one that does."""
    base, _position = steps.split_step(name)
    order = [definition.name for definition in steps.DEFINITIONS]
    names = steps.step_names(document)
    if base in order:
        for candidate in names:
            if order.index(steps.split_step(candidate)[0]) > order.index(base):
                return steps.step_url(case, candidate)
    return reverse("wizard:check", args=[case.pk])


def _is_repeat(case: Case, step: str, version: int, values: dict[str, Any], user: User) -> bool:
    """Was exactly this change already saved from this page (a double submit)?"""
    latest = case.latest_revision()
    if latest is None or latest.number != version + 1 or latest.step != step:
        return False
    if latest.author_id != user.pk:
        return False
    base = case.revisions.filter(number=version).first()
    if base is None:
        return False
    try:
        return bool(apply_step(base.document, step, values) == latest.document)
    except (PersonGone, UnknownStep):
        return False


@login_needed
@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, case_id: str, step: str) -> HttpResponse:
    case = case_for(request.user, case_id, Action.EDIT)
    document = _document(case)
    if step == steps.DOCUMENTS:
        return redirect(steps.documents_url(case))
    base, _position = steps.split_step(step)
    if base not in LAYOUTS and base != steps.BIOGRAPHY:
        raise Http404
    if not steps.applies(document, step):
        return redirect(_skip_to(case, document, step))
    layout = LAYOUTS[base]
    return_to = _return_target(request)
    initial = step_initial(document, step)

    if request.method == "GET":
        add = request.GET.get("add")
        page = StepPage(layout, initial, document, add=[add] if add else [])
        return _render_step(request, case, document, step, page, case.version, return_to)

    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    page = StepPage(layout, initial, document, data=request.POST)
    add = request.POST.get("add")
    if add and add not in page.formset_prefixes():
        add = None
    remove = request.POST.get("remove")
    if remove and remove not in page.row_prefixes():
        remove = None
    if not page.is_valid():
        if add:
            # Show the extra row the person asked for, next to the errors to correct.
            page = StepPage(layout, initial, document, data=request.POST, add=[add])
            page.is_valid()
        return _render_step(request, case, document, step, page, version, return_to)

    values = page.cleaned_data()
    user = _user(request)
    try:
        if version != case.version:
            raise StaleCaseError(case.pk, version, case.version)
        changed = apply_step(document, step, values)
        do_save_revision(case, changed, user, step, expected_version=version)
    except (StaleCaseError, PersonGone):
        case.refresh_from_db()
        if version >= 1 and _is_repeat(case, step, version, values, user):
            return _after_save(request, case, step, add, remove, return_to)
        return _render_conflict(request, case, step, layout, return_to)
    except CaseFormatError:
        # The forms check everything the case format requires; reaching this is a bug, but the
        # person's input must still come back to them rather than a server error.
        page.form_error = _(
            "Your answers could not be saved because they do not fit together. "
            "Please check the page and try again."
        )
        return _render_step(request, case, document, step, page, version, return_to)
    return _after_save(request, case, step, add, remove, return_to)


def _after_save(
    request: HttpRequest,
    case: Case,
    step: str,
    add: str | None,
    remove: str | None,
    return_to: str | None,
) -> HttpResponseRedirect:
    if add:
        return redirect(_step_url(case, step, add=add, next=return_to) + f"#rows-{add}")
    if remove:
        messages.success(request, _("The entry was removed and your answers were saved."))
        return redirect(_step_url(case, step, next=return_to) + f"#rows-{remove.rsplit('-', 1)[0]}")
    messages.success(request, _("Your answers have been saved."))
    if request.POST.get("action") == "later":
        return redirect("wizard:case_list")
    if return_to == CHECK:
        return redirect(reverse("wizard:check", args=[case.pk]) + f"#step-{step}")
    document = _document(case)
    following = steps.neighbour(steps.step_names(document), step, 1)
    if following is None:
        return redirect("wizard:check", case.pk)
    return redirect(steps.step_url(case, following))


def _render_conflict(
    request: HttpRequest, case: Case, step: str, layout: Any, return_to: str | None
) -> HttpResponse:
    """Someone saved this case since the page was loaded: show the person's input again,
    bound to the current case, beside what is saved now; saving again replaces it."""
    document = _document(case)
    if not steps.applies(document, step):
        messages.error(
            request,
            _(
                "This page no longer exists because the case was changed in the meantime "
                "(for example, a person was removed). Nothing was saved."
            ),
        )
        return redirect("wizard:check", case.pk)
    page = StepPage(layout, step_initial(document, step), document, data=request.POST)
    page.is_valid()
    response = _render_step(
        request,
        case,
        document,
        step,
        page,
        case.version,
        return_to,
        conflict=summarise(document, step),
    )
    response.status_code = 409
    return response


def _render_step(
    request: HttpRequest,
    case: Case,
    document: dict[str, Any],
    step: str,
    page: StepPage,
    version: int,
    return_to: str | None,
    conflict: Any = None,
) -> HttpResponse:
    names = steps.step_names(document)
    previous = steps.neighbour(names, step, -1)
    errors = page.error_links() if page.data is not None else []
    form_error = getattr(page, "form_error", None)
    context = {
        "case": case,
        "document": document,
        "step": step,
        "title": steps.title_of(document, step),
        "page": page,
        "errors": errors,
        "form_error": form_error,
        "has_errors": bool(errors or form_error),
        "has_dates": page.has_dates(),
        "version": version,
        "steps": steps.steps_for(case, document, current=step),
        "previous_url": steps.step_url(case, previous) if previous else None,
        "return_to": return_to,
        "check_url": reverse("wizard:check", args=[case.pk]),
        "conflict": conflict,
        "target_label": case.get_target_display(),
    }
    return render(request, "wizard/step.html", context)


# --------------------------------------------------------------------------------------------
# Check your answers, assessment


@login_needed
@require_http_methods(["GET"])
def check_view(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW)
    document = _document(case)
    saved = steps.saved_steps(case)
    sections = []
    for name in steps.step_names(document):
        if name == steps.DOCUMENTS:
            continue
        sections.append(
            {
                "name": name,
                "title": steps.title_of(document, name),
                "complete": steps.is_complete(document, name, name in saved),
                "change_url": _step_url(case, name, next=CHECK),
                "groups": summarise(document, name),
            }
        )
    documents = document.get("documents") or []
    context = {
        "case": case,
        "sections": sections,
        "documents_url": steps.documents_url(case),
        "documents_count": len(documents),
        "documents_without_file": sum(1 for entry in documents if not entry.get("file")),
        "documents_complete": steps.is_complete(document, steps.DOCUMENTS, False),
        "steps": steps.steps_for(case, document),
        "target_label": case.get_target_display(),
    }
    return render(request, "wizard/check.html", context)


@login_needed
@require_http_methods(["GET"])
def assessment(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW)
    document = _document(case)
    today = timezone.localdate()
    report = assess(parse_case(document), today).to_dict()
    context = {
        "case": case,
        "today": today,
        "target_label": case.get_target_display(),
        "steps": steps.steps_for(case, document),
        **assessment_view.context(case, document, report),
    }
    return render(request, "wizard/assessment.html", context)
