"""Building in the request: POST, store, redirect to the result; clear errors, never a 500."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase
from haertefall.cases.models import StoredFile
from haertefall.cases.storage import sha256_hex
from haertefall.packages import rules
from haertefall.packages.models import BuiltPackage
from tests.packages.helpers import create, load_corpus, overview_url

pytestmark = pytest.mark.django_db


def files_on_disk(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_a_final_package_is_built_stored_and_shown_after_a_redirect(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze)

    response = owner_client.post(overview_url(case), {"kind": "final", "split_mb": "5"})

    built = BuiltPackage.objects.get(case=case)
    result_url = reverse("packages:result", args=[case.pk, built.pk])
    assert response.status_code == 302
    assert response["Location"] == result_url
    assert built.draft is False
    assert built.created_by == owner
    assert built.options["split_mb"] == 5
    assert built.options["sent_on"] == "2026-11-01"
    with built.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-")
    assert sha256_hex(data) == built.sha256
    assert built.size == len(data)
    reader = PdfReader(io.BytesIO(data))
    assert built.page_count == len(reader.pages)
    assert "ENTWURF" not in (reader.pages[0].extract_text() or "")
    # The file on disk is named by UUIDs only, never after the person.
    assert built.file.name == f"packages/{case.pk}/{built.pk}.pdf"
    assert built.download_name.endswith("_Haertefallantrag_Eze.pdf")
    # Small enough for one e-mail: no parts.
    assert not built.email_parts.exists()

    page = owner_client.get(result_url)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Your package is ready." in html
    assert reverse("packages:download", args=[case.pk, built.pk]) in html
    assert "fits into one e-mail of at most 5 MB" in html
    assert html.count('class="thumbnail__image"') == built.page_count


def test_a_draft_of_an_incomplete_case_carries_the_watermark_and_the_fax_cover(
    owner_client: Client, owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)

    response = owner_client.post(overview_url(case), {"kind": "draft", "fax_cover": "on"})

    built = BuiltPackage.objects.get(case=case)
    assert response.status_code == 302
    assert built.draft is True
    assert built.options["fax_cover"] is True
    with built.file.open("rb") as handle:
        first_page = PdfReader(handle).pages[0].extract_text() or ""
    assert "Telefax" in first_page
    assert "ENTWURF" in first_page
    assert [part["kind"] for part in built.parts[:3]] == [
        "fax_cover",
        "letter",
        "attachment_index",
    ]
    assert [part["anlage"] for part in built.parts if part["to_follow"]] == [4, 6]


def test_the_final_package_of_an_incomplete_case_is_refused_with_the_missing_items(
    owner_client: Client, owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)

    response = owner_client.post(overview_url(case), {"kind": "final"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "A final package is not possible yet. You can build a draft." in html
    assert "Kindergartenbescheinigung" in html
    assert not BuiltPackage.objects.exists()
    assert case.revisions.count() == 1


def test_a_refusal_by_the_builder_is_shown_on_the_page(
    owner_client: Client,
    owner: User,
    diallo: LoadedCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the page's rule ever let a final through that the builder refuses (§ 1.6 is
    checked in both), the builder's reasons reach the user instead of a server error."""
    case = create(owner, diallo)
    monkeypatch.setattr(rules, "final_allowed", lambda *args, **kwargs: (True, []))

    response = owner_client.post(overview_url(case), {"kind": "final"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "The package could not be built" in html
    assert "The case is not complete yet. These mandatory items are missing:" in html
    assert "Kindergartenbescheinigung" in html
    assert not BuiltPackage.objects.exists()


def test_an_attachment_that_is_no_pdf_is_named_with_a_link_to_replace_it(
    owner_client: Client, owner: User, upload_root: Path
) -> None:
    case = create(owner, load_corpus("n12-warsame-bonn-docx-anlage"))
    before = files_on_disk(upload_root)

    response = owner_client.post(overview_url(case), {"kind": "draft"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "The document “Schreiben des Ausbildungsbetriebs (Word-Datei)” cannot go" in html
    assert "it is neither a PDF nor an image" in html
    assert "/unterlagen/" in html and "/aendern/" in html
    assert "Nothing in your application was changed." in html
    assert not BuiltPackage.objects.exists()
    assert files_on_disk(upload_root) == before
    assert case.revisions.count() == 1


def test_a_file_gone_from_the_disk_is_named_instead_of_a_server_error(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze)
    stored = StoredFile.objects.at_path(case, "files/bamf-bescheid.pdf").get()
    Path(stored.file.path).unlink()

    response = owner_client.post(overview_url(case), {"kind": "draft"})

    assert response.status_code == 200
    assert "The document “Bescheid des BAMF vom 10.05.2023” cannot go" in (
        response.content.decode()
    )
    assert "its file is no longer stored" in response.content.decode()
    assert not BuiltPackage.objects.exists()


def test_a_damaged_stored_file_is_not_put_into_the_package(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze)
    stored = StoredFile.objects.at_path(case, "files/arbeitsvertrag.pdf").get()
    Path(stored.file.path).write_bytes(b"%PDF-1.4 something else entirely")

    response = owner_client.post(overview_url(case), {"kind": "draft"})

    assert "its stored file is damaged" in response.content.decode()
    assert not BuiltPackage.objects.exists()


def test_a_25b_package_without_cvs(owner_client: Client, owner: User) -> None:
    case = create(owner, load_corpus("h03-bajrami-6j-geldstrafe50-eligible"))

    # The checkbox left unticked: the browser sends no include_cv at all.
    owner_client.post(overview_url(case), {"kind": "draft"})

    built = BuiltPackage.objects.get(case=case)
    assert built.options["include_cv"] is False
    assert "cv" not in [part["kind"] for part in built.parts]


def test_a_get_never_builds(owner_client: Client, owner: User, eze: LoadedCase) -> None:
    case = create(owner, eze)

    owner_client.get(overview_url(case), {"kind": "final"})

    assert not BuiltPackage.objects.exists()


def test_a_final_package_marks_the_case_exported_and_leaves_an_audit_record(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    from haertefall.review.models import AuditEvent

    case = create(owner, eze)

    owner_client.post(overview_url(case), {"kind": "final"})

    case.refresh_from_db()
    assert case.status == "exported"
    actions = list(AuditEvent.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert "exported" in actions


def test_a_case_nobody_approved_cannot_be_built_final_even_by_a_crafted_post(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze, approved=False)

    response = owner_client.post(overview_url(case), {"kind": "final"})

    assert response.status_code == 200
    assert not BuiltPackage.objects.filter(case=case, draft=False).exists()
    case.refresh_from_db()
    assert case.status == "draft"
