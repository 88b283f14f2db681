"""State changes of a case's evidence: storing bytes and saving what they mean.

The bytes of an upload become a StoredFile as soon as they are accepted, before the
revision that names them is saved. A file that no `documents[]` entry names yet is
"unsaved": it survives a refused save (a stale version, a mistake elsewhere in the form) so
that nobody has to upload the same scan twice, and it is listed for the owner to save or
discard. Every change of `documents[]` is a new revision through `do_save_revision`.
"""

import copy
import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Sum

from documents.uploads import AcceptedFile, display_name
from eligibility.facts import SCHEMA
from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, StoredFile
from haertefall.cases.services import do_save_revision
from haertefall.cases.storage import sha256_hex, upload_storage

logger = logging.getLogger(__name__)

STEP = "documents"

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_CASE_BYTES = 100 * 1024 * 1024


def max_file_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def max_case_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_CASE_BYTES", DEFAULT_MAX_CASE_BYTES))


def case_bytes_used(case: Case) -> int:
    """Bytes the case's stored files take, saved or not."""
    total = StoredFile.objects.filter(case=case).aggregate(total=Sum("size"))["total"]
    return int(total or 0)


def content_of(case: Case) -> dict[str, Any]:
    """A copy of the case's newest content, safe to change."""
    document = case.document
    if document is None:
        return {"schema": SCHEMA, "target": case.target, "persons": []}
    return copy.deepcopy(document)


def entries(document: dict[str, Any]) -> list[dict[str, Any]]:
    value = document.get("documents")
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def entry_key(case: Case, document_id: str) -> str:
    """An opaque, stable name of a documents[] entry for URLs.

    Imported ids are free text and may carry a name ("pass-amina"); a URL never shows them.
    """
    return hashlib.sha256(f"{case.pk}:{document_id}".encode()).hexdigest()[:20]


def find_entry(case: Case, document: dict[str, Any], key: str) -> dict[str, Any] | None:
    for entry in entries(document):
        document_id = entry.get("id")
        if isinstance(document_id, str) and entry_key(case, document_id) == key:
            return entry
    return None


def referenced_paths(document: dict[str, Any]) -> set[str]:
    return {entry["file"] for entry in entries(document) if isinstance(entry.get("file"), str)}


def unsaved_files(case: Case, document: dict[str, Any]) -> list[StoredFile]:
    """Stored files of the case that no documents[] entry names (yet)."""
    named = referenced_paths(document)
    return [
        stored
        for stored in StoredFile.objects.filter(case=case).order_by("created")
        if stored.case_path not in named
    ]


def store_file(case: Case, data: bytes, accepted: AcceptedFile, original_name: str) -> StoredFile:
    """Keep accepted bytes as a stored file of `case` that no entry names yet."""
    stored = StoredFile(
        case=case,
        sha256=sha256_hex(data),
        content_type=accepted.content_type,
        page_count=accepted.page_count,
        size=accepted.size,
        # Shown to the owner only; the path in the case and on disk are made of the UUID.
        original_name=display_name(original_name, accepted.content_type),
    )
    stored.case_path = f"files/{stored.pk}.{accepted.extension}"
    stored.file.save("", ContentFile(data), save=False)
    try:
        stored.save()
    except BaseException:
        if stored.file.name:
            upload_storage.delete(stored.file.name)
        raise
    return stored


def delete_files(files: Iterable[StoredFile]) -> None:
    """Remove the rows and the bytes; the row first, so no row ever points at nothing."""
    for stored in files:
        name = stored.file.name
        stored.delete()
        if name:
            try:
                upload_storage.delete(name)
            except OSError:
                # The row is gone, so nothing serves these bytes; an operator can sweep them.
                logger.warning("stored file %s could not be removed from disk", stored.pk)


@dataclass(frozen=True)
class DocumentDetails:
    """What the user says a document is; the form's cleaned values."""

    category: str
    person: str | None
    title: str
    issued: str | None
    language: str | None
    translation_of: str | None


def do_add_documents(
    case: Case,
    author: User,
    expected_version: int,
    details: DocumentDetails,
    files: Sequence[StoredFile],
    fills: str | None = None,
) -> CaseRevision:
    """Save one documents[] entry per file; the first file completes entry `fills` if given.

    Several files uploaded together become several entries (one Anlage each); their titles
    get "(1/3)", "(2/3)", … so the index of attachments can tell them apart.
    Raises StaleCaseError and CaseFormatError like do_save_revision; the files stay stored.
    """
    document = content_of(case)
    items = document.setdefault("documents", [])
    titles = _numbered_titles(details.title, len(files))
    remaining = list(zip(files, titles, strict=True))
    if fills is not None:
        entry = find_entry(case, document, fills)
        if entry is not None and entry.get("file") is None and remaining:
            stored, title = remaining.pop(0)
            _describe(entry, details, title)
            entry["file"] = stored.case_path
    taken = {entry.get("id") for entry in entries(document)}
    for stored, title in remaining:
        entry = {"id": _new_id(taken)}
        taken.add(entry["id"])
        _describe(entry, details, title)
        entry["file"] = stored.case_path
        items.append(_in_format_order(entry))
    return do_save_revision(case, document, author, STEP, expected_version)


def do_update_document(
    case: Case,
    author: User,
    expected_version: int,
    key: str,
    details: DocumentDetails,
    new_file: StoredFile | None,
) -> tuple[CaseRevision, list[StoredFile]]:
    """Change what an entry says and, with `new_file`, the file it names.

    Returns the revision and the stored files no entry names any more (the replaced one),
    which the caller deletes once the revision is safely saved.
    """
    document = content_of(case)
    entry = find_entry(case, document, key)
    if entry is None:
        raise LookupError(key)
    old_path = entry.get("file")
    _describe(entry, details, details.title)
    if new_file is not None:
        entry["file"] = new_file.case_path
    revision = do_save_revision(case, document, author, STEP, expected_version)
    return revision, _files_left_behind(case, document, only={old_path})


def do_remove_document(
    case: Case, author: User, expected_version: int, key: str
) -> tuple[CaseRevision, list[StoredFile]]:
    """Drop an entry; translations that pointed at it no longer claim to translate it."""
    document = content_of(case)
    entry = find_entry(case, document, key)
    if entry is None:
        raise LookupError(key)
    document["documents"] = [item for item in entries(document) if item is not entry]
    for item in document["documents"]:
        if item.get("translation_of") == entry.get("id"):
            item["translation_of"] = None
    revision = do_save_revision(case, document, author, STEP, expected_version)
    return revision, _files_left_behind(case, document, only={entry.get("file")})


def _files_left_behind(case: Case, document: dict[str, Any], only: set[Any]) -> list[StoredFile]:
    # Only the files this change let go of: other unsaved uploads wait for their own save.
    named = referenced_paths(document)
    paths = [path for path in only if isinstance(path, str) and path not in named]
    return list(StoredFile.objects.at_paths(case, paths))


def translations_of(document: dict[str, Any], document_id: str) -> list[dict[str, Any]]:
    return [entry for entry in entries(document) if entry.get("translation_of") == document_id]


def _describe(entry: dict[str, Any], details: DocumentDetails, title: str) -> None:
    entry["person"] = details.person
    entry["category"] = details.category
    entry["title"] = title
    entry["issued"] = details.issued
    entry["language"] = details.language
    entry["translation_of"] = details.translation_of


_FORMAT_ORDER = ("id", "person", "category", "title", "issued", "file", "language")


def _in_format_order(entry: dict[str, Any]) -> dict[str, Any]:
    # The order case-format.md shows, so an exported case.json reads like the specification.
    ordered = {key: entry[key] for key in _FORMAT_ORDER if key in entry}
    ordered.update({key: value for key, value in entry.items() if key not in ordered})
    return ordered


def _numbered_titles(title: str, count: int) -> list[str]:
    if count <= 1:
        return [title] * count
    return [f"{title} ({number}/{count})" for number in range(1, count + 1)]


_ID = re.compile(r"^d(\d+)$")


def _new_id(taken: set[Any]) -> str:
    numbers = [int(match.group(1)) for value in taken if (match := _ID.match(str(value)))]
    number = max(numbers, default=0) + 1
    while f"d{number}" in taken:
        number += 1
    return f"d{number}"
