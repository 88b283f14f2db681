"""The documents page: what the case has, by person and category, and what is still needed."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from haertefall.cases.models import Case
from haertefall.evidence.services import entry_key
from tests.evidence import samples
from tests.evidence.helpers import (
    list_url,
    post_upload,
    stored_for,
    upload_file,
)

pytestmark = pytest.mark.django_db


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.S)
    assert match is not None, section_id
    return match.group(0)


def test_documents_are_grouped_by_person_then_category_with_file_details(
    owner_client: Client, case: Case
) -> None:
    post_upload(
        owner_client,
        case,
        upload_file("Mietvertrag.pdf", samples.pdf(pages=3)),
        category="rent_contract",
        person="",
        title="Mietvertrag Am Markt",
    )
    post_upload(
        owner_client,
        case.__class__.objects.get(pk=case.pk),
        upload_file("dtz.jpg", samples.jpeg()),
        category="language_certificate",
        person="p1",
        title="DTZ A2",
    )

    html = owner_client.get(list_url(case)).content.decode()

    documents = section(html, "documents")
    headings = re.findall(r"<h([34])[^>]*>([^<]+)</h\1>", documents)
    assert headings == [
        ("3", "Amina Rahimi"),
        ("4", "Language certificate"),
        ("4", "Payslip"),
        ("3", "Omid Rahimi"),
        ("4", "School certificate or report"),
        ("3", "The whole household"),
        ("4", "Rent contract"),
    ]
    rent = stored_for(case, "d3")
    assert "Mietvertrag Am Markt" in documents
    assert re.search(r"Mietvertrag\.pdf · [\d.]+\xa0KB · 3 pages", documents)
    thumbnail = reverse("evidence:thumbnail", args=[case.pk, rent.pk])
    assert f'src="{thumbnail}"' in documents
    assert reverse("evidence:download", args=[case.pk, rent.pk]) in documents
    assert reverse("evidence:edit", args=[case.pk, entry_key(case, "d3")]) in documents
    assert reverse("evidence:remove", args=[case.pk, entry_key(case, "d3")]) in documents
    assert "Dated 31.10.2026" in documents
    # The announced school certificate has no file yet and says so.
    assert "No file yet" in documents


def test_still_needed_documents_come_from_the_assessment_with_a_prefilled_form(
    owner_client: Client, case: Case
) -> None:
    html = owner_client.get(list_url(case)).content.decode()

    needed = section(html, "missing")
    items = re.findall(r'<li class="needed__item">.*?</li>', needed, re.S)
    assert items
    language = next(
        item
        for item in items
        if 'name="category" value="language_certificate"' in item
        and 'name="person" value="p1"' in item
    )
    assert "Amina Rahimi" in language
    assert 'lang="de"' in language and "Benötigt für" in language
    assert f'name="version" value="{case.version}"' in language
    assert 'type="file"' in language and "multiple" in language
    assert "?category=language_certificate&amp;person=p1" in language


def test_an_announced_document_is_no_longer_needed_once_its_file_is_there(
    owner_client: Client, case: Case
) -> None:
    key = entry_key(case, "d2")

    def still_needed() -> bool:
        html = owner_client.get(list_url(case)).content.decode()
        return f'name="fills" value="{key}"' in section(html, "missing")

    assert still_needed()

    response = owner_client.post(
        reverse("evidence:upload", args=[case.pk]),
        {
            "version": case.version,
            "category": "school_certificate",
            "person": "p3",
            "fills": key,
            "language": "de",
            "files": [upload_file("schule.pdf", samples.pdf())],
        },
    )

    assert response.status_code == 302
    assert not still_needed()


def test_the_progress_list_shows_the_documents_step_as_the_current_one(
    owner_client: Client, case: Case
) -> None:
    html = owner_client.get(list_url(case)).content.decode()

    current = re.search(r'<a href="([^"]+)" aria-current="step">([^<]+)</a>', html)
    assert current is not None
    assert current.group(1) == list_url(case)


def test_unsaved_files_are_offered_to_save_or_delete(owner_client: Client, case: Case) -> None:
    response = post_upload(
        owner_client, case, upload_file("vergessen.pdf", samples.pdf()), issued_year="x"
    )
    kept = re.findall(r'name="pending" value="([0-9a-f-]{36})"', response.content.decode())[0]

    html = owner_client.get(list_url(case)).content.decode()

    unsaved = section(html, "unsaved")
    assert "vergessen.pdf" in unsaved
    assert f"?pending={kept}" in unsaved
    assert reverse("evidence:discard", args=[case.pk, kept]) in unsaved
    form = owner_client.get(f"{reverse('evidence:upload', args=[case.pk])}?pending={kept}")
    assert f'name="pending" value="{kept}"' in form.content.decode()


def test_an_upload_page_link_prefills_category_and_person(owner_client: Client, case: Case) -> None:
    url = reverse("evidence:upload", args=[case.pk]) + "?category=medical_report&person=p2"

    html = owner_client.get(url).content.decode()

    assert '<option value="medical_report" selected>' in html
    assert '<option value="p2" selected>' in html
    assert f'name="version" value="{case.version}"' in html


def test_the_page_has_no_error_title_when_all_is_well(owner_client: Client, case: Case) -> None:
    html = owner_client.get(list_url(case)).content.decode()

    assert "<title>Your documents" in html


def test_the_number_of_queries_does_not_grow_with_the_number_of_documents(
    owner_client: Client, case: Case
) -> None:
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(list_url(case)).status_code == 200
        return len(captured.captured_queries)

    few = queries_for_list()
    post_upload(
        owner_client,
        case,
        *[upload_file(f"seite{number}.png", samples.png()) for number in range(6)],
    )

    assert queries_for_list() == few
