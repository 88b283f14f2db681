"""The step pages as a browser uses them: save, errors, rows without JavaScript, conflicts."""

import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision
from tests.haertefall.builders import rich_hardship_case
from tests.wizard.helpers import (
    create_case,
    form_data,
    latest,
    step_url,
    submit,
    with_changes,
)

pytestmark = pytest.mark.django_db


def revisions(case: Case) -> list[CaseRevision]:
    return list(case.revisions.order_by("number"))


def title(response: Any) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match
    return match.group(1).strip()


def test_saving_the_persons_step_writes_a_revision_and_goes_on(
    logged_in: Client, new_case: Case
) -> None:
    response = submit(
        logged_in,
        step_url(new_case, "personen"),
        {
            "persons-0-given_names": "Amina",
            "persons-0-surname": "Beispiel",
            "persons-0-birth_date_day": "2",
            "persons-0-birth_date_month": "4",
            "persons-0-birth_date_year": "1988",
            "persons-0-nationality": "AF",
            "address-postcode": "30453",
            "address-city": "Hannover",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == step_url(new_case, "lebenslauf-1")
    person = latest(new_case)["persons"][0]
    assert person == {
        "id": "p1",
        "role": "applicant",
        "given_names": "Amina",
        "surname": "Beispiel",
        "birth_date": "1988-04-02",
        "nationalities": ["AF"],
    }
    assert latest(new_case)["household_address"] == {"postcode": "30453", "city": "Hannover"}
    assert [revision.step for revision in revisions(new_case)] == ["import", "personen"]
    assert revisions(new_case)[-1].author is not None


def test_a_partial_date_is_stored_as_typed(logged_in: Client, new_case: Case) -> None:
    submit(
        logged_in,
        step_url(new_case, "lebenslauf-1"),
        {
            "entry-entry_date_month": "9",
            "entry-entry_date_year": "2015",
            "residence_history-0-status": "duldung",
            "residence_history-0-start_year": "2016",
        },
    )

    person = latest(new_case)["persons"][0]
    assert person["entry_date"] == "2015-09"
    assert person["residence_history"] == [{"status": "duldung", "from": "2016"}]


def test_invalid_input_shows_a_linked_error_summary_and_keeps_everything_typed(
    logged_in: Client, new_case: Case
) -> None:
    response = submit(
        logged_in,
        step_url(new_case, "lebenslauf-1"),
        {
            "entry-entry_date_day": "31",
            "entry-entry_date_month": "2",
            "entry-entry_date_year": "2015",
            "residence_history-0-status": "duldung",
            "residence_history-0-start_year": "2019",
            "residence_history-0-end_year": "2017",
            "identity-passport_number": "P1234567",
        },
    )

    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_entry-entry_date_day"' in page
    assert 'href="#id_residence_history-0-end_day"' in page
    assert 'id="id_entry-entry_date_day"' in page
    assert "has 28 days" in page
    data = form_data(page)
    assert data["entry-entry_date_day"] == ["31"]
    assert data["identity-passport_number"] == ["P1234567"]
    assert data["residence_history-0-status"] == ["duldung"]
    assert len(revisions(new_case)) == 1


def test_a_page_without_errors_has_a_plain_title(logged_in: Client, new_case: Case) -> None:
    response = logged_in.get(step_url(new_case, "personen"))

    assert title(response).startswith("Persons and address")
    assert "error-summary" not in response.content.decode()
    assert "Step 1 of 8" in response.content.decode()


def test_the_submit_button_says_save_and_continue(logged_in: Client, new_case: Case) -> None:
    page = logged_in.get(step_url(new_case, "personen")).content.decode()

    assert ">Save and continue</button>" in page
    assert "novalidate" in page


def test_add_another_person_without_javascript_saves_and_offers_an_empty_row(
    logged_in: Client, new_case: Case
) -> None:
    url = step_url(new_case, "personen")
    response = submit(logged_in, url, {"persons-0-given_names": "Amina"}, button=("add", "persons"))

    assert response.status_code == 302
    assert response["Location"] == f"{url}?add=persons#rows-persons"
    assert latest(new_case)["persons"][0]["given_names"] == "Amina"
    page = logged_in.get(response["Location"]).content.decode()
    assert 'name="persons-TOTAL_FORMS" value="2"' in page
    assert 'id="id_persons-1-given_names"' in page

    response = logged_in.post(
        url,
        with_changes(
            form_data(page),
            {
                "persons-1-role": "child",
                "persons-1-given_names": "Omid",
                "persons-1-birth_date_year": "2016",
                "action": "save",
            },
        ),
    )

    assert response.status_code == 302
    persons = latest(new_case)["persons"]
    assert [(p["id"], p["role"], p.get("given_names")) for p in persons] == [
        ("p1", "applicant", "Amina"),
        ("p2", "child", "Omid"),
    ]
    assert latest(new_case)["household"]["members_in_household"] == ["p1", "p2"]


def test_adding_a_row_on_a_page_with_errors_keeps_the_input_and_adds_the_row(
    logged_in: Client, new_case: Case
) -> None:
    response = submit(
        logged_in,
        step_url(new_case, "lebenslauf-1"),
        {"entry-entry_date_year": "15", "residence_history-0-status": "duldung"},
        button=("add", "employment"),
    )

    assert response.status_code == 200
    data = form_data(response.content.decode())
    assert data["entry-entry_date_year"] == ["15"]
    assert data["employment-TOTAL_FORMS"] == ["1"]
    assert len(revisions(new_case)) == 1


def test_a_row_is_removed_with_its_own_button(logged_in: Client, owner: User) -> None:
    case = create_case(owner, rich_hardship_case())
    url = step_url(case, "lebenslauf-1")

    response = submit(logged_in, url, button=("remove", "residence_history-0"))

    assert response.status_code == 302
    assert response["Location"].startswith(url)
    history = latest(case)["persons"][0]["residence_history"]
    assert [entry["status"] for entry in history] == ["gestattung", "duldung"]


def test_the_applicant_cannot_be_removed(logged_in: Client, owner: User) -> None:
    case = create_case(owner, rich_hardship_case())
    url = step_url(case, "personen")
    page = logged_in.get(url).content.decode()
    assert 'value="persons-0"' not in page  # no remove button for the applicant

    response = submit(logged_in, url, button=("remove", "persons-1"))

    # Zahra's son is named in a document: refused, shown again, nothing saved.
    assert response.status_code == 200
    assert "cannot be removed" in response.content.decode()
    assert 'id="row-persons-1"' in response.content.decode()
    assert len(latest(case)["persons"]) == 2


def test_a_double_submit_does_not_add_the_person_twice(logged_in: Client, new_case: Case) -> None:
    url = step_url(new_case, "personen")
    page = logged_in.get(url + "?add=persons").content.decode()
    data = with_changes(
        form_data(page),
        {"persons-1-role": "spouse", "persons-1-given_names": "Karim", "action": "save"},
    )

    first = logged_in.post(url, data)
    second = logged_in.post(url, data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert [p["id"] for p in latest(new_case)["persons"]] == ["p1", "p2"]
    assert len(revisions(new_case)) == 2


def test_a_stale_save_from_a_second_tab_is_shown_and_nothing_is_overwritten(
    logged_in: Client, new_case: Case
) -> None:
    url = step_url(new_case, "personen")
    first_tab = form_data(logged_in.get(url).content.decode())
    second_tab = form_data(logged_in.get(url).content.decode())

    saved = logged_in.post(
        url, with_changes(first_tab, {"persons-0-given_names": "Amina", "action": "save"})
    )
    assert saved.status_code == 302

    conflict = logged_in.post(
        url, with_changes(second_tab, {"persons-0-given_names": "Aminah", "action": "save"})
    )

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "changed in the meantime" in page
    assert form_data(page)["persons-0-given_names"] == ["Aminah"]
    assert ">Amina<" in page  # what is saved now, shown beside the input
    assert latest(new_case)["persons"][0]["given_names"] == "Amina"

    # After seeing both, saving again puts the second tab's input on top.
    again = logged_in.post(url, with_changes(form_data(page), {"action": "save"}))

    assert again.status_code == 302
    assert latest(new_case)["persons"][0]["given_names"] == "Aminah"


def test_a_stale_save_with_invalid_input_keeps_the_old_version_until_corrected(
    logged_in: Client, new_case: Case
) -> None:
    url = step_url(new_case, "personen")
    stale = form_data(logged_in.get(url).content.decode())
    submit(logged_in, url, {"persons-0-given_names": "Amina"})

    response = logged_in.post(
        url, with_changes(stale, {"address-postcode": "123", "action": "save"})
    )
    assert response.status_code == 200
    corrected = with_changes(
        form_data(response.content.decode()), {"address-postcode": "30453", "action": "save"}
    )

    assert logged_in.post(url, corrected).status_code == 409
    assert latest(new_case)["persons"][0]["given_names"] == "Amina"


def test_an_expired_session_loses_nothing_that_was_saved(
    client_en: Client, owner: User, new_case: Case
) -> None:
    client_en.force_login(owner)
    submit(client_en, step_url(new_case, "personen"), {"persons-0-given_names": "Amina"})

    Session.objects.all().delete()
    assert client_en.get(step_url(new_case, "lebenslauf-1")).status_code == 302

    client_en.force_login(owner)
    page = client_en.get(step_url(new_case, "personen")).content.decode()
    assert form_data(page)["persons-0-given_names"] == ["Amina"]
    assert client_en.get(step_url(new_case, "lebenslauf-1")).status_code == 200


def test_get_requests_never_change_the_case(logged_in: Client, owner: User) -> None:
    case = create_case(owner, rich_hardship_case())
    before = latest(case)
    for step in ("personen", "lebenslauf-1", "verfahren", "gesundheit", "geschichte"):
        logged_in.get(step_url(case, step) + "?add=persons")
    logged_in.get(f"/antraege/{case.pk}/pruefen/")
    logged_in.get(f"/antraege/{case.pk}/bewertung/")

    assert latest(case) == before
    assert case.revisions.count() == 1


def test_a_step_that_does_not_apply_is_skipped(logged_in: Client, new_case: Case) -> None:
    response = logged_in.get(step_url(new_case, "schule"))

    assert response.status_code == 302
    assert response["Location"] == step_url(new_case, "integration")


@pytest.mark.parametrize("step", ["nonsense", "lebenslauf-0", "lebenslauf"])
def test_unknown_steps_are_not_found(logged_in: Client, new_case: Case, step: str) -> None:
    assert logged_in.get(step_url(new_case, step)).status_code in (302, 404)
    assert logged_in.get(step_url(new_case, "nonsense")).status_code == 404


def test_the_life_history_of_a_removed_person_redirects(logged_in: Client, new_case: Case) -> None:
    response = logged_in.get(step_url(new_case, "lebenslauf-5"))

    assert response.status_code == 302


def test_saying_health_matters_opens_the_health_step(logged_in: Client, new_case: Case) -> None:
    response = submit(
        logged_in,
        step_url(new_case, "lebenslauf-1"),
        {
            "residence_history-0-status": "duldung",
            "residence_history-0-start_year": "2016",
            "health-health_relevant": "yes",
        },
    )
    assert response["Location"] == step_url(new_case, "integration")

    page = logged_in.get(step_url(new_case, "gesundheit"))
    assert page.status_code == 200
    response = submit(
        logged_in,
        step_url(new_case, "gesundheit"),
        {
            "persons-0-health-0-condition": "Depression",
            "persons-0-health-0-report_date_day": "1",
            "persons-0-health-0-report_date_month": "9",
            "persons-0-health-0-report_date_year": "2026",
            "persons-0-health-0-limits": ["german"],
        },
    )

    assert response.status_code == 302
    assert latest(new_case)["persons"][0]["health"] == [
        {"condition": "Depression", "report_date": "2026-09-01", "limits": ["german"]}
    ]


def test_a_change_from_the_check_page_returns_there(logged_in: Client, new_case: Case) -> None:
    url = step_url(new_case, "haushalt") + "?next=pruefen"
    response = submit(logged_in, url, {"rent-rent_monthly": "780,00"})

    assert response.status_code == 302
    assert response["Location"] == f"/antraege/{new_case.pk}/pruefen/#step-haushalt"
    assert latest(new_case)["household"]["rent_monthly"] == "780.00"


def test_an_unknown_return_target_is_ignored(logged_in: Client, new_case: Case) -> None:
    url = step_url(new_case, "haushalt") + "?next=https://example.org/"
    response = submit(logged_in, url)

    assert response["Location"] == f"/antraege/{new_case.pk}/unterlagen/"


def test_save_and_finish_later_goes_to_my_applications(logged_in: Client, new_case: Case) -> None:
    response = submit(
        logged_in,
        step_url(new_case, "vertretung"),
        {"representative-has_representative": "no"},
        button=("action", "later"),
    )

    assert response["Location"] == "/antraege/"
    assert latest(new_case)["representative"] is None


INVALID_INPUT = [
    ("personen", {"address-postcode": "441"}, "id_address-postcode", "441"),
    ("lebenslauf-1", {"entry-entry_date_month": "13"}, "id_entry-entry_date_day", "13"),
    (
        "lebenslauf-2",
        {"residence_history-0-start_year": ""},
        "id_residence_history-0-start_day",
        "",
    ),
    (
        "schule",
        {
            "children-0-certificate_date_day": "31",
            "children-0-certificate_date_month": "4",
            "children-0-certificate_date_year": "2026",
        },
        "id_children-0-certificate_date_day",
        "31",
    ),
    ("integration", {"persons-0-german_date_year": "19"}, "id_persons-0-german_date_day", "19"),
    (
        "verfahren",
        {"procedures-0-filed_day": "30", "procedures-0-filed_month": "2"},
        "id_procedures-0-filed_day",
        "30",
    ),
    (
        "gesundheit",
        {"persons-0-health-0-limits": ["none", "work"]},
        "id_persons-0-health-0-limits_0",
        None,
    ),
    ("geschichte", {"request-text": "Bitte.", "request-language": ""}, "id_request-language", None),
    (
        "vertretung",
        {"representative-has_representative": "yes", "representative-kind": ""},
        "id_representative-kind",
        None,
    ),
    ("haushalt", {"rent-rent_monthly": "achthundert"}, "id_rent-rent_monthly", "achthundert"),
]


@pytest.mark.parametrize(
    ("step", "changes", "anchor", "kept"), INVALID_INPUT, ids=[row[0] for row in INVALID_INPUT]
)
def test_every_step_explains_invalid_input_and_keeps_it(
    logged_in: Client,
    owner: User,
    step: str,
    changes: dict[str, Any],
    anchor: str,
    kept: str | None,
) -> None:
    case = create_case(owner, rich_hardship_case())
    before = latest(case)

    response = submit(logged_in, step_url(case, step), changes)

    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    page = response.content.decode()
    assert f'href="#{anchor}"' in page
    assert f'id="{anchor}"' in page
    if kept is not None:
        # What was typed comes back exactly, even when it is wrong.
        assert form_data(page)[next(iter(changes))] == [kept]
    assert latest(case) == before
    assert case.revisions.count() == 1
