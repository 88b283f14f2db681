"""German wording and template contexts for the generated documents of the package.

Everything that leaves the system is German (package.md § 1), so the wording lives here and in
`templates/documents/`, never in gettext. This module reads only the typed case
(`eligibility.facts.Case`) and its report; it never recomputes a legal result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from eligibility.dates import PartialDate, Span, add_months, age_range
from eligibility.facts import (
    Address,
    Case,
    Document,
    Employment,
    NarrativePart,
    Offence,
    Person,
    Procedure,
    ResidenceEntry,
)
from eligibility.report import Finding, Outcome, Report

# --------------------------------------------------------------------------------------------
# Anlagen: groups and order (package.md § 2.1, § 2.2)

# Generated Anlagen come first in both targets (package.md § 2 part tables); they get their own
# headings so that every index row sits under a heading.
_POWER_OF_ATTORNEY_GROUP = ("V", "Vollmacht", ("power_of_attorney",))
_CV_GROUP = ("L", "Tabellarischer Lebenslauf", ("cv",))

# target → ordered (group id, German heading, categories in this order)
ANLAGE_GROUPS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "hfk_nrw": (
        _POWER_OF_ATTORNEY_GROUP,
        _CV_GROUP,
        (
            "G1",
            "Identität und Aufenthaltsstatus",
            ("identity", "passport", "passport_efforts", "residence_document"),
        ),
        (
            "G2",
            "Asyl- und ausländerrechtliche Verfahren",
            ("bamf_decision", "court_decision", "authority_order"),
        ),
        ("G3", "Deutschkenntnisse und Orientierung", ("language_certificate", "civic_test")),
        (
            "G4",
            "Arbeit, Ausbildung und Lebensunterhalt",
            (
                "employment_contract",
                "payslip",
                "job_offer",
                "training_contract",
                "tax_assessment",
                "insurance_provisions",
                "benefit_notice",
                "rent_contract",
                "rent_proof",
            ),
        ),
        (
            "G5",
            "Kinder: Kita, Schule, Studium",
            ("kindergarten_certificate", "school_certificate", "enrolment_certificate"),
        ),
        (
            "G6",
            "Gesellschaftliches Engagement und Unterstützung",
            ("volunteering", "membership", "support_letter"),
        ),
        ("G7", "Gesundheit", ("medical_report",)),
        ("G8", "Strafrechtliche Angaben", ("criminal_record",)),
        ("G9", "Sonstiges", ("other",)),
    ),
    "abh_hannover_25b": (
        _POWER_OF_ATTORNEY_GROUP,
        _CV_GROUP,
        ("H1", "Pass und Identität", ("passport", "passport_efforts", "identity")),
        (
            "H2",
            "Aufenthaltsstatus",
            ("residence_document", "bamf_decision", "court_decision", "authority_order"),
        ),
        (
            "H3",
            "Schulabschluss, Deutschkenntnisse, Orientierungswissen",
            ("school_certificate", "language_certificate", "civic_test"),
        ),
        ("H4", "Studium und Ausbildung", ("enrolment_certificate", "training_contract")),
        (
            "H5",
            "Lebensunterhalt und Wohnung",
            (
                "employment_contract",
                "payslip",
                "job_offer",
                "tax_assessment",
                "insurance_provisions",
                "rent_contract",
                "rent_proof",
            ),
        ),
        # school_certificate appears here too: children's certificates (see group_for).
        ("H6", "Schulbesuch der Kinder", ("school_certificate", "kindergarten_certificate")),
        (
            "H7",
            "Freiwillige Integrationsleistungen",
            ("volunteering", "membership", "support_letter"),
        ),
        (
            "H8",
            "Gebühren und Sonstiges",
            ("benefit_notice", "medical_report", "criminal_record", "other"),
        ),
    ),
}

_ROLE_RANK = {"applicant": 0, "spouse": 1, "partner": 1, "child": 2, "other": 3}


def _is_child(case: Case, person: Person | None, on: date | None) -> bool:
    """A minor on the reference date; without a usable birth date the role decides."""
    if person is None:
        return False
    reference = on or case.reference_date
    if person.birth_date is not None and reference is not None:
        age = age_range(person.birth_date, reference)
        if age.certainly_under(18):
            return True
        if age.certainly_at_least(18):
            return False
    return person.role == "child"


def _group_index(case: Case, category: str, person_id: str | None, on: date | None) -> int:
    groups = ANLAGE_GROUPS[case.target]
    if category == "school_certificate" and case.target == "abh_hannover_25b":
        # H3 takes the German school degree of an adult, H6 the children's certificates
        # (package.md § 2.2); a certificate about nobody in particular is a child's one.
        person = _find_person(case, person_id)
        wanted = "H3" if person is not None and not _is_child(case, person, on) else "H6"
        return next(i for i, group in enumerate(groups) if group[0] == wanted)
    for index, (_, _, categories) in enumerate(groups):
        if category in categories:
            return index
    raise ValueError(f"category {category!r} has no Anlage group for {case.target}")


def _find_person(case: Case, person_id: str | None) -> Person | None:
    if person_id is None:
        return None
    return next((person for person in case.persons if person.id == person_id), None)


def group_of(
    case: Case, category: str, person_id: str | None, *, on: date | None = None
) -> tuple[str, str]:
    """(group id, German heading) for an Anlage of `category` about `person_id`."""
    group_id, heading, _ = ANLAGE_GROUPS[case.target][_group_index(case, category, person_id, on)]
    return group_id, heading


def group_for(case: Case, document: Document, *, on: date | None = None) -> tuple[str, str]:
    """(group id, German heading) of an uploaded document (package.md § 2.1 / § 2.2).

    `on` defaults to the case's reference date; it decides whether a school certificate is a
    child's (H6) or an adult's degree (H3).
    """
    return group_of(case, document.category, document.person, on=on)


def household_rank(case: Case, person_id: str | None) -> tuple[int, int, int]:
    """Sort key of a person in household order: applicant, spouse/partner, children oldest
    first, others; documents about nobody in particular (rent contract) come last."""
    person = _find_person(case, person_id)
    if person is None:
        return (9, 0, 0)
    birth = person.birth_date.earliest().toordinal() if person.birth_date else 10**7
    within_role = birth if person.role == "child" else person.index
    return (_ROLE_RANK.get(person.role, 3), within_role, person.index)


def household_order(case: Case) -> tuple[Person, ...]:
    return tuple(sorted(case.persons, key=lambda person: household_rank(case, person.id)))


def anlage_sort_key(
    case: Case, document: Document, *, on: date | None = None
) -> tuple[int, tuple[int, int, int], int, int, int, str, int]:
    """Order of uploaded Anlagen: group, then person in household order, then the category
    order of the group table, then `issued` ascending (undated last), then title.

    The group comes first so that one `sorted(documents, key=…)` yields the whole Anlagen
    order; within a group the key follows package.md § 2.1.
    """
    group_index = _group_index(case, document.category, document.person, on)
    categories = ANLAGE_GROUPS[case.target][group_index][2]
    category_rank = categories.index(document.category)
    issued = document.issued
    undated = 1 if issued is None else 0
    issued_day = issued.earliest().toordinal() if issued is not None else 0
    return (
        group_index,
        household_rank(case, document.person),
        category_rank,
        undated,
        issued_day,
        (document.title or "").casefold(),
        document.index,
    )


# --------------------------------------------------------------------------------------------
# What the bundler hands over to the generated documents


@dataclass(frozen=True, slots=True)
class AnlageRef:
    """What the letter needs to cite evidence: "(Anlage 4)"."""

    number: int
    title: str
    # documents[].category, or "cv" / "power_of_attorney" for generated Anlagen
    category: str | None
    person: str | None
    document_id: str | None


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One line of the Anlagenverzeichnis (package.md § 8.1)."""

    number: int
    group_heading: str
    title: str
    person_name: str | None
    # German date text of the document (issued), with the precision it has
    date_text: str | None
    # Page range in the combined PDF; None for a document still to follow ("nachzureichen")
    first_page: int | None
    last_page: int | None
    to_follow: bool
    # In split or per-file outputs the page range is replaced by the part ("Teil 2").
    part: int | None = None
    # In the upload export every Anlage is a file of its own: the page count alone.
    own_file: bool = False


# --------------------------------------------------------------------------------------------
# Formats (package.md § 6)

NBSP = "\u00a0"
MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
DASH = "–"
NOT_KNOWN = "nicht bekannt"

DateLike = date | PartialDate


def _partial(value: DateLike) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate.of(value)


def date_table(value: DateLike | None) -> str:
    """Table form with the precision the date has: 26.11.2026, 08/2015 or 2015."""
    if value is None:
        return ""
    return _partial(value).german()


def date_text(value: DateLike | None) -> str:
    """Running-text form: "26. November 2026", "August 2015", "2015"."""
    if value is None:
        return ""
    partial = _partial(value)
    if partial.month is None:
        return f"{partial.year}"
    if partial.day is None:
        return f"{MONTHS_DE[partial.month - 1]} {partial.year}"
    return f"{partial.day}. {MONTHS_DE[partial.month - 1]} {partial.year}"


def on_text(value: DateLike) -> str:
    """ "am 26. November 2026", "im August 2015", "im Jahr 2015"."""
    partial = _partial(value)
    if partial.day is not None:
        return f"am {date_text(partial)}"
    if partial.month is not None:
        return f"im {date_text(partial)}"
    return f"im Jahr {partial.year}"


def since_text(value: DateLike) -> str:
    """ "seit dem 15. März 2018", "seit August 2015", "seit 2015"."""
    partial = _partial(value)
    if partial.day is not None:
        return f"seit dem {date_text(partial)}"
    return f"seit {date_text(partial)}"


def until_text(value: DateLike) -> str:
    partial = _partial(value)
    if partial.day is not None:
        return f"bis zum {date_text(partial)}"
    return f"bis {date_text(partial)}"


def period_table(start: DateLike | None, end: DateLike | None, *, approximate: bool = False) -> str:
    """ "08/2015 – 03/2018", "seit 03/2018"; "ca." when the user only estimated the dates."""
    prefix = "ca. " if approximate else ""
    if start is None:
        return f"bis {prefix}{date_table(end)}" if end is not None else ""
    if end is None:
        return f"seit {prefix}{date_table(start)}"
    if _partial(start) == _partial(end):
        return f"{prefix}{date_table(start)}"
    return f"{prefix}{date_table(start)} {DASH} {prefix}{date_table(end)}"


def period_text(start: DateLike | None, end: DateLike | None) -> str:
    """ "von August 2015 bis März 2018", "seit dem 15. März 2018"."""
    if start is None:
        return until_text(end) if end is not None else ""
    if end is None:
        return since_text(start)
    return f"von {date_text(start)} bis {date_text(end)}"


def money(amount: Decimal | None) -> str:
    """ "1.850,00 €" (thousands dot, decimal comma, no-break space before the sign)."""
    if amount is None:
        return ""
    quantised = amount.quantize(Decimal("0.01"))
    sign = "-" if quantised < 0 else ""
    whole, cents = f"{abs(quantised):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents}{NBSP}€"


def number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    text = f"{value}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def law(basis: str, act: str = "AufenthG") -> str:
    """A statute citation with no-break spaces: "60a" → "§ 60a AufenthG", "25_5" →
    "§ 25 Abs. 5 AufenthG"."""
    section, _, paragraph = basis.partition("_")
    text = f"§{NBSP}{section}"
    if paragraph:
        text += f" Abs.{NBSP}{paragraph}"
    return f"{text}{NBSP}{act}"


def cite(citation: str) -> str:
    """A citation from the report, with no-break spaces after "§" and "Abs."/"Nr."/"Satz"."""
    for word in ("§", "Abs.", "Nr.", "Satz", "S.", "Buchst."):
        citation = citation.replace(f"{word} ", f"{word}{NBSP}")
    return citation


def join_de(items: Sequence[str], conjunction: str = "und") -> str:
    """ "A", "A und B", "A, B und C"."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# --------------------------------------------------------------------------------------------
# Countries and nationalities (package.md § 6.3): ISO 3166-1 → (country, adjective)

COUNTRIES_DE: dict[str, tuple[str, str]] = {
    "AE": ("Vereinigte Arabische Emirate", "emiratisch"),
    "AF": ("Afghanistan", "afghanisch"),
    "AL": ("Albanien", "albanisch"),
    "AM": ("Armenien", "armenisch"),
    "AO": ("Angola", "angolanisch"),
    "AR": ("Argentinien", "argentinisch"),
    "AT": ("Österreich", "österreichisch"),
    "AZ": ("Aserbaidschan", "aserbaidschanisch"),
    "BA": ("Bosnien und Herzegowina", "bosnisch-herzegowinisch"),
    "BD": ("Bangladesch", "bangladeschisch"),
    "BE": ("Belgien", "belgisch"),
    "BF": ("Burkina Faso", "burkinisch"),
    "BG": ("Bulgarien", "bulgarisch"),
    "BI": ("Burundi", "burundisch"),
    "BJ": ("Benin", "beninisch"),
    "BO": ("Bolivien", "bolivianisch"),
    "BR": ("Brasilien", "brasilianisch"),
    "BY": ("Belarus", "belarussisch"),
    "CD": ("Demokratische Republik Kongo", "kongolesisch"),
    "CF": ("Zentralafrikanische Republik", "zentralafrikanisch"),
    "CG": ("Republik Kongo", "kongolesisch"),
    "CH": ("Schweiz", "schweizerisch"),
    "CI": ("Côte d’Ivoire", "ivorisch"),
    "CM": ("Kamerun", "kamerunisch"),
    "CN": ("China", "chinesisch"),
    "CO": ("Kolumbien", "kolumbianisch"),
    "CU": ("Kuba", "kubanisch"),
    "CZ": ("Tschechien", "tschechisch"),
    "DE": ("Deutschland", "deutsch"),
    "DJ": ("Dschibuti", "dschibutisch"),
    "DZ": ("Algerien", "algerisch"),
    "EC": ("Ecuador", "ecuadorianisch"),
    "EG": ("Ägypten", "ägyptisch"),
    "ER": ("Eritrea", "eritreisch"),
    "ES": ("Spanien", "spanisch"),
    "ET": ("Äthiopien", "äthiopisch"),
    "FR": ("Frankreich", "französisch"),
    "GB": ("Vereinigtes Königreich", "britisch"),
    "GE": ("Georgien", "georgisch"),
    "GH": ("Ghana", "ghanaisch"),
    "GM": ("Gambia", "gambisch"),
    "GN": ("Guinea", "guineisch"),
    "GR": ("Griechenland", "griechisch"),
    "GW": ("Guinea-Bissau", "guinea-bissauisch"),
    "HR": ("Kroatien", "kroatisch"),
    "HT": ("Haiti", "haitianisch"),
    "HU": ("Ungarn", "ungarisch"),
    "IN": ("Indien", "indisch"),
    "IQ": ("Irak", "irakisch"),
    "IR": ("Iran", "iranisch"),
    "IT": ("Italien", "italienisch"),
    "JO": ("Jordanien", "jordanisch"),
    "KE": ("Kenia", "kenianisch"),
    "KG": ("Kirgisistan", "kirgisisch"),
    "KZ": ("Kasachstan", "kasachisch"),
    "LB": ("Libanon", "libanesisch"),
    "LK": ("Sri Lanka", "sri-lankisch"),
    "LR": ("Liberia", "liberianisch"),
    "LY": ("Libyen", "libysch"),
    "MA": ("Marokko", "marokkanisch"),
    "MD": ("Moldau", "moldauisch"),
    "ME": ("Montenegro", "montenegrinisch"),
    "MK": ("Nordmazedonien", "nordmazedonisch"),
    "ML": ("Mali", "malisch"),
    "MM": ("Myanmar", "myanmarisch"),
    "MN": ("Mongolei", "mongolisch"),
    "MR": ("Mauretanien", "mauretanisch"),
    "NE": ("Niger", "nigrisch"),
    "NG": ("Nigeria", "nigerianisch"),
    "NL": ("Niederlande", "niederländisch"),
    "NP": ("Nepal", "nepalesisch"),
    "PK": ("Pakistan", "pakistanisch"),
    "PL": ("Polen", "polnisch"),
    "PS": ("Palästinensische Gebiete", "palästinensisch"),
    "PT": ("Portugal", "portugiesisch"),
    "RO": ("Rumänien", "rumänisch"),
    "RS": ("Serbien", "serbisch"),
    "RU": ("Russland", "russisch"),
    "RW": ("Ruanda", "ruandisch"),
    "SA": ("Saudi-Arabien", "saudi-arabisch"),
    "SD": ("Sudan", "sudanesisch"),
    "SK": ("Slowakei", "slowakisch"),
    "SL": ("Sierra Leone", "sierra-leonisch"),
    "SN": ("Senegal", "senegalesisch"),
    "SO": ("Somalia", "somalisch"),
    "SS": ("Südsudan", "südsudanesisch"),
    "SY": ("Syrien", "syrisch"),
    "TD": ("Tschad", "tschadisch"),
    "TG": ("Togo", "togoisch"),
    "TJ": ("Tadschikistan", "tadschikisch"),
    "TM": ("Turkmenistan", "turkmenisch"),
    "TN": ("Tunesien", "tunesisch"),
    "TR": ("Türkei", "türkisch"),
    "UA": ("Ukraine", "ukrainisch"),
    "UG": ("Uganda", "ugandisch"),
    "US": ("Vereinigte Staaten", "amerikanisch"),
    "UZ": ("Usbekistan", "usbekisch"),
    "VE": ("Venezuela", "venezolanisch"),
    "VN": ("Vietnam", "vietnamesisch"),
    "XK": ("Kosovo", "kosovarisch"),
    "YE": ("Jemen", "jemenitisch"),
    "ZW": ("Simbabwe", "simbabwisch"),
}


def country_name(code: str | None) -> str:
    if code is None:
        return ""
    return COUNTRIES_DE.get(code, (code, code))[0]


def nationality(code: str) -> str:
    """ "AF" → "afghanisch"; "XX" → "staatenlos"; "unknown" → "ungeklärt"."""
    if code == "XX":
        return "staatenlos"
    if code == "unknown":
        return "ungeklärt"
    known = COUNTRIES_DE.get(code)
    # An unlisted code is printed as it is rather than guessed.
    return known[1] if known else f"Staatsangehörigkeit {code}"


def nationalities(person: Person) -> str:
    if not person.nationalities:
        return NOT_KNOWN
    return ", ".join(nationality(code) for code in person.nationalities)


def birth_place(person: Person) -> str:
    place = person.birth_place or ""
    country = person.birth_country
    if country and country != "DE":
        return f"{place} ({country_name(country)})" if place else country_name(country)
    return place or NOT_KNOWN


# --------------------------------------------------------------------------------------------
# Persons and names (package.md § 6.3)


def full_name(person: Person) -> str:
    """Given names and surname exactly as on the papers, in normal case."""
    return person.display_name


def is_minor(case: Case, person: Person, on: date | None = None) -> bool:
    return _is_child(case, person, on)


def adults(case: Case) -> tuple[Person, ...]:
    return tuple(person for person in household_order(case) if not is_minor(case, person))


def minors(case: Case) -> tuple[Person, ...]:
    return tuple(person for person in household_order(case) if is_minor(case, person))


def running_name(case: Case, person: Person) -> str:
    """How the letter names a person in running text: "Frau Osei", "Herr Osei", a child by
    the given names; with an unknown or diverse sex the full name without a title."""
    if is_minor(case, person):
        return person.given_names or full_name(person)
    title = {"female": "Frau", "male": "Herr"}.get(person.sex or "")
    if title is None or not person.surname:
        return full_name(person)
    namesakes = [
        other
        for other in case.persons
        if other.id != person.id
        and other.surname == person.surname
        and other.sex == person.sex
        and not is_minor(case, other)
    ]
    return f"{title} {full_name(person) if namesakes else person.surname}"


def name_with_birth_date(person: Person) -> str:
    if person.birth_date is None:
        return full_name(person)
    return f"{full_name(person)} (geb. {date_table(person.birth_date)})"


# --------------------------------------------------------------------------------------------
# Recipients (package.md § 5.3): data with a valid-from date, because ministries are renamed


@dataclass(frozen=True, slots=True)
class Recipient:
    target: str
    valid_from: date
    # The Anschriftzone, at most six lines that each fit 80 mm at 10 pt
    lines: tuple[str, ...]
    short_name: str
    procedure_de: str
    fax: str | None
    email: str | None
    phone: str | None


RECIPIENTS: tuple[Recipient, ...] = (
    Recipient(
        target="hfk_nrw",
        valid_from=date(2022, 6, 29),
        lines=(
            "Ministerium für Kinder, Jugend, Familie,",
            "Gleichstellung, Flucht und Integration",
            "des Landes Nordrhein-Westfalen",
            "Geschäftsstelle der Härtefallkommission",
            "Völklinger Straße 4",
            "40219 Düsseldorf",
        ),
        short_name="Geschäftsstelle der Härtefallkommission NRW",
        procedure_de=(
            "Verfahren vor der Härtefallkommission des Landes Nordrhein-Westfalen nach "
            f"§{NBSP}23a{NBSP}AufenthG"
        ),
        fax="0211 837-2200",
        email="haertefallkommission@mkjfgfi.nrw.de",
        phone=None,
    ),
    Recipient(
        target="abh_hannover_25b",
        valid_from=date(2015, 8, 1),
        lines=(
            "Landeshauptstadt Hannover",
            "Ausländerbehörde",
            "32.33 Willkommensservice",
            "Am Schützenplatz 1",
            "30169 Hannover",
        ),
        short_name="Landeshauptstadt Hannover, Ausländerbehörde (32.33 Willkommensservice)",
        procedure_de=(
            "Verfahren auf Erteilung einer Aufenthaltserlaubnis nach "
            f"§{NBSP}25b{NBSP}AufenthG bei der Ausländerbehörde der Landeshauptstadt Hannover"
        ),
        fax=None,
        email=None,
        phone="+49 511 168-32330",
    ),
)


def recipient_for(target: str, on: date) -> Recipient:
    candidates = [r for r in RECIPIENTS if r.target == target and r.valid_from <= on]
    if not candidates:
        raise ValueError(f"no recipient address for {target} on {on.isoformat()}")
    return max(candidates, key=lambda recipient: recipient.valid_from)


# --------------------------------------------------------------------------------------------
# Sender (package.md § 3.1 first row, § 5.4)


def address_line(address: Address | None) -> str:
    """ "Beispielstraße 12, 44787 Bochum"."""
    if address is None:
        return ""
    town = " ".join(part for part in (address.postcode, address.city) if part)
    return ", ".join(part for part in (address.street, town) if part)


@dataclass(frozen=True, slots=True)
class Sender:
    briefkopf: tuple[str, ...]
    ruecksende: str
    name: str
    phone: str | None
    email: str | None
    signature_city: str | None


def sender(case: Case) -> Sender:
    applicant = case.principal
    household = case.household_address
    adult_names = [full_name(person) for person in adults(case)] or [full_name(applicant)]
    representative = case.representative
    if representative is not None:
        organisation = representative.organisation or representative.name or ""
        address = representative.address
        family = f"Familie {applicant.surname}" if len(case.persons) > 1 else full_name(applicant)
        lines = [
            organisation,
            address_line(address),
            " ".join(
                part for part in ("für", family + ",", address_line(household)) if part
            ).rstrip(","),
        ]
        # Returned post goes to the organisation; its first name part keeps the line short.
        return_name = (representative.organisation or "").split(",")[0].strip()
        return Sender(
            briefkopf=tuple(line for line in lines if line),
            ruecksende=_ruecksende(return_name or representative.name or "", address),
            name=representative.name or organisation,
            phone=representative.phone,
            email=representative.email,
            signature_city=(address.city if address else None)
            or (household.city if household else None),
        )
    contact = case.contact
    return Sender(
        briefkopf=tuple(
            line for line in (join_de(adult_names[:2]), address_line(household)) if line
        ),
        ruecksende=_ruecksende(full_name(applicant), household),
        name=full_name(applicant),
        phone=contact.phone if contact else None,
        email=contact.email if contact else None,
        signature_city=household.city if household else None,
    )


def _ruecksende(name: str, address: Address | None) -> str:
    """ "Kwame Osei · Beispielstraße 12 · 44787 Bochum"."""
    if address is None:
        return name
    town = " ".join(part for part in (address.postcode, address.city) if part)
    return " · ".join(part for part in (name, address.street, town) if part)


# --------------------------------------------------------------------------------------------
# Narrative parts: only German text leaves the system (package.md § 1.1)

NARRATIVE_NAMES_DE = {
    "life_story": "Lebensgeschichte",
    "current_situation": "Aktuelle Lebenssituation",
    "integration": "Integrationsleistungen",
    "humanitarian_reasons": "Dringende humanitäre und persönliche Gründe",
    "request": "Abschließende Bitte",
}

# The parts each letter prints; a part a letter does not print cannot block it.
LETTER_NARRATIVE_PARTS = {
    "hfk_nrw": (
        "life_story",
        "current_situation",
        "integration",
        "humanitarian_reasons",
        "request",
    ),
    "abh_hannover_25b": ("integration", "request"),
}


class UntranslatedPartsError(ValueError):
    """The final letter cannot be built: parts of the narrative have no German text."""

    def __init__(self, parts: Sequence[str]) -> None:
        self.parts = tuple(parts)
        super().__init__("Ohne deutsche Übersetzung: " + ", ".join(self.parts))


def _has_text(part: NarrativePart | None) -> bool:
    return part is not None and bool(
        (part.text or "").strip() or (part.translation_de or "").strip()
    )


def untranslated_parts(case: Case) -> list[str]:
    """German names of the narrative parts the letter prints that have text but no German
    version yet. The final package is blocked while this list is not empty."""
    narrative = case.narrative
    if narrative is None:
        return []
    missing = []
    for name in LETTER_NARRATIVE_PARTS[case.target]:
        part = narrative.part(name)
        if _has_text(part) and part is not None and part.german_text is None:
            missing.append(NARRATIVE_NAMES_DE[name])
    return missing


def _narrative_blocks(case: Case, name: str, *, draft: bool) -> list[Block]:
    """The German text of a part as paragraphs; a visible placeholder in drafts."""
    narrative = case.narrative
    part = narrative.part(name) if narrative is not None else None
    if part is None or not _has_text(part):
        return []
    text = part.german_text
    if text is None:
        if not draft:
            raise UntranslatedPartsError([NARRATIVE_NAMES_DE[name]])
        return [
            Block(
                "placeholder",
                f"[Deutsche Übersetzung fehlt: „{NARRATIVE_NAMES_DE[name]}“ – "
                "dieser Teil erscheint erst mit Übersetzung im Antrag.]",
            )
        ]
    paragraphs = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    return [Block("text", paragraph) for paragraph in paragraphs]


# --------------------------------------------------------------------------------------------
# Building blocks the templates render


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # CSS class that sets the column widths of this kind of table
    kind: str = ""
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph ("p"), the applicant's own text ("text": line breaks kept), a lead-in
    line ("lead"), a draft-only placeholder ("placeholder") or a table."""

    kind: str
    text: str = ""
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Section:
    number: str | None
    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}" if self.number else self.heading


def _number_sections(
    drafts: Sequence[tuple[str, list[Block], list[tuple[str, list[Block]]]]],
) -> tuple[Section, ...]:
    """DIN-style numbers without a final dot ("1", "6.2") for the sections that have content."""
    sections = []
    number = 0
    for heading, blocks, subsection_drafts in drafts:
        subsections = [(h, b) for h, b in subsection_drafts if b]
        if not blocks and not subsections:
            continue
        number += 1
        sections.append(
            Section(
                number=str(number),
                heading=heading,
                blocks=tuple(blocks),
                subsections=tuple(
                    Section(number=f"{number}.{index}", heading=h, blocks=tuple(b))
                    for index, (h, b) in enumerate(subsections, start=1)
                ),
            )
        )
    return tuple(sections)


# --------------------------------------------------------------------------------------------
# Anlage references: "(Anlage 4)", "(Anlagen 7 und 8)", "(Anlagen 7–9)"


class Anlagen:
    """Looks up the Anlage numbers of the case's documents for the letter's references."""

    def __init__(self, case: Case, anlagen: Sequence[AnlageRef]) -> None:
        self.case = case
        self.refs = tuple(anlagen)

    def numbers(
        self, categories: Sequence[str], person: Person | None = None, *, household: bool = True
    ) -> list[int]:
        """Anlagen of these categories about `person` (and household documents about nobody in
        particular unless `household` is false); all persons when `person` is None."""
        found = []
        for ref in self.refs:
            if ref.category not in categories:
                continue
            if (
                person is not None
                and ref.person != person.id
                and not (household and ref.person is None)
            ):
                continue
            found.append(ref.number)
        return sorted(set(found))

    def power_of_attorney(self) -> int | None:
        numbers = self.numbers(("power_of_attorney",))
        return numbers[0] if numbers else None

    def cite(
        self, categories: Sequence[str], person: Person | None = None, *, household: bool = True
    ) -> str:
        """ " (Anlage 4)" with a leading space, or "" when no document exists."""
        text = anlage_text(self.numbers(categories, person, household=household))
        return f" ({text})" if text else ""

    @property
    def count(self) -> int:
        return len(self.refs)


def anlage_text(numbers: Sequence[int]) -> str:
    """ "Anlage 4", "Anlagen 7 und 8", "Anlagen 7–9", "Anlagen 3, 5 und 7–9"."""
    values = sorted(set(numbers))
    if not values:
        return ""
    if len(values) == 1:
        return f"Anlage{NBSP}{values[0]}"
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = [
        f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(str(v) for v in run) for run in runs
    ]
    flat = ", ".join(parts).split(", ")
    return f"Anlagen{NBSP}{join_de(flat)}"


# --------------------------------------------------------------------------------------------
# Residence and procedure history (letter § 2, Lebenslauf § 7)

STATUS_DE = {
    "gestattung": "Aufenthaltsgestattung (Asylverfahren)",
    "duldung": "Duldung",
    "aufenthaltserlaubnis": "Aufenthaltserlaubnis",
    "visa": "Visum",
    "niederlassungserlaubnis": "Niederlassungserlaubnis",
    "none": "ohne Aufenthaltspapier",
    "abroad": "Aufenthalt im Ausland",
}

OUTCOME_DE = {
    "granted": "stattgegeben",
    "partly_granted": "teilweise stattgegeben",
    "rejected": "abgelehnt",
    "discontinued": "eingestellt",
    "lifted": "aufgehoben",
    "other": "sonstige Entscheidung",
}


def status_label(entry: ResidenceEntry) -> str:
    """ "Duldung nach § 60a AufenthG", "Aufenthaltserlaubnis nach § 104c AufenthG"."""
    label = STATUS_DE[entry.status]
    if entry.basis and entry.status in ("duldung", "aufenthaltserlaubnis"):
        label = f"{label} nach {law(entry.basis)}"
    return label


def current_status(case: Case, person: Person, on: date | None = None) -> ResidenceEntry | None:
    reference = on or case.reference_date
    if not person.residence_history:
        return None
    if reference is None:
        return person.residence_history[-1]
    covering = [
        entry
        for entry in person.residence_history
        if entry.from_.earliest() <= reference
        and (entry.to is None or entry.to.latest() >= reference)
    ]
    if not covering:
        return None
    return max(covering, key=lambda entry: entry.from_.earliest())


def status_text(case: Case, person: Person) -> str:
    """ "Duldung nach § 60a AufenthG, gültig bis 31.01.2027" for tables."""
    entry = current_status(case, person)
    if entry is None:
        return NOT_KNOWN
    text = status_label(entry)
    if entry.to is not None:
        text += f", gültig bis {date_table(entry.to)}"
    return text


@dataclass(frozen=True, slots=True)
class Event:
    start: PartialDate
    end: PartialDate | None
    # True for a period ("seit …", "… – …"), False for a day ("14.10.2016")
    is_period: bool
    what: str
    categories: tuple[str, ...] = ()
    approximate: bool = False
    current: bool = False

    @property
    def when(self) -> str:
        if not self.is_period:
            return ("ca. " if self.approximate else "") + date_table(self.start)
        text = period_table(self.start, self.end, approximate=self.approximate)
        return text

    def sort_key(self) -> tuple[int, int, str]:
        # Open periods come last among equal starts (package.md § 7).
        return (
            self.start.earliest().toordinal(),
            1 if self.end is None and self.is_period else 0,
            self.what,
        )


def _authority(procedure: Procedure) -> str:
    return procedure.authority or ""


def procedure_events(case: Case, person: Person) -> list[Event]:
    """The milestones of every procedure concerning `person` (filed, decided, final)."""
    events: list[Event] = []
    for procedure in case.procedures:
        if not procedure.concerns(person.id):
            continue
        authority = _authority(procedure)
        reference = f", Az. {procedure.reference}" if procedure.reference else ""
        outcome = OUTCOME_DE.get(procedure.outcome or "", "")
        kind = procedure.kind
        if kind in ("asylum", "asylum_followup"):
            noun = "Asylantrag" if kind == "asylum" else "Asylfolgeantrag"
            if procedure.filed:
                events.append(
                    Event(
                        procedure.filed, None, False, f"{noun} ({authority or 'BAMF'}{reference})"
                    )
                )
            if procedure.decided:
                what = f"Entscheidung des {authority or 'BAMF'} über den {noun}"
                if outcome:
                    what += f": {outcome}"
                events.append(Event(procedure.decided, None, False, what, ("bamf_decision",)))
            if procedure.final_date:
                events.append(
                    Event(
                        procedure.final_date, None, False, f"{noun}: Entscheidung bestandskräftig"
                    )
                )
        elif kind == "court":
            if procedure.filed:
                events.append(
                    Event(
                        procedure.filed,
                        None,
                        False,
                        f"Klage beim {authority or 'Gericht'}{reference}",
                    )
                )
            if procedure.decided:
                what = f"Entscheidung des {authority or 'Gerichts'}"
                if outcome:
                    what += (
                        f": Klage {outcome}"
                        if procedure.outcome != "discontinued"
                        else ": Verfahren eingestellt"
                    )
                events.append(Event(procedure.decided, None, False, what, ("court_decision",)))
            if procedure.final_date:
                events.append(
                    Event(
                        procedure.final_date,
                        None,
                        False,
                        "Gerichtsverfahren rechtskräftig abgeschlossen",
                        ("court_decision",),
                    )
                )
        elif kind == "deportation_order":
            when = procedure.decided or procedure.filed
            if when:
                by = f" ({authority})" if authority else ""
                events.append(
                    Event(
                        when,
                        None,
                        False,
                        f"Ordnungsverfügung der Ausländerbehörde{by}",
                        ("authority_order",),
                    )
                )
        elif kind == "deportation_scheduled":
            if procedure.date_scheduled:
                events.append(
                    Event(
                        procedure.date_scheduled,
                        None,
                        False,
                        "Termin für die Rückführung festgesetzt",
                        ("authority_order",),
                    )
                )
        elif kind == "haertefall_previous":
            if procedure.filed:
                events.append(Event(procedure.filed, None, False, "Früherer Härtefallantrag"))
            if procedure.decided:
                what = "Entscheidung über den früheren Härtefallantrag"
                if outcome:
                    what += f": {outcome}"
                events.append(Event(procedure.decided, None, False, what))
        elif kind == "residence_application":
            if procedure.filed:
                by = f" bei {authority}" if authority else ""
                events.append(
                    Event(procedure.filed, None, False, f"Antrag auf Aufenthaltserlaubnis{by}")
                )
            if procedure.decided and outcome:
                events.append(
                    Event(
                        procedure.decided,
                        None,
                        False,
                        f"Entscheidung über den Antrag auf Aufenthaltserlaubnis: {outcome}",
                    )
                )
        else:
            nouns = {
                "petition": "Petition",
                "expulsion": "Ausweisung",
                "entry_ban": "Einreise- und Aufenthaltsverbot",
                "order_58a": f"Abschiebungsanordnung nach {law('58a')}",
                "arrest_warrant": "Ausschreibung zur Festnahme",
                "other": "Verfahren",
            }
            noun = nouns.get(kind, "Verfahren")
            when = procedure.decided or procedure.filed
            if when:
                what = noun + (f" ({authority})" if authority else "")
                if procedure.until:
                    what += f", befristet bis {date_table(procedure.until)}"
                if outcome:
                    what += f": {outcome}"
                events.append(Event(when, None, False, what))
    return events


def residence_events(case: Case, person: Person) -> list[Event]:
    events = []
    if person.entry_date is not None:
        events.append(Event(person.entry_date, None, False, "Einreise nach Deutschland"))
    for entry in person.residence_history:
        if entry.status == "abroad":
            continue
        what = status_label(entry)
        current = current_status(case, person) == entry
        end = entry.to
        if current and entry.to is not None:
            what += f", gültig bis {date_table(entry.to)}"
            end = None
        events.append(
            Event(
                entry.from_,
                end,
                True,
                what,
                ("residence_document",) if current else (),
                approximate=entry.approximate,
                current=current,
            )
        )
    return events


# --------------------------------------------------------------------------------------------
# Voice of the letter: the applicant ("ich"), the family ("wir"), or a representative writing
# about them in the third person (letter-outline-haertefall.md § 0)


@dataclass(frozen=True, slots=True)
class Voice:
    represented: bool
    plural: bool
    # "Frau Osei und Herr Osei", used as the grammatical subject with a representative
    names: str
    sex: str | None

    @property
    def we(self) -> str:
        if self.represented:
            return self.names
        return "wir" if self.plural else "ich"

    def verb(self, singular: str, plural: str, first_singular: str) -> str:
        """Conjugation for the subject: "bittet"/"bitten"/"bitte"."""
        if self.represented:
            return plural if self.plural else singular
        return plural if self.plural else first_singular

    @property
    def our(self) -> str:
        """Possessive for "mit … Situation" (feminine dative): "unserer", "meiner", "ihrer",
        "seiner"; "die" when the sex is unknown (the sentence then names the persons)."""
        if not self.represented:
            return "unserer" if self.plural else "meiner"
        if self.plural or self.sex == "female":
            return "ihrer"
        if self.sex == "male":
            return "seiner"
        return "die"

    @property
    def us(self) -> str:
        """Dative: "uns", "mir", "ihnen", "ihr", "ihm"."""
        if not self.represented:
            return "uns" if self.plural else "mir"
        if self.plural:
            return "ihnen"
        return {"female": "ihr", "male": "ihm"}.get(self.sex or "", self.names)


def voice(case: Case) -> Voice:
    persons = household_order(case)
    adult_persons = [p for p in persons if not is_minor(case, p)] or [case.principal]
    return Voice(
        represented=case.representative is not None,
        plural=len(persons) > 1,
        names=join_de([running_name(case, p) for p in adult_persons]),
        sex=case.principal.sex,
    )


# --------------------------------------------------------------------------------------------
# The letter


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class OverviewRow:
    requirement: str
    person: str
    result: str
    evidence: str
    note: str


@dataclass(frozen=True, slots=True)
class Overview:
    heading: str
    subline: str
    rows: tuple[OverviewRow, ...]


@dataclass(frozen=True, slots=True)
class LetterContext:
    target: str
    title: str
    author: str
    briefkopf: tuple[str, ...]
    ruecksende: str
    vermerke: tuple[str, ...]
    recipient: tuple[str, ...]
    # (Leitwort, value); ("", "") is a blank line
    info_rows: tuple[tuple[str, str], ...]
    betreff: tuple[str, ...]
    opening: tuple[Block, ...]
    sections: tuple[Section, ...]
    signatures: tuple[Signature, ...]
    anlagen_count: int
    overview: Overview | None
    draft: bool

    @property
    def anlagen_line(self) -> str:
        word = "Anlage" if self.anlagen_count == 1 else "Anlagen"
        return f"gemäß Anlagenverzeichnis ({self.anlagen_count} {word})"


def _info_rows(case: Case, the_sender: Sender, sent_on: date) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    authority = case.local_authority
    if case.target == "abh_hannover_25b" and authority is not None:
        if authority.reference:
            rows.append(("Ihr Zeichen", authority.reference))
        if authority.online_reference:
            rows.append(("Vorgangsnummer", authority.online_reference))
        if rows:
            rows.append(("", ""))
    rows.append(("Name", the_sender.name))
    if the_sender.phone:
        rows.append(("Telefon", the_sender.phone))
    if the_sender.email:
        rows.append(("E-Mail", the_sender.email))
    rows.append(("", ""))
    rows.append(("Datum", date_table(sent_on)))
    return tuple(rows)


BETREFF_HFK = f"Antrag auf Feststellung eines Härtefalls nach §{NBSP}23a{NBSP}AufenthG"
BETREFF_25B = f"Antrag auf Erteilung einer Aufenthaltserlaubnis nach §{NBSP}25b{NBSP}AufenthG"


def betreff(case: Case) -> tuple[str, ...]:
    """The Betreff lines: the procedure, every person with birth date, the authority/file."""
    persons = household_order(case)
    applicant = case.principal
    authority = case.local_authority
    if case.target == "hfk_nrw":
        if len(persons) > 4:
            names = f"Familie {applicant.surname} ({len(persons)} Personen, siehe Nr. 1)"
        elif len(persons) > 1:
            names = f"Familie {applicant.surname}: " + ", ".join(
                name_with_birth_date(p) for p in persons
            )
        else:
            names = name_with_birth_date(applicant)
        lines = [BETREFF_HFK, names]
        if authority is not None and authority.name:
            line = f"Zuständige Ausländerbehörde: {authority.name}"
            if authority.reference:
                line += f", Az. {authority.reference}"
            lines.append(line)
        return tuple(lines)
    lines = [BETREFF_25B, join_de([name_with_birth_date(p) for p in persons])]
    if authority is not None and authority.reference:
        lines.append(f"Az. {authority.reference}")
    return tuple(lines)


def signatures(case: Case) -> tuple[Signature, ...]:
    result = [Signature(full_name(person)) for person in adults(case)]
    representative = case.representative
    if representative is not None:
        role = "(Bevollmächtigte/r)"
        if representative.organisation:
            role = f"(Bevollmächtigte/r), {representative.organisation}"
        result.append(Signature(representative.name or "", role))
    return tuple(result)


def letter_context(
    case: Case,
    report: Report,
    *,
    anlagen: Sequence[AnlageRef],
    sent_on: date,
    draft: bool,
) -> LetterContext:
    """Everything the letter template prints, in German (package.md § 3)."""
    if not draft:
        missing = untranslated_parts(case)
        if missing:
            raise UntranslatedPartsError(missing)
    refs = Anlagen(case, anlagen)
    the_sender = sender(case)
    recipient = recipient_for(case.target, sent_on)
    if case.target == "hfk_nrw":
        opening, sections = _hfk_body(case, refs, draft=draft)
        overview = None
    else:
        opening, sections = _25b_body(case, report, refs, draft=draft)
        overview = _overview(case, report, refs, sent_on)
    lines = betreff(case)
    return LetterContext(
        target=case.target,
        title=f"{lines[0]} – {case.principal.surname or full_name(case.principal)}",
        author=the_sender.name,
        briefkopf=the_sender.briefkopf,
        ruecksende=the_sender.ruecksende,
        vermerke=(),
        recipient=recipient.lines,
        info_rows=_info_rows(case, the_sender, sent_on),
        betreff=lines,
        opening=tuple(opening),
        sections=sections,
        signatures=signatures(case),
        anlagen_count=refs.count,
        overview=overview,
        draft=draft,
    )


# --- § 23a: Härtefallantrag (package.md § 3.1, letter-outline-haertefall.md) -----------------


def _authority_name(case: Case) -> str:
    authority = case.local_authority
    return (
        authority.name
        if authority is not None and authority.name
        else "zuständige Ausländerbehörde"
    )


def _hfk_opening(case: Case, refs: Anlagen, the_voice: Voice) -> list[Block]:
    persons = household_order(case)
    authority = _authority_name(case)
    representative = case.representative
    situation = (
        f"{the_voice.our} Situation"
        if the_voice.our != "die"
        else f"der Situation von {the_voice.names}"
    )
    permits = (
        f"Aufenthaltserlaubnisse nach §{NBSP}23a des Aufenthaltsgesetzes"
        if len(persons) > 1
        else f"eine Aufenthaltserlaubnis nach §{NBSP}23a des Aufenthaltsgesetzes"
    )
    whom = the_voice.us
    if representative is None:
        first = (
            f"{the_voice.we} {the_voice.verb('wendet', 'wenden', 'wende')} "
            f"{'uns' if the_voice.plural else 'mich'} an die Härtefallkommission des Landes "
            "Nordrhein-Westfalen."
        )
    else:
        poa = refs.power_of_attorney()
        poa_text = f" (Vollmacht: Anlage{NBSP}{poa})" if poa is not None else ""
        by = ", ".join(p for p in (representative.name, representative.organisation) if p)
        first = (
            f"{the_voice.names} {the_voice.verb('wendet', 'wenden', 'wende')} sich – vertreten "
            f"durch {by}{poa_text} – an die Härtefallkommission des Landes Nordrhein-Westfalen."
        )
    subject = the_voice.we[0].upper() + the_voice.we[1:]
    if the_voice.represented:
        subject = (
            "Sie"
            if the_voice.plural
            else {"female": "Sie", "male": "Er"}.get(the_voice.sex or "", the_voice.names)
        )
    second = (
        f"{subject} {the_voice.verb('bittet', 'bitten', 'bitte')} die Kommission, sich mit "
        f"{situation} zu befassen, einen Härtefall festzustellen und die Ausländerbehörde "
        f"{authority} zu ersuchen, {whom} {permits} zu erteilen."
    )
    paragraphs = [
        f"{first[0].lower() if not the_voice.represented else first[0]}{first[1:]} {second}"
    ]
    if len(persons) > 1:
        paragraphs.append(
            f"Der Antrag gilt für alle {len(persons)} unten genannten Mitglieder der Familie "
            f"{case.principal.surname or ''}.".replace(" .", ".")
        )
    return [Block("p", " ".join(paragraphs))]


def _persons_table(case: Case, *, with_status: bool) -> Table:
    rows = []
    first_address = address_line(case.household_address) or NOT_KNOWN
    for index, person in enumerate(household_order(case)):
        given = person.given_names or ""
        if person.other_spellings:
            given += f" (auch: {', '.join(person.other_spellings)})"
        last = (
            status_text(case, person)
            if with_status
            else (first_address if index == 0 else "wie oben")
        )
        rows.append(
            (
                person.surname or "",
                given,
                date_table(person.birth_date) or NOT_KNOWN,
                birth_place(person),
                nationalities(person),
                last,
            )
        )
    headers = (
        "Familienname",
        "Vorname(n)",
        "Geburtsdatum",
        "Geburtsort",
        "Staatsangehörigkeit",
        "aktueller Status" if with_status else "Anschrift",
    )
    return Table(headers=headers, rows=tuple(rows), kind="persons")


def _identity_sentences(case: Case, person: Person, refs: Anlagen) -> list[str]:
    identity = person.identity
    if identity is None:
        return []
    name = running_name(case, person)
    sentences = []
    passport = identity.passport
    if passport is not None and passport.held:
        adjective = nationality(person.nationalities[0]) if person.nationalities else ""
        kind = (
            f"einen {adjective}en Reisepass"
            if adjective and adjective.isalpha()
            else "einen Reisepass"
        )
        valid = f", gültig {until_text(passport.valid_until)}" if passport.valid_until else ""
        sentences.append(
            f"{name} besitzt {kind}{valid}{refs.cite(('passport',), person, household=False)}."
        )
    elif passport is not None and passport.held is False:
        sentences.append(f"{name} besitzt keinen gültigen Reisepass.")
    efforts = [
        f"{on_text(effort.date)}: {effort.what}" if effort.date else (effort.what or "")
        for effort in identity.passport_efforts
        if effort.what or effort.date
    ]
    if efforts:
        sentences.append(
            "Bemühungen um einen Pass: "
            + "; ".join(efforts)
            + refs.cite(("passport_efforts",), person, household=False)
            + "."
        )
    if identity.other_identity_documents:
        sentences.append(
            f"Die Identität belegen außerdem: {', '.join(identity.other_identity_documents)}"
            f"{refs.cite(('identity',), person, household=False)}."
        )
    return sentences


def _event_rows(
    events: Sequence[Event], case: Case, person: Person, refs: Anlagen
) -> tuple[tuple[str, str], ...]:
    rows = []
    for event in sorted(events, key=Event.sort_key):
        reference = refs.cite(event.categories, person) if event.categories else ""
        rows.append((event.when, f"{event.what}{reference}"))
    return tuple(rows)


def _hfk_entry_section(case: Case, refs: Anlagen) -> list[Block]:
    """§ 2: entry, procedures and status per person; persons with the same history share one
    table so a family's common history is not printed four times."""
    blocks: list[Block] = []
    groups: list[tuple[list[Person], tuple[tuple[str, str], ...]]] = []
    for person in household_order(case):
        rows = _event_rows(
            [*residence_events(case, person), *procedure_events(case, person)], case, person, refs
        )
        for members, existing in groups:
            if existing == rows:
                members.append(person)
                break
        else:
            groups.append(([person], rows))
    for members, rows in groups:
        names = join_de([full_name(p) for p in members])
        if rows:
            blocks.append(Block("lead", f"{names}:"))
            blocks.append(Block("table", table=Table(("Datum", "Ereignis"), rows, kind="events")))
        else:
            blocks.append(
                Block("p", f"{names}: Angaben zu Einreise und Aufenthalt werden nachgereicht.")
            )
    identity = [s for p in household_order(case) for s in _identity_sentences(case, p, refs)]
    if identity:
        blocks.append(Block("p", " ".join(identity)))
    authority = case.local_authority
    if authority is not None and authority.name:
        text = f"Zuständig ist die Ausländerbehörde {authority.name}"
        if authority.reference:
            text += f" (Aktenzeichen {authority.reference})"
        blocks.append(Block("p", text + "."))
    scheduled = [
        p for p in case.procedures if p.kind == "deportation_scheduled" and p.date_scheduled
    ]
    for procedure in scheduled:
        decided = f" (mitgeteilt {on_text(procedure.decided)})" if procedure.decided else ""
        blocks.append(
            Block(
                "p",
                f"Ein Termin für die Rückführung ist für den {date_text(procedure.date_scheduled)} "
                f"festgesetzt{decided}.",
            )
        )
    return blocks


BENEFIT_DE = {
    "buergergeld": "Bürgergeld",
    "asylblg": "Leistungen nach dem Asylbewerberleistungsgesetz",
    "sozialhilfe": "Sozialhilfe",
    "wohngeld": "Wohngeld",
    "kinderzuschlag": "Kinderzuschlag",
    "kindergeld": "Kindergeld",
    "bafoeg": "BAföG",
    "bab": "Berufsausbildungsbeihilfe",
    "other": "Sozialleistungen",
}

CERTIFICATE_DE = {
    "DTZ": "den Deutsch-Test für Zuwanderer (DTZ)",
    "telc": "eine telc-Deutschprüfung",
    "goethe": "eine Prüfung des Goethe-Instituts",
    "oesd": "eine ÖSD-Prüfung",
    "school": "die Deutschprüfung im Rahmen eines Schulabschlusses",
    "other": "eine Deutschprüfung",
}

DEGREE_DE = {
    "hauptschulabschluss": "Hauptschulabschluss",
    "realschulabschluss": "Realschulabschluss",
    "fachhochschulreife": "Fachhochschulreife",
    "abitur": "Abitur",
}

SCHOOLING_DE = {
    "kindergarten": "Kindergarten/Kita",
    "school": "Schulbesuch",
    "vocational_training": "Berufsausbildung",
    "study": "Studium",
    "integration_course": "Integrationskurs",
    "other": "Bildung",
}

INTEGRATION_DE = {
    "volunteering": "Ehrenamt",
    "membership": "Mitgliedschaft",
    "religious_community": "Religionsgemeinschaft",
    "support_letter": "Unterstützungsschreiben",
    "course": "Kurs",
    "other": "Engagement",
}

WORK_DOCUMENTS = (
    "employment_contract",
    "payslip",
    "job_offer",
    "training_contract",
    "tax_assessment",
    "insurance_provisions",
)


def _is_current(case: Case, start: PartialDate | None, end: PartialDate | None) -> bool:
    reference = case.reference_date
    if reference is None:
        return end is None
    if start is not None and start.earliest() > reference:
        return False
    return end is None or end.latest() >= reference


def _employment_sentence(case: Case, person: Person, job: Employment) -> str:
    name = running_name(case, person)
    where = f" bei {job.employer}" if job.employer else ""
    as_what = f" als {job.position}" if job.position else ""
    current = _is_current(case, job.from_, job.to)
    if job.kind == "job_offer":
        start = f" ab {date_text(job.from_)}" if job.from_ else ""
        return f"{name} hat ein Arbeitsangebot{where}{as_what}{start}."
    noun = {
        "employed": "arbeitet",
        "minijob": "arbeitet in einem Minijob",
        "self_employed": "ist selbständig tätig",
        "training": "macht eine Ausbildung",
    }[job.kind]
    if job.kind == "training":
        as_what = f" zur/zum {job.position}" if job.position else ""
    details = []
    if job.hours_per_week is not None:
        details.append(f"{number(job.hours_per_week)} Wochenstunden")
    if job.net_monthly is not None:
        details.append(f"netto etwa {money(job.net_monthly)} im Monat")
    detail = f" ({', '.join(details)})" if details else ""
    if current:
        since = f" {since_text(job.from_)}" if job.from_ else ""
        return f"{name} {noun}{since}{as_what}{where}{detail}."
    past = {
        "employed": "arbeitete",
        "minijob": "arbeitete in einem Minijob",
        "self_employed": "war selbständig tätig",
        "training": "machte eine Ausbildung",
    }[job.kind]
    span = f" {period_text(job.from_, job.to)}" if job.from_ or job.to else ""
    return f"{name} {past}{span}{as_what}{where}."


def _benefit_sentences(case: Case) -> list[str]:
    sentences = []
    for person in household_order(case):
        for benefit in person.benefits:
            if not _is_current(case, benefit.from_, benefit.to):
                continue
            amount = f" in Höhe von {money(benefit.monthly)} monatlich" if benefit.monthly else ""
            sentences.append(
                f"{running_name(case, person)} erhält {BENEFIT_DE[benefit.kind]}{amount}"
                f"{' ' + since_text(benefit.from_) if benefit.from_ else ''}."
            )
    return sentences


def _housing_sentence(case: Case, refs: Anlagen) -> str | None:
    household = case.household
    if household is None or household.rent_monthly is None:
        return None
    kind = "Warmmiete" if household.rent_includes_heating else "Kaltmiete"
    if household.rent_includes_heating is None:
        kind = "Miete"
    return (
        f"Die {kind} der Wohnung beträgt {money(household.rent_monthly)} im Monat"
        f"{refs.cite(('rent_contract', 'rent_proof'))}."
    )


def _german_sentences(case: Case, person: Person, refs: Anlagen) -> list[str]:
    name = running_name(case, person)
    sentences = []
    german = person.german
    if german is not None and german.level:
        language_refs = refs.cite(("language_certificate",), person, household=False)
        if german.certificate:
            when = f" {on_text(german.date)}" if german.date else ""
            sentences.append(
                f"{name} hat{when} {CERTIFICATE_DE[german.certificate]} mit dem Niveau "
                f"{german.level} bestanden{language_refs}."
            )
        else:
            sentences.append(
                f"{name} spricht Deutsch auf dem Niveau {german.level}{language_refs}."
            )
    civic = person.civic_test
    if civic is not None and civic.passed:
        test = (
            "den Einbürgerungstest"
            if civic.kind == "einbuergerungstest"
            else "den Test „Leben in Deutschland“"
        )
        when = f" {on_text(civic.date)}" if civic.date else ""
        sentences.append(
            f"{name} hat{when} {test} bestanden"
            f"{refs.cite(('civic_test',), person, household=False)}."
        )
    return sentences


def _school_sentences(case: Case, person: Person, refs: Anlagen) -> list[str]:
    name = running_name(case, person)
    sentences = []
    attendance = person.school_attendance
    certificates = refs.cite(
        ("school_certificate", "kindergarten_certificate", "enrolment_certificate"),
        person,
        household=False,
    )
    if attendance is not None and attendance.attending and attendance.school:
        sentences.append(f"{name} besucht die Schule {attendance.school}{certificates}.")
        certificates = ""
    for entry in person.schooling:
        if entry.kind not in ("kindergarten", "school", "vocational_training", "study"):
            continue
        if (
            attendance is not None
            and attendance.attending
            and entry.kind == "school"
            and _is_current(case, entry.from_, entry.to)
        ):
            continue
        what = entry.name or SCHOOLING_DE[entry.kind]
        degree = f", Abschluss: {DEGREE_DE[entry.degree]}" if entry.degree else ""
        span = period_text(entry.from_, entry.to)
        verb = "besucht" if _is_current(case, entry.from_, entry.to) else "besuchte"
        if entry.kind == "kindergarten":
            sentences.append(
                f"{name} {verb} {span} den Kindergarten {what}{degree}{certificates}.".replace(
                    "  ", " "
                )
            )
        else:
            line = f"{name}: {SCHOOLING_DE[entry.kind]} {span} ({what}){degree}{certificates}."
            sentences.append(line.replace("  ", " "))
        certificates = ""
    return sentences


def _integration_sentences(case: Case, person: Person) -> list[str]:
    name = running_name(case, person)
    sentences = []
    for entry in person.integration:
        if entry.kind == "support_letter":
            continue
        what = entry.what or INTEGRATION_DE[entry.kind]
        span = period_text(entry.from_, entry.to)
        sentences.append(
            f"{name}: {INTEGRATION_DE[entry.kind]} – {what}{' (' + span + ')' if span else ''}."
        )
    return sentences


def _health_sentences(case: Case, refs: Anlagen) -> list[str]:
    sentences = []
    for person in household_order(case):
        for health in person.health:
            parts = []
            if health.condition:
                parts.append(health.condition)
            if health.treating:
                parts.append(f"Behandlung bei {health.treating}")
            if health.report_date:
                parts.append(f"ärztlicher Bericht vom {date_table(health.report_date)}")
            if not parts:
                continue
            sentences.append(
                f"{running_name(case, person)}: {'; '.join(parts)}"
                f"{refs.cite(('medical_report',), person, household=False)}."
            )
    return sentences


SANCTION_DE = {
    "fine": "Geldstrafe",
    "prison": "Freiheitsstrafe",
    "juvenile_measure": "Maßnahme nach dem Jugendgerichtsgesetz",
    "proceedings_pending": "Verfahren noch nicht abgeschlossen",
    "dropped": "Verfahren eingestellt",
}


def offence_text(offence: Offence) -> str:
    parts = []
    when = offence.judgment_date or offence.date
    sanction = SANCTION_DE.get(offence.sanction or "", "")
    if offence.sanction == "fine" and offence.daily_rates is not None:
        sanction = f"Geldstrafe von {offence.daily_rates} Tagessätzen"
    elif offence.sanction == "prison" and offence.prison_months is not None:
        sanction = f"Freiheitsstrafe von {offence.prison_months} Monaten"
        if offence.suspended:
            sanction += " auf Bewährung"
    if offence.kind:
        parts.append(offence.kind)
    if sanction:
        parts.append(sanction)
    if offence.final is True and offence.sanction not in ("proceedings_pending", "dropped"):
        parts.append("rechtskräftig")
    prefix = f"{date_table(when)}: " if when else ""
    return prefix + ", ".join(parts)


def _offence_blocks(case: Case, refs: Anlagen) -> list[Block]:
    persons = household_order(case)
    with_offences = [p for p in persons if p.offences]
    # "No convictions" is a statement to the authority: it is made only for a person whose
    # case says so (`offences: []`), never for one nobody asked (package.md § 1.5).
    adults = [p for p in persons if not is_minor(case, p)]
    stated_none = [p for p in adults if p.offences_stated and not p.offences]
    blocks = []
    if not with_offences and adults and len(stated_none) == len(adults):
        return [
            Block(
                "p", "Strafrechtliche Verurteilungen liegen gegen keine der genannten Personen vor."
            )
        ]
    for person in with_offences:
        texts = [offence_text(offence) for offence in person.offences]
        blocks.append(
            Block(
                "p",
                f"{full_name(person)}: {'; '.join(texts)}"
                f"{refs.cite(('criminal_record',), person, household=False)}.",
            )
        )
    if stated_none:
        names = [running_name(case, p) for p in stated_none]
        blocks.append(Block("p", f"Gegen {join_de(names)} liegen keine Verurteilungen vor."))
    return blocks


def _documents_to_follow(case: Case) -> list[str]:
    return [
        document.title or document.category for document in case.documents if document.file is None
    ]


def _fallback(blocks: list[Block], text: str) -> list[Block]:
    return blocks or [Block("p", text)]


def _hfk_body(case: Case, refs: Anlagen, *, draft: bool) -> tuple[list[Block], tuple[Section, ...]]:
    the_voice = voice(case)
    persons = household_order(case)
    opening = _hfk_opening(case, refs, the_voice)

    situation = _narrative_blocks(case, "current_situation", draft=draft)
    facts = [s for s in [_housing_sentence(case, refs)] if s]
    for person in persons:
        for job in person.employment:
            if _is_current(case, job.from_, job.to):
                facts.append(
                    _employment_sentence(case, person, job)[:-1]
                    + refs.cite(WORK_DOCUMENTS, person, household=False)
                    + "."
                )
    facts.extend(_benefit_sentences(case))
    for person in persons:
        if is_minor(case, person):
            facts.extend(_school_sentences(case, person, refs))
    if facts:
        situation.append(Block("p", " ".join(facts)))

    ties = []
    for person in persons:
        family_ties = person.family_ties
        if family_ties is None or not (family_ties.germany or family_ties.country_of_origin):
            continue
        parts = []
        if family_ties.germany:
            parts.append(f"In Deutschland: {family_ties.germany}")
        if family_ties.country_of_origin:
            parts.append(f"Im Herkunftsland: {family_ties.country_of_origin}")
        ties.append(Block("p", f"{full_name(person)}: " + " ".join(_sentence(p) for p in parts)))

    language = [s for p in persons for s in _german_sentences(case, p, refs)]
    work = []
    for person in persons:
        jobs = [_employment_sentence(case, person, job) for job in person.employment]
        if jobs:
            work.append(
                " ".join(jobs)[:-1] + refs.cite(WORK_DOCUMENTS, person, household=False) + "."
            )
    work.extend(_benefit_sentences(case))
    children = [s for p in persons if is_minor(case, p) for s in _school_sentences(case, p, refs)]
    engagement = [s for p in persons for s in _integration_sentences(case, p)]
    engagement_refs = refs.numbers(("volunteering", "membership"))
    if engagement and engagement_refs:
        engagement[-1] = engagement[-1][:-1] + f" ({anlage_text(engagement_refs)})."
    support = refs.numbers(("support_letter",))
    if support:
        count = len(support)
        engagement.append(
            (
                "Ein Unterstützungsschreiben liegt"
                if count == 1
                else f"{count} Unterstützungsschreiben liegen"
            )
            + " "
            f"bei ({anlage_text(support)})."
        )

    humanitarian = _narrative_blocks(case, "humanitarian_reasons", draft=draft)
    health = _health_sentences(case, refs)
    if health:
        humanitarian.append(Block("p", "Gesundheit: " + " ".join(health)))

    request = [
        Block("p", _hfk_request(case, the_voice)),
        *_narrative_blocks(case, "request", draft=draft),
    ]
    closing = [
        "Alle Anlagen sind Kopien; die Originale "
        + (
            "werden auf Wunsch vorgelegt."
            if the_voice.represented
            else f"{'legen wir' if the_voice.plural else 'lege ich'} auf Wunsch vor."
        )
    ]
    to_follow = _documents_to_follow(case)
    if to_follow:
        closing.append(f"Folgende Unterlagen werden nachgereicht: {', '.join(to_follow)}.")
    closing.append(
        "Für Rückfragen "
        + ("sind wir" if the_voice.plural and not the_voice.represented else "bin ich")
        + " unter den oben genannten Kontaktdaten erreichbar."
    )
    request.append(Block("p", " ".join(closing)))

    sections = _number_sections(
        [
            (
                "Personen, für die der Antrag gestellt wird",
                [Block("table", table=_persons_table(case, with_status=False))],
                [],
            ),
            ("Einreise und aufenthaltsrechtliche Situation", _hfk_entry_section(case, refs), []),
            (
                "Lebensgeschichte",
                _fallback(
                    _narrative_blocks(case, "life_story", draft=draft),
                    "Die Lebensgeschichte wird nachgereicht.",
                ),
                [],
            ),
            (
                "Aktuelle Lebenssituation",
                _fallback(situation, "Angaben zur aktuellen Lebenssituation werden nachgereicht."),
                [],
            ),
            (
                "Familiäre Bindungen in Deutschland und im Herkunftsland",
                _fallback(ties, "Angaben zu den familiären Bindungen werden nachgereicht."),
                [],
            ),
            (
                "Integrationsleistungen",
                _narrative_blocks(case, "integration", draft=draft),
                [
                    ("Sprache", [Block("p", " ".join(language))] if language else []),
                    ("Arbeit und Lebensunterhalt", [Block("p", s) for s in work]),
                    (
                        "Kita, Schule und Ausbildung der Kinder",
                        [Block("p", " ".join(children))] if children else [],
                    ),
                    (
                        "Engagement und Unterstützung aus dem Umfeld",
                        [Block("p", " ".join(engagement))] if engagement else [],
                    ),
                ],
            ),
            (
                "Dringende humanitäre und persönliche Gründe",
                _fallback(humanitarian, "Die Gründe werden nachgereicht."),
                [],
            ),
            ("Strafrechtliche Angaben", _offence_blocks(case, refs), []),
            ("Antrag", request, []),
        ]
    )
    return opening, sections


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _hfk_request(case: Case, the_voice: Voice) -> str:
    persons = household_order(case)
    authority = _authority_name(case)
    if the_voice.represented:
        subject = the_voice.names
        case_word = (
            {"female": "ihren", "male": "seinen"}.get(the_voice.sex or "", "den")
            if not the_voice.plural
            else "ihren"
        )
    else:
        subject = "Wir" if the_voice.plural else "Ich"
        case_word = "unseren" if the_voice.plural else "meinen"
    verb = the_voice.verb("bittet", "bitten", "bitte")
    whom = (
        f"für alle {len(persons)} Familienmitglieder"
        if len(persons) > 1
        else f"für {full_name(persons[0])}"
    )
    permits = "von Aufenthaltserlaubnissen" if len(persons) > 1 else "einer Aufenthaltserlaubnis"
    return (
        f"{subject} {verb} die Härtefallkommission deshalb, {case_word} Fall zu beraten, einen "
        f"Härtefall festzustellen und die Ausländerbehörde {authority} um die Erteilung "
        f"{permits} nach §{NBSP}23a{NBSP}AufenthG {whom} zu ersuchen."
    )


# --- § 25b: Antrag at the Ausländerbehörde Hannover (package.md § 3.2, letter-outline-25b.md) --

# The report carries no titles; the German title of each requirement lives with the letter.
REQUIREMENT_TITLES_DE = {
    "25b.authority_competence": "Zuständigkeit der Ausländerbehörde",
    "25b.status": "Duldung oder Aufenthaltserlaubnis nach § 104c",
    "25b.residence_period": "Aufenthaltsdauer",
    "25b.family_member": "Familienangehörige",
    "25b.fdgo_declaration": "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
    "25b.civic_knowledge": "Grundkenntnisse der Rechts- und Gesellschaftsordnung",
    "25b.livelihood": "Sicherung des Lebensunterhalts",
    "25b.german_a2": "Deutschkenntnisse (A2)",
    "25b.school_attendance": "Schulbesuch der Kinder",
    "25b.refusal_deception": "Keine Täuschung über Identität oder Staatsangehörigkeit",
    "25b.refusal_serious_offences": "Keine schweren Straftaten",
    "25b.no_expulsion_interest": "Kein Ausweisungsinteresse",
    "25b.identity": "Identität geklärt",
    "25b.passport": "Pass oder Passersatz",
    "25b.entry_ban": "Kein Einreise- und Aufenthaltsverbot",
    "25b.security_bar": "Keine Abschiebungsanordnung nach § 58a",
    "25b.doc.identity_documents": "Unterlagen: Pass und Identität",
    "25b.doc.civic_language": "Unterlagen: Test „Leben in Deutschland“ und Sprachzertifikat",
    "25b.doc.income": "Unterlagen: Arbeitsvertrag und Einkommensnachweise",
    "25b.doc.rent": "Unterlagen: Mietvertrag und aktuelle Miete",
    "25b.doc.training_study": "Unterlagen: Ausbildung oder Studium",
    "25b.doc.school_certificates": "Unterlagen: aktuelle Schulbescheinigungen",
    "25b.doc.translations": "Unterlagen: deutsche Übersetzungen",
}

# Which documents prove which requirement (the "Nachweis" column and the letter's references)
REQUIREMENT_EVIDENCE = {
    "25b.authority_competence": ("rent_contract",),
    "25b.status": ("residence_document",),
    "25b.residence_period": ("residence_document", "bamf_decision", "court_decision"),
    "25b.family_member": (),
    "25b.fdgo_declaration": (),
    "25b.civic_knowledge": ("civic_test", "school_certificate"),
    "25b.livelihood": (
        "employment_contract",
        "payslip",
        "job_offer",
        "training_contract",
        "tax_assessment",
        "insurance_provisions",
        "rent_contract",
        "rent_proof",
    ),
    "25b.german_a2": ("language_certificate",),
    "25b.school_attendance": ("school_certificate",),
    "25b.refusal_deception": (),
    "25b.refusal_serious_offences": ("criminal_record",),
    "25b.no_expulsion_interest": ("criminal_record",),
    "25b.identity": ("passport", "identity", "passport_efforts"),
    "25b.passport": ("passport", "passport_efforts"),
    "25b.entry_ban": (),
    "25b.security_bar": (),
    "25b.doc.identity_documents": ("passport", "passport_efforts", "identity"),
    "25b.doc.civic_language": ("civic_test", "language_certificate", "school_certificate"),
    "25b.doc.income": ("employment_contract", "payslip", "tax_assessment", "insurance_provisions"),
    "25b.doc.rent": ("rent_contract", "rent_proof"),
    "25b.doc.training_study": ("training_contract", "enrolment_certificate"),
    "25b.doc.school_certificates": ("school_certificate",),
    "25b.doc.translations": (),
}

# letter-outline-25b.md § 2: topic → the report's requirement ids it covers
TOPICS_25B: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Aufenthaltsstatus", ("25b.status",)),
    ("Aufenthaltsdauer", ("25b.residence_period",)),
    ("Bekenntnis und Grundkenntnisse", ("25b.fdgo_declaration", "25b.civic_knowledge")),
    ("Sicherung des Lebensunterhalts", ("25b.livelihood",)),
    ("Deutschkenntnisse", ("25b.german_a2",)),
    ("Schulbesuch der Kinder", ("25b.school_attendance",)),
    ("Pass und Identität", ("25b.identity", "25b.passport")),
    (
        "Keine Versagungsgründe",
        (
            "25b.refusal_deception",
            "25b.refusal_serious_offences",
            "25b.no_expulsion_interest",
            "25b.entry_ban",
            "25b.security_bar",
        ),
    ),
)

RESULT_DE = {
    Outcome.MET: "erfüllt",
    Outcome.EXCEPTION_APPLIES: "Ausnahme",
    Outcome.NEEDS_REVIEW: "offen",
    Outcome.MISSING_INFORMATION: "offen",
    Outcome.NOT_MET: "offen",
}


def _statute_citations(findings: Sequence[Finding]) -> str:
    """The statute parts of the findings' citations, without the engine's own remarks."""
    seen: list[str] = []
    for finding in findings:
        for part in finding.citation.split(";"):
            part = part.strip()
            if part.startswith("§") and "entlehnt" not in part and part not in seen:
                seen.append(part)
    return cite("; ".join(seen))


def _person_label(case: Case, person_id: str | None) -> str:
    if person_id is None:
        return "Haushalt"
    person = _find_person(case, person_id)
    return full_name(person) if person is not None else person_id


def _pending_sentence(case: Case, finding: Finding) -> str | None:
    """What the letter honestly says about an open point (never a self-accusation)."""
    who = ""
    if finding.person is not None:
        person = _find_person(case, finding.person)
        if person is not None:
            who = f" für {full_name(person)}"
    if finding.outcome is Outcome.MISSING_INFORMATION:
        return f"Fehlende Angaben oder Nachweise{who} werden nachgereicht."
    if finding.outcome is Outcome.NEEDS_REVIEW:
        return f"Um Prüfung im Einzelfall{who} wird gebeten."
    return None


def _residence_chain_start(case: Case, person: Person) -> PartialDate | None:
    """Start of the unbroken run of permitted, tolerated or authorised stay up to the
    reference date, as the residence history records it (for the letter's wording only; the
    report decides whether it suffices)."""
    entries = sorted(
        (
            e
            for e in person.residence_history
            if e.status in ("gestattung", "duldung", "aufenthaltserlaubnis")
        ),
        key=lambda e: e.from_.earliest(),
    )
    current = current_status(case, person)
    if current is None or current not in entries:
        return None
    start = current.from_
    index = entries.index(current)
    while index > 0:
        previous = entries[index - 1]
        if previous.to is None or previous.to.latest() + timedelta(days=1) < start.earliest():
            break
        start = previous.from_
        index -= 1
    return start


def _topic_sentences(
    case: Case, report: Report, topic_ids: Sequence[str], refs: Anlagen
) -> list[str]:
    findings = [f for f in report.requirements if f.id in topic_ids]
    sentences: list[str] = []
    covered = [p for p in household_order(case) if any(f.person == p.id for f in findings)]
    first = topic_ids[0]
    if first == "25b.status":
        for person in covered:
            entry = current_status(case, person)
            if entry is None:
                continue
            valid = f", zuletzt gültig {until_text(entry.to)}" if entry.to else ""
            sentences.append(
                f"{running_name(case, person)} besitzt {since_text(entry.from_)} eine "
                f"{status_label(entry)}{valid}"
                f"{refs.cite(('residence_document',), person, household=False)}."
            )
    elif first == "25b.residence_period":
        for person in covered:
            start = _residence_chain_start(case, person)
            if start is None or case.reference_date is None:
                continue
            span = Span.between(start.latest(), case.reference_date).german()
            sentences.append(
                f"{running_name(case, person)} hält sich {since_text(start)} ununterbrochen "
                f"gestattet, geduldet oder erlaubt im Bundesgebiet auf, das sind {span}"
                f"{refs.cite(('residence_document', 'bamf_decision'), person)}."
            )
        if any(is_minor(case, p) for p in household_order(case)):
            sentences.append(
                "Da im Haushalt minderjährige Kinder leben, ist die kürzere Frist maßgeblich."
            )
    elif first == "25b.fdgo_declaration":
        signed = []
        for person in adults(case):
            declaration = person.fdgo_declaration
            if declaration is not None and declaration.signed is not None:
                signed.append(f"{running_name(case, person)} {on_text(declaration.signed)}")
        if signed:
            sentences.append(
                "Das Bekenntnis zur freiheitlichen demokratischen Grundordnung wurde "
                f"unterschrieben: {join_de(signed)}."
            )
        sentences.append(
            "Das Bekenntnis wird auf Ihrem Vordruck abgegeben, sobald Sie ihn zur Verfügung "
            "stellen."
        )
        for person in adults(case):
            degree = next((s for s in person.schooling if s.degree and s.country == "DE"), None)
            if degree is not None and degree.degree:
                sentences.append(
                    f"{running_name(case, person)} hat in Deutschland den "
                    f"{DEGREE_DE[degree.degree]} erworben"
                    f"{refs.cite(('school_certificate',), person, household=False)}."
                )
            civic = person.civic_test
            if civic is not None and civic.passed:
                when = f" {on_text(civic.date)}" if civic.date else ""
                sentences.append(
                    f"{running_name(case, person)} hat{when} den Test „Leben in Deutschland“ "
                    f"bestanden{refs.cite(('civic_test',), person, household=False)}."
                )
    elif first == "25b.livelihood":
        earners = False
        for person in household_order(case):
            for job in person.employment:
                if _is_current(case, job.from_, job.to) or job.kind == "job_offer":
                    earners = True
                    sentences.append(
                        _employment_sentence(case, person, job)[:-1]
                        + refs.cite(WORK_DOCUMENTS, person, household=False)
                        + "."
                    )
        if not earners:
            sentences.append("Derzeit ist niemand im Haushalt erwerbstätig.")
        housing = _housing_sentence(case, refs)
        if housing:
            sentences.append(housing)
        sentences.extend(_benefit_sentences(case))
    elif first == "25b.german_a2":
        for person in adults(case):
            sentences.extend(
                s
                for s in _german_sentences(case, person, refs)
                if "Leben in Deutschland" not in s and "Einbürgerungstest" not in s
            )
    elif first == "25b.school_attendance":
        for person in covered:
            attendance = person.school_attendance
            if attendance is None or not attendance.attending:
                continue
            certificate = ""
            numbers = refs.numbers(("school_certificate",), person, household=False)
            if attendance.certificate_date:
                certificate = f"Schulbescheinigung vom {date_table(attendance.certificate_date)}"
                if numbers:
                    certificate += f", {anlage_text(numbers)}"
            elif numbers:
                certificate = anlage_text(numbers)
            school = f" {attendance.school}" if attendance.school else ""
            sentences.append(
                f"{running_name(case, person)} besucht die Schule{school}"
                f"{' (' + certificate + ')' if certificate else ''}."
            )
    elif first == "25b.identity":
        for person in covered:
            sentences.extend(_identity_sentences(case, person, refs))
    elif first == "25b.refusal_deception":
        persons = [p for p in household_order(case) if p in covered]
        if any(p.offences for p in persons):
            for person in persons:
                if person.offences:
                    texts = [offence_text(o) for o in person.offences]
                    sentences.append(
                        f"Strafrechtliche Angaben zu {full_name(person)}: {'; '.join(texts)}"
                        f"{refs.cite(('criminal_record',), person, household=False)}."
                    )
        elif persons and all(p.offences_stated for p in persons if not is_minor(case, p)):
            sentences.append("Strafrechtliche Verurteilungen liegen nicht vor.")
        sentences.append(
            "Gründe, die der Erteilung nach dem Gesetz entgegenstehen, sind nicht bekannt."
            if all(f.outcome.fulfilled for f in findings)
            else ""
        )
    for finding in findings:
        if finding.outcome is Outcome.EXCEPTION_APPLIES:
            medical = (
                refs.cite(("medical_report",), _find_person(case, finding.person))
                if finding.person
                else ""
            )
            sentences.append(
                f"Für {_person_label(case, finding.person)} gilt insoweit eine Ausnahme "
                f"({cite(finding.citation)}){medical}."
            )
    pending = {s for f in findings if (s := _pending_sentence(case, f))}
    sentences.extend(sorted(pending))
    return [s for s in sentences if s]


def _25b_opening(case: Case, report: Report, refs: Anlagen) -> list[Block]:
    applicant = case.principal
    represented = case.representative is not None
    authority = case.local_authority
    paragraphs = []
    if authority is not None and authority.online_date is not None:
        paragraphs.append(
            f"ergänzend zu {'dem' if represented else 'meinem'} Online-Antrag vom "
            f"{date_table(authority.online_date)} erhalten Sie dieses Schreiben mit einer "
            "Übersicht der Voraussetzungen und den Nachweisen."
        )
    family = [
        _find_person(case, f.person)
        for f in report.requirements
        if f.id == "25b.family_member" and f.outcome is not Outcome.NOT_MET and f.person
    ]
    members = [p for p in family if p is not None]
    family_citation = next(
        (cite(f.citation) for f in report.requirements if f.id == "25b.family_member"), ""
    )
    who = "ich für mich" if not represented else f"{full_name(applicant)}"
    sentence = (
        f"{'Hiermit beantrage ' + who if not represented else who + ' beantragt'} eine "
        f"Aufenthaltserlaubnis nach §{NBSP}25b{NBSP}AufenthG wegen nachhaltiger Integration"
    )
    if members:
        sentence += (
            f" sowie für {join_de([full_name(p) for p in members])} als Familienangehörige, "
            f"die mit {_dative(applicant) if represented else 'mir'} "
            f"in häuslicher Gemeinschaft leben"
            + (f" ({family_citation})" if family_citation else "")
        )
    sentence += "."
    if not paragraphs:
        sentence = sentence[0].lower() + sentence[1:] if not represented else sentence
        paragraphs.append(sentence)
    else:
        paragraphs.append(sentence)
    representative = case.representative
    if representative is not None:
        poa = refs.power_of_attorney()
        by = ", ".join(p for p in (representative.name, representative.organisation) if p)
        paragraphs.append(
            f"Vertreten wird {_nominative(applicant)} "
            f"in diesem Verfahren durch {by}"
            + (f" (Vollmacht: Anlage{NBSP}{poa})" if poa is not None else "")
            + "."
        )
    return [Block("p", " ".join(paragraphs))]


def _nominative(person: Person) -> str:
    return {"female": "sie", "male": "er"}.get(person.sex or "", full_name(person))


def _dative(person: Person) -> str:
    return {"female": "ihr", "male": "ihm"}.get(person.sex or "", full_name(person))


def _fees_blocks(case: Case, report: Report, refs: Anlagen) -> list[Block]:
    fees = report.fees
    if not fees.items:
        return []
    items = ", ".join(
        f"{_person_label(case, item.person)} {money(item.amount)}" for item in fees.items
    )
    text = f"Die Gebühren betragen insgesamt {money(fees.total)} ({items})."
    notice = refs.numbers(("benefit_notice",))
    if fees.exempt:
        text += (
            " Wegen des Bezugs von Leistungen zur Sicherung des Lebensunterhalts ist der Antrag "
            f"gebührenfrei{' (Bescheid: ' + anlage_text(notice) + ')' if notice else ''}."
        )
    elif fees.waiver_possible and notice:
        text += (
            " Wegen des Bezugs von Sozialleistungen wird um Ermäßigung oder Befreiung von den "
            f"Gebühren gebeten (Bescheid: {anlage_text(notice)})."
        )
    else:
        text += " Um Zusendung der Zahlungsaufforderung wird gebeten."
    return [Block("p", text)]


def _25b_body(
    case: Case, report: Report, refs: Anlagen, *, draft: bool
) -> tuple[list[Block], tuple[Section, ...]]:
    opening = _25b_opening(case, report, refs)
    topics = []
    for title, ids in TOPICS_25B:
        findings = [f for f in report.requirements if f.id in ids]
        if not findings:
            continue
        citations = _statute_citations(findings)
        heading = f"{title} ({citations})" if citations else title
        sentences = _topic_sentences(case, report, ids, refs)
        topics.append((heading, [Block("p", " ".join(sentences))] if sentences else []))
    integration = _narrative_blocks(case, "integration", draft=draft)
    engagement = [s for p in household_order(case) for s in _integration_sentences(case, p)]
    evidence = refs.numbers(("volunteering", "membership", "support_letter"))
    if engagement:
        integration.append(
            Block(
                "p",
                " ".join(engagement)[:-1] + (f" ({anlage_text(evidence)})." if evidence else "."),
            )
        )
    elif evidence:
        integration.append(
            Block(
                "p",
                "Nachweise über freiwillige Integrationsleistungen liegen bei "
                f"({anlage_text(evidence)}).",
            )
        )
    declarations = [
        "Das Bekenntnis zur freiheitlichen demokratischen Grundordnung wird auf dem Vordruck "
        "der Ausländerbehörde abgegeben."
    ]
    if any(d.language not in (None, "de") and d.file for d in case.documents):
        declarations.append("Fremdsprachige Unterlagen sind mit deutscher Übersetzung beigefügt.")
    declarations.append("Alle Anlagen sind Kopien; die Originale werden zum Termin mitgebracht.")
    to_follow = _documents_to_follow(case)
    if to_follow:
        declarations.append(f"Folgende Unterlagen werden nachgereicht: {', '.join(to_follow)}.")
    request = _narrative_blocks(case, "request", draft=draft)
    represented = case.representative is not None
    closing = [
        *request,
        Block(
            "p",
            "Für einen Termin zur Aufnahme der biometrischen Daten "
            + ("steht die Antragstellerin bzw. der Antragsteller" if represented else "stehe ich")
            + " jederzeit zur Verfügung. Rückfragen "
            + " beantworte ich gern telefonisch oder per E-Mail.",
        ),
    ]
    sections = _number_sections(
        [
            (
                "Personen",
                [
                    Block("table", table=_persons_table(case, with_status=True)),
                    Block(
                        "p",
                        "Anschrift aller Personen: "
                        f"{address_line(case.household_address) or NOT_KNOWN}.",
                    ),
                ],
                [],
            ),
            ("Voraussetzungen", [], topics),
            ("Besondere Integrationsleistungen", integration, []),
            ("Gebühren", _fees_blocks(case, report, refs), []),
            ("Erklärungen", [Block("p", " ".join(declarations))], []),
            ("Schluss", closing, []),
        ]
    )
    return opening, sections


def _overview(case: Case, report: Report, refs: Anlagen, sent_on: date) -> Overview:
    """Every requirement of the report, never only the met ones (package.md § 3.2 item 9)."""
    rows = []
    topic_numbers = {}
    for index, (_, ids) in enumerate(TOPICS_25B, start=1):
        for requirement_id in ids:
            topic_numbers[requirement_id] = f"2.{index}"
    for finding in report.requirements:
        title = REQUIREMENT_TITLES_DE.get(finding.id, finding.id)
        person = _find_person(case, finding.person) if finding.person else None
        categories = REQUIREMENT_EVIDENCE.get(finding.id, ())
        if finding.outcome is Outcome.EXCEPTION_APPLIES:
            categories = (*categories, "medical_report")
        evidence = anlage_text(refs.numbers(categories, person)) if categories else ""
        if finding.outcome is Outcome.MET:
            note = DASH
        elif finding.outcome is Outcome.EXCEPTION_APPLIES:
            note = "Ausnahme, siehe Schreiben"
        elif finding.outcome is Outcome.MISSING_INFORMATION:
            note = "wird nachgereicht"
        else:
            note = "Prüfung durch die Behörde"
        rows.append(
            OverviewRow(
                requirement=f"{cite(title)} ({cite(finding.citation.split(';')[0].strip())})",
                person=_person_label(case, finding.person),
                result=RESULT_DE[finding.outcome],
                evidence=evidence or DASH,
                note=note,
            )
        )
    return Overview(
        heading="Übersicht der Voraussetzungen und Nachweise",
        subline=f"zum Antrag von {full_name(case.principal)} vom {date_table(sent_on)}",
        rows=tuple(rows),
    )


# --------------------------------------------------------------------------------------------
# Tabellarischer Lebenslauf (package.md § 7)

MARITAL_DE = {
    "single": "ledig",
    "married": "verheiratet",
    "civil_partnership": "eingetragene Lebenspartnerschaft",
    "divorced": "geschieden",
    "widowed": "verwitwet",
}


@dataclass(frozen=True, slots=True)
class Gap:
    """A stretch of more than three months after the 14th birthday that no CV row covers."""

    start: date
    end: date
    after: str | None
    before: str | None

    @property
    def german(self) -> str:
        return f"{date_table(self.start)} {DASH} {date_table(self.end)}"


def cv_events(case: Case, person: Person) -> tuple[list[Event], list[str]]:
    """The dated rows of the Lebenslauf, and the labels of rows left out for lack of a date."""
    events: list[Event] = []
    undated: list[str] = []
    if person.birth_date is not None:
        place = birth_place(person)
        events.append(
            Event(
                person.birth_date,
                None,
                False,
                f"Geburt in {place}" if place != NOT_KNOWN else "Geburt",
            )
        )
    for entry in person.schooling:
        what = SCHOOLING_DE[entry.kind]
        details = [entry.name] if entry.name else []
        if entry.country and entry.country != "DE":
            details.append(country_name(entry.country))
        if details:
            what += f": {', '.join(details)}"
        if entry.degree:
            what += f"; Abschluss: {DEGREE_DE[entry.degree]}"
        _add_dated(events, undated, entry.from_, entry.to, what, entry.approximate)
    for job in person.employment:
        kind = {
            "employed": "Beschäftigung",
            "minijob": "Minijob",
            "self_employed": "Selbständige Tätigkeit",
            "training": "Ausbildung",
            "job_offer": "Arbeitsangebot",
        }[job.kind]
        job_details = ", ".join(p for p in (job.position, job.employer) if p)
        what = f"{kind}{': ' + job_details if job_details else ''}"
        if job.kind == "job_offer":
            if job.from_ is not None:
                events.append(
                    Event(job.from_, None, False, f"{what} (Beginn)", approximate=job.approximate)
                )
            continue
        _add_dated(events, undated, job.from_, job.to, what, job.approximate)
    events.extend(residence_events(case, person))
    events.extend(procedure_events(case, person))
    for activity in person.integration:
        if activity.kind == "support_letter":
            continue
        what = (
            f"{INTEGRATION_DE[activity.kind]}: {activity.what}"
            if activity.what
            else INTEGRATION_DE[activity.kind]
        )
        _add_dated(events, undated, activity.from_, activity.to, what, activity.approximate)
    german = person.german
    if german is not None and german.date is not None and german.level:
        certificate = f" ({german.certificate})" if german.certificate else ""
        events.append(
            Event(german.date, None, False, f"Deutschprüfung{certificate}, Niveau {german.level}")
        )
    civic = person.civic_test
    if civic is not None and civic.passed and civic.date is not None:
        events.append(Event(civic.date, None, False, "Test „Leben in Deutschland“ bestanden"))
    return sorted(events, key=Event.sort_key), undated


def _add_dated(
    events: list[Event],
    undated: list[str],
    start: PartialDate | None,
    end: PartialDate | None,
    what: str,
    approximate: bool,
) -> None:
    # An unknown start is printed only as an estimate the user marked; otherwise it is left
    # out and shown to the user (package.md § 7).
    if start is None:
        undated.append(what)
        return
    events.append(Event(start, end, True, what, approximate=approximate))


def find_cv_gaps(case: Case, person: Person) -> list[Gap]:
    """Gaps of more than three months between dated rows after the 14th birthday, for the user
    to explain before export; they are never filled automatically (package.md § 7)."""
    reference = case.reference_date
    if person.birth_date is None or reference is None:
        return []
    from_age_14 = add_months(person.birth_date.latest(), 14 * 12)
    events, _ = cv_events(case, person)
    spans: list[tuple[date, date, str]] = []
    for event in events:
        if event.what.startswith("Geburt"):
            continue
        start = event.start.earliest()
        if event.is_period:
            end = event.end.latest() if event.end is not None else reference
            if event.current and event.end is None:
                end = reference
        else:
            end = event.start.latest()
        spans.append((start, min(end, reference), event.what))
    spans.sort()
    gaps: list[Gap] = []
    covered_until = from_age_14 - timedelta(days=1)
    previous: str | None = None
    for start, end, what in spans:
        if end < from_age_14:
            continue
        if start > add_months(covered_until, 3) + timedelta(days=1) and start > from_age_14:
            gaps.append(
                Gap(covered_until + timedelta(days=1), start - timedelta(days=1), previous, what)
            )
        if end > covered_until:
            covered_until = end
            previous = what
    if reference > add_months(covered_until, 3) + timedelta(days=1) and reference > from_age_14:
        gaps.append(Gap(covered_until + timedelta(days=1), reference, previous, None))
    return gaps


@dataclass(frozen=True, slots=True)
class CvContext:
    title: str
    person_name: str
    footer: str
    personal: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str], ...]
    languages: tuple[str, ...]
    place: str
    draft: bool


def cv_context(case: Case, person: Person, *, sent_on: date, draft: bool) -> CvContext:
    personal: list[tuple[str, str]] = [
        ("Familienname", person.surname or NOT_KNOWN),
        ("Vorname(n)", person.given_names or NOT_KNOWN),
    ]
    if person.birth_name:
        personal.append(("Geburtsname", person.birth_name))
    personal.extend(
        [
            ("Geburtsdatum", date_table(person.birth_date) or NOT_KNOWN),
            ("Geburtsort", birth_place(person)),
            ("Staatsangehörigkeit", nationalities(person)),
        ]
    )
    if person.marital_status:
        personal.append(("Familienstand", MARITAL_DE[person.marital_status]))
    personal.append(("Anschrift", address_line(case.household_address) or NOT_KNOWN))
    personal.append(("Aufenthaltsstatus", status_text(case, person)))
    events, _ = cv_events(case, person)
    rows = tuple((event.when, event.what) for event in events)
    languages = []
    german = person.german
    if german is not None and german.level:
        text = f"Deutsch: Niveau {german.level}"
        if german.certificate:
            text += f" ({german.certificate}"
            text += f", {date_table(german.date)})" if german.date else ")"
        languages.append(text)
    title = (
        "Tabellarischer Lebenslauf mit Aufenthaltsverlauf"
        if case.target == "abh_hannover_25b"
        else "Tabellarischer Lebenslauf"
    )
    return CvContext(
        title=title,
        person_name=full_name(person),
        footer=f"Lebenslauf {full_name(person)}",
        personal=tuple(personal),
        rows=rows,
        languages=tuple(languages),
        place=(case.household_address.city or "") if case.household_address else "",
        draft=draft,
    )


def cv_title(case: Case, person: Person) -> str:
    """The fixed Anlage title of a generated Lebenslauf (package.md § 8.1)."""
    return f"Tabellarischer Lebenslauf {full_name(person)}"


# --------------------------------------------------------------------------------------------
# Vollmacht (package.md § 9)

REPRESENTATIVE_KIND_DE = {
    "lawyer": "Rechtsanwältin/Rechtsanwalt",
    "counsellor": "Beratungsstelle",
    "other": "Bevollmächtigte Person",
}


@dataclass(frozen=True, slots=True)
class PowerOfAttorneyContext:
    grantors: tuple[tuple[str, str, str], ...]  # name, birth date, address
    children: str | None
    representative: tuple[str, ...]
    scope: str
    place: str
    signers: tuple[str, ...]
    draft: bool


def power_of_attorney_context(case: Case, *, sent_on: date, draft: bool) -> PowerOfAttorneyContext:
    representative = case.representative
    if representative is None:
        raise ValueError("the case names no representative, so there is no Vollmacht")
    address = address_line(case.household_address) or NOT_KNOWN
    grown = adults(case)
    young = minors(case)
    children = None
    if young:
        children = (
            f"zugleich für {'meine' if len(grown) == 1 else 'unsere'} minderjährigen Kinder: "
            + join_de([name_with_birth_date(p) for p in young])
        )
    lines = [
        line
        for line in (
            representative.name,
            representative.organisation,
            address_line(representative.address),
            f"Telefon: {representative.phone}" if representative.phone else None,
            f"E-Mail: {representative.email}" if representative.email else None,
            f"Art: {REPRESENTATIVE_KIND_DE[representative.kind]}",
        )
        if line
    ]
    return PowerOfAttorneyContext(
        grantors=tuple(
            (full_name(p), date_table(p.birth_date) or NOT_KNOWN, address) for p in grown
        ),
        children=children,
        representative=tuple(lines),
        scope=recipient_for(case.target, sent_on).procedure_de,
        place=(case.household_address.city or "") if case.household_address else "",
        signers=tuple(full_name(p) for p in grown),
        draft=draft,
    )


# --------------------------------------------------------------------------------------------
# Anlagenverzeichnis (package.md § 8.1)


@dataclass(frozen=True, slots=True)
class IndexGroup:
    heading: str
    rows: tuple[tuple[str, str, str, str, str], ...]


@dataclass(frozen=True, slots=True)
class IndexContext:
    subline: str
    groups: tuple[IndexGroup, ...]
    draft: bool


def pages_text(entry: IndexEntry) -> str:
    """ "1 (S. 8)", "3 (S. 15–17)", "2 (Teil 2)", "2" in the upload export (every Anlage a file
    of its own), "–" for a document still to follow."""
    if entry.to_follow or entry.first_page is None or entry.last_page is None:
        return DASH
    count = entry.last_page - entry.first_page + 1
    if entry.own_file:
        return str(count)
    if entry.part is not None:
        return f"{count} (Teil {entry.part})"
    pages = (
        f"S.{NBSP}{entry.first_page}"
        if count == 1
        else f"S.{NBSP}{entry.first_page}–{entry.last_page}"
    )
    return f"{count} ({pages})"


def index_context(
    case: Case, entries: Sequence[IndexEntry], *, sent_on: date, draft: bool
) -> IndexContext:
    groups: list[IndexGroup] = []
    current: list[tuple[str, str, str, str, str]] = []
    heading: str | None = None
    for entry in sorted(entries, key=lambda e: e.number):
        if entry.group_heading != heading:
            if heading is not None:
                groups.append(IndexGroup(heading, tuple(current)))
            heading, current = entry.group_heading, []
        title = f"{entry.title} (nachzureichen)" if entry.to_follow else entry.title
        current.append(
            (
                str(entry.number),
                title,
                entry.person_name or DASH,
                DASH if entry.to_follow else (entry.date_text or DASH),
                pages_text(entry),
            )
        )
    if heading is not None:
        groups.append(IndexGroup(heading, tuple(current)))
    return IndexContext(
        subline=f"zum Antrag von {full_name(case.principal)} vom {date_table(sent_on)}",
        groups=tuple(groups),
        draft=draft,
    )


# --------------------------------------------------------------------------------------------
# Telefax-Deckblatt (package.md § 10), Begleitblatt and e-mail texts of split parts (§ 11)


@dataclass(frozen=True, slots=True)
class FaxContext:
    rows: tuple[tuple[str, str], ...]
    also_by_post: bool
    draft: bool


def fax_context(
    case: Case, *, total_pages: int, sent_on: date, draft: bool, also_by_post: bool = False
) -> FaxContext:
    recipient = recipient_for(case.target, sent_on)
    if recipient.fax is None:
        raise ValueError(f"{recipient.short_name} publishes no fax number")
    the_sender = sender(case)
    sender_text = ", ".join(p for p in (the_sender.name, the_sender.phone, the_sender.email) if p)
    lines = betreff(case)
    return FaxContext(
        rows=(
            ("An", recipient.short_name),
            ("Telefax", recipient.fax),
            ("Von", sender_text),
            ("Datum", date_table(sent_on)),
            ("Seiten", f"{total_pages} einschließlich dieses Deckblatts"),
            (
                "Betreff",
                f"{lines[0]} {DASH} Familie {case.principal.surname}"
                if len(case.persons) > 1
                else f"{lines[0]} {DASH} {full_name(case.principal)}",
            ),
        ),
        also_by_post=also_by_post,
        draft=draft,
    )


def procedure_short(case: Case) -> str:
    return (
        "Härtefallantrag" if case.target == "hfk_nrw" else f"Antrag nach §{NBSP}25b{NBSP}AufenthG"
    )


@dataclass(frozen=True, slots=True)
class PartCoverContext:
    heading: str
    lines: tuple[str, ...]
    draft: bool


def part_cover_context(
    case: Case,
    *,
    part: int,
    parts: int,
    first_anlage: int,
    last_anlage: int,
    sent_on: date,
    draft: bool,
) -> PartCoverContext:
    """The Begleitblatt that opens parts 2…y of a split package (package.md § 11)."""
    name = full_name(case.principal)
    contains = (
        f"Anlage {first_anlage}"
        if first_anlage == last_anlage
        else f"Anlagen {first_anlage} bis {last_anlage}"
    )
    return PartCoverContext(
        heading=f"Teil {part} von {parts}",
        lines=(
            f"zum {procedure_short(case)} von {name} vom {date_table(sent_on)}",
            f"enthält {contains}",
        ),
        draft=draft,
    )


def email_subject(case: Case, *, part: int | None = None, parts: int | None = None) -> str:
    """ "Härtefallantrag Kwame Osei, geb. 12.03.1986 – Teil 1 von 3"."""
    applicant = case.principal
    born = f", geb. {date_table(applicant.birth_date)}" if applicant.birth_date else ""
    subject = f"{procedure_short(case)} {full_name(applicant)}{born}"
    if part is not None and parts is not None and parts > 1:
        subject += f" {DASH} Teil {part} von {parts}"
    return subject


def email_body(
    case: Case,
    *,
    sent_on: date,
    part: int,
    parts: int,
    first_anlage: int | None,
    last_anlage: int | None,
) -> str:
    """The short German e-mail text for one part (letter-outline-haertefall.md, end)."""
    the_sender = sender(case)
    family = (
        f"Familie {case.principal.surname}" if len(case.persons) > 1 else full_name(case.principal)
    )
    if first_anlage is None or last_anlage is None:
        anlagen = ""
    elif first_anlage == last_anlage:
        anlagen = f"die Anlage {first_anlage}"
    else:
        anlagen = f"die Anlagen {first_anlage} bis {last_anlage}"
    lines = ["Sehr geehrte Damen und Herren,", ""]
    if part == 1:
        text = (
            f"anbei übersenden wir den {procedure_short(case)} vom {date_table(sent_on)} "
            f"für {family}."
        )
        if parts > 1:
            contents = ", ".join(p for p in ("den Antrag", "das Anlagenverzeichnis") if p)
            text += (
                f" Wegen der Dateigröße schicken wir ihn in {parts} E-Mails. Diese E-Mail "
                f"(Teil 1 von {parts}) enthält {contents}"
                + (f" und {anlagen}." if anlagen else ".")
            )
        lines.append(text)
    else:
        lines.append(
            f"dies ist Teil {part} von {parts} des {procedure_short(case)}s vom "
            f"{date_table(sent_on)} für {family}. Teil {part} von {parts} enthält "
            f"{anlagen or 'weitere Unterlagen'}."
        )
    lines.extend(["", "Mit freundlichen Grüßen", the_sender.name])
    return "\n".join(lines)
