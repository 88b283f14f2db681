"""Files leave the server only through the owner's views, with the detected type."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from haertefall.accounts.models import User
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.services import do_create_case
from haertefall.evidence.services import entry_key
from tests.evidence import samples
from tests.evidence.helpers import household_case, post_upload, stored_for, upload_file

pytestmark = pytest.mark.django_db


def test_a_download_sends_the_bytes_with_the_detected_type(
    owner_client: Client, case: Case
) -> None:
    post_upload(owner_client, case, upload_file("Foto vom Pass.pdf", samples.jpeg()))
    stored = stored_for(case, "d3")

    response = owner_client.get(reverse("evidence:download", args=[case.pk, stored.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored.file.read()  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="Foto vom Pass.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_pdf_download_is_a_pdf(owner_client: Client, case: Case) -> None:
    stored = stored_for(case, "d1")

    response = owner_client.get(reverse("evidence:download", args=[case.pk, stored.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="lohn.pdf"'


@pytest.mark.parametrize(
    ("name", "data"),
    [("seite.pdf", samples.pdf()), ("foto.jpg", samples.jpeg()), ("scan.png", samples.png())],
    ids=["pdf", "jpeg", "png"],
)
def test_a_thumbnail_is_a_small_png(
    owner_client: Client, case: Case, name: str, data: bytes
) -> None:
    post_upload(owner_client, case, upload_file(name, data))
    stored = stored_for(case, "d3")

    response = owner_client.get(reverse("evidence:thumbnail", args=[case.pk, stored.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
        assert max(image.size) <= 468


def test_a_missing_file_on_disk_is_a_404_not_a_server_error(
    owner_client: Client, case: Case
) -> None:
    stored = stored_for(case, "d1")
    Path(stored.file.path).unlink()

    for name in ("evidence:download", "evidence:thumbnail"):
        response = owner_client.get(reverse(name, args=[case.pk, stored.pk]))
        assert response.status_code == 404, name


def test_a_file_of_another_case_is_not_served_under_this_case(
    owner: User, owner_client: Client, case: Case
) -> None:
    other = do_create_case(owner, household_case(), {"files/lohn.pdf": samples.pdf()}, "import")
    foreign = StoredFile.objects.get(case=other)

    for name in ("evidence:download", "evidence:thumbnail"):
        response = owner_client.get(reverse(name, args=[case.pk, foreign.pk]))
        assert response.status_code == 404, name


def every_evidence_url(case: Case) -> list[tuple[str, str]]:
    stored = StoredFile.objects.at_path(case, "files/lohn.pdf").get()
    key = entry_key(case, "d1")
    return [
        ("get", reverse("evidence:list", args=[case.pk])),
        ("get", reverse("evidence:upload", args=[case.pk])),
        ("post", reverse("evidence:upload", args=[case.pk])),
        ("get", reverse("evidence:edit", args=[case.pk, key])),
        ("post", reverse("evidence:edit", args=[case.pk, key])),
        ("get", reverse("evidence:remove", args=[case.pk, key])),
        ("post", reverse("evidence:remove", args=[case.pk, key])),
        ("get", reverse("evidence:download", args=[case.pk, stored.pk])),
        ("get", reverse("evidence:thumbnail", args=[case.pk, stored.pk])),
        ("post", reverse("evidence:discard", args=[case.pk, stored.pk])),
    ]


@pytest.mark.parametrize("who", ["another user", "anonymous"])
def test_another_user_gets_404_and_anonymous_the_log_in_page_on_every_evidence_url(
    who: str,
    case: Case,
    stranger: User,
    client_for: Callable[[User | None], Client],
) -> None:
    client = client_for(stranger if who == "another user" else None)
    expected = 404 if who == "another user" else 302
    version = case.version

    for method, url in every_evidence_url(case):
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(
                url,
                {
                    "version": version,
                    "category": "payslip",
                    "language": "de",
                    "files": [upload_file("x.pdf", samples.pdf())],
                },
            )
        assert response.status_code == expected, (method, url)
        if expected == 302:
            assert response["Location"].startswith("/konto/anmelden/?next="), url

    case.refresh_from_db()
    assert case.version == version
    assert StoredFile.objects.filter(case=case).count() == 1


def test_an_unknown_case_is_a_404(owner_client: Client) -> None:
    response = owner_client.get(reverse("evidence:list", args=[uuid.uuid4()]))

    assert response.status_code == 404


def test_an_unknown_document_key_is_a_404(owner_client: Client, case: Case) -> None:
    for name in ("evidence:edit", "evidence:remove"):
        response = owner_client.get(reverse(name, args=[case.pk, "0" * 20]))
        assert response.status_code == 404, name
