"""Interface labels for the enumerations of `haertefall-case/1` (case-format.md).

The keys are exactly the values the case format allows (eligibility.facts lists them); a test
checks that every allowed value has a label, so a value added to the format cannot silently
appear unlabelled.
"""

import functools
import unicodedata
from collections.abc import Iterable, Mapping

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from haertefall.wizard.countries import COUNTRY_NAMES

Labels = Mapping[str, Promise]

ROLES: Labels = {
    "applicant": _("Applicant (the person who applies)"),
    "spouse": _("Wife or husband"),
    "partner": _("Partner (not married)"),
    "child": _("Child"),
    "other": _("Other person in the household"),
}

CHANNELS: Labels = {
    "post": _("By post"),
    "fax": _("By fax"),
    "email": _("By e-mail (attachments as PDF only)"),
    "online": _("Online, on the authority's website"),
}
# Which ways each authority takes (case-format.md, channel; the authorities' own pages).
CHANNELS_BY_TARGET: dict[str, tuple[str, ...]] = {
    "hfk_nrw": ("post", "fax", "email"),
    "abh_hannover_25b": ("online", "post"),
}

SEXES: Labels = {
    "female": _("female"),
    "male": _("male"),
    "diverse": _("diverse"),
}

MARITAL_STATUSES: Labels = {
    "single": _("single (never married)"),
    "married": _("married"),
    "civil_partnership": _("registered civil partnership"),
    "divorced": _("divorced"),
    "widowed": _("widowed"),
}

RESIDENCE_STATUSES: Labels = {
    "gestattung": _("Aufenthaltsgestattung (asylum procedure pending)"),
    "duldung": _("Duldung (temporary suspension of deportation)"),
    "aufenthaltserlaubnis": _("Aufenthaltserlaubnis (residence permit)"),
    "visa": _("Visa"),
    "niederlassungserlaubnis": _("Niederlassungserlaubnis (settlement permit)"),
    "none": _("No status, not registered"),
    "abroad": _("Lived abroad"),
}

# The legal basis of a Duldung or residence permit; imported cases may carry others, which the
# form then offers as well so that nothing is lost.
RESIDENCE_BASES: Labels = {
    "60a": _("§ 60a (Duldung)"),
    "60b": _("§ 60b (Duldung for persons with unclear identity)"),
    "60c": _("§ 60c (Duldung for vocational training)"),
    "60d": _("§ 60d (Duldung for employment)"),
    "104c": _("§ 104c (opportunity residence permit)"),
    "25a": _("§ 25a (well-integrated young people)"),
    "25b": _("§ 25b (long-term integration)"),
    "25_5": _("§ 25 (5) (departure impossible)"),
    "23a": _("§ 23a (hardship commission)"),
}

CEFR_LEVELS: Labels = {
    "A1": _("A1 (beginner)"),
    "A2": _("A2 (basic)"),
    "B1": _("B1 (intermediate)"),
    "B2": _("B2 (upper intermediate)"),
    "C1": _("C1 (advanced)"),
    "C2": _("C2 (very good)"),
}

LANGUAGE_CERTIFICATES: Labels = {
    "DTZ": _("German test for immigrants (DTZ)"),
    "telc": _("telc certificate"),
    "goethe": _("Goethe-Institut certificate"),
    "oesd": _("ÖSD certificate"),
    "school": _("German school certificate"),
    "other": _("Other certificate"),
}

CIVIC_TEST_KINDS: Labels = {
    "leben_in_deutschland": _("Test “Leben in Deutschland”"),
    "einbuergerungstest": _("Naturalisation test"),
}

SCHOOLING_KINDS: Labels = {
    "kindergarten": _("Day care (Kita)"),
    "school": _("School"),
    "vocational_training": _("Vocational training"),
    "study": _("University studies"),
    "integration_course": _("Integration course"),
    "other": _("Other education"),
}

SCHOOL_DEGREES: Labels = {
    "hauptschulabschluss": _("Hauptschulabschluss"),
    "realschulabschluss": _("Realschulabschluss (Mittlere Reife)"),
    "fachhochschulreife": _("Fachhochschulreife"),
    "abitur": _("Abitur"),
}

EMPLOYMENT_KINDS: Labels = {
    "employed": _("Employed"),
    "self_employed": _("Self-employed"),
    "training": _("Apprenticeship (Ausbildung)"),
    "minijob": _("Mini-job"),
    "job_offer": _("Job offer, not started yet"),
}

BENEFIT_KINDS: Labels = {
    "buergergeld": _("Bürgergeld"),
    "asylblg": _("Benefits under the Asylum Seekers Benefits Act (AsylbLG)"),
    "sozialhilfe": _("Social assistance (Sozialhilfe)"),
    "wohngeld": _("Housing benefit (Wohngeld)"),
    "kinderzuschlag": _("Child supplement (Kinderzuschlag)"),
    "kindergeld": _("Child benefit (Kindergeld)"),
    "bafoeg": _("BAföG"),
    "bab": _("Vocational training allowance (BAB)"),
    "other": _("Other benefit"),
}

SANCTIONS: Labels = {
    "fine": _("Fine"),
    "prison": _("Prison sentence"),
    "juvenile_measure": _("Measure under juvenile criminal law"),
    "proceedings_pending": _("Proceedings still pending"),
    "dropped": _("Proceedings dropped"),
}

OFFENCE_CATEGORIES: Labels = {
    "life": _("Against life"),
    "body": _("Bodily harm"),
    "sexual": _("Sexual offence"),
    "property": _("Theft, fraud or damage to property"),
    "drugs": _("Drugs"),
    "traffic": _("Traffic"),
    "residence_law": _("Residence law (e.g. § 95 Residence Act)"),
    "other": _("Other"),
}

HEALTH_LIMITS: Labels = {
    "german": _("learning German"),
    "work": _("working"),
    "civic_test": _("taking the test “Leben in Deutschland”"),
}

INTEGRATION_KINDS: Labels = {
    "volunteering": _("Volunteering"),
    "membership": _("Membership in a club or association"),
    "religious_community": _("Religious community"),
    "support_letter": _("Letter of support"),
    "course": _("Course"),
    "other": _("Other"),
}

REPRESENTATIVE_KINDS: Labels = {
    "counsellor": _("Counsellor at an advice centre"),
    "lawyer": _("Lawyer"),
    "other": _("Other person"),
}

PROCEDURE_KINDS: Labels = {
    "asylum": _("Asylum procedure"),
    "asylum_followup": _("Follow-up asylum application"),
    "court": _("Court case"),
    "petition": _("Petition to the state parliament"),
    "deportation_order": _("Deportation order"),
    "deportation_scheduled": _("Date for deportation fixed"),
    "haertefall_previous": _("Earlier hardship petition"),
    "expulsion": _("Expulsion (Ausweisung)"),
    "entry_ban": _("Entry and residence ban"),
    "order_58a": _("Deportation order under § 58a"),
    "residence_application": _("Application for a residence permit"),
    "arrest_warrant": _("Arrest warrant"),
    "other": _("Other procedure"),
}

PROCEDURE_OUTCOMES: Labels = {
    "granted": _("granted"),
    "partly_granted": _("partly granted"),
    "rejected": _("rejected"),
    "discontinued": _("discontinued"),
    "lifted": _("lifted or withdrawn"),
    "other": _("other"),
}

NATIONALITY_SPECIAL: Labels = {
    "XX": _("stateless"),
    "unknown": _("unclear"),
}

STATES: Labels = {
    "DE-BW": _("Baden-Württemberg"),
    "DE-BY": _("Bavaria"),
    "DE-BE": _("Berlin"),
    "DE-BB": _("Brandenburg"),
    "DE-HB": _("Bremen"),
    "DE-HH": _("Hamburg"),
    "DE-HE": _("Hesse"),
    "DE-MV": _("Mecklenburg-Western Pomerania"),
    "DE-NI": _("Lower Saxony"),
    "DE-NW": _("North Rhine-Westphalia"),
    "DE-RP": _("Rhineland-Palatinate"),
    "DE-SL": _("Saarland"),
    "DE-SN": _("Saxony"),
    "DE-ST": _("Saxony-Anhalt"),
    "DE-SH": _("Schleswig-Holstein"),
    "DE-TH": _("Thuringia"),
}

# Languages people in this situation often write in; ISO 639-1 like the case format.
LANGUAGES: Labels = {
    "de": _("German"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian (Farsi, Dari)"),
    "ps": _("Pashto"),
    "ku": _("Kurdish"),
    "tr": _("Turkish"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
    "sq": _("Albanian"),
    "sr": _("Serbian"),
    "bs": _("Bosnian"),
    "mk": _("Macedonian"),
    "ro": _("Romanian"),
    "ka": _("Georgian"),
    "hy": _("Armenian"),
    "az": _("Azerbaijani"),
    "ti": _("Tigrinya"),
    "am": _("Amharic"),
    "so": _("Somali"),
    "fr": _("French"),
    "es": _("Spanish"),
    "ur": _("Urdu"),
    "ta": _("Tamil"),
    "vi": _("Vietnamese"),
    "zh": _("Chinese"),
}

DOCUMENT_CATEGORIES: Labels = {
    "cv": _("CV (Lebenslauf)"),
    "identity": _("Proof of identity"),
    "passport": _("Passport"),
    "passport_efforts": _("Proof of efforts to get a passport"),
    "residence_document": _("Residence document (e.g. Duldung)"),
    "language_certificate": _("Language certificate"),
    "civic_test": _("Certificate “Leben in Deutschland”"),
    "school_certificate": _("School certificate or report"),
    "kindergarten_certificate": _("Day care certificate"),
    "training_contract": _("Apprenticeship contract"),
    "enrolment_certificate": _("Certificate of enrolment"),
    "employment_contract": _("Employment contract"),
    "payslip": _("Payslip"),
    "job_offer": _("Job offer"),
    "tax_assessment": _("Tax assessment"),
    "insurance_provisions": _("Proof of insurance"),
    "rent_contract": _("Rent contract"),
    "rent_proof": _("Proof of rent payment"),
    "benefit_notice": _("Benefit notice"),
    "volunteering": _("Proof of volunteering"),
    "support_letter": _("Letter of support"),
    "membership": _("Proof of membership"),
    "bamf_decision": _("BAMF decision"),
    "court_decision": _("Court decision"),
    "authority_order": _("Order of an authority"),
    "medical_report": _("Medical report"),
    "criminal_record": _("Certificate of good conduct"),
    "power_of_attorney": _("Power of attorney"),
    "other": _("Other document"),
}

TARGETS: Labels = {
    "hfk_nrw": _("Hardship petition (§ 23a), Härtefallkommission NRW"),
    "abh_hannover_25b": _("Residence permit (§ 25b), Ausländerbehörde Hannover"),
}

YES = _("Yes")
NO = _("No")


def _sort_key(text: str) -> str:
    # "Ägypten" belongs next to "Agypten", not after "Zypern".
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def options(labels: Labels, keep: Iterable[str | None] = ()) -> list[tuple[str, str | Promise]]:
    """Choices in the order given, plus any value in `keep` the labels do not know (an imported
    case may carry it; dropping it from the form would silently change the case).

    The labels stay lazy: form classes call this at import time, and a label turned into a
    string there would stay in the language of the import, whatever the page's language."""
    choices: list[tuple[str, str | Promise]] = list(labels.items())
    for value in keep:
        if value and value not in labels:
            choices.append((value, value))
    return choices


@functools.lru_cache(maxsize=8)
def _sorted_countries(language: str | None) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            ((code, str(name)) for code, name in COUNTRY_NAMES.items()),
            key=lambda choice: _sort_key(choice[1]),
        )
    )


def country_options(
    keep: Iterable[str | None] = (), special: bool = False
) -> list[tuple[str, str]]:
    """Countries sorted by their name in the active language; stateless and unclear first when
    the field is a nationality."""
    countries = list(_sorted_countries(get_language()))
    first = [(code, str(label)) for code, label in NATIONALITY_SPECIAL.items()] if special else []
    known = set(COUNTRY_NAMES) | set(NATIONALITY_SPECIAL)
    extra = [(value, value) for value in keep if value and value not in known]
    return first + countries + extra


def label(labels: Labels, value: object) -> str:
    """The label of `value`, or the value itself when it has none (never hide data)."""
    if isinstance(value, str) and value in labels:
        return str(labels[value])
    return "" if value is None else str(value)


def country_label(code: object) -> str:
    if isinstance(code, str) and code in NATIONALITY_SPECIAL:
        return str(NATIONALITY_SPECIAL[code])
    return label(COUNTRY_NAMES, code)
