"""Small PDFs and images made on the fly for the document tests.

The PDFs carry real text (Helvetica, WinAnsi) at chosen positions so tests can check where
stamps went and that extracted text survives the bundle.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

A4 = (595.28, 841.89)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(
    pages: list[str],
    *,
    size: tuple[float, float] = A4,
    rotate: int = 0,
    top_text: str | None = None,
    fill_top_right: bool = False,
) -> bytes:
    """One page per text; the text sits in the middle of the page.

    `top_text` puts a line close to the top-right corner (where the stamp goes);
    `fill_top_right` paints a black rectangle there instead.
    """
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    width, height = size
    for text in pages:
        page = writer.add_blank_page(width, height)
        operations = [f"BT /F1 12 Tf 72 {height / 2:.2f} Td ({_escape(text)}) Tj ET"]
        if top_text is not None:
            operations.append(
                f"BT /F1 10 Tf {width - 150:.2f} {height - 22:.2f} Td ({_escape(top_text)}) Tj ET"
            )
        if fill_top_right:
            operations.append(f"0 g {width - 200:.2f} {height - 40:.2f} 190 35 re f")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(operations).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        if rotate:
            page.rotate(rotate)
    return _write(writer)


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(*, user_password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Verschluesselt"])))
    # RC4 needs no extra package; the upload check must refuse any algorithm alike.
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    return _write(writer)


def aes_encrypted_pdf(*, user_password: str = "", writer: str = "pypdf") -> bytes:
    """AES-256 (revision 6), written by pypdf or by qpdf (pikepdf); the empty user password
    makes an owner-password-only file."""
    if writer == "qpdf":
        import pikepdf

        with pikepdf.open(io.BytesIO(text_pdf(["Verschluesselt"]))) as document:
            out = io.BytesIO()
            document.save(
                out, encryption=pikepdf.Encryption(user=user_password, owner="owner", R=6)
            )
            return out.getvalue()
    encrypted = PdfWriter(clone_from=io.BytesIO(text_pdf(["Verschluesselt"])))
    encrypted.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    return _write(encrypted)


def without_aes(monkeypatch: Any) -> None:
    """Make pypdf, from now on, behave as it does without the `cryptography` package: every
    AES step fails with DependencyError (`monkeypatch`: pytest's fixture)."""
    import pypdf._encryption
    from pypdf._crypt_providers import _fallback

    for name in ("aes_cbc_encrypt", "aes_cbc_decrypt", "aes_ecb_encrypt", "aes_ecb_decrypt"):
        monkeypatch.setattr(pypdf._encryption, name, getattr(_fallback, name))
    monkeypatch.setattr(pypdf._encryption, "CryptAES", _fallback.CryptAES)


def blank_page_as_qpdf_writes_it() -> bytes:
    """One blank page whose content stream is empty but declared /FlateDecode."""
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page(page_size=(595.28, 841.89))
    document.pages[0].Contents = pikepdf.Stream(document, b"")
    out = io.BytesIO()
    document.save(out, compress_streams=True)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Skript"])))
    action = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hallo');"),
        }
    )
    # Document-level scripts live in the catalog's /Names tree, not on a page.
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {
                    NameObject("/Names"): ArrayObject(
                        [TextStringObject("start"), writer._add_object(action)]
                    )
                }
            )
        }
    )
    return _write(writer)


def pdf_with_launch_action() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Start"])))
    action = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})
    return _write(writer)


def pdf_with_attachment() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Anhang"])))
    writer.add_attachment("notes.txt", b"hidden")
    return _write(writer)


def pdf_with_form_field(value: str) -> bytes:
    """One page with a filled text field whose value shows only through its widget."""
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Formular"])))
    page = writer.pages[0]
    appearance = DecodedStreamObject()
    appearance.set_data(f"/Tx BMC BT /Helv 12 Tf 2 6 Td ({_escape(value)}) Tj ET EMC".encode())
    appearance.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([NumberObject(n) for n in (0, 0, 200, 20)]),
            NameObject("/Resources"): DictionaryObject(
                {
                    NameObject("/Font"): DictionaryObject(
                        {
                            NameObject("/Helv"): DictionaryObject(
                                {
                                    NameObject("/Type"): NameObject("/Font"),
                                    NameObject("/Subtype"): NameObject("/Type1"),
                                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                                }
                            )
                        }
                    )
                }
            ),
        }
    )
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("name"),
            NameObject("/V"): TextStringObject(value),
            NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject(
                [FloatObject(72), FloatObject(300), FloatObject(272), FloatObject(320)]
            ),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
        }
    )
    field_ref = writer._add_object(field)
    page[NameObject("/Annots")] = ArrayObject([field_ref])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([field_ref])}
    )
    return _write(writer)


def jpeg_scan(
    size: tuple[int, int] = (1240, 1754),
    *,
    orientation: int | None = None,
    label: str = "Scan",
    quality: int = 80,
) -> bytes:
    """A grey page with a black bar at its top, so tests can tell which way is up.

    `orientation` stores the pixels turned as a camera would and sets the EXIF tag that tells
    a viewer how to turn them back.
    """
    image = _page_with_top_bar(size, label)
    if orientation is not None:
        # Undo what the tag says a viewer must do, so that applying the tag gives `image`.
        undo = {
            1: None,
            3: Image.Transpose.ROTATE_180,
            6: Image.Transpose.ROTATE_90,
            8: Image.Transpose.ROTATE_270,
        }[orientation]
        if undo is not None:
            image = image.transpose(undo)
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes(), dpi=(150, 150))
    return out.getvalue()


def png_scan(size: tuple[int, int] = (800, 600), *, mode: str = "RGBA") -> bytes:
    image = _page_with_top_bar(size, "PNG").convert(mode)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _page_with_top_bar(size: tuple[int, int], label: str) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, (235, 235, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 10), fill=(0, 0, 0))
    draw.text((width // 10, height // 2), label, fill=(0, 0, 0))
    return image


def noisy_jpeg(size: tuple[int, int] = (1240, 1754), *, seed: int = 1, quality: int = 90) -> bytes:
    """A scan that compresses badly, for size caps: random grey pixels."""
    import random

    width, height = size
    pixels = random.Random(seed).randbytes(width * height)
    image = Image.frombytes("L", size, pixels)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, dpi=(150, 150))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Reading results


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page as displayed, in points
    x1: float
    y1: float


def page_words(data: bytes, page: int) -> tuple[tuple[float, float], list[Word]]:
    """(page size as displayed, words with boxes) of page `page` (from 1), by pdftotext."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    root = ElementTree.fromstring(result.stdout)
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    page_element = root.find(".//x:page", namespace)
    assert page_element is not None
    size = (float(page_element.get("width", 0)), float(page_element.get("height", 0)))
    words = [
        Word(
            element.text or "",
            float(element.get("xMin", 0)),
            float(element.get("yMin", 0)),
            float(element.get("xMax", 0)),
            float(element.get("yMax", 0)),
        )
        for element in page_element.findall("x:word", namespace)
    ]
    return size, words


def page_texts(data: bytes) -> list[str]:
    """The text of every page, by pypdf, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(level, title, page from 1) of every bookmark in document order."""
    reader = PdfReader(io.BytesIO(data))
    result: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                number = reader.get_destination_page_number(item)
                result.append((level, str(item.title), (number or 0) + 1))

    walk(reader.outline, 1)
    return result


def render_gray(data: bytes, page: int, dpi: int = 36) -> Image.Image:
    """Page `page` (from 1) as a greyscale picture, as a viewer shows it."""
    result = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return Image.open(io.BytesIO(result.stdout)).convert("L")


def mean_darkness(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """0 for white, 255 for black, averaged over `box`."""
    region = image.crop(box)
    histogram = region.histogram()
    total = sum(histogram)
    return sum((255 - value) * count for value, count in enumerate(histogram)) / max(1, total)
