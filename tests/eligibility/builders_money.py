"""Case builders for the money, offence and document tests (livelihood, fees, offences, § 4).

Built on the shared `tests.eligibility.builders` (valid `haertefall-case/1` dicts, parsed through
`eligibility.facts.parse_case`). The households here start from a known need so that a test can
name the numbers of legal-rules § 3.7:

    document = couple_with_schoolchild()          # need 2 × 506 + 390 + rent 1,190 = 2,592 €
    set_net_income(document, "p1", "1296.00")     # exactly 50.0 %
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eligibility.context import Context
from eligibility.facts import Person
from tests.eligibility.builders import (
    APPLICANT_ID,
    REFERENCE_DATE,
    Json,
    add_child,
    add_employment,
    add_spouse,
    case,
    context,
    find_person,
)

# A household whose need on 2026-11-01 is exactly 2,592.00 €: RBS 2 (506) twice, a child aged
# 6–13 (RBS 5, 390) and a rent of 1,190.00 € (RBSFV 2024, unchanged 2026).
RENT_FOR_2592 = "1190.00"
SCHOOLCHILD_BIRTH = "2016-05-01"  # 10 years old on 2026-11-01


def household_case(
    *,
    rent: str | None = "650.00",
    rent_includes_heating: bool | None = True,
    reference_date: date | str = REFERENCE_DATE,
    with_documents: bool = False,
    **fields: Any,
) -> Json:
    """The shared default case with the applicant's job removed and the rent set.

    Tests add exactly the income they are about (`set_net_income`, `add_employment`).
    """
    document = case(reference_date=reference_date, with_documents=with_documents, **fields)
    document["household"]["rent_monthly"] = rent
    document["household"]["rent_includes_heating"] = rent_includes_heating
    find_person(document, APPLICANT_ID)["employment"] = []
    return document


def couple_with_schoolchild(**fields: Any) -> Json:
    """Applicant, spouse and a 10-year-old child in one household; need 2,592.00 €."""
    document = household_case(rent=RENT_FOR_2592, **fields)
    add_spouse(document, "p2")
    add_child(document, "p3", birth_date=SCHOOLCHILD_BIRTH)
    return document


def single_parent(child_birth: str | None, **fields: Any) -> Json:
    """Applicant without partner and one child (id `p2`)."""
    document = household_case(**fields)
    add_child(document, "p2", birth_date=child_birth)
    return document


def set_net_income(
    document: Json, person_id: str, net: str | None, *, kind: str = "employed", **fields: Any
) -> Json:
    """Replace a person's employment by one current job with this net monthly income."""
    find_person(document, person_id)["employment"] = []
    job: Json = {"kind": kind, "from": "2021-01-01", "to": None, "net_monthly": net}
    job.update(fields)
    return add_employment(document, person_id, **job)


def offence(**fields: Any) -> Json:
    """An offence dict: a final intentional fine of 30 daily rates (2024) unless told otherwise."""
    entry: Json = {
        "date": "2024-01-10",
        "judgment_date": "2024-06-01",
        "kind": "Diebstahl",
        "category": "property",
        "alien_specific": False,
        "intentional": True,
        "weapon": False,
        "sanction": "fine",
        "daily_rates": 30,
        "prison_months": None,
        "suspended": None,
        "juvenile": False,
        "final": True,
    }
    entry.update(fields)
    return entry


def with_offences(*offences: Json, person_id: str = APPLICANT_ID, **fields: Any) -> Json:
    """The shared default case with the given offences of one person."""
    document = case(**fields)
    find_person(document, person_id)["offences"] = list(offences)
    return document


def person_of(ctx: Context, person_id: str = APPLICANT_ID) -> Person:
    return ctx.case.person(person_id)


def covered(ctx: Context) -> tuple[Person, ...]:
    """All persons of the case except role `other` (the tests' stand-in for § 3.4 coverage)."""
    return tuple(person for person in ctx.case.persons if person.role != "other")


__all__ = [
    "APPLICANT_ID",
    "RENT_FOR_2592",
    "SCHOOLCHILD_BIRTH",
    "Json",
    "context",
    "couple_with_schoolchild",
    "covered",
    "household_case",
    "offence",
    "person_of",
    "set_net_income",
    "single_parent",
    "with_offences",
]
