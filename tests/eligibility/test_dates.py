"""Calendar arithmetic of the rules (legal-rules § 0.4): partial dates, ages, adding periods."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from eligibility.dates import (
    PartialDate,
    Span,
    add_days,
    add_months,
    add_years,
    age_range,
    completed_years,
    parse_partial_date,
)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "german"),
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31), "2015"),
        ("2015-08", date(2015, 8, 1), date(2015, 8, 31), "08/2015"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "02/2024"),
        ("2015-08-14", date(2015, 8, 14), date(2015, 8, 14), "14.08.2015"),
    ],
)
def test_partial_dates_offer_their_earliest_and_latest_day(
    text: str, earliest: date, latest: date, german: str
) -> None:
    parsed = parse_partial_date(text)
    assert (parsed.earliest(), parsed.latest(), parsed.german()) == (earliest, latest, german)
    assert parsed.isoformat() == text


@pytest.mark.parametrize(
    "text", ["2015-13-01", "2023-02-29", "2015-8", "15-08-2015", "2015-08-14T00:00", "", "0000"]
)
def test_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(text)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2008, 11, 2), date(2026, 11, 1), 17),  # the day before the 18th birthday
        (date(2008, 11, 1), date(2026, 11, 1), 18),  # 18 on the birthday (§ 0.4)
        (date(2008, 10, 31), date(2026, 11, 1), 18),
        # Born on 29 February: a year older from 1 March in a common year (§ 188 Abs. 3 BGB).
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_completed_years(birth: date, on: date, age: int) -> None:
    assert completed_years(birth, on) == age


def test_a_partial_birth_year_gives_an_age_range() -> None:
    # legal-rules § 0.4: born "2008", R 2026-11-01 → 17 or 18, minority unclear.
    ages = age_range(PartialDate(2008), date(2026, 11, 1))
    assert (ages.minimum, ages.maximum) == (17, 18)
    assert not ages.certainly_under(18)
    assert not ages.certainly_at_least(18)


def test_adding_years_and_months_follows_relativedelta() -> None:
    """§ 0.4: calendar arithmetic, 29 Feb + 1 year = 28 Feb (python-dateutil semantics)."""
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_months(date(2026, 8, 31), -3) == date(2026, 5, 31)
    assert add_months(date(2026, 5, 31), -3) == date(2026, 2, 28)
    generator = random.Random(7)
    for _ in range(20_000):
        start = date(2000, 1, 1) + timedelta(days=generator.randint(0, 12_000))
        months, years = generator.randint(-40, 120), generator.randint(-10, 30)
        assert add_months(start, months) == start + relativedelta(months=months)
        assert add_years(start, years) == start + relativedelta(years=years)


def test_span_in_german() -> None:
    assert Span.between(date(2020, 9, 1), date(2026, 11, 1)).german() == "6 Jahre und 2 Monate"
    assert Span.between(date(2025, 10, 1), date(2026, 11, 1)).german() == "1 Jahr und 1 Monat"


@pytest.mark.parametrize(
    ("computed", "expected"),
    [
        (lambda: add_years(date(9999, 12, 31), 5), date.max),  # a judgment typed as "9999"
        (lambda: add_months(date(9999, 12, 31), 67 * 12), date.max),  # born "9999": pension age
        (lambda: add_days(date(9999, 12, 31), 1), date.max),
        (lambda: add_years(date(3, 1, 1), -5), date.min),
        (lambda: add_years(date(9994, 2, 28), 5), date(9999, 2, 28)),  # the last year still fits
    ],
    ids=["years", "months", "days", "years-before-year-1", "last-year"],
)
def test_adding_beyond_the_calendar_saturates_instead_of_crashing(
    computed: Callable[[], date], expected: date
) -> None:
    """A valid case may carry any four-digit year; a period ending beyond year 9999 is never
    complete (conservative), it must not raise `ValueError`/`OverflowError`."""
    assert computed() == expected
