"""Dated parameters at the days they change (legal-rules.md § 0.5).

§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG (8/6 → 6/4 years on 2022-12-31), RBSFV 2022–2026 (Regelbedarfe),
§ 35 Satz 2, § 235 Abs. 2 SGB VI (Regelaltersgrenze), § 45 AufenthV (fees from 2022-01-01 in the
engine). Each table is checked on the day before, of and after its boundaries.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from eligibility.context import Context
from eligibility.parameters import (
    FEE_ISSUE,
    RESIDENCE_YEARS_SINGLE,
    RESIDENCE_YEARS_WITH_MINOR_CHILD,
    pension_age_months,
    regelbedarf,
)
from tests.eligibility.builders import case, parse, update_person


@pytest.mark.parametrize(
    ("day", "single", "with_child"),
    [
        (date(2015, 8, 1), 8, 6),
        (date(2022, 12, 30), 8, 6),
        (date(2022, 12, 31), 6, 4),
        (date(2026, 11, 1), 6, 4),
    ],
    ids=["in-force", "day-before-chancen-act", "chancen-act", "today"],
)
def test_residence_years_switch_on_2022_12_31(day: date, single: int, with_child: int) -> None:
    assert RESIDENCE_YEARS_SINGLE.on(day) == single
    assert RESIDENCE_YEARS_WITH_MINOR_CHILD.on(day) == with_child


def test_residence_years_do_not_exist_before_2015_08_01() -> None:
    with pytest.raises(LookupError):
        RESIDENCE_YEARS_SINGLE.on(date(2015, 7, 31))


@pytest.mark.parametrize(
    ("day", "rates"),
    [
        (date(2022, 12, 31), (449, 404, 360, 376, 311, 285)),
        (date(2023, 1, 1), (502, 451, 402, 420, 348, 318)),
        (date(2023, 12, 31), (502, 451, 402, 420, 348, 318)),
        (date(2024, 1, 1), (563, 506, 451, 471, 390, 357)),
        (date(2026, 12, 31), (563, 506, 451, 471, 390, 357)),  # Nullrunde 2025 and 2026
    ],
    ids=["2022", "2023-first-day", "2023-last-day", "2024-first-day", "2026"],
)
def test_regelbedarf_changes_on_1_january(day: date, rates: tuple[int, ...]) -> None:
    assert tuple(regelbedarf(stufe, day) for stufe in range(1, 7)) == tuple(map(Decimal, rates))


@pytest.mark.parametrize(
    ("birth_year", "months"),
    [
        (1946, 65 * 12),
        (1947, 65 * 12 + 1),
        (1957, 65 * 12 + 11),
        (1958, 66 * 12),
        (1959, 66 * 12 + 2),
        (1963, 66 * 12 + 10),
        (1964, 67 * 12),
        (1990, 67 * 12),
    ],
)
def test_regelaltersgrenze_table(birth_year: int, months: int) -> None:
    """§ 235 Abs. 2 SGB VI as the spec gives it (UNVERIFIED there): 65 years + 1 month per year
    from 1947, 66 years for 1958, + 2 months per year from 1959, 67 years from 1964."""
    assert pension_age_months(birth_year) == months


@pytest.mark.parametrize(
    ("birth", "reference", "reached"),
    [
        ("1958-11-02", "2024-11-01", False),  # 66 years the day after R
        ("1958-11-01", "2024-11-01", True),  # 66th birthday on R
        ("1958-11", "2024-11-01", False),  # latest possible birth day 1958-11-30 (§ 0.4)
        ("1958-11", "2024-11-30", True),
        ("1959-09-01", "2025-10-31", False),  # 66 years 2 months are complete on 2025-11-01
        ("1959-09-01", "2025-11-01", True),
        ("1964-05-15", "2031-05-14", False),  # 67 years
        ("1964-05-15", "2031-05-15", True),
    ],
)
def test_pension_age_is_reached_from_the_latest_possible_birth_day(
    birth: str, reference: str, reached: bool
) -> None:
    document = case()
    update_person(document, "p1", birth_date=birth)
    ctx = Context(case=parse(document), reference_date=date.fromisoformat(reference))
    assert ctx.pension_age_reached(ctx.principal) is reached


def test_fees_start_on_2022_01_01_in_the_engine() -> None:
    assert FEE_ISSUE.on(date(2022, 1, 1)) == Decimal("100.00")
    with pytest.raises(LookupError):
        FEE_ISSUE.on(date(2021, 12, 31))
