"""Case documents and case folders for the tests, built in code so each test shows its data."""

import copy
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfWriter

REPOSITORY = Path(__file__).resolve().parents[2]
DEMO_CASE = REPOSITORY / "haertefall" / "cases" / "demo"


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, "PNG")
    return out.getvalue()


# A one-page A4 PDF and a tiny picture that pass the checks every upload and import gets.
PDF_BYTES = _blank_pdf()
PNG_BYTES = _small_png()
# Every byte value, including the ones text handling would mangle (\r, \n, \x00, 0xff).
BINARY_BYTES = bytes(range(256)) * 4


def minimal_case() -> dict[str, Any]:
    """Only what a case needs: no reference date, one person with an id and a role."""
    return {
        "schema": "haertefall-case/1",
        "target": "abh_hannover_25b",
        "persons": [{"id": "p1", "role": "applicant"}],
    }


def rich_hardship_case() -> dict[str, Any]:
    """A § 23a case that uses the corners of the format: partial and approximate dates,
    null next to absent keys, non-Latin text with a translation, decimals, nested objects,
    a document without a file, a file named after a person."""
    return {
        "schema": "haertefall-case/1",
        "target": "hfk_nrw",
        "reference_date": "2026-11-01",
        "application_date": None,
        "channel": "email",
        "household_address": {
            "street": "Musterweg 3",
            "postcode": "44135",
            "city": "Dortmund",
            "state": "DE-NW",
        },
        "contact": {"phone": "+49 170 0000000", "email": None},
        "local_authority": {
            "name": "Stadt Dortmund, Ausländerbehörde",
            "reference": "32/5-1234",
            "online_reference": None,
            "online_date": None,
        },
        "persons": [
            {
                "id": "p1",
                "role": "applicant",
                "surname": "Rahimi",
                "given_names": "Zahra",
                "birth_name": None,
                "birth_date": "1985",
                "birth_place": "Herat",
                "birth_country": "AF",
                "other_spellings": ["Sahra Rahimy", "زهرا رحیمی"],
                "sex": "female",
                "marital_status": "widowed",
                "nationalities": ["AF"],
                "entry_date": "2015-08",
                "residence_history": [
                    {"status": "abroad", "from": "2015-06", "to": "2015-08", "approximate": True},
                    {"status": "gestattung", "from": "2015-09-02", "to": "2019-02-28"},
                    {"status": "duldung", "from": "2019-03-01", "to": None, "basis": "60a"},
                ],
                "identity": {
                    "passport": {"held": False, "number": None},
                    "passport_efforts": [{"date": "2023-02", "what": "Termin Botschaft"}],
                    "other_identity_documents": ["Tazkira (Original)"],
                },
                "german": {"level": "A1", "certificate": None, "date": None},
                "civic_test": None,
                "schooling": [
                    {"kind": "school", "country": "AF", "from": "1991", "to": "1997"},
                ],
                "employment": [
                    {
                        "kind": "minijob",
                        "employer": "Café Sonnenschein",
                        "from": "2021-04-01",
                        "to": None,
                        "hours_per_week": 9.5,
                        "gross_monthly": "520.00",
                        "net_monthly": "520.00",
                    }
                ],
                "benefits": [
                    {"kind": "asylblg", "from": "2015-09", "to": None, "monthly": "1234.56"}
                ],
                "offences": [
                    {
                        "date": "2017-05-02",
                        "judgment_date": "2017-09-12",
                        "kind": "Fahren ohne Fahrschein",
                        "category": "property",
                        "alien_specific": False,
                        "intentional": True,
                        "weapon": False,
                        "sanction": "fine",
                        "daily_rates": 15,
                        "prison_months": None,
                        "suspended": None,
                        "juvenile": False,
                        "final": True,
                    }
                ],
                "health": [
                    {
                        "condition": "Posttraumatische Belastungsstörung",
                        "report_date": "2026-09-01",
                        "treating": "Dr. med. Beispiel",
                        "limits": ["german", "work"],
                    }
                ],
                "caregiving": {"cares_for": "Sohn (Pflegegrad 2)", "since": "2022-04"},
                "fdgo_declaration": {"refused": True},
                "integration": [
                    {"kind": "religious_community", "what": "Gemeinde", "from": "2016", "to": None}
                ],
                "school_attendance": None,
                "family_ties": {"germany": "Zwei Kinder", "country_of_origin": None},
            },
            {
                "id": "p2",
                "role": "child",
                "given_names": "Omid",
                "surname": "Rahimi",
                "birth_date": "2010-07",
                "parents": ["p1"],
                "nationalities": ["unknown"],
                "residence_history": [{"status": "duldung", "from": "2019-03-01", "to": None}],
                "school_attendance": {
                    "attending": True,
                    "school": "Gesamtschule Nord",
                    "certificate_date": None,
                },
            },
        ],
        "household": {
            "rent_monthly": "780.00",
            "rent_includes_heating": None,
            "members_in_household": ["p1", "p2"],
        },
        "narrative": {
            "life_story": {
                "language": "fa",
                "text": "من در هرات به دنیا آمدم.\nدر سال ۲۰۱۵ به آلمان آمدم. 🙂",
                "translation_de": (
                    "Ich wurde in Herat geboren.\nIm Jahr 2015 kam ich nach Deutschland."
                ),
            },
            "humanitarian_reasons": {
                "language": "de",
                "text": "Mein Sohn ist auf meine Pflege angewiesen „jeden Tag“ – auch nachts.",
                "translation_de": None,
            },
        },
        "representative": {
            "kind": "lawyer",
            "name": "Rechtsanwältin Beispiel",
            "organisation": None,
            "address": {"street": "Kanzleistraße 1", "postcode": "44137", "city": "Dortmund"},
            "power_of_attorney_signed": "2026-10-20",
        },
        "procedures": [
            {
                "kind": "asylum",
                "authority": "BAMF",
                "filed": "2015-11-02",
                "decided": "2018-03-01",
                "outcome": "rejected",
                "final_date": "2018-03-20",
                "pending": False,
            },
            {
                "kind": "deportation_scheduled",
                "authority": "Stadt Dortmund",
                "decided": "2026-10-15",
                "date_scheduled": "2026-12-01",
                "persons": ["p1"],
            },
        ],
        "documents": [
            {
                "id": "d1",
                "person": "p1",
                "category": "medical_report",
                "title": "Fachärztliche Stellungnahme",
                "issued": "2026-09-01",
                "file": "files/Attest Zahra Rahimi (Psychiatrie).pdf",
                "language": "de",
                "translation_of": None,
            },
            {
                "id": "d2",
                "person": "p1",
                "category": "identity",
                "title": "Tazkira",
                "file": "files/tazkira.png",
                "language": "fa",
            },
            {
                "id": "d3",
                "person": "p1",
                "category": "identity",
                "title": "Übersetzung der Tazkira",
                "file": "files/übersetzung/tazkira-de.bin",
                "language": "de",
                "translation_of": "d2",
            },
            {"id": "d4", "person": None, "category": "rent_contract", "file": None},
            {"id": "d5", "person": "p2", "category": "school_certificate", "title": "Schule"},
        ],
    }


def rich_hardship_files() -> dict[str, bytes]:
    return {
        "files/Attest Zahra Rahimi (Psychiatrie).pdf": PDF_BYTES,
        "files/tazkira.png": PNG_BYTES,
        "files/übersetzung/tazkira-de.bin": BINARY_BYTES,
    }


def demo_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((DEMO_CASE / "case.json").read_text(encoding="utf-8"))
    return document


def with_changes(document: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(dict(document))
    changed.update(changes)
    return changed


def write_folder(
    folder: Path, document: Mapping[str, Any] | str, files: Mapping[str, bytes] | None = None
) -> Path:
    """A case folder; `document` may be raw text to write JSON that is broken on purpose."""
    folder.mkdir(parents=True, exist_ok=True)
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    (folder / "case.json").write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def write_zip(
    path: Path, document: Mapping[str, Any] | str, files: Mapping[str, bytes] | None = None
) -> Path:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("case.json", text)
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path
