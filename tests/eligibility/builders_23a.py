"""Case builders for the § 23a / Härtefallkommission NRW tests (target `hfk_nrw`).

Every helper returns plain `haertefall-case/1` JSON dicts; `context()` runs the document through
`eligibility.facts.parse_case`, so each test case is a valid case file. The defaults describe a
petition that is admissible and complete: a single adult applicant with a Duldung, living in
Dortmund (`DE-NW`), with the whole narrative written in German and no procedures, offences,
illness or work that would call for further documents.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from eligibility.context import Context
from eligibility.facts import Case, parse_case

Json = dict[str, Any]

REFERENCE_DATE = date(2026, 11, 1)

DORTMUND: Json = {
    "street": "Musterweg 3",
    "postcode": "44135",
    "city": "Dortmund",
    "state": "DE-NW",
}

NARRATIVE_DE: Json = {
    "life_story": {
        "language": "de",
        "text": "Ich wurde 1988 in Herat geboren, ging dort acht Jahre zur Schule und arbeitete "
        "als Schneiderin. 2015 floh ich über den Iran und die Türkei nach Deutschland.",
        "translation_de": None,
    },
    "current_situation": {
        "language": "de",
        "text": "Ich lebe allein in Dortmund, bin geduldet und besuche einen Deutschkurs.",
        "translation_de": None,
    },
    "integration": {
        "language": "de",
        "text": "Ich helfe seit 2021 ehrenamtlich bei der Tafel Dortmund und singe im Chor.",
        "translation_de": None,
    },
    "humanitarian_reasons": {
        "language": "de",
        "text": "In Afghanistan habe ich keine Familie mehr; mein Leben ist jetzt hier.",
        "translation_de": None,
    },
    "request": {
        "language": "de",
        "text": "Ich bitte die Kommission, meinen Fall anzunehmen.",
        "translation_de": None,
    },
}


def applicant(**overrides: Any) -> Json:
    """The principal: an adult with a Duldung since 2018 after an asylum procedure."""
    person: Json = {
        "id": "p1",
        "role": "applicant",
        "surname": "Beispiel",
        "given_names": "Amina",
        "birth_date": "1988-04-02",
        "birth_place": "Herat",
        "birth_country": "AF",
        "sex": "female",
        "marital_status": "single",
        "nationalities": ["AF"],
        "entry_date": "2015-09-20",
        "residence_history": [
            {"status": "gestattung", "from": "2015-10-01", "to": "2018-03-14"},
            {"status": "duldung", "from": "2018-03-15", "to": None, "basis": "60a"},
        ],
        "family_ties": {
            "germany": "Eine Cousine lebt in Essen.",
            "country_of_origin": "Keine Angehörigen mehr in Afghanistan.",
        },
    }
    person.update(overrides)
    return person


def child(person_id: str = "p2", birth_date: str = "2016-05-10", **overrides: Any) -> Json:
    """A child of the applicant, born in Germany, geduldet since birth."""
    person: Json = {
        "id": person_id,
        "role": "child",
        "surname": "Beispiel",
        "given_names": "Sami",
        "birth_date": birth_date,
        "birth_place": "Dortmund",
        "sex": "male",
        "marital_status": "single",
        "nationalities": ["AF"],
        "residence_history": [
            {"status": "duldung", "from": birth_date, "to": None, "basis": "60a"},
        ],
    }
    person.update(overrides)
    return person


def adult(person_id: str = "p2", role: str = "spouse", **overrides: Any) -> Json:
    """Another adult of the household (spouse by default), geduldet like the applicant."""
    person = applicant(
        id=person_id,
        role=role,
        given_names="Karim",
        birth_date="1985-01-20",
        marital_status="married",
        family_ties=None,
    )
    person.update(overrides)
    return person


def offence(**overrides: Any) -> Json:
    """A final fine of 30 daily rates for an intentional offence, judged in 2025."""
    entry: Json = {
        "date": "2024-12-02",
        "judgment_date": "2025-03-12",
        "kind": "Ladendiebstahl",
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
    entry.update(overrides)
    return entry


def procedure(kind: str, **overrides: Any) -> Json:
    entry: Json = {"kind": kind, "authority": None, "pending": False}
    entry.update(overrides)
    return entry


def document(
    document_id: str,
    category: str,
    person: str | None = "p1",
    *,
    issued: str | None = "2026-10-01",
    file: str | None = "default",
    **overrides: Any,
) -> Json:
    """An attached document (a file named after its id unless `file` is given or None)."""
    entry: Json = {
        "id": document_id,
        "person": person,
        "category": category,
        "title": f"{category} {document_id}",
        "issued": issued,
        "file": f"files/{document_id}.pdf" if file == "default" else file,
        "language": "de",
    }
    entry.update(overrides)
    return entry


def case(persons: list[Json] | None = None, **overrides: Any) -> Json:
    """A complete, admissible `hfk_nrw` case; keyword arguments replace top-level keys."""
    people = persons if persons is not None else [applicant()]
    document_: Json = {
        "schema": "haertefall-case/1",
        "target": "hfk_nrw",
        "reference_date": REFERENCE_DATE.isoformat(),
        "application_date": None,
        "channel": "email",
        "household_address": copy.deepcopy(DORTMUND),
        "local_authority": {"name": "Stadt Dortmund, Ausländerbehörde", "reference": "32/5-1"},
        "persons": people,
        "household": {
            "rent_monthly": "450.00",
            "rent_includes_heating": True,
            "members_in_household": [person["id"] for person in people],
        },
        "narrative": copy.deepcopy(NARRATIVE_DE),
        "representative": None,
        "procedures": [],
        "documents": [],
    }
    document_.update(overrides)
    return document_


def parse(document_: Json) -> Case:
    return parse_case(document_)


def context(document_: Json | None = None, reference_date: date = REFERENCE_DATE) -> Context:
    """The parsed case with its reference date, ready for the rule functions."""
    return Context(
        case=parse_case(document_ if document_ is not None else case()),
        reference_date=reference_date,
    )
