"""Downloads, page pictures and page views of a built package; nobody but the owner gets them."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from PIL import Image

from documents.package import Package
from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase
from haertefall.packages.models import BuiltPackage
from tests.packages.helpers import create, overview_url, package_urls, store

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_split(owner: User, eze_with_scans: LoadedCase, split_draft: Package) -> BuiltPackage:
    return store(create(owner, eze_with_scans), split_draft, split_mb=1)


def body(response: Any) -> bytes:
    assert isinstance(response, FileResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


def assert_private(response: Any) -> None:
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_download_is_the_stored_pdf_as_an_attachment(
    owner_client: Client, stored_split: BuiltPackage, split_draft: Package
) -> None:
    response = owner_client.get(package_urls(stored_split.case, stored_split)["download"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{split_draft.filename}"'
    assert_private(response)
    assert body(response) == split_draft.pdf


def test_every_e_mail_part_downloads_as_teil_x_von_y(
    owner_client: Client, stored_split: BuiltPackage, split_draft: Package
) -> None:
    case = stored_split.case
    details = split_draft.email_details

    for detail, data in zip(details, split_draft.email_parts, strict=True):
        url = reverse("packages:email_part", args=[case.pk, stored_split.pk, detail.number])
        response = owner_client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f"_Teil-{detail.number}-von-{len(details)}.pdf" in response["Content-Disposition"]
        assert_private(response)
        assert body(response) == data
    beyond = reverse("packages:email_part", args=[case.pk, stored_split.pk, len(details) + 1])
    assert owner_client.get(beyond).status_code == 404


def test_the_result_lists_the_e_mail_parts_with_their_subject_and_anlagen(
    owner_client: Client, stored_split: BuiltPackage, split_draft: Package
) -> None:
    html = owner_client.get(package_urls(stored_split.case, stored_split)["result"]).content
    text = html.decode()

    assert "Part 1 of 2" in text and "Part 2 of 2" in text
    assert "Antrag, Anlagenverzeichnis, Anlagen 1–16" in text
    assert "Anlage 17" in text
    for detail in split_draft.email_details:
        assert detail.subject in text


@pytest.mark.parametrize(("name", "width"), [("thumbnail", 240), ("page_image", 1200)])
def test_a_page_picture_is_a_png_of_that_page(
    owner_client: Client, stored_split: BuiltPackage, name: str, width: int
) -> None:
    response = owner_client.get(package_urls(stored_split.case, stored_split)[name])

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="seite-1.png"'
    assert_private(response)
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
        assert image.width == width
        # An A4 page, upright.
        assert image.height == pytest.approx(width * 297 / 210, abs=2)


def test_pages_outside_the_package_are_404(
    owner_client: Client, stored_split: BuiltPackage
) -> None:
    case = stored_split.case
    for number in (0, stored_split.page_count + 1):
        for name in ("page", "thumbnail", "page_image"):
            url = reverse(f"packages:{name}", args=[case.pk, stored_split.pk, number])
            assert owner_client.get(url).status_code == 404, (name, number)


def test_a_page_view_shows_the_page_with_its_neighbours(
    owner_client: Client, stored_split: BuiltPackage
) -> None:
    case = stored_split.case
    last = stored_split.page_count

    response = owner_client.get(reverse("packages:page", args=[case.pk, stored_split.pk, last]))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Page {last} of {last}" in html
    assert reverse("packages:page_image", args=[case.pk, stored_split.pk, last]) in html
    assert reverse("packages:page", args=[case.pk, stored_split.pk, last - 1]) in html
    assert reverse("packages:page", args=[case.pk, stored_split.pk, last + 1]) not in html
    # The last page belongs to the last Anlage, the second photo.
    assert "Anlage 17: Scan 2" in html


def test_a_package_file_gone_from_the_disk_is_a_404(
    owner_client: Client, stored_split: BuiltPackage
) -> None:
    Path(stored_split.file.path).unlink()
    urls = package_urls(stored_split.case, stored_split)

    for name in ("download", "thumbnail", "page_image"):
        assert owner_client.get(urls[name]).status_code == 404, name


def test_another_user_gets_404_and_an_anonymous_visitor_the_log_in_page_on_every_package_url(
    client_for: Callable[[User | None], Client],
    stranger: User,
    stored_split: BuiltPackage,
) -> None:
    case = stored_split.case
    urls = [overview_url(case), *package_urls(case, stored_split).values()]

    for user, expected in ((stranger, 404), (None, 302)):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == expected, (user, url)
        response = client.post(overview_url(case), {"kind": "draft"})
        assert response.status_code == expected, user
    assert BuiltPackage.objects.count() == 1


def test_a_package_of_one_case_is_not_found_under_another_case(
    owner_client: Client, owner: User, eze: LoadedCase, stored_split: BuiltPackage
) -> None:
    other_case = create(owner, eze)

    for url in package_urls(other_case, stored_split).values():
        assert owner_client.get(url).status_code == 404, url


def test_package_urls_do_not_accept_a_post(
    owner_client: Client, stored_split: BuiltPackage
) -> None:
    for name, url in package_urls(stored_split.case, stored_split).items():
        assert owner_client.post(url).status_code == 405, name
