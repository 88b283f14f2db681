"""§ 25b AufenthG requirements for persons and the household (legal-rules.md § 3.1, 3.4–3.16).

One function per requirement, named after what it decides; the citation sits next to it. The
residence status (3.2) lives in `status.py`, the residence period (3.3) in `residence.py`,
livelihood (3.7) in `livelihood.py`, offences (3.11, 3.12) in `offences.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from eligibility.context import Context, Minority, not_applicable
from eligibility.dates import PartialDate, german_date
from eligibility.facts import Person, Procedure
from eligibility.parameters import (
    CHANCEN_25B_PRIVILEGES_END,
    ENTRY_BAN_LIFT_FEE,
    SCHOOL_YEAR_START_DAY,
    SCHOOL_YEAR_START_MONTH,
)
from eligibility.report import Finding, Outcome
from eligibility.status import status_on_reference_date

# --------------------------------------------------------------------------------------------
# 3.1 25b.authority_competence

AUTHORITY_COMPETENCE_ID = "25b.authority_competence"
AUTHORITY_COMPETENCE_CITATION = "§ 71 Abs. 1 AufenthG"
AUTHORITY_CITY = "Hannover"


def authority_competence(ctx: Context) -> Finding:
    """The Ausländerbehörde Hannover is competent for the household's place of residence."""
    address = ctx.case.household_address
    city = address.city.strip() if address is not None and address.city else ""
    facts = ("household_address.city",)
    if not city:
        return Finding(
            id=AUTHORITY_COMPETENCE_ID,
            person=None,
            outcome=Outcome.MISSING_INFORMATION,
            citation=AUTHORITY_COMPETENCE_CITATION,
            reason_de="Wohnort fehlt – die zuständige Ausländerbehörde lässt sich nicht prüfen.",
            facts=facts,
            missing=facts,
        )
    if city.casefold() == AUTHORITY_CITY.casefold():
        return Finding(
            id=AUTHORITY_COMPETENCE_ID,
            person=None,
            outcome=Outcome.MET,
            citation=AUTHORITY_COMPETENCE_CITATION,
            reason_de="Wohnort Hannover: zuständig ist die Ausländerbehörde der "
            "Landeshauptstadt Hannover.",
            facts=facts,
        )
    return Finding(
        id=AUTHORITY_COMPETENCE_ID,
        person=None,
        outcome=Outcome.NEEDS_REVIEW,
        citation=AUTHORITY_COMPETENCE_CITATION,
        reason_de=f"Wohnort {city} – zuständige Ausländerbehörde prüfen. Für die Umlandgemeinden "
        "ist die Ausländerbehörde der Region Hannover zuständig, nicht die der Landeshauptstadt.",
        facts=facts,
    )


# --------------------------------------------------------------------------------------------
# 3.4 25b.family_member

FAMILY_MEMBER_ID = "25b.family_member"
FAMILY_MEMBER_CITATION = "§ 25b Abs. 4 Satz 1 AufenthG"

_NOT_LEDIG = ("married", "civil_partnership")
_FORMERLY_MARRIED = ("divorced", "widowed")
_MARITAL_DE = {
    "single": "ledig",
    "married": "verheiratet",
    "civil_partnership": "eingetragene Lebenspartnerschaft",
    "divorced": "geschieden",
    "widowed": "verwitwet",
}


def _marital_de(status: str | None) -> str:
    return _MARITAL_DE.get(status or "", "Familienstand nicht angegeben")


def family_member(ctx: Context, person: Person) -> Finding:
    """Is a non-principal person a family member covered by § 25b Abs. 4 S. 1?"""
    facts = (
        f"{person.path}.role",
        f"{person.path}.birth_date",
        f"{person.path}.marital_status",
        f"{person.path}.parents",
        "household.members_in_household",
    )
    outcome, reason, missing = _family_member_decision(ctx, person)
    return Finding(
        id=FAMILY_MEMBER_ID,
        person=person.id,
        outcome=outcome,
        citation=FAMILY_MEMBER_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
        missing=missing,
    )


def _household_note(ctx: Context, person: Person) -> str | None:
    if ctx.in_household(person):
        return None
    return (
        "lebt laut Angaben nicht im Haushalt; ob dennoch eine familiäre Lebensgemeinschaft "
        "besteht, beurteilt die Behörde"
    )


def _family_member_decision(ctx: Context, person: Person) -> tuple[Outcome, str, tuple[str, ...]]:
    marital = person.marital_status
    if person.role == "spouse":
        if marital not in (None, "married"):
            return (
                Outcome.NEEDS_REVIEW,
                f"als Ehegatte erfasst, aber Familienstand „{_marital_de(marital)}“ – "
                "Widerspruch, bitte klären.",
                (),
            )
        away = _household_note(ctx, person)
        if away:
            return Outcome.NEEDS_REVIEW, f"Ehegatte, {away}.", ()
        return Outcome.MET, "Ehegatte in häuslicher Gemeinschaft – von Abs. 4 erfasst.", ()
    if person.role == "partner":
        if marital == "civil_partnership":
            away = _household_note(ctx, person)
            if away:
                return Outcome.NEEDS_REVIEW, f"eingetragener Lebenspartner, {away}.", ()
            return (
                Outcome.MET,
                "eingetragener Lebenspartner (LPartG) in häuslicher Gemeinschaft – von Abs. 4 "
                "erfasst.",
                (),
            )
        if marital in ("single", *_FORMERLY_MARRIED):
            return (
                Outcome.NOT_MET,
                f"Partner ohne eingetragene Lebenspartnerschaft ({_marital_de(marital)}): eine "
                "nichteheliche Lebensgemeinschaft fällt nicht unter Abs. 4. Hinweis: ein eigener "
                "Antrag nach § 25b Abs. 1 AufenthG ist möglich.",
                (),
            )
        return (
            Outcome.NEEDS_REVIEW,
            f"Partner, Familienstand „{_marital_de(marital)}“: Abs. 4 erfasst nur Ehegatten und "
            "eingetragene Lebenspartner – bitte die Art der Partnerschaft klären.",
            (),
        )
    if person.role == "child":
        return _child_decision(ctx, person)
    return (
        Outcome.NOT_MET,
        "keine Familienangehörige im Sinne von Abs. 4 (nur Ehegatten, eingetragene "
        "Lebenspartner und minderjährige ledige Kinder). Hinweis: eigener Antrag möglich.",
        (),
    )


def _names_family_parent(ctx: Context, child: Person) -> bool:
    family = {ctx.principal.id} | {p.id for p in ctx.partners_of_principal()}
    return any(parent in family for parent in child.parents)


def _child_decision(ctx: Context, child: Person) -> tuple[Outcome, str, tuple[str, ...]]:
    minority = ctx.minority(child)
    age = ctx.age(child)
    if minority is Minority.ADULT:
        assert age is not None
        return (
            Outcome.NOT_MET,
            f"volljährig ({age.german()}) – nicht von Abs. 4 erfasst. Hinweis: eigener Antrag "
            "nach § 25b Abs. 1 oder, im Alter von 14 bis 26 Jahren, nach § 25a AufenthG.",
            (),
        )
    if child.marital_status in _NOT_LEDIG:
        return (
            Outcome.NOT_MET,
            f"{_marital_de(child.marital_status)}, also nicht ledig – Abs. 4 erfasst nur "
            "minderjährige ledige Kinder. Hinweis: eigener Antrag.",
            (),
        )
    if child.parents and not _names_family_parent(ctx, child):
        return (
            Outcome.NOT_MET,
            "laut Angaben weder Kind der antragstellenden Person noch ihres Ehe-/Lebenspartners "
            "– nicht von Abs. 4 erfasst. Hinweis: eigener Antrag.",
            (),
        )
    if age is None:
        return (
            Outcome.MISSING_INFORMATION,
            "Geburtsdatum fehlt – ob das Kind minderjährig ist, lässt sich nicht prüfen.",
            (f"{child.path}.birth_date",),
        )
    doubts: list[str] = []
    if minority is Minority.UNCLEAR:
        doubts.append(f"Alter am Stichtag unklar ({age.german()})")
    if child.marital_status in _FORMERLY_MARRIED:
        doubts.append(
            f"{_marital_de(child.marital_status)} – ob „ledig“ auch früher Verheiratete "
            "ausschließt, entscheidet die Behörde"
        )
    away = _household_note(ctx, child)
    if away:
        doubts.append(away)
    if doubts:
        return Outcome.NEEDS_REVIEW, "Kind; " + "; ".join(doubts) + ".", ()
    ledig = (
        "ledig"
        if child.marital_status == "single"
        else "als ledig angenommen (Familienstand nicht angegeben; Minderjährige sind in der "
        "Regel unverheiratet)"
    )
    return (
        Outcome.MET,
        f"minderjähriges Kind ({age.german()}), {ledig}, in häuslicher Gemeinschaft – von "
        "Abs. 4 erfasst.",
        (),
    )


# --------------------------------------------------------------------------------------------
# 3.5 25b.fdgo_declaration

FDGO_ID = "25b.fdgo_declaration"
FDGO_CITATION = "§ 25b Abs. 1 Satz 2 Nr. 2 AufenthG"
FDGO_MINIMUM_AGE = 16  # borrowed from § 10 Abs. 1 S. 2 StAG practice – UNVERIFIED for § 25b


def fdgo_declaration(ctx: Context, person: Person) -> Finding:
    """Bekenntnis zur freiheitlichen demokratischen Grundordnung."""
    facts = (f"{person.path}.birth_date", f"{person.path}.fdgo_declaration")
    declaration = person.fdgo_declaration
    if ctx.certainly_under(person, FDGO_MINIMUM_AGE):
        outcome = Outcome.MET
        reason = (
            f"Nicht erforderlich unter {FDGO_MINIMUM_AGE} Jahren (Altersgrenze aus der Praxis zu "
            "§ 10 Abs. 1 Satz 2 StAG übernommen – für § 25b nicht bestätigt)."
        )
    elif declaration is not None and declaration.refused:
        outcome = Outcome.NOT_MET
        reason = (
            "Das Bekenntnis zur freiheitlichen demokratischen Grundordnung wurde verweigert; "
            "es ist Voraussetzung der Erteilung."
        )
    elif declaration is not None and declaration.signed is not None:
        outcome = Outcome.MET
        reason = f"Bekenntnis am {declaration.signed.german()} unterschrieben."
    else:
        outcome = Outcome.MET
        reason = (
            "Bekenntnis wird bei der Ausländerbehörde schriftlich abgegeben; keine gegenteiligen "
            "Anhaltspunkte erfasst (Praxis: Erklärung auf dem Vordruck, ihr Inhalt muss "
            "verstanden werden)."
        )
    return Finding(
        id=FDGO_ID,
        person=person.id,
        outcome=outcome,
        citation=FDGO_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
    )


# --------------------------------------------------------------------------------------------
# Shared facts for civic knowledge and A2

GERMAN_SCHOOL_DEGREES = (
    "hauptschulabschluss",
    "realschulabschluss",
    "fachhochschulreife",
    "abitur",
)
_DEGREE_DE = {
    "hauptschulabschluss": "Hauptschulabschluss",
    "realschulabschluss": "Realschulabschluss",
    "fachhochschulreife": "Fachhochschulreife",
    "abitur": "Abitur",
}


def german_school_degree(person: Person) -> str | None:
    """German name of a German school-leaving certificate of at least Hauptschule level."""
    for schooling in person.schooling:
        if schooling.country == "DE" and schooling.degree in GERMAN_SCHOOL_DEGREES:
            return _DEGREE_DE[schooling.degree]
    return None


def _health_limits(person: Person) -> tuple[set[str], bool]:
    """The limits named by medical reports and whether any health entry has unknown limits."""
    limits: set[str] = set()
    unknown = False
    for entry in person.health:
        if entry.limits is None:
            unknown = True
        else:
            limits.update(entry.limits)
    return limits, unknown


def _minor_shortcut(ctx: Context, person: Person, what: str) -> tuple[Minority, str | None]:
    minority = ctx.minority(person)
    if minority is Minority.MINOR:
        age = ctx.age(person)
        assert age is not None
        return minority, (
            f"minderjährig ({age.german()}): {what} werden altersgerecht über den Schulbesuch "
            "angenommen (Verwaltungspraxis, nicht bestätigt)."
        )
    return minority, None


# --------------------------------------------------------------------------------------------
# 3.6 25b.civic_knowledge

CIVIC_ID = "25b.civic_knowledge"
CIVIC_CITATION = "§ 25b Abs. 1 Satz 2 Nr. 2 AufenthG"
CIVIC_TEST_KINDS = ("leben_in_deutschland", "einbuergerungstest")
_CIVIC_TEST_DE = {
    "leben_in_deutschland": "Test „Leben in Deutschland“",
    "einbuergerungstest": "Einbürgerungstest",
}


def civic_knowledge(ctx: Context, person: Person) -> Finding:
    """Grundkenntnisse der Rechts- und Gesellschaftsordnung (Regelvoraussetzung)."""
    path = person.path
    facts = (
        f"{path}.birth_date",
        f"{path}.civic_test",
        f"{path}.schooling",
        f"{path}.health",
    )
    minority, minor_reason = _minor_shortcut(ctx, person, "Grundkenntnisse")
    missing: tuple[str, ...] = ()
    if minor_reason is not None:
        outcome, reason = Outcome.MET, minor_reason
    else:
        outcome, reason, missing = _civic_steps(ctx, person)
        if minority is Minority.UNCLEAR and outcome is not Outcome.MET:
            outcome = Outcome.NEEDS_REVIEW
            reason += (
                " Ob die Person minderjährig ist (dann altersgerecht angenommen), ist wegen des "
                "unvollständigen Geburtsdatums unklar."
            )
    return Finding(
        id=CIVIC_ID,
        person=person.id,
        outcome=outcome,
        citation=CIVIC_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
        missing=missing,
    )


def _civic_steps(ctx: Context, person: Person) -> tuple[Outcome, str, tuple[str, ...]]:
    test = person.civic_test
    if test is not None and test.passed is True and test.kind in CIVIC_TEST_KINDS:
        when = f" am {test.date.german()}" if test.date else ""
        return Outcome.MET, f"{_CIVIC_TEST_DE[test.kind]}{when} bestanden.", ()
    degree = german_school_degree(person)
    if degree is not None:
        return (
            Outcome.MET,
            f"Deutscher Schulabschluss ({degree}) ersetzt den Test (Unterlagenliste der ABH "
            "Hannover; BMI-Anwendungshinweise).",
            (),
        )
    limits, unknown = _health_limits(person)
    reasons: list[str] = []
    if "civic_test" in limits:
        reasons.append("laut ärztlicher Bescheinigung kann die Person den Test nicht ablegen")
    if unknown:
        reasons.append("eine Erkrankung ist erfasst, ihre Auswirkungen sind nicht angegeben")
    if ctx.pension_age_reached(person):
        reasons.append("die Regelaltersgrenze ist erreicht")
    if reasons:
        return (
            Outcome.NEEDS_REVIEW,
            "Kein Nachweis der Grundkenntnisse; "
            + "; ".join(reasons)
            + ". § 25b Abs. 3 befreit nicht von Nr. 2 – nur eine Entscheidung im atypischen "
            "Einzelfall („regelmäßig“) kann helfen.",
            (),
        )
    if test is None:
        return (
            Outcome.MISSING_INFORMATION,
            "Angaben zum Test „Leben in Deutschland“ fehlen. Nachweis: Zertifikat über den "
            "bestandenen Test oder ein deutscher Schulabschluss (mindestens Hauptschule).",
            (f"{person.path}.civic_test", "civic_test"),
        )
    if test.passed is True:
        return (
            Outcome.MISSING_INFORMATION,
            "Ein bestandener Test ist angegeben, aber nicht welcher – anerkannt werden der Test "
            "„Leben in Deutschland“ und der Einbürgerungstest.",
            (f"{person.path}.civic_test.kind",),
        )
    if test.passed is None:
        return (
            Outcome.MISSING_INFORMATION,
            "Das Ergebnis des Tests ist nicht angegeben.",
            (f"{person.path}.civic_test.passed",),
        )
    return (
        Outcome.NOT_MET,
        "Test nicht bestanden und kein deutscher Schulabschluss. Hilfreich: den Test „Leben in "
        "Deutschland“ (erneut) ablegen, z. B. nach einem Orientierungskurs.",
        (),
    )


# --------------------------------------------------------------------------------------------
# 3.8 25b.german_a2

GERMAN_ID = "25b.german_a2"
GERMAN_CITATION = "§ 25b Abs. 1 Satz 2 Nr. 4 AufenthG; § 2 Abs. 10 AufenthG"
GERMAN_EXCEPTION_CITATION = "§ 25b Abs. 3 AufenthG"
CEFR_ORDER = ("A1", "A2", "B1", "B2", "C1", "C2")
REQUIRED_LEVEL = "A2"  # "hinreichende" Deutschkenntnisse, § 2 Abs. 10 AufenthG
_CERTIFICATE_DE = {
    "DTZ": "DTZ",
    "telc": "telc",
    "goethe": "Goethe-Institut",
    "oesd": "ÖSD",
    "school": "Schulzeugnis",
    "other": "sonstiges Zertifikat",
}


def _at_least(level: str, required: str) -> bool:
    return CEFR_ORDER.index(level) >= CEFR_ORDER.index(required)


def german_a2(ctx: Context, person: Person) -> Finding:
    """Hinreichende mündliche Deutschkenntnisse (A2), with the § 25b Abs. 3 exception."""
    path = person.path
    facts = (f"{path}.birth_date", f"{path}.german", f"{path}.schooling", f"{path}.health")
    minority, minor_reason = _minor_shortcut(ctx, person, "Deutschkenntnisse")
    citation = GERMAN_CITATION
    missing: tuple[str, ...] = ()
    if minor_reason is not None:
        outcome, reason = Outcome.MET, minor_reason
    else:
        outcome, reason, missing = _german_steps(ctx, person)
        if outcome is Outcome.EXCEPTION_APPLIES:
            citation += "; " + GERMAN_EXCEPTION_CITATION
        if minority is Minority.UNCLEAR and not outcome.fulfilled:
            outcome = Outcome.NEEDS_REVIEW
            reason += (
                " Ob die Person minderjährig ist (dann altersgerecht angenommen), ist wegen des "
                "unvollständigen Geburtsdatums unklar."
            )
    return Finding(
        id=GERMAN_ID,
        person=person.id,
        outcome=outcome,
        citation=citation,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
        missing=missing,
    )


def _german_steps(ctx: Context, person: Person) -> tuple[Outcome, str, tuple[str, ...]]:
    german = person.german
    level = german.level if german is not None else None
    sufficient = level is not None and _at_least(level, REQUIRED_LEVEL)
    if german is not None and level is not None and sufficient and german.certificate:
        certificate = _CERTIFICATE_DE[german.certificate]
        when = f" vom {german.date.german()}" if german.date else ""
        return Outcome.MET, f"Deutsch {level} nachgewiesen ({certificate}{when}).", ()
    degree = german_school_degree(person)
    if degree is not None:
        return (
            Outcome.MET,
            f"Deutscher Schulabschluss ({degree}) belegt hinreichende Deutschkenntnisse "
            "(Unterlagenliste der ABH Hannover).",
            (),
        )
    if sufficient:
        return (
            Outcome.MISSING_INFORMATION,
            f"Deutsch {level} angegeben, aber ohne Zertifikat. Die ABH Hannover verlangt ein "
            "Sprachzertifikat mindestens der Stufe A2 (z. B. DTZ).",
            (f"{person.path}.german.certificate", "language_certificate"),
        )
    limits, unknown = _health_limits(person)
    if "german" in limits:
        return (
            Outcome.EXCEPTION_APPLIES,
            "Laut ärztlicher Bescheinigung kann die Person wegen einer Krankheit oder "
            "Behinderung nicht ausreichend Deutsch lernen: Nr. 4 entfällt (§ 25b Abs. 3 "
            "AufenthG). Die ärztliche Bescheinigung ist beizufügen.",
            (),
        )
    if unknown:
        return (
            Outcome.NEEDS_REVIEW,
            "Deutsch A2 nicht nachgewiesen; eine Erkrankung ist erfasst, ihre Auswirkungen sind "
            "nicht angegeben. § 25b Abs. 3 greift nur, wenn ein ärztliches Attest zeigt, dass "
            "die Krankheit das Deutschlernen verhindert.",
            (),
        )
    if ctx.pension_age_reached(person):
        return (
            Outcome.NEEDS_REVIEW,
            "Deutsch A2 nicht nachgewiesen; die Regelaltersgrenze ist erreicht. § 25b Abs. 3 "
            "verlangt, dass die Person aus Altersgründen nicht Deutsch lernen kann – das ist eine "
            "Einzelfallprüfung, das Rentenalter allein genügt nicht.",
            (),
        )
    if german is None or level is None:
        return (
            Outcome.MISSING_INFORMATION,
            "Angaben zu den Deutschkenntnissen fehlen (erforderlich: A2, mit Zertifikat).",
            (f"{person.path}.german", "language_certificate"),
        )
    return (
        Outcome.NOT_MET,
        f"Deutsch {level} – erforderlich ist A2. Hilfreich: Sprachkurs und Prüfung (z. B. DTZ).",
        (),
    )


# --------------------------------------------------------------------------------------------
# 3.9 25b.school_attendance

SCHOOL_ID = "25b.school_attendance"
SCHOOL_CITATION = "§ 25b Abs. 1 Satz 2 Nr. 5 AufenthG; § 64 Abs. 1, § 65 NSchG"
SCHOOL_ENTRY_AGE = 6  # § 64 Abs. 1 NSchG
# § 64 Abs. 1 NSchG: the sixth year completed by 30 September; born on 1 October → completed on
# 30 September (§ 187 Abs. 2 BGB).
SCHOOL_ENTRY_LATEST_BIRTH = (10, 1)
# Children who complete the sixth year from 1 July (born from 2 July) may be deferred by a
# declaration of the parents (§ 64 Abs. 1 Satz 2 NSchG).
SCHOOL_DEFERRAL_EARLIEST_BIRTH = (7, 2)


@dataclass(frozen=True, slots=True)
class SchoolYear:
    start: date  # 1 August of the current school year
    latest_birth: date  # born on or before → of school age
    deferral_from: date  # born in [deferral_from, latest_birth] → entry may be deferred


def school_year(reference: date) -> SchoolYear:
    """The current school year in Niedersachsen: the latest 1 August on or before `reference`."""
    year = reference.year
    if (reference.month, reference.day) < (SCHOOL_YEAR_START_MONTH, SCHOOL_YEAR_START_DAY):
        year -= 1
    birth_year = year - SCHOOL_ENTRY_AGE
    return SchoolYear(
        start=date(year, SCHOOL_YEAR_START_MONTH, SCHOOL_YEAR_START_DAY),
        latest_birth=date(birth_year, *SCHOOL_ENTRY_LATEST_BIRTH),
        deferral_from=date(birth_year, *SCHOOL_DEFERRAL_EARLIEST_BIRTH),
    )


@dataclass(frozen=True, slots=True)
class SchoolAge:
    possible: bool  # may be of school age (then the proof is required)
    certain: bool
    deferral_possible: bool  # the birth date may lie in the deferral window


def school_age(ctx: Context, child: Person) -> SchoolAge:
    """School age in Niedersachsen on the reference date; partial birth dates give a range."""
    if child.birth_date is None:
        minority = ctx.minority(child)
        possible = minority is not Minority.ADULT
        return SchoolAge(possible, False, possible)
    year = school_year(ctx.reference_date)
    birth: PartialDate = child.birth_date
    minority = ctx.minority(child)
    possible = minority is not Minority.ADULT and birth.earliest() <= year.latest_birth
    certain = minority is Minority.MINOR and birth.latest() <= year.latest_birth
    deferral = (
        possible and birth.latest() >= year.deferral_from and birth.earliest() <= year.latest_birth
    )
    return SchoolAge(possible, certain, deferral)


def school_age_children(ctx: Context, covered: Sequence[Person]) -> tuple[Person, ...]:
    """Covered children who are (or may be) of school age – also used by the document checks."""
    return tuple(
        person for person in covered if person.role == "child" and school_age(ctx, person).possible
    )


def school_attendance(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """Tatsächlicher Schulbesuch der schulpflichtigen Kinder (a requirement of the principal)."""
    children = school_age_children(ctx, covered)
    if not children:
        return [
            not_applicable(
                SCHOOL_ID, SCHOOL_CITATION, "kein Kind im schulpflichtigen Alter erfasst."
            )
        ]
    return [_school_attendance_of(ctx, child) for child in children]


def _school_attendance_of(ctx: Context, child: Person) -> Finding:
    path = child.path
    facts = (f"{path}.birth_date", f"{path}.school_attendance")
    age = school_age(ctx, child)
    year = school_year(ctx.reference_date)
    name = child.display_name
    attendance = child.school_attendance
    assumed = (
        ""
        if age.certain
        else " Das Kind ist möglicherweise schulpflichtig (Geburtsdatum unvollständig oder "
        "Alter unklar) und wird deshalb wie ein schulpflichtiges Kind behandelt."
    )
    if attendance is None or attendance.attending is None:
        outcome = Outcome.MISSING_INFORMATION
        reason = (
            "schulpflichtig; Angaben zum Schulbesuch fehlen. Nachweis: aktuelle Schulbescheinigung."
        )
        missing: tuple[str, ...] = (f"{path}.school_attendance", "school_certificate")
    elif attendance.attending:
        outcome = Outcome.MET
        school = f" ({attendance.school})" if attendance.school else ""
        reason = f"besucht die Schule{school}."
        missing = ()
    elif age.deferral_possible:
        outcome = Outcome.NEEDS_REVIEW
        reason = (
            "besucht keine Schule. Das Kind wird zwischen dem 1. Juli und dem 30. September "
            f"{year.latest_birth.year + SCHOOL_ENTRY_AGE} sechs Jahre alt (oder könnte es "
            "werden); die Eltern können die Einschulung durch Erklärung um ein Jahr "
            "zurückstellen (§ 64 Abs. 1 Satz 2 NSchG) – Nachweis der Zurückstellung beifügen."
        )
        missing = ()
    elif not age.certain:
        outcome = Outcome.NEEDS_REVIEW
        reason = "besucht keine Schule; ob Schulpflicht besteht, hängt vom genauen Geburtsdatum ab."
        missing = ()
    else:
        outcome = Outcome.NOT_MET
        reason = (
            "schulpflichtig (Schuljahr ab "
            f"{german_date(year.start)}), besucht aber keine Schule. Der tatsächliche "
            "Schulbesuch ist Voraussetzung; hilfreich: sofortige Anmeldung bei einer Schule."
        )
        missing = ()
    return Finding(
        id=SCHOOL_ID,
        person=child.id,
        outcome=outcome,
        citation=SCHOOL_CITATION,
        reason_de=f"{name}: {reason}{assumed}",
        facts=facts,
        missing=missing,
    )


# --------------------------------------------------------------------------------------------
# 3.10 25b.refusal_deception

DECEPTION_ID = "25b.refusal_deception"
DECEPTION_CITATION = "§ 25b Abs. 2 Nr. 1 AufenthG"


def refusal_deception(ctx: Context, person: Person) -> Finding:
    """§ 25b Abs. 2 Nr. 1: the person prevents or delays the end of the stay by deception."""
    periods = [
        entry
        for entry in person.residence_history
        if entry.status == "duldung"
        and entry.basis == "60b"
        and entry.from_.earliest() <= ctx.reference_date
    ]
    current = [entry for entry in periods if ctx.is_possibly_current(entry.from_, entry.to)]
    if current:
        outcome = Outcome.NEEDS_REVIEW
        reason = (
            f"Aktuell Duldung für Personen mit ungeklärter Identität (§ 60b AufenthG) seit "
            f"{current[0].from_.german()}: die Behörde wirft der Person vor, die "
            "Aufenthaltsbeendigung durch Täuschung oder fehlende Mitwirkung zu verhindern. Das ist "
            "ein zwingender Versagungsgrund, wenn es weiter zutrifft – Behörde prüft. Hilfreich: "
            "Nachweise über Passbeschaffung und Mitwirkung."
        )
    elif periods:
        outcome = Outcome.NEEDS_REVIEW
        spans = ", ".join(
            f"{e.from_.german()}–{e.to.german() if e.to else 'offen'}" for e in periods
        )
        reason = (
            f"Früher Duldung nach § 60b AufenthG ({spans}). § 25b Abs. 2 Nr. 1 spricht im "
            "Präsens („verhindert oder verzögert“); ob ein inzwischen behobenes Verhalten noch "
            "zählt, entscheidet die Behörde (nicht abschließend geklärt)."
        )
    else:
        outcome = Outcome.MET
        reason = "Keine Anhaltspunkte für Täuschung oder fehlende Mitwirkung erfasst."
    return Finding(
        id=DECEPTION_ID,
        person=person.id,
        outcome=outcome,
        citation=DECEPTION_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=(f"{person.path}.residence_history",),
    )


# --------------------------------------------------------------------------------------------
# 3.13 25b.identity

IDENTITY_ID = "25b.identity"
IDENTITY_CITATION = "§ 5 Abs. 1 Nr. 1a AufenthG; § 5 Abs. 3 Satz 2 AufenthG"
IDENTITY_104C_CITATION = "§ 25b Abs. 8 AufenthG"


def _passport_held(person: Person) -> bool | None:
    identity = person.identity
    if identity is None or identity.passport is None:
        return None
    return identity.passport.held


def identity(ctx: Context, person: Person) -> Finding:
    """Identität geklärt (§ 5 Abs. 1 Nr. 1a; for § 104c holders § 25b Abs. 8)."""
    path = person.path
    facts = (
        f"{path}.identity.passport.held",
        f"{path}.identity.other_identity_documents",
        f"{path}.identity.passport_efforts",
        f"{path}.residence_history",
    )
    citation = IDENTITY_CITATION
    data = person.identity
    missing: tuple[str, ...] = ()
    held = _passport_held(person)
    if data is None:
        outcome = Outcome.MISSING_INFORMATION
        reason = "Angaben zu Pass und Identitätsnachweisen fehlen."
        missing = (f"{path}.identity",)
    elif held is True:
        outcome = Outcome.MET
        reason = "Identität durch einen Pass nachgewiesen."
        valid_until = data.passport.valid_until if data.passport is not None else None
        if valid_until is not None and valid_until.latest() < ctx.reference_date:
            reason += " Auch ein abgelaufener Pass belegt die Identität."
    elif held is None:
        outcome = Outcome.MISSING_INFORMATION
        reason = "Nicht angegeben, ob ein Pass vorhanden ist."
        missing = (f"{path}.identity.passport.held",)
    elif data.other_identity_documents:
        outcome = Outcome.NEEDS_REVIEW
        listed = ", ".join(data.other_identity_documents)
        reason = (
            f"Kein Pass; andere Identitätsnachweise: {listed}. Ob sie die Identität klären, "
            "beurteilt die Behörde (Praxis Hannover: Identität „durch andere Originaldokumente "
            "geklärt“)."
        )
    elif (
        data.passport_efforts
        and status_on_reference_date(ctx, person).holds_104c
        and ctx.reference_date < CHANCEN_25B_PRIVILEGES_END
    ):
        outcome = Outcome.NEEDS_REVIEW
        citation += "; " + IDENTITY_104C_CITATION
        reason = (
            "Kein Pass und keine anderen Identitätsnachweise, aber Bemühungen um einen Pass "
            "erfasst. Für Inhaber einer AE nach § 104c kann die Behörde davon absehen, wenn "
            "alle erforderlichen und zumutbaren Maßnahmen ergriffen wurden (§ 25b Abs. 8 Satz 2 "
            "AufenthG – Ermessen)."
        )
    else:
        outcome = Outcome.NOT_MET
        reason = (
            "Identität nicht geklärt: kein Pass und keine anderen Identitätsnachweise erfasst. "
            "Hilfreich: Pass beantragen oder Originaldokumente (z. B. Geburtsurkunde, "
            "Tazkira) beschaffen; die Behörde kann im Ermessen absehen (§ 5 Abs. 3 Satz 2)."
        )
    return Finding(
        id=IDENTITY_ID,
        person=person.id,
        outcome=outcome,
        citation=citation,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
        missing=missing,
    )


# --------------------------------------------------------------------------------------------
# 3.14 25b.passport

PASSPORT_ID = "25b.passport"
PASSPORT_CITATION = "§ 5 Abs. 1 Nr. 4, § 3 Abs. 1 AufenthG; § 5 Abs. 3 Satz 2 AufenthG"


def passport(ctx: Context, person: Person, identity_outcome: Outcome) -> Finding:
    """Passpflicht (§ 3 Abs. 1, § 5 Abs. 1 Nr. 4), with Hannover's practice for efforts."""
    path = person.path
    facts = (f"{path}.identity.passport", f"{path}.identity.passport_efforts")
    data = person.identity
    held = _passport_held(person)
    reference = ctx.reference_date
    missing: tuple[str, ...] = ()
    outcome: Outcome
    reason: str
    if data is None:
        outcome, reason = Outcome.MISSING_INFORMATION, "Angaben zum Pass fehlen."
        missing = (f"{path}.identity",)
    elif held is None:
        outcome, reason = Outcome.MISSING_INFORMATION, "Nicht angegeben, ob ein Pass vorhanden ist."
        missing = (f"{path}.identity.passport.held",)
    else:
        valid_until = data.passport.valid_until if data.passport is not None else None
        if held and valid_until is None:
            outcome = Outcome.MISSING_INFORMATION
            reason = "Pass vorhanden, aber die Gültigkeit ist nicht angegeben."
            missing = (f"{path}.identity.passport.valid_until",)
        elif held and valid_until is not None and valid_until.earliest() >= reference:
            outcome = Outcome.MET
            reason = f"Gültiger Pass (gültig bis {valid_until.german()})."
        elif held and valid_until is not None and valid_until.latest() >= reference:
            outcome = Outcome.NEEDS_REVIEW
            reason = (
                f"Pass gültig bis „{valid_until.german()}“ – ob er am Stichtag noch gilt, hängt "
                "vom genauen Datum ab."
            )
        else:
            expired = (
                f"Der Pass ist seit dem {german_date(valid_until.latest())} abgelaufen. "
                if held and valid_until is not None
                else "Kein Pass vorhanden. "
            )
            outcome, reason = _passport_without_valid(data.passport_efforts != (), identity_outcome)
            reason = expired + reason
    return Finding(
        id=PASSPORT_ID,
        person=person.id,
        outcome=outcome,
        citation=PASSPORT_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
        missing=missing,
    )


def _passport_without_valid(efforts: bool, identity_outcome: Outcome) -> tuple[Outcome, str]:
    if efforts and identity_outcome is Outcome.MET:
        return (
            Outcome.EXCEPTION_APPLIES,
            "Bemühungen um einen Pass sind erfasst und die Identität ist geklärt – die ABH "
            "Hannover lässt das genügen (Praxis; § 5 Abs. 3 Satz 2 AufenthG). Nach der Erteilung "
            "kann ein Reiseausweis für Ausländer in Betracht kommen (§ 5, § 6 Satz 1 Nr. 2 "
            "AufenthV).",
        )
    if efforts:
        return (
            Outcome.NEEDS_REVIEW,
            "Bemühungen um einen Pass sind erfasst, die Identität ist aber nicht sicher geklärt; "
            "ob die Behörde von der Passpflicht absieht, ist eine Ermessensfrage (§ 5 Abs. 3 "
            "Satz 2 AufenthG).",
        )
    return (
        Outcome.NOT_MET,
        "Keine Bemühungen um einen Pass erfasst. Hilfreich: bei der Botschaft einen Pass "
        "beantragen und jeden Schritt belegen.",
    )


# --------------------------------------------------------------------------------------------
# 3.15 25b.entry_ban

ENTRY_BAN_ID = "25b.entry_ban"
ENTRY_BAN_CITATION = "§ 11 Abs. 1 Satz 3, Abs. 4 Satz 2 AufenthG"


def entry_ban_in_force(ctx: Context, procedure: Procedure) -> bool:
    """An entry ban or expulsion in force on the reference date (§ 3.15)."""
    if procedure.outcome == "lifted":
        return False
    if procedure.kind == "entry_ban":
        # An end date counts until its last possible day (the unfavourable reading).
        return procedure.until is None or procedure.until.latest() >= ctx.reference_date
    if procedure.kind == "expulsion":
        return procedure.decided is not None or procedure.pending is True
    return False


def bans_in_force(ctx: Context, person: Person) -> tuple[Procedure, ...]:
    return tuple(
        procedure
        for procedure in ctx.case.procedures
        if procedure.concerns(person.id) and entry_ban_in_force(ctx, procedure)
    )


def entry_ban(ctx: Context, person: Person) -> Finding:
    """Einreise- und Aufenthaltsverbot (§ 11 Abs. 1 S. 3; lifting § 11 Abs. 4 S. 2)."""
    relevant = [
        p
        for p in ctx.case.procedures
        if p.kind in ("entry_ban", "expulsion") and p.concerns(person.id)
    ]
    facts = tuple(f"procedures[{p.index}]" for p in relevant) or ("procedures",)
    in_force = bans_in_force(ctx, person)
    if in_force:
        described = "; ".join(_ban_de(p) for p in in_force)
        outcome = Outcome.NEEDS_REVIEW
        reason = (
            f"Einreise- und Aufenthaltsverbot in Kraft ({described}). Es sperrt jeden "
            "Aufenthaltstitel, selbst bei einem Anspruch (§ 11 Abs. 1 Satz 3 AufenthG), soll "
            "aber aufgehoben werden, wenn die Voraussetzungen eines Titels nach Abschnitt 5 "
            "vorliegen (§ 11 Abs. 4 Satz 2). Hilfreich: mit dem Antrag die Aufhebung "
            f"beantragen (Gebühr {_euro_de(ENTRY_BAN_LIFT_FEE)} nach § 47 Abs. 1 Nr. 1a "
            "AufenthV). Verbote nach § 11 Abs. 5a/5b werden in der Regel nicht aufgehoben."
        )
    else:
        outcome = Outcome.MET
        reason = (
            "Kein Einreise- und Aufenthaltsverbot in Kraft erfasst."
            if not relevant
            else "Das erfasste Einreise- und Aufenthaltsverbot ist abgelaufen oder aufgehoben."
        )
    return Finding(
        id=ENTRY_BAN_ID,
        person=person.id,
        outcome=outcome,
        citation=ENTRY_BAN_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
    )


def _euro_de(amount: Decimal) -> str:
    return f"{amount:.2f} €".replace(".", ",")


def _ban_de(procedure: Procedure) -> str:
    if procedure.kind == "expulsion":
        decided = f" vom {procedure.decided.german()}" if procedure.decided else " (anhängig)"
        return f"Ausweisung{decided}, die ein Verbot nach § 11 Abs. 1 Satz 1 nach sich zieht"
    until = f"bis {procedure.until.german()}" if procedure.until else "ohne Fristende"
    by = f" ({procedure.authority})" if procedure.authority else ""
    return f"Verbot{by} {until}"


# --------------------------------------------------------------------------------------------
# 3.16 25b.security_bar

SECURITY_ID = "25b.security_bar"
SECURITY_CITATION = "§ 5 Abs. 4 AufenthG"


def security_bar(ctx: Context, person: Person) -> Finding:
    """§ 5 Abs. 4: a deportation order under § 58a makes refusal mandatory."""
    orders = [p for p in ctx.case.procedures if p.kind == "order_58a" and p.concerns(person.id)]
    active = [p for p in orders if p.outcome != "lifted"]
    facts = tuple(f"procedures[{p.index}]" for p in orders) or ("procedures",)
    if active:
        outcome = Outcome.NOT_MET
        reason = (
            "Abschiebungsanordnung nach § 58a AufenthG erfasst: die Erteilung ist zwingend zu "
            "versagen (§ 5 Abs. 4 AufenthG) – auch ein atypischer Fall hilft nicht."
        )
    elif orders:
        outcome = Outcome.MET
        reason = "Die erfasste Anordnung nach § 58a AufenthG ist aufgehoben."
    else:
        outcome = Outcome.MET
        reason = (
            "Keine Abschiebungsanordnung nach § 58a erfasst (Sicherheitsbedenken nach § 54 "
            "Abs. 1 Nr. 2 oder 4 kann die App nicht erfassen)."
        )
    return Finding(
        id=SECURITY_ID,
        person=person.id,
        outcome=outcome,
        citation=SECURITY_CITATION,
        reason_de=f"{person.display_name}: {reason}",
        facts=facts,
    )
