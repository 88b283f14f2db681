"""The Härtefall petition as a whole – `evaluate_23a` and the overall result (legal-rules.md § 7.4).

1. any `23a.adm.*` not_met → not_admissible; 2. else any adm needs_review → needs_review;
3. else any adm missing_information, or any form/doc not_met or missing_information →
incomplete; 4. else any form/doc needs_review → needs_review; 5. else ready.
"""

from __future__ import annotations

import pytest

from eligibility.assess_23a import Result23a, evaluate_23a, overall_23a
from eligibility.report import Finding, Outcome
from tests.eligibility.builders_23a import (
    Json,
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
EXCEPTION = Outcome.EXCEPTION_APPLIES

ORDER = [
    "23a.adm.departure_obligation",
    "23a.adm.nrw_residence",
    "23a.adm.deportation_date",
    "23a.adm.other_procedure",
    "23a.adm.serious_offences",
    "23a.adm.previous_petition",
    "23a.adm.bans_and_orders",
    "23a.form.german_language",
    "23a.form.person_data",
    "23a.form.entry_and_status",
    "23a.form.life_story",
    "23a.form.current_situation",
    "23a.form.integration",
    "23a.form.humanitarian_reasons",
    "23a.form.family_ties",
    "23a.doc.cv",
    "23a.doc.language",
    "23a.doc.work",
    "23a.doc.children",
    "23a.doc.asylum_decision",
    "23a.doc.authority_order",
    "23a.doc.medical",
    "23a.doc.criminal",
    "23a.doc.power_of_attorney",
    "23a.doc.format",
]


def _finding(requirement: str, outcome: Outcome) -> Finding:
    return Finding(requirement, None, outcome, "citation", "reason")


def _findings(adm: Outcome = MET, form: Outcome = MET, doc: Outcome = MET) -> list[Finding]:
    return [
        _finding("23a.adm.departure_obligation", MET),
        _finding("23a.adm.nrw_residence", adm),
        _finding("23a.form.life_story", form),
        _finding("23a.doc.medical", doc),
        _finding("23a.doc.format", MET),
    ]


OVERALL: list[tuple[str, Outcome, Outcome, Outcome, str]] = [
    ("all-met", MET, MET, MET, "ready"),
    ("exception-applies-counts-as-met", EXCEPTION, EXCEPTION, EXCEPTION, "ready"),
    ("adm-not-met", NOT_MET, MET, MET, "not_admissible"),
    ("adm-not-met-beats-everything", NOT_MET, MISSING, REVIEW, "not_admissible"),
    ("adm-review", REVIEW, MET, MET, "needs_review"),
    ("adm-review-beats-doc-missing", REVIEW, MET, MISSING, "needs_review"),
    ("adm-review-beats-form-not-met", REVIEW, NOT_MET, MET, "needs_review"),
    ("adm-missing", MISSING, MET, MET, "incomplete"),
    ("adm-missing-beats-doc-review", MISSING, MET, REVIEW, "incomplete"),
    ("form-not-met", MET, NOT_MET, MET, "incomplete"),
    ("form-missing", MET, MISSING, MET, "incomplete"),
    ("doc-not-met-stale", MET, MET, NOT_MET, "incomplete"),
    ("doc-missing", MET, MET, MISSING, "incomplete"),
    ("doc-review-with-form-missing-is-incomplete", MET, MISSING, REVIEW, "incomplete"),
    ("doc-review-alone", MET, MET, REVIEW, "needs_review"),
    ("form-review-alone", MET, REVIEW, MET, "needs_review"),
]


@pytest.mark.parametrize(
    ("adm", "form", "doc", "expected"),
    [(a, f, d, x) for _, a, f, d, x in OVERALL],
    ids=[name for name, _, _, _, _ in OVERALL],
)
def test_overall_result_steps(adm: Outcome, form: Outcome, doc: Outcome, expected: str) -> None:
    assert overall_23a(_findings(adm, form, doc)) == expected


def _evaluate(document_: Json, substantive_25b: str = "not_eligible") -> Result23a:
    return evaluate_23a(context(document_), substantive_25b)


def _outcomes(result: Result23a) -> dict[str, Outcome]:
    return {
        finding.id + (f"@{finding.person}" if finding.person else ""): finding.outcome
        for finding in result.findings
    }


def test_default_case_is_ready_and_reports_every_requirement_in_table_order() -> None:
    result = _evaluate(case())
    assert result.overall == "ready"
    ids = list(dict.fromkeys(finding.id for finding in result.findings))
    assert ids == ORDER
    assert all(finding.outcome is MET for finding in result.findings)


def test_findings_of_a_family_keep_table_order_with_persons_grouped_per_requirement() -> None:
    result = _evaluate(case([applicant(), child("p2"), child("p3", "2019-02-02")]))
    ids = [finding.id for finding in result.findings]
    assert list(dict.fromkeys(ids)) == ORDER
    departure = [f.person for f in result.findings if f.id == "23a.adm.departure_obligation"]
    assert departure == ["p1", "p2", "p3"]


def test_a_failed_requirement_never_hides_the_others() -> None:
    scheduled = procedure("deportation_scheduled", pending=True, date_scheduled="2026-12-01")
    result = _evaluate(case(procedures=[scheduled], narrative=None))
    assert result.overall == "not_admissible"
    assert list(dict.fromkeys(finding.id for finding in result.findings)) == ORDER
    outcomes = _outcomes(result)
    assert outcomes["23a.adm.deportation_date"] is NOT_MET
    assert outcomes["23a.form.life_story"] is MISSING


END_TO_END: list[tuple[str, Json, str, str]] = [
    ("default", case(), "not_eligible", "ready"),
    (
        "return-date-fixed",
        case(
            procedures=[
                procedure("deportation_scheduled", pending=True, date_scheduled="2026-12-01")
            ]
        ),
        "not_eligible",
        "not_admissible",
    ),
    ("25b-reachable", case(), "eligible", "not_admissible"),
    ("25b-open", case(), "needs_review", "ready"),
    (
        "gestattung",
        case([applicant(residence_history=[{"status": "gestattung", "from": "2024-01-01"}])]),
        "not_eligible",
        "not_admissible",
    ),
    (
        "entry-ban-and-missing-medical-report",
        case(
            [applicant(health=[{"condition": "PTBS"}])],
            procedures=[procedure("entry_ban", until=None)],
        ),
        "not_eligible",
        "needs_review",
    ),
    (
        "missing-medical-report",
        case([applicant(health=[{"condition": "PTBS"}])]),
        "not_eligible",
        "incomplete",
    ),
    (
        "stale-medical-report",
        case(
            [applicant(health=[{"condition": "PTBS"}])],
            documents=[document("d1", "medical_report", issued="2026-07-31")],
        ),
        "not_eligible",
        "incomplete",
    ),
    (
        "word-file-only",
        case(documents=[document("d1", "other", file="files/brief.docx")]),
        "not_eligible",
        "needs_review",
    ),
    (
        "word-file-and-untranslated-story",
        case(
            documents=[document("d1", "other", file="files/brief.docx")],
            narrative={
                "life_story": {"language": "ar", "text": "نص"},
                "current_situation": {"language": "de", "text": "Text"},
                "integration": {"language": "de", "text": "Text"},
                "humanitarian_reasons": {"language": "de", "text": "Text"},
            },
        ),
        "not_eligible",
        "incomplete",
    ),
    (
        "fine-91-rates",
        case(
            [applicant(offences=[offence(daily_rates=91)])],
            documents=[document("d1", "criminal_record")],
        ),
        "not_eligible",
        "needs_review",
    ),
    (
        "fine-90-rates-with-record",
        case(
            [applicant(offences=[offence(daily_rates=90)])],
            documents=[document("d1", "criminal_record")],
        ),
        "not_eligible",
        "ready",
    ),
    (
        "address-outside-nrw",
        case(
            household_address={
                "street": "Am Schützenplatz 1",
                "postcode": "30169",
                "city": "Hannover",
                "state": "DE-NI",
            }
        ),
        "not_eligible",
        "not_admissible",
    ),
    (
        "unclear-status-paper",
        case([applicant(residence_history=[{"status": "none", "from": "2024-01-01"}])]),
        "not_eligible",
        "needs_review",
    ),
    (
        "asylum-state-unknown",
        case(procedures=[procedure("asylum", pending=None)]),
        "not_eligible",
        "incomplete",
    ),
]


@pytest.mark.parametrize(
    ("document_", "substantive_25b", "expected"),
    [(d, s, x) for _, d, s, x in END_TO_END],
    ids=[name for name, _, _, _ in END_TO_END],
)
def test_overall_result_of_whole_cases(
    document_: Json, substantive_25b: str, expected: str
) -> None:
    assert _evaluate(document_, substantive_25b).overall == expected


def test_notes_explain_selbstbefassung_merits_and_deportation() -> None:
    notes = _evaluate(case()).notes_de
    text = " ".join(notes)
    assert "Selbstbefassung" in text
    assert "§ 23a Abs. 2 Satz 2 und 3, Abs. 1 Satz 4 AufenthG" in text
    assert "prüft diese Anwendung nicht" in text
    assert "hält eine Abschiebung nicht schon von selbst auf" in text
    assert "§ 4" in text and "nicht ausgewertet" in text


def test_evaluation_is_deterministic() -> None:
    document_ = case([applicant(offences=[offence()]), child("p2")])
    assert _evaluate(document_) == _evaluate(document_)
