"""mapping.step_initial / apply_step: one representation, nothing lost, nothing invented."""

import copy
from pathlib import Path
from typing import Any

import pytest

from eligibility.facts import parse_case
from haertefall.wizard import steps
from haertefall.wizard.mapping import PersonGone, UnknownStep, apply_step, step_initial
from tests.haertefall.builders import minimal_case, rich_hardship_case
from tests.wizard.helpers import CORPUS, corpus_document

EDITABLE = [name for name in steps.step_names(rich_hardship_case()) if name != steps.DOCUMENTS]


def editable_steps(document: dict[str, Any]) -> list[str]:
    return [name for name in steps.step_names(document) if name != steps.DOCUMENTS]


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_applying_a_steps_own_initial_data_leaves_every_corpus_case_unchanged(path: Path) -> None:
    document = corpus_document(path)
    for step in editable_steps(document):
        result = apply_step(document, step, step_initial(document, step))

        assert result == document, step
        parse_case(result)


def test_the_rich_case_with_partial_dates_and_foreign_text_survives_every_step() -> None:
    document = rich_hardship_case()
    for step in editable_steps(document):
        assert apply_step(document, step, step_initial(document, step)) == document, step


def test_apply_step_never_changes_the_document_it_is_given() -> None:
    document = rich_hardship_case()
    before = copy.deepcopy(document)
    values = step_initial(document, "personen")
    values["persons"][0]["surname"] = "Neu"

    apply_step(document, "personen", values)

    assert document == before


def test_a_changed_answer_changes_only_its_own_key() -> None:
    document = rich_hardship_case()
    values = step_initial(document, "lebenslauf-1")
    values["employment"][0]["net_monthly"] = values["employment"][0]["net_monthly"] + 100

    result = apply_step(document, "lebenslauf-1", values)

    expected = copy.deepcopy(document)
    expected["persons"][0]["employment"][0]["net_monthly"] = "620.00"
    assert result == expected


def test_keys_the_wizard_does_not_ask_for_survive_a_changed_row() -> None:
    document = rich_hardship_case()
    document["persons"][0]["residence_history"][0]["approximate"] = True
    values = step_initial(document, "lebenslauf-1")
    values["residence_history"][0]["status"] = "none"
    values["residence_history"][0]["approximate"] = True

    result = apply_step(document, "lebenslauf-1", values)

    entry = result["persons"][0]["residence_history"][0]
    assert entry == {"status": "none", "from": "2015-06", "to": "2015-08", "approximate": True}
    assert result["persons"][0]["other_spellings"] == ["Sahra Rahimy", "زهرا رحیمی"]
    assert result["persons"][0]["caregiving"] == document["persons"][0]["caregiving"]


def test_a_new_person_gets_the_next_free_id_and_lives_in_the_household() -> None:
    document = minimal_case()
    values = step_initial(document, "personen")
    values["persons"].append(
        {
            "source": None,
            "role": "child",
            "given_names": "Omid",
            "birth_date": "2016-08",
            "in_household": True,
        }
    )

    result = apply_step(document, "personen", values)

    assert result["persons"][1] == {
        "id": "p2",
        "role": "child",
        "given_names": "Omid",
        "birth_date": "2016-08",
    }
    assert result["household"]["members_in_household"] == ["p1", "p2"]
    parse_case(result)


def test_removing_a_person_removes_them_from_the_household_and_as_a_parent() -> None:
    document = rich_hardship_case()
    document["procedures"] = []
    document["documents"] = []
    document["persons"].append({"id": "p3", "role": "child", "parents": ["p1", "p2"]})
    document["household"]["members_in_household"].append("p3")
    values = step_initial(document, "personen")
    values["persons"] = [row for row in values["persons"] if row["source"] != "p2"]

    result = apply_step(document, "personen", values)

    assert [person["id"] for person in result["persons"]] == ["p1", "p3"]
    assert result["persons"][1]["parents"] == ["p1"]
    assert result["household"]["members_in_household"] == ["p1", "p3"]
    parse_case(result)


def test_answering_yes_to_health_adds_an_empty_entry_and_no_removes_them() -> None:
    document = minimal_case()
    values = step_initial(document, "lebenslauf-1")
    assert values["health"] == {"health_relevant": None}

    values["health"]["health_relevant"] = True
    with_health = apply_step(document, "lebenslauf-1", values)
    assert with_health["persons"][0]["health"] == [{}]
    assert steps.HEALTH in steps.step_names(with_health)

    values["health"]["health_relevant"] = False
    without = apply_step(with_health, "lebenslauf-1", values)
    assert without["persons"][0]["health"] == []
    assert steps.HEALTH not in steps.step_names(without)


@pytest.mark.parametrize(
    ("ticked", "stored"),
    [([], None), (["none"], []), (["german", "work"], ["german", "work"])],
)
def test_health_limits_tell_unknown_from_none(ticked: list[str], stored: Any) -> None:
    document = minimal_case()
    document["persons"][0]["health"] = [{"condition": "Asthma"}]
    values = step_initial(document, "gesundheit")
    values["persons"][0]["health"][0]["limits"] = ticked

    result = apply_step(document, "gesundheit", values)

    assert result["persons"][0]["health"][0].get("limits") == stored


def test_no_german_level_yet_is_an_answer_not_a_gap() -> None:
    document = minimal_case()
    values = step_initial(document, "integration")
    assert values["persons"][0]["german_level"] is None

    values["persons"][0]["german_level"] = "none"
    result = apply_step(document, "integration", values)

    assert result["persons"][0]["german"] == {"level": None}
    assert step_initial(result, "integration")["persons"][0]["german_level"] == "none"


def test_a_narrative_in_another_language_keeps_its_translation() -> None:
    document = minimal_case()
    values = step_initial(document, "geschichte")
    values["life_story"] = {"language": "fa", "text": "متن", "translation_de": "Text"}

    result = apply_step(document, "geschichte", values)

    assert result["narrative"] == {
        "life_story": {"language": "fa", "text": "متن", "translation_de": "Text"}
    }


def test_saying_there_is_no_representative_is_stored_as_null() -> None:
    document = minimal_case()
    values = step_initial(document, "vertretung")
    values["representative"]["has_representative"] = False

    assert apply_step(document, "vertretung", values)["representative"] is None


def test_a_form_naming_a_person_the_case_no_longer_has_is_refused() -> None:
    document = minimal_case()
    values = step_initial(document, "lebenslauf-1")
    values["entry"]["person_id"] = "p9"

    with pytest.raises(PersonGone):
        apply_step(document, "lebenslauf-1", values)


@pytest.mark.parametrize("step", ["lebenslauf-2", "unknown", "personen-1"])
def test_unknown_steps_are_refused(step: str) -> None:
    with pytest.raises(UnknownStep):
        step_initial(minimal_case(), step)
