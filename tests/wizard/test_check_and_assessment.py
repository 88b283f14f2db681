"""The check-your-answers page and the assessment page."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import CASES, corpus_document, create_case, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(owner: User) -> Case:
    return create_case(owner, rich_hardship_case())


def test_every_answer_has_a_change_link_back_to_its_field(logged_in: Client, case: Case) -> None:
    page = logged_in.get(f"/antraege/{case.pk}/pruefen/").content.decode()

    links = re.findall(r'href="(/antraege/[^"]+/schritt/([^/]+)/\?next=pruefen)#([^"]+)"', page)
    assert len(links) == page.count('class="answers__row"')
    by_step = {step for _url, step, _anchor in links}
    assert by_step == {
        "personen",
        "lebenslauf-1",
        "lebenslauf-2",
        "schule",
        "integration",
        "verfahren",
        "gesundheit",
        "geschichte",
        "vertretung",
        "haushalt",
    }
    # Each anchor is a real field id on the step it links to.
    checked = set()
    for url, step, _anchor in links:
        if step in checked:
            continue
        step_page = logged_in.get(url).content.decode()
        anchors = [a for _u, s, a in links if s == step]
        for target in anchors:
            assert f'id="{target}"' in step_page, (step, target)
        checked.add(step)


def test_the_check_page_shows_answers_as_people_read_them(logged_in: Client, case: Case) -> None:
    page = logged_in.get(f"/antraege/{case.pk}/pruefen/").content.decode()

    assert "Afghanistan" in page
    assert "08/2015" in page  # the partial entry date
    assert "1.234,56 €" in page or "1,234.56 €" in page
    assert "Zahra Rahimi" in page
    assert f'href="/antraege/{case.pk}/unterlagen/"' in page


def test_the_check_page_marks_unanswered_questions(logged_in: Client, new_case: Case) -> None:
    page = logged_in.get(f"/antraege/{new_case.pk}/pruefen/").content.decode()

    assert "Not answered" in page
    assert "not complete yet" in page


def test_the_assessment_shows_every_requirement_with_reason_and_citation(
    logged_in: Client, case: Case
) -> None:
    page = logged_in.get(f"/antraege/{case.pk}/bewertung/").content.decode()

    assert "guidance, not a decision" in page
    assert "The reasons and legal citations below are in German" in page
    assert page.count('class="requirement requirement--') >= 20
    assert "§ 23a Abs. 1 S. 1 AufenthG" in page
    assert 'lang="de"' in page
    for label in ("fulfilled", "information or documents missing"):
        assert label in page
    assert "There is no fee for this application." in page


def test_the_assessment_uses_todays_date(
    logged_in: Client, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2026, 11, 1))

    page = logged_in.get(f"/antraege/{case.pk}/bewertung/").content.decode()

    assert "Assessed for 11/01/2026" in page or "Assessed for 2026-11-01" in page


def test_a_missing_fact_links_to_the_step_that_asks_for_it(
    logged_in: Client, new_case: Case
) -> None:
    page = logged_in.get(f"/antraege/{new_case.pk}/bewertung/").content.decode()

    assert f'href="{step_url(new_case, "lebenslauf-1")}"' in page
    assert f'href="{step_url(new_case, "personen")}"' in page


@pytest.mark.parametrize(
    ("slug", "headline"),
    [
        ("h01-rahimi-familie-eligible", "The requirements appear to be met"),
        ("h02-benali-5j11m-not-eligible", "A requirement appears not to be met"),
        ("n02-mehmedovic-dortmund-abschiebungstermin", "would probably not take up the case"),
    ],
)
def test_the_overall_result_is_said_in_plain_words(
    logged_in: Client,
    owner: User,
    monkeypatch: pytest.MonkeyPatch,
    slug: str,
    headline: str,
) -> None:
    # The corpus was assessed by hand for its reference date.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2026, 11, 1))
    case = create_case(owner, corpus_document(Path(CASES / f"{slug}.json")))

    page = logged_in.get(f"/antraege/{case.pk}/bewertung/").content.decode()

    assert headline in page


def test_the_fees_of_a_25b_family_are_listed(
    logged_in: Client, owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2026, 11, 1))
    case = create_case(owner, corpus_document(CASES / "h01-rahimi-familie-eligible.json"))

    page = logged_in.get(f"/antraege/{case.pk}/bewertung/").content.decode()

    assert "Expected fees in total" in page
    assert "first issue" in page
