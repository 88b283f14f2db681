"""The parsers run in a child process with a deadline and a memory bound (issue 7)."""

from __future__ import annotations

import os
import struct
import zlib
from multiprocessing import forkserver
from pathlib import Path

import pytest
from django.test import Client

from documents import uploads
from documents.uploads import RefusalCode, UploadRefused, check_upload
from haertefall.cases.models import Case, StoredFile
from tests.evidence import samples
from tests.evidence.helpers import files_on_disk, post_upload, upload_file


def grey_png(width: int, height: int) -> bytes:
    """A valid, fully written PNG that is small on disk and large once decoded."""
    row = b"\x00" + b"\x80" * width
    pixels = zlib.compress(row * height, 9)

    def chunk(kind: bytes, payload: bytes) -> bytes:
        checksum = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# 48 megapixels of grey: within the pixel limit, 48 MB once decoded.
LARGE_SCAN = (8000, 6000)


def refusal_of(data: bytes) -> RefusalCode:
    with pytest.raises(UploadRefused) as caught:
        check_upload(data)
    return caught.value.code


def test_a_file_is_checked_in_a_child_with_the_same_answers_as_in_process() -> None:
    accepted = check_upload(samples.pdf(pages=2))

    assert (accepted.content_type, accepted.page_count) == ("application/pdf", 2)
    assert refusal_of(samples.pdf_with_javascript()) is RefusalCode.JAVASCRIPT
    assert refusal_of(b"") is RefusalCode.EMPTY


def test_a_file_needing_more_memory_than_allowed_cannot_be_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = grey_png(*LARGE_SCAN)
    assert check_upload(data).content_type == "image/png"

    monkeypatch.setattr(uploads, "CHECK_MEMORY_HEADROOM_BYTES", 16 * 1024 * 1024)

    assert refusal_of(data) is RefusalCode.UNCHECKABLE


def test_a_file_taking_longer_than_allowed_cannot_be_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = samples.pdf(pages=200)
    assert check_upload(data).page_count == 200

    monkeypatch.setattr(uploads, "CHECK_TIMEOUT_SECONDS", 0.001)

    assert refusal_of(data) is RefusalCode.UNCHECKABLE


def test_the_upload_page_explains_a_file_that_could_not_be_checked(
    monkeypatch: pytest.MonkeyPatch, owner_client: Client, case: Case, upload_root: Path
) -> None:
    monkeypatch.setattr(uploads, "CHECK_MEMORY_HEADROOM_BYTES", 16 * 1024 * 1024)
    stored_before = StoredFile.objects.filter(case=case).count()
    on_disk_before = files_on_disk(upload_root)

    response = post_upload(
        owner_client, case, upload_file("scan.png", grey_png(*LARGE_SCAN), "image/png")
    )

    assert response.status_code == 200
    assert "“scan.png” could not be checked" in response.content.decode()
    assert StoredFile.objects.filter(case=case).count() == stored_before
    assert files_on_disk(upload_root) == on_disk_before


def test_the_children_that_parse_uploads_see_no_secrets_of_the_server() -> None:
    assert os.environ.get("DATA_ENCRYPTION_KEYS") and os.environ.get("SECRET_KEY")
    uploads.check_upload(samples.pdf())

    server = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    with open(f"/proc/{server}/environ", "rb") as environ:
        names = {entry.split(b"=", 1)[0] for entry in environ.read().split(b"\0") if entry}

    assert not names & {b"DATA_ENCRYPTION_KEYS", b"SECRET_KEY", b"DATABASE_URL"}
    # Terminal size is added by the interpreter when it runs under a terminal; nothing else.
    assert names <= {name.encode() for name in uploads._CHILD_ENVIRONMENT} | {b"COLUMNS", b"LINES"}
    # The server's own environment is untouched.
    assert os.environ.get("DATA_ENCRYPTION_KEYS") and os.environ.get("SECRET_KEY")
