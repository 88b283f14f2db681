"""Fees for the § 25b application at the Ausländerbehörde Hannover (legal-rules § 6) and for
the Härtefall petition (§ 7.4).

Per covered person: a first grant (§ 45 Nr. 1 AufenthV) or an extension (§ 45 Nr. 2 Buchst. b
AufenthV) – the latter for a current § 25b permit and, from 2025-12-31, for a § 104c holder whose
permit can only be extended as a § 25a/§ 25b permit (§ 104c Abs. 2 AufenthG n.F.). Certain minors
pay half (§ 50 Abs. 1 AufenthV). The exemption of § 53 Abs. 1 Nr. 1 AufenthV applies only if the
applicants' own Bedarfsgemeinschaft lives on Bürgergeld, Sozialhilfe or AsylbLG benefits; other
benefits in the household only make a discretionary reduction possible (§ 53 Abs. 2, § 52 Abs. 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from eligibility.context import Context
from eligibility.facts import Person
from eligibility.parameters import (
    CHANCEN_104C_GRANTS_END,
    FEE_EXTEND_OVER_3_MONTHS,
    FEE_ISSUE,
    FEE_MINOR_FACTOR,
)
from eligibility.report import FeeItem, Fees
from eligibility.status import status_on_reference_date

ISSUE = "erteilung"
EXTENSION = "verlaengerung"

BASIS_ISSUE = "§ 45 Nr. 1 AufenthV"
BASIS_EXTENSION = "§ 45 Nr. 2 Buchst. b AufenthV"
BASIS_104C_EXTENSION = "§ 45 Nr. 2 Buchst. b AufenthV i.V.m. § 104c Abs. 2 AufenthG"
BASIS_MINOR = "§ 50 Abs. 1 AufenthV (Minderjährige: halbe Gebühr)"
BASIS_EXEMPT = "gebührenfrei nach § 53 Abs. 1 Nr. 1 AufenthV"

# § 53 Abs. 1 Nr. 1 AufenthV: livelihood not secured without SGB II, SGB XII or AsylbLG benefits.
EXEMPTING_BENEFITS = ("buergergeld", "sozialhilfe", "asylblg")
# A hint that § 53 Abs. 2 or § 52 Abs. 7 AufenthV (discretion) may reduce or waive the fee.
WAIVER_BENEFITS = ("wohngeld", "kinderzuschlag", *EXEMPTING_BENEFITS)

_CENT = Decimal("0.01")


def fees_23a() -> Fees:
    """The Härtefall petition costs nothing (legal-rules § 7.4)."""
    return Fees()


def fees_25b(ctx: Context, covered: Sequence[Person]) -> Fees:
    """`fees` of the § 25b report for every covered person (legal-rules § 6).

    The fee parameters start on 2022-01-01 (§ 0.5); for an earlier reference date the amounts
    are unknown to the engine and no items are listed (rather than a guessed amount).
    """
    exempt = _bedarfsgemeinschaft_on_benefits(ctx)
    waiver_possible = exempt or _household_receives(ctx, WAIVER_BENEFITS)
    items = []
    for person in covered:
        try:
            kind, amount, basis = _act(ctx, person)
        except LookupError:
            return Fees(items=(), exempt=exempt, waiver_possible=waiver_possible)
        if ctx.certainly_minor(person):
            amount = (amount * FEE_MINOR_FACTOR).quantize(_CENT, rounding=ROUND_HALF_UP)
            basis = f"{basis}; {BASIS_MINOR}"
        if exempt:
            amount = Decimal("0.00")
            basis = f"{basis}; {BASIS_EXEMPT}"
        items.append(FeeItem(person=person.id, kind=kind, amount=amount, basis=basis))
    return Fees(items=tuple(items), exempt=exempt, waiver_possible=waiver_possible)


def _act(ctx: Context, person: Person) -> tuple[str, Decimal, str]:
    """Erteilung or Verlängerung for one person, with the full fee and its basis."""
    day = ctx.reference_date
    status = status_on_reference_date(ctx, person)
    entry = status.entry
    if (
        entry is not None
        and entry.status == "aufenthaltserlaubnis"
        and entry.basis == "25b"
        and (status.fiction or ctx.is_current(entry.from_, entry.to))
    ):
        return EXTENSION, FEE_EXTEND_OVER_3_MONTHS.on(day), BASIS_EXTENSION
    if status.holds_104c and day >= CHANCEN_104C_GRANTS_END:
        # § 104c Abs. 2 n.F.: "kann nur als Aufenthaltserlaubnis nach § 25a oder § 25b
        # verlängert werden". Whether Hannover charges § 45 Nr. 3 instead is UNVERIFIED.
        return EXTENSION, FEE_EXTEND_OVER_3_MONTHS.on(day), BASIS_104C_EXTENSION
    return ISSUE, FEE_ISSUE.on(day), BASIS_ISSUE


def _receives(ctx: Context, person: Person, kinds: Sequence[str]) -> bool:
    return any(
        benefit.kind in kinds and ctx.is_current(benefit.from_, benefit.to)
        for benefit in person.benefits
    )


def _bedarfsgemeinschaft_on_benefits(ctx: Context) -> bool:
    """The principal, a spouse/partner in the household or a certainly minor child of the family
    in the household currently receives Bürgergeld, Sozialhilfe or AsylbLG benefits."""
    principal = ctx.principal
    community = [principal] + [
        member
        for member in ctx.household_members()
        if member.id != principal.id
        and (
            member.role in ("spouse", "partner")
            or (
                member.role == "child"
                and ctx.certainly_minor(member)
                and ctx.is_child_of_family(member)
            )
        )
    ]
    return any(_receives(ctx, person, EXEMPTING_BENEFITS) for person in community)


def _household_receives(ctx: Context, kinds: Sequence[str]) -> bool:
    members = list(ctx.household_members())
    if all(member.id != ctx.principal.id for member in members):
        members.append(ctx.principal)
    return any(_receives(ctx, member, kinds) for member in members)
