"""PDF assembly: inspection, merging, stamps, bookmarks, watermarks and e-mail parts.

This is the project's only pypdf import (design.md): every other module hands bytes in and
gets bytes or plain data back, so a pypdf upgrade or a switch to another library touches one
file. Nothing here renders HTML; generated parts arrive as finished PDFs from
`documents/rendering.py`.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import re
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pikepdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    Fit,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from documents.fonts import Face
from documents.fonts import face as font_face
from documents.images import PlacedJpeg
from documents.typeset import DrawnDocument, DrawnPage, Rule, Text

MM_PER_POINT = 25.4 / 72

# pypdf reports every repair it makes on the "pypdf" logger; for an upload that is noise, and
# a warning could carry fragments of the file's content into the server log.
logging.getLogger("pypdf").setLevel(logging.ERROR)


# --------------------------------------------------------------------------------------------
# Inspection (used by the upload checks in documents/uploads.py)


@dataclass(frozen=True, slots=True)
class PdfInspection:
    """What an uploaded PDF is, as far as the upload checks need to know.

    `damaged` means the file cannot be read as a PDF, or one of its pages or page contents
    cannot be decoded. `max_page_size_mm` is (largest width, largest height) of the visible
    page areas, after each page's rotation. An encrypted file that opens without a password
    is still `encrypted`; one that needs a password reports page_count 0.

    `exhausted` means the reading stopped because the process ran out of memory or
    recursion depth (a limit the caller set, or a file built to exhaust a parser); that says
    nothing about the file, so it is not `damaged`, and nothing else is known either.
    """

    page_count: int
    encrypted: bool
    has_javascript: bool
    has_launch_action: bool
    has_embedded_files: bool
    damaged: bool
    max_page_size_mm: tuple[float, float]
    exhausted: bool = False


def inspect_pdf(data: bytes) -> PdfInspection:
    """Inspect `data` without trusting it; never raises for bad input."""
    return _read_and_inspect(data)[1]


def _read_and_inspect(data: bytes) -> tuple[PdfReader | None, PdfInspection]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except (MemoryError, RecursionError):
        return None, _exhausted(encrypted=_declares_encryption(data))
    except Exception:
        # pypdf signals broken input with many exception types (PdfReadError, ValueError,
        # KeyError, ...); for an upload they all mean the same thing. It also fails here on
        # files encrypted with an algorithm it cannot run (AES without the `cryptography`
        # package), because it tries the empty password while opening: a file whose
        # trailer declares encryption is reported as encrypted, never only as damaged.
        if _declares_encryption(data):
            return None, _unreadable(encrypted=True, damaged=False)
        return None, _unreadable(encrypted=False)
    # The trailer's /Encrypt entry, whether or not pypdf can decrypt what it points to.
    encrypted = reader.is_encrypted
    if encrypted:
        try:
            # Owner-password-only files open with the empty user password.
            opened = bool(reader.decrypt(""))
        except (MemoryError, RecursionError):
            return None, _exhausted(encrypted=True)
        except Exception:
            opened = False
        if not opened:
            return None, _unreadable(encrypted=True, damaged=False)
    try:
        pages = list(reader.pages)
        width = height = 0.0
        for page in pages:
            page_width, page_height = _display_size(page.cropbox, page.rotation)
            width = max(width, page_width)
            height = max(height, page_height)
            _check_content_decodes(page)
        markers = _ActiveContent()
        markers.scan(reader.trailer)
    except (MemoryError, RecursionError):
        return None, _exhausted(encrypted=encrypted)
    except Exception:
        return None, _unreadable(encrypted=encrypted)
    inspection = PdfInspection(
        page_count=len(pages),
        encrypted=encrypted,
        has_javascript=markers.javascript,
        has_launch_action=markers.launch,
        has_embedded_files=markers.embedded_files,
        damaged=not pages,
        max_page_size_mm=(round(width * MM_PER_POINT, 1), round(height * MM_PER_POINT, 1)),
    )
    return reader, inspection


# The keyword of a classic trailer, and the /Type entry of a cross-reference stream, whose
# dictionary is the trailer of files written with compressed cross-references.
_TRAILER = re.compile(rb"trailer\s*<<|/Type\s*/XRef(?![A-Za-z0-9])")
_ENCRYPT_ENTRY = re.compile(rb"/Encrypt(?![A-Za-z0-9])\s*(?:\d+\s+\d+\s+R|<<)")
# How far a trailer dictionary reaches, at most, from where it is found.
_TRAILER_REACH = 4096


def _declares_encryption(data: bytes) -> bool:
    """Whether a trailer of `data` (any of them: incremental updates add trailers) has an
    /Encrypt entry; read from the bytes, for files no parser can open."""
    for match in _TRAILER.finditer(data):
        if match.group().startswith(b"trailer"):
            # A classic trailer runs from its keyword to "startxref".
            start, end = match.start(), data.find(b"startxref", match.end())
        else:
            # A cross-reference stream's dictionary runs from "obj" to "stream".
            start = data.rfind(b"obj", max(0, match.start() - _TRAILER_REACH), match.start())
            end = data.find(b"stream", match.end())
        start = start if start >= 0 else match.start()
        end = end if 0 <= end - start <= 2 * _TRAILER_REACH else start + 2 * _TRAILER_REACH
        if _ENCRYPT_ENTRY.search(data, start, end):
            return True
    return False


def _check_content_decodes(page: PageObject) -> None:
    """Raise if a content stream of `page` is corrupt.

    pypdf repairs what it can and returns whatever part of a broken Flate stream it could
    recover, so a page would silently lose content; zlib itself is strict.
    """
    contents = page.get("/Contents")
    if contents is None:
        return
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    for reference in streams:
        stream = reference.get_object()
        if not isinstance(stream, StreamObject):
            raise PdfReadError("page content is not a stream")
        filters = stream.get("/Filter")
        if not stream._data.strip():
            # An empty stream draws nothing, whatever its filter says; qpdf writes blank
            # pages that way (/FlateDecode with zero bytes, which zlib calls truncated).
            continue
        if filters == "/FlateDecode" or filters == ArrayObject([NameObject("/FlateDecode")]):
            zlib.decompress(stream._data)
        else:
            stream.get_data()


def _unreadable(*, encrypted: bool, damaged: bool = True, exhausted: bool = False) -> PdfInspection:
    return PdfInspection(
        page_count=0,
        encrypted=encrypted,
        has_javascript=False,
        has_launch_action=False,
        has_embedded_files=False,
        damaged=damaged,
        max_page_size_mm=(0.0, 0.0),
        exhausted=exhausted,
    )


def _exhausted(*, encrypted: bool) -> PdfInspection:
    # Not `damaged`: nobody knows. open_pdf still refuses it, as it gets no reader.
    return _unreadable(encrypted=encrypted, damaged=False, exhausted=True)


def _display_size(box: object, rotation: int) -> tuple[float, float]:
    width = float(box.width)  # type: ignore[attr-defined]
    height = float(box.height)  # type: ignore[attr-defined]
    width, height = abs(width), abs(height)
    return (height, width) if rotation % 180 == 90 else (width, height)


class _ActiveContent:
    """Walks every object reachable from the trailer looking for scripts, launch actions and
    embedded files, wherever they hide (catalog, pages, annotations, form fields, outlines)."""

    # A file with more objects than this is not a scan of a few pages; stop rather than spend
    # minutes on it. The caller's time limit is the real guard.
    MAX_OBJECTS = 2_000_000

    def __init__(self) -> None:
        self.javascript = False
        self.launch = False
        self.embedded_files = False

    def scan(self, root: PdfObject) -> None:
        seen: set[tuple[int, int]] = set()
        stack: list[PdfObject] = [root]
        visited = 0
        while stack:
            node: PdfObject | None = stack.pop()
            if isinstance(node, IndirectObject):
                key = (node.idnum, node.generation)
                if key in seen:
                    continue
                seen.add(key)
                visited += 1
                if visited > self.MAX_OBJECTS:
                    raise PdfReadError("too many objects")
                node = node.get_object()
            if isinstance(node, DictionaryObject):
                self._check(node)
                stack.extend(self._children(node.values()))
            elif isinstance(node, ArrayObject):
                stack.extend(self._children(node))

    @staticmethod
    def _children(values: Iterable[object]) -> Iterator[PdfObject]:
        for value in values:
            if isinstance(value, IndirectObject | DictionaryObject | ArrayObject):
                yield value

    def _check(self, node: DictionaryObject) -> None:
        action = node.get("/S")
        if action == "/JavaScript" or "/JS" in node:
            self.javascript = True
        if action == "/Launch":
            self.launch = True
        # XFA forms carry their own scripting; no viewer in an authority should run them.
        if "/XFA" in node:
            self.javascript = True
        # The /JavaScript entry of the catalog's /Names dictionary: document-level scripts.
        if "/JavaScript" in node:
            self.javascript = True
        if (
            node.get("/Type") == "/EmbeddedFile"
            or node.get("/Subtype") == "/FileAttachment"
            or "/EF" in node
            or "/EmbeddedFiles" in node
        ):
            self.embedded_files = True


# --------------------------------------------------------------------------------------------
# Opening PDFs for the bundle


class UnusablePdfError(ValueError):
    """A PDF that must not go into a package. `reason` is one of REFUSAL_REASONS."""

    def __init__(self, reason: str) -> None:
        super().__init__(REFUSAL_REASONS[reason])
        self.reason = reason


REFUSAL_REASONS = {
    "encrypted": "the PDF is protected with a password",
    "damaged": "the PDF is damaged and cannot be read completely",
    "javascript": "the PDF contains JavaScript",
    "launch_action": "the PDF contains an action that starts a program",
    "empty": "the PDF has no pages",
}


class SourcePdf:
    """A checked PDF, opened once, ready to be bundled any number of times — or pages the
    bundler builds itself: a JPEG (`image`) or a document laid out by documents/typeset.py
    (`drawn`), so that no PDF is written for them and parsed again, and the faces of drawn
    documents are embedded once per file however many of them it holds. `data` and
    `reader` of such a source are made only if someone asks (e-mail recompression); `size`
    never needs them."""

    __slots__ = ("_data", "_reader", "crowded_cache", "drawn", "image", "page_count")

    # Bytes a one-page image PDF adds around its picture (page, content, image dictionary).
    IMAGE_OVERHEAD = 700

    def __init__(
        self,
        data: bytes | None,
        reader: PdfReader | None,
        page_count: int,
        image: PlacedJpeg | None = None,
        drawn: DrawnDocument | None = None,
    ) -> None:
        self._data = data
        self._reader = reader
        self.page_count = page_count
        self.image = image
        self.drawn = drawn
        # Which pages have content where the stamp goes; filled on first use (see _crowded).
        self.crowded_cache: dict[int, bool] = {}

    @property
    def data(self) -> bytes:
        if self._data is None:
            if self.drawn is not None:
                self._data = drawn_pdf(self.drawn)
            else:
                assert self.image is not None
                writer = PdfWriter()
                _image_page(writer, self.image)
                self._data = _write(writer)
        return self._data

    @property
    def reader(self) -> PdfReader:
        if self._reader is None:
            self._reader = PdfReader(io.BytesIO(self.data), strict=False)
        return self._reader

    @property
    def size(self) -> int:
        """Bytes this source brings into a file: for an image its picture and a little, for
        a drawn document an estimate (its text compresses to about a third; its faces once)."""
        if self._data is None and self.image is not None:
            return len(self.image.data) + self.IMAGE_OVERHEAD + len(self.image.icc_profile or b"")
        if self._data is None and self.drawn is not None:
            faces = {item.font.role: len(item.font.data) for item in _texts(self.drawn)}
            text = sum(len(item.text) * 5 + 40 for item in _texts(self.drawn))
            return text // 3 + sum(faces.values()) + 600 * self.page_count
        return len(self.data)


def image_source(image: PlacedJpeg) -> SourcePdf:
    return SourcePdf(data=None, reader=None, page_count=1, image=image)


def drawn_source(document: DrawnDocument) -> SourcePdf:
    return SourcePdf(data=None, reader=None, page_count=len(document.pages), drawn=document)


def _texts(document: DrawnDocument) -> Iterator[Text]:
    for page in document.pages:
        for item in page.items:
            if isinstance(item, Text):
                yield item


def _image_page(writer: PdfWriter, image: PlacedJpeg) -> PageObject:
    """The page img2pdf makes of a JPEG: the picture passed through (DCTDecode), placed in
    its box, the page turned by /Rotate."""
    width, height = image.page_size
    page = writer.add_blank_page(width, height)
    picture = StreamObject()
    picture.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(image.pixels[0]),
            NameObject("/Height"): NumberObject(image.pixels[1]),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    colour_space: PdfObject = NameObject("/DeviceGray" if image.grey else "/DeviceRGB")
    if image.icc_profile is not None:
        profile = StreamObject()
        profile[NameObject("/N")] = NumberObject(1 if image.grey else 3)
        profile[NameObject("/Alternate")] = colour_space
        profile.set_data(image.icc_profile)
        colour_space = ArrayObject([NameObject("/ICCBased"), writer._add_object(profile)])
    picture[NameObject("/ColorSpace")] = colour_space
    picture._data = image.data
    x, y, box_width, box_height = image.box
    content = f"q {_number(box_width)} 0 0 {_number(box_height)} {_number(x)} {_number(y)} cm"
    page[NameObject("/Contents")] = _stream(writer, content + " /Im0 Do Q")
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject(
                {NameObject("/Im0"): writer._add_object(picture)}
            )
        }
    )
    if image.rotate:
        page[NameObject("/Rotate")] = NumberObject(image.rotate)
    return page


def open_pdf(data: bytes, *, trusted: bool = False, flatten_forms: bool = True) -> SourcePdf:
    """Open a PDF for bundling; an untrusted one (an upload) is checked first and raises
    UnusablePdfError.

    `trusted` is for PDFs this program made itself (WeasyPrint renders, converted images):
    checking them would only cost time. In uploads, interactive forms and printable
    annotations are flattened into the page content (so what was filled in is printed and
    cannot be changed); everything else that could act in a viewer is dropped when the
    pages are copied.
    """
    if trusted:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return SourcePdf(data=data, reader=reader, page_count=len(reader.pages))
    checked, inspection = _read_and_inspect(data)
    if inspection.encrypted:
        raise UnusablePdfError("encrypted")
    if inspection.damaged or checked is None:
        raise UnusablePdfError("damaged")
    if inspection.has_javascript:
        raise UnusablePdfError("javascript")
    if inspection.has_launch_action:
        raise UnusablePdfError("launch_action")
    reader = checked
    if flatten_forms and _has_annotations(reader):
        data = _flatten_annotations(data)
        reader = PdfReader(io.BytesIO(data), strict=False)
    page_count = len(reader.pages)
    if page_count == 0:
        raise UnusablePdfError("empty")
    return SourcePdf(data=data, reader=reader, page_count=page_count)


def _has_annotations(reader: PdfReader) -> bool:
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    return "/AcroForm" in root or any("/Annots" in page for page in reader.pages)


def _flatten_annotations(data: bytes) -> bytes:
    """Filled form fields and printable annotations become part of the page content."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/AcroForm" in pdf.Root:
                pdf.generate_appearance_streams()
            pdf.flatten_annotations(mode="print")
            if "/AcroForm" in pdf.Root:
                del pdf.Root["/AcroForm"]
            out = io.BytesIO()
            pdf.save(out)
    except pikepdf.PdfError as error:
        raise UnusablePdfError("damaged") from error
    return out.getvalue()


def drawn_pdf(document: DrawnDocument) -> bytes:
    """The pages documents/typeset.py laid out, as a PDF with the faces they use embedded."""
    writer = PdfWriter()
    fonts = _WriterFonts(writer)
    for drawn in document.pages:
        _drawn_page(writer, fonts, drawn)
    return _write(writer)


def _drawn_page(writer: PdfWriter, fonts: _WriterFonts, drawn: DrawnPage) -> PageObject:
    page = writer.add_blank_page(drawn.width, drawn.height)
    operations: list[str] = []
    used: dict[str, IndirectObject] = {}
    for item in drawn.items:
        if isinstance(item, Rule):
            y = _number(drawn.height - item.y)
            operations.append(
                f"q {_number(item.grey)} G {_number(item.width)} w 0 J "
                f"{_number(item.x0)} {y} m {_number(item.x1)} {y} l S Q"
            )
            continue
        name = fonts.resource_name(item.font)
        used[name] = fonts.reference(item.font)
        angle = math.radians(item.angle)
        cos, sin = math.cos(angle), math.sin(angle)
        operations.append(
            f"BT {_number(item.grey)} g {name} {_number(item.size)} Tf "
            f"{_number(cos)} {_number(sin)} {_number(-sin)} {_number(cos)} "
            f"{_number(item.x)} {_number(drawn.height - item.baseline)} Tm "
            f"{_text_operator(item.font, item.text)} ET"
        )
    page[NameObject("/Contents")] = _stream(writer, "\n".join(operations), compress=True)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject(name): reference for name, reference in used.items()}
            )
        }
    )
    return page


def concatenate_pdfs(documents: Sequence[bytes]) -> bytes:
    """Plain concatenation of trusted PDFs (no stamps, no checks)."""
    writer = PdfWriter()
    for data in documents:
        writer.append(PdfReader(io.BytesIO(data)))
    return _write(writer)


def page_count_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


# --------------------------------------------------------------------------------------------
# Geometry: a page is drawn on in "display space", the page as a viewer shows it (origin at
# the bottom left of the visible area, after /Rotate), and mapped to the page's own space.

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(first: Matrix, second: Matrix) -> Matrix:
    """The transformation that applies `first`, then `second` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = second
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _inverse(matrix: Matrix) -> Matrix:
    a, b, c, d, e, f = matrix
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


@dataclass(frozen=True, slots=True)
class _PageGeometry:
    width: float  # as displayed, in points
    height: float
    to_page: Matrix  # display space → the page's own coordinates

    @classmethod
    def of(cls, page: PageObject) -> _PageGeometry:
        box = page.cropbox
        x0, y0 = float(min(box.left, box.right)), float(min(box.bottom, box.top))
        x1, y1 = float(max(box.left, box.right)), float(max(box.bottom, box.top))
        rotation = page.rotation % 360
        if rotation == 90:
            return cls(y1 - y0, x1 - x0, (0.0, 1.0, -1.0, 0.0, x1, y0))
        if rotation == 180:
            return cls(x1 - x0, y1 - y0, (-1.0, 0.0, 0.0, -1.0, x1, y1))
        if rotation == 270:
            return cls(y1 - y0, x1 - x0, (0.0, -1.0, 1.0, 0.0, x0, y1))
        return cls(x1 - x0, y1 - y0, (1.0, 0.0, 0.0, 1.0, x0, y0))

    def content_shrink(self) -> Matrix:
        """Scale the page's content to CROWDED_SCALE, anchored at the bottom centre of the
        displayed page, expressed in the page's own coordinates."""
        shrink: Matrix = (
            CROWDED_SCALE,
            0.0,
            0.0,
            CROWDED_SCALE,
            self.width * (1 - CROWDED_SCALE) / 2,
            0.0,
        )
        return _then(_then(_inverse(self.to_page), shrink), self.to_page)


def _cm(matrix: Matrix) -> str:
    return " ".join(_number(value) for value in matrix) + " cm"


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --------------------------------------------------------------------------------------------
# Stamp (package.md § 8.2)

MM = 72 / 25.4
STAMP_FONT_SIZE = 9.0
STAMP_TOP = 5 * MM  # box top edge from the page's top edge
STAMP_RIGHT = 8 * MM  # box right edge from the page's right edge
STAMP_PADDING_X = 2 * MM
STAMP_PADDING_Y = 1 * MM
STAMP_BORDER = 0.5
# The area that must be blank for the stamp: about 60 × 12 mm at the top right.
CHECK_LEFT_FROM_RIGHT = 66 * MM
CHECK_RIGHT_FROM_RIGHT = 6 * MM
CHECK_TOP = 3 * MM
CHECK_BOTTOM = 15 * MM
CHECK_DARK_LEVEL = 200
CHECK_DARK_SHARE = 0.005
# PDFium is not thread-safe (pypdfium2 documents the rule): every caller in a process holds
# this one lock, here and in documents/preview.py.
PDFIUM_LOCK = threading.Lock()
CROWDED_SCALE = 0.94


def stamp_text(anlage: int, page: int, pages: int) -> str:
    return f"Anlage {anlage} – Seite {page}/{pages}"


def _crowded(source: SourcePdf, index: int) -> bool:
    """Whether page `index` has content where the stamp goes (rendered at 72 dpi)."""
    cached = source.crowded_cache.get(index)
    if cached is not None:
        return cached
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(source.data)
        try:
            for number in range(source.page_count):
                page = document[number]
                try:
                    source.crowded_cache[number] = _stamp_area_is_dark(page)
                finally:
                    page.close()
        finally:
            document.close()
    return source.crowded_cache[index]


def _stamp_area_is_dark(page: Any) -> bool:
    # pdfium reports the size as displayed (after /Rotate); the crop applies to that, too.
    width, height = page.get_size()
    left = max(0.0, width - CHECK_LEFT_FROM_RIGHT)
    right = min(CHECK_RIGHT_FROM_RIGHT, max(0.0, width - left - 1))
    bottom = max(0.0, height - CHECK_BOTTOM)
    bitmap = page.render(
        scale=1,
        crop=(left, bottom, right, CHECK_TOP),
        grayscale=True,
        fill_color=(255, 255, 255, 255),
        draw_annots=False,
    )
    try:
        image = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    histogram = image.histogram()
    dark = sum(histogram[:CHECK_DARK_LEVEL])
    total = image.width * image.height
    return bool(total > 0 and dark / total >= CHECK_DARK_SHARE)


# --------------------------------------------------------------------------------------------
# Embedding the faces this module and documents/typeset.py draw with (documents/fonts.py):
# a Type 0 font with Identity-H glyph ids and a ToUnicode map, so the text is real and
# searchable.


class _WriterFonts:
    """The fonts of one output file, each embedded once and only when used."""

    # The stamp face keeps a fixed resource name: pages of a bundle share it.
    STAMP = "/BRBold"

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.references: dict[str, IndirectObject] = {}
        self.names: dict[str, str] = {}

    def reference(self, font: Face) -> IndirectObject:
        if font.role not in self.references:
            # A subset tag per face: Arimo's Latin and Latin Extended files share a name.
            tag = "BR" + "".join(chr(ord("A") + int(d)) for d in f"{len(self.references):04d}")
            self.references[font.role] = self._embed(font, tag)
            self.names[font.role] = f"/BRF{len(self.names)}"
        return self.references[font.role]

    def resource_name(self, font: Face) -> str:
        self.reference(font)
        return self.names[font.role]

    def _embed(self, font: Face, tag: str) -> IndirectObject:
        writer = self.writer
        font_file = StreamObject()
        font_file[NameObject("/Length1")] = NumberObject(font.length)
        font_file[NameObject("/Filter")] = NameObject("/FlateDecode")
        # Compressed once per process (documents/fonts.py), not once per file.
        font_file._data = font.data
        base_font = NameObject(f"/{tag}+{font.name}")
        descriptor = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/FontDescriptor"),
                NameObject("/FontName"): base_font,
                NameObject("/Flags"): NumberObject(32),
                NameObject("/FontBBox"): ArrayObject(FloatObject(v) for v in font.bbox),
                NameObject("/ItalicAngle"): NumberObject(0),
                NameObject("/Ascent"): FloatObject(font.ascent),
                NameObject("/Descent"): FloatObject(font.descent),
                NameObject("/CapHeight"): FloatObject(font.cap_height),
                NameObject("/StemV"): NumberObject(80),
                NameObject("/FontFile2"): writer._add_object(font_file),
            }
        )
        widths = ArrayObject(
            [NumberObject(0), ArrayObject(FloatObject(round(w, 1)) for w in font.widths)]
        )
        descendant = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/CIDFontType2"),
                NameObject("/BaseFont"): base_font,
                NameObject("/CIDSystemInfo"): DictionaryObject(
                    {
                        NameObject("/Registry"): TextStringObject("Adobe"),
                        NameObject("/Ordering"): TextStringObject("Identity"),
                        NameObject("/Supplement"): NumberObject(0),
                    }
                ),
                NameObject("/FontDescriptor"): writer._add_object(descriptor),
                NameObject("/W"): widths,
                NameObject("/CIDToGIDMap"): NameObject("/Identity"),
            }
        )
        to_unicode = StreamObject()
        to_unicode.set_data(_to_unicode_cmap(font))
        dictionary = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type0"),
                NameObject("/BaseFont"): base_font,
                NameObject("/Encoding"): NameObject("/Identity-H"),
                NameObject("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
                NameObject("/ToUnicode"): writer._add_object(to_unicode.flate_encode()),
            }
        )
        return writer._add_object(dictionary)


@functools.cache
def _to_unicode_cmap(font: Face) -> bytes:
    by_glyph: dict[int, int] = {}
    for code, glyph in sorted(font.glyphs.items()):
        by_glyph.setdefault(glyph, code)
    entries = sorted(by_glyph.items())
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{glyph:04X}> <{code:04X}>" for glyph, code in chunk)
        lines.append("endbfchar")
    lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
    return "\n".join(lines).encode("ascii")


def _text_operator(program: Face, text: str) -> str:
    return f"<{program.encode(text).hex().upper()}> Tj"


def _stamp_operations(geometry: _PageGeometry, text: str) -> str:
    program = font_face("stamp")
    text_width = program.width(text, STAMP_FONT_SIZE)
    ascent = program.ascent * STAMP_FONT_SIZE / 1000
    descent = -program.descent * STAMP_FONT_SIZE / 1000
    box_width = text_width + 2 * STAMP_PADDING_X
    box_height = ascent + descent + 2 * STAMP_PADDING_Y
    right = geometry.width - STAMP_RIGHT
    top = geometry.height - STAMP_TOP
    left, bottom = right - box_width, top - box_height
    return "\n".join(
        [
            "q",
            _cm(geometry.to_page),
            f"1 g 0 G {_number(STAMP_BORDER)} w 0 J 0 j []0 d",
            f"{_number(left)} {_number(bottom)} {_number(box_width)} {_number(box_height)} re B",
            "0 g BT",
            f"{_WriterFonts.STAMP} {_number(STAMP_FONT_SIZE)} Tf",
            f"{_number(left + STAMP_PADDING_X)} {_number(bottom + STAMP_PADDING_Y + descent)} Td",
            _text_operator(program, text),
            "ET Q",
        ]
    )


WATERMARK_TEXT = "ENTWURF"
WATERMARK_GREY = 0.55
WATERMARK_OPACITY = 0.35
_WATERMARK_STATE = "/BRWatermark"


def _watermark_operations(geometry: _PageGeometry) -> str:
    """ "ENTWURF" across the page's diagonal, light grey, over the content but see-through."""
    program = font_face("stamp")
    diagonal = math.hypot(geometry.width, geometry.height)
    size = 0.6 * diagonal * 1000 / max(1.0, program.width(WATERMARK_TEXT, 1000))
    angle = math.atan2(geometry.height, geometry.width)
    cos, sin = math.cos(angle), math.sin(angle)
    text_width = program.width(WATERMARK_TEXT, size)
    cap = program.cap_height * size / 1000
    return "\n".join(
        [
            "q",
            _cm(geometry.to_page),
            f"{_WATERMARK_STATE} gs {_number(WATERMARK_GREY)} g BT",
            f"{_WriterFonts.STAMP} {_number(size)} Tf",
            f"{_number(cos)} {_number(sin)} {_number(-sin)} {_number(cos)} "
            f"{_number(geometry.width / 2)} {_number(geometry.height / 2)} Tm",
            f"{_number(-text_width / 2)} {_number(-cap / 2)} Td",
            _text_operator(program, WATERMARK_TEXT),
            "ET Q",
        ]
    )


# --------------------------------------------------------------------------------------------
# Bundling


@dataclass(frozen=True, slots=True)
class Section:
    """A run of pages of one source in the bundle.

    `anlage` stamps every page "Anlage N – Seite x/y", x and y counted over the whole source
    even when `pages` takes only some of them (an Anlage split across e-mail parts).
    `stamp_area_free` skips the check for content under the stamp (images laid out by
    documents/images.py leave that room). `nested_outline` keeps the source's own bookmarks
    (the letter's section headings) below this section's bookmark.
    """

    source: SourcePdf
    bookmark: str | None
    anlage: int | None = None
    watermark: bool = False
    stamp_area_free: bool = False
    nested_outline: bool = False
    pages: range | None = None

    @property
    def page_indexes(self) -> range:
        return self.pages if self.pages is not None else range(self.source.page_count)


@dataclass(frozen=True, slots=True)
class BundleMetadata:
    title: str
    author: str
    subject: str
    keywords: str | None = None
    # Stable per package version (package.md § 12.1); 16 bytes.
    identifier: bytes | None = None
    created: date | None = None


@dataclass(frozen=True, slots=True)
class Bundle:
    data: bytes
    page_count: int
    # (first, last) page of every section, counted from 1 in this file
    ranges: tuple[tuple[int, int], ...]
    # Pages (counted from 1 in this file) whose content was shrunk to make room for a stamp
    shrunk_pages: tuple[int, ...]


def bundle(sections: Sequence[Section], metadata: BundleMetadata) -> Bundle:
    """Join `sections` into one PDF with stamps, watermarks, bookmarks and metadata."""
    writer = PdfWriter()
    fonts = _WriterFonts(writer)
    ranges: list[tuple[int, int]] = []
    shrunk: list[int] = []
    outline_sources: list[tuple[Section, int]] = []
    for section in sections:
        first = len(writer.pages)
        for position in section.page_indexes:
            source = section.source
            if source.image is not None:
                page = _image_page(writer, source.image)
            elif source.drawn is not None:
                page = _drawn_page(writer, fonts, source.drawn.pages[position])
            else:
                page = writer.add_page(source.reader.pages[position])
                _clean_page(page)
            decorations: list[str] = []
            if section.watermark:
                decorations.append(_watermark_operations(_PageGeometry.of(page)))
            if section.anlage is not None:
                geometry = _PageGeometry.of(page)
                crowded = not section.stamp_area_free and _crowded(section.source, position)
                if crowded:
                    shrunk.append(len(writer.pages))
                text = stamp_text(section.anlage, position + 1, section.source.page_count)
                decorations.append(_stamp_operations(geometry, text))
                _decorate(writer, fonts, page, decorations, geometry if crowded else None)
            elif decorations:
                _decorate(writer, fonts, page, decorations, None)
        ranges.append((first + 1, len(writer.pages)))
        outline_sources.append((section, first))
    _add_outline(writer, outline_sources)
    _set_metadata(writer, metadata)
    return Bundle(
        data=_write(writer),
        page_count=len(writer.pages),
        ranges=tuple(ranges),
        shrunk_pages=tuple(shrunk),
    )


# Page keys that make a page act in a viewer or point into a structure left behind.
_DROPPED_PAGE_KEYS = ("/Annots", "/AA", "/B", "/StructParents", "/PieceInfo", "/Metadata")


def _clean_page(page: PageObject) -> None:
    for key in _DROPPED_PAGE_KEYS:
        if key in page:
            del page[NameObject(key)]


def _decorate(
    writer: PdfWriter,
    fonts: _WriterFonts,
    page: PageObject,
    operations: list[str],
    shrink_for: _PageGeometry | None,
) -> None:
    """Draw `operations` over the page's content; shrink the content first if asked.

    The old content is wrapped in q/Q so that whatever graphics state it leaves behind does
    not move or recolour the stamp.
    """
    before = "q\n" + (_cm(shrink_for.content_shrink()) + "\n" if shrink_for else "")
    after = "\nQ\n" + "\n".join(operations) + "\n"
    contents = page.get("/Contents")
    existing: list[PdfObject] = []
    if contents is not None:
        resolved = contents.get_object()
        existing = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [_stream(writer, before), *existing, _stream(writer, after)]
    )
    if page.get("/Resources") is None:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    font_dictionary = _sub_dictionary(resources, "/Font")
    font_dictionary[NameObject(_WriterFonts.STAMP)] = fonts.reference(font_face("stamp"))
    if any(_WATERMARK_STATE in operation for operation in operations):
        states = _sub_dictionary(resources, "/ExtGState")
        states[NameObject(_WATERMARK_STATE)] = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/ExtGState"),
                NameObject("/ca"): FloatObject(WATERMARK_OPACITY),
                NameObject("/CA"): FloatObject(WATERMARK_OPACITY),
            }
        )


def _sub_dictionary(resources: PdfObject | None, key: str) -> DictionaryObject:
    assert isinstance(resources, DictionaryObject)
    value = resources.get(key)
    if value is None:
        value = DictionaryObject()
        resources[NameObject(key)] = value
    resolved = value.get_object()
    assert isinstance(resolved, DictionaryObject)
    return resolved


def _stream(writer: PdfWriter, text: str, *, compress: bool = False) -> IndirectObject:
    stream = StreamObject()
    stream.set_data(text.encode("ascii"))
    return writer._add_object(stream.flate_encode() if compress else stream)


def _add_outline(writer: PdfWriter, sections: list[tuple[Section, int]]) -> None:
    for section, first in sections:
        if section.bookmark is None:
            continue
        parent = writer.add_outline_item(title=section.bookmark, page_number=first, is_open=False)
        if section.nested_outline:
            _copy_outline(writer, section, first, parent)


def _copy_outline(writer: PdfWriter, section: Section, first: int, parent: IndirectObject) -> None:
    """The source's own bookmarks below `parent`; a single top entry on the first page (the
    letter's Betreff, which `parent` already stands for) is skipped and its children lifted."""
    reader = section.source.reader
    try:
        outline = reader.outline
    except Exception:
        return
    items: list[Any] = list(outline)
    if (
        len(items) >= 2
        and isinstance(items[1], list)
        and not isinstance(items[0], list)
        and reader.get_destination_page_number(items[0]) == 0
    ):
        items = [*items[1], *items[2:]]
    shown = set(section.page_indexes)
    _copy_items(writer, reader, items, first, parent, shown, section.page_indexes.start)


def _copy_items(
    writer: PdfWriter,
    reader: PdfReader,
    items: list[Any],
    first: int,
    parent: IndirectObject,
    shown: set[int],
    start: int,
) -> None:
    last: IndirectObject | None = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_items(writer, reader, item, first, last, shown, start)
            continue
        page_number = reader.get_destination_page_number(item)
        if page_number not in shown:
            last = None
            continue
        target = first + page_number - start
        top = item.get("/Top")
        fit = Fit.xyz(top=float(top)) if top is not None else Fit.fit()
        last = writer.add_outline_item(
            title=str(item.title), page_number=target, parent=parent, fit=fit, is_open=False
        )


def _set_metadata(writer: PdfWriter, metadata: BundleMetadata) -> None:
    info: dict[str, str] = {
        "/Title": metadata.title,
        "/Author": metadata.author,
        "/Subject": metadata.subject,
        "/Creator": "Bleiberecht-Assistent",
        "/Producer": "Bleiberecht-Assistent",
    }
    if metadata.keywords:
        info["/Keywords"] = metadata.keywords
    if metadata.created is not None:
        stamp = f"D:{metadata.created:%Y%m%d}000000"
        info["/CreationDate"] = stamp
        info["/ModDate"] = stamp
    writer.add_metadata(info)
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject("de")
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    if metadata.identifier is not None:
        identifier = ByteStringObject(metadata.identifier)
        writer._ID = ArrayObject([identifier, identifier])


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Sizes and recompression for e-mail parts (package.md § 11, § 8.3)

RECOMPRESS_DPI = 200
RECOMPRESS_QUALITY = 75


def estimated_page_sizes(source: SourcePdf) -> list[int]:
    """Bytes each page brings into a file: its content and the streams it draws (images,
    forms, fonts), each counted once per page. Shared resources are counted on every page
    that uses them, which errs on the safe side for a size cap."""
    sizes = []
    for page in source.reader.pages:
        seen: set[tuple[int, int]] = set()
        sizes.append(_stream_bytes(page, seen) + 512)
    return sizes


def _stream_bytes(node: PdfObject | None, seen: set[tuple[int, int]]) -> int:
    total = 0
    stack: list[PdfObject | None] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, IndirectObject):
            key = (current.idnum, current.generation)
            if key in seen:
                continue
            seen.add(key)
            current = current.get_object()
        if isinstance(current, StreamObject):
            total += len(current._data)
        if isinstance(current, DictionaryObject):
            for key, value in current.items():
                # The page tree leads to every other page.
                if key not in ("/Parent", "/P"):
                    stack.append(value)
        elif isinstance(current, ArrayObject):
            stack.extend(current)
    return total


def _raw_size(reference: IndirectObject | None) -> int:
    if reference is None:
        return 0
    stream = reference.get_object()
    return len(stream._data) if isinstance(stream, StreamObject) else 0


def recompress_images(source: SourcePdf) -> SourcePdf:
    """The same pages with their pictures at most RECOMPRESS_DPI and re-encoded as JPEG."""
    writer = PdfWriter(clone_from=source.reader)
    changed = False
    for page in writer.pages:
        geometry = _PageGeometry.of(page)
        longest_inch = max(geometry.width, geometry.height) / 72
        limit = max(1, int(longest_inch * RECOMPRESS_DPI))
        for image_file in page.images:
            try:
                picture = image_file.image
            except Exception:
                continue
            if picture is None:
                continue
            if picture.mode not in ("L", "RGB"):
                picture = picture.convert("RGB")
            longest = max(picture.size)
            if longest > limit:
                factor = limit / longest
                picture = picture.resize(
                    (max(1, round(picture.width * factor)), max(1, round(picture.height * factor)))
                )
            encoded = io.BytesIO()
            picture.save(encoded, "JPEG", quality=RECOMPRESS_QUALITY)
            # Re-encoding an already small JPEG can make it larger; keep the smaller one.
            if len(encoded.getvalue()) >= _raw_size(image_file.indirect_reference):
                continue
            image_file.replace(picture, quality=RECOMPRESS_QUALITY)
            changed = True
    if not changed:
        return source
    return open_pdf(_write(writer), trusted=True)
