"""§ 25b assembly and overall result (legal-rules.md § 3 order and covered persons, § 5).

The rules written elsewhere (livelihood, offences, documents) are replaced by stand-ins returning
chosen outcomes (pytest monkeypatch of the names `eligibility.assess_25b` imports), so the § 5
combination is tested independently of them. § 5: P = principal and household findings plus every
`25b.school_attendance` entry; F = covered family members' findings; D = `25b.doc.*`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pytest

from eligibility import assess_25b
from eligibility.assess_25b import combine_25b, evaluate_25b
from eligibility.context import Context
from eligibility.facts import Person
from eligibility.report import Finding, Outcome
from tests.eligibility.builders import (
    Json,
    add_child,
    add_person,
    add_procedure,
    add_spouse,
    case,
    context,
    residence,
    set_residence,
    update_person,
)

MET = Outcome.MET
NOT_MET = Outcome.NOT_MET
REVIEW = Outcome.NEEDS_REVIEW
MISSING = Outcome.MISSING_INFORMATION
EXCEPTION = Outcome.EXCEPTION_APPLIES

SECTION_3_ORDER = (
    "25b.authority_competence",
    "25b.status",
    "25b.residence_period",
    "25b.family_member",
    "25b.fdgo_declaration",
    "25b.civic_knowledge",
    "25b.livelihood",
    "25b.german_a2",
    "25b.school_attendance",
    "25b.refusal_deception",
    "25b.refusal_serious_offences",
    "25b.no_expulsion_interest",
    "25b.identity",
    "25b.passport",
    "25b.entry_ban",
    "25b.security_bar",
)
STAND_IN_DOCUMENTS = ("25b.doc.identity_documents", "25b.doc.income")


@dataclass
class StandIns:
    """Outcomes the replaced rules return; per-person rules by person id (default `met`)."""

    livelihood: Outcome = MET
    offences: dict[str, Outcome] = field(default_factory=dict)
    expulsion: dict[str, Outcome] = field(default_factory=dict)
    documents: tuple[Outcome, ...] = (MET, MET)
    covered_seen: list[tuple[str, ...]] = field(default_factory=list)

    def per_person(
        self, requirement_id: str, outcomes: dict[str, Outcome]
    ) -> Callable[[Context, Sequence[Person]], list[Finding]]:
        def rule(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
            self.covered_seen.append(tuple(person.id for person in covered))
            return [
                Finding(requirement_id, p.id, outcomes.get(p.id, MET), "Stand-in", "Stand-in")
                for p in covered
            ]

        return rule


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> StandIns:
    chosen = StandIns()

    def livelihood(ctx: Context) -> Finding:
        return Finding("25b.livelihood", None, chosen.livelihood, "Stand-in", "Stand-in")

    def documents(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
        return [
            Finding(requirement_id, None, outcome, "Stand-in", "Stand-in")
            for requirement_id, outcome in zip(STAND_IN_DOCUMENTS, chosen.documents, strict=True)
        ]

    monkeypatch.setattr(assess_25b, "livelihood", livelihood)
    monkeypatch.setattr(
        assess_25b,
        "refusal_serious_offences",
        lambda ctx, covered: chosen.per_person("25b.refusal_serious_offences", chosen.offences)(
            ctx, covered
        ),
    )
    monkeypatch.setattr(
        assess_25b,
        "no_expulsion_interest",
        lambda ctx, covered: chosen.per_person("25b.no_expulsion_interest", chosen.expulsion)(
            ctx, covered
        ),
    )
    monkeypatch.setattr(assess_25b, "document_checks_25b", documents)
    return chosen


def _family_case() -> Json:
    """Applicant, spouse and a school child – all person-related requirements met."""
    document = case()
    add_spouse(document, "p2")
    add_child(document, "p3", birth_date="2016-04-01", school_attendance={"attending": True})
    return document


def _no_change(document: Json) -> None:
    return None


def _city(name: str) -> Callable[[Json], None]:
    return lambda document: document["household_address"].update(city=name)


def _child_not_at_school(document: Json) -> None:
    update_person(document, "p3", school_attendance={"attending": False})


def _child_age_unclear(document: Json) -> None:
    update_person(document, "p3", birth_date="2008")


def _spouse_without_passport(document: Json) -> None:
    update_person(
        document,
        "p2",
        identity={
            "passport": {"held": False},
            "passport_efforts": [],
            "other_identity_documents": [],
        },
    )


def _spouse_without_german(document: Json) -> None:
    update_person(document, "p2", german=None)


def _spouse_lives_elsewhere(document: Json) -> None:
    document["household"]["members_in_household"].remove("p2")


def _principal_without_german(document: Json) -> None:
    update_person(document, "p1", german=None)


def _principal_gestattung(document: Json) -> None:
    set_residence(document, "p1", residence("gestattung", "2016-01-01"))


def _unmarried_partner_without_papers(document: Json) -> None:
    add_person(document, "p4", "partner", marital_status="single", birth_date="1991-01-01")


def _order_58a_for_spouse(document: Json) -> None:
    add_procedure(document, "order_58a", persons=["p2"])


def _both(*changes: Callable[[Json], None]) -> Callable[[Json], None]:
    def change(document: Json) -> None:
        for apply in changes:
            apply(document)

    return change


@pytest.mark.parametrize(
    ("change", "chosen", "overall", "substantive"),
    [
        pytest.param(_no_change, {}, "eligible", "eligible", id="all-met"),
        pytest.param(
            _no_change,
            {"livelihood": NOT_MET},
            "not_eligible",
            "not_eligible",
            id="household-not-met",
        ),
        pytest.param(
            _no_change, {"livelihood": EXCEPTION}, "eligible", "eligible", id="exception-counts"
        ),
        pytest.param(
            _no_change,
            {"livelihood": REVIEW},
            "needs_review",
            "needs_review",
            id="household-review",
        ),
        pytest.param(
            _no_change,
            {"livelihood": MISSING},
            "incomplete",
            "incomplete",
            id="household-missing",
        ),
        pytest.param(
            _no_change,
            {"offences": {"p1": NOT_MET}},
            "not_eligible",
            "not_eligible",
            id="principal-offence",
        ),
        pytest.param(
            _no_change,
            {"offences": {"p2": NOT_MET}},
            "needs_review",
            "needs_review",
            id="family-not-met-is-review",
        ),
        pytest.param(
            _no_change,
            {"expulsion": {"p2": REVIEW}},
            "needs_review",
            "needs_review",
            id="family-review",
        ),
        pytest.param(
            _no_change,
            {"expulsion": {"p2": MISSING}},
            "incomplete",
            "incomplete",
            id="family-missing",
        ),
        pytest.param(
            _no_change,
            {"documents": (MISSING, MET)},
            "incomplete",
            "eligible",
            id="document-missing",
        ),
        pytest.param(
            _no_change,
            {"documents": (MET, NOT_MET)},
            "incomplete",
            "eligible",
            id="document-stale",
        ),
        pytest.param(
            _no_change,
            {"documents": (REVIEW, MET)},
            "incomplete",
            "eligible",
            id="document-review-is-incomplete",
        ),
        pytest.param(_city("Langenhagen"), {}, "needs_review", "eligible", id="other-authority"),
        pytest.param(
            _city("Langenhagen"),
            {"documents": (MISSING, MET)},
            "needs_review",
            "eligible",
            id="other-authority-and-document",
        ),
        pytest.param(
            _no_change,
            {"livelihood": MISSING, "expulsion": {"p2": NOT_MET}},
            "needs_review",
            "needs_review",
            id="family-review-beats-principal-missing",
        ),
        pytest.param(
            _no_change,
            {"livelihood": NOT_MET, "documents": (MISSING, MET)},
            "not_eligible",
            "not_eligible",
            id="not-met-beats-documents",
        ),
        pytest.param(
            _child_not_at_school,
            {},
            "not_eligible",
            "not_eligible",
            id="school-attendance-belongs-to-principal",
        ),
        pytest.param(
            _child_age_unclear, {}, "needs_review", "needs_review", id="family-member-review"
        ),
        pytest.param(
            _spouse_without_passport,
            {},
            "needs_review",
            "needs_review",
            id="spouse-passport-not-met",
        ),
        pytest.param(
            _spouse_without_german, {}, "incomplete", "incomplete", id="spouse-german-missing"
        ),
        pytest.param(
            _spouse_lives_elsewhere,
            {},
            "needs_review",
            "needs_review",
            id="spouse-outside-household",
        ),
        pytest.param(
            _principal_without_german, {}, "incomplete", "incomplete", id="principal-missing"
        ),
        pytest.param(
            _principal_gestattung, {}, "not_eligible", "not_eligible", id="principal-status"
        ),
        pytest.param(
            _unmarried_partner_without_papers,
            {},
            "eligible",
            "eligible",
            id="not-covered-person-ignored",
        ),
        pytest.param(
            _order_58a_for_spouse, {}, "needs_review", "needs_review", id="spouse-security-bar"
        ),
        pytest.param(
            _both(_principal_without_german, _spouse_without_passport),
            {},
            "needs_review",
            "needs_review",
            id="principal-missing-and-family-not-met",
        ),
    ],
)
def test_overall_result_follows_section_5(
    stand_ins: StandIns,
    change: Callable[[Json], None],
    chosen: dict[str, object],
    overall: str,
    substantive: str,
) -> None:
    document = _family_case()
    change(document)
    for name, value in chosen.items():
        setattr(stand_ins, name, value)
    result = evaluate_25b(context(document))
    assert (result.overall, result.substantive) == (overall, substantive)


def test_findings_follow_the_order_of_section_3_then_documents(stand_ins: StandIns) -> None:
    result = evaluate_25b(context(_family_case()))
    ids = [finding.id for finding in result.findings]
    first_seen = list(dict.fromkeys(ids))
    assert first_seen == [*SECTION_3_ORDER, *STAND_IN_DOCUMENTS]
    for requirement_id in first_seen:  # the entries of one requirement stay together
        positions = [k for k, value in enumerate(ids) if value == requirement_id]
        assert positions == list(range(positions[0], positions[-1] + 1)), requirement_id


def test_per_person_rules_run_for_covered_persons_only(stand_ins: StandIns) -> None:
    document = _family_case()
    _unmarried_partner_without_papers(document)
    add_person(document, "p5", "other", birth_date="1955-01-01")
    result = evaluate_25b(context(document))
    assert [p.id for p in result.covered] == ["p1", "p2", "p3"]
    family = {f.person: f.outcome for f in result.findings if f.id == "25b.family_member"}
    assert family == {"p2": MET, "p3": MET, "p4": NOT_MET, "p5": NOT_MET}
    subjects = {f.person for f in result.findings if f.id != "25b.family_member"}
    assert not subjects & {"p4", "p5"}
    assert stand_ins.covered_seen == [("p1", "p2", "p3"), ("p1", "p2", "p3")]


def test_applicant_alone_gets_one_household_family_member_entry(stand_ins: StandIns) -> None:
    result = evaluate_25b(context(case()))
    family = [f for f in result.findings if f.id == "25b.family_member"]
    assert [(f.person, f.outcome) for f in family] == [(None, MET)]
    assert [p.id for p in result.covered] == ["p1"]
    assert result.overall == "eligible"


def test_notes_always_name_the_two_year_limit_and_the_atypical_case(stand_ins: StandIns) -> None:
    notes = evaluate_25b(context(case())).notes_de
    assert len(notes) == 2
    assert "höchstens zwei Jahre" in notes[0] and "§ 25b Abs. 5" in notes[0]
    assert "atypischen Fall" in notes[1]
    assert "§ 25b Abs. 2" in notes[1] and "§ 5 Abs. 4" in notes[1]


def test_notes_add_the_fee_for_lifting_an_entry_ban(stand_ins: StandIns) -> None:
    document = case()
    add_procedure(document, "entry_ban", until=None, authority="BAMF")
    result = evaluate_25b(context(document))
    assert any("169,00 €" in note for note in result.notes_de)
    assert result.overall == "needs_review"


def test_notes_add_the_employment_toleration_hint(stand_ins: StandIns) -> None:
    document = case()
    set_residence(
        document,
        "p1",
        residence("duldung", "2016-01-01", "2023-12-31", basis="60a"),
        residence("duldung", "2024-01-01", basis="60d"),
    )
    notes = evaluate_25b(context(document)).notes_de
    assert any("§ 25b Abs. 6" in note for note in notes)


def test_notes_warn_104c_holders_about_the_end_of_their_privileges(stand_ins: StandIns) -> None:
    document = case()
    set_residence(
        document,
        "p1",
        residence("duldung", "2016-01-01", "2025-05-31", basis="60a"),
        residence("aufenthaltserlaubnis", "2025-06-01", "2026-11-30", basis="104c"),
    )
    notes = evaluate_25b(context(document)).notes_de
    assert any("01.07.2027" in note for note in notes)


def test_notes_add_the_travel_document_hint_when_efforts_replace_the_passport(
    stand_ins: StandIns,
) -> None:
    document = case()
    update_person(
        document,
        "p1",
        identity={
            "passport": {"held": True, "valid_until": "2024-01-31"},
            "passport_efforts": [{"date": "2025-03-01", "what": "Botschaft"}],
        },
    )
    result = evaluate_25b(context(document))
    assert any("Reiseausweis" in note for note in result.notes_de)
    assert result.overall == "eligible"


# --- § 5 as a pure function ----------------------------------------------------------------


def _finding(requirement_id: str, person: str | None, outcome: Outcome) -> Finding:
    return Finding(requirement_id, person, outcome, "–", "–")


@pytest.mark.parametrize(
    ("findings", "overall", "substantive"),
    [
        pytest.param([], "eligible", "eligible", id="nothing"),
        pytest.param(
            [_finding("25b.status", "p1", NOT_MET)],
            "not_eligible",
            "not_eligible",
            id="p-not-met",
        ),
        pytest.param(
            [_finding("25b.school_attendance", "p3", NOT_MET)],
            "not_eligible",
            "not_eligible",
            id="school-entry-of-child-is-p",
        ),
        pytest.param(
            [_finding("25b.school_attendance", "p3", MISSING)],
            "incomplete",
            "incomplete",
            id="school-entry-missing",
        ),
        pytest.param(
            [_finding("25b.identity", "p2", NOT_MET)],
            "needs_review",
            "needs_review",
            id="f-not-met",
        ),
        pytest.param(
            [_finding("25b.family_member", "p2", REVIEW)],
            "needs_review",
            "needs_review",
            id="f-family-member-review",
        ),
        pytest.param(
            [_finding("25b.family_member", "p2", NOT_MET)],
            "eligible",
            "eligible",
            id="f-family-member-not-met-excluded",
        ),
        pytest.param(
            [_finding("25b.identity", "p9", NOT_MET)],
            "eligible",
            "eligible",
            id="uncovered-person-ignored",
        ),
        pytest.param(
            [_finding("25b.german_a2", "p2", MISSING)],
            "incomplete",
            "incomplete",
            id="f-missing",
        ),
        pytest.param(
            [_finding("25b.german_a2", "p2", EXCEPTION)],
            "eligible",
            "eligible",
            id="f-exception",
        ),
        pytest.param(
            [_finding("25b.authority_competence", None, REVIEW)],
            "needs_review",
            "eligible",
            id="competence-not-substantive",
        ),
        pytest.param(
            [_finding("25b.authority_competence", None, MISSING)],
            "incomplete",
            "eligible",
            id="competence-missing",
        ),
        pytest.param(
            [_finding("25b.doc.rent", None, MISSING)], "incomplete", "eligible", id="d-missing"
        ),
        pytest.param(
            [_finding("25b.doc.school_certificates", "p3", NOT_MET)],
            "incomplete",
            "eligible",
            id="d-of-child-not-p",
        ),
        pytest.param(
            [_finding("25b.status", "p1", MISSING), _finding("25b.identity", "p2", REVIEW)],
            "needs_review",
            "needs_review",
            id="review-before-missing",
        ),
        pytest.param(
            [_finding("25b.passport", "p1", REVIEW), _finding("25b.security_bar", "p2", NOT_MET)],
            "needs_review",
            "needs_review",
            id="p-review-and-f-not-met",
        ),
        pytest.param(
            [_finding("25b.security_bar", "p1", NOT_MET), _finding("25b.doc.rent", None, MET)],
            "not_eligible",
            "not_eligible",
            id="principal-security-bar",
        ),
    ],
)
def test_combine_25b(findings: list[Finding], overall: str, substantive: str) -> None:
    covered_family = {"p2", "p3"}
    assert combine_25b(findings, "p1", covered_family) == overall
    assert combine_25b(findings, "p1", covered_family, substantive=True) == substantive
