"""Criminal offences: § 25b Abs. 2 Nr. 2 and § 5 Abs. 1 Nr. 2 AufenthG (legal-rules § 3.11, § 3.12).

`assess_offences` reads a person's offences once: which convictions are erased under the BZRG and
must not be used, which trigger the mandatory refusal of § 25b Abs. 2 Nr. 2 (an
Ausweisungsinteresse under § 54 Abs. 1 or Abs. 2 Nr. 1–2) and which need a closer look. The
§ 25b rules below and the § 23a rule `23a.adm.serious_offences` build on it.

Each final conviction is assessed on its own: § 54 speaks of a conviction "zu einer
Freiheitsstrafe", a Gesamtstrafe is one conviction, separate sentences are not added up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eligibility.context import Context, per_person
from eligibility.dates import add_years, german_date
from eligibility.facts import Offence, Person, Procedure
from eligibility.parameters import (
    BZRG_FINE_ERASURE_MAX_RATES,
    BZRG_FINE_ERASURE_YEARS,
    FINE_BAGATELLE_ALIEN_SPECIFIC,
    FINE_BAGATELLE_GENERAL,
)
from eligibility.report import Finding, Outcome

SERIOUS_OFFENCES_ID = "25b.refusal_serious_offences"
SERIOUS_OFFENCES_CITATION = (
    "§ 25b Abs. 2 Nr. 2 AufenthG i.V.m. § 54 Abs. 1, Abs. 2 Nr. 1 und 2 AufenthG"
)
EXPULSION_INTEREST_ID = "25b.no_expulsion_interest"
EXPULSION_INTEREST_CITATION = (
    "§ 5 Abs. 1 Nr. 2, Abs. 3 Satz 2 AufenthG; § 54 Abs. 2 Nr. 10 AufenthG; § 79 Abs. 2 "
    "AufenthG; Bagatellgrenzen entlehnt aus § 104c Abs. 1 Satz 1 Nr. 2 AufenthG"
)
BZRG_CITATION = "§ 46 Abs. 1 Nr. 1 Buchst. a, § 47 Abs. 3, § 36, § 51 Abs. 1 BZRG"

AGE_OF_CRIMINAL_RESPONSIBILITY = 14  # § 19 StGB

# Custodial thresholds of § 54 AufenthG (AufenthG as of 25.10.2024), in months.
ADULT_PRISON_MONTHS = 6  # § 54 Abs. 2 Nr. 1
LONG_SENTENCE_MONTHS = 24  # § 54 Abs. 1 Nr. 1 (Freiheits- oder Jugendstrafe)
JUVENILE_PRISON_MONTHS = 12  # § 54 Abs. 2 Nr. 2; § 54 Abs. 1 Nr. 1a, 1b

# Alien-specific offences (only a foreigner can commit them): the fallback when neither
# `alien_specific` nor `category` is recorded. § 95 Abs. 2 (false statements) is deliberately
# not matched; a first breach of the Residenzpflicht is no offence at all.
ALIEN_SPECIFIC_KIND = re.compile(r"§\s*95\s*Abs\.\s*1a?\b.*AufenthG|§\s*85\b.*AsylG")

_SUSPENDED_JUVENILE_TRIGGERS = {
    "life": "§ 54 Abs. 1 Nr. 1a Buchst. a AufenthG (Straftat gegen das Leben, Jugendstrafe von "
    "mindestens einem Jahr, auch zur Bewährung)",
    "body": "§ 54 Abs. 1 Nr. 1a Buchst. b AufenthG (Straftat gegen die körperliche "
    "Unversehrtheit, Jugendstrafe von mindestens einem Jahr, auch zur Bewährung)",
    "drugs": "§ 54 Abs. 1 Nr. 1b AufenthG (Straftat nach dem BtMG, Jugendstrafe von mindestens "
    "einem Jahr, auch zur Bewährung)",
}
_SUSPENDED_JUVENILE_HARMLESS = ("traffic", "residence_law")


@dataclass(frozen=True, slots=True)
class OffenceAssessment:
    considered: tuple[Offence, ...]  # not dropped, not erased under the BZRG
    erased: tuple[Offence, ...]  # fines erased/due for erasure (3.12), ignored
    mandatory: tuple[tuple[Offence, str], ...]  # 3.11 triggers with their § 54 basis (German text)
    mandatory_review: tuple[tuple[Offence, str], ...]  # 3.11 needs_review items with reason
    erasure_note_de: str | None  # German sentence on erasure / old convictions


# --- reading one offence ----------------------------------------------------------------------


def is_final_conviction(offence: Offence) -> bool:
    """A conviction that is final; an unknown `final` is read as final (never in the applicant's
    favour, legal-rules § 0.4 – § 3.12 step 3 asks only for `final == false`)."""
    return offence.sanction not in ("dropped", "proceedings_pending") and offence.final is not False


def is_intentional(offence: Offence) -> bool:
    """§ 54 Abs. 1, Abs. 2 Nr. 1–2 require intentional offences; unknown = intentional."""
    return offence.intentional is not False


def is_alien_specific(offence: Offence) -> bool:
    """`alien_specific` when given; else `category`; only if both are null the wording of `kind`."""
    if offence.alien_specific is not None:
        return offence.alien_specific
    if offence.category is not None:
        return offence.category == "residence_law"
    return offence.kind is not None and ALIEN_SPECIFIC_KIND.search(offence.kind) is not None


def describe_offence(offence: Offence) -> str:
    """German one-line description: "Ladendiebstahl (Geldstrafe von 30 Tagessätzen, Urteil vom
    12.09.2017)"."""
    name = offence.kind or "Straftat"
    details = [_sanction_de(offence)]
    if offence.judgment_date is not None:
        details.append(f"Urteil vom {offence.judgment_date.german()}")
    elif offence.date is not None:
        details.append(f"Tat vom {offence.date.german()}")
    if offence.final is False:
        details.append("nicht rechtskräftig")
    if offence.intentional is False:
        details.append("fahrlässig")
    return f"{name} ({', '.join(details)})"


def _sanction_de(offence: Offence) -> str:
    if offence.sanction == "fine":
        rates = offence.daily_rates
        return f"Geldstrafe von {rates} Tagessätzen" if rates is not None else "Geldstrafe"
    if offence.sanction == "prison":
        kind = "Jugendstrafe" if offence.juvenile else "Freiheitsstrafe"
        months = offence.prison_months
        text = f"{kind} von {months} Monaten" if months is not None else f"{kind} (Dauer unbekannt)"
        if offence.suspended:
            text += " zur Bewährung"
        return text
    if offence.sanction == "juvenile_measure":
        return "jugendrichterliche Maßnahme"
    if offence.sanction == "proceedings_pending":
        return "Verfahren läuft"
    if offence.sanction == "dropped":
        return "Verfahren eingestellt"
    return "Sanktion unbekannt"


# --- § 25b Abs. 2 Nr. 2 with § 54: one conviction at a time -----------------------------------


def _mandatory_ground(offence: Offence) -> tuple[str | None, str | None]:
    """(trigger basis, review reason) of one final conviction under § 54 Abs. 1, Abs. 2 Nr. 1–2."""
    if not is_final_conviction(offence) or not is_intentional(offence):
        return None, None
    if offence.sanction is None:
        return None, (
            "Art und Höhe der Strafe nicht angegeben – ob § 54 Abs. 1 oder Abs. 2 Nr. 1–2 "
            "greift, lässt sich nicht feststellen"
        )
    if offence.sanction != "prison":
        return None, None
    months = offence.prison_months
    if months is None:
        return None, (
            "Dauer der Strafe nicht angegeben – ob § 54 Abs. 1 oder Abs. 2 Nr. 1–2 greift, "
            "lässt sich nicht feststellen"
        )
    if offence.juvenile is True:
        if months >= LONG_SENTENCE_MONTHS:
            return (
                "§ 54 Abs. 1 Nr. 1 AufenthG (Jugendstrafe von mindestens zwei Jahren)",
                None,
            )
        if months < JUVENILE_PRISON_MONTHS:
            return None, None
        if offence.suspended is not True:
            return (
                "§ 54 Abs. 2 Nr. 2 AufenthG (Jugendstrafe von mindestens einem Jahr ohne "
                "Bewährung)",
                None,
            )
        if offence.category in _SUSPENDED_JUVENILE_TRIGGERS:
            return _SUSPENDED_JUVENILE_TRIGGERS[offence.category], None
        if offence.category in _SUSPENDED_JUVENILE_HARMLESS:
            return None, None
        return None, (
            "Jugendstrafe von mindestens einem Jahr zur Bewährung: ob § 54 Abs. 1 Nr. 1a "
            "Buchst. c–f AufenthG greift (bestimmte Sexualdelikte, Eigentumsdelikte mit erhöhter "
            "Mindeststrafe oder serienmäßig, §§ 113 ff., 125 StGB), hängt vom genauen Delikt ab"
        )
    # An adult Freiheitsstrafe (also when `juvenile` is unknown: the stricter adult line).
    if months >= LONG_SENTENCE_MONTHS:
        return (
            "§ 54 Abs. 1 Nr. 1 AufenthG (Freiheitsstrafe von mindestens zwei Jahren); zugleich "
            "§ 54 Abs. 2 Nr. 1",
            None,
        )
    if months >= ADULT_PRISON_MONTHS:
        return (
            "§ 54 Abs. 2 Nr. 1 AufenthG (Freiheitsstrafe von mindestens sechs Monaten"
            + (", auch zur Bewährung" if offence.suspended else "")
            + ")",
            None,
        )
    return None, None


# --- BZRG erasure (conservative subset: only fines) -------------------------------------------


def _erasable(ctx: Context, convictions: Sequence[Offence]) -> bool:
    """All final convictions are fines ≤ 90 daily rates judged at least 5 years before R.

    § 47 Abs. 3 BZRG: with several entries none is erased before all are due; a custodial
    sentence in the register prevents the 5-year period (§ 46 Abs. 1 Nr. 1 Buchst. a).
    """
    if not convictions:
        return False
    for offence in convictions:
        if offence.sanction != "fine" or offence.daily_rates is None:
            return False
        if offence.daily_rates > BZRG_FINE_ERASURE_MAX_RATES:
            return False
        if offence.judgment_date is None:
            # The offence date is earlier and would favour the applicant: no erasure.
            return False
        due = add_years(offence.judgment_date.latest(), BZRG_FINE_ERASURE_YEARS)
        if due > ctx.reference_date:
            return False
    return True


def _erasure_note(
    ctx: Context, convictions: Sequence[Offence], erased: Sequence[Offence]
) -> str | None:
    if erased:
        latest = max(o.judgment_date.latest() for o in erased if o.judgment_date is not None)
        if len(erased) == 1:
            which, verbs = "Die Verurteilung", ("ist", "darf", "sie bleibt")
        else:
            which, verbs = f"Die {len(erased)} Verurteilungen", ("sind", "dürfen", "sie bleiben")
        return (
            f"{which} zu Geldstrafe (höchstens {BZRG_FINE_ERASURE_MAX_RATES} Tagessätze, "
            f"letztes Urteil vom {german_date(latest)}, also mindestens "
            f"{BZRG_FINE_ERASURE_YEARS} Jahre vor dem Stichtag) {verbs[0]} im "
            f"Bundeszentralregister getilgt oder tilgungsreif und {verbs[1]} nicht mehr "
            "verwertet werden (§ 46 Abs. 1 Nr. 1 Buchst. a, § 47 Abs. 3, § 51 Abs. 1 BZRG); "
            f"{verbs[2]} hier unberücksichtigt."
        )
    limit = add_years(ctx.reference_date, -BZRG_FINE_ERASURE_YEARS)
    old = [
        o
        for o in convictions
        if o.judgment_date is not None and o.judgment_date.earliest() <= limit
    ]
    undated = [o for o in convictions if o.judgment_date is None]
    sentences: list[str] = []
    if old:
        sentences.append(
            f"Ältere Verurteilungen (Urteil am oder vor dem {german_date(limit)}) können nach "
            "dem BZRG getilgt sein; längere Tilgungsfristen (Freiheits- und Jugendstrafen, "
            "Geldstrafen über 90 Tagessätze, mehrere Eintragungen) berechnet die App nicht – "
            "bitte einen aktuellen Auszug aus dem Bundeszentralregister prüfen."
        )
    if undated:
        sentences.append(
            "Für mindestens eine Verurteilung fehlt das Urteilsdatum; ob sie getilgt ist, "
            "wurde deshalb nicht geprüft."
        )
    return " ".join(sentences) or None


def assess_offences(ctx: Context, person: Person) -> OffenceAssessment:
    """The person's offences read once for § 3.11, § 3.12 and § 7.2."""
    recorded = [o for o in person.offences if o.sanction != "dropped"]
    convictions = [o for o in recorded if is_final_conviction(o)]
    erased = tuple(convictions) if _erasable(ctx, convictions) else ()
    considered = tuple(o for o in recorded if not any(o is e for e in erased))
    mandatory: list[tuple[Offence, str]] = []
    review: list[tuple[Offence, str]] = []
    for offence in considered:
        trigger, question = _mandatory_ground(offence)
        if trigger is not None:
            mandatory.append((offence, trigger))
        elif question is not None:
            review.append((offence, question))
    return OffenceAssessment(
        considered=considered,
        erased=erased,
        mandatory=tuple(mandatory),
        mandatory_review=tuple(review),
        erasure_note_de=_erasure_note(ctx, convictions, erased),
    )


# --- the two § 25b requirements ---------------------------------------------------------------


def _offence_path(person: Person, offence: Offence, field: str) -> str:
    index = next(i for i, candidate in enumerate(person.offences) if candidate is offence)
    return f"{person.path}.offences[{index}].{field}"


def _offence_facts(person: Person) -> tuple[str, ...]:
    return (f"{person.path}.birth_date", f"{person.path}.offences")


def _under_14(ctx: Context, person: Person, requirement_id: str, citation: str) -> Finding:
    age = ctx.age(person)
    assert age is not None
    return Finding(
        id=requirement_id,
        person=person.id,
        outcome=Outcome.MET,
        citation=citation,
        reason_de=(
            f"{person.display_name} ist {age.german()} alt und damit unter 14 Jahren "
            "strafunmündig (§ 19 StGB)."
        ),
        facts=(f"{person.path}.birth_date",),
    )


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def refusal_serious_offences(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """`25b.refusal_serious_offences` for each covered person (legal-rules § 3.11)."""

    def evaluate(person: Person) -> Finding:
        if ctx.certainly_under(person, AGE_OF_CRIMINAL_RESPONSIBILITY):
            return _under_14(ctx, person, SERIOUS_OFFENCES_ID, SERIOUS_OFFENCES_CITATION)
        assessment = assess_offences(ctx, person)
        if assessment.mandatory:
            outcome = Outcome.NOT_MET
            reason = (
                "Zwingender Versagungsgrund: "
                + "; ".join(
                    f"{describe_offence(offence)} – {basis}"
                    for offence, basis in assessment.mandatory
                )
                + ". Ein besonders schwerwiegendes oder schwerwiegendes Ausweisungsinteresse "
                "nach § 54 Abs. 1 oder Abs. 2 Nr. 1–2 schließt § 25b aus (§ 25b Abs. 2 Nr. 2); "
                "hier gibt es weder Ermessen noch einen atypischen Fall."
            )
        elif assessment.mandatory_review:
            outcome = Outcome.NEEDS_REVIEW
            reason = (
                "Zu prüfen: "
                + "; ".join(
                    f"{describe_offence(offence)} – {why}"
                    for offence, why in assessment.mandatory_review
                )
                + "."
            )
        else:
            outcome = Outcome.MET
            if not assessment.considered:
                reason = "Keine verwertbaren Verurteilungen erfasst."
            else:
                reason = (
                    "Keine Verurteilung erreicht die Schwellen des § 54 Abs. 1 oder Abs. 2 "
                    "Nr. 1–2 (vorsätzliche Tat; Freiheitsstrafe ab 6 Monaten, Jugendstrafe ab "
                    "1 Jahr ohne Bewährung oder ab 2 Jahren); jede Verurteilung wird für sich "
                    "betrachtet: "
                    + "; ".join(describe_offence(o) for o in assessment.considered)
                    + ". Geldstrafen und kürzere Strafen prüft „25b.no_expulsion_interest“."
                )
        return Finding(
            id=SERIOUS_OFFENCES_ID,
            person=person.id,
            outcome=outcome,
            citation=SERIOUS_OFFENCES_CITATION,
            reason_de=_join(reason, assessment.erasure_note_de),
            facts=_offence_facts(person),
        )

    return per_person(
        SERIOUS_OFFENCES_ID,
        SERIOUS_OFFENCES_CITATION,
        covered,
        evaluate,
        "keine antragstellende Person erfasst.",
    )


def _pending_arrest_warrants(ctx: Context, person: Person) -> list[Procedure]:
    return [
        procedure
        for procedure in ctx.case.procedures
        if procedure.kind == "arrest_warrant"
        and procedure.concerns(person.id)
        and procedure.pending is not False
    ]


def no_expulsion_interest(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """`25b.no_expulsion_interest` for each covered person (legal-rules § 3.12)."""

    def evaluate(person: Person) -> Finding:
        if ctx.certainly_under(person, AGE_OF_CRIMINAL_RESPONSIBILITY):
            return _under_14(ctx, person, EXPULSION_INTEREST_ID, EXPULSION_INTEREST_CITATION)
        assessment = assess_offences(ctx, person)
        warrants = _pending_arrest_warrants(ctx, person)
        facts = _offence_facts(person) + tuple(f"procedures[{p.index}]" for p in warrants)
        outcome, reason, missing = _expulsion_interest(ctx, person, assessment, warrants)
        return Finding(
            id=EXPULSION_INTEREST_ID,
            person=person.id,
            outcome=outcome,
            citation=EXPULSION_INTEREST_CITATION,
            reason_de=_join(reason, assessment.erasure_note_de),
            facts=facts,
            missing=missing,
        )

    return per_person(
        EXPULSION_INTEREST_ID,
        EXPULSION_INTEREST_CITATION,
        covered,
        evaluate,
        "keine antragstellende Person erfasst.",
    )


def _expulsion_interest(
    ctx: Context,
    person: Person,
    assessment: OffenceAssessment,
    warrants: Sequence[Procedure],
) -> tuple[Outcome, str, tuple[str, ...]]:
    """Steps 1–5 of § 3.12, first match wins."""
    considered = assessment.considered
    warrant_text = (
        "Ein Haftbefehl (Fahndung) ist offen: Solange wegen einer Straftat ermittelt oder "
        "vollstreckt wird, setzt die Behörde die Entscheidung in der Regel aus (§ 79 Abs. 2 "
        "AufenthG); das Ausweisungsinteresse prüft sie selbst."
    )
    # Step 1 (an open arrest warrant is checked even without a recorded offence, step 2a).
    if not considered and not warrants:
        return Outcome.MET, "Keine verwertbaren Straftaten erfasst.", ()
    # Step 2.
    if assessment.mandatory:
        return (
            Outcome.NOT_MET,
            "Ausweisungsinteresse nach § 54 Abs. 1 oder Abs. 2 Nr. 1–2 AufenthG: "
            + "; ".join(describe_offence(o) for o, _ in assessment.mandatory)
            + " (siehe „25b.refusal_serious_offences“).",
            (),
        )
    # Step 2a.
    if warrants:
        return Outcome.NEEDS_REVIEW, warrant_text, ()
    # Step 3.
    open_cases = [o for o in considered if o.final is False or o.sanction == "proceedings_pending"]
    if open_cases:
        return (
            Outcome.NEEDS_REVIEW,
            "Strafverfahren noch nicht abgeschlossen: "
            + "; ".join(describe_offence(o) for o in open_cases)
            + ". Die Behörde setzt die Entscheidung über den Aufenthaltstitel bis zum "
            "Abschluss des Verfahrens aus (§ 79 Abs. 2 AufenthG).",
            (),
        )
    # Step 4.
    prison = [o for o in considered if o.sanction == "prison"]
    if prison:
        return (
            Outcome.NEEDS_REVIEW,
            "Verurteilung zu einer Freiheits- oder Jugendstrafe unterhalb der zwingenden "
            "Schwellen: "
            + "; ".join(describe_offence(o) for o in prison)
            + ". Ein Ausweisungsinteresse (§ 54 Abs. 2 Nr. 10 AufenthG) liegt nahe; die "
            "Behörde entscheidet, ob sie davon absieht (§ 5 Abs. 3 Satz 2 AufenthG).",
            (),
        )
    unknown = [o for o in considered if o.sanction is None]
    if unknown:
        return (
            Outcome.MISSING_INFORMATION,
            "Für " + "; ".join(describe_offence(o) for o in unknown) + " fehlt die Sanktion.",
            tuple(_offence_path(person, o, "sanction") for o in unknown),
        )
    # Step 5: fines only; juvenile measures count 0 and negligent fines are not counted.
    fines = [o for o in considered if o.sanction == "fine" and is_intentional(o)]
    unknown_rates = [o for o in fines if o.daily_rates is None]
    if unknown_rates:
        return (
            Outcome.MISSING_INFORMATION,
            "Für " + "; ".join(describe_offence(o) for o in unknown_rates) + " fehlt die Zahl "
            "der Tagessätze.",
            tuple(_offence_path(person, o, "daily_rates") for o in unknown_rates),
        )
    general = sum(o.daily_rates or 0 for o in fines if not is_alien_specific(o))
    alien = sum(o.daily_rates or 0 for o in fines if is_alien_specific(o))
    within = bagatelle(general, alien)
    sums = (
        f"Summe vorsätzlicher Geldstrafen: allgemein {general} Tagessätze, ausländerrechtlich "
        f"{alien} Tagessätze (Grenzen {FINE_BAGATELLE_GENERAL} bzw. "
        f"{FINE_BAGATELLE_ALIEN_SPECIFIC}; gemischt höchstens {FINE_BAGATELLE_GENERAL} "
        f"allgemeine und zusammen {FINE_BAGATELLE_ALIEN_SPECIFIC} – Auslegung der App, nicht "
        "amtlich bestätigt)."
    )
    yardstick = (
        "§ 25b selbst kennt keine Tagessatzgrenze; die App entlehnt die Bagatellgrenzen des "
        "§ 104c Abs. 1 Satz 1 Nr. 2 und § 25a Abs. 3 AufenthG als Maßstab (Praxis/Heuristik)."
    )
    listed = "; ".join(describe_offence(o) for o in considered)
    if within:
        return (
            Outcome.MET,
            _join(f"Nur Geldstrafen oder jugendrichterliche Maßnahmen: {listed}.", sums, yardstick),
            (),
        )
    return (
        Outcome.NEEDS_REVIEW,
        _join(
            f"Geldstrafen über der Bagatellgrenze: {listed}.",
            sums,
            "Ein Ausweisungsinteresse (§ 54 Abs. 2 Nr. 10 AufenthG) liegt nahe; die Behörde "
            "entscheidet, ob sie davon absieht (§ 5 Abs. 3 Satz 2 AufenthG).",
            yardstick,
        ),
        (),
    )


def bagatelle(general: int, alien: int) -> bool:
    """The 50/90 daily-rate lines of § 3.12 step 5 (mixed case: app interpretation)."""
    if alien == 0:
        return general <= FINE_BAGATELLE_GENERAL
    if general == 0:
        return alien <= FINE_BAGATELLE_ALIEN_SPECIFIC
    return general <= FINE_BAGATELLE_GENERAL and general + alien <= FINE_BAGATELLE_ALIEN_SPECIFIC
