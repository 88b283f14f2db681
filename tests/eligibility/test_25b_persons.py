"""§ 25b requirements per person and for the household (legal-rules.md § 3.1, 3.4–3.6, 3.8–3.10,
3.13–3.16).

Citations checked: § 71 Abs. 1 AufenthG (competence); § 25b Abs. 4 Satz 1 (family members);
§ 25b Abs. 1 Satz 2 Nr. 2 (FDGO, civic knowledge), Nr. 4 with § 2 Abs. 10 and Abs. 3 (A2),
Nr. 5 with § 64 Abs. 1, § 65 NSchG (school attendance); § 25b Abs. 2 Nr. 1 (deception);
§ 5 Abs. 1 Nr. 1a, Abs. 3 Satz 2, § 25b Abs. 8 (identity); § 5 Abs. 1 Nr. 4, § 3 Abs. 1
(passport); § 11 Abs. 1 Satz 3, Abs. 4 Satz 2 (entry ban); § 5 Abs. 4 AufenthG (security bar).
"""

from __future__ import annotations

from datetime import date

import pytest

from eligibility.context import Context
from eligibility.facts import Person
from eligibility.report import Finding, Outcome
from eligibility.rules_25b import (
    authority_competence,
    civic_knowledge,
    entry_ban,
    family_member,
    fdgo_declaration,
    german_a2,
    identity,
    passport,
    refusal_deception,
    school_attendance,
    school_year,
    security_bar,
)
from tests.eligibility.builders import (
    Json,
    add_child,
    add_health,
    add_person,
    add_procedure,
    add_schooling,
    add_spouse,
    case,
    context,
    residence,
    set_residence,
    update_person,
)

R = "2026-11-01"


def _person(ctx: Context, person_id: str) -> Person:
    return ctx.case.person(person_id)


# --- 3.1 authority_competence --------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        pytest.param("Hannover", Outcome.MET, id="hannover"),
        pytest.param("  hannover ", Outcome.MET, id="case-and-space-insensitive"),
        pytest.param("Langenhagen", Outcome.NEEDS_REVIEW, id="region-municipality"),
        pytest.param(None, Outcome.MISSING_INFORMATION, id="no-city"),
    ],
)
def test_authority_competence_by_city(city: str | None, expected: Outcome) -> None:
    finding = authority_competence(context(case(city=city)))
    assert finding.outcome is expected
    assert finding.person is None
    assert finding.citation == "§ 71 Abs. 1 AufenthG"
    if expected is Outcome.NEEDS_REVIEW:
        assert "Langenhagen – zuständige Ausländerbehörde prüfen" in finding.reason_de


# --- 3.4 family_member ---------------------------------------------------------------------


def _family(role: str, *, in_household: bool = True, **fields: object) -> Finding:
    document = case()
    add_person(document, "p2", role, in_household=in_household, **fields)
    ctx = context(document)
    return family_member(ctx, _person(ctx, "p2"))


@pytest.mark.parametrize(
    ("role", "fields", "in_household", "expected"),
    [
        pytest.param("spouse", {"marital_status": "married"}, True, Outcome.MET, id="spouse"),
        pytest.param("spouse", {"marital_status": None}, True, Outcome.MET, id="spouse-null"),
        pytest.param(
            "spouse",
            {"marital_status": "married"},
            False,
            Outcome.NEEDS_REVIEW,
            id="spouse-elsewhere",
        ),
        pytest.param(
            "spouse",
            {"marital_status": "divorced"},
            True,
            Outcome.NEEDS_REVIEW,
            id="spouse-contradiction",
        ),
        pytest.param(
            "partner",
            {"marital_status": "civil_partnership"},
            True,
            Outcome.MET,
            id="registered-partner",
        ),
        pytest.param(
            "partner",
            {"marital_status": "civil_partnership"},
            False,
            Outcome.NEEDS_REVIEW,
            id="registered-partner-elsewhere",
        ),
        pytest.param(
            "partner", {"marital_status": "single"}, True, Outcome.NOT_MET, id="partner-single"
        ),
        pytest.param(
            "partner",
            {"marital_status": "divorced"},
            True,
            Outcome.NOT_MET,
            id="partner-divorced",
        ),
        pytest.param(
            "partner", {"marital_status": "widowed"}, True, Outcome.NOT_MET, id="partner-widowed"
        ),
        pytest.param(
            "partner", {"marital_status": None}, True, Outcome.NEEDS_REVIEW, id="partner-null"
        ),
        pytest.param(
            "partner",
            {"marital_status": "married"},
            True,
            Outcome.NEEDS_REVIEW,
            id="partner-married",
        ),
        pytest.param("child", {"birth_date": "2000-01-01"}, True, Outcome.NOT_MET, id="adult"),
        pytest.param(
            "child", {"birth_date": "2008-11-01"}, True, Outcome.NOT_MET, id="child-18-on-R"
        ),
        pytest.param(
            "child", {"birth_date": "2008-11-02"}, True, Outcome.MET, id="child-18-day-after-R"
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "marital_status": "married"},
            True,
            Outcome.NOT_MET,
            id="child-married",
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "marital_status": "civil_partnership"},
            True,
            Outcome.NOT_MET,
            id="child-civil-partnership",
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "marital_status": "single"},
            True,
            Outcome.MET,
            id="child-single",
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "marital_status": None},
            True,
            Outcome.MET,
            id="child-marital-null",
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "parents": ["p1"]},
            True,
            Outcome.MET,
            id="child-of-applicant",
        ),
        pytest.param(
            "child", {"birth_date": "2008"}, True, Outcome.NEEDS_REVIEW, id="child-born-2008"
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "marital_status": "divorced"},
            True,
            Outcome.NEEDS_REVIEW,
            id="child-divorced",
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01", "marital_status": "widowed"},
            True,
            Outcome.NEEDS_REVIEW,
            id="child-widowed",
        ),
        pytest.param(
            "child",
            {"birth_date": "2015-01-01"},
            False,
            Outcome.NEEDS_REVIEW,
            id="child-elsewhere",
        ),
        pytest.param(
            "child",
            {"birth_date": None},
            True,
            Outcome.MISSING_INFORMATION,
            id="child-birth-date-unknown",
        ),
        pytest.param("other", {"birth_date": "1960-01-01"}, True, Outcome.NOT_MET, id="other"),
    ],
)
def test_family_member_branches(
    role: str, fields: Json, in_household: bool, expected: Outcome
) -> None:
    finding = _family(role, in_household=in_household, **fields)
    assert finding.outcome is expected
    assert finding.citation == "§ 25b Abs. 4 Satz 1 AufenthG"
    assert finding.person == "p2"


def test_family_member_adult_child_is_pointed_to_own_application() -> None:
    finding = _family("child", birth_date="2004-01-01")
    assert "§ 25a" in finding.reason_de


def test_family_member_child_of_someone_else_is_not_covered() -> None:
    document = case()
    add_person(document, "p9", "other", birth_date="1965-01-01")
    add_child(document, "p2", birth_date="2015-01-01", parents=["p9"])
    ctx = context(document)
    assert family_member(ctx, _person(ctx, "p2")).outcome is Outcome.NOT_MET


def test_family_member_child_of_the_spouse_is_covered() -> None:
    document = case()
    add_spouse(document, "p3")
    add_child(document, "p2", birth_date="2015-01-01", parents=["p3"])
    ctx = context(document)
    assert family_member(ctx, _person(ctx, "p2")).outcome is Outcome.MET


# --- 3.5 fdgo_declaration ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "declaration", "expected"),
    [
        pytest.param("2012-01-01", {"refused": True}, Outcome.MET, id="under-16-not-required"),
        pytest.param("2010-11-02", {"refused": True}, Outcome.MET, id="16-the-day-after-R"),
        pytest.param("2010-11-01", {"refused": True}, Outcome.NOT_MET, id="16-on-R-refused"),
        pytest.param("2010", {"refused": True}, Outcome.NOT_MET, id="maybe-16-refused"),
        pytest.param("1990-01-01", {"refused": True}, Outcome.NOT_MET, id="adult-refused"),
        pytest.param("1990-01-01", {"signed": "2026-10-01"}, Outcome.MET, id="signed"),
        pytest.param("1990-01-01", None, Outcome.MET, id="not-yet-given"),
    ],
)
def test_fdgo_declaration(birth_date: str, declaration: Json | None, expected: Outcome) -> None:
    document = case()
    update_person(document, "p1", birth_date=birth_date, fdgo_declaration=declaration)
    ctx = context(document)
    finding = fdgo_declaration(ctx, ctx.principal)
    assert finding.outcome is expected
    assert finding.citation == "§ 25b Abs. 1 Satz 2 Nr. 2 AufenthG"
    if declaration == {"signed": "2026-10-01"}:
        assert "01.10.2026" in finding.reason_de


# --- 3.6 civic_knowledge -------------------------------------------------------------------


def _civic(document: Json) -> Finding:
    ctx = context(document)
    return civic_knowledge(ctx, ctx.principal)


def _without_civic_test(**fields: object) -> Json:
    document = case()
    update_person(document, "p1", **{"civic_test": None, **fields})
    return document


@pytest.mark.parametrize(
    ("civic_test", "expected"),
    [
        pytest.param(
            {"kind": "leben_in_deutschland", "passed": True}, Outcome.MET, id="lid-passed"
        ),
        pytest.param(
            {"kind": "einbuergerungstest", "passed": True}, Outcome.MET, id="naturalisation-test"
        ),
        pytest.param(
            {"kind": "leben_in_deutschland", "passed": False}, Outcome.NOT_MET, id="failed"
        ),
        pytest.param(None, Outcome.MISSING_INFORMATION, id="missing"),
        pytest.param(
            {"kind": None, "passed": True}, Outcome.MISSING_INFORMATION, id="kind-unknown"
        ),
        pytest.param(
            {"kind": "leben_in_deutschland", "passed": None},
            Outcome.MISSING_INFORMATION,
            id="result-unknown",
        ),
    ],
)
def test_civic_knowledge_by_test(civic_test: Json | None, expected: Outcome) -> None:
    finding = _civic(_without_civic_test(civic_test=civic_test))
    assert finding.outcome is expected
    if civic_test is None:
        assert "persons[0].civic_test" in finding.missing


def test_civic_knowledge_minor_is_assumed() -> None:
    assert _civic(_without_civic_test(birth_date="2010-01-01")).outcome is Outcome.MET


def test_civic_knowledge_unclear_minor_without_proof_needs_review() -> None:
    finding = _civic(_without_civic_test(birth_date="2008"))
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "unklar" in finding.reason_de


def test_civic_knowledge_unclear_minor_with_passed_test_is_met() -> None:
    document = case()
    update_person(document, "p1", birth_date="2008")
    assert _civic(document).outcome is Outcome.MET


@pytest.mark.parametrize(
    ("country", "degree", "expected"),
    [
        pytest.param("DE", "hauptschulabschluss", Outcome.MET, id="german-hauptschule"),
        pytest.param("DE", "abitur", Outcome.MET, id="german-abitur"),
        pytest.param("DE", None, Outcome.MISSING_INFORMATION, id="german-school-no-degree"),
        pytest.param("SY", "abitur", Outcome.MISSING_INFORMATION, id="foreign-degree"),
    ],
)
def test_civic_knowledge_by_german_school_degree(
    country: str, degree: str | None, expected: Outcome
) -> None:
    document = _without_civic_test()
    add_schooling(document, "p1", "school", country=country, degree=degree, to="2020-07-01")
    assert _civic(document).outcome is expected


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        pytest.param(["civic_test"], Outcome.NEEDS_REVIEW, id="limits-civic-test"),
        pytest.param(None, Outcome.NEEDS_REVIEW, id="limits-unknown"),
        pytest.param(["work"], Outcome.MISSING_INFORMATION, id="limits-known-without-civic"),
        pytest.param([], Outcome.MISSING_INFORMATION, id="limits-none"),
    ],
)
def test_civic_knowledge_is_not_waived_by_illness(
    limits: list[str] | None, expected: Outcome
) -> None:
    document = _without_civic_test()
    add_health(document, "p1", limits=limits)
    finding = _civic(document)
    assert finding.outcome is expected
    if expected is Outcome.NEEDS_REVIEW:
        assert "§ 25b Abs. 3 befreit nicht von Nr. 2" in finding.reason_de


@pytest.mark.parametrize(
    ("birth_date", "expected"),
    [
        # 1960: Regelaltersgrenze 66 years 4 months.
        pytest.param("1960-06-30", Outcome.NEEDS_REVIEW, id="pension-age-reached-before-R"),
        pytest.param("1960-07-01", Outcome.NEEDS_REVIEW, id="pension-age-reached-on-R"),
        pytest.param("1960-07-02", Outcome.MISSING_INFORMATION, id="pension-age-day-after-R"),
    ],
)
def test_civic_knowledge_at_pension_age_needs_review(birth_date: str, expected: Outcome) -> None:
    assert _civic(_without_civic_test(birth_date=birth_date)).outcome is expected


# --- 3.8 german_a2 -------------------------------------------------------------------------


def _german(document: Json) -> Finding:
    ctx = context(document)
    return german_a2(ctx, ctx.principal)


def _with_german(german: Json | None, **fields: object) -> Json:
    document = case()
    update_person(document, "p1", german=german, **fields)
    return document


@pytest.mark.parametrize(
    ("german", "expected"),
    [
        pytest.param({"level": "A2", "certificate": "DTZ"}, Outcome.MET, id="a2-certificate"),
        pytest.param({"level": "B1", "certificate": "telc"}, Outcome.MET, id="b1-certificate"),
        pytest.param(
            {"level": "A2", "certificate": None}, Outcome.MISSING_INFORMATION, id="a2-no-cert"
        ),
        pytest.param(
            {"level": "C1", "certificate": None}, Outcome.MISSING_INFORMATION, id="c1-no-cert"
        ),
        pytest.param({"level": "A1", "certificate": "DTZ"}, Outcome.NOT_MET, id="a1"),
        pytest.param(None, Outcome.MISSING_INFORMATION, id="unknown"),
        pytest.param(
            {"level": None, "certificate": None}, Outcome.MISSING_INFORMATION, id="level-unknown"
        ),
    ],
)
def test_german_a2_by_level_and_certificate(german: Json | None, expected: Outcome) -> None:
    finding = _german(_with_german(german))
    assert finding.outcome is expected
    if german == {"level": "A2", "certificate": None}:
        assert "language_certificate" in finding.missing


def test_german_a2_german_school_degree_is_enough() -> None:
    document = _with_german(None)
    add_schooling(document, "p1", "school", degree="realschulabschluss", to="2019-07-01")
    assert _german(document).outcome is Outcome.MET


def test_german_a2_illness_limit_is_an_exception_but_civic_knowledge_is_not_waived() -> None:
    document = _with_german({"level": "A1", "certificate": None}, civic_test=None)
    add_health(document, "p1", limits=["german"])
    finding = _german(document)
    assert finding.outcome is Outcome.EXCEPTION_APPLIES
    assert "§ 25b Abs. 3 AufenthG" in finding.citation
    assert _civic(document).outcome is Outcome.MISSING_INFORMATION
    update_person(document, "p1", civic_test={"kind": "leben_in_deutschland", "passed": False})
    assert _civic(document).outcome is Outcome.NOT_MET


def test_german_a2_unknown_health_limits_need_review() -> None:
    document = _with_german({"level": "A1", "certificate": None})
    add_health(document, "p1", limits=None)
    assert _german(document).outcome is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("birth_date", "expected"),
    [
        pytest.param("1960-07-01", Outcome.NEEDS_REVIEW, id="pension-age-on-R"),
        pytest.param("1960-07-02", Outcome.NOT_MET, id="pension-age-day-after-R"),
    ],
)
def test_german_a2_pension_age_needs_review_not_exception(
    birth_date: str, expected: Outcome
) -> None:
    document = _with_german({"level": "A1", "certificate": None}, birth_date=birth_date)
    assert _german(document).outcome is expected


@pytest.mark.parametrize(
    ("birth_date", "german", "limits", "expected"),
    [
        pytest.param("2010-01-01", None, [], Outcome.MET, id="minor-assumed"),
        pytest.param("2008", None, [], Outcome.NEEDS_REVIEW, id="unclear-minor-unknown"),
        pytest.param(
            "2008",
            {"level": "A1", "certificate": None},
            [],
            Outcome.NEEDS_REVIEW,
            id="unclear-minor-a1",
        ),
        pytest.param(
            "2008",
            {"level": "A1", "certificate": None},
            ["german"],
            Outcome.EXCEPTION_APPLIES,
            id="unclear-minor-exception-kept",
        ),
    ],
)
def test_german_a2_minors(
    birth_date: str, german: Json | None, limits: list[str], expected: Outcome
) -> None:
    document = _with_german(german, birth_date=birth_date)
    if limits:
        add_health(document, "p1", limits=limits)
    assert _german(document).outcome is expected


# --- 3.9 school_attendance -----------------------------------------------------------------


def _school(birth_date: str | None, attendance: Json | None, reference: str = R) -> list[Finding]:
    document = case(reference_date=reference)
    add_child(document, "p2", birth_date=birth_date, school_attendance=attendance)
    ctx = context(document)
    return school_attendance(ctx, ctx.case.persons)


NOT_ATTENDING: Json = {"attending": False}
ATTENDING: Json = {"attending": True, "school": "Grundschule Linden"}


def test_school_year_starts_on_1_august() -> None:
    assert school_year(date(2026, 7, 31)).start == date(2025, 8, 1)
    assert school_year(date(2026, 8, 1)).start == date(2026, 8, 1)
    assert school_year(date(2026, 8, 1)).latest_birth == date(2020, 10, 1)
    assert school_year(date(2026, 8, 1)).deferral_from == date(2020, 7, 2)


@pytest.mark.parametrize(
    ("birth_date", "attendance", "expected"),
    [
        pytest.param("2020-10-01", ATTENDING, Outcome.MET, id="cutoff-day-attending"),
        pytest.param("2020-10-01", NOT_ATTENDING, Outcome.NEEDS_REVIEW, id="cutoff-deferrable"),
        pytest.param("2020-10-02", NOT_ATTENDING, None, id="day-after-cutoff-not-school-age"),
        pytest.param("2020-07-02", NOT_ATTENDING, Outcome.NEEDS_REVIEW, id="window-first-day"),
        pytest.param("2020-07-01", NOT_ATTENDING, Outcome.NOT_MET, id="day-before-window"),
        pytest.param("2019-05-01", NOT_ATTENDING, Outcome.NOT_MET, id="school-age"),
        pytest.param("2019-05-01", None, Outcome.MISSING_INFORMATION, id="attendance-unknown"),
        pytest.param(
            "2019-05-01", {"attending": None}, Outcome.MISSING_INFORMATION, id="attending-null"
        ),
        pytest.param("2008-11-02", NOT_ATTENDING, Outcome.NOT_MET, id="17-year-old"),
        pytest.param("2020", NOT_ATTENDING, Outcome.NEEDS_REVIEW, id="born-2020-maybe"),
        pytest.param("2020", ATTENDING, Outcome.MET, id="born-2020-attending"),
        pytest.param("2021-01-01", NOT_ATTENDING, None, id="too-young"),
    ],
)
def test_school_attendance_by_birth_date(
    birth_date: str, attendance: Json | None, expected: Outcome | None
) -> None:
    findings = _school(birth_date, attendance)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.citation == "§ 25b Abs. 1 Satz 2 Nr. 5 AufenthG; § 64 Abs. 1, § 65 NSchG"
    if expected is None:
        assert (finding.person, finding.outcome) == (None, Outcome.MET)
    else:
        assert (finding.person, finding.outcome) == ("p2", expected)


@pytest.mark.parametrize(
    ("birth_date", "reference", "expected"),
    [
        pytest.param("2020-09-01", "2026-07-31", None, id="window-child-before-school-year"),
        pytest.param(
            "2020-09-01", "2026-08-01", Outcome.NEEDS_REVIEW, id="window-child-from-1-aug"
        ),
        pytest.param("2020-05-01", "2026-07-31", None, id="child-before-school-year"),
        pytest.param("2020-05-01", "2026-08-01", Outcome.NOT_MET, id="child-from-1-august"),
    ],
)
def test_school_attendance_school_year_starts_on_1_august(
    birth_date: str, reference: str, expected: Outcome | None
) -> None:
    finding = _school(birth_date, NOT_ATTENDING, reference)[0]
    if expected is None:
        assert finding.person is None and finding.outcome is Outcome.MET
    else:
        assert finding.outcome is expected


def test_school_attendance_only_for_covered_children() -> None:
    document = case()
    add_child(document, "p2", birth_date="2015-01-01", school_attendance=NOT_ATTENDING)
    ctx = context(document)
    findings = school_attendance(ctx, (ctx.principal,))
    assert [(f.person, f.outcome) for f in findings] == [(None, Outcome.MET)]


def test_school_attendance_possible_school_age_is_explained() -> None:
    finding = _school("2020", ATTENDING)[0]
    assert "möglicherweise schulpflichtig" in finding.reason_de


# --- 3.10 refusal_deception ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "expected", "phrase"),
    [
        pytest.param(
            (residence("duldung", "2016-01-01", basis="60a"),), Outcome.MET, "Keine", id="none"
        ),
        pytest.param(
            (residence("duldung", "2016-01-01", basis="60b"),),
            Outcome.NEEDS_REVIEW,
            "Aktuell",
            id="current-60b",
        ),
        pytest.param(
            (
                residence("duldung", "2016-01-01", "2019-12-31", basis="60b"),
                residence("duldung", "2020-01-01", basis="60a"),
            ),
            Outcome.NEEDS_REVIEW,
            "Früher",
            id="earlier-60b",
        ),
    ],
)
def test_refusal_deception(entries: tuple[Json, ...], expected: Outcome, phrase: str) -> None:
    document = case()
    set_residence(document, "p1", *entries)
    ctx = context(document)
    finding = refusal_deception(ctx, ctx.principal)
    assert finding.outcome is expected
    assert phrase in finding.reason_de
    assert finding.citation == "§ 25b Abs. 2 Nr. 1 AufenthG"


# --- 3.13 identity and 3.14 passport -------------------------------------------------------


def _identity_case(
    identity_data: Json | None, *, reference: str = R, history: tuple[Json, ...] = ()
) -> Context:
    document = case(reference_date=reference)
    update_person(document, "p1", identity=identity_data)
    if history:
        set_residence(document, "p1", *history)
    return context(document)


def _id(
    held: bool | None,
    valid_until: str | None = None,
    *,
    efforts: bool = False,
    others: tuple[str, ...] = (),
) -> Json:
    return {
        "passport": {"held": held, "number": None, "valid_until": valid_until},
        "passport_efforts": [{"date": "2025-02-10", "what": "Botschaft"}] if efforts else [],
        "other_identity_documents": list(others),
    }


PERMIT_104C = (residence("aufenthaltserlaubnis", "2025-06-01", "2027-11-30", basis="104c"),)


@pytest.mark.parametrize(
    ("identity_data", "reference", "history", "expected"),
    [
        pytest.param(None, R, (), Outcome.MISSING_INFORMATION, id="identity-unknown"),
        pytest.param(_id(True, "2030-01-01"), R, (), Outcome.MET, id="valid-passport"),
        pytest.param(_id(True, "2020-01-01"), R, (), Outcome.MET, id="expired-passport"),
        pytest.param(_id(None), R, (), Outcome.MISSING_INFORMATION, id="passport-unknown"),
        pytest.param(
            _id(False, others=("Tazkira (Original)",)),
            R,
            (),
            Outcome.NEEDS_REVIEW,
            id="other-documents",
        ),
        pytest.param(
            _id(False, efforts=True),
            R,
            PERMIT_104C,
            Outcome.NEEDS_REVIEW,
            id="104c-holder-with-efforts",
        ),
        pytest.param(
            _id(False, efforts=True),
            "2027-07-01",
            PERMIT_104C,
            Outcome.NOT_MET,
            id="104c-holder-after-2027-06-30",
        ),
        pytest.param(_id(False, efforts=True), R, (), Outcome.NOT_MET, id="efforts-only"),
        pytest.param(_id(False), R, (), Outcome.NOT_MET, id="nothing"),
    ],
)
def test_identity(
    identity_data: Json | None, reference: str, history: tuple[Json, ...], expected: Outcome
) -> None:
    ctx = _identity_case(identity_data, reference=reference, history=history)
    finding = identity(ctx, ctx.principal)
    assert finding.outcome is expected
    assert finding.citation.startswith("§ 5 Abs. 1 Nr. 1a AufenthG")
    if history and expected is Outcome.NEEDS_REVIEW:
        assert "§ 25b Abs. 8 AufenthG" in finding.citation


def _passport(ctx: Context) -> Finding:
    found = identity(ctx, ctx.principal)
    return passport(ctx, ctx.principal, found.outcome)


@pytest.mark.parametrize(
    ("identity_data", "reference", "expected"),
    [
        pytest.param(_id(True, "2026-11-02"), R, Outcome.MET, id="valid-day-after-R"),
        pytest.param(_id(True, "2026-11-01"), R, Outcome.MET, id="valid-on-R"),
        pytest.param(_id(True, "2026-10-31"), R, Outcome.NOT_MET, id="expired-day-before-R"),
        pytest.param(
            _id(True, "2026-10-31", efforts=True),
            R,
            Outcome.EXCEPTION_APPLIES,
            id="expired-with-efforts-identity-clear",
        ),
        pytest.param(_id(True, "2026-11"), R, Outcome.MET, id="partial-month-of-R-on-first"),
        pytest.param(
            _id(True, "2026-11"), "2026-11-15", Outcome.NEEDS_REVIEW, id="partial-month-of-R"
        ),
        pytest.param(_id(True, None), R, Outcome.MISSING_INFORMATION, id="validity-unknown"),
        pytest.param(None, R, Outcome.MISSING_INFORMATION, id="identity-unknown"),
        pytest.param(_id(None), R, Outcome.MISSING_INFORMATION, id="held-unknown"),
        pytest.param(
            _id(False, efforts=True, others=("Tazkira",)),
            R,
            Outcome.NEEDS_REVIEW,
            id="efforts-identity-open",
        ),
        pytest.param(_id(False), R, Outcome.NOT_MET, id="no-passport-no-efforts"),
    ],
)
def test_passport(identity_data: Json | None, reference: str, expected: Outcome) -> None:
    finding = _passport(_identity_case(identity_data, reference=reference))
    assert finding.outcome is expected
    assert finding.citation.startswith("§ 5 Abs. 1 Nr. 4, § 3 Abs. 1 AufenthG")


def test_passport_expired_names_the_expiry_day() -> None:
    finding = _passport(_identity_case(_id(True, "2026-10-31")))
    assert "seit dem 31.10.2026 abgelaufen" in finding.reason_de


# --- 3.15 entry_ban and 3.16 security_bar --------------------------------------------------


def _ban_case(*procedures: Json) -> Context:
    document = case()
    add_spouse(document, "p2")
    for procedure in procedures:
        add_procedure(document, **procedure)
    return context(document)


@pytest.mark.parametrize(
    ("procedure", "expected"),
    [
        pytest.param({"kind": "entry_ban", "until": "2026-10-31"}, Outcome.MET, id="until-R-1"),
        pytest.param(
            {"kind": "entry_ban", "until": "2026-11-01"}, Outcome.NEEDS_REVIEW, id="until-R"
        ),
        pytest.param({"kind": "entry_ban", "until": None}, Outcome.NEEDS_REVIEW, id="no-end"),
        pytest.param(
            {"kind": "entry_ban", "until": "2026-11"}, Outcome.NEEDS_REVIEW, id="until-month-of-R"
        ),
        pytest.param({"kind": "entry_ban", "until": "2026-10"}, Outcome.MET, id="until-month-R-1"),
        pytest.param(
            {"kind": "entry_ban", "until": None, "outcome": "lifted"}, Outcome.MET, id="lifted"
        ),
        pytest.param(
            {"kind": "expulsion", "decided": "2024-03-01"}, Outcome.NEEDS_REVIEW, id="expelled"
        ),
        pytest.param(
            {"kind": "expulsion", "pending": True}, Outcome.NEEDS_REVIEW, id="expulsion-pending"
        ),
        pytest.param(
            {"kind": "expulsion", "decided": "2024-03-01", "outcome": "lifted"},
            Outcome.MET,
            id="expulsion-lifted",
        ),
        pytest.param(
            {"kind": "expulsion", "pending": False}, Outcome.MET, id="expulsion-not-decided"
        ),
        pytest.param(
            {"kind": "entry_ban", "until": None, "persons": ["p2"]},
            Outcome.MET,
            id="ban-of-another-person",
        ),
        pytest.param({"kind": "asylum", "pending": True}, Outcome.MET, id="other-procedure"),
    ],
)
def test_entry_ban_of_the_principal(procedure: Json, expected: Outcome) -> None:
    ctx = _ban_case(procedure)
    finding = entry_ban(ctx, ctx.principal)
    assert finding.outcome is expected
    assert finding.citation == "§ 11 Abs. 1 Satz 3, Abs. 4 Satz 2 AufenthG"
    if expected is Outcome.NEEDS_REVIEW:
        assert "169,00 €" in finding.reason_de


def test_entry_ban_without_persons_concerns_the_whole_household() -> None:
    ctx = _ban_case({"kind": "entry_ban", "until": None})
    assert entry_ban(ctx, _person(ctx, "p2")).outcome is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("procedures", "expected"),
    [
        pytest.param((), Outcome.MET, id="none"),
        pytest.param(({"kind": "order_58a"},), Outcome.NOT_MET, id="order-58a"),
        pytest.param(({"kind": "order_58a", "outcome": "lifted"},), Outcome.MET, id="lifted"),
        pytest.param(
            ({"kind": "order_58a", "persons": ["p2"]},), Outcome.MET, id="order-for-another"
        ),
    ],
)
def test_security_bar(procedures: tuple[Json, ...], expected: Outcome) -> None:
    ctx = _ban_case(*procedures)
    finding = security_bar(ctx, ctx.principal)
    assert finding.outcome is expected
    assert finding.citation == "§ 5 Abs. 4 AufenthG"
