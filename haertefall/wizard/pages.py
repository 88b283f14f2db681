"""One wizard page: the forms and formsets of a step, built from the step's layout.

A layout is a tuple of parts: a single form (`FormPart`), repeatable rows (`RowsPart`, a
formset: residence periods, jobs, persons) or one block per person (`GroupPart`, a form per
person with rows inside). The page's initial data and its cleaned data have the same nested
shape, keyed by the parts' keys, which is what `mapping.step_initial` returns and
`mapping.apply_step` accepts.

Rows are added and removed with plain submit buttons (`add=<formset prefix>`,
`remove=<row prefix>`), so that no JavaScript is needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.formsets import BaseFormSet, formset_factory
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext

from haertefall.wizard.fields import PartialDateField, PartialDateWidget

Data = Mapping[str, Any]
# More than this many rows of one kind is no realistic case, only a way to exhaust the server.
MAX_ROWS = 60


class CaseForm(forms.Form):
    """A form that knows the case document it edits (for choices that depend on the case)."""

    def __init__(self, *args: Any, document: Data | None = None, **kwargs: Any) -> None:
        self.document: Data = document or {}
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        """Adjust fields to the case (choices of persons, target-specific fields)."""


class RowForm(CaseForm):
    """One row of a list in the case; `source` is the row's position in the list it came from,
    so that keys this form does not edit survive the save."""

    source = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    @property
    def removable(self) -> bool:
        return True

    def has_changed(self) -> bool:
        # A row added on a page that came back with errors has no data yet; its defaults
        # (a ticked box) must not count as input.
        if self.is_bound and not any(key.startswith(f"{self.prefix}-") for key in self.data):
            return False
        return super().has_changed()

    def row_legend(self, template: Promise, number: int) -> str:
        return str(template) % {"number": number}


class PersonForm(CaseForm):
    """The form of one person's block; `person_id` says whose block it is."""

    person_id = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def clean_with_rows(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Check answers that depend on the rows entered in the block (by key of the rows
        part); add errors to the form. Called only when the whole page is valid."""


class RowFormSet(BaseFormSet):  # type: ignore[type-arg]
    document: Data = {}

    def __init__(self, *args: Any, document: Data | None = None, **kwargs: Any) -> None:
        self.document = document or {}
        # Rows whose removal this formset refused; the page shows them again.
        self.refused: set[str] = set()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "document": self.document}

    def refuse_removal(self, form: forms.Form, message: str) -> forms.ValidationError:
        self.refused.add(form.prefix or "")
        return forms.ValidationError(message)


@dataclass(frozen=True)
class FormPart:
    key: str
    form_class: type[CaseForm]
    legend: Promise | None = None
    hint: Promise | None = None


@dataclass(frozen=True)
class RowsPart:
    key: str
    form_class: type[RowForm]
    legend: Promise
    row_legend: Promise  # with %(number)s
    add_label: Promise
    hint: Promise | None = None
    # Show one empty row when the list is empty (for lists nearly every case has).
    empty_row: bool = False
    formset_class: type[RowFormSet] = RowFormSet
    # May the last remaining row be removed?
    removable: bool = True


@dataclass(frozen=True)
class GroupPart:
    key: str
    form_class: type[PersonForm]
    rows: tuple[RowsPart, ...] = ()
    legend: Promise | None = None
    hint: Promise | None = None


Part = FormPart | RowsPart | GroupPart
Layout = tuple[Part, ...]


# --------------------------------------------------------------------------------------------
# Bound parts, as the templates see them


@dataclass
class ErrorLink:
    anchor: str
    text: str


@dataclass
class BoundRow:
    form: forms.Form
    number: int
    legend: str
    deleted: bool
    refused: bool

    @property
    def hidden(self) -> bool:
        return self.deleted and not self.refused


@dataclass
class BoundRows:
    part: RowsPart
    formset: RowFormSet
    rows: list[BoundRow]
    heading_level: int
    kind: str = "rows"

    @property
    def anchor(self) -> str:
        return f"rows-{self.formset.prefix}"

    @property
    def visible_rows(self) -> list[BoundRow]:
        return [row for row in self.rows if not row.hidden]


@dataclass
class BoundForm:
    part: FormPart
    form: CaseForm
    kind: str = "form"

    @property
    def anchor(self) -> str:
        return f"part-{self.form.prefix}"


@dataclass
class BoundGroupItem:
    heading: str
    form: PersonForm
    rows: list[BoundRows]

    @property
    def anchor(self) -> str:
        return f"group-{self.form.prefix}"


@dataclass
class BoundGroup:
    part: GroupPart
    items: list[BoundGroupItem]
    kind: str = "group"


BoundPart = BoundForm | BoundRows | BoundGroup


def first_input_id(bound_field: forms.BoundField) -> str:
    """The id of the input an error link should focus."""
    widget = bound_field.field.widget
    auto_id = bound_field.auto_id
    if isinstance(widget, PartialDateWidget):
        return f"{auto_id}_day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{auto_id}_0"
    return str(auto_id)


def _person_heading(document: Data, person_id: str) -> str:
    people = [p for p in document.get("persons") or [] if isinstance(p, dict)]
    for position, person in enumerate(people, start=1):
        if person.get("id") == person_id:
            parts = [person.get("given_names"), person.get("surname")]
            name = " ".join(part for part in parts if isinstance(part, str) and part.strip())
            return name or gettext("Person %(number)s") % {"number": position}
    return gettext("Person")


@dataclass
class StepPage:
    """The bound or unbound forms of one step."""

    layout: Layout
    initial: Data
    document: Data
    data: QueryDict | None = None
    # Formset prefixes that get one more empty row (the "add another" button).
    add: Sequence[str] = ()
    parts: list[BoundPart] = field(default_factory=list)
    # An error about the page as a whole (shown at the top, in the error summary).
    form_error: str | None = None

    def __post_init__(self) -> None:
        if self.data is not None:
            self.data = self._with_actions(self.data)
        for part in self.layout:
            if isinstance(part, FormPart):
                self.parts.append(self._form(part))
            elif isinstance(part, RowsPart):
                self.parts.append(
                    self._rows(part, part.key, list(self.initial.get(part.key) or []), 2)
                )
            else:
                self.parts.append(self._group(part))

    # -- building -----------------------------------------------------------------------------

    def _with_actions(self, data: QueryDict) -> QueryDict:
        """Apply the row buttons to a copy of the posted data."""
        changed = data.copy()
        removed = data.get("remove")
        if removed:
            changed[f"{removed}-DELETE"] = "on"
        for prefix in self.add:
            key = f"{prefix}-TOTAL_FORMS"
            if key in changed:
                try:
                    total = int(str(changed.get(key)))
                except ValueError:
                    continue
                changed[key] = str(min(total + 1, MAX_ROWS))
        return changed

    def _form(self, part: FormPart) -> BoundForm:
        form = part.form_class(
            self.data,
            prefix=part.key,
            initial=dict(self.initial.get(part.key) or {}),
            document=self.document,
        )
        form.setup()
        return BoundForm(part=part, form=form)

    def _rows(
        self, part: RowsPart, prefix: str, initial: list[dict[str, Any]], level: int
    ) -> BoundRows:
        extra = 1 if part.empty_row and not initial else 0
        if self.data is None and prefix in self.add:
            extra += 1
        formset_class: type[RowFormSet] = formset_factory(  # type: ignore[assignment]
            part.form_class,
            formset=part.formset_class,
            extra=extra,
            can_delete=True,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS,
        )
        formset = formset_class(
            self.data, prefix=prefix, initial=initial or None, document=self.document
        )
        for form in formset.forms:
            if isinstance(form, CaseForm):
                form.setup()
        if isinstance(formset.empty_form, CaseForm):
            formset.empty_form.setup()
        bound = BoundRows(part=part, formset=formset, rows=[], heading_level=level)
        for number, form in enumerate(formset.forms, start=1):
            deleted = self.data is not None and bool(form["DELETE"].data)
            bound.rows.append(
                BoundRow(
                    form=form,
                    number=number,
                    legend=form.row_legend(part.row_legend, number)
                    if isinstance(form, RowForm)
                    else str(part.row_legend) % {"number": number},
                    deleted=deleted,
                    refused=False,
                )
            )
        return bound

    def _group(self, part: GroupPart) -> BoundGroup:
        initial_items = [dict(item) for item in self.initial.get(part.key) or []]
        if self.data is not None:
            # Build the blocks the page was loaded with, found by the person each one names;
            # the case may have changed since (the stale-save case).
            by_person = {item.get("person_id"): item for item in initial_items}
            items = []
            for index in range(MAX_ROWS):
                person_id = self.data.get(f"{part.key}-{index}-person_id")
                if person_id is None:
                    break
                items.append(by_person.get(person_id, {"person_id": person_id}))
        else:
            items = initial_items
        group = BoundGroup(part=part, items=[])
        for index, item in enumerate(items):
            prefix = f"{part.key}-{index}"
            form_initial = {k: v for k, v in item.items() if k not in {r.key for r in part.rows}}
            form = part.form_class(
                self.data, prefix=prefix, initial=form_initial, document=self.document
            )
            form.setup()
            rows = [
                self._rows(
                    rows_part, f"{prefix}-{rows_part.key}", list(item.get(rows_part.key) or []), 3
                )
                for rows_part in part.rows
            ]
            heading = _person_heading(self.document, str(item.get("person_id", "")))
            group.items.append(BoundGroupItem(heading=heading, form=form, rows=rows))
        return group

    # -- validation ---------------------------------------------------------------------------

    def _all_rows(self) -> list[BoundRows]:
        result: list[BoundRows] = []
        for part in self.parts:
            if isinstance(part, BoundRows):
                result.append(part)
            elif isinstance(part, BoundGroup):
                for item in part.items:
                    result += item.rows
        return result

    def is_valid(self) -> bool:
        valid = True
        for part in self.parts:
            if isinstance(part, BoundForm):
                valid = part.form.is_valid() and valid
            elif isinstance(part, BoundGroup):
                for item in part.items:
                    valid = item.form.is_valid() and valid
        for rows in self._all_rows():
            valid = rows.formset.is_valid() and valid
            for row in rows.rows:
                row.refused = (row.form.prefix or "") in rows.formset.refused
        if valid:
            # A person's answers that depend on the rows entered in their block.
            for part in self.parts:
                if not isinstance(part, BoundGroup):
                    continue
                for item in part.items:
                    item.form.clean_with_rows(
                        {rows.part.key: _rows_data(rows) for rows in item.rows}
                    )
                    valid = not item.form.errors and valid
        return valid

    def cleaned_data(self) -> dict[str, Any]:
        """The page's values in the shape of `mapping.step_initial`; only after is_valid()."""
        result: dict[str, Any] = {}
        for part in self.parts:
            if isinstance(part, BoundForm):
                result[part.part.key] = dict(part.form.cleaned_data)
            elif isinstance(part, BoundRows):
                result[part.part.key] = _rows_data(part)
            else:
                items = []
                for item in part.items:
                    values = dict(item.form.cleaned_data)
                    for rows in item.rows:
                        values[rows.part.key] = _rows_data(rows)
                    items.append(values)
                result[part.part.key] = items
        return result

    def error_links(self) -> list[ErrorLink]:
        """Every error on the page, in page order, each linking to its field."""
        links: list[ErrorLink] = []

        def form_errors(form: forms.Form, place: str | None, anchor: str) -> None:
            for name, errors in form.errors.items():
                if name == NON_FIELD_ERRORS:
                    target = anchor
                    label = place
                else:
                    bound_field = form[name]
                    target = first_input_id(bound_field)
                    label = (
                        gettext("%(place)s, %(field)s")
                        % {"place": place, "field": bound_field.label}
                        if place
                        else str(bound_field.label)
                    )
                for error in errors:
                    text = (
                        gettext("%(field)s: %(message)s") % {"field": label, "message": error}
                        if label
                        else str(error)
                    )
                    links.append(ErrorLink(anchor=target, text=text))

        def rows_errors(rows: BoundRows, place: str | None) -> None:
            for error in rows.formset.non_form_errors():
                links.append(ErrorLink(anchor=rows.anchor, text=str(error)))
            for row in rows.rows:
                if row.hidden:
                    continue
                row_place = row.legend if place is None else f"{place}, {row.legend}"
                form_errors(row.form, row_place, f"row-{row.form.prefix}")

        for part in self.parts:
            if isinstance(part, BoundForm):
                form_errors(part.form, None, part.anchor)
            elif isinstance(part, BoundRows):
                rows_errors(part, None)
            else:
                for item in part.items:
                    form_errors(item.form, item.heading, item.anchor)
                    for rows in item.rows:
                        rows_errors(rows, item.heading)
        return links

    def has_dates(self) -> bool:
        """Does the page ask for a date (and so needs the note on partial dates)?"""
        classes: list[type[forms.Form]] = []
        for part in self.layout:
            if isinstance(part, FormPart | RowsPart):
                classes.append(part.form_class)
            else:
                classes += [part.form_class, *(rows.form_class for rows in part.rows)]
        return any(
            isinstance(field, PartialDateField)
            for form_class in classes
            for field in form_class.base_fields.values()
        )

    def formset_prefixes(self) -> set[str]:
        return {str(rows.formset.prefix) for rows in self._all_rows()}

    def row_prefixes(self) -> set[str]:
        return {str(row.form.prefix) for rows in self._all_rows() for row in rows.rows}


def _rows_data(rows: BoundRows) -> list[dict[str, Any]]:
    formset = rows.formset
    result = []
    for index, form in enumerate(formset.forms):
        if form in formset.deleted_forms:
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        values = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        result.append(values)
    return result
