"""Small helpers the evidence tests share: URLs, a form post, what is stored."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from haertefall.cases.models import Case, StoredFile
from haertefall.evidence.services import entry_key

if TYPE_CHECKING:
    # Only django-stubs knows the test client's response type by name.
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def list_url(case: Case) -> str:
    return reverse("evidence:list", args=[case.pk])


def upload_url(case: Case) -> str:
    return reverse("evidence:upload", args=[case.pk])


def edit_url(case: Case, document_id: str) -> str:
    return reverse("evidence:edit", args=[case.pk, entry_key(case, document_id)])


def remove_url(case: Case, document_id: str) -> str:
    return reverse("evidence:remove", args=[case.pk, entry_key(case, document_id)])


def upload_file(
    name: str, data: bytes, content_type: str = "application/pdf"
) -> SimpleUploadedFile:
    # The browser's content type is whatever the user's system guessed; tests lie on purpose.
    return SimpleUploadedFile(name, data, content_type=content_type)


def details(case: Case, **overrides: Any) -> dict[str, Any]:
    """Form values of a payslip of the applicant, dated August 2026, in German."""
    values: dict[str, Any] = {
        "version": case.version,
        "category": "payslip",
        "person": "p1",
        "title": "Lohnabrechnung August 2026",
        "issued_day": "",
        "issued_month": "8",
        "issued_year": "2026",
        "language": "de",
        "translation_of": "",
    }
    values.update(overrides)
    return values


def post_upload(client: Client, case: Case, *files: SimpleUploadedFile, **fields: Any) -> Response:
    data = details(case, **fields)
    if files:
        data["files"] = list(files)
    return client.post(upload_url(case), data)


def documents_of(case: Case) -> list[dict[str, Any]]:
    case.refresh_from_db()
    document = case.document
    assert document is not None
    return list(document.get("documents") or [])


def entry(case: Case, document_id: str) -> dict[str, Any]:
    return next(item for item in documents_of(case) if item["id"] == document_id)


def stored_for(case: Case, document_id: str) -> StoredFile:
    return StoredFile.objects.at_path(case, entry(case, document_id)["file"]).get()


def files_on_disk(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def household_case() -> dict[str, Any]:
    """A § 25b family: two adults, a child, one payslip already attached, one announced."""
    return {
        "schema": "haertefall-case/1",
        "target": "abh_hannover_25b",
        "reference_date": "2026-11-01",
        "household_address": {"street": "Am Markt 1", "postcode": "30159", "city": "Hannover"},
        "persons": [
            {
                "id": "p1",
                "role": "applicant",
                "surname": "Rahimi",
                "given_names": "Amina",
                "birth_date": "1988-04-02",
                "nationalities": ["AF"],
                "entry_date": "2015-09-20",
                "residence_history": [
                    {"status": "duldung", "from": "2015-10-01", "to": None, "basis": "60a"}
                ],
            },
            {
                "id": "p2",
                "role": "spouse",
                "surname": "Rahimi",
                "given_names": "Karim",
                "birth_date": "1985-01-10",
                "nationalities": ["AF"],
            },
            {
                "id": "p3",
                "role": "child",
                "surname": "Rahimi",
                "given_names": "Omid",
                "birth_date": "2014-07-01",
                "nationalities": ["AF"],
            },
        ],
        "documents": [
            {
                "id": "d1",
                "person": "p1",
                "category": "payslip",
                "title": "Lohnabrechnung Oktober 2026",
                "issued": "2026-10-31",
                "file": "files/lohn.pdf",
                "language": "de",
                "translation_of": None,
            },
            {
                "id": "d2",
                "person": "p3",
                "category": "school_certificate",
                "title": "Schulbescheinigung Omid",
                "issued": None,
                "language": "de",
                "translation_of": None,
            },
        ],
    }
