"""The answers of a step as a list of questions and answers, for the check page.

Built from the step's own (unbound) page, so that every field a page asks has a line here with
the same label, and every line links back to exactly that field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext

from eligibility.dates import parse_partial_date
from haertefall.wizard.choices import NO, YES
from haertefall.wizard.fields import HoursField, MoneyField, PartialDateField, YesNoField
from haertefall.wizard.forms import LAYOUTS
from haertefall.wizard.mapping import step_initial
from haertefall.wizard.pages import BoundForm, BoundGroup, BoundRows, StepPage, first_input_id
from haertefall.wizard.steps import split_step

# Long texts are shortened on the check page; the full text is one click away.
SHORT_TEXT = 280


@dataclass
class Answer:
    question: str
    answer: str
    anchor: str
    answered: bool
    long: bool = False


@dataclass
class AnswerGroup:
    heading: str | None
    answers: list[Answer] = field(default_factory=list)
    anchor: str | None = None


def display_value(bound_field: forms.BoundField, value: Any) -> str:
    """An answer as a person reads it: labels instead of codes, dates as 14.08.2015."""
    form_field = bound_field.field
    if value is None or value == "" or value == []:
        return ""
    if isinstance(form_field, PartialDateField):
        try:
            return parse_partial_date(str(value)).german()
        except ValueError:
            return str(value)
    if isinstance(form_field, YesNoField):
        return str(YES) if value is True else str(NO) if value is False else ""
    if isinstance(form_field, forms.BooleanField):
        return str(YES) if value else str(NO)
    if isinstance(form_field, MoneyField):
        return gettext("%(amount)s €") % {
            "amount": number_format(Decimal(value), 2, force_grouping=True)
        }
    if isinstance(form_field, HoursField):
        return number_format(Decimal(value))
    if isinstance(form_field, forms.MultipleChoiceField):
        labels = dict(_choices(form_field))
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(form_field, forms.ChoiceField):
        labels = dict(_choices(form_field))
        return str(labels.get(value, value))
    return str(value)


def _choices(form_field: forms.ChoiceField) -> list[tuple[Any, Any]]:
    return list(cast(Iterable[tuple[Any, Any]], form_field.choices))


def _answers(form: forms.Form, *, skip_empty: bool) -> list[Answer]:
    answers = []
    for bound_field in form.visible_fields():
        value = form.initial.get(bound_field.name, bound_field.field.initial)
        if isinstance(bound_field.field, forms.BooleanField) and not value:
            # An unticked box on a row ("dates are estimated") says nothing worth a line.
            continue
        text = display_value(bound_field, value)
        if skip_empty and not text:
            continue
        is_long = isinstance(bound_field.field.widget, forms.Textarea) and len(text) > SHORT_TEXT
        answers.append(
            Answer(
                question=str(bound_field.label),
                answer=(text[:SHORT_TEXT].rstrip() + " …") if is_long else text,
                anchor=first_input_id(bound_field),
                answered=bool(text),
                long=is_long,
            )
        )
    return answers


def _rows(rows: BoundRows, place: str | None) -> Iterable[AnswerGroup]:
    for row in rows.rows:
        if row.form.initial:
            heading = row.legend if place is None else f"{place}: {row.legend}"
            yield AnswerGroup(
                heading=heading,
                answers=_answers(row.form, skip_empty=True),
                anchor=f"row-{row.form.prefix}",
            )
    if not any(row.form.initial for row in rows.rows):
        heading = str(rows.part.legend) if place is None else f"{place}: {rows.part.legend}"
        yield AnswerGroup(
            heading=heading,
            answers=[
                Answer(
                    question=str(rows.part.legend),
                    answer=gettext("None entered"),
                    anchor=rows.anchor,
                    answered=False,
                )
            ],
            anchor=rows.anchor,
        )


def summarise(document: Mapping[str, Any], step: str) -> list[AnswerGroup]:
    """Every answer of `step` in `document`, grouped as on the page."""
    base, _position = split_step(step)
    page = StepPage(LAYOUTS[base], step_initial(document, step), document)
    groups: list[AnswerGroup] = []
    for part in page.parts:
        if isinstance(part, BoundForm):
            legend = part.part.legend
            groups.append(
                AnswerGroup(
                    heading=None if legend is None else str(legend),
                    answers=_answers(part.form, skip_empty=False),
                    anchor=part.anchor,
                )
            )
        elif isinstance(part, BoundRows):
            groups += _rows(part, None)
        elif isinstance(part, BoundGroup):
            for item in part.items:
                answers = _answers(item.form, skip_empty=False)
                if answers:
                    groups.append(AnswerGroup(item.heading, answers, item.anchor))
                for rows in item.rows:
                    groups += _rows(rows, item.heading)
    return [group for group in groups if group.answers]
