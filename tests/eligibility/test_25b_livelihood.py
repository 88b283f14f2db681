"""§ 25b Abs. 1 Satz 2 Nr. 3, Satz 3, Abs. 3 AufenthG – `25b.livelihood` (legal-rules § 3.7).

Reference date 2026-11-01 unless a test says otherwise; Regelbedarfe of RBSFV 2024 (unchanged
2026): RBS 1–6 = 563 / 506 / 451 / 471 / 390 / 357 €.
"""

from __future__ import annotations

from typing import Any

import pytest

from eligibility.livelihood import euro, livelihood
from eligibility.report import Finding, Outcome
from tests.eligibility.builders import (
    add_benefit,
    add_child,
    add_employment,
    add_health,
    add_person,
    add_schooling,
    add_spouse,
    find_person,
    update_person,
)
from tests.eligibility.builders_money import (
    Json,
    context,
    couple_with_schoolchild,
    household_case,
    set_net_income,
    single_parent,
)


def _assess(document: Json) -> Finding:
    return livelihood(context(document))


def _single(
    rent: str | None = "650.00",
    net: str | None = None,
    birth_date: str | None = None,
    **fields: Any,
) -> Json:
    """The applicant alone: need 563 € + rent (1,213 € with the default rent)."""
    document = household_case(rent=rent, **fields)
    if birth_date is not None:
        update_person(document, "p1", birth_date=birth_date)
    if net is not None:
        set_net_income(document, "p1", net)
    return document


# --- money format and the reason ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [("0", "0,00 €"), ("563", "563,00 €"), ("1850", "1.850,00 €"), ("1234567.5", "1.234.567,50 €")],
)
def test_euro_uses_german_number_format(amount: str, text: str) -> None:
    from decimal import Decimal

    assert euro(Decimal(amount)) == text


def test_reason_names_income_need_and_share_in_german_format() -> None:
    document = couple_with_schoolchild()
    set_net_income(document, "p1", "1850.00")
    finding = _assess(document)
    assert finding.outcome is Outcome.MET
    assert finding.person is None
    assert finding.citation.startswith("§ 25b Abs. 1 Satz 2 Nr. 3 AufenthG")
    assert "Erwerbseinkommen 1.850,00 € / Bedarf 2.592,00 € = 71,4 %" in finding.reason_de
    # The simplifications of § 3.7 are named.
    assert "Mehrbedarf" in finding.reason_de
    assert "Erwerbstätigen-Freibetrag" in finding.reason_de
    assert "household.rent_monthly" in finding.facts


# --- step 2: strictly more than half ----------------------------------------------------------


@pytest.mark.parametrize(
    ("net", "expected", "shown"),
    [
        ("1295.99", Outcome.NOT_MET, "50,0 %"),
        ("1296.00", Outcome.NOT_MET, "50,0 %"),
        ("1296.01", Outcome.MET, "knapp über 50,0 %"),
        ("1298.60", Outcome.MET, "50,1 %"),
    ],
    ids=["just_below_half", "exactly_half", "one_cent_above_half", "50_1_percent"],
)
def test_share_must_exceed_half_of_the_need(net: str, expected: Outcome, shown: str) -> None:
    # Single adult: RBS 1 563 € + rent 2,029 € = 2,592 €.
    finding = _assess(_single(rent="2029.00", net=net))
    assert finding.outcome is expected
    assert f"Bedarf 2.592,00 € = {shown}" in finding.reason_de


def test_exactly_half_in_the_family_example_is_not_met_as_share() -> None:
    """1,296.00 / 2,592.00 is not "überwiegend"; the family then falls to Satz 3 Nr. 2."""
    document = couple_with_schoolchild()
    set_net_income(document, "p1", "1296.00")
    finding = _assess(document)
    assert finding.outcome is not Outcome.MET
    assert "= 50,0 %" in finding.reason_de
    assert "genau die Hälfte" in finding.reason_de


def test_fifty_point_one_percent_in_the_family_example_is_met() -> None:
    document = couple_with_schoolchild()
    set_net_income(document, "p1", "1298.60")
    finding = _assess(document)
    assert finding.outcome is Outcome.MET
    assert "= 50,1 %" in finding.reason_de


def test_income_of_all_household_members_is_added() -> None:
    document = couple_with_schoolchild()
    set_net_income(document, "p1", "700.00")
    set_net_income(document, "p2", "400.00", kind="minijob")
    add_person(document, "p4", "other", birth_date="1960-01-01")
    set_net_income(document, "p4", "900.00", kind="self_employed")
    # Need 2,592 + RBS 1 for the adult relative (563) = 3,155; income 2,000 → 63.4 %.
    finding = _assess(document)
    assert finding.outcome is Outcome.MET
    assert "Erwerbseinkommen 2.000,00 € / Bedarf 3.155,00 € = 63,4 %" in finding.reason_de


def test_income_of_a_person_outside_the_household_is_not_counted() -> None:
    document = _single()
    add_spouse(document, "p2", in_household=False)
    set_net_income(document, "p2", "3000.00")
    finding = _assess(document)
    assert finding.outcome is Outcome.NOT_MET
    assert "Erwerbseinkommen 0,00 € / Bedarf 1.213,00 €" in finding.reason_de


@pytest.mark.parametrize(
    ("end", "counted"),
    [("2026-10-31", False), ("2026-11-01", True), ("2026-11-02", True)],
    ids=["ended_day_before", "ends_on_reference_date", "ends_day_after"],
)
def test_only_current_employment_counts(end: str, counted: bool) -> None:
    document = _single()
    set_net_income(document, "p1", "1000.00", to=end)
    finding = _assess(document)
    assert (finding.outcome is Outcome.MET) is counted


def test_training_allowance_counts_as_earned_income() -> None:
    document = _single()
    set_net_income(document, "p1", "700.00", kind="training")
    assert _assess(document).outcome is Outcome.MET  # 700 / 1,213 = 57.7 %


def test_job_offer_is_not_income() -> None:
    document = _single()
    set_net_income(document, "p1", "3000.00", kind="job_offer", **{"from": "2027-01-01"})
    finding = _assess(document)
    assert "Erwerbseinkommen 0,00 €" in finding.reason_de


@pytest.mark.parametrize(
    "kinds", [("wohngeld",), ("kindergeld", "wohngeld"), ("kinderzuschlag",)], ids="+".join
)
def test_wohngeld_and_kindergeld_are_harmless_but_not_earned_income(kinds: tuple[str]) -> None:
    document = _single(net="1000.00")
    for kind in kinds:
        add_benefit(document, "p1", kind, monthly="300.00")
    finding = _assess(document)
    assert finding.outcome is Outcome.MET
    assert "Erwerbseinkommen 1.000,00 €" in finding.reason_de
    assert "unschädlich" in finding.reason_de

    without_job = _single()
    for kind in kinds:
        add_benefit(without_job, "p1", kind, monthly="900.00")
    assert "Erwerbseinkommen 0,00 €" in _assess(without_job).reason_de


# --- need: Regelbedarfsstufen and rent --------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "rate"),
    [
        ("2020-11-02", "357,00"),  # 5 years: RBS 6
        ("2020-11-01", "390,00"),  # 6th birthday on R: RBS 5
        ("2012-11-02", "390,00"),  # 13 years: RBS 5
        ("2012-11-01", "471,00"),  # 14th birthday: RBS 4
        ("2008-11-02", "471,00"),  # 17 years: RBS 4
        ("2008-11-01", "451,00"),  # 18th birthday: RBS 3 (adult child in the parents' home)
        ("2001-11-02", "451,00"),  # 24 years: RBS 3
        ("2001-11-01", "563,00"),  # 25th birthday: RBS 1
    ],
    ids=["age5", "age6", "age13", "age14", "age17", "age18", "age24", "age25"],
)
def test_regelbedarf_of_a_child_follows_its_age_on_the_reference_date(
    birth: str, rate: str
) -> None:
    document = single_parent(birth)
    set_net_income(document, "p1", "5000.00")
    finding = _assess(document)
    assert f"Kind p2 Beispiel {rate} €" in finding.reason_de


PARTIAL_BIRTH_DATES = [
    # birth year, possible ages on 2026-11-01, the higher rate counted (legal-rules § 0.4)
    ("2012", "13 oder 14", 4, "471,00"),  # RBS 5 (390 €) or RBS 4 (471 €)
    ("2020", "5 oder 6", 5, "390,00"),  # RBS 6 (357 €) or RBS 5 (390 €)
    ("2008", "17 oder 18", 4, "471,00"),  # RBS 4 (471 €) or RBS 3 (451 €)
]


@pytest.mark.parametrize(
    ("born", "ages", "stufe", "rate"),
    PARTIAL_BIRTH_DATES,
    ids=[row[0] for row in PARTIAL_BIRTH_DATES],
)
def test_partial_birth_date_counts_the_higher_of_the_possible_rates(
    born: str, ages: str, stufe: int, rate: str
) -> None:
    """§ 25b Abs. 1 Satz 2 Nr. 3 AufenthG: the need is never underestimated (§ 0.4)."""
    document = single_parent(born)
    set_net_income(document, "p1", "5000.00")
    finding = _assess(document)
    assert f"Kind p2 Beispiel {rate} € (Regelbedarfsstufe {stufe}; " in finding.reason_de
    assert f"Geburtsdatum unvollständig ({ages} Jahre)" in finding.reason_de


def test_couple_in_household_gets_rbs_2_each_and_a_single_adult_rbs_1() -> None:
    couple = _single(net="5000.00")
    add_spouse(couple, "p2")
    assert "Bedarf 1.662,00 €" in _assess(couple).reason_de  # 2 × 506 + 650
    assert "Bedarf 1.213,00 €" in _assess(_single(net="5000.00")).reason_de  # 563 + 650


def test_other_adult_in_household_gets_rbs_1() -> None:
    document = _single(net="5000.00")
    add_person(document, "p2", "other", birth_date="1955-01-01", given_names="Oma")
    assert "Bedarf 1.776,00 €" in _assess(document).reason_de  # 563 + 563 + 650


@pytest.mark.parametrize(
    ("includes", "note"),
    [(False, "Heizkosten sind in der Miete nicht enthalten"), (None, "Ob die Miete die Heiz")],
    ids=["heating_excluded", "heating_unknown"],
)
def test_heating_costs_not_in_rent_are_named_and_not_added(
    includes: bool | None, note: str
) -> None:
    finding = _assess(_single(net="1000.00", rent_includes_heating=includes))
    assert note in finding.reason_de
    assert "Bedarf 1.213,00 €" in finding.reason_de


# --- step 1: missing facts --------------------------------------------------------------------


def test_missing_rent_is_missing_information() -> None:
    finding = _assess(_single(rent=None, net="5000.00"))
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("household.rent_monthly",)


def test_current_job_without_net_income_is_missing_information() -> None:
    document = _single()
    set_net_income(document, "p1", None)
    finding = _assess(document)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("persons[0].employment[0].net_monthly",)


def test_empty_household_is_missing_information() -> None:
    document = _single(net="5000.00")
    document["household"]["members_in_household"] = []
    finding = _assess(document)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "household.members_in_household" in finding.missing


def test_missing_facts_come_first_even_at_pension_age() -> None:
    document = _single(rent=None, birth_date="1950-01-01")
    assert _assess(document).outcome is Outcome.MISSING_INFORMATION


@pytest.mark.parametrize(
    ("net", "expected"),
    [
        # Need with the highest Stufe for the child: 563 + 563 + 650 = 1,776.00 (half 888.00);
        # with the lowest (RBS 6, 357): 1,570.00 (half 785.00).
        ("888.01", Outcome.MET),
        ("888.00", Outcome.MISSING_INFORMATION),
        ("785.01", Outcome.MISSING_INFORMATION),
        # Short under every possible age: the birth date cannot help, the steps decide (here
        # the single parent whose child is not certainly under 3: Nr. 3 review).
        ("785.00", Outcome.NEEDS_REVIEW),
        ("600.00", Outcome.NEEDS_REVIEW),
    ],
)
def test_unknown_birth_date_of_a_child_is_asked_for_only_when_it_could_decide(
    net: str, expected: Outcome
) -> None:
    """§ 3.7 / § 0.4: an unknown age neither helps nor hides a share that is short anyway."""
    document = single_parent(None)
    set_net_income(document, "p1", net)
    finding = _assess(document)
    assert finding.outcome is expected
    if expected is Outcome.MISSING_INFORMATION:
        assert finding.missing == ("persons[1].birth_date",)


def test_unknown_birth_date_does_not_turn_a_clear_refusal_into_incomplete() -> None:
    document = household_case()
    add_person(document, "p2", "other", birth_date=None)
    set_net_income(document, "p1", "100.00")
    assert _assess(document).outcome is Outcome.NOT_MET


def test_unknown_birth_date_of_a_child_does_not_matter_when_the_share_is_clear() -> None:
    document = single_parent(None)
    set_net_income(document, "p1", "5000.00")
    assert _assess(document).outcome is Outcome.MET


# --- step 3: § 25b Abs. 3 for the principal ---------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        # Born 1960: Regelaltersgrenze 66 years 4 months (§ 235 Abs. 2 SGB VI).
        ("1960-06-30", Outcome.EXCEPTION_APPLIES),  # reached 2026-10-30
        ("1960-07-01", Outcome.EXCEPTION_APPLIES),  # reached on R
        ("1960-07-02", Outcome.NOT_MET),  # reached the day after R
    ],
    ids=["day_before", "on_reference_date", "day_after"],
)
def test_pension_age_of_the_principal_is_an_exception(birth: str, expected: Outcome) -> None:
    finding = _assess(_single(birth_date=birth))
    assert finding.outcome is expected
    if expected is Outcome.EXCEPTION_APPLIES:
        assert "§ 25b Abs. 3 AufenthG" in finding.citation


def test_principal_who_cannot_work_for_health_reasons_is_an_exception() -> None:
    document = _single()
    add_health(document, "p1", limits=["work"])
    finding = _assess(document)
    assert finding.outcome is Outcome.EXCEPTION_APPLIES
    assert "§ 25b Abs. 3 AufenthG" in finding.citation


def test_health_limits_other_than_work_are_no_exception() -> None:
    document = _single()
    add_health(document, "p1", limits=["german"])
    assert _assess(document).outcome is Outcome.NOT_MET


def test_health_entry_with_unknown_limits_needs_review() -> None:
    document = _single()
    add_health(document, "p1", limits=None)
    finding = _assess(document)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "ärztliches Gutachten" in finding.reason_de


# --- step 4: § 25b Abs. 1 Satz 3, one explanation per adult ----------------------------------


def _couple(principal_net: str | None) -> Json:
    document = _single()
    add_spouse(document, "p2")
    if principal_net is not None:
        set_net_income(document, "p1", principal_net)
    return document


def test_studying_spouse_with_a_working_principal_is_an_exception() -> None:
    document = _couple("600.00")  # 600 / 1,662 = 36.1 %
    add_schooling(document, "p2", "study", **{"from": "2024-10-01"})
    finding = _assess(document)
    assert finding.outcome is Outcome.EXCEPTION_APPLIES
    assert "§ 25b Abs. 1 Satz 3 Nr. 1 AufenthG" in finding.citation
    assert "Studium (Nr. 1)" in finding.reason_de


def test_studying_spouse_with_a_principal_without_work_or_reason_is_not_an_exception() -> None:
    document = _couple(None)
    add_schooling(document, "p2", "study", **{"from": "2024-10-01"})
    finding = _assess(document)
    assert finding.outcome is Outcome.NOT_MET
    assert "Ohne Erwerbseinkommen und ohne Ausnahmegrund: Karim Beispiel" in finding.reason_de
    assert "atypischen Fall" in finding.reason_de


def test_principal_in_training_is_an_exception_when_the_allowance_is_short() -> None:
    document = _single()
    set_net_income(document, "p1", "500.00", kind="training")  # 41.2 %
    finding = _assess(document)
    assert finding.outcome is Outcome.EXCEPTION_APPLIES
    assert "Berufsausbildung (Nr. 1)" in finding.reason_de


def test_spouse_who_cannot_work_is_an_exception_under_abs_3() -> None:
    document = _couple("600.00")
    add_health(document, "p2", limits=["work"])
    finding = _assess(document)
    assert finding.outcome is Outcome.EXCEPTION_APPLIES
    assert "§ 25b Abs. 3 AufenthG" in finding.citation


def test_spouse_at_pension_age_is_an_exception_under_abs_3() -> None:
    document = _couple("600.00")
    update_person(document, "p2", birth_date="1955-01-01")
    assert _assess(document).outcome is Outcome.EXCEPTION_APPLIES


@pytest.mark.parametrize(
    ("child_birth", "expected"),
    [
        ("2023-11-02", Outcome.EXCEPTION_APPLIES),  # 2 years old on R
        ("2023-11-01", Outcome.NEEDS_REVIEW),  # third birthday on R
        ("2023-10-31", Outcome.NEEDS_REVIEW),  # 3 years old
        ("2023", Outcome.NEEDS_REVIEW),  # 2 or 3: not certainly under 3
    ],
    ids=["child_2", "child_turns_3_on_R", "child_3", "child_age_unclear"],
)
def test_single_parent_with_a_child_under_3_is_an_exception(
    child_birth: str, expected: Outcome
) -> None:
    finding = _assess(single_parent(child_birth))
    assert finding.outcome is expected
    if expected is Outcome.EXCEPTION_APPLIES:
        assert "§ 25b Abs. 1 Satz 3 Nr. 3 AufenthG" in finding.citation
        assert "§ 10 Abs. 1 Nr. 3 SGB II" in finding.citation
    else:
        assert "Betreuungsmöglichkeit" in finding.reason_de


def test_parent_with_partner_and_a_baby_is_not_a_single_parent() -> None:
    document = _couple(None)
    add_child(document, "p3", birth_date="2025-06-01")
    assert _assess(document).outcome is Outcome.NOT_MET


def test_single_parent_with_only_an_adult_child_has_no_childcare_reason() -> None:
    assert _assess(single_parent("2000-01-01")).outcome is Outcome.NOT_MET


def test_caregiving_needs_review() -> None:
    document = _single()
    update_person(
        document, "p1", caregiving={"cares_for": "Mutter (Pflegegrad 3)", "since": "2023-04"}
    )
    finding = _assess(document)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "§ 25b Abs. 1 Satz 3 Nr. 4 AufenthG" in finding.citation
    assert "Mutter (Pflegegrad 3)" in finding.reason_de
    assert "Pflegekasse" in finding.reason_de


def test_review_reason_of_one_adult_outweighs_the_exception_of_the_other() -> None:
    document = _couple(None)
    add_schooling(document, "p2", "study", **{"from": "2024-10-01"})
    update_person(document, "p1", caregiving={"cares_for": "Vater", "since": "2022"})
    assert _assess(document).outcome is Outcome.NEEDS_REVIEW


def test_adult_child_without_work_is_not_asked_for_a_reason() -> None:
    """Satz 3 is checked for applicant, spouse and partner only."""
    document = _couple("600.00")
    add_schooling(document, "p2", "study", **{"from": "2024-10-01"})
    add_child(document, "p3", birth_date="2004-01-01")
    assert _assess(document).outcome is Outcome.EXCEPTION_APPLIES


# --- steps 5–7 --------------------------------------------------------------------------------


def test_family_with_minor_children_and_some_income_needs_review_under_nr_2() -> None:
    document = couple_with_schoolchild()
    set_net_income(document, "p1", "800.00")
    finding = _assess(document)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "§ 25b Abs. 1 Satz 3 Nr. 2 AufenthG" in finding.citation
    assert "Prognose" in finding.reason_de


def test_family_with_minor_children_both_earning_too_little_needs_review_under_nr_2() -> None:
    document = couple_with_schoolchild()
    set_net_income(document, "p1", "600.00")
    set_net_income(document, "p2", "300.00", kind="minijob")
    assert _assess(document).outcome is Outcome.NEEDS_REVIEW


def test_family_with_minor_children_without_any_income_is_not_met() -> None:
    assert _assess(couple_with_schoolchild()).outcome is Outcome.NOT_MET


def test_job_offer_needs_review() -> None:
    document = _single()
    add_employment(
        document, "p1", kind="job_offer", net_monthly="1600.00", **{"from": "2027-01-01"}
    )
    finding = _assess(document)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "Arbeitsplatzangebot" in finding.reason_de


def test_nobody_earning_and_no_reason_is_not_met_with_the_atypical_case_hint() -> None:
    document = _single()
    add_benefit(document, "p1", "asylblg")
    finding = _assess(document)
    assert finding.outcome is Outcome.NOT_MET
    assert "Leistungen nach dem AsylbLG" in finding.reason_de
    assert "atypischen Fall" in finding.reason_de


def test_pension_age_comes_before_satz_3() -> None:
    document = _couple(None)
    update_person(document, "p1", birth_date="1950-01-01")
    assert _assess(document).outcome is Outcome.EXCEPTION_APPLIES


def test_reference_date_before_the_parameter_table_needs_review() -> None:
    document = _single(net="1000.00")
    finding = livelihood(context(document, "2021-06-01"))
    assert finding.outcome is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("spouse_net", "expected"),
    [
        # Need with the applicant: 2 × 506 + 650 = 1,662.00 (half 831.00). Without the applicant
        # the spouse alone would be RBS 1: 563 + 650 = 1,213.00 (half 606.50).
        ("831.01", Outcome.MET),
        ("831.00", Outcome.NOT_MET),
        ("700.00", Outcome.NOT_MET),
    ],
)
def test_principal_missing_from_the_household_list_still_counts_in_the_need(
    spouse_net: str, expected: Outcome
) -> None:
    """§ 3.7: the need is the whole household's; a member list that forgets the applicant must
    not drop the applicant's Regelbedarf (and so a couple's RBS 2) from the need."""
    document = _couple(None)
    document["household"]["members_in_household"] = ["p2"]
    set_net_income(document, "p2", spouse_net)
    finding = _assess(document)
    assert finding.outcome is expected
    assert "Bedarf 1.662,00 €" in finding.reason_de
    assert "nicht unter den Haushaltsmitgliedern eingetragen" in finding.reason_de


def test_job_with_zero_net_income_does_not_explain_the_benefit_receipt() -> None:
    """§ 3.7 step 4: "unexplained" is an adult without a reason and without current earned
    income; a job recorded with 0,00 € net is no earned income."""
    document = _couple("0.00")
    add_schooling(document, "p2", "study", **{"from": "2024-10-01"})
    assert _assess(document).outcome is Outcome.NOT_MET
    set_net_income(document, "p1", "0.01")
    assert _assess(document).outcome is Outcome.EXCEPTION_APPLIES


def test_principal_missing_from_the_household_list_is_still_asked_for_a_reason() -> None:
    document = _single()
    add_person(document, "p2", "other", birth_date="1970-01-01")
    document["household"]["members_in_household"] = ["p2"]
    find_person(document, "p2")["employment"] = []
    assert _assess(document).outcome is Outcome.NOT_MET
