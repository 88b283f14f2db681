"""parse_case: the typed case and its errors naming the exact place (case-format.md)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from eligibility.facts import CaseFormatError, parse_case

BASE: dict[str, Any] = {
    "schema": "haertefall-case/1",
    "target": "hfk_nrw",
    "reference_date": "2026-11-01",
    "persons": [
        {"id": "p1", "role": "applicant", "birth_date": "1990-05-01"},
        {"id": "p2", "role": "child", "birth_date": "2015"},
    ],
}


def _with(path: list[str | int], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["schema"], "haertefall-case/2", 'schema: "haertefall-case/2" is not supported'),
        (["target"], "hfk_bayern", 'target: "hfk_bayern" is not one of hfk_nrw, abh_hannover_25b'),
        (["reference_date"], "2026-11", 'reference_date: "2026-11" is not a complete date'),
        (
            ["persons", 1, "residence_history"],
            [{"status": "duldung", "from": "2015-13-01"}],
            'persons[1].residence_history[0].from: "2015-13-01" is not a date',
        ),
        (
            ["persons", 0, "nickname"],
            "A.",
            "persons[0].nickname: is not a key of haertefall-case/1",
        ),
        (
            ["persons", 1, "parents"],
            ["p9"],
            'persons[1].parents[0]: "p9" is not the id of a person',
        ),
        (
            ["documents"],
            [{"id": "d1", "category": "passport", "file": "../etc/passwd"}],
            'documents[0].file: "../etc/passwd" is not a relative path inside the case',
        ),
        (
            ["persons", 0, "role"],
            "child",
            'persons: must contain exactly one person with role "applicant"',
        ),
        (
            ["household"],
            {"rent_monthly": "780"},
            'household.rent_monthly: "780" is not an amount in euros like "1850.00"',
        ),
    ],
)
def test_an_invalid_case_names_the_exact_place(
    path: list[str | int], value: Any, message: str
) -> None:
    with pytest.raises(CaseFormatError) as raised:
        parse_case(_with(path, value))
    assert str(raised.value).startswith(message)


def test_partial_dates_are_kept_with_their_precision() -> None:
    case = parse_case(BASE)
    birth = case.persons[1].birth_date
    assert birth is not None and birth.isoformat() == "2015"


@pytest.mark.parametrize(("offences", "stated"), [(None, False), ([], True), ("absent", False)])
def test_an_empty_offence_list_differs_from_an_unanswered_one(offences: Any, stated: bool) -> None:
    document = copy.deepcopy(BASE)
    if offences != "absent":
        document["persons"][0]["offences"] = offences
    person = parse_case(document).principal
    assert person.offences == ()
    assert person.offences_stated is stated
