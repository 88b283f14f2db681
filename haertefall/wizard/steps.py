"""Which wizard steps a case has, in which order, and which of them are complete.

This module keeps the two ideas of django-formtools' wizard that suit us: an ordered list of
steps and a condition per step (formtools' `condition_dict`) that decides from the case's
content whether the step applies. The state itself lives in the database (the newest
revision), never in the session, so nothing depends on a session surviving.

Per-person steps ("lebenslauf-1", "lebenslauf-2", …) are numbered by the person's position in
`persons[]`, never by name or id, so that no personal data appears in a URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from haertefall.cases.models import Case

Document = Mapping[str, Any]

PERSONS = "personen"
BIOGRAPHY = "lebenslauf"
SCHOOL = "schule"
INTEGRATION = "integration"
PROCEDURES = "verfahren"
HEALTH = "gesundheit"
NARRATIVE = "geschichte"
REPRESENTATIVE = "vertretung"
HOUSEHOLD = "haushalt"
DOCUMENTS = "unterlagen"


@dataclass(frozen=True, slots=True)
class StepInfo:
    """One entry of the progress list, ready to render."""

    name: str
    title: str
    url: str
    complete: bool
    current: bool


@dataclass(frozen=True, slots=True)
class StepDefinition:
    name: str
    title: Promise
    applies: Callable[[Document], bool]
    # Decides "complete" from the content; `saved` says whether the wizard ever saved this step,
    # which is all a step whose honest answer may be "nothing" (no procedures) can go by.
    complete: Callable[[Document, bool], bool]
    # Per-person steps exist once for every person; their names end in "-<position>".
    per_person: bool = False


# --------------------------------------------------------------------------------------------
# Small readers of the raw document. The document has passed parse_case, so shapes are known.


def persons(document: Document) -> list[dict[str, Any]]:
    value = document.get("persons") or []
    return [person for person in value if isinstance(person, dict)]


def person_name(person: Mapping[str, Any], position: int) -> str:
    """The name shown in headings, or "Person 2" when no name has been entered yet."""
    parts = [person.get("given_names"), person.get("surname")]
    name = " ".join(part for part in parts if isinstance(part, str) and part.strip())
    return name or gettext("Person %(number)s") % {"number": position}


def is_child(person: Mapping[str, Any]) -> bool:
    return person.get("role") == "child"


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _always(document: Document) -> bool:
    return True


def _has_children(document: Document) -> bool:
    return any(is_child(person) for person in persons(document))


def _health_matters(document: Document) -> bool:
    # Someone answered "yes, health matters" in their life-history step: that leaves at least
    # one (possibly still empty) entry in that person's health list.
    return any(person.get("health") for person in persons(document))


def _persons_complete(document: Document, saved: bool) -> bool:
    everyone = persons(document)
    if not everyone:
        return False
    applicant = next((p for p in everyone if p.get("role") == "applicant"), None)
    if applicant is None or not all(
        applicant.get(key) for key in ("surname", "given_names", "birth_date")
    ):
        return False
    if not all(_has_text(p.get("surname")) or _has_text(p.get("given_names")) for p in everyone):
        return False
    address = document.get("household_address") or {}
    return _has_text(address.get("postcode")) and _has_text(address.get("city"))


def _biography_complete(person: Mapping[str, Any]) -> bool:
    return bool(person.get("residence_history"))


def _school_complete(document: Document, saved: bool) -> bool:
    children = [person for person in persons(document) if is_child(person)]
    return all(
        person.get("school_attendance") is not None or person.get("schooling")
        for person in children
    )


def _integration_complete(document: Document, saved: bool) -> bool:
    adults = [person for person in persons(document) if not is_child(person)]
    return saved or all(person.get("german") is not None for person in adults)


def _procedures_complete(document: Document, saved: bool) -> bool:
    return saved or bool(document.get("procedures"))


def _health_complete(document: Document, saved: bool) -> bool:
    entries = [entry for person in persons(document) for entry in person.get("health") or []]
    return bool(entries) and all(
        _has_text(entry.get("condition")) and entry.get("report_date") for entry in entries
    )


# The parts the Härtefallkommission expects in every petition (legal-rules, 23a.form.*).
REQUIRED_NARRATIVE_PARTS = {
    "hfk_nrw": ("life_story", "current_situation", "integration", "humanitarian_reasons"),
    "abh_hannover_25b": (),
}


def _narrative_complete(document: Document, saved: bool) -> bool:
    narrative = document.get("narrative") or {}

    def written(part: str) -> bool:
        value = narrative.get(part) or {}
        return _has_text(value.get("text")) or _has_text(value.get("translation_de"))

    required = REQUIRED_NARRATIVE_PARTS.get(str(document.get("target")), ())
    if required:
        return all(written(part) for part in required)
    return saved or any(written(part) for part in narrative)


def _representative_complete(document: Document, saved: bool) -> bool:
    return saved or "representative" in document


def _household_complete(document: Document, saved: bool) -> bool:
    household = document.get("household") or {}
    return saved or household.get("rent_monthly") is not None


def _documents_complete(document: Document, saved: bool) -> bool:
    entries = document.get("documents") or []
    return bool(entries) and all(entry.get("file") for entry in entries)


DEFINITIONS: tuple[StepDefinition, ...] = (
    StepDefinition(PERSONS, _("Persons and address"), _always, _persons_complete),
    StepDefinition(
        BIOGRAPHY,
        _("Life history"),
        _always,
        lambda document, saved: False,  # decided per person, see steps_for
        per_person=True,
    ),
    StepDefinition(SCHOOL, _("School and day care"), _has_children, _school_complete),
    StepDefinition(INTEGRATION, _("German and integration"), _always, _integration_complete),
    StepDefinition(PROCEDURES, _("Procedures and convictions"), _always, _procedures_complete),
    StepDefinition(HEALTH, _("Health"), _health_matters, _health_complete),
    StepDefinition(NARRATIVE, _("Your story"), _always, _narrative_complete),
    StepDefinition(REPRESENTATIVE, _("Counsellor or lawyer"), _always, _representative_complete),
    StepDefinition(HOUSEHOLD, _("Rent and contact"), _always, _household_complete),
    StepDefinition(DOCUMENTS, _("Documents"), _always, _documents_complete),
)
_BY_NAME = {definition.name: definition for definition in DEFINITIONS}


def biography_step(position: int) -> str:
    """Step name of the life-history page of the person at `position` (1-based)."""
    return f"{BIOGRAPHY}-{position}"


def split_step(name: str) -> tuple[str, int | None]:
    """("lebenslauf", 2) for "lebenslauf-2"; (name, None) for a step without a person."""
    base, _separator, number = name.rpartition("-")
    if base and number.isdigit() and int(number) >= 1:
        return base, int(number)
    return name, None


def step_names(document: Document) -> list[str]:
    """The names of the steps that apply to this case, in order (formtools' condition_dict)."""
    names: list[str] = []
    for definition in DEFINITIONS:
        if not definition.applies(document):
            continue
        if definition.per_person:
            names += [biography_step(i) for i in range(1, len(persons(document)) + 1)]
        else:
            names.append(definition.name)
    return names


def applies(document: Document, name: str) -> bool:
    return name in step_names(document)


def title_of(document: Document, name: str) -> str:
    base, position = split_step(name)
    definition = _BY_NAME.get(base)
    if definition is None:
        return name
    if position is not None:
        people = persons(document)
        person = people[position - 1] if position <= len(people) else {}
        return gettext("Life history: %(name)s") % {"name": person_name(person, position)}
    return str(definition.title)


def step_url(case: Case, name: str) -> str:
    if name == DOCUMENTS:
        return documents_url(case)
    return reverse("wizard:step", args=[case.pk, name])


def documents_url(case: Case) -> str:
    """The documents page is built in its own app; until it is wired in, its path is fixed."""
    try:
        return reverse("evidence:list", args=[case.pk])
    except NoReverseMatch:
        return f"/antraege/{case.pk}/unterlagen/"


def is_complete(document: Document, name: str, saved: bool) -> bool:
    base, position = split_step(name)
    if position is not None:
        people = persons(document)
        return position <= len(people) and _biography_complete(people[position - 1])
    definition = _BY_NAME.get(base)
    return definition is not None and definition.complete(document, saved)


def saved_steps(case: Case) -> set[str]:
    """The steps the wizard has ever saved for this case (one query)."""
    return set(case.revisions.values_list("step", flat=True).distinct())


def steps_for(case: Case, document: Document, current: str | None = None) -> list[StepInfo]:
    """The progress list of `case`: every applicable step, whether it is complete, and which one
    the page shows (`current`, a step name such as "unterlagen")."""
    saved = saved_steps(case)
    return [
        StepInfo(
            name=name,
            title=title_of(document, name),
            url=step_url(case, name),
            complete=is_complete(document, name, name in saved),
            current=name == current,
        )
        for name in step_names(document)
    ]


def neighbour(names: Sequence[str], name: str, offset: int) -> str | None:
    """The step `offset` places after `name` in `names`, or None at either end."""
    if name not in names:
        return None
    index = names.index(name) + offset
    return names[index] if 0 <= index < len(names) else None


_PERSON_PATH = re.compile(r"^persons\[(\d+)\](?:\.([a-z_]+))?")
_PERSON_KEY_STEPS = {
    "entry_date": BIOGRAPHY,
    "residence_history": BIOGRAPHY,
    "identity": BIOGRAPHY,
    "schooling": BIOGRAPHY,
    "employment": BIOGRAPHY,
    "benefits": BIOGRAPHY,
    "german": INTEGRATION,
    "civic_test": INTEGRATION,
    "fdgo_declaration": INTEGRATION,
    "integration": INTEGRATION,
    "school_attendance": SCHOOL,
    "offences": PROCEDURES,
    "health": HEALTH,
    "family_ties": NARRATIVE,
}
_TOP_KEY_STEPS = {
    "household_address": PERSONS,
    "narrative": NARRATIVE,
    "representative": REPRESENTATIVE,
    "procedures": PROCEDURES,
    "documents": DOCUMENTS,
    "contact": HOUSEHOLD,
    "local_authority": HOUSEHOLD,
    "channel": HOUSEHOLD,
    "application_date": HOUSEHOLD,
}


def step_for_path(document: Document, path: str) -> str | None:
    """The step where the fact at a report's JSON path (`persons[0].german`) is answered."""
    names = step_names(document)
    match = _PERSON_PATH.match(path)
    if match:
        position = int(match.group(1)) + 1
        base = _PERSON_KEY_STEPS.get(match.group(2) or "", PERSONS)
        name = biography_step(position) if base == BIOGRAPHY else base
        if name == HEALTH and name not in names:
            name = biography_step(position)
        return name if name in names else None
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    if top == "household":
        name = PERSONS if "members_in_household" in path else HOUSEHOLD
    else:
        name = _TOP_KEY_STEPS.get(top, "")
    return name if name in names else None
