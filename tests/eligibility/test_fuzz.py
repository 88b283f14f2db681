"""Property tests of `eligibility.engine.assess` on seeded random cases (legal-rules.md § 0.3,
§ 0.4, § 3, § 4, § 5, § 7.2–7.4).

The cases come from `tests/eligibility/fuzz_cases.py` (fixed seed, so every run checks the same
cases). For each case the tests check, independently of the engine's own helpers:

- `assess` never raises and the report validates against the report schema;
- every requirement of the target is reported exactly once per subject the spec names, in the
  order of the spec's tables (§ 0.3: a per-person rule that applies to nobody is one household
  entry);
- `overall` (and for § 25b `overall_25b_substantive`) is what § 5 / § 7.4 give for the findings;
- a case made strictly worse for the applicant never gets a better overall result
  (monotonicity: a document loses its file, an offence or an entry ban is added, the residence
  starts later, a certificate or a passport is lost, income falls);
- a partial date never gives a better result than both of its exact readings (§ 0.4), and never
  turns a requirement `met` that neither exact reading fulfils.

The ranks below follow the first-match order of § 5 and § 7.4.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eligibility.dates import PartialDate, parse_partial_date
from eligibility.engine import assess
from eligibility.facts import Case, CaseFormatError, Person, parse_case
from eligibility.report import Finding, Outcome, Report
from tests.eligibility.fuzz_cases import Json, random_case, random_offence

# Fixed, so every run checks the same cases; FUZZ_SEED / FUZZ_CASES widen a local search.
SEED = int(os.environ.get("FUZZ_SEED", "20261101"))
CASES = int(os.environ.get("FUZZ_CASES", "320"))
SCHEMA = json.loads((Path(__file__).parent / "eligibility-report-1.schema.json").read_text())

FULFILLED = (Outcome.MET, Outcome.EXCEPTION_APPLIES)
RANK_25B = {"not_eligible": 0, "needs_review": 1, "incomplete": 2, "eligible": 3}

Key = tuple[str, str | None]


@dataclass(frozen=True)
class Sample:
    index: int
    document: Json
    case: Case
    report: Report


def _copy(document: Json) -> Json:
    copied: Json = json.loads(json.dumps(document))
    return copied


def _assess(document: Json) -> tuple[Case, Report]:
    case = parse_case(document)
    assert case.reference_date is not None
    return case, assess(case, case.reference_date)


@cache
def _generated() -> tuple[tuple[Sample, ...], tuple[str, ...]]:
    """The assessed cases and, separately, every case on which `assess` raised."""
    rng = random.Random(SEED)
    result = []
    crashes = []
    for index in range(CASES):
        document = random_case(rng)
        try:
            case = parse_case(document)
        except CaseFormatError as error:  # pragma: no cover - a generator bug
            pytest.fail(f"case {index} is not valid haertefall-case/1: {error}")
        assert case.reference_date is not None
        try:
            report = assess(case, case.reference_date)
        except Exception as error:  # the property is "never raises"
            crashes.append(f"case {index}: {type(error).__name__}: {error}")
            continue
        result.append(Sample(index, document, case, report))
    return tuple(result), tuple(crashes)


def samples() -> tuple[Sample, ...]:
    return _generated()[0]


def test_assess_never_raises_on_a_valid_case() -> None:
    crashes = _generated()[1]
    assert not crashes, "\n".join(crashes[:10])


# --- independent readings of the facts (§ 0.4) ------------------------------------------------


def _completed_years(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _certainly_minor(person: Person, day: date) -> bool:
    birth = person.birth_date
    return birth is not None and _completed_years(birth.earliest(), day) < 18


def _certainly_adult(person: Person, day: date) -> bool:
    birth = person.birth_date
    return birth is not None and _completed_years(birth.latest(), day) >= 18


def _certainly_under(person: Person, years: int, day: date) -> bool:
    birth = person.birth_date
    return birth is not None and _completed_years(birth.earliest(), day) < years


def _current(start: PartialDate | None, end: PartialDate | None, day: date) -> bool:
    """Current for certain: from = last possible day, to = first possible day."""
    return start is not None and start.latest() <= day and (end is None or end.earliest() >= day)


def _possibly_current(start: PartialDate | None, end: PartialDate | None, day: date) -> bool:
    return (start is None or start.earliest() <= day) and (end is None or end.latest() >= day)


def _possibly_school_age(person: Person, day: date) -> bool:
    """§ 3.9: minor and born on or before (S.year − 6)-10-01; possible is enough."""
    if _certainly_adult(person, day):
        return False
    start_year = day.year if (day.month, day.day) >= (8, 1) else day.year - 1
    return person.birth_date is None or person.birth_date.earliest() <= date(start_year - 6, 10, 1)


def _family_member_not_met(case: Case, person: Person, day: date) -> bool:
    """§ 3.4: the persons certainly outside the application."""
    if person.role == "other":
        return True
    if person.role == "partner":
        return person.marital_status in ("single", "divorced", "widowed")
    if person.role == "child":
        family = {case.principal.id} | {
            p.id for p in case.persons if p.role in ("spouse", "partner")
        }
        return (
            _certainly_adult(person, day)
            or person.marital_status in ("married", "civil_partnership")
            or (bool(person.parents) and not any(p in family for p in person.parents))
        )
    return False


# --- expected subjects -------------------------------------------------------------------------

H = None  # the household subject


@dataclass(frozen=True)
class Subjects:
    """The subjects of one requirement: exact, or bounded where § 0.4 leaves the reading open."""

    requirement: str
    at_least: tuple[str | None, ...]
    at_most: tuple[str | None, ...]

    @classmethod
    def exactly(cls, requirement: str, subjects: list[str | None]) -> Subjects:
        return cls(requirement, tuple(subjects), tuple(subjects))

    @classmethod
    def per_person(cls, requirement: str, ids: list[str]) -> Subjects:
        """§ 0.3: one entry per person, or one household entry if nobody is concerned."""
        return cls.exactly(requirement, list(ids) or [H])

    @classmethod
    def between(cls, requirement: str, low: list[str], high: list[str]) -> Subjects:
        assert set(low) <= set(high)
        return cls(requirement, tuple(low), tuple(high))


def expected_subjects_25b(case: Case, report: Report, day: date) -> list[Subjects]:
    principal = case.principal
    others = [p for p in case.persons if p.id != principal.id]
    family = {f.person: f.outcome for f in report.findings("25b.family_member")}
    covered = [principal] + [p for p in others if family.get(p.id) is not Outcome.NOT_MET]
    ids = [p.id for p in covered]
    children = [p.id for p in covered if p.role == "child" and _possibly_school_age(p, day)]
    learners_certain = [
        p.id
        for p in covered
        if any(j.kind == "training" and _current(j.from_, j.to, day) for j in p.employment)
        or any(
            s.kind in ("study", "vocational_training") and _current(s.from_, s.to, day)
            for s in p.schooling
        )
    ]
    learners_possible = [
        p.id
        for p in covered
        if any(j.kind == "training" and _possibly_current(j.from_, j.to, day) for j in p.employment)
        or any(
            s.kind in ("study", "vocational_training") and _possibly_current(s.from_, s.to, day)
            for s in p.schooling
        )
    ]
    return [
        Subjects.exactly("25b.authority_competence", [H]),
        Subjects.exactly("25b.status", [principal.id]),
        Subjects.exactly("25b.residence_period", [principal.id]),
        Subjects.per_person("25b.family_member", [p.id for p in others]),
        Subjects.per_person("25b.fdgo_declaration", ids),
        Subjects.per_person("25b.civic_knowledge", ids),
        Subjects.exactly("25b.livelihood", [H]),
        Subjects.per_person("25b.german_a2", ids),
        Subjects.per_person("25b.school_attendance", children),
        Subjects.per_person("25b.refusal_deception", ids),
        Subjects.per_person("25b.refusal_serious_offences", ids),
        Subjects.per_person("25b.no_expulsion_interest", ids),
        Subjects.per_person("25b.identity", ids),
        Subjects.per_person("25b.passport", ids),
        Subjects.per_person("25b.entry_ban", ids),
        Subjects.per_person("25b.security_bar", ids),
        Subjects.per_person("25b.doc.identity_documents", ids),
        # § 4 names "certainly adult"; § 0.4 makes exemption from proof a favourable age fact
        # that needs certainty, so everybody who may be adult shows the documents.
        Subjects.per_person(
            "25b.doc.civic_language", [p.id for p in covered if not _certainly_minor(p, day)]
        ),
        Subjects.exactly("25b.doc.income", [H]),
        Subjects.exactly("25b.doc.rent", [H]),
        Subjects.between("25b.doc.training_study", learners_certain, learners_possible),
        Subjects.per_person("25b.doc.school_certificates", children),
        Subjects.exactly("25b.doc.translations", [H]),
    ]


def expected_subjects_23a(case: Case, day: date) -> list[Subjects]:
    persons = list(case.persons)
    ids = [p.id for p in persons]

    def work(p: Person, current: Callable[[PartialDate | None, PartialDate | None], bool]) -> bool:
        return any(j.kind == "job_offer" or current(j.from_, j.to) for j in p.employment)

    def school(
        p: Person, current: Callable[[PartialDate | None, PartialDate | None], bool]
    ) -> bool:
        attending = p.school_attendance is not None and p.school_attendance.attending is True
        return not _certainly_adult(p, day) and (
            attending
            or any(
                s.kind in ("school", "kindergarten") and current(s.from_, s.to) for s in p.schooling
            )
        )

    def certain(a: PartialDate | None, b: PartialDate | None) -> bool:
        return _current(a, b, day)

    def possible(a: PartialDate | None, b: PartialDate | None) -> bool:
        return _possibly_current(a, b, day)

    language = [
        p.id
        for p in persons
        if (p.german is not None and p.german.certificate not in (None, "school"))
        or (p.civic_test is not None and p.civic_test.passed is True)
    ]
    return [
        Subjects.per_person("23a.adm.departure_obligation", ids),
        Subjects.exactly("23a.adm.nrw_residence", [H]),
        Subjects.exactly("23a.adm.deportation_date", [H]),
        Subjects.exactly("23a.adm.other_procedure", [H]),
        Subjects.per_person(
            "23a.adm.serious_offences", [p.id for p in persons if not _certainly_under(p, 14, day)]
        ),
        Subjects.exactly("23a.adm.previous_petition", [H]),
        Subjects.exactly("23a.adm.bans_and_orders", [H]),
        Subjects.exactly("23a.form.german_language", [H]),
        Subjects.per_person("23a.form.person_data", ids),
        Subjects.per_person("23a.form.entry_and_status", ids),
        Subjects.exactly("23a.form.life_story", [H]),
        Subjects.exactly("23a.form.current_situation", [H]),
        Subjects.exactly("23a.form.integration", [H]),
        Subjects.exactly("23a.form.humanitarian_reasons", [H]),
        Subjects.exactly("23a.form.family_ties", [case.principal.id]),
        Subjects.per_person("23a.doc.cv", [p.id for p in persons if not _certainly_minor(p, day)]),
        Subjects.per_person("23a.doc.language", language),
        Subjects.between(
            "23a.doc.work",
            [p.id for p in persons if work(p, certain)],
            [p.id for p in persons if work(p, possible)],
        ),
        Subjects.between(
            "23a.doc.children",
            [p.id for p in persons if school(p, certain)],
            [p.id for p in persons if school(p, possible)],
        ),
        Subjects.exactly("23a.doc.asylum_decision", [H]),
        Subjects.exactly("23a.doc.authority_order", [H]),
        Subjects.per_person("23a.doc.medical", [p.id for p in persons if p.health]),
        Subjects.per_person("23a.doc.criminal", [p.id for p in persons if p.offences]),
        Subjects.exactly("23a.doc.power_of_attorney", [H]),
        Subjects.exactly("23a.doc.format", [H]),
    ]


def check_subjects(report: Report, expected: list[Subjects]) -> None:
    """Every requirement once per subject, in the order of the spec's tables."""
    findings = list(report.requirements)
    position = 0
    for subjects in expected:
        block: list[Finding] = []
        while position < len(findings) and findings[position].id == subjects.requirement:
            block.append(findings[position])
            position += 1
        reported = [finding.person for finding in block]
        assert block, f"{subjects.requirement} is not reported (or out of order)"
        assert len(set(reported)) == len(reported), f"{subjects.requirement}: {reported} twice"
        if subjects.at_most in ((), (H,)):
            assert reported == [H], f"{subjects.requirement}: {reported}, expected household"
            continue
        if reported == [H]:
            assert not subjects.at_least, f"{subjects.requirement}: {subjects.at_least} missing"
            continue
        assert set(subjects.at_least) <= set(reported) <= set(subjects.at_most), (
            f"{subjects.requirement}: reported {reported}, expected between "
            f"{subjects.at_least} and {subjects.at_most}"
        )
    leftover = [f"{f.id}@{f.person}" for f in findings[position:]]
    assert not leftover, f"unexpected or misplaced findings: {leftover}"


# --- the overall results, recomputed ---------------------------------------------------------


def overall_25b(report: Report, covered: set[str], principal: str, *, substantive: bool) -> str:
    """§ 5, first match wins."""
    p: list[Outcome] = []
    f: list[Outcome] = []
    d: list[Outcome] = []
    for finding in report.requirements:
        if finding.id.startswith("25b.doc."):
            d.append(finding.outcome)
        elif finding.id == "25b.authority_competence" and substantive:
            continue
        elif (
            finding.person is None
            or finding.person == principal
            or finding.id == "25b.school_attendance"
        ):
            p.append(finding.outcome)
        elif finding.person in covered and not (
            finding.id == "25b.family_member" and finding.outcome is Outcome.NOT_MET
        ):
            f.append(finding.outcome)
    if substantive:
        d = []
    if Outcome.NOT_MET in p:
        return "not_eligible"
    if Outcome.NEEDS_REVIEW in p or Outcome.NOT_MET in f or Outcome.NEEDS_REVIEW in f:
        return "needs_review"
    if Outcome.MISSING_INFORMATION in p + f or any(o is not Outcome.MET for o in d):
        return "incomplete"
    return "eligible"


def step_23a(report: Report) -> int:
    """§ 7.4: the number of the first matching step, 1 (not_admissible) … 5 (ready)."""
    adm = {f.outcome for f in report.requirements if f.id.startswith("23a.adm.")}
    rest = {f.outcome for f in report.requirements if not f.id.startswith("23a.adm.")}
    if Outcome.NOT_MET in adm:
        return 1
    if Outcome.NEEDS_REVIEW in adm:
        return 2
    if Outcome.MISSING_INFORMATION in adm or rest & {Outcome.NOT_MET, Outcome.MISSING_INFORMATION}:
        return 3
    if Outcome.NEEDS_REVIEW in rest:
        return 4
    return 5


STEP_NAMES_23A = {
    1: "not_admissible",
    2: "needs_review",
    3: "incomplete",
    4: "needs_review",
    5: "ready",
}


def rank(report: Report) -> int:
    """Higher is better for the applicant (the first-match order of § 5 / § 7.4)."""
    if report.target == "abh_hannover_25b":
        return RANK_25B[report.overall]
    return step_23a(report)


def covered_ids(report: Report, case: Case) -> set[str]:
    excluded = {
        f.person for f in report.findings("25b.family_member") if f.outcome is Outcome.NOT_MET
    }
    return {p.id for p in case.persons if p.role != "applicant" and p.id not in excluded}


# --- the properties ------------------------------------------------------------------------------


def test_generator_reaches_every_overall_result() -> None:
    seen = {(s.report.target, s.report.overall) for s in samples()}
    for target, results in (
        ("abh_hannover_25b", ("eligible", "not_eligible", "needs_review", "incomplete")),
        ("hfk_nrw", ("ready", "not_admissible", "needs_review", "incomplete")),
    ):
        for result in results:
            assert (target, result) in seen, f"the generator never produced {target} {result}"


def test_reports_validate_against_the_report_schema() -> None:
    for sample in samples()[::10]:
        jsonschema.validate(sample.report.to_dict(), SCHEMA)


def test_every_requirement_is_reported_for_exactly_its_subjects() -> None:
    for sample in samples():
        day = sample.report.reference_date
        if sample.report.target == "abh_hannover_25b":
            expected = expected_subjects_25b(sample.case, sample.report, day)
        else:
            expected = expected_subjects_23a(sample.case, day)
        try:
            check_subjects(sample.report, expected)
        except AssertionError as error:
            raise AssertionError(f"case {sample.index}: {error}") from None
        for finding in sample.report.requirements:
            assert finding.reason_de.strip() and finding.citation.strip()
            assert all(isinstance(item, str) and item for item in finding.facts + finding.missing)


def test_family_member_excludes_exactly_the_persons_section_3_4_excludes() -> None:
    for sample in samples():
        if sample.report.target != "abh_hannover_25b":
            continue
        day = sample.report.reference_date
        for finding in sample.report.findings("25b.family_member"):
            if finding.person is None:
                continue
            person = sample.case.person(finding.person)
            assert (finding.outcome is Outcome.NOT_MET) == _family_member_not_met(
                sample.case, person, day
            ), f"case {sample.index}: {finding.person} {finding.outcome} – {finding.reason_de}"


def test_overall_results_follow_sections_5_and_7_4() -> None:
    for sample in samples():
        report, case = sample.report, sample.case
        if report.target == "abh_hannover_25b":
            covered = covered_ids(report, case)
            principal = case.principal.id
            assert report.overall == overall_25b(report, covered, principal, substantive=False)
            assert report.overall_25b_substantive == overall_25b(
                report, covered, principal, substantive=True
            )
        else:
            assert report.overall == STEP_NAMES_23A[step_23a(report)], f"case {sample.index}"


def test_hfk_reports_the_substantive_25b_result_of_the_same_household() -> None:
    for sample in samples()[::3]:
        if sample.report.target != "hfk_nrw":
            continue
        document = _copy(sample.document)
        document["target"] = "abh_hannover_25b"
        document["channel"] = None
        _, report_25b = _assess(document)
        assert report_25b.overall_25b_substantive == sample.report.overall_25b_substantive


# --- monotonicity ----------------------------------------------------------------------------

Mutation = Callable[[random.Random, Json], bool]


def _pick(rng: random.Random, items: list[Any]) -> Any:
    return rng.choice(items) if items else None


def drop_a_file(rng: random.Random, document: Json) -> bool:
    attached = [d for d in document.get("documents") or [] if d.get("file")]
    chosen = _pick(rng, attached)
    if chosen is None:
        return False
    del chosen["file"]
    return True


def add_an_offence(rng: random.Random, document: Json) -> bool:
    person = rng.choice(document["persons"])
    reference = date.fromisoformat(document["reference_date"])
    person.setdefault("offences", None)
    person["offences"] = [*(person["offences"] or []), random_offence(rng, reference)]
    return True


def add_an_entry_ban(rng: random.Random, document: Json) -> bool:
    procedure: Json = {"kind": rng.choice(("entry_ban", "expulsion", "order_58a"))}
    if procedure["kind"] == "expulsion":
        procedure["decided"] = "2024-05-01"
    if _chance(rng):
        procedure["persons"] = [rng.choice(document["persons"])["id"]]
    document["procedures"] = [*(document.get("procedures") or []), procedure]
    return True


def _chance(rng: random.Random) -> bool:
    return rng.random() < 0.5


def lose_a_certificate(rng: random.Random, document: Json) -> bool:
    person = rng.choice(document["persons"])
    # (object, key, value that loses the proof)
    choices: list[tuple[Json, str, Any]] = []
    german = person.get("german")
    if german and german.get("certificate"):
        choices.append((german, "certificate", None))
    civic = person.get("civic_test")
    if civic and civic.get("passed"):
        choices.append((civic, "passed", False))
    for schooling in person.get("schooling") or []:
        if schooling.get("degree"):
            choices.append((schooling, "degree", None))
    if not choices:
        return False
    target, key, value = rng.choice(choices)
    target[key] = value
    return True


def lose_the_passport(rng: random.Random, document: Json) -> bool:
    person = rng.choice(document["persons"])
    passport = (person.get("identity") or {}).get("passport")
    if not passport or passport.get("held") is not True:
        return False
    passport["held"] = False
    passport["valid_until"] = None
    return True


def earn_less(rng: random.Random, document: Json) -> bool:
    jobs = [
        job
        for person in document["persons"]
        for job in person.get("employment") or []
        if job.get("net_monthly") not in (None, "0.00")
    ]
    job = _pick(rng, jobs)
    if job is None:
        return False
    amount = float(job["net_monthly"])
    job["net_monthly"] = f"{amount * rng.choice((0.0, 0.3, 0.8)):.2f}"
    return True


def start_residence_later(rng: random.Random, document: Json) -> bool:
    """Clip the principal's history at a later day (exact dates, no § 60b, status unchanged)."""
    principal = document["persons"][0]
    history = principal.get("residence_history") or []
    if not history or any(e.get("basis") == "60b" for e in history):
        return False
    texts = [e["from"] for e in history] + [e["to"] for e in history if e.get("to")]
    if any(len(text) != 10 for text in texts):
        return False
    first = min(date.fromisoformat(e["from"]) for e in history)
    last_start = max(date.fromisoformat(e["from"]) for e in history)
    if last_start <= first:
        return False
    cut = date.fromordinal(rng.randint(first.toordinal() + 1, last_start.toordinal()))
    clipped = []
    for entry in history:
        if entry.get("to") and date.fromisoformat(entry["to"]) < cut:
            continue
        if date.fromisoformat(entry["from"]) < cut:
            entry = {**entry, "from": cut.isoformat()}
        clipped.append(entry)
    principal["residence_history"] = clipped
    return True


def travel_abroad(rng: random.Random, document: Json) -> bool:
    """A stay abroad inside the principal's recorded history."""
    principal = document["persons"][0]
    history = principal.get("residence_history") or []
    starts = [e["from"] for e in history if len(e["from"]) == 10]
    if not starts:
        return False
    reference = date.fromisoformat(document["reference_date"])
    first = date.fromisoformat(min(starts))
    if first >= reference:
        return False
    start = date.fromordinal(rng.randint(first.toordinal(), reference.toordinal()))
    end = min(reference, date.fromordinal(start.toordinal() + rng.choice((3, 30, 95, 400))))
    principal["residence_history"] = [
        *history,
        {"status": "abroad", "from": start.isoformat(), "to": end.isoformat()},
    ]
    return True


def lose_a_duldung(rng: random.Random, document: Json) -> bool:
    """A Duldung turns out to be a time without papers (only for § 25b: for § 23a a person
    without papers is not worse off than a tolerated one)."""
    if document["target"] != "abh_hannover_25b":
        return False
    person = rng.choice(document["persons"])
    entries = [
        e
        for e in person.get("residence_history") or []
        if e["status"] == "duldung" and e.get("basis") != "60b"
    ]
    entry = _pick(rng, entries)
    if entry is None:
        return False
    entry["status"] = "none"
    entry.pop("basis", None)
    return True


def lose_passport_efforts(rng: random.Random, document: Json) -> bool:
    person = rng.choice(document["persons"])
    identity = person.get("identity")
    if not identity or not identity.get("passport_efforts"):
        return False
    identity["passport_efforts"] = []
    return True


def passport_expires(rng: random.Random, document: Json) -> bool:
    person = rng.choice(document["persons"])
    passport = (person.get("identity") or {}).get("passport")
    if not passport or passport.get("held") is not True or not passport.get("valid_until"):
        return False
    reference = date.fromisoformat(document["reference_date"])
    passport["valid_until"] = date.fromordinal(reference.toordinal() - 1).isoformat()
    return True


def refuse_the_declaration(rng: random.Random, document: Json) -> bool:
    rng.choice(document["persons"])["fdgo_declaration"] = {"refused": True}
    return True


def harsher_sentence(rng: random.Random, document: Json) -> bool:
    offences = [
        o
        for person in document["persons"]
        for o in person.get("offences") or []
        if o.get("daily_rates") is not None or o.get("prison_months") is not None
    ]
    offence = _pick(rng, offences)
    if offence is None:
        return False
    for key, more in (("daily_rates", rng.choice((1, 40, 60))), ("prison_months", 6)):
        if offence.get(key) is not None:
            offence[key] += more
    return True


def less_german(rng: random.Random, document: Json) -> bool:
    person = rng.choice(document["persons"])
    german = person.get("german")
    if not german or german.get("level") in (None, "A1"):
        return False
    german["level"] = "A1"
    return True


MUTATIONS: dict[str, Mutation] = {
    "travel_abroad": travel_abroad,
    "lose_a_duldung": lose_a_duldung,
    "lose_passport_efforts": lose_passport_efforts,
    "passport_expires": passport_expires,
    "refuse_the_declaration": refuse_the_declaration,
    "harsher_sentence": harsher_sentence,
    "less_german": less_german,
    "drop_a_file": drop_a_file,
    "add_an_offence": add_an_offence,
    "add_an_entry_ban": add_an_entry_ban,
    "lose_a_certificate": lose_a_certificate,
    "lose_the_passport": lose_the_passport,
    "earn_less": earn_less,
    "start_residence_later": start_residence_later,
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_worse_case_never_gets_a_better_result(name: str) -> None:
    mutate = MUTATIONS[name]
    rng = random.Random(f"{SEED}-{name}")
    for sample in samples()[name_offset(name) :: 3]:
        document = _copy(sample.document)
        if not mutate(rng, document):
            continue
        _, report = _assess(document)
        before, after = sample.report, report
        if (
            before.target == "hfk_nrw"
            and before.overall_25b_substantive == "eligible"
            and after.overall_25b_substantive != "eligible"
        ):
            # § 7.2 other_procedure: the commission only takes cases § 25b does not solve.
            continue
        assert rank(after) <= rank(before), (
            f"case {sample.index}, {name}: {before.overall} → {after.overall}\n"
            + _changes(before, after)
        )
        if before.target == "abh_hannover_25b":
            assert (
                RANK_25B[after.overall_25b_substantive] <= RANK_25B[before.overall_25b_substantive]
            ), f"case {sample.index}, {name}\n" + _changes(before, after)


def name_offset(name: str) -> int:
    """Each mutation starts at another sample, so together they cover all of them."""
    return sorted(MUTATIONS).index(name) % 3


def _changes(before: Report, after: Report) -> str:
    old = {(f.id, f.person): f for f in before.requirements}
    new = {(f.id, f.person): f for f in after.requirements}
    lines = []
    for key in sorted(set(old) | set(new), key=lambda k: (k[0], k[1] or "")):
        a, b = old.get(key), new.get(key)
        if a is None or b is None or a.outcome is not b.outcome:
            lines.append(
                f"  {key}: {a.outcome if a else 'absent'} → {b.outcome if b else 'absent'}"
                + (f" ({b.reason_de[:300]})" if b else "")
            )
    return "\n".join(lines)


# --- partial dates ---------------------------------------------------------------------------


def _exact_date_fields(document: Json) -> Iterator[tuple[dict[str, Any], str]]:
    """(container, key) of every exact date a rule reads."""

    def exact(container: dict[str, Any], key: str) -> Iterator[tuple[dict[str, Any], str]]:
        value = container.get(key)
        if isinstance(value, str) and len(value) == 10:
            yield container, key

    for person in document["persons"]:
        yield from exact(person, "birth_date")
        for listing in ("residence_history", "employment", "benefits", "schooling"):
            for entry in person.get(listing) or []:
                yield from exact(entry, "from")
                yield from exact(entry, "to")
        for offence in person.get("offences") or []:
            yield from exact(offence, "judgment_date")
        passport = (person.get("identity") or {}).get("passport") or {}
        yield from exact(passport, "valid_until")
    for entry in document.get("documents") or []:
        yield from exact(entry, "issued")
    for procedure in document.get("procedures") or []:
        for key in ("until", "date_scheduled", "decided"):
            yield from exact(procedure, key)


def _readings(text: str, rng: random.Random) -> tuple[str, str, str]:
    """A partial form of an exact date and its first and last possible day."""
    partial = text[:4] if rng.random() < 0.4 else text[:7]
    parsed = parse_partial_date(partial)
    return partial, parsed.earliest().isoformat(), parsed.latest().isoformat()


def _variant(document: Json, path: int, value: str) -> Report | None:
    """The report with one date replaced, or None if that makes the case invalid."""
    copied = _copy(document)
    container, key = list(_exact_date_fields(copied))[path]
    container[key] = value
    try:
        return _assess(copied)[1]
    except CaseFormatError:
        return None


def test_a_partial_date_is_never_read_in_the_applicants_favour() -> None:
    rng = random.Random(f"{SEED}-partial")
    checked = 0
    for sample in samples()[::2]:
        fields = list(_exact_date_fields(sample.document))
        if not fields:
            continue
        for path in rng.sample(range(len(fields)), 1):
            container, key = fields[path]
            partial, first, last = _readings(container[key], rng)
            variants = [_variant(sample.document, path, v) for v in (partial, first, last)]
            reports = [report for report in variants if report is not None]
            if len(reports) < 3:
                continue
            vague, early, late = reports
            where = f"case {sample.index}: {key} {container[key]} → {partial}"
            _check_findings_not_favourable(where, vague, early, late)
            checked += 1
            if vague.target == "hfk_nrw" and len({r.overall_25b_substantive for r in reports}) > 1:
                # § 7.2 other_procedure turns on the § 25b result (see the monotonicity test).
                continue
            assert rank(vague) <= max(rank(early), rank(late)), (
                f"{where}: {early.overall} / {late.overall} exactly, {vague.overall} partially\n"
                + _changes(early, vague)
            )
    assert checked > CASES // 4


def _check_findings_not_favourable(where: str, vague: Report, early: Report, late: Report) -> None:
    """A requirement fulfilled only under the partial date is a guess in the applicant's favour."""
    first = {(f.id, f.person): f.outcome for f in early.requirements}
    second = {(f.id, f.person): f.outcome for f in late.requirements}
    substantive = {r.overall_25b_substantive for r in (vague, early, late)}
    for finding in vague.requirements:
        key: Key = (finding.id, finding.person)
        if key not in first or key not in second:
            continue
        if finding.id == "23a.adm.other_procedure" and len(substantive) > 1:
            continue  # it turns on the § 25b result, see the monotonicity test
        if finding.outcome in FULFILLED:
            assert first[key] in FULFILLED or second[key] in FULFILLED, (
                f"{where}: {key} {finding.outcome} partially, {first[key]} / {second[key]} "
                f"exactly – {finding.reason_de}"
            )
