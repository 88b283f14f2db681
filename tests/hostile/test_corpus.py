"""Every file of the hostile corpus through the real upload view (issue 7).

The multipart body is written here rather than by the test client, because the client
keeps only the last part of a file name, and the point is to send what a hostile or
careless browser sends.
"""

from __future__ import annotations

import io
import unicodedata
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader

from documents.uploads import shown_name
from haertefall.cases.models import Case, StoredFile
from haertefall.evidence.labels import refusal_message
from tests.evidence.helpers import details, documents_of, files_on_disk, list_url, upload_url
from tests.hostile.make_corpus import SPECIMENS, Specimen

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

TITLE = "Lohnabrechnung August 2026 – Rückseite"


def multipart(fields: dict[str, Any], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for key, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{key}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    # As browsers do: the name raw in UTF-8, only quotes and line breaks escaped.
    quoted = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="{quoted}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(client: Client, case: Case, name: str, data: bytes) -> Response:
    body, content_type = multipart(details(case, title=TITLE), name, data)
    return client.post(upload_url(case), body, content_type=content_type)


@pytest.mark.parametrize("name", list(SPECIMENS))
def test_every_hostile_or_broken_file_gets_its_answer_and_never_a_server_error(
    name: str,
    hostile_corpus: dict[str, Specimen],
    owner_client: Client,
    case: Case,
    upload_root: Path,
) -> None:
    specimen = hostile_corpus[name]
    stored_before = StoredFile.objects.filter(case=case).count()
    on_disk_before = files_on_disk(upload_root)
    documents_before = documents_of(case)

    response = upload(owner_client, case, name, specimen.data)

    if specimen.refusal is None:
        assert response.status_code == 302
        assert response["Location"].startswith(list_url(case))
        assert StoredFile.objects.filter(case=case).count() == stored_before + 1
        assert len(documents_of(case)) == len(documents_before) + 1
        (new,) = [item for item in documents_of(case) if item not in documents_before]
        stored = StoredFile.objects.at_path(case, new["file"]).get()
        kept = stored.file.open("rb").read()
        assert stored.sha256 and stored.size == len(kept)
        if name.lower().endswith((".tif", ".webp", ".heic")):
            # Converted on arrival: what is kept is a PDF anyone can open.
            assert stored.content_type == "application/pdf" and kept.startswith(b"%PDF-")
            assert stored.original_name.endswith(".pdf")
        else:
            assert kept == specimen.data
        assert_safe_display_name(stored.original_name)
        return
    assert response.status_code == 200
    content = response.content.decode()
    with translation.override("en"):
        expected = refusal_message(specimen.refusal, shown_name(name), specimen.params)
    assert escape(expected) in content
    assert content.lstrip().lower().startswith("<!doctype html")
    assert "<title>Error:" in content
    # Nothing was kept of the refused file, and the answers typed in stay in the form.
    assert StoredFile.objects.filter(case=case).count() == stored_before
    assert files_on_disk(upload_root) == on_disk_before
    assert documents_of(case) == documents_before
    assert f'value="{escape(TITLE)}"' in content


def assert_safe_display_name(name: str) -> None:
    assert name
    assert len(name.encode("utf-8")) <= 255
    assert "/" not in name and "\\" not in name
    assert not any(unicodedata.category(character) in ("Cc", "Cf") for character in name)
    assert name.rsplit(".", 1)[-1].lower() in ("pdf", "jpg", "png", "tif", "webp", "heic")


def test_the_corpus_covers_the_hostile_cases_the_issue_lists(
    hostile_corpus: dict[str, Specimen],
) -> None:
    assert len(hostile_corpus) >= 30
    refusals = {specimen.refusal for specimen in hostile_corpus.values()}
    assert len(refusals) >= 11
    assert any(len(name.encode()) > 255 for name in hostile_corpus)
    assert any("\u202e" in name for name in hostile_corpus)
    assert any(name.startswith("../") for name in hostile_corpus)


def test_a_multi_page_tiff_becomes_a_pdf_with_one_page_per_frame(
    hostile_corpus: dict[str, Specimen], owner_client: Client, case: Case
) -> None:
    name = "scan-3-pages.tif"

    response = upload(owner_client, case, name, hostile_corpus[name].data)

    assert response.status_code == 302
    stored = StoredFile.objects.get(case=case, page_count=3)
    assert stored.content_type == "application/pdf"
    assert stored.case_path.rsplit(".", 1)[-1] == "pdf"
    assert stored.original_name == "scan-3-pages.pdf"
    pages = PdfReader(io.BytesIO(stored.file.open("rb").read())).pages
    assert len(pages) == 3
    # A4, portrait or landscape as the scanned page is.
    assert sorted(round(float(v)) for v in pages[0].mediabox[2:]) == [595, 842]
