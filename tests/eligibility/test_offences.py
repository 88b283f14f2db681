"""Offences: § 25b Abs. 2 Nr. 2 AufenthG i.V.m. § 54 Abs. 1, Abs. 2 Nr. 1 und 2 AufenthG
(`25b.refusal_serious_offences`, legal-rules § 3.11); § 5 Abs. 1 Nr. 2, Abs. 3 Satz 2, § 54 Abs. 2
Nr. 10, § 79 Abs. 2 AufenthG with the 50/90 lines of § 104c Abs. 1 Satz 1 Nr. 2 AufenthG
(`25b.no_expulsion_interest`, § 3.12); BZRG erasure (§ 46 Abs. 1 Nr. 1 Buchst. a, § 47 Abs. 3,
§ 51 Abs. 1 BZRG). Reference date 2026-11-01.
"""

from __future__ import annotations

from typing import Any

import pytest

from eligibility.offences import (
    assess_offences,
    is_alien_specific,
    no_expulsion_interest,
    refusal_serious_offences,
)
from eligibility.report import Finding, Outcome
from tests.eligibility.builders import add_procedure, update_person
from tests.eligibility.builders_money import (
    Json,
    context,
    covered,
    offence,
    person_of,
    with_offences,
)


def _serious(document: Json) -> Finding:
    ctx = context(document)
    findings = refusal_serious_offences(ctx, (ctx.principal,))
    assert len(findings) == 1
    return findings[0]


def _interest(document: Json) -> Finding:
    ctx = context(document)
    findings = no_expulsion_interest(ctx, (ctx.principal,))
    assert len(findings) == 1
    return findings[0]


def _prison(months: int | None, **fields: Any) -> Json:
    values: dict[str, Any] = {
        "kind": "Körperverletzung",
        "category": "body",
        "sanction": "prison",
        "daily_rates": None,
        "prison_months": months,
        "suspended": False,
    }
    values.update(fields)
    return offence(**values)


def _juvenile(months: int, suspended: bool | None, category: str | None) -> Json:
    return _prison(months, juvenile=True, suspended=suspended, category=category)


# --- § 3.11: one final conviction at a time ----------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "expected", "basis"),
    [
        (_prison(5), Outcome.MET, None),
        (_prison(6), Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 1"),
        (_prison(6, suspended=True), Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 1"),
        (_prison(23, suspended=True), Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 1"),
        (_prison(24), Outcome.NOT_MET, "§ 54 Abs. 1 Nr. 1"),
        (_prison(8, juvenile=None), Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 1"),
        (_prison(12, intentional=False), Outcome.MET, None),
        (_prison(12, intentional=None), Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 1"),
        (_prison(12, final=False), Outcome.MET, None),
        (_prison(12, final=None), Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 1"),
        (_prison(None), Outcome.NEEDS_REVIEW, None),
        (offence(daily_rates=360), Outcome.MET, None),
        (offence(sanction="juvenile_measure", daily_rates=None), Outcome.MET, None),
        (offence(sanction=None), Outcome.NEEDS_REVIEW, None),
        (offence(sanction="proceedings_pending", final=False), Outcome.MET, None),
    ],
    ids=[
        "adult_5_months",
        "adult_6_months",
        "adult_6_months_suspended",
        "adult_23_months_suspended",
        "adult_24_months",
        "juvenile_unknown_uses_adult_line",
        "negligent_12_months",
        "intent_unknown_assumed",
        "not_final",
        "finality_unknown_assumed_final",
        "length_unknown",
        "large_fine",
        "juvenile_measure",
        "sanction_unknown",
        "proceedings_pending",
    ],
)
def test_adult_sentences_against_the_section_54_lines(
    entry: Json, expected: Outcome, basis: str | None
) -> None:
    finding = _serious(with_offences(entry))
    assert finding.outcome is expected
    assert finding.citation == (
        "§ 25b Abs. 2 Nr. 2 AufenthG i.V.m. § 54 Abs. 1, Abs. 2 Nr. 1 und 2 AufenthG"
    )
    if basis is not None:
        assert basis in finding.reason_de
        assert "zwingend" in finding.reason_de.lower()


@pytest.mark.parametrize(
    ("months", "suspended", "category", "expected", "basis"),
    [
        (11, False, "property", Outcome.MET, None),
        (12, False, "property", Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 2"),
        (12, None, "property", Outcome.NOT_MET, "§ 54 Abs. 2 Nr. 2"),
        (11, True, "body", Outcome.MET, None),
        (12, True, "life", Outcome.NOT_MET, "§ 54 Abs. 1 Nr. 1a Buchst. a"),
        (12, True, "body", Outcome.NOT_MET, "§ 54 Abs. 1 Nr. 1a Buchst. b"),
        (12, True, "drugs", Outcome.NOT_MET, "§ 54 Abs. 1 Nr. 1b"),
        (12, True, "traffic", Outcome.MET, None),
        (12, True, "residence_law", Outcome.MET, None),
        (12, True, "sexual", Outcome.NEEDS_REVIEW, None),
        (12, True, "property", Outcome.NEEDS_REVIEW, None),
        (12, True, "other", Outcome.NEEDS_REVIEW, None),
        (12, True, None, Outcome.NEEDS_REVIEW, None),
        (23, True, "property", Outcome.NEEDS_REVIEW, None),
        (24, True, "property", Outcome.NOT_MET, "§ 54 Abs. 1 Nr. 1"),
        (24, True, "traffic", Outcome.NOT_MET, "§ 54 Abs. 1 Nr. 1"),
    ],
    ids=lambda value: str(value),
)
def test_jugendstrafe_thresholds_and_categories(
    months: int, suspended: bool | None, category: str | None, expected: Outcome, basis: str | None
) -> None:
    finding = _serious(with_offences(_juvenile(months, suspended, category)))
    assert finding.outcome is expected
    if basis is not None:
        assert basis in finding.reason_de


def test_separate_sentences_are_not_added_up() -> None:
    """Two 4-month sentences are two convictions, neither reaches 6 months (§ 54 Abs. 2 Nr. 1)."""
    document = with_offences(
        _prison(4, judgment_date="2023-01-10"), _prison(4, judgment_date="2024-02-10")
    )
    assert _serious(document).outcome is Outcome.MET
    assert _interest(document).outcome is Outcome.NEEDS_REVIEW


def test_h24_suspended_five_months_and_a_fine_meet_3_11_but_need_review_under_3_12() -> None:
    document = with_offences(
        _prison(5, suspended=True, judgment_date="2023-05-10", kind="Körperverletzung"),
        offence(daily_rates=40, judgment_date="2025-03-01"),
    )
    assert _serious(document).outcome is Outcome.MET
    interest = _interest(document)
    assert interest.outcome is Outcome.NEEDS_REVIEW
    assert "Freiheits- oder Jugendstrafe unterhalb" in interest.reason_de


# --- age: strafunmündig under 14 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "evaluated"),
    [("2012-11-02", False), ("2012-11-01", True), ("2012", True)],
    ids=["13_years", "14th_birthday_on_R", "13_or_14"],
)
def test_certainly_under_14_is_met_as_strafunmuendig(birth: str, evaluated: bool) -> None:
    document = with_offences(_prison(12))
    update_person(document, "p1", birth_date=birth)
    serious, interest = _serious(document), _interest(document)
    if evaluated:
        assert serious.outcome is Outcome.NOT_MET
        assert interest.outcome is Outcome.NOT_MET
    else:
        assert serious.outcome is Outcome.MET
        assert interest.outcome is Outcome.MET
        assert "strafunmündig" in serious.reason_de
        assert "§ 19 StGB" in interest.reason_de


def test_every_covered_person_gets_a_finding_and_nobody_gives_one_household_entry() -> None:
    ctx = context(with_offences())
    assert [f.person for f in refusal_serious_offences(ctx, covered(ctx))] == ["p1"]
    empty = no_expulsion_interest(ctx, ())
    assert len(empty) == 1
    assert empty[0].person is None
    assert empty[0].outcome is Outcome.MET


# --- § 3.12: the order of the steps ---------------------------------------------------------------


def test_no_offences_is_met() -> None:
    assert _interest(with_offences()).outcome is Outcome.MET


def test_dropped_proceedings_are_ignored() -> None:
    document = with_offences(offence(sanction="dropped", daily_rates=None))
    assert _interest(document).outcome is Outcome.MET
    assert _serious(document).outcome is Outcome.MET


def test_mandatory_trigger_is_also_not_met_here() -> None:
    assert _interest(with_offences(_prison(6))).outcome is Outcome.NOT_MET


@pytest.mark.parametrize(
    ("pending", "persons", "expected"),
    [
        (True, None, Outcome.NEEDS_REVIEW),
        (None, ["p1"], Outcome.NEEDS_REVIEW),
        (False, None, Outcome.MET),
        (True, ["p9"], Outcome.MET),
    ],
    ids=["pending", "pending_unknown", "not_pending", "other_person"],
)
def test_pending_arrest_warrant_needs_review(
    pending: bool | None, persons: list[str] | None, expected: Outcome
) -> None:
    document = with_offences()
    if persons == ["p9"]:
        document["persons"].append({"id": "p9", "role": "other"})
    fields: dict[str, Any] = {"pending": pending}
    if persons is not None:
        fields["persons"] = persons
    add_procedure(document, "arrest_warrant", **fields)
    finding = _interest(document)
    assert finding.outcome is expected
    if expected is Outcome.NEEDS_REVIEW:
        assert "procedures[0]" in finding.facts


def test_arrest_warrant_with_a_small_fine_needs_review() -> None:
    document = with_offences(offence(daily_rates=10))
    add_procedure(document, "arrest_warrant", pending=True)
    assert _interest(document).outcome is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    "entry",
    [
        offence(final=False),
        offence(sanction="proceedings_pending", final=None, daily_rates=None),
        _prison(12, final=False),
    ],
    ids=["fine_not_final", "proceedings_pending", "prison_not_final"],
)
def test_open_criminal_proceedings_need_review(entry: Json) -> None:
    finding = _interest(with_offences(entry))
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "§ 79 Abs. 2" in finding.reason_de


@pytest.mark.parametrize(
    "entry",
    [_prison(5), _prison(12, intentional=False), _juvenile(11, False, "property")],
    ids=["adult_5_months", "negligent_prison", "jugendstrafe_11_months"],
)
def test_custodial_sentence_below_the_mandatory_lines_needs_review(entry: Json) -> None:
    assert _interest(with_offences(entry)).outcome is Outcome.NEEDS_REVIEW


def test_suspended_jugendstrafe_under_review_in_3_11_needs_review_here_too() -> None:
    assert _interest(with_offences(_juvenile(12, True, "sexual"))).outcome is (Outcome.NEEDS_REVIEW)


def test_fine_without_daily_rates_is_missing_information() -> None:
    finding = _interest(with_offences(offence(daily_rates=None)))
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("persons[0].offences[0].daily_rates",)


def test_offence_without_sanction_is_missing_information() -> None:
    finding = _interest(with_offences(offence(sanction=None)))
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("persons[0].offences[0].sanction",)


# --- § 3.12 step 5: the 50/90 lines ---------------------------------------------------------------


def _fines(general: list[int], alien: list[int]) -> Json:
    entries = [offence(daily_rates=rates, judgment_date="2024-06-01") for rates in general]
    entries += [
        offence(
            daily_rates=rates,
            kind="Aufenthalt ohne Pass",
            category="residence_law",
            alien_specific=True,
            judgment_date="2024-06-01",
        )
        for rates in alien
    ]
    return with_offences(*entries)


@pytest.mark.parametrize(
    ("general", "alien", "expected"),
    [
        ([50], [], Outcome.MET),
        ([51], [], Outcome.NEEDS_REVIEW),
        ([30, 20], [], Outcome.MET),
        ([30, 21], [], Outcome.NEEDS_REVIEW),
        ([], [90], Outcome.MET),
        ([], [91], Outcome.NEEDS_REVIEW),
        ([], [60, 30], Outcome.MET),
        ([50], [40], Outcome.MET),
        ([50], [41], Outcome.NEEDS_REVIEW),
        ([1], [89], Outcome.MET),
        ([1], [90], Outcome.NEEDS_REVIEW),
        ([51], [1], Outcome.NEEDS_REVIEW),
    ],
    ids=[
        "G50",
        "G51",
        "G50_two_fines",
        "G51_two_fines",
        "A90",
        "A91",
        "A90_two_fines",
        "G50_A40",
        "G50_A41",
        "G1_A89",
        "G1_A90",
        "G51_A1",
    ],
)
def test_fine_lines_50_general_90_alien_specific(
    general: list[int], alien: list[int], expected: Outcome
) -> None:
    finding = _interest(_fines(general, alien))
    assert finding.outcome is expected
    assert f"allgemein {sum(general)} Tagessätze" in finding.reason_de
    assert f"ausländerrechtlich {sum(alien)} Tagessätze" in finding.reason_de
    assert "Praxis/Heuristik" in finding.reason_de


def test_negligent_fines_and_juvenile_measures_are_not_counted() -> None:
    document = with_offences(
        offence(daily_rates=40),
        offence(daily_rates=60, intentional=False, kind="fahrlässige Körperverletzung"),
        offence(sanction="juvenile_measure", daily_rates=None),
    )
    finding = _interest(document)
    assert finding.outcome is Outcome.MET
    assert "allgemein 40 Tagessätze" in finding.reason_de


def test_fine_with_unknown_intent_is_counted() -> None:
    document = with_offences(offence(daily_rates=40), offence(daily_rates=20, intentional=None))
    assert _interest(document).outcome is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("fields", "alien"),
    [
        ({"alien_specific": True, "category": "property"}, True),
        ({"alien_specific": False, "category": "residence_law"}, False),
        ({"alien_specific": None, "category": "residence_law"}, True),
        ({"alien_specific": None, "category": "property", "kind": "§ 95 Abs. 1 AufenthG"}, False),
        ({"alien_specific": None, "category": None, "kind": "§ 95 Abs. 1 Nr. 2 AufenthG"}, True),
        ({"alien_specific": None, "category": None, "kind": "§95 Abs.1a AufenthG"}, True),
        ({"alien_specific": None, "category": None, "kind": "§ 95 Abs. 2 Nr. 1 AufenthG"}, False),
        ({"alien_specific": None, "category": None, "kind": "§ 95 Abs. 10 AufenthG"}, False),
        ({"alien_specific": None, "category": None, "kind": "Verstoß § 85 Nr. 2 AsylG"}, True),
        ({"alien_specific": None, "category": None, "kind": "Diebstahl"}, False),
        ({"alien_specific": None, "category": None, "kind": None}, False),
    ],
    ids=[
        "flag_true_wins",
        "flag_false_wins",
        "category_residence_law",
        "category_given_no_regex",
        "regex_95_1",
        "regex_95_1a",
        "regex_95_2_is_general",
        "regex_95_10_no_match",
        "regex_85_asylg",
        "regex_no_match",
        "nothing_known",
    ],
)
def test_alien_specific_offence_is_decided_by_flag_then_category_then_kind(
    fields: dict[str, Any], alien: bool
) -> None:
    ctx = context(with_offences(offence(**fields)))
    assert is_alien_specific(person_of(ctx).offences[0]) is alien


# --- BZRG erasure ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("judgment", "erased"),
    [
        ("2021-10-31", True),  # 5 years completed the day before R
        ("2021-11-01", True),  # due for erasure on R
        ("2021-11-02", False),  # due the day after R
        ("2021-10", True),  # latest day 2021-10-31
        ("2021-11", False),  # latest day 2021-11-30
        ("2021", False),  # latest day 2021-12-31
        (None, False),  # no judgment date: no erasure
    ],
    ids=["day_before", "day_of", "day_after", "month_before", "month_of", "year_only", "missing"],
)
def test_old_fines_of_at_most_90_rates_are_erased_after_five_years(
    judgment: str | None, erased: bool
) -> None:
    document = with_offences(offence(daily_rates=90, judgment_date=judgment, date="2021-01-05"))
    ctx = context(document)
    assessment = assess_offences(ctx, person_of(ctx))
    assert (len(assessment.erased) == 1) is erased
    assert (len(assessment.considered) == 0) is erased
    finding = _interest(document)
    # Not erased, 90 general rates exceed the 50 line.
    assert finding.outcome is (Outcome.MET if erased else Outcome.NEEDS_REVIEW)
    if erased:
        assert "getilgt oder tilgungsreif" in finding.reason_de
        assert "§ 51 Abs. 1 BZRG" in finding.reason_de


def test_fine_of_91_rates_is_not_erased_after_five_years() -> None:
    document = with_offences(offence(daily_rates=91, judgment_date="2015-01-01"))
    ctx = context(document)
    assessment = assess_offences(ctx, person_of(ctx))
    assert assessment.erased == ()
    assert assessment.erasure_note_de is not None
    assert "Bundeszentralregister" in assessment.erasure_note_de


def test_old_fine_is_not_erased_while_a_recent_conviction_is_registered() -> None:
    """§ 47 Abs. 3 BZRG: with several entries none is erased before all are due."""
    document = with_offences(
        offence(daily_rates=30, judgment_date="2018-01-01"),
        offence(daily_rates=30, judgment_date="2024-01-01"),
    )
    ctx = context(document)
    assessment = assess_offences(ctx, person_of(ctx))
    assert assessment.erased == ()
    assert len(assessment.considered) == 2
    assert _interest(document).outcome is Outcome.NEEDS_REVIEW  # G = 60


def test_two_old_fines_are_both_erased() -> None:
    document = with_offences(
        offence(daily_rates=60, judgment_date="2018-01-01"),
        offence(daily_rates=60, judgment_date="2020-01-01"),
    )
    ctx = context(document)
    assert len(assess_offences(ctx, person_of(ctx)).erased) == 2
    assert _interest(document).outcome is Outcome.MET


def test_old_fine_next_to_a_custodial_sentence_is_not_erased() -> None:
    document = with_offences(
        offence(daily_rates=30, judgment_date="2015-01-01"),
        _prison(3, judgment_date="2016-01-01"),
    )
    ctx = context(document)
    assessment = assess_offences(ctx, person_of(ctx))
    assert assessment.erased == ()
    assert assessment.erasure_note_de is not None


def test_pending_proceedings_do_not_block_the_erasure_of_old_fines() -> None:
    pending = offence(sanction="proceedings_pending", final=False, daily_rates=None)
    document = with_offences(offence(daily_rates=80, judgment_date="2019-01-01"), pending)
    ctx = context(document)
    assessment = assess_offences(ctx, person_of(ctx))
    assert len(assessment.erased) == 1
    assert assessment.erased[0].sanction == "fine"
    assert [o.sanction for o in assessment.considered] == ["proceedings_pending"]
    assert _interest(document).outcome is Outcome.NEEDS_REVIEW  # step 3


def test_assessment_lists_mandatory_and_review_items_for_the_23a_rule() -> None:
    trigger = _prison(8, kind="Raub")
    question = _juvenile(14, True, "property")
    ctx = context(with_offences(trigger, question, offence(daily_rates=20)))
    assessment = assess_offences(ctx, person_of(ctx))
    assert len(assessment.considered) == 3
    assert [o.kind for o, _ in assessment.mandatory] == ["Raub"]
    assert "§ 54 Abs. 2 Nr. 1" in assessment.mandatory[0][1]
    assert len(assessment.mandatory_review) == 1
    assert "Nr. 1a" in assessment.mandatory_review[0][1]
    assert assessment.erased == ()
    assert assessment.erasure_note_de is None


def test_recent_convictions_carry_no_erasure_note() -> None:
    ctx = context(with_offences(offence(judgment_date="2024-06-01")))
    assert assess_offences(ctx, person_of(ctx)).erasure_note_de is None


def test_missing_judgment_date_is_named_in_the_note() -> None:
    ctx = context(with_offences(offence(judgment_date=None)))
    note = assess_offences(ctx, person_of(ctx)).erasure_note_de
    assert note is not None
    assert "fehlt das Urteilsdatum" in note
