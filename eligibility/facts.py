"""The typed case: parse and validate a `haertefall-case/1` document into frozen objects.

This is the one representation of a case's facts (design.md). The rules, the letter, import and
export and the wizard all read these objects; nobody else interprets the raw JSON. Validation
stops at the first problem and names its exact place, e.g.
`persons[1].residence_history[0].from: "2015-13-01" is not a date`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from eligibility.dates import PartialDate, parse_exact_date, parse_partial_date

SCHEMA = "haertefall-case/1"

TARGETS = ("hfk_nrw", "abh_hannover_25b")
CHANNELS = ("post", "fax", "email", "online")
ROLES = ("applicant", "spouse", "partner", "child", "other")
SEXES = ("female", "male", "diverse")
MARITAL_STATUSES = ("single", "married", "civil_partnership", "divorced", "widowed")
RESIDENCE_STATUSES = (
    "gestattung",
    "duldung",
    "aufenthaltserlaubnis",
    "visa",
    "niederlassungserlaubnis",
    "none",
    "abroad",
)
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
LANGUAGE_CERTIFICATES = ("DTZ", "telc", "goethe", "oesd", "school", "other")
CIVIC_TEST_KINDS = ("leben_in_deutschland", "einbuergerungstest")
SCHOOLING_KINDS = (
    "kindergarten",
    "school",
    "vocational_training",
    "study",
    "integration_course",
    "other",
)
SCHOOL_DEGREES = ("hauptschulabschluss", "realschulabschluss", "fachhochschulreife", "abitur")
EMPLOYMENT_KINDS = ("employed", "self_employed", "training", "minijob", "job_offer")
BENEFIT_KINDS = (
    "buergergeld",
    "asylblg",
    "sozialhilfe",
    "wohngeld",
    "kinderzuschlag",
    "kindergeld",
    "bafoeg",
    "bab",
    "other",
)
SANCTIONS = ("fine", "prison", "juvenile_measure", "proceedings_pending", "dropped")
OFFENCE_CATEGORIES = (
    "life",
    "body",
    "sexual",
    "property",
    "drugs",
    "traffic",
    "residence_law",
    "other",
)
HEALTH_LIMITS = ("german", "work", "civic_test")
INTEGRATION_KINDS = (
    "volunteering",
    "membership",
    "religious_community",
    "support_letter",
    "course",
    "other",
)
REPRESENTATIVE_KINDS = ("counsellor", "lawyer", "other")
PROCEDURE_KINDS = (
    "asylum",
    "asylum_followup",
    "court",
    "petition",
    "deportation_order",
    "deportation_scheduled",
    "haertefall_previous",
    "expulsion",
    "entry_ban",
    "order_58a",
    "residence_application",
    "arrest_warrant",
    "other",
)
PROCEDURE_OUTCOMES = ("granted", "partly_granted", "rejected", "discontinued", "lifted", "other")
DOCUMENT_CATEGORIES = (
    "cv",
    "identity",
    "passport",
    "passport_efforts",
    "residence_document",
    "language_certificate",
    "civic_test",
    "school_certificate",
    "kindergarten_certificate",
    "training_contract",
    "enrolment_certificate",
    "employment_contract",
    "payslip",
    "job_offer",
    "tax_assessment",
    "insurance_provisions",
    "rent_contract",
    "rent_proof",
    "benefit_notice",
    "volunteering",
    "support_letter",
    "membership",
    "bamf_decision",
    "court_decision",
    "authority_order",
    "medical_report",
    "criminal_record",
    "power_of_attorney",
    "other",
)
NARRATIVE_PARTS = (
    "life_story",
    "current_situation",
    "integration",
    "humanitarian_reasons",
    "request",
)

_LAND_CODE = re.compile(r"^DE-[A-Z]{2}$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
_MONEY = re.compile(r"^-?\d+\.\d{2}$")


class CaseFormatError(ValueError):
    """A case document that is not valid `haertefall-case/1`, with the place of the problem."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


# --------------------------------------------------------------------------------------------
# The typed case


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None
    postcode: str | None
    city: str | None
    state: str | None


@dataclass(frozen=True, slots=True)
class Contact:
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class LocalAuthority:
    name: str | None
    reference: str | None
    online_reference: str | None
    online_date: PartialDate | None


@dataclass(frozen=True, slots=True)
class ResidenceEntry:
    status: str
    from_: PartialDate
    to: PartialDate | None
    basis: str | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class Passport:
    held: bool | None
    number: str | None
    valid_until: PartialDate | None


@dataclass(frozen=True, slots=True)
class PassportEffort:
    date: PartialDate | None
    what: str | None


@dataclass(frozen=True, slots=True)
class Identity:
    passport: Passport | None
    passport_efforts: tuple[PassportEffort, ...]
    other_identity_documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class German:
    level: str | None
    certificate: str | None
    date: PartialDate | None


@dataclass(frozen=True, slots=True)
class CivicTest:
    kind: str | None
    passed: bool | None
    date: PartialDate | None


@dataclass(frozen=True, slots=True)
class Schooling:
    kind: str
    country: str | None
    name: str | None
    from_: PartialDate | None
    to: PartialDate | None
    degree: str | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class Employment:
    kind: str
    employer: str | None
    position: str | None
    from_: PartialDate | None
    to: PartialDate | None
    hours_per_week: Decimal | None
    gross_monthly: Decimal | None
    net_monthly: Decimal | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class Benefit:
    kind: str
    from_: PartialDate | None
    to: PartialDate | None
    monthly: Decimal | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class Offence:
    date: PartialDate | None
    judgment_date: PartialDate | None
    kind: str | None
    category: str | None
    alien_specific: bool | None
    intentional: bool | None
    weapon: bool | None
    sanction: str | None
    daily_rates: int | None
    prison_months: int | None
    suspended: bool | None
    juvenile: bool | None
    final: bool | None


@dataclass(frozen=True, slots=True)
class Health:
    condition: str | None
    report_date: PartialDate | None
    treating: str | None
    # None means the limits are not known; an empty tuple means the report names none.
    limits: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Caregiving:
    cares_for: str | None
    since: PartialDate | None


@dataclass(frozen=True, slots=True)
class FdgoDeclaration:
    signed: PartialDate | None
    refused: bool


@dataclass(frozen=True, slots=True)
class Integration:
    kind: str
    what: str | None
    from_: PartialDate | None
    to: PartialDate | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class SchoolAttendance:
    attending: bool | None
    school: str | None
    certificate_date: PartialDate | None


@dataclass(frozen=True, slots=True)
class FamilyTies:
    germany: str | None
    country_of_origin: str | None


@dataclass(frozen=True, slots=True)
class Person:
    index: int
    id: str
    role: str
    surname: str | None
    given_names: str | None
    birth_name: str | None
    birth_date: PartialDate | None
    birth_place: str | None
    birth_country: str | None
    other_spellings: tuple[str, ...]
    sex: str | None
    marital_status: str | None
    parents: tuple[str, ...]
    nationalities: tuple[str, ...]
    entry_date: PartialDate | None
    residence_history: tuple[ResidenceEntry, ...]
    identity: Identity | None
    german: German | None
    civic_test: CivicTest | None
    schooling: tuple[Schooling, ...]
    employment: tuple[Employment, ...]
    benefits: tuple[Benefit, ...]
    offences: tuple[Offence, ...]
    health: tuple[Health, ...]
    caregiving: Caregiving | None
    fdgo_declaration: FdgoDeclaration | None
    integration: tuple[Integration, ...]
    school_attendance: SchoolAttendance | None
    family_ties: FamilyTies | None
    # `offences` is empty both when the person has none ([]) and when nobody asked (absent or
    # null); a letter may only state "no convictions" in the first case.
    offences_stated: bool = False

    @property
    def path(self) -> str:
        """JSON path of this person in the case, for a report's `facts` and `missing`."""
        return f"persons[{self.index}]"

    @property
    def display_name(self) -> str:
        name = " ".join(part for part in (self.given_names, self.surname) if part)
        return name or self.id


@dataclass(frozen=True, slots=True)
class Household:
    rent_monthly: Decimal | None
    rent_includes_heating: bool | None
    members_in_household: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class NarrativePart:
    language: str | None
    text: str | None
    translation_de: str | None

    @property
    def german_text(self) -> str | None:
        """The text usable in a German letter, or None if there is none yet."""
        if self.language == "de" and self.text and self.text.strip():
            return self.text
        if self.translation_de and self.translation_de.strip():
            return self.translation_de
        return None


@dataclass(frozen=True, slots=True)
class Narrative:
    life_story: NarrativePart | None
    current_situation: NarrativePart | None
    integration: NarrativePart | None
    humanitarian_reasons: NarrativePart | None
    request: NarrativePart | None

    def part(self, name: str) -> NarrativePart | None:
        value: NarrativePart | None = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True)
class Representative:
    kind: str
    name: str | None
    organisation: str | None
    address: Address | None
    phone: str | None
    email: str | None
    power_of_attorney_signed: PartialDate | None


@dataclass(frozen=True, slots=True)
class Procedure:
    index: int
    kind: str
    authority: str | None
    reference: str | None
    filed: PartialDate | None
    decided: PartialDate | None
    outcome: str | None
    final_date: PartialDate | None
    pending: bool | None
    date_scheduled: PartialDate | None
    until: PartialDate | None
    # None: the procedure concerns the whole household.
    persons: tuple[str, ...] | None

    def concerns(self, person_id: str) -> bool:
        return self.persons is None or person_id in self.persons


@dataclass(frozen=True, slots=True)
class Document:
    index: int
    id: str
    person: str | None
    category: str
    title: str | None
    issued: PartialDate | None
    file: str | None
    language: str | None
    translation_of: str | None


@dataclass(frozen=True, slots=True)
class Case:
    schema: str
    target: str
    reference_date: date | None
    application_date: date | None
    channel: str | None
    household_address: Address | None
    contact: Contact | None
    local_authority: LocalAuthority | None
    persons: tuple[Person, ...]
    household: Household | None
    narrative: Narrative | None
    representative: Representative | None
    procedures: tuple[Procedure, ...]
    documents: tuple[Document, ...]

    @property
    def principal(self) -> Person:
        return next(person for person in self.persons if person.role == "applicant")

    def person(self, person_id: str) -> Person:
        return next(person for person in self.persons if person.id == person_id)


# --------------------------------------------------------------------------------------------
# Reading JSON values with exact error places

T = TypeVar("T")


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Object:
    """One JSON object being read; `finish()` rejects every key nobody asked for."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise CaseFormatError(path or "(document)", f"{_show(value)} is not an object")
        self.data: Mapping[str, Any] = value
        self.path = path
        self._read: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, *, required: bool = False) -> Any:
        self._read.add(key)
        if key not in self.data:
            if required:
                raise CaseFormatError(self.at(key), "is required")
            return None
        value = self.data[key]
        if value is None and required:
            raise CaseFormatError(self.at(key), "is required and may not be null")
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CaseFormatError(self.at(key), f"{_show(value)} is not a text")
        if value == "" and required:
            raise CaseFormatError(self.at(key), "may not be empty")
        return value

    def required_text(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def choice(self, key: str, choices: Sequence[str], *, required: bool = False) -> str | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not isinstance(value, str) or value not in choices:
            raise CaseFormatError(
                self.at(key), f"{_show(value)} is not one of {', '.join(choices)}"
            )
        return value

    def required_choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.choice(key, choices, required=True)
        assert value is not None
        return value

    def boolean(self, key: str) -> bool | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise CaseFormatError(self.at(key), f"{_show(value)} is not true or false")
        return value

    def integer(self, key: str) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise CaseFormatError(self.at(key), f"{_show(value)} is not a whole number ≥ 0")
        return value

    def number(self, key: str) -> Decimal | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise CaseFormatError(self.at(key), f"{_show(value)} is not a number ≥ 0")
        return Decimal(str(value))

    def money(self, key: str) -> Decimal | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _MONEY.match(value):
            raise CaseFormatError(
                self.at(key), f'{_show(value)} is not an amount in euros like "1850.00"'
            )
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern already excludes this
            raise CaseFormatError(self.at(key), f"{_show(value)} is not an amount") from None

    def partial_date(self, key: str, *, required: bool = False) -> PartialDate | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CaseFormatError(self.at(key), f"{_show(value)} is not a date")
        try:
            return parse_partial_date(value)
        except ValueError:
            raise CaseFormatError(self.at(key), f"{_show(value)} is not a date") from None

    def exact_date(self, key: str) -> date | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CaseFormatError(self.at(key), f"{_show(value)} is not a date")
        try:
            return parse_exact_date(value)
        except ValueError:
            raise CaseFormatError(
                self.at(key), f"{_show(value)} is not a complete date (YYYY-MM-DD)"
            ) from None

    def pattern(self, key: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.text(key)
        if value is not None and not pattern.match(value):
            raise CaseFormatError(self.at(key), f"{_show(value)} is not {what}")
        return value

    def obj(self, key: str, parse: Callable[[_Object], T]) -> T | None:
        value = self.raw(key)
        if value is None:
            return None
        reader = _Object(value, self.at(key))
        result = parse(reader)
        reader.finish()
        return result

    def items(self, key: str, parse: Callable[[_Object, int], T]) -> tuple[T, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise CaseFormatError(self.at(key), "is not a list")
        results = []
        for index, item in enumerate(value):
            reader = _Object(item, f"{self.at(key)}[{index}]")
            results.append(parse(reader, index))
            reader.finish()
        return tuple(results)

    def texts(
        self, key: str, *, pattern: re.Pattern[str] | None = None, what: str = ""
    ) -> tuple[str, ...] | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, list):
            raise CaseFormatError(self.at(key), "is not a list")
        for index, item in enumerate(value):
            place = f"{self.at(key)}[{index}]"
            if not isinstance(item, str):
                raise CaseFormatError(place, f"{_show(item)} is not a text")
            if pattern is not None and not pattern.match(item):
                raise CaseFormatError(place, f"{_show(item)} is not {what}")
        return tuple(value)

    def finish(self) -> None:
        for key in self.data:
            if key not in self._read:
                raise CaseFormatError(self.at(key), "is not a key of haertefall-case/1")


# --------------------------------------------------------------------------------------------
# Parsers, one per object of case-format.md


def _address(o: _Object) -> Address:
    return Address(
        street=o.text("street"),
        postcode=o.text("postcode"),
        city=o.text("city"),
        state=o.pattern("state", _LAND_CODE, 'an ISO 3166-2 code like "DE-NW"'),
    )


def _contact(o: _Object) -> Contact:
    return Contact(phone=o.text("phone"), email=o.text("email"))


def _local_authority(o: _Object) -> LocalAuthority:
    return LocalAuthority(
        name=o.text("name"),
        reference=o.text("reference"),
        online_reference=o.text("online_reference"),
        online_date=o.partial_date("online_date"),
    )


def _approximate(o: _Object) -> bool:
    return o.boolean("approximate") or False


def _check_period(o: _Object, start: PartialDate | None, end: PartialDate | None) -> None:
    if start is not None and end is not None and end.latest() < start.earliest():
        raise CaseFormatError(o.at("to"), f'"{end}" lies before "from" ("{start}")')


def _residence(o: _Object, _: int) -> ResidenceEntry:
    status = o.required_choice("status", RESIDENCE_STATUSES)
    start = o.partial_date("from", required=True)
    assert start is not None
    end = o.partial_date("to")
    _check_period(o, start, end)
    return ResidenceEntry(
        status=status, from_=start, to=end, basis=o.text("basis"), approximate=_approximate(o)
    )


def _passport(o: _Object) -> Passport:
    return Passport(
        held=o.boolean("held"), number=o.text("number"), valid_until=o.partial_date("valid_until")
    )


def _passport_effort(o: _Object, _: int) -> PassportEffort:
    return PassportEffort(date=o.partial_date("date"), what=o.text("what"))


def _identity(o: _Object) -> Identity:
    return Identity(
        passport=o.obj("passport", _passport),
        passport_efforts=o.items("passport_efforts", _passport_effort),
        other_identity_documents=o.texts("other_identity_documents") or (),
    )


def _german(o: _Object) -> German:
    return German(
        level=o.choice("level", CEFR_LEVELS),
        certificate=o.choice("certificate", LANGUAGE_CERTIFICATES),
        date=o.partial_date("date"),
    )


def _civic_test(o: _Object) -> CivicTest:
    return CivicTest(
        kind=o.choice("kind", CIVIC_TEST_KINDS),
        passed=o.boolean("passed"),
        date=o.partial_date("date"),
    )


def _schooling(o: _Object, _: int) -> Schooling:
    start, end = o.partial_date("from"), o.partial_date("to")
    _check_period(o, start, end)
    return Schooling(
        kind=o.required_choice("kind", SCHOOLING_KINDS),
        country=o.pattern("country", _COUNTRY_CODE, "an ISO 3166-1 country code"),
        name=o.text("name"),
        from_=start,
        to=end,
        degree=o.choice("degree", SCHOOL_DEGREES),
        approximate=_approximate(o),
    )


def _employment(o: _Object, _: int) -> Employment:
    start, end = o.partial_date("from"), o.partial_date("to")
    _check_period(o, start, end)
    return Employment(
        kind=o.required_choice("kind", EMPLOYMENT_KINDS),
        employer=o.text("employer"),
        position=o.text("position"),
        from_=start,
        to=end,
        hours_per_week=o.number("hours_per_week"),
        gross_monthly=o.money("gross_monthly"),
        net_monthly=o.money("net_monthly"),
        approximate=_approximate(o),
    )


def _benefit(o: _Object, _: int) -> Benefit:
    start, end = o.partial_date("from"), o.partial_date("to")
    _check_period(o, start, end)
    return Benefit(
        kind=o.required_choice("kind", BENEFIT_KINDS),
        from_=start,
        to=end,
        monthly=o.money("monthly"),
        approximate=_approximate(o),
    )


def _offence(o: _Object, _: int) -> Offence:
    return Offence(
        date=o.partial_date("date"),
        judgment_date=o.partial_date("judgment_date"),
        kind=o.text("kind"),
        category=o.choice("category", OFFENCE_CATEGORIES),
        alien_specific=o.boolean("alien_specific"),
        intentional=o.boolean("intentional"),
        weapon=o.boolean("weapon"),
        sanction=o.choice("sanction", SANCTIONS),
        daily_rates=o.integer("daily_rates"),
        prison_months=o.integer("prison_months"),
        suspended=o.boolean("suspended"),
        juvenile=o.boolean("juvenile"),
        final=o.boolean("final"),
    )


def _health(o: _Object, _: int) -> Health:
    limits = o.texts("limits")
    for index, limit in enumerate(limits or ()):
        if limit not in HEALTH_LIMITS:
            raise CaseFormatError(
                f"{o.at('limits')}[{index}]",
                f"{_show(limit)} is not one of {', '.join(HEALTH_LIMITS)}",
            )
    return Health(
        condition=o.text("condition"),
        report_date=o.partial_date("report_date"),
        treating=o.text("treating"),
        limits=limits,
    )


def _caregiving(o: _Object) -> Caregiving:
    return Caregiving(cares_for=o.text("cares_for"), since=o.partial_date("since"))


def _fdgo(o: _Object) -> FdgoDeclaration:
    signed = o.partial_date("signed")
    refused = o.boolean("refused") or False
    if signed is not None and refused:
        raise CaseFormatError(o.path, "cannot be both signed and refused")
    return FdgoDeclaration(signed=signed, refused=refused)


def _integration(o: _Object, _: int) -> Integration:
    start, end = o.partial_date("from"), o.partial_date("to")
    _check_period(o, start, end)
    return Integration(
        kind=o.required_choice("kind", INTEGRATION_KINDS),
        what=o.text("what"),
        from_=start,
        to=end,
        approximate=_approximate(o),
    )


def _school_attendance(o: _Object) -> SchoolAttendance:
    return SchoolAttendance(
        attending=o.boolean("attending"),
        school=o.text("school"),
        certificate_date=o.partial_date("certificate_date"),
    )


def _family_ties(o: _Object) -> FamilyTies:
    return FamilyTies(germany=o.text("germany"), country_of_origin=o.text("country_of_origin"))


def _person(o: _Object, index: int) -> Person:
    return Person(
        index=index,
        id=o.required_text("id"),
        role=o.required_choice("role", ROLES),
        surname=o.text("surname"),
        given_names=o.text("given_names"),
        birth_name=o.text("birth_name"),
        birth_date=o.partial_date("birth_date"),
        birth_place=o.text("birth_place"),
        birth_country=o.pattern("birth_country", _COUNTRY_CODE, "an ISO 3166-1 country code"),
        other_spellings=o.texts("other_spellings") or (),
        sex=o.choice("sex", SEXES),
        marital_status=o.choice("marital_status", MARITAL_STATUSES),
        parents=o.texts("parents") or (),
        nationalities=_nationalities(o),
        entry_date=o.partial_date("entry_date"),
        residence_history=o.items("residence_history", _residence),
        identity=o.obj("identity", _identity),
        german=o.obj("german", _german),
        civic_test=o.obj("civic_test", _civic_test),
        schooling=o.items("schooling", _schooling),
        employment=o.items("employment", _employment),
        benefits=o.items("benefits", _benefit),
        offences=o.items("offences", _offence),
        health=o.items("health", _health),
        caregiving=o.obj("caregiving", _caregiving),
        fdgo_declaration=o.obj("fdgo_declaration", _fdgo),
        integration=o.items("integration", _integration),
        school_attendance=o.obj("school_attendance", _school_attendance),
        family_ties=o.obj("family_ties", _family_ties),
        offences_stated=o.data.get("offences") is not None,
    )


def _nationalities(o: _Object) -> tuple[str, ...]:
    values = o.texts("nationalities") or ()
    for index, value in enumerate(values):
        if value != "unknown" and not _COUNTRY_CODE.match(value):
            raise CaseFormatError(
                f"{o.at('nationalities')}[{index}]",
                f'{_show(value)} is not an ISO 3166-1 code, "XX" or "unknown"',
            )
    return values


def _household(o: _Object) -> Household:
    return Household(
        rent_monthly=o.money("rent_monthly"),
        rent_includes_heating=o.boolean("rent_includes_heating"),
        members_in_household=o.texts("members_in_household"),
    )


def _narrative_part(o: _Object) -> NarrativePart:
    return NarrativePart(
        language=o.pattern("language", _LANGUAGE_CODE, "an ISO 639-1 language code"),
        text=o.text("text"),
        translation_de=o.text("translation_de"),
    )


def _narrative(o: _Object) -> Narrative:
    parts = {name: o.obj(name, _narrative_part) for name in NARRATIVE_PARTS}
    return Narrative(**parts)


def _representative(o: _Object) -> Representative:
    return Representative(
        kind=o.required_choice("kind", REPRESENTATIVE_KINDS),
        name=o.text("name"),
        organisation=o.text("organisation"),
        address=o.obj("address", _address),
        phone=o.text("phone"),
        email=o.text("email"),
        power_of_attorney_signed=o.partial_date("power_of_attorney_signed"),
    )


def _procedure(o: _Object, index: int) -> Procedure:
    return Procedure(
        index=index,
        kind=o.required_choice("kind", PROCEDURE_KINDS),
        authority=o.text("authority"),
        reference=o.text("reference"),
        filed=o.partial_date("filed"),
        decided=o.partial_date("decided"),
        outcome=o.choice("outcome", PROCEDURE_OUTCOMES),
        final_date=o.partial_date("final_date"),
        pending=o.boolean("pending"),
        date_scheduled=o.partial_date("date_scheduled"),
        until=o.partial_date("until"),
        persons=o.texts("persons"),
    )


def _document(o: _Object, index: int) -> Document:
    file = o.text("file")
    if file is not None:
        _check_relative_path(o.at("file"), file)
    return Document(
        index=index,
        id=o.required_text("id"),
        person=o.text("person"),
        category=o.required_choice("category", DOCUMENT_CATEGORIES),
        title=o.text("title"),
        issued=o.partial_date("issued"),
        file=file,
        language=o.pattern("language", _LANGUAGE_CODE, "an ISO 639-1 language code"),
        translation_of=o.text("translation_of"),
    )


def _check_relative_path(place: str, path: str) -> None:
    # Attachments travel inside a folder or zip; a path leaving it would read other files.
    parts = path.split("/")
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or "\x00" in path
        or any(part in ("", ".", "..") for part in parts)
        or re.match(r"^[A-Za-z]:", path)
    ):
        raise CaseFormatError(place, f"{_show(path)} is not a relative path inside the case")


def parse_case(document: Any) -> Case:
    """Validate a `haertefall-case/1` document and return the typed case."""
    o = _Object(document, "")
    schema = o.raw("schema", required=True)
    if schema != SCHEMA:
        if isinstance(schema, str) and schema.startswith("haertefall-case/"):
            raise CaseFormatError(
                "schema",
                f"{_show(schema)} is not supported; this version reads only {_show(SCHEMA)}",
            )
        raise CaseFormatError("schema", f"{_show(schema)} is not {_show(SCHEMA)}")
    target = o.required_choice("target", TARGETS)
    persons = o.items("persons", _person)
    case = Case(
        schema=SCHEMA,
        target=target,
        reference_date=o.exact_date("reference_date"),
        application_date=o.exact_date("application_date"),
        channel=o.choice("channel", CHANNELS),
        household_address=o.obj("household_address", _address),
        contact=o.obj("contact", _contact),
        local_authority=o.obj("local_authority", _local_authority),
        persons=persons,
        household=o.obj("household", _household),
        narrative=o.obj("narrative", _narrative),
        representative=o.obj("representative", _representative),
        procedures=o.items("procedures", _procedure),
        documents=o.items("documents", _document),
    )
    o.finish()
    _check_references(case)
    return case


def _check_references(case: Case) -> None:
    if not case.persons:
        raise CaseFormatError("persons", "must name at least the applicant")
    applicants = [person for person in case.persons if person.role == "applicant"]
    if len(applicants) != 1:
        raise CaseFormatError(
            "persons",
            f'must contain exactly one person with role "applicant", not {len(applicants)}',
        )
    if case.channel in ("fax", "email") and case.target == "abh_hannover_25b":
        raise CaseFormatError(
            "channel", f'"{case.channel}" is not offered by the Ausländerbehörde Hannover'
        )
    person_ids: set[str] = set()
    for person in case.persons:
        if person.id in person_ids:
            raise CaseFormatError(f"{person.path}.id", f'"{person.id}" is used twice')
        person_ids.add(person.id)

    def known_person(place: str, person_id: str) -> None:
        if person_id not in person_ids:
            raise CaseFormatError(place, f'"{person_id}" is not the id of a person in this case')

    for person in case.persons:
        for index, parent in enumerate(person.parents):
            known_person(f"{person.path}.parents[{index}]", parent)
    if case.household is not None and case.household.members_in_household is not None:
        for index, member in enumerate(case.household.members_in_household):
            known_person(f"household.members_in_household[{index}]", member)
    for procedure in case.procedures:
        for index, person_id in enumerate(procedure.persons or ()):
            known_person(f"procedures[{procedure.index}].persons[{index}]", person_id)
    document_ids: set[str] = set()
    for document in case.documents:
        if document.id in document_ids:
            raise CaseFormatError(
                f"documents[{document.index}].id", f'"{document.id}" is used twice'
            )
        document_ids.add(document.id)
        if document.person is not None:
            known_person(f"documents[{document.index}].person", document.person)
    for document in case.documents:
        if document.translation_of is not None and document.translation_of not in document_ids:
            raise CaseFormatError(
                f"documents[{document.index}].translation_of",
                f'"{document.translation_of}" is not the id of a document in this case',
            )
