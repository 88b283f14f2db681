"""Comments: written by a counsellor on a step or one question, shown on the applicant's page
of that step until someone marks them as done."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_save_revision
from haertefall.review.models import AuditAction, AuditEvent, Comment
from haertefall.review.services import do_add_comment
from tests.review.helpers import make_case

pytestmark = pytest.mark.django_db

ENTRY_DATE = "id_entry-entry_date_day"


def comment_on(case: Case, counsellor: User, step: str, field: str, text: str) -> Comment:
    person = "p1" if step == "lebenslauf-1" else "p2" if step == "lebenslauf-2" else ""
    return do_add_comment(
        case, counsellor, step=step, person_id=person, field=field, text=text, organisation=None
    )


def test_a_counsellor_comments_on_one_question_of_a_step(
    shared_case: Case, counsellor: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(counsellor)
    url = reverse("review:step", args=[shared_case.pk, "lebenslauf-1"])
    page = client.get(url + f"?feld={ENTRY_DATE}").content.decode()
    assert f'<option value="{ENTRY_DATE}" selected>' in page

    response = client.post(url, {"field": ENTRY_DATE, "text": "Bitte das genaue Datum angeben"})

    assert response.status_code == 302
    comment = Comment.objects.get(case=shared_case)
    assert (comment.step, comment.person_id, comment.field) == ("lebenslauf-1", "p1", ENTRY_DATE)
    assert comment.author == counsellor
    assert comment.organisation is not None and comment.organisation.name == "Beratungsstelle Nord"
    assert AuditEvent.objects.filter(case=shared_case, action=AuditAction.COMMENTED).count() == 1


def test_a_comment_on_a_question_the_step_does_not_have_is_refused(
    shared_case: Case, counsellor: User, client_for: Callable[[User | None], Client]
) -> None:
    url = reverse("review:step", args=[shared_case.pk, "lebenslauf-1"])

    response = client_for(counsellor).post(url, {"field": "id_nonsense", "text": "Hallo"})

    assert response.status_code == 200
    assert response.content.decode().count("<title>Error:") == 1
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused_with_an_error_linked_to_the_field(
    shared_case: Case, counsellor: User, client_for: Callable[[User | None], Client]
) -> None:
    url = reverse("review:step", args=[shared_case.pk, "haushalt"])

    html = client_for(counsellor).post(url, {"field": "", "text": "   "}).content.decode()

    assert 'href="#id_text"' in html
    assert not Comment.objects.exists()


def test_the_applicant_sees_the_comment_on_that_step_only_until_it_is_done(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    comment = comment_on(
        shared_case, counsellor, "lebenslauf-1", ENTRY_DATE, "Bitte Einreisedatum prüfen"
    )
    client = client_for(owner)
    step = reverse("wizard:step", args=[shared_case.pk, "lebenslauf-1"])
    other_step = reverse("wizard:step", args=[shared_case.pk, "haushalt"])

    page = client.get(step).content.decode()
    assert "Bitte Einreisedatum prüfen" in page
    assert f'href="#{ENTRY_DATE}"' in page
    assert "When did this person come to Germany?" in page
    assert "Bitte Einreisedatum prüfen" not in client.get(other_step).content.decode()

    response = client.post(
        reverse("review:resolve_comment", args=[shared_case.pk, comment.pk]), {"next": step}
    )

    assert response["Location"] == step
    assert 'id="comments"' not in client.get(step).content.decode()
    comment.refresh_from_db()
    assert comment.resolved is not None and comment.resolved_by == owner


def test_a_comment_follows_its_person_when_the_order_of_persons_changes(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    comment_on(shared_case, counsellor, "lebenslauf-2", "", "Schulbescheinigung von Omid fehlt")
    document = copy.deepcopy(shared_case.document)
    assert document is not None
    document["persons"].reverse()
    do_save_revision(shared_case, document, owner, "personen", shared_case.version)
    client = client_for(owner)

    first = client.get(reverse("wizard:step", args=[shared_case.pk, "lebenslauf-1"]))
    second = client.get(reverse("wizard:step", args=[shared_case.pk, "lebenslauf-2"]))

    assert "Schulbescheinigung von Omid fehlt" in first.content.decode()
    assert "Schulbescheinigung von Omid fehlt" not in second.content.decode()


def test_a_step_page_without_comments_stays_as_it_was(
    shared_case: Case, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    html = client_for(owner).get(reverse("wizard:step", args=[shared_case.pk, "haushalt"]))

    assert 'id="comments"' not in html.content.decode()


def test_the_applicants_review_page_lists_every_open_comment_with_a_link_to_its_step(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    comment_on(shared_case, counsellor, "haushalt", "", "Bitte Mietvertrag hochladen")
    comment_on(shared_case, counsellor, "unterlagen", "", "Schulbescheinigung nachreichen")

    html = client_for(owner).get(reverse("review:applicant", args=[shared_case.pk]))

    page = html.content.decode()
    assert "Bitte Mietvertrag hochladen" in page
    assert reverse("wizard:step", args=[shared_case.pk, "haushalt"]) + "#comments" in page
    assert "Schulbescheinigung nachreichen" in page
    assert reverse("evidence:list", args=[shared_case.pk]) in page


def test_the_counsellor_sees_open_comments_on_the_review_page(
    shared_case: Case, counsellor: User, client_for: Callable[[User | None], Client]
) -> None:
    comment_on(shared_case, counsellor, "lebenslauf-1", ENTRY_DATE, "Datum prüfen")

    page = client_for(counsellor).get(reverse("review:case", args=[shared_case.pk]))

    html = page.content.decode()
    assert "Datum prüfen" in html
    assert "About: Arrival: When did this person come to Germany?" in html


def test_a_comment_of_another_case_cannot_be_resolved_through_this_case(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    other = make_case(owner)
    comment = comment_on(shared_case, counsellor, "haushalt", "", "Hallo")

    response = client_for(owner).post(
        reverse("review:resolve_comment", args=[other.pk, comment.pk])
    )

    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.resolved is None
