"""Between the case document and the wizard's forms: `step_initial` and `apply_step`.

Both are pure functions of plain data. `step_initial(document, step)` returns a step's form
values in the nested shape of the step's page (see pages.py); `apply_step(document, step,
cleaned_data)` returns a new document with those values written back. The input document is
never modified, and every key a step does not edit is left exactly as it was, so that a case
imported with more detail than the wizard asks for survives a wizard edit.

Writing a value follows the case format's rule that unknown is null or absent: a value the
form leaves empty is written as null only where the document already had the key; an absent
key stays absent. Hence applying a step's own initial data returns the same document, with
these normalisations:

- numbers of hours are written as whole numbers where they are whole (38.0 → 38, equal in
  JSON terms);
- `household.members_in_household` becomes an explicit list when the document had none (the
  page shows everybody as living at the address, and saving confirms that).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from haertefall.wizard.steps import (
    BIOGRAPHY,
    HEALTH,
    HOUSEHOLD,
    INTEGRATION,
    NARRATIVE,
    PERSONS,
    PROCEDURES,
    REPRESENTATIVE,
    SCHOOL,
    is_child,
    split_step,
)

Document = dict[str, Any]
Values = Mapping[str, Any]

GERMAN_NONE = "none"
LIMITS_NONE = "none"
NARRATIVE_PARTS = (
    "life_story",
    "current_situation",
    "integration",
    "humanitarian_reasons",
    "request",
)


class UnknownStep(KeyError):
    """The step does not exist or does not apply to this document."""


class PersonGone(LookupError):
    """The form names a person the case no longer has (removed in another tab)."""


# --------------------------------------------------------------------------------------------
# Writing values without turning "absent" into "null"


def _is_blank(value: Any) -> bool:
    return value is None or value == [] or value == ""


def _put(target: dict[str, Any], key: str, value: Any, *, absent: Any = None) -> None:
    """Set `key`, unless it is absent and the value says only what its absence says."""
    if value == "":
        value = None
    if key not in target and (value is None or (absent is not None and value == absent)):
        return
    target[key] = value


def _merge(
    parent: dict[str, Any], key: str, values: Mapping[str, Any], *, create: bool = False
) -> None:
    """Write `values` into the object at `parent[key]`, creating it only when there is
    something to write (or `create` says the answer itself is the content)."""
    current = parent.get(key)
    target = dict(current) if isinstance(current, dict) else {}
    for name, value in values.items():
        _put(target, name, value)
    if isinstance(current, dict) or create or any(not _is_blank(v) for v in values.values()):
        parent[key] = target


def _put_list(parent: dict[str, Any], key: str, items: list[Any]) -> None:
    if not items and parent.get(key) is None:
        return
    parent[key] = items


def _source(row: Values, originals: list[Any]) -> dict[str, Any]:
    """A copy of the entry the row was loaded from, or a new empty entry."""
    source = row.get("source")
    if isinstance(source, str) and source.isdigit():
        source = int(source)
    if (
        isinstance(source, int)
        and 0 <= source < len(originals)
        and isinstance(originals[source], dict)
    ):
        return copy.deepcopy(originals[source])
    return {}


def _rows(
    originals: list[Any] | None,
    rows: Iterable[Values],
    write: Callable[[dict[str, Any], Values], None],
) -> list[dict[str, Any]]:
    originals = list(originals or [])
    result = []
    for row in rows:
        entry = _source(row, originals)
        write(entry, row)
        result.append(entry)
    return result


def _money(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return f"{Decimal(str(value)):.2f}"


def _money_initial(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _hours(value: Any) -> int | float | None:
    if value is None or value == "":
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _hours_initial(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _put_period(entry: dict[str, Any], row: Values) -> None:
    _put(entry, "from", row.get("start"))
    _put(entry, "to", row.get("end"))
    _put(entry, "approximate", bool(row.get("approximate")), absent=False)


def _period_initial(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "start": entry.get("from"),
        "end": entry.get("to"),
        "approximate": bool(entry.get("approximate")),
    }


def _person_by_id(document: Document, person_id: Any) -> dict[str, Any]:
    for person in document.get("persons") or []:
        if person.get("id") == person_id:
            return person  # type: ignore[no-any-return]
    raise PersonGone(person_id)


def _persons(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [person for person in document.get("persons") or [] if isinstance(person, dict)]


# --------------------------------------------------------------------------------------------
# personen


def _persons_initial(document: Document) -> dict[str, Any]:
    members = (document.get("household") or {}).get("members_in_household")
    rows = []
    for person in _persons(document):
        nationalities = list(person.get("nationalities") or [])
        rows.append(
            {
                "source": person.get("id"),
                "role": person.get("role"),
                "given_names": person.get("given_names"),
                "surname": person.get("surname"),
                "birth_name": person.get("birth_name"),
                "other_spellings": "\n".join(person.get("other_spellings") or []) or None,
                "birth_date": person.get("birth_date"),
                "birth_place": person.get("birth_place"),
                "birth_country": person.get("birth_country"),
                "sex": person.get("sex"),
                "marital_status": person.get("marital_status"),
                "nationality": nationalities[0] if nationalities else None,
                "second_nationality": nationalities[1] if len(nationalities) > 1 else None,
                "in_household": True if members is None else person.get("id") in members,
            }
        )
    address = document.get("household_address") or {}
    return {
        "persons": rows,
        "address": {key: address.get(key) for key in ("street", "postcode", "city", "state")},
    }


_PERSON_ID = re.compile(r"^p(\d+)$")


def _new_person_id(taken: set[str]) -> str:
    numbers = [int(match.group(1)) for match in map(_PERSON_ID.match, taken) if match]
    number = max(numbers, default=0) + 1
    while f"p{number}" in taken:
        number += 1
    return f"p{number}"


def _apply_persons(document: Document, values: Values) -> None:
    originals = {str(person.get("id")): person for person in _persons(document)}
    taken = set(originals)
    persons: list[dict[str, Any]] = []
    in_household: list[str] = []
    for row in values.get("persons") or []:
        source = row.get("source")
        if source in originals:
            person = copy.deepcopy(originals[source])
        else:
            person = {"id": _new_person_id(taken)}
            taken.add(person["id"])
        person["role"] = row.get("role")
        for key in (
            "given_names",
            "surname",
            "birth_name",
            "birth_date",
            "birth_place",
            "birth_country",
            "sex",
            "marital_status",
        ):
            _put(person, key, row.get(key))
        _put_list(person, "other_spellings", _lines(row.get("other_spellings")))
        before = list(person.get("nationalities") or [])
        chosen = [code for code in (row.get("nationality"), row.get("second_nationality")) if code]
        _put_list(person, "nationalities", chosen + before[2:])
        persons.append(person)
        if row.get("in_household"):
            in_household.append(person["id"])

    kept = {person["id"] for person in persons}
    for person in persons:
        if "parents" in person:
            person["parents"] = [parent for parent in person["parents"] if parent in kept]
    document["persons"] = persons

    household = dict(document.get("household") or {})
    previous = household.get("members_in_household")
    if previous is None:
        members = in_household
    else:
        # Keep the order the case had; newly ticked people follow in page order.
        members = [m for m in previous if m in in_household]
        members += [m for m in in_household if m not in members]
    household["members_in_household"] = members
    document["household"] = household
    _merge(document, "household_address", values.get("address") or {})


# --------------------------------------------------------------------------------------------
# lebenslauf-N


def _biography_initial(document: Document, position: int) -> dict[str, Any]:
    people = _persons(document)
    if not 1 <= position <= len(people):
        raise UnknownStep(f"{BIOGRAPHY}-{position}")
    person = people[position - 1]
    identity = person.get("identity") or {}
    passport = identity.get("passport") or {}
    health = person.get("health")
    caregiving = person.get("caregiving")
    return {
        "entry": {"person_id": person.get("id"), "entry_date": person.get("entry_date")},
        "residence_history": [
            {
                "source": index,
                "status": entry.get("status"),
                "basis": entry.get("basis"),
                **_period_initial(entry),
            }
            for index, entry in enumerate(person.get("residence_history") or [])
        ],
        "identity": {
            "passport_held": passport.get("held"),
            "passport_number": passport.get("number"),
            "passport_valid_until": passport.get("valid_until"),
            "other_identity_documents": "\n".join(identity.get("other_identity_documents") or [])
            or None,
        },
        "passport_efforts": [
            {"source": index, "date": entry.get("date"), "what": entry.get("what")}
            for index, entry in enumerate(identity.get("passport_efforts") or [])
        ],
        "schooling": [
            {
                "source": index,
                "kind": entry.get("kind"),
                "name": entry.get("name"),
                "country": entry.get("country"),
                "degree": entry.get("degree"),
                **_period_initial(entry),
            }
            for index, entry in enumerate(person.get("schooling") or [])
        ],
        "employment": [
            {
                "source": index,
                "kind": entry.get("kind"),
                "employer": entry.get("employer"),
                "position": entry.get("position"),
                "hours_per_week": _hours_initial(entry.get("hours_per_week")),
                "gross_monthly": _money_initial(entry.get("gross_monthly")),
                "net_monthly": _money_initial(entry.get("net_monthly")),
                **_period_initial(entry),
            }
            for index, entry in enumerate(person.get("employment") or [])
        ],
        "benefits": [
            {
                "source": index,
                "kind": entry.get("kind"),
                "monthly": _money_initial(entry.get("monthly")),
                **_period_initial(entry),
            }
            for index, entry in enumerate(person.get("benefits") or [])
        ],
        "care": {
            # null is the format's "cares for nobody"; an absent key is a question not answered.
            "caregiving": None if "caregiving" not in person else bool(caregiving),
            "cares_for": (caregiving or {}).get("cares_for"),
            "since": (caregiving or {}).get("since"),
        },
        "health": {"health_relevant": None if health is None else bool(health)},
    }


def _apply_biography(document: Document, position: int, values: Values) -> None:
    entry_values = values.get("entry") or {}
    person = _person_by_id(document, entry_values.get("person_id"))
    _put(person, "entry_date", entry_values.get("entry_date"))

    def residence(entry: dict[str, Any], row: Values) -> None:
        entry["status"] = row.get("status")
        _put_period(entry, row)
        _put(entry, "basis", row.get("basis"))

    _put_list(
        person,
        "residence_history",
        _rows(person.get("residence_history"), values.get("residence_history") or [], residence),
    )

    identity_values = values.get("identity") or {}
    identity = dict(person.get("identity") or {})
    _merge(
        identity,
        "passport",
        {
            "held": identity_values.get("passport_held"),
            "number": identity_values.get("passport_number"),
            "valid_until": identity_values.get("passport_valid_until"),
        },
    )

    def effort(entry: dict[str, Any], row: Values) -> None:
        _put(entry, "date", row.get("date"))
        _put(entry, "what", row.get("what"))

    _put_list(
        identity,
        "passport_efforts",
        _rows(identity.get("passport_efforts"), values.get("passport_efforts") or [], effort),
    )
    _put_list(
        identity,
        "other_identity_documents",
        _lines(identity_values.get("other_identity_documents")),
    )
    if identity or person.get("identity") is not None:
        person["identity"] = identity

    def schooling(entry: dict[str, Any], row: Values) -> None:
        entry["kind"] = row.get("kind")
        _put(entry, "country", row.get("country"))
        _put(entry, "name", row.get("name"))
        _put_period(entry, row)
        _put(entry, "degree", row.get("degree"))

    _put_list(
        person,
        "schooling",
        _rows(person.get("schooling"), values.get("schooling") or [], schooling),
    )

    def employment(entry: dict[str, Any], row: Values) -> None:
        entry["kind"] = row.get("kind")
        _put(entry, "employer", row.get("employer"))
        _put(entry, "position", row.get("position"))
        _put_period(entry, row)
        _put(entry, "hours_per_week", _hours(row.get("hours_per_week")))
        _put(entry, "gross_monthly", _money(row.get("gross_monthly")))
        _put(entry, "net_monthly", _money(row.get("net_monthly")))

    _put_list(
        person,
        "employment",
        _rows(person.get("employment"), values.get("employment") or [], employment),
    )

    def benefit(entry: dict[str, Any], row: Values) -> None:
        entry["kind"] = row.get("kind")
        _put_period(entry, row)
        _put(entry, "monthly", _money(row.get("monthly")))

    _put_list(
        person, "benefits", _rows(person.get("benefits"), values.get("benefits") or [], benefit)
    )

    care = values.get("care") or {}
    if care.get("caregiving") is True:
        _merge(
            person,
            "caregiving",
            {"cares_for": care.get("cares_for"), "since": care.get("since")},
            create=True,
        )
    elif care.get("caregiving") is False:
        person["caregiving"] = None
    else:
        person.pop("caregiving", None)

    relevant = (values.get("health") or {}).get("health_relevant")
    if relevant is True and not person.get("health"):
        # "Yes" with nothing known yet: one empty entry, which the health step fills in.
        person["health"] = [{}]
    elif relevant is False and person.get("health") != []:
        person["health"] = []


# --------------------------------------------------------------------------------------------
# schule


def _school_initial(document: Document) -> dict[str, Any]:
    children = []
    for person in _persons(document):
        if not is_child(person):
            continue
        attendance = person.get("school_attendance") or {}
        children.append(
            {
                "person_id": person.get("id"),
                "parents": list(person.get("parents") or []),
                "attending": attendance.get("attending"),
                "school": attendance.get("school"),
                "certificate_date": attendance.get("certificate_date"),
            }
        )
    return {"children": children}


def _apply_school(document: Document, values: Values) -> None:
    for item in values.get("children") or []:
        person = _person_by_id(document, item.get("person_id"))
        _put_list(person, "parents", list(item.get("parents") or []))
        _merge(
            person,
            "school_attendance",
            {key: item.get(key) for key in ("attending", "school", "certificate_date")},
        )


# --------------------------------------------------------------------------------------------
# integration


def _fdgo_initial(declaration: Any) -> tuple[str | None, str | None]:
    if not isinstance(declaration, dict):
        return None, None
    if declaration.get("refused"):
        return "refused", None
    if declaration.get("signed"):
        return "signed", declaration.get("signed")
    return None, None


def _integration_initial(document: Document) -> dict[str, Any]:
    with_declaration = document.get("target") == "abh_hannover_25b"
    items = []
    for person in _persons(document):
        if is_child(person):
            continue
        german = person.get("german")
        civic = person.get("civic_test") or {}
        level = None
        if isinstance(german, dict):
            level = german.get("level") or GERMAN_NONE
        item: dict[str, Any] = {
            "person_id": person.get("id"),
            "german_level": level,
            "german_certificate": (german or {}).get("certificate"),
            "german_date": (german or {}).get("date"),
            "civic_test_kind": civic.get("kind"),
            "civic_test_passed": civic.get("passed"),
            "civic_test_date": civic.get("date"),
            "integration": [
                {
                    "source": index,
                    "kind": entry.get("kind"),
                    "what": entry.get("what"),
                    **_period_initial(entry),
                }
                for index, entry in enumerate(person.get("integration") or [])
            ],
        }
        if with_declaration:
            item["fdgo"], item["fdgo_signed"] = _fdgo_initial(person.get("fdgo_declaration"))
        items.append(item)
    return {"persons": items}


def _apply_integration(document: Document, values: Values) -> None:
    for item in values.get("persons") or []:
        person = _person_by_id(document, item.get("person_id"))
        level = item.get("german_level")
        _merge(
            person,
            "german",
            {
                "level": None if level in (None, GERMAN_NONE) else level,
                "certificate": item.get("german_certificate"),
                "date": item.get("german_date"),
            },
            create=level == GERMAN_NONE,
        )
        if level == GERMAN_NONE:
            # "No level yet" is an answer; the key says so even when nothing else is known.
            person["german"].setdefault("level", None)
        _merge(
            person,
            "civic_test",
            {
                "kind": item.get("civic_test_kind"),
                "passed": item.get("civic_test_passed"),
                "date": item.get("civic_test_date"),
            },
        )
        if "fdgo" in item:
            _apply_fdgo(person, item.get("fdgo"), item.get("fdgo_signed"))

        def activity(entry: dict[str, Any], row: Values) -> None:
            entry["kind"] = row.get("kind")
            _put(entry, "what", row.get("what"))
            _put_period(entry, row)

        _put_list(
            person,
            "integration",
            _rows(person.get("integration"), item.get("integration") or [], activity),
        )


def _apply_fdgo(person: dict[str, Any], choice: str | None, signed: str | None) -> None:
    current = person.get("fdgo_declaration")
    if choice == "signed":
        declaration = dict(current) if isinstance(current, dict) else {}
        declaration["signed"] = signed
        if declaration.get("refused"):
            declaration["refused"] = False
        person["fdgo_declaration"] = declaration
    elif choice == "refused":
        declaration = dict(current) if isinstance(current, dict) else {}
        if "signed" in declaration:
            declaration["signed"] = None
        declaration["refused"] = True
        person["fdgo_declaration"] = declaration
    elif _fdgo_initial(current) != (None, None):
        # The answer was taken back: no declaration given (yet).
        person["fdgo_declaration"] = None


# --------------------------------------------------------------------------------------------
# verfahren


_PROCEDURE_DATES = ("filed", "decided", "final_date", "date_scheduled", "until")


def _procedures_initial(document: Document) -> dict[str, Any]:
    procedures = [
        {
            "source": index,
            "kind": entry.get("kind"),
            "authority": entry.get("authority"),
            "reference": entry.get("reference"),
            "outcome": entry.get("outcome"),
            "pending": entry.get("pending"),
            "persons": list(entry.get("persons") or []),
            **{key: entry.get(key) for key in _PROCEDURE_DATES},
        }
        for index, entry in enumerate(document.get("procedures") or [])
    ]
    offences = [
        {
            "person_id": person.get("id"),
            # [] is a stated "no"; an absent key is a question not answered yet.
            "convicted": None if person.get("offences") is None else bool(person["offences"]),
            "offences": [
                {"source": index, **{key: entry.get(key) for key in _OFFENCE_KEYS}}
                for index, entry in enumerate(person.get("offences") or [])
            ],
        }
        for person in _persons(document)
    ]
    return {"procedures": procedures, "offences": offences}


_OFFENCE_KEYS = (
    "kind",
    "category",
    "date",
    "judgment_date",
    "sanction",
    "daily_rates",
    "prison_months",
    "suspended",
    "intentional",
    "alien_specific",
    "weapon",
    "juvenile",
    "final",
)


def _apply_procedures(document: Document, values: Values) -> None:
    def procedure(entry: dict[str, Any], row: Values) -> None:
        entry["kind"] = row.get("kind")
        for key in ("authority", "reference", "outcome", "pending", *_PROCEDURE_DATES):
            _put(entry, key, row.get(key))
        _put_list(entry, "persons", list(row.get("persons") or []))

    _put_list(
        document,
        "procedures",
        _rows(document.get("procedures"), values.get("procedures") or [], procedure),
    )

    def offence(entry: dict[str, Any], row: Values) -> None:
        for key in _OFFENCE_KEYS:
            _put(entry, key, row.get(key))

    for item in values.get("offences") or []:
        person = _person_by_id(document, item.get("person_id"))
        rows = _rows(person.get("offences"), item.get("offences") or [], offence)
        if rows or item.get("convicted") is False:
            person["offences"] = rows
        else:
            # No rows and the question left open: nothing is stated about convictions.
            person.pop("offences", None)


# --------------------------------------------------------------------------------------------
# gesundheit


def _health_initial(document: Document) -> dict[str, Any]:
    items = []
    for person in _persons(document):
        if not person.get("health"):
            continue
        rows = []
        for index, entry in enumerate(person["health"]):
            limits = entry.get("limits")
            rows.append(
                {
                    "source": index,
                    "condition": entry.get("condition"),
                    "report_date": entry.get("report_date"),
                    "treating": entry.get("treating"),
                    "limits": [] if limits is None else (list(limits) or [LIMITS_NONE]),
                }
            )
        items.append({"person_id": person.get("id"), "health": rows})
    return {"persons": items}


def _apply_health(document: Document, values: Values) -> None:
    def entry_of(entry: dict[str, Any], row: Values) -> None:
        for key in ("condition", "report_date", "treating"):
            _put(entry, key, row.get(key))
        limits = list(row.get("limits") or [])
        # No box ticked: the limits are not known; "none of these": the report names none.
        _put(entry, "limits", [] if limits == [LIMITS_NONE] else (limits or None))

    for item in values.get("persons") or []:
        person = _person_by_id(document, item.get("person_id"))
        person["health"] = _rows(person.get("health"), item.get("health") or [], entry_of)


# --------------------------------------------------------------------------------------------
# geschichte


def _narrative_initial(document: Document) -> dict[str, Any]:
    narrative = document.get("narrative") or {}
    result: dict[str, Any] = {}
    for name in NARRATIVE_PARTS:
        part = narrative.get(name) or {}
        result[name] = {
            "language": part.get("language") if part else "de",
            "text": part.get("text"),
            "translation_de": part.get("translation_de"),
        }
    applicant = next((p for p in _persons(document) if p.get("role") == "applicant"), {})
    ties = applicant.get("family_ties") or {}
    result["family_ties"] = {
        "germany": ties.get("germany"),
        "country_of_origin": ties.get("country_of_origin"),
    }
    return result


def _apply_narrative(document: Document, values: Values) -> None:
    narrative = dict(document.get("narrative") or {})
    for name in NARRATIVE_PARTS:
        part_values = dict(values.get(name) or {})
        written = part_values.get("text") or part_values.get("translation_de")
        if not written and not isinstance(narrative.get(name), dict):
            continue
        _merge(narrative, name, part_values)
    if narrative or document.get("narrative") is not None:
        document["narrative"] = narrative
    applicant = next((p for p in _persons(document) if p.get("role") == "applicant"), None)
    if applicant is not None:
        _merge(applicant, "family_ties", dict(values.get("family_ties") or {}))


# --------------------------------------------------------------------------------------------
# vertretung


_REPRESENTATIVE_KEYS = (
    "kind",
    "name",
    "organisation",
    "phone",
    "email",
    "power_of_attorney_signed",
)
_ADDRESS_KEYS = ("street", "postcode", "city")


def _representative_initial(document: Document) -> dict[str, Any]:
    representative = document.get("representative")
    values: dict[str, Any] = {
        "has_representative": None
        if "representative" not in document
        else representative is not None
    }
    current = representative or {}
    address = current.get("address") or {}
    values.update({key: current.get(key) for key in _REPRESENTATIVE_KEYS})
    values.update({key: address.get(key) for key in _ADDRESS_KEYS})
    return {"representative": values}


def _apply_representative(document: Document, values: Values) -> None:
    form = values.get("representative") or {}
    answer = form.get("has_representative")
    if answer is False:
        document["representative"] = None
    elif answer is True:
        current = document.get("representative")
        representative = dict(current) if isinstance(current, dict) else {}
        for key in _REPRESENTATIVE_KEYS:
            _put(representative, key, form.get(key))
        _merge(representative, "address", {key: form.get(key) for key in _ADDRESS_KEYS})
        document["representative"] = representative


# --------------------------------------------------------------------------------------------
# haushalt


def _household_initial(document: Document) -> dict[str, Any]:
    household = document.get("household") or {}
    contact = document.get("contact") or {}
    authority = document.get("local_authority") or {}
    return {
        "rent": {
            "rent_monthly": _money_initial(household.get("rent_monthly")),
            "rent_includes_heating": household.get("rent_includes_heating"),
        },
        "contact": {"phone": contact.get("phone"), "email": contact.get("email")},
        "authority": {"name": authority.get("name"), "reference": authority.get("reference")},
        "sending": {
            "channel": document.get("channel"),
            "application_date": document.get("application_date"),
        },
    }


def _apply_household(document: Document, values: Values) -> None:
    rent = values.get("rent") or {}
    _merge(
        document,
        "household",
        {
            "rent_monthly": _money(rent.get("rent_monthly")),
            "rent_includes_heating": rent.get("rent_includes_heating"),
        },
    )
    _merge(document, "contact", dict(values.get("contact") or {}))
    _merge(document, "local_authority", dict(values.get("authority") or {}))
    sending = values.get("sending") or {}
    _put(document, "channel", sending.get("channel"))
    _put(document, "application_date", sending.get("application_date"))


# --------------------------------------------------------------------------------------------
# The two public functions


_INITIAL: dict[str, Callable[[Document], dict[str, Any]]] = {
    PERSONS: _persons_initial,
    SCHOOL: _school_initial,
    INTEGRATION: _integration_initial,
    PROCEDURES: _procedures_initial,
    HEALTH: _health_initial,
    NARRATIVE: _narrative_initial,
    REPRESENTATIVE: _representative_initial,
    HOUSEHOLD: _household_initial,
}
_APPLY: dict[str, Callable[[Document, Values], None]] = {
    PERSONS: _apply_persons,
    SCHOOL: _apply_school,
    INTEGRATION: _apply_integration,
    PROCEDURES: _apply_procedures,
    HEALTH: _apply_health,
    NARRATIVE: _apply_narrative,
    REPRESENTATIVE: _apply_representative,
    HOUSEHOLD: _apply_household,
}


def step_initial(document: Mapping[str, Any], step: str) -> dict[str, Any]:
    """The form values of `step` for `document`, in the nested shape of the step's page."""
    base, position = split_step(step)
    if base == BIOGRAPHY and position is not None:
        return _biography_initial(dict(document), position)
    if position is not None or base not in _INITIAL:
        raise UnknownStep(step)
    return _INITIAL[base](dict(document))


def apply_step(document: Mapping[str, Any], step: str, cleaned_data: Values) -> Document:
    """A new document: `document` with the values of `step` written in. Raises PersonGone when
    the values name a person the document does not have."""
    result: Document = copy.deepcopy(dict(document))
    base, position = split_step(step)
    if base == BIOGRAPHY and position is not None:
        _apply_biography(result, position, cleaned_data)
    elif position is None and base in _APPLY:
        _APPLY[base](result, cleaned_data)
    else:
        raise UnknownStep(step)
    return result
