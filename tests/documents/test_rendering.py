"""WeasyPrint rendering: the locked URL fetcher, escaping, fonts, metadata, watermark."""

from __future__ import annotations

import base64
import io
import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from documents.rendering import (
    STATIC_DIR,
    ForbiddenResourceError,
    LockedURLFetcher,
    render_cv,
    render_fax_cover,
    renderer,
)
from eligibility.facts import Case, parse_case

CASES = Path(__file__).resolve().parent.parent / "cases"
SENT_ON = date(2026, 11, 26)


def raw(stem: str) -> dict[str, Any]:
    path = next(p for p in CASES.glob(f"{stem}*.json") if not p.name.endswith(".expected.json"))
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def text_of(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8").replace("\u00a0", " ")


def pages_of(pdf: bytes) -> list[str]:
    return text_of(pdf).split("\f")[:-1]


# --------------------------------------------------------------------------------------------
# The locked URL fetcher


def test_fetcher_serves_the_projects_static_files() -> None:
    font = STATIC_DIR / "fonts" / "dejavu" / "DejaVuSans.ttf"
    response = LockedURLFetcher().fetch(font.as_uri())
    assert response.read()[:4] == font.read_bytes()[:4]


def test_fetcher_serves_data_urls() -> None:
    payload = base64.b64encode(b"hello").decode()
    response = LockedURLFetcher().fetch(f"data:text/plain;base64,{payload}")
    assert response.read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/logo.png",
        "https://example.org/font.woff2",
        "ftp://example.org/x",
        "file:///etc/passwd",
        (STATIC_DIR / ".." / "manage.py").as_uri(),
        (STATIC_DIR / "fonts" / "..%2F..%2Fmanage.py").as_uri().replace("%25", "%"),
        "file://otherhost" + str(STATIC_DIR / "fonts" / "dejavu" / "DejaVuSans.ttf"),
        (STATIC_DIR / "fonts" / "missing.ttf").as_uri(),
    ],
)
def test_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(ForbiddenResourceError):
        LockedURLFetcher().fetch(url)


def test_fetcher_refuses_a_symlink_out_of_the_static_folder(tmp_path: Path) -> None:
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    (root / "link.txt").symlink_to(secret)
    with pytest.raises(ForbiddenResourceError):
        LockedURLFetcher(root).fetch((root / "link.txt").as_uri())


def test_a_document_never_fetches_a_remote_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    shared = renderer()
    original = shared.fetcher.fetch

    def spy(url: str, headers: Any = None) -> Any:
        asked.append(url)
        return original(url, headers)

    monkeypatch.setattr(shared.fetcher, "fetch", spy)
    markup = '<p>Text</p><img src="http://127.0.0.1:9/pixel.png"><img src="file:///etc/hostname">'
    monkeypatch.setattr(shared, "html", lambda template, context: markup)
    result = shared.render("documents/part_cover.html", {}, identifier="probe")
    assert result.page_count == 1
    assert "http://127.0.0.1:9/pixel.png" in asked
    assert "Text" in text_of(result.data)


# --------------------------------------------------------------------------------------------
# User text is escaped


def test_user_text_is_printed_literally_and_never_interpreted_as_markup() -> None:
    data = raw("n01-eze")
    data["persons"][0]["given_names"] = '<b>Precious</b><img src="http://127.0.0.1:9/x">'
    data["household_address"]["city"] = "Köln & Umgebung <script>"
    case = parse_case(data)
    pdf = render_cv(case, case.principal, sent_on=SENT_ON, draft=False)
    text = text_of(pdf.data)
    assert '<b>Precious</b><img src="http://127.0.0.1:9/x">' in text
    assert "Köln & Umgebung <script>" in text


def test_names_beyond_latin_1_come_out_letter_for_letter() -> None:
    # Arimo comes as a Latin and a Latin Extended file; under one family name WeasyPrint
    # embedded both as one font, and "Hodžić" printed as "Hodsi|", "Precious" as "Preciouž".
    data = raw("n01-eze")
    data["persons"][0]["surname"] = "Hodžić-Şahin Łukasz Nguyễn"
    case = parse_case(data)

    text = text_of(render_cv(case, case.principal, sent_on=SENT_ON, draft=False).data)

    assert "Hodžić-Şahin Łukasz Nguyễn" in text
    assert "Precious" in text and "Köln" in text
    assert "ž" not in text.replace("Hodžić", "")


# --------------------------------------------------------------------------------------------
# Fonts, metadata, page numbers, watermark


@pytest.fixture(scope="module")
def case() -> Case:
    return parse_case(raw("n01-eze"))


@pytest.fixture(scope="module")
def cv_final(case: Case) -> bytes:
    return render_cv(case, case.principal, sent_on=SENT_ON, draft=False).data


def test_only_the_shipped_fonts_are_used_and_embedded(cv_final: bytes) -> None:
    fonts = subprocess.run(
        ["pdffonts", "-"], input=cv_final, capture_output=True, check=True
    ).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        # WeasyPrint names embedded fonts after the @font-face family of static/fonts.
        assert "Brief-Sans" in row or "Brief-Fallback" in row, row
        assert " yes " in row  # embedded


def test_documents_are_plain_pdf_in_german_and_claim_no_pdfa(cv_final: bytes) -> None:
    # Generated parts only ever reach the authority merged into the package, which keeps
    # neither a PDF/A identification nor a structure tree; so they claim neither.
    reader = PdfReader(io.BytesIO(cv_final))
    root = reader.root_object
    assert str(root["/Lang"]) == "de"
    assert "/StructTreeRoot" not in root
    metadata = reader.xmp_metadata
    assert metadata is None or "pdfaid" not in metadata.stream.get_data().decode()
    assert "/JavaScript" not in str(root) and "/Encrypt" not in reader.trailer


def test_every_page_is_numbered_seite_x_von_y(case: Case) -> None:
    data = raw("n01-eze")
    data["persons"][0]["employment"] *= 40  # enough rows for several pages
    long_case = parse_case(data)
    pdf = render_cv(long_case, long_case.principal, sent_on=SENT_ON, draft=False)
    pages = pages_of(pdf.data)
    assert pdf.page_count == len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Lebenslauf Precious Eze – Seite {number} von {pdf.page_count}" in page


def test_drafts_carry_the_watermark_on_every_page_and_finals_none(
    case: Case, cv_final: bytes
) -> None:
    data = raw("n01-eze")
    data["persons"][0]["employment"] *= 40
    long_case = parse_case(data)
    draft = render_cv(long_case, long_case.principal, sent_on=SENT_ON, draft=True)
    # pypdf reads the rotated watermark as one word; poppler splits it into letters.
    pages = PdfReader(io.BytesIO(draft.data)).pages
    assert len(pages) > 1
    assert all("ENTWURF" in page.extract_text() for page in pages)
    assert all(
        "ENTWURF" not in page.extract_text() for page in PdfReader(io.BytesIO(cv_final)).pages
    )


def test_rendering_is_deterministic_for_the_same_input(case: Case, cv_final: bytes) -> None:
    again = render_cv(case, case.principal, sent_on=SENT_ON, draft=False).data
    assert text_of(again) == text_of(cv_final)
    assert (
        PdfReader(io.BytesIO(again)).trailer["/ID"]
        == PdfReader(io.BytesIO(cv_final)).trailer["/ID"]
    )


def test_the_fax_cover_carries_the_seed_number_and_the_total_page_count(case: Case) -> None:
    pdf = render_fax_cover(case, total_pages=23, sent_on=SENT_ON, draft=False)
    text = " ".join(text_of(pdf.data).split())
    assert pdf.page_count == 1
    assert "Telefax" in text
    assert "0211 837-2200" in text
    assert "23 einschließlich dieses Deckblatts" in text
    assert "vertrauliche personenbezogene Daten" in text
    assert "Seite 1 von 1" not in text  # no footer on the fax cover


def test_there_is_no_fax_cover_for_hannover() -> None:
    case = parse_case(raw("h01-rahimi"))
    with pytest.raises(ValueError, match="no fax number"):
        render_fax_cover(case, total_pages=3, sent_on=SENT_ON, draft=False)
