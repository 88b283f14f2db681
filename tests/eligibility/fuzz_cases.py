"""A seeded generator of valid `haertefall-case/1` documents for the property tests.

`random_case(rng)` draws every field from the enumerations of case-format.md, with partial dates
("2020", "2020-05"), nulls, empty lists, absent keys and odd combinations (a child of somebody
else, a spouse outside the household, an expired permit, a § 60b period, documents without a
file, foreign-language attachments, ...). Each person is drawn around a "good" baseline with a
per-case probability, so the corpus reaches every overall result, `eligible` and `ready`
included. The generator only uses `random.Random`, so a fixed seed gives the same cases.

Every document is valid by construction; `tests/eligibility/test_fuzz.py` still runs it through
`eligibility.facts.parse_case` and fails on any `CaseFormatError`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from eligibility import facts

Json = dict[str, Any]

REFERENCE_DATES = (
    date(2026, 11, 1),
    date(2026, 11, 1),
    date(2026, 11, 1),
    date(2022, 12, 30),
    date(2022, 12, 31),
    date(2025, 12, 30),
    date(2025, 12, 31),
    date(2027, 6, 30),
    date(2027, 7, 1),
    date(2024, 2, 29),
    date(2026, 8, 1),
    date(2026, 7, 31),
    date(2021, 6, 1),  # before the fee and Regelbedarf tables (§ 0.5)
    date(2015, 7, 31),  # before § 25b
)

RESIDENCE_STATUSES = facts.RESIDENCE_STATUSES
DULDUNG_BASES = ("60a", "60b", "60c", "60d", None)
PERMIT_BASES = ("104c", "25b", "25_5", "23a", "25a", None)
ROLES = ("spouse", "partner", "child", "child", "child", "other")
MARITAL = (*facts.MARITAL_STATUSES, None)
CEFR = facts.CEFR_LEVELS
CERTIFICATES = (*facts.LANGUAGE_CERTIFICATES, None)
SCHOOLING_KINDS = facts.SCHOOLING_KINDS
DEGREES = (*facts.SCHOOL_DEGREES, None)
EMPLOYMENT_KINDS = facts.EMPLOYMENT_KINDS
BENEFIT_KINDS = facts.BENEFIT_KINDS
SANCTIONS = (*facts.SANCTIONS, None)
CATEGORIES = (*facts.OFFENCE_CATEGORIES, None)
OFFENCE_KINDS = (
    "Ladendiebstahl",
    "Körperverletzung",
    "§ 95 Abs. 1 Nr. 2 AufenthG",
    "Verstoß gegen § 85 Nr. 2 AsylG",
    None,
)
HEALTH_LIMITS = facts.HEALTH_LIMITS
PROCEDURE_KINDS = facts.PROCEDURE_KINDS
PROCEDURE_OUTCOMES = (*facts.PROCEDURE_OUTCOMES, None)
DOCUMENT_CATEGORIES = facts.DOCUMENT_CATEGORIES
FILE_EXTENSIONS = ("pdf", "pdf", "pdf", "jpg", "png", "heic", "tiff", "docx", "odt", "")
NARRATIVE_PARTS = ("life_story", "current_situation", "integration", "humanitarian_reasons")
ADDRESSES: tuple[Json | None, ...] = (
    {"street": "Am Markt 1", "postcode": "30159", "city": "Hannover", "state": "DE-NI"},
    {"street": "Am Markt 1", "postcode": "30159", "city": " hannover ", "state": None},
    {"street": "Am Markt 1", "postcode": "30851", "city": "Langenhagen", "state": "DE-NI"},
    {"street": "Musterweg 3", "postcode": "44135", "city": "Dortmund", "state": "DE-NW"},
    {"street": "Musterweg 3", "postcode": "44135", "city": "Dortmund", "state": None},
    {"street": "Musterweg 3", "postcode": "48455", "city": "Bad Bentheim", "state": None},
    {"street": "Musterweg 3", "postcode": "50667", "city": "Köln", "state": "DE-NI"},
    {"street": None, "postcode": "50667", "city": "Köln", "state": "DE-NW"},
    {"street": "Musterweg 3", "postcode": "99999", "city": "Nirgendwo", "state": None},
    None,
)


# --- small draws ------------------------------------------------------------------------------


def _chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _show(rng: random.Random, day: date, partial: float) -> str:
    """ISO text of a day; with probability `partial` only its month or year."""
    if _chance(rng, partial):
        return f"{day.year:04d}" if _chance(rng, 0.4) else f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _money(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high)}.{rng.choice(('00', '50', '99'))}"


def _period(
    rng: random.Random, reference: date, *, current: float, partial: float, first_year: int = 2012
) -> tuple[str | None, str | None]:
    """`from`/`to` texts of an entry: current (to null or after R), past, or future."""
    start = _day_between(rng, date(first_year, 1, 1), reference + timedelta(days=60))
    start_text = None if _chance(rng, 0.05) else _show(rng, start, partial)
    if _chance(rng, current):
        if _chance(rng, 0.7):
            return start_text, None
        end = _day_between(
            rng, max(start, reference - timedelta(days=10)), reference + timedelta(days=400)
        )
    else:
        end = _day_between(rng, start, reference + timedelta(days=30))
    return start_text, _show(rng, end, partial)


# --- residence history ------------------------------------------------------------------------


def _residence_history(rng: random.Random, reference: date, good: float) -> list[Json]:
    if _chance(rng, 0.04):
        return []
    partial = 0.15 if _chance(rng, 0.3) else 0.0
    start = _day_between(rng, date(2012, 1, 1), reference - timedelta(days=365))
    if _chance(rng, good):
        start = _day_between(rng, date(2012, 1, 1), reference - timedelta(days=365 * 6))
    entries: list[Json] = []
    day = start
    segments = rng.randint(1, 5)
    for index in range(segments):
        last = index == segments - 1
        if _chance(rng, good):
            status = rng.choice(("gestattung", "duldung", "duldung"))
        else:
            status = rng.choice(RESIDENCE_STATUSES)
        if last and _chance(rng, good):
            status = "duldung"
        entry: Json = {"status": status, "from": _show(rng, day, partial)}
        if status == "duldung" and _chance(rng, 0.8):
            entry["basis"] = rng.choice(DULDUNG_BASES if not _chance(rng, good) else ("60a",))
        elif status == "aufenthaltserlaubnis" and _chance(rng, 0.9):
            entry["basis"] = rng.choice(PERMIT_BASES)
        if _chance(rng, 0.05):
            entry["approximate"] = True
        if last:
            if _chance(rng, max(good, 0.75)):
                entry["to"] = None
            else:
                end = _day_between(rng, day, reference + timedelta(days=200))
                entry["to"] = _show(rng, end, partial)
            entries.append(entry)
            break
        span = rng.randint(20, 1500)
        end = min(day + timedelta(days=span), reference - timedelta(days=1))
        if end < day:
            end = day
        entry["to"] = _show(rng, end, partial)
        entries.append(entry)
        gap = rng.choice((1, 1, 1, 3, 8, 40, 93, 200)) if not _chance(rng, good) else 1
        day = end + timedelta(days=gap)
        if day > reference:
            break
    if _chance(rng, 0.1):
        abroad_start = _day_between(rng, start, reference)
        entries.append(
            {
                "status": "abroad",
                "from": abroad_start.isoformat(),
                "to": (abroad_start + timedelta(days=rng.choice((5, 60, 92, 120)))).isoformat(),
            }
        )
    if _chance(rng, 0.15):
        rng.shuffle(entries)
    return entries


# --- persons ----------------------------------------------------------------------------------


def _birth_date(rng: random.Random, reference: date, role: str) -> str | None:
    if _chance(rng, 0.05):
        return None
    if _chance(rng, 0.01):
        return rng.choice(("9999", "9999-12-31", "0001"))  # typos are valid dates too
    if role == "child":
        if _chance(rng, 0.25):
            # Around the 18th birthday, the third birthday or the school-entry cut-off.
            years = rng.choice((18, 3, 6, 14, 16))
            anchor = date(reference.year - years, reference.month, min(reference.day, 28))
            birth = anchor + timedelta(days=rng.randint(-70, 70))
        else:
            birth = _day_between(rng, date(reference.year - 20, 1, 1), reference)
    elif _chance(rng, 0.05):
        birth = _day_between(rng, date(1940, 1, 1), date(1962, 12, 31))
    else:
        birth = _day_between(rng, date(1960, 1, 1), date(reference.year - 17, 12, 31))
    return _show(rng, birth, 0.12)


def _identity(rng: random.Random, reference: date, good: float) -> Json | None:
    if _chance(rng, 0.05):
        return None
    if _chance(rng, good):
        valid = reference + timedelta(days=rng.randint(1, 2000))
        return {
            "passport": {"held": True, "number": "P123", "valid_until": valid.isoformat()},
            "passport_efforts": [],
            "other_identity_documents": [],
        }
    held = rng.choice((True, False, False, None))
    passport: Json | None = {"held": held, "number": None}
    if held and _chance(rng, 0.8):
        valid = reference + timedelta(days=rng.randint(-900, 900))
        passport = {"held": held, "number": "P9", "valid_until": _show(rng, valid, 0.2)}
    if _chance(rng, 0.05):
        passport = None
    identity: Json = {"passport": passport}
    if _chance(rng, 0.5):
        identity["passport_efforts"] = [
            {
                "date": _show(rng, reference - timedelta(days=rng.randint(10, 900)), 0.3),
                "what": "Botschaft",
            }
        ]
    elif _chance(rng, 0.3):
        identity["passport_efforts"] = []
    if _chance(rng, 0.4):
        identity["other_identity_documents"] = ["Tazkira"]
    return identity


def _german(rng: random.Random, good: float) -> Json | None:
    if _chance(rng, good):
        return {"level": rng.choice(("A2", "B1")), "certificate": "DTZ", "date": "2021-03-01"}
    if _chance(rng, 0.3):
        return None
    return {
        "level": rng.choice((*CEFR, None)),
        "certificate": rng.choice(CERTIFICATES),
        "date": rng.choice(("2020-05-01", "2020", None)),
    }


def _civic_test(rng: random.Random, good: float) -> Json | None:
    if _chance(rng, good):
        return {"kind": "leben_in_deutschland", "passed": True, "date": "2021-04-01"}
    if _chance(rng, 0.3):
        return None
    return {
        "kind": rng.choice(("leben_in_deutschland", "einbuergerungstest", None)),
        "passed": rng.choice((True, False, None)),
        "date": None,
    }


def _schooling(rng: random.Random, reference: date) -> list[Json]:
    entries = []
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        start, end = _period(rng, reference, current=0.5, partial=0.2, first_year=2005)
        entry: Json = {
            "kind": rng.choice(SCHOOLING_KINDS),
            "country": rng.choice(("DE", "DE", "AF", None)),
            "name": "Schule",
            "from": start,
            "to": end,
            "degree": rng.choice(DEGREES) if _chance(rng, 0.4) else None,
        }
        entries.append(entry)
    return entries


def _employment(rng: random.Random, reference: date, good: float) -> list[Json]:
    entries = []
    if _chance(rng, good):
        entries.append(
            {
                "kind": "employed",
                "from": (reference - timedelta(days=rng.randint(40, 3000))).isoformat(),
                "to": None,
                "net_monthly": _money(rng, 900, 3200),
            }
        )
    for _ in range(rng.choice((0, 0, 1, 2))):
        start, end = _period(rng, reference, current=0.6, partial=0.15)
        entry: Json = {
            "kind": rng.choice(EMPLOYMENT_KINDS),
            "employer": "Firma",
            "from": start,
            "to": end,
            "hours_per_week": rng.choice((10, 20, 38.5, None)),
        }
        if not _chance(rng, 0.1):
            entry["net_monthly"] = _money(rng, 0, 2500)
        entries.append(entry)
    return entries


def _benefits(rng: random.Random, reference: date) -> list[Json]:
    entries = []
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        start, end = _period(rng, reference, current=0.6, partial=0.15)
        entries.append(
            {
                "kind": rng.choice(BENEFIT_KINDS),
                "from": start,
                "to": end,
                "monthly": rng.choice((None, "350.00")),
            }
        )
    return entries


def random_offence(rng: random.Random, reference: date) -> Json:
    """One offence entry with any combination of the case-format fields."""
    sanction = rng.choice(SANCTIONS)
    judged = _day_between(rng, date(2010, 1, 1), reference)
    offence: Json = {
        "date": _show(rng, judged - timedelta(days=rng.randint(10, 300)), 0.3),
        "judgment_date": None
        if _chance(rng, 0.15)
        else ("9999" if _chance(rng, 0.02) else _show(rng, judged, 0.25)),
        "kind": rng.choice(OFFENCE_KINDS),
        "category": rng.choice(CATEGORIES),
        "alien_specific": rng.choice((True, False, None, None)),
        "intentional": rng.choice((True, True, False, None)),
        "weapon": rng.choice((False, None)),
        "sanction": sanction,
        "daily_rates": None,
        "prison_months": None,
        "suspended": rng.choice((True, False, None)),
        "juvenile": rng.choice((True, False, False, None)),
        "final": rng.choice((True, True, True, False, None)),
    }
    if sanction == "fine" or _chance(rng, 0.05):
        offence["daily_rates"] = rng.choice((10, 30, 40, 49, 50, 51, 60, 89, 90, 91, 120, None))
    if sanction == "prison" or _chance(rng, 0.05):
        offence["prison_months"] = rng.choice((2, 5, 6, 11, 12, 23, 24, 30, None))
    return offence


def _offences(rng: random.Random, reference: date, good: float) -> list[Json]:
    if _chance(rng, good) or _chance(rng, 0.5):
        return []
    return [random_offence(rng, reference) for _ in range(rng.randint(1, 3))]


def _health(rng: random.Random, reference: date) -> list[Json]:
    if not _chance(rng, 0.15):
        return []
    entries = []
    for _ in range(rng.randint(1, 2)):
        entry: Json = {
            "condition": "Erkrankung",
            "report_date": _show(rng, reference - timedelta(days=rng.randint(0, 400)), 0.2),
            "treating": None,
        }
        if _chance(rng, 0.7):
            entry["limits"] = rng.sample(HEALTH_LIMITS, rng.randint(0, 3))
        elif _chance(rng, 0.5):
            entry["limits"] = None
        entries.append(entry)
    return entries


def _person(
    rng: random.Random, reference: date, person_id: str, role: str, ids: list[str], good: float
) -> Json:
    """A person; with probability `good` a "perfect" one (every key present, good values)."""
    perfect = _chance(rng, good)
    bias = 1.0 if perfect else good / 2
    person: Json = {"id": person_id, "role": role}

    def maybe(key: str, value: Any, probability: float = 0.9) -> None:
        if perfect or _chance(rng, probability):
            person[key] = value

    maybe("surname", "Beispiel" if perfect else rng.choice(("Beispiel", "", None)))
    maybe("given_names", "Amina")
    maybe("birth_date", _birth_date(rng, reference, role), 0.97)
    maybe("birth_place", "Herat" if perfect else rng.choice(("Herat", "Hannover", None)))
    maybe("birth_country", rng.choice(("AF", "SY", None)))
    maybe("other_spellings", [] if _chance(rng, 0.8) else ["Amena"], 0.3)
    maybe("sex", rng.choice(("female", "male", "diverse", None)))
    if role == "spouse" and perfect:
        person["marital_status"] = "married"
    elif role == "child" and perfect:
        person["marital_status"] = rng.choice(("single", None))
    else:
        maybe("marital_status", rng.choice(MARITAL))
    if role == "child" and _chance(rng, 0.5):
        choice = rng.random()
        if choice < 0.5 or perfect:
            person["parents"] = ["p1"]
        elif choice < 0.8:
            person["parents"] = rng.sample(ids, rng.randint(1, min(2, len(ids))))
        else:
            person["parents"] = []
    nationalities = ["AF"] if perfect else rng.choice((["AF"], ["XX"], ["unknown"], [], ["SY"]))
    maybe("nationalities", nationalities, 0.95)
    maybe("entry_date", _show(rng, date(2015, 9, 20), 0.3), 0.8)
    maybe("residence_history", _residence_history(rng, reference, bias), 0.97)
    maybe("identity", _identity(rng, reference, bias), 0.95)
    maybe("german", _german(rng, bias))
    maybe("civic_test", _civic_test(rng, bias))
    maybe("schooling", _schooling(rng, reference))
    maybe("employment", _employment(rng, reference, bias if role != "child" else 0.0))
    maybe("benefits", _benefits(rng, reference))
    maybe("offences", _offences(rng, reference, bias))
    maybe("health", _health(rng, reference) if not perfect else [])
    if _chance(rng, 0.08):
        person["caregiving"] = {"cares_for": "Mutter", "since": rng.choice(("2023-04", None))}
    if _chance(rng, 0.3):
        person["fdgo_declaration"] = rng.choice(
            ({"signed": "2026-10-01"}, {"refused": True}, {"signed": None}, {"refused": False})
        )
    if role == "child" and (perfect or _chance(rng, 0.8)):
        person["school_attendance"] = {
            "attending": True if perfect else rng.choice((True, True, False, None)),
            "school": rng.choice(("Grundschule", None)),
            "certificate_date": None,
        }
    if perfect:
        person["family_ties"] = {"germany": "Bruder in Köln", "country_of_origin": "keine"}
    elif _chance(rng, 0.7):
        person["family_ties"] = {
            "germany": rng.choice(("Bruder in Köln", "", None)),
            "country_of_origin": rng.choice(("keine", None)),
        }
    return person


# --- documents ----------------------------------------------------------------------------------


def _file(rng: random.Random, document_id: str) -> str:
    extension = rng.choice(FILE_EXTENSIONS)
    return f"files/{document_id}.{extension}" if extension else f"files/{document_id}"


def _wanted_documents(person: Json, reference: date) -> list[tuple[str, date]]:
    """The documents the Hannover list and the NRW leaflet ask for, with a fresh issue day."""
    wanted: list[tuple[str, date]] = []
    identity = person.get("identity") or {}
    passport = identity.get("passport") or {}
    if passport.get("held"):
        wanted.append(("passport", date(2020, 1, 1)))
    if identity.get("passport_efforts"):
        wanted.append(("passport_efforts", reference - timedelta(days=40)))
    if identity.get("other_identity_documents"):
        wanted.append(("identity", date(2016, 1, 1)))
    german = person.get("german") or {}
    if german.get("certificate"):
        wanted.append(("language_certificate", date(2021, 3, 1)))
    if (person.get("civic_test") or {}).get("passed"):
        wanted.append(("civic_test", date(2021, 4, 1)))
    if any(s.get("degree") for s in person.get("schooling") or []):
        wanted.append(("school_certificate", date(2019, 7, 1)))
    if person.get("school_attendance"):
        wanted.append(("school_certificate", reference - timedelta(days=20)))
    for job in person.get("employment") or []:
        kind = job["kind"]
        if kind in ("employed", "minijob"):
            wanted.append(("employment_contract", date(2020, 1, 1)))
            wanted += [("payslip", reference - timedelta(days=days)) for days in (5, 35, 65)]
        elif kind == "self_employed":
            wanted += [
                ("tax_assessment", date(2025, 6, 1)),
                ("insurance_provisions", date(2025, 6, 1)),
            ]
        elif kind == "training":
            wanted.append(("training_contract", date(2024, 8, 1)))
        elif kind == "job_offer":
            wanted.append(("job_offer", reference - timedelta(days=30)))
    for school in person.get("schooling") or []:
        if school["kind"] == "study":
            wanted.append(("enrolment_certificate", reference - timedelta(days=30)))
        elif school["kind"] == "vocational_training":
            wanted.append(("training_contract", date(2024, 8, 1)))
        elif school["kind"] == "kindergarten":
            wanted.append(("kindergarten_certificate", reference - timedelta(days=30)))
    if person.get("health"):
        wanted.append(("medical_report", reference - timedelta(days=_report_age_days(person))))
    if person.get("offences"):
        wanted.append(("criminal_record", date(2025, 1, 1)))
    return wanted


def _report_age_days(person: Json) -> int:
    """A deterministic age of the medical report: current for some persons, stale for others."""
    return 20 if int(person["id"][1:]) % 2 else 100


def _documents(rng: random.Random, case: Json, reference: date, good: float) -> list[Json]:
    documents: list[Json] = []
    perfect = _chance(rng, good)

    def add(category: str, person: str | None, issued: date | None) -> None:
        document_id = f"d{len(documents) + 1}"
        entry: Json = {
            "id": document_id,
            "person": person,
            "category": category,
            "title": category,
            "issued": None if issued is None else _show(rng, issued, 0.08),
        }
        if perfect:
            entry["file"] = f"files/{document_id}.pdf"
        elif _chance(rng, 0.6):
            entry["file"] = (
                f"files/{document_id}.pdf" if _chance(rng, 0.85) else _file(rng, document_id)
            )
        if not perfect and _chance(rng, 0.15):
            entry["language"] = rng.choice(("de", "ar", "ka", "en"))
        documents.append(entry)

    for person in case["persons"]:
        for category, issued in _wanted_documents(person, reference):
            if perfect or _chance(rng, 0.5):
                add(category, person["id"], issued)
    add("rent_contract", None, date(2019, 1, 1))
    add("rent_proof", None, reference - timedelta(days=10))
    if case.get("procedures"):
        for category in ("bamf_decision", "court_decision", "authority_order"):
            if perfect or _chance(rng, 0.7):
                add(category, None, date(2019, 1, 1))
    if case.get("representative") and (perfect or _chance(rng, 0.6)):
        add("power_of_attorney", None, reference - timedelta(days=10))
    for _ in range(0 if perfect else rng.choice((0, 0, 1, 3))):
        person = rng.choice([None, *(p["id"] for p in case["persons"])])
        add(rng.choice(DOCUMENT_CATEGORIES), person, _day_between(rng, date(2015, 1, 1), reference))
    ids = [document["id"] for document in documents]
    foreign = [d for d in documents if d.get("language") not in (None, "de")]
    for document in foreign:
        if _chance(rng, 0.6):
            add("other", document["person"], reference - timedelta(days=5))
            documents[-1]["language"] = "de"
            documents[-1]["translation_of"] = document["id"]
    if documents and _chance(rng, 0.03):
        documents[0]["translation_of"] = rng.choice(ids)
    return documents


# --- procedures, narrative, household ----------------------------------------------------------


def _procedures(rng: random.Random, reference: date, ids: list[str], good: float) -> list[Json]:
    if _chance(rng, good) and _chance(rng, 0.7):
        return []
    procedures = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(PROCEDURE_KINDS)
        entry: Json = {"kind": kind, "authority": rng.choice(("BAMF", "VG Hannover", None))}
        if _chance(rng, 0.7):
            entry["decided"] = _show(rng, _day_between(rng, date(2016, 1, 1), reference), 0.2)
        if _chance(rng, 0.6):
            entry["outcome"] = rng.choice(PROCEDURE_OUTCOMES)
        if _chance(rng, 0.7):
            entry["pending"] = rng.choice((True, False, None))
        if _chance(rng, 0.4):
            entry["filed"] = _show(rng, _day_between(rng, date(2015, 1, 1), reference), 0.2)
        if kind == "deportation_scheduled" and _chance(rng, 0.8):
            scheduled = reference + timedelta(days=rng.randint(-40, 60))
            entry["date_scheduled"] = _show(rng, scheduled, 0.2)
        if kind == "entry_ban" and _chance(rng, 0.6):
            entry["until"] = _show(rng, reference + timedelta(days=rng.randint(-400, 400)), 0.2)
        if _chance(rng, 0.4):
            entry["persons"] = rng.sample(ids, rng.randint(0, len(ids)))
        procedures.append(entry)
    return procedures


def _narrative(rng: random.Random, good: float) -> Json | None:
    if _chance(rng, 0.1):
        return None
    narrative: Json = {}
    perfect = _chance(rng, good)
    for part in (*NARRATIVE_PARTS, "request"):
        if perfect and part != "request":
            narrative[part] = {"language": "de", "text": "Text.", "translation_de": None}
        elif _chance(rng, 0.5):
            narrative[part] = {
                "language": rng.choice(("de", "ar", None)),
                "text": rng.choice(("Text.", "", "   ", None)),
                "translation_de": rng.choice((None, None, "Übersetzung.", "")),
            }
    return narrative


def _household(rng: random.Random, ids: list[str], good: float) -> Json | None:
    if _chance(rng, 0.04):
        return None
    members: list[str] | None
    if _chance(rng, good):
        members = [person_id for person_id in ids if not _chance(rng, 0.1)]
        if "p1" not in members:
            members.insert(0, "p1")
    elif _chance(rng, 0.1):
        members = None
    else:
        members = rng.sample(ids, rng.randint(0, len(ids)))
    return {
        "rent_monthly": None if _chance(rng, 0.05) else _money(rng, 300, 1200),
        "rent_includes_heating": rng.choice((True, False, None)),
        "members_in_household": members,
    }


# --- the case ---------------------------------------------------------------------------------


def random_case(rng: random.Random) -> Json:
    """A valid `haertefall-case/1` document drawn with `rng`."""
    reference = rng.choice(REFERENCE_DATES)
    target = rng.choice(("abh_hannover_25b", "hfk_nrw"))
    good = rng.choice((0.2, 0.6, 0.9, 0.97, 1.0))
    others = rng.choice((0, 0, 1, 1, 2, 3, 4))
    ids = ["p1", *(f"p{index + 2}" for index in range(others))]
    persons = [_person(rng, reference, "p1", "applicant", ids, good)]
    for person_id in ids[1:]:
        role = "spouse" if person_id == "p2" and _chance(rng, 0.5) else rng.choice(ROLES)
        persons.append(_person(rng, reference, person_id, role, ids, good))
    channels = (
        ("post", "online", None)
        if target == "abh_hannover_25b"
        else (
            "post",
            "fax",
            "email",
            "online",
            None,
        )
    )
    address = rng.choice(ADDRESSES)
    if target == "abh_hannover_25b" and _chance(rng, good):
        address = ADDRESSES[0]
    if target == "hfk_nrw" and _chance(rng, good):
        address = ADDRESSES[3]
    application: str | None = None
    if _chance(rng, 0.4):
        application = (reference + timedelta(days=rng.randint(-400, 30))).isoformat()
    case: Json = {
        "schema": "haertefall-case/1",
        "target": target,
        "reference_date": reference.isoformat(),
        "application_date": application,
        "channel": rng.choice(channels),
        "household_address": None if address is None else dict(address),
        "persons": persons,
        "household": _household(rng, ids, good),
        "narrative": _narrative(rng, good),
        "representative": None,
        "procedures": _procedures(rng, reference, ids, good),
    }
    if _chance(rng, 0.3):
        case["representative"] = {
            "kind": rng.choice(("counsellor", "lawyer", "other")),
            "name": "Beratung",
            "power_of_attorney_signed": rng.choice((None, "2026-10-20")),
        }
    case["documents"] = _documents(rng, case, reference, good)
    return case
