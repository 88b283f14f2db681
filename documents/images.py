"""Scans and photos as PDF pages (package.md § 8.3).

Every image becomes one A4 page, portrait or landscape as the upright picture is, fitted
inside margins. The top and bottom margins are wider than the sides so that the Anlage stamp
(5 mm from the top edge, about 6 mm tall) never covers the picture and the stamping step does
not have to look at the pixels. JPEGs are passed through untouched where the PDF can show
them upright by itself (img2pdf sets the page's /Rotate from the EXIF orientation); anything
else is redrawn upright with Pillow first.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import img2pdf  # type: ignore[import-untyped]
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

try:
    # iPhones save photos as HEIC by default; without this package they are refused on upload.
    import pillow_heif
except ImportError:  # pragma: no cover - the package is a pinned dependency
    HEIF_SUPPORTED = False
else:
    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True

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
_ACCEPTED_FORMATS = {"JPEG", "PNG", "TIFF", "GIF", "BMP", "WEBP", "HEIF"}


class ImageConversionError(ValueError):
    """The bytes are not an image that can become a PDF page (unreadable, unsupported)."""


@dataclass(frozen=True, slots=True)
class ConvertedImage:
    pdf: bytes
    page_count: int


def looks_like_image(data: bytes) -> bool:
    """Whether `data` starts like one of the image formats this module converts."""
    return (
        data.startswith(
            (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
        )
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or looks_like_heif(data)
    )


# The brands of HEIF files holding HEVC pictures, as phones write them.
HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)


def looks_like_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


@dataclass(frozen=True, slots=True)
class PlacedJpeg:
    """A JPEG shown untouched on one page, described instead of written.

    It is the page img2pdf would make of it (same size, same position, same /Rotate), but the
    bundler builds that page itself, so no PDF is written here and read back there.
    `page_size` and `box` (x, y, width, height) are in points, in the page's own coordinates
    before /Rotate.
    """

    data: bytes
    pixels: tuple[int, int]
    grey: bool
    icc_profile: bytes | None
    page_size: tuple[float, float]
    box: tuple[float, float, float, float]
    rotate: int


def image_to_pdf(data: bytes) -> ConvertedImage:
    """One A4 page per image (per frame for a multi-page TIFF), upright and fitted."""
    page = image_page(data)
    if isinstance(page, PlacedJpeg):
        return ConvertedImage(pdf=_convert([data], _layout(page.rotate)), page_count=1)
    return page


def image_page(data: bytes) -> PlacedJpeg | ConvertedImage:
    """Like image_to_pdf, but a JPEG that can be passed through comes back as a PlacedJpeg."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in _ACCEPTED_FORMATS:
                raise ImageConversionError(f"unsupported image format {image_format}")
            _check_complete(data, image)
            orientation = _orientation(image)
            if image_format == "JPEG" and orientation in _ROTATIONS:
                rotation = _ROTATIONS[orientation]
                if image.mode in ("L", "RGB"):
                    return _placed(data, image, rotation)
                if image.mode == "CMYK":
                    # Adobe writes CMYK JPEGs inverted; img2pdf knows how to declare that.
                    return ConvertedImage(pdf=_convert([data], _layout(rotation)), page_count=1)
            pages = list(_redrawn_frames(image, image_format))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        # Pillow reports truncated or corrupt data as OSError or SyntaxError.
        raise ImageConversionError(f"not a readable image ({error})") from error
    if not pages:
        raise ImageConversionError("the image has no frames")
    return ConvertedImage(pdf=_convert(pages, _layout(0)), page_count=len(pages))


def _placed(data: bytes, image: Image.Image, rotation: int) -> PlacedJpeg:
    width, height = image.size
    page_width, page_height, box_width, box_height = _layout(rotation)(width, height, None)
    icc = image.info.get("icc_profile")
    return PlacedJpeg(
        data=data,
        pixels=(width, height),
        grey=image.mode == "L",
        icc_profile=icc if isinstance(icc, bytes) and icc else None,
        page_size=(page_width, page_height),
        # Centred, as img2pdf centres it.
        box=(
            (page_width - box_width) / 2,
            (page_height - box_height) / 2,
            box_width,
            box_height,
        ),
        rotate=rotation,
    )


def _check_complete(data: bytes, image: Image.Image) -> None:
    """Refuse truncated files, by their bytes.

    Pillow pads a truncated picture with grey instead of failing once
    `ImageFile.LOAD_TRUNCATED_IMAGES` is set, and WeasyPrint sets it for the whole process
    when it is imported; a scan missing its lower half must not go out as if it were
    complete. So completeness is decided here from the file's structure, never by decoding.
    """
    if not image_complete(data, image):
        raise ImageConversionError(f"the {image.format} file is truncated")
    if image.format == "PNG":
        # Chunk checksums; Pillow skips those of ancillary chunks under the flag, the
        # critical ones (IHDR, IDAT, ...) it always checks.
        with Image.open(io.BytesIO(data)) as probe:
            try:
                probe.verify()
            except Exception as error:
                raise ImageConversionError(f"the image file is damaged ({error})") from error


def image_complete(data: bytes, image: Image.Image) -> bool:
    """Whether `data` holds all the bytes its own headers promise (`image`: Pillow's view of
    it, opened, not loaded). Independent of LOAD_TRUNCATED_IMAGES."""
    image_format = image.format
    if image_format in ("JPEG", "MPO"):
        # The last scan must be followed by the end-of-image marker; entropy-coded data
        # cannot contain it, and trailers that cameras append after it come later still.
        last_scan = data.rfind(b"\xff\xda")
        return last_scan >= 0 and data.find(b"\xff\xd9", last_scan) >= 0
    if image_format == "PNG":
        return _PNG_END in data
    if image_format == "GIF":
        # Every GIF ends with the trailer byte ";" (some writers pad with zero bytes).
        return data.rstrip(b"\x00").endswith(b";")
    if image_format == "WEBP":
        # RIFF: the size after the first eight bytes.
        return len(data) >= 12 and int.from_bytes(data[4:8], "little") + 8 <= len(data)
    if image_format == "HEIF":
        return _boxes_complete(data)
    if image_format in ("BMP", "TIFF"):
        try:
            return all(end <= len(data) for end in _data_extents(data, image))
        except Exception:
            # Pillow reads a cut-off TIFF directory with KeyError, TypeError and more.
            return False
    return False


def _data_extents(data: bytes, image: Image.Image) -> Iterator[int]:
    """Where the pixel data of every frame ends, as the file's headers say."""
    if image.format == "BMP":
        yield _bmp_end(data)
        return
    current = image.tell()
    try:
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            tags = getattr(image, "tag_v2", {})
            offsets = tags.get(273) or tags.get(324) or ()
            counts = tags.get(279) or tags.get(325) or ()
            if not offsets or len(offsets) != len(counts):
                yield 1 << 62  # no pixel data where the headers say
            for offset, count in zip(offsets, counts, strict=False):
                yield int(offset) + int(count)
    finally:
        image.seek(current)


def _boxes_complete(data: bytes) -> bool:
    """Whether the top-level boxes of an ISO media file (HEIF) fill it exactly; libheif
    decodes a file missing its last bytes without complaint."""
    position = 0
    while position < len(data):
        if position + 8 > len(data):
            return False
        size = int.from_bytes(data[position : position + 4], "big")
        if size == 1:  # the real size follows the type, in 64 bits
            if position + 16 > len(data):
                return False
            size = int.from_bytes(data[position + 8 : position + 16], "big")
        elif size == 0:  # the last box, reaching to the end of the file
            return True
        if size < 8:
            return False
        position += size
    return position == len(data)


_PNG_END = b"IEND\xaeB`\x82"
# BMP compression methods whose pixel rows are stored uncompressed
_BMP_UNCOMPRESSED = (0, 3, 6)  # BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS


def _bmp_end(data: bytes) -> int:
    """The end of a BMP's pixel data: rows padded to four bytes after the data offset, or
    for compressed pixels the file size the header records."""
    if len(data) < 30:
        return 1 << 62
    offset = int.from_bytes(data[10:14], "little")
    header = int.from_bytes(data[14:18], "little")
    if header == 12:  # OS/2 BITMAPCOREHEADER
        width = int.from_bytes(data[18:20], "little")
        height = int.from_bytes(data[20:22], "little")
        bits = int.from_bytes(data[24:26], "little")
        compression = 0
    else:
        width = int.from_bytes(data[18:22], "little", signed=True)
        height = int.from_bytes(data[22:26], "little", signed=True)
        bits = int.from_bytes(data[28:30], "little")
        compression = int.from_bytes(data[30:34], "little") if len(data) >= 34 else 0
    if compression in _BMP_UNCOMPRESSED:
        stride = (abs(width) * bits + 31) // 32 * 4
        return offset + stride * abs(height)
    file_size = int.from_bytes(data[2:6], "little")
    image_size = int.from_bytes(data[34:38], "little") if len(data) >= 38 else 0
    return max(file_size, offset + image_size, offset + 1)


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
        if image_format in _PHOTO_FORMATS and upright.mode in ("L", "RGB"):
            # A phone photo stored losslessly would be many times the size of the upload.
            upright.save(out, "JPEG", quality=90)
        else:
            upright.save(out, "PNG", optimize=False, compress_level=6)
        yield out.getvalue()


# Formats that hold photos compressed with loss already: JPEG pages keep them at about the
# size they came in. Scans (TIFF, PNG) stay lossless, since text must stay sharp.
_PHOTO_FORMATS = frozenset({"JPEG", "HEIF", "WEBP"})


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


_DOCUMENT_ID = re.compile(rb"/ID \[<([0-9a-f]{32})><([0-9a-f]{32})>\]")


def _deterministic_id(pdf: bytes) -> bytes:
    """The PDF with a file /ID derived from its content, so the same picture always gives the
    same bytes (a repeated upload is recognised by its checksum). img2pdf asks pikepdf for a
    deterministic id only for versions it compares as text, which newer pikepdf fails."""
    found = {value for pair in _DOCUMENT_ID.findall(pdf) for value in pair}
    if not found:
        return pdf
    blank = pdf
    for value in found:
        blank = blank.replace(value, b"0" * 32)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().encode("ascii")
    result = pdf
    for value in found:
        # Same length: every byte offset in the file stays right.
        result = result.replace(value, digest)
    return result


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
    return _deterministic_id(result)
