"""The Anlagenverzeichnis, Lebenslauf and Vollmacht set by documents/typeset.py: their text,
their pages, and that they sit where WeasyPrint puts the same templates."""

from __future__ import annotations

import io
import json
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from pypdf import PdfReader

from documents import bundling, typeset
from documents.context import (
    IndexEntry,
    cv_context,
    index_context,
    power_of_attorney_context,
)
from documents.rendering import render_attachment_index, render_cv, render_power_of_attorney
from eligibility.facts import Case, parse_case
from tests.documents import pdfs

CASES = Path(__file__).resolve().parent.parent / "cases"
SENT_ON = date(2026, 11, 26)
RIGHT_MARGIN_X = (210 - 20) * 72 / 25.4


def load(stem: str) -> Case:
    path = next(p for p in CASES.glob(f"{stem}*.json") if not p.name.endswith(".expected.json"))
    return parse_case(json.loads(path.read_text(encoding="utf-8")))


def text_of(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8").replace("\u00a0", " ")


def flat(text: str) -> str:
    return " ".join(re.sub(r"-\n\s*(?=[a-zäöüß])", "", text).split())


def drawn(document: typeset.DrawnDocument | None) -> bytes:
    assert document is not None, "the typesetter declined"
    return bundling.drawn_pdf(document)


def entries(count: int, *, title: str = "Gehaltsabrechnung") -> list[IndexEntry]:
    groups = ["Identität und Aufenthaltsstatus", "Arbeit, Ausbildung und Lebensunterhalt"]
    result = []
    page = 5
    for number in range(1, count + 1):
        pages = 1 + number % 3
        result.append(
            IndexEntry(
                number,
                groups[0] if number <= count // 3 else groups[1],
                f"{title} {number}",
                "Precious Eze",
                "01.10.2026",
                page,
                page + pages - 1,
                False,
            )
        )
        page += pages
    return result


# --------------------------------------------------------------------------------------------
# Anlagenverzeichnis


def test_the_index_lists_every_entry_with_its_page_range() -> None:
    case = load("n01-eze")
    rows = [
        IndexEntry(
            1, "Vollmacht", "Vollmacht für Frau Hoffmann (Caritas)", None, "20.10.2026", 4, 4, False
        ),
        IndexEntry(
            3,
            "Identität und Aufenthaltsstatus",
            "Duldung (Kopie)",
            "Precious Eze",
            "20.07.2026",
            6,
            8,
            False,
        ),
        IndexEntry(4, "Gesundheit", "Ärztliches Attest", "Precious Eze", None, None, None, True),
    ]

    pdf = drawn(typeset.attachment_index(index_context(case, rows, sent_on=SENT_ON, draft=False)))

    text = flat(text_of(pdf))
    assert "Anlagenverzeichnis" in text
    assert "zum Antrag von Precious Eze vom 26.11.2026" in text
    assert "1 Vollmacht für Frau Hoffmann (Caritas) – 20.10.2026 1 (S. 4)" in text
    assert "3 Duldung (Kopie) Precious Eze 20.07.2026 3 (S. 6–8)" in text
    assert "4 Ärztliches Attest (nachzureichen) Precious Eze – –" in text
    assert "Seite 1 von 1" in text
    # The same text with pypdf, which reads the content stream in order.
    assert "Anlagenverzeichnis" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_columns_line_up_across_groups() -> None:
    case = load("n01-eze")
    pdf = drawn(
        typeset.attachment_index(index_context(case, entries(6), sent_on=SENT_ON, draft=False))
    )

    _size, words = pdfs.page_words(pdf, 1)
    for heading in ("Person", "Datum", "Seiten"):
        columns = {round(word.x0, 1) for word in words if word.text == heading}
        assert len(columns) == 1, heading
    assert sum(word.text == "Person" for word in words) == 2


def test_a_long_index_breaks_between_rows_and_repeats_the_head_on_every_page() -> None:
    case = load("n01-eze")
    many = entries(120)

    pdf = drawn(typeset.attachment_index(index_context(case, many, sent_on=SENT_ON, draft=False)))

    pages = text_of(pdf).split("\f")[:-1]
    assert len(pages) >= 3
    numbers: list[int] = []
    for page_number, page in enumerate(pages, start=1):
        assert f"Seite {page_number} von {len(pages)}" in page
        lines = [line.split() for line in page.splitlines() if line.strip()]
        start = 2 if page_number == 1 else 0  # title and sub-line
        assert lines[start][0].rstrip(",") in ("Identität", "Arbeit", "Anlage")
        assert any(line[:2] == ["Anlage", "Bezeichnung"] for line in lines[:4])
        numbers += [int(line[0]) for line in lines if line[0].isdigit() and len(line) > 4]
    assert numbers == list(range(1, 121))
    # Nothing reaches into the right margin or below the footer line.
    for page_number in range(1, len(pages) + 1):
        size, words = pdfs.page_words(pdf, page_number)
        assert max(word.x1 for word in words) <= RIGHT_MARGIN_X + 0.5
        assert max(word.y1 for word in words) <= size[1] - 10 * 72 / 25.4


def test_an_overlong_title_wraps_inside_its_column() -> None:
    case = load("n01-eze")
    title = "Bescheinigung " * 12 + "Donaudampfschifffahrtsgesellschaftskapitänsmützenband" * 2
    rows = [replace(entry, title=title) for entry in entries(2)]

    pdf = drawn(typeset.attachment_index(index_context(case, rows, sent_on=SENT_ON, draft=False)))

    _size, words = pdfs.page_words(pdf, 1)
    person_column = next(word.x0 for word in words if word.text == "Person")
    title_words = [word for word in words if word.text.startswith(("Bescheinigung", "Donau"))]
    assert len({round(word.y0) for word in title_words}) > 3
    assert all(word.x1 <= person_column for word in title_words)


def test_text_in_another_script_is_left_to_weasyprint() -> None:
    case = load("n01-eze")
    rows = [replace(entry, title="شهادة الميلاد") for entry in entries(2)]
    context = index_context(case, rows, sent_on=SENT_ON, draft=False)

    assert typeset.attachment_index(context) is None
    fallback = render_attachment_index(case, rows, sent_on=SENT_ON, draft=False)
    assert "شهادة" in text_of(fallback.data) or "الميلاد" in text_of(fallback.data)


def test_the_index_sits_where_weasyprint_puts_it() -> None:
    case = load("n01-eze")
    rows = entries(4)
    ours = drawn(typeset.attachment_index(index_context(case, rows, sent_on=SENT_ON, draft=False)))
    theirs = render_attachment_index(case, rows, sent_on=SENT_ON, draft=False).data

    _assert_same_lines(ours, theirs, ["Anlagenverzeichnis", "zum", "Anlage", "1", "Seite"])


# --------------------------------------------------------------------------------------------
# Lebenslauf and Vollmacht


def test_the_cv_lists_personal_data_and_the_history_from_birth() -> None:
    case = load("n01-eze")
    context = cv_context(case, case.principal, sent_on=SENT_ON, draft=False)

    text = flat(text_of(drawn(typeset.cv(context))))

    for heading in (
        "Tabellarischer Lebenslauf",
        "Persönliche Daten",
        "Familienname Eze",
        "Lebenslauf",
        "Zeitraum Station",
        "Sprachkenntnisse",
        "Ort, Datum: Köln, ________________",
        "Unterschrift Precious Eze",
    ):
        assert heading in text
    assert text.find("Geburt in Lagos (Nigeria)") < text.find("Einreise nach Deutschland")
    assert "10.08.2022 Einreise nach Deutschland" in text
    assert "seit 21.03.2024 Duldung nach § 60a AufenthG, gültig bis 20.01.2027" in text
    assert "Lebenslauf Precious Eze – Seite 1 von 1" in text


def test_a_long_cv_numbers_its_pages_and_repeats_the_table_head() -> None:
    data = json.loads(next(CASES.glob("n01-eze*.json")).read_text(encoding="utf-8"))
    data["persons"][0]["employment"] *= 40
    case = parse_case(data)
    context = cv_context(case, case.principal, sent_on=SENT_ON, draft=False)

    pdf = drawn(typeset.cv(context))

    pages = text_of(pdf).split("\f")[:-1]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Lebenslauf Precious Eze – Seite {number} von {len(pages)}" in page
    assert all("Zeitraum" in page for page in pages[1:-1])
    assert "Unterschrift Precious Eze" in pages[-1]


def test_the_cv_sits_where_weasyprint_puts_it() -> None:
    case = load("n01-eze")
    context = cv_context(case, case.principal, sent_on=SENT_ON, draft=False)
    ours = drawn(typeset.cv(context))
    theirs = render_cv(case, case.principal, sent_on=SENT_ON, draft=False).data

    _assert_same_lines(
        ours,
        theirs,
        ["Tabellarischer", "Persönliche", "Familienname", "Zeitraum", "Sprachkenntnisse", "Ort,"],
    )


def test_the_vollmacht_names_grantor_representative_and_procedure() -> None:
    case = load("n01-eze")
    context = power_of_attorney_context(case, sent_on=SENT_ON, draft=False)

    pdf = drawn(typeset.power_of_attorney(context))

    text = flat(text_of(pdf))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "Vollmacht" in text
    assert "Precious Eze 14.06.1995" in text
    assert "Maria Hoffmann" in text
    assert (
        "Verfahren vor der Härtefallkommission des Landes Nordrhein-Westfalen nach § 23a AufenthG"
        in text
    )
    assert "jederzeit widerrufen" in text
    assert "Seite 1 von 1" in text
    _size, words = pdfs.page_words(pdf, 1)
    assert max(word.x1 for word in words) <= RIGHT_MARGIN_X + 0.5


def test_the_vollmacht_sits_where_weasyprint_puts_it() -> None:
    case = load("n01-eze")
    ours = drawn(
        typeset.power_of_attorney(power_of_attorney_context(case, sent_on=SENT_ON, draft=False))
    )
    theirs = render_power_of_attorney(case, sent_on=SENT_ON, draft=False).data

    _assert_same_lines(
        ours, theirs, ["Vollmacht", "Vollmachtgeber/in", "Name", "Bevollmächtigte/r", "Ort,"]
    )


def _assert_same_lines(ours: bytes, theirs: bytes, first_words: list[str]) -> None:
    """The first occurrence of each word starts at the same place (within half a point
    vertically; kerning moves words a little along the line)."""
    _size, our_words = pdfs.page_words(ours, 1)
    _size, their_words = pdfs.page_words(theirs, 1)
    for text in first_words:
        mine = next(word for word in our_words if word.text == text)
        reference = next(word for word in their_words if word.text == text)
        assert mine.y0 == pytest.approx(reference.y0, abs=0.5), text
        assert mine.x0 == pytest.approx(reference.x0, abs=1.0), text


# --------------------------------------------------------------------------------------------
# Drafts and the stamp area


@pytest.mark.parametrize("draft", [False, True])
def test_generated_documents_leave_the_stamp_area_blank_and_drafts_carry_the_watermark(
    draft: bool,
) -> None:
    case = load("n01-eze")
    documents = [
        typeset.cv(cv_context(case, case.principal, sent_on=SENT_ON, draft=draft)),
        typeset.power_of_attorney(power_of_attorney_context(case, sent_on=SENT_ON, draft=draft)),
        typeset.attachment_index(index_context(case, entries(80), sent_on=SENT_ON, draft=draft)),
    ]
    fallbacks = [
        render_cv(case, case.principal, sent_on=SENT_ON, draft=draft).data,
        render_power_of_attorney(case, sent_on=SENT_ON, draft=draft).data,
    ]
    for pdf in [drawn(document) for document in documents] + fallbacks:
        reader = PdfReader(io.BytesIO(pdf))
        marked = ["ENTWURF" in page.extract_text() for page in reader.pages]
        assert marked == [draft] * len(reader.pages)
        rendered = pdfium.PdfDocument(pdf)
        try:
            # The package stamps generated Anlagen without looking (stamp_area_free).
            assert not any(
                bundling._stamp_area_is_dark(rendered[index]) for index in range(len(rendered))
            )
        finally:
            rendered.close()


def test_german_words_are_hyphenated_at_the_line_end_like_the_templates_do() -> None:
    style = typeset._regular(typeset.BODY_SIZE)
    text = "Die oben genannte Person vertritt mich vor der Härtefallkommission des Landes."
    # Room for "Härtefall-" but not for the whole word.
    width = style.width("Die oben genannte Person vertritt mich vor der Härtefall-") + 2

    lines = typeset._wrap(text, style, width, hyphenate=True)

    assert lines[0].endswith(" der Härtefall-")
    assert lines[1].startswith("kommission")
    assert "".join(line.removesuffix("-") for line in lines).replace(" ", "") == text.replace(
        " ", ""
    )
    assert all(style.width(line) <= width for line in lines)
    # Tables are not hyphenated (hyphens: none): the word moves down whole.
    assert typeset._wrap(text, style, width)[1].startswith("Härtefallkommission")


def test_names_with_latin_extended_letters_are_set_and_searchable() -> None:
    case = load("n01-eze")
    rows = [
        replace(entry, title="Geburtsurkunde Mehmedović", person_name="Şahin Ağaoğlu")
        for entry in entries(2)
    ]

    pdf = drawn(typeset.attachment_index(index_context(case, rows, sent_on=SENT_ON, draft=False)))

    text = flat(text_of(pdf))
    assert "1 Geburtsurkunde Mehmedović Şahin Ağaoğlu 01.10.2026" in text
    # Arimo's Latin and Latin Extended files are two embedded fonts of one name.
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    assert fonts.stdout.decode().count("Arimo-Regular") == 2
