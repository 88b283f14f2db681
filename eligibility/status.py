"""Residence status on the reference date and requirement `25b.status` (legal-rules.md § 3.2).

The status decides whether a person is in the target group of § 25b AufenthG at all (geduldet or
holder of an Aufenthaltserlaubnis under § 104c) and, through the § 81 Abs. 4 fiction after an
expired permit, whether the person still counts as a § 104c holder for § 25b Abs. 7 and 8 and the
fee (§ 3.3, § 3.13, § 6).

Partial dates (§ 0.4): an entry covers the reference date for certain only under the conservative
reading (`from` = last possible day, `to` = first possible day). If the status is fulfilled only
under the favourable reading, the answer is `needs_review`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eligibility.context import Context
from eligibility.dates import german_date
from eligibility.facts import Person, ResidenceEntry
from eligibility.parameters import CHANCEN_25B_PRIVILEGES_END, CHANCEN_104C_GRANTS_END
from eligibility.report import Finding, Outcome

STATUS_ID = "25b.status"
STATUS_CITATION = "§ 25b Abs. 1 Satz 1 AufenthG; BVerwG, Urt. v. 18.12.2019 – 1 C 34.18"
CITATION_104C_TRANSITION = "§ 104c Abs. 2 AufenthG"
CITATION_FICTION = "§ 81 Abs. 4 Satz 1 AufenthG"
CITATION_ASYLUM_PENDING = "§ 10 Abs. 1 AufenthG"

PERMIT = "aufenthaltserlaubnis"
BASIS_104C = "104c"

_STATUS_NAMES_DE = {
    "gestattung": "Aufenthaltsgestattung",
    "duldung": "Duldung",
    "aufenthaltserlaubnis": "Aufenthaltserlaubnis",
    "visa": "Visum",
    "niederlassungserlaubnis": "Niederlassungserlaubnis",
    "none": "kein Aufenthaltspapier",
    "abroad": "Aufenthalt im Ausland",
}


@dataclass(frozen=True, slots=True)
class StatusOnReferenceDate:
    """A person's status on the reference date, read conservatively (§ 0.4).

    `entry` is the entry that certainly covers the reference date; else the expired permit kept
    alive by the § 81 Abs. 4 fiction; else an entry that covers it only under the favourable
    reading of partial dates (so callers still see which status is claimed); else None.
    `fiction` and `holds_104c` are only true when they hold for certain.
    """

    entry: ResidenceEntry | None  # the entry covering R, or the expired permit kept alive
    fiction: bool  # § 81 Abs. 4 S. 1 fiction applies (3.2 step 1a)
    holds_104c: bool  # § 104c holder on R (current permit or fiction), for 3.3/3.13/fees


@dataclass(frozen=True, slots=True)
class StatusReading:
    """The status under one reading of partial dates (conservative or favourable)."""

    covering: ResidenceEntry | None  # entry covering R under this reading
    expired_permit: ResidenceEntry | None  # step 1a: latest entry is a permit ended before R
    permit_end: date | None  # last day of that permit under this reading
    fiction: bool  # application_date <= permit_end

    @property
    def holds_104c(self) -> bool:
        if self.covering is not None:
            return is_104c_permit(self.covering)
        return (
            self.fiction
            and self.expired_permit is not None
            and (is_104c_permit(self.expired_permit))
        )


def is_104c_permit(entry: ResidenceEntry) -> bool:
    return entry.status == PERMIT and entry.basis == BASIS_104C


def status_name_de(entry: ResidenceEntry) -> str:
    name = _STATUS_NAMES_DE.get(entry.status, entry.status)
    if entry.basis and entry.status in ("duldung", PERMIT):
        return f"{name} (§ {_basis_de(entry.basis)} AufenthG)"
    return name


def _basis_de(basis: str) -> str:
    """ "25_5" → "25 Abs. 5", "60b" → "60b"."""
    section, _, paragraph = basis.partition("_")
    return f"{section} Abs. {paragraph}" if paragraph else section


def entry_start(entry: ResidenceEntry, favourable: bool) -> date:
    return entry.from_.earliest() if favourable else entry.from_.latest()


def entry_end(entry: ResidenceEntry, favourable: bool) -> date | None:
    """Last day of an entry under a reading; None while it is current (`to` null)."""
    if entry.to is None:
        return None
    return entry.to.latest() if favourable else entry.to.earliest()


def read_status(ctx: Context, person: Person, *, favourable: bool) -> StatusReading:
    """Step 1 of § 3.2 under one reading of partial dates."""
    reference = ctx.reference_date
    started = [e for e in person.residence_history if entry_start(e, favourable) <= reference]
    covering: ResidenceEntry | None = None
    for entry in started:
        end = entry_end(entry, favourable)
        if (end is None or end >= reference) and (
            covering is None or entry_start(entry, favourable) >= entry_start(covering, favourable)
        ):
            covering = entry
    if covering is not None or not started:
        return StatusReading(covering, None, None, False)
    # Nothing covers R: the latest entry (the one ending last) decides whether step 1a applies.
    latest = max(started, key=lambda e: (entry_end(e, favourable) or date.max, e.from_.earliest()))
    permit_end = entry_end(latest, favourable)
    if latest.status != PERMIT or permit_end is None:
        return StatusReading(None, None, None, False)
    application = ctx.case.application_date
    fiction = application is not None and application <= permit_end
    return StatusReading(None, latest, permit_end, fiction)


def status_on_reference_date(ctx: Context, person: Person) -> StatusOnReferenceDate:
    """The person's status on the reference date (§ 3.2), conservatively."""
    conservative = read_status(ctx, person, favourable=False)
    if conservative.covering is not None:
        return StatusOnReferenceDate(
            conservative.covering, False, is_104c_permit(conservative.covering)
        )
    if conservative.fiction and conservative.expired_permit is not None:
        permit = conservative.expired_permit
        return StatusOnReferenceDate(permit, True, is_104c_permit(permit))
    favourable = read_status(ctx, person, favourable=True)
    return StatusOnReferenceDate(favourable.covering, False, False)


# --------------------------------------------------------------------------------------------
# 25b.status


@dataclass(frozen=True, slots=True)
class _Verdict:
    outcome: Outcome
    reason_de: str
    citations: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def _verdict_for_entry(ctx: Context, entry: ResidenceEntry) -> _Verdict:
    """Steps 2–7 of § 3.2 for the entry covering the reference date."""
    since = f"seit {entry.from_.german()}"
    if entry.status == "duldung":
        return _Verdict(
            Outcome.MET,
            f"Am Stichtag geduldet: {status_name_de(entry)} {since}. Jede Art der Duldung "
            "genügt (auch eine Verfahrensduldung oder ein Anspruch auf Duldung).",
        )
    if entry.status == PERMIT and entry.basis == BASIS_104C:
        text = (
            f"Am Stichtag Inhaber einer Aufenthaltserlaubnis nach § 104c AufenthG "
            f"(Chancen-Aufenthaltsrecht) {since}."
        )
        citations: tuple[str, ...] = ()
        if ctx.reference_date >= CHANCEN_104C_GRANTS_END:
            citations = (CITATION_104C_TRANSITION,)
            text += (
                " Seit dem "
                + german_date(CHANCEN_104C_GRANTS_END)
                + " kann sie nur noch als Aufenthaltserlaubnis nach § 25a oder § 25b verlängert "
                "werden (§ 104c Abs. 2 AufenthG n.F.)."
            )
        if ctx.reference_date >= CHANCEN_25B_PRIVILEGES_END:
            text += (
                " Die Sonderregeln des § 25b für § 104c-Inhaber (Abs. 7 und 8) gelten seit dem "
                + german_date(CHANCEN_25B_PRIVILEGES_END)
                + " nicht mehr (berichtet, nicht amtlich bestätigt)."
            )
        return _Verdict(Outcome.MET, text, citations)
    if entry.status == "gestattung":
        return _Verdict(
            Outcome.NOT_MET,
            f"Am Stichtag Aufenthaltsgestattung {since}: das Asylverfahren läuft noch. § 25b "
            "setzt eine Duldung voraus; während des Asylverfahrens darf ein Aufenthaltstitel nur "
            "bei einem gesetzlichen Anspruch oder mit Zustimmung der obersten Landesbehörde "
            "erteilt werden (§ 10 Abs. 1 AufenthG). Hilfreich: Beratung, ob der Asylantrag "
            "zurückgenommen oder das Ende des Verfahrens abgewartet werden sollte.",
            (CITATION_ASYLUM_PENDING,),
        )
    if entry.status == PERMIT:
        basis = (
            f"nach § {_basis_de(entry.basis)} AufenthG" if entry.basis else "(Grundlage unbekannt)"
        )
        return _Verdict(
            Outcome.NEEDS_REVIEW,
            f"Am Stichtag Aufenthaltserlaubnis {basis} {since}. § 25b nennt nur Geduldete und "
            "Inhaber einer Aufenthaltserlaubnis nach § 104c; die Praxis in Niedersachsen lässt "
            "Inhaber humanitärer Aufenthaltserlaubnisse zu (Flüchtlingsrat Niedersachsen) – "
            "die Behörde entscheidet.",
        )
    if entry.status == "none":
        return _Verdict(
            Outcome.NEEDS_REVIEW,
            f"Am Stichtag kein Aufenthaltspapier erfasst ({since}). Ein Anspruch auf eine "
            "Duldung genügt (BVerwG 1 C 34.18); ob er besteht, prüft die Behörde. Hilfreich: "
            "bei der Ausländerbehörde eine Duldung beantragen.",
        )
    # visa, niederlassungserlaubnis, abroad (step 7)
    why = (
        "nicht im Bundesgebiet"
        if entry.status == "abroad"
        else "nicht die Zielgruppe des § 25b (weder geduldet noch § 104c)"
    )
    return _Verdict(Outcome.NOT_MET, f"Am Stichtag {status_name_de(entry)} {since}: {why}.")


def _verdict_for_reading(ctx: Context, reading: StatusReading) -> _Verdict:
    if reading.covering is not None:
        return _verdict_for_entry(ctx, reading.covering)
    permit = reading.expired_permit
    if permit is None or reading.permit_end is None:
        return _Verdict(
            Outcome.MISSING_INFORMATION,
            "Kein Status zum Stichtag erfasst: kein Eintrag im Aufenthaltsverlauf deckt den "
            f"{german_date(ctx.reference_date)} ab. Bitte die aktuelle Duldung oder "
            "Aufenthaltserlaubnis mit Datum eintragen.",
            missing=(f"{ctx.principal.path}.residence_history",),
        )
    ended = german_date(reading.permit_end)
    application = ctx.case.application_date
    if application is None:
        return _Verdict(
            Outcome.MISSING_INFORMATION,
            f"Die {status_name_de(permit)} lief am {ended} ab; danach ist "
            "kein Status erfasst. Datum der Antragstellung fehlt: Nur ein Antrag bis zum Ablauf "
            "hält die Erlaubnis fort (§ 81 Abs. 4 Satz 1 AufenthG).",
            missing=("application_date",),
        )
    if reading.fiction:
        kept = (
            f"Die {status_name_de(permit)} lief am {ended} ab; der Antrag "
            f"vom {german_date(application)} wurde rechtzeitig gestellt, daher gilt sie fort "
            "(Fiktionswirkung, § 81 Abs. 4 Satz 1 AufenthG)."
        )
        if is_104c_permit(permit):
            citations: tuple[str, ...] = (CITATION_FICTION,)
            if ctx.reference_date >= CHANCEN_104C_GRANTS_END:
                citations += (CITATION_104C_TRANSITION,)
                kept += (
                    " Für Anträge nach § 25a/§ 25b bleibt diese Wirkung auch nach dem Ende des "
                    "§ 104c erhalten (§ 104c Abs. 2 AufenthG n.F.)."
                )
            return _Verdict(
                Outcome.MET, kept + " Die Person gilt als Inhaber einer AE nach § 104c.", citations
            )
        return _Verdict(
            Outcome.NEEDS_REVIEW,
            kept + " Eine andere Aufenthaltserlaubnis als nach § 104c nennt § 25b nicht; die "
            "Praxis in Niedersachsen lässt humanitäre Titel zu – die Behörde entscheidet.",
            (CITATION_FICTION,),
        )
    return _Verdict(
        Outcome.NEEDS_REVIEW,
        f"Die {status_name_de(permit)} lief am {ended} ab, der Antrag "
        f"wurde erst am {german_date(application)} gestellt: keine Fiktionswirkung. Die Person "
        "ist damit vollziehbar ausreisepflichtig und nur bei einem Anspruch auf Duldung oder "
        "einer Anordnung nach § 81 Abs. 4 Satz 3 AufenthG „geduldet“ (BVerwG 1 C 34.18); sie "
        "ist kein Inhaber einer AE nach § 104c mehr. Hilfreich: eine Duldung beantragen.",
        (CITATION_FICTION,),
    )


def _citation(extra: tuple[str, ...]) -> str:
    return "; ".join((STATUS_CITATION, *extra))


def residence_status(ctx: Context) -> Finding:
    """`25b.status`: the principal is geduldet or holds an AE under § 104c (§ 3.2)."""
    principal = ctx.principal
    facts = (f"{principal.path}.residence_history", "application_date")
    if not principal.residence_history:
        return Finding(
            id=STATUS_ID,
            person=principal.id,
            outcome=Outcome.MISSING_INFORMATION,
            citation=STATUS_CITATION,
            reason_de="Kein Aufenthaltsverlauf erfasst; der Status am Stichtag ist unbekannt.",
            facts=facts,
            missing=(f"{principal.path}.residence_history",),
        )
    conservative = _verdict_for_reading(ctx, read_status(ctx, principal, favourable=False))
    verdict = conservative
    favourable = _verdict_for_reading(ctx, read_status(ctx, principal, favourable=True))
    if conservative.outcome is Outcome.MET and favourable.outcome not in (
        Outcome.MET,
        Outcome.MISSING_INFORMATION,
    ):
        # The "conservative" reading (a `from` on its last day) is conservative for the entry
        # that helps; for a later entry that hurts (a new Gestattung, a stay abroad starting in
        # the month of R) it is the favourable one. Where the readings disagree, § 0.4 answers
        # needs_review.
        verdict = _Verdict(
            Outcome.NEEDS_REVIEW,
            "Unvollständige Daten im Aufenthaltsverlauf: Je nach genauem Tag gilt am Stichtag "
            f"entweder: {conservative.reason_de} Oder: {favourable.reason_de} Genaue Daten "
            "(Bescheide) klären das.",
            conservative.citations,
        )
    elif conservative.outcome is not Outcome.MET and favourable.outcome is Outcome.MET:
        verdict = _Verdict(
            Outcome.NEEDS_REVIEW,
            "Unvollständige Daten im Aufenthaltsverlauf: vorsichtig gelesen (Beginn = "
            "letzter, Ende = erster möglicher Tag des Monats/Jahres) gilt: "
            f"{conservative.reason_de} Nur bei günstiger Lesart gilt: {favourable.reason_de} "
            "Genaue Daten (Bescheide) klären das.",
            favourable.citations,
            conservative.missing,
        )
    return Finding(
        id=STATUS_ID,
        person=principal.id,
        outcome=verdict.outcome,
        citation=_citation(verdict.citations),
        reason_de=verdict.reason_de,
        facts=facts,
        missing=verdict.missing,
    )
