"""The `eligibility-report/1` structure: what `assess` returns and pages and letters render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

REPORT_SCHEMA = "eligibility-report/1"


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    EXCEPTION_APPLIES = "exception_applies"
    NEEDS_REVIEW = "needs_review"
    MISSING_INFORMATION = "missing_information"

    @property
    def fulfilled(self) -> bool:
        return self in (Outcome.MET, Outcome.EXCEPTION_APPLIES)


OUTCOME_LABELS_DE = {
    Outcome.MET: "erfüllt",
    Outcome.NOT_MET: "nicht erfüllt",
    Outcome.EXCEPTION_APPLIES: "Ausnahme greift",
    Outcome.NEEDS_REVIEW: "Prüfung durch die Behörde nötig",
    Outcome.MISSING_INFORMATION: "Angaben oder Nachweise fehlen",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one legal requirement for one subject (a person or the household)."""

    id: str
    person: str | None
    outcome: Outcome
    citation: str
    reason_de: str
    facts: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "person": self.person,
            "outcome": self.outcome.value,
            "citation": self.citation,
            "reason_de": self.reason_de,
            "facts": list(self.facts),
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class FeeItem:
    person: str
    kind: str  # "erteilung" or "verlaengerung"
    amount: Decimal
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "kind": self.kind,
            "amount": f"{self.amount:.2f}",
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Fees:
    items: tuple[FeeItem, ...] = ()
    exempt: bool = False
    waiver_possible: bool = False

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal("0.00"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": f"{self.total:.2f}",
            "items": [item.to_dict() for item in self.items],
            "exempt": self.exempt,
            "waiver_possible": self.waiver_possible,
        }


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """A document of the case (present or stale) or one that is still needed (missing)."""

    category: str
    person: str | None
    reason_de: str
    id: str | None = None
    requirement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"category": self.category, "person": self.person}
        if self.id is not None:
            result["id"] = self.id
        if self.requirement is not None:
            result["requirement"] = self.requirement
        result["reason_de"] = self.reason_de
        return result


@dataclass(frozen=True, slots=True)
class DocumentOverview:
    present: tuple[DocumentStatus, ...] = ()
    missing: tuple[DocumentStatus, ...] = ()
    stale: tuple[DocumentStatus, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "present": [entry.to_dict() for entry in self.present],
            "missing": [entry.to_dict() for entry in self.missing],
            "stale": [entry.to_dict() for entry in self.stale],
        }


@dataclass(frozen=True, slots=True)
class Report:
    target: str
    reference_date: date
    overall: str
    overall_25b_substantive: str
    requirements: tuple[Finding, ...]
    fees: Fees
    documents: DocumentOverview
    notes_de: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA,
            "target": self.target,
            "reference_date": self.reference_date.isoformat(),
            "overall": self.overall,
            "requirements": [finding.to_dict() for finding in self.requirements],
            "overall_25b_substantive": self.overall_25b_substantive,
            "notes_de": list(self.notes_de),
            "fees": self.fees.to_dict(),
            "documents": self.documents.to_dict(),
        }

    def findings(self, requirement_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.requirements if f.id == requirement_id)
