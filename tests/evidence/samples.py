"""Real small PDFs and images, made in code, and the broken or hostile variants the upload
must refuse. Nothing here is a fixture file: every test shows what it uploads."""

from __future__ import annotations

import io

import pikepdf
from PIL import Image, ImageDraw

A4_POINTS = (595, 842)


def pdf(pages: int = 1, text: str = "Bescheinigung", size: tuple[int, int] = A4_POINTS) -> bytes:
    """A PDF with `pages` pages (A4 unless `size` says otherwise in points) of real text."""
    document = pikepdf.new()
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    for number in range(1, pages + 1):
        page = document.add_blank_page(page_size=size)
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        content = f"BT /F1 24 Tf 72 700 Td ({text} {number}) Tj ET".encode("latin-1")
        page.obj.Contents = document.make_stream(content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    with pikepdf.open(io.BytesIO(pdf())) as document:
        document.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hallo');")
        )
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def encrypted_pdf(user_password: str = "geheim") -> bytes:
    """AES-256, as current office software writes it; an empty user password opens it."""
    with pikepdf.open(io.BytesIO(pdf())) as document:
        out = io.BytesIO()
        document.save(out, encryption=pikepdf.Encryption(user=user_password, owner="owner"))
    return out.getvalue()


def pdf_with_launch_action() -> bytes:
    with pikepdf.open(io.BytesIO(pdf())) as document:
        document.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")
        )
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def pdf_with_embedded_file() -> bytes:
    with pikepdf.open(io.BytesIO(pdf())) as document:
        document.attachments["notiz.txt"] = pikepdf.AttachedFileSpec(document, b"versteckt")
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = pdf(pages=3)
    return data[: len(data) * 2 // 3]


def html_as_pdf() -> bytes:
    """What a browser saves as "Bescheid.pdf" when the download was really an error page."""
    return b"<!DOCTYPE html><html><head><title>Fehler</title></head><body>404</body></html>\n"


def jpeg(size: tuple[int, int] = (600, 800), *, orientation: int | None = None) -> bytes:
    """A photo of a page with a black bar at its top, so tests can tell which way is up.

    With `orientation`, the pixels are stored turned as a phone camera stores them and the
    EXIF tag says how to turn them back.
    """
    image = _page(size)
    exif = Image.Exif()
    if orientation is not None:
        image = image.transpose(
            {
                3: Image.Transpose.ROTATE_180,
                6: Image.Transpose.ROTATE_90,
                8: Image.Transpose.ROTATE_270,
            }[orientation]
        )
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif.tobytes())
    return out.getvalue()


def png(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    _page(size).save(out, "PNG")
    return out.getvalue()


def _page(size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, (240, 240, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 8), fill=(0, 0, 0))
    draw.text((width // 10, height // 2), "Scan", fill=(0, 0, 0))
    return image
