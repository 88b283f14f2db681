"""The package page before a build: contents with Anlage numbers, warnings, final or draft."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from documents.package import Package, PackageOptions, plan_anlagen
from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase
from haertefall.cases.services import do_create_case
from tests.packages.helpers import TODAY, create, load_corpus, overview_url, store

pytestmark = pytest.mark.django_db


def text_of(html: bytes) -> str:
    """The page's text with tags dropped and white space collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", html.decode())
    return re.sub(r"\s+", " ", without_tags).replace("&amp;", "&").replace("&#x27;", "'")


def test_the_page_lists_every_anlage_with_the_number_the_builder_gives_it(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze)

    response = owner_client.get(overview_url(case))

    assert response.status_code == 200
    text = text_of(response.content)
    planned = plan_anlagen(eze.facts, PackageOptions(draft=False, sent_on=TODAY))
    assert len(planned) == 15
    for anlage in planned:
        assert f"Anlage {anlage.number} {anlage.title}" in text
    # The represented applicant's power of attorney comes first, then the generated CV.
    assert "Anlage 1 Vollmacht für Frau Hoffmann (Caritas)" in text
    assert "Anlage 2 Tabellarischer Lebenslauf Precious Eze" in text
    assert text.index("Antrag (Anschreiben mit Begründung)") < text.index("Anlagenverzeichnis")


def test_a_complete_case_offers_the_final_package(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze)

    response = owner_client.get(overview_url(case))

    html = response.content.decode()
    assert "The final package can be built." in html
    assert re.search(r'<input type="radio" name="kind" value="final"[^>]*checked', html)
    assert 'value="draft"' in html


def test_an_incomplete_case_names_what_is_missing_and_offers_only_a_draft(
    owner_client: Client, owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)

    response = owner_client.get(overview_url(case))

    html = response.content.decode()
    assert "A final package is not possible yet." in html
    assert "Kindergartenbescheinigung" in html
    assert "gerichtliche Entscheidung" in html
    assert '<input type="hidden" name="kind" value="draft"' in html
    assert 'value="final"' not in html
    assert "Create the draft" in html


def test_the_warnings_name_cv_gaps_and_documents_to_follow(
    owner_client: Client, owner: User, diallo: LoadedCase
) -> None:
    case = create(owner, diallo)

    text = text_of(owner_client.get(overview_url(case)).content)

    assert "The CV of Fatoumata Diallo has a gap of more than three months: 09.09.2013" in text
    assert "Anlage 4 “Urteil Verwaltungsgericht vom 2024-05-21” has no file yet" in text
    assert "Anlage 6 “Betreuungsbestätigung Kita Regenbogen” has no file yet" in text
    life_history = reverse("wizard:step", args=[case.pk, "lebenslauf-1"])
    assert f'href="{life_history}"' in owner_client.get(overview_url(case)).content.decode()


def test_an_untranslated_story_and_an_outdated_report_are_shown_before_export(
    owner_client: Client, owner: User
) -> None:
    untranslated = create(owner, load_corpus("n06-al-jubouri-dortmund-erzaehlung-arabisch"))
    outdated = create(owner, load_corpus("n05-ahmadi-koeln-attest-veraltet"))

    untranslated_text = text_of(owner_client.get(overview_url(untranslated)).content)
    outdated_text = text_of(owner_client.get(overview_url(outdated)).content)

    assert "The part “Lebensgeschichte” of your story has no German translation yet." in (
        untranslated_text
    )
    assert "A final package is not possible yet." in untranslated_text
    assert "A document is too old:" in outdated_text
    assert "A final package is not possible yet." in outdated_text


def test_a_25b_case_offers_the_cv_switch_but_neither_e_mail_nor_fax(
    owner_client: Client, owner: User
) -> None:
    case = create(owner, load_corpus("h01-rahimi-familie-eligible"))

    html = owner_client.get(overview_url(case)).content.decode()

    assert re.search(r'<input type="checkbox" name="include_cv"[^>]*checked', html)
    assert 'name="split_mb"' not in html
    assert 'name="fax_cover"' not in html


def test_a_25b_case_that_fails_a_requirement_may_go_final_with_the_reasons_shown(
    owner_client: Client, owner: User
) -> None:
    case = create(owner, load_corpus("h02-benali-5j11m-not-eligible"))

    text = text_of(owner_client.get(overview_url(case)).content)

    assert "The final package can be built." in text
    assert "According to the assessment, a requirement is not met." in text


def test_an_e_mail_case_preselects_the_split_and_a_fax_case_the_cover(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    by_email = copy.deepcopy(eze.document) | {"channel": "email"}
    by_fax = copy.deepcopy(eze.document) | {"channel": "fax"}
    email_case = do_create_case(owner, by_email, dict(eze.files), "import")
    fax_case = do_create_case(owner, by_fax, dict(eze.files), "import")

    email_html = owner_client.get(overview_url(email_case)).content.decode()
    fax_html = owner_client.get(overview_url(fax_case)).content.decode()

    assert re.search(r'<input type="radio" name="split_mb" value="10"[^>]*checked', email_html)
    assert not re.search(r'name="fax_cover"[^>]*checked', email_html)
    assert re.search(r'name="fax_cover"[^>]*checked', fax_html)
    assert re.search(r'<input type="radio" name="split_mb" value=""[^>]*checked', fax_html)


def test_the_page_lists_the_packages_built_before(
    owner_client: Client, owner: User, eze: LoadedCase, eze_draft: Package
) -> None:
    case = create(owner, eze)
    stored = store(case, eze_draft)

    html = owner_client.get(overview_url(case)).content.decode()

    assert reverse("packages:result", args=[case.pk, stored.pk]) in html


def test_the_package_page_needs_a_bounded_number_of_queries(
    owner_client: Client,
    owner: User,
    eze: LoadedCase,
    eze_draft: Package,
    django_assert_max_num_queries: Any,
) -> None:
    case = create(owner, eze)
    for _ in range(3):
        store(case, eze_draft)

    # Session, user, case, newest revision, saved steps, built packages.
    with django_assert_max_num_queries(8):
        response = owner_client.get(overview_url(case))

    assert response.status_code == 200


def test_the_check_and_the_assessment_page_lead_to_the_package_page(
    owner_client: Client, owner: User, eze: LoadedCase
) -> None:
    case = create(owner, eze)

    for name in ("wizard:check", "wizard:assessment"):
        html = owner_client.get(reverse(name, args=[case.pk])).content.decode()
        assert f'href="{overview_url(case)}"' in html, name
        assert "Create the package" in html, name
