"""Calendar arithmetic for the rules: partial dates, ages, adding years.

Biographical dates in a case may be partial ("2015", "2015-08"). A rule never guesses in the
applicant's favour, so every partial date offers both its earliest and its latest possible day
and the rule decides which reading is the conservative one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_exact(self) -> bool:
        return self.day is not None

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def german(self) -> str:
        """German display form: 26.11.2026, 08/2015 or 2015."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}.{self.month:02d}.{self.year:04d}"

    def __str__(self) -> str:
        return self.isoformat()

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def parse_partial_date(text: str) -> PartialDate:
    """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; raise ValueError for anything else."""
    match = _PARTIAL_DATE.match(text)
    if match is None:
        raise ValueError(text)
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1:
        raise ValueError(text)
    if month is not None and not 1 <= month <= 12:
        raise ValueError(text)
    if day is not None:
        assert month is not None
        # date() rejects 2023-02-29 and friends with the calendar's own knowledge.
        date(year, month, day)
    return PartialDate(year, month, day)


def parse_exact_date(text: str) -> date:
    parsed = parse_partial_date(text)
    if not parsed.is_exact:
        raise ValueError(text)
    return parsed.earliest()


def german_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def _beyond_calendar(year: int) -> date | None:
    """`date.max`/`date.min` for a year outside 1–9999, else None.

    A typo such as a judgment in "9999" must not crash the rules: a period that ends beyond the
    calendar is simply never complete (and a day before year 1 always lies in the past).
    """
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return None


def add_years(start: date, years: int) -> date:
    """Calendar years; 29 February plus one year is 28 February (relativedelta semantics)."""
    beyond = _beyond_calendar(start.year + years)
    if beyond is not None:
        return beyond
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February into a common year
        return start.replace(year=start.year + years, day=28)


def add_months(start: date, months: int) -> date:
    """Calendar months; the day is clipped to the end of a shorter month (31.08. − 3 = 31.05.)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    beyond = _beyond_calendar(year)
    if beyond is not None:
        return beyond
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_days(start: date, days: int) -> date:
    try:
        result: date = start + relativedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
    return result


def completed_years(birth: date, on: date) -> int:
    """Age in completed years: a person is 18 from the 18th birthday on.

    Someone born on 29 February completes a year at the end of 28 February in a common year
    (§ 187 Abs. 2 S. 2, § 188 Abs. 2 and 3 BGB), so is a year older from 1 March.
    """
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - int(before_birthday)


@dataclass(frozen=True, slots=True)
class Span:
    """Years and months between two days, for German reasons ("6 Jahre und 2 Monate")."""

    years: int
    months: int

    @classmethod
    def between(cls, start: date, end: date) -> Span:
        if end < start:
            return cls(0, 0)
        delta = relativedelta(end, start)
        return cls(delta.years, delta.months)

    def german(self) -> str:
        year_word = "Jahr" if self.years == 1 else "Jahre"
        month_word = "Monat" if self.months == 1 else "Monate"
        return f"{self.years} {year_word} und {self.months} {month_word}"


@dataclass(frozen=True, slots=True)
class AgeRange:
    """Completed years on a day for a possibly partial birth date."""

    minimum: int
    maximum: int

    @property
    def exact(self) -> bool:
        return self.minimum == self.maximum

    def certainly_under(self, years: int) -> bool:
        return self.maximum < years

    def certainly_at_least(self, years: int) -> bool:
        return self.minimum >= years

    def german(self) -> str:
        if self.exact:
            return f"{self.minimum} Jahre"
        return f"{self.minimum} oder {self.maximum} Jahre (Geburtsdatum unvollständig)"


def age_range(birth: PartialDate, on: date) -> AgeRange:
    # The latest possible birthday gives the youngest age and vice versa.
    return AgeRange(
        minimum=max(completed_years(birth.latest(), on), 0),
        maximum=max(completed_years(birth.earliest(), on), 0),
    )
