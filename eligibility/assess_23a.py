"""The Härtefall petition as a whole (target `hfk_nrw`): all findings and the result of § 7.4.

The requirements live in `rules_23a`; this module only runs them in the order of legal-rules.md
§ 7.2 and § 7.3 and derives the overall result. The merits — whether dringende humanitäre oder
persönliche Gründe exist — are the commission's judgement and are never assessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eligibility import rules_23a
from eligibility.context import Context
from eligibility.report import Finding, Outcome

READY = "ready"
INCOMPLETE = "incomplete"
NOT_ADMISSIBLE = "not_admissible"
NEEDS_REVIEW = "needs_review"

ADMISSIBILITY_PREFIX = "23a.adm."
COMPLETENESS_PREFIXES = ("23a.form.", "23a.doc.")

NOTES_DE = (
    "Die Härtefallkommission wird nur im Wege der Selbstbefassung tätig: Niemand kann "
    "verlangen, dass sie sich mit einem Fall befasst oder eine bestimmte Entscheidung trifft, "
    "und die Anordnung einer Aufenthaltserlaubnis begründet keine eigenen Rechte "
    "(§ 23a Abs. 2 Satz 2 und 3, Abs. 1 Satz 4 AufenthG).",
    "Ob ein Härtefall vorliegt – ob also dringende humanitäre oder persönliche Gründe die "
    "weitere Anwesenheit in Deutschland rechtfertigen (§ 23a Abs. 2 AufenthG) –, prüft diese "
    "Anwendung nicht. Sie prüft nur, ob die Kommission den Fall annehmen kann und ob der "
    "Antrag vollständig ist; die Entscheidung in der Sache trifft die Kommission.",
    "Ein Härtefallantrag hält eine Abschiebung nicht schon von selbst auf. Ob und wann die "
    "Ausländerbehörde während des Verfahrens von Abschiebungsmaßnahmen absieht, regelt die "
    "Härtefallkommissionsverordnung NRW (§ 4); diese Vorschrift wurde für diese Anwendung "
    "nicht ausgewertet. Droht eine Abschiebung, sollte sofort eine Beratungsstelle oder eine "
    "Anwältin bzw. ein Anwalt eingeschaltet werden.",
)


@dataclass(frozen=True, slots=True)
class Result23a:
    findings: tuple[Finding, ...]  # 7.2 then 7.3, in table order
    overall: str  # § 7.4: ready / incomplete / not_admissible / needs_review
    notes_de: tuple[str, ...]


def admissibility_findings(ctx: Context, substantive_25b: str) -> list[Finding]:
    """Every `23a.adm.*` requirement in the order of legal-rules.md § 7.2."""
    return [
        *rules_23a.departure_obligation(ctx),
        rules_23a.residence_in_nrw(ctx),
        rules_23a.deportation_date_fixed(ctx),
        rules_23a.other_procedure_available(ctx, substantive_25b),
        *rules_23a.serious_offences(ctx),
        rules_23a.previous_petition(ctx),
        rules_23a.bans_and_orders(ctx),
    ]


def completeness_findings(ctx: Context) -> list[Finding]:
    """Every `23a.form.*` and `23a.doc.*` requirement in the order of legal-rules.md § 7.3."""
    return [
        rules_23a.petition_in_german(ctx),
        *rules_23a.person_data_complete(ctx),
        *rules_23a.entry_and_status_stated(ctx),
        rules_23a.life_story_stated(ctx),
        rules_23a.current_situation_stated(ctx),
        rules_23a.integration_stated(ctx),
        rules_23a.humanitarian_reasons_stated(ctx),
        rules_23a.family_ties_stated(ctx),
        *rules_23a.cv_available(ctx),
        *rules_23a.language_documents(ctx),
        *rules_23a.work_documents(ctx),
        *rules_23a.children_documents(ctx),
        rules_23a.asylum_decisions_attached(ctx),
        rules_23a.authority_order_attached(ctx),
        *rules_23a.medical_reports_current(ctx),
        *rules_23a.criminal_records_attached(ctx),
        rules_23a.power_of_attorney_present(ctx),
        rules_23a.attachment_formats(ctx),
    ]


def overall_23a(findings: Sequence[Finding]) -> str:
    """The HFK overall result, legal-rules.md § 7.4 (first matching step wins)."""
    admissibility = {f.outcome for f in findings if f.id.startswith(ADMISSIBILITY_PREFIX)}
    completeness = {f.outcome for f in findings if f.id.startswith(COMPLETENESS_PREFIXES)}
    if Outcome.NOT_MET in admissibility:
        return NOT_ADMISSIBLE
    if Outcome.NEEDS_REVIEW in admissibility:
        return NEEDS_REVIEW
    if (
        Outcome.MISSING_INFORMATION in admissibility
        or Outcome.NOT_MET in completeness
        or Outcome.MISSING_INFORMATION in completeness
    ):
        return INCOMPLETE
    if Outcome.NEEDS_REVIEW in completeness:
        return NEEDS_REVIEW
    return READY


def evaluate_23a(ctx: Context, substantive_25b: str) -> Result23a:
    """All § 23a requirements for the household and the overall result of § 7.4.

    `substantive_25b` is the substantive § 25b result for the principal (legal-rules § 5),
    used by `23a.adm.other_procedure`.
    """
    findings = (*admissibility_findings(ctx, substantive_25b), *completeness_findings(ctx))
    return Result23a(findings=findings, overall=overall_23a(findings), notes_de=NOTES_DE)
