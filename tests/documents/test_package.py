"""build_package on the realistic corpus cases, checked by the text and structure of the PDF."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from documents.package import (
    AttachmentError,
    Package,
    PackageError,
    PackageOptions,
    PackageRefused,
    build_package,
    upload_file_name,
)
from eligibility.engine import assess
from eligibility.facts import Case
from eligibility.report import Report
from haertefall.cases.casefiles import load_case
from tests.documents import pdfs

CASES = Path(__file__).resolve().parents[1] / "cases"
SENT_ON = date(2026, 11, 1)


def _load(slug: str) -> tuple[Case, Report, dict[str, bytes]]:
    loaded = load_case(CASES / f"{slug}.json")
    assert loaded.facts.reference_date is not None
    return loaded.facts, assess(loaded.facts, loaded.facts.reference_date), loaded.files


@pytest.fixture(scope="module")
def eze() -> tuple[Case, Report, dict[str, bytes]]:
    return _load("n01-eze-koeln-ready")


@pytest.fixture(scope="module")
def eze_final(eze: tuple[Case, Report, dict[str, bytes]]) -> Package:
    case, report, files = eze
    return build_package(case, report, files, PackageOptions(draft=False, sent_on=SENT_ON))


@pytest.fixture(scope="module")
def eze_texts(eze_final: Package) -> list[str]:
    return pdfs.page_texts(eze_final.pdf)


def _pages_text(first: int, last: int) -> str:
    count = last - first + 1
    return f"{count} (S. {first})" if count == 1 else f"{count} (S. {first}–{last})"


def test_the_package_has_letter_index_and_every_anlage_in_order(eze_final: Package) -> None:
    kinds = [part.kind for part in eze_final.parts]
    assert kinds[:2] == ["letter", "attachment_index"]
    numbers = [part.anlage for part in eze_final.parts if part.anlage is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    # Represented: the Vollmacht is Anlage 1 (here the signed upload), then the Lebenslauf.
    assert eze_final.parts[2].title.startswith("Vollmacht")
    assert eze_final.parts[3].kind == "cv"
    assert eze_final.parts[3].title == "Tabellarischer Lebenslauf Precious Eze"
    last = max(part.last_page or 0 for part in eze_final.parts)
    assert eze_final.page_count == last == len(PdfReader(io.BytesIO(eze_final.pdf)).pages)


def test_every_anlage_page_carries_its_stamp_and_the_index_its_page_range(
    eze_final: Package, eze_texts: list[str]
) -> None:
    index = next(part for part in eze_final.parts if part.kind == "attachment_index")
    assert index.first_page is not None and index.last_page is not None
    index_text = " ".join(eze_texts[index.first_page - 1 : index.last_page])
    stamped_pages: set[int] = set()
    for part in eze_final.anlagen:
        assert part.first_page is not None and part.last_page is not None
        assert _pages_text(part.first_page, part.last_page) in index_text, part.title
        count = part.last_page - part.first_page + 1
        for offset, page in enumerate(range(part.first_page, part.last_page + 1), start=1):
            assert f"Anlage {part.anlage} – Seite {offset}/{count}" in eze_texts[page - 1]
            stamped_pages.add(page)
    # No stamp anywhere else: not on the letter, not on the index.
    for number, text in enumerate(eze_texts, start=1):
        if number not in stamped_pages:
            assert " – Seite " not in text, number


def test_the_index_lists_every_title_verbatim(
    eze: tuple[Case, Report, dict[str, bytes]], eze_texts: list[str]
) -> None:
    case, _report, _files = eze
    text = " ".join(eze_texts[:6])
    for document in case.documents:
        assert document.title is not None
        # Titles may wrap inside their table cell; compare word by word.
        assert all(word in text for word in document.title.split()), document.title


def test_bookmarks_lead_to_the_letter_its_sections_the_index_and_each_anlage(
    eze_final: Package,
) -> None:
    marks = pdfs.outline(eze_final.pdf)
    top = [(title, page) for level, title, page in marks if level == 1]
    parts = {part.kind: part for part in eze_final.parts if part.anlage is None}
    assert top[:2] == [
        ("Antrag", parts["letter"].first_page),
        ("Anlagenverzeichnis", parts["attachment_index"].first_page),
    ]
    assert top[2:] == [
        (f"Anlage {part.anlage}: {part.title}", part.first_page) for part in eze_final.anlagen
    ]
    sections = [title for level, title, _page in marks if level == 2]
    assert any(title.startswith("1 ") and "Personen" in title for title in sections)
    assert any("Strafrechtliche" in title for title in sections)


def test_the_final_package_has_no_watermark_and_says_what_it_is(
    eze_final: Package, eze_texts: list[str]
) -> None:
    assert all("ENTWURF" not in text for text in eze_texts)
    reader = PdfReader(io.BytesIO(eze_final.pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Antrag auf Feststellung eines Härtefalls nach § 23a AufenthG – Eze"
    )
    assert reader.metadata.subject == "Antrag mit Anlagen"
    assert eze_final.filename == "2026-11-01_Haertefallantrag_Eze.pdf"


def test_a_draft_watermarks_every_page_including_the_attachments(
    eze: tuple[Case, Report, dict[str, bytes]],
) -> None:
    case, report, files = eze

    package = build_package(case, report, files, PackageOptions(draft=True, sent_on=SENT_ON))

    texts = pdfs.page_texts(package.pdf)
    assert all("ENTWURF" in text for text in texts)
    assert package.filename.endswith("_ENTWURF.pdf")


def test_the_final_package_is_refused_for_an_incomplete_case_listing_what_is_missing() -> None:
    case, report, files = _load("n11-diallo-gelsenkirchen-unterlagen-fehlen")

    with pytest.raises(PackageRefused) as refused:
        build_package(case, report, files, PackageOptions(draft=False, sent_on=SENT_ON))

    items = " ".join(refused.value.items)
    assert "Kindergartenbescheinigung" in items
    assert "gerichtliche Entscheidung" in items
    assert all(item in str(refused.value) for item in refused.value.items)


def test_an_incomplete_case_still_builds_as_a_draft_with_documents_to_follow() -> None:
    case, report, files = _load("n11-diallo-gelsenkirchen-unterlagen-fehlen")

    package = build_package(case, report, files, PackageOptions(draft=True, sent_on=SENT_ON))

    to_follow = [part for part in package.anlagen if part.to_follow]
    assert {part.document_id for part in to_follow} == {
        d.id for d in case.documents if d.file is None
    }
    assert all(part.first_page is None for part in to_follow)
    text = " ".join(pdfs.page_texts(package.pdf))
    for part in to_follow:
        assert f"Anlage {part.anlage} – Seite" not in text


def test_an_untranslated_story_blocks_the_final_package_naming_the_part() -> None:
    case, report, files = _load("n06-al-jubouri-dortmund-erzaehlung-arabisch")

    with pytest.raises(PackageRefused) as refused:
        build_package(case, report, files, PackageOptions(draft=False, sent_on=SENT_ON))

    assert refused.value.items == ("Lebensgeschichte",)


def test_a_case_the_commission_will_not_take_up_needs_the_counsellors_override() -> None:
    case, report, files = _load("n02-mehmedovic-dortmund-abschiebungstermin")
    assert report.overall == "not_admissible"
    options = PackageOptions(draft=False, sent_on=SENT_ON)

    with pytest.raises(PackageRefused):
        build_package(case, report, files, options)
    package = build_package(case, report, files, replace(options, counsellor_override=True))

    assert package.page_count > 3


@pytest.mark.parametrize(
    ("title", "damage", "problem"),
    [
        ("Bescheid des BAMF vom 10.05.2023", lambda _data: pdfs.encrypted_pdf(), "password"),
        ("Bescheid des BAMF vom 10.05.2023", lambda data: data[: len(data) // 2], "damaged"),
        ("Duldung (Kopie)", lambda data: data[:200], "cannot be read"),
    ],
    ids=["encrypted-pdf", "damaged-pdf", "truncated-image"],
)
def test_a_bad_attachment_fails_the_build_naming_the_document(
    eze: tuple[Case, Report, dict[str, bytes]], title: str, damage: object, problem: str
) -> None:
    case, report, files = eze
    victim = next(d for d in case.documents if d.title == title)
    assert victim.file is not None
    broken = dict(files)
    broken[victim.file] = damage(files[victim.file])  # type: ignore[operator]

    # The messages are interface text; English, whatever language is active by default.
    with translation.override("en"), pytest.raises(AttachmentError) as failed:
        build_package(case, report, broken, PackageOptions(draft=True, sent_on=SENT_ON))

    assert failed.value.document_id == victim.id
    assert victim.id in str(failed.value)
    assert title in str(failed.value)
    assert problem in str(failed.value)


def test_a_word_file_fails_the_build_naming_the_document() -> None:
    case, report, files = _load("n12-warsame-bonn-docx-anlage")

    with pytest.raises(AttachmentError) as failed:
        build_package(case, report, files, PackageOptions(draft=True, sent_on=SENT_ON))

    assert "Word" in failed.value.title
    assert "PDF" in failed.value.problem


def test_a_25b_package_goes_to_hannover_with_a_cv_per_adult() -> None:
    case, report, files = _load("h01-rahimi-familie-eligible")

    package = build_package(case, report, files, PackageOptions(draft=False, sent_on=SENT_ON))

    cvs = [part for part in package.parts if part.kind == "cv"]
    adults = [p for p in case.persons if p.role in ("applicant", "spouse")]
    assert len(cvs) == len(adults)
    assert "32.33 Willkommensservice" in pdfs.page_texts(package.pdf)[0]
    assert package.filename == "2026-11-01_Antrag-25b_Rahimi.pdf"


def test_a_fax_cover_counts_every_page_including_itself(
    eze: tuple[Case, Report, dict[str, bytes]],
) -> None:
    case, report, files = eze

    package = build_package(
        case, report, files, PackageOptions(draft=False, sent_on=SENT_ON, fax_cover=True)
    )

    assert package.parts[0].kind == "fax_cover"
    first = pdfs.page_texts(package.pdf)[0]
    assert "Telefax" in first
    assert "0211 837-2200" in first
    assert str(package.page_count) in first
    assert pdfs.outline(package.pdf)[0] == (1, "Telefax-Deckblatt", 1)


def test_a_fax_cover_for_hannover_is_refused() -> None:
    case, report, files = _load("h01-rahimi-familie-eligible")

    with pytest.raises(PackageError):
        build_package(
            case, report, files, PackageOptions(draft=True, sent_on=SENT_ON, fax_cover=True)
        )


# --------------------------------------------------------------------------------------------
# E-mail parts (package.md § 11)


def _with_big_scans(
    case: Case, files: dict[str, bytes], count: int, size: tuple[int, int] = (827, 1170)
) -> dict[str, bytes]:
    """The same case with its first `count` PDF attachments replaced by noisy scans of about
    0.45 MB each, so that one Anlage fills most of a 1 MB e-mail."""
    bigger = dict(files)
    replaced = 0
    for index, document in enumerate(case.documents):
        if document.file is None or not document.file.endswith(".pdf") or replaced == count:
            continue
        bigger[document.file] = pdfs.noisy_jpeg(size, seed=index, quality=60)
        replaced += 1
    return bigger


def _stamped_anlagen(data: bytes) -> list[int]:
    numbers = []
    for text in pdfs.page_texts(data):
        if "Anlage " in text and " – Seite " in text:
            numbers.append(int(text.split("Anlage ")[-1].split(" ")[0]))
    return numbers


def test_split_parts_stay_under_the_cap_and_never_cut_an_anlage(
    eze: tuple[Case, Report, dict[str, bytes]],
) -> None:
    case, report, files = eze
    bigger = _with_big_scans(case, files, 5)

    package = build_package(
        case, report, bigger, PackageOptions(draft=False, sent_on=SENT_ON, split_mb=1)
    )

    assert len(package.email_parts) >= 3
    assert len(package.email_details) == len(package.email_parts)
    seen: dict[int, int] = {}
    for number, (detail, data) in enumerate(
        zip(package.email_details, package.email_parts, strict=True), start=1
    ):
        assert len(data) < 1_048_576
        assert len(data) <= 1_048_576 / 1.37 - 65_536
        assert detail.subject.endswith(f"Teil {number} von {len(package.email_parts)}")
        assert detail.filename == (
            f"2026-11-01_Haertefallantrag_Eze_Teil-{number}-von-{len(package.email_parts)}.pdf"
        )
        texts = pdfs.page_texts(data)
        if number == 1:
            assert "Anlagenverzeichnis" in texts[0] + texts[-1] or any(
                "Anlagenverzeichnis" in text for text in texts
            )
        else:
            assert f"Teil {number} von {len(package.email_parts)}" in texts[0]
        for anlage in set(_stamped_anlagen(data)):
            assert seen.setdefault(anlage, number) == number, f"Anlage {anlage} split"
    # Every Anlage with pages is in exactly one part, in order.
    expected = [part.anlage for part in package.anlagen if part.anlage and not part.to_follow]
    assert sorted(seen) == expected
    assert [seen[n] for n in expected] == sorted(seen[n] for n in expected)
    # The index of part 1 names the part instead of the pages.
    part_one = " ".join(pdfs.page_texts(package.email_parts[0]))
    assert "(Teil 2)" in part_one


def test_a_package_that_fits_is_not_split(eze_final: Package) -> None:
    assert eze_final.email_parts == []
    assert eze_final.email_details == ()


def test_split_that_fits_gives_the_whole_pdf_without_part_labels(
    eze: tuple[Case, Report, dict[str, bytes]],
) -> None:
    case, report, files = eze

    package = build_package(
        case, report, files, PackageOptions(draft=False, sent_on=SENT_ON, split_mb=10)
    )

    assert package.email_parts == [package.pdf]
    assert "Teil 1" not in " ".join(pdfs.page_texts(package.pdf))


def test_an_anlage_larger_than_the_cap_is_split_by_pages_and_kept_together(
    eze: tuple[Case, Report, dict[str, bytes]],
) -> None:
    case, report, files = eze
    victim = next(d for d in case.documents if d.title == "Bescheid des BAMF vom 10.05.2023")
    assert victim.file is not None
    from documents.bundling import concatenate_pdfs
    from documents.images import image_to_pdf

    # Five pages of noise, about 0.45 MB each: no recompression makes them fit 1 MB.
    pages = [
        image_to_pdf(pdfs.noisy_jpeg((827, 1170), seed=seed, quality=60)).pdf for seed in range(5)
    ]
    bigger = dict(files)
    bigger[victim.file] = concatenate_pdfs(pages)

    package = build_package(
        case, report, bigger, PackageOptions(draft=False, sent_on=SENT_ON, split_mb=1)
    )

    number = next(part.anlage for part in package.anlagen if part.document_id == victim.id)
    holders = [
        index for index, data in enumerate(package.email_parts) if number in _stamped_anlagen(data)
    ]
    assert len(holders) >= 2
    assert holders == list(range(holders[0], holders[-1] + 1))
    assert all(len(data) < 1_048_576 for data in package.email_parts)
    described = [detail.body for detail in package.email_details if number in detail.anlagen]
    assert any(f"Anlage {number} (Seite" in body for body in described)


# --------------------------------------------------------------------------------------------
# Upload export (package.md § 2.2)


@pytest.fixture(scope="module")
def hannover_upload() -> Package:
    case, report, files = _load("h01-rahimi-familie-eligible")
    return build_package(
        case, report, files, PackageOptions(draft=False, sent_on=SENT_ON, per_file=True)
    )


def test_the_upload_export_is_one_stamped_pdf_per_anlage_and_the_antrag(
    hannover_upload: Package,
) -> None:
    assert hannover_upload.per_file_zip is not None
    archive = zipfile.ZipFile(io.BytesIO(hannover_upload.per_file_zip))
    names = archive.namelist()
    with_files = [part for part in hannover_upload.anlagen if not part.to_follow]
    assert names[0] == "00_Antrag_Rahimi.pdf"
    assert len(names) == len(with_files) + 1
    assert [d.filename for d in hannover_upload.per_file_details] == names
    for name, part in zip(names[1:], with_files, strict=True):
        assert re.fullmatch(rf"Anlage-{part.anlage:02d}_[A-Za-z0-9.-]+_Rahimi\.pdf", name), name
        assert len(name) <= 60 and name.isascii()
        texts = pdfs.page_texts(archive.read(name))
        assert len(texts) == part.page_count
        for page, text in enumerate(texts, start=1):
            assert f"Anlage {part.anlage} – Seite {page}/{len(texts)}" in text
        assert pdfs.outline(archive.read(name))[0][1] == f"Anlage {part.anlage}: {part.title}"


def test_the_antrag_of_the_upload_lists_page_counts_instead_of_page_numbers(
    hannover_upload: Package,
) -> None:
    assert hannover_upload.per_file_zip is not None
    archive = zipfile.ZipFile(io.BytesIO(hannover_upload.per_file_zip))
    antrag = archive.read("00_Antrag_Rahimi.pdf")
    texts = pdfs.page_texts(antrag)
    index = " ".join(text for text in texts if "Anlagenverzeichnis" in text)
    assert "32.33 Willkommensservice" in texts[0]
    assert "Übersicht der Voraussetzungen" in " ".join(texts)
    assert "(S." not in index
    assert all("Anlage 1 – Seite" not in text for text in texts)
    # The whole package still carries page numbers; only the export leaves them out.
    assert "(S." in " ".join(pdfs.page_texts(hannover_upload.pdf))


def test_without_the_option_there_is_no_upload_export(eze_final: Package) -> None:
    assert eze_final.per_file_zip is None
    assert eze_final.per_file_details == ()


def test_upload_file_names_are_ascii_and_short() -> None:
    name = upload_file_name(
        7, "Übersetzung der Geburtsurkunde für Straßenverkehrsamt Köln", "Öztürk"
    )

    assert name.startswith("Anlage-07_Uebersetzung-der-Geburtsurkunde")
    assert name.endswith("_Oeztuerk.pdf")
    assert len(name) <= 60 and name.isascii()
    # Cut at a word boundary, never in the middle of a word.
    assert not name.removesuffix("_Oeztuerk.pdf").endswith(("-", "Strassenverkehrsa"))
    assert upload_file_name(3, "   ", "Eze") == "Anlage-03_Anlage_Eze.pdf"


def test_an_anlage_too_large_for_one_upload_file_is_named_in_a_notice(
    eze: tuple[Case, Report, dict[str, bytes]],
) -> None:
    case, report, files = eze
    options = PackageOptions(draft=True, sent_on=SENT_ON, per_file=True, per_file_max_mb=0.02)

    with translation.override("en"):
        package = build_package(case, report, files, options)

    large = [d for d in package.per_file_details if d.anlage and d.size > 0.02 * 1_048_576]
    assert large
    notices = " ".join(package.notices)
    for detail in large:
        assert f"Attachment {detail.anlage} is larger than 0.02 MB" in notices
    assert all("_ENTWURF.pdf" in d.filename for d in package.per_file_details)
