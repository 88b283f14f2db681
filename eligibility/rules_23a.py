"""§ 23a AufenthG and the Härtefallkommission NRW (target `hfk_nrw`), legal-rules.md § 7.2–7.3.

One function per requirement, in the order of the tables: first admissibility (`23a.adm.*`,
whether the commission may take the case up under § 23a AufenthG and § 5 HFKVO NRW), then the
completeness of the petition (`23a.form.*`, `23a.doc.*`, the NRW leaflet). Whether a hardship
exists is the commission's judgement and is not assessed here (§ 7.1).

Per-person requirements return one finding per subject; a per-person requirement that applies
to nobody is reported once for the household as `met` (§ 0.3). Household requirements return
one finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eligibility.context import Context, per_person, worst
from eligibility.dates import add_months, german_date
from eligibility.facts import Address, Document, NarrativePart, Offence, Person, Procedure
from eligibility.offences import assess_offences, describe_offence
from eligibility.parameters import HFK_FINE_LINE, MEDICAL_REPORT_MAX_AGE_MONTHS
from eligibility.postcodes import LAND_NAMES_DE, lands_for_postcode
from eligibility.report import Finding, Outcome
from eligibility.rules_25b import entry_ban_in_force

# --- citations (legal-rules.md § 7.2; § 7.3 is all PRACTICE from the NRW leaflet) -------------

CITATION_DEPARTURE_OBLIGATION = "§ 23a Abs. 1 S. 1 AufenthG; § 5 Abs. 1 HFKVO NRW"
CITATION_NRW_RESIDENCE = "§ 5 Abs. 1 (und Abs. 2: zustellungsfähige Anschrift) HFKVO NRW"
CITATION_DEPORTATION_DATE = "§ 23a Abs. 1 S. 3 AufenthG; § 5 Abs. 2 HFKVO NRW"
CITATION_OTHER_PROCEDURE = "§ 5 Abs. 2 HFKVO NRW (+ § 25b AufenthG)"
CITATION_SERIOUS_OFFENCES = "§ 23a Abs. 1 S. 3 AufenthG; § 5 Abs. 2 HFKVO NRW"
CITATION_PREVIOUS_PETITION = (
    "HFKVO NRW (Wiederholungsanträge: § 4 nicht ausgewertet) – Praxis, UNGEPRÜFT"
)
CITATION_BANS_AND_ORDERS = "§ 5 Abs. 1 und 2 HFKVO NRW"
CITATION_LEAFLET = "Praxis Härtefallkommission NRW (Merkblatt)"

NRW = "DE-NW"

# File types the package converts to PDF (package.md § 8.3); the commission accepts only PDF
# attachments by e-mail (seed).
CONVERTIBLE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "heic", "heif", "tif", "tiff")

# German names of the narrative parts, as the letter's headings call them.
NARRATIVE_PART_NAMES_DE = {
    "life_story": "Lebensgeschichte",
    "current_situation": "aktuelle Situation",
    "integration": "Integration",
    "humanitarian_reasons": "humanitäre Gründe",
    "request": "Anliegen",
}

_PRACTICE_NOTE = "Anforderung aus dem Merkblatt der Härtefallkommission NRW (Verwaltungspraxis)."
_HEURISTIC_NOTE = (
    "HEURISTIK dieser Anwendung: Das Gesetz und die HFKVO NRW bestimmen nicht, was "
    "„Straftaten von erheblichem Gewicht“ sind."
)


# --- small helpers ---------------------------------------------------------------------------


def _finding(
    requirement_id: str,
    subject: Person | None,
    outcome: Outcome,
    citation: str,
    reason_de: str,
    facts: Iterable[str] = (),
    missing: Iterable[str] = (),
) -> Finding:
    return Finding(
        id=requirement_id,
        person=subject.id if subject is not None else None,
        outcome=outcome,
        citation=citation,
        reason_de=reason_de,
        facts=tuple(dict.fromkeys(facts)),
        missing=tuple(dict.fromkeys(missing)),
    )


def _filled(text: str | None) -> bool:
    return text is not None and text.strip() != ""


def _join_de(items: Sequence[str]) -> str:
    """ "A", "A und B", "A, B und C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} und {items[-1]}"


def _basis_de(basis: str | None) -> str:
    """ "25_5" → "§ 25 Abs. 5 AufenthG" (case-format: `_` before an Absatz)."""
    if not basis:
        return ""
    section, _, paragraph = basis.partition("_")
    return f"§ {section} Abs. {paragraph} AufenthG" if paragraph else f"§ {section} AufenthG"


def _land_de(code: str) -> str:
    return LAND_NAMES_DE.get(code, code)


def _lands_de(codes: Iterable[str]) -> str:
    return _join_de(sorted(_land_de(code) for code in codes))


def _procedure_path(procedure: Procedure) -> str:
    return f"procedures[{procedure.index}]"


def _document_path(document: Document) -> str:
    return f"documents[{document.index}]"


def _concerned_de(ctx: Context, procedure: Procedure) -> str:
    """Whom a procedure concerns, by name (`persons` absent: the whole household)."""
    if procedure.persons is None:
        return "alle Personen des Antrags"
    names = [ctx.case.person(person_id).display_name for person_id in procedure.persons]
    return _join_de(names) if names else "alle Personen des Antrags"


def _for_others_hint(ctx: Context, person: Person) -> str:
    if person.id == ctx.principal.id:
        return ""
    return (
        " Für diese Person kann die Kommission nicht ersucht werden; ob sie im Antrag "
        "bleiben soll, sollte mit einer Beratungsstelle geklärt werden."
    )


# =============================================================================================
# 7.2 Admissibility (Nichtbefassung)
# =============================================================================================

# --- 23a.adm.departure_obligation ------------------------------------------------------------

# {name}, {day} (reference date), {basis} (" nach § …"), {since} (" (seit …)").
_NOT_OBLIGED_DE = {
    "gestattung": (
        "{name} ist am Stichtag {day} gestattet{since}: Das Asylverfahren läuft, die Person ist "
        "nicht ausreisepflichtig. Ein Härtefallantrag kommt erst nach dem Ende des "
        "Asylverfahrens in Betracht."
    ),
    "aufenthaltserlaubnis": (
        "{name} besitzt am Stichtag {day} eine Aufenthaltserlaubnis{basis}{since} und ist damit "
        "nicht ausreisepflichtig. Für eine Verlängerung oder einen anderen Aufenthaltstitel ist "
        "die Ausländerbehörde zuständig."
    ),
    "niederlassungserlaubnis": (
        "{name} besitzt am Stichtag {day} eine Niederlassungserlaubnis{since} und ist nicht "
        "ausreisepflichtig."
    ),
    "visa": "{name} besitzt am Stichtag {day} ein Visum{since} und ist nicht ausreisepflichtig.",
    "abroad": (
        "{name} hält sich am Stichtag {day} im Ausland auf{since}. Die Kommission befasst sich "
        "nur mit Personen, die sich im Bundesgebiet aufhalten."
    ),
}


def _departure_outcome(status: str) -> Outcome:
    if status == "duldung":
        return Outcome.MET
    if status == "none":
        return Outcome.NEEDS_REVIEW
    return Outcome.NOT_MET


def _departure_obligation_of(ctx: Context, person: Person) -> Finding:
    requirement = "23a.adm.departure_obligation"
    facts = [f"{person.path}.residence_history"]
    day = german_date(ctx.reference_date)
    entry = ctx.status_on_reference_date(person)
    if entry is None:
        reason = f"Für den Stichtag {day} ist kein Aufenthaltsstatus erfasst."
        if person.residence_history:
            last = max(person.residence_history, key=lambda item: item.from_.earliest())
            if last.to is not None:
                reason += (
                    f" Der zuletzt erfasste Status endete am {last.to.german()}; bitte den "
                    "heutigen Status (z. B. Duldung) ergänzen."
                )
        return _finding(
            requirement,
            person,
            Outcome.MISSING_INFORMATION,
            CITATION_DEPARTURE_OBLIGATION,
            reason,
            facts,
            [f"{person.path}.residence_history"],
        )

    outcome = _departure_outcome(entry.status)
    since = f" (seit {entry.from_.german()})"
    if entry.status == "duldung":
        basis = f" nach {_basis_de(entry.basis)}" if entry.basis else ""
        reason = (
            f"Am Stichtag {day} geduldet{basis}{since}: vollziehbar ausreisepflichtig, die "
            "Härtefallkommission kann befasst werden."
        )
    elif entry.status == "none":
        reason = (
            f"Am Stichtag {day} ohne Aufenthaltspapier erfasst{since}. Ob die Person "
            "vollziehbar ausreisepflichtig ist (etwa mit einem Anspruch auf eine Duldung), muss "
            "geprüft werden; eine Duldungsbescheinigung der Ausländerbehörde klärt das."
        )
    else:
        basis = f" nach {_basis_de(entry.basis)}" if entry.basis else ""
        reason = _NOT_OBLIGED_DE[entry.status].format(
            name=person.display_name, day=day, basis=basis, since=since
        )
        reason += _for_others_hint(ctx, person)

    if not ctx.is_current(entry.from_, entry.to):
        # The entry covers the reference date only if its partial dates are read favourably;
        # where another reading gives another answer, the rule does not guess (§ 0.4).
        possible = {
            _departure_outcome(other.status)
            for other in person.residence_history
            if ctx.is_possibly_current(other.from_, other.to)
        }
        certain = any(ctx.is_current(other.from_, other.to) for other in person.residence_history)
        if len(possible) > 1 or (not certain and outcome is not Outcome.NOT_MET):
            outcome = Outcome.NEEDS_REVIEW
            reason += (
                " Die Daten des Status sind nur teilweise bekannt "
                f"({entry.from_.german()} bis {entry.to.german() if entry.to else 'heute'}); "
                f"ob er am Stichtag {day} galt, ist offen."
            )
    return _finding(requirement, person, outcome, CITATION_DEPARTURE_OBLIGATION, reason, facts)


def departure_obligation(ctx: Context) -> list[Finding]:
    """`23a.adm.departure_obligation`: each person is vollziehbar ausreisepflichtig on R."""
    return per_person(
        "23a.adm.departure_obligation",
        CITATION_DEPARTURE_OBLIGATION,
        ctx.case.persons,
        lambda person: _departure_obligation_of(ctx, person),
        "keine Person erfasst.",
    )


# --- 23a.adm.nrw_residence -------------------------------------------------------------------

_ADDRESS_FIELDS_DE = (("street", "Straße"), ("postcode", "Postleitzahl"), ("city", "Ort"))


def _address_gaps(address: Address | None) -> list[tuple[str, str]]:
    """(field, German name) of every missing part of the household address."""
    if address is None:
        return list(_ADDRESS_FIELDS_DE)
    return [(key, name) for key, name in _ADDRESS_FIELDS_DE if not _filled(getattr(address, key))]


def residence_in_nrw(ctx: Context) -> Finding:
    """`23a.adm.nrw_residence`: the household lives in North Rhine-Westphalia (§ 5 HFKVO NRW).

    The Land comes from `household_address.state`; without it from the exact 5-digit postcode
    table (a prefix rule would be wrong near the borders, review item 16).
    """
    requirement = "23a.adm.nrw_residence"
    address = ctx.case.household_address
    gaps = _address_gaps(address)
    if address is None or gaps:
        return _finding(
            requirement,
            None,
            Outcome.MISSING_INFORMATION,
            CITATION_NRW_RESIDENCE,
            "Die Wohnanschrift ist unvollständig (fehlt: "
            f"{_join_de([name for _, name in gaps])}). Die Kommission befasst sich nur mit "
            "Personen, die in Nordrhein-Westfalen wohnen und eine zustellungsfähige Anschrift "
            "haben.",
            ["household_address"],
            [f"household_address.{key}" for key, _ in gaps],
        )
    assert address.postcode is not None
    postcode = address.postcode.strip()
    place = f"{postcode} {address.city}"
    lands = lands_for_postcode(postcode)
    facts = ["household_address.state", "household_address.postcode", "household_address.city"]
    not_nrw = (
        "Die Härtefallkommission NRW befasst sich nur mit Personen, die in Nordrhein-Westfalen "
        "wohnen; zuständig ist die Härtefallkommission des Landes, in dem der Wohnsitz liegt."
    )

    if address.state is not None:
        stated = _land_de(address.state)
        if address.state == NRW:
            if lands and NRW not in lands:
                return _finding(
                    requirement,
                    None,
                    Outcome.NEEDS_REVIEW,
                    CITATION_NRW_RESIDENCE,
                    f"Als Land ist Nordrhein-Westfalen angegeben, die Postleitzahl {postcode} "
                    f"gehört nach dem Postleitzahlenverzeichnis aber zu {_lands_de(lands)}. "
                    "Bitte die Anschrift prüfen.",
                    facts,
                )
            note = "" if lands else f" Die Postleitzahl {postcode} ist nicht im Verzeichnis."
            return _finding(
                requirement,
                None,
                Outcome.MET,
                CITATION_NRW_RESIDENCE,
                f"Wohnsitz {place} in Nordrhein-Westfalen (Angabe des Landes).{note}",
                facts,
            )
        if lands == {NRW}:
            # A contradiction between the stated Land and a postcode that lies only in NRW is
            # ambiguous, not a proven residence elsewhere (§ 0.1).
            return _finding(
                requirement,
                None,
                Outcome.NEEDS_REVIEW,
                CITATION_NRW_RESIDENCE,
                f"Als Land ist {stated} angegeben, die Postleitzahl {postcode} liegt nach dem "
                "Postleitzahlenverzeichnis aber in Nordrhein-Westfalen. Bitte die Anschrift "
                "prüfen.",
                facts,
            )
        return _finding(
            requirement,
            None,
            Outcome.NOT_MET,
            CITATION_NRW_RESIDENCE,
            f"Wohnsitz {place} in {stated} (Angabe des Landes). {not_nrw}",
            facts,
        )

    facts = ["household_address.postcode", "household_address.city"]
    if lands == {NRW}:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_NRW_RESIDENCE,
            f"Wohnsitz {place}: Die Postleitzahl liegt nach dem Postleitzahlenverzeichnis in "
            "Nordrhein-Westfalen.",
            facts,
        )
    if len(lands) == 1:
        return _finding(
            requirement,
            None,
            Outcome.NOT_MET,
            CITATION_NRW_RESIDENCE,
            f"Wohnsitz {place}: Die Postleitzahl liegt nach dem Postleitzahlenverzeichnis in "
            f"{_lands_de(lands)}. {not_nrw}",
            facts,
        )
    if lands:
        reason = (
            f"Die Postleitzahl {postcode} gilt für Orte in mehreren Ländern "
            f"({_lands_de(lands)}). Bitte das Land der Anschrift angeben."
        )
    else:
        reason = (
            f"Die Postleitzahl {postcode} ist im Postleitzahlenverzeichnis nicht enthalten; das "
            "Land lässt sich nicht sicher bestimmen. Bitte die Anschrift prüfen und das Land "
            "angeben."
        )
    return _finding(
        requirement,
        None,
        Outcome.NEEDS_REVIEW,
        CITATION_NRW_RESIDENCE,
        reason,
        facts,
        ["household_address.state"],
    )


# --- 23a.adm.deportation_date ----------------------------------------------------------------


def _deportation_entry(ctx: Context, procedure: Procedure) -> tuple[Outcome, str, list[str]]:
    """Outcome, German sentence and missing facts for one `deportation_scheduled` entry."""
    path = _procedure_path(procedure)
    scheduled = procedure.date_scheduled
    when = f"({scheduled.german()})" if scheduled else "(Datum nicht angegeben)"
    not_stopped = " Ein Härtefallantrag hält die Abschiebung nicht auf."
    if procedure.pending is None:
        return (
            Outcome.MISSING_INFORMATION,
            f"Ein Abschiebungstermin {when} ist erfasst, aber nicht, ob er noch besteht."
            + not_stopped,
            [f"{path}.pending"],
        )
    # A partial date counts from its latest possible day: the date may still lie ahead.
    if scheduled is not None and scheduled.latest() < ctx.reference_date:
        return (
            Outcome.NEEDS_REVIEW,
            f"Ein Abschiebungstermin {when} ist als noch anhängig erfasst, liegt aber vor dem "
            f"Stichtag {german_date(ctx.reference_date)}. Ob ein neuer Termin feststeht, muss "
            "geklärt werden." + not_stopped,
            [],
        )
    fixed = f"Ein Termin für die Rückführung steht bereits fest {when}."
    application = ctx.case.application_date
    if application is not None and procedure.decided is not None:
        if procedure.decided.earliest() > application:
            return (
                Outcome.NEEDS_REVIEW,
                f"{fixed} Er wurde am {procedure.decided.german()} festgesetzt, also erst nach "
                f"dem Härtefallantrag vom {german_date(application)}. Ob der Ausschluss "
                "(„bereits feststeht“) dann greift, ist offen und muss geprüft werden."
                + not_stopped,
                [],
            )
        if procedure.decided.latest() > application:
            return (
                Outcome.NEEDS_REVIEW,
                f"{fixed} Er wurde im Zeitraum {procedure.decided.german()} festgesetzt; ob "
                f"vor oder nach dem Härtefallantrag vom {german_date(application)}, ist wegen "
                "des unvollständigen Datums offen und muss geprüft werden." + not_stopped,
                [],
            )
    missing: list[str] = []
    if application is not None and procedure.decided is None:
        fixed += " Wann er festgesetzt wurde, ist nicht angegeben."
        missing.append(f"{path}.decided")
    return (
        Outcome.NOT_MET,
        f"{fixed} Ein Härtefall ist dann in der Regel ausgeschlossen; nur ein atypischer Fall "
        "könnte eine Befassung der Kommission rechtfertigen. Ein Härtefallantrag hält die "
        "Abschiebung nicht auf – bitte sofort eine Beratungsstelle oder Anwältin/Anwalt "
        "einschalten.",
        missing,
    )


def _deportation_may_be_pending(procedure: Procedure) -> bool:
    """`pending` true, or unknown without an `outcome` that shows the date is gone."""
    if procedure.pending is None:
        return procedure.outcome is None
    return procedure.pending


def deportation_date_fixed(ctx: Context) -> Finding:
    """`23a.adm.deportation_date`: no return date is already fixed (§ 23a Abs. 1 S. 3)."""
    requirement = "23a.adm.deportation_date"
    recorded = [p for p in ctx.case.procedures if p.kind == "deportation_scheduled"]
    scheduled = [p for p in recorded if _deportation_may_be_pending(p)]
    facts = [_procedure_path(p) for p in recorded] or ["procedures"]
    if not scheduled:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_DEPORTATION_DATE,
            "Kein feststehender Abschiebungstermin erfasst.",
            facts,
        )
    results = [_deportation_entry(ctx, procedure) for procedure in scheduled]
    return _finding(
        requirement,
        None,
        worst([outcome for outcome, _, _ in results]),
        CITATION_DEPORTATION_DATE,
        " ".join(sentence for _, sentence, _ in results),
        [*facts, "application_date"],
        [item for _, _, missing in results for item in missing],
    )


# --- 23a.adm.other_procedure -----------------------------------------------------------------

_OTHER_PROCEDURE_NAMES_DE = {
    "asylum": "Asylverfahren",
    "asylum_followup": "Asylfolgeverfahren",
    "court": "Gerichtsverfahren",
    "petition": "Petition",
    "residence_application": "Antrag auf einen Aufenthaltstitel",
}


def _pending_state(procedure: Procedure) -> bool | None:
    """True/False when known; None when neither `pending` nor any sign of an end is recorded."""
    if procedure.pending is not None:
        return procedure.pending
    if procedure.decided is None and procedure.outcome is None and procedure.final_date is None:
        return None
    return False


def _procedure_label(procedure: Procedure) -> str:
    label = _OTHER_PROCEDURE_NAMES_DE[procedure.kind]
    if procedure.authority:
        label += f" ({procedure.authority})"
    return label


def other_procedure_available(ctx: Context, substantive_25b: str) -> Finding:
    """`23a.adm.other_procedure`: no other procedure can still lead to a residence title.

    `substantive_25b` is the substantive § 25b result for the principal (§ 5).
    """
    requirement = "23a.adm.other_procedure"
    relevant = [p for p in ctx.case.procedures if p.kind in _OTHER_PROCEDURE_NAMES_DE]
    facts = [_procedure_path(p) for p in relevant] + ["overall_25b_substantive"]
    asylum = [p for p in relevant if p.kind in ("asylum", "asylum_followup") and _pending_state(p)]
    if asylum:
        return _finding(
            requirement,
            None,
            Outcome.NOT_MET,
            CITATION_OTHER_PROCEDURE,
            f"Ein {_join_de([_procedure_label(p) for p in asylum])} ist noch anhängig; ein "
            "Aufenthaltsrecht kann noch im Asylverfahren beim Bundesamt erreicht werden. Die "
            "Kommission befasst sich in der Regel erst danach.",
            facts,
        )
    others = [
        p
        for p in relevant
        if p.kind in ("court", "petition", "residence_application") and _pending_state(p)
    ]
    if others:
        return _finding(
            requirement,
            None,
            Outcome.NEEDS_REVIEW,
            CITATION_OTHER_PROCEDURE,
            f"Noch anhängig: {_join_de([_procedure_label(p) for p in others])}. Ob dieses "
            "Verfahren noch zu einem Aufenthaltstitel führen kann, hängt von seinem Gegenstand "
            "ab und muss geprüft werden; ist das der Fall, befasst sich die Kommission in der "
            "Regel nicht.",
            facts,
        )
    unknown = [p for p in relevant if _pending_state(p) is None]
    if unknown and substantive_25b != "eligible":
        # (If § 25b is reachable the answer is `not_met` whatever the open procedures are: a
        # pending one could only add `needs_review`/`not_met`, never admit the case.)
        return _finding(
            requirement,
            None,
            Outcome.MISSING_INFORMATION,
            CITATION_OTHER_PROCEDURE,
            f"Für {_join_de([_procedure_label(p) for p in unknown])} ist nicht angegeben, ob "
            "das Verfahren noch läuft oder wie es ausgegangen ist.",
            facts,
            [f"{_procedure_path(p)}.pending" for p in unknown],
        )
    no_25a = " Ein Aufenthaltstitel nach § 25a AufenthG wird von dieser Anwendung nicht geprüft."
    if substantive_25b == "eligible":
        return _finding(
            requirement,
            None,
            Outcome.NOT_MET,
            CITATION_OTHER_PROCEDURE,
            "AE nach § 25b bei der Ausländerbehörde erreichbar: Nach der Prüfung dieser "
            "Anwendung sind die Voraussetzungen des § 25b AufenthG erfüllt. Ein Antrag bei der "
            "Ausländerbehörde hat Vorrang; die Kommission befasst sich in der Regel nicht, wenn "
            "ein Aufenthaltstitel in einem anderen Verfahren erreichbar ist.",
            facts,
        )
    if substantive_25b == "needs_review":
        hint = (
            " Ob eine Aufenthaltserlaubnis nach § 25b AufenthG in Frage kommt, ist offen: Bitte "
            "zuerst § 25b bei der Ausländerbehörde prüfen lassen – ist sie erreichbar, befasst "
            "sich die Kommission in der Regel nicht."
        )
    elif substantive_25b == "incomplete":
        hint = (
            " Für die Prüfung von § 25b AufenthG fehlen noch Angaben; bitte ergänzen, denn ein "
            "dort erreichbarer Aufenthaltstitel hätte Vorrang."
        )
    else:
        hint = (
            " Nach der § 25b-Prüfung dieser Anwendung ist eine Aufenthaltserlaubnis nach § 25b "
            "AufenthG nicht erreichbar."
        )
    return _finding(
        requirement,
        None,
        Outcome.MET,
        CITATION_OTHER_PROCEDURE,
        "Kein anhängiges Asyl-, Gerichts- oder Antragsverfahren erfasst." + hint + no_25a,
        facts,
    )


# --- 23a.adm.serious_offences ----------------------------------------------------------------

AGE_OF_CRIMINAL_RESPONSIBILITY = 14  # § 19 StGB


def _offences_de(offences: Iterable[Offence]) -> str:
    return "; ".join(describe_offence(offence) for offence in offences)


def _offence_path(person: Person, offence: Offence) -> str:
    index = next(
        (i for i, recorded in enumerate(person.offences) if recorded is offence),
        person.offences.index(offence),
    )
    return f"{person.path}.offences[{index}]"


def _serious_offences_of(ctx: Context, person: Person) -> Finding:
    requirement = "23a.adm.serious_offences"
    facts = [f"{person.path}.offences", f"{person.path}.birth_date"]
    assessment = assess_offences(ctx, person)
    erased_note = ""
    if assessment.erased:
        erased_note = f" Unberücksichtigt: {_offences_de(assessment.erased)}."
    if assessment.erasure_note_de:
        erased_note += f" {assessment.erasure_note_de}"

    def result(outcome: Outcome, reason: str, missing: Iterable[str] = ()) -> Finding:
        return _finding(
            requirement,
            person,
            outcome,
            CITATION_SERIOUS_OFFENCES,
            reason + erased_note,
            facts,
            missing,
        )

    if assessment.mandatory:
        listed = "; ".join(f"{describe_offence(o)} – {basis}" for o, basis in assessment.mandatory)
        return result(
            Outcome.NOT_MET,
            f"Verurteilung mit besonders schwerwiegendem oder schwerwiegendem "
            f"Ausweisungsinteresse nach § 54 AufenthG: {listed}. Eine solche Tat gilt hier als "
            "„Straftat von erheblichem Gewicht“; sie schließt ein Härtefallersuchen in der Regel "
            "aus, nur ein atypischer Fall könnte eine Befassung rechtfertigen. " + _HEURISTIC_NOTE,
        )

    considered = assessment.considered
    pending = [o for o in considered if o.final is False or o.sanction == "proceedings_pending"]
    if pending:
        return result(
            Outcome.NEEDS_REVIEW,
            f"Nicht abgeschlossenes Strafverfahren: {_offences_de(pending)}. Wie schwer die Tat "
            "wiegt, steht noch nicht fest; das muss geprüft werden.",
        )

    under_review = [o for o, _ in assessment.mandatory_review]
    custodial = [o for o in considered if o.sanction == "prison" and o not in under_review]
    if assessment.mandatory_review or custodial:
        parts = [f"{describe_offence(o)} – {why}" for o, why in assessment.mandatory_review]
        parts += [describe_offence(o) for o in custodial]
        return result(
            Outcome.NEEDS_REVIEW,
            f"Verurteilung zu einer Freiheits- oder Jugendstrafe oder unklare Strafe: "
            f"{'; '.join(parts)}. Ob das eine „Straftat von erheblichem Gewicht“ ist, muss im "
            "Einzelfall geprüft werden. " + _HEURISTIC_NOTE,
        )

    fines = [o for o in considered if o.sanction == "fine"]
    known_rates = sum(o.daily_rates for o in fines if o.daily_rates is not None)
    unknown_rates = [o for o in fines if o.daily_rates is None]
    juvenile = [o for o in considered if o.sanction == "juvenile_measure"]
    counted = (
        f"Geldstrafen zusammen {known_rates} Tagessätze ({_offences_de(fines)}); Grenze dieser "
        f"Anwendung: {HFK_FINE_LINE} Tagessätze insgesamt, fahrlässige und ausländerrechtliche "
        "Taten eingerechnet."
    )
    if juvenile:
        counted += " Jugendrichterliche Maßnahmen zählen nicht mit."
    if known_rates > HFK_FINE_LINE:
        return result(
            Outcome.NEEDS_REVIEW,
            f"{counted} Ob das eine „Straftat von erheblichem Gewicht“ ist, muss geprüft "
            "werden. " + _HEURISTIC_NOTE,
        )
    # A negligent offence with an unknown sanction is not a 3.11 review item; it may still be a
    # custodial sentence, so it is not counted as harmless.
    unknown_sanction = [o for o in considered if o.sanction is None and o not in under_review]
    if unknown_rates or unknown_sanction:
        return result(
            Outcome.MISSING_INFORMATION,
            " ".join(
                sentence
                for sentence in (
                    f"Für {_offences_de(unknown_rates)} fehlt die Zahl der Tagessätze."
                    if unknown_rates
                    else "",
                    f"Für {_offences_de(unknown_sanction)} fehlt die Sanktion."
                    if unknown_sanction
                    else "",
                )
                if sentence
            ),
            [f"{_offence_path(person, o)}.daily_rates" for o in unknown_rates]
            + [f"{_offence_path(person, o)}.sanction" for o in unknown_sanction],
        )
    if fines:
        return result(
            Outcome.MET,
            f"{counted} Keine Straftat von erheblichem Gewicht nach diesem Maßstab. "
            + _HEURISTIC_NOTE,
        )
    if juvenile:
        return result(
            Outcome.MET,
            f"Nur jugendrichterliche Maßnahmen erfasst ({_offences_de(juvenile)}); sie gelten "
            "nach dem Maßstab dieser Anwendung nicht als Straftaten von erheblichem Gewicht. "
            + _HEURISTIC_NOTE,
        )
    if assessment.erased:
        return result(
            Outcome.MET, "Keine verwertbaren Verurteilungen und keine laufenden Strafverfahren."
        )
    return result(Outcome.MET, "Keine Verurteilungen oder laufenden Strafverfahren erfasst.")


def serious_offences(ctx: Context) -> list[Finding]:
    """`23a.adm.serious_offences`: no Straftaten von erheblichem Gewicht (HEURISTIC line).

    Subject: every person who is not certainly under 14 (strafunmündig, § 19 StGB).
    """
    return per_person(
        "23a.adm.serious_offences",
        CITATION_SERIOUS_OFFENCES,
        [
            person
            for person in ctx.case.persons
            if not ctx.certainly_under(person, AGE_OF_CRIMINAL_RESPONSIBILITY)
        ],
        lambda person: _serious_offences_of(ctx, person),
        "alle Personen sind sicher jünger als 14 Jahre und damit strafunmündig (§ 19 StGB).",
    )


# --- 23a.adm.previous_petition ---------------------------------------------------------------


def previous_petition(ctx: Context) -> Finding:
    """`23a.adm.previous_petition`: an earlier Härtefall petition needs new facts (PRACTICE)."""
    requirement = "23a.adm.previous_petition"
    earlier = [p for p in ctx.case.procedures if p.kind == "haertefall_previous"]
    if not earlier:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_PREVIOUS_PETITION,
            "Kein früherer Härtefallantrag erfasst.",
            ["procedures"],
        )
    dates = [f"vom {p.filed.german()}" if p.filed else "(Datum nicht angegeben)" for p in earlier]
    return _finding(
        requirement,
        None,
        Outcome.NEEDS_REVIEW,
        CITATION_PREVIOUS_PETITION,
        f"Früherer Härtefallantrag erfasst ({_join_de(dates)}). Ein erneuter Antrag sollte neue "
        "Tatsachen darlegen, die die Kommission noch nicht kannte. Wie die Kommission mit "
        "wiederholten Anträgen umgeht (§ 4 HFKVO NRW), konnte nicht geprüft werden "
        "(Verwaltungspraxis, ungeprüft).",
        [_procedure_path(p) for p in earlier],
    )


# --- 23a.adm.bans_and_orders -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _BanItem:
    procedure: Procedure
    outcome: Outcome
    sentence: str


def _ban_items(ctx: Context) -> list[_BanItem]:
    items: list[_BanItem] = []
    for procedure in ctx.case.procedures:
        who = _concerned_de(ctx, procedure)
        if procedure.kind == "order_58a" and procedure.outcome != "lifted":
            items.append(
                _BanItem(
                    procedure,
                    Outcome.NOT_MET,
                    f"Abschiebungsanordnung nach § 58a AufenthG (betrifft {who}): Die "
                    "Kommission darf sich nicht befassen (§ 5 Abs. 1 HFKVO NRW).",
                )
            )
        elif procedure.kind == "expulsion" and entry_ban_in_force(ctx, procedure):
            if procedure.decided is not None:
                what = f"Ausweisung vom {procedure.decided.german()} (betrifft {who})"
            else:
                what = (
                    f"Ausweisungsverfahren anhängig (betrifft {who}); es wird wie eine "
                    "Ausweisung behandelt"
                )
            items.append(
                _BanItem(
                    procedure,
                    Outcome.NOT_MET,
                    f"{what}: Ausgewiesene Personen sind vom Härtefallverfahren ausgeschlossen "
                    "(§ 5 Abs. 1 und 2 HFKVO NRW). Ist die Ausweisung aufgehoben, bitte das "
                    "erfassen.",
                )
            )
        elif procedure.kind == "arrest_warrant" and procedure.pending is not False:
            items.append(
                _BanItem(
                    procedure,
                    Outcome.NOT_MET,
                    f"Zur Fahndung ausgeschrieben (betrifft {who}): Die Kommission befasst sich "
                    "in der Regel nicht (§ 5 Abs. 2 HFKVO NRW).",
                )
            )
        elif procedure.kind == "entry_ban" and entry_ban_in_force(ctx, procedure):
            until = f"bis {procedure.until.german()}" if procedure.until else "ohne Enddatum"
            items.append(
                _BanItem(
                    procedure,
                    Outcome.NEEDS_REVIEW,
                    f"Einreise- und Aufenthaltsverbot nach § 11 AufenthG ({until}; betrifft "
                    f"{who}): Die Kommission befasst sich in der Regel nicht, es sei denn, die "
                    "Ausreise ist aus rechtlichen oder tatsächlichen Gründen unmöglich (§ 5 "
                    "Abs. 2 HFKVO NRW) – das muss geprüft werden.",
                )
            )
    return items


def bans_and_orders(ctx: Context) -> Finding:
    """`23a.adm.bans_and_orders`: no § 58a order, expulsion, Fahndung or entry ban in force."""
    requirement = "23a.adm.bans_and_orders"
    kinds = ("order_58a", "expulsion", "arrest_warrant", "entry_ban")
    facts = [_procedure_path(p) for p in ctx.case.procedures if p.kind in kinds] or ["procedures"]
    items = _ban_items(ctx)
    if not items:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_BANS_AND_ORDERS,
            "Keine Abschiebungsanordnung nach § 58a, keine wirksame Ausweisung, keine "
            "Fahndungsausschreibung und kein geltendes Einreise- und Aufenthaltsverbot erfasst.",
            facts,
        )
    return _finding(
        requirement,
        None,
        worst([item.outcome for item in items]),
        CITATION_BANS_AND_ORDERS,
        " ".join(item.sentence for item in items),
        facts,
    )


# =============================================================================================
# 7.3 Completeness of the petition (NRW leaflet, PRACTICE)
# =============================================================================================

# --- 23a.form.german_language ----------------------------------------------------------------


def _part_present(part: NarrativePart | None) -> bool:
    return part is not None and (_filled(part.text) or _filled(part.translation_de))


def petition_in_german(ctx: Context) -> Finding:
    """`23a.form.german_language`: every written part of the petition is in German."""
    requirement = "23a.form.german_language"
    narrative = ctx.case.narrative
    untranslated: list[str] = []
    unknown: list[str] = []
    facts: list[str] = []
    if narrative is not None:
        for key in NARRATIVE_PART_NAMES_DE:
            part = narrative.part(key)
            if part is None or not _part_present(part):
                continue
            facts.append(f"narrative.{key}")
            if part.language == "de" or _filled(part.translation_de):
                continue
            (unknown if part.language is None else untranslated).append(key)
    if untranslated:
        return _finding(
            requirement,
            None,
            Outcome.NOT_MET,
            CITATION_LEAFLET,
            "Der Antrag ist in deutscher Sprache zu verfassen. Noch nicht auf Deutsch: "
            f"{_join_de([NARRATIVE_PART_NAMES_DE[key] for key in untranslated + unknown])}. "
            "Bitte eine deutsche Übersetzung ergänzen. " + _PRACTICE_NOTE,
            facts,
            [f"narrative.{key}.translation_de" for key in untranslated + unknown],
        )
    if unknown:
        return _finding(
            requirement,
            None,
            Outcome.MISSING_INFORMATION,
            CITATION_LEAFLET,
            "Der Antrag ist in deutscher Sprache zu verfassen. Für "
            f"{_join_de([NARRATIVE_PART_NAMES_DE[key] for key in unknown])} ist die Sprache "
            "nicht angegeben. " + _PRACTICE_NOTE,
            facts,
            [f"narrative.{key}.language" for key in unknown],
        )
    return _finding(
        requirement,
        None,
        Outcome.MET,
        CITATION_LEAFLET,
        "Alle erfassten Teile der Begründung liegen auf Deutsch vor."
        if facts
        else "Noch keine Begründungstexte erfasst (siehe die einzelnen Teile).",
        facts or ["narrative"],
    )


# --- 23a.form.person_data --------------------------------------------------------------------

_PERSON_FIELDS_DE = (
    ("surname", "Nachname"),
    ("given_names", "Vorname(n)"),
    ("birth_date", "Geburtsdatum"),
    ("birth_place", "Geburtsort"),
)


def _person_data_of(ctx: Context, person: Person) -> Finding:
    requirement = "23a.form.person_data"
    gaps: list[tuple[str, str]] = []
    for key, name in _PERSON_FIELDS_DE:
        value = getattr(person, key)
        if value is None or (isinstance(value, str) and not _filled(value)):
            gaps.append((f"{person.path}.{key}", name))
    if not person.nationalities:
        gaps.append((f"{person.path}.nationalities", "Staatsangehörigkeit"))
    if _address_gaps(ctx.case.household_address):
        gaps.append(("household_address", "Anschrift"))
    facts = [f"{person.path}.{key}" for key, _ in _PERSON_FIELDS_DE]
    facts += [f"{person.path}.nationalities", "household_address"]
    if gaps:
        return _finding(
            requirement,
            person,
            Outcome.MISSING_INFORMATION,
            CITATION_LEAFLET,
            f"Für {person.display_name} fehlen Angaben, die der Antrag für jede Person nennen "
            f"muss: {_join_de([name for _, name in gaps])}. " + _PRACTICE_NOTE,
            facts,
            [path for path, _ in gaps],
        )
    return _finding(
        requirement,
        person,
        Outcome.MET,
        CITATION_LEAFLET,
        "Name, Vorname, Geburtsdatum und -ort, Staatsangehörigkeit und Anschrift sind angegeben.",
        facts,
    )


def person_data_complete(ctx: Context) -> list[Finding]:
    """`23a.form.person_data`: every person is listed with the data the leaflet asks for."""
    return per_person(
        "23a.form.person_data",
        CITATION_LEAFLET,
        ctx.case.persons,
        lambda person: _person_data_of(ctx, person),
        "keine Person erfasst.",
    )


# --- 23a.form.entry_and_status ---------------------------------------------------------------


def _born_in_germany(person: Person) -> bool:
    """The first residence entry starts on the birth date and is not a stay abroad."""
    if person.birth_date is None or not person.residence_history:
        return False
    first = min(person.residence_history, key=lambda entry: entry.from_.earliest())
    return first.from_ == person.birth_date and first.status != "abroad"


def _entry_and_status_of(ctx: Context, person: Person) -> Finding:
    requirement = "23a.form.entry_and_status"
    facts = [f"{person.path}.entry_date", f"{person.path}.residence_history"]
    gaps: list[tuple[str, str]] = []
    if person.entry_date is None and not _born_in_germany(person):
        gaps.append((f"{person.path}.entry_date", "Einreisedatum"))
    if not person.residence_history:
        gaps.append((f"{person.path}.residence_history", "bisheriger Aufenthaltsstatus"))
    if gaps:
        return _finding(
            requirement,
            person,
            Outcome.MISSING_INFORMATION,
            CITATION_LEAFLET,
            f"Für {person.display_name} fehlt: {_join_de([name for _, name in gaps])}. Die "
            "Begründung muss Einreisedatum und aufenthaltsrechtliche Situation aller Personen "
            "darlegen. " + _PRACTICE_NOTE,
            facts,
            [path for path, _ in gaps],
        )
    if person.entry_date is not None:
        reason = f"Einreise am {person.entry_date.german()}; Aufenthaltsverlauf erfasst."
    else:
        reason = "In Deutschland geboren (Aufenthaltsverlauf ab Geburt erfasst)."
    return _finding(requirement, person, Outcome.MET, CITATION_LEAFLET, reason, facts)


def entry_and_status_stated(ctx: Context) -> list[Finding]:
    """`23a.form.entry_and_status`: entry date and residence history of every person."""
    return per_person(
        "23a.form.entry_and_status",
        CITATION_LEAFLET,
        ctx.case.persons,
        lambda person: _entry_and_status_of(ctx, person),
        "keine Person erfasst.",
    )


# --- 23a.form.life_story … humanitarian_reasons ----------------------------------------------


def _narrative_part_stated(ctx: Context, requirement: str, key: str, what_de: str) -> Finding:
    narrative = ctx.case.narrative
    part = narrative.part(key) if narrative is not None else None
    path = f"narrative.{key}.text"
    name = NARRATIVE_PART_NAMES_DE[key]
    if part is not None and _filled(part.text):
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_LEAFLET,
            f"Begründungsteil „{name}“ liegt vor ({what_de}).",
            [path],
        )
    return _finding(
        requirement,
        None,
        Outcome.MISSING_INFORMATION,
        CITATION_LEAFLET,
        f"Begründungsteil „{name}“ fehlt: Das Merkblatt verlangt {what_de}. " + _PRACTICE_NOTE,
        [path],
        [path],
    )


def life_story_stated(ctx: Context) -> Finding:
    """`23a.form.life_story`: the precise life story (Lebensgeschichte)."""
    return _narrative_part_stated(
        ctx,
        "23a.form.life_story",
        "life_story",
        "die genaue Lebensgeschichte aller genannten Personen",
    )


def current_situation_stated(ctx: Context) -> Finding:
    """`23a.form.current_situation`: the present situation of all persons."""
    return _narrative_part_stated(
        ctx,
        "23a.form.current_situation",
        "current_situation",
        "die aktuelle Lebenssituation aller genannten Personen",
    )


def integration_stated(ctx: Context) -> Finding:
    """`23a.form.integration`: personal, social and economic integration achievements."""
    return _narrative_part_stated(
        ctx,
        "23a.form.integration",
        "integration",
        "die persönlichen, sozialen und wirtschaftlichen Integrationsleistungen",
    )


def humanitarian_reasons_stated(ctx: Context) -> Finding:
    """`23a.form.humanitarian_reasons`: why a return is unreasonable."""
    return _narrative_part_stated(
        ctx,
        "23a.form.humanitarian_reasons",
        "humanitarian_reasons",
        "die dringenden humanitären oder persönlichen Gründe, aus denen eine Rückkehr in das "
        "Herkunftsland unzumutbar ist",
    )


# --- 23a.form.family_ties --------------------------------------------------------------------


def family_ties_stated(ctx: Context) -> Finding:
    """`23a.form.family_ties`: the principal's family ties in Germany and the home country."""
    requirement = "23a.form.family_ties"
    principal = ctx.principal
    ties = principal.family_ties
    path = f"{principal.path}.family_ties"
    gaps: list[tuple[str, str]] = []
    if ties is None or not _filled(ties.germany):
        gaps.append((f"{path}.germany", "in Deutschland"))
    if ties is None or not _filled(ties.country_of_origin):
        gaps.append((f"{path}.country_of_origin", "im Herkunftsland"))
    if gaps:
        return _finding(
            requirement,
            principal,
            Outcome.MISSING_INFORMATION,
            CITATION_LEAFLET,
            f"Angaben zu familiären Bindungen fehlen ({_join_de([name for _, name in gaps])}). "
            "Wer keine Angehörigen hat, schreibt das ausdrücklich. " + _PRACTICE_NOTE,
            [path],
            [item for item, _ in gaps],
        )
    return _finding(
        requirement,
        principal,
        Outcome.MET,
        CITATION_LEAFLET,
        "Familiäre Bindungen in Deutschland und im Herkunftsland sind beschrieben.",
        [path],
    )


# --- document helpers ------------------------------------------------------------------------

_DOCUMENT_NAMES_DE = {
    "language_certificate": "Sprachzertifikat",
    "civic_test": "Bescheinigung über den Test „Leben in Deutschland“/Einbürgerungstest",
    "employment_contract": "Arbeitsvertrag",
    "payslip": "Lohnabrechnung",
    "training_contract": "Ausbildungsvertrag",
    "tax_assessment": "Steuerbescheid",
    "job_offer": "Arbeitsangebot",
    "school_certificate": "Schulbescheinigung oder Schulzeugnis",
    "kindergarten_certificate": "Kindergartenbescheinigung",
    "bamf_decision": "vollständiger Bescheid des Bundesamts für Migration und Flüchtlinge",
    "court_decision": "gerichtliche Entscheidung",
    "authority_order": "Ordnungsverfügung der Ausländerbehörde",
    "medical_report": "ärztliches Gutachten",
    "criminal_record": "Unterlagen zu Strafverfahren oder Verurteilungen",
    "power_of_attorney": "Vollmacht",
}


def _documents_finding(
    ctx: Context,
    requirement: str,
    subject: Person | None,
    needed: Sequence[str],
    why_de: str,
    facts: Iterable[str],
) -> Finding:
    """`met` if a document with a file exists for each needed category, else the missing ones."""
    lacking = [category for category in needed if not ctx.documents(category, subject)]
    announced = [
        category for category in lacking if ctx.documents(category, subject, with_file=False)
    ]
    names = [_DOCUMENT_NAMES_DE.get(category, category) for category in dict.fromkeys(needed)]
    if not lacking:
        return _finding(
            requirement,
            subject,
            Outcome.MET,
            CITATION_LEAFLET,
            f"{why_de}. Beigefügt: {_join_de(names)}.",
            facts,
        )
    lacking_names = [_DOCUMENT_NAMES_DE.get(category, category) for category in lacking]
    note = (
        " Angekündigt, aber noch ohne Datei (nachzureichen): "
        f"{_join_de([_DOCUMENT_NAMES_DE.get(c, c) for c in announced])}."
        if announced
        else ""
    )
    return _finding(
        requirement,
        subject,
        Outcome.MISSING_INFORMATION,
        CITATION_LEAFLET,
        f"{why_de}. Noch nicht beigefügt: {_join_de(lacking_names)} (eine Kopie genügt, keine "
        f"Originale).{note} " + _PRACTICE_NOTE,
        facts,
        lacking,
    )


# --- 23a.doc.cv ------------------------------------------------------------------------------


def _cv_of(ctx: Context, person: Person) -> Finding:
    requirement = "23a.doc.cv"
    facts = [
        f"{person.path}.birth_date",
        f"{person.path}.birth_place",
        f"{person.path}.residence_history",
    ]
    if ctx.documents("cv", person):
        return _finding(
            requirement,
            person,
            Outcome.MET,
            CITATION_LEAFLET,
            "Tabellarischer Lebenslauf ist als Anlage beigefügt.",
            facts,
        )
    gaps: list[tuple[str, str]] = []
    if person.birth_date is None:
        gaps.append((f"{person.path}.birth_date", "Geburtsdatum"))
    if not _filled(person.birth_place):
        gaps.append((f"{person.path}.birth_place", "Geburtsort"))
    if not person.residence_history:
        gaps.append((f"{person.path}.residence_history", "Aufenthaltsverlauf"))
    if gaps:
        return _finding(
            requirement,
            person,
            Outcome.MISSING_INFORMATION,
            CITATION_LEAFLET,
            "Der tabellarische Lebenslauf von Geburt an wird aus den Angaben erstellt; dafür "
            f"fehlt: {_join_de([name for _, name in gaps])}. " + _PRACTICE_NOTE,
            facts,
            [path for path, _ in gaps],
        )
    return _finding(
        requirement,
        person,
        Outcome.MET,
        CITATION_LEAFLET,
        "Der tabellarische Lebenslauf von Geburt an wird aus den erfassten Angaben erstellt.",
        facts,
    )


def cv_available(ctx: Context) -> list[Finding]:
    """`23a.doc.cv`: a tabular CV from birth for each person who may be adult (§ 0.4)."""
    return per_person(
        "23a.doc.cv",
        CITATION_LEAFLET,
        [person for person in ctx.case.persons if not ctx.certainly_minor(person)],
        lambda person: _cv_of(ctx, person),
        "alle Personen sind sicher minderjährig.",
    )


# --- 23a.doc.language ------------------------------------------------------------------------


def _language_documents_needed(person: Person) -> list[str]:
    needed: list[str] = []
    german = person.german
    if german is not None and german.certificate is not None and german.certificate != "school":
        needed.append("language_certificate")
    if person.civic_test is not None and person.civic_test.passed is True:
        needed.append("civic_test")
    return needed


def language_documents(ctx: Context) -> list[Finding]:
    """`23a.doc.language`: proof of each claimed language certificate and passed civic test."""
    persons = [person for person in ctx.case.persons if _language_documents_needed(person)]
    return per_person(
        "23a.doc.language",
        CITATION_LEAFLET,
        persons,
        lambda person: _documents_finding(
            ctx,
            "23a.doc.language",
            person,
            _language_documents_needed(person),
            "Unterlagen über Deutschkenntnisse und Deutschtest",
            [f"{person.path}.german", f"{person.path}.civic_test"],
        ),
        "niemand gibt ein Sprachzertifikat oder einen bestandenen Test an.",
    )


# --- 23a.doc.work ----------------------------------------------------------------------------

_WORK_DOCUMENTS = {
    "employed": ("employment_contract", "payslip"),
    "minijob": ("employment_contract", "payslip"),
    "training": ("training_contract",),
    "self_employed": ("tax_assessment",),
    "job_offer": ("job_offer",),
}


def _work_documents_needed(ctx: Context, person: Person) -> list[str]:
    needed: list[str] = []
    for employment in person.employment:
        # Where an employment may be current, the proof is asked for (§ 0.4: no favourable guess).
        current = ctx.is_possibly_current(employment.from_, employment.to)
        if employment.kind == "job_offer" or current:
            needed.extend(_WORK_DOCUMENTS[employment.kind])
    return list(dict.fromkeys(needed))


def work_documents(ctx: Context) -> list[Finding]:
    """`23a.doc.work`: contracts, payslips or offers for current work and job offers."""
    persons = [person for person in ctx.case.persons if _work_documents_needed(ctx, person)]
    return per_person(
        "23a.doc.work",
        CITATION_LEAFLET,
        persons,
        lambda person: _documents_finding(
            ctx,
            "23a.doc.work",
            person,
            _work_documents_needed(ctx, person),
            "Unterlagen über Arbeit",
            [f"{person.path}.employment"],
        ),
        "niemand arbeitet derzeit oder hat ein Arbeitsangebot.",
    )


# --- 23a.doc.children ------------------------------------------------------------------------


def _child_documents_needed(ctx: Context, person: Person) -> list[str]:
    if ctx.certainly_adult(person):
        return []
    needed: list[str] = []
    for schooling in person.schooling:
        if schooling.kind in ("school", "kindergarten") and ctx.is_possibly_current(
            schooling.from_, schooling.to
        ):
            needed.append(
                "kindergarten_certificate"
                if schooling.kind == "kindergarten"
                else "school_certificate"
            )
    if person.school_attendance is not None and person.school_attendance.attending is True:
        needed.append("school_certificate")
    return list(dict.fromkeys(needed))


def children_documents(ctx: Context) -> list[Finding]:
    """`23a.doc.children`: Kita or school certificates for each minor in school or Kita."""
    persons = [person for person in ctx.case.persons if _child_documents_needed(ctx, person)]
    return per_person(
        "23a.doc.children",
        CITATION_LEAFLET,
        persons,
        lambda person: _documents_finding(
            ctx,
            "23a.doc.children",
            person,
            _child_documents_needed(ctx, person),
            "Bei Kindern und Jugendlichen: Kindergartenbescheinigung oder Schulzeugnisse",
            [
                f"{person.path}.birth_date",
                f"{person.path}.schooling",
                f"{person.path}.school_attendance",
            ],
        ),
        "kein minderjähriges Kind besucht derzeit Schule oder Kindergarten.",
    )


# --- 23a.doc.asylum_decision -----------------------------------------------------------------


def _decided(procedure: Procedure) -> bool:
    return procedure.decided is not None or procedure.outcome is not None


def asylum_decisions_attached(ctx: Context) -> Finding:
    """`23a.doc.asylum_decision`: the complete BAMF decision and any court decisions."""
    requirement = "23a.doc.asylum_decision"
    asylum = [
        p for p in ctx.case.procedures if p.kind in ("asylum", "asylum_followup") and _decided(p)
    ]
    court = [p for p in ctx.case.procedures if p.kind == "court" and _decided(p)]
    facts = [_procedure_path(p) for p in asylum + court] or ["procedures"]
    needed = (["bamf_decision"] if asylum else []) + (["court_decision"] if court else [])
    if not needed:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_LEAFLET,
            "Nicht einschlägig: keine abgeschlossene Entscheidung im Asyl- oder "
            "Gerichtsverfahren erfasst.",
            facts,
        )
    counted = []
    if asylum:
        counted.append(f"{len(asylum)} Entscheidung(en) im Asylverfahren")
    if court:
        counted.append(f"{len(court)} gerichtliche Entscheidung(en)")
    return _documents_finding(
        ctx,
        requirement,
        None,
        needed,
        f"Erfasst: {_join_de(counted)}",
        facts,
    )


# --- 23a.doc.authority_order -----------------------------------------------------------------


def authority_order_attached(ctx: Context) -> Finding:
    """`23a.doc.authority_order`: the Ordnungsverfügung of the Ausländerbehörde."""
    requirement = "23a.doc.authority_order"
    orders = [p for p in ctx.case.procedures if p.kind == "deportation_order"]
    if not orders:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_LEAFLET,
            "Nicht einschlägig: keine Ordnungsverfügung der Ausländerbehörde erfasst.",
            ["procedures"],
        )
    return _documents_finding(
        ctx,
        requirement,
        None,
        ["authority_order"],
        "Ordnungsverfügung der Ausländerbehörde erfasst",
        [_procedure_path(p) for p in orders],
    )


# --- 23a.doc.medical -------------------------------------------------------------------------


def _medical_of(ctx: Context, person: Person) -> Finding:
    requirement = "23a.doc.medical"
    oldest_allowed = add_months(ctx.reference_date, -MEDICAL_REPORT_MAX_AGE_MONTHS)
    reports = ctx.documents("medical_report", person)
    facts = [f"{person.path}.health"] + [_document_path(d) for d in reports]
    rule = (
        f"Ärztliche Gutachten dürfen nicht älter als {MEDICAL_REPORT_MAX_AGE_MONTHS} Monate sein "
        f"(ausgestellt am oder nach dem {german_date(oldest_allowed)}) und sollen Schweregrad und "
        "Verlauf der Erkrankung nachvollziehbar darlegen (der Inhalt wird nicht geprüft)."
    )

    current = [d for d in reports if d.issued is not None and d.issued.earliest() >= oldest_allowed]
    if current:
        dates = _join_de([f"vom {d.issued.german()}" for d in current if d.issued])
        return _finding(
            requirement,
            person,
            Outcome.MET,
            CITATION_LEAFLET,
            f"Aktuelles ärztliches Gutachten beigefügt ({dates}). {rule}",
            facts,
        )
    # A partial date ("2026-08") that may or may not fall inside the window (§ 0.4).
    maybe = [d for d in reports if d.issued is not None and d.issued.latest() >= oldest_allowed]
    if maybe:
        dates = _join_de([d.issued.german() for d in maybe if d.issued])
        return _finding(
            requirement,
            person,
            Outcome.NEEDS_REVIEW,
            CITATION_LEAFLET,
            f"Ärztliches Gutachten aus {dates}: Ob es nicht älter als "
            f"{MEDICAL_REPORT_MAX_AGE_MONTHS} Monate ist, hängt vom genauen Ausstellungstag ab. "
            f"{rule}",
            facts,
        )
    undated = [d for d in reports if d.issued is None]
    if undated:
        return _finding(
            requirement,
            person,
            Outcome.MISSING_INFORMATION,
            CITATION_LEAFLET,
            f"Für das beigefügte ärztliche Gutachten fehlt das Ausstellungsdatum. {rule}",
            facts,
            [f"{_document_path(d)}.issued" for d in undated],
        )
    if reports:
        dates = _join_de([f"vom {d.issued.german()}" for d in reports if d.issued])
        return _finding(
            requirement,
            person,
            Outcome.NOT_MET,
            CITATION_LEAFLET,
            f"Das ärztliche Gutachten ({dates}) ist veraltet; bitte ein aktuelles Gutachten "
            f"beifügen. {rule} " + _PRACTICE_NOTE,
            facts,
            ["medical_report"],
        )
    return _finding(
        requirement,
        person,
        Outcome.MISSING_INFORMATION,
        CITATION_LEAFLET,
        f"Gesundheitliche Gründe sind angegeben, aber kein ärztliches Gutachten beigefügt. {rule} "
        + _PRACTICE_NOTE,
        facts,
        ["medical_report"],
    )


def medical_reports_current(ctx: Context) -> list[Finding]:
    """`23a.doc.medical`: a medical report not older than three months for each health entry."""
    return per_person(
        "23a.doc.medical",
        CITATION_LEAFLET,
        [person for person in ctx.case.persons if person.health],
        lambda person: _medical_of(ctx, person),
        "keine gesundheitlichen Gründe angegeben.",
    )


# --- 23a.doc.criminal ------------------------------------------------------------------------


def criminal_records_attached(ctx: Context) -> list[Finding]:
    """`23a.doc.criminal`: documents on investigations or convictions for each person."""
    return per_person(
        "23a.doc.criminal",
        CITATION_LEAFLET,
        [person for person in ctx.case.persons if person.offences],
        lambda person: _documents_finding(
            ctx,
            "23a.doc.criminal",
            person,
            ["criminal_record"],
            "Strafverfahren oder Verurteilungen angegeben",
            [f"{person.path}.offences"],
        ),
        "keine Strafverfahren oder Verurteilungen angegeben.",
    )


# --- 23a.doc.power_of_attorney ---------------------------------------------------------------


def power_of_attorney_present(ctx: Context) -> Finding:
    """`23a.doc.power_of_attorney`: a power of attorney when someone represents the household."""
    requirement = "23a.doc.power_of_attorney"
    representative = ctx.case.representative
    if representative is None:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_LEAFLET,
            "Nicht einschlägig: keine Vertretung angegeben.",
            ["representative"],
        )
    who = representative.name or "die Vertretung"
    if representative.power_of_attorney_signed is not None:
        return _finding(
            requirement,
            None,
            Outcome.MET,
            CITATION_LEAFLET,
            f"Vollmacht für {who} unterschrieben am "
            f"{representative.power_of_attorney_signed.german()}.",
            ["representative.power_of_attorney_signed"],
        )
    return _documents_finding(
        ctx,
        requirement,
        None,
        ["power_of_attorney"],
        f"Vertretung durch {who}",
        ["representative", "representative.power_of_attorney_signed"],
    )


# --- 23a.doc.format --------------------------------------------------------------------------


def _extension(file: str) -> str:
    name = file.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def attachment_formats(ctx: Context) -> Finding:
    """`23a.doc.format`: every attached file can be sent as PDF."""
    requirement = "23a.doc.format"
    attached = [d for d in ctx.case.documents if d.file is not None]
    facts = [f"{_document_path(d)}.file" for d in attached] or ["documents"]
    unsupported = [d for d in attached if _extension(d.file or "") not in CONVERTIBLE_EXTENSIONS]
    allowed = ", ".join(CONVERTIBLE_EXTENSIONS)
    if unsupported:
        listed = _join_de([f"{d.id} ({d.file})" for d in unsupported])
        return _finding(
            requirement,
            None,
            Outcome.NEEDS_REVIEW,
            CITATION_LEAFLET,
            f"Diese Anlagen haben ein Dateiformat, das nicht in PDF umgewandelt werden kann: "
            f"{listed}. Die Kommission nimmt per E-Mail nur PDF-Anlagen an; bitte als PDF "
            f"speichern oder einscannen (möglich: {allowed}).",
            facts,
        )
    return _finding(
        requirement,
        None,
        Outcome.MET,
        CITATION_LEAFLET,
        f"Alle beigefügten Dateien liegen als PDF vor oder werden umgewandelt ({allowed})."
        if attached
        else "Noch keine Dateien beigefügt.",
        facts,
    )
