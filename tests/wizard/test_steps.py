"""Which steps a case has, which are complete, and where a missing fact is answered."""

from typing import Any

from haertefall.accounts.models import User
from haertefall.wizard import steps
from tests.haertefall.builders import minimal_case, rich_hardship_case
from tests.wizard.helpers import create_case


def test_a_single_person_without_health_concerns_has_no_school_or_health_step() -> None:
    assert steps.step_names(minimal_case()) == [
        "personen",
        "lebenslauf-1",
        "integration",
        "verfahren",
        "geschichte",
        "vertretung",
        "haushalt",
        "unterlagen",
    ]


def test_children_bring_the_school_step_and_a_life_history_each() -> None:
    document = minimal_case()
    document["persons"].append({"id": "p2", "role": "child"})

    names = steps.step_names(document)

    assert names[:4] == ["personen", "lebenslauf-1", "lebenslauf-2", "schule"]


def test_the_health_step_appears_only_when_someone_said_health_matters() -> None:
    document = minimal_case()
    document["persons"][0]["health"] = []
    assert steps.HEALTH not in steps.step_names(document)

    document["persons"][0]["health"] = [{}]
    assert steps.HEALTH in steps.step_names(document)


def test_step_names_carry_positions_never_names() -> None:
    document: dict[str, Any] = rich_hardship_case()

    assert all("Rahimi" not in name and "Zahra" not in name for name in steps.step_names(document))
    assert steps.split_step("lebenslauf-2") == ("lebenslauf", 2)
    assert steps.split_step("personen") == ("personen", None)


def test_progress_marks_complete_steps_and_the_current_one(owner: User) -> None:
    document = rich_hardship_case()
    case = create_case(owner, document)

    progress = steps.steps_for(case, document, current="lebenslauf-2")

    by_name = {step.name: step for step in progress}
    assert by_name["personen"].complete
    assert by_name["lebenslauf-1"].complete
    assert by_name["lebenslauf-1"].title == "Life history: Zahra Rahimi"
    assert by_name["lebenslauf-2"].current
    assert [step.current for step in progress].count(True) == 1
    assert by_name["unterlagen"].url == f"/antraege/{case.pk}/unterlagen/"
    assert by_name["verfahren"].url == f"/antraege/{case.pk}/schritt/verfahren/"


def test_a_fresh_case_has_no_complete_step(owner: User) -> None:
    document = minimal_case()
    case = create_case(owner, document)

    assert not any(step.complete for step in steps.steps_for(case, document))


def test_missing_facts_lead_to_the_step_that_asks_for_them() -> None:
    document = rich_hardship_case()

    assert steps.step_for_path(document, "persons[1].residence_history") == "lebenslauf-2"
    assert steps.step_for_path(document, "persons[0].german") == "integration"
    assert steps.step_for_path(document, "persons[0].birth_place") == "personen"
    assert steps.step_for_path(document, "persons[0].family_ties.germany") == "geschichte"
    assert steps.step_for_path(document, "narrative.life_story.text") == "geschichte"
    assert steps.step_for_path(document, "household.members_in_household") == "personen"
    assert steps.step_for_path(document, "household.rent_monthly") == "haushalt"
    assert steps.step_for_path(document, "procedures") == "verfahren"
    assert steps.step_for_path(document, "overall_25b_substantive") is None
