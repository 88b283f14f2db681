"""`25b.status` and the status on the reference date (legal-rules.md § 3.2).

§ 25b Abs. 1 Satz 1 AufenthG (geduldet or § 104c holder); BVerwG 1 C 34.18; § 81 Abs. 4 Satz 1
AufenthG (fiction after a timely application); § 104c Abs. 2 AufenthG n.F.; § 10 Abs. 1 AufenthG.
"""

from __future__ import annotations

import pytest

from eligibility.report import Outcome
from eligibility.status import residence_status, status_on_reference_date
from tests.eligibility.builders import (
    Json,
    case,
    context,
    minimal_case,
    residence,
    set_residence,
)

R = "2026-11-01"


def _status_case(*entries: Json, application_date: str | None = None) -> Json:
    document = case(reference_date=R, application_date=application_date)
    set_residence(document, "p1", *entries)
    return document


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        pytest.param(
            residence("duldung", "2019-01-01", basis="60a"), Outcome.MET, id="duldung-60a"
        ),
        pytest.param(
            residence("duldung", "2019-01-01", basis="60b"), Outcome.MET, id="duldung-60b"
        ),
        pytest.param(
            residence("duldung", "2019-01-01", basis="60c"), Outcome.MET, id="duldung-60c"
        ),
        pytest.param(
            residence("duldung", "2019-01-01", basis="60d"), Outcome.MET, id="duldung-60d"
        ),
        pytest.param(residence("duldung", "2019-01-01"), Outcome.MET, id="duldung-no-basis"),
        pytest.param(
            residence("aufenthaltserlaubnis", "2024-01-01", "2027-06-30", basis="104c"),
            Outcome.MET,
            id="permit-104c",
        ),
        pytest.param(residence("gestattung", "2019-01-01"), Outcome.NOT_MET, id="gestattung"),
        pytest.param(
            residence("aufenthaltserlaubnis", "2019-01-01", "2027-01-01", basis="25_5"),
            Outcome.NEEDS_REVIEW,
            id="permit-25-5",
        ),
        pytest.param(
            residence("aufenthaltserlaubnis", "2019-01-01", "2027-01-01"),
            Outcome.NEEDS_REVIEW,
            id="permit-unknown-basis",
        ),
        pytest.param(residence("none", "2019-01-01"), Outcome.NEEDS_REVIEW, id="no-papers"),
        pytest.param(residence("visa", "2026-10-01", "2027-01-01"), Outcome.NOT_MET, id="visa"),
        pytest.param(
            residence("niederlassungserlaubnis", "2019-01-01"), Outcome.NOT_MET, id="settlement"
        ),
        pytest.param(residence("abroad", "2026-01-01"), Outcome.NOT_MET, id="abroad"),
    ],
)
def test_status_on_the_reference_date_decides_the_target_group(
    entry: Json, expected: Outcome
) -> None:
    finding = residence_status(context(_status_case(entry)))
    assert finding.outcome is expected
    assert finding.id == "25b.status"
    assert finding.person == "p1"
    assert finding.citation.startswith("§ 25b Abs. 1 Satz 1 AufenthG")


def test_status_gestattung_cites_section_10_and_suggests_advice() -> None:
    finding = residence_status(context(_status_case(residence("gestattung", "2019-01-01"))))
    assert "§ 10 Abs. 1 AufenthG" in finding.citation
    assert "Asylantrag" in finding.reason_de


def test_status_104c_cites_the_transitional_rule_from_2025_12_31() -> None:
    entry = residence("aufenthaltserlaubnis", "2024-06-01", "2025-12-31", basis="104c")
    before = residence_status(context(_status_case(entry), "2025-12-30"))
    on = residence_status(context(_status_case(entry), "2025-12-31"))
    assert "§ 104c Abs. 2" not in before.citation
    assert "§ 104c Abs. 2 AufenthG" in on.citation


def test_status_without_history_is_missing_information() -> None:
    finding = residence_status(context(minimal_case()))
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("persons[0].residence_history",)


def test_status_with_a_duldung_that_ended_before_the_reference_date_is_missing() -> None:
    document = _status_case(residence("duldung", "2019-01-01", "2026-10-31"))
    finding = residence_status(context(document))
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "Kein Status zum Stichtag erfasst" in finding.reason_de


# --- § 81 Abs. 4 fiction after an expired permit (step 1a) ---------------------------------

PERMIT_104C = residence("aufenthaltserlaubnis", "2024-12-01", "2026-06-30", basis="104c")


@pytest.mark.parametrize(
    ("application_date", "outcome", "fiction", "holder"),
    [
        pytest.param("2026-06-29", Outcome.MET, True, True, id="applied-before-expiry"),
        pytest.param("2026-06-30", Outcome.MET, True, True, id="applied-on-expiry"),
        pytest.param("2026-07-01", Outcome.NEEDS_REVIEW, False, False, id="applied-day-after"),
        pytest.param(None, Outcome.MISSING_INFORMATION, False, False, id="no-application-date"),
    ],
)
def test_expired_104c_permit_is_kept_alive_only_by_a_timely_application(
    application_date: str | None, outcome: Outcome, fiction: bool, holder: bool
) -> None:
    ctx = context(_status_case(PERMIT_104C, application_date=application_date))
    finding = residence_status(ctx)
    status = status_on_reference_date(ctx, ctx.principal)
    assert finding.outcome is outcome
    assert status.fiction is fiction
    assert status.holds_104c is holder
    if fiction:
        assert status.entry is not None and status.entry.basis == "104c"
        assert "§ 81 Abs. 4 Satz 1 AufenthG" in finding.citation
        assert "§ 104c Abs. 2 AufenthG" in finding.citation  # R after 2025-12-31
    if application_date is None:
        assert finding.missing == ("application_date",)
        assert "Datum der Antragstellung fehlt" in finding.reason_de


def test_expired_permit_on_another_basis_with_timely_application_needs_review() -> None:
    permit = residence("aufenthaltserlaubnis", "2020-01-01", "2026-06-30", basis="25_5")
    ctx = context(_status_case(permit, application_date="2026-06-01"))
    status = status_on_reference_date(ctx, ctx.principal)
    assert residence_status(ctx).outcome is Outcome.NEEDS_REVIEW
    assert status.fiction is True
    assert status.holds_104c is False


def test_expired_permit_followed_by_a_duldung_uses_the_duldung() -> None:
    ctx = context(
        _status_case(
            PERMIT_104C,
            residence("duldung", "2026-07-01", basis="60a"),
            application_date="2026-08-01",
        )
    )
    status = status_on_reference_date(ctx, ctx.principal)
    assert status.entry is not None and status.entry.status == "duldung"
    assert status.fiction is False and status.holds_104c is False
    assert residence_status(ctx).outcome is Outcome.MET


def test_current_104c_permit_makes_a_holder_without_fiction() -> None:
    ctx = context(
        _status_case(residence("aufenthaltserlaubnis", "2025-06-01", "2026-12-01", basis="104c"))
    )
    status = status_on_reference_date(ctx, ctx.principal)
    assert (status.fiction, status.holds_104c) == (False, True)


# --- partial dates (§ 0.4) -----------------------------------------------------------------


def test_status_met_only_under_the_favourable_reading_needs_review() -> None:
    # "2026-11" starts on 30.11.2026 conservatively – after the reference date.
    document = _status_case(
        residence("gestattung", "2016-01-01", "2026-10-15"),
        residence("duldung", "2026-11", basis="60a"),
    )
    finding = residence_status(context(document))
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "günstiger Lesart" in finding.reason_de


def test_status_with_partial_start_well_before_the_reference_date_is_met() -> None:
    document = _status_case(residence("duldung", "2019-03", basis="60a"))
    assert residence_status(context(document)).outcome is Outcome.MET


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        pytest.param(residence("abroad", "2026-11"), Outcome.NEEDS_REVIEW, id="abroad-this-month"),
        pytest.param(residence("gestattung", "2026-11"), Outcome.NEEDS_REVIEW, id="new-asylum"),
        pytest.param(residence("abroad", "2026-12"), Outcome.MET, id="abroad-next-month"),
        pytest.param(residence("abroad", "2026-11-02"), Outcome.MET, id="abroad-day-after-R"),
        pytest.param(residence("abroad", "2026-11-01"), Outcome.NOT_MET, id="abroad-on-R"),
    ],
)
def test_status_a_later_entry_that_may_already_have_begun_is_not_read_away(
    later: Json, expected: Outcome
) -> None:
    """§ 0.4: reading a `from` as its last day is conservative for the entry that helps, but
    favourable for a later one that hurts; where the readings disagree → needs_review."""
    document = _status_case(residence("duldung", "2018-03-15", basis="60a"), later)
    assert residence_status(context(document)).outcome is expected
