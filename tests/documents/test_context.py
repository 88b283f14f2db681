"""German wording of the generated documents: formats, Anlage groups and order, CV gaps."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from documents.context import (
    ANLAGE_GROUPS,
    AnlageRef,
    IndexEntry,
    UntranslatedPartsError,
    anlage_sort_key,
    anlage_text,
    betreff,
    date_table,
    date_text,
    email_subject,
    find_cv_gaps,
    group_for,
    household_order,
    index_context,
    letter_context,
    money,
    nationality,
    on_text,
    pages_text,
    period_table,
    period_text,
    recipient_for,
    running_name,
    sender,
    since_text,
    untranslated_parts,
)
from eligibility.dates import PartialDate
from eligibility.engine import assess
from eligibility.facts import Case, parse_case

CASES = Path(__file__).resolve().parent.parent / "cases"
NBSP = "\u00a0"


def load(stem: str) -> Case:
    return parse_case(raw(stem))


def raw(stem: str) -> dict[str, Any]:
    path = next(p for p in CASES.glob(f"{stem}*.json") if not p.name.endswith(".expected.json"))
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------------------------
# Formats (package.md § 6)


@pytest.mark.parametrize(
    ("value", "table", "text"),
    [
        (date(2026, 11, 26), "26.11.2026", "26. November 2026"),
        (date(2026, 3, 1), "01.03.2026", "1. März 2026"),
        (PartialDate(2015, 8), "08/2015", "August 2015"),
        (PartialDate(2015), "2015", "2015"),
    ],
)
def test_dates_keep_their_precision_in_tables_and_running_text(
    value: date | PartialDate, table: str, text: str
) -> None:
    assert date_table(value) == table
    assert date_text(value) == text


def test_running_text_prepositions_follow_the_precision() -> None:
    assert on_text(PartialDate(2018, 3, 15)) == "am 15. März 2018"
    assert on_text(PartialDate(2015, 8)) == "im August 2015"
    assert on_text(PartialDate(2015)) == "im Jahr 2015"
    assert since_text(PartialDate(2018, 3, 15)) == "seit dem 15. März 2018"
    assert since_text(PartialDate(2018, 3)) == "seit März 2018"


def test_periods_in_tables_and_text() -> None:
    assert period_table(PartialDate(2015, 8), PartialDate(2018, 3)) == "08/2015 – 03/2018"
    assert period_table(PartialDate(2018, 3), None) == "seit 03/2018"
    assert period_table(PartialDate(2012), None, approximate=True) == "seit ca. 2012"
    assert period_text(PartialDate(2015, 8), PartialDate(2018, 3)) == (
        "von August 2015 bis März 2018"
    )


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1850.00", f"1.850,00{NBSP}€"),
        ("46.50", f"46,50{NBSP}€"),
        ("0.00", f"0,00{NBSP}€"),
        ("1234567.89", f"1.234.567,89{NBSP}€"),
    ],
)
def test_money_uses_thousands_dots_and_a_decimal_comma(amount: str, text: str) -> None:
    assert money(Decimal(amount)) == text


def test_nationalities_are_german_adjectives_with_stateless_and_unknown() -> None:
    assert nationality("AF") == "afghanisch"
    assert nationality("XX") == "staatenlos"
    assert nationality("unknown") == "ungeklärt"
    # An unlisted code is shown, not guessed.
    assert nationality("QQ") == "Staatsangehörigkeit QQ"


@pytest.mark.parametrize(
    ("numbers", "text"),
    [
        ([4], f"Anlage{NBSP}4"),
        ([8, 7], f"Anlagen{NBSP}7 und 8"),
        ([7, 8, 9], f"Anlagen{NBSP}7–9"),
        ([3, 5, 7, 8, 9], f"Anlagen{NBSP}3, 5 und 7–9"),
        ([], ""),
    ],
)
def test_anlage_references_collapse_runs(numbers: list[int], text: str) -> None:
    assert anlage_text(numbers) == text


# --------------------------------------------------------------------------------------------
# Anlage groups and order (package.md § 2.1, § 2.2)


def test_every_document_category_but_generated_ones_has_a_group_for_both_targets() -> None:
    from eligibility.facts import DOCUMENT_CATEGORIES

    for target, groups in ANLAGE_GROUPS.items():
        covered = {category for _, _, categories in groups for category in categories}
        assert set(DOCUMENT_CATEGORIES) <= covered, target


def test_a_school_certificate_goes_to_h3_for_an_adult_and_h6_for_a_child() -> None:
    case = load("h16-sultani")  # p2 is a minor with school certificates
    certificate = next(d for d in case.documents if d.category == "school_certificate")
    assert group_for(case, certificate) == ("H6", "Schulbesuch der Kinder")
    adult = replace(certificate, person=case.principal.id)
    assert group_for(case, adult) == (
        "H3",
        "Schulabschluss, Deutschkenntnisse, Orientierungswissen",
    )


def test_the_same_child_turns_adult_on_a_later_reference_date() -> None:
    case = load("h16-sultani")
    certificate = next(d for d in case.documents if d.category == "school_certificate")
    assert group_for(case, certificate, on=date(2040, 1, 1))[0] == "H3"


def test_hfk_groups_follow_the_letter_order() -> None:
    case = load("n01-eze")
    ordered = sorted(case.documents, key=lambda d: anlage_sort_key(case, d))
    groups = [group_for(case, d)[0] for d in ordered]
    assert groups == sorted(groups, key=[g[0] for g in ANLAGE_GROUPS["hfk_nrw"]].index)
    assert groups[0] == "V"  # the uploaded Vollmacht leads
    assert group_for(case, ordered[-1]) == ("G7", "Gesundheit")


def test_within_a_group_persons_in_household_order_then_issued_ascending() -> None:
    case = load("h01-rahimi")
    ordered = sorted(case.documents, key=lambda d: anlage_sort_key(case, d))
    h5 = [d for d in ordered if group_for(case, d)[0] == "H5"]
    persons = [d.person for d in h5]
    # applicant's papers, then the spouse's, household documents (rent) last
    assert persons == sorted(persons, key=lambda p: {"p1": 0, "p2": 1, None: 9}[p])
    payslips = [d.issued for d in h5 if d.category == "payslip" and d.person == "p1"]
    assert payslips == sorted(payslips, key=lambda d: d.earliest() if d else date.max)
    assert len(payslips) == 3


def test_household_order_puts_children_oldest_first() -> None:
    data = raw("h01-rahimi")
    younger, older = data["persons"][3], data["persons"][2]
    data["persons"][2], data["persons"][3] = younger, older
    case = parse_case(data)
    names = [p.given_names for p in household_order(case)]
    assert names == ["Mohammad Nasir", "Zahra", "Sina", "Omid"]


# --------------------------------------------------------------------------------------------
# Untranslated narrative parts (package.md § 1.1)


def test_an_untranslated_life_story_is_named_and_blocks_the_final_letter() -> None:
    case = load("n06-al-jubouri")
    assert untranslated_parts(case) == ["Lebensgeschichte"]
    report = assess(case, date(2026, 11, 1))
    with pytest.raises(UntranslatedPartsError) as error:
        letter_context(case, report, anlagen=[], sent_on=date(2026, 11, 26), draft=False)
    assert error.value.parts == ("Lebensgeschichte",)


def test_a_draft_shows_a_placeholder_instead_of_the_foreign_text() -> None:
    case = load("n06-al-jubouri")
    foreign = case.narrative.life_story.text if case.narrative and case.narrative.life_story else ""
    report = assess(case, date(2026, 11, 1))
    letter = letter_context(case, report, anlagen=[], sent_on=date(2026, 11, 26), draft=True)
    story = next(s for s in letter.sections if s.heading == "Lebensgeschichte")
    assert [b.kind for b in story.blocks] == ["placeholder"]
    assert "Lebensgeschichte" in story.blocks[0].text
    assert foreign and all(foreign not in b.text for s in letter.sections for b in s.blocks)


def test_a_translation_unblocks_the_part() -> None:
    data = raw("n06-al-jubouri")
    data["narrative"]["life_story"]["translation_de"] = "Ich bin in Bagdad geboren."
    case = parse_case(data)
    assert untranslated_parts(case) == []


def test_a_part_the_25b_letter_does_not_print_does_not_block_it() -> None:
    data = raw("h01-rahimi")
    data["narrative"]["life_story"] = {"language": "fa", "text": "…", "translation_de": None}
    assert untranslated_parts(parse_case(data)) == []
    data["narrative"]["integration"] = {"language": "fa", "text": "…", "translation_de": None}
    assert untranslated_parts(parse_case(data)) == ["Integrationsleistungen"]


# --------------------------------------------------------------------------------------------
# Names, sender, Betreff


def test_running_text_uses_titles_only_for_a_known_sex() -> None:
    data = raw("n01-eze")
    case = parse_case(data)
    assert running_name(case, case.principal) == "Frau Eze"
    data["persons"][0]["sex"] = "diverse"
    case = parse_case(data)
    assert running_name(case, case.principal) == "Precious Eze"


def test_a_representative_sends_the_letter_for_the_applicant() -> None:
    case = load("n01-eze")
    the_sender = sender(case)
    assert the_sender.name == "Maria Hoffmann"
    assert the_sender.briefkopf[0].startswith("Caritasverband für die Stadt Köln")
    assert the_sender.briefkopf[-1] == "für Precious Eze, Venloer Straße 210, 50823 Köln"
    assert the_sender.ruecksende == (
        "Caritasverband für die Stadt Köln e.V. · Bartholomäus-Schink-Straße 6 · 50825 Köln"
    )


def test_the_betreff_names_procedure_every_person_and_the_file_number() -> None:
    case = load("h01-rahimi")
    lines = betreff(case)
    assert (
        lines[0] == f"Antrag auf Erteilung einer Aufenthaltserlaubnis nach §{NBSP}25b{NBSP}AufenthG"
    )
    for person in case.persons:
        assert (
            f"{person.given_names} {person.surname} (geb. {date_table(person.birth_date)})"
            in (lines[1])
        )
    assert lines[2] == "Az. 32.33-RA-2018-0412"


def test_recipient_addresses_are_dated_data() -> None:
    assert recipient_for("hfk_nrw", date(2026, 11, 26)).fax == "0211 837-2200"
    with pytest.raises(ValueError, match="no recipient"):
        recipient_for("hfk_nrw", date(2000, 1, 1))


# --------------------------------------------------------------------------------------------
# Anlagenverzeichnis and e-mail texts


def test_index_pages_show_count_and_range_and_nachzureichen_has_none() -> None:
    single = IndexEntry(1, "Vollmacht", "Vollmacht", "Precious Eze", "20.10.2026", 8, 8, False)
    several = IndexEntry(7, "G4", "Lohn", "Precious Eze", "31.08.2026", 15, 17, False)
    later = IndexEntry(12, "G7", "Attest", None, None, None, None, True)
    split = IndexEntry(9, "G4", "Lohn", None, None, 3, 4, False, part=2)
    assert pages_text(single) == f"1 (S.{NBSP}8)"
    assert pages_text(several) == f"3 (S.{NBSP}15–17)"
    assert pages_text(later) == "–"
    assert pages_text(split) == "2 (Teil 2)"
    context = index_context(
        load("n01-eze"), [later, single], sent_on=date(2026, 11, 26), draft=False
    )
    assert [g.heading for g in context.groups] == ["Vollmacht", "G7"]
    assert context.groups[1].rows[0][1] == "Attest (nachzureichen)"


def test_email_subject_names_applicant_birth_date_and_part() -> None:
    case = load("n01-eze")
    assert email_subject(case, part=1, parts=3) == (
        "Härtefallantrag Precious Eze, geb. 14.06.1995 – Teil 1 von 3"
    )
    assert email_subject(case) == "Härtefallantrag Precious Eze, geb. 14.06.1995"


def test_letter_references_use_the_anlage_numbers_it_is_given() -> None:
    case = load("n01-eze")
    report = assess(case, date(2026, 11, 1))
    anlagen = [AnlageRef(5, "telc Deutsch A2", "language_certificate", "p1", "d8")]
    letter = letter_context(case, report, anlagen=anlagen, sent_on=date(2026, 11, 26), draft=True)
    integration = next(s for s in letter.sections if s.heading == "Integrationsleistungen")
    language = next(s for s in integration.subsections if s.heading == "Sprache")
    assert f"(Anlage{NBSP}5)" in language.blocks[0].text
    assert letter.anlagen_line == "gemäß Anlagenverzeichnis (1 Anlage)"


# --------------------------------------------------------------------------------------------
# Lebenslauf gaps (package.md § 7)


def _cv_case(**person: Any) -> Case:
    data = raw("n01-eze")
    base = data["persons"][0]
    base.update(
        {
            "birth_date": "1990-01-15",
            "schooling": [],
            "employment": [],
            "integration": [],
            "residence_history": [],
            "entry_date": None,
            "german": None,
            "civic_test": None,
        }
    )
    base.update(person)
    data["persons"] = [base]
    data["procedures"] = []
    data["reference_date"] = "2026-11-01"
    return parse_case(data)


def test_a_gap_of_more_than_three_months_after_the_14th_birthday_is_found() -> None:
    case = _cv_case(
        schooling=[{"kind": "school", "country": "AF", "from": "2000-09", "to": "2008-06"}],
        employment=[{"kind": "employed", "from": "2009-01-01", "to": "2026-12-31"}],
    )
    gaps = find_cv_gaps(case, case.principal)
    assert [(g.start, g.end) for g in gaps] == [(date(2008, 7, 1), date(2008, 12, 31))]
    assert gaps[0].german == "01.07.2008 – 31.12.2008"
    assert gaps[0].before is not None and gaps[0].before.startswith("Beschäftigung")


def test_three_months_without_an_entry_are_not_a_gap() -> None:
    case = _cv_case(
        schooling=[{"kind": "school", "country": "AF", "from": "2000-09", "to": "2008-06-30"}],
        employment=[{"kind": "employed", "from": "2008-09-30", "to": None}],
    )
    assert find_cv_gaps(case, case.principal) == []


def test_time_before_the_14th_birthday_is_not_checked() -> None:
    case = _cv_case(employment=[{"kind": "employed", "from": "2004-02-01", "to": None}])
    assert find_cv_gaps(case, case.principal) == []


def test_an_open_period_covers_up_to_the_reference_date_and_a_late_end_is_flagged() -> None:
    case = _cv_case(employment=[{"kind": "employed", "from": "2004-01-15", "to": "2025-12-31"}])
    gaps = find_cv_gaps(case, case.principal)
    assert [(g.start, g.end) for g in gaps] == [(date(2026, 1, 1), date(2026, 11, 1))]


@pytest.mark.parametrize(
    ("offences", "printed"),
    [
        ("absent", False),  # nobody asked: the letter says nothing about convictions
        (None, False),
        ([], True),  # the case says "none": the letter may state it
    ],
)
def test_no_convictions_are_stated_only_when_the_case_says_so(offences: Any, printed: bool) -> None:
    """package.md § 1.5: nothing is invented — "keine Verurteilungen" is a statement of fact."""
    document = raw("n01-eze")
    for person in document["persons"]:
        person.pop("offences", None)
        if offences != "absent":
            person["offences"] = offences
    case = parse_case(document)
    report = assess(case, date(2026, 11, 1))
    letter = letter_context(case, report, anlagen=[], sent_on=date(2026, 11, 26), draft=True)
    text = " ".join(b.text for s in letter.sections for b in s.blocks)
    assert ("Verurteilungen liegen" in text) is printed
