"""The status flow and its audit trail: draft → in_review → changes_requested ↔ in_review →
approved → exported, and any change after approval back to in_review."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import User
from haertefall.cases.models import Case, Status
from haertefall.cases.services import StaleCaseError
from haertefall.evidence.services import entry_key
from haertefall.review import audit
from haertefall.review.models import AuditAction, AuditEvent, Organisation, ReviewMark
from haertefall.review.services import (
    NotShared,
    TransitionRefused,
    do_add_comment,
    do_approve,
    do_export_package,
    do_request_changes,
    do_submit_for_review,
    final_package_allowed,
)
from tests.review.helpers import change, share

pytestmark = pytest.mark.django_db


def statuses(case: Case) -> list[tuple[str, str, str]]:
    """(actor, from, to) of every status change, oldest first."""
    return [
        (
            event.actor.email if event.actor else "",
            event.detail["from_status"],
            event.detail["to_status"],
        )
        for event in AuditEvent.objects.filter(
            case=case, action=AuditAction.STATUS_CHANGED
        ).select_related("actor")
    ]


def test_the_whole_flow_is_recorded_with_who_changed_the_status(
    shared_case: Case, owner: User, counsellor: User
) -> None:
    case = shared_case

    do_submit_for_review(case, owner)
    do_request_changes(case, counsellor, case.version)
    change(case, owner, entry_date="2015-09-02")
    do_submit_for_review(case, owner)
    do_approve(case, counsellor, case.version)
    do_export_package(case, owner, final=True, version=case.version)

    case.refresh_from_db()
    assert case.status == Status.EXPORTED
    assert statuses(case) == [
        ("amina@example.org", "draft", "in_review"),
        ("berater@example.org", "in_review", "changes_requested"),
        ("amina@example.org", "changes_requested", "in_review"),
        ("berater@example.org", "in_review", "approved"),
        ("amina@example.org", "approved", "exported"),
    ]
    exported = AuditEvent.objects.get(case=case, action=AuditAction.EXPORTED)
    assert exported.detail == {"final": True, "version": case.version}
    assert exported.actor_role == audit.OWNER


def test_review_needs_an_organisation_that_can_see_the_case(case: Case, owner: User) -> None:
    with pytest.raises(NotShared):
        do_submit_for_review(case, owner)
    case.refresh_from_db()
    assert case.status == Status.DRAFT


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CHANGES_REQUESTED, Status.EXPORTED])
def test_only_a_case_in_review_can_be_approved(
    shared_case: Case, counsellor: User, status: Status
) -> None:
    Case.objects.filter(pk=shared_case.pk).update(status=status)
    shared_case.refresh_from_db()

    with pytest.raises(TransitionRefused):
        do_approve(shared_case, counsellor, shared_case.version)

    shared_case.refresh_from_db()
    assert shared_case.status == status
    assert not AuditEvent.objects.filter(
        case=shared_case, action=AuditAction.STATUS_CHANGED
    ).exists()


def test_approving_a_version_the_counsellor_has_not_seen_is_refused(
    shared_case: Case, owner: User, counsellor: User
) -> None:
    do_submit_for_review(shared_case, owner)
    seen = shared_case.version
    change(shared_case, owner, birth_place="Kabul")

    with pytest.raises(StaleCaseError):
        do_approve(shared_case, counsellor, seen)

    shared_case.refresh_from_db()
    assert shared_case.status == Status.IN_REVIEW


@pytest.mark.parametrize("approved_status", [Status.APPROVED, Status.EXPORTED])
def test_any_change_after_approval_returns_the_case_to_review(
    shared_case: Case, owner: User, counsellor: User, approved_status: Status
) -> None:
    Case.objects.filter(pk=shared_case.pk).update(status=approved_status)

    change(shared_case, owner, birth_place="Kabul")

    shared_case.refresh_from_db()
    assert shared_case.status == Status.IN_REVIEW
    event = AuditEvent.objects.filter(case=shared_case, action=AuditAction.STATUS_CHANGED).get()
    assert event.detail == {
        "from_status": approved_status.value,
        "to_status": "in_review",
        "reason": "changed_after_approval",
        "step": "lebenslauf-1",
    }
    assert event.actor == owner


def test_a_change_through_the_documents_page_also_returns_the_case_to_review(
    shared_case: Case, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    Case.objects.filter(pk=shared_case.pk).update(status=Status.APPROVED)
    shared_case.refresh_from_db()
    client = client_for(owner)
    url = reverse("evidence:remove", args=[shared_case.pk, entry_key(shared_case, "d2")])

    response = client.post(url, {"version": str(shared_case.version)})

    assert response.status_code == 302
    shared_case.refresh_from_db()
    assert shared_case.status == Status.IN_REVIEW


def test_a_final_package_needs_an_approved_unchanged_case(
    shared_case: Case, owner: User, counsellor: User
) -> None:
    assert not final_package_allowed(shared_case)
    with pytest.raises(TransitionRefused):
        do_export_package(shared_case, owner, final=True, version=shared_case.version)

    do_submit_for_review(shared_case, owner)
    do_approve(shared_case, counsellor, shared_case.version)
    assert final_package_allowed(shared_case)
    with pytest.raises(StaleCaseError):
        do_export_package(shared_case, owner, final=True, version=shared_case.version - 1)

    do_export_package(shared_case, owner, final=True, version=shared_case.version)
    # Downloading it again is still the approved content.
    assert final_package_allowed(shared_case)
    do_export_package(shared_case, counsellor, final=True, version=shared_case.version)
    assert AuditEvent.objects.filter(case=shared_case, action=AuditAction.EXPORTED).count() == 2


def test_a_draft_package_is_recorded_but_changes_no_status(shared_case: Case, owner: User) -> None:
    do_export_package(shared_case, owner, final=False, version=shared_case.version)

    shared_case.refresh_from_db()
    assert shared_case.status == Status.DRAFT
    event = AuditEvent.objects.get(case=shared_case, action=AuditAction.EXPORTED)
    assert event.detail == {"final": False, "version": shared_case.version}


def test_approving_and_requesting_changes_mark_the_newest_version_as_reviewed(
    shared_case: Case, owner: User, counsellor: User
) -> None:
    do_submit_for_review(shared_case, owner)
    change(shared_case, owner, birth_place="Kabul")
    do_request_changes(shared_case, counsellor, shared_case.version)

    mark = ReviewMark.objects.get(case=shared_case, counsellor=counsellor)
    latest = shared_case.latest_revision()
    assert latest is not None and mark.revision == latest.number == 2


def test_the_audit_log_holds_ids_and_names_but_nothing_anybody_wrote(
    shared_case: Case, owner: User, counsellor: User
) -> None:
    do_add_comment(
        shared_case,
        counsellor,
        step="lebenslauf-1",
        person_id="p1",
        field="id_entry-entry_date_day",
        text="Geheimer Hinweis zu Frau Rahimi",
        organisation=None,
    )
    change(shared_case, owner, surname="Rahimi-Neu", birth_place="Herat-Stadt")
    do_submit_for_review(shared_case, owner)

    stored = json.dumps([event.detail for event in AuditEvent.objects.filter(case=shared_case)])
    for content in ("Geheim", "Rahimi", "Herat", "Zahra", "amina@"):
        assert content not in stored
    commented = AuditEvent.objects.get(case=shared_case, action=AuditAction.COMMENTED)
    assert commented.detail["step"] == "lebenslauf-1"
    assert commented.detail["field"] == "id_entry-entry_date_day"


def test_the_audit_refuses_a_detail_that_could_carry_content(shared_case: Case) -> None:
    with pytest.raises(ValueError, match="text"):
        audit.record(shared_case, None, AuditAction.COMMENTED, text="Hallo")


def test_a_counsellors_visits_are_recorded_once_a_day(
    shared_case: Case,
    counsellor: User,
    client_for: Callable[[User | None], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = client_for(counsellor)
    for name in ("review:case", "wizard:check", "evidence:list", "review:case"):
        assert client.get(reverse(name, args=[shared_case.pk])).status_code == 200

    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    client.get(reverse("review:case", args=[shared_case.pk]))

    days = list(
        AuditEvent.objects.filter(case=shared_case, action=AuditAction.VIEWED).values_list(
            "actor", "day"
        )
    )
    assert days == [(counsellor.pk, tomorrow - timedelta(days=1)), (counsellor.pk, tomorrow)]


def test_the_owners_own_visits_are_not_recorded(
    shared_case: Case, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    client_for(owner).get(reverse("wizard:check", args=[shared_case.pk]))

    assert not AuditEvent.objects.filter(case=shared_case, action=AuditAction.VIEWED).exists()


def test_the_audit_page_lists_who_did_what_in_words(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    do_submit_for_review(shared_case, owner)
    do_approve(shared_case, counsellor, shared_case.version)

    page = client_for(owner).get(reverse("review:audit", args=[shared_case.pk])).content.decode()

    assert "berater@example.org (counsellor)" in page
    assert "from “In review” to “Approved”" in page
    assert "shared the application" in page
    assert "Beratungsstelle Nord (Dortmund)" in page


def test_access_ends_when_the_applicant_withdraws_consent(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    counsellor_client = client_for(counsellor)
    url = reverse("review:case", args=[shared_case.pk])
    assert counsellor_client.get(url).status_code == 200
    share_id = shared_case.shares.get().pk

    client_for(owner).post(reverse("review:withdraw", args=[shared_case.pk, share_id]))

    assert counsellor_client.get(url).status_code == 404
    assert counsellor_client.get(reverse("wizard:check", args=[shared_case.pk])).status_code == 404
    assert AuditEvent.objects.filter(
        case=shared_case, action=AuditAction.CONSENT_WITHDRAWN, actor=owner
    ).exists()


def test_access_ends_when_the_counsellor_leaves_the_organisation(
    shared_case: Case,
    counsellor: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
) -> None:
    client = client_for(counsellor)
    url = reverse("review:case", args=[shared_case.pk])
    assert client.get(url).status_code == 200
    membership = counsellor.memberships.get()

    response = client.post(reverse("review:end_membership", args=[centre.pk, membership.pk]))

    assert response.status_code == 302
    assert client.get(url).status_code == 404
    assert client.get(reverse("review:queue")).status_code == 200  # "not a counsellor" page


def test_sharing_with_a_second_organisation_gives_its_counsellors_access(
    shared_case: Case,
    owner: User,
    other_counsellor: User,
    other_centre: Organisation,
    client_for: Callable[[User | None], Client],
) -> None:
    url = reverse("review:case", args=[shared_case.pk])
    assert client_for(other_counsellor).get(url).status_code == 404

    share(shared_case, owner, other_centre)

    assert client_for(other_counsellor).get(url).status_code == 200


def test_the_day_of_a_view_is_the_local_day(shared_case: Case, counsellor: User) -> None:
    audit.record_view(shared_case, counsellor)
    audit.record_view(shared_case, counsellor)

    events = AuditEvent.objects.filter(case=shared_case, action=AuditAction.VIEWED)
    assert [event.day for event in events] == [timezone.localdate()]
    assert isinstance(events[0].day, date)
