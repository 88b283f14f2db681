"""The documents step: list, upload, change, remove, and serve the case's evidence.

Every view loads the case through `case_for` (404 for anyone but the owner). Files leave
the server only here, with the type that was detected on upload, never a guessed one.
"""

import logging
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from documents import uploads
from documents.uploads import RefusalCode, UploadRefused
from eligibility.dates import parse_partial_date
from eligibility.engine import assess
from eligibility.facts import DOCUMENT_CATEGORIES, CaseFormatError, parse_case
from haertefall.accounts.models import User
from haertefall.cases.access import Action, case_for
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.services import StaleCaseError
from haertefall.evidence import services
from haertefall.evidence.forms import ACCEPT, DocumentForm, initial_from
from haertefall.evidence.labels import refusal_message
from haertefall.wizard import choices
from haertefall.wizard.fields import PartialDateWidget
from haertefall.wizard.pages import ErrorLink, first_input_id
from haertefall.wizard.steps import (
    DOCUMENTS,
    neighbour,
    person_name,
    persons,
    step_names,
    step_url,
    steps_for,
)

_Response = TypeVar("_Response", bound=HttpResponseBase)

logger = logging.getLogger(__name__)

# The id of the upload and change forms: where an error that belongs to no field points.
FORM_ANCHOR = "document-form"
STALE_MESSAGE = gettext_lazy(
    "This application was changed in another window or on another device after you opened "
    "this page. Your files are kept. Please check the details and press “Save” again."
)


def _user(request: HttpRequest) -> User:
    # case_for has already answered 404 to anyone who is not a logged-in owner.
    assert isinstance(request.user, User)
    return request.user


def _list_url(case: Case) -> str:
    return reverse("evidence:list", args=[case.pk])


def _next_url(case: Case) -> str:
    """Where "Continue" leads: the wizard's check-your-answers page."""
    return reverse("wizard:check", args=[case.pk])


# --------------------------------------------------------------------------------------------
# Pages


@require_safe
def document_list(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW)
    document = services.content_of(case)
    overview = _overview(document)
    stored = {item.case_path: item for item in StoredFile.objects.filter(case=case)}
    stale = {entry["id"]: entry["reason_de"] for entry in overview["stale"] if "id" in entry}
    previous = neighbour(step_names(document), DOCUMENTS, -1)
    context = {
        "case": case,
        "steps": steps_for(case, document, current=DOCUMENTS),
        "previous_url": None if previous is None else step_url(case, previous),
        "groups": _groups(case, document, stored, stale),
        "missing": _missing(case, document, overview["missing"]),
        "unsaved": services.unsaved_files(case, document),
        "limits": _limits(case),
        "accept": ACCEPT,
        "next_url": _next_url(case),
    }
    return render(request, "evidence/list.html", context)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    if request.method == "POST":
        case = case_for(request.user, case_id, Action.EDIT)
        return _upload_post(request, case)
    case = case_for(request.user, case_id, Action.VIEW)
    document = services.content_of(case)
    fills = _entry_without_file(case, document, request.GET.get("fills"))
    initial: dict[str, Any] = {"language": "de", "version": case.version}
    if fills is not None:
        initial |= initial_from(fills)
    if request.GET.get("category") in DOCUMENT_CATEGORIES:
        initial["category"] = request.GET["category"]
    person_ids = [str(person.get("id")) for person in persons(document)]
    if "person" in request.GET and (
        request.GET["person"] in person_ids or not request.GET["person"]
    ):
        initial["person"] = request.GET["person"]
    elif "person" not in initial and person_ids:
        # Most evidence is about the applicant, who comes first.
        initial["person"] = person_ids[0]
    pending = _unsaved(case, document, request.GET.getlist("pending"))
    form = DocumentForm(initial=initial, document=document)
    fills_key = request.GET.get("fills") if fills is not None else None
    return _render_upload(request, case, form, pending, fills_key, document=document)


def _upload_post(request: HttpRequest, case: Case) -> HttpResponse:
    document = services.content_of(case)
    fills_key = request.POST.get("fills") or None
    fills = _entry_without_file(case, document, fills_key)
    if fills is None:
        fills_key = None
    form = DocumentForm(
        request.POST,
        request.FILES,
        initial=initial_from(fills) if fills is not None else None,
        document=document,
    )
    pending = _unsaved(case, document, request.POST.getlist("pending"))
    form_valid = form.is_valid()
    # Checked and kept whatever the other fields say, so that nobody uploads a scan twice.
    received, refusals = _receive(case, form.uploaded_files())
    pending += received
    for message in refusals:
        form.add_error("files", message)
    if not pending and not refusals:
        form.add_error("files", _("Please choose at least one file."))
    if not form_valid or form.errors:
        return _render_upload(request, case, form, pending, fills_key, document=document)
    try:
        services.do_add_documents(
            case, _user(request), form.cleaned_data["version"], form.details(), pending, fills_key
        )
    except StaleCaseError:
        if _is_repeat_upload(case, _user(request), form.cleaned_data["version"], form, pending):
            # The same form sent twice (a double tap on a slow line): the first one saved it
            # all, so the copies this request stored go, and the person sees the first result.
            services.delete_files(received)
            return _added(request, case, len(pending))
        return _render_upload(
            request, case, form, pending, fills_key, document=document, stale=True, status=409
        )
    except CaseFormatError:
        # The form checks what it can; anything left is a case the save would break.
        services.delete_files(pending)
        form.add_error(None, _("These documents could not be saved. Please try again."))
        return _render_upload(request, case, form, [], fills_key, document=document)
    except BaseException:
        services.delete_files(pending)
        raise
    return _added(request, case, len(pending))


def _added(request: HttpRequest, case: Case, count: int) -> HttpResponseRedirect:
    messages.success(
        request,
        ngettext(
            "%(count)s file was added to your application.",
            "%(count)s files were added to your application.",
            count,
        )
        % {"count": count},
    )
    return HttpResponseRedirect(_list_url(case) + "#documents")


def _is_repeat_upload(
    case: Case, user: User, version: int, form: DocumentForm, files: Sequence[StoredFile]
) -> bool:
    """Was exactly this upload saved from the same page a moment ago (a double submit)?

    Yes only if the one save since the page was loaded is this person's, on this step, and
    added documents with exactly these bytes and exactly these details.
    """
    case.refresh_from_db(fields=["version"])
    if case.version != version + 1:
        return False
    recent = list(case.revisions.order_by("-number")[:2])
    if len(recent) < 2:
        return False
    latest, base = recent
    if latest.step != services.STEP or latest.author_id != user.pk:
        return False
    added = services.referenced_paths(latest.document) - services.referenced_paths(base.document)
    stored = StoredFile.objects.at_paths(case, added)
    if sorted(item.sha256 for item in stored) != sorted(item.sha256 for item in files):
        return False
    details = form.details()
    wanted = (details.category, details.person, details.issued, details.language)
    described = [entry for entry in services.entries(latest.document) if entry.get("file") in added]
    return len(described) == len(files) and all(
        (entry.get("category"), entry.get("person"), entry.get("issued"), entry.get("language"))
        == wanted
        and entry.get("translation_of") == details.translation_of
        and str(entry.get("title") or "").startswith(details.title)
        for entry in described
    )


def _render_upload(
    request: HttpRequest,
    case: Case,
    form: DocumentForm,
    pending: Sequence[StoredFile],
    fills_key: str | None,
    *,
    document: dict[str, Any],
    stale: bool = False,
    status: int = 200,
) -> HttpResponse:
    if stale or "version" in form.errors:
        _refresh_version(form, case)
        stale = True
        # What is saved now, not what the page was loaded with.
        document = services.content_of(case)
    context = {
        "case": case,
        "form": form,
        "pending": pending,
        "fills": fills_key,
        **_error_context(form, stale),
        "limits": _limits(case),
        "steps": steps_for(case, document, current=DOCUMENTS),
    }
    return render(request, "evidence/upload.html", context, status=status)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, case_id: uuid.UUID, key: str) -> HttpResponse:
    """Change what a document says, and replace its file if a new one is chosen."""
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    case = case_for(request.user, case_id, action)
    document = services.content_of(case)
    entry = services.find_entry(case, document, key)
    if entry is None:
        if request.method == "POST":
            # Removed in another window while this page was open: say so, not "not found".
            messages.info(
                request,
                _("This document was removed in the meantime, so changes to it were not saved."),
            )
            return HttpResponseRedirect(_list_url(case) + "#documents")
        raise Http404
    own_id = str(entry.get("id"))
    current = _stored_for(case, entry)
    if request.method == "GET":
        initial = initial_from(entry) | {"version": case.version}
        form = DocumentForm(initial=initial, document=document, multiple=False, own_id=own_id)
        return _render_edit(request, case, form, entry, current, [], document=document)
    form = DocumentForm(
        request.POST,
        request.FILES,
        # The entry's own values stay valid choices even where the lists do not know them.
        initial=initial_from(entry),
        document=document,
        multiple=False,
        own_id=own_id,
    )
    pending = _unsaved(case, document, request.POST.getlist("pending"))[:1]
    form_valid = form.is_valid()
    uploaded = form.uploaded_files()
    if len(uploaded) > 1:
        form.add_error("files", _("Please choose only one file to replace the current one."))
    else:
        received, refusals = _receive(case, uploaded)
        for message in refusals:
            form.add_error("files", message)
        if received:
            # The newest choice wins; an earlier kept one is no longer wanted.
            services.delete_files(pending)
            pending = received
    if not form_valid or form.errors:
        return _render_edit(request, case, form, entry, current, pending, document=document)
    new_file = pending[0] if pending else None
    try:
        _revision, left_behind = services.do_update_document(
            case, _user(request), form.cleaned_data["version"], key, form.details(), new_file
        )
    except StaleCaseError:
        return _render_edit(
            request, case, form, entry, current, pending, document=document, stale=True, status=409
        )
    except (CaseFormatError, LookupError):
        services.delete_files(pending)
        form.add_error(None, _("The changes could not be saved. Please try again."))
        return _render_edit(request, case, form, entry, current, [], document=document)
    except BaseException:
        services.delete_files(pending)
        raise
    services.delete_files(left_behind)
    if new_file is not None:
        messages.success(request, _("The file was replaced."))
    else:
        messages.success(request, _("Your changes were saved."))
    return HttpResponseRedirect(_list_url(case) + "#documents")


def _render_edit(
    request: HttpRequest,
    case: Case,
    form: DocumentForm,
    entry: dict[str, Any],
    current: StoredFile | None,
    pending: Sequence[StoredFile],
    *,
    document: dict[str, Any],
    stale: bool = False,
    status: int = 200,
) -> HttpResponse:
    saved_now: dict[str, Any] | None = None
    if stale or "version" in form.errors:
        _refresh_version(form, case)
        stale = True
        # What is saved now, not what the page was loaded with.
        document = services.content_of(case)
        saved_now = _saved_now(case, document, str(entry.get("id")))
    context = {
        "case": case,
        "form": form,
        "saved_now": saved_now,
        "entry": entry,
        "key": services.entry_key(case, str(entry.get("id"))),
        "current": current,
        "pending": pending,
        **_error_context(form, stale),
        "limits": _limits(case),
        "steps": steps_for(case, document, current=DOCUMENTS),
    }
    return render(request, "evidence/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, case_id: uuid.UUID, key: str) -> HttpResponse:
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    case = case_for(request.user, case_id, action)
    document = services.content_of(case)
    entry = services.find_entry(case, document, key)
    if entry is None:
        if request.method == "POST":
            messages.info(request, _("This document had already been removed."))
            return HttpResponseRedirect(_list_url(case) + "#documents")
        raise Http404
    stale = False
    if request.method == "POST":
        try:
            expected = int(request.POST.get("version", ""))
        except ValueError:
            expected = 0
        try:
            _revision, left_behind = services.do_remove_document(
                case, _user(request), expected, key
            )
        except StaleCaseError:
            stale = True
        else:
            services.delete_files(left_behind)
            messages.success(request, _("“%(title)s” was removed.") % {"title": _title_of(entry)})
            return HttpResponseRedirect(_list_url(case) + "#documents")
    context = {
        "case": case,
        "entry": entry,
        "title": _title_of(entry),
        "key": key,
        "stored": _stored_for(case, entry),
        "translations": [
            _title_of(item) for item in services.translations_of(document, str(entry.get("id")))
        ],
        "version": case.version,
        "stale": stale,
        "steps": steps_for(case, document, current=DOCUMENTS),
    }
    return render(request, "evidence/remove.html", context, status=409 if stale else 200)


@require_POST
def discard(request: HttpRequest, case_id: uuid.UUID, file_id: uuid.UUID) -> HttpResponse:
    """Delete an uploaded file that was never saved to the application."""
    case = case_for(request.user, case_id, Action.EDIT)
    unsaved = _unsaved(case, services.content_of(case), [str(file_id)])
    if not unsaved:
        raise Http404
    services.delete_files(unsaved)
    messages.success(request, _("The file was deleted."))
    return HttpResponseRedirect(_list_url(case) + "#unsaved")


@require_safe
def download(request: HttpRequest, case_id: uuid.UUID, file_id: uuid.UUID) -> HttpResponseBase:
    case = case_for(request.user, case_id, Action.VIEW)
    stored = get_object_or_404(StoredFile, case=case, pk=file_id)
    try:
        handle = stored.file.open("rb")
    except OSError:  # missing, or changed so that it no longer opens
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_download_name(case, stored),
        content_type=stored.content_type,
    )
    return _private(response)


@require_safe
def thumbnail(request: HttpRequest, case_id: uuid.UUID, file_id: uuid.UUID) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW)
    stored = get_object_or_404(StoredFile, case=case, pk=file_id)
    try:
        with stored.file.open("rb") as handle:
            data = handle.read()
        # Drawn on demand rather than stored: one home for the bytes, nothing to clean up.
        png = uploads.make_thumbnail(data, stored.content_type)
    except (OSError, uploads.ThumbnailError):
        raise Http404 from None
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = 'inline; filename="vorschau.png"'
    return _private(response)


def _private(response: _Response) -> _Response:
    # Evidence may be opened on a shared computer at an advice centre: keep it out of caches.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --------------------------------------------------------------------------------------------
# Receiving files


def _receive(
    case: Case, uploaded: Sequence[UploadedFile[bytes]]
) -> tuple[list[StoredFile], list[str]]:
    """Store every acceptable file; a sentence for every refused one."""
    max_file = services.max_file_bytes()
    max_case = services.max_case_bytes()
    used = services.case_bytes_used(case)
    received: list[StoredFile] = []
    refusals: list[str] = []
    for item in uploaded:
        name = uploads.shown_name(item.name or "") or _("(no name)")
        size = item.size or 0
        try:
            _check_limits(size, used, max_file, max_case)
            item.seek(0)
            data = item.read()
            accepted = uploads.check_upload(data)
            if accepted.content_type in uploads.CONVERTED_ON_ARRIVAL:
                data, accepted = uploads.convert_on_arrival(data)
                # What is kept counts: the PDF, not the picture it was made from.
                _check_limits(accepted.size, used, max_file, max_case)
        except UploadRefused as refusal:
            refusals.append(refusal_message(refusal.code, name, refusal.params))
            continue
        try:
            received.append(services.store_file(case, data, accepted, item.name or ""))
        except OSError as error:
            # The disk refused the bytes (full, read-only): the person keeps what they typed
            # and the files already taken, and is told to try again instead of a server error.
            logger.error("an uploaded file could not be stored (errno %s)", error.errno)
            refusals.append(
                _(
                    "“%(name)s” could not be stored because of a problem on our side. "
                    "Everything you saved before is kept. Please try again later."
                )
                % {"name": name}
            )
            continue
        used += accepted.size
    return received, refusals


def _check_limits(size: int, used: int, max_file: int, max_case: int) -> None:
    if size > max_file:
        raise UploadRefused(
            RefusalCode.FILE_TOO_LARGE, size=filesizeformat(size), limit=filesizeformat(max_file)
        )
    if used + size > max_case:
        raise UploadRefused(
            RefusalCode.CASE_FULL,
            size=filesizeformat(size),
            remaining=filesizeformat(max(0, max_case - used)),
            limit=filesizeformat(max_case),
        )


def _unsaved(case: Case, document: dict[str, Any], values: Sequence[str]) -> list[StoredFile]:
    """The files among `values` (ids from a form) that belong to the case and are unsaved."""
    wanted: set[uuid.UUID] = set()
    for value in values:
        try:
            wanted.add(uuid.UUID(value))
        except ValueError:
            continue
    if not wanted:
        return []
    return [stored for stored in services.unsaved_files(case, document) if stored.pk in wanted]


def _error_context(form: DocumentForm, stale: bool) -> dict[str, Any]:
    """The error summary: every problem in page order, each linking to its field."""
    errors = [ErrorLink(anchor=FORM_ANCHOR, text=str(text)) for text in form.non_field_errors()]
    # In the order of the fields on the page, whichever check found the problem first.
    for bound_field in form:
        errors += [
            ErrorLink(anchor=first_input_id(bound_field), text=str(text))
            for text in bound_field.errors
        ]
    return {
        "errors": errors,
        "form_error": STALE_MESSAGE if stale else None,
        "has_errors": stale or bool(errors),
    }


def _refresh_version(form: DocumentForm, case: Case) -> None:
    """Let the next submit of this form save on top of what is stored now."""
    case.refresh_from_db(fields=["version"])
    data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    data["version"] = str(case.version)
    form.data = data
    form.errors.pop("version", None)


# --------------------------------------------------------------------------------------------
# What the list page shows


def _overview(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    try:
        facts = parse_case(document)
    except CaseFormatError:
        return {"present": [], "missing": [], "stale": []}
    reference: date = timezone.localdate()
    result: dict[str, list[dict[str, Any]]] = assess(facts, reference).to_dict()["documents"]
    return result


def _limits(case: Case) -> dict[str, int]:
    used = services.case_bytes_used(case)
    max_case = services.max_case_bytes()
    return {
        "max_file": services.max_file_bytes(),
        "max_case": max_case,
        "used": used,
        "remaining": max(0, max_case - used),
    }


def _saved_now(case: Case, document: dict[str, Any], document_id: str) -> dict[str, Any]:
    """The document as the other window saved it (`document`: the content saved now), for
    the person to compare with their input; `removed` if it is no longer there."""
    entry = next((e for e in services.entries(document) if e.get("id") == document_id), None)
    if entry is None:
        return {"removed": True}
    titles = {e.get("id"): _title_of(e) for e in services.entries(document)}
    return {
        "removed": False,
        "title": _title_of(entry),
        "category": choices.label(choices.DOCUMENT_CATEGORIES, entry.get("category")),
        "person": _person_names(document).get(entry.get("person"), ""),
        "issued": _german_date(entry.get("issued")),
        "language": choices.label(choices.LANGUAGES, entry.get("language")),
        "translation_of": titles.get(entry.get("translation_of")),
        "stored": _stored_for(case, entry),
    }


def _title_of(entry: dict[str, Any]) -> str:
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        return title
    return choices.label(choices.DOCUMENT_CATEGORIES, entry.get("category"))


def _stored_for(case: Case, entry: dict[str, Any]) -> StoredFile | None:
    path = entry.get("file")
    if not isinstance(path, str):
        return None
    return StoredFile.objects.at_path(case, path).first()


def _entry_without_file(
    case: Case, document: dict[str, Any], key: str | None
) -> dict[str, Any] | None:
    if not key:
        return None
    entry = services.find_entry(case, document, key)
    return entry if entry is not None and entry.get("file") is None else None


def _download_name(case: Case, stored: StoredFile) -> str:
    if stored.original_name:
        return str(stored.original_name)
    extension = uploads.EXTENSIONS.get(stored.content_type, "bin")
    return f"dokument.{extension}"


def _person_names(document: dict[str, Any]) -> dict[str | None, str]:
    names: dict[str | None, str] = {
        person.get("id"): person_name(person, position)
        for position, person in enumerate(persons(document), start=1)
    }
    names[None] = _("The whole household")
    return names


def _groups(
    case: Case,
    document: dict[str, Any],
    stored: dict[str, StoredFile],
    stale: dict[str, str],
) -> list[dict[str, Any]]:
    """documents[] by person (in the order of persons[], household last), then category."""
    names = _person_names(document)
    order = list(names)
    titles = {entry.get("id"): _title_of(entry) for entry in services.entries(document)}
    by_person: dict[str | None, dict[str, list[dict[str, Any]]]] = {}
    for entry in services.entries(document):
        person = entry.get("person")
        if person not in names:
            person = None
        category = str(entry.get("category"))
        path = entry.get("file")
        by_person.setdefault(person, {}).setdefault(category, []).append(
            {
                "entry": entry,
                "key": services.entry_key(case, str(entry.get("id"))),
                "title": _title_of(entry),
                "stored": stored.get(path) if isinstance(path, str) else None,
                "has_file": isinstance(path, str),
                "issued": _german_date(entry.get("issued")),
                "language": choices.label(choices.LANGUAGES, entry.get("language")),
                "translation_of": titles.get(entry.get("translation_of")),
                "stale_reason": stale.get(str(entry.get("id"))),
            }
        )
    category_order = {category: index for index, category in enumerate(DOCUMENT_CATEGORIES)}
    groups = []
    for person in order:
        categories = by_person.get(person)
        if not categories:
            continue
        groups.append(
            {
                "name": names[person],
                "categories": [
                    {
                        "label": choices.label(choices.DOCUMENT_CATEGORIES, category),
                        "items": items,
                    }
                    for category, items in sorted(
                        categories.items(), key=lambda pair: category_order.get(pair[0], 999)
                    )
                ],
            }
        )
    return groups


def _missing(
    case: Case, document: dict[str, Any], missing: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The report's missing documents, each with the hidden values of its quick upload form."""
    names = _person_names(document)
    by_id = {entry.get("id"): entry for entry in services.entries(document)}
    result = []
    for index, item in enumerate(missing, start=1):
        category = str(item.get("category"))
        person = item.get("person")
        hidden: list[tuple[str, str]] = [("language", "de")]
        fills = ""
        announced = by_id.get(item.get("id"))
        if announced is not None and announced.get("file") is None:
            # The quick form completes the announced entry; it must not blank what it says.
            fills = services.entry_key(case, str(announced.get("id")))
            values = initial_from(announced)
            day, month, year = PartialDateWidget().decompress(values["issued"])
            hidden = [
                ("fills", fills),
                ("title", values["title"]),
                ("issued_day", day),
                ("issued_month", month),
                ("issued_year", year),
                ("language", values["language"]),
                ("translation_of", values["translation_of"]),
            ]
        result.append(
            {
                "number": index,
                "category": category,
                "label": choices.label(choices.DOCUMENT_CATEGORIES, category),
                "person": person or "",
                "person_name": names.get(person, names[None]),
                "reason_de": item.get("reason_de", ""),
                "fills": fills,
                "hidden": hidden,
            }
        )
    return result


def _german_date(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return parse_partial_date(value).german()
    except ValueError:
        return value
