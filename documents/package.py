"""The ready-to-send package: letter, Anlagenverzeichnis, Anlagen, optional fax cover,
e-mail parts and upload export (package.md § 2, § 8, § 10, § 11).

`build_package` is called by the management command and the web view alike. It works from
the typed case, its eligibility report and the attachment bytes; it writes nothing to disk,
so a refused or failed build leaves nothing half-written. Everything it prints is German;
the errors and notices it returns are interface text (gettext).
"""

from __future__ import annotations

import hashlib
import io
import math
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents import rendering, typeset
from documents.bundling import (
    Bundle,
    BundleMetadata,
    Section,
    SourcePdf,
    UnusablePdfError,
    bundle,
    drawn_source,
    estimated_page_sizes,
    image_source,
    open_pdf,
    recompress_images,
)
from documents.context import (
    AnlageRef,
    IndexEntry,
    anlage_sort_key,
    betreff,
    cv_context,
    date_table,
    find_cv_gaps,
    full_name,
    group_for,
    group_of,
    household_order,
    index_context,
    is_minor,
    power_of_attorney_context,
    sender,
    untranslated_parts,
)
from documents.images import ImageConversionError, PlacedJpeg, image_page, looks_like_image
from eligibility.dates import PartialDate
from eligibility.facts import Case, Document, Person
from eligibility.report import Report

# --------------------------------------------------------------------------------------------
# Options, results, errors


@dataclass(frozen=True, slots=True)
class PackageOptions:
    draft: bool
    # The date printed in the letter and the index (never read from the clock here).
    sent_on: date
    # Cap for one e-mail in MB (package.md § 11); None: no e-mail parts.
    split_mb: float | None = None
    fax_cover: bool = False
    # Lebensläufe of adults besides the applicant (hfk_nrw), of everyone (abh_hannover_25b).
    include_cv: bool = True
    # hfk_nrw + not_admissible: a counsellor's explicit, recorded decision to export anyway
    # (package.md § 1.6). The caller records it; this only lets the build through.
    counsellor_override: bool = False
    # The upload export (package.md § 2.2): one stamped PDF per Anlage and 00_Antrag, as a
    # ZIP in Package.per_file_zip.
    per_file: bool = False
    # What one file of the upload export should stay under, in MB (⚠ portal limit unknown).
    per_file_max_mb: float = 5.0


@dataclass(frozen=True, slots=True)
class PackagePart:
    """One part of the package as the UI and the index list it (package.md § 2)."""

    kind: str  # fax_cover, letter, attachment_index, power_of_attorney, cv, document
    title: str
    persons: tuple[str, ...]  # person ids
    person_names: tuple[str, ...]
    date_text: str | None  # German, with the precision the date has
    anlage: int | None
    document_id: str | None
    # Pages in the combined PDF, counted from 1; None for a document still to follow
    first_page: int | None
    last_page: int | None
    to_follow: bool = False
    # Pages (counted within the combined PDF) whose content was shrunk to make room for
    # the stamp; the preview shows them.
    shrunk_pages: tuple[int, ...] = ()
    # Size of the Anlage's file as it goes into the bundle, in bytes
    size: int = 0
    # E-mail part that carries it, when the package was split
    email_part: int | None = None

    @property
    def page_count(self) -> int:
        if self.first_page is None or self.last_page is None:
            return 0
        return self.last_page - self.first_page + 1


@dataclass(frozen=True, slots=True)
class EmailPart:
    number: int
    total: int
    filename: str
    subject: str
    body: str
    anlagen: tuple[int, ...]
    size: int


@dataclass(frozen=True, slots=True)
class UploadFile:
    """One file of the upload export, in the order the ZIP holds them."""

    filename: str
    anlage: int | None  # None: 00_Antrag (letter, overview, Anlagenverzeichnis)
    title: str
    group_heading: str | None
    page_count: int
    size: int


@dataclass(frozen=True, slots=True)
class Package:
    parts: tuple[PackagePart, ...]
    pdf: bytes
    page_count: int
    draft: bool
    filename: str
    # The files to attach to e-mails in this order when split_mb was given (the whole PDF
    # alone when it fits); empty otherwise.
    email_parts: list[bytes] = field(default_factory=list)
    email_details: tuple[EmailPart, ...] = ()
    # Things the user should see before sending (gaps in a Lebenslauf, stale reports, ...)
    notices: tuple[str, ...] = ()
    # The upload export when per_file was asked for: a ZIP of the files below.
    per_file_zip: bytes | None = None
    per_file_details: tuple[UploadFile, ...] = ()

    @property
    def anlagen(self) -> tuple[PackagePart, ...]:
        return tuple(part for part in self.parts if part.anlage is not None)


class PackageError(Exception):
    """The package cannot be built; the message says why in one sentence for the user."""


class PackageRefused(PackageError):
    """The final package is refused: the case is not complete enough for its target."""

    def __init__(self, message: str, items: Sequence[str]) -> None:
        self.items = tuple(items)
        super().__init__(message + "".join(f"\n- {item}" for item in self.items))
        self.summary = message


class AttachmentError(PackageError):
    """An attachment cannot go into the package; names the document (id and title)."""

    def __init__(self, document: Document, problem: str) -> None:
        self.document_id = document.id
        self.title = document.title or document.id
        self.problem = problem
        super().__init__(
            _("Attachment %(id)s “%(title)s” cannot be used: %(problem)s")
            % {"id": document.id, "title": self.title, "problem": problem}
        )


# --------------------------------------------------------------------------------------------
# Completeness (package.md § 1.6)

_FINAL_ALLOWED = {
    "hfk_nrw": ("ready", "needs_review"),
    "abh_hannover_25b": ("eligible", "not_eligible", "needs_review"),
}


def check_final_allowed(case: Case, report: Report, *, counsellor_override: bool) -> None:
    """Raise PackageRefused when the final package must not be built yet."""
    untranslated = untranslated_parts(case)
    if untranslated:
        raise PackageRefused(
            _("The final package needs a German translation of these parts of the story first:"),
            untranslated,
        )
    overall = report.overall
    if overall in _FINAL_ALLOWED[case.target]:
        return
    if case.target == "hfk_nrw" and overall == "not_admissible":
        if counsellor_override:
            return
        reasons = [f.reason_de for f in report.requirements if f.outcome == "not_met"]
        raise PackageRefused(
            _(
                "The Härtefallkommission will normally not take up this case. The final "
                "package can only be exported after a counsellor has confirmed it:"
            ),
            _unique(reasons),
        )
    missing = [
        finding.reason_de
        for finding in report.requirements
        if finding.outcome in ("missing_information", "not_met")
    ]
    if not missing:
        missing = [entry.reason_de for entry in report.documents.missing]
    raise PackageRefused(
        _("The case is not complete yet. These mandatory items are missing:"), _unique(missing)
    )


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------------------------
# The Anlagen in their order


@dataclass(frozen=True, slots=True)
class _Anlage:
    number: int
    kind: str  # power_of_attorney, cv, document
    title: str
    category: str
    group_heading: str
    persons: tuple[str, ...]
    date_value: date | PartialDate | None
    document: Document | None = None
    person: Person | None = None

    @property
    def to_follow(self) -> bool:
        return self.document is not None and self.document.file is None


def plan_anlagen(case: Case, options: PackageOptions) -> list[_Anlage]:
    """Every Anlage in the order of package.md § 2: Vollmacht, Lebensläufe, evidence by
    group; translations right after the document they translate."""
    documents = list(case.documents)
    uploaded_power = [d for d in documents if d.category == "power_of_attorney"]
    uploaded_cvs = [d for d in documents if d.category == "cv"]
    evidence = [d for d in documents if d.category not in ("power_of_attorney", "cv")]
    planned: list[_Anlage] = []

    def add(**values: object) -> None:
        planned.append(_Anlage(number=len(planned) + 1, **values))  # type: ignore[arg-type]

    power_heading = group_of(case, "power_of_attorney", None)[1]
    if uploaded_power:
        for document in sorted(uploaded_power, key=lambda d: anlage_sort_key(case, d)):
            add(**_uploaded(case, document, power_heading))
    elif case.representative is not None:
        signed = case.representative.power_of_attorney_signed
        add(
            kind="power_of_attorney",
            title="Vollmacht",
            category="power_of_attorney",
            group_heading=power_heading,
            persons=tuple(person.id for person in household_order(case)),
            date_value=signed if signed is not None else options.sent_on,
        )
    cv_heading = group_of(case, "cv", None)[1]
    for person in _cv_persons(case, options):
        replacements = [d for d in uploaded_cvs if d.person == person.id]
        if replacements:
            for document in replacements:
                add(**_uploaded(case, document, cv_heading))
            continue
        add(
            kind="cv",
            title=f"Tabellarischer Lebenslauf {full_name(person)}",
            category="cv",
            group_heading=cv_heading,
            persons=(person.id,),
            date_value=options.sent_on,
            person=person,
        )
    covered = {person.id for person in _cv_persons(case, options)}
    for document in uploaded_cvs:
        if document.person not in covered:
            add(**_uploaded(case, document, cv_heading))
    for document in _with_translations_after_originals(case, evidence):
        add(**_uploaded(case, document, group_for(case, document)[1]))
    return planned


def _cv_persons(case: Case, options: PackageOptions) -> list[Person]:
    adults = [person for person in household_order(case) if not is_minor(case, person)]
    applicant = case.principal
    if case.target == "hfk_nrw":
        # A Lebenslauf of the applicant is always part of a Härtefall petition (§ 2.1).
        others = [p for p in adults if p.id != applicant.id] if options.include_cv else []
        return [applicant, *others]
    return adults if options.include_cv else []


def _uploaded(case: Case, document: Document, heading: str) -> dict[str, object]:
    return {
        "kind": "document",
        "title": document.title or _CATEGORY_TITLES.get(document.category, "Unterlage"),
        "category": document.category,
        "group_heading": heading,
        "persons": (document.person,) if document.person else (),
        "date_value": document.issued,
        "document": document,
    }


def _with_translations_after_originals(case: Case, documents: list[Document]) -> list[Document]:
    ordered = sorted(documents, key=lambda d: anlage_sort_key(case, d))
    ids = {document.id for document in ordered}
    translations: dict[str, list[Document]] = {}
    for document in ordered:
        if document.translation_of in ids and document.translation_of != document.id:
            translations.setdefault(document.translation_of or "", []).append(document)
    placed: set[str] = set()
    result: list[Document] = []

    def place(document: Document) -> None:
        if document.id in placed:
            return
        placed.add(document.id)
        result.append(document)
        for translation in translations.get(document.id, []):
            place(translation)

    for document in ordered:
        if document.translation_of in ids and document.translation_of != document.id:
            continue
        place(document)
    for document in ordered:  # translations of translations in a cycle: keep them all
        place(document)
    return result


# Used only when a document has no title; the index prints `title` verbatim otherwise.
_CATEGORY_TITLES = {
    "identity": "Identitätsnachweis",
    "passport": "Reisepass",
    "passport_efforts": "Nachweis der Passbeschaffung",
    "residence_document": "Aufenthaltsdokument",
    "language_certificate": "Sprachzertifikat",
    "civic_test": "Test „Leben in Deutschland“",
    "school_certificate": "Schulbescheinigung",
    "kindergarten_certificate": "Kita-Bescheinigung",
    "training_contract": "Ausbildungsvertrag",
    "enrolment_certificate": "Immatrikulationsbescheinigung",
    "employment_contract": "Arbeitsvertrag",
    "payslip": "Gehaltsabrechnung",
    "job_offer": "Arbeitsplatzangebot",
    "tax_assessment": "Steuerbescheid",
    "insurance_provisions": "Nachweis Altersvorsorge/Versicherung",
    "rent_contract": "Mietvertrag",
    "rent_proof": "Mietnachweis",
    "benefit_notice": "Leistungsbescheid",
    "volunteering": "Nachweis Ehrenamt",
    "support_letter": "Unterstützungsschreiben",
    "membership": "Mitgliedsbescheinigung",
    "bamf_decision": "Bescheid des BAMF",
    "court_decision": "Gerichtsentscheidung",
    "authority_order": "Behördlicher Bescheid",
    "medical_report": "Ärztliche Bescheinigung",
    "criminal_record": "Führungszeugnis",
    "power_of_attorney": "Vollmacht",
    "cv": "Lebenslauf",
    "other": "Unterlage",
}


# --------------------------------------------------------------------------------------------
# Sources of the pages


@dataclass(frozen=True, slots=True)
class _Prepared:
    anlage: _Anlage
    source: SourcePdf | None  # None: to follow
    # Images are laid out with room for the stamp; their pixels need no check.
    stamp_area_free: bool
    uploaded: bool


def _prepare(
    case: Case, anlage: _Anlage, files: Mapping[str, bytes], options: PackageOptions
) -> _Prepared:
    # Generated Anlagen keep their top margin free for the stamp (20 mm, the stamp ends at
    # about 11 mm), so their pixels need no check either.
    sent_on, draft = options.sent_on, options.draft
    if anlage.kind == "power_of_attorney":
        source = _generated(
            typeset.power_of_attorney(
                power_of_attorney_context(case, sent_on=sent_on, draft=draft)
            ),
            lambda: rendering.render_power_of_attorney(case, sent_on=sent_on, draft=draft),
        )
        return _Prepared(anlage, source, True, False)
    if anlage.kind == "cv":
        person = anlage.person
        assert person is not None
        source = _generated(
            typeset.cv(cv_context(case, person, sent_on=sent_on, draft=draft)),
            lambda: rendering.render_cv(case, person, sent_on=sent_on, draft=draft),
        )
        return _Prepared(anlage, source, True, False)
    document = anlage.document
    assert document is not None
    if document.file is None:
        return _Prepared(anlage, None, True, True)
    data = files.get(document.file)
    if data is None:
        raise AttachmentError(document, _("the file is missing from the case."))
    return _open_upload(document, data, anlage)


def _open_upload(document: Document, data: bytes, anlage: _Anlage) -> _Prepared:
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        try:
            return _Prepared(anlage, open_pdf(data), False, True)
        except UnusablePdfError as error:
            raise AttachmentError(document, _PDF_PROBLEMS[error.reason]()) from error
    if looks_like_image(data):
        try:
            converted = image_page(data)
        except ImageConversionError as error:
            raise AttachmentError(document, _("the image cannot be read.")) from error
        if isinstance(converted, PlacedJpeg):
            return _Prepared(anlage, image_source(converted), True, True)
        return _Prepared(anlage, open_pdf(converted.pdf, trusted=True), True, True)
    raise AttachmentError(
        document,
        _(
            "it is neither a PDF nor an image. Please save or print it as a PDF and upload "
            "it again."
        ),
    )


_PDF_PROBLEMS: dict[str, Callable[[], str]] = {
    "encrypted": lambda: _("the PDF is protected with a password. Please upload it without one."),
    "damaged": lambda: _("the PDF is damaged and cannot be read completely."),
    "javascript": lambda: _("the PDF contains JavaScript."),
    "launch_action": lambda: _("the PDF contains an action that would start a program."),
    "empty": lambda: _("the PDF has no pages."),
}


# --------------------------------------------------------------------------------------------
# Building


def build_package(
    case: Case, report: Report, files: Mapping[str, bytes], options: PackageOptions
) -> Package:
    """Build the package; raises PackageRefused, AttachmentError or PackageError."""
    if not options.draft:
        check_final_allowed(case, report, counsellor_override=options.counsellor_override)
    if options.fax_cover and case.target != "hfk_nrw":
        raise PackageError(_("A fax cover sheet exists only for the Härtefallkommission NRW."))
    if options.split_mb is not None and _email_budget(options.split_mb) <= 0:
        raise PackageError(_("The e-mail size must be at least 1 MB."))
    anlagen = plan_anlagen(case, options)
    # Uploads first: a bad attachment is reported before anything is rendered.
    prepared_uploads = {
        anlage.number: _prepare(case, anlage, files, options)
        for anlage in anlagen
        if anlage.kind == "document"
    }
    refs = [
        AnlageRef(
            number=anlage.number,
            title=anlage.title,
            category=anlage.category,
            person=anlage.persons[0] if anlage.persons else None,
            document_id=anlage.document.id if anlage.document else None,
        )
        for anlage in anlagen
    ]
    letter = open_pdf(
        rendering.render_letter(
            case, report, anlagen=refs, sent_on=options.sent_on, draft=options.draft
        ).data,
        trusted=True,
    )
    prepared = [
        prepared_uploads.get(anlage.number) or _prepare(case, anlage, files, options)
        for anlage in anlagen
    ]
    layout = _layout(case, options, letter, prepared)
    metadata = _metadata(case, options)
    combined = bundle(layout.sections(options.draft), metadata)
    parts = layout.parts(combined)
    package = Package(
        parts=parts,
        pdf=combined.data,
        page_count=combined.page_count,
        draft=options.draft,
        filename=_file_name(case, options, None),
        notices=tuple(_notices(case, report, options, combined, prepared)),
    )
    if options.split_mb is not None:
        package = _split(case, options, layout, package, metadata)
    if options.per_file:
        package = _upload_export(case, options, layout, package, metadata)
    return package


@dataclass
class _Layout:
    """The order of the package's pages and the renders that depend on page numbers."""

    case: Case
    options: PackageOptions
    letter: SourcePdf
    prepared: list[_Prepared]
    index: SourcePdf
    fax_cover: SourcePdf | None

    def front(self) -> list[tuple[str, SourcePdf, str]]:
        items = []
        if self.fax_cover is not None:
            items.append(("fax_cover", self.fax_cover, "Telefax-Deckblatt"))
        items.append(("letter", self.letter, "Antrag"))
        items.append(("attachment_index", self.index, "Anlagenverzeichnis"))
        return items

    def sections(self, draft: bool, *, numbers: set[int] | None = None) -> list[Section]:
        sections = [
            Section(source, bookmark, nested_outline=kind == "letter")
            for kind, source, bookmark in self.front()
        ]
        for item in self.prepared:
            if item.source is None:
                continue
            if numbers is not None and item.anlage.number not in numbers:
                continue
            sections.append(_anlage_section(item, draft))
        return sections

    def parts(self, combined: Bundle) -> tuple[PackagePart, ...]:
        ranges = iter(combined.ranges)
        parts: list[PackagePart] = []
        titles = {
            "fax_cover": "Telefax-Deckblatt",
            "letter": betreff(self.case)[0],
            "attachment_index": "Anlagenverzeichnis",
        }
        for kind, _source, _bookmark in self.front():
            first, last = next(ranges)
            parts.append(
                PackagePart(
                    kind=kind,
                    title=titles[kind],
                    persons=tuple(person.id for person in self.case.persons),
                    person_names=tuple(full_name(person) for person in self.case.persons),
                    date_text=date_table(self.options.sent_on),
                    anlage=None,
                    document_id=None,
                    first_page=first,
                    last_page=last,
                    shrunk_pages=_within(combined.shrunk_pages, first, last),
                )
            )
        for item in self.prepared:
            anlage = item.anlage
            first_page: int | None = None
            last_page: int | None = None
            if item.source is not None:
                first_page, last_page = next(ranges)
            parts.append(
                PackagePart(
                    kind=anlage.kind,
                    title=anlage.title,
                    persons=anlage.persons,
                    person_names=tuple(
                        full_name(self.case.person(person_id)) for person_id in anlage.persons
                    ),
                    date_text=date_table(anlage.date_value) or None,
                    anlage=anlage.number,
                    document_id=anlage.document.id if anlage.document else None,
                    first_page=first_page,
                    last_page=last_page,
                    to_follow=item.source is None,
                    shrunk_pages=(
                        _within(combined.shrunk_pages, first_page, last_page)
                        if first_page is not None and last_page is not None
                        else ()
                    ),
                    size=item.source.size if item.source is not None else 0,
                )
            )
        return tuple(parts)


def _within(pages: Sequence[int], first: int, last: int) -> tuple[int, ...]:
    return tuple(page for page in pages if first <= page <= last)


def _anlage_section(item: _Prepared, draft: bool, pages: range | None = None) -> Section:
    anlage = item.anlage
    assert item.source is not None
    return Section(
        item.source,
        f"Anlage {anlage.number}: {anlage.title}",
        anlage=anlage.number,
        # Generated Anlagen carry the watermark of their own template.
        watermark=draft and item.uploaded,
        stamp_area_free=item.stamp_area_free,
        pages=pages,
    )


def _index_entries(
    case: Case,
    prepared: Sequence[_Prepared],
    first_anlage_page: int,
    parts_of: Mapping[int, int] | None = None,
    *,
    own_files: bool = False,
) -> list[IndexEntry]:
    entries = []
    page = first_anlage_page
    for item in prepared:
        anlage = item.anlage
        first: int | None = None
        last: int | None = None
        if item.source is not None:
            first, last = page, page + item.source.page_count - 1
            page = last + 1
        names = [full_name(case.person(person_id)) for person_id in anlage.persons]
        entries.append(
            IndexEntry(
                number=anlage.number,
                group_heading=anlage.group_heading,
                title=anlage.title,
                person_name=", ".join(names) or None,
                date_text=date_table(anlage.date_value) or None,
                first_page=first,
                last_page=last,
                to_follow=item.source is None,
                part=parts_of.get(anlage.number) if parts_of is not None else None,
                own_file=own_files,
            )
        )
    return entries


def _generated(
    drawn: typeset.DrawnDocument | None, render: Callable[[], rendering.RenderedPdf]
) -> SourcePdf:
    """A generated document as set by documents/typeset.py, or rendered from its template
    by WeasyPrint when the typesetter cannot set its text (other scripts, absurd lengths)."""
    if drawn is not None:
        return drawn_source(drawn)
    return open_pdf(render().data, trusted=True)


def _render_index(case: Case, entries: Sequence[IndexEntry], options: PackageOptions) -> SourcePdf:
    sent_on, draft = options.sent_on, options.draft
    return _generated(
        typeset.attachment_index(index_context(case, entries, sent_on=sent_on, draft=draft)),
        lambda: rendering.render_attachment_index(case, entries, sent_on=sent_on, draft=draft),
    )


# Page counts of generated parts depend on page numbers printed in them (index ranges, the
# fax cover's total); two rounds settle them, a third would mean they never settle.
_MAX_LAYOUT_ROUNDS = 3


def _layout(
    case: Case, options: PackageOptions, letter: SourcePdf, prepared: list[_Prepared]
) -> _Layout:
    anlage_pages = sum(item.source.page_count for item in prepared if item.source is not None)
    index_pages = _guess_index_pages(prepared)
    cover_pages = 1 if options.fax_cover else 0
    for _round in range(_MAX_LAYOUT_ROUNDS):
        first_anlage_page = cover_pages + letter.page_count + index_pages + 1
        index = _render_index(case, _index_entries(case, prepared, first_anlage_page), options)
        cover: SourcePdf | None = None
        if options.fax_cover:
            total = cover_pages + letter.page_count + index.page_count + anlage_pages
            cover = open_pdf(
                rendering.render_fax_cover(
                    case, total_pages=total, sent_on=options.sent_on, draft=options.draft
                ).data,
                trusted=True,
            )
        if index.page_count == index_pages and (cover is None or cover.page_count == cover_pages):
            return _Layout(case, options, letter, prepared, index, cover)
        index_pages = index.page_count
        cover_pages = cover.page_count if cover is not None else 0
    raise PackageError(_("The page numbers of the attachment index do not settle."))


# How many table rows the Anlagenverzeichnis holds (measured with its template): a group
# heading with its table head takes about three rows; page 1 also carries title and intro.
_INDEX_ROWS_FIRST_PAGE = 42
_INDEX_ROWS_PER_PAGE = 45
_INDEX_ROWS_PER_GROUP = 3
_INDEX_TITLE_CHARACTERS_PER_ROW = 60


def _guess_index_pages(prepared: Sequence[_Prepared]) -> int:
    """A first guess of the index's length, so that usually one render settles the page
    numbers; a wrong guess only costs a second render."""
    groups = len({item.anlage.group_heading for item in prepared})
    rows = groups * _INDEX_ROWS_PER_GROUP + sum(
        1 + len(item.anlage.title) // _INDEX_TITLE_CHARACTERS_PER_ROW for item in prepared
    )
    if rows <= _INDEX_ROWS_FIRST_PAGE:
        return 1
    return 1 + math.ceil((rows - _INDEX_ROWS_FIRST_PAGE) / _INDEX_ROWS_PER_PAGE)


def _metadata(case: Case, options: PackageOptions) -> BundleMetadata:
    applicant = case.principal
    title = betreff(case)[0].replace("\u00a0", " ")
    if applicant.surname:
        title = f"{title} – {applicant.surname}"
    # Stable for the same case, date and kind of build; reveals nothing (package.md § 12.1).
    digest = hashlib.sha256(
        repr((case, options.sent_on, options.draft, options.include_cv)).encode("utf-8")
    ).digest()[:16]
    return BundleMetadata(
        title=("ENTWURF – " if options.draft else "") + title,
        author=sender(case).name,
        subject="Antrag mit Anlagen",
        identifier=digest,
        created=options.sent_on,
    )


def _notices(
    case: Case,
    report: Report,
    options: PackageOptions,
    combined: Bundle,
    prepared: Sequence[_Prepared],
) -> list[str]:
    notices = []
    for item in prepared:
        person = item.anlage.person
        if item.anlage.kind != "cv" or person is None:
            continue
        for gap in find_cv_gaps(case, person):
            notices.append(
                _("The Lebenslauf of %(name)s has a gap of more than three months: %(period)s.")
                % {"name": full_name(person), "period": gap.german}
            )
    for stale in report.documents.stale:
        notices.append(_("Outdated document: %(reason)s") % {"reason": stale.reason_de})
    if combined.shrunk_pages:
        count = len(combined.shrunk_pages)
        notices.append(
            ngettext(
                "%(count)d attachment page was made slightly smaller so that its stamp "
                "does not cover anything.",
                "%(count)d attachment pages were made slightly smaller so that their stamps "
                "do not cover anything.",
                count,
            )
            % {"count": count}
        )
    if options.fax_cover and combined.page_count > _FAX_PAGE_WARNING:
        notices.append(
            _(
                "The fax would have %(count)d pages. For more than 30 pages, post or e-mail "
                "is more reliable."
            )
            % {"count": combined.page_count}
        )
    return notices


_FAX_PAGE_WARNING = 30


# --------------------------------------------------------------------------------------------
# File names (package.md § 2.2: ASCII, umlauts spelled out, spaces → "-", at most 60 chars)


def ascii_name(text: str, limit: int = 60, fallback: str = "Antrag") -> str:
    spelled = (
        text.replace("Ä", "Ae")
        .replace("Ö", "Oe")
        .replace("Ü", "Ue")
        .replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("ß", "ss")
    )
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    kept = "".join(char if char.isalnum() or char in "-_." else "-" for char in plain)
    while "--" in kept:
        kept = kept.replace("--", "-")
    return kept.strip("-")[:limit] or fallback


def _file_name(case: Case, options: PackageOptions, part: tuple[int, int] | None) -> str:
    kind = "Haertefallantrag" if case.target == "hfk_nrw" else "Antrag-25b"
    surname = ascii_name(case.principal.surname or case.principal.id)
    name = f"{options.sent_on.isoformat()}_{kind}_{surname}"
    if options.draft:
        name += "_ENTWURF"
    if part is not None:
        name += f"_Teil-{part[0]}-von-{part[1]}"
    return name + ".pdf"


# --------------------------------------------------------------------------------------------
# Upload export (package.md § 2.2): one stamped PDF per Anlage plus 00_Antrag, as a ZIP

# The nearest published federal limit is 20 files per application (BVA, ⚠).
_UPLOAD_FILES_MAX = 20
_FILE_NAME_MAX = 60
_SURNAME_MAX = 20


def _upload_export(
    case: Case,
    options: PackageOptions,
    layout: _Layout,
    package: Package,
    metadata: BundleMetadata,
) -> Package:
    surname = case.principal.surname or case.principal.id
    suffix = "_ENTWURF" if options.draft else ""
    index = _render_index(case, _index_entries(case, layout.prepared, 1, own_files=True), options)
    front = replace(layout, index=index)
    letter_sections = [
        Section(source, bookmark, nested_outline=kind == "letter")
        for kind, source, bookmark in front.front()
    ]
    files: list[tuple[UploadFile, bytes]] = []
    antrag = bundle(letter_sections, metadata)
    files.append(
        (
            UploadFile(
                filename=f"00_Antrag_{ascii_name(surname, _SURNAME_MAX)}{suffix}.pdf",
                anlage=None,
                title=metadata.title,
                group_heading=None,
                page_count=antrag.page_count,
                size=len(antrag.data),
            ),
            antrag.data,
        )
    )
    notices = list(package.notices)
    limit = int(options.per_file_max_mb * 1_048_576)
    for item in layout.prepared:
        if item.source is None:
            continue
        anlage = item.anlage
        data = _anlage_file(item, options, metadata, limit)
        if len(data) > limit:
            notices.append(
                _(
                    "Attachment %(number)d is larger than %(limit)s MB even with smaller "
                    "pictures. The portal may refuse it; upload it in several parts or as a "
                    "smaller scan."
                )
                % {"number": anlage.number, "limit": f"{options.per_file_max_mb:g}"}
            )
        files.append(
            (
                UploadFile(
                    filename=upload_file_name(anlage.number, anlage.title, surname, suffix),
                    anlage=anlage.number,
                    title=anlage.title,
                    group_heading=anlage.group_heading,
                    page_count=item.source.page_count,
                    size=len(data),
                ),
                data,
            )
        )
    if len(files) > _UPLOAD_FILES_MAX:
        notices.append(
            _(
                "The upload has %(count)d files. Portals often accept at most %(max)d; "
                "attachments of the same group can be combined into one file."
            )
            % {"count": len(files), "max": _UPLOAD_FILES_MAX}
        )
    return replace(
        package,
        per_file_zip=_zip(files, options.sent_on),
        per_file_details=tuple(detail for detail, _data in files),
        notices=tuple(notices),
    )


def _anlage_file(
    item: _Prepared, options: PackageOptions, metadata: BundleMetadata, limit: int
) -> bytes:
    """One Anlage as its own stamped PDF; its pictures recompressed when it is too large."""
    anlage = item.anlage
    file_metadata = replace(
        metadata,
        title=f"Anlage {anlage.number}: {anlage.title}",
        identifier=hashlib.sha256(
            (metadata.identifier or b"") + anlage.number.to_bytes(4, "big")
        ).digest()[:16],
    )
    data = bundle([_anlage_section(item, options.draft)], file_metadata).data
    if len(data) > limit and item.source is not None:
        smaller = recompress_images(item.source)
        if smaller is not item.source:
            data = bundle(
                [_anlage_section(replace(item, source=smaller), options.draft)], file_metadata
            ).data
    return data


def upload_file_name(number: int, title: str, surname: str, suffix: str = "") -> str:
    """Anlage-NN_<Kurztitel>_<Familienname>.pdf: ASCII, at most 60 characters, the title
    shortened at a word boundary where it must be (package.md § 2.2)."""
    head = f"Anlage-{number:02d}_"
    tail = f"_{ascii_name(surname, _SURNAME_MAX)}{suffix}.pdf"
    room = max(1, _FILE_NAME_MAX - len(head) - len(tail))
    short = ascii_name(title, 200, fallback="Anlage")
    if len(short) > room:
        cut = short.rfind("-", 0, room + 1)
        short = short[:cut] if cut >= room // 2 else short[:room]
    return f"{head}{short.strip('-_.') or 'Anlage'}{tail}"


def _zip(files: Sequence[tuple[UploadFile, bytes]], sent_on: date) -> bytes:
    out = io.BytesIO()
    # PDFs are compressed already; a fixed time stamp makes the same build the same ZIP.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for detail, data in files:
            entry = zipfile.ZipInfo(
                detail.filename, (sent_on.year, sent_on.month, sent_on.day, 0, 0, 0)
            )
            archive.writestr(entry, data)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# E-mail parts (package.md § 11)

# Base64 grows a file by 4/3 plus line breaks; headers and the body text need room too.
_BASE64_FACTOR = 1.37
_HEADER_ALLOWANCE = 65_536
# What a part adds besides its Anlagen: fonts of stamps, cover sheet, structure.
_PART_OVERHEAD = 96 * 1024


def _email_budget(split_mb: float) -> int:
    return math.floor(split_mb * 1_048_576 / _BASE64_FACTOR) - _HEADER_ALLOWANCE


@dataclass(frozen=True, slots=True)
class _Unit:
    """What goes into a part: an Anlage, or a page range of one that is too large."""

    item: _Prepared
    pages: range | None
    size: int

    @property
    def number(self) -> int:
        return self.item.anlage.number


def _split(
    case: Case,
    options: PackageOptions,
    layout: _Layout,
    package: Package,
    metadata: BundleMetadata,
) -> Package:
    assert options.split_mb is not None
    budget = _email_budget(options.split_mb)
    if len(package.pdf) <= budget:
        return replace(package, email_parts=[package.pdf], email_details=())
    front_size = sum(source.size for _kind, source, _bookmark in layout.front())
    # Tiny caps leave no room for the overhead; then half the budget is the best guess.
    room = budget - _PART_OVERHEAD if budget > 2 * _PART_OVERHEAD else budget // 2
    units = _units(layout.prepared, room)
    groups = _pack(units, room, front_size)
    for _attempt in range(len(units) + 1):
        files = _render_parts(case, options, layout, groups, metadata)
        too_large = next(
            (
                index
                for index, data in enumerate(files)
                if len(data) > budget and len(groups[index]) > (0 if index == 0 else 1)
            ),
            None,
        )
        if too_large is None:
            break
        # The estimate was short: move the part's last unit into the next part.
        moved = groups[too_large].pop()
        if too_large + 1 == len(groups):
            groups.append([])
        groups[too_large + 1].insert(0, moved)
    total = len(files)
    part_of: dict[int, int] = {}
    for number, group in enumerate(groups, start=1):
        for unit in group:
            part_of.setdefault(unit.number, number)
    details = tuple(
        _email_details(case, options, number, total, groups, files[number - 1])
        for number in range(1, total + 1)
    )
    parts = tuple(
        replace(part, email_part=part_of.get(part.anlage, 1) if part.anlage else 1)
        for part in package.parts
    )
    return replace(package, parts=parts, email_parts=files, email_details=details)


def _units(prepared: Sequence[_Prepared], room: int) -> list[_Unit]:
    units: list[_Unit] = []
    for item in prepared:
        source = item.source
        if source is None:
            continue
        if source.size <= room:
            units.append(_Unit(item, None, source.size))
            continue
        # Too large alone: first recompress its pictures, then cut it into page ranges.
        smaller = recompress_images(source)
        item = replace(item, source=smaller)
        if smaller.size <= room:
            units.append(_Unit(item, None, smaller.size))
            continue
        page_sizes = estimated_page_sizes(smaller)
        start = 0
        size = 0
        for index, page_size in enumerate(page_sizes):
            if index > start and size + page_size > room:
                units.append(_Unit(item, range(start, index), size))
                start, size = index, 0
            size += page_size
        units.append(_Unit(item, range(start, len(page_sizes)), size))
        if units[-1].pages == range(len(page_sizes)):
            units[-1] = _Unit(item, None, size)
    return units


def _pack(units: Sequence[_Unit], room: int, front_size: int) -> list[list[_Unit]]:
    """Greedy in order, never reordered; part 1 starts with letter and index."""
    groups: list[list[_Unit]] = [[]]
    used = front_size
    for unit in units:
        # Part 1 is never empty (letter and index); a later part takes at least one unit.
        if used + unit.size > room and (groups[-1] or len(groups) == 1):
            groups.append([])
            used = 0
        groups[-1].append(unit)
        used += unit.size
    return groups


def _render_parts(
    case: Case,
    options: PackageOptions,
    layout: _Layout,
    groups: Sequence[Sequence[_Unit]],
    metadata: BundleMetadata,
) -> list[bytes]:
    total = len(groups)
    part_of: dict[int, int] = {}
    for number, group in enumerate(groups, start=1):
        for unit in group:
            part_of.setdefault(unit.number, number)
    index = _render_index(case, _index_entries(case, layout.prepared, 1, parts_of=part_of), options)
    files = []
    for number, group in enumerate(groups, start=1):
        sections: list[Section] = []
        if number == 1:
            front = replace(layout, index=index)
            sections = [
                Section(source, bookmark, nested_outline=kind == "letter")
                for kind, source, bookmark in front.front()
            ]
        else:
            numbers = [unit.number for unit in group]
            sheet = open_pdf(
                rendering.render_part_cover(
                    case,
                    part=number,
                    parts=total,
                    first_anlage=min(numbers),
                    last_anlage=max(numbers),
                    sent_on=options.sent_on,
                    draft=options.draft,
                ).data,
                trusted=True,
            )
            sections.append(Section(sheet, f"Teil {number} von {total}"))
        for unit in group:
            sections.append(_anlage_section(unit.item, options.draft, unit.pages))
        part_metadata = replace(
            metadata,
            title=f"{metadata.title} – Teil {number} von {total}",
            identifier=hashlib.sha256((metadata.identifier or b"") + bytes([number])).digest()[:16],
        )
        files.append(bundle(sections, part_metadata).data)
    return files


def _applicant_line(case: Case) -> str:
    applicant = case.principal
    if applicant.birth_date is None:
        return full_name(applicant)
    return f"{full_name(applicant)}, geb. {date_table(applicant.birth_date)},"


def _procedure_noun(case: Case) -> str:
    return "Härtefallantrag" if case.target == "hfk_nrw" else "Antrag nach § 25b AufenthG"


def _anlagen_range(group: Sequence[_Unit]) -> str:
    labels = []
    for unit in group:
        label = f"Anlage {unit.number}"
        if unit.pages is not None:
            whole = unit.item.source.page_count if unit.item.source else 0
            if len(unit.pages) == 1:
                label += f" (Seite {unit.pages.start + 1} von {whole})"
            else:
                label += f" (Seiten {unit.pages.start + 1}–{unit.pages.stop} von {whole})"
        labels.append(label)
    return ", ".join(labels)


def _email_details(
    case: Case,
    options: PackageOptions,
    number: int,
    total: int,
    groups: Sequence[Sequence[_Unit]],
    data: bytes,
) -> EmailPart:
    group = groups[number - 1]
    noun = _procedure_noun(case)
    subject = f"{noun} {_applicant_line(case).rstrip(',')} – Teil {number} von {total}"
    voice = sender(case)
    contents = _anlagen_range(group)
    if number == 1:
        intro = (
            f"anbei erhalten Sie den {noun} von {_applicant_line(case)} vom "
            f"{date_table(options.sent_on)}. Wegen der Dateigröße sende ich ihn in {total} "
            f"E-Mails. Dies ist Teil 1 von {total} mit dem Antragsschreiben, dem "
            "Anlagenverzeichnis" + (f" und diesen Anlagen: {contents}." if contents else ".")
        )
    else:
        intro = (
            f"anbei erhalten Sie Teil {number} von {total} zum {noun} von "
            f"{_applicant_line(case)} vom {date_table(options.sent_on)} mit diesen Anlagen: "
            f"{contents}."
        )
    body = f"Sehr geehrte Damen und Herren,\n\n{intro}\n\nMit freundlichen Grüßen\n{voice.name}\n"
    return EmailPart(
        number=number,
        total=total,
        filename=_file_name(case, options, (number, total)),
        subject=subject,
        body=body,
        anlagen=tuple(dict.fromkeys(unit.number for unit in group)),
        size=len(data),
    )
