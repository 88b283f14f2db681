"""§ 25b document checks, PRACTICE of the Ausländerbehörde Hannover (Unterlagenliste) –
`25b.doc.*`, legal-rules § 4. Reference date 2026-11-01 unless a test says otherwise.

The shared default case attaches the complete Hannover list for a single employed applicant
(passport, DTZ certificate, civic test, employment contract, payslips of August–October 2026,
rent contract and proof).
"""

from __future__ import annotations

from typing import Any

import pytest

from eligibility.documents_25b import document_checks_25b
from eligibility.report import Finding, Outcome
from tests.eligibility.builders import (
    add_child,
    add_document,
    add_schooling,
    add_spouse,
    case,
    find_person,
    update_person,
)
from tests.eligibility.builders_money import Json, context, covered, set_net_income


def _checks(document: Json, reference_date: str | None = None) -> list[Finding]:
    ctx = context(document, reference_date)
    return document_checks_25b(ctx, covered(ctx))


def _one(document: Json, requirement: str, person: str | None = "p1", **kw: Any) -> Finding:
    found = [f for f in _checks(document, **kw) if f.id == requirement and f.person == person]
    assert len(found) == 1, [f"{f.id}@{f.person}" for f in _checks(document, **kw)]
    return found[0]


def _without(document: Json, category: str) -> Json:
    document["documents"] = [d for d in document["documents"] if d["category"] != category]
    return document


def _payslips(document: Json, *issued: str | None) -> Json:
    """Replace the applicant's payslips by payslips issued on these days."""
    _without(document, "payslip")
    for day in issued:
        add_document(document, "payslip", issued=day)
    return document


TABLE_ORDER = [
    "25b.doc.identity_documents",
    "25b.doc.civic_language",
    "25b.doc.income",
    "25b.doc.rent",
    "25b.doc.training_study",
    "25b.doc.school_certificates",
    "25b.doc.translations",
]


def test_complete_default_case_meets_every_check_in_table_order() -> None:
    findings = _checks(case())
    assert [f.id for f in findings] == TABLE_ORDER
    assert all(f.outcome is Outcome.MET for f in findings), [
        (f.id, f.reason_de) for f in findings if f.outcome is not Outcome.MET
    ]
    assert all(f.citation == "Praxis ABH Hannover (Unterlagenliste)" for f in findings)


def test_checks_that_apply_to_nobody_are_reported_once_for_the_household() -> None:
    findings = {f.id: f for f in _checks(case())}
    for requirement in ("25b.doc.training_study", "25b.doc.school_certificates"):
        assert findings[requirement].person is None
        assert findings[requirement].reason_de.startswith("Nicht einschlägig")


# --- 25b.doc.identity_documents -----------------------------------------------------------------


def test_passport_held_but_not_attached_is_missing() -> None:
    finding = _one(_without(case(), "passport"), "25b.doc.identity_documents")
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("passport",)


def test_passport_listed_without_file_is_nachzureichen() -> None:
    document = _without(case(), "passport")
    add_document(document, "passport", file=None)
    finding = _one(document, "25b.doc.identity_documents")
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "angekündigt" in finding.reason_de


def _no_passport(**identity: Any) -> Json:
    document = _without(case(), "passport")
    value: Json = {
        "passport": {"held": False, "number": None, "valid_until": None},
        "passport_efforts": [],
        "other_identity_documents": [],
    }
    value.update(identity)
    update_person(document, "p1", identity=value)
    return document


@pytest.mark.parametrize(
    ("attached", "expected", "missing"),
    [
        ((), Outcome.MISSING_INFORMATION, ("passport_efforts", "identity")),
        (("passport_efforts",), Outcome.MISSING_INFORMATION, ("identity",)),
        (("passport_efforts", "identity"), Outcome.MET, ()),
    ],
    ids=["none_attached", "efforts_only", "both_attached"],
)
def test_without_passport_the_efforts_and_identity_documents_claimed_are_expected(
    attached: tuple[str, ...], expected: Outcome, missing: tuple[str, ...]
) -> None:
    document = _no_passport(
        passport_efforts=[{"date": "2023-02-10", "what": "Botschaft"}],
        other_identity_documents=["Tazkira"],
    )
    for category in attached:
        add_document(document, category)
    finding = _one(document, "25b.doc.identity_documents")
    assert finding.outcome is expected
    assert finding.missing == missing


def test_nothing_claimed_means_nothing_to_attach() -> None:
    assert _one(_no_passport(), "25b.doc.identity_documents").outcome is Outcome.MET


# --- 25b.doc.civic_language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "missing"),
    [("civic_test", ("civic_test",)), ("language_certificate", ("language_certificate",))],
)
def test_passed_civic_test_and_claimed_certificate_must_be_attached(
    category: str, missing: tuple[str, ...]
) -> None:
    finding = _one(_without(case(), category), "25b.doc.civic_language")
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == missing


def test_german_school_degree_replaces_test_and_certificate() -> None:
    document = _without(_without(case(), "civic_test"), "language_certificate")
    add_schooling(document, "p1", "school", degree="hauptschulabschluss", to="2019-07-01")
    finding = _one(document, "25b.doc.civic_language")
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("school_certificate",)
    add_document(document, "school_certificate", issued="2019-07-01")
    assert _one(document, "25b.doc.civic_language").outcome is Outcome.MET


def test_a2_shown_by_a_school_report_needs_that_report() -> None:
    """§ 3.8 step 2 accepts A2 with `certificate: school`; § 4 asks for no language certificate
    then, but `25b.german_a2` is met only on the strength of the school report, so the report
    must be attached (otherwise an application could be `eligible` without any proof of A2)."""
    document = _without(_without(case(), "civic_test"), "language_certificate")
    update_person(
        document,
        "p1",
        german={"level": "A2", "certificate": "school", "date": None},
        civic_test={"kind": "leben_in_deutschland", "passed": False, "date": None},
    )
    finding = _one(document, "25b.doc.civic_language")
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("school_certificate",)
    add_document(document, "school_certificate", issued="2019-07-01")
    assert _one(document, "25b.doc.civic_language").outcome is Outcome.MET


def test_failed_test_and_no_certificate_need_no_documents() -> None:
    document = _without(_without(case(), "civic_test"), "language_certificate")
    update_person(
        document,
        "p1",
        german={"level": "A1", "certificate": None, "date": None},
        civic_test={"kind": "leben_in_deutschland", "passed": False, "date": None},
    )
    assert _one(document, "25b.doc.civic_language").outcome is Outcome.MET


@pytest.mark.parametrize(
    ("birth", "checked"),
    [("2008-11-02", False), ("2008-11-01", True), ("2008", True)],
    ids=["17_years", "18th_birthday_on_R", "17_or_18"],
)
def test_civic_language_documents_for_everybody_who_may_be_adult(birth: str, checked: bool) -> None:
    """§ 4 says "certainly adult"; being spared the proof is a favourable age fact, so a person
    who may be 18 shows the documents (§ 0.4)."""
    document = case()
    add_child(document, "p2", birth_date=birth, civic_test={"passed": True, "kind": None})
    persons = [f.person for f in _checks(document) if f.id == "25b.doc.civic_language"]
    assert ("p2" in persons) is checked


# --- 25b.doc.income: payslip window [R − 3 months, R] --------------------------------------------


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (("2026-08-01", "2026-09-01", "2026-10-01"), Outcome.MET),
        (("2026-07-31", "2026-09-01", "2026-10-01"), Outcome.MISSING_INFORMATION),
        (("2026-08-02", "2026-09-01", "2026-11-01"), Outcome.MET),
        (("2026-09-01", "2026-10-01", "2026-11-02"), Outcome.MISSING_INFORMATION),
        (("2026-05-31", "2026-06-30", "2026-07-31"), Outcome.NOT_MET),
        ((), Outcome.MISSING_INFORMATION),
        (("2026-08", "2026-09", "2026-10"), Outcome.MET),
        (("2026-07", "2026-09", "2026-10"), Outcome.MISSING_INFORMATION),
    ],
    ids=[
        "oldest_exactly_R_minus_3_months",
        "oldest_one_day_too_old",
        "oldest_one_day_inside_newest_on_R",
        "newest_after_R",
        "all_stale",
        "none",
        "months_only_inside",
        "month_only_outside",
    ],
)
def test_three_payslips_issued_within_three_months(
    issued: tuple[str, ...], expected: Outcome
) -> None:
    finding = _one(_payslips(case(), *issued), "25b.doc.income", None)
    assert finding.outcome is expected
    if expected is not Outcome.MET:
        assert "payslip" in finding.missing
    assert "01.08.2026" in finding.reason_de


def test_partial_issue_date_only_possibly_inside_the_window_needs_review() -> None:
    # R 2026-11-15: window from 2026-08-15; "2026-08" may be 2026-08-31 or 2026-08-01.
    document = _payslips(case(), "2026-08", "2026-09-30", "2026-10-31")
    finding = _one(document, "25b.doc.income", None, reference_date="2026-11-15")
    assert finding.outcome is Outcome.NEEDS_REVIEW


def test_undated_payslips_ask_for_the_issue_date() -> None:
    finding = _one(_payslips(case(), None), "25b.doc.income", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert any(item.endswith(".issued") for item in finding.missing)


@pytest.mark.parametrize(
    ("start", "payslips", "expected"),
    [
        ("2026-10-15", (), Outcome.MISSING_INFORMATION),  # 0 full months: still 1 payslip
        ("2026-10-15", ("2026-10-31",), Outcome.MET),
        ("2026-10-01", ("2026-10-31",), Outcome.MET),  # 1 full month
        ("2026-09-02", ("2026-10-31",), Outcome.MET),  # 1 full month
        ("2026-09-01", ("2026-10-31",), Outcome.MISSING_INFORMATION),  # 2 full months
        ("2026-09-01", ("2026-09-30", "2026-10-31"), Outcome.MET),
        ("2026-08-01", ("2026-09-30", "2026-10-31"), Outcome.MISSING_INFORMATION),  # 3 months
        ("2026-09", ("2026-10-31",), Outcome.MISSING_INFORMATION),  # partial: from 2026-09-01
    ],
    ids=[
        "new_job_without_payslip",
        "new_job_one_payslip",
        "one_month",
        "one_month_and_a_bit",
        "two_months_one_payslip",
        "two_months_two_payslips",
        "three_months_two_payslips",
        "partial_start_counts_from_earliest_day",
    ],
)
def test_payslips_required_follow_the_full_months_employed(
    start: str, payslips: tuple[str, ...], expected: Outcome
) -> None:
    document = case()
    set_net_income(document, "p1", "1800.00", **{"from": start})
    _payslips(document, *payslips)
    assert _one(document, "25b.doc.income", None).outcome is expected


def test_two_current_jobs_need_payslips_for_each() -> None:
    document = case()
    find_person(document, "p1")["employment"].append(
        {"kind": "minijob", "from": "2020-01-01", "to": None, "net_monthly": "300.00"}
    )
    assert _one(document, "25b.doc.income", None).outcome is Outcome.MISSING_INFORMATION
    for day in ("2026-08-31", "2026-09-30", "2026-10-31"):
        add_document(document, "payslip", issued=day)
    assert _one(document, "25b.doc.income", None).outcome is Outcome.MET


def test_employment_contract_is_required() -> None:
    finding = _one(_without(case(), "employment_contract"), "25b.doc.income", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("employment_contract",)


def test_working_spouse_needs_own_contract_and_payslips() -> None:
    document = case()
    add_spouse(document, "p2")
    set_net_income(document, "p2", "900.00", **{"from": "2022-01-01"})
    finding = _one(document, "25b.doc.income", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "Samira Beispiel" in finding.reason_de
    assert set(finding.missing) == {"employment_contract", "payslip"}


def test_earner_outside_the_household_needs_no_documents() -> None:
    document = case()
    add_spouse(document, "p2", in_household=False)
    set_net_income(document, "p2", "900.00")
    assert _one(document, "25b.doc.income", None).outcome is Outcome.MET


@pytest.mark.parametrize(
    ("attached", "expected"),
    [
        ((("tax_assessment", "p1"), ("insurance_provisions", "p1")), Outcome.MET),
        ((("tax_assessment", "p1"), ("insurance_provisions", None)), Outcome.MET),
        ((("tax_assessment", "p1"),), Outcome.MISSING_INFORMATION),
        ((), Outcome.MISSING_INFORMATION),
    ],
    ids=["both", "household_provisions", "no_provisions", "none"],
)
def test_self_employed_need_tax_assessment_and_provisions(
    attached: tuple[tuple[str, str | None], ...], expected: Outcome
) -> None:
    document = _payslips(_without(case(), "employment_contract"))
    set_net_income(document, "p1", "2000.00", kind="self_employed")
    for category, person in attached:
        add_document(document, category, person, issued="2026-03-01")
    assert _one(document, "25b.doc.income", None).outcome is expected


def test_nobody_earning_needs_no_income_or_rent_documents() -> None:
    document = _without(_without(_payslips(case()), "rent_proof"), "employment_contract")
    find_person(document, "p1")["employment"] = []
    assert _one(document, "25b.doc.income", None).outcome is Outcome.MET
    assert _one(document, "25b.doc.rent", None).outcome is Outcome.MET


# --- 25b.doc.rent -------------------------------------------------------------------------------


@pytest.mark.parametrize("category", ["rent_contract", "rent_proof"])
def test_earning_household_needs_rent_contract_and_proof(category: str) -> None:
    finding = _one(_without(case(), category), "25b.doc.rent", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == (category,)


# --- 25b.doc.training_study ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        ("2026-04-30", Outcome.NOT_MET),  # older than 6 months
        ("2026-05-01", Outcome.MET),  # exactly R − 6 months
        ("2026-05-02", Outcome.MET),
        (None, Outcome.MISSING_INFORMATION),  # not attached at all
    ],
    ids=["day_before_window", "exactly_6_months", "day_inside", "absent"],
)
def test_enrolment_certificate_at_most_six_months_old(
    issued: str | None, expected: Outcome
) -> None:
    document = case()
    add_schooling(document, "p1", "study", **{"from": "2024-10-01"})
    if issued is not None:
        add_document(document, "enrolment_certificate", issued=issued)
    finding = _one(document, "25b.doc.training_study")
    assert finding.outcome is expected
    if expected is not Outcome.MET:
        assert finding.missing == ("enrolment_certificate",)


@pytest.mark.parametrize(
    "add_training",
    [
        lambda d: set_net_income(d, "p1", "900.00", kind="training"),
        lambda d: add_schooling(d, "p1", "vocational_training", **{"from": "2025-08-01"}),
    ],
    ids=["betriebliche_ausbildung", "schulische_ausbildung"],
)
def test_training_needs_the_training_contract(add_training: Any) -> None:
    document = case()
    add_training(document)
    finding = _one(document, "25b.doc.training_study")
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert finding.missing == ("training_contract",)
    add_document(document, "training_contract", issued="2025-07-01")
    assert _one(document, "25b.doc.training_study").outcome is Outcome.MET


def test_finished_study_needs_no_enrolment_certificate() -> None:
    document = case()
    add_schooling(document, "p1", "study", **{"from": "2020-10-01", "to": "2026-10-31"})
    finding = _one(document, "25b.doc.training_study", None)
    assert finding.outcome is Outcome.MET


# --- 25b.doc.school_certificates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        ("2026-07-31", Outcome.NOT_MET),
        ("2026-08-01", Outcome.MET),
        ("2026-09-15", Outcome.MET),
        (None, Outcome.MISSING_INFORMATION),
    ],
    ids=["last_school_year", "first_day_of_school_year", "during_school_year", "absent"],
)
def test_school_certificate_from_the_current_school_year(
    issued: str | None, expected: Outcome
) -> None:
    document = case()
    add_child(document, "p2", birth_date="2016-05-01")
    if issued is not None:
        add_document(document, "school_certificate", "p2", issued=issued)
    finding = _one(document, "25b.doc.school_certificates", "p2")
    assert finding.outcome is expected
    assert "01.08.2026" in finding.reason_de


def test_school_year_before_1_august_is_the_previous_one() -> None:
    document = case()
    add_child(document, "p2", birth_date="2016-05-01")
    add_document(document, "school_certificate", "p2", issued="2025-08-01")
    finding = _one(document, "25b.doc.school_certificates", "p2", reference_date="2026-07-31")
    assert finding.outcome is Outcome.MET
    assert "01.08.2025" in finding.reason_de


@pytest.mark.parametrize(
    ("birth", "school_age"),
    [
        ("2020-10-01", True),  # completes the sixth year on 30.09.2026 (§ 64 Abs. 1 NSchG)
        ("2020-10-02", False),
        ("2020", True),  # possibly school age: the proof is asked for
        ("2008-11-02", True),  # 17 years
        ("2008-11-01", False),  # 18th birthday on R
    ],
    ids=["born_1_october", "born_2_october", "year_only", "age_17", "age_18"],
)
def test_school_certificate_for_every_possibly_school_age_child(
    birth: str, school_age: bool
) -> None:
    document = case()
    add_child(document, "p2", birth_date=birth)
    persons = [f.person for f in _checks(document) if f.id == "25b.doc.school_certificates"]
    assert ("p2" in persons) is school_age


# --- 25b.doc.translations -----------------------------------------------------------------------


def test_foreign_language_document_without_translation_is_missing() -> None:
    document = case()
    add_document(document, "identity", issued="2010-01-01", language="fa", document_id="tz")
    finding = _one(document, "25b.doc.translations", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "tz" in finding.reason_de
    index = len(document["documents"]) - 1
    assert finding.missing == (f"documents[{index}]",)


@pytest.mark.parametrize(
    ("translation_file", "expected"),
    [("auto", Outcome.MET), (None, Outcome.MISSING_INFORMATION)],
    ids=["translation_attached", "translation_only_announced"],
)
def test_attached_translation_satisfies_the_check(
    translation_file: str | None, expected: Outcome
) -> None:
    document = case()
    add_document(document, "identity", language="fa", document_id="tz")
    add_document(document, "identity", language="de", translation_of="tz", file=translation_file)
    assert _one(document, "25b.doc.translations", None).outcome is expected


def test_a_document_naming_itself_is_no_translation() -> None:
    """§ 4: the translation is *another* attached document whose `translation_of` names it."""
    document = case()
    add_document(document, "identity", language="fa", document_id="tz", translation_of="tz")
    finding = _one(document, "25b.doc.translations", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "tz" in finding.reason_de


def test_earning_applicant_missing_from_the_household_list_still_shows_income_and_rent() -> None:
    """§ 4 asks for the documents of every earning household member; the applicant belongs to
    the household even when the member list forgets the applicant (the livelihood rule counts
    the applicant's income and need in that case too)."""
    document = _without(case(), "payslip")
    document["household"]["members_in_household"] = []
    finding = _one(document, "25b.doc.income", None)
    assert finding.outcome is Outcome.MISSING_INFORMATION
    assert "payslip" in finding.missing
    document = _without(_without(case(), "rent_contract"), "rent_proof")
    document["household"]["members_in_household"] = []
    assert _one(document, "25b.doc.rent", None).outcome is Outcome.MISSING_INFORMATION


@pytest.mark.parametrize(
    ("language", "file"),
    [(None, "auto"), ("de", "auto"), ("fa", None)],
    ids=["language_unknown", "german", "foreign_not_attached"],
)
def test_documents_not_checked_for_translation(language: str | None, file: str | None) -> None:
    document = case()
    add_document(document, "identity", language=language, file=file)
    assert _one(document, "25b.doc.translations", None).outcome is Outcome.MET
