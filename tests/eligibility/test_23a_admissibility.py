"""Admissibility of a Härtefall petition in NRW – `23a.adm.*` (legal-rules.md § 7.2).

§ 23a Abs. 1 S. 1 and S. 3 AufenthG; § 5 Abs. 1 and 2 HFKVO NRW. Reference date 2026-11-01
unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from eligibility import rules_23a
from eligibility.facts import Offence
from eligibility.report import Finding, Outcome
from tests.eligibility.builders_23a import (
    Json,
    adult,
    applicant,
    case,
    child,
    context,
    offence,
    procedure,
)

MET = Outcome.MET
NOT_MET = Outcome.NOT_MET
REVIEW = Outcome.NEEDS_REVIEW
MISSING = Outcome.MISSING_INFORMATION


def _only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def _by_person(findings: list[Finding]) -> dict[str | None, Finding]:
    return {finding.person: finding for finding in findings}


# --- 23a.adm.departure_obligation: § 23a Abs. 1 S. 1 AufenthG; § 5 Abs. 1 HFKVO NRW ---------

STATUS_ON_REFERENCE_DATE: list[tuple[str, str | None, Outcome]] = [
    ("duldung", "60a", MET),
    ("duldung", "60b", MET),
    ("duldung", None, MET),
    ("gestattung", None, NOT_MET),
    ("aufenthaltserlaubnis", "104c", NOT_MET),
    ("aufenthaltserlaubnis", "25_5", NOT_MET),
    ("niederlassungserlaubnis", None, NOT_MET),
    ("visa", None, NOT_MET),
    ("abroad", None, NOT_MET),
    ("none", None, REVIEW),
]


@pytest.mark.parametrize(
    ("status", "basis", "expected"),
    STATUS_ON_REFERENCE_DATE,
    ids=[f"{status}-{basis}" for status, basis, _ in STATUS_ON_REFERENCE_DATE],
)
def test_departure_obligation_follows_the_status_on_the_reference_date(
    status: str, basis: str | None, expected: Outcome
) -> None:
    history = [{"status": status, "from": "2019-01-01", "to": None, "basis": basis}]
    finding = _only(
        rules_23a.departure_obligation(context(case([applicant(residence_history=history)])))
    )
    assert finding.outcome is expected
    assert finding.citation == "§ 23a Abs. 1 S. 1 AufenthG; § 5 Abs. 1 HFKVO NRW"
    assert finding.facts == ("persons[0].residence_history",)


def test_departure_obligation_without_residence_history_is_missing_information() -> None:
    finding = _only(
        rules_23a.departure_obligation(context(case([applicant(residence_history=[])])))
    )
    assert finding.outcome is MISSING
    assert finding.missing == ("persons[0].residence_history",)


DULDUNG_END: list[tuple[str, Outcome]] = [
    ("2026-10-31", MISSING),  # ended the day before R, nothing follows
    ("2026-11-01", MET),  # last day is R
    ("2026-11-02", MET),
]


@pytest.mark.parametrize(("to", "expected"), DULDUNG_END, ids=[to for to, _ in DULDUNG_END])
def test_departure_obligation_duldung_ending_around_the_reference_date(
    to: str, expected: Outcome
) -> None:
    history = [{"status": "duldung", "from": "2018-03-15", "to": to, "basis": "60a"}]
    finding = _only(
        rules_23a.departure_obligation(context(case([applicant(residence_history=history)])))
    )
    assert finding.outcome is expected
    if expected is MISSING:
        assert "31.10.2026" in finding.reason_de


STATUS_CHANGE: list[tuple[str, str, Outcome]] = [
    # gestattung until, duldung from: the Duldung starts on R → geduldet on R.
    ("2026-10-31", "2026-11-01", MET),
    # the Duldung starts the day after R → still gestattet on R.
    ("2026-11-01", "2026-11-02", NOT_MET),
]


@pytest.mark.parametrize(
    ("gestattung_to", "duldung_from", "expected"),
    STATUS_CHANGE,
    ids=["duldung-from-R", "duldung-from-day-after-R"],
)
def test_departure_obligation_when_the_asylum_procedure_ends_around_the_reference_date(
    gestattung_to: str, duldung_from: str, expected: Outcome
) -> None:
    history = [
        {"status": "gestattung", "from": "2015-10-01", "to": gestattung_to},
        {"status": "duldung", "from": duldung_from, "to": None, "basis": "60a"},
    ]
    finding = _only(
        rules_23a.departure_obligation(context(case([applicant(residence_history=history)])))
    )
    assert finding.outcome is expected


PARTIAL_STATUS: list[tuple[str, list[Json], Outcome]] = [
    (
        "duldung-from-month-of-R-only",
        [{"status": "duldung", "from": "2026-11", "to": None}],
        REVIEW,
    ),
    (
        "gestattung-from-month-of-R-only",
        [{"status": "gestattung", "from": "2026-11", "to": None}],
        NOT_MET,
    ),
    (
        "duldung-then-gestattung-from-month-of-R",
        [
            {"status": "duldung", "from": "2018-03-15", "to": None},
            {"status": "gestattung", "from": "2026-11", "to": None},
        ],
        REVIEW,
    ),
    (
        "two-duldungen-one-partial",
        [
            {"status": "duldung", "from": "2018-03-15", "to": None},
            {"status": "duldung", "from": "2026-11", "to": None},
        ],
        MET,
    ),
]


@pytest.mark.parametrize(
    ("history", "expected"),
    [(history, expected) for _, history, expected in PARTIAL_STATUS],
    ids=[name for name, _, _ in PARTIAL_STATUS],
)
def test_departure_obligation_with_partial_dates_never_guesses_in_favour(
    history: list[Json], expected: Outcome
) -> None:
    finding = _only(
        rules_23a.departure_obligation(context(case([applicant(residence_history=history)])))
    )
    assert finding.outcome is expected


def test_departure_obligation_is_checked_for_every_person() -> None:
    permit = [{"status": "aufenthaltserlaubnis", "from": "2020-01-01", "to": None, "basis": "25a"}]
    findings = _by_person(
        rules_23a.departure_obligation(
            context(case([applicant(), child("p2", residence_history=permit)]))
        )
    )
    assert findings["p1"].outcome is MET
    assert findings["p2"].outcome is NOT_MET
    assert "§ 25a AufenthG" in findings["p2"].reason_de
    assert "Beratungsstelle" in findings["p2"].reason_de


# --- 23a.adm.nrw_residence: § 5 Abs. 1 (and Abs. 2) HFKVO NRW -----------------------------------

POSTCODE_TABLE: dict[str, frozenset[str]] = {
    "44135": frozenset({"DE-NW"}),
    "48455": frozenset({"DE-NI"}),
    "30169": frozenset({"DE-NI"}),
    "59969": frozenset({"DE-NW", "DE-HE"}),
}

NRW_RESIDENCE: list[tuple[str, str | None, str, Outcome]] = [
    ("state-NW-postcode-NW", "DE-NW", "44135", MET),
    ("state-NW-postcode-certainly-NI", "DE-NW", "48455", REVIEW),
    ("state-NW-postcode-shared", "DE-NW", "59969", MET),
    ("state-NW-postcode-unknown", "DE-NW", "00000", MET),
    ("state-NI-postcode-NI", "DE-NI", "30169", NOT_MET),
    ("state-NI-postcode-shared", "DE-NI", "59969", NOT_MET),
    ("state-NI-postcode-unknown", "DE-NI", "00000", NOT_MET),
    ("state-NI-postcode-certainly-NW", "DE-NI", "44135", REVIEW),
    ("no-state-postcode-NW", None, "44135", MET),
    ("no-state-postcode-NI-border", None, "48455", NOT_MET),
    ("no-state-postcode-shared", None, "59969", REVIEW),
    ("no-state-postcode-unknown", None, "00000", REVIEW),
]


@pytest.mark.parametrize(
    ("state", "postcode", "expected"),
    [(state, postcode, expected) for _, state, postcode, expected in NRW_RESIDENCE],
    ids=[name for name, _, _, _ in NRW_RESIDENCE],
)
def test_nrw_residence_takes_the_state_first_then_the_postcode_table(
    monkeypatch: pytest.MonkeyPatch, state: str | None, postcode: str, expected: Outcome
) -> None:
    monkeypatch.setattr(
        rules_23a, "lands_for_postcode", lambda code: POSTCODE_TABLE.get(code, frozenset())
    )
    address = {"street": "Weg 1", "postcode": postcode, "city": "Ort", "state": state}
    finding = rules_23a.residence_in_nrw(context(case(household_address=address)))
    assert finding.outcome is expected
    assert finding.person is None
    assert finding.citation == "§ 5 Abs. 1 (und Abs. 2: zustellungsfähige Anschrift) HFKVO NRW"


@pytest.mark.parametrize(
    ("postcode", "expected", "land"),
    [("48455", NOT_MET, "Niedersachsen"), ("30169", NOT_MET, "Niedersachsen"), ("44135", MET, "")],
    ids=["bad-bentheim", "hannover", "dortmund"],
)
def test_nrw_residence_with_the_real_postcode_table(
    postcode: str, expected: Outcome, land: str
) -> None:
    address = {"street": "Weg 1", "postcode": postcode, "city": "Ort"}
    finding = rules_23a.residence_in_nrw(context(case(household_address=address)))
    assert finding.outcome is expected
    assert land in finding.reason_de


INCOMPLETE_ADDRESSES: list[tuple[str, Json | None, tuple[str, ...]]] = [
    ("no-address", None, ("street", "postcode", "city")),
    ("no-street", {"street": None, "postcode": "44135", "city": "Dortmund"}, ("street",)),
    ("blank-city", {"street": "Weg 1", "postcode": "44135", "city": "  "}, ("city",)),
    (
        "no-postcode-but-state",
        {"street": "Weg 1", "postcode": None, "city": "Dortmund", "state": "DE-NW"},
        ("postcode",),
    ),
]


@pytest.mark.parametrize(
    ("address", "gaps"),
    [(address, gaps) for _, address, gaps in INCOMPLETE_ADDRESSES],
    ids=[name for name, _, _ in INCOMPLETE_ADDRESSES],
)
def test_nrw_residence_with_an_incomplete_address_is_missing_information(
    address: Json | None, gaps: tuple[str, ...]
) -> None:
    finding = rules_23a.residence_in_nrw(context(case(household_address=address)))
    assert finding.outcome is MISSING
    assert finding.missing == tuple(f"household_address.{gap}" for gap in gaps)


# --- 23a.adm.deportation_date: § 23a Abs. 1 S. 3 AufenthG; § 5 Abs. 2 HFKVO NRW ----------------


def _deportation(**fields: Any) -> Finding:
    application = fields.pop("application_date", None)
    entry = procedure("deportation_scheduled", **{"pending": True, **fields})
    return rules_23a.deportation_date_fixed(
        context(case(procedures=[entry], application_date=application))
    )


def test_deportation_date_without_a_scheduled_return_is_met() -> None:
    finding = rules_23a.deportation_date_fixed(context())
    assert finding.outcome is MET
    assert finding.citation == "§ 23a Abs. 1 S. 3 AufenthG; § 5 Abs. 2 HFKVO NRW"


SCHEDULED_DATES: list[tuple[str | None, Outcome]] = [
    ("2026-10-31", REVIEW),  # date before R but still pending: unclear
    ("2026-11-01", NOT_MET),  # date on R
    ("2026-11-02", NOT_MET),  # date after R
    (None, NOT_MET),  # pending without a known date
    ("2026-11", NOT_MET),  # partial date that may still lie ahead
    ("2026-10", REVIEW),  # partial date entirely before R
]


@pytest.mark.parametrize(
    ("scheduled", "expected"), SCHEDULED_DATES, ids=[str(day) for day, _ in SCHEDULED_DATES]
)
def test_deportation_date_pending_return_date_around_the_reference_date(
    scheduled: str | None, expected: Outcome
) -> None:
    finding = _deportation(date_scheduled=scheduled)
    assert finding.outcome is expected
    if expected is NOT_MET:
        assert "atypischer Fall" in finding.reason_de
        assert "hält die Abschiebung nicht auf" in finding.reason_de


FIXED_AFTER_PETITION: list[tuple[str | None, str | None, Outcome]] = [
    ("2026-10-15", "2026-10-14", NOT_MET),  # fixed the day before the petition
    ("2026-10-15", "2026-10-15", NOT_MET),  # fixed on the day of the petition
    ("2026-10-15", "2026-10-16", REVIEW),  # fixed the day after the petition
    ("2026-10-15", "2026-10", REVIEW),  # partial: before or after the petition
    ("2026-10-15", "2026-09", NOT_MET),  # partial, certainly before the petition
    (None, "2026-10-16", NOT_MET),  # no application date: no timing exception
]


@pytest.mark.parametrize(
    ("application_date", "decided", "expected"),
    FIXED_AFTER_PETITION,
    ids=[f"petition-{a}-fixed-{d}" for a, d, _ in FIXED_AFTER_PETITION],
)
def test_deportation_date_fixed_only_after_the_petition_needs_review(
    application_date: str | None, decided: str | None, expected: Outcome
) -> None:
    finding = _deportation(
        date_scheduled="2026-12-01", decided=decided, application_date=application_date
    )
    assert finding.outcome is expected


def test_deportation_date_fixing_day_unknown_keeps_the_exclusion_and_asks_for_it() -> None:
    finding = _deportation(date_scheduled="2026-12-01", application_date="2026-10-15")
    assert finding.outcome is NOT_MET
    assert finding.missing == ("procedures[0].decided",)


PENDING_STATES: list[tuple[bool | None, str | None, Outcome]] = [
    (False, None, MET),
    (None, None, MISSING),
    (None, "other", MET),
    (True, None, NOT_MET),
]


@pytest.mark.parametrize(
    ("pending", "outcome", "expected"),
    PENDING_STATES,
    ids=["not-pending", "pending-unknown", "pending-unknown-but-ended", "pending"],
)
def test_deportation_date_depends_on_whether_the_date_is_still_pending(
    pending: bool | None, outcome: str | None, expected: Outcome
) -> None:
    finding = _deportation(date_scheduled="2026-12-01", pending=pending, outcome=outcome)
    assert finding.outcome is expected
    if expected is MISSING:
        assert finding.missing == ("procedures[0].pending",)


# --- 23a.adm.other_procedure: § 5 Abs. 2 HFKVO NRW (+ § 25b AufenthG) ------------------------

OTHER_PROCEDURES: list[tuple[str, Json | None, str, Outcome]] = [
    ("nothing", None, "not_eligible", MET),
    ("asylum-pending", procedure("asylum", pending=True), "not_eligible", NOT_MET),
    ("followup-pending", procedure("asylum_followup", pending=True), "not_eligible", NOT_MET),
    (
        "asylum-decided",
        procedure("asylum", decided="2018-03-01", outcome="rejected"),
        "not_eligible",
        MET,
    ),
    ("court-pending", procedure("court", pending=True), "not_eligible", REVIEW),
    ("petition-pending", procedure("petition", pending=True), "not_eligible", REVIEW),
    (
        "residence-application-pending",
        procedure("residence_application", pending=True),
        "not_eligible",
        REVIEW,
    ),
    ("asylum-state-unknown", procedure("asylum", pending=None), "not_eligible", MISSING),
    ("25b-eligible", None, "eligible", NOT_MET),
    ("25b-needs-review", None, "needs_review", MET),
    ("25b-incomplete", None, "incomplete", MET),
    # The chain of § 7.2 is ordered: a pending court procedure is named before § 25b.
    ("court-pending-and-25b-eligible", procedure("court", pending=True), "eligible", REVIEW),
    ("asylum-pending-and-25b-eligible", procedure("asylum", pending=True), "eligible", NOT_MET),
    # An open procedure of unknown state could only add needs_review or not_met; with § 25b
    # reachable the case is not admissible either way (never `missing_information`, which
    # would rank the petition above both possible answers).
    ("court-state-unknown-and-25b-eligible", procedure("court", pending=None), "eligible", NOT_MET),
    (
        "asylum-state-unknown-and-25b-eligible",
        procedure("asylum", pending=None),
        "eligible",
        NOT_MET,
    ),
    ("court-state-unknown", procedure("court", pending=None), "needs_review", MISSING),
]


@pytest.mark.parametrize(
    ("entry", "substantive_25b", "expected"),
    [(entry, result, expected) for _, entry, result, expected in OTHER_PROCEDURES],
    ids=[name for name, _, _, _ in OTHER_PROCEDURES],
)
def test_other_procedure(entry: Json | None, substantive_25b: str, expected: Outcome) -> None:
    procedures = [entry] if entry is not None else []
    finding = rules_23a.other_procedure_available(
        context(case(procedures=procedures)), substantive_25b
    )
    assert finding.outcome is expected
    assert finding.citation == "§ 5 Abs. 2 HFKVO NRW (+ § 25b AufenthG)"


def test_other_procedure_names_25b_when_it_is_reachable() -> None:
    finding = rules_23a.other_procedure_available(context(), "eligible")
    assert "AE nach § 25b bei der Ausländerbehörde erreichbar" in finding.reason_de


def test_other_procedure_suggests_checking_25b_first_when_it_needs_review() -> None:
    finding = rules_23a.other_procedure_available(context(), "needs_review")
    assert finding.outcome is MET
    assert "zuerst § 25b" in finding.reason_de
    assert "§ 25a" in finding.reason_de


# --- 23a.adm.serious_offences: § 23a Abs. 1 S. 3 AufenthG; § 5 Abs. 2 HFKVO NRW (HEURISTIC) ----


def _offences_finding(*entries: Json) -> Finding:
    return _only(rules_23a.serious_offences(context(case([applicant(offences=list(entries))]))))


OFFENCE_TABLE: list[tuple[str, list[Json], Outcome]] = [
    ("no-offences", [], MET),
    ("fine-90", [offence(daily_rates=90)], MET),
    ("fine-91", [offence(daily_rates=91)], REVIEW),
    ("fines-45-45", [offence(daily_rates=45), offence(daily_rates=45)], MET),
    ("fines-45-46", [offence(daily_rates=45), offence(daily_rates=46)], REVIEW),
    ("negligent-fine-91-counts", [offence(daily_rates=91, intentional=False)], REVIEW),
    (
        "negligent-and-intentional-add-up",
        [offence(daily_rates=50, intentional=False), offence(daily_rates=41)],
        REVIEW,
    ),
    (
        "alien-specific-fine-91-counts",
        [offence(daily_rates=91, category="residence_law", alien_specific=True)],
        REVIEW,
    ),
    (
        "general-and-alien-specific-add-up-to-90",
        [offence(daily_rates=60), offence(daily_rates=30, alien_specific=True)],
        MET,
    ),
    (
        "juvenile-measures-count-zero",
        [offence(sanction="juvenile_measure", daily_rates=None), offence(daily_rates=90)],
        MET,
    ),
    ("dropped-is-ignored", [offence(sanction="dropped", daily_rates=None)], MET),
    ("fine-not-final", [offence(final=False)], REVIEW),
    (
        "proceedings-pending",
        [offence(sanction="proceedings_pending", daily_rates=None, judgment_date=None)],
        REVIEW,
    ),
    (
        "prison-6-months-triggers-54",
        [offence(sanction="prison", prison_months=6, suspended=True, daily_rates=None)],
        NOT_MET,
    ),
    (
        "prison-5-months-other-custodial",
        [offence(sanction="prison", prison_months=5, suspended=True, daily_rates=None)],
        REVIEW,
    ),
    (
        "negligent-prison-8-months-other-custodial",
        [
            offence(
                sanction="prison",
                prison_months=8,
                suspended=True,
                intentional=False,
                daily_rates=None,
            )
        ],
        REVIEW,
    ),
    (
        "juvenile-prison-11-months",
        [offence(sanction="prison", prison_months=11, juvenile=True, daily_rates=None)],
        REVIEW,
    ),
    (
        "juvenile-prison-12-months-not-suspended",
        [
            offence(
                sanction="prison",
                prison_months=12,
                juvenile=True,
                suspended=False,
                daily_rates=None,
            )
        ],
        NOT_MET,
    ),
    (
        "fine-without-daily-rates",
        [offence(daily_rates=None)],
        MISSING,
    ),
    # A negligent offence is no § 54 trigger and so no 3.11 review item; with its sanction
    # unknown it may still be a custodial sentence (e.g. fahrlässige Tötung) – never `met`.
    (
        "negligent-without-sanction",
        [offence(sanction=None, intentional=False, daily_rates=None)],
        MISSING,
    ),
    (
        "intentional-without-sanction",
        [offence(sanction=None, daily_rates=None)],
        REVIEW,
    ),
]


@pytest.mark.parametrize(
    ("entries", "expected"),
    [(entries, expected) for _, entries, expected in OFFENCE_TABLE],
    ids=[name for name, _, _ in OFFENCE_TABLE],
)
def test_serious_offences_hfk_line(entries: list[Json], expected: Outcome) -> None:
    finding = _offences_finding(*entries)
    assert finding.outcome is expected
    assert finding.citation == "§ 23a Abs. 1 S. 3 AufenthG; § 5 Abs. 2 HFKVO NRW"
    if entries and expected is not MISSING:
        assert "HEURISTIK" in finding.reason_de or "Strafverfahren" in finding.reason_de


def test_serious_offences_fine_without_daily_rates_names_the_field() -> None:
    finding = _offences_finding(offence(daily_rates=None))
    assert finding.missing == ("persons[0].offences[0].daily_rates",)


def test_serious_offences_ignores_erased_fines_and_says_so() -> None:
    # Two fines ≤ 90 rates, both judged more than five years before R: erased under the BZRG.
    finding = _offences_finding(
        offence(daily_rates=60, judgment_date="2019-02-01"),
        offence(daily_rates=40, judgment_date="2020-05-04"),
    )
    assert finding.outcome is MET
    assert "Unberücksichtigt" in finding.reason_de
    assert "BZRG" in finding.reason_de


def test_serious_offences_counts_fines_not_yet_due_for_erasure() -> None:
    finding = _offences_finding(
        offence(daily_rates=60, judgment_date="2019-02-01"),
        offence(daily_rates=40, judgment_date="2022-05-04"),
    )
    assert finding.outcome is REVIEW
    assert "100 Tagessätze" in finding.reason_de


@dataclass(frozen=True)
class _FakeAssessment:
    considered: tuple[Offence, ...] = ()
    erased: tuple[Offence, ...] = ()
    mandatory: tuple[tuple[Offence, str], ...] = ()
    mandatory_review: tuple[tuple[Offence, str], ...] = ()
    erasure_note_de: str | None = None


def _with_assessment(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[Offence], _FakeAssessment]
) -> Finding:
    ctx = context(case([applicant(offences=[offence()])]))
    recorded = ctx.principal.offences[0]
    monkeypatch.setattr(rules_23a, "assess_offences", lambda _ctx, _person: make(recorded))
    return _only(rules_23a.serious_offences(ctx))


def test_serious_offences_mandatory_trigger_is_not_met_with_its_basis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    finding = _with_assessment(
        monkeypatch,
        lambda o: _FakeAssessment(considered=(o,), mandatory=((o, "§ 54 Abs. 2 Nr. 1 AufenthG"),)),
    )
    assert finding.outcome is NOT_MET
    assert "§ 54 Abs. 2 Nr. 1 AufenthG" in finding.reason_de


def test_serious_offences_mandatory_review_item_needs_review(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    finding = _with_assessment(
        monkeypatch,
        lambda o: _FakeAssessment(considered=(o,), mandatory_review=((o, "Delikt prüfen"),)),
    )
    assert finding.outcome is REVIEW
    assert "Delikt prüfen" in finding.reason_de


def test_serious_offences_erased_items_are_ignored_and_mentioned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    finding = _with_assessment(
        monkeypatch,
        lambda o: _FakeAssessment(erased=(o,), erasure_note_de="Getilgt nach BZRG."),
    )
    assert finding.outcome is MET
    assert "Getilgt nach BZRG." in finding.reason_de
    assert "Ladendiebstahl" in finding.reason_de


AGE_14: list[tuple[str, bool]] = [
    ("2012-11-01", True),  # 14th birthday on R
    ("2012-11-02", False),  # 14th birthday the day after R: certainly 13
    ("2012", True),  # 13 or 14: not certainly under 14
    ("2012-10-31", True),
]


@pytest.mark.parametrize(("birth_date", "subject"), AGE_14, ids=[b for b, _ in AGE_14])
def test_serious_offences_subjects_are_persons_not_certainly_under_14(
    birth_date: str, subject: bool
) -> None:
    findings = _by_person(
        rules_23a.serious_offences(context(case([applicant(), child("p2", birth_date)])))
    )
    assert ("p2" in findings) is subject


def test_serious_offences_applying_to_nobody_is_one_household_entry() -> None:
    young = applicant(birth_date="2016-01-01")
    finding = _only(rules_23a.serious_offences(context(case([young]))))
    assert finding.person is None
    assert finding.outcome is MET


# --- 23a.adm.previous_petition: HFKVO NRW (repeat petitions) – PRACTICE, UNVERIFIED ----------


@pytest.mark.parametrize(
    ("procedures", "expected"),
    [
        ([], MET),
        ([procedure("haertefall_previous", filed="2021-05-01", outcome="rejected")], REVIEW),
    ],
    ids=["no-previous-petition", "previous-petition"],
)
def test_previous_petition(procedures: list[Json], expected: Outcome) -> None:
    finding = rules_23a.previous_petition(context(case(procedures=procedures)))
    assert finding.outcome is expected
    if expected is REVIEW:
        assert "neue Tatsachen" in finding.reason_de
        assert "01.05.2021" in finding.reason_de


# --- 23a.adm.bans_and_orders: § 5 Abs. 1 und 2 HFKVO NRW -------------------------------------

BANS: list[tuple[str, Json, Outcome]] = [
    ("order-58a", procedure("order_58a", decided="2026-01-10"), NOT_MET),
    ("order-58a-lifted", procedure("order_58a", outcome="lifted"), MET),
    ("expulsion-decided", procedure("expulsion", decided="2025-06-01"), NOT_MET),
    ("expulsion-pending", procedure("expulsion", pending=True), NOT_MET),
    ("expulsion-lifted", procedure("expulsion", decided="2025-06-01", outcome="lifted"), MET),
    ("expulsion-neither-decided-nor-pending", procedure("expulsion"), MET),
    ("arrest-warrant-pending", procedure("arrest_warrant", pending=True), NOT_MET),
    ("arrest-warrant-pending-unknown", procedure("arrest_warrant", pending=None), NOT_MET),
    ("arrest-warrant-closed", procedure("arrest_warrant", pending=False), MET),
    ("entry-ban-without-end", procedure("entry_ban", until=None), REVIEW),
    ("entry-ban-until-day-before-R", procedure("entry_ban", until="2026-10-31"), MET),
    ("entry-ban-until-R", procedure("entry_ban", until="2026-11-01"), REVIEW),
    ("entry-ban-until-day-after-R", procedure("entry_ban", until="2026-11-02"), REVIEW),
    ("entry-ban-until-month-of-R", procedure("entry_ban", until="2026-11"), REVIEW),
    ("entry-ban-until-month-before-R", procedure("entry_ban", until="2026-10"), MET),
    ("entry-ban-lifted", procedure("entry_ban", until=None, outcome="lifted"), MET),
]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [(entry, expected) for _, entry, expected in BANS],
    ids=[name for name, _, _ in BANS],
)
def test_bans_and_orders(entry: Json, expected: Outcome) -> None:
    finding = rules_23a.bans_and_orders(context(case(procedures=[entry])))
    assert finding.outcome is expected
    assert finding.person is None
    assert finding.citation == "§ 5 Abs. 1 und 2 HFKVO NRW"


def test_bans_and_orders_not_met_beats_an_entry_ban() -> None:
    entries = [procedure("entry_ban", until=None), procedure("order_58a")]
    finding = rules_23a.bans_and_orders(context(case(procedures=entries)))
    assert finding.outcome is NOT_MET
    assert "§ 58a" in finding.reason_de
    assert "Einreise- und Aufenthaltsverbot" in finding.reason_de


def test_bans_and_orders_names_the_persons_concerned() -> None:
    persons = [applicant(), adult("p2", given_names="Karim")]
    entries = [procedure("entry_ban", until=None, persons=["p2"])]
    finding = rules_23a.bans_and_orders(context(case(persons, procedures=entries)))
    assert "Karim Beispiel" in finding.reason_de
    whole = rules_23a.bans_and_orders(
        context(case(persons, procedures=[procedure("entry_ban", until=None)]))
    )
    assert "alle Personen" in whole.reason_de
