"""Dates as three inputs, amounts as people type them, yes/no/unknown."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from haertefall.wizard.fields import (
    HoursField,
    MoneyField,
    PartialDateField,
    PartialDateWidget,
    YesNoField,
    parse_amount,
)


@pytest.mark.parametrize(
    ("day", "month", "year", "stored"),
    [
        ("14", "8", "2015", "2015-08-14"),
        ("", "8", "2015", "2015-08"),
        ("", "", "2015", "2015"),
        (" 01 ", "02", "2016", "2016-02-01"),
        ("29", "2", "2024", "2024-02-29"),
        ("", "", "", None),
    ],
)
def test_a_date_may_leave_out_the_day_or_the_month(
    day: str, month: str, year: str, stored: str | None
) -> None:
    assert PartialDateField().clean([day, month, year]) == stored


@pytest.mark.parametrize(
    ("day", "month", "year", "code"),
    [
        ("31", "2", "2015", "day"),
        ("29", "2", "2023", "day"),
        ("31", "4", "2015", "day"),
        ("0", "4", "2015", "day"),
        ("1", "13", "2015", "month"),
        ("1", "0", "2015", "month"),
        ("14", "", "2015", "day_without_month"),
        ("14", "8", "", "no_year"),
        ("14", "8", "15", "year"),
        ("14", "8", "1850", "year"),
        ("vierzehn", "8", "2015", "not_numbers"),
        ("14.", "8", "2015", "not_numbers"),
    ],
)
def test_impossible_dates_get_a_clear_error(day: str, month: str, year: str, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        PartialDateField().clean([day, month, year])

    assert raised.value.code == code


def test_the_error_for_a_day_that_does_not_exist_names_the_month_length() -> None:
    with pytest.raises(ValidationError) as raised:
        PartialDateField().clean(["31", "2", "2015"])

    # The message is lazy: it is translated when read, so read it in each language.
    with translation.override("en"):
        assert "has 28 days" in raised.value.messages[0]
    with translation.override("de"):
        assert "hat 28 Tage" in raised.value.messages[0]


def test_a_required_date_needs_at_least_the_year() -> None:
    with pytest.raises(ValidationError) as raised:
        PartialDateField(required=True).clean(["", "", ""])

    assert raised.value.code == "required"


def test_the_date_widget_has_three_labelled_inputs_with_stable_ids() -> None:
    html = PartialDateWidget().render("birth_date", "2015-08", {"id": "id_birth_date"})

    for part in ("day", "month", "year"):
        assert f'id="id_birth_date_{part}"' in html
        assert f'for="id_birth_date_{part}"' in html
        assert f'name="birth_date_{part}"' in html
    assert 'value="2015"' in html
    assert 'inputmode="numeric"' in html


def test_the_date_widget_shows_what_was_typed_even_when_it_is_wrong() -> None:
    html = PartialDateWidget().render("d", ["31", "2", "2015"], {"id": "id_d"})

    assert 'value="31"' in html
    assert 'value="2"' in html


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1850", "1850.00"),
        ("1850,5", "1850.50"),
        ("1.850,00", "1850.00"),
        ("1,850.00", "1850.00"),
        ("1850.00", "1850.00"),
        ("1.850", "1850.00"),
        ("12,345", "12345.00"),
        ("780 €", "780.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_are_read_as_people_type_them(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["abc", "-5", "1,2,3", "1.85.0", "€", "12,3456"])
def test_amounts_that_are_not_amounts_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        MoneyField().clean(typed)


def test_money_is_shown_with_the_decimal_mark_of_the_language() -> None:
    field = MoneyField()
    with translation.override("de"):
        assert field.prepare_value(Decimal("1850.00")) == "1850,00"
    with translation.override("en"):
        assert field.prepare_value(Decimal("1850.00")) == "1850.00"


@pytest.mark.parametrize(("typed", "hours"), [("38", "38"), ("9,5", "9.5"), ("", None)])
def test_hours_accept_a_decimal_comma(typed: str, hours: str | None) -> None:
    expected = None if hours is None else Decimal(hours)
    assert HoursField().clean(typed) == expected


@pytest.mark.parametrize(("typed", "answer"), [("yes", True), ("no", False), ("", None)])
def test_yes_no_keeps_unknown_apart_from_no(typed: str, answer: bool | None) -> None:
    assert YesNoField().clean(typed) is answer
