"""Requirement `25b.residence_period` – the Voraufenthaltszeit (legal-rules.md § 3.3).

§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG asks for six years of uninterrupted residence that was
permitted, tolerated or authorised (four years with a minor unmarried child in the household).
The spec's algorithm labels every day from the earliest entry to the reference date; this module
computes the same labels on intervals of days (runs), so the cost depends on the number of entries,
not on the number of days:

1. entries are clipped to the reference date and turned into labelled intervals
   (countable > excluded § 60b > abroad > gap), days covered by no entry are gaps;
2. equal kinds are merged into runs (`count`, `excl`, `interruption`; an interruption "contains a
   gap" if any of its days is not a stay abroad);
3. a strict and a lenient walk go backwards from the reference date (bagatelle of 7 days, one
   interruption of at most 92 days – abroad only when strict, gaps too when lenient –, § 60b runs
   stop the strict walk and are bridged but not counted in the lenient one);
4. `met` if the strict chain is long enough, `needs_review` if the lenient one is (excluded days
   added), otherwise `not_met`; partial dates are read conservatively first, favourably second;
5. a stay abroad recorded inside a Duldung or Gestattung (which lapse with the departure) is a
   contradiction the label order would hide: a `met` that depends on it becomes `needs_review`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from itertools import pairwise

from eligibility.context import Context, Minority
from eligibility.dates import Span, add_days, add_months, add_years, german_date
from eligibility.facts import Person, ResidenceEntry
from eligibility.parameters import (
    BAGATELLE_GAP_DAYS,
    CHANCEN_25B_PRIVILEGES_END,
    MAX_INTERRUPTION_DAYS,
    RESIDENCE_YEARS_SINGLE,
    RESIDENCE_YEARS_WITH_MINOR_CHILD,
)
from eligibility.report import Finding, Outcome
from eligibility.status import entry_end, entry_start, read_status

RESIDENCE_PERIOD_ID = "25b.residence_period"
RESIDENCE_PERIOD_CITATION = "§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG"
CITATION_104C_PERIODS = "§ 25b Abs. 7 AufenthG"

COUNTABLE_STATUSES = frozenset(
    {"gestattung", "duldung", "aufenthaltserlaubnis", "visa", "niederlassungserlaubnis"}
)
# § 25b Abs. 6: 30 months of Beschäftigungsduldung (§ 60d) may replace the period of Nr. 1.
EMPLOYMENT_TOLERATION_MONTHS = 30
EMPLOYMENT_TOLERATION_BASIS = "60d"
IDENTITY_TOLERATION_BASIS = "60b"


class Label(IntEnum):
    """The label of a day; the strongest label of all entries covering the day wins."""

    GAP = 0
    ABROAD = 1
    EXCLUDED = 2
    COUNTABLE = 3


class RunKind(IntEnum):
    INTERRUPTION = 0
    EXCLUDED = 1
    COUNT = 2


_RUN_KIND = {
    Label.GAP: RunKind.INTERRUPTION,
    Label.ABROAD: RunKind.INTERRUPTION,
    Label.EXCLUDED: RunKind.EXCLUDED,
    Label.COUNTABLE: RunKind.COUNT,
}


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive days of one kind, as proleptic ordinals (`date.toordinal()`), inclusive."""

    kind: RunKind
    first: int
    last: int
    has_gap: bool  # an interruption with at least one day without papers (not abroad)

    @property
    def days(self) -> int:
        return self.last - self.first + 1

    @property
    def start(self) -> date:
        return date.fromordinal(self.first)

    @property
    def end(self) -> date:
        return date.fromordinal(self.last)


class BridgeKind(IntEnum):
    BAGATELLE = 0  # ≤ 7 days, any interruption
    ABROAD = 1  # the single ≤ 92-day interruption, abroad only (strict and lenient)
    GAP = 2  # the single ≤ 92-day interruption containing a gap (lenient only)
    TRAILING_GAP = 3  # step 3: gap up to the reference date (lenient only, days not counted)
    EXCLUDED = 4  # § 60b run (lenient only, days not counted)


@dataclass(frozen=True, slots=True)
class Bridge:
    kind: BridgeKind
    run: Run


@dataclass(frozen=True, slots=True)
class Chain:
    """The result of one walk: where the uninterrupted period starts and what was bridged."""

    start: date | None
    excluded_days: int
    bridges: tuple[Bridge, ...]
    stopped_by: Run | None  # the run that ended the walk (None: walked to the first entry)

    def completion(self, years: int) -> date | None:
        """The first day on which the period of `years` is complete."""
        if self.start is None:
            return None
        return add_years(add_days(self.start, self.excluded_days), years)


# --------------------------------------------------------------------------------------------
# Steps 1–2: labelled intervals → runs


def build_runs(intervals: Sequence[tuple[int, int, Label]], last: int) -> list[Run]:
    """Runs of equal kind from the earliest interval start to `last` (all ordinals, inclusive).

    Each interval is (first, last, label); days covered by no interval are gaps. The strongest
    label covering a day wins. Cost: O(n²) in the number of intervals, independent of days.
    """
    usable = [(a, min(b, last), label) for a, b, label in intervals if a <= min(b, last)]
    if not usable:
        return []
    first = min(a for a, _, _ in usable)
    points = sorted({first, last + 1} | {a for a, _, _ in usable} | {b + 1 for _, b, _ in usable})
    runs: list[Run] = []
    for segment_first, next_first in pairwise(points):
        label = Label.GAP
        for a, b, interval_label in usable:
            if a <= segment_first <= b and interval_label > label:
                label = interval_label
        kind = _RUN_KIND[label]
        has_gap = label is Label.GAP
        segment_last = next_first - 1
        if runs and runs[-1].kind is kind:
            previous = runs[-1]
            runs[-1] = Run(kind, previous.first, segment_last, previous.has_gap or has_gap)
        else:
            runs.append(Run(kind, segment_first, segment_last, has_gap))
    return runs


# --------------------------------------------------------------------------------------------
# Steps 3–5: the walks


def walk(runs: Sequence[Run], *, lenient: bool) -> Chain:
    """Walk backwards from the reference date (the last run) and find the chain start."""
    if not runs:
        return Chain(None, 0, (), None)
    index = len(runs) - 1
    bridges: list[Bridge] = []
    interruption_used = False
    excluded = 0
    trailing = runs[index]
    if trailing.kind is RunKind.INTERRUPTION:
        # Step 3: nothing countable on the reference date.
        if not (lenient and trailing.has_gap and trailing.days <= MAX_INTERRUPTION_DAYS):
            return Chain(None, 0, (), trailing)
        bridges.append(Bridge(BridgeKind.TRAILING_GAP, trailing))
        interruption_used = True
        excluded += trailing.days
        index -= 1
    start: date | None = None
    pending: list[Bridge] = []
    pending_excluded = 0
    stopped_by: Run | None = None
    while index >= 0:
        run = runs[index]
        if run.kind is RunKind.COUNT:
            start = run.start
            bridges.extend(pending)
            excluded += pending_excluded
            pending, pending_excluded = [], 0
        elif run.kind is RunKind.EXCLUDED:
            if not lenient:
                stopped_by = run
                break
            pending.append(Bridge(BridgeKind.EXCLUDED, run))
            pending_excluded += run.days
        elif run.days <= BAGATELLE_GAP_DAYS:
            pending.append(Bridge(BridgeKind.BAGATELLE, run))
        elif (
            run.days <= MAX_INTERRUPTION_DAYS
            and not interruption_used
            and (lenient or not run.has_gap)
        ):
            interruption_used = True
            pending.append(Bridge(BridgeKind.GAP if run.has_gap else BridgeKind.ABROAD, run))
        else:
            stopped_by = run
            break
        index -= 1
    if start is None:
        return Chain(None, 0, (), stopped_by)
    return Chain(start, excluded, tuple(bridges), stopped_by)


# --------------------------------------------------------------------------------------------
# Reading the case


@dataclass(frozen=True, slots=True)
class Timeline:
    """The runs and both walks under one reading of partial dates."""

    runs: tuple[Run, ...]
    strict: Chain
    lenient: Chain
    fiction_from: date | None  # first day covered by the § 81 Abs. 4 fiction
    counts_60b: bool  # § 25b Abs. 7: § 60b periods count for a § 104c holder

    def outcome(self, reference: date, years: int) -> Outcome:
        strict_end = self.strict.completion(years)
        if strict_end is not None and strict_end <= reference:
            return Outcome.MET
        lenient_end = self.lenient.completion(years)
        if lenient_end is not None and lenient_end <= reference:
            return Outcome.NEEDS_REVIEW
        return Outcome.NOT_MET


def _label(entry: ResidenceEntry, counts_60b: bool) -> Label:
    if entry.status in COUNTABLE_STATUSES:
        if entry.status == "duldung" and entry.basis == IDENTITY_TOLERATION_BASIS:
            return Label.COUNTABLE if counts_60b else Label.EXCLUDED
        return Label.COUNTABLE
    if entry.status == "abroad":
        return Label.ABROAD
    return Label.GAP  # "none": no papers


def timeline(ctx: Context, person: Person, *, favourable: bool) -> Timeline:
    """Steps 1–5 of § 3.3 for one reading of partial dates."""
    reference = ctx.reference_date
    status = read_status(ctx, person, favourable=favourable)
    counts_60b = status.holds_104c and reference < CHANCEN_25B_PRIVILEGES_END
    last = reference.toordinal()
    intervals: list[tuple[int, int, Label]] = []
    for entry in person.residence_history:
        end = entry_end(entry, favourable)
        intervals.append(
            (
                entry_start(entry, favourable).toordinal(),
                last if end is None else end.toordinal(),
                _label(entry, counts_60b),
            )
        )
    fiction_from: date | None = None
    if status.fiction and status.permit_end is not None:
        fiction_from = status.permit_end + timedelta(days=1)
        intervals.append((fiction_from.toordinal(), last, Label.COUNTABLE))
    runs = tuple(build_runs(intervals, last))
    return Timeline(
        runs,
        walk(runs, lenient=False),
        walk(runs, lenient=True),
        fiction_from,
        counts_60b,
    )


def _has_partial_dates(person: Person) -> bool:
    return any(
        not entry.from_.is_exact or (entry.to is not None and not entry.to.is_exact)
        for entry in person.residence_history
    )


def evaluate_readings(
    reference: date, conservative: Timeline, favourable: Timeline | None, years: int
) -> tuple[Outcome, bool]:
    """Step 6–7: the outcome for `years` and whether only the favourable reading helped."""
    outcome = conservative.outcome(reference, years)
    if outcome is Outcome.MET or favourable is None:
        return outcome, False
    if favourable.outcome(reference, years) in (Outcome.MET, Outcome.NEEDS_REVIEW):
        return Outcome.NEEDS_REVIEW, outcome is Outcome.NOT_MET
    return outcome, False


# --------------------------------------------------------------------------------------------
# Required years: the qualifying child


@dataclass(frozen=True, slots=True)
class ChildAssessment:
    """Which children shorten the period (§ 25b Abs. 1 S. 2 Nr. 1: minor, ledig, in household)."""

    qualifying: tuple[Person, ...]
    unclear: tuple[tuple[Person, str], ...]  # with the German reason why it is unclear
    not_counting: tuple[tuple[Person, str], ...]  # children who certainly do not qualify
    facts: tuple[str, ...]


def _child_of_family(ctx: Context, child: Person) -> bool:
    """A child of the principal or of a spouse/partner living in the household."""
    if not child.parents:
        return True  # case-format: no parents given = child of the applicant
    principal = ctx.principal
    for parent_id in child.parents:
        if parent_id == principal.id:
            return True
        parent = ctx.case.person(parent_id)
        if parent.role in ("spouse", "partner") and ctx.in_household(parent):
            return True
    return False


def assess_children(ctx: Context) -> ChildAssessment:
    qualifying: list[Person] = []
    unclear: list[tuple[Person, str]] = []
    not_counting: list[tuple[Person, str]] = []
    facts: list[str] = []
    household = ctx.case.household
    household_known = household is not None and household.members_in_household is not None
    for child in ctx.case.persons:
        if child.role != "child":
            continue
        facts.extend(f"{child.path}.{key}" for key in ("birth_date", "marital_status", "parents"))
        name = child.display_name
        minority = ctx.minority(child)
        if minority is Minority.ADULT:
            not_counting.append((child, f"{name} (volljährig)"))
            continue
        if child.marital_status in ("married", "civil_partnership"):
            not_counting.append((child, f"{name} (nicht ledig)"))
            continue
        if household_known and not ctx.in_household(child):
            not_counting.append((child, f"{name} (lebt nicht im Haushalt)"))
            continue
        doubts: list[str] = []
        if not household_known:
            doubts.append("die Haushaltsangaben fehlen")
        if minority is Minority.UNCLEAR:
            age = ctx.age(child)
            doubts.append(
                "das Geburtsdatum fehlt" if age is None else f"das Alter ist unklar: {age.german()}"
            )
        if child.marital_status in ("divorced", "widowed"):
            doubts.append(
                "geschieden/verwitwet – ob „ledig“ streng als „nie verheiratet“ zu lesen ist, "
                "entscheidet die Behörde"
            )
        if not _child_of_family(ctx, child):
            doubts.append(
                "es ist laut Angaben kein Kind der antragstellenden Person oder ihres "
                "Ehe-/Lebenspartners im Haushalt"
            )
        if doubts:
            unclear.append((child, f"{name}: {'; '.join(doubts)}"))
        else:
            qualifying.append(child)
    if facts:
        facts.append("household.members_in_household")
    return ChildAssessment(tuple(qualifying), tuple(unclear), tuple(not_counting), tuple(facts))


# --------------------------------------------------------------------------------------------
# German reasons


def _span_de(start: date, end: date) -> str:
    return Span.between(start, end).german()


def _days_de(days: int) -> str:
    return "1 Tag" if days == 1 else f"{days} Tage"


def _bridge_de(bridge: Bridge) -> str:
    run = bridge.run
    period = f"{german_date(run.start)} bis {german_date(run.end)} ({_days_de(run.days)})"
    if bridge.kind is BridgeKind.BAGATELLE:
        return (
            f"kurze Unterbrechung {period}, bis {BAGATELLE_GAP_DAYS} Tage unschädlich "
            "(eigene Heuristik der App nach BVerwG 1 C 34.18: „lediglich wenige Tage“)"
        )
    if bridge.kind is BridgeKind.ABROAD:
        return (
            f"Auslandsaufenthalt {period}, als einmalige Unterbrechung bis "
            f"{MAX_INTERRUPTION_DAYS} Tage unschädlich (Verwaltungspraxis, "
            "BMI-Anwendungshinweise zu § 25b)"
        )
    if bridge.kind is BridgeKind.GAP:
        return f"Zeit ohne anrechenbaren Status {period}"
    if bridge.kind is BridgeKind.TRAILING_GAP:
        return (
            f"Zeit ohne Aufenthaltspapier bis zum Stichtag {period}, in der ein Anspruch auf "
            "Duldung bestanden haben kann (BVerwG 1 C 34.18); nicht angerechnet"
        )
    return (
        f"Duldung nach § 60b AufenthG {period}, die nicht als Vorduldungszeit zählt "
        "(§ 60b Abs. 5 Satz 1 AufenthG); überbrückt, aber nicht angerechnet"
    )


def _stop_de(run: Run, *, lenient: bool) -> str:
    period = f"{german_date(run.start)} bis {german_date(run.end)} ({_days_de(run.days)})"
    if run.kind is RunKind.EXCLUDED:
        return (
            f"Duldung für Personen mit ungeklärter Identität (§ 60b AufenthG) {period}: diese "
            "Zeit zählt nicht (§ 60b Abs. 5 Satz 1 AufenthG)"
        )
    what = "Lücke ohne anrechenbaren Status" if run.has_gap else "Auslandsaufenthalt"
    if run.days > MAX_INTERRUPTION_DAYS:
        limit = f"länger als {MAX_INTERRUPTION_DAYS} Tage"
    elif lenient or not run.has_gap:
        limit = "zweite längere Unterbrechung – nur eine ist unschädlich"
    else:
        limit = f"länger als {BAGATELLE_GAP_DAYS} Tage und nicht nur im Ausland"
    return f"{what} {period}, {limit}"


def _chain_de(chain: Chain, reference: date, years: int, *, lenient: bool) -> str:
    """One sentence: start, span, required years, completion day, bridges and the stop."""
    if chain.start is None:
        text = (
            "Am Stichtag besteht kein anrechenbarer Aufenthalt (Aufenthaltserlaubnis, Duldung, "
            "Gestattung), daher keine laufende Voraufenthaltszeit"
        )
        if chain.stopped_by is not None and chain.stopped_by.kind is RunKind.INTERRUPTION:
            text += f" (seit {german_date(chain.stopped_by.start)} ohne anrechenbaren Status)"
        return text + "."
    complete = chain.completion(years)
    assert complete is not None
    counted_since = german_date(chain.start)
    span = _span_de(chain.start, reference)
    text = f"Ununterbrochen erlaubt, geduldet oder gestattet seit {counted_since}: {span}"
    if chain.excluded_days:
        counted = _span_de(add_days(chain.start, chain.excluded_days), reference)
        text += f", davon nach Abzug von {chain.excluded_days} nicht anrechenbaren Tagen {counted}"
    text += f"; erforderlich: {years} Jahre"
    if complete <= reference:
        text += f" – erfüllt seit {german_date(complete)}"
    else:
        text += (
            f" – die Zeit wäre am {german_date(complete)} erfüllt, wenn der Aufenthalt bis "
            "dahin ununterbrochen anrechenbar bleibt"
        )
    text += "."
    if chain.bridges:
        text += " Überbrückt: " + "; ".join(_bridge_de(b) for b in chain.bridges) + "."
    if chain.stopped_by is not None:
        text += " Davor unterbrochen: " + _stop_de(chain.stopped_by, lenient=lenient) + "."
    return text


def _partial_dates_de(person: Person) -> str:
    readings: list[str] = []
    for entry in person.residence_history:
        if not entry.from_.is_exact:
            readings.append(
                f"Beginn „{entry.from_.isoformat()}“ als {german_date(entry.from_.latest())}"
            )
        if entry.to is not None and not entry.to.is_exact:
            readings.append(f"Ende „{entry.to.isoformat()}“ als {german_date(entry.to.earliest())}")
    return (
        "Unvollständige Daten vorsichtig gelesen (" + ", ".join(readings) + ")." if readings else ""
    )


# A Duldung ends with the departure (§ 60a Abs. 5 Satz 1 AufenthG); a journey to the country of
# origin during the asylum procedure counts as withdrawing the application (§ 33 Abs. 3 AsylG).
LAPSING_ON_DEPARTURE = ("duldung", "gestattung")
CITATION_DEPARTURE = "§ 60a Abs. 5 Satz 1 AufenthG; § 33 Abs. 3 AsylG"


def abroad_while_tolerated(
    ctx: Context, person: Person, since: date | None
) -> tuple[date, date] | None:
    """The latest stay abroad (from `since` on) that overlaps a Duldung or Gestattung entry.

    The label order of § 3.3 (countable > abroad) would let such a stay vanish inside the
    tolerated period. Both papers lapse with the departure, so the overlap is a contradiction in
    the facts that the authority has to resolve (§ 0.1: ambiguous facts → `needs_review`).
    Dates are read conservatively, as in the walk itself.
    """
    if since is None:
        return None
    reference = ctx.reference_date
    entries = person.residence_history
    latest: tuple[date, date] | None = None
    for abroad in (e for e in entries if e.status == "abroad"):
        abroad_end = entry_end(abroad, False) or reference
        for paper in (e for e in entries if e.status in LAPSING_ON_DEPARTURE):
            paper_end = entry_end(paper, False) or reference
            first = max(entry_start(abroad, False), entry_start(paper, False), since)
            last = min(abroad_end, paper_end, reference)
            if first <= last and (latest is None or last > latest[1]):
                latest = (first, last)
    return latest


def _employment_toleration_hint(ctx: Context, person: Person) -> str | None:
    """§ 25b Abs. 6: a § 60d Duldung of at least 30 months may replace Nr. 1 (not modelled)."""
    reference = ctx.reference_date
    for entry in person.residence_history:
        if entry.status != "duldung" or entry.basis != EMPLOYMENT_TOLERATION_BASIS:
            continue
        start = entry.from_.latest()
        end = reference if entry.to is None else min(entry.to.earliest(), reference)
        # Same convention as the residence period: complete when start + 30 months <= end.
        if add_months(start, EMPLOYMENT_TOLERATION_MONTHS) <= end:
            return (
                f"Hinweis: Beschäftigungsduldung (§ 60d AufenthG) seit {entry.from_.german()} "
                f"– mindestens {EMPLOYMENT_TOLERATION_MONTHS} Monate. Nach § 25b Abs. 6 "
                "AufenthG kann dann von der Voraufenthaltszeit abgesehen werden, wenn die "
                "Voraussetzungen des § 60d weiter vorliegen und mündliche Deutschkenntnisse "
                "A2 bestehen; das prüft die App nicht."
            )
    return None


def employment_toleration_hint(ctx: Context) -> str | None:
    return _employment_toleration_hint(ctx, ctx.principal)


# --------------------------------------------------------------------------------------------
# The requirement


def _years_reason(years: int, children: ChildAssessment, *, with_child: bool) -> str:
    if with_child:
        names = ", ".join(child.display_name for child in children.qualifying)
        return (
            f"Maßgeblich sind {years} Jahre, weil ein minderjähriges lediges Kind in häuslicher "
            f"Gemeinschaft lebt ({names})."
        )
    text = (
        f"Maßgeblich sind {years} Jahre, weil kein minderjähriges lediges Kind in häuslicher "
        "Gemeinschaft lebt"
    )
    if children.not_counting:
        text += " (nicht berücksichtigt: " + ", ".join(r for _, r in children.not_counting) + ")"
    return text + "."


def _outcome_text(
    reference: date,
    conservative: Timeline,
    favourable: Timeline | None,
    years: int,
    outcome: Outcome,
    only_favourable: bool,
) -> str:
    if outcome is Outcome.MET:
        return _chain_de(conservative.strict, reference, years, lenient=False)
    if only_favourable and favourable is not None:
        strict_end = favourable.strict.completion(years)
        lenient = strict_end is None or strict_end > reference
        chain = favourable.lenient if lenient else favourable.strict
        return (
            "Vorsichtig gelesen: "
            + _chain_de(conservative.strict, reference, years, lenient=False)
            + " Nur bei günstiger Lesart der unvollständigen Daten (Beginn = erster, Ende = "
            "letzter Tag) reicht die Zeit: "
            + _chain_de(chain, reference, years, lenient=lenient)
            + " Genaue Daten (Bescheide, Meldebescheinigungen) klären das."
        )
    strict_text = _chain_de(conservative.strict, reference, years, lenient=False)
    if outcome is Outcome.NEEDS_REVIEW:
        lenient_text = _chain_de(conservative.lenient, reference, years, lenient=True)
        return (
            "Streng gerechnet: "
            + strict_text
            + " Nur wenn die Behörde die genannten Zeiten überbrückt (Beurteilungsfrage, BVerwG "
            "1 C 34.18: kurze Lücken können durch andere Integrationsleistungen aufgewogen "
            "werden): " + lenient_text
        )
    return strict_text


def residence_period(ctx: Context) -> Finding:
    """`25b.residence_period`: the Voraufenthaltszeit of the principal (§ 3.3)."""
    principal = ctx.principal
    reference = ctx.reference_date
    history_path = f"{principal.path}.residence_history"
    if not principal.residence_history:
        return Finding(
            id=RESIDENCE_PERIOD_ID,
            person=principal.id,
            outcome=Outcome.MISSING_INFORMATION,
            citation=RESIDENCE_PERIOD_CITATION,
            reason_de="Kein Aufenthaltsverlauf erfasst; die Voraufenthaltszeit ist unbekannt.",
            facts=(history_path,),
            missing=(history_path,),
        )
    try:
        years_single = RESIDENCE_YEARS_SINGLE.on(reference)
        years_child = RESIDENCE_YEARS_WITH_MINOR_CHILD.on(reference)
    except LookupError:
        return Finding(
            id=RESIDENCE_PERIOD_ID,
            person=principal.id,
            outcome=Outcome.NOT_MET,
            citation=RESIDENCE_PERIOD_CITATION,
            reason_de=(
                f"§ 25b AufenthG galt am Stichtag {german_date(reference)} noch nicht "
                "(in Kraft seit 01.08.2015)."
            ),
            facts=(history_path,),
        )
    conservative = timeline(ctx, principal, favourable=False)
    favourable = (
        timeline(ctx, principal, favourable=True) if _has_partial_dates(principal) else None
    )
    children = assess_children(ctx)

    parts: list[str] = []
    if children.qualifying:
        outcome, only_favourable = evaluate_readings(
            reference, conservative, favourable, years_child
        )
        parts.append(
            _outcome_text(
                reference, conservative, favourable, years_child, outcome, only_favourable
            )
        )
        parts.append(_years_reason(years_child, children, with_child=True))
    else:
        outcome, only_favourable = evaluate_readings(
            reference, conservative, favourable, years_single
        )
        parts.append(
            _outcome_text(
                reference, conservative, favourable, years_single, outcome, only_favourable
            )
        )
        parts.append(_years_reason(years_single, children, with_child=False))
        if children.unclear and outcome is not Outcome.MET:
            child_outcome, child_favourable = evaluate_readings(
                reference, conservative, favourable, years_child
            )
            doubts = "; ".join(reason for _, reason in children.unclear)
            if child_outcome in (Outcome.MET, Outcome.NEEDS_REVIEW):
                outcome = Outcome.NEEDS_REVIEW
                parts.append(
                    f"Ob ein Kind die Frist auf {years_child} Jahre verkürzt, ist unklar "
                    f"({doubts}). Mit {years_child} Jahren: "
                    + _outcome_text(
                        reference,
                        conservative,
                        favourable,
                        years_child,
                        child_outcome,
                        child_favourable,
                    )
                )
            else:
                parts.append(
                    f"Auch mit {years_child} Jahren (falls ein Kind zählt: {doubts}) reicht die "
                    "Zeit nicht."
                )
    overlap = None
    if outcome is Outcome.MET:
        overlap = abroad_while_tolerated(ctx, principal, conservative.strict.start)
        required = years_child if children.qualifying else years_single
        if overlap is not None and add_years(add_days(overlap[1], 1), required) <= reference:
            overlap = None  # the period is complete even if counted only after the stay abroad
        if overlap is not None:
            outcome = Outcome.NEEDS_REVIEW
            parts.append(
                f"Widerspruch in den Angaben: Vom {german_date(overlap[0])} bis "
                f"{german_date(overlap[1])} ist zugleich ein Aufenthalt im Ausland und eine "
                "Duldung oder Gestattung eingetragen. Eine Duldung erlischt mit der Ausreise "
                "(§ 60a Abs. 5 Satz 1 AufenthG); ob der Aufenthalt dadurch unterbrochen wurde, "
                "prüft die Behörde. Hilfreich: die Daten der Ausreise und Wiedereinreise und der "
                "danach erteilten Papiere angeben."
            )
    if favourable is not None:
        parts.append(_partial_dates_de(principal))
    if conservative.fiction_from is not None:
        parts.append(
            f"Ab {german_date(conservative.fiction_from)} zählt die Zeit über die "
            "Fiktionswirkung des rechtzeitigen Antrags (§ 81 Abs. 4 Satz 1 AufenthG)."
        )
    if conservative.counts_60b and any(
        e.status == "duldung" and e.basis == IDENTITY_TOLERATION_BASIS
        for e in principal.residence_history
    ):
        parts.append(
            "Zeiten einer Duldung nach § 60b zählen hier mit, weil die Person Inhaber einer "
            "Aufenthaltserlaubnis nach § 104c ist (§ 25b Abs. 7 AufenthG)."
        )
    if outcome is Outcome.NOT_MET:
        parts.append(
            "Hilfreich: Nachweise über weitere Zeiten mit Duldung, Gestattung oder "
            "Aufenthaltserlaubnis (z. B. alte Bescheinigungen) oder ein späterer Antrag."
        )
    hint = _employment_toleration_hint(ctx, principal)
    if hint is not None:
        parts.append(hint)

    citation = RESIDENCE_PERIOD_CITATION
    if overlap is not None:
        citation += "; " + CITATION_DEPARTURE
    if conservative.counts_60b:
        citation += "; " + CITATION_104C_PERIODS
    facts = (history_path, "application_date", *children.facts)
    missing: tuple[str, ...] = ()
    if conservative.fiction_from is None and ctx.case.application_date is None:
        reading = read_status(ctx, principal, favourable=False)
        if reading.expired_permit is not None:
            missing = ("application_date",)
    return Finding(
        id=RESIDENCE_PERIOD_ID,
        person=principal.id,
        outcome=outcome,
        citation=citation,
        reason_de=" ".join(parts),
        facts=facts,
        missing=missing,
    )
