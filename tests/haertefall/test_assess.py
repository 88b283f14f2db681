"""assess: reads a case file, asks the engine, prints the report; never touches the database."""

import json
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from eligibility.facts import Case as CaseFacts
from haertefall.cases.management.commands import assess as assess_command
from tests.haertefall.builders import DEMO_CASE, REPOSITORY, minimal_case, write_folder

REQUIREMENT_KEYS = {"id", "person", "outcome", "citation", "reason_de", "facts", "missing"}


def run(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def manage(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "haertefall.settings_test"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# No test here has database access: pytest-django fails a test without the db mark that
# touches it, which is how "assess never touches the database" is checked.


def test_assess_json_is_an_eligibility_report_of_the_case() -> None:
    report = json.loads(run("assess", str(DEMO_CASE), json=True))

    assert report["schema"] == "eligibility-report/1"
    assert report["target"] == "abh_hannover_25b"
    assert report["reference_date"] == "2026-11-01"
    assert report["requirements"]
    assert all(set(entry) == REQUIREMENT_KEYS for entry in report["requirements"])


def test_assess_reference_date_option_overrides_the_case() -> None:
    report = json.loads(run("assess", str(DEMO_CASE), json=True, reference_date=date(2027, 1, 15)))

    assert report["reference_date"] == "2027-01-15"


def test_assess_summary_is_german_and_lists_every_requirement() -> None:
    report = json.loads(run("assess", str(DEMO_CASE), json=True))
    summary = run("assess", str(DEMO_CASE))

    assert summary.startswith("Aufenthaltserlaubnis nach § 25b AufenthG")
    assert "Stichtag: 01.11.2026" in summary
    assert "Gesamtergebnis:" in summary
    for requirement in report["requirements"]:
        assert requirement["id"] in summary


def test_assess_hands_the_parsed_case_and_the_date_to_the_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[CaseFacts, date]] = []

    class StandInReport:
        def to_dict(self) -> dict[str, Any]:
            return {"schema": "eligibility-report/1", "stand_in": True}

    def stand_in(case: CaseFacts, reference_date: date) -> StandInReport:
        calls.append((case, reference_date))
        return StandInReport()

    monkeypatch.setattr(assess_command, "assess", stand_in)

    printed = json.loads(run("assess", str(DEMO_CASE / "case.json"), json=True))
    run("assess", str(DEMO_CASE), json=True, reference_date=date(2030, 2, 1))

    assert printed == {"schema": "eligibility-report/1", "stand_in": True}
    assert [(case.target, day) for case, day in calls] == [
        ("abh_hannover_25b", date(2026, 11, 1)),
        ("abh_hannover_25b", date(2030, 2, 1)),
    ]
    assert calls[0][0].persons[0].given_names == "Rebwar"


def test_assess_without_any_reference_date_asks_for_one(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "case", minimal_case())

    with pytest.raises(CommandError, match="--reference-date") as raised:
        run("assess", str(folder))
    assert raised.value.returncode == 2


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["assess", "does/not/exist"], "does/not/exist: no such file or folder"),
        (["assess", str(DEMO_CASE), "--reference-date", "1.11.2026"], "is not a date"),
    ],
)
def test_assess_on_bad_input_exits_with_2_and_one_error_on_stderr(
    args: list[str], error: str
) -> None:
    result = manage(*args)

    assert result.returncode == 2, result.stderr
    assert error in result.stderr
    assert result.stdout == ""


def test_assess_exits_0_whatever_the_outcome() -> None:
    result = manage("assess", str(DEMO_CASE), "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["overall"]


REPORT_SCHEMA = json.loads(
    (REPOSITORY / "tests" / "eligibility" / "eligibility-report-1.schema.json").read_text()
)
CORPUS = sorted(
    path
    for path in (REPOSITORY / "tests" / "cases").glob("*.json")
    if not path.name.endswith(".expected.json")
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_assess_json_of_every_corpus_case_validates_against_the_report_schema(path: Path) -> None:
    report = json.loads(run("assess", str(path), json=True))
    jsonschema.validate(report, REPORT_SCHEMA)
