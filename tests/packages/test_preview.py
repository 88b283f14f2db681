"""documents.preview: one page of a PDF as a PNG of a given width."""

from __future__ import annotations

import io
from typing import cast

import pytest
from PIL import Image

from documents.package import Package
from documents.preview import MAX_HEIGHT_PX, MAX_WIDTH_PX, PreviewError, render_page_png


def test_every_page_can_be_drawn_at_the_asked_width(eze_draft: Package) -> None:
    for index in (0, eze_draft.page_count - 1):
        png = render_page_png(eze_draft.pdf, index, 300)
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG"
            assert image.width == 300
            assert image.height == pytest.approx(300 * 297 / 210, abs=1)


def test_a_page_drawn_is_not_blank(eze_draft: Package) -> None:
    with Image.open(io.BytesIO(render_page_png(eze_draft.pdf, 0, 200))) as image:
        darkest, brightest = cast(tuple[int, int], image.convert("L").getextrema())
    assert brightest == 255
    assert darkest < 100


@pytest.mark.parametrize("index", [-1, 10_000])
def test_a_page_that_does_not_exist_is_refused(eze_draft: Package, index: int) -> None:
    with pytest.raises(PreviewError):
        render_page_png(eze_draft.pdf, index, 200)


def test_bytes_that_are_no_pdf_are_refused() -> None:
    with pytest.raises(PreviewError):
        render_page_png(b"%PDF-1.4 this is not really a PDF", 0, 200)


@pytest.mark.parametrize("width", [0, MAX_WIDTH_PX + 1])
def test_widths_outside_the_bounds_are_refused(eze_draft: Package, width: int) -> None:
    with pytest.raises(ValueError, match="width_px"):
        render_page_png(eze_draft.pdf, 0, width)


def test_a_very_long_page_is_drawn_narrower_instead_of_taller() -> None:
    strip = Image.new("RGB", (100, 3000), "white")
    out = io.BytesIO()
    # Pillow writes a one-page PDF of 100 × 3000 points.
    strip.save(out, "PDF", resolution=72)

    with Image.open(io.BytesIO(render_page_png(out.getvalue(), 0, MAX_WIDTH_PX))) as image:
        assert image.height <= MAX_HEIGHT_PX
        assert image.width < MAX_WIDTH_PX
