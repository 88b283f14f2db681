"""Replacing a file, changing what a document says, removing it, discarding unsaved files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.evidence.helpers import (
    details,
    documents_of,
    edit_url,
    entry,
    files_on_disk,
    household_case,
    post_upload,
    remove_url,
    stored_for,
    upload_file,
)

pytestmark = pytest.mark.django_db


def test_replacing_a_file_stores_the_new_bytes_and_deletes_the_old(
    owner_client: Client, case: Case, upload_root: Path
) -> None:
    old = stored_for(case, "d1")
    old_path = Path(old.file.path)
    new_data = samples.jpeg()

    response = owner_client.post(
        edit_url(case, "d1"),
        details(
            case,
            title="Lohnabrechnung Oktober 2026",
            issued_day="31",
            issued_month="10",
            files=upload_file("neu.jpg", new_data),
        ),
    )

    assert response.status_code == 302
    replaced = entry(case, "d1")
    assert replaced["file"] != old.case_path
    new = stored_for(case, "d1")
    assert new.file.read() == new_data
    assert new.content_type == "image/jpeg"
    assert not StoredFile.objects.filter(pk=old.pk).exists()
    assert not old_path.exists()


def test_changing_details_without_a_file_keeps_the_file(owner_client: Client, case: Case) -> None:
    before = stored_for(case, "d1")

    response = owner_client.post(
        edit_url(case, "d1"), details(case, title="Lohn Oktober", issued_day="", issued_month="10")
    )

    assert response.status_code == 302
    changed = entry(case, "d1")
    assert (changed["title"], changed["issued"]) == ("Lohn Oktober", "2026-10")
    assert stored_for(case, "d1").pk == before.pk


def test_the_change_page_starts_with_the_document_as_it_is(
    owner_client: Client, case: Case
) -> None:
    html = owner_client.get(edit_url(case, "d1")).content.decode()

    assert 'value="Lohnabrechnung Oktober 2026"' in html
    assert 'name="issued_day" value="31"' in html
    assert '<option value="payslip" selected>' in html
    assert "lohn.pdf" in html
    # Only one file can replace one file.
    assert not re.search(r'<input type="file"[^>]*multiple', html)


def test_a_refused_replacement_keeps_the_current_file_and_the_typed_details(
    owner_client: Client, case: Case
) -> None:
    before = stored_for(case, "d1")

    response = owner_client.post(
        edit_url(case, "d1"),
        details(case, title="Neuer Titel", files=upload_file("x.pdf", samples.truncated_pdf())),
    )

    html = response.content.decode()
    assert "<title>Error:" in html
    assert "“x.pdf” is incomplete" in html
    assert 'value="Neuer Titel"' in html
    assert stored_for(case, "d1").pk == before.pk
    assert entry(case, "d1")["title"] == "Lohnabrechnung Oktober 2026"


def test_a_stale_replacement_keeps_the_new_file_for_a_retry(
    owner_client: Client, case: Case
) -> None:
    loaded = case.version
    post_upload(owner_client, case, upload_file("andere.pdf", samples.pdf()))
    case.refresh_from_db()

    response = owner_client.post(
        edit_url(case, "d1"),
        details(case, version=loaded, files=upload_file("neu.png", samples.png())),
    )

    html = response.content.decode()
    assert response.status_code == 409
    kept = re.findall(r'name="pending" value="([0-9a-f-]{36})"', html)
    assert len(kept) == 1
    assert StoredFile.objects.get(pk=kept[0]).content_type == "image/png"

    retry = owner_client.post(edit_url(case, "d1"), details(case, pending=kept))

    assert retry.status_code == 302
    assert stored_for(case, "d1").pk == StoredFile.objects.get(pk=kept[0]).pk


def test_removing_asks_first_then_removes_the_entry_and_its_bytes(
    owner_client: Client, case: Case, upload_root: Path
) -> None:
    stored = stored_for(case, "d1")
    on_disk = Path(stored.file.path)

    confirm = owner_client.get(remove_url(case, "d1"))

    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Remove “Lohnabrechnung Oktober 2026”?" in html
    assert f'<form method="post" action="{remove_url(case, "d1")}">' in html
    assert len(documents_of(case)) == 2

    response = owner_client.post(remove_url(case, "d1"), {"version": case.version})

    assert response.status_code == 302
    assert [item["id"] for item in documents_of(case)] == ["d2"]
    assert not StoredFile.objects.filter(pk=stored.pk).exists()
    assert not on_disk.exists()
    # The history keeps what the case said before.
    assert case.revisions.order_by("number").first().document["documents"][0]["id"] == "d1"  # type: ignore[union-attr]


def test_removing_a_document_unlinks_its_translations(owner_client: Client, case: Case) -> None:
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
        title="Übersetzung",
        translation_of="d3",
    )
    case.refresh_from_db()

    confirm = owner_client.get(remove_url(case, "d3")).content.decode()
    assert "Übersetzung" in confirm
    owner_client.post(remove_url(case, "d3"), {"version": case.version})

    assert entry(case, "d4")["translation_of"] is None


def test_removing_from_a_stale_page_removes_nothing(owner_client: Client, case: Case) -> None:
    loaded = case.version
    post_upload(owner_client, case, upload_file("andere.pdf", samples.pdf()))
    case.refresh_from_db()

    response = owner_client.post(remove_url(case, "d1"), {"version": loaded})

    assert response.status_code == 409
    assert "Nothing was removed" in response.content.decode()
    assert f'name="version" value="{case.version}"' in response.content.decode()
    assert "d1" in [item["id"] for item in documents_of(case)]
    assert stored_for(case, "d1").file.read()


def test_removing_a_document_without_a_file_keeps_every_stored_file(
    owner_client: Client, case: Case
) -> None:
    response = owner_client.post(remove_url(case, "d2"), {"version": case.version})

    assert response.status_code == 302
    assert [item["id"] for item in documents_of(case)] == ["d1"]
    assert StoredFile.objects.filter(case=case).count() == 1


def test_an_unsaved_file_can_be_discarded(
    owner_client: Client, case: Case, upload_root: Path
) -> None:
    response = post_upload(
        owner_client, case, upload_file("falsch.pdf", samples.pdf()), issued_year="x"
    )
    kept = re.findall(r'name="pending" value="([0-9a-f-]{36})"', response.content.decode())[0]
    on_disk = Path(StoredFile.objects.get(pk=kept).file.path)

    discarded = owner_client.post(reverse("evidence:discard", args=[case.pk, kept]))

    assert discarded.status_code == 302
    assert not StoredFile.objects.filter(pk=kept).exists()
    assert not on_disk.exists()


def test_a_saved_file_cannot_be_discarded_behind_its_document(
    owner_client: Client, case: Case
) -> None:
    saved = stored_for(case, "d1")

    response = owner_client.post(reverse("evidence:discard", args=[case.pk, saved.pk]))

    assert response.status_code == 404
    assert StoredFile.objects.filter(pk=saved.pk).exists()
    assert files_on_disk(Path(saved.file.path).parent)


def test_an_imported_language_the_lists_do_not_know_can_still_be_saved(
    owner_client: Client, case: Case, owner: User
) -> None:
    document = household_case()
    document["documents"][0]["language"] = "nl"
    imported = do_create_case(owner, document, {"files/lohn.pdf": samples.pdf()}, "import")

    page = owner_client.get(edit_url(imported, "d1")).content.decode()
    assert '<option value="nl" selected>' in page

    response = owner_client.post(
        edit_url(imported, "d1"), details(imported, language="nl", title="Loonstrook")
    )

    assert response.status_code == 302
    assert entry(imported, "d1")["language"] == "nl"
