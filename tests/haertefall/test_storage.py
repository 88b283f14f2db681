"""Stored evidence: opaque names under UPLOAD_ROOT, checksums, no URL."""

import hashlib
from pathlib import Path

import pytest

from haertefall.accounts.models import User
from haertefall.cases.casefiles import CaseFileError, export_case
from haertefall.cases.models import StoredFile
from haertefall.cases.services import do_create_case
from haertefall.cases.storage import detect_content_type
from tests.haertefall.builders import (
    BINARY_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    rich_hardship_case,
    rich_hardship_files,
)

pytestmark = pytest.mark.django_db


def test_stored_paths_contain_no_names_from_the_case(owner: User, upload_root: Path) -> None:
    case = do_create_case(owner, rich_hardship_case(), rich_hardship_files(), step="import")

    on_disk = [path for path in upload_root.rglob("*") if path.is_file()]
    assert len(on_disk) == 3
    for stored in case.files.all():
        assert stored.file.name == f"{case.pk}/{stored.pk}"
        with stored.file.open("rb") as handle:
            assert handle.read() == rich_hardship_files()[stored.case_path]
    for path in on_disk:
        relative = path.relative_to(upload_root).as_posix()
        assert "Zahra" not in relative and "tazkira" not in relative


def test_stored_file_records_what_the_bytes_are(owner: User) -> None:
    case = do_create_case(owner, rich_hardship_case(), rich_hardship_files(), step="import")

    attest = StoredFile.objects.at_path(case, "files/Attest Zahra Rahimi (Psychiatrie).pdf").get()
    assert attest.original_name == "Attest Zahra Rahimi (Psychiatrie).pdf"
    assert attest.content_type == "application/pdf"
    assert attest.size == len(PDF_BYTES)
    assert attest.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert attest.page_count is None
    assert StoredFile.objects.at_path(case, "files/tazkira.png").get().content_type == "image/png"


def test_stored_files_have_no_url(owner: User) -> None:
    case = do_create_case(owner, rich_hardship_case(), rich_hardship_files(), step="import")

    with pytest.raises(NotImplementedError):
        _ = case.files.first().file.url  # type: ignore[union-attr]


def test_export_refuses_bytes_changed_on_disk(owner: User, tmp_path: Path) -> None:
    case = do_create_case(owner, rich_hardship_case(), rich_hardship_files(), step="import")
    stored = StoredFile.objects.at_path(case, "files/tazkira.png").get()
    Path(stored.file.path).write_bytes(b"tampered")

    damaged = r'documents\[1\].file: the stored bytes of "files/tazkira.png" are damaged'
    with pytest.raises(CaseFileError, match=damaged):
        export_case(case, tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF_BYTES, "application/pdf"),
        (b"\r\n" * 10 + PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (b"\xff\xd8\xff\xe0" + BINARY_BYTES, "image/jpeg"),
        (b"PK\x03\x04" + BINARY_BYTES, "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_content_type_comes_from_the_bytes(data: bytes, expected: str) -> None:
    assert detect_content_type(data) == expected
