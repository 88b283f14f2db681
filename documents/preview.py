"""Pictures of a built package's pages for the page-by-page preview.

Pages are drawn on request, one at a time, from the package's own PDF. The builder wrote that
PDF, but its pages are copied from users' uploads, so PDFium reads it as untrusted input:
`render_page_png` draws in a child process bounded in time and memory
(`documents.uploads.draw_bounded`), and the web worker only checks that what comes back is a
PNG of the size asked for. The child is single-threaded, which also keeps PDFium, which is not
thread-safe, out of the threaded server. `draw_page_png` is the drawing itself, for the child
(and for trusted PDFs in a process of its own); it still holds `PDFIUM_LOCK`, so a threaded
caller is safe.
"""

from __future__ import annotations

import io
import math

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PIL import Image

from documents.bundling import PDFIUM_LOCK
from documents.uploads import Job, draw_bounded

# Wide enough for a sharp full-width view on a large screen; a bound on the memory one
# request may ask for (an A4 page at 2000 px is about 11 MB of pixels).
MAX_WIDTH_PX = 2000
# A strip-like page (a receipt scanned as one long page) is drawn narrower rather than
# taller than this.
MAX_HEIGHT_PX = 2 * MAX_WIDTH_PX
# A package page of scanned photos takes well under a second; a page that takes longer is
# a page someone built to stall a renderer.
PAGE_TIMEOUT_SECONDS = 10.0


class PreviewError(Exception):
    """The page cannot be drawn: the PDF cannot be read, there is no such page, or drawing it
    took more time or memory than a page may."""


def render_page_png(pdf: bytes, page_index: int, width_px: int) -> bytes:
    """Page `page_index` (counted from 0) of `pdf` as a PNG `width_px` pixels wide (narrower
    if it would be taller than MAX_HEIGHT_PX), on white, turned as the page is shown.

    Drawn in a bounded child process; PreviewError when it drew nothing usable."""
    if not 1 <= width_px <= MAX_WIDTH_PX:
        raise ValueError(f"width_px must be between 1 and {MAX_WIDTH_PX}, not {width_px}")
    if page_index < 0:
        raise PreviewError(f"the PDF has no page {page_index + 1}")
    png = draw_bounded(
        Job.PAGE_PNG,
        pdf,
        {"page_index": page_index, "max_width": width_px, "max_height": MAX_HEIGHT_PX},
        max_size=(width_px, MAX_HEIGHT_PX),
        timeout=PAGE_TIMEOUT_SECONDS,
    )
    if png is None:
        raise PreviewError(f"page {page_index + 1} could not be drawn")
    return png


def draw_page_png(
    pdf: bytes,
    page_index: int,
    max_width: int,
    max_height: int,
    *,
    max_scale: float | None = None,
) -> bytes:
    """Page `page_index` of `pdf` as a PNG as large as fits `max_width` × `max_height` pixels
    (and at most `max_scale` pixels per point), on white. Runs in this process, without a
    bound: for the bounded child, or for PDFs this program made itself."""
    image = _render(pdf, page_index, max_width, max_height, max_scale)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _render(
    pdf: bytes, page_index: int, max_width: int, max_height: int, max_scale: float | None
) -> Image.Image:
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as error:
            raise PreviewError("the PDF cannot be read") from error
        try:
            if not 0 <= page_index < len(document):
                raise PreviewError(f"the PDF has no page {page_index + 1}")
            page = document[page_index]
            try:
                width, height = page.get_size()
                if not (width > 0 and height > 0 and math.isfinite(width * height)):
                    raise PreviewError(f"page {page_index + 1} has no size")
                scale = min(max_width / width, max_height / height)
                if max_scale is not None:
                    scale = min(scale, max_scale)
                bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255))
                try:
                    # The PIL image may share memory with the bitmap: copy before closing it.
                    image: Image.Image = bitmap.to_pil().copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
        except pdfium.PdfiumError as error:
            raise PreviewError(f"page {page_index + 1} cannot be drawn") from error
        finally:
            document.close()
    return image
