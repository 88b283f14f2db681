"""The engine as a whole: the realistic corpus in tests/cases, the report shape, determinism
and the purity of `eligibility/` (no Django, no clock)."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eligibility.engine import assess
from eligibility.facts import parse_case

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
SCHEMA = json.loads((Path(__file__).parent / "eligibility-report-1.schema.json").read_text())
CASE_FILES = sorted(
    path for path in CASES.glob("*.json") if not path.name.endswith(".expected.json")
)


def _load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _report(path: Path, reference_date: date | None = None) -> dict[str, Any]:
    case = parse_case(_load(path))
    day = reference_date or case.reference_date
    assert day is not None
    return assess(case, day).to_dict()


def test_corpus_has_at_least_twelve_households() -> None:
    assert len(CASE_FILES) >= 12
    targets = {_load(path)["target"] for path in CASE_FILES}
    assert targets == {"hfk_nrw", "abh_hannover_25b"}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_report_validates_against_the_report_schema(path: Path) -> None:
    report = _report(path)
    jsonschema.validate(report, SCHEMA)
    # § 5 / § 7.4: each target has its own set of overall results.
    if report["target"] == "abh_hannover_25b":
        assert report["overall"] in {"eligible", "not_eligible", "needs_review", "incomplete"}
        assert all(item["id"].startswith("25b.") for item in report["requirements"])
    else:
        assert report["overall"] in {"ready", "incomplete", "not_admissible", "needs_review"}
        assert all(item["id"].startswith("23a.") for item in report["requirements"])
        assert report["fees"] == {
            "total": "0.00",
            "items": [],
            "exempt": False,
            "waiver_possible": False,
        }


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_report_matches_the_hand_derived_expectation(path: Path) -> None:
    """Each corpus case carries outcomes derived by hand from legal-rules.md."""
    expected = _load(path.with_name(f"{path.stem}.expected.json"))
    report = _report(path)
    actual = {
        item["id"] + (f"@{item['person']}" if item["person"] else ""): item["outcome"]
        for item in report["requirements"]
    }
    unsure = set(expected.get("unsure", []))
    why = expected.get("why", {})
    differences = [
        f"{key}: expected {outcome}, got {actual.get(key, 'absent')} — {why.get(key, '')}"
        for key, outcome in expected["requirements"].items()
        if key not in unsure and actual.get(key) != outcome
    ]
    unexpected = sorted(set(actual) - set(expected["requirements"]) - unsure)
    assert not differences, "\n".join(differences)
    assert not unexpected, f"requirements reported but not expected: {unexpected}"
    assert report["overall"] == expected["overall"]
    assert report["overall_25b_substantive"] == expected["overall_25b_substantive"]
    for key in ("total", "exempt", "waiver_possible"):
        if key in expected.get("fees", {}):
            assert report["fees"][key] == expected["fees"][key], key


@pytest.mark.parametrize("path", CASE_FILES[:4], ids=lambda path: path.stem)
def test_same_input_gives_the_same_report(path: Path) -> None:
    assert _report(path) == _report(path)


def test_reference_date_is_taken_from_the_argument_not_the_case() -> None:
    path = CASE_FILES[0]
    report = _report(path, date(2030, 1, 15))
    assert report["reference_date"] == "2030-01-15"


def test_every_requirement_is_reported_even_when_the_first_fails() -> None:
    """A failed requirement never hides the others (legal-rules § 0.3)."""
    minimal = {
        "schema": "haertefall-case/1",
        "target": "abh_hannover_25b",
        "reference_date": "2026-11-01",
        "persons": [{"id": "p1", "role": "applicant"}],
    }
    report = assess(parse_case(minimal), date(2026, 11, 1)).to_dict()
    jsonschema.validate(report, SCHEMA)
    ids = [item["id"] for item in report["requirements"]]
    for requirement in (
        "25b.authority_competence",
        "25b.status",
        "25b.residence_period",
        "25b.family_member",
        "25b.fdgo_declaration",
        "25b.civic_knowledge",
        "25b.livelihood",
        "25b.german_a2",
        "25b.school_attendance",
        "25b.refusal_deception",
        "25b.refusal_serious_offences",
        "25b.no_expulsion_interest",
        "25b.identity",
        "25b.passport",
        "25b.entry_ban",
        "25b.security_bar",
        "25b.doc.identity_documents",
        "25b.doc.civic_language",
        "25b.doc.income",
        "25b.doc.rent",
        "25b.doc.training_study",
        "25b.doc.school_certificates",
        "25b.doc.translations",
    ):
        assert requirement in ids
    assert report["overall"] in {"not_eligible", "incomplete", "needs_review"}


@pytest.mark.parametrize(
    ("patch", "reference_date"),
    [
        ({}, date(2021, 6, 1)),  # before the fee table (§ 0.5: fees from 2022-01-01)
        ({}, date(2015, 7, 31)),  # before § 25b existed
        ({"birth_date": "9999", "civic_test": None}, date(2026, 11, 1)),  # pension age
        (
            {
                "offences": [
                    {"sanction": "fine", "daily_rates": 10, "judgment_date": "9999-12-31"}
                ],
                "civic_test": None,
            },
            date(2026, 11, 1),
        ),
    ],
    ids=["2021", "2015", "born-9999", "judged-9999"],
)
def test_valid_cases_with_extreme_dates_never_crash(
    patch: dict[str, Any], reference_date: date
) -> None:
    """Any valid `haertefall-case/1` document and reference date gives a report (§ 0.3)."""
    document = _load(CASE_FILES[0])
    document["persons"][0].update(patch)
    report = assess(parse_case(document), reference_date).to_dict()
    jsonschema.validate(report, SCHEMA)


ELIGIBILITY = ROOT / "eligibility"
FORBIDDEN_MODULES = ("django", "weasyprint", "pypdf", "haertefall", "documents")
FORBIDDEN_CALLS = {"today", "now", "utcnow", "time", "monotonic", "perf_counter"}


@pytest.mark.parametrize("module", sorted(ELIGIBILITY.rglob("*.py")), ids=lambda path: path.name)
def test_eligibility_imports_no_django_and_never_reads_the_clock(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{module.name} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in FORBIDDEN_CALLS, (
                f"{module.name}:{node.lineno} calls .{node.func.attr}()"
            )
