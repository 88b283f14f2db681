"""Every value the case format allows has a label in the interface."""

import pytest

from eligibility import facts
from haertefall.wizard import choices

PAIRS = [
    (facts.ROLES, choices.ROLES),
    (facts.SEXES, choices.SEXES),
    (facts.CHANNELS, choices.CHANNELS),
    (facts.MARITAL_STATUSES, choices.MARITAL_STATUSES),
    (facts.RESIDENCE_STATUSES, choices.RESIDENCE_STATUSES),
    (facts.CEFR_LEVELS, choices.CEFR_LEVELS),
    (facts.LANGUAGE_CERTIFICATES, choices.LANGUAGE_CERTIFICATES),
    (facts.CIVIC_TEST_KINDS, choices.CIVIC_TEST_KINDS),
    (facts.SCHOOLING_KINDS, choices.SCHOOLING_KINDS),
    (facts.SCHOOL_DEGREES, choices.SCHOOL_DEGREES),
    (facts.EMPLOYMENT_KINDS, choices.EMPLOYMENT_KINDS),
    (facts.BENEFIT_KINDS, choices.BENEFIT_KINDS),
    (facts.SANCTIONS, choices.SANCTIONS),
    (facts.OFFENCE_CATEGORIES, choices.OFFENCE_CATEGORIES),
    (facts.HEALTH_LIMITS, choices.HEALTH_LIMITS),
    (facts.INTEGRATION_KINDS, choices.INTEGRATION_KINDS),
    (facts.REPRESENTATIVE_KINDS, choices.REPRESENTATIVE_KINDS),
    (facts.PROCEDURE_KINDS, choices.PROCEDURE_KINDS),
    (facts.PROCEDURE_OUTCOMES, choices.PROCEDURE_OUTCOMES),
    (facts.DOCUMENT_CATEGORIES, choices.DOCUMENT_CATEGORIES),
    (facts.TARGETS, choices.TARGETS),
]


@pytest.mark.parametrize(("allowed", "labels"), PAIRS)
def test_every_allowed_value_has_a_label(allowed: tuple[str, ...], labels: choices.Labels) -> None:
    assert set(labels) == set(allowed)


def test_a_value_without_a_label_is_offered_as_it_is_rather_than_dropped() -> None:
    offered = choices.options(choices.RESIDENCE_BASES, keep=["60a", "16b"])

    assert ("16b", "16b") in offered
    assert [value for value, _label in offered].count("60a") == 1


def test_countries_include_kosovo_stateless_and_unclear_for_nationalities() -> None:
    codes = [code for code, _name in choices.country_options(special=True)]

    assert codes[:2] == ["XX", "unknown"]
    assert "XK" in codes
    assert "DE" in codes
    assert len(codes) == len(set(codes))
