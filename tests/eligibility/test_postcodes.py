"""The 5-digit postcode -> Land table (spec 7.2 `23a.adm.nrw_residence`, review item 16)."""

from __future__ import annotations

import pytest

from eligibility.postcodes import LAND_NAMES_DE, lands_for_postcode

# Facts checked against the postcode data of countrystatecity-postal-codes (OpenPLZ/OSM).
# Each row: postcode, Länder expected exactly, what the row shows.
FACTS: list[tuple[str, frozenset[str], str]] = [
    ("40219", frozenset({"DE-NW"}), "Düsseldorf: NRW only"),
    ("44135", frozenset({"DE-NW"}), "Dortmund"),
    ("30169", frozenset({"DE-NI"}), "Hannover"),
    ("48455", frozenset({"DE-NI"}), "Bad Bentheim: Lower Saxony although 48xxx"),
    ("48527", frozenset({"DE-NI"}), "Nordhorn: Lower Saxony although 48xxx"),
    ("48143", frozenset({"DE-NW"}), "Münster"),
    ("53111", frozenset({"DE-NW"}), "Bonn"),
    ("10115", frozenset({"DE-BE"}), "Berlin"),
    ("32361", frozenset({"DE-NW", "DE-NI"}), "Preußisch Oldendorf (NRW) / Bad Essen area (NI)"),
    ("57319", frozenset({"DE-NW", "DE-HE"}), "Bad Berleburg (NRW) / Allendorf area (HE)"),
]


@pytest.mark.parametrize(("postcode", "expected", "meaning"), FACTS, ids=[row[0] for row in FACTS])
def test_known_postcodes(postcode: str, expected: frozenset[str], meaning: str) -> None:
    assert lands_for_postcode(postcode) == expected, meaning


def test_shared_postcode_contains_nrw_and_another_land() -> None:
    lands = lands_for_postcode("57319")
    assert "DE-NW" in lands
    assert len(lands) > 1


def test_postcodes_of_one_two_digit_region_lie_in_different_lands() -> None:
    # Why a prefix rule is wrong: 48xxx is split between NRW and Lower Saxony.
    assert lands_for_postcode("48143") == {"DE-NW"}
    assert lands_for_postcode("48455") == {"DE-NI"}


@pytest.mark.parametrize(
    "value",
    ["", "4021", "402190", "4021a", "40 219", "DE-40219", "-4021", "４０２１９", "40219\n9"],
)
def test_not_five_ascii_digits_gives_empty_set(value: str) -> None:
    assert lands_for_postcode(value) == frozenset()


def test_surrounding_whitespace_is_ignored() -> None:
    assert lands_for_postcode(" 40219\t") == {"DE-NW"}


def test_unknown_postcode_gives_empty_set() -> None:
    assert lands_for_postcode("00000") == frozenset()
    assert lands_for_postcode("99999") == frozenset()


def test_result_is_a_frozenset() -> None:
    assert isinstance(lands_for_postcode("40219"), frozenset)
    assert isinstance(lands_for_postcode("x"), frozenset)


def test_land_names() -> None:
    assert len(LAND_NAMES_DE) == 16
    assert LAND_NAMES_DE["DE-NW"] == "Nordrhein-Westfalen"
    assert LAND_NAMES_DE["DE-NI"] == "Niedersachsen"
    assert LAND_NAMES_DE["DE-HE"] == "Hessen"
    assert LAND_NAMES_DE["DE-TH"] == "Thüringen"


def test_table_covers_every_land() -> None:
    from eligibility.postcodes import _table

    table = _table()
    assert len(table) > 8000
    assert set().union(*table.values()) == LAND_NAMES_DE.keys()
    assert sum(1 for lands in table.values() if "DE-NW" in lands) > 800
