"""Build valid `haertefall-case/1` documents for tests (spec/case-format.md).

`case()` returns a complete case dict for the common situation: one adult applicant with a
Duldung, living alone in Hannover, who meets every § 25b requirement on the default reference
date 2026-11-01 (passport, A2 certificate, civic test, a job that covers the need, the documents
of the Hannover list). Tests change only what they are about, with the helpers below, and run
the dict through `parse()` / `context()` – i.e. through `eligibility.facts.parse_case` – so every
test case is a valid document.

    document = case()
    add_child(document, "p2", birth_date="2015-05-01")
    set_residence(document, "p1", residence("duldung", "2020-11-01"))
    ctx = context(document, "2026-11-01")

All helpers work on plain dicts and return the dict they created, so a test can still adjust it.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from eligibility.context import Context
from eligibility.facts import Case, parse_case

Json = dict[str, Any]

SCHEMA = "haertefall-case/1"
TARGET_25B = "abh_hannover_25b"
TARGET_23A = "hfk_nrw"
REFERENCE_DATE = "2026-11-01"
APPLICANT_ID = "p1"

HANNOVER_ADDRESS: Json = {
    "street": "Musterstraße 1",
    "postcode": "30159",
    "city": "Hannover",
    "state": "DE-NI",
}

# The applicant's own facts; `applicant()` copies them, so tests may change the copy freely.
_APPLICANT: Json = {
    "id": APPLICANT_ID,
    "role": "applicant",
    "surname": "Beispiel",
    "given_names": "Karim",
    "birth_date": "1990-03-15",
    "birth_place": "Kabul",
    "birth_country": "AF",
    "sex": "male",
    "marital_status": "single",
    "nationalities": ["AF"],
    "entry_date": "2016-01-05",
    "residence_history": [
        {"status": "gestattung", "from": "2016-01-10", "to": "2018-03-14"},
        {"status": "duldung", "from": "2018-03-15", "to": None, "basis": "60a"},
    ],
    "identity": {
        "passport": {"held": True, "number": "P1234567", "valid_until": "2030-06-30"},
        "passport_efforts": [],
        "other_identity_documents": [],
    },
    "german": {"level": "A2", "certificate": "DTZ", "date": "2019-06-30"},
    "civic_test": {"kind": "leben_in_deutschland", "passed": True, "date": "2019-07-15"},
    "schooling": [],
    "employment": [
        {
            "kind": "employed",
            "employer": "Muster Logistik GmbH",
            "position": "Lagerhelfer",
            "from": "2021-04-01",
            "to": None,
            "hours_per_week": 38,
            "gross_monthly": "2500.00",
            "net_monthly": "1800.00",
        }
    ],
    "benefits": [],
    "offences": [],
    "health": [],
    "caregiving": None,
    "fdgo_declaration": None,
    "school_attendance": None,
}


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# --------------------------------------------------------------------------------------------
# Whole cases


def case(
    *,
    reference_date: date | str = REFERENCE_DATE,
    target: str = TARGET_25B,
    city: str | None = "Hannover",
    with_documents: bool = True,
    **fields: Any,
) -> Json:
    """A valid case: adult applicant with a Duldung in Hannover, eligible under § 25b.

    `fields` replace top-level keys (e.g. `application_date="2026-10-01"`). With
    `with_documents` the documents of the Hannover list are attached, dated relative to the
    reference date (three monthly payslips ending in the month before it).
    """
    reference = _day(reference_date)
    address = copy.deepcopy(HANNOVER_ADDRESS)
    address["city"] = city
    document: Json = {
        "schema": SCHEMA,
        "target": target,
        "reference_date": reference.isoformat(),
        "application_date": None,
        "channel": "online" if target == TARGET_25B else "post",
        "household_address": address,
        "persons": [applicant()],
        "household": {
            "rent_monthly": "650.00",
            "rent_includes_heating": True,
            "members_in_household": [APPLICANT_ID],
        },
        "procedures": [],
        "documents": [],
    }
    if with_documents:
        add_standard_documents(document, reference)
    document.update(fields)
    return document


def minimal_case(*, reference_date: date | str = REFERENCE_DATE, target: str = TARGET_25B) -> Json:
    """The smallest valid case: an applicant with nothing but an id."""
    return {
        "schema": SCHEMA,
        "target": target,
        "reference_date": _day(reference_date).isoformat(),
        "persons": [{"id": APPLICANT_ID, "role": "applicant"}],
    }


def parse(document: Json) -> Case:
    """Validate the dict as `haertefall-case/1` and return the typed case."""
    return parse_case(document)


def context(document: Json, reference_date: date | str | None = None) -> Context:
    """The rules' context for the dict; the reference date defaults to the case's own."""
    parsed = parse_case(document)
    day = _day(reference_date) if reference_date is not None else parsed.reference_date
    assert day is not None, "the case has no reference_date; pass one"
    return Context(case=parsed, reference_date=day)


# --------------------------------------------------------------------------------------------
# Persons


def applicant(**fields: Any) -> Json:
    """The default applicant's person dict with `fields` replaced."""
    person = copy.deepcopy(_APPLICANT)
    person.update(fields)
    return person


def person(person_id: str, role: str, **fields: Any) -> Json:
    """A bare person dict (no facts beyond those given)."""
    result: Json = {"id": person_id, "role": role}
    result.update(fields)
    return result


def find_person(document: Json, person_id: str) -> Json:
    for entry in document["persons"]:
        if entry["id"] == person_id:
            found: Json = entry
            return found
    raise KeyError(person_id)


def update_person(document: Json, person_id: str, **fields: Any) -> Json:
    """Replace fields of a person in the case (e.g. `birth_date=None`)."""
    found = find_person(document, person_id)
    found.update(fields)
    return found


def add_person(
    document: Json, person_id: str, role: str, *, in_household: bool = True, **fields: Any
) -> Json:
    """Add a person to the case and, unless told otherwise, to the household."""
    added = person(person_id, role, **fields)
    document["persons"].append(added)
    if in_household:
        set_in_household(document, person_id, True)
    return added


def add_spouse(
    document: Json,
    person_id: str = "p2",
    *,
    birth_date: str = "1992-07-01",
    in_household: bool = True,
    with_documents: bool = True,
    **fields: Any,
) -> Json:
    """A married spouse who meets the person-related § 25b requirements (passport, A2, test).

    With `with_documents` the spouse's passport, language certificate and test certificate are
    attached.
    """
    defaults: Json = {
        "surname": "Beispiel",
        "given_names": "Samira",
        "birth_date": birth_date,
        "marital_status": "married",
        "residence_history": [{"status": "duldung", "from": "2018-03-15", "to": None}],
        "identity": _valid_identity("P7654321"),
        "german": {"level": "A2", "certificate": "telc", "date": "2021-05-20"},
        "civic_test": {"kind": "leben_in_deutschland", "passed": True, "date": "2021-06-10"},
    }
    defaults.update(fields)
    added = add_person(document, person_id, "spouse", in_household=in_household, **defaults)
    if with_documents:
        add_document(document, "passport", person_id, issued="2021-01-10")
        add_document(document, "language_certificate", person_id, issued="2021-05-20")
        add_document(document, "civic_test", person_id, issued="2021-06-10")
    return added


def add_child(
    document: Json,
    person_id: str,
    *,
    birth_date: str | None,
    in_household: bool = True,
    with_documents: bool = True,
    **fields: Any,
) -> Json:
    """A child of the applicant (no `parents` = child of the applicant, case-format).

    Defaults: ledig, with a valid passport. `school_attendance` stays null unless given; with
    `with_documents` the passport and, for a child attending school, a school certificate
    issued on the reference date are attached.
    """
    defaults: Json = {
        "surname": "Beispiel",
        "given_names": f"Kind {person_id}",
        "birth_date": birth_date,
        "marital_status": "single",
        "identity": _valid_identity(f"C{person_id.upper()}0001"),
    }
    defaults.update(fields)
    added = add_person(document, person_id, "child", in_household=in_household, **defaults)
    if with_documents:
        add_document(document, "passport", person_id, issued="2022-02-01")
        attendance = added.get("school_attendance") or {}
        if attendance.get("attending"):
            add_document(
                document, "school_certificate", person_id, issued=document["reference_date"]
            )
    return added


def _valid_identity(number: str) -> Json:
    return {
        "passport": {"held": True, "number": number, "valid_until": "2031-01-31"},
        "passport_efforts": [],
        "other_identity_documents": [],
    }


def set_in_household(document: Json, person_id: str, present: bool) -> None:
    household = document.setdefault("household", {})
    members: list[str] = household.setdefault("members_in_household", [])
    if present and person_id not in members:
        members.append(person_id)
    if not present and person_id in members:
        members.remove(person_id)


# --------------------------------------------------------------------------------------------
# Residence history


def residence(
    status: str,
    start: str,
    end: str | None = None,
    *,
    basis: str | None = None,
    **fields: Any,
) -> Json:
    """One `residence_history` entry; `end` None = still current."""
    entry: Json = {"status": status, "from": start, "to": end}
    if basis is not None:
        entry["basis"] = basis
    entry.update(fields)
    return entry


def set_residence(document: Json, person_id: str, *entries: Json) -> Json:
    """Replace a person's residence history."""
    return update_person(document, person_id, residence_history=list(entries))


def add_residence(document: Json, person_id: str, entry: Json) -> Json:
    found = find_person(document, person_id)
    found.setdefault("residence_history", []).append(entry)
    return entry


# --------------------------------------------------------------------------------------------
# Facts lists


def add_health(document: Json, person_id: str, *, limits: list[str] | None, **fields: Any) -> Json:
    """A health entry; `limits=None` means the limits are unknown (key present, null)."""
    entry: Json = {"condition": "Erkrankung", "report_date": None, "limits": limits}
    entry.update(fields)
    find_person(document, person_id).setdefault("health", []).append(entry)
    return entry


def add_offence(document: Json, person_id: str, **fields: Any) -> Json:
    """An offence; defaults: a final intentional 30-rate fine for theft in 2020."""
    entry: Json = {
        "date": "2020-01-10",
        "judgment_date": "2020-06-01",
        "kind": "Diebstahl",
        "category": "property",
        "intentional": True,
        "sanction": "fine",
        "daily_rates": 30,
        "final": True,
        "juvenile": False,
    }
    entry.update(fields)
    find_person(document, person_id).setdefault("offences", []).append(entry)
    return entry


def add_employment(document: Json, person_id: str, **fields: Any) -> Json:
    entry: Json = {"kind": "employed", "from": "2021-01-01", "to": None, "net_monthly": "1500.00"}
    entry.update(fields)
    find_person(document, person_id).setdefault("employment", []).append(entry)
    return entry


def add_benefit(document: Json, person_id: str, kind: str, **fields: Any) -> Json:
    entry: Json = {"kind": kind, "from": "2020-01-01", "to": None, "monthly": "400.00"}
    entry.update(fields)
    find_person(document, person_id).setdefault("benefits", []).append(entry)
    return entry


def add_schooling(document: Json, person_id: str, kind: str, **fields: Any) -> Json:
    entry: Json = {"kind": kind, "country": "DE", "from": "2018-08-01", "to": None}
    entry.update(fields)
    find_person(document, person_id).setdefault("schooling", []).append(entry)
    return entry


# --------------------------------------------------------------------------------------------
# Procedures and documents


def add_procedure(document: Json, kind: str, **fields: Any) -> Json:
    """A procedure; without `persons` it concerns the whole household (case-format)."""
    entry: Json = {"kind": kind}
    entry.update(fields)
    document.setdefault("procedures", []).append(entry)
    return entry


def add_document(
    document: Json,
    category: str,
    person_id: str | None = APPLICANT_ID,
    *,
    issued: date | str | None = None,
    file: str | None = "auto",
    document_id: str | None = None,
    **fields: Any,
) -> Json:
    """A `documents[]` entry; `file="auto"` attaches a file, `file=None` = nachzureichen."""
    existing = {entry["id"] for entry in document.setdefault("documents", [])}
    if document_id is None:
        number = len(existing) + 1
        while f"d{number}" in existing:
            number += 1
        document_id = f"d{number}"
    entry: Json = {
        "id": document_id,
        "person": person_id,
        "category": category,
        "title": fields.pop("title", category),
        "issued": issued.isoformat() if isinstance(issued, date) else issued,
    }
    if file == "auto":
        entry["file"] = f"files/{document_id}.pdf"
    elif file is not None:
        entry["file"] = file
    entry.update(fields)
    document["documents"].append(entry)
    return entry


def add_standard_documents(document: Json, reference: date) -> None:
    """The Hannover list for the default applicant: passport, A2, civic test, job, rent."""
    add_document(document, "passport", issued="2020-07-01")
    add_document(document, "language_certificate", issued="2019-06-30")
    add_document(document, "civic_test", issued="2019-07-15")
    add_document(document, "employment_contract", issued="2021-03-15")
    for months_back in (3, 2, 1):
        month_start = (reference - relativedelta(months=months_back)).replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        add_document(
            document, "payslip", issued=month_end, title=f"Lohnabrechnung {month_end:%m/%Y}"
        )
    add_document(document, "rent_contract", None, issued="2020-01-01")
    add_document(document, "rent_proof", None, issued=reference - relativedelta(days=10))
