"""Scans and photos as PDF pages (package.md § 8.3).

Every image becomes one A4 page, portrait or landscape as the upright picture is, fitted
inside margins. The top and bottom margins are wider than the sides so that the Anlage stamp
(5 mm from the top edge, about 6 mm tall) never covers the picture and the stamping step does
not have to look at the pixels. JPEGs are passed through untouched where the PDF can show
them upright by itself (img2pdf sets the page's /Rotate from the EXIF orientation); anything
else is redrawn upright with Pillow first.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import img2pdf  # type: ignore[import-untyped]
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

POINTS_PER_MM = 72 / 25.4
A4_MM = (210.0, 297.0)
SIDE_MARGIN_MM = 10.0
# The stamp's box ends about 11 mm below the top edge (package.md § 8.2).
TOP_BOTTOM_MARGIN_MM = 15.0

# EXIF orientation → degrees a viewer turns the stored pixels clockwise. The mirrored values
# (2, 4, 5, 7) cannot be expressed by a page's /Rotate and are redrawn instead.
_ROTATIONS = {1: 0, 3: 180, 6: 90, 8: 270}
_EXIF_ORIENTATION = 0x0112

# Formats Pillow reads that make sense as a scan or photo of a document.
_ACCEPTED_FORMATS = {"JPEG", "PNG", "TIFF", "GIF", "BMP", "WEBP"}


class ImageConversionError(ValueError):
    """The bytes are not an image that can become a PDF page (unreadable, unsupported)."""


@dataclass(frozen=True, slots=True)
class ConvertedImage:
    pdf: bytes
    page_count: int


def looks_like_image(data: bytes) -> bool:
    """Whether `data` starts like one of the image formats this module converts."""
    return data.startswith(
        (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
    ) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def image_to_pdf(data: bytes) -> ConvertedImage:
    """One A4 page per image (per frame for a multi-page TIFF), upright and fitted."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in _ACCEPTED_FORMATS:
                raise ImageConversionError(f"unsupported image format {image_format}")
            _check_complete(data, image_format)
            orientation = _orientation(image)
            if (
                image_format == "JPEG"
                and orientation in _ROTATIONS
                and image.mode in ("L", "RGB", "CMYK")
            ):
                pdf = _convert([data], _layout(_ROTATIONS[orientation]))
                return ConvertedImage(pdf=pdf, page_count=1)
            pages = list(_redrawn_frames(image, image_format))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        # Pillow reports truncated or corrupt data as OSError or SyntaxError.
        raise ImageConversionError(f"not a readable image ({error})") from error
    if not pages:
        raise ImageConversionError("the image has no frames")
    return ConvertedImage(pdf=_convert(pages, _layout(0)), page_count=len(pages))


def _check_complete(data: bytes, image_format: str) -> None:
    """Refuse truncated files.

    Pillow would pad a truncated picture with grey instead of failing, because WeasyPrint
    sets `ImageFile.LOAD_TRUNCATED_IMAGES` for the whole process when it is imported; a scan
    missing its lower half must not go out as if it were complete.
    """
    if image_format == "JPEG":
        # The last scan of the picture must end with the end-of-image marker; trailers that
        # cameras append after it carry their own markers.
        last_scan = data.rfind(b"\xff\xda")
        if last_scan < 0 or data.find(b"\xff\xd9", last_scan) < 0:
            raise ImageConversionError("the JPEG file is truncated")
        return
    with Image.open(io.BytesIO(data)) as probe:
        try:
            probe.verify()
        except Exception as error:
            raise ImageConversionError(f"the image file is damaged ({error})") from error


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:
        # A broken EXIF block must not lose the picture; it is shown as stored.
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _redrawn_frames(image: Image.Image, image_format: str) -> Iterator[bytes]:
    """Each frame upright, without transparency, encoded so img2pdf embeds it losslessly
    (PNG) or as the JPEG it was (re-encoded only when it had to be turned)."""
    for frame in ImageSequence.Iterator(image):
        upright = ImageOps.exif_transpose(frame)
        upright = _without_transparency(upright)
        out = io.BytesIO()
        if image_format == "JPEG":
            upright.save(out, "JPEG", quality=90)
        else:
            upright.save(out, "PNG", optimize=False, compress_level=6)
        yield out.getvalue()


def _without_transparency(image: Image.Image) -> Image.Image:
    """Transparent parts become white paper; odd modes become grey or RGB."""
    if image.mode in ("1", "L", "RGB"):
        return image
    if image.mode == "CMYK":
        return image.convert("RGB")
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA")
    if image.mode in ("LA", "RGBA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return ImageOps.autocontrast(image.convert("F").convert("L"))
    return image.convert("RGB")


LayoutFunction = Callable[[int, int, object], tuple[float, float, float, float]]


def _layout(rotation: int) -> LayoutFunction:
    """An img2pdf layout for pictures whose stored pixels a viewer turns by `rotation`.

    img2pdf lays out the stored pixels and centres them, then sets /Rotate; so the page is
    chosen for the upright picture and handed back in stored orientation.
    """
    turned = rotation in (90, 270)

    def layout(
        stored_width: int, stored_height: int, _dpi: object
    ) -> tuple[float, float, float, float]:
        upright_width, upright_height = (
            (stored_height, stored_width) if turned else (stored_width, stored_height)
        )
        portrait = upright_height >= upright_width
        page_width_mm, page_height_mm = A4_MM if portrait else (A4_MM[1], A4_MM[0])
        box_width = (page_width_mm - 2 * SIDE_MARGIN_MM) * POINTS_PER_MM
        box_height = (page_height_mm - 2 * TOP_BOTTOM_MARGIN_MM) * POINTS_PER_MM
        scale = min(box_width / upright_width, box_height / upright_height)
        image_width, image_height = upright_width * scale, upright_height * scale
        page_width, page_height = page_width_mm * POINTS_PER_MM, page_height_mm * POINTS_PER_MM
        if turned:
            return page_height, page_width, image_height, image_width
        return page_width, page_height, image_width, image_height

    return layout


def _convert(images: list[bytes], layout: LayoutFunction) -> bytes:
    try:
        result: bytes = img2pdf.convert(
            images,
            layout_fun=layout,
            rotation=img2pdf.Rotation.ifvalid,
            # No creation date: the same scan gives the same page.
            nodate=True,
        )
    except Exception as error:
        # img2pdf raises plain exceptions of several kinds for images it cannot embed.
        raise ImageConversionError(f"the image cannot be embedded ({error})") from error
    return result
