"""The report's document overview: what is attached, what is still needed, what is outdated.

Derived from the case's `documents[]` and from the `missing` entries of the findings, so the
overview never disagrees with the requirements that asked for a document.
"""

from __future__ import annotations

from collections.abc import Sequence

from eligibility.context import Context
from eligibility.dates import add_months, german_date
from eligibility.facts import DOCUMENT_CATEGORIES, Document
from eligibility.parameters import (
    ENROLMENT_MAX_AGE_MONTHS,
    MEDICAL_REPORT_MAX_AGE_MONTHS,
    PAYSLIP_WINDOW_MONTHS,
)
from eligibility.report import DocumentOverview, DocumentStatus, Fees, Finding, Outcome

# Category → (months a document stays current, German name for the reason).
_FRESHNESS = {
    "medical_report": (MEDICAL_REPORT_MAX_AGE_MONTHS, "Ärztliches Attest"),
    "payslip": (PAYSLIP_WINDOW_MONTHS, "Lohnabrechnung"),
    "enrolment_certificate": (ENROLMENT_MAX_AGE_MONTHS, "Immatrikulationsbescheinigung"),
}


def _label(document: Document) -> str:
    return document.title or document.category


def _staleness(context: Context, document: Document) -> str | None:
    """Why an attached document is outdated on the reference date, or None."""
    freshness = _FRESHNESS.get(document.category)
    if freshness is not None and document.issued is not None:
        months, name = freshness
        oldest_allowed = add_months(context.reference_date, -months)
        if document.issued.latest() < oldest_allowed:
            return (
                f"{name} vom {document.issued.german()} ist älter als {months} Monate "
                f"(erforderlich: ausgestellt am oder nach dem {german_date(oldest_allowed)})."
            )
        # A partial issue date is never read in the applicant's favour (legal-rules § 0.4).
        if document.issued.earliest() < oldest_allowed:
            return (
                f"{name}: Ausstellungsdatum nur als {document.issued.german()} bekannt; es kann "
                f"älter als {months} Monate sein (erforderlich: ausgestellt am oder nach dem "
                f"{german_date(oldest_allowed)})."
            )
    if document.category == "passport" and document.person is not None:
        person = context.case.person(document.person)
        passport = person.identity.passport if person.identity else None
        if passport is not None and passport.valid_until is not None:
            expiry = passport.valid_until.latest()
            if expiry < context.reference_date:
                return f"Der Pass ist seit dem {german_date(expiry)} abgelaufen."
    return None


def document_overview(
    context: Context, findings: Sequence[Finding], fees: Fees | None = None
) -> DocumentOverview:
    present: list[DocumentStatus] = []
    stale: list[DocumentStatus] = []
    missing: list[DocumentStatus] = []
    for document in context.case.documents:
        if document.file is None:
            missing.append(
                DocumentStatus(
                    category=document.category,
                    person=document.person,
                    id=document.id,
                    reason_de=f"„{_label(document)}“ ist angekündigt, aber noch nicht beigefügt.",
                )
            )
            continue
        reason = _staleness(context, document)
        if reason is None:
            present.append(
                DocumentStatus(
                    category=document.category,
                    person=document.person,
                    id=document.id,
                    reason_de=f"„{_label(document)}“ liegt vor.",
                )
            )
        else:
            stale.append(
                DocumentStatus(
                    category=document.category,
                    person=document.person,
                    id=document.id,
                    reason_de=reason,
                )
            )

    seen = {(entry.category, entry.person) for entry in missing}
    for finding in findings:
        if finding.outcome not in (Outcome.MISSING_INFORMATION, Outcome.NOT_MET):
            continue
        for item in finding.missing:
            if item not in DOCUMENT_CATEGORIES or (item, finding.person) in seen:
                continue
            seen.add((item, finding.person))
            missing.append(
                DocumentStatus(
                    category=item,
                    person=finding.person,
                    requirement=finding.id,
                    reason_de=f"Benötigt für {finding.citation}.",
                )
            )
    if fees is not None and fees.exempt and not context.documents("benefit_notice"):
        principal = context.principal.id
        if ("benefit_notice", principal) not in seen:
            missing.append(
                DocumentStatus(
                    category="benefit_notice",
                    person=principal,
                    reason_de=(
                        "Für die Gebührenbefreiung nach § 53 Abs. 1 AufenthV den aktuellen "
                        "Leistungsbescheid (Jobcenter oder Sozialamt) beifügen."
                    ),
                )
            )
    return DocumentOverview(present=tuple(present), missing=tuple(missing), stale=tuple(stale))
