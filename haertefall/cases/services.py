"""State changes of a case. Every save of content goes through here and leaves a revision."""

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from eligibility.facts import parse_case
from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, StoredFile
from haertefall.cases.storage import detect_content_type, sha256_hex, upload_storage
from haertefall.review.content_changes import content_changed, content_created


class StaleCaseError(Exception):
    """The case changed since the caller loaded it; its save would overwrite that change."""

    def __init__(self, case_id: object, expected_version: int, current_version: int) -> None:
        super().__init__(
            f"case {case_id} is at version {current_version}, "
            f"but the change was made on version {expected_version}"
        )
        self.expected_version = expected_version
        self.current_version = current_version


def do_create_case(
    owner: User,
    document: dict[str, Any],
    files: Mapping[str, bytes],
    step: str,
) -> Case:
    """Create a case with its first revision and its files, all or nothing.

    `files` maps the values of documents[].file to their bytes. Raises
    eligibility.facts.CaseFormatError if the document is not a valid case.
    """
    parse_case(document)
    written: list[str] = []
    try:
        with transaction.atomic():
            case = Case.objects.create(owner=owner, target=document["target"])
            for case_path, data in files.items():
                stored = StoredFile(
                    case=case,
                    case_path=case_path,
                    sha256=sha256_hex(data),
                    content_type=detect_content_type(data),
                    size=len(data),
                    original_name=PurePosixPath(case_path).name,
                )
                stored.file.save("", ContentFile(data), save=False)
                if stored.file.name:
                    written.append(stored.file.name)
                stored.save()
            CaseRevision.objects.create(
                case=case, number=1, author=owner, step=step, document=document
            )
            content_created(case, owner, step)
    except BaseException:
        # The database forgets the rows on rollback; the disk does not forget the bytes.
        for name in written:
            upload_storage.delete(name)
        raise
    return case


def do_save_revision(
    case: Case,
    document: dict[str, Any],
    author: User | None,
    step: str,
    expected_version: int,
) -> CaseRevision:
    """Store `document` as the case's new content, unless someone saved in between.

    Writes the audit record, and returns an approved (or exported) case to review: the
    approval covered the content as it was. Raises StaleCaseError when the case is no longer
    at `expected_version`, and eligibility.facts.CaseFormatError if the document is not a
    valid case.
    """
    parse_case(document)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.version != expected_version:
            raise StaleCaseError(case.pk, expected_version, locked.version)
        latest = locked.latest_revision()
        revision = CaseRevision.objects.create(
            case=locked,
            number=1 if latest is None else latest.number + 1,
            author=author,
            step=step,
            document=document,
        )
        locked.version += 1
        locked.target = document["target"]
        locked.save(update_fields=["version", "target", "updated"])
        content_changed(locked, author, step, revision.number)
    case.version = locked.version
    case.status = locked.status
    case.target = locked.target
    case.updated = locked.updated
    return revision
