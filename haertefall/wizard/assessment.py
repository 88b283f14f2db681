"""What the assessment page shows: labels for the report's ids and outcomes, links to the steps
that answer a missing fact, and the advice for what to do next.

Only presentation: every outcome comes from the report (`eligibility-report/1`); nothing here
re-decides one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eligibility.facts import DOCUMENT_CATEGORIES
from haertefall.cases.models import Case
from haertefall.wizard import choices, steps

REQUIREMENT_TITLES: Mapping[str, Promise] = {
    "25b.authority_competence": _("Ausländerbehörde Hannover is responsible"),
    "25b.status": _("Duldung or § 104c residence permit"),
    "25b.residence_period": _("Length of stay in Germany"),
    "25b.family_member": _("Family member included in the application"),
    "25b.fdgo_declaration": _("Declaration of commitment to the basic democratic order"),
    "25b.civic_knowledge": _("Basic knowledge of life in Germany"),
    "25b.livelihood": _("Living mainly from work"),
    "25b.german_a2": _("Spoken German at level A2"),
    "25b.school_attendance": _("Children go to school"),
    "25b.refusal_deception": _("No deception about identity or nationality"),
    "25b.refusal_serious_offences": _("No serious criminal offences"),
    "25b.no_expulsion_interest": _("No reason for expulsion"),
    "25b.identity": _("Identity established"),
    "25b.passport": _("Passport"),
    "25b.entry_ban": _("No entry ban"),
    "25b.security_bar": _("No security concerns"),
    "25b.doc.civic_language": _("Documents: language and test certificates"),
    "25b.doc.identity_documents": _("Documents: passport and identity"),
    "25b.doc.income": _("Documents: income"),
    "25b.doc.rent": _("Documents: rent"),
    "25b.doc.school_certificates": _("Documents: school certificates"),
    "25b.doc.training_study": _("Documents: training and studies"),
    "25b.doc.translations": _("Documents: translations"),
    "23a.adm.departure_obligation": _("Obliged to leave Germany"),
    "23a.adm.nrw_residence": _("Living in North Rhine-Westphalia"),
    "23a.adm.deportation_date": _("No fixed date for deportation"),
    "23a.adm.other_procedure": _("No other procedure that could help"),
    "23a.adm.serious_offences": _("No offences of considerable weight"),
    "23a.adm.previous_petition": _("Earlier hardship petition"),
    "23a.adm.bans_and_orders": _("No bans or orders that exclude the petition"),
    "23a.form.german_language": _("Petition in German"),
    "23a.form.person_data": _("Personal details"),
    "23a.form.entry_and_status": _("Entry and residence status"),
    "23a.form.life_story": _("Life story"),
    "23a.form.current_situation": _("Current situation"),
    "23a.form.integration": _("Integration"),
    "23a.form.humanitarian_reasons": _("Humanitarian reasons"),
    "23a.form.family_ties": _("Family ties"),
    "23a.doc.cv": _("Documents: CV"),
    "23a.doc.language": _("Documents: language certificates"),
    "23a.doc.work": _("Documents: work"),
    "23a.doc.children": _("Documents: school and day care"),
    "23a.doc.asylum_decision": _("Documents: asylum and court decisions"),
    "23a.doc.authority_order": _("Documents: orders of the authority"),
    "23a.doc.medical": _("Documents: medical reports"),
    "23a.doc.criminal": _("Documents: criminal record"),
    "23a.doc.power_of_attorney": _("Documents: power of attorney"),
    "23a.doc.format": _("Documents: file formats"),
}


@dataclass(frozen=True)
class OutcomeStyle:
    label: Promise
    # A symbol as well as a colour: colour alone is no signal for everybody.
    icon: str
    css: str


OUTCOMES: Mapping[str, OutcomeStyle] = {
    "met": OutcomeStyle(_("fulfilled"), "✓", "met"),
    "exception_applies": OutcomeStyle(_("exception applies"), "✓", "met"),
    "not_met": OutcomeStyle(_("not fulfilled"), "✗", "not-met"),
    "needs_review": OutcomeStyle(_("the authority must weigh this"), "?", "review"),
    "missing_information": OutcomeStyle(_("information or documents missing"), "!", "missing"),
}

OVERALL: Mapping[str, tuple[Promise, Promise]] = {
    "eligible": (
        _("The requirements appear to be met"),
        _(
            "According to your answers, the requirements of § 25b appear to be met. Check "
            "your answers once more, add any documents still missing and send the application "
            "to the Ausländerbehörde Hannover."
        ),
    ),
    "not_eligible": (
        _("A requirement appears not to be met"),
        _(
            "According to your answers, at least one requirement is not met. Please talk to a "
            "counselling service or a lawyer before you apply: they can check whether an "
            "exception or another way is open to you."
        ),
    ),
    "needs_review": (
        _("The authority has to weigh parts of your case"),
        _(
            "Some points depend on a decision of the authority or are not clear from your "
            "answers. Please have them checked by a counselling service or a lawyer."
        ),
    ),
    "incomplete": (
        _("Information or documents are still missing"),
        _("Add the missing answers and documents listed below. Then look at this page again."),
    ),
    "ready": (
        _("The petition appears complete"),
        _(
            "According to your answers, nothing stands in the way of the petition and the "
            "documents appear complete. Check your answers once more and send the petition to "
            "the Härtefallkommission."
        ),
    ),
    "not_admissible": (
        _("The commission would probably not take up the case"),
        _(
            "According to your answers, the Härtefallkommission would not deal with the case "
            "as it stands. Please talk to a counselling service or a lawyer today: another way "
            "may be open, or the reason may be removed."
        ),
    ),
}

FEE_KINDS: Mapping[str, Promise] = {
    "erteilung": _("first issue"),
    "verlaengerung": _("extension"),
}


def _person_names(document: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(person.get("id")): steps.person_name(person, position)
        for position, person in enumerate(steps.persons(document), start=1)
    }


def _money(amount: str | None) -> str:
    if amount is None:
        return ""
    return gettext("%(amount)s €") % {
        "amount": number_format(Decimal(amount), 2, force_grouping=True)
    }


def context(case: Case, document: Mapping[str, Any], report: Mapping[str, Any]) -> dict[str, Any]:
    names = _person_names(document)
    documents_url = steps.documents_url(case)

    def person(person_id: str | None) -> str:
        if person_id is None:
            return gettext("Household")
        return names.get(person_id, person_id)

    def missing_item(item: str) -> dict[str, Any]:
        if item in DOCUMENT_CATEGORIES:
            return {
                "kind": "document",
                "label": choices.label(choices.DOCUMENT_CATEGORIES, item),
                "url": documents_url,
            }
        step = steps.step_for_path(document, item)
        return {
            "kind": "answer",
            "label": steps.title_of(document, step) if step else item,
            "url": steps.step_url(case, step) if step else None,
        }

    missing_documents = report["documents"]["missing"]
    requirements = []
    for requirement in report["requirements"]:
        outcome = OUTCOMES.get(requirement["outcome"])
        requirements.append(
            {
                "id": requirement["id"],
                "title": str(REQUIREMENT_TITLES.get(requirement["id"], requirement["id"])),
                "person": person(requirement["person"]),
                "outcome": requirement["outcome"],
                "outcome_label": outcome.label if outcome else requirement["outcome"],
                "icon": outcome.icon if outcome else "",
                "css": outcome.css if outcome else "",
                "citation": requirement["citation"],
                "reason_de": requirement["reason_de"],
                "missing": _unique([missing_item(item) for item in requirement["missing"]]),
                "documents": [
                    {
                        "label": choices.label(choices.DOCUMENT_CATEGORIES, entry["category"]),
                        "person": person(entry.get("person")),
                    }
                    for entry in missing_documents
                    if entry.get("requirement") == requirement["id"]
                ],
            }
        )
    order = ("not_met", "missing_information", "needs_review", "exception_applies", "met")
    requirements.sort(key=lambda r: order.index(r["outcome"]) if r["outcome"] in order else 0)

    def document_entries(key: str) -> list[dict[str, Any]]:
        return [
            {
                "label": choices.label(choices.DOCUMENT_CATEGORIES, entry["category"]),
                "person": person(entry.get("person")),
                "reason_de": entry.get("reason_de"),
            }
            for entry in report["documents"][key]
        ]

    fees = report["fees"]
    overall = OVERALL.get(report["overall"], (report["overall"], ""))
    return {
        "report": report,
        "overall_title": overall[0],
        "overall_advice": overall[1],
        "overall_css": {
            "eligible": "met",
            "ready": "met",
            "not_eligible": "not-met",
            "not_admissible": "not-met",
            "needs_review": "review",
            "incomplete": "missing",
        }.get(report["overall"], ""),
        "requirements": requirements,
        "counts": {key: sum(1 for r in requirements if r["outcome"] == key) for key in OUTCOMES},
        "notes_de": report.get("notes_de") or [],
        "fees": {
            "total": _money(fees["total"]),
            "items": [
                {
                    "person": person(item.get("person")),
                    "kind": choices.label(FEE_KINDS, item.get("kind")),
                    "amount": _money(item.get("amount")),
                    "basis": item.get("basis"),
                }
                for item in fees["items"]
            ],
            "exempt": fees["exempt"],
            "waiver_possible": fees["waiver_possible"],
            "is_zero": Decimal(fees["total"]) == 0,
        },
        "documents_missing": document_entries("missing"),
        "documents_stale": document_entries("stale"),
        "documents_present_count": len(report["documents"]["present"]),
        "documents_url": documents_url,
    }


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    result = []
    for item in items:
        key = (item["kind"], item["label"])
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result
