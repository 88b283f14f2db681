"""Hostile and broken uploads, made in memory (issue 7, "Hostile and broken uploads").

Nothing is downloaded and nothing is written to disk: every file is built here with the
standard library, Pillow and pikepdf, so the corpus is reviewable as code and no binary
sample sits in the repository. `corpus()` maps the name a browser would send to the bytes
and to what the upload must do with them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pikepdf
from PIL import Image

from documents.images import HEIF_SUPPORTED
from documents.uploads import MAX_IMAGE_PIXELS, MAX_PAGE_SIDE_MM, MAX_PDF_PAGES, RefusalCode
from tests.evidence import samples

MM_TO_POINTS = 72 / 25.4


@dataclass(frozen=True, slots=True)
class Specimen:
    """One file of the corpus. `refusal` None means the upload must accept it; `params`
    are the numbers the refusal message names."""

    data: bytes
    refusal: RefusalCode | None
    params: Mapping[str, int | str] = field(default_factory=dict)


def _saved(document: pikepdf.Pdf, **options: object) -> bytes:
    out = io.BytesIO()
    document.save(out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def _edited_pdf(change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(samples.pdf())) as document:
        change(document)
        return _saved(document)


def _open_action_javascript(document: pikepdf.Pdf) -> None:
    document.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');")
    )


def _names_javascript(document: pikepdf.Pdf) -> None:
    action = document.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("this.print();"))
    )
    document.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("start"), action]))
    )


def _annotation_javascript(document: pikepdf.Pdf) -> None:
    annotation = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([72, 72, 200, 100]),
            A=pikepdf.Dictionary(
                S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.launchURL('x');")
            ),
        )
    )
    document.pages[0].obj.Annots = pikepdf.Array([annotation])


def _launch(document: pikepdf.Pdf) -> None:
    document.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")
    )


def _embedded_file(document: pikepdf.Pdf) -> None:
    attachment = pikepdf.AttachedFileSpec(document, b"MZ not a program", filename="x.exe")
    document.attachments["x.exe"] = attachment


def _huge_page(document: pikepdf.Pdf) -> None:
    # 20 000 mm square; pikepdf refuses to make such a page, so the box is set by hand.
    side = round(20_000 * MM_TO_POINTS)
    document.pages[0].obj.MediaBox = pikepdf.Array([0, 0, side, side])


def _encrypted(user: str) -> bytes:
    with pikepdf.open(io.BytesIO(samples.pdf())) as document:
        return _saved(document, encryption=pikepdf.Encryption(user=user, owner="owner-secret"))


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    checksum = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", checksum)


def _bomb_png() -> bytes:
    """A valid-looking PNG header claiming 30 000 × 30 000 pixels, a few hundred bytes."""
    side = 30_000
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    # A little compressed data: the file is refused on its dimensions before decoding.
    pixels = zlib.compress(b"\x00" * (side // 8 + 1) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _damaged_png_chunk() -> bytes:
    """A complete PNG whose image data checksum does not match."""
    data = bytearray(samples.png())
    idat = data.find(b"IDAT")
    length = struct.unpack(">I", data[idat - 4 : idat])[0]
    checksum_at = idat + 4 + length
    data[checksum_at : checksum_at + 4] = b"\xde\xad\xbe\xef"
    return bytes(data)


def _bogus_jpeg_header() -> bytes:
    """JPEG start and end markers around a frame header that makes no sense."""
    return b"\xff\xd8\xff\xc0\x00\x11\x08\x00\x00\x00\x00\x03" + b"\x00" * 64 + b"\xff\xd9"


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(out, "GIF")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("invoice.pdf.exe", b"MZ")
    return out.getvalue()


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def _pe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 200


def tiff(pages: int = 3) -> bytes:
    """A multi-page scan, as office scanners write it: one frame per sheet."""
    sheets = [Image.new("L", (200, 280), 40 * number) for number in range(pages)]
    out = io.BytesIO()
    sheets[0].save(out, "TIFF", save_all=True, append_images=sheets[1:], compression="raw")
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 320), (30, 90, 200)).save(out, "WEBP", quality=80)
    return out.getvalue()


def heic() -> bytes:
    """A phone photo as iPhones save it (needs pillow-heif, which registers the format);
    without it only the file's first box, which is all the upload looks at then."""
    if not HEIF_SUPPORTED:
        return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    out = io.BytesIO()
    Image.new("RGB", (240, 320), (200, 90, 30)).save(out, "HEIF")
    return out.getvalue()


def _html_polyglot() -> bytes:
    """HTML first, a complete PDF after it: browsers and lenient PDF readers both open it."""
    return b"<html><script>alert(1)</script></html>\n" + samples.pdf()


def _bomb_png_below_pillows_error(width: int = 10_000, height: int = 9_000) -> bytes:
    """Between our limit and twice it: Pillow only warns here unless told to refuse."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width // 8 + 1) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    return samples.pdf()


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


_TOO_LARGE = {"max_megapixels": MAX_IMAGE_PIXELS // 1_000_000}

# Name → how to make the file and what must happen to it. Built lazily, so a test run
# can name every case at collection time and make the bytes once per session.
SPECIMENS: Mapping[str, Callable[[], Specimen]] = {
    "empty.pdf": lambda: Specimen(b"", RefusalCode.EMPTY),
    "truncated.pdf": lambda: Specimen(_half(_pdf()), RefusalCode.TRUNCATED),
    "truncated-header-only.pdf": lambda: Specimen(b"%PDF-1.7\n", RefusalCode.TRUNCATED),
    "truncated.jpg": lambda: Specimen(_half(samples.jpeg()), RefusalCode.TRUNCATED),
    "truncated.png": lambda: Specimen(_half(samples.png()), RefusalCode.TRUNCATED),
    "encrypted-user-password.pdf": lambda: Specimen(_encrypted("geheim"), RefusalCode.ENCRYPTED),
    "encrypted-owner-only.pdf": lambda: Specimen(_encrypted(""), RefusalCode.ENCRYPTED),
    "javascript-openaction.pdf": lambda: Specimen(
        _edited_pdf(_open_action_javascript), RefusalCode.JAVASCRIPT
    ),
    "javascript-names.pdf": lambda: Specimen(
        _edited_pdf(_names_javascript), RefusalCode.JAVASCRIPT
    ),
    "javascript-annotation.pdf": lambda: Specimen(
        _edited_pdf(_annotation_javascript), RefusalCode.JAVASCRIPT
    ),
    "launch-action.pdf": lambda: Specimen(_edited_pdf(_launch), RefusalCode.LAUNCH_ACTION),
    "embedded-file.pdf": lambda: Specimen(_edited_pdf(_embedded_file), RefusalCode.EMBEDDED_FILES),
    "huge-page.pdf": lambda: Specimen(
        _edited_pdf(_huge_page),
        RefusalCode.PAGE_TOO_LARGE,
        {"max_side_mm": int(MAX_PAGE_SIDE_MM)},
    ),
    "301-pages.pdf": lambda: Specimen(
        samples.pdf(pages=MAX_PDF_PAGES + 1),
        RefusalCode.TOO_MANY_PAGES,
        {"pages": MAX_PDF_PAGES + 1, "max_pages": MAX_PDF_PAGES},
    ),
    "bomb.png": lambda: Specimen(_bomb_png(), RefusalCode.IMAGE_TOO_LARGE, _TOO_LARGE),
    "bomb-below-pillows-own-error.png": lambda: Specimen(
        _bomb_png_below_pillows_error(), RefusalCode.IMAGE_TOO_LARGE, _TOO_LARGE
    ),
    "page.html.pdf": lambda: Specimen(
        b"<!DOCTYPE html><html><body>Bescheid</body></html>", RefusalCode.UNSUPPORTED_TYPE
    ),
    "scan.svg.jpg": lambda: Specimen(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        RefusalCode.UNSUPPORTED_TYPE,
    ),
    "archive.zip.pdf": lambda: Specimen(_zip(), RefusalCode.UNSUPPORTED_TYPE),
    "program.elf.pdf": lambda: Specimen(_elf(), RefusalCode.UNSUPPORTED_TYPE),
    "program.exe.jpg": lambda: Specimen(_pe(), RefusalCode.UNSUPPORTED_TYPE),
    "script.sh.pdf": lambda: Specimen(b"#!/bin/sh\nrm -rf ~\n", RefusalCode.UNSUPPORTED_TYPE),
    "polyglot-html-before-pdf.pdf": lambda: Specimen(
        _html_polyglot(), RefusalCode.UNSUPPORTED_TYPE
    ),
    "animation.gif": lambda: Specimen(_gif(), RefusalCode.UNSUPPORTED_TYPE),
    "damaged-chunk.png": lambda: Specimen(_damaged_png_chunk(), RefusalCode.DAMAGED),
    "bogus-header.jpg": lambda: Specimen(_bogus_jpeg_header(), RefusalCode.DAMAGED),
    "not-a-pdf-body.pdf": lambda: Specimen(b"%PDF-1.4\ngarbage\n%%EOF\n", RefusalCode.DAMAGED),
    "../../etc/passwd.pdf": lambda: Specimen(_pdf(), None),
    "..\\..\\windows\\system32\\evil.pdf": lambda: Specimen(_pdf(), None),
    "invoice\u202efdp.exe": lambda: Specimen(_pdf(), None),
    # Browsers escape line breaks and quotes in the upload's name, but not these.
    "tab\tescape\x1b[31mdelete\x7f.pdf": lambda: Specimen(_pdf(), None),
    # 304 bytes of UTF-8: the shown name must be cut to 255 bytes without splitting an "ä".
    ("ä" * 150) + ".pdf": lambda: Specimen(_pdf(), None),
    "photo.jpg": lambda: Specimen(samples.jpeg(), None),
    "scan-3-pages.tif": lambda: Specimen(tiff(), None),
    "photo.webp": lambda: Specimen(webp(), None),
    # Without pillow-heif installed, HEIC is refused with the list of types that are accepted.
    "IMG_0001.HEIC": lambda: Specimen(
        heic(), None if HEIF_SUPPORTED else RefusalCode.UNSUPPORTED_TYPE
    ),
    "truncated.tif": lambda: Specimen(_half(tiff()), RefusalCode.TRUNCATED),
    "truncated.webp": lambda: Specimen(_half(webp()), RefusalCode.TRUNCATED),
    "truncated.heic": lambda: Specimen(
        heic()[:-10], RefusalCode.TRUNCATED if HEIF_SUPPORTED else RefusalCode.UNSUPPORTED_TYPE
    ),
    "scan.png": lambda: Specimen(samples.png(), None),
}


def corpus() -> dict[str, Specimen]:
    """Every hostile or broken file, by the name it is uploaded under."""
    return {name: make() for name, make in SPECIMENS.items()}
