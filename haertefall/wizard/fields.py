"""Form fields for the values of a case: partial dates, money, hours, yes/no/unknown.

Every field cleans to exactly the value the case document stores (an ISO partial date string,
a Decimal for money, True/False/None), so that `mapping` can move values between forms and the
document without a second conversion step.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from eligibility.dates import parse_partial_date
from haertefall.wizard.choices import NO, YES

# Biographical dates before this year are typing mistakes in practice ("205" for "2015").
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

PARTS = ("day", "month", "year")


class PartialDateWidget(forms.MultiWidget):
    """Day, month and year as three text inputs, each with its own visible label.

    Rendered in Python so that the project templates need no form-renderer setting; the ids are
    `<field id>_day`, `_month` and `_year`.
    """

    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        day = forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": "2", "class": "date__input date__input--2"}
        )
        month = forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": "2", "class": "date__input date__input--2"}
        )
        year = forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": "4", "class": "date__input date__input--4"}
        )
        super().__init__({"day": day, "month": month, "year": year}, attrs)

    def decompress(self, value: Any) -> list[str]:
        if not value:
            return ["", "", ""]
        try:
            parsed = parse_partial_date(str(value))
        except ValueError:
            return ["", "", str(value)]
        return [
            "" if parsed.day is None else str(parsed.day),
            "" if parsed.month is None else str(parsed.month),
            str(parsed.year),
        ]

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        field_id = attrs.pop("id", None) or f"id_{name}"
        invalid = attrs.pop("aria-invalid", None)
        attrs.pop("required", None)
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        parts = []
        for part, widget, part_value in zip(PARTS, self.widgets, values, strict=False):
            part_attrs = {**widget.attrs, "id": f"{field_id}_{part}"}
            if invalid:
                part_attrs["aria-invalid"] = invalid
            parts.append(
                (
                    part,
                    f"{field_id}_{part}",
                    labels[part],
                    widget.render(f"{name}_{part}", part_value or "", part_attrs, renderer),
                )
            )
        return format_html(
            '<div class="date">{}</div>',
            format_html_join(
                "",
                '<div class="date__part date__part--{}"><label for="{}">{}</label>{}</div>',
                parts,
            ),
        )

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""


class PartialDateField(forms.MultiValueField):
    """A date of which the day, or the day and the month, may be unknown.

    Cleans to "2015", "2015-08" or "2015-08-14" (case-format.md) or None.
    """

    widget = PartialDateWidget

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def compress(self, data_list: Sequence[Any]) -> str | None:  # pragma: no cover - see clean
        raise NotImplementedError

    def clean(self, value: Any) -> str | None:
        day, month, year = (str(part or "").strip() for part in (list(value or []) + [""] * 3)[:3])
        if not (day or month or year):
            if self.required:
                raise ValidationError(_("Enter at least the year."), code="required")
            return None
        if not all(part.isdigit() for part in (day, month, year) if part):
            raise ValidationError(
                _("Enter the date in numbers, for example 14 8 2015."), code="not_numbers"
            )
        if not year:
            raise ValidationError(_("Enter the year."), code="no_year")
        if len(year) != 4 or not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
            raise ValidationError(
                _("Enter the year with four digits, for example 2015."), code="year"
            )
        if day and not month:
            raise ValidationError(
                _("Enter the month as well, or leave the day empty."), code="day_without_month"
            )
        if month and not 1 <= int(month) <= 12:
            raise ValidationError(_("The month must be a number from 1 to 12."), code="month")
        if day:
            days = calendar.monthrange(int(year), int(month))[1]
            if not 1 <= int(day) <= days:
                raise ValidationError(
                    _("This date does not exist: month %(month)s of %(year)s has %(days)s days."),
                    code="day",
                    params={"month": int(month), "year": year, "days": days},
                )
        text = year
        if month:
            text += f"-{int(month):02d}"
        if day:
            text += f"-{int(day):02d}"
        return text

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            cleaned = self.clean(data)
        except ValidationError:
            return True
        return bool((initial or None) != cleaned)


class ExactDateField(PartialDateField):
    """A day that must be known exactly (case-format.md: application_date)."""

    def clean(self, value: Any) -> str | None:
        text = super().clean(value)
        if text is not None and not parse_partial_date(text).is_exact:
            raise ValidationError(_("Enter the full date: day, month and year."), code="partial")
        return text


_GROUPED_THOUSANDS = re.compile(r"^\d{1,3}([.,' ]\d{3})+$")


def parse_amount(text: str) -> Decimal:
    """ "1.850,00", "1850,5", "1,850.00", "1850" → Decimal; ValueError for anything else."""
    cleaned = text.strip().replace("€", "").replace("EUR", "").replace("\u00a0", " ").strip()
    if not cleaned:
        raise ValueError(text)
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    elif "," in cleaned:
        decimal_mark = ","
    else:
        decimal_mark = "."
    whole, _separator, fraction = cleaned.rpartition(decimal_mark)
    if not _separator:
        whole, fraction = cleaned, ""
    elif len(fraction) == 3 and _GROUPED_THOUSANDS.match(cleaned):
        # "1.850" is one thousand eight hundred and fifty, not one point eight five.
        whole, fraction = cleaned, ""
    if re.search(r"[.,' ]", whole) and not _GROUPED_THOUSANDS.match(whole):
        raise ValueError(text)
    whole = re.sub(r"[.,' ]", "", whole)
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > 2:
        raise ValueError(text)
    try:
        return Decimal(f"{whole}.{fraction or '0'}").quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(text) from None


class MoneyField(forms.CharField):
    """An amount in euros; shown as "1850,00" in German and "1850.00" in English."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        # No max_length: its validator would run on the cleaned Decimal.
        self.widget.attrs.update(
            {"inputmode": "decimal", "class": "input--money", "maxlength": "20"}
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            text = f"{value:.2f}"
            return text.replace(".", get_format("DECIMAL_SEPARATOR"))
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            amount = parse_amount(text)
        except ValueError:
            raise ValidationError(
                _("Enter an amount in euros, for example 850,00."), code="invalid"
            ) from None
        if amount >= Decimal("10000000"):
            raise ValidationError(_("This amount is too large."), code="too_large")
        return amount

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return bool(self.to_python(data) != initial)
        except ValidationError:
            return True


class HoursField(forms.CharField):
    """Hours per week; whole or with a decimal comma ("9,5")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"inputmode": "decimal", "class": "input--short", "maxlength": "6"}
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f")
            return text.replace(".", get_format("DECIMAL_SEPARATOR"))
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            hours = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                _("Enter the hours as a number, for example 38."), code="invalid"
            ) from None
        if not hours.is_finite() or not Decimal(0) <= hours <= Decimal(100):
            raise ValidationError(_("Enter a number of hours from 0 to 100."), code="range")
        return hours

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return bool(self.to_python(data) != initial)
        except ValidationError:
            return True


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class YesNoField(forms.TypedChoiceField):
    """Yes, no, or not answered (None): the case format tells "no" apart from "unknown"."""

    def __init__(self, *, unknown_label: Any = None, **kwargs: Any) -> None:
        choices = [("yes", YES), ("no", NO), ("", unknown_label or _("I don't know"))]
        super().__init__(
            choices=choices,
            coerce=_yes_no,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "radios--inline"}),
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value if value in ("yes", "no") else ""

    def has_changed(self, initial: Any, data: Any) -> bool:
        return bool(_yes_no(str(data or "")) != initial)


class Select(forms.Select):
    """A select rendered in Python: a list of 250 countries rendered option by option through
    templates made the persons page of a family take most of a second."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        chosen = {str(item) for item in self.format_value(value)}
        selected = mark_safe(" selected")
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, selected if str(option) in chosen else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class ChoiceOrEmptyField(forms.TypedChoiceField):
    """A select with a first "— please choose —" entry that cleans to None."""

    def __init__(
        self,
        *,
        choices: Sequence[tuple[str, Any]],
        empty_label: Any = None,
        required: bool = False,
        **kwargs: Any,
    ) -> None:
        self.empty_choice = ("", empty_label or _("– please choose –"))
        super().__init__(
            choices=[self.empty_choice, *choices],
            coerce=str,
            empty_value=None,
            required=required,
            widget=Select,
            **kwargs,
        )

    def set_options(self, options: Sequence[tuple[str, Any]]) -> None:
        """Replace the choices, keeping the empty first entry."""
        self.choices = [self.empty_choice, *options]
