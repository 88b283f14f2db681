"""Pictures of a built package's pages for the page-by-page preview.

Pages are drawn on request, one at a time, from the package's own PDF (the builder's output,
not a raw upload). PDFium is not thread-safe, not even across different documents, and a
threaded server may ask for several thumbnails at once: every PDFium call here holds
`PDFIUM_LOCK`. The PNG is encoded after the lock is released.
"""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PIL import Image

# One process-wide lock for every caller of PDFium (pypdfium2 documents the rule).
PDFIUM_LOCK = threading.Lock()

# Wide enough for a sharp full-width view on a large screen; a bound on the memory one
# request may ask for (an A4 page at 2000 px is about 11 MB of pixels).
MAX_WIDTH_PX = 2000
# A strip-like page (a receipt scanned as one long page) is drawn narrower rather than
# taller than this.
MAX_HEIGHT_PX = 2 * MAX_WIDTH_PX


class PreviewError(Exception):
    """The page cannot be drawn: the PDF cannot be read, or there is no such page."""


def render_page_png(pdf: bytes, page_index: int, width_px: int) -> bytes:
    """Page `page_index` (counted from 0) of `pdf` as a PNG `width_px` pixels wide (narrower
    if it would be taller than MAX_HEIGHT_PX), on white, turned as the page is shown."""
    if not 1 <= width_px <= MAX_WIDTH_PX:
        raise ValueError(f"width_px must be between 1 and {MAX_WIDTH_PX}, not {width_px}")
    image = _render(pdf, page_index, width_px)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _render(pdf: bytes, page_index: int, width_px: int) -> Image.Image:
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
                if width <= 0 or height <= 0:
                    raise PreviewError(f"page {page_index + 1} has no size")
                scale = min(width_px / width, MAX_HEIGHT_PX / height)
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
