"""Comments as the pages show them: on which step they belong now, and which question.

A comment is stored with the step name it was written on and, for a per-person step, the
person's id; if persons are added or reordered later, the comment follows its person. The
question a comment is about is found by the id of its input on the step's page, and its
label is taken from that page (so it is shown in the reader's language).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from haertefall.cases.models import Case
from haertefall.review.models import Comment
from haertefall.wizard import steps
from haertefall.wizard.summaries import summarise

Document = Mapping[str, Any]


@dataclass(frozen=True)
class CommentView:
    comment: Comment
    # The step the comment belongs to in the current content, or None if that step is gone.
    step: str | None
    step_title: str
    field_label: str
    anchor: str


def targets(document: Document, step: str) -> list[tuple[str, str]]:
    """(input id, label) of every question of `step` a comment can be about."""
    if step == steps.DOCUMENTS or not steps.applies(document, step):
        return []
    result = []
    for group in summarise(document, step):
        for answer in group.answers:
            label = f"{group.heading}: {answer.question}" if group.heading else answer.question
            result.append((answer.anchor, label))
    return list(dict.fromkeys(result))


def person_of(document: Document, step: str) -> str:
    """The id of the person a per-person step is about, or ""."""
    _base, position = steps.split_step(step)
    people = steps.persons(document)
    if position is None or position > len(people):
        return ""
    return str(people[position - 1].get("id") or "")


def current_step(comment: Comment, document: Document) -> str | None:
    _base, position = steps.split_step(comment.step)
    if position is not None and comment.person_id:
        ids = [str(person.get("id")) for person in steps.persons(document)]
        if comment.person_id not in ids:
            return None
        return steps.biography_step(ids.index(comment.person_id) + 1)
    return comment.step if steps.applies(document, comment.step) else None


def views_of(
    comments: Iterable[Comment], document: Document, only_step: str | None = None
) -> list[CommentView]:
    """The comments as pages show them; with `only_step`, only those on that step."""
    labels: dict[str, dict[str, str]] = {}
    result = []
    for comment in comments:
        step = current_step(comment, document)
        if only_step is not None and step != only_step:
            continue
        label = ""
        if step is not None and comment.field:
            if step not in labels:
                labels[step] = dict(targets(document, step))
            label = labels[step].get(comment.field, "")
        result.append(
            CommentView(
                comment=comment,
                step=step,
                step_title=steps.title_of(document, step) if step else "",
                field_label=label,
                anchor=comment.field if label else "",
            )
        )
    return result


def open_comments(case: Case) -> QuerySet[Comment]:
    return Comment.objects.filter(case=case, resolved__isnull=True).select_related(
        "author", "organisation"
    )


def by_step(views: Iterable[CommentView]) -> dict[str | None, list[CommentView]]:
    grouped: dict[str | None, list[CommentView]] = {}
    for view in views:
        grouped.setdefault(view.step, []).append(view)
    return grouped
