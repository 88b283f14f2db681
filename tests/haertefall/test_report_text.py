"""The German text of a report shows the report's own values, labelled in German."""

from typing import Any

from haertefall.cases.report_text import format_report_de

DOCUMENT: dict[str, Any] = {
    "persons": [
        {"id": "p1", "given_names": "Amina", "surname": "Beispiel"},
        {"id": "p2", "given_names": None, "surname": "Beispiel"},
    ]
}

REPORT: dict[str, Any] = {
    "schema": "eligibility-report/1",
    "target": "hfk_nrw",
    "reference_date": "2026-11-01",
    "overall": "not_admissible",
    "overall_25b_substantive": "eligible",
    "requirements": [
        {
            "id": "23a.adm.other_procedure",
            "person": None,
            "outcome": "not_met",
            "citation": "§ 5 Abs. 1 HFKVO NRW",
            "reason_de": "Ein Antrag nach § 25b ist aussichtsreich.",
            "facts": [],
            "missing": [],
        },
        {
            "id": "23a.doc.cv",
            "person": "p1",
            "outcome": "missing_information",
            "citation": "Merkblatt",
            "reason_de": "Lebenslauf fehlt.",
            "facts": [],
            "missing": ["cv", "persons[0].schooling"],
        },
        {
            "id": "23a.future_rule",
            "person": "p2",
            "outcome": "brand_new_outcome",
            "citation": "",
            "reason_de": "",
            "facts": [],
            "missing": [],
        },
    ],
    "notes_de": ["Kein Anspruch auf eine Entscheidung."],
    "fees": {
        "total": "1234.50",
        "items": [
            {"person": "p1", "kind": "verlaengerung", "amount": "1234.50", "basis": "§ 45 Nr. 2"}
        ],
        "exempt": False,
        "waiver_possible": True,
    },
    "documents": {
        "present": [{"category": "medical_report", "person": "p1", "id": "d1"}],
        "missing": [{"category": "cv", "person": "p1", "reason_de": "Bitte nachreichen."}],
        "stale": [],
    },
}


def test_summary_labels_everything_in_german() -> None:
    text = format_report_de(REPORT, DOCUMENT)

    assert text.splitlines()[:3] == [
        "Härtefallersuchen nach § 23a AufenthG (Härtefallkommission NRW)",
        "Stichtag: 01.11.2026",
        "Gesamtergebnis: Nicht zulässig – die Kommission befasst sich nicht mit dem Fall",
    ]
    assert "Ergebnis nach § 25b (für die Prüfung anderer Wege): Voraussetzungen erfüllt" in text
    assert "  [nicht erfüllt] 23a.adm.other_procedure – Haushalt" in text
    assert "  [Angaben fehlen] 23a.doc.cv – Amina Beispiel (p1)" in text
    assert "      Fehlt: cv, persons[0].schooling" in text
    assert "  - Kein Anspruch auf eine Entscheidung." in text
    assert "  Gesamt: 1.234,50 € (befreit: nein, Befreiung oder Ermäßigung möglich: ja)" in text
    assert "  - Amina Beispiel (p1): Verlängerung 1.234,50 € (§ 45 Nr. 2)" in text
    assert "    - Ärztliches Attest – Amina Beispiel (p1): d1" in text
    assert "    - Lebenslauf – Amina Beispiel (p1): Bitte nachreichen." in text
    assert "  Veraltet (0)" in text


def test_values_without_a_label_are_shown_as_they_are() -> None:
    text = format_report_de(REPORT, DOCUMENT)

    assert "  [brand_new_outcome] 23a.future_rule – Beispiel (p2)" in text
