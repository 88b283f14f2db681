"""What every rule needs to read a case on its reference date (legal-rules.md § 0.3, § 0.4)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from eligibility.dates import AgeRange, PartialDate, add_months, age_range
from eligibility.facts import Case, Document, Person, ResidenceEntry
from eligibility.parameters import pension_age_months
from eligibility.report import Finding, Outcome

FAMILY_ROLES = ("spouse", "partner", "child")


class Minority(Enum):
    """Whether a person is a minor on the reference date, given a possibly partial birth date."""

    MINOR = "minor"
    ADULT = "adult"
    UNCLEAR = "unclear"


@dataclass(frozen=True, slots=True)
class Context:
    case: Case
    reference_date: date

    @property
    def principal(self) -> Person:
        return self.case.principal

    # --- ages ---------------------------------------------------------------------------

    def age(self, person: Person) -> AgeRange | None:
        if person.birth_date is None:
            return None
        return age_range(person.birth_date, self.reference_date)

    def minority(self, person: Person) -> Minority:
        """Certainly minor, certainly adult, or unclear (partial or unknown birth date)."""
        age = self.age(person)
        if age is None:
            return Minority.UNCLEAR
        if age.certainly_under(18):
            return Minority.MINOR
        if age.certainly_at_least(18):
            return Minority.ADULT
        return Minority.UNCLEAR

    def certainly_minor(self, person: Person) -> bool:
        return self.minority(person) is Minority.MINOR

    def certainly_adult(self, person: Person) -> bool:
        return self.minority(person) is Minority.ADULT

    def certainly_under(self, person: Person, years: int) -> bool:
        age = self.age(person)
        return age is not None and age.certainly_under(years)

    def pension_age_reached(self, person: Person) -> bool:
        """Regelaltersgrenze reached; a partial birth date counts from its latest possible day."""
        if person.birth_date is None:
            return False
        latest_birth = person.birth_date.latest()
        months = pension_age_months(latest_birth.year)
        return add_months(latest_birth, months) <= self.reference_date

    # --- periods ------------------------------------------------------------------------

    def is_current(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """Current on the reference date under the conservative reading of partial dates.

        A `from` counts from its last possible day, a `to` until its first possible day; an
        unknown start does not prove that something has begun.
        """
        if start is None or start.latest() > self.reference_date:
            return False
        return end is None or end.earliest() >= self.reference_date

    def is_possibly_current(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """Current under the favourable reading (from = first day, to = last day)."""
        if start is not None and start.earliest() > self.reference_date:
            return False
        return end is None or end.latest() >= self.reference_date

    def status_on_reference_date(self, person: Person) -> ResidenceEntry | None:
        """The residence entry covering the reference date (the latest-starting if several)."""
        covering = [
            entry
            for entry in person.residence_history
            if self.is_possibly_current(entry.from_, entry.to)
        ]
        if not covering:
            return None
        return max(covering, key=lambda entry: entry.from_.earliest())

    # --- household ----------------------------------------------------------------------

    def in_household(self, person: Person) -> bool:
        household = self.case.household
        if household is None or household.members_in_household is None:
            return False
        return person.id in household.members_in_household

    def household_members(self) -> tuple[Person, ...]:
        household = self.case.household
        if household is None or household.members_in_household is None:
            return ()
        return tuple(p for p in self.case.persons if p.id in household.members_in_household)

    def household_with_principal(self) -> tuple[Person, ...]:
        """The household members and always the principal (first if not listed).

        The application is the principal's own: a member list that omits the principal must
        not drop the principal's need, income or documents.
        """
        members = self.household_members()
        if any(person.id == self.principal.id for person in members):
            return members
        return (self.principal, *members)

    def partners_of_principal(self) -> tuple[Person, ...]:
        return tuple(p for p in self.case.persons if p.role in ("spouse", "partner"))

    def is_child_of_family(self, child: Person) -> bool:
        """A child of the applicant or of the applicant's spouse/partner.

        An empty `parents` list means the child of the applicant (case-format.md).
        """
        if not child.parents:
            return True
        family = {self.principal.id} | {p.id for p in self.partners_of_principal()}
        return any(parent in family for parent in child.parents)

    # --- documents ----------------------------------------------------------------------

    def documents(
        self, category: str, person: Person | None = None, *, with_file: bool = True
    ) -> tuple[Document, ...]:
        """Documents of a category about a person (None: household documents of any person)."""
        return tuple(
            document
            for document in self.case.documents
            if document.category == category
            and (person is None or document.person == person.id)
            and (document.file is not None or not with_file)
        )


def not_applicable(requirement_id: str, citation: str, reason_de: str) -> Finding:
    """The one household entry of a per-person requirement that applies to nobody (§ 0.3)."""
    return Finding(
        id=requirement_id,
        person=None,
        outcome=Outcome.MET,
        citation=citation,
        reason_de=f"Nicht einschlägig: {reason_de}",
    )


def per_person(
    requirement_id: str,
    citation: str,
    persons: Iterable[Person],
    evaluate: Callable[[Person], Finding],
    nobody_reason_de: str,
) -> list[Finding]:
    findings = [evaluate(person) for person in persons]
    if findings:
        return findings
    return [not_applicable(requirement_id, citation, nobody_reason_de)]


def worst(outcomes: Sequence[Outcome]) -> Outcome:
    """The least favourable outcome among several, for requirements that combine sub-checks."""
    order = (
        Outcome.NOT_MET,
        Outcome.NEEDS_REVIEW,
        Outcome.MISSING_INFORMATION,
        Outcome.EXCEPTION_APPLIES,
        Outcome.MET,
    )
    for outcome in order:
        if outcome in outcomes:
            return outcome
    return Outcome.MET
