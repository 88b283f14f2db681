"""A plain German text of an eligibility report, for the command line.

Built only from the report's data (`eligibility-report/1`) and the case document for the
persons' names; nothing here re-decides an outcome.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

TARGETS = {
    "hfk_nrw": "Härtefallersuchen nach § 23a AufenthG (Härtefallkommission NRW)",
    "abh_hannover_25b": "Aufenthaltserlaubnis nach § 25b AufenthG (Ausländerbehörde Hannover)",
}

OVERALL = {
    "eligible": "Voraussetzungen erfüllt",
    "not_eligible": "Voraussetzungen nicht erfüllt",
    "needs_review": "Prüfung im Einzelfall nötig",
    "incomplete": "Unvollständig – es fehlen Angaben oder Unterlagen",
    "ready": "Bereit zum Einreichen",
    "not_admissible": "Nicht zulässig – die Kommission befasst sich nicht mit dem Fall",
}

OUTCOMES = {
    "met": "erfüllt",
    "not_met": "nicht erfüllt",
    "exception_applies": "Ausnahme greift",
    "needs_review": "Prüfung nötig",
    "missing_information": "Angaben fehlen",
}

FEE_KINDS = {"erteilung": "Erteilung", "verlaengerung": "Verlängerung"}

CATEGORIES = {
    "cv": "Lebenslauf",
    "identity": "Identitätsnachweis",
    "passport": "Reisepass",
    "passport_efforts": "Nachweis der Passbeschaffung",
    "residence_document": "Aufenthaltspapier",
    "language_certificate": "Sprachzertifikat",
    "civic_test": "Test „Leben in Deutschland“",
    "school_certificate": "Schulbescheinigung oder Zeugnis",
    "kindergarten_certificate": "Kita-Bescheinigung",
    "training_contract": "Ausbildungsvertrag",
    "enrolment_certificate": "Immatrikulationsbescheinigung",
    "employment_contract": "Arbeitsvertrag",
    "payslip": "Lohnabrechnung",
    "job_offer": "Arbeitsplatzzusage",
    "tax_assessment": "Steuerbescheid",
    "insurance_provisions": "Versicherungsnachweis",
    "rent_contract": "Mietvertrag",
    "rent_proof": "Nachweis der Mietzahlung",
    "benefit_notice": "Leistungsbescheid",
    "volunteering": "Nachweis über Ehrenamt",
    "support_letter": "Unterstützungsschreiben",
    "membership": "Mitgliedsbescheinigung",
    "bamf_decision": "Bescheid des BAMF",
    "court_decision": "Gerichtsentscheidung",
    "authority_order": "Bescheid einer Behörde",
    "medical_report": "Ärztliches Attest",
    "criminal_record": "Führungszeugnis",
    "power_of_attorney": "Vollmacht",
    "other": "Sonstiges",
}


def format_report_de(report: Mapping[str, Any], document: Mapping[str, Any]) -> str:
    names = _person_names(document)

    def person(person_id: str | None) -> str:
        if person_id is None:
            return "Haushalt"
        name = names.get(person_id)
        return f"{name} ({person_id})" if name else person_id

    target = report.get("target")
    lines = [
        _label(TARGETS, target),
        f"Stichtag: {_date_de(report.get('reference_date'))}",
        f"Gesamtergebnis: {_label(OVERALL, report.get('overall'))}",
    ]
    substantive = report.get("overall_25b_substantive")
    if substantive is not None and target != "abh_hannover_25b":
        lines.append(
            f"Ergebnis nach § 25b (für die Prüfung anderer Wege): {_label(OVERALL, substantive)}"
        )

    lines += ["", "Voraussetzungen"]
    for requirement in report.get("requirements") or []:
        lines.append(
            f"  [{_label(OUTCOMES, requirement.get('outcome'))}] {requirement.get('id')}"
            f" – {person(requirement.get('person'))}"
        )
        if requirement.get("citation"):
            lines.append(f"      {requirement['citation']}")
        if requirement.get("reason_de"):
            lines.append(f"      {requirement['reason_de']}")
        if requirement.get("missing"):
            lines.append(f"      Fehlt: {', '.join(str(item) for item in requirement['missing'])}")

    notes = report.get("notes_de") or []
    if notes:
        lines += ["", "Hinweise"]
        lines += [f"  - {note}" for note in notes]

    fees = report.get("fees") or {}
    lines += [
        "",
        "Gebühren",
        f"  Gesamt: {_money_de(fees.get('total'))}"
        f" (befreit: {_yes_no(fees.get('exempt'))},"
        f" Befreiung oder Ermäßigung möglich: {_yes_no(fees.get('waiver_possible'))})",
    ]
    for item in fees.get("items") or []:
        basis = f" ({item['basis']})" if item.get("basis") else ""
        lines.append(
            f"  - {person(item.get('person'))}: {_label(FEE_KINDS, item.get('kind'))}"
            f" {_money_de(item.get('amount'))}{basis}"
        )

    documents = report.get("documents") or {}
    lines += ["", "Unterlagen"]
    for key, heading in (("present", "Vorhanden"), ("missing", "Fehlen"), ("stale", "Veraltet")):
        entries = documents.get(key) or []
        lines.append(f"  {heading} ({len(entries)})")
        for entry in entries:
            detail = entry.get("reason_de") or entry.get("id")
            suffix = f": {detail}" if detail else ""
            lines.append(
                f"    - {_label(CATEGORIES, entry.get('category'))}"
                f" – {person(entry.get('person'))}{suffix}"
            )
    return "\n".join(lines) + "\n"


def _person_names(document: Mapping[str, Any]) -> dict[str, str]:
    names = {}
    for entry in document.get("persons") or []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            parts = [entry.get("given_names"), entry.get("surname")]
            names[entry["id"]] = " ".join(part for part in parts if isinstance(part, str) and part)
    return names


def _label(labels: Mapping[str, str], value: object) -> str:
    # A value the engine adds later is shown as it is rather than hidden.
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)


def _date_de(value: object) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def _money_de(value: object) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    grouped = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{grouped} €"


def _yes_no(value: object) -> str:
    return "ja" if value is True else "nein" if value is False else "unbekannt"
