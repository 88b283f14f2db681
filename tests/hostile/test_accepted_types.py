"""TIFF, WebP and HEIC are accepted on upload and become PDF pages in the package."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest

from documents.images import HEIF_SUPPORTED, image_to_pdf
from documents.uploads import (
    MAX_PDF_PAGES,
    RefusalCode,
    UploadRefused,
    inspect_upload,
    make_thumbnail,
)
from tests.hostile.make_corpus import heic, tiff, webp

TYPES: dict[str, tuple[Callable[[], bytes], str, str, int]] = {
    "tiff": (tiff, "image/tiff", "tif", 3),
    "webp": (webp, "image/webp", "webp", 1),
}
if HEIF_SUPPORTED:
    TYPES["heic"] = (heic, "image/heic", "heic", 1)


@pytest.mark.parametrize("kind", list(TYPES))
def test_the_picture_is_accepted_with_one_page_per_frame(kind: str) -> None:
    make, content_type, extension, pages = TYPES[kind]

    accepted = inspect_upload(make())

    assert (accepted.content_type, accepted.extension, accepted.page_count) == (
        content_type,
        extension,
        pages,
    )


@pytest.mark.parametrize("kind", list(TYPES))
def test_the_package_builder_turns_every_frame_into_an_a4_page(kind: str) -> None:
    make, _content_type, _extension, pages = TYPES[kind]

    converted = image_to_pdf(make())

    assert converted.page_count == pages
    with pikepdf.open(io.BytesIO(converted.pdf)) as document:
        assert len(document.pages) == pages
        for page in document.pages:
            width, height = (float(value) for value in page.mediabox[2:])
            assert sorted((round(width), round(height))) == [595, 842]


@pytest.mark.parametrize("kind", list(TYPES))
def test_a_thumbnail_is_drawn_for_the_picture(kind: str) -> None:
    make, content_type, _extension, _pages = TYPES[kind]

    thumbnail = make_thumbnail(make(), content_type)

    assert thumbnail.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_tiff_with_more_frames_than_pages_allowed_is_refused() -> None:
    with pytest.raises(UploadRefused) as caught:
        inspect_upload(tiff(pages=MAX_PDF_PAGES + 1))

    assert caught.value.code is RefusalCode.TOO_MANY_PAGES
