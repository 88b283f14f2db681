"""`25b.residence_period` – Voraufenthaltszeit (legal-rules.md § 3.3).

§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG (6 years, 4 with a minor unmarried child; 8/6 until
2022-12-30); § 25b Abs. 7 AufenthG (§ 60b periods of § 104c holders); § 60b Abs. 5 Satz 1 AufenthG;
§ 81 Abs. 4 Satz 1 AufenthG; BVerwG 1 C 34.18 (short gaps); BMI notes (one interruption ≤ 3 months);
§ 25b Abs. 6 AufenthG (hint only).
"""

from __future__ import annotations

import timeit
from datetime import date

import pytest

from eligibility.report import Finding, Outcome
from eligibility.residence import (
    Label,
    RunKind,
    build_runs,
    employment_toleration_hint,
    residence_period,
    walk,
)
from tests.eligibility.builders import (
    Json,
    add_child,
    add_person,
    add_spouse,
    case,
    context,
    residence,
    set_residence,
)

R = "2026-11-01"


def _case(*entries: Json, reference: str = R, application_date: str | None = None) -> Json:
    document = case(reference_date=reference, application_date=application_date)
    set_residence(document, "p1", *entries)
    return document


def _period(document: Json, reference: str | None = None) -> Finding:
    return residence_period(context(document, reference))


# --- the thresholds of the spec ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "reference", "expected"),
    [
        pytest.param("2020-11-01", "2026-11-01", Outcome.MET, id="six-years-on-the-day"),
        pytest.param("2020-11-02", "2026-11-01", Outcome.NOT_MET, id="one-day-short"),
        pytest.param("2020-10-31", "2026-11-01", Outcome.MET, id="one-day-more"),
        pytest.param(
            "2016-06-15", "2022-12-30", Outcome.NOT_MET, id="eight-years-until-2022-12-30"
        ),
        pytest.param("2016-06-15", "2022-12-31", Outcome.MET, id="six-years-from-2022-12-31"),
    ],
)
def test_residence_period_threshold(start: str, reference: str, expected: Outcome) -> None:
    document = _case(residence("duldung", start, basis="60a"), reference=reference)
    assert _period(document).outcome is expected


def test_residence_period_one_day_short_names_start_span_years_and_completion_day() -> None:
    finding = _period(_case(residence("duldung", "2020-11-02")))
    assert finding.outcome is Outcome.NOT_MET
    assert "seit 02.11.2020" in finding.reason_de
    assert "5 Jahre und 11 Monate" in finding.reason_de
    assert "erforderlich: 6 Jahre" in finding.reason_de
    assert "am 02.11.2026 erfüllt" in finding.reason_de


def test_residence_period_met_names_the_day_it_was_completed() -> None:
    finding = _period(_case(residence("duldung", "2020-11-01")))
    assert "seit 01.11.2020: 6 Jahre und 0 Monate" in finding.reason_de
    assert "erfüllt seit 01.11.2026" in finding.reason_de
    assert finding.citation == "§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG"
    assert finding.facts[0] == "persons[0].residence_history"


def test_residence_period_without_history_is_missing_information() -> None:
    document = case()
    set_residence(document, "p1")
    finding = _period(document)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("persons[0].residence_history",)


# --- gaps and interruptions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("duldung_from", "expected"),
    [
        pytest.param("2022-01-07", Outcome.MET, id="gap-6-days-bridged"),
        pytest.param("2022-01-08", Outcome.MET, id="gap-7-days-bagatelle"),
        pytest.param("2022-01-09", Outcome.NEEDS_REVIEW, id="gap-8-days-only-lenient"),
    ],
)
def test_residence_period_gap_without_papers(duldung_from: str, expected: Outcome) -> None:
    document = _case(
        residence("gestattung", "2016-01-01", "2021-12-31"),
        residence("duldung", duldung_from, basis="60a"),
    )
    finding = _period(document)
    assert finding.outcome is expected
    if expected is Outcome.MET:
        assert "seit 01.01.2016" in finding.reason_de
        assert "Heuristik" in finding.reason_de


@pytest.mark.parametrize(
    ("abroad_until", "expected"),
    [
        pytest.param("2022-04-01", Outcome.MET, id="abroad-91-days"),
        pytest.param("2022-04-02", Outcome.MET, id="abroad-92-days"),
        pytest.param("2022-04-03", Outcome.NOT_MET, id="abroad-93-days"),
    ],
)
def test_residence_period_single_interruption_abroad(abroad_until: str, expected: Outcome) -> None:
    after = date.fromisoformat(abroad_until).toordinal() + 1
    document = _case(
        residence("gestattung", "2016-01-01", "2021-12-31"),
        residence("abroad", "2022-01-01", abroad_until),
        residence("duldung", date.fromordinal(after).isoformat(), basis="60a"),
    )
    finding = _period(document)
    assert finding.outcome is expected
    if expected is Outcome.NOT_MET:
        assert "länger als 92 Tage" in finding.reason_de


@pytest.mark.parametrize(
    ("first_abroad_until", "middle_from", "expected"),
    [
        pytest.param("2021-01-30", "2021-01-31", Outcome.NOT_MET, id="second-interruption-stops"),
        pytest.param("2021-01-07", "2021-01-08", Outcome.MET, id="second-is-only-a-bagatelle"),
    ],
)
def test_residence_period_only_one_longer_interruption_is_harmless(
    first_abroad_until: str, middle_from: str, expected: Outcome
) -> None:
    document = _case(
        residence("gestattung", "2016-01-01", "2020-12-31"),
        residence("abroad", "2021-01-01", first_abroad_until),
        residence("duldung", middle_from, "2023-12-31"),
        residence("abroad", "2024-01-01", "2024-01-30"),
        residence("duldung", "2024-01-31"),
    )
    finding = _period(document)
    assert finding.outcome is expected
    if expected is Outcome.NOT_MET:
        assert "nur eine ist unschädlich" in finding.reason_de


def test_residence_period_gap_without_papers_of_50_days_is_only_bridged_leniently() -> None:
    document = _case(
        residence("gestattung", "2016-01-01", "2021-12-31"),
        residence("none", "2022-01-01", "2022-02-19"),
        residence("duldung", "2022-02-20"),
    )
    finding = _period(document)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "Streng gerechnet" in finding.reason_de


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        pytest.param("duldung", Outcome.NEEDS_REVIEW, id="duldung-lapses-on-departure"),
        pytest.param("gestattung", Outcome.NEEDS_REVIEW, id="gestattung"),
        pytest.param("aufenthaltserlaubnis", Outcome.MET, id="permit-survives-a-journey"),
    ],
)
def test_residence_period_stay_abroad_inside_a_duldung_is_a_contradiction_not_met(
    paper: str, expected: Outcome
) -> None:
    """§ 3.3 labels a day countable before abroad, so a year abroad would vanish inside an open
    Duldung; but a Duldung ends with the departure (§ 60a Abs. 5 Satz 1 AufenthG): the overlap
    is left to the authority instead of being counted."""
    document = _case(
        residence(paper, "2016-01-01"),
        residence("abroad", "2020-01-01", "2020-12-31"),
    )
    finding = _period(document)
    assert finding.outcome is expected
    if expected is Outcome.NEEDS_REVIEW:
        assert "01.01.2020 bis 31.12.2020" in finding.reason_de
        assert "§ 60a Abs. 5 Satz 1 AufenthG" in finding.citation


def test_residence_period_stay_abroad_before_the_chain_does_not_matter() -> None:
    document = _case(
        residence("duldung", "2012-01-01", "2013-12-31"),
        residence("abroad", "2013-06-01", "2014-12-31"),
        residence("duldung", "2015-01-01"),
    )
    assert _period(document).outcome is Outcome.MET


# --- § 60b periods (§ 60b Abs. 5 S. 1, § 25b Abs. 7) -------------------------------------

IDENTITY_DULDUNG_HISTORY = (
    residence("duldung", "2015-01-01", "2019-12-31", basis="60a"),
    residence("duldung", "2020-01-01", "2020-12-31", basis="60b"),
)


def test_residence_period_60b_stops_the_strict_walk_and_is_bridged_leniently() -> None:
    document = _case(*IDENTITY_DULDUNG_HISTORY, residence("duldung", "2021-01-01", basis="60a"))
    finding = _period(document)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "§ 60b" in finding.reason_de
    assert "366 nicht anrechenbaren Tagen" in finding.reason_de


def test_residence_period_current_60b_duldung_gives_no_strict_chain() -> None:
    document = _case(
        residence("duldung", "2015-01-01", "2024-12-31", basis="60a"),
        residence("duldung", "2025-01-01", basis="60b"),
    )
    # Lenient: 10 years minus 22 months of § 60b still exceed 6 years.
    assert _period(document).outcome is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        pytest.param("2027-06-30", Outcome.MET, id="holder-before-2027-07-01-counts-60b"),
        pytest.param("2027-07-01", Outcome.NEEDS_REVIEW, id="from-2027-07-01-general-rule"),
    ],
)
def test_residence_period_60b_counts_for_a_104c_holder_until_2027_06_30(
    reference: str, expected: Outcome
) -> None:
    document = _case(
        residence("duldung", "2015-01-01", "2021-12-31", basis="60a"),
        residence("duldung", "2022-01-01", "2022-12-31", basis="60b"),
        residence("aufenthaltserlaubnis", "2023-01-01", "2027-12-31", basis="104c"),
        reference=reference,
    )
    finding = _period(document)
    assert finding.outcome is expected
    if expected is Outcome.MET:
        assert "§ 25b Abs. 7 AufenthG" in finding.citation
        assert "seit 01.01.2015" in finding.reason_de


def test_residence_period_60b_counts_for_a_104c_holder_by_fiction() -> None:
    document = _case(
        residence("duldung", "2015-01-01", "2021-12-31", basis="60a"),
        residence("duldung", "2022-01-01", "2023-06-30", basis="60b"),
        residence("aufenthaltserlaubnis", "2023-07-01", "2026-06-30", basis="104c"),
        application_date="2026-06-15",
    )
    finding = _period(document)
    assert finding.outcome is Outcome.MET
    assert "§ 81 Abs. 4 Satz 1" in finding.reason_de
    assert "§ 25b Abs. 7 AufenthG" in finding.citation


# --- trailing interruption and the § 81 Abs. 4 fiction (step 3) ---------------------------


@pytest.mark.parametrize(
    ("permit_to", "application_date", "expected"),
    [
        pytest.param("2026-09-30", "2026-09-15", Outcome.MET, id="fiction-keeps-counting"),
        pytest.param("2026-09-30", "2026-09-30", Outcome.MET, id="fiction-applied-on-expiry"),
        pytest.param("2026-09-30", "2026-10-01", Outcome.NEEDS_REVIEW, id="late-gap-32-days"),
        pytest.param("2026-09-30", None, Outcome.NEEDS_REVIEW, id="unknown-application-date"),
        pytest.param("2026-08-01", None, Outcome.NEEDS_REVIEW, id="trailing-gap-92-days"),
        pytest.param("2026-07-31", None, Outcome.NOT_MET, id="trailing-gap-93-days"),
    ],
)
def test_residence_period_after_an_expired_permit(
    permit_to: str, application_date: str | None, expected: Outcome
) -> None:
    document = _case(
        residence("aufenthaltserlaubnis", "2016-01-01", permit_to, basis="25_5"),
        application_date=application_date,
    )
    finding = _period(document)
    assert finding.outcome is expected
    if application_date is None:
        assert finding.missing == ("application_date",)


def test_residence_period_trailing_stay_abroad_is_never_bridged() -> None:
    document = _case(
        residence("duldung", "2016-01-01", "2026-09-30"),
        residence("abroad", "2026-10-01"),
    )
    finding = _period(document)
    assert finding.outcome is Outcome.NOT_MET
    assert "kein anrechenbarer Aufenthalt" in finding.reason_de


def test_residence_period_trailing_gap_uses_up_the_single_interruption() -> None:
    document = _case(
        residence("gestattung", "2016-01-01", "2021-12-31"),
        residence("abroad", "2022-01-01", "2022-01-30"),
        residence("duldung", "2022-01-31", "2026-09-30"),
    )
    # Lenient: the trailing gap is the one interruption; the earlier 30 days abroad stop it.
    assert _period(document).outcome is Outcome.NOT_MET


# --- qualifying child: 4 instead of 6 years ------------------------------------------------


def _four_years_case() -> Json:
    return _case(residence("duldung", "2022-11-01", basis="60a"))


@pytest.mark.parametrize(
    ("child", "expected"),
    [
        pytest.param({"birth_date": "2015-05-01"}, Outcome.MET, id="minor-child"),
        pytest.param({"birth_date": "2008-10-31"}, Outcome.NOT_MET, id="turned-18-day-before-R"),
        pytest.param({"birth_date": "2008-11-01"}, Outcome.NOT_MET, id="turns-18-on-R"),
        pytest.param({"birth_date": "2008-11-02"}, Outcome.MET, id="turns-18-day-after-R"),
        pytest.param(
            {"birth_date": "2010-01-01", "marital_status": "married"},
            Outcome.NOT_MET,
            id="married-child",
        ),
        pytest.param(
            {"birth_date": "2010-01-01", "marital_status": "civil_partnership"},
            Outcome.NOT_MET,
            id="child-in-civil-partnership",
        ),
        pytest.param(
            {"birth_date": "2010-01-01", "marital_status": "divorced"},
            Outcome.NEEDS_REVIEW,
            id="divorced-child",
        ),
        pytest.param(
            {"birth_date": "2010-01-01", "marital_status": "widowed"},
            Outcome.NEEDS_REVIEW,
            id="widowed-child",
        ),
        pytest.param(
            {"birth_date": "2010-01-01", "marital_status": None}, Outcome.MET, id="marital-null"
        ),
        pytest.param({"birth_date": "2008"}, Outcome.NEEDS_REVIEW, id="born-2008-age-unclear"),
        pytest.param({"birth_date": None}, Outcome.NEEDS_REVIEW, id="birth-date-unknown"),
        pytest.param(
            {"birth_date": "2015-05-01", "in_household": False},
            Outcome.NOT_MET,
            id="child-outside-household",
        ),
    ],
)
def test_residence_period_four_years_need_a_minor_unmarried_child(
    child: Json, expected: Outcome
) -> None:
    document = _four_years_case()
    add_child(document, "p2", **child)
    finding = _period(document)
    assert finding.outcome is expected
    assert "persons[1].marital_status" in finding.facts


def test_residence_period_without_child_needs_six_years() -> None:
    finding = _period(_four_years_case())
    assert finding.outcome is Outcome.NOT_MET
    assert "Maßgeblich sind 6 Jahre" in finding.reason_de


def test_residence_period_names_the_child_that_no_longer_counts() -> None:
    document = _four_years_case()
    add_child(document, "p2", birth_date="2008-10-31", given_names="Chinedu")
    finding = _period(document)
    assert "nicht berücksichtigt: Chinedu Beispiel (volljährig)" in finding.reason_de


def test_residence_period_unclear_child_but_six_years_met_is_met() -> None:
    document = _case(residence("duldung", "2020-11-01"))
    add_child(document, "p2", birth_date="2008")
    assert _period(document).outcome is Outcome.MET


def test_residence_period_unclear_child_and_too_short_for_four_years_is_not_met() -> None:
    document = _case(residence("duldung", "2022-11-02"))
    add_child(document, "p2", birth_date="2008")
    finding = _period(document)
    assert finding.outcome is Outcome.NOT_MET
    assert "Auch mit 4 Jahren" in finding.reason_de


def test_residence_period_unclear_child_reason_names_both_periods() -> None:
    document = _four_years_case()
    add_child(document, "p2", birth_date="2008")
    finding = _period(document)
    assert "Mit 4 Jahren" in finding.reason_de
    assert "17 oder 18 Jahre" in finding.reason_de


def test_residence_period_child_of_the_spouse_in_the_household_qualifies() -> None:
    document = _four_years_case()
    add_spouse(document, "p2")
    add_child(document, "p3", birth_date="2015-05-01", parents=["p2"])
    assert _period(document).outcome is Outcome.MET


def test_residence_period_child_of_a_spouse_outside_the_household_is_unclear() -> None:
    document = _four_years_case()
    add_spouse(document, "p2", in_household=False)
    add_child(document, "p3", birth_date="2015-05-01", parents=["p2"])
    assert _period(document).outcome is Outcome.NEEDS_REVIEW


def test_residence_period_child_of_another_household_member_is_unclear() -> None:
    document = _four_years_case()
    add_person(document, "p2", "other", birth_date="1970-01-01")
    add_child(document, "p3", birth_date="2015-05-01", parents=["p2"])
    assert _period(document).outcome is Outcome.NEEDS_REVIEW


def test_residence_period_child_with_unknown_household_is_unclear() -> None:
    document = _four_years_case()
    add_child(document, "p2", birth_date="2015-05-01")
    document["household"]["members_in_household"] = None
    assert _period(document).outcome is Outcome.NEEDS_REVIEW


def test_residence_period_with_child_before_2022_12_31_needs_six_years() -> None:
    document = _case(residence("duldung", "2016-12-30"), reference="2022-12-30")
    add_child(document, "p2", birth_date="2015-05-01")
    assert _period(document).outcome is Outcome.MET
    document = _case(residence("duldung", "2016-12-31"), reference="2022-12-30")
    add_child(document, "p2", birth_date="2015-05-01")
    assert _period(document).outcome is Outcome.NOT_MET


# --- partial dates (§ 0.4) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected", "assumption"),
    [
        pytest.param("2020-11", Outcome.NEEDS_REVIEW, "30.11.2020", id="month-read-as-last-day"),
        pytest.param("2020-10", Outcome.MET, "31.10.2020", id="month-met-conservatively"),
        pytest.param("2020", Outcome.NEEDS_REVIEW, "31.12.2020", id="year-read-as-31-december"),
        pytest.param("2019", Outcome.MET, "31.12.2019", id="year-met-conservatively"),
    ],
)
def test_residence_period_partial_from_dates(
    start: str, expected: Outcome, assumption: str
) -> None:
    finding = _period(_case(residence("duldung", start)))
    assert finding.outcome is expected
    assert f"als {assumption}" in finding.reason_de


def test_residence_period_partial_to_date_is_read_as_first_day() -> None:
    document = _case(
        residence("gestattung", "2016-01-01", "2022-03"),
        residence("duldung", "2022-03-02"),
    )
    # "2022-03" ends on 01.03.2022 conservatively: no gap; favourable reading not needed.
    assert _period(document).outcome is Outcome.MET
    document = _case(
        residence("gestattung", "2016-01-01", "2022-03"),
        residence("duldung", "2022-03-31"),
    )
    # Conservatively a 29-day gap (strict stop, lenient bridge); favourably none → needs_review.
    assert _period(document).outcome is Outcome.NEEDS_REVIEW


# --- § 25b Abs. 6 hint ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hint"),
    [
        pytest.param("2024-04-30", True, id="more-than-30-months"),
        pytest.param("2024-05-01", True, id="exactly-30-months"),
        pytest.param("2024-05-02", False, id="one-day-short-of-30-months"),
    ],
)
def test_residence_period_hints_at_employment_toleration_after_30_months(
    start: str, hint: bool
) -> None:
    document = _case(
        residence("duldung", "2016-01-01", "2024-04-29", basis="60a"),
        residence("duldung", start, basis="60d"),
    )
    finding = _period(document)
    assert ("§ 25b Abs. 6" in finding.reason_de) is hint
    assert (employment_toleration_hint(context(document)) is not None) is hint


# --- the run machinery ---------------------------------------------------------------------


def _ordinal(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def test_build_runs_labels_strongest_status_and_fills_gaps() -> None:
    runs = build_runs(
        [
            (_ordinal("2020-01-01"), _ordinal("2020-01-10"), Label.COUNTABLE),
            (_ordinal("2020-01-05"), _ordinal("2020-01-20"), Label.ABROAD),
            (_ordinal("2020-01-25"), _ordinal("2020-02-10"), Label.EXCLUDED),
        ],
        _ordinal("2020-02-15"),
    )
    assert [
        (run.kind, run.start.isoformat(), run.end.isoformat(), run.has_gap) for run in runs
    ] == [
        (RunKind.COUNT, "2020-01-01", "2020-01-10", False),
        (RunKind.INTERRUPTION, "2020-01-11", "2020-01-24", True),
        (RunKind.EXCLUDED, "2020-01-25", "2020-02-10", False),
        (RunKind.INTERRUPTION, "2020-02-11", "2020-02-15", True),
    ]


def test_walk_strict_and_lenient_on_a_trailing_gap() -> None:
    runs = build_runs(
        [(_ordinal("2015-01-01"), _ordinal("2026-10-01"), Label.COUNTABLE)], _ordinal(R)
    )
    assert walk(runs, lenient=False).start is None
    lenient = walk(runs, lenient=True)
    assert lenient.start == date(2015, 1, 1)
    assert lenient.excluded_days == 31


def test_walk_of_no_runs_has_no_chain() -> None:
    assert walk([], lenient=True).start is None


# --- speed ---------------------------------------------------------------------------------


def test_residence_period_is_evaluated_in_well_under_a_millisecond() -> None:
    """Typical case: five entries, one partial date (two readings), a child."""
    document = _case(
        residence("gestattung", "2016-01", "2018-03-14"),
        residence("duldung", "2018-03-15", "2019-12-31", basis="60a"),
        residence("abroad", "2020-01-01", "2020-02-15"),
        residence("duldung", "2020-02-16", "2021-06-30", basis="60b"),
        residence("duldung", "2021-07-01", basis="60a"),
    )
    add_child(document, "p2", birth_date="2012-04-03")
    ctx = context(document)
    runs = 300
    seconds = min(timeit.repeat(lambda: residence_period(ctx), number=runs, repeat=3)) / runs
    assert seconds < 0.001, f"{seconds * 1e6:.0f} µs per evaluation"
