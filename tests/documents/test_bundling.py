from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject

from documents.bundling import (
    BundleMetadata,
    Section,
    UnusablePdfError,
    bundle,
    estimated_page_sizes,
    inspect_pdf,
    open_pdf,
    recompress_images,
)
from tests.documents import pdfs

# --------------------------------------------------------------------------------------------
# inspect_pdf


def test_inspect_reports_pages_and_largest_page_size_in_mm() -> None:
    result = inspect_pdf(pdfs.text_pdf(["eins", "zwei", "drei"]))

    assert result.page_count == 3
    assert result.max_page_size_mm == pytest.approx((210.0, 297.0), abs=0.1)
    assert not result.encrypted
    assert not result.damaged
    assert not result.has_javascript
    assert not result.has_launch_action
    assert not result.has_embedded_files


def test_inspect_measures_a_rotated_page_as_it_is_shown() -> None:
    # An A3 landscape drawing stored portrait and turned by /Rotate.
    result = inspect_pdf(pdfs.text_pdf(["Plan"], size=(841.89, 1190.55), rotate=90))

    assert result.max_page_size_mm == pytest.approx((420.0, 297.0), abs=0.1)


def test_inspect_flags_a_password_protected_pdf_as_encrypted() -> None:
    result = inspect_pdf(pdfs.encrypted_pdf())

    assert result.encrypted
    assert result.page_count == 0
    assert not result.damaged


def test_inspect_flags_an_owner_password_pdf_as_encrypted_but_reads_it() -> None:
    result = inspect_pdf(pdfs.encrypted_pdf(user_password=""))

    assert result.encrypted
    assert result.page_count == 1


@pytest.mark.parametrize("user_password", ["", "secret"], ids=["owner-only", "user-password"])
@pytest.mark.parametrize("writer", ["pypdf", "qpdf"])
def test_inspect_flags_an_aes_encrypted_pdf_as_encrypted(user_password: str, writer: str) -> None:
    result = inspect_pdf(pdfs.aes_encrypted_pdf(user_password=user_password, writer=writer))

    assert result.encrypted
    assert not result.damaged
    # With `cryptography` installed, an owner-password-only file opens and is read.
    assert result.page_count == (1 if not user_password else 0)


@pytest.mark.parametrize("user_password", ["", "secret"], ids=["owner-only", "user-password"])
@pytest.mark.parametrize("writer", ["pypdf", "qpdf"])
def test_an_aes_encrypted_pdf_is_encrypted_even_when_pypdf_cannot_decrypt_it(
    user_password: str, writer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdfs.aes_encrypted_pdf(user_password=user_password, writer=writer)
    pdfs.without_aes(monkeypatch)

    result = inspect_pdf(data)

    assert result.encrypted
    with pytest.raises(UnusablePdfError) as refused:
        open_pdf(data)
    assert refused.value.reason == "encrypted"


def test_a_damaged_file_is_damaged_not_encrypted_even_if_it_mentions_encrypt() -> None:
    data = pdfs.text_pdf(["Das Wort /Encrypt steht im Text"])

    result = inspect_pdf(data[: len(data) // 2])

    assert result.damaged
    assert not result.encrypted


def test_a_blank_page_with_an_empty_compressed_content_stream_is_not_damaged() -> None:
    result = inspect_pdf(pdfs.blank_page_as_qpdf_writes_it())

    assert not result.damaged
    assert result.page_count == 1


def test_inspect_finds_document_javascript() -> None:
    assert inspect_pdf(pdfs.pdf_with_javascript()).has_javascript


def test_inspect_finds_a_launch_action_on_a_page() -> None:
    result = inspect_pdf(pdfs.pdf_with_launch_action())

    assert result.has_launch_action
    assert not result.has_javascript


def test_inspect_finds_embedded_files() -> None:
    result = inspect_pdf(pdfs.pdf_with_attachment())

    assert result.has_embedded_files
    assert not result.has_javascript


@pytest.mark.parametrize(
    "mangle",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"hello world",
        lambda data: b"",
        lambda data: data.replace(b"/Type /Pages", b"/Type /Nonsense"),
    ],
    ids=["truncated", "not-a-pdf", "empty", "no-page-tree"],
)
def test_inspect_flags_damaged_files_without_raising(mangle: object) -> None:
    data = mangle(pdfs.text_pdf(["Seite"]))  # type: ignore[operator]

    result = inspect_pdf(data)

    assert result.damaged
    assert result.page_count == 0


def test_inspect_flags_corrupt_compressed_page_content_as_damaged() -> None:
    data = pdfs.text_pdf(["Seite"])
    # Declare the plain content stream as Flate-compressed: it cannot be decoded any more.
    damaged = data.replace(b"/Length", b"/Filter /FlateDecode /Length", 1)
    assert damaged != data

    assert inspect_pdf(damaged).damaged


def test_inspect_passes_the_corpus_attachments() -> None:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "cases" / "files"
    for path in sorted(folder.glob("*.pdf")):
        result = inspect_pdf(path.read_bytes())
        assert not result.damaged, path.name
        assert result.page_count >= 1, path.name


# --------------------------------------------------------------------------------------------
# open_pdf


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdfs.encrypted_pdf(), "encrypted"),
        (pdfs.encrypted_pdf(user_password=""), "encrypted"),
        (pdfs.text_pdf(["x"])[:300], "damaged"),
        (pdfs.pdf_with_javascript(), "javascript"),
        (pdfs.pdf_with_launch_action(), "launch_action"),
    ],
    ids=["password", "owner-password", "damaged", "javascript", "launch"],
)
def test_open_pdf_refuses_files_that_must_not_go_out(data: bytes, reason: str) -> None:
    with pytest.raises(UnusablePdfError) as raised:
        open_pdf(data)

    assert raised.value.reason == reason


def test_a_filled_form_is_flattened_into_the_page() -> None:
    source = open_pdf(pdfs.pdf_with_form_field("Amina Beispiel"))

    result = bundle([Section(source, "Formular", anlage=1)], METADATA)

    reader = PdfReader(io.BytesIO(result.data))
    assert "/AcroForm" not in reader.root_object
    assert "/Annots" not in reader.pages[0]
    assert "Amina Beispiel" in pdfs.page_texts(result.data)[0]


def test_embedded_files_and_page_actions_are_left_behind() -> None:
    source = open_pdf(pdfs.pdf_with_attachment())

    result = bundle([Section(source, "Anhang", anlage=1)], METADATA)

    assert not inspect_pdf(result.data).has_embedded_files


# --------------------------------------------------------------------------------------------
# bundle: stamps, watermark, bookmarks, metadata

METADATA = BundleMetadata(
    title="Antrag auf Feststellung eines Härtefalls nach § 23a AufenthG – Osei",
    author="Abena Osei",
    subject="Antrag mit Anlagen",
    identifier=b"0123456789abcdef",
    created=date(2026, 11, 1),
)


def _stamp_words(words: list[pdfs.Word]) -> list[pdfs.Word]:
    start = next(i for i, word in enumerate(words) if word.text == "Anlage")
    return words[start : start + 5]


def test_every_attachment_page_carries_its_stamp_and_the_letter_none() -> None:
    letter = open_pdf(pdfs.text_pdf(["Brief Seite 1", "Brief Seite 2"]))
    first = open_pdf(pdfs.text_pdf(["Eins a", "Eins b", "Eins c"]))
    second = open_pdf(pdfs.text_pdf(["Zwei"]))

    result = bundle(
        [
            Section(letter, "Antrag"),
            Section(first, "Anlage 1: Pass", anlage=1),
            Section(second, "Anlage 2: Duldung", anlage=2),
        ],
        METADATA,
    )

    texts = pdfs.page_texts(result.data)
    assert result.page_count == 6
    assert result.ranges == ((1, 2), (3, 5), (6, 6))
    assert all("Anlage" not in text for text in texts[:2])
    assert [text.split("Anlage ", 1)[1] for text in texts[2:]] == [
        "1 – Seite 1/3",
        "1 – Seite 2/3",
        "1 – Seite 3/3",
        "2 – Seite 1/1",
    ]
    assert "Eins b" in texts[3]


def test_the_stamp_sits_top_right_5_mm_from_the_top_and_8_mm_from_the_right() -> None:
    result = bundle([Section(open_pdf(pdfs.text_pdf(["Inhalt"])), None, anlage=3)], METADATA)

    (width, _height), words = pdfs.page_words(result.data, 1)
    stamp = _stamp_words(words)
    assert " ".join(word.text for word in stamp) == "Anlage 3 – Seite 1/1"
    mm = 72 / 25.4
    # The box adds 1 mm above the text and 2 mm right of it.
    assert stamp[0].y0 == pytest.approx(6 * mm, abs=1.5 * mm)
    assert width - stamp[-1].x1 == pytest.approx(10 * mm, abs=1.5 * mm)
    assert result.shrunk_pages == ()


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_the_stamp_is_upright_at_the_top_right_of_a_rotated_page(rotate: int) -> None:
    source = open_pdf(pdfs.text_pdf(["Gedreht"], rotate=rotate))

    result = bundle([Section(source, None, anlage=1)], METADATA)

    (width, height), words = pdfs.page_words(result.data, 1)
    stamp = _stamp_words(words)
    # pdftotext reports boxes as displayed; an upright line is wider than tall.
    assert all(word.x1 - word.x0 > 0 for word in stamp)
    assert stamp[0].y1 < 0.06 * height
    assert stamp[-1].x1 > 0.85 * width
    assert (stamp[-1].x1 - stamp[0].x0) > 3 * (stamp[0].y1 - stamp[0].y0)


def test_content_under_the_stamp_is_shrunk_out_of_its_way() -> None:
    crowded = open_pdf(pdfs.text_pdf(["Mitte"], top_text="Az. 123-45 oben rechts"))
    blank = open_pdf(pdfs.text_pdf(["Mitte"]))

    result = bundle([Section(crowded, None, anlage=1), Section(blank, None, anlage=2)], METADATA)

    assert result.shrunk_pages == (1,)
    _size, words = pdfs.page_words(result.data, 1)
    stamp = _stamp_words(words)
    stamp_bottom = max(word.y1 for word in stamp)
    content = [word for word in words if word.text in ("Az.", "123-45", "oben", "rechts")]
    assert len(content) == 4
    assert all(word.y0 > stamp_bottom for word in content)


def test_a_dark_area_under_the_stamp_is_shrunk_too_on_a_landscape_page() -> None:
    source = open_pdf(pdfs.text_pdf(["Quer"], size=(841.89, 595.28), fill_top_right=True))

    result = bundle([Section(source, None, anlage=1)], METADATA)

    assert result.shrunk_pages == (1,)
    (width, height), words = pdfs.page_words(result.data, 1)
    assert width > height
    picture = pdfs.render_gray(result.data, 1, dpi=72)
    stamp = _stamp_words(words)
    # Right of the stamp's box, at its height, the page is white: the black bar moved down.
    box = (int(stamp[-1].x1) + 10, int(stamp[0].y0), int(width) - 2, int(stamp[0].y1))
    assert pdfs.mean_darkness(picture, box) < 5


def test_an_image_page_is_stamped_without_looking_at_its_pixels() -> None:
    from documents.images import image_to_pdf

    image = open_pdf(image_to_pdf(pdfs.jpeg_scan()).pdf)

    result = bundle([Section(image, None, anlage=4, stamp_area_free=True)], METADATA)

    assert result.shrunk_pages == ()
    assert "Anlage 4 – Seite 1/1" in pdfs.page_texts(result.data)[0]


def test_draft_attachment_pages_carry_the_watermark_over_their_content() -> None:
    source = open_pdf(pdfs.text_pdf(["Lohnabrechnung", "Seite zwei"]))

    result = bundle(
        [Section(source, None, anlage=1, watermark=True), Section(source, None, anlage=2)],
        METADATA,
    )

    texts = pdfs.page_texts(result.data)
    assert ["ENTWURF" in text for text in texts] == [True, True, False, False]
    picture = pdfs.render_gray(result.data, 1)
    centre = (picture.width // 2 - 20, picture.height // 2 - 20)
    assert pdfs.mean_darkness(picture, (*centre, centre[0] + 40, centre[1] + 40)) > 10


def test_bookmarks_name_every_section_and_keep_the_letter_headings_below_antrag() -> None:
    letter = open_pdf(_letter_with_outline())
    anlage = open_pdf(pdfs.text_pdf(["Pass"]))

    result = bundle(
        [
            Section(letter, "Antrag", nested_outline=True),
            Section(anlage, "Anlage 1: Reisepass", anlage=1),
        ],
        METADATA,
    )

    assert pdfs.outline(result.data) == [
        (1, "Antrag", 1),
        (2, "1 Personen", 1),
        (2, "2 Einreise", 2),
        (3, "2.1 Asylverfahren", 2),
        (1, "Anlage 1: Reisepass", 3),
    ]


def _letter_with_outline() -> bytes:
    """What WeasyPrint writes: the Betreff (h1) on page 1 with the sections below it."""
    writer = PdfWriter(clone_from=io.BytesIO(pdfs.text_pdf(["Brief 1", "Brief 2"])))
    top = writer.add_outline_item(title="Antrag auf Feststellung", page_number=0)
    writer.add_outline_item(title="1 Personen", page_number=0, parent=top)
    second = writer.add_outline_item(title="2 Einreise", page_number=1, parent=top)
    writer.add_outline_item(title="2.1 Asylverfahren", page_number=1, parent=second)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_metadata_language_and_identifier_are_set() -> None:
    result = bundle([Section(open_pdf(pdfs.text_pdf(["x"])), "Antrag")], METADATA)

    reader = PdfReader(io.BytesIO(result.data))
    assert reader.metadata is not None
    assert reader.metadata.title == METADATA.title
    assert reader.metadata.author == "Abena Osei"
    assert reader.metadata.subject == "Antrag mit Anlagen"
    assert str(reader.root_object["/Lang"]) == "de"
    identifiers = reader.trailer["/ID"]
    assert isinstance(identifiers, ArrayObject)
    assert identifiers[0].original_bytes == b"0123456789abcdef"
    inspection = inspect_pdf(result.data)
    assert not inspection.has_javascript
    assert not inspection.has_embedded_files


def test_a_section_can_take_some_pages_and_keeps_the_whole_count_in_its_stamps() -> None:
    source = open_pdf(pdfs.text_pdf([f"Seite {n}" for n in range(1, 6)]))

    result = bundle([Section(source, "Anlage 7", anlage=7, pages=range(2, 4))], METADATA)

    texts = pdfs.page_texts(result.data)
    assert [text.split("Anlage ", 1)[1] for text in texts] == ["7 – Seite 3/5", "7 – Seite 4/5"]


def test_recompression_shrinks_large_scans_and_keeps_the_pages() -> None:
    from documents.images import image_to_pdf

    big = open_pdf(image_to_pdf(pdfs.noisy_jpeg((2480, 3508), quality=95)).pdf)

    smaller = recompress_images(big)

    assert smaller.page_count == 1
    assert len(smaller.data) < len(big.data) / 2
    assert estimated_page_sizes(smaller)[0] >= len(smaller.data) * 0.8
