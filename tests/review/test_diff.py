"""What changed between two versions, per step, in the wizard's words."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.diff import Change, compare, has_hidden_changes
from haertefall.review.services import do_mark_reviewed
from tests.haertefall.builders import rich_hardship_case
from tests.review.helpers import change


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def changes_of(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Change]]:
    return {section.step: section.changes for section in compare(old, new)}


def test_a_changed_entry_date_reads_like_the_question_with_both_answers() -> None:
    old = rich_hardship_case()
    old["persons"][0]["entry_date"] = "2015-09-20"
    new = copy.deepcopy(old)
    new["persons"][0]["entry_date"] = "2015-09-02"

    changes = changes_of(old, new)

    assert list(changes) == ["lebenslauf-1"]
    (entry,) = changes["lebenslauf-1"]
    assert (entry.question, entry.before, entry.after, entry.kind) == (
        "When did this person come to Germany?",
        "20.09.2015",
        "02.09.2015",
        "changed",
    )
    assert entry.place == "Arrival"


def test_a_partial_date_stays_as_partial_as_it_was_entered() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    new["persons"][0]["entry_date"] = "2015"

    (entry,) = changes_of(old, new)["lebenslauf-1"]

    assert (entry.before, entry.after) == ("08/2015", "2015")


def test_persons_are_matched_by_id_not_by_position() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    new["persons"].reverse()
    child = next(person for person in new["persons"] if person["id"] == "p2")
    child["given_names"] = "Omid Ali"

    changes = changes_of(old, new)

    # Only the name changed; the child's life history, now the first one, did not.
    assert list(changes) == ["personen"]
    (entry,) = changes["personen"]
    assert (entry.question, entry.before, entry.after) == ("Given names", "Omid", "Omid Ali")


def test_an_added_list_entry_shows_its_answers_as_added() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    new["persons"][0]["employment"].append(
        {"kind": "employee", "employer": "Bäckerei Kaya", "from": "2026-10", "to": None}
    )

    (section,) = compare(old, new)

    assert section.step == "lebenslauf-1"
    added = {entry.question: entry.after for entry in section.changes}
    assert all(entry.kind == "added" for entry in section.changes)
    assert "Bäckerei Kaya" in added.values()
    assert "10/2026" in added.values()


def test_a_removed_person_shows_on_the_persons_step() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    new["persons"] = new["persons"][:1]
    new["household"]["members_in_household"] = ["p1"]

    changes = changes_of(old, new)

    removed = [entry for entry in changes["personen"] if entry.kind == "removed"]
    assert ("Given names", "Omid") in [(entry.question, entry.before) for entry in removed]
    # The child's school step is gone as a whole; its life history shows as the removal.
    assert "lebenslauf-2" not in changes
    assert "schule" in changes


def test_a_changed_document_title_shows_on_the_documents_step() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    new["documents"][0]["title"] = "Attest Dr. Beispiel"

    (entry,) = changes_of(old, new)["unterlagen"]

    assert (entry.question, entry.after) == ("Title", "Attest Dr. Beispiel")


def test_a_file_added_to_a_listed_document_is_a_change() -> None:
    old = rich_hardship_case()
    missing = next(entry for entry in old["documents"] if not entry.get("file"))
    new = copy.deepcopy(old)
    next(entry for entry in new["documents"] if entry["id"] == missing["id"])["file"] = "f.pdf"

    (entry,) = changes_of(old, new)["unterlagen"]

    assert (entry.question, entry.before, entry.after, entry.kind) == (
        "File",
        "",
        "attached",
        "added",
    )


def test_labels_replace_codes() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    new["persons"][0]["marital_status"] = "married"

    (entry,) = changes_of(old, new)["personen"]

    assert (entry.before, entry.after) == ("widowed", "married")


def test_identical_documents_have_no_changes() -> None:
    assert compare(rich_hardship_case(), rich_hardship_case()) == []


def test_a_change_no_page_shows_is_still_reported() -> None:
    old = rich_hardship_case()
    new = copy.deepcopy(old)
    # The online application's reference number: imported cases carry it, no page asks it.
    new["local_authority"] = {**(new.get("local_authority") or {}), "online_reference": "V-1"}

    changes = compare(old, new)

    assert changes == []
    assert has_hidden_changes(old, new, changes)


@pytest.mark.django_db
def test_the_counsellor_sees_what_changed_since_the_last_review(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    do_mark_reviewed(shared_case, counsellor, 1)
    change(shared_case, owner, entry_date="2015-09-02")

    page = client_for(counsellor).get(reverse("review:changes", args=[shared_case.pk]))

    html = page.content.decode()
    assert "From version 1 (your last review) to version 2." in html
    assert "When did this person come to Germany?" in html
    assert "08/2015" in html and "02.09.2015" in html


@pytest.mark.django_db
def test_a_version_page_shows_what_that_version_changed(
    shared_case: Case,
    owner: User,
    client_for: Callable[[User | None], Client],
) -> None:
    change(shared_case, owner, birth_place="Kabul")

    html = (
        client_for(owner).get(reverse("review:revision", args=[shared_case.pk, 2])).content.decode()
    )

    assert "Place of birth" in html and "Herat" in html and "Kabul" in html
