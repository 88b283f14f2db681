"""The letters of both targets, the Lebenslauf, the Vollmacht and the Anlagenverzeichnis, checked
by their text and by where DIN 5008 puts things on the first page."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from documents.context import (
    AnlageRef,
    IndexEntry,
    UntranslatedPartsError,
    anlage_sort_key,
    full_name,
)
from documents.rendering import (
    RenderedPdf,
    render_attachment_index,
    render_cv,
    render_letter,
    render_power_of_attorney,
)
from eligibility.engine import assess
from eligibility.facts import Case, parse_case
from eligibility.report import Report

CASES = Path(__file__).resolve().parent.parent / "cases"
SENT_ON = date(2026, 11, 26)
MM_PER_PT = 25.4 / 72

HFK_ADDRESS = [
    "Ministerium für Kinder, Jugend, Familie,",
    "Gleichstellung, Flucht und Integration",
    "des Landes Nordrhein-Westfalen",
    "Geschäftsstelle der Härtefallkommission",
    "Völklinger Straße 4",
    "40219 Düsseldorf",
]
HANNOVER_ADDRESS = [
    "Landeshauptstadt Hannover",
    "Ausländerbehörde",
    "32.33 Willkommensservice",
    "Am Schützenplatz 1",
    "30169 Hannover",
]


def load(stem: str) -> Case:
    path = next(p for p in CASES.glob(f"{stem}*.json") if not p.name.endswith(".expected.json"))
    return parse_case(json.loads(path.read_text(encoding="utf-8")))


def anlagen_of(case: Case) -> list[AnlageRef]:
    """The Anlagen as the bundler numbers them: Vollmacht first, then the evidence groups."""
    refs: list[AnlageRef] = []
    if case.representative is not None and not any(
        d.category == "power_of_attorney" for d in case.documents
    ):
        refs.append(AnlageRef(1, "Vollmacht", "power_of_attorney", None, None))
    for document in sorted(case.documents, key=lambda d: anlage_sort_key(case, d)):
        refs.append(
            AnlageRef(
                len(refs) + 1,
                document.title or "",
                document.category,
                document.person,
                document.id,
            )
        )
    return refs


def text_of(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8").replace("\u00a0", " ")


def flat(text: str) -> str:
    """Words separated by single spaces; words hyphenated at a line end joined again."""
    return " ".join(re.sub(r"-\n\s*(?=[a-zäöüß])", "", text).split())


def reading_text(pdf: bytes) -> str:
    """The text in reading order (no column layout), for checks of the order of sections."""
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8").replace("\u00a0", " ")


@dataclass(frozen=True)
class Line:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


class _BboxParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[Line] = []
        self._line: dict[str, float] | None = None
        self._words: list[str] = []
        self._in_word = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {
            key: float(value or 0)
            for key, value in attrs
            if key in ("xmin", "ymin", "xmax", "ymax")
        }
        if tag == "line":
            self._line, self._words = values, []
        elif tag == "word":
            self._in_word = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "word":
            self._in_word = False
        elif tag == "line" and self._line is not None:
            mm = {key: value * MM_PER_PT for key, value in self._line.items()}
            self.lines.append(
                Line(" ".join(self._words), mm["xmin"], mm["ymin"], mm["xmax"], mm["ymax"])
            )
            self._line = None

    def handle_data(self, data: str) -> None:
        if self._in_word:
            self._words.append(data)


def first_page_lines(pdf: bytes) -> list[Line]:
    """Every text line of page 1 with its box in millimetres from the top-left corner."""
    result = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    parser = _BboxParser()
    parser.feed(result.stdout.decode("utf-8"))
    return [
        Line(line.text.replace("\u00a0", " "), line.x_min, line.y_min, line.x_max, line.y_max)
        for line in parser.lines
    ]


def line_with(lines: list[Line], text: str) -> Line:
    matches = [line for line in lines if line.text == text]
    assert matches, f"{text!r} not on page 1: {[line.text for line in lines]}"
    return matches[0]


@dataclass(frozen=True)
class Rendered:
    case: Case
    report: Report
    pdf: RenderedPdf
    text: str


def _render(stem: str, *, draft: bool = False) -> Rendered:
    case = load(stem)
    assert case.reference_date is not None
    report = assess(case, case.reference_date)
    pdf = render_letter(case, report, anlagen=anlagen_of(case), sent_on=SENT_ON, draft=draft)
    return Rendered(case, report, pdf, text_of(pdf.data))


@pytest.fixture(scope="module")
def hfk() -> Rendered:
    return _render("n01-eze")


@pytest.fixture(scope="module")
def hannover() -> Rendered:
    return _render("h01-rahimi")


# --------------------------------------------------------------------------------------------
# DIN 5008 Form B positions on page 1 (package.md § 5.1)


@pytest.mark.parametrize(
    ("fixture", "address"), [("hfk", HFK_ADDRESS), ("hannover", HANNOVER_ADDRESS)]
)
def test_address_block_sits_in_the_window_of_form_b(
    fixture: str, address: list[str], request: pytest.FixtureRequest
) -> None:
    letter: Rendered = request.getfixturevalue(fixture)
    lines = first_page_lines(letter.pdf.data)
    boxes = [line_with(lines, text) for text in address]
    assert len(boxes) <= 6
    for box in boxes:
        # text starts 5 mm inside the window, which begins 20 mm from the left edge
        assert box.x_min == pytest.approx(25.0, abs=1.0)
        assert box.x_max - box.x_min <= 80.0, box.text  # measured with the embedded font
    # Anschriftzone 62.7–90 mm, below the 17.7 mm Zusatz- und Vermerkzone that starts at 45 mm
    assert boxes[0].y_min == pytest.approx(62.7, abs=1.0)
    assert boxes[-1].y_max <= 90.0
    ruecksende = next(line for line in lines if " · " in line.text)
    assert ruecksende.y_min >= 45.0 and ruecksende.y_max <= 62.7 + 1.0
    assert ruecksende.x_min == pytest.approx(25.0, abs=1.0)
    assert ruecksende.x_max <= 105.0 + 1.0  # inside the 80 mm window width


def test_information_block_and_betreff_follow_din_positions(hfk: Rendered) -> None:
    lines = first_page_lines(hfk.pdf.data)
    name = next(line for line in lines if line.text.startswith("Name "))
    assert name.x_min == pytest.approx(125.0, abs=1.0)
    assert name.y_min >= 50.0 - 1.0
    date_line = line_with(lines, "Datum 26.11.2026")
    assert date_line.x_min == pytest.approx(125.0, abs=1.0)
    betreff = next(line for line in lines if line.text.startswith("Antrag auf Feststellung"))
    assert betreff.y_min == pytest.approx(98.46, abs=1.5)
    assert betreff.x_min == pytest.approx(25.0, abs=1.0)


# --------------------------------------------------------------------------------------------
# § 23a letter (package.md § 3.1)


def test_hfk_letter_betreff_names_procedure_persons_and_authority(hfk: Rendered) -> None:
    text = flat(hfk.text)
    assert "Antrag auf Feststellung eines Härtefalls nach § 23a AufenthG" in text
    assert "Precious Eze (geb. 14.06.1995)" in text
    assert "Zuständige Ausländerbehörde: Stadt Köln, Ausländeramt, Az. 320/4-EZ-2022-118" in text
    assert "Betreff" not in text


def test_hfk_letter_has_every_section_of_the_outline_in_order(hfk: Rendered) -> None:
    headings = [
        "1 Personen, für die der Antrag gestellt wird",
        "2 Einreise und aufenthaltsrechtliche Situation",
        "3 Lebensgeschichte",
        "4 Aktuelle Lebenssituation",
        "5 Familiäre Bindungen in Deutschland und im Herkunftsland",
        "6 Integrationsleistungen",
        "6.1 Sprache",
        "6.2 Arbeit und Lebensunterhalt",
        "7 Dringende humanitäre und persönliche Gründe",
        "8 Strafrechtliche Angaben",
        "9 Antrag",
        "Mit freundlichen Grüßen",
        "Anlagen\ngemäß Anlagenverzeichnis",
    ]
    text = reading_text(hfk.pdf.data)
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions, dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)
    assert "Sehr geehrte Damen und Herren," in text
    assert f"gemäß Anlagenverzeichnis ({len(anlagen_of(hfk.case))} Anlagen)" in text


def test_hfk_letter_speaks_for_the_applicant_through_the_representative(hfk: Rendered) -> None:
    text = flat(hfk.text)
    assert "vertreten durch Maria Hoffmann" in text
    assert "(Vollmacht: Anlage 1)" in text
    assert "Maria Hoffmann (Bevollmächtigte/r)" in text
    # nothing promises protection from deportation (package.md § 13.1)
    assert "Abschiebungsschutz" not in text


def test_hfk_letter_person_table_has_the_fields_the_commission_asks_for(hfk: Rendered) -> None:
    text = flat(hfk.text)
    for heading in (
        "Familienname",
        "Vorname(n)",
        "Geburtsdatum",
        "Geburtsort",
        "Staatsangehörigkeit",
        "Anschrift",
    ):
        assert heading in text
    assert "Lagos (Nigeria)" in flat(reading_text(hfk.pdf.data))
    assert "nigerianisch" in text


def test_hfk_letter_names_every_person_of_a_family() -> None:
    letter = _render("n02-mehmedovic")
    text = flat(letter.text)
    for person in letter.case.persons:
        assert person.surname and person.given_names
        assert person.given_names in text
    assert f"Familie {letter.case.principal.surname}" in text


def test_every_letter_page_is_numbered(hfk: Rendered) -> None:
    pages = hfk.text.split("\f")[:-1]
    assert len(pages) == hfk.pdf.page_count
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {hfk.pdf.page_count}" in page


def test_the_final_letter_has_no_watermark_and_the_draft_has_one(hfk: Rendered) -> None:
    import io

    from pypdf import PdfReader

    draft = _render("n01-eze", draft=True)
    draft_pages = PdfReader(io.BytesIO(draft.pdf.data)).pages
    assert all("ENTWURF" in page.extract_text() for page in draft_pages)
    final_pages = PdfReader(io.BytesIO(hfk.pdf.data)).pages
    assert not any("ENTWURF" in page.extract_text() for page in final_pages)


def test_an_untranslated_part_blocks_the_final_letter_and_names_the_part() -> None:
    with pytest.raises(UntranslatedPartsError, match="Lebensgeschichte"):
        _render("n06-al-jubouri")
    draft = _render("n06-al-jubouri", draft=True)
    assert "Deutsche Übersetzung fehlt" in flat(draft.text)


# --------------------------------------------------------------------------------------------
# § 25b letter (package.md § 3.2)


def test_25b_letter_betreff_info_block_and_persons(hannover: Rendered) -> None:
    text = flat(hannover.text)
    assert "Antrag auf Erteilung einer Aufenthaltserlaubnis nach § 25b AufenthG" in text
    for person in hannover.case.persons:
        assert full_name(person) in text
    assert "Ihr Zeichen 32.33-RA-2018-0412" in text
    assert "aktueller Status" in text


def test_25b_letter_has_every_prerequisite_topic_and_section(hannover: Rendered) -> None:
    text = flat(hannover.text)
    for heading in (
        "1 Personen",
        "2 Voraussetzungen",
        "2.1 Aufenthaltsstatus",
        "2.2 Aufenthaltsdauer",
        "2.3 Bekenntnis und Grundkenntnisse",
        "2.4 Sicherung des Lebensunterhalts",
        "2.5 Deutschkenntnisse",
        "2.6 Schulbesuch der Kinder",
        "2.7 Pass und Identität",
        "2.8 Keine Versagungsgründe",
        "3 Besondere Integrationsleistungen",
        "4 Gebühren",
        "5 Erklärungen",
        "6 Schluss",
    ):
        assert heading in text, heading
    assert "300,00 €" in text


def test_25b_prerequisites_cite_the_evidence_by_anlage_number(hannover: Rendered) -> None:
    refs = anlagen_of(hannover.case)
    language = next(r for r in refs if r.category == "language_certificate" and r.person == "p1")
    text = flat(hannover.text)
    section = text[text.find("2.5 Deutschkenntnisse") : text.find("2.6 Schulbesuch")]
    assert f"(Anlage {language.number})" in section


def test_25b_overview_starts_a_new_page_and_lists_every_requirement(hannover: Rendered) -> None:
    pages = hannover.text.split("\f")[:-1]
    overview_pages = [i for i, page in enumerate(pages) if "Übersicht der Voraussetzungen" in page]
    assert overview_pages
    first = overview_pages[0]
    assert pages[first].lstrip().startswith("Übersicht der Voraussetzungen und Nachweise")
    overview = flat(" ".join(pages[first:]))
    rows = re.findall(r"\b(erfüllt|Ausnahme|offen)\b", overview)
    assert len(rows) == len(hannover.report.requirements)


def test_25b_overview_shows_open_requirements_as_offen() -> None:
    letter = _render("h17-beridze")
    open_findings = [f for f in letter.report.requirements if not f.outcome.fulfilled]
    assert open_findings
    pages = letter.text.split("\f")
    overview = flat(
        " ".join(p for p in pages if "Übersicht der Voraussetzungen" in p or "offen" in p)
    )
    assert overview.count(" offen ") >= len(open_findings)


# --------------------------------------------------------------------------------------------
# Lebenslauf, Vollmacht, Anlagenverzeichnis


def test_cv_lists_personal_data_and_the_history_from_birth() -> None:
    case = load("n01-eze")
    pdf = render_cv(case, case.principal, sent_on=SENT_ON, draft=False)
    text = flat(text_of(pdf.data))
    for heading in (
        "Tabellarischer Lebenslauf",
        "Persönliche Daten",
        "Lebenslauf",
        "Sprachkenntnisse",
        "Unterschrift Precious Eze",
    ):
        assert heading in text
    assert text.find("Geburt in Lagos (Nigeria)") < text.find("Einreise nach Deutschland")
    assert "10.08.2022 Einreise nach Deutschland" in text
    assert "seit 21.03.2024 Duldung nach § 60a AufenthG, gültig bis 20.01.2027" in text
    assert "Lebenslauf Precious Eze – Seite 1 von 1" in text


def test_vollmacht_names_grantor_representative_and_procedure() -> None:
    case = load("n01-eze")
    pdf = render_power_of_attorney(case, sent_on=SENT_ON, draft=False)
    text = flat(text_of(pdf.data))
    assert pdf.page_count == 1
    assert "Vollmacht" in text
    assert "Precious Eze 14.06.1995" in text
    assert "Maria Hoffmann" in text
    assert (
        "Verfahren vor der Härtefallkommission des Landes Nordrhein-Westfalen nach § 23a AufenthG"
        in text
    )
    assert "jederzeit widerrufen" in text


def test_attachment_index_lists_every_entry_with_its_page_range() -> None:
    case = load("n01-eze")
    entries = [
        IndexEntry(
            1, "Vollmacht", "Vollmacht für Frau Hoffmann (Caritas)", None, "20.10.2026", 4, 4, False
        ),
        IndexEntry(
            2,
            "Tabellarischer Lebenslauf",
            "Tabellarischer Lebenslauf Precious Eze",
            "Precious Eze",
            "26.11.2026",
            5,
            5,
            False,
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
    first = render_attachment_index(case, entries, sent_on=SENT_ON, draft=False)
    second = render_attachment_index(case, entries, sent_on=SENT_ON, draft=False)
    assert first.page_count == second.page_count == 1
    text = flat(text_of(first.data))
    assert text == flat(text_of(second.data))
    assert "Anlagenverzeichnis" in text
    assert "zum Antrag von Precious Eze vom 26.11.2026" in text
    assert "1 Vollmacht für Frau Hoffmann (Caritas)" in text
    assert "3 Duldung (Kopie) Precious Eze 20.07.2026 3 (S. 6–8)" in text
    assert "4 Ärztliches Attest (nachzureichen) Precious Eze – –" in text
    for heading in ("Identität und Aufenthaltsstatus", "Gesundheit"):
        assert heading in text


def test_every_corpus_case_renders_a_letter(request: pytest.FixtureRequest) -> None:
    for path in sorted(CASES.glob("[hn][0-9][0-9]-*.json")):
        if path.name.endswith(".expected.json"):
            continue
        case = parse_case(json.loads(path.read_text(encoding="utf-8")))
        assert case.reference_date is not None
        report = assess(case, case.reference_date)
        pdf = render_letter(case, report, anlagen=anlagen_of(case), sent_on=SENT_ON, draft=True)
        assert pdf.page_count >= 2, path.name
        assert any(full_name(case.principal) in part for part in [flat(text_of(pdf.data))])
