"""The page's rule for a final package agrees with the builder's check on every corpus case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from django.utils import translation

from documents.package import PackageRefused, check_final_allowed
from eligibility.engine import assess
from haertefall.cases.casefiles import load_case
from haertefall.cases.models import Case
from haertefall.packages.rules import final_allowed
from tests.packages.helpers import CASES, TODAY


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # The reasons are translatable; these tests read the English msgids.
    with translation.override("en"):
        yield


CORPUS = sorted(path for path in CASES.glob("*.json") if not path.name.endswith(".expected.json"))


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem[:3] for path in CORPUS])
def test_the_page_and_the_builder_agree_whether_a_final_package_may_be_built(
    path: Path,
) -> None:
    facts = replace(load_case(path, with_files=False).facts, reference_date=TODAY)
    report = assess(facts, TODAY)
    try:
        check_final_allowed(facts, report, counsellor_override=False)
        builder_allows = True
    except PackageRefused:
        builder_allows = False

    allowed, reasons = final_allowed(
        Case(target=facts.target, status="approved"), report, facts=facts
    )

    assert allowed == builder_allows
    assert bool(reasons) != allowed


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("n01-eze-koeln-ready", True),
        ("n05-ahmadi-koeln-attest-veraltet", False),
        ("n02-mehmedovic-dortmund-abschiebungstermin", False),
        ("h02-benali-5j11m-not-eligible", True),
        ("h17-beridze-unuebersetzt-incomplete", False),
    ],
)
def test_final_allowed_follows_the_overall_result(slug: str, expected: bool) -> None:
    facts = replace(load_case(CASES / f"{slug}.json", with_files=False).facts, reference_date=TODAY)

    allowed, _reasons = final_allowed(
        Case(target=facts.target, status="approved"), assess(facts, TODAY), facts=facts
    )

    assert allowed is expected


def test_a_case_the_commission_would_not_take_up_says_a_counsellor_must_confirm() -> None:
    path = CASES / "n02-mehmedovic-dortmund-abschiebungstermin.json"
    facts = replace(load_case(path, with_files=False).facts, reference_date=TODAY)

    allowed, reasons = final_allowed(
        Case(target=facts.target, status="approved"), assess(facts, TODAY), facts=facts
    )

    assert not allowed
    assert any("after a counsellor has confirmed it" in reason for reason in reasons)
    assert len(reasons) > 1


def test_an_untranslated_story_part_is_named() -> None:
    path = CASES / "n06-al-jubouri-dortmund-erzaehlung-arabisch.json"
    facts = replace(load_case(path, with_files=False).facts, reference_date=TODAY)

    allowed, reasons = final_allowed(
        Case(target=facts.target, status="approved"), assess(facts, TODAY), facts=facts
    )

    assert not allowed
    assert "The part “Lebensgeschichte” of your story has no German translation yet." in reasons


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested"])
def test_a_case_no_counsellor_approved_gets_only_a_draft(status: str) -> None:
    """Issue 6: only approved cases produce a final (non-draft) package."""
    facts = replace(
        load_case(CASES / "n01-eze-koeln-ready.json", with_files=False).facts, reference_date=TODAY
    )

    allowed, reasons = final_allowed(
        Case(target=facts.target, status=status), assess(facts, TODAY), facts=facts
    )

    assert not allowed
    assert reasons == [
        "A counsellor of an advice centre has to approve the application before the final "
        "package can be built. Share the case with an advice centre and send it for review; "
        "a draft is possible at any time."
    ]


@pytest.mark.parametrize("status", ["approved", "exported"])
def test_an_approved_or_exported_case_may_go_final(status: str) -> None:
    facts = replace(
        load_case(CASES / "n01-eze-koeln-ready.json", with_files=False).facts, reference_date=TODAY
    )

    allowed, _reasons = final_allowed(
        Case(target=facts.target, status=status), assess(facts, TODAY), facts=facts
    )

    assert allowed
