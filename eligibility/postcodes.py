"""German postcode -> Land(er) from an exact 5-digit table (legal-rules § 7.2, review item 16).

Two-digit postal regions cross Land borders (48455 Bad Bentheim and 48527 Nordhorn lie in
Lower Saxony although 48xxx is mostly the Münster region), so no prefix rule is used. The
postcode-locality pairs come from the PyPI package ``countrystatecity-postal-codes`` (OpenPLZ /
OpenStreetMap data, ODbL 1.0, © OpenStreetMap contributors), pinned in pyproject.toml; a postcode
that serves localities in several Länder yields all of them and the caller answers
``needs_review``. No Django import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType

from countrystatecity_postal_codes import get_postcodes_of_country

__all__ = ["LAND_NAMES_DE", "lands_for_postcode"]

LAND_NAMES_DE: dict[str, str] = {
    "DE-BW": "Baden-Württemberg",
    "DE-BY": "Bayern",
    "DE-BE": "Berlin",
    "DE-BB": "Brandenburg",
    "DE-HB": "Bremen",
    "DE-HH": "Hamburg",
    "DE-HE": "Hessen",
    "DE-MV": "Mecklenburg-Vorpommern",
    "DE-NI": "Niedersachsen",
    "DE-NW": "Nordrhein-Westfalen",
    "DE-RP": "Rheinland-Pfalz",
    "DE-SL": "Saarland",
    "DE-SN": "Sachsen",
    "DE-ST": "Sachsen-Anhalt",
    "DE-SH": "Schleswig-Holstein",
    "DE-TH": "Thüringen",
}

_POSTCODE_RE = re.compile(r"[0-9]{5}", re.ASCII)


@functools.cache
def _table() -> Mapping[str, frozenset[str]]:
    """Postcode -> Länder, built once on first use from the package's postcode-locality pairs."""
    table: dict[str, set[str]] = {}
    for entry in get_postcodes_of_country("DE"):
        land = f"DE-{entry.stateCode}"
        if land in LAND_NAMES_DE and _POSTCODE_RE.fullmatch(entry.code):
            table.setdefault(entry.code, set()).add(land)
    return MappingProxyType({code: frozenset(lands) for code, lands in table.items()})


def lands_for_postcode(postcode: str) -> frozenset[str]:
    """ISO 3166-2 codes of the Länder served by a German 5-digit postcode.

    Surrounding whitespace is ignored. Returns an empty frozenset when the value is not exactly
    five ASCII digits or the postcode is not in the table (unknown postcode, PO-box or
    large-recipient code). More than one code means the postcode is shared by several Länder.
    """
    candidate = postcode.strip()
    if _POSTCODE_RE.fullmatch(candidate) is None:
        return frozenset()
    return _table().get(candidate, frozenset())
