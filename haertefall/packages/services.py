"""Building a case's package in the web app, keeping the newest few, and what the package page
shows before a build.

The builder (`documents.package.build_package`) is pure: it takes the typed case, its report
and the attachment bytes. This module reads those from the database and the upload storage,
and stores what the builder returns as a BuiltPackage with its files.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from documents.context import date_table, find_cv_gaps, full_name, untranslated_parts
from documents.package import (
    AttachmentError,
    Package,
    PackageOptions,
    build_package,
    plan_anlagen,
)
from eligibility.engine import assess
from eligibility.facts import Case as CaseFacts
from eligibility.facts import parse_case
from eligibility.report import Report
from haertefall.accounts.models import User
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.storage import sha256_hex, upload_storage
from haertefall.packages.models import BuiltPackage, EmailPart
from haertefall.review.services import do_export_package

logger = logging.getLogger(__name__)

# Older packages of a case are deleted, files and all: each one is a full copy of the
# person's papers, and only the newest matter.
KEEP_PER_CASE = 3


@dataclass(frozen=True)
class Subject:
    """The case as the package page and the builder need it, read once per request."""

    case: Case
    document: dict[str, Any]
    revision_number: int
    # The case's version when it was read: a final package records that this content went out.
    version: int
    # Dated `today`: the web app assesses and dates the letter for the day it runs.
    facts: CaseFacts
    report: Report


def subject_of(case: Case, today: date) -> Subject:
    revision = case.latest_revision()
    if revision is None:  # pragma: no cover - every case is created with a first revision
        raise LookupError(f"case {case.pk} has no content")
    facts = replace(parse_case(revision.document), reference_date=today)
    return Subject(
        case, revision.document, revision.number, case.version, facts, assess(facts, today)
    )


# --------------------------------------------------------------------------------------------
# What the page shows before a build


@dataclass(frozen=True)
class PlannedAnlage:
    number: int
    kind: str  # power_of_attorney, cv, document
    title: str  # German, as printed in the Anlagenverzeichnis
    group_heading: str  # German
    person_names: tuple[str, ...]
    date_text: str
    to_follow: bool
    document_id: str | None


def planned_anlagen(facts: CaseFacts, options: PackageOptions) -> list[PlannedAnlage]:
    """The Anlagen with the numbers the builder will give them (its own planning)."""
    return [
        PlannedAnlage(
            number=anlage.number,
            kind=anlage.kind,
            title=anlage.title,
            group_heading=anlage.group_heading,
            person_names=tuple(full_name(facts.person(person)) for person in anlage.persons),
            date_text=date_table(anlage.date_value) if anlage.date_value else "",
            to_follow=anlage.to_follow,
            document_id=anlage.document.id if anlage.document else None,
        )
        for anlage in plan_anlagen(facts, options)
    ]


@dataclass(frozen=True)
class CvGap:
    person_name: str
    # Position in persons[], counted from 1: the wizard's life-history step of the person.
    position: int
    period: str  # German, "14.06.2009 – 09.08.2022"


def cv_gaps(facts: CaseFacts, options: PackageOptions) -> list[CvGap]:
    """Gaps of more than three months in every Lebenslauf the package will contain."""
    positions = {person.id: index for index, person in enumerate(facts.persons, start=1)}
    gaps = []
    for anlage in plan_anlagen(facts, options):
        person = anlage.person
        if anlage.kind != "cv" or person is None:
            continue
        gaps += [
            CvGap(full_name(person), positions[person.id], gap.german)
            for gap in find_cv_gaps(facts, person)
        ]
    return gaps


@dataclass(frozen=True)
class Warnings:
    cv_gaps: list[CvGap]
    stale: list[str]  # German reasons from the report
    untranslated: list[str]  # German names of narrative parts
    to_follow: list[PlannedAnlage]
    # § 25b and a requirement not met: the final package is allowed, the reasons shown.
    not_met: list[str]

    def __bool__(self) -> bool:
        return bool(
            self.cv_gaps or self.stale or self.untranslated or self.to_follow or self.not_met
        )


def warnings_for(subject: Subject, options: PackageOptions) -> Warnings:
    report = subject.report
    not_met: list[str] = []
    if subject.facts.target == "abh_hannover_25b" and report.overall == "not_eligible":
        not_met = list(
            dict.fromkeys(f.reason_de for f in report.requirements if f.outcome == "not_met")
        )
    return Warnings(
        cv_gaps=cv_gaps(subject.facts, options),
        stale=list(dict.fromkeys(entry.reason_de for entry in report.documents.stale)),
        untranslated=untranslated_parts(subject.facts),
        to_follow=[a for a in planned_anlagen(subject.facts, options) if a.to_follow],
        not_met=not_met,
    )


# --------------------------------------------------------------------------------------------
# Building and storing


def load_files(case: Case, facts: CaseFacts) -> dict[str, bytes]:
    """The bytes of every file the case's documents name, checked against their checksum.

    Raises AttachmentError naming the document whose file is missing or damaged on disk.
    """
    documents = {document.file: document for document in facts.documents if document.file}
    stored = {item.case_path: item for item in StoredFile.objects.at_paths(case, documents)}
    files: dict[str, bytes] = {}
    for path, document in documents.items():
        item = stored.get(path)
        if item is None:
            raise AttachmentError(
                document, _("its file is no longer stored. Please upload it again.")
            )
        try:
            data = item.read_verified()
        except FileNotFoundError:
            raise AttachmentError(
                document, _("its file is no longer stored. Please upload it again.")
            ) from None
        if data is None:
            raise AttachmentError(
                document, _("its stored file is damaged. Please upload it again.")
            )
        files[path] = data
    return files


def do_build_package(subject: Subject, author: User, options: PackageOptions) -> BuiltPackage:
    """Build the package of `subject` and keep it; older packages beyond the newest
    KEEP_PER_CASE are deleted. Raises the builder's PackageError subclasses; then nothing is
    stored and the case is unchanged."""
    files = load_files(subject.case, subject.facts)
    package = build_package(subject.facts, subject.report, files, options)
    built = store_package(subject.case, author, subject.revision_number, options, package)
    try:
        # Moves an approved case to `exported` and writes the audit record; refused when the
        # case changed since it was read or is not approved, then the package is not kept.
        do_export_package(subject.case, author, final=not package.draft, version=subject.version)
    except BaseException:
        delete_packages([built])
        raise
    return built


def store_package(
    case: Case,
    author: User | None,
    revision_number: int,
    options: PackageOptions,
    package: Package,
) -> BuiltPackage:
    written: list[str] = []
    try:
        with transaction.atomic():
            built = BuiltPackage(
                case=case,
                created_by=author,
                revision_number=revision_number,
                draft=package.draft,
                options=options_json(options),
                page_count=package.page_count,
                size=len(package.pdf),
                sha256=sha256_hex(package.pdf),
                download_name=package.filename,
                parts=part_rows(package),
                notices=list(package.notices),
            )
            built.file.save("", ContentFile(package.pdf), save=False)
            written.append(built.file.name or "")
            built.save()
            for detail, data in zip(package.email_details, package.email_parts, strict=False):
                part = EmailPart(
                    package=built,
                    number=detail.number,
                    total=detail.total,
                    size=len(data),
                    sha256=sha256_hex(data),
                    download_name=detail.filename,
                    subject=detail.subject,
                    body=detail.body,
                    anlagen=list(detail.anlagen),
                )
                part.file.save("", ContentFile(data), save=False)
                written.append(part.file.name or "")
                part.save()
    except BaseException:
        # The database forgets the rows on rollback; the disk does not forget the bytes.
        _delete_names(written)
        raise
    prune(case)
    return built


def options_json(options: PackageOptions) -> dict[str, Any]:
    return {
        "draft": options.draft,
        "sent_on": options.sent_on.isoformat(),
        "split_mb": options.split_mb,
        "fax_cover": options.fax_cover,
        "include_cv": options.include_cv,
    }


def part_rows(package: Package) -> list[dict[str, Any]]:
    return [
        {
            "kind": part.kind,
            "title": part.title,
            "anlage": part.anlage,
            "person_names": list(part.person_names) if part.anlage is not None else [],
            "first_page": part.first_page,
            "last_page": part.last_page,
            "to_follow": part.to_follow,
            "email_part": part.email_part,
        }
        for part in package.parts
    ]


def prune(case: Case, keep: int = KEEP_PER_CASE) -> None:
    """Delete all but the newest `keep` packages of `case`, rows and files."""
    old = BuiltPackage.objects.filter(case=case).order_by("-created", "-pk")[keep:]
    delete_packages(list(old.prefetch_related("email_parts")))


def delete_packages(packages: Sequence[BuiltPackage]) -> None:
    for package in packages:
        names = [
            package.file.name or "",
            *(part.file.name or "" for part in package.email_parts.all()),
        ]
        # The rows first, so that no row ever points at a file that is gone.
        package.delete()
        _delete_names(names)


def _delete_names(names: Sequence[str]) -> None:
    for name in names:
        if not name:
            continue
        try:
            upload_storage.delete(name)
        except OSError:
            # Nothing serves these bytes any more; an operator can sweep them.
            logger.warning("a package file could not be removed from disk")


def anlagen_text(numbers: Sequence[int]) -> str:
    """German: "Anlage 7", "Anlagen 1–5, 8" (consecutive numbers as a range)."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"Anlage {text}" if len(ordered) == 1 else f"Anlagen {text}"


def page_part(parts: Sequence[Mapping[str, Any]], page: int) -> Mapping[str, Any] | None:
    """The part that page `page` (counted from 1) belongs to."""
    for part in parts:
        first, last = part.get("first_page"), part.get("last_page")
        if isinstance(first, int) and isinstance(last, int) and first <= page <= last:
            return part
    return None
