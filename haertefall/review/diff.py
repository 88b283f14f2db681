"""What changed between two versions of a case, per step, in the words of the wizard.

Both documents are read through the step pages the applicant fills in (the same forms the
check page summarises), so every line has the question's label and the answer as the person
sees it: labels instead of codes, dates as they were entered (a partial date stays partial:
"09/2015"). Persons are matched by their id, so a person moving to another position is not
"changed"; entries of lists (residence periods, jobs, documents without an id) by position.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from haertefall.evidence.forms import DocumentForm, initial_from
from haertefall.wizard import steps
from haertefall.wizard.forms import LAYOUTS
from haertefall.wizard.mapping import step_initial
from haertefall.wizard.pages import BoundForm, BoundGroup, BoundRows, StepPage, first_input_id
from haertefall.wizard.summaries import display_value

Document = Mapping[str, Any]
Key = tuple[object, ...]

DOCUMENT_FIELDS = ("category", "person", "title", "issued", "language", "translation_of")
FILE_LABEL = _("File")
FILE_ATTACHED = _("attached")


@dataclass(frozen=True, slots=True)
class Line:
    """One answer of a step: where it is (a person or a list entry), the question, the answer."""

    place: str | None
    question: str
    text: str
    anchor: str
    # The stored value: a person named by id stays "unchanged" when only the person's name
    # changed (that change is shown once, on the persons step).
    value: object


@dataclass(frozen=True, slots=True)
class Change:
    place: str | None
    question: str
    before: str
    after: str
    anchor: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


@dataclass
class StepChanges:
    step: str
    title: str
    # The step still exists in the newer version (so the reader can go there).
    current: bool
    changes: list[Change] = field(default_factory=list)


def _form_lines(form: forms.Form, place: str | None, prefix: Key) -> Iterator[tuple[Key, Line]]:
    for bound_field in form.visible_fields():
        if bound_field.name == "DELETE":
            continue
        value = form.initial.get(bound_field.name, bound_field.field.initial)
        yield (
            (*prefix, bound_field.name),
            Line(
                place=place,
                question=str(bound_field.label),
                text=display_value(bound_field, value),
                anchor=first_input_id(bound_field),
                value=value,
            ),
        )


def _row_lines(rows: BoundRows, place: str | None, prefix: Key) -> Iterator[tuple[Key, Line]]:
    for row in rows.rows:
        if not row.form.initial:
            continue  # the empty row a page offers for a new entry
        source = row.form.initial.get("source")
        # Rows of persons carry the person's id; other rows are matched by position.
        row_key: object = source if isinstance(source, str) and source else row.number
        row_place = row.legend if place is None else f"{place}: {row.legend}"
        yield from _form_lines(row.form, row_place, (*prefix, row_key))


def step_lines(document: Document, step: str) -> dict[Key, Line]:
    """Every answer of `step` in `document`, keyed so that the same answer in another version
    of the case has the same key."""
    base, _position = steps.split_step(step)
    page = StepPage(LAYOUTS[base], step_initial(document, step), document)
    lines: dict[Key, Line] = {}
    for part in page.parts:
        if isinstance(part, BoundForm):
            legend = None if part.part.legend is None else str(part.part.legend)
            lines.update(_form_lines(part.form, legend, ("form", part.part.key)))
        elif isinstance(part, BoundRows):
            lines.update(_row_lines(part, None, ("rows", part.part.key)))
        elif isinstance(part, BoundGroup):
            for item in part.items:
                person = item.form.initial.get("person_id")
                lines.update(_form_lines(item.form, item.heading, ("group", part.part.key, person)))
                for rows in item.rows:
                    lines.update(
                        _row_lines(
                            rows, item.heading, ("group", part.part.key, person, rows.part.key)
                        )
                    )
    return lines


def _compare_lines(before: dict[Key, Line], after: dict[Key, Line]) -> list[Change]:
    changes = []
    keys = list(after) + [key for key in before if key not in after]
    for key in keys:
        old, new = before.get(key), after.get(key)
        old_text = old.text if old else ""
        new_text = new.text if new else ""
        # Equal words (38.0 and 38 hours) or an equal stored value (the same person, now
        # with another name) are no change of this answer.
        if old_text == new_text or (old and new and old.value == new.value):
            continue
        shown = new or old
        assert shown is not None
        changes.append(Change(shown.place, shown.question, old_text, new_text, shown.anchor))
    return changes


def _person_ids(document: Document) -> list[str]:
    return [str(person.get("id")) for person in steps.persons(document)]


def _matching_step(old: Document, new: Document, name: str) -> str | None:
    """The name `name` (a step of `new`) has in `old`: per-person steps follow the person."""
    _base, position = steps.split_step(name)
    if position is None:
        return name if steps.applies(old, name) else None
    new_ids = _person_ids(new)
    old_ids = _person_ids(old)
    person = new_ids[position - 1] if position <= len(new_ids) else None
    if person is None or person not in old_ids:
        return None
    return steps.biography_step(old_ids.index(person) + 1)


def _document_lines(document: Document) -> dict[Key, Line]:
    lines: dict[Key, Line] = {}
    items = [entry for entry in document.get("documents") or [] if isinstance(entry, dict)]
    for position, entry in enumerate(items, start=1):
        entry_id = entry.get("id")
        key: object = entry_id if isinstance(entry_id, str) and entry_id else position
        form = DocumentForm(initial=initial_from(entry), document=document, multiple=False)
        place = str(entry.get("title") or "") or gettext("Document %(number)s") % {
            "number": position
        }
        for name in DOCUMENT_FIELDS:
            bound_field = form[name]
            value = form.initial.get(name)
            lines[("documents", key, name)] = Line(
                place=place,
                question=str(bound_field.label),
                text=display_value(bound_field, value),
                anchor="",
                value=value,
            )
        lines[("documents", key, "file")] = Line(
            place=place,
            question=str(FILE_LABEL),
            text=str(FILE_ATTACHED) if entry.get("file") else "",
            anchor="",
            value=entry.get("file"),
        )
    return lines


def compare(old: Document, new: Document) -> list[StepChanges]:
    """The steps whose answers differ between `old` and `new`, in the order of `new`'s steps,
    followed by steps that only `old` had (a health step nobody needs any more)."""
    result: list[StepChanges] = []
    matched_old: set[str] = set()
    for name in steps.step_names(new):
        if name == steps.DOCUMENTS:
            before, after = _document_lines(old), _document_lines(new)
            matched_old.add(name)
        else:
            old_name = _matching_step(old, new, name)
            if old_name is not None:
                matched_old.add(old_name)
            before = step_lines(old, old_name) if old_name else {}
            after = step_lines(new, name)
        changes = _compare_lines(before, after)
        if changes:
            result.append(StepChanges(name, steps.title_of(new, name), True, changes))
    for name in steps.step_names(old):
        _base, position = steps.split_step(name)
        # A removed person's life history shows as the person's removal on the persons step.
        if name in matched_old or position is not None:
            continue
        changes = _compare_lines(step_lines(old, name), {})
        if changes:
            result.append(StepChanges(name, steps.title_of(old, name), False, changes))
    return result


def has_hidden_changes(old: Document, new: Document, changes: list[StepChanges]) -> bool:
    """The documents differ in details no page shows (imported data), though no answer did."""
    return not changes and dict(old) != dict(new)
