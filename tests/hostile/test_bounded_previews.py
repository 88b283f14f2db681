"""Thumbnails and page previews are drawn in a bounded child, like the upload check.

A stored file has passed the check, or came in with an imported case that never went
through it, and a package's pages are copied from users' PDFs: the renderers read untrusted
bytes, so they run where running out of time or memory costs a child, not the web worker.
"""

from __future__ import annotations

import io
import random
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from documents import bundling, preview, uploads
from documents.bundling import UnusablePdfError, inspect_pdf, open_pdf
from documents.package import Package
from documents.uploads import (
    JPEG,
    PDF,
    PNG,
    Job,
    RefusalCode,
    ThumbnailError,
    UploadRefused,
    check_upload,
    draw_bounded,
    inspect_upload,
    is_png_within,
    make_thumbnail,
    run_bounded,
)
from haertefall.accounts.models import User
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.evidence.helpers import details, household_case, stored_for, upload_file, upload_url
from tests.hostile import make_corpus
from tests.hostile.make_corpus import Specimen
from tests.hostile.test_isolation import LARGE_SCAN, grey_png
from tests.packages.helpers import TODAY, build, create, load_corpus, package_urls, store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def thumbnail_url(case: Case, stored: StoredFile) -> str:
    return reverse("evidence:thumbnail", args=[case.pk, stored.pk])


def imported_case(owner: User, data: bytes) -> Case:
    """A case imported with `data` as its first document's file: an import stores files as
    they come, without the upload check, so whatever draws them must not trust them."""
    return do_create_case(owner, household_case(), {"files/lohn.pdf": data}, "import")


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


# --------------------------------------------------------------------------------------------
# Thumbnails of stored files


@pytest.mark.django_db
def test_a_picture_claiming_a_billion_pixels_gets_no_thumbnail_and_the_worker_goes_on(
    hostile_corpus: dict[str, Specimen], owner: User, owner_client: Client, case: Case
) -> None:
    bomb = imported_case(owner, hostile_corpus["bomb.png"].data)
    stored = stored_for(bomb, "d1")
    assert stored.content_type == PNG

    response = owner_client.get(thumbnail_url(bomb, stored))

    assert response.status_code == 404
    # The same worker draws the next thumbnail as ever.
    healthy = owner_client.get(thumbnail_url(case, stored_for(case, "d1")))
    assert healthy.status_code == 200
    assert png_size(healthy.content) == (331, 468)


@pytest.mark.django_db
def test_a_picture_needing_more_memory_than_drawing_may_use_gets_a_404_not_a_500(
    monkeypatch: pytest.MonkeyPatch, owner: User, owner_client: Client, case: Case
) -> None:
    # 48 megapixels of grey: a few hundred KB on disk, far more once decoded.
    scan = imported_case(owner, grey_png(*LARGE_SCAN))
    url = thumbnail_url(scan, stored_for(scan, "d1"))
    assert owner_client.get(url).status_code == 200

    monkeypatch.setattr(uploads, "DRAW_MEMORY_HEADROOM_BYTES", 16 * 1024 * 1024)

    assert owner_client.get(url).status_code == 404
    assert owner_client.get(thumbnail_url(case, stored_for(case, "d1"))).status_code == 200


def test_a_thumbnail_that_takes_longer_than_allowed_is_given_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    photo = samples.jpeg((3000, 4000), orientation=6)
    assert is_png_within(make_thumbnail(photo, JPEG), (468, 468))

    monkeypatch.setattr(uploads, "THUMBNAIL_TIMEOUT_SECONDS", 0.001)

    with pytest.raises(ThumbnailError):
        make_thumbnail(photo, JPEG)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(samples.jpeg(), JPEG), (samples.png(), PNG), (samples.pdf(), PDF)],
    ids=["jpeg", "png", "pdf"],
)
def test_a_thumbnail_drawn_in_the_child_is_the_one_drawn_in_process(
    data: bytes, content_type: str
) -> None:
    assert make_thumbnail(data, content_type) == uploads.draw_thumbnail(data, content_type)


# --------------------------------------------------------------------------------------------
# What the parent takes from a child


def test_a_child_answer_that_is_not_a_png_is_not_used() -> None:
    # The check job answers with a JSON verdict: a real child, a real answer, but no PNG.
    answer = run_bounded(
        Job.CHECK,
        samples.pdf(),
        {},
        timeout=uploads.CHECK_TIMEOUT_SECONDS,
        memory_headroom=uploads.CHECK_MEMORY_HEADROOM_BYTES,
        max_answer_bytes=4096,
    )
    assert answer is not None and answer.startswith(b"{")

    assert draw_bounded(Job.CHECK, samples.pdf(), {}, max_size=(468, 468), timeout=10.0) is None


def test_a_png_larger_than_asked_for_is_not_used() -> None:
    photo = samples.jpeg((600, 800))
    options = {"content_type": JPEG}
    drawn = draw_bounded(Job.THUMBNAIL, photo, options, max_size=(468, 468), timeout=10.0)
    assert drawn is not None and png_size(drawn) == (351, 468)

    # The same child's picture, when the parent asked for one at most 200 pixels high.
    assert draw_bounded(Job.THUMBNAIL, photo, options, max_size=(468, 200), timeout=10.0) is None


def test_an_answer_longer_than_allowed_is_not_read() -> None:
    def thumbnail(max_answer_bytes: int) -> bytes | None:
        return run_bounded(
            Job.THUMBNAIL,
            samples.jpeg((600, 800)),
            {"content_type": JPEG},
            timeout=10.0,
            memory_headroom=uploads.DRAW_MEMORY_HEADROOM_BYTES,
            max_answer_bytes=max_answer_bytes,
        )

    assert thumbnail(max_answer_bytes=1 << 20) is not None

    assert thumbnail(max_answer_bytes=100) is None


def png_header(
    width: int, height: int, *, kind: bytes = b"IHDR", checksum: int | None = None
) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = zlib.crc32(kind + header) if checksum is None else checksum
    return PNG_SIGNATURE + struct.pack(">I", len(header)) + kind + header + struct.pack(">I", crc)


@pytest.mark.parametrize(
    ("data", "usable"),
    [
        (png_header(468, 331), True),
        # Renderers round a page's size up to whole pixels.
        (png_header(469, 331), True),
        (png_header(470, 331), False),
        (png_header(100, 5000), False),
        (png_header(0, 100), False),
        (png_header(100, 100, kind=b"IDAT"), False),
        (png_header(100, 100, checksum=0), False),
        (png_header(100, 100)[:-1], False),
        (b"GIF89a" + png_header(100, 100)[6:], False),
        (b"", False),
    ],
    ids=[
        "fits",
        "rounded-up",
        "too-wide",
        "too-tall",
        "no-pixels",
        "no-header-chunk",
        "bad-checksum",
        "cut-short",
        "not-png",
        "empty",
    ],
)
def test_only_a_png_of_the_size_asked_for_is_used(data: bytes, usable: bool) -> None:
    assert is_png_within(data, (468, 468)) is usable


# --------------------------------------------------------------------------------------------
# Package page previews


@pytest.fixture(scope="module")
def eze_draft() -> Package:
    """A real package: n01 built as a draft (no database)."""
    return build(load_corpus("n01-eze-koeln-ready"))


def test_a_package_page_is_drawn_in_a_child_as_it_would_be_in_process(
    eze_draft: Package,
) -> None:
    last = eze_draft.page_count - 1

    drawn = preview.render_page_png(eze_draft.pdf, last, 300)

    assert drawn == preview.draw_page_png(eze_draft.pdf, last, 300, preview.MAX_HEIGHT_PX)
    assert png_size(drawn)[0] == 300


def test_page_previews_asked_for_at_once_from_several_threads_are_all_drawn(
    eze_draft: Package,
) -> None:
    # PDFium is not thread-safe; the threads of a server each get a child of their own.
    drawn: dict[int, bytes] = {}

    def draw(index: int) -> None:
        drawn[index] = preview.render_page_png(eze_draft.pdf, index, 240)

    threads = [threading.Thread(target=draw, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(drawn) == [0, 1, 2, 3]
    for index, png in drawn.items():
        assert png == preview.draw_page_png(eze_draft.pdf, index, 240, preview.MAX_HEIGHT_PX)


def test_a_page_preview_that_takes_longer_than_allowed_is_given_up(
    monkeypatch: pytest.MonkeyPatch, eze_draft: Package
) -> None:
    monkeypatch.setattr(preview, "PAGE_TIMEOUT_SECONDS", 0.001)

    with pytest.raises(preview.PreviewError):
        preview.render_page_png(eze_draft.pdf, 0, 300)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Iterator[date]:
    # The corpus is dated 2026-11-01; storing a package dates it for "today".
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    yield TODAY


@pytest.mark.django_db
def test_the_preview_page_of_a_stored_package_is_served_and_a_timeout_is_a_404(
    monkeypatch: pytest.MonkeyPatch,
    today: date,
    eze_draft: Package,
    owner: User,
    owner_client: Client,
) -> None:
    built = store(create(owner, load_corpus("n01-eze-koeln-ready")), eze_draft)
    url = package_urls(built.case, built)["page_image"]

    response = owner_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert png_size(response.content)[0] == 1200

    monkeypatch.setattr(preview, "PAGE_TIMEOUT_SECONDS", 0.001)
    assert owner_client.get(url).status_code == 404


# --------------------------------------------------------------------------------------------
# Running out of memory while inspecting a PDF is not damage


def inflating_pdf(content_bytes: int) -> bytes:
    """A valid one-page PDF whose page content is `content_bytes` of spaces, compressed to a
    few hundred KB: checking that it decodes needs that much memory at once."""
    document = pikepdf.new()
    page = document.add_blank_page()
    page.obj.Contents = document.make_stream(b" " * content_bytes)
    out = io.BytesIO()
    document.save(out, compress_streams=True)
    return out.getvalue()


def test_a_pdf_that_exhausts_the_memory_bound_cannot_be_checked_rather_than_being_damaged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = inflating_pdf(128 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    assert check_upload(data).page_count == 1

    monkeypatch.setattr(uploads, "CHECK_MEMORY_HEADROOM_BYTES", 48 * 1024 * 1024)

    with pytest.raises(UploadRefused) as caught:
        check_upload(data)
    assert caught.value.code is RefusalCode.UNCHECKABLE


def _exhaust(error: type[BaseException]) -> object:
    def raise_it(*args: object, **kwargs: object) -> None:
        raise error()

    return raise_it


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
@pytest.mark.parametrize("where", ["PdfReader", "_check_content_decodes"])
def test_running_out_of_memory_or_stack_in_pdf_inspection_is_uncheckable_not_damaged(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException], where: str
) -> None:
    monkeypatch.setattr(bundling, where, _exhaust(error))

    inspection = inspect_pdf(samples.pdf())
    assert inspection.exhausted and not inspection.damaged
    with pytest.raises(UploadRefused) as caught:
        inspect_upload(samples.pdf())
    assert caught.value.code is RefusalCode.UNCHECKABLE


def test_the_package_builder_still_refuses_a_pdf_it_could_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bundling, "_check_content_decodes", _exhaust(MemoryError))

    with pytest.raises(UnusablePdfError, match="damaged"):
        open_pdf(samples.pdf())


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
def test_running_out_while_reading_a_picture_is_uncheckable_not_damaged(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    monkeypatch.setattr(uploads, "image_complete", _exhaust(error))

    with pytest.raises(UploadRefused) as caught:
        inspect_upload(samples.png())
    assert caught.value.code is RefusalCode.UNCHECKABLE


# --- conversion on arrival (TIFF, WebP, HEIC → PDF) -------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [None, b"not a pdf at all", make_corpus.SPECIMENS["javascript-openaction.pdf"]().data],
    ids=["no answer", "not a PDF", "a PDF with JavaScript"],
)
def test_a_conversion_that_goes_wrong_is_uncheckable_never_kept(
    monkeypatch: pytest.MonkeyPatch, answer: bytes | None
) -> None:
    real = uploads.run_bounded

    def child(job: uploads.Job, *args: Any, **kwargs: Any) -> bytes | None:
        # Only the conversion misbehaves; the check of its output is the real one.
        return answer if job is uploads.Job.TO_PDF else real(job, *args, **kwargs)

    monkeypatch.setattr(uploads, "run_bounded", child)

    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.convert_on_arrival(make_corpus.webp())

    assert refused.value.code is uploads.RefusalCode.UNCHECKABLE


def test_a_heic_photo_arrives_as_a_checked_one_page_pdf() -> None:
    pdf, accepted = uploads.convert_on_arrival(make_corpus.heic())

    assert pdf.startswith(b"%PDF-")
    assert (accepted.content_type, accepted.page_count, accepted.size) == (
        uploads.PDF,
        1,
        len(pdf),
    )


def test_the_same_picture_always_becomes_the_same_pdf() -> None:
    # A repeated upload is recognised by its checksum; img2pdf's file id would differ per second.
    first, _ = uploads.convert_on_arrival(make_corpus.webp())
    time.sleep(1.1)
    second, _ = uploads.convert_on_arrival(make_corpus.webp())

    assert first == second


def test_a_phone_photo_becomes_a_pdf_of_about_its_own_size() -> None:
    # Lossless pages made a 2.7 MB photo a 22 MB PDF; photos become JPEG pages now.
    noise = Image.frombytes("RGB", (1600, 1200), random.Random(7).randbytes(1600 * 1200 * 3))
    out = io.BytesIO()
    noise.save(out, "WEBP", quality=85)
    photo = out.getvalue()

    pdf, accepted = uploads.convert_on_arrival(photo)

    assert accepted.page_count == 1
    assert len(pdf) < 2 * len(photo)


def test_a_conversion_larger_than_the_file_limit_is_refused_as_too_large(
    monkeypatch: pytest.MonkeyPatch, settings: Any, owner_client: Client, case: Case
) -> None:
    picture = make_corpus.webp()
    settings.UPLOAD_MAX_FILE_BYTES = len(picture) + 10
    # A real, checked PDF that is larger than the picture it stands for.
    big = samples.pdf(text="Seite " * 400)
    assert len(big) > settings.UPLOAD_MAX_FILE_BYTES
    monkeypatch.setattr(
        uploads,
        "convert_on_arrival",
        lambda data: (big, uploads.AcceptedFile(uploads.PDF, 1, len(big))),
    )
    stored_before = StoredFile.objects.filter(case=case).count()

    response = owner_client.post(
        upload_url(case), {**details(case), "files": [upload_file("foto.webp", picture)]}
    )

    assert response.status_code == 200
    assert "but a file may be at most" in response.content.decode()
    assert StoredFile.objects.filter(case=case).count() == stored_before
