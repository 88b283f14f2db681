"""Parameters that change with the law, as data with the day they apply from.

legal-rules.md § 0.5. A rule asks for the value in force on the reference date; it never holds a
number of its own that the legislator could change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Period(Generic[T]):
    value: T
    valid_from: date | None
    valid_until: date | None  # inclusive
    source: str


@dataclass(frozen=True, slots=True)
class DatedParameter(Generic[T]):
    name: str
    periods: tuple[Period[T], ...]

    def on(self, day: date) -> T:
        for period in self.periods:
            if (period.valid_from is None or period.valid_from <= day) and (
                period.valid_until is None or day <= period.valid_until
            ):
                return period.value
        raise LookupError(f"{self.name} has no value for {day.isoformat()}")


CHANCEN_ACT = "Gesetz zur Einführung eines Chancen-Aufenthaltsrechts v. 21.12.2022, BGBl. I S. 2847"
BLEIBERECHT_ACT = "Gesetz zur Neubestimmung des Bleiberechts, BGBl. 2015 I S. 1386"

RESIDENCE_YEARS_SINGLE = DatedParameter(
    "RESIDENCE_YEARS_SINGLE",
    (
        Period(8, date(2015, 8, 1), date(2022, 12, 30), BLEIBERECHT_ACT),
        Period(6, date(2022, 12, 31), None, CHANCEN_ACT),
    ),
)
RESIDENCE_YEARS_WITH_MINOR_CHILD = DatedParameter(
    "RESIDENCE_YEARS_WITH_MINOR_CHILD",
    (
        Period(6, date(2015, 8, 1), date(2022, 12, 30), BLEIBERECHT_ACT),
        Period(4, date(2022, 12, 31), None, CHANCEN_ACT),
    ),
)

# From this day no new § 104c permits are granted; § 104c Abs. 2 n.F. is a transitional rule.
CHANCEN_104C_GRANTS_END = date(2025, 12, 31)
# § 25b Abs. 1 S. 1 (§ 104c holders), Abs. 7 and Abs. 8 repealed — reported, UNVERIFIED.
CHANCEN_25B_PRIVILEGES_END = date(2027, 7, 1)

# HEURISTIC: BVerwG 1 C 34.18 tolerates gaps of "lediglich wenige Tage".
BAGATELLE_GAP_DAYS = 7
# PRACTICE: BMI application notes on § 25b, no. 2 — one interruption of about three months.
MAX_INTERRUPTION_DAYS = 92

# "überwiegend" (§ 25b Abs. 1 S. 2 Nr. 3): strictly more than half of the need.
LIVELIHOOD_SHARE = Decimal("0.50")

# Regelbedarfsstufen 1–6 in euros per month (RBSFV). 2022 and 2023 values UNVERIFIED.
REGELBEDARF = DatedParameter(
    "REGELBEDARF",
    (
        Period(
            (Decimal(449), Decimal(404), Decimal(360), Decimal(376), Decimal(311), Decimal(285)),
            date(2022, 1, 1),
            date(2022, 12, 31),
            "RBSFV 2022",
        ),
        Period(
            (Decimal(502), Decimal(451), Decimal(402), Decimal(420), Decimal(348), Decimal(318)),
            date(2023, 1, 1),
            date(2023, 12, 31),
            "RBSFV 2023",
        ),
        Period(
            (Decimal(563), Decimal(506), Decimal(451), Decimal(471), Decimal(390), Decimal(357)),
            date(2024, 1, 1),
            None,
            "RBSFV 2024; unverändert 2025 und 2026 (RBSFV 2026)",
        ),
    ),
)


def regelbedarf(stufe: int, day: date) -> Decimal:
    """Monthly Regelbedarf of Regelbedarfsstufe 1–6 in force on `day`."""
    return REGELBEDARF.on(day)[stufe - 1]


_FEES_FROM = date(2022, 1, 1)
FEE_ISSUE = DatedParameter(
    "FEE_ISSUE", (Period(Decimal("100.00"), _FEES_FROM, None, "§ 45 Nr. 1 AufenthV"),)
)
FEE_EXTEND_OVER_3_MONTHS = DatedParameter(
    "FEE_EXTEND_OVER_3_MONTHS",
    (Period(Decimal("93.00"), _FEES_FROM, None, "§ 45 Nr. 2 Buchst. b AufenthV"),),
)
FEE_EXTEND_UP_TO_3_MONTHS = DatedParameter(
    "FEE_EXTEND_UP_TO_3_MONTHS",
    (Period(Decimal("96.00"), _FEES_FROM, None, "§ 45 Nr. 2 Buchst. a AufenthV"),),
)
FEE_CHANGE_OF_PURPOSE = DatedParameter(
    "FEE_CHANGE_OF_PURPOSE",
    (Period(Decimal("98.00"), _FEES_FROM, None, "§ 45 Nr. 3 AufenthV"),),
)
FEE_MINOR_FACTOR = Decimal("0.5")  # § 50 Abs. 1 AufenthV
ENTRY_BAN_LIFT_FEE = Decimal("169.00")  # § 47 Abs. 1 Nr. 1a AufenthV, hint only

MEDICAL_REPORT_MAX_AGE_MONTHS = 3  # PRACTICE: NRW HFK leaflet
PAYSLIP_WINDOW_MONTHS = 3  # PRACTICE: Hannover document list
ENROLMENT_MAX_AGE_MONTHS = 6  # HEURISTIC: "aktuelle Immatrikulationsbescheinigung"

SCHOOL_YEAR_START_MONTH = 8  # 1 August, NSchG
SCHOOL_YEAR_START_DAY = 1

FINE_BAGATELLE_GENERAL = 50  # daily rates, borrowed from § 104c Abs. 1 S. 1 Nr. 2 AufenthG
FINE_BAGATELLE_ALIEN_SPECIFIC = 90
HFK_FINE_LINE = 90  # HEURISTIC: "Straftaten von erheblichem Gewicht" is undefined in NRW law
BZRG_FINE_ERASURE_MAX_RATES = 90  # § 46 Abs. 1 Nr. 1 Buchst. a BZRG
BZRG_FINE_ERASURE_YEARS = 5


def pension_age_months(birth_year: int) -> int:
    """Regelaltersgrenze in months (§ 35 S. 2, § 235 Abs. 2 SGB VI; table UNVERIFIED)."""
    if birth_year <= 1946:
        return 65 * 12
    if birth_year <= 1957:
        return 65 * 12 + (birth_year - 1946)
    if birth_year == 1958:
        return 66 * 12
    if birth_year <= 1963:
        return 66 * 12 + 2 * (birth_year - 1958)
    return 67 * 12
