"""Completeness of a Härtefall petition – `23a.form.*` and `23a.doc.*` (legal-rules.md § 7.3).

All PRACTICE from the NRW leaflet "Wie und wo stelle ich einen Härtefallantrag?", cited as
"Praxis Härtefallkommission NRW (Merkblatt)". Reference date 2026-11-01 unless a test says
otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from eligibility import rules_23a
from eligibility.context import Context
from eligibility.report import Finding, Outcome
from tests.eligibility.builders_23a import (
    NARRATIVE_DE,
    Json,
    adult,
    applicant,
    case,
    child,
    context,
    document,
    offence,
    procedure,
)

MET = Outcome.MET
NOT_MET = Outcome.NOT_MET
REVIEW = Outcome.NEEDS_REVIEW
MISSING = Outcome.MISSING_INFORMATION
LEAFLET = "Praxis Härtefallkommission NRW (Merkblatt)"


def _only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def _by_person(findings: list[Finding]) -> dict[str | None, Finding]:
    return {finding.person: finding for finding in findings}


def _narrative(**parts: Json | None) -> Json:
    narrative: Json = {key: dict(value) for key, value in NARRATIVE_DE.items()}
    narrative.update(parts)
    return narrative


FOREIGN = {"language": "fa", "text": "متن فارسی", "translation_de": None}


# --- 23a.form.german_language ----------------------------------------------------------------

GERMAN_LANGUAGE: list[tuple[str, Json, Outcome, str]] = [
    ("all-german", {}, MET, ""),
    ("life-story-in-farsi", {"life_story": FOREIGN}, NOT_MET, "Lebensgeschichte"),
    (
        "life-story-in-farsi-translated",
        {"life_story": {**FOREIGN, "translation_de": "Ich wurde in Herat geboren."}},
        MET,
        "",
    ),
    (
        "two-parts-untranslated",
        {"life_story": FOREIGN, "humanitarian_reasons": FOREIGN},
        NOT_MET,
        "Lebensgeschichte und humanitäre Gründe",
    ),
    (
        "situation-integration-request",
        {"current_situation": FOREIGN, "integration": FOREIGN, "request": FOREIGN},
        NOT_MET,
        "aktuelle Situation, Integration und Anliegen",
    ),
    (
        "blank-translation-does-not-count",
        {"life_story": {**FOREIGN, "translation_de": "   "}},
        NOT_MET,
        "Lebensgeschichte",
    ),
    ("empty-part-is-not-present", {"request": {"language": "fa", "text": ""}}, MET, ""),
    ("missing-part-is-not-present", {"request": None}, MET, ""),
    (
        "language-unknown",
        {"integration": {"language": None, "text": "Text"}},
        MISSING,
        "Integration",
    ),
]


@pytest.mark.parametrize(
    ("parts", "expected", "listed"),
    [(parts, expected, listed) for _, parts, expected, listed in GERMAN_LANGUAGE],
    ids=[name for name, _, _, _ in GERMAN_LANGUAGE],
)
def test_petition_in_german_lists_untranslated_parts_by_their_german_names(
    parts: Json, expected: Outcome, listed: str
) -> None:
    finding = rules_23a.petition_in_german(context(case(narrative=_narrative(**parts))))
    assert finding.outcome is expected
    assert finding.citation == LEAFLET
    assert finding.person is None
    assert listed in finding.reason_de


def test_petition_in_german_without_narrative_is_met_and_left_to_the_part_checks() -> None:
    assert rules_23a.petition_in_german(context(case(narrative=None))).outcome is MET


# --- 23a.form.person_data --------------------------------------------------------------------

PERSON_DATA_GAPS: list[tuple[str, Json, str]] = [
    ("surname", {"surname": None}, "persons[0].surname"),
    ("given-names-blank", {"given_names": " "}, "persons[0].given_names"),
    ("birth-date", {"birth_date": None}, "persons[0].birth_date"),
    ("birth-place", {"birth_place": None}, "persons[0].birth_place"),
    ("nationality", {"nationalities": []}, "persons[0].nationalities"),
]


@pytest.mark.parametrize(
    ("overrides", "path"),
    [(overrides, path) for _, overrides, path in PERSON_DATA_GAPS],
    ids=[name for name, _, _ in PERSON_DATA_GAPS],
)
def test_person_data_gap_is_missing_information(overrides: Json, path: str) -> None:
    finding = _only(rules_23a.person_data_complete(context(case([applicant(**overrides)]))))
    assert finding.outcome is MISSING
    assert finding.missing == (path,)


def test_person_data_complete_with_partial_birth_date_and_unknown_nationality_is_met() -> None:
    person = applicant(birth_date="1988", nationalities=["unknown"])
    finding = _only(rules_23a.person_data_complete(context(case([person]))))
    assert finding.outcome is MET
    assert finding.citation == LEAFLET


def test_person_data_is_checked_per_person_and_needs_the_household_address() -> None:
    address = {"street": None, "postcode": "44135", "city": "Dortmund", "state": "DE-NW"}
    findings = _by_person(
        rules_23a.person_data_complete(
            context(case([applicant(), child("p2", birth_place=None)], household_address=address))
        )
    )
    assert findings["p1"].missing == ("household_address",)
    assert findings["p2"].missing == ("persons[1].birth_place", "household_address")


# --- 23a.form.entry_and_status ---------------------------------------------------------------

ENTRY_AND_STATUS: list[tuple[str, Json, Outcome]] = [
    ("entry-date-and-history", {}, MET),
    ("no-entry-date", {"entry_date": None}, MISSING),
    (
        "born-in-germany",
        {
            "entry_date": None,
            "birth_date": "2016-05-10",
            "residence_history": [{"status": "duldung", "from": "2016-05-10", "to": None}],
        },
        MET,
    ),
    (
        "first-entry-a-day-after-birth",
        {
            "entry_date": None,
            "birth_date": "2016-05-10",
            "residence_history": [{"status": "duldung", "from": "2016-05-11", "to": None}],
        },
        MISSING,
    ),
    (
        "born-abroad-entry-from-birth",
        {
            "entry_date": None,
            "birth_date": "2016-05-10",
            "residence_history": [
                {"status": "abroad", "from": "2016-05-10", "to": "2019-01-01"},
                {"status": "duldung", "from": "2019-01-02", "to": None},
            ],
        },
        MISSING,
    ),
    ("no-residence-history", {"residence_history": []}, MISSING),
]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [(overrides, expected) for _, overrides, expected in ENTRY_AND_STATUS],
    ids=[name for name, _, _ in ENTRY_AND_STATUS],
)
def test_entry_and_status(overrides: Json, expected: Outcome) -> None:
    finding = _only(rules_23a.entry_and_status_stated(context(case([applicant(**overrides)]))))
    assert finding.outcome is expected


# --- 23a.form.life_story, current_situation, integration, humanitarian_reasons ----------------

NARRATIVE_RULES: list[tuple[str, Callable[[Context], Finding], str]] = [
    ("23a.form.life_story", rules_23a.life_story_stated, "life_story"),
    ("23a.form.current_situation", rules_23a.current_situation_stated, "current_situation"),
    ("23a.form.integration", rules_23a.integration_stated, "integration"),
    (
        "23a.form.humanitarian_reasons",
        rules_23a.humanitarian_reasons_stated,
        "humanitarian_reasons",
    ),
]
NARRATIVE_VALUES: list[tuple[str, Json | None, Outcome]] = [
    ("written", {"language": "de", "text": "Text."}, MET),
    ("written-in-farsi", {"language": "fa", "text": "متن"}, MET),  # language is checked apart
    ("blank", {"language": "de", "text": "  "}, MISSING),
    ("absent", None, MISSING),
]


@pytest.mark.parametrize(
    ("rule", "key", "value", "expected"),
    [
        (rule, key, value, expected)
        for _, rule, key in NARRATIVE_RULES
        for _, value, expected in NARRATIVE_VALUES
    ],
    ids=[f"{rid}-{name}" for rid, _, _ in NARRATIVE_RULES for name, _, _ in NARRATIVE_VALUES],
)
def test_narrative_parts_must_be_written(
    rule: Callable[[Context], Finding], key: str, value: Json | None, expected: Outcome
) -> None:
    finding = rule(context(case(narrative=_narrative(**{key: value}))))
    assert finding.outcome is expected
    assert finding.person is None
    assert finding.citation == LEAFLET
    if expected is MISSING:
        assert finding.missing == (f"narrative.{key}.text",)


def test_narrative_parts_without_any_narrative_are_all_missing() -> None:
    ctx = context(case(narrative=None))
    assert {rule(ctx).outcome for _, rule, _ in NARRATIVE_RULES} == {MISSING}


# --- 23a.form.family_ties --------------------------------------------------------------------

FAMILY_TIES: list[tuple[str, Json | None, Outcome]] = [
    ("both", {"germany": "Cousine in Essen", "country_of_origin": "keine"}, MET),
    ("germany-missing", {"germany": None, "country_of_origin": "keine"}, MISSING),
    ("origin-blank", {"germany": "keine", "country_of_origin": " "}, MISSING),
    ("none-recorded", None, MISSING),
]


@pytest.mark.parametrize(
    ("ties", "expected"),
    [(ties, expected) for _, ties, expected in FAMILY_TIES],
    ids=[name for name, _, _ in FAMILY_TIES],
)
def test_family_ties_of_the_principal(ties: Json | None, expected: Outcome) -> None:
    finding = rules_23a.family_ties_stated(
        context(case([applicant(family_ties=ties), adult("p2")]))
    )
    assert finding.outcome is expected
    assert finding.person == "p1"


# --- 23a.doc.cv ------------------------------------------------------------------------------

CV_SUBJECTS: list[tuple[str, str, bool]] = [
    ("turns-18-on-R", "2008-11-01", True),
    ("turns-18-day-after-R", "2008-11-02", False),
    ("born-2008-17-or-18", "2008", True),
    ("ten-years-old", "2016-05-10", False),
]


@pytest.mark.parametrize(
    ("birth_date", "subject"),
    [(birth_date, subject) for _, birth_date, subject in CV_SUBJECTS],
    ids=[name for name, _, _ in CV_SUBJECTS],
)
def test_cv_for_each_person_who_may_be_adult(birth_date: str, subject: bool) -> None:
    findings = _by_person(
        rules_23a.cv_available(context(case([applicant(), child("p2", birth_date)])))
    )
    assert findings["p1"].outcome is MET
    assert ("p2" in findings) is subject


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"birth_date": None}, "persons[0].birth_date"),
        ({"birth_place": None}, "persons[0].birth_place"),
        ({"residence_history": []}, "persons[0].residence_history"),
    ],
    ids=["birth-date", "birth-place", "residence-history"],
)
def test_cv_cannot_be_generated_without_its_data(overrides: Json, path: str) -> None:
    finding = _only(rules_23a.cv_available(context(case([applicant(**overrides)]))))
    assert finding.outcome is MISSING
    assert finding.missing == (path,)


def test_cv_uploaded_by_the_person_replaces_the_generated_one() -> None:
    finding = _only(
        rules_23a.cv_available(
            context(case([applicant(birth_place=None)], documents=[document("d1", "cv")]))
        )
    )
    assert finding.outcome is MET


def test_cv_applying_to_nobody_is_one_household_entry() -> None:
    finding = _only(rules_23a.cv_available(context(case([applicant(birth_date="2012-01-01")]))))
    assert finding.person is None
    assert finding.outcome is MET


# --- 23a.doc.language ------------------------------------------------------------------------

LANGUAGE: list[tuple[str, Json, list[Json], Outcome, tuple[str, ...]]] = [
    ("nothing-claimed", {}, [], MET, ()),
    (
        "dtz-without-certificate",
        {"german": {"level": "A2", "certificate": "DTZ"}},
        [],
        MISSING,
        ("language_certificate",),
    ),
    (
        "dtz-with-certificate",
        {"german": {"level": "A2", "certificate": "DTZ"}},
        [document("d1", "language_certificate")],
        MET,
        (),
    ),
    (
        "dtz-certificate-not-yet-attached",
        {"german": {"level": "A2", "certificate": "DTZ"}},
        [document("d1", "language_certificate", file=None)],
        MISSING,
        ("language_certificate",),
    ),
    (
        "school-is-not-a-certificate-claim",
        {"german": {"level": "B1", "certificate": "school"}},
        [],
        MET,
        (),
    ),
    ("level-without-certificate", {"german": {"level": "A2", "certificate": None}}, [], MET, ()),
    (
        "civic-test-passed",
        {"civic_test": {"kind": "leben_in_deutschland", "passed": True}},
        [],
        MISSING,
        ("civic_test",),
    ),
    (
        "civic-test-failed",
        {"civic_test": {"kind": "leben_in_deutschland", "passed": False}},
        [],
        MET,
        (),
    ),
    (
        "both-one-attached",
        {
            "german": {"level": "B1", "certificate": "telc"},
            "civic_test": {"kind": "einbuergerungstest", "passed": True},
        },
        [document("d1", "civic_test")],
        MISSING,
        ("language_certificate",),
    ),
]


@pytest.mark.parametrize(
    ("overrides", "documents", "expected", "missing"),
    [(o, d, e, m) for _, o, d, e, m in LANGUAGE],
    ids=[name for name, _, _, _, _ in LANGUAGE],
)
def test_language_documents(
    overrides: Json, documents: list[Json], expected: Outcome, missing: tuple[str, ...]
) -> None:
    finding = _only(
        rules_23a.language_documents(context(case([applicant(**overrides)], documents=documents)))
    )
    assert finding.outcome is expected
    assert finding.missing == missing


def test_language_document_of_another_person_does_not_count() -> None:
    persons = [applicant(german={"level": "A2", "certificate": "DTZ"}), adult("p2")]
    documents = [document("d1", "language_certificate", person="p2")]
    finding = _only(rules_23a.language_documents(context(case(persons, documents=documents))))
    assert finding.person == "p1"
    assert finding.outcome is MISSING


# --- 23a.doc.work ----------------------------------------------------------------------------


def _job(kind: str, start: str = "2024-01-01", end: str | None = None) -> Json:
    return {"kind": kind, "employer": "Firma", "from": start, "to": end, "net_monthly": "900.00"}


WORK: list[tuple[str, list[Json], list[Json], Outcome, tuple[str, ...]]] = [
    ("no-work", [], [], MET, ()),
    (
        "employed-nothing-attached",
        [_job("employed")],
        [],
        MISSING,
        ("employment_contract", "payslip"),
    ),
    (
        "employed-contract-only",
        [_job("employed")],
        [document("d1", "employment_contract")],
        MISSING,
        ("payslip",),
    ),
    (
        "employed-complete",
        [_job("employed")],
        [document("d1", "employment_contract"), document("d2", "payslip")],
        MET,
        (),
    ),
    ("minijob", [_job("minijob")], [], MISSING, ("employment_contract", "payslip")),
    ("training", [_job("training")], [], MISSING, ("training_contract",)),
    ("self-employed", [_job("self_employed")], [], MISSING, ("tax_assessment",)),
    ("job-offer", [_job("job_offer", "2026-12-01")], [], MISSING, ("job_offer",)),
    (
        "old-job-offer-still-asked",
        [_job("job_offer", "2025-01-01", "2025-02-01")],
        [],
        MISSING,
        ("job_offer",),
    ),
    ("employment-ended-day-before-R", [_job("employed", end="2026-10-31")], [], MET, ()),
    (
        "employment-ends-on-R",
        [_job("employed", end="2026-11-01")],
        [],
        MISSING,
        ("employment_contract", "payslip"),
    ),
    ("employment-starts-day-after-R", [_job("employed", start="2026-11-02")], [], MET, ()),
    (
        "employment-ended-in-month-of-R-partial",
        [_job("employed", end="2026-11")],
        [],
        MISSING,
        ("employment_contract", "payslip"),
    ),
]


@pytest.mark.parametrize(
    ("employment", "documents", "expected", "missing"),
    [(e, d, x, m) for _, e, d, x, m in WORK],
    ids=[name for name, _, _, _, _ in WORK],
)
def test_work_documents(
    employment: list[Json], documents: list[Json], expected: Outcome, missing: tuple[str, ...]
) -> None:
    finding = _only(
        rules_23a.work_documents(
            context(case([applicant(employment=employment)], documents=documents))
        )
    )
    assert finding.outcome is expected
    assert finding.missing == missing


# --- 23a.doc.children ------------------------------------------------------------------------

CHILDREN: list[tuple[str, Json, list[Json], Outcome | None, tuple[str, ...]]] = [
    (
        "school-attending-no-certificate",
        {"school_attendance": {"attending": True, "school": "Grundschule"}},
        [],
        MISSING,
        ("school_certificate",),
    ),
    (
        "school-attending-with-certificate",
        {"school_attendance": {"attending": True}},
        [document("d1", "school_certificate", person="p2")],
        MET,
        (),
    ),
    (
        "kita-current",
        {"birth_date": "2022-03-01", "schooling": [{"kind": "kindergarten", "from": "2025-08-01"}]},
        [],
        MISSING,
        ("kindergarten_certificate",),
    ),
    (
        "kita-ended-day-before-R",
        {
            "birth_date": "2020-03-01",
            "schooling": [{"kind": "kindergarten", "from": "2023-08-01", "to": "2026-10-31"}],
        },
        [],
        None,
        (),
    ),
    (
        "school-schooling-entry",
        {"schooling": [{"kind": "school", "from": "2022-08-01", "to": None}]},
        [],
        MISSING,
        ("school_certificate",),
    ),
    ("not-attending", {"school_attendance": {"attending": False}}, [], None, ()),
    (
        "adult-child-at-school",
        {"birth_date": "2008-11-01", "school_attendance": {"attending": True}},
        [],
        None,
        (),
    ),
    (
        "possibly-minor-child-at-school",
        {"birth_date": "2008", "school_attendance": {"attending": True}},
        [],
        MISSING,
        ("school_certificate",),
    ),
]


@pytest.mark.parametrize(
    ("overrides", "documents", "expected", "missing"),
    [(o, d, x, m) for _, o, d, x, m in CHILDREN],
    ids=[name for name, _, _, _, _ in CHILDREN],
)
def test_children_documents(
    overrides: Json, documents: list[Json], expected: Outcome | None, missing: tuple[str, ...]
) -> None:
    findings = _by_person(
        rules_23a.children_documents(
            context(case([applicant(), child("p2", **overrides)], documents=documents))
        )
    )
    if expected is None:
        assert set(findings) == {None}
        assert findings[None].outcome is MET
    else:
        assert findings["p2"].outcome is expected
        assert findings["p2"].missing == missing


# --- 23a.doc.asylum_decision, 23a.doc.authority_order ----------------------------------------

ASYLUM: list[tuple[str, list[Json], list[Json], Outcome, tuple[str, ...]]] = [
    ("no-procedure", [], [], MET, ()),
    ("asylum-pending", [procedure("asylum", pending=True)], [], MET, ()),
    (
        "asylum-decided",
        [procedure("asylum", decided="2018-03-01", outcome="rejected")],
        [],
        MISSING,
        ("bamf_decision",),
    ),
    (
        "asylum-decided-attached",
        [procedure("asylum", decided="2018-03-01", outcome="rejected")],
        [document("d1", "bamf_decision", person=None)],
        MET,
        (),
    ),
    (
        "followup-and-court-decided",
        [
            procedure("asylum_followup", decided="2020-01-01", outcome="rejected"),
            procedure("court", decided="2021-01-01", outcome="rejected"),
        ],
        [document("d1", "bamf_decision")],
        MISSING,
        ("court_decision",),
    ),
]


@pytest.mark.parametrize(
    ("procedures", "documents", "expected", "missing"),
    [(p, d, x, m) for _, p, d, x, m in ASYLUM],
    ids=[name for name, _, _, _, _ in ASYLUM],
)
def test_asylum_decision_documents(
    procedures: list[Json], documents: list[Json], expected: Outcome, missing: tuple[str, ...]
) -> None:
    finding = rules_23a.asylum_decisions_attached(
        context(case(procedures=procedures, documents=documents))
    )
    assert finding.outcome is expected
    assert finding.missing == missing
    assert finding.person is None


@pytest.mark.parametrize(
    ("procedures", "documents", "expected"),
    [
        ([], [], MET),
        ([procedure("deportation_order", decided="2019-01-01")], [], MISSING),
        (
            [procedure("deportation_order", decided="2019-01-01")],
            [document("d1", "authority_order", person=None)],
            MET,
        ),
    ],
    ids=["no-order", "order-not-attached", "order-attached"],
)
def test_authority_order_document(
    procedures: list[Json], documents: list[Json], expected: Outcome
) -> None:
    finding = rules_23a.authority_order_attached(
        context(case(procedures=procedures, documents=documents))
    )
    assert finding.outcome is expected


# --- 23a.doc.medical: not older than 3 months (R 2026-11-01: 2026-08-01 current) -------------

HEALTH = [{"condition": "Depression", "report_date": "2026-09-01", "treating": "Dr. X"}]

MEDICAL: list[tuple[str, date, list[str | None], Outcome]] = [
    ("exactly-three-months-old", date(2026, 11, 1), ["2026-08-01"], MET),
    ("one-day-too-old", date(2026, 11, 1), ["2026-07-31"], NOT_MET),
    ("one-day-younger", date(2026, 11, 1), ["2026-08-02"], MET),
    ("old-and-current", date(2026, 11, 1), ["2025-01-10", "2026-10-01"], MET),
    ("no-report", date(2026, 11, 1), [], MISSING),
    ("undated-report", date(2026, 11, 1), [None], MISSING),
    ("partial-month-inside-window", date(2026, 11, 1), ["2026-08"], MET),
    ("partial-month-before-window", date(2026, 11, 1), ["2026-07"], NOT_MET),
    ("partial-month-straddles-window", date(2026, 11, 15), ["2026-08"], REVIEW),
    ("month-end-R-may-31", date(2026, 5, 31), ["2026-02-28"], MET),
    ("month-end-R-may-31-stale", date(2026, 5, 31), ["2026-02-27"], NOT_MET),
]


@pytest.mark.parametrize(
    ("reference_date", "issued", "expected"),
    [(r, i, x) for _, r, i, x in MEDICAL],
    ids=[name for name, _, _, _ in MEDICAL],
)
def test_medical_report_must_not_be_older_than_three_months(
    reference_date: date, issued: list[str | None], expected: Outcome
) -> None:
    documents = [
        document(f"d{n}", "medical_report", issued=day) for n, day in enumerate(issued, start=1)
    ]
    finding = _only(
        rules_23a.medical_reports_current(
            context(
                case([applicant(health=HEALTH)], documents=documents),
                reference_date=reference_date,
            )
        )
    )
    assert finding.outcome is expected
    if expected is NOT_MET or (expected is MISSING and not issued):
        assert finding.missing == ("medical_report",)


def test_medical_report_without_file_does_not_count() -> None:
    documents = [document("d1", "medical_report", issued="2026-10-01", file=None)]
    finding = _only(
        rules_23a.medical_reports_current(
            context(case([applicant(health=HEALTH)], documents=documents))
        )
    )
    assert finding.outcome is MISSING


def test_medical_report_applies_only_to_persons_with_health_entries() -> None:
    findings = _by_person(
        rules_23a.medical_reports_current(context(case([applicant(), child("p2", health=HEALTH)])))
    )
    assert set(findings) == {"p2"}


# --- 23a.doc.criminal ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offences", "documents", "expected"),
    [
        ([], [], None),
        ([offence()], [], MISSING),
        ([offence(sanction="dropped", daily_rates=None)], [], MISSING),
        ([offence()], [document("d1", "criminal_record")], MET),
    ],
    ids=["no-offence", "fine-without-record", "dropped-without-record", "with-record"],
)
def test_criminal_record_documents(
    offences: list[Json], documents: list[Json], expected: Outcome | None
) -> None:
    finding = _only(
        rules_23a.criminal_records_attached(
            context(case([applicant(offences=offences)], documents=documents))
        )
    )
    if expected is None:
        assert finding.person is None
        assert finding.outcome is MET
    else:
        assert finding.person == "p1"
        assert finding.outcome is expected


# --- 23a.doc.power_of_attorney ---------------------------------------------------------------

REPRESENTATIVE: Json = {"kind": "counsellor", "name": "Frau Berater", "organisation": "Beratung"}


@pytest.mark.parametrize(
    ("representative", "documents", "expected"),
    [
        (None, [], MET),
        (REPRESENTATIVE, [], MISSING),
        ({**REPRESENTATIVE, "power_of_attorney_signed": "2026-10-20"}, [], MET),
        (REPRESENTATIVE, [document("d1", "power_of_attorney", person=None)], MET),
        (REPRESENTATIVE, [document("d1", "power_of_attorney", person=None, file=None)], MISSING),
    ],
    ids=["no-representative", "no-power", "signed", "uploaded", "announced-only"],
)
def test_power_of_attorney(
    representative: Json | None, documents: list[Json], expected: Outcome
) -> None:
    finding = rules_23a.power_of_attorney_present(
        context(case(representative=representative, documents=documents))
    )
    assert finding.outcome is expected
    if expected is MISSING:
        assert finding.missing == ("power_of_attorney",)


# --- 23a.doc.format --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([], MET),
        (["files/a.pdf", "files/b.JPG", "files/c.jpeg", "files/d.png"], MET),
        (["files/a.heic", "files/b.heif", "files/c.tif", "files/d.tiff"], MET),
        (["files/a.pdf", "files/b.docx"], REVIEW),
        (["files/scan"], REVIEW),
        (["files/v1.2/scan"], REVIEW),
        ([None, "files/a.pdf"], MET),  # a document without a file is not checked
    ],
    ids=[
        "none",
        "pdf-and-images",
        "heic-tiff",
        "docx",
        "no-extension",
        "dot-in-folder",
        "nachzureichen",
    ],
)
def test_attachment_formats(files: list[str | None], expected: Outcome) -> None:
    documents = [document(f"d{n}", "other", file=file) for n, file in enumerate(files, start=1)]
    finding = rules_23a.attachment_formats(context(case(documents=documents)))
    assert finding.outcome is expected
    if expected is REVIEW:
        assert "PDF" in finding.reason_de


def test_all_completeness_rules_cite_the_leaflet() -> None:
    ctx = context(case([applicant(health=HEALTH, offences=[offence()])]))
    rules: list[Callable[[Context], Any]] = [
        rules_23a.petition_in_german,
        rules_23a.person_data_complete,
        rules_23a.entry_and_status_stated,
        rules_23a.family_ties_stated,
        rules_23a.cv_available,
        rules_23a.language_documents,
        rules_23a.work_documents,
        rules_23a.children_documents,
        rules_23a.asylum_decisions_attached,
        rules_23a.authority_order_attached,
        rules_23a.medical_reports_current,
        rules_23a.criminal_records_attached,
        rules_23a.power_of_attorney_present,
        rules_23a.attachment_formats,
    ]
    for rule in rules:
        result = rule(ctx)
        findings = result if isinstance(result, list) else [result]
        assert all(finding.citation == LEAFLET for finding in findings), rule
