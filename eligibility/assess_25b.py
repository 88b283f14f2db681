"""§ 25b AufenthG at the Ausländerbehörde Hannover: all requirements and the overall result.

legal-rules.md § 3 (order of the report, covered persons), § 4 (document checks) and § 5 (overall
and substantive result, notes). This module only assembles; each requirement lives in its own
function (`status`, `residence`, `rules_25b`, `livelihood`, `offences`, `documents_25b`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from eligibility.context import Context, per_person
from eligibility.dates import german_date
from eligibility.documents_25b import document_checks_25b
from eligibility.facts import Person
from eligibility.livelihood import livelihood
from eligibility.offences import no_expulsion_interest, refusal_serious_offences
from eligibility.parameters import CHANCEN_25B_PRIVILEGES_END, ENTRY_BAN_LIFT_FEE
from eligibility.report import Finding, Outcome
from eligibility.residence import employment_toleration_hint, residence_period
from eligibility.rules_25b import (
    AUTHORITY_COMPETENCE_ID,
    ENTRY_BAN_ID,
    FAMILY_MEMBER_CITATION,
    FAMILY_MEMBER_ID,
    PASSPORT_ID,
    SCHOOL_ID,
    authority_competence,
    civic_knowledge,
    entry_ban,
    family_member,
    fdgo_declaration,
    german_a2,
    identity,
    passport,
    refusal_deception,
    school_attendance,
    security_bar,
)
from eligibility.status import residence_status, status_on_reference_date

DOCUMENT_PREFIX = "25b.doc."

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
NEEDS_REVIEW = "needs_review"
INCOMPLETE = "incomplete"

NOTE_MAXIMUM_DURATION = (
    "Die Aufenthaltserlaubnis nach § 25b wird für höchstens zwei Jahre erteilt oder verlängert "
    "(§ 25b Abs. 5 Satz 1 AufenthG)."
)
NOTE_ATYPICAL_CASE = (
    "§ 25b ist eine Soll-Vorschrift, und die Voraussetzungen des Abs. 1 Satz 2 gelten nur "
    "„regelmäßig“: Fehlt eine Regelvoraussetzung, kann die Behörde die Erlaubnis in einem "
    "atypischen Fall trotzdem erteilen (z. B. bei besonderen Integrationsleistungen). Das gilt "
    "nie trotz eines zwingenden Versagungsgrundes nach § 25b Abs. 2 AufenthG (Täuschung, "
    "schwere Straftaten) oder nach § 5 Abs. 4 AufenthG (Abschiebungsanordnung nach § 58a)."
)


@dataclass(frozen=True, slots=True)
class Result25b:
    findings: tuple[Finding, ...]  # in the order of legal-rules § 3, then § 4 documents
    overall: str  # § 5: eligible / not_eligible / needs_review / incomplete
    substantive: str  # § 5 substantive result (without authority_competence and D)
    covered: tuple[Person, ...]  # principal + family members whose 25b.family_member is not not_met
    notes_de: tuple[str, ...]  # § 5 notes (max. two years, atypical case; hints)


def covered_persons(
    principal: Person, others: Sequence[Person], family_findings: Iterable[Finding]
) -> tuple[Person, ...]:
    """§ 3: the principal and every family member not excluded by `25b.family_member`."""
    excluded = {
        finding.person
        for finding in family_findings
        if finding.id == FAMILY_MEMBER_ID and finding.outcome is Outcome.NOT_MET
    }
    return (principal, *(person for person in others if person.id not in excluded))


def combine_25b(
    findings: Iterable[Finding],
    principal_id: str,
    covered_family_ids: Collection[str],
    *,
    substantive: bool = False,
) -> str:
    """§ 5: the overall result (or, with `substantive`, the substantive § 25b result).

    P = non-document findings of the principal or the household, plus every
    `25b.school_attendance` entry; F = non-document findings of covered family members
    (a `25b.family_member` entry with `not_met` excludes the person and is not counted);
    D = `25b.doc.*`. The substantive result leaves out `25b.authority_competence` and D.
    """
    principal: list[Outcome] = []
    family: list[Outcome] = []
    documents: list[Outcome] = []
    for finding in findings:
        if finding.id.startswith(DOCUMENT_PREFIX):
            if not substantive:
                documents.append(finding.outcome)
        elif finding.id == AUTHORITY_COMPETENCE_ID and substantive:
            continue
        elif finding.id == SCHOOL_ID or finding.person is None or finding.person == principal_id:
            principal.append(finding.outcome)
        elif finding.person in covered_family_ids and not (
            finding.id == FAMILY_MEMBER_ID and finding.outcome is Outcome.NOT_MET
        ):
            family.append(finding.outcome)
    if Outcome.NOT_MET in principal:
        return NOT_ELIGIBLE
    if (
        Outcome.NEEDS_REVIEW in principal
        or Outcome.NOT_MET in family
        or Outcome.NEEDS_REVIEW in family
    ):
        return NEEDS_REVIEW
    if (
        Outcome.MISSING_INFORMATION in principal
        or Outcome.MISSING_INFORMATION in family
        or any(outcome is not Outcome.MET for outcome in documents)
    ):
        return INCOMPLETE
    return ELIGIBLE


def _notes(ctx: Context, findings: Sequence[Finding]) -> tuple[str, ...]:
    notes = [NOTE_MAXIMUM_DURATION, NOTE_ATYPICAL_CASE]
    banned = [
        f.person for f in findings if f.id == ENTRY_BAN_ID and f.outcome is Outcome.NEEDS_REVIEW
    ]
    if banned:
        fee = f"{ENTRY_BAN_LIFT_FEE:.2f}".replace(".", ",")
        notes.append(
            "Ein Einreise- und Aufenthaltsverbot ist in Kraft: mit dem Antrag dessen Aufhebung "
            f"beantragen (§ 11 Abs. 4 Satz 2 AufenthG). Dafür fällt eine Gebühr von {fee} € an "
            "(§ 47 Abs. 1 Nr. 1a AufenthV), die in den Gebühren oben nicht enthalten ist."
        )
    hint = employment_toleration_hint(ctx)
    if hint is not None:
        notes.append(hint)
    if any(f.id == PASSPORT_ID and f.outcome is Outcome.EXCEPTION_APPLIES for f in findings):
        notes.append(
            "Ohne Pass: Nach der Erteilung kann ein Reiseausweis für Ausländer beantragt werden, "
            "wenn ein Pass nicht zumutbar zu erlangen ist (§ 5, § 6 Satz 1 Nr. 2 AufenthV)."
        )
    if (
        status_on_reference_date(ctx, ctx.principal).holds_104c
        and ctx.reference_date < CHANCEN_25B_PRIVILEGES_END
    ):
        notes.append(
            "Für Inhaber einer Aufenthaltserlaubnis nach § 104c gelten Sonderregeln (§ 25b "
            "Abs. 7: Zeiten nach § 60b zählen; Abs. 8: Identität). Sie sollen nach Berichten am "
            f"{german_date(CHANCEN_25B_PRIVILEGES_END)} entfallen (nicht amtlich bestätigt) – "
            "den Antrag möglichst vorher stellen."
        )
    return tuple(notes)


def evaluate_25b(ctx: Context) -> Result25b:
    """Every § 25b requirement in the order of legal-rules § 3, then the § 4 documents."""
    principal = ctx.principal
    others = tuple(person for person in ctx.case.persons if person.id != principal.id)
    family = per_person(
        FAMILY_MEMBER_ID,
        FAMILY_MEMBER_CITATION,
        others,
        lambda person: family_member(ctx, person),
        "außer der antragstellenden Person ist niemand erfasst.",
    )
    covered = covered_persons(principal, others, family)
    identities = [identity(ctx, person) for person in covered]

    findings: list[Finding] = [
        authority_competence(ctx),
        residence_status(ctx),
        residence_period(ctx),
        *family,
        *(fdgo_declaration(ctx, person) for person in covered),
        *(civic_knowledge(ctx, person) for person in covered),
        livelihood(ctx),
        *(german_a2(ctx, person) for person in covered),
        *school_attendance(ctx, covered),
        *(refusal_deception(ctx, person) for person in covered),
        *refusal_serious_offences(ctx, covered),
        *no_expulsion_interest(ctx, covered),
        *identities,
        *(
            passport(ctx, person, found.outcome)
            for person, found in zip(covered, identities, strict=True)
        ),
        *(entry_ban(ctx, person) for person in covered),
        *(security_bar(ctx, person) for person in covered),
    ]
    findings.extend(document_checks_25b(ctx, covered))
    family_ids = frozenset(person.id for person in covered[1:])
    return Result25b(
        findings=tuple(findings),
        overall=combine_25b(findings, principal.id, family_ids),
        substantive=combine_25b(findings, principal.id, family_ids, substantive=True),
        covered=covered,
        notes_de=_notes(ctx, findings),
    )
