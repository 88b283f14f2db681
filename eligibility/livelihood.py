"""§ 25b Abs. 1 Satz 2 Nr. 3 AufenthG: livelihood mainly secured by work (legal-rules § 3.7).

The household's need (Regelbedarfe plus rent) is compared with the earned income of everybody in
the household. "Überwiegend" means strictly more than half. If the share is not reached, the
exceptions follow in the order of the specification: § 25b Abs. 3 for the principal, then the
temporary-benefit rules of § 25b Abs. 1 Satz 3 (an explanation is needed for *every* adult of
the couple who does not earn), then the prognosis for a job offer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from eligibility.context import Context
from eligibility.dates import german_date
from eligibility.facts import Person
from eligibility.parameters import LIVELIHOOD_SHARE, regelbedarf
from eligibility.report import Finding, Outcome

REQUIREMENT_ID = "25b.livelihood"
CITATION = "§ 25b Abs. 1 Satz 2 Nr. 3 AufenthG"
CITATION_SATZ_3 = "§ 25b Abs. 1 Satz 3 Nr. {number} AufenthG"
CITATION_ABS_3 = "§ 25b Abs. 3 AufenthG"
CITATION_SGB_II = "§ 10 Abs. 1 Nr. 3 SGB II"
CITATION_PUBLIC_FUNDS = "§ 2 Abs. 3 AufenthG"

# Employment that produces earned income (case-format `employment[].kind`); a job offer does not.
EARNED_KINDS = ("employed", "self_employed", "minijob", "training")
EARNED_KIND_LABELS_DE = {
    "employed": "Beschäftigung",
    "self_employed": "selbständige Tätigkeit",
    "minijob": "Minijob",
    "training": "Ausbildungsvergütung",
}
# Benefits that are harmless (§ 2 Abs. 3 AufenthG; Wohngeld named in Nr. 3) but no earned income.
HARMLESS_BENEFIT_LABELS_DE = {
    "wohngeld": "Wohngeld",
    "kindergeld": "Kindergeld",
    "kinderzuschlag": "Kinderzuschlag",
    "bafoeg": "BAföG",
    "bab": "Berufsausbildungsbeihilfe",
}
PUBLIC_FUNDS_LABELS_DE = {
    "buergergeld": "Bürgergeld",
    "asylblg": "Leistungen nach dem AsylbLG",
    "sozialhilfe": "Sozialhilfe",
}
PARTNER_ROLES = ("spouse", "partner")

# The age bands of the Regelbedarfsstufen for minors (§ 8 RBEG): (below this age, Stufe).
_MINOR_STUFEN = ((6, 6), (14, 5), (18, 4))
_YOUNG_ADULT_CHILD_LIMIT = 25  # a child aged 18–24 in the parents' household: Stufe 3

SIMPLIFICATIONS_DE = (
    "Vereinfachte Berechnung der App: ohne Mehrbedarfe (z. B. für Alleinerziehende, § 21 SGB II), "
    "ohne Erwerbstätigen-Freibetrag (§ 11b SGB II) und ohne Kranken- oder Pflegeversicherungs"
    "beiträge über den Nettolohn hinaus."
)
SHARE_RULE_DE = (
    "Maßstab „überwiegend“: mehr als 50 % des Bedarfs (Verwaltungspraxis, z. B. Landkreis "
    "Wolfenbüttel: mindestens 51 %); genau 50 % genügen nicht."
)
ATYPICAL_DE = (
    "Die Lebensunterhaltssicherung ist eine Regelvoraussetzung: Die Behörde kann in einem "
    "atypischen Fall (besondere Integrationsleistungen) trotzdem erteilen."
)


def euro(amount: Decimal) -> str:
    """German money format: 1.850,00 €."""
    text = f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") + " €"


def _percent(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",") + " %"


@dataclass(frozen=True, slots=True)
class _NeedLine:
    person: Person
    stufe: int
    amount: Decimal
    note: str  # assumption about the age, empty if none
    stufe_unknown: bool = False  # no birth date: the highest Stufe was assumed


@dataclass(frozen=True, slots=True)
class _IncomeLine:
    person: Person
    kind: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class _Adult:
    """An adult of the couple (applicant, spouse, partner) and why they may not earn enough."""

    person: Person
    earns: bool
    exceptions: tuple[tuple[str, str], ...]  # (German reason, citation)
    reviews: tuple[tuple[str, str], ...]  # (German reason, citation)

    @property
    def unexplained(self) -> bool:
        return not self.earns and not self.exceptions and not self.reviews


def livelihood(ctx: Context) -> Finding:
    """`25b.livelihood` for the household (legal-rules § 3.7, steps 1–7 in order)."""
    household = ctx.case.household
    listed = ctx.household_members()
    # A member list without the applicant would leave out the applicant's own need (§ 3.7).
    members = ctx.household_with_principal() if listed else listed
    facts = _facts(ctx, members)

    # Step 1: facts without which no share can be computed.
    missing: list[str] = []
    if household is None or household.rent_monthly is None:
        missing.append("household.rent_monthly")
    if not listed:
        missing.append("household.members_in_household")
    for member in members:
        for index, job in enumerate(member.employment):
            if (
                job.kind in EARNED_KINDS
                and ctx.is_current(job.from_, job.to)
                and job.net_monthly is None
            ):
                missing.append(f"{member.path}.employment[{index}].net_monthly")
    if missing:
        return _finding(
            Outcome.MISSING_INFORMATION,
            CITATION,
            "Der Anteil des Erwerbseinkommens am Bedarf lässt sich nicht berechnen: "
            + _missing_text_de(missing)
            + ".",
            facts,
            missing,
        )
    assert household is not None and household.rent_monthly is not None

    try:
        need_lines, unknown_birth = _need_lines(ctx, members)
    except LookupError:
        return _finding(
            Outcome.NEEDS_REVIEW,
            CITATION,
            "Für den Stichtag "
            + german_date(ctx.reference_date)
            + " sind in der App keine Regelbedarfe hinterlegt; die Behörde berechnet den "
            "Bedarf selbst.",
            facts,
        )
    rent = household.rent_monthly
    need = sum((line.amount for line in need_lines), Decimal(0)) + rent
    income_lines = _income_lines(ctx, members)
    earned = sum((line.amount for line in income_lines), Decimal(0))

    # Step 2: strictly more than half of the need.
    share_text = _share_text(earned, need)
    calculation = _calculation_text(ctx, need_lines, rent, income_lines)
    harmless = _harmless_benefits_text(ctx, members)
    if earned > need * LIVELIHOOD_SHARE:
        return _finding(
            Outcome.MET,
            CITATION,
            _join(
                f"{share_text} – mehr als die Hälfte des Bedarfs: Der Lebensunterhalt wird "
                "überwiegend durch Erwerbstätigkeit gesichert.",
                harmless,
                calculation,
            ),
            facts,
        )
    shortfall = (
        f"{share_text} – nicht mehr als die Hälfte des Bedarfs"
        + (" (genau die Hälfte ist nicht „überwiegend“)" if earned * 2 == need else "")
        + "."
    )
    public_funds = _public_funds_text(ctx, members)

    # Step 3: § 25b Abs. 3 for the principal (mandatory waiver).
    principal = ctx.principal
    if ctx.pension_age_reached(principal):
        return _finding(
            Outcome.EXCEPTION_APPLIES,
            f"{CITATION}; {CITATION_ABS_3}",
            _join(
                shortfall,
                f"{principal.display_name} hat die Regelaltersgrenze der Rentenversicherung "
                "erreicht (§ 35 Satz 2, § 235 Abs. 2 SGB VI); nach § 25b Abs. 3 AufenthG wird "
                "von der Lebensunterhaltssicherung abgesehen (Anwendungshinweise BW: in der "
                "Regel ab der Regelaltersgrenze).",
                calculation,
            ),
            facts,
        )
    if any(health.limits and "work" in health.limits for health in principal.health):
        return _finding(
            Outcome.EXCEPTION_APPLIES,
            f"{CITATION}; {CITATION_ABS_3}",
            _join(
                shortfall,
                f"Nach den Angaben zur Gesundheit kann {principal.display_name} wegen Krankheit "
                "oder Behinderung nicht arbeiten; nach § 25b Abs. 3 AufenthG wird von der "
                "Lebensunterhaltssicherung abgesehen. Nachweis: ärztliches Gutachten oder "
                "Bescheid über Erwerbsminderung (§ 43 Abs. 2 SGB VI).",
                calculation,
            ),
            facts,
        )

    # Step 4: § 25b Abs. 1 Satz 3 – an explanation for every adult of the couple.
    adults = _adults(ctx, members)
    unexplained = [adult for adult in adults if adult.unexplained]
    exceptions = [item for adult in adults for item in adult.exceptions]
    reviews = [item for adult in adults for item in adult.reviews]
    exception_text = _reasons_text(adults, review=False)
    if not unexplained and exceptions and not reviews:
        return _finding(
            Outcome.EXCEPTION_APPLIES,
            _citation_with(exceptions),
            _join(
                shortfall,
                public_funds,
                "Der Leistungsbezug ist nach § 25b Abs. 1 Satz 3 bzw. Abs. 3 AufenthG in der "
                f"Regel unschädlich: {exception_text}.",
                _earning_adults_text(adults),
                calculation,
            ),
            facts,
        )
    if unknown_birth and earned > _lowest_need(ctx, need, need_lines) * LIVELIHOOD_SHARE:
        # The need was computed with the highest Regelbedarf for an unknown age; with the lowest
        # one the share would exceed one half: ask for the birth date rather than answer on a
        # guess. (Where even the lowest need is not reached, the steps below decide.)
        return _finding(
            Outcome.MISSING_INFORMATION,
            CITATION,
            _join(
                shortfall,
                "Für "
                + ", ".join(person.display_name for person in unknown_birth)
                + " fehlt das Geburtsdatum; die Regelbedarfsstufe ist deshalb nicht sicher.",
                calculation,
            ),
            facts,
            [f"{person.path}.birth_date" for person in unknown_birth],
        )
    if not unexplained and reviews:
        return _finding(
            Outcome.NEEDS_REVIEW,
            _citation_with(exceptions + reviews),
            _join(
                shortfall,
                public_funds,
                "Ein vorübergehender Leistungsbezug kann unschädlich sein; ob die Gründe "
                f"tragen, muss die Behörde prüfen: {_reasons_text(adults, review=True)}.",
                f"Ausnahmegründe: {exception_text}." if exception_text else "",
                _earning_adults_text(adults),
                calculation,
            ),
            facts,
        )

    # Step 5: supplementary benefits for a family with minor children (Satz 3 Nr. 2). § 3.7
    # words it for "some adult unexplained"; it is applied to every case step 4 left open, so a
    # family in which both parents work too little is not treated worse than one in which only
    # one parent works.
    children = _minor_children(ctx, members)
    unexplained_text = (
        "Ohne Erwerbseinkommen und ohne Ausnahmegrund: "
        + ", ".join(adult.person.display_name for adult in unexplained)
        + "."
        if unexplained
        else ""
    )
    if children and earned > 0:
        return _finding(
            Outcome.NEEDS_REVIEW,
            f"{CITATION}; {CITATION_SATZ_3.format(number=2)}",
            _join(
                shortfall,
                public_funds,
                unexplained_text,
                "Die Familie mit minderjährigen Kindern erzielt Erwerbseinkommen und ist auf "
                "ergänzende Leistungen angewiesen (§ 25b Abs. 1 Satz 3 Nr. 2 AufenthG); ob der "
                "Bezug nur vorübergehend ist, ist eine Prognose der Behörde.",
                calculation,
            ),
            facts,
        )

    # Step 6: a job offer – prognosis under Nr. 3, second alternative.
    offers = [
        member for member in members if any(job.kind == "job_offer" for job in member.employment)
    ]
    if offers:
        return _finding(
            Outcome.NEEDS_REVIEW,
            CITATION,
            _join(
                shortfall,
                public_funds,
                unexplained_text,
                "Arbeitsplatzangebot für "
                + ", ".join(person.display_name for person in offers)
                + ": Ein Angebot ist noch kein Einkommen; die Behörde prüft, ob bei Betrachtung "
                "der bisherigen Schul-, Ausbildungs-, Einkommens- sowie der familiären Lebens"
                "situation zu erwarten ist, dass der Lebensunterhalt überwiegend gesichert wird "
                "(§ 25b Abs. 1 Satz 2 Nr. 3, 2. Alternative AufenthG).",
                calculation,
            ),
            facts,
        )

    # Step 7.
    return _finding(
        Outcome.NOT_MET,
        CITATION,
        _join(
            shortfall,
            public_funds,
            unexplained_text,
            "Was helfen würde: höheres Erwerbseinkommen im Haushalt, ein schriftliches "
            "Arbeitsplatzangebot oder Nachweise eines Ausnahmegrunds (Ausbildung oder Studium, "
            "Alleinerziehung mit einem Kind unter 3 Jahren, Pflege eines Angehörigen, Krankheit).",
            ATYPICAL_DE,
            calculation,
        ),
        facts,
    )


# --- need and income ------------------------------------------------------------------------


def _need_lines(ctx: Context, members: Sequence[Person]) -> tuple[list[_NeedLine], list[Person]]:
    """Regelbedarf per household member; persons whose age is unknown get the highest Stufe."""
    principal = ctx.principal
    member_ids = {member.id for member in members}
    couple = principal.id in member_ids and any(
        partner.id in member_ids for partner in ctx.partners_of_principal()
    )
    lines: list[_NeedLine] = []
    unknown: list[Person] = []
    for member in members:
        stufe, note = _stufe(ctx, member, couple)
        stufe_unknown = stufe == 0
        if stufe_unknown:
            unknown.append(member)
            stufe, note = 1, "Geburtsdatum fehlt, höchste Regelbedarfsstufe angenommen"
        if member.id == principal.id and not ctx.in_household(member):
            note = _join(note, "nicht unter den Haushaltsmitgliedern eingetragen, mitgerechnet")
        amount = regelbedarf(stufe, ctx.reference_date)
        lines.append(_NeedLine(member, stufe, amount, note, stufe_unknown))
    return lines, unknown


def _lowest_need(ctx: Context, need: Decimal, need_lines: Sequence[_NeedLine]) -> Decimal:
    """The need if every person of unknown age had the lowest Regelbedarf."""
    lowest = min(regelbedarf(stufe, ctx.reference_date) for stufe in range(1, 7))
    unknown = [line for line in need_lines if line.stufe_unknown]
    return need - sum((line.amount - lowest for line in unknown), Decimal(0))


def _stufe(ctx: Context, member: Person, couple: bool) -> tuple[int, str]:
    """Regelbedarfsstufe (0: unknown) and the age assumption made (legal-rules § 3.7, § 0.4)."""
    if member.role == "applicant" or member.role in PARTNER_ROLES:
        return (2 if couple else 1), ""
    age = ctx.age(member)
    if age is None:
        return 0, ""
    if age.exact:
        return _stufe_for_age(member, age.minimum), ""
    # § 3.7 names the minimum age "(higher child rate)", but the minimum age gives the lower
    # rate at most boundaries (5/6, 13/14, 24/25). § 0.4 forbids the favourable reading, so the
    # need is counted with whichever possible age gives the higher Regelbedarf.
    candidates = {_stufe_for_age(member, years) for years in range(age.minimum, age.maximum + 1)}
    stufe = max(candidates, key=lambda value: regelbedarf(value, ctx.reference_date))
    note = (
        f"Geburtsdatum unvollständig ({age.minimum} oder {age.maximum} Jahre); "
        f"die höhere Regelbedarfsstufe {stufe} angenommen"
    )
    return stufe, note


def _stufe_for_age(member: Person, years: int) -> int:
    for limit, stufe in _MINOR_STUFEN:
        if years < limit:
            return stufe
    if member.role == "child" and years < _YOUNG_ADULT_CHILD_LIMIT:
        return 3
    return 1


def _income_lines(ctx: Context, members: Sequence[Person]) -> list[_IncomeLine]:
    return [
        _IncomeLine(member, job.kind, job.net_monthly)
        for member in members
        for job in member.employment
        if job.kind in EARNED_KINDS
        and ctx.is_current(job.from_, job.to)
        and job.net_monthly is not None
    ]


def _earns(ctx: Context, person: Person) -> bool:
    """Current earned income (§ 3.7 step 4); a job recorded with 0,00 € net is no income."""
    return any(
        job.kind in EARNED_KINDS
        and ctx.is_current(job.from_, job.to)
        and job.net_monthly is not None
        and job.net_monthly > 0
        for job in person.employment
    )


# --- § 25b Abs. 1 Satz 3 --------------------------------------------------------------------


def _adults(ctx: Context, members: Sequence[Person]) -> list[_Adult]:
    """Applicant, spouse and partner in the household who are not certainly minors."""
    principal = ctx.principal
    couple_roles = ("applicant", *PARTNER_ROLES)
    people = [m for m in members if m.role in couple_roles and not ctx.certainly_minor(m)]
    if all(m.id != principal.id for m in people) and not ctx.certainly_minor(principal):
        # The application is the principal's: a principal missing from the member list is
        # still asked for a reason.
        people.insert(0, principal)
    single_parent = not any(m.role in PARTNER_ROLES for m in members)
    children = _minor_children(ctx, members)
    return [_adult(ctx, person, single_parent, children) for person in people]


def _adult(ctx: Context, person: Person, single_parent: bool, children: Sequence[Person]) -> _Adult:
    exceptions: list[tuple[str, str]] = []
    nr_1 = CITATION_SATZ_3.format(number=1)
    if any(
        job.kind == "training" and ctx.is_current(job.from_, job.to) for job in person.employment
    ):
        exceptions.append(("Berufsausbildung (Nr. 1)", nr_1))
    for school in person.schooling:
        if ctx.is_current(school.from_, school.to):
            if school.kind == "study":
                exceptions.append(("Studium (Nr. 1)", nr_1))
            elif school.kind == "vocational_training":
                exceptions.append(("schulische Berufsausbildung (Nr. 1)", nr_1))
    if person.role in PARTNER_ROLES:
        if ctx.pension_age_reached(person):
            exceptions.append(("Regelaltersgrenze erreicht (Abs. 3)", CITATION_ABS_3))
        if any(health.limits and "work" in health.limits for health in person.health):
            exceptions.append(("kann krankheitsbedingt nicht arbeiten (Abs. 3)", CITATION_ABS_3))
    is_single_parent = person.role == "applicant" and single_parent and bool(children)
    if is_single_parent and any(ctx.certainly_under(child, 3) for child in children):
        exceptions.append(
            (
                "alleinerziehend mit einem Kind unter 3 Jahren, Arbeit nach § 10 Abs. 1 Nr. 3 "
                "SGB II nicht zumutbar (Nr. 3)",
                f"{CITATION_SATZ_3.format(number=3)}; {CITATION_SGB_II}",
            )
        )

    reviews: list[tuple[str, str]] = []
    if not exceptions:
        if any(health.limits is None for health in person.health):
            reviews.append(
                (
                    "gesundheitliche Einschränkung ohne Angabe, was sie unmöglich macht – ob sie "
                    "die Erwerbstätigkeit verhindert (Abs. 3), muss ein ärztliches Gutachten "
                    "zeigen",
                    CITATION_ABS_3,
                )
            )
        if is_single_parent:
            reviews.append(
                (
                    "alleinerziehend, kein Kind sicher unter 3 Jahren – ob Arbeit wegen der "
                    "Kinderbetreuung unzumutbar ist (Nr. 3, § 10 Abs. 1 Nr. 3 SGB II), hängt "
                    "von der Betreuungsmöglichkeit ab",
                    f"{CITATION_SATZ_3.format(number=3)}; {CITATION_SGB_II}",
                )
            )
        if person.caregiving is not None:
            cares_for = person.caregiving.cares_for or "einen Angehörigen"
            reviews.append(
                (
                    f"pflegt {cares_for} – ob ein naher Angehöriger pflegebedürftig ist "
                    "(Pflegegrad, § 14 SGB XI) und die Pflege eine Arbeit verhindert (Nr. 4), "
                    "lässt sich aus den Angaben nicht ablesen; der Bescheid der Pflegekasse "
                    "entscheidet",
                    CITATION_SATZ_3.format(number=4),
                )
            )
    return _Adult(person, _earns(ctx, person), tuple(exceptions), tuple(reviews))


def _minor_children(ctx: Context, members: Sequence[Person]) -> list[Person]:
    """Children of the family who are (or, with a partial birth date, may be) minors."""
    return [
        m
        for m in members
        if m.role == "child" and ctx.is_child_of_family(m) and not ctx.certainly_adult(m)
    ]


# --- texts ----------------------------------------------------------------------------------


def _finding(
    outcome: Outcome,
    citation: str,
    reason_de: str,
    facts: Sequence[str],
    missing: Sequence[str] = (),
) -> Finding:
    return Finding(
        id=REQUIREMENT_ID,
        person=None,
        outcome=outcome,
        citation=citation,
        reason_de=reason_de,
        facts=tuple(facts),
        missing=tuple(missing),
    )


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _citation_with(reasons: Sequence[tuple[str, str]]) -> str:
    parts = [CITATION]
    for _, citation in reasons:
        if citation not in parts:
            parts.append(citation)
    return "; ".join(parts)


def _reasons_text(adults: Sequence[_Adult], *, review: bool) -> str:
    return "; ".join(
        f"{adult.person.display_name}: {reason}"
        for adult in adults
        for reason, _ in (adult.reviews if review else adult.exceptions)
    )


def _share_text(earned: Decimal, need: Decimal) -> str:
    percent = (earned * 100 / need).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    shown = _percent(percent)
    if earned * 2 > need and percent <= 50:
        # Rounding must not make a share above the line look like exactly one half.
        shown = "knapp über 50,0 %"
    return f"Erwerbseinkommen {euro(earned)} / Bedarf {euro(need)} = {shown}"


def _calculation_text(
    ctx: Context,
    need_lines: Sequence[_NeedLine],
    rent: Decimal,
    income_lines: Sequence[_IncomeLine],
) -> str:
    needs = " + ".join(
        f"{line.person.display_name} {euro(line.amount)} (Regelbedarfsstufe {line.stufe}"
        + (f"; {line.note}" if line.note else "")
        + ")"
        for line in need_lines
    )
    household = ctx.case.household
    heating = ""
    if household is not None and household.rent_includes_heating is False:
        heating = " Die Heizkosten sind in der Miete nicht enthalten und unbekannt; sie wurden "
        heating += "nicht zum Bedarf gerechnet."
    elif household is not None and household.rent_includes_heating is None:
        heating = " Ob die Miete die Heizkosten enthält, ist nicht angegeben; es wurde nur die "
        heating += "angegebene Miete gerechnet."
    incomes = (
        ", ".join(
            f"{line.person.display_name} {euro(line.amount)} ({EARNED_KIND_LABELS_DE[line.kind]})"
            for line in income_lines
        )
        or "keines"
    )
    return (
        f"Bedarf: Regelbedarf {needs} + Miete {euro(rent)}.{heating} "
        f"Aktuelles Erwerbseinkommen (netto): {incomes}. {SHARE_RULE_DE} {SIMPLIFICATIONS_DE}"
    )


def _current_benefits(ctx: Context, members: Sequence[Person], labels: dict[str, str]) -> list[str]:
    found: list[str] = []
    for member in members:
        for benefit in member.benefits:
            if benefit.kind in labels and ctx.is_current(benefit.from_, benefit.to):
                found.append(f"{labels[benefit.kind]} ({member.display_name})")
    return found


def _harmless_benefits_text(ctx: Context, members: Sequence[Person]) -> str:
    found = _current_benefits(ctx, members, HARMLESS_BENEFIT_LABELS_DE)
    if not found:
        return ""
    return (
        "Bezogen werden auch "
        + ", ".join(found)
        + ": Diese Leistungen sind unschädlich (§ 2 Abs. 3 AufenthG; Wohngeld ausdrücklich "
        "§ 25b Abs. 1 Satz 2 Nr. 3), zählen aber nicht als Erwerbseinkommen."
    )


def _public_funds_text(ctx: Context, members: Sequence[Person]) -> str:
    found = _current_benefits(ctx, members, PUBLIC_FUNDS_LABELS_DE)
    harmless = _harmless_benefits_text(ctx, members)
    text = ""
    if found:
        text = "Aktuell bezogen: " + ", ".join(found) + " (öffentliche Mittel)."
    return _join(text, harmless)


def _earning_adults_text(adults: Sequence[_Adult]) -> str:
    earning = [adult.person.display_name for adult in adults if adult.earns]
    if not earning:
        return ""
    return "Erwerbstätig: " + ", ".join(earning) + "."


def _missing_text_de(missing: Sequence[str]) -> str:
    parts: list[str] = []
    if "household.rent_monthly" in missing:
        parts.append("die Miete (household.rent_monthly) fehlt")
    if "household.members_in_household" in missing:
        parts.append("es ist nicht angegeben, wer im Haushalt lebt")
    nets = [path for path in missing if path.endswith(".net_monthly")]
    if nets:
        parts.append("für eine aktuelle Erwerbstätigkeit fehlt das Nettoeinkommen")
    return "; ".join(parts)


def _facts(ctx: Context, members: Sequence[Person]) -> list[str]:
    facts = [
        "household.rent_monthly",
        "household.rent_includes_heating",
        "household.members_in_household",
    ]
    principal = ctx.principal
    people = list(members)
    if all(person.id != principal.id for person in people):
        people.insert(0, principal)
    for person in people:
        facts += [f"{person.path}.role", f"{person.path}.birth_date"]
        facts += [f"{person.path}.employment", f"{person.path}.benefits"]
        if person.role in ("applicant", *PARTNER_ROLES):
            facts += [
                f"{person.path}.schooling",
                f"{person.path}.health",
                f"{person.path}.caregiving",
            ]
    return facts
