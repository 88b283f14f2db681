"""documents.uploads: the type is decided by content, bad files are refused with a code."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from documents import uploads
from documents.uploads import RefusalCode, UploadRefused, display_name, inspect_upload
from tests.evidence import samples


def refusal(data: bytes) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        inspect_upload(data)
    return caught.value


# --------------------------------------------------------------------------------------------
# Accepted files


def test_a_pdf_is_accepted_with_its_page_count() -> None:
    data = samples.pdf(pages=3)

    accepted = inspect_upload(data)

    assert accepted.content_type == "application/pdf"
    assert accepted.page_count == 3
    assert accepted.size == len(data)
    assert accepted.extension == "pdf"


def test_a_jpeg_photo_is_accepted_as_one_page() -> None:
    accepted = inspect_upload(samples.jpeg())

    assert (accepted.content_type, accepted.page_count, accepted.extension) == (
        "image/jpeg",
        1,
        "jpg",
    )


def test_a_png_scan_is_accepted_as_one_page() -> None:
    accepted = inspect_upload(samples.png())

    assert (accepted.content_type, accepted.page_count, accepted.extension) == (
        "image/png",
        1,
        "png",
    )


def test_a_grey_jpeg_and_a_cmyk_jpeg_are_accepted() -> None:
    for mode in ("L", "CMYK"):
        out = io.BytesIO()
        Image.new(mode, (120, 160)).save(out, "JPEG")

        assert inspect_upload(out.getvalue()).content_type == "image/jpeg", mode


# --------------------------------------------------------------------------------------------
# Refused files


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", RefusalCode.EMPTY),
        (samples.html_as_pdf(), RefusalCode.UNSUPPORTED_TYPE),
        (b"PK\x03\x04" + b"\x00" * 100, RefusalCode.UNSUPPORTED_TYPE),
        (b"MZ\x90\x00" + b"\x00" * 100, RefusalCode.UNSUPPORTED_TYPE),
        (b"GIF89a" + b"\x00" * 100, RefusalCode.UNSUPPORTED_TYPE),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', RefusalCode.UNSUPPORTED_TYPE),
        (samples.truncated_pdf(), RefusalCode.TRUNCATED),
        (samples.encrypted_pdf(), RefusalCode.ENCRYPTED),
        (samples.encrypted_pdf(user_password=""), RefusalCode.ENCRYPTED),
        (samples.pdf_with_launch_action(), RefusalCode.LAUNCH_ACTION),
        (samples.pdf_with_embedded_file(), RefusalCode.EMBEDDED_FILES),
        (samples.pdf_with_javascript(), RefusalCode.JAVASCRIPT),
        (samples.jpeg()[:-600], RefusalCode.TRUNCATED),
        (samples.png()[:-2], RefusalCode.TRUNCATED),
        (samples.png()[:200], RefusalCode.TRUNCATED),
    ],
    ids=[
        "empty",
        "html-named-pdf",
        "zip",
        "windows-executable",
        "gif",
        "svg",
        "truncated-pdf",
        "encrypted-pdf",
        "pdf-encrypted-with-owner-password-only",
        "pdf-with-launch-action",
        "pdf-with-embedded-file",
        "pdf-with-javascript",
        "truncated-jpeg",
        "png-cut-in-last-chunk",
        "png-cut-early",
    ],
)
def test_files_that_are_not_acceptable_are_refused_with_a_code(
    data: bytes, code: RefusalCode
) -> None:
    assert refusal(data).code == code


@pytest.mark.parametrize("user_password", ["", "secret"], ids=["owner-only", "user-password"])
@pytest.mark.parametrize("writer", ["pypdf", "qpdf"])
def test_an_aes_encrypted_pdf_is_refused_as_encrypted_even_if_pypdf_cannot_decrypt_it(
    user_password: str, writer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.documents import pdfs

    data = pdfs.aes_encrypted_pdf(user_password=user_password, writer=writer)
    assert refusal(data).code == RefusalCode.ENCRYPTED
    # As before `cryptography` was installed: people must hear "password", not "damaged".
    pdfs.without_aes(monkeypatch)
    assert refusal(data).code == RefusalCode.ENCRYPTED


def test_a_blank_page_written_by_qpdf_is_accepted() -> None:
    from tests.documents import pdfs

    assert inspect_upload(pdfs.blank_page_as_qpdf_writes_it()).page_count == 1


def test_a_pdf_with_a_header_but_no_readable_body_is_damaged() -> None:
    assert refusal(b"%PDF-1.7\nthis is not a pdf at all\n%%EOF\n").code == RefusalCode.DAMAGED


def test_a_pdf_whose_page_tree_is_broken_is_damaged() -> None:
    data = samples.pdf().replace(b"/Type /Pages", b"/Type /Nonsense")

    assert refusal(data).code == RefusalCode.DAMAGED


def test_a_jpeg_signature_in_front_of_garbage_is_damaged() -> None:
    assert refusal(b"\xff\xd8\xff\xe0" + b"garbage" * 50).code in (
        RefusalCode.DAMAGED,
        RefusalCode.TRUNCATED,
    )


def test_a_png_with_a_corrupted_chunk_is_damaged() -> None:
    data = bytearray(samples.png())
    data[len(data) // 2] ^= 0xFF

    assert refusal(bytes(data)).code == RefusalCode.DAMAGED


def test_a_zip_holding_a_pdf_is_not_a_pdf() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bescheid.pdf", samples.pdf())

    assert refusal(out.getvalue()).code == RefusalCode.UNSUPPORTED_TYPE


def test_a_pdf_with_more_pages_than_allowed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "MAX_PDF_PAGES", 2)

    refused = refusal(samples.pdf(pages=3))

    assert refused.code == RefusalCode.TOO_MANY_PAGES
    assert refused.params == {"pages": 3, "max_pages": 2}


def test_a_pdf_with_a_page_larger_than_a0_is_refused() -> None:
    data = samples.pdf(size=(6000, 6000))  # 2117 mm square

    assert refusal(data).code == RefusalCode.PAGE_TOO_LARGE


def test_a_picture_with_too_many_pixels_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 600 * 800 - 1)

    assert refusal(samples.jpeg((600, 800))).code == RefusalCode.IMAGE_TOO_LARGE


def test_the_refusal_text_carries_the_code_but_nothing_of_the_file() -> None:
    refused = refusal(samples.html_as_pdf())

    assert str(refused) == "unsupported_type"


# --------------------------------------------------------------------------------------------
# Thumbnails


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def test_a_pdf_thumbnail_is_the_first_page_at_40_dpi() -> None:
    thumbnail = uploads.make_thumbnail(samples.pdf(pages=2), "application/pdf")

    # A4 is 8.27 × 11.69 inches.
    assert _png_size(thumbnail) == (331, 468)


def test_a_photo_thumbnail_is_turned_the_way_the_exif_tag_says() -> None:
    # Stored landscape (800 × 600) with the tag "turn by 90°": the page is portrait.
    thumbnail = uploads.make_thumbnail(samples.jpeg((600, 800), orientation=6), "image/jpeg")

    width, height = _png_size(thumbnail)
    assert height > width
    with Image.open(io.BytesIO(thumbnail)) as image:
        top = image.convert("L").getpixel((width // 2, 2))
        bottom = image.convert("L").getpixel((width // 2, height - 3))
    # The black bar is at the top of the page as it was photographed.
    assert isinstance(top, int) and isinstance(bottom, int)
    assert top < 60 < bottom


def test_an_image_thumbnail_fits_the_thumbnail_box() -> None:
    width, height = _png_size(uploads.make_thumbnail(samples.png((2000, 1000)), "image/png"))

    assert (width, height) == (uploads.THUMBNAIL_MAX_SIDE, uploads.THUMBNAIL_MAX_SIDE // 2)


def test_a_pdf_that_cannot_be_rendered_gives_a_thumbnail_error() -> None:
    with pytest.raises(uploads.ThumbnailError):
        uploads.make_thumbnail(b"%PDF-1.4\nnonsense\n%%EOF\n", "application/pdf")


def test_a_slow_renderer_is_stopped_by_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "THUMBNAIL_TIMEOUT_SECONDS", 0.000001)

    with pytest.raises(uploads.ThumbnailError):
        uploads.make_thumbnail(samples.pdf(), "application/pdf")


# --------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("original", "content_type", "shown"),
    [
        ("Attest.pdf", "application/pdf", "Attest.pdf"),
        ("C:\\Users\\amina\\Desktop\\Pass.pdf", "application/pdf", "Pass.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("Bescheid.html", "application/pdf", "Bescheid.pdf"),
        ("IMG_2034.JPEG", "image/jpeg", "IMG_2034.JPEG"),
        ("scan.jpg", "image/png", "scan.png"),
        ("rechnung\u202efdp.exe", "application/pdf", "rechnungfdp.pdf"),
        ("zeile\neins\r\nzwei.pdf", "application/pdf", "zeileeinszwei.pdf"),
        ("   .pdf", "application/pdf", ""),
        ("", "image/png", ""),
        ("نامه\u200cی بانک.pdf", "application/pdf", "نامه\u200cی بانک.pdf"),
    ],
)
def test_display_names_keep_only_a_safe_last_part_with_the_real_extension(
    original: str, content_type: str, shown: str
) -> None:
    assert display_name(original, content_type) == shown


def test_display_names_stay_within_255_bytes_and_keep_the_extension() -> None:
    name = display_name("ä" * 300 + ".pdf", "application/pdf")

    assert len(name.encode("utf-8")) <= 255
    assert name.endswith("ä.pdf")


@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_a_cut_off_picture_is_refused_even_when_pillow_is_told_to_pad_it(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import ImageFile

    # WeasyPrint sets this for the whole process when it is imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = samples.jpeg() if kind == "jpeg" else samples.png()

    assert refusal(data[: len(data) * 2 // 3]).code == RefusalCode.TRUNCATED


def test_a_jpeg_with_a_camera_trailer_after_the_picture_is_accepted() -> None:
    data = samples.jpeg() + b"SEFT\x00\x00trailer data a phone appended"

    assert inspect_upload(data).content_type == "image/jpeg"
