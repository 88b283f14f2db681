from __future__ import annotations

import io
from typing import cast

import pytest
from PIL import Image, ImageCms
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from documents.bundling import open_pdf
from documents.images import ImageConversionError, image_to_pdf, looks_like_image
from tests.documents import pdfs

MM = 72 / 25.4


def _upright(data: bytes) -> tuple[bool, float, float]:
    """(black bar at the top as displayed, page width, page height as displayed)."""
    picture = pdfs.render_gray(data, 1)
    width, height = picture.size
    # Well inside the picture, away from the margins: the top band and the middle.
    top = pdfs.mean_darkness(
        picture, (width // 4, int(height * 0.07), width * 3 // 4, int(height * 0.09))
    )
    middle = pdfs.mean_darkness(
        picture, (width // 4, height // 2, width * 3 // 4, height // 2 + 10)
    )
    return top > 200 and middle < 60, width, height


@pytest.mark.parametrize("orientation", [None, 1, 3, 6, 8, 2, 4, 5, 7])
def test_a_photo_comes_out_upright_whatever_its_exif_orientation(orientation: int | None) -> None:
    if orientation in (2, 4, 5, 7):
        data = _mirrored_scan(orientation)
    else:
        data = pdfs.jpeg_scan((600, 848), orientation=orientation)

    converted = image_to_pdf(data)

    upright, width, height = _upright(converted.pdf)
    assert converted.page_count == 1
    assert upright
    assert height > width  # a portrait page for a portrait picture


def _mirrored_scan(orientation: int | None) -> bytes:
    """A scan stored mirrored (and turned) with the EXIF tag that undoes it."""
    upright = Image.open(io.BytesIO(pdfs.jpeg_scan((600, 848))))
    # The tag's transform applied to the stored pixels must give the upright page; these are
    # the inverses of ImageOps.exif_transpose for the mirrored values.
    stored = {
        2: upright.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        4: upright.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        5: upright.transpose(Image.Transpose.TRANSPOSE),
        7: upright.transpose(Image.Transpose.TRANSVERSE),
    }[orientation or 1]
    exif = Image.Exif()
    exif[0x0112] = orientation or 1
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_an_upright_jpeg_is_embedded_as_it_is() -> None:
    data = pdfs.jpeg_scan((600, 848), orientation=6)

    converted = image_to_pdf(data)

    page = PdfReader(io.BytesIO(converted.pdf)).pages[0]
    images = cast(DictionaryObject, cast(DictionaryObject, page["/Resources"])["/XObject"])
    (image,) = (images[name].get_object() for name in images)
    assert isinstance(image, StreamObject)
    assert str(image["/Filter"]) == "/DCTDecode"
    assert image._data == data
    assert page.rotation == 90


def test_a_landscape_picture_gets_a_landscape_a4_page_inside_margins() -> None:
    converted = image_to_pdf(pdfs.jpeg_scan((1600, 1000)))

    page = PdfReader(io.BytesIO(converted.pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(297 * MM, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(210 * MM, abs=0.5)
    picture = pdfs.render_gray(converted.pdf, 1, dpi=72)
    # The stamp's strip at the top (5–11 mm) and the margins stay white.
    assert pdfs.mean_darkness(picture, (0, 0, picture.width, int(14 * MM))) < 1
    assert pdfs.mean_darkness(picture, (0, 0, int(9 * MM), picture.height)) < 1


def test_the_stamp_area_of_an_image_page_is_blank() -> None:
    from documents.bundling import _crowded

    # A picture as tall as A4 is fitted by its height, right up to the top margin.
    source = open_pdf(image_to_pdf(pdfs.jpeg_scan((1240, 1754))).pdf)

    assert not _crowded(source, 0)


def test_a_transparent_png_is_laid_on_white_paper() -> None:
    converted = image_to_pdf(pdfs.png_scan((800, 600), mode="RGBA"))

    picture = pdfs.render_gray(converted.pdf, 1)
    assert picture.width > picture.height
    assert pdfs.mean_darkness(picture, (0, picture.height - 5, picture.width, picture.height)) < 1


def test_a_multi_page_tiff_gives_one_page_per_frame() -> None:
    frames = [Image.new("L", (400, 560), shade) for shade in (0, 128, 255)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])

    converted = image_to_pdf(out.getvalue())

    assert converted.page_count == 3
    assert len(PdfReader(io.BytesIO(converted.pdf)).pages) == 3


@pytest.mark.parametrize(
    "data",
    [b"\xff\xd8\xff\xe0 not really a jpeg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b"plain text"],
    ids=["broken-jpeg", "broken-png", "text"],
)
def test_unreadable_images_raise_a_conversion_error(data: bytes) -> None:
    with pytest.raises(ImageConversionError):
        image_to_pdf(data)


@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_a_truncated_image_is_refused_even_when_pillow_is_told_to_pad_it(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import ImageFile

    # WeasyPrint sets this for the whole process when it is imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = pdfs.jpeg_scan((400, 560)) if kind == "jpeg" else pdfs.png_scan((400, 560))

    with pytest.raises(ImageConversionError):
        image_to_pdf(data[: len(data) * 2 // 3])


def _picture(image_format: str, mode: str = "RGB", **options: object) -> bytes:
    picture = Image.new("RGB", (320, 240), "white")
    for row in range(0, 240, 8):
        picture.paste((row, 40, 120), (0, row, 320, row + 4))
    out = io.BytesIO()
    picture.convert(mode).save(out, image_format, **options)
    return out.getvalue()


_PICTURES = {
    "gif": lambda: _picture("GIF", "P"),
    "bmp": lambda: _picture("BMP"),
    "bmp-1-bit": lambda: _picture("BMP", "1"),
    "tiff": lambda: _picture("TIFF"),
    "tiff-lzw": lambda: _picture("TIFF", compression="tiff_lzw"),
    "tiff-two-pages": lambda: _picture(
        "TIFF", save_all=True, append_images=[Image.new("L", (100, 80), 200)]
    ),
    "webp": lambda: _picture("WEBP"),
    "jpeg-progressive": lambda: _picture("JPEG", progressive=True),
}


@pytest.mark.parametrize("kind", sorted(_PICTURES))
@pytest.mark.parametrize("kept", [0.5, 0.95])
# Pillow warns about the cut-off TIFF directories it reads.
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_every_format_refuses_a_truncated_file_when_pillow_is_told_to_pad_it(
    kind: str, kept: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import ImageFile

    data = _PICTURES[kind]()
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)

    assert image_to_pdf(data).page_count >= 1
    with pytest.raises(ImageConversionError):
        image_to_pdf(data[: int(len(data) * kept)])


def _picture_stream(pdf: bytes) -> StreamObject:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    resources = cast(DictionaryObject, page["/Resources"])
    xobjects = cast(DictionaryObject, resources["/XObject"])
    return cast(StreamObject, xobjects["/Im0"].get_object())


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_a_passed_through_jpeg_page_is_the_page_img2pdf_makes(orientation: int) -> None:
    from documents.bundling import image_source
    from documents.images import PlacedJpeg, image_page

    data = pdfs.jpeg_scan((600, 840), orientation=orientation)
    placed = image_page(data)
    assert isinstance(placed, PlacedJpeg)

    ours = image_source(placed).data
    theirs = image_to_pdf(data).pdf

    assert pdfs.render_gray(ours, 1).tobytes() == pdfs.render_gray(theirs, 1).tobytes()
    assert _upright(ours)[0]
    assert _picture_stream(ours)._data == data  # the JPEG itself, not re-encoded


def test_a_jpeg_keeps_its_colour_profile() -> None:
    from documents.bundling import image_source
    from documents.images import PlacedJpeg, image_page

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 30, 30)).save(out, "JPEG", icc_profile=profile)
    placed = image_page(out.getvalue())
    assert isinstance(placed, PlacedJpeg) and placed.icc_profile == profile

    colour_space = cast(ArrayObject, _picture_stream(image_source(placed).data)["/ColorSpace"])
    assert colour_space[0] == "/ICCBased"
    assert cast(StreamObject, colour_space[1].get_object()).get_data() == profile


def test_image_detection_by_content() -> None:
    assert looks_like_image(pdfs.jpeg_scan((50, 50)))
    assert looks_like_image(pdfs.png_scan((50, 50)))
    assert not looks_like_image(pdfs.text_pdf(["x"]))
    assert not looks_like_image(b"PK\x03\x04 docx")
