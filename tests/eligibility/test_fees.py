"""Fees: § 45 Nr. 1, Nr. 2 Buchst. b, § 50 Abs. 1, § 53 Abs. 1 Nr. 1 AufenthV, § 104c Abs. 2
AufenthG (legal-rules § 6) and the free Härtefall petition (§ 7.4). Reference date 2026-11-01
unless a test says otherwise.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from eligibility.fees import fees_23a, fees_25b
from eligibility.report import Fees
from tests.eligibility.builders import (
    add_benefit,
    add_child,
    add_person,
    add_spouse,
    case,
    residence,
    set_residence,
)
from tests.eligibility.builders_money import Json, context, covered


def _fees(document: Json, reference_date: str | None = None) -> Fees:
    ctx = context(document, reference_date)
    return fees_25b(ctx, covered(ctx))


def _item(fees: Fees, person: str) -> tuple[str, str, str]:
    item = next(item for item in fees.items if item.person == person)
    return item.kind, f"{item.amount:.2f}", item.basis


def test_first_grant_for_a_tolerated_adult_costs_100_euro() -> None:
    fees = _fees(case())
    assert fees.to_dict() == {
        "total": "100.00",
        "items": [
            {
                "person": "p1",
                "kind": "erteilung",
                "amount": "100.00",
                "basis": "§ 45 Nr. 1 AufenthV",
            }
        ],
        "exempt": False,
        "waiver_possible": False,
    }


@pytest.mark.parametrize(
    ("birth", "amount"),
    [
        ("2008-11-02", "50.00"),  # 17 on R: half fee
        ("2008-11-01", "100.00"),  # 18th birthday on R: full fee
        ("2008-10-31", "100.00"),
        ("2008", "100.00"),  # 17 or 18: not certainly minor → full fee
    ],
    ids=["age_17", "turns_18_on_R", "age_18", "minority_unclear"],
)
def test_half_fee_only_for_certain_minors(birth: str, amount: str) -> None:
    document = case()
    add_child(document, "p2", birth_date=birth)
    fees = _fees(document)
    kind, value, basis = _item(fees, "p2")
    assert (kind, value) == ("erteilung", amount)
    assert ("§ 50 Abs. 1 AufenthV" in basis) is (amount == "50.00")


def test_family_total_adds_the_items() -> None:
    document = case()
    add_spouse(document, "p2")
    add_child(document, "p3", birth_date="2016-05-01")
    fees = _fees(document)
    assert fees.to_dict()["total"] == "250.00"
    assert [item.person for item in fees.items] == ["p1", "p2", "p3"]


def test_only_covered_persons_pay() -> None:
    document = case()
    add_person(document, "p2", "other", birth_date="1960-01-01")
    assert [item.person for item in _fees(document).items] == ["p1"]


# --- extension: current § 25b permit, § 104c holders --------------------------------------------


def test_current_25b_permit_is_extended_for_93_euro() -> None:
    document = case()
    set_residence(
        document, "p1", residence("aufenthaltserlaubnis", "2025-01-01", "2027-01-01", basis="25b")
    )
    assert _item(_fees(document), "p1")[:2] == ("verlaengerung", "93.00")


def test_minor_extension_costs_46_50() -> None:
    document = case()
    add_child(
        document,
        "p2",
        birth_date="2012-01-01",
        residence_history=[
            residence("aufenthaltserlaubnis", "2025-01-01", "2027-01-01", basis="25b")
        ],
    )
    assert _item(_fees(document), "p2")[:2] == ("verlaengerung", "46.50")


def _holder_104c(end: str = "2026-06-30", application_date: str | None = None) -> Json:
    document = case(application_date=application_date)
    set_residence(
        document,
        "p1",
        residence("duldung", "2016-01-01", "2022-12-31", basis="60a"),
        residence("aufenthaltserlaubnis", "2023-01-01", end, basis="104c"),
    )
    return document


@pytest.mark.parametrize(
    ("reference_date", "kind", "amount"),
    [
        ("2025-12-30", "erteilung", "100.00"),
        ("2025-12-31", "verlaengerung", "93.00"),
        ("2026-01-01", "verlaengerung", "93.00"),
    ],
    ids=["day_before_switch", "day_of_switch", "day_after_switch"],
)
def test_104c_holder_is_extended_from_2025_12_31(
    reference_date: str, kind: str, amount: str
) -> None:
    fees = _fees(_holder_104c(), reference_date)
    item_kind, value, basis = _item(fees, "p1")
    assert (item_kind, value) == (kind, amount)
    assert ("§ 104c Abs. 2 AufenthG" in basis) is (kind == "verlaengerung")


@pytest.mark.parametrize(
    ("application", "kind", "amount"),
    [
        ("2026-06-30", "verlaengerung", "93.00"),  # on the last day: § 81 Abs. 4 fiction
        ("2026-07-01", "erteilung", "100.00"),  # too late: no longer a § 104c holder
        (None, "erteilung", "100.00"),  # unknown: no fiction shown
    ],
    ids=["timely_application", "late_application", "application_date_unknown"],
)
def test_expired_104c_permit_counts_only_with_a_timely_application(
    application: str | None, kind: str, amount: str
) -> None:
    fees = _fees(_holder_104c(application_date=application))
    assert _item(fees, "p1")[:2] == (kind, amount)


# --- § 53 Abs. 1 Nr. 1 exemption and the waiver hint ---------------------------------------------


def _family() -> Json:
    document = case()
    add_spouse(document, "p2")
    add_child(document, "p3", birth_date="2016-05-01")
    add_child(document, "p4", birth_date="2004-01-01")  # adult child: not covered, in household
    return document


def _family_fees(document: Json) -> Fees:
    ctx = context(document)
    return fees_25b(ctx, tuple(p for p in ctx.case.persons if p.id != "p4"))


@pytest.mark.parametrize(
    ("receiver", "kind", "exempt", "waiver"),
    [
        ("p1", "buergergeld", True, True),
        ("p2", "asylblg", True, True),
        ("p3", "sozialhilfe", True, True),
        ("p4", "asylblg", False, True),
        ("p1", "wohngeld", False, True),
        ("p2", "kinderzuschlag", False, True),
        ("p1", "kindergeld", False, False),
        ("p1", "bafoeg", False, False),
        (None, None, False, False),
    ],
    ids=[
        "principal_buergergeld",
        "spouse_asylblg",
        "minor_child_sozialhilfe",
        "adult_child_asylblg_only",
        "wohngeld_only",
        "kinderzuschlag",
        "kindergeld",
        "bafoeg",
        "no_benefits",
    ],
)
def test_exemption_only_through_the_principals_bedarfsgemeinschaft(
    receiver: str | None, kind: str | None, exempt: bool, waiver: bool
) -> None:
    document = _family()
    if receiver is not None and kind is not None:
        add_benefit(document, receiver, kind)
    fees = _family_fees(document)
    assert fees.exempt is exempt
    assert fees.waiver_possible is waiver
    if exempt:
        assert fees.total == Decimal("0.00")
        assert all(item.amount == Decimal("0.00") for item in fees.items)
        assert all("§ 53 Abs. 1 Nr. 1 AufenthV" in item.basis for item in fees.items)
        assert [item.kind for item in fees.items] == ["erteilung"] * 3
    else:
        assert fees.total == Decimal("250.00")


def test_benefit_of_another_adult_in_the_household_is_no_exemption() -> None:
    document = case()
    add_person(document, "p2", "other", birth_date="1950-01-01")
    add_benefit(document, "p2", "sozialhilfe")
    fees = _fees(document)
    assert (fees.exempt, fees.waiver_possible) == (False, True)


def test_spouse_outside_the_household_does_not_exempt() -> None:
    document = case()
    add_spouse(document, "p2", in_household=False)
    add_benefit(document, "p2", "buergergeld")
    fees = _fees(document)
    assert (fees.exempt, fees.waiver_possible) == (False, False)


@pytest.mark.parametrize(
    ("end", "exempt"),
    [("2026-10-31", False), ("2026-11-01", True)],
    ids=["ended_day_before_R", "ends_on_R"],
)
def test_only_current_benefits_exempt(end: str, exempt: bool) -> None:
    document = case()
    add_benefit(document, "p1", "asylblg", to=end)
    assert _fees(document).exempt is exempt


def test_petition_to_the_haertefallkommission_is_free() -> None:
    assert fees_23a().to_dict() == {
        "total": "0.00",
        "items": [],
        "exempt": False,
        "waiver_possible": False,
    }


def test_reference_date_before_the_fee_table_lists_no_amount_instead_of_crashing() -> None:
    """§ 0.5: the fee parameters start on 2022-01-01; an earlier reference date must not raise
    (the residence and livelihood rules answer for such dates too)."""
    fees = _fees(case(), "2021-06-01")
    assert fees.items == ()
    assert fees.exempt is False
