"""What an uploaded file is, decided by its content; refusals as stable codes.

Nothing here trusts a file name or the content type a browser sends. A file is accepted only
when its first bytes name a supported type *and* a real parser reads it completely: PDFs
through `documents.bundling.inspect_pdf` (the project's one pypdf import site), images
through Pillow restricted to the one format the signature names.

No Django here: a refusal is an `UploadRefused` with a `RefusalCode` and plain parameters,
and the web layer turns the code into a translated sentence. Every check works on bytes in
memory and returns plain data, so `check_upload` runs it in a child process with a time and
memory limit, and a hostile file cannot stall or exhaust the web worker. Drawing a stored
file (`make_thumbnail`, and `documents.preview.render_page_png` for a package's pages) reads
the same untrusted bytes and runs in the same kind of child (`run_bounded`, one fixed `Job`
each); the child answers with bytes the parent checks (a JSON verdict, or a PNG's signature,
header and size), never with a pickle.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import resource
import struct
import threading
import unicodedata
import warnings
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing import forkserver
from multiprocessing.connection import Connection

from PIL import Image, ImageOps, UnidentifiedImageError

from documents.bundling import PdfInspection, inspect_pdf
from documents.images import HEIF_SUPPORTED, image_complete, image_to_pdf, looks_like_heif

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
WEBP = "image/webp"
HEIC = "image/heic"

# Content type → the extension a stored or downloaded file gets, whatever it was called.
EXTENSIONS: Mapping[str, str] = {
    PDF: "pdf",
    JPEG: "jpg",
    PNG: "png",
    TIFF: "tif",
    WEBP: "webp",
    HEIC: "heic",
}
# Extensions a user's file name may keep for each type (anything else is replaced).
_NAME_EXTENSIONS: Mapping[str, frozenset[str]] = {
    PDF: frozenset({"pdf"}),
    JPEG: frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    PNG: frozenset({"png"}),
    TIFF: frozenset({"tif", "tiff"}),
    WEBP: frozenset({"webp"}),
    HEIC: frozenset({"heic", "heif"}),
}

# A petition's evidence is letters, certificates and scans; a file beyond these bounds is not
# a document someone photographed or scanned, and would stall the package build.
MAX_PDF_PAGES = 300
# A0 is 841 × 1189 mm; a larger page is no document an authority can print.
MAX_PAGE_SIDE_MM = 1200.0
# Pillow's own bomb guard warns at 89 million pixels; this stays below it so the check is
# ours and explicit. 80 MP covers every phone camera's full-resolution photo.
MAX_IMAGE_PIXELS = 80_000_000
# Pillow's own guard, set deliberately rather than left at its default: it only warns between
# its limit and twice that, so `_inspect_image` also turns its warning into a refusal.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

THUMBNAIL_DPI = 40
# The longest side of an image thumbnail: the size an A4 page gets at THUMBNAIL_DPI.
THUMBNAIL_MAX_SIDE = 468
THUMBNAIL_TIMEOUT_SECONDS = 10.0

_PDF_SIGNATURE = b"%PDF-"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_TIFF_SIGNATURES = (b"II*\x00", b"MM\x00*")
# Writers put the end-of-file marker last, sometimes followed by a little padding.
_PDF_TAIL_BYTES = 2048

# Characters that reorder or hide text (a name like "cod\u202egpj.pdf" shows as
# "codfdp.jpg"); zero-width joiners stay, Persian and Indic names need them.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_MAX_NAME_BYTES = 255


class RefusalCode(StrEnum):
    """Why an upload is refused. Stable: the web layer keys its messages on these values."""

    EMPTY = "empty"
    UNSUPPORTED_TYPE = "unsupported_type"
    TRUNCATED = "truncated"
    DAMAGED = "damaged"
    ENCRYPTED = "encrypted"
    JAVASCRIPT = "javascript"
    LAUNCH_ACTION = "launch_action"
    EMBEDDED_FILES = "embedded_files"
    TOO_MANY_PAGES = "too_many_pages"
    PAGE_TOO_LARGE = "page_too_large"
    IMAGE_TOO_LARGE = "image_too_large"
    # Decided by the caller, which knows the configured limits and the case's other files.
    FILE_TOO_LARGE = "file_too_large"
    CASE_FULL = "case_full"
    # The check ran out of time or memory: the file may be fine, but nobody can tell.
    UNCHECKABLE = "uncheckable"


class UploadRefused(Exception):
    """The file is not accepted. `params` fill the placeholders of the code's message."""

    def __init__(self, code: RefusalCode, **params: int | str) -> None:
        # The text is for developers only: a code and numbers, never the file's content.
        shown = ", ".join(f"{key}={value}" for key, value in sorted(params.items()))
        super().__init__(f"{code.value}" + (f" ({shown})" if shown else ""))
        self.code = code
        self.params: Mapping[str, int | str] = params


class ThumbnailError(Exception):
    """No preview could be drawn; the file itself may still be fine."""


@dataclass(frozen=True, slots=True)
class AcceptedFile:
    content_type: str
    page_count: int
    size: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def inspect_upload(data: bytes) -> AcceptedFile:
    """The accepted file `data` is, or UploadRefused saying why it is not accepted.

    Running out of memory or recursion depth says nothing about the file: that is an
    UNCHECKABLE refusal, never DAMAGED."""
    try:
        return _inspect_upload(data)
    except (MemoryError, RecursionError):
        raise UploadRefused(RefusalCode.UNCHECKABLE) from None


def _inspect_upload(data: bytes) -> AcceptedFile:
    if not data:
        raise UploadRefused(RefusalCode.EMPTY)
    if data.startswith(_PDF_SIGNATURE):
        return _inspect_pdf(data)
    if data.startswith(_JPEG_SIGNATURE):
        return _inspect_image(data, JPEG)
    if data.startswith(_PNG_SIGNATURE):
        return _inspect_image(data, PNG)
    if data.startswith(_TIFF_SIGNATURES):
        return _inspect_image(data, TIFF)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        # Pillow's WebP decoder cannot even open a cut-off file, so the RIFF size decides.
        if int.from_bytes(data[4:8], "little") + 8 > len(data):
            raise UploadRefused(RefusalCode.TRUNCATED)
        return _inspect_image(data, WEBP)
    if HEIF_SUPPORTED and looks_like_heif(data):
        return _inspect_image(data, HEIC)
    raise UploadRefused(RefusalCode.UNSUPPORTED_TYPE)


# One file must not stall or exhaust a web worker: the parsers and renderers run in a child
# process with a deadline and a bound on how much memory it may add to what it starts with.
CHECK_TIMEOUT_SECONDS = 20.0
CHECK_MEMORY_HEADROOM_BYTES = 1536 * 1024 * 1024
# Drawing reads one page or one picture of a file that has passed the check; the largest
# picture allowed (80 MP, decoded, turned and converted) fits well within this.
DRAW_MEMORY_HEADROOM_BYTES = 1024 * 1024 * 1024
# Children are forked from a server that has already imported the parsers and renderers,
# which keeps the cost per file to a fork (milliseconds) instead of a fresh interpreter.
# "__main__" is meant to make the server import the program's main module once, but
# Python 3.11's forkserver never does (it asks spawn.get_preparation_data for a "main_path"
# it does not provide): every child re-runs the main module's top level, a few
# milliseconds for manage.py, about 30 for pytest.
_WORKERS = multiprocessing.get_context("forkserver")
_WORKERS.set_forkserver_preload(["__main__", "documents.uploads", "documents.preview"])


# The children parse hostile bytes; a parser exploit must not find the master keys, the
# database password or the signing key in its environment. The fork server (and so every
# child) starts with only these variables.
_CHILD_ENVIRONMENT = frozenset(
    {"PATH", "HOME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ", "PYTHONPATH"}
)
_START_LOCK = threading.Lock()
_started_in: int | None = None


def _start_workers_without_secrets() -> None:
    """Start the fork server with an environment reduced to _CHILD_ENVIRONMENT.

    Once per process (a forked web worker starts its own). The environment is reduced only
    while the server is launched; the lock keeps two first uploads from doing it at once."""
    global _started_in
    if _started_in == os.getpid():
        return
    with _START_LOCK:
        if _started_in == os.getpid():
            return
        kept = dict(os.environ)
        try:
            for name in list(os.environ):
                if name not in _CHILD_ENVIRONMENT:
                    del os.environ[name]
            forkserver.ensure_running()
        finally:
            os.environ.clear()
            os.environ.update(kept)
        _started_in = os.getpid()


class Job(StrEnum):
    """What a bounded child may be asked to do; nothing else runs there."""

    CHECK = "check"
    THUMBNAIL = "thumbnail"
    PAGE_PNG = "page_png"
    TO_PDF = "to_pdf"


# A job's parameters: plain values only, so the child cannot be handed anything callable.
JobOptions = Mapping[str, int | float | str]


# Pictures most browsers and office computers cannot open: kept as a PDF from the start, so
# the person, the counsellor and the authority can all look at exactly what was uploaded.
CONVERTED_ON_ARRIVAL = frozenset({TIFF, WEBP, HEIC})
# Photos become JPEG pages of about their own size, scans lossless pages of a few times it;
# anything larger is no honest conversion of a file within the upload limits, and the web
# worker does not hold it in memory.
_CONVERSION_MAX_BYTES = 64 * 1024 * 1024


def convert_on_arrival(data: bytes) -> tuple[bytes, AcceptedFile]:
    """A checked TIFF, WebP or HEIC picture as a PDF with one A4 page per picture or frame.

    The conversion runs in the bounded child like every parser of uploaded bytes, and what it
    returns is checked again as an upload before anyone keeps it. Raises UploadRefused
    (UNCHECKABLE) if either step fails."""
    pdf = run_bounded(
        Job.TO_PDF,
        data,
        {},
        timeout=CHECK_TIMEOUT_SECONDS,
        memory_headroom=CHECK_MEMORY_HEADROOM_BYTES,
        max_answer_bytes=_CONVERSION_MAX_BYTES,
    )
    if pdf is None or not pdf.startswith(_PDF_SIGNATURE):
        raise UploadRefused(RefusalCode.UNCHECKABLE)
    try:
        accepted = check_upload(pdf)
    except UploadRefused:
        # Whatever is wrong, it is wrong with our conversion, not with the person's picture.
        raise UploadRefused(RefusalCode.UNCHECKABLE) from None
    if accepted.content_type != PDF:
        raise UploadRefused(RefusalCode.UNCHECKABLE)
    return pdf, accepted


def check_upload(data: bytes) -> AcceptedFile:
    """`inspect_upload` in a child process bounded by CHECK_TIMEOUT_SECONDS and
    CHECK_MEMORY_HEADROOM_BYTES; running out of either is an UNCHECKABLE refusal."""
    if not data:
        raise UploadRefused(RefusalCode.EMPTY)
    answer = run_bounded(
        Job.CHECK,
        data,
        {},
        timeout=CHECK_TIMEOUT_SECONDS,
        memory_headroom=CHECK_MEMORY_HEADROOM_BYTES,
        max_answer_bytes=_VERDICT_MAX_BYTES,
    )
    accepted = None if answer is None else _verdict(answer)
    if accepted is None:
        raise UploadRefused(RefusalCode.UNCHECKABLE)
    # The size is ours to know; only what needs a parser comes from the child.
    return AcceptedFile(accepted.content_type, accepted.page_count, len(data))


def run_bounded(
    job: Job,
    data: bytes,
    options: JobOptions,
    *,
    timeout: float,
    memory_headroom: int,
    max_answer_bytes: int,
) -> bytes | None:
    """What a child process doing `job` on `data` answered, or None when it gave no answer
    within `timeout` seconds: it ran out of memory or CPU time, crashed, or its answer was
    longer than `max_answer_bytes`. The answer is the child's, made from hostile bytes: the
    caller checks it and never unpickles it."""
    _start_workers_without_secrets()
    receiver, sender = _WORKERS.Pipe(duplex=False)
    worker = _WORKERS.Process(
        target=_run_in_child,
        args=(sender, job.value, data, dict(options), memory_headroom, timeout),
        daemon=True,
    )
    started = False
    try:
        worker.start()
        started = True
        sender.close()
        if not receiver.poll(timeout):
            return None
        return receiver.recv_bytes(maxlength=max_answer_bytes)
    except (EOFError, OSError):
        # The child died without an answer, typically killed for exceeding its limits, or
        # it sent more than any honest answer can be.
        return None
    finally:
        receiver.close()
        if started:
            if worker.is_alive():
                worker.kill()
            worker.join(timeout=5)
            if worker.exitcode is not None:
                worker.close()
        else:
            sender.close()


def draw_bounded(
    job: Job, data: bytes, options: JobOptions, *, max_size: tuple[int, int], timeout: float
) -> bytes | None:
    """The PNG at most `max_size` (width, height) pixels that `job` draws in a bounded child,
    or None when it drew none (the file cannot be drawn, the child ran out of time or memory,
    or it answered with something that is not such a PNG)."""
    answer = run_bounded(
        job,
        data,
        options,
        timeout=timeout,
        memory_headroom=DRAW_MEMORY_HEADROOM_BYTES,
        max_answer_bytes=png_size_cap(*max_size),
    )
    return answer if answer is not None and is_png_within(answer, max_size) else None


def png_size_cap(width: int, height: int) -> int:
    """The most bytes an honest PNG of width × height pixels takes: four bytes a pixel and a
    filter byte a row uncompressed, plus what zlib and the chunks add to data that does not
    compress."""
    raw = height * (4 * width + 1)
    return raw + raw // 100 + 64 * 1024


# A renderer rounds a page's size up to whole pixels.
_ROUNDING_PX = 1


def is_png_within(data: bytes, max_size: tuple[int, int]) -> bool:
    """Whether `data` starts like a PNG (signature, then its header chunk) of at most
    `max_size` pixels. Read from the bytes, without decoding anything the child made."""
    if not data.startswith(_PNG_SIGNATURE) or len(data) < _PNG_HEADER_END:
        return False
    length, kind, width, height, checksum = struct.unpack(">I4sII5xI", data[8:_PNG_HEADER_END])
    max_width, max_height = max_size
    return bool(
        length == _IHDR_LENGTH
        and kind == b"IHDR"
        and checksum == zlib.crc32(data[12 : _PNG_HEADER_END - 4])
        and 1 <= width <= max_width + _ROUNDING_PX
        and 1 <= height <= max_height + _ROUNDING_PX
    )


_IHDR_LENGTH = 13
# Signature, chunk length and type, the header's 13 bytes, its checksum.
_PNG_HEADER_END = 8 + 8 + _IHDR_LENGTH + 4


def _verdict(answer: bytes) -> AcceptedFile | None:
    """The check child's verdict; raises its refusal. JSON rather than pickle: the child has
    parsed hostile bytes, and unpickling what it sends would hand it the web worker."""
    try:
        verdict = json.loads(answer)
        if verdict["verdict"] == "accepted" and verdict["content_type"] in EXTENSIONS:
            return AcceptedFile(
                content_type=str(verdict["content_type"]),
                page_count=int(verdict["page_count"]),
                size=int(verdict["size"]),
            )
        if verdict["verdict"] == "refused":
            params = {
                str(key): value
                for key, value in dict(verdict["params"]).items()
                if isinstance(value, int | str)
            }
            refusal = UploadRefused(RefusalCode(verdict["code"]), **params)
        else:
            return None
    except (KeyError, TypeError, ValueError):
        return None
    raise refusal


_VERDICT_MAX_BYTES = 4096
# What a child sends when its job failed: never a PNG, never a verdict.
_FAILED = b'{"outcome": "failed"}'


def _run_in_child(
    sender: Connection,
    job: str,
    data: bytes,
    options: dict[str, int | float | str],
    memory_headroom: int,
    timeout: float,
) -> None:
    try:
        _limit_self(memory_headroom, timeout)
        answer = _do_job(Job(job), data, options)
    except BaseException:
        # Out of memory or recursion depth, or a renderer's own error: no answer to give.
        answer = _FAILED
    try:
        sender.send_bytes(answer)
    finally:
        sender.close()


def _do_job(job: Job, data: bytes, options: dict[str, int | float | str]) -> bytes:
    if job is Job.CHECK:
        return _check_verdict(data)
    if job is Job.TO_PDF:
        return image_to_pdf(data).pdf
    if job is Job.THUMBNAIL:
        return draw_thumbnail(data, str(options["content_type"]))
    # Imported here: documents.preview imports this module (the forkserver preloads both).
    from documents.preview import draw_page_png

    max_scale = options.get("max_scale")
    return draw_page_png(
        data,
        int(options["page_index"]),
        int(options["max_width"]),
        int(options["max_height"]),
        max_scale=None if max_scale is None else float(max_scale),
    )


def _check_verdict(data: bytes) -> bytes:
    answer: dict[str, object]
    try:
        accepted = inspect_upload(data)
        answer = {
            "verdict": "accepted",
            "content_type": accepted.content_type,
            "page_count": accepted.page_count,
            "size": accepted.size,
        }
    except UploadRefused as refusal:
        answer = {"verdict": "refused", "code": refusal.code.value, "params": refusal.params}
    return json.dumps(answer, default=dict).encode()


def _limit_self(memory_headroom: int, timeout: float) -> None:
    with open("/proc/self/statm", "rb") as statm:
        in_use = int(statm.read().split()[0]) * resource.getpagesize()
    limit = in_use + memory_headroom
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # A backstop for a parser spinning in C code; the parent's deadline normally comes first.
    seconds = int(timeout) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def _inspect_pdf(data: bytes) -> AcceptedFile:
    # A lenient parser rebuilds a cut-off file from what is left, silently losing its last
    # pages; the missing end-of-file marker is the one sign of that.
    if b"%%EOF" not in data[-_PDF_TAIL_BYTES:]:
        raise UploadRefused(RefusalCode.TRUNCATED)
    try:
        inspection = inspect_pdf(data)
    except (MemoryError, RecursionError):
        raise
    except Exception:
        # inspect_pdf promises not to raise for bad input; should it, the file is still bad.
        raise UploadRefused(RefusalCode.DAMAGED) from None
    _refuse_unsafe_pdf(inspection)
    return AcceptedFile(content_type=PDF, page_count=inspection.page_count, size=len(data))


def _refuse_unsafe_pdf(inspection: PdfInspection) -> None:
    # The parser gave up for want of memory or stack, not because of what it read: the
    # file may be fine, but nothing below can be known.
    if inspection.exhausted:
        raise UploadRefused(RefusalCode.UNCHECKABLE)
    # Encryption first: an encrypted file that needs a password also looks damaged.
    if inspection.encrypted:
        raise UploadRefused(RefusalCode.ENCRYPTED)
    if inspection.damaged or inspection.page_count < 1:
        raise UploadRefused(RefusalCode.DAMAGED)
    if inspection.has_javascript:
        raise UploadRefused(RefusalCode.JAVASCRIPT)
    if inspection.has_launch_action:
        raise UploadRefused(RefusalCode.LAUNCH_ACTION)
    if inspection.has_embedded_files:
        raise UploadRefused(RefusalCode.EMBEDDED_FILES)
    if inspection.page_count > MAX_PDF_PAGES:
        raise UploadRefused(
            RefusalCode.TOO_MANY_PAGES, pages=inspection.page_count, max_pages=MAX_PDF_PAGES
        )
    if max(inspection.max_page_size_mm) > MAX_PAGE_SIDE_MM:
        raise UploadRefused(RefusalCode.PAGE_TOO_LARGE, max_side_mm=int(MAX_PAGE_SIDE_MM))


_PILLOW_FORMATS: Mapping[str, tuple[str, ...]] = {
    # Cameras write several pictures into one JPEG (MPO); Pillow names those separately.
    JPEG: ("JPEG", "MPO"),
    PNG: ("PNG",),
    TIFF: ("TIFF",),
    WEBP: ("WEBP",),
    HEIC: ("HEIF",),
}


def _inspect_image(data: bytes, content_type: str) -> AcceptedFile:
    # Completeness is checked on the bytes (image_complete), not left to the decoder:
    # WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when it is imported, and
    # Pillow then pads a cut-off picture with grey instead of failing. (A PNG cut inside its
    # last chunk decodes without complaint anyway.)
    formats = _PILLOW_FORMATS[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _read_image(data, content_type, formats)
    except (UploadRefused, MemoryError, RecursionError):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(
            RefusalCode.IMAGE_TOO_LARGE, max_megapixels=MAX_IMAGE_PIXELS // 1_000_000
        ) from None
    except UnidentifiedImageError:
        raise UploadRefused(RefusalCode.DAMAGED) from None
    except OSError as error:
        code = RefusalCode.TRUNCATED if "truncated" in str(error).lower() else RefusalCode.DAMAGED
        raise UploadRefused(code) from None
    except Exception:
        # Pillow reports malformed headers with SyntaxError, ValueError, struct.error and more.
        raise UploadRefused(RefusalCode.DAMAGED) from None


def _read_image(data: bytes, content_type: str, formats: tuple[str, ...]) -> AcceptedFile:
    with Image.open(io.BytesIO(data), formats=formats) as image:
        if not image_complete(data, image):
            raise UploadRefused(RefusalCode.TRUNCATED)
        width, height = image.size
        if width < 1 or height < 1:
            raise UploadRefused(RefusalCode.DAMAGED)
        if width * height > MAX_IMAGE_PIXELS:
            raise UploadRefused(
                RefusalCode.IMAGE_TOO_LARGE, max_megapixels=MAX_IMAGE_PIXELS // 1_000_000
            )
        if content_type == JPEG:
            # Decoding at an eighth of the size reads every byte of the stream (so a cut
            # file still fails) with a fraction of the memory.
            image.draft(None, (max(1, width // 8), max(1, height // 8)))
        image.load()
        pages = _frame_count(image)
    if content_type == PNG:
        # verify() checks every chunk's checksum, which load() does not.
        with Image.open(io.BytesIO(data), formats=formats) as image:
            image.verify()
    return AcceptedFile(content_type=content_type, page_count=pages, size=len(data))


def _frame_count(image: Image.Image) -> int:
    """The pages a multi-page scan (TIFF) becomes, each checked like a picture of its own."""
    frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
    if frames > MAX_PDF_PAGES:
        raise UploadRefused(RefusalCode.TOO_MANY_PAGES, pages=frames, max_pages=MAX_PDF_PAGES)
    for frame in range(1, frames):
        image.seek(frame)
        if image.width < 1 or image.height < 1:
            raise UploadRefused(RefusalCode.DAMAGED)
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise UploadRefused(
                RefusalCode.IMAGE_TOO_LARGE, max_megapixels=MAX_IMAGE_PIXELS // 1_000_000
            )
        image.load()
    return frames


def make_thumbnail(data: bytes, content_type: str) -> bytes:
    """A small PNG of the first page (PDF) or of the picture as it is meant to be seen, drawn
    in a child process bounded by THUMBNAIL_TIMEOUT_SECONDS and DRAW_MEMORY_HEADROOM_BYTES."""
    if content_type != PDF and content_type not in _PILLOW_FORMATS:
        raise ThumbnailError(f"no thumbnail for {content_type}")
    png = draw_bounded(
        Job.THUMBNAIL,
        data,
        {"content_type": content_type},
        max_size=(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE),
        timeout=THUMBNAIL_TIMEOUT_SECONDS,
    )
    if png is None:
        raise ThumbnailError(f"no thumbnail could be drawn of this {content_type} file")
    return png


def draw_thumbnail(data: bytes, content_type: str) -> bytes:
    """`make_thumbnail`'s picture, drawn in this process without a bound: for the child."""
    if content_type == PDF:
        # Imported here: documents.preview imports this module.
        from documents.preview import PreviewError, draw_page_png

        try:
            return draw_page_png(
                data,
                0,
                THUMBNAIL_MAX_SIDE,
                THUMBNAIL_MAX_SIDE,
                max_scale=THUMBNAIL_DPI / _POINTS_PER_INCH,
            )
        except PreviewError as error:
            raise ThumbnailError(str(error)) from None
    if content_type in _PILLOW_FORMATS:
        return _image_thumbnail(data, content_type)
    raise ThumbnailError(f"no thumbnail for {content_type}")


_POINTS_PER_INCH = 72


def _image_thumbnail(data: bytes, content_type: str) -> bytes:
    box = (THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE)
    try:
        with Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS[content_type]) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ThumbnailError("image too large")
            # JPEG can decode straight to a smaller size; the thumbnail step finishes it.
            image.draft("RGB", box)
            # Phones store pictures as the sensor saw them and a tag saying how to turn them.
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
            upright.thumbnail(box)
            out = io.BytesIO()
            # Not optimize=True: for a photo it takes five times as long (0.27 s against
            # 0.05 s for a 12 MP phone photo) to save 4 % of a thumbnail drawn on every view.
            upright.save(out, "PNG")
    except ThumbnailError:
        raise
    except Exception as error:
        raise ThumbnailError(f"image could not be read: {type(error).__name__}") from None
    return out.getvalue()


def shown_name(original: str) -> str:
    """The last part of a file name as a browser sent it, safe to put in a sentence."""
    name = original.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        character
        for character in name
        if unicodedata.category(character) != "Cc" and character not in _BIDI_CONTROLS
    )
    # Collapses runs of any Unicode space, including line and paragraph separators.
    name = " ".join(name.split())
    encoded = name.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        name = encoded[:_MAX_NAME_BYTES].decode("utf-8", errors="ignore")
    return name


def display_name(original: str, content_type: str) -> str:
    """The user's file name made safe to show and to offer as a download name.

    Only the last path part is kept, without control or direction-changing characters,
    with an extension that matches the detected type, in at most 255 bytes of UTF-8.
    Empty when nothing usable is left. Never used to build a path.
    """
    name = shown_name(original)
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem.strip(" .")
    if not stem:
        return ""
    if extension.lower() not in _NAME_EXTENSIONS[content_type]:
        extension = EXTENSIONS[content_type]
    suffix = f".{extension}"
    budget = _MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    encoded = stem.encode("utf-8")
    if len(encoded) > budget:
        stem = encoded[:budget].decode("utf-8", errors="ignore").rstrip(" .")
    return stem + suffix
