"""Uploading evidence: accepted by content, refused with a message, nothing typed is lost."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, StoredFile
from haertefall.cases.services import do_create_case
from haertefall.evidence import services
from tests.evidence import samples
from tests.evidence.helpers import (
    documents_of,
    entry,
    files_on_disk,
    household_case,
    post_upload,
    stored_for,
    upload_file,
    upload_url,
)

pytestmark = pytest.mark.django_db


def pending_ids(html: str) -> list[str]:
    return re.findall(r'name="pending" value="([0-9a-f-]{36})"', html)


def test_an_uploaded_pdf_is_stored_and_listed_in_a_new_revision(
    owner_client: Client, case: Case
) -> None:
    data = samples.pdf(pages=2)
    version = case.version

    response = post_upload(owner_client, case, upload_file("Lohn August.pdf", data))

    assert response.status_code == 302
    assert response["Location"].startswith(f"/antraege/{case.pk}/unterlagen/")
    added = entry(case, "d3")
    assert added == {
        "id": "d3",
        "person": "p1",
        "category": "payslip",
        "title": "Lohnabrechnung August 2026",
        "issued": "2026-08",
        "file": added["file"],
        "language": "de",
        "translation_of": None,
    }
    stored = stored_for(case, "d3")
    assert stored.content_type == "application/pdf"
    assert stored.page_count == 2
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.original_name == "Lohn August.pdf"
    assert stored.file.read() == data
    assert case.version == version + 1
    assert case.latest_revision().step == "documents"  # type: ignore[union-attr]


def test_the_type_comes_from_the_content_not_from_the_name_or_the_browser(
    owner_client: Client, case: Case
) -> None:
    response = post_upload(
        owner_client, case, upload_file("scan.pdf", samples.jpeg(), "application/pdf")
    )

    assert response.status_code == 302
    stored = stored_for(case, "d3")
    assert stored.content_type == "image/jpeg"
    assert stored.case_path.endswith(".jpg")
    assert stored.original_name == "scan.jpg"


def test_a_png_is_accepted(owner_client: Client, case: Case) -> None:
    response = post_upload(owner_client, case, upload_file("duldung.png", samples.png()))

    assert response.status_code == 302
    assert stored_for(case, "d3").content_type == "image/png"


def test_several_files_become_one_document_each_with_numbered_titles(
    owner_client: Client, case: Case
) -> None:
    response = post_upload(
        owner_client,
        case,
        upload_file("seite1.jpg", samples.jpeg()),
        upload_file("seite2.jpg", samples.jpeg()),
        upload_file("seite3.pdf", samples.pdf()),
        title="Lohnabrechnungen Sommer",
    )

    assert response.status_code == 302
    added = documents_of(case)[2:]
    assert [item["title"] for item in added] == [
        "Lohnabrechnungen Sommer (1/3)",
        "Lohnabrechnungen Sommer (2/3)",
        "Lohnabrechnungen Sommer (3/3)",
    ]
    assert len({item["file"] for item in added}) == 3
    assert {item["category"] for item in added} == {"payslip"}
    # One revision for the whole upload.
    assert CaseRevision.objects.filter(case=case).count() == 2


def test_an_empty_title_becomes_the_german_name_of_the_category(
    owner_client: Client, case: Case
) -> None:
    post_upload(
        owner_client,
        case,
        upload_file("dtz.pdf", samples.pdf()),
        category="language_certificate",
        title="",
    )

    assert entry(case, "d3")["title"] == "Sprachzertifikat"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("skript.pdf", samples.pdf_with_javascript(), "contains a program (JavaScript)"),
        ("gesperrt.pdf", samples.encrypted_pdf(), "is protected by a password"),
        ("abgebrochen.pdf", samples.truncated_pdf(), "is incomplete"),
        ("Bescheid.pdf", samples.html_as_pdf(), "is not a PDF or a picture we can read"),
        ("leer.pdf", b"", "is empty"),
    ],
    ids=["javascript", "encrypted", "truncated", "html-named-pdf", "empty"],
)
def test_a_refused_file_is_named_with_the_reason_and_the_other_answers_stay(
    owner_client: Client, case: Case, upload_root: Path, name: str, data: bytes, message: str
) -> None:
    before = files_on_disk(upload_root)

    response = post_upload(
        owner_client,
        case,
        upload_file(name, data),
        title="Mein Titel",
        person="p2",
        issued_day="3",
        issued_month="8",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert f"“{name}” {message}" in html
    assert 'href="#id_files"' in html
    assert 'value="Mein Titel"' in html
    assert re.search(r'<option value="p2" selected>', html)
    assert re.search(r'<option value="payslip" selected>', html)
    assert 'name="issued_day" value="3"' in html
    assert len(documents_of(case)) == 2
    assert StoredFile.objects.filter(case=case).count() == 1
    assert files_on_disk(upload_root) == before


def test_a_file_over_the_limit_is_refused_with_the_limit_named(
    owner_client: Client, case: Case, settings: Settings
) -> None:
    settings.UPLOAD_MAX_FILE_BYTES = 2000
    data = samples.jpeg()
    assert len(data) > 2000

    response = post_upload(owner_client, case, upload_file("foto.jpg", data))

    html = response.content.decode()
    assert "but a file may be at most 2.0\xa0KB" in html
    assert "<title>Error:" in html
    assert 'value="Lohnabrechnung August 2026"' in html
    assert StoredFile.objects.filter(case=case).count() == 1


def test_the_space_of_the_whole_case_counts_files_already_stored(
    owner_client: Client, case: Case, settings: Settings
) -> None:
    used = services.case_bytes_used(case)
    first, second = samples.pdf(text="eins"), samples.pdf(text="zwei")
    settings.UPLOAD_MAX_CASE_BYTES = used + len(first) + len(second) - 1

    response = post_upload(
        owner_client, case, upload_file("eins.pdf", first), upload_file("zwei.pdf", second)
    )

    html = response.content.decode()
    assert "“zwei.pdf” (" in html
    assert "“eins.pdf” (" not in html
    # The file that fitted is kept for the next try; the one that did not is not stored.
    assert StoredFile.objects.filter(case=case).count() == 2
    assert len(pending_ids(html)) == 1


def test_the_form_states_the_limits_and_the_space_left(
    owner_client: Client, case: Case, settings: Settings
) -> None:
    settings.UPLOAD_MAX_FILE_BYTES = 5 * 1024 * 1024
    settings.UPLOAD_MAX_CASE_BYTES = 10 * 1024 * 1024
    used = services.case_bytes_used(case)

    html = owner_client.get(upload_url(case)).content.decode()

    assert "at most 5.0\xa0MB per file" in html
    assert "of 10.0\xa0MB" in html
    assert f'data-max-file-bytes="{5 * 1024 * 1024}"' in html
    assert f'data-remaining-bytes="{10 * 1024 * 1024 - used}"' in html
    assert (
        'accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp,.heic,.heif,'
        "application/pdf,image/jpeg,image/png,image/tiff,image/webp,image/heic,image/heif"
        '"'
    ) in html
    assert "js/evidence.js" in html


def test_a_mistake_in_another_field_keeps_the_accepted_file_for_the_next_try(
    owner_client: Client, case: Case
) -> None:
    response = post_upload(
        owner_client,
        case,
        upload_file("lohn.pdf", samples.pdf()),
        issued_day="31",
        issued_month="2",
        title="Lohn Februar",
    )

    html = response.content.decode()
    assert "<title>Error:" in html
    assert "This date does not exist" in html
    assert 'href="#id_issued_day"' in html
    assert 'value="Lohn Februar"' in html
    kept = pending_ids(html)
    assert len(kept) == 1
    assert len(documents_of(case)) == 2

    retry = post_upload(
        owner_client, case, issued_day="28", issued_month="2", title="Lohn Februar", pending=kept
    )

    assert retry.status_code == 302
    added = entry(case, "d3")
    assert added["issued"] == "2026-02-28"
    assert added["file"] == StoredFile.objects.get(pk=kept[0]).case_path
    assert StoredFile.objects.filter(case=case).count() == 2


def test_a_good_and_a_bad_file_together_keep_the_good_one(owner_client: Client, case: Case) -> None:
    response = post_upload(
        owner_client,
        case,
        upload_file("gut.pdf", samples.pdf()),
        upload_file("schlecht.pdf", samples.html_as_pdf()),
    )

    html = response.content.decode()
    assert "“schlecht.pdf” is not a PDF" in html
    assert "gut.pdf" in html
    assert len(pending_ids(html)) == 1


def test_saving_without_any_file_asks_for_one(owner_client: Client, case: Case) -> None:
    response = post_upload(owner_client, case)

    assert "Please choose at least one file." in response.content.decode()
    assert len(documents_of(case)) == 2


def test_pending_files_of_another_case_are_ignored(
    owner_client: Client, case: Case, owner: User
) -> None:
    other = do_create_case(owner, household_case(), {"files/lohn.pdf": samples.pdf()}, "import")
    foreign = post_upload(owner_client, other, upload_file("x.pdf", samples.pdf()), issued_year="x")
    foreign_id = pending_ids(foreign.content.decode())[0]

    response = post_upload(owner_client, case, pending=[foreign_id])

    assert "Please choose at least one file." in response.content.decode()
    assert StoredFile.objects.get(pk=foreign_id).case == other


def test_a_stale_page_keeps_the_file_and_the_retry_saves_it(
    owner_client: Client, case: Case
) -> None:
    loaded_version = case.version
    # Another tab saves in between.
    post_upload(owner_client, case, upload_file("anderer.pdf", samples.pdf()), title="Anderer")
    case.refresh_from_db()

    response = post_upload(
        owner_client, case, upload_file("meiner.pdf", samples.pdf()), version=loaded_version
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "<title>Error:" in html
    assert "changed in another window" in html
    assert f'name="version" value="{case.version}"' in html
    kept = pending_ids(html)
    assert len(kept) == 1
    assert [item["title"] for item in documents_of(case)][-1] == "Anderer"

    retry = post_upload(owner_client, case, version=case.version, pending=kept)

    assert retry.status_code == 302
    assert documents_of(case)[-1]["file"] == StoredFile.objects.get(pk=kept[0]).case_path
    assert [item["title"] for item in documents_of(case)][-2:] == [
        "Anderer",
        "Lohnabrechnung August 2026",
    ]


def test_when_the_revision_cannot_be_saved_the_stored_bytes_are_deleted(
    owner_client: Client, case: Case, upload_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_on_disk(upload_root)

    def broken_save(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "do_save_revision", broken_save)

    with pytest.raises(RuntimeError):
        post_upload(owner_client, case, upload_file("lohn.pdf", samples.pdf()))

    assert StoredFile.objects.filter(case=case).count() == 1
    assert files_on_disk(upload_root) == before


def test_stored_paths_contain_nothing_the_user_typed_or_named(
    owner_client: Client, case: Case, upload_root: Path
) -> None:
    post_upload(
        owner_client,
        case,
        upload_file("Pass Amina Rahimi.pdf", samples.pdf()),
        title="Reisepass Amina Rahimi",
        category="passport",
    )

    stored = stored_for(case, "d3")
    assert re.fullmatch(rf"files/{stored.pk}\.pdf", stored.case_path)
    assert stored.file.name == f"{case.pk}/{stored.pk}"
    for path in files_on_disk(upload_root):
        relative = path.relative_to(upload_root).as_posix()
        assert "Amina" not in relative and "Rahimi" not in relative and "Pass" not in relative


def test_the_quick_form_of_a_still_needed_item_adds_the_document(
    owner_client: Client, case: Case
) -> None:
    response = owner_client.post(
        upload_url(case),
        {
            "version": case.version,
            "category": "language_certificate",
            "person": "p2",
            "language": "de",
            "files": [upload_file("zertifikat.jpg", samples.jpeg())],
        },
    )

    assert response.status_code == 302
    added = entry(case, "d3")
    assert (added["category"], added["person"], added["title"]) == (
        "language_certificate",
        "p2",
        "Sprachzertifikat",
    )
    assert added["issued"] is None


def test_uploading_for_an_announced_document_completes_that_entry(
    owner_client: Client, case: Case
) -> None:
    list_html = owner_client.get(f"/antraege/{case.pk}/unterlagen/").content.decode()
    key = services.entry_key(case, "d2")
    assert f'name="fills" value="{key}"' in list_html
    assert 'name="title" value="Schulbescheinigung Omid"' in list_html

    response = owner_client.post(
        upload_url(case),
        {
            "version": case.version,
            "category": "school_certificate",
            "person": "p3",
            "fills": key,
            "title": "Schulbescheinigung Omid",
            "language": "de",
            "files": [upload_file("schule.pdf", samples.pdf())],
        },
    )

    assert response.status_code == 302
    assert len(documents_of(case)) == 2
    completed = entry(case, "d2")
    assert completed["title"] == "Schulbescheinigung Omid"
    assert completed["file"] == stored_for(case, "d2").case_path


def test_a_translation_points_at_the_document_it_translates(
    owner_client: Client, case: Case
) -> None:
    post_upload(
        owner_client,
        case,
        upload_file("tazkira.jpg", samples.jpeg()),
        category="identity",
        title="Tazkira",
        language="fa",
    )
    case.refresh_from_db()

    post_upload(
        owner_client,
        case,
        upload_file("uebersetzung.pdf", samples.pdf()),
        category="identity",
        title="Übersetzung der Tazkira",
        translation_of="d3",
    )

    assert entry(case, "d3")["language"] == "fa"
    assert entry(case, "d4")["translation_of"] == "d3"


def test_an_issue_date_in_the_future_is_refused(owner_client: Client, case: Case) -> None:
    response = post_upload(
        owner_client, case, upload_file("lohn.pdf", samples.pdf()), issued_year="2099"
    )

    assert "The date of the document cannot be in the future." in response.content.decode()


def test_the_error_summary_lists_problems_in_page_order_with_links(
    owner_client: Client, case: Case
) -> None:
    response = post_upload(
        owner_client,
        case,
        upload_file("x.html", samples.html_as_pdf()),
        category="",
        issued_year="20x",
    )

    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary is not None
    assert re.findall(r'href="#([^"]+)"', summary.group(0)) == [
        "id_files",
        "id_category",
        "id_issued_day",
    ]
    for anchor in ("id_files", "id_category", "id_issued_day"):
        assert f'id="{anchor}"' in html
