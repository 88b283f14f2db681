"""§ 25b document checks of the Ausländerbehörde Hannover (legal-rules § 4).

All PRACTICE: the authority's document list ("Welche Unterlagen werden benötigt?"; "Im Einzelfall
können weniger oder weitere Nachweise verlangt werden"). A document counts as present only with
an attached `file`; an entry without one is "nachzureichen". A missing document gives
`missing_information`, an outdated one `not_met` – both make the result `incomplete` at most.

Issue dates that are partial (§ 0.4): a document counts as current if its earliest possible day
lies in the window; if only a later possible day does, the answer is `needs_review`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eligibility.context import Context, per_person, worst
from eligibility.dates import Span, add_months, german_date
from eligibility.facts import Document, Person
from eligibility.parameters import ENROLMENT_MAX_AGE_MONTHS, PAYSLIP_WINDOW_MONTHS
from eligibility.report import Finding, Outcome
from eligibility.rules_25b import german_school_degree, school_age_children, school_year

CITATION = "Praxis ABH Hannover (Unterlagenliste)"

IDENTITY_DOCUMENTS_ID = "25b.doc.identity_documents"
CIVIC_LANGUAGE_ID = "25b.doc.civic_language"
INCOME_ID = "25b.doc.income"
RENT_ID = "25b.doc.rent"
TRAINING_STUDY_ID = "25b.doc.training_study"
SCHOOL_CERTIFICATES_ID = "25b.doc.school_certificates"
TRANSLATIONS_ID = "25b.doc.translations"

PAYSLIPS_AT_MOST = 3  # "Sämtliche Einkommensnachweise der letzten drei Monate"
EMPLOYED_KINDS = ("employed", "minijob")

CATEGORY_NAMES_DE = {
    "passport": "Pass",
    "passport_efforts": "Nachweise der Bemühungen um einen Pass",
    "identity": "Identitätsdokumente (Originale)",
    "school_certificate": "Schulabschlusszeugnis",
    "civic_test": "Bescheinigung über den Test „Leben in Deutschland“",
    "language_certificate": "Sprachzertifikat (mindestens A2)",
    "employment_contract": "Arbeitsvertrag",
    "payslip": "Lohnabrechnungen",
    "tax_assessment": "letzter Einkommensteuerbescheid",
    "insurance_provisions": "Nachweise der Vorsorgeaufwendungen",
    "rent_contract": "Mietvertrag",
    "rent_proof": "Nachweis der aktuellen Miethöhe (z. B. Kontoauszug)",
    "training_contract": "Ausbildungsvertrag und aktuelle Ausbildungsbescheinigung",
    "enrolment_certificate": "Immatrikulationsbescheinigung",
}


def document_checks_25b(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """All `25b.doc.*` findings in the order of the table in legal-rules § 4."""
    return [
        *identity_documents(ctx, covered),
        *civic_language_documents(ctx, covered),
        income_documents(ctx),
        rent_documents(ctx),
        *training_study_documents(ctx, covered),
        *school_certificates(ctx, covered),
        translations(ctx),
    ]


# --- helpers --------------------------------------------------------------------------------


def _name(category: str) -> str:
    return CATEGORY_NAMES_DE.get(category, category)


def _announced(ctx: Context, category: str, person: Person | None) -> bool:
    """A document of the category is listed without a file (nachzureichen)."""
    return any(
        document.file is None for document in ctx.documents(category, person, with_file=False)
    )


def _present(ctx: Context, category: str, person: Person | None, *, shared: bool) -> bool:
    """Present for the person; `shared` also accepts household documents (person null)."""
    if ctx.documents(category, person):
        return True
    return shared and any(document.person is None for document in ctx.documents(category))


def _expect(
    ctx: Context,
    person: Person | None,
    categories: Sequence[str],
    *,
    shared: bool = False,
) -> tuple[Outcome, str, tuple[str, ...]]:
    """Documents that must simply be present (no freshness)."""
    absent = [c for c in categories if not _present(ctx, c, person, shared=shared)]
    if not absent:
        return Outcome.MET, "vorhanden: " + ", ".join(_name(c) for c in categories), ()
    parts = []
    for category in absent:
        note = " (angekündigt, noch nicht beigefügt)" if _announced(ctx, category, person) else ""
        parts.append(_name(category) + note)
    return Outcome.MISSING_INFORMATION, "fehlt: " + ", ".join(parts), tuple(absent)


@dataclass(frozen=True, slots=True)
class _Recent:
    """Attached documents of one category sorted by their issue date against a window."""

    current: tuple[Document, ...]
    uncertain: tuple[Document, ...]  # partial issue date, only possibly inside the window
    outdated: tuple[Document, ...]
    undated: tuple[Document, ...]


def _sort_by_date(documents: Sequence[Document], oldest: date, newest: date) -> _Recent:
    current, uncertain, outdated, undated = [], [], [], []
    for document in documents:
        issued = document.issued
        if issued is None:
            undated.append(document)
        elif oldest <= issued.earliest() <= newest:
            current.append(document)
        elif issued.earliest() <= newest and issued.latest() >= oldest:
            uncertain.append(document)
        else:
            outdated.append(document)
    return _Recent(tuple(current), tuple(uncertain), tuple(outdated), tuple(undated))


def _expect_recent(
    ctx: Context,
    person: Person,
    category: str,
    required: int,
    oldest: date,
    name: str | None = None,
) -> tuple[Outcome, str, tuple[str, ...]]:
    """At least `required` documents of the category issued in [oldest, R]."""
    newest = ctx.reference_date
    window = f"ausgestellt zwischen {german_date(oldest)} und {german_date(newest)}"
    documents = ctx.documents(category, person)
    name = name or _name(category)
    need = f"{required} × {name}" if required > 1 else name
    if not documents:
        note = " (angekündigt, noch nicht beigefügt)" if _announced(ctx, category, person) else ""
        return (
            Outcome.MISSING_INFORMATION,
            f"fehlt: {need}{note} ({window})",
            (category,),
        )
    recent = _sort_by_date(documents, oldest, newest)
    found = len(recent.current)
    if found >= required:
        return Outcome.MET, f"vorhanden: {found} × {name} ({window})", ()
    if found + len(recent.uncertain) >= required:
        return (
            Outcome.NEEDS_REVIEW,
            f"{name}: nur mit unvollständigem Ausstellungsdatum möglicherweise aktuell "
            f"(erforderlich {need}, {window})",
            (),
        )
    if found + len(recent.uncertain) > 0:
        return (
            Outcome.MISSING_INFORMATION,
            f"{name}: {found + len(recent.uncertain)} aktuell, erforderlich {need} ({window})",
            (category,),
        )
    if recent.outdated:
        dates = ", ".join(d.issued.german() for d in recent.outdated if d.issued is not None)
        return (
            Outcome.NOT_MET,
            f"{name} veraltet (ausgestellt {dates}); erforderlich: {need}, {window}",
            (category,),
        )
    return (
        Outcome.MISSING_INFORMATION,
        f"{name} ohne Ausstellungsdatum – Aktualität nicht erkennbar (erforderlich: {need}, "
        f"{window})",
        (category, *(f"documents[{d.index}].issued" for d in recent.undated)),
    )


def _combine(
    parts: Sequence[tuple[Outcome, str, tuple[str, ...]]],
) -> tuple[Outcome, str, tuple[str, ...]]:
    outcome = worst([p[0] for p in parts])
    reason = "; ".join(p[1] for p in parts)
    missing: list[str] = []
    for part in parts:
        missing += [item for item in part[2] if item not in missing]
    return outcome, reason, tuple(missing)


def _finding(
    requirement_id: str,
    person: Person | None,
    verdict: tuple[Outcome, str, tuple[str, ...]],
    facts: Sequence[str],
) -> Finding:
    outcome, reason, missing = verdict
    if not reason.endswith("."):
        reason += "."
    return Finding(
        id=requirement_id,
        person=None if person is None else person.id,
        outcome=outcome,
        citation=CITATION,
        reason_de=reason,
        facts=tuple(facts),
        missing=missing,
    )


def _sentence(subject: str, text: str) -> str:
    return f"{subject}: {text}"


# --- 25b.doc.identity_documents ------------------------------------------------------------


def identity_documents(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """Pass, or the proof of passport efforts and the other identity documents claimed."""

    def evaluate(person: Person) -> Finding:
        identity = person.identity
        expected: list[str] = []
        if identity is not None and identity.passport is not None and identity.passport.held:
            expected.append("passport")
        elif identity is not None:
            if identity.passport_efforts:
                expected.append("passport_efforts")
            if identity.other_identity_documents:
                expected.append("identity")
        facts = (f"{person.path}.identity", "documents")
        if not expected:
            verdict = (
                Outcome.MET,
                _sentence(
                    person.display_name,
                    "weder Pass noch Passbemühungen oder andere Identitätsdokumente angegeben – "
                    "nichts beizufügen (Identität und Pass: siehe „25b.identity“ und "
                    "„25b.passport“)",
                ),
                (),
            )
            return _finding(IDENTITY_DOCUMENTS_ID, person, verdict, facts)
        outcome, text, missing = _expect(ctx, person, expected)
        return _finding(
            IDENTITY_DOCUMENTS_ID,
            person,
            (outcome, _sentence(person.display_name, text), missing),
            facts,
        )

    return per_person(
        IDENTITY_DOCUMENTS_ID, CITATION, covered, evaluate, "keine antragstellende Person."
    )


# --- 25b.doc.civic_language ----------------------------------------------------------------


def civic_language_documents(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """German school degree, or the civic test and the language certificate (or, for A2 shown
    by a school report, that report) claimed – for every covered person who may be adult."""

    def evaluate(person: Person) -> Finding:
        facts = (
            f"{person.path}.schooling",
            f"{person.path}.civic_test",
            f"{person.path}.german",
            "documents",
        )
        degree = german_school_degree(person)
        expected: list[str] = []
        if degree is not None:
            expected.append("school_certificate")
        else:
            if person.civic_test is not None and person.civic_test.passed:
                expected.append("civic_test")
            german = person.german
            if german is not None and german.certificate not in (None, "school"):
                expected.append("language_certificate")
            if german is not None and german.certificate == "school":
                # A2 "certified" by a school report (§ 3.8 step 2) is proved by that report; § 4
                # only says which certificate is *not* a language certificate.
                expected.append("school_certificate")
        if not expected:
            verdict = (
                Outcome.MET,
                _sentence(
                    person.display_name,
                    "kein Schulabschluss, kein bestandener Test und kein Sprachzertifikat "
                    "angegeben – nichts beizufügen (die Voraussetzungen selbst prüfen "
                    "„25b.civic_knowledge“ und „25b.german_a2“)",
                ),
                (),
            )
            return _finding(CIVIC_LANGUAGE_ID, person, verdict, facts)
        outcome, text, missing = _expect(ctx, person, expected)
        if degree is not None:
            text += f" (deutscher {degree} ersetzt Test und Sprachzertifikat)"
        return _finding(
            CIVIC_LANGUAGE_ID,
            person,
            (outcome, _sentence(person.display_name, text), missing),
            facts,
        )

    # § 4 names persons who are certainly adult. Being spared the proof is a favourable age fact,
    # which needs certainty (§ 0.4): a person who may be adult (partial or unknown birth date)
    # shows the documents the civic-knowledge and A2 findings rely on.
    adults = [person for person in covered if not ctx.certainly_minor(person)]
    return per_person(
        CIVIC_LANGUAGE_ID, CITATION, adults, evaluate, "alle Personen sind sicher minderjährig."
    )


# --- 25b.doc.income ------------------------------------------------------------------------


def _full_months(start: date, end: date) -> int:
    span = Span.between(start, end)
    return span.years * 12 + span.months


def payslips_required(ctx: Context, person: Person) -> int:
    """Σ over current employed/minijob entries of min(3, full months employed), at least 1 each.

    A partial start counts from its earliest day (more months, more payslips – § 0.4).
    """
    total = 0
    for job in person.employment:
        if job.kind in EMPLOYED_KINDS and ctx.is_current(job.from_, job.to):
            assert job.from_ is not None
            months = _full_months(job.from_.earliest(), ctx.reference_date)
            total += max(1, min(PAYSLIPS_AT_MOST, months))
    return total


def income_documents(ctx: Context) -> Finding:
    """Employment contract and recent payslips; tax assessment and provisions if self-employed."""
    oldest = add_months(ctx.reference_date, -PAYSLIP_WINDOW_MONTHS)
    facts = ["household.members_in_household", "documents"]
    parts: list[tuple[Outcome, str, tuple[str, ...]]] = []
    for member in ctx.household_with_principal():
        facts.append(f"{member.path}.employment")
        jobs = [job for job in member.employment if ctx.is_current(job.from_, job.to)]
        member_parts: list[tuple[Outcome, str, tuple[str, ...]]] = []
        if any(job.kind in EMPLOYED_KINDS for job in jobs):
            member_parts.append(_expect(ctx, member, ["employment_contract"]))
            member_parts.append(
                _expect_recent(ctx, member, "payslip", payslips_required(ctx, member), oldest)
            )
        if any(job.kind == "self_employed" for job in jobs):
            member_parts.append(
                _expect(ctx, member, ["tax_assessment", "insurance_provisions"], shared=True)
            )
        if member_parts:
            outcome, text, missing = _combine(member_parts)
            parts.append((outcome, _sentence(member.display_name, text), missing))
    if not parts:
        return _finding(
            INCOME_ID,
            None,
            (
                Outcome.MET,
                "Niemand im Haushalt ist aktuell beschäftigt oder selbständig – keine "
                "Einkommensnachweise erforderlich.",
                (),
            ),
            facts,
        )
    outcome, text, missing = _combine(parts)
    note = (
        ". Verlangt werden sämtliche Einkommensnachweise der letzten "
        f"{PAYSLIP_WINDOW_MONTHS} Monate aller Erwerbstätigen im Haushalt (je Beschäftigung "
        "so viele Lohnabrechnungen, wie volle Monate bestehen, höchstens drei, mindestens eine)."
    )
    return _finding(INCOME_ID, None, (outcome, text + note, missing), facts)


# --- 25b.doc.rent --------------------------------------------------------------------------


def rent_documents(ctx: Context) -> Finding:
    """Rent contract and proof of the current rent when someone in the household earns."""
    facts = ["household.members_in_household", "documents"]
    earners = [
        member
        for member in ctx.household_with_principal()
        if any(
            job.kind in (*EMPLOYED_KINDS, "self_employed") and ctx.is_current(job.from_, job.to)
            for job in member.employment
        )
    ]
    facts += [f"{member.path}.employment" for member in earners]
    if not earners:
        return _finding(
            RENT_ID,
            None,
            (
                Outcome.MET,
                "Niemand im Haushalt ist aktuell beschäftigt oder selbständig – Mietnachweise "
                "werden nach der Unterlagenliste nicht verlangt.",
                (),
            ),
            facts,
        )
    outcome, text, missing = _expect(ctx, None, ["rent_contract", "rent_proof"])
    return _finding(RENT_ID, None, (outcome, f"Mietunterlagen – {text}", missing), facts)


# --- 25b.doc.training_study ----------------------------------------------------------------


def _in_training(ctx: Context, person: Person) -> bool:
    return any(
        job.kind == "training" and ctx.is_current(job.from_, job.to) for job in person.employment
    ) or any(
        school.kind == "vocational_training" and ctx.is_current(school.from_, school.to)
        for school in person.schooling
    )


def _studying(ctx: Context, person: Person) -> bool:
    return any(
        school.kind == "study" and ctx.is_current(school.from_, school.to)
        for school in person.schooling
    )


def training_study_documents(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """Training contract; an enrolment certificate not older than six months."""
    oldest = add_months(ctx.reference_date, -ENROLMENT_MAX_AGE_MONTHS)

    def evaluate(person: Person) -> Finding:
        parts: list[tuple[Outcome, str, tuple[str, ...]]] = []
        if _in_training(ctx, person):
            parts.append(_expect(ctx, person, ["training_contract"]))
        if _studying(ctx, person):
            parts.append(_expect_recent(ctx, person, "enrolment_certificate", 1, oldest))
        outcome, text, missing = _combine(parts)
        facts = (f"{person.path}.employment", f"{person.path}.schooling", "documents")
        return _finding(
            TRAINING_STUDY_ID,
            person,
            (outcome, _sentence(person.display_name, text), missing),
            facts,
        )

    learners = [p for p in covered if _in_training(ctx, p) or _studying(ctx, p)]
    return per_person(
        TRAINING_STUDY_ID,
        CITATION,
        learners,
        evaluate,
        "niemand ist aktuell in Ausbildung oder Studium.",
    )


# --- 25b.doc.school_certificates -----------------------------------------------------------


def school_certificates(ctx: Context, covered: Sequence[Person]) -> list[Finding]:
    """A school certificate of the current school year for every (possibly) school-age child."""
    start = school_year(ctx.reference_date).start

    def evaluate(child: Person) -> Finding:
        outcome, text, missing = _expect_recent(
            ctx, child, "school_certificate", 1, start, "aktuelle Schulbescheinigung"
        )
        facts = (f"{child.path}.birth_date", "documents")
        text += f"; aktuelles Schuljahr ab {german_date(start)}"
        verdict = (outcome, _sentence(child.display_name, text), missing)
        return _finding(SCHOOL_CERTIFICATES_ID, child, verdict, facts)

    return per_person(
        SCHOOL_CERTIFICATES_ID,
        CITATION,
        school_age_children(ctx, covered),
        evaluate,
        "kein Kind im schulpflichtigen Alter.",
    )


# --- 25b.doc.translations ------------------------------------------------------------------


def translations(ctx: Context) -> Finding:
    """Every attached foreign-language document needs an attached translation."""
    attached = [document for document in ctx.case.documents if document.file is not None]
    # "another attached document" (§ 4): a document naming itself is no translation.
    translated = {
        document.translation_of
        for document in attached
        if document.translation_of and document.translation_of != document.id
    }
    untranslated = [
        document
        for document in attached
        if document.language not in (None, "de") and document.id not in translated
    ]
    facts = ("documents",)
    if not untranslated:
        return _finding(
            TRANSLATIONS_ID,
            None,
            (
                Outcome.MET,
                "Alle beigefügten fremdsprachigen Unterlagen haben eine beigefügte Übersetzung "
                "(Unterlagen ohne Sprachangabe werden nicht geprüft).",
                (),
            ),
            facts,
        )
    listed = ", ".join(
        f"{document.id} ({document.title or document.category}, Sprache {document.language})"
        for document in untranslated
    )
    return _finding(
        TRANSLATIONS_ID,
        None,
        (
            Outcome.MISSING_INFORMATION,
            "Die Unterlagen müssen grundsätzlich in deutscher Sprache vorgelegt werden; es fehlt "
            f"eine deutsche Übersetzung für: {listed}.",
            tuple(f"documents[{document.index}]" for document in untranslated),
        ),
        facts,
    )
