"""The counsellor's queue: every case shared with the counsellor's organisations, with the
assessment's outcome and what is still missing.

One query fetches the cases with their newest content and the counters the table shows;
the assessment is computed in Python from that content (eligibility.engine.assess, pure and
fast), never stored: a stored outcome would be a second, drifting copy of the facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eligibility.engine import assess
from eligibility.facts import CaseFormatError, parse_case
from eligibility.report import Report
from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, Status, Target, open_annotated_document
from haertefall.review.models import CaseShare, Comment, Membership, ReviewMark
from haertefall.wizard import choices, steps
from haertefall.wizard.assessment import REQUIREMENT_TITLES

OUTCOME_LABELS: Mapping[str, Promise] = {
    "ready": _("Ready to send"),
    "eligible": _("Requirements appear met"),
    "needs_review": _("Authority must weigh"),
    "incomplete": _("Incomplete"),
    "not_eligible": _("A requirement is not met"),
    "not_admissible": _("Not admissible"),
}
# As on the assessment page: a symbol next to the colour.
OUTCOME_STYLES: Mapping[str, tuple[str, str]] = {
    "ready": ("✓", "met"),
    "eligible": ("✓", "met"),
    "needs_review": ("?", "review"),
    "incomplete": ("!", "missing"),
    "not_eligible": ("✗", "not-met"),
    "not_admissible": ("✗", "not-met"),
}
# Sorting by status follows what needs a counsellor first.
STATUS_ORDER = (
    Status.IN_REVIEW,
    Status.CHANGES_REQUESTED,
    Status.DRAFT,
    Status.APPROVED,
    Status.EXPORTED,
)
OUTCOME_ORDER = tuple(OUTCOME_LABELS)
SORTS = ("updated", "status", "target", "outcome", "name")
DEFAULT_SORT = "-updated"
# Shown in the table; the rest is counted.
MISSING_SHOWN = 3


@dataclass(frozen=True)
class AssessmentSummary:
    """The assessment's overall outcome and what is missing, in words for the counsellor."""

    outcome: str  # "" when the content cannot be assessed
    missing_answers: list[str] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        label = OUTCOME_LABELS.get(self.outcome)
        return str(label) if label is not None else gettext("Cannot be assessed")

    @property
    def outcome_icon(self) -> str:
        return OUTCOME_STYLES.get(self.outcome, ("", ""))[0]

    @property
    def outcome_css(self) -> str:
        return OUTCOME_STYLES.get(self.outcome, ("", ""))[1]

    @property
    def missing(self) -> list[str]:
        return self.missing_answers + self.missing_documents

    @property
    def missing_shown(self) -> list[str]:
        return self.missing[:MISSING_SHOWN]

    @property
    def missing_more(self) -> int:
        return max(0, len(self.missing) - MISSING_SHOWN)


@dataclass(frozen=True)
class QueueRow:
    case: Case
    name: str
    organisation: str
    summary: AssessmentSummary
    open_comments: int = 0
    # The content changed since this counsellor last reviewed it (or was never reviewed).
    unreviewed: bool = False


def shared_cases(user: User) -> QuerySet[Case]:
    """Cases shared (consent standing) with an organisation `user` is an active member of,
    annotated with everything a queue row needs – one query."""
    organisations = Membership.objects.active().filter(user=user).values("organisation_id")
    shares = CaseShare.objects.active().filter(
        case=OuterRef("pk"), organisation_id__in=organisations
    )
    latest = CaseRevision.objects.filter(case=OuterRef("pk")).order_by("-number")
    open_comments = (
        Comment.objects.filter(case=OuterRef("pk"), resolved__isnull=True)
        .order_by()
        .values("case")
        .annotate(count=Count("pk"))
        .values("count")
    )
    marks = ReviewMark.objects.filter(case=OuterRef("pk"), counsellor=user)
    return Case.objects.filter(Exists(shares)).annotate(
        latest_number=Subquery(latest.values("number")[:1]),
        latest_document=Subquery(latest.values("document")[:1]),
        organisation_name=Subquery(
            shares.order_by("organisation__name").values("organisation__name")[:1]
        ),
        open_comments=Coalesce(Subquery(open_comments), Value(0), output_field=IntegerField()),
        reviewed_revision=Subquery(marks.values("revision")[:1]),
    )


def applicant_name(document: Mapping[str, Any]) -> str:
    applicant = next(
        (p for p in steps.persons(document) if p.get("role") == "applicant"),
        {},
    )
    if applicant.get("surname") or applicant.get("given_names"):
        return steps.person_name(applicant, 1)
    return gettext("No name yet")


def _with_person(label: str, person: str | None) -> str:
    return (
        gettext("%(label)s (%(person)s)") % {"label": label, "person": person} if person else label
    )


def _missing(report: Report, document: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    names = {
        str(person.get("id")): steps.person_name(person, position)
        for position, person in enumerate(steps.persons(document), start=1)
    }
    answers = [
        str(REQUIREMENT_TITLES.get(finding.id, finding.id))
        for finding in report.requirements
        if finding.outcome == "missing_information"
        # A form requirement of the petition that is not met (a story without German
        # translation) is something to add, not a legal obstacle.
        or (finding.outcome == "not_met" and (".form." in finding.id or ".doc." in finding.id))
    ]
    documents = []
    for entry in report.documents.missing:
        label = choices.label(choices.DOCUMENT_CATEGORIES, entry.category)
        documents.append(_with_person(label, names.get(entry.person or "")))
    for entry in report.documents.stale:
        label = gettext("%(document)s: out of date") % {
            "document": choices.label(choices.DOCUMENT_CATEGORIES, entry.category)
        }
        documents.append(_with_person(label, names.get(entry.person or "")))
    return list(dict.fromkeys(answers)), list(dict.fromkeys(documents))


def summary_of(document: Mapping[str, Any], today: date) -> AssessmentSummary:
    try:
        report = assess(parse_case(document), today)
    except CaseFormatError:
        return AssessmentSummary("", [], [])
    answers, documents = _missing(report, document)
    return AssessmentSummary(report.overall, answers, documents)


def row_for(case: Case, today: date) -> QueueRow:
    document: Mapping[str, Any] = (
        open_annotated_document(case, getattr(case, "latest_document", None)) or {}
    )
    summary = summary_of(document, today)
    return QueueRow(
        case=case,
        name=applicant_name(document),
        organisation=getattr(case, "organisation_name", "") or "",
        summary=summary,
        open_comments=getattr(case, "open_comments", 0) or 0,
        unreviewed=(getattr(case, "reviewed_revision", None) or 0)
        < (getattr(case, "latest_number", None) or 0),
    )


def _sort_key(sort: str) -> Callable[[QueueRow], Any]:
    if sort == "status":
        return lambda row: STATUS_ORDER.index(Status(row.case.status))
    if sort == "target":
        return lambda row: str(row.case.get_target_display())
    if sort == "outcome":
        return lambda row: (
            OUTCOME_ORDER.index(row.summary.outcome)
            if row.summary.outcome in OUTCOME_ORDER
            else len(OUTCOME_ORDER)
        )
    if sort == "name":
        return lambda row: row.name.casefold()
    return lambda row: row.case.updated


def queue_rows(
    user: User,
    today: date,
    *,
    status: str = "",
    target: str = "",
    outcome: str = "",
    sort: str = DEFAULT_SORT,
) -> list[QueueRow]:
    cases = shared_cases(user)
    if status in Status.values:
        cases = cases.filter(status=status)
    if target in Target.values:
        cases = cases.filter(target=target)
    rows = [row_for(case, today) for case in cases]
    if outcome:
        rows = [row for row in rows if row.summary.outcome == outcome]
    sort = normal_sort(sort)
    name = sort.lstrip("-")
    # Newest first within equal keys; Python's sort is stable.
    rows.sort(key=lambda row: row.case.updated, reverse=True)
    rows.sort(key=_sort_key(name), reverse=sort.startswith("-"))
    return rows


def normal_sort(sort: str) -> str:
    return sort if sort.lstrip("-") in SORTS else DEFAULT_SORT


def sort_links(current: str) -> dict[str, str]:
    """The sort parameter each column header links to: the column ascending, or descending
    when it is already sorted ascending."""
    return {name: f"-{name}" if current == name else name for name in SORTS}


def outcome_options() -> Sequence[tuple[str, str]]:
    return [(key, str(label)) for key, label in OUTCOME_LABELS.items()]
