"""Sharing with an advice centre: explicit consent, recorded; withdrawing it; consent to
changes; a case a counsellor starts for a client and the client takes over."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User
from haertefall.cases.models import Case, Status
from haertefall.review.consent import CONSENT_VERSION
from haertefall.review.models import (
    AuditAction,
    AuditEvent,
    CaseShare,
    ClientInvitation,
    Organisation,
    ShareBasis,
)
from tests.review.helpers import active_share

pytestmark = pytest.mark.django_db


def test_the_share_page_says_what_counsellors_see_and_that_consent_can_be_withdrawn(
    case: Case, owner: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    html = client_for(owner).get(reverse("review:share", args=[case.pk])).content.decode()

    assert "What the counsellors will see and do" in html
    assert "You can withdraw your consent at any time" in html
    assert "Beratungsstelle Nord (Dortmund)" in html


def test_sharing_without_ticking_the_consent_is_refused(
    case: Case, owner: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(owner).post(
        reverse("review:share", args=[case.pk]), {"organisation": str(centre.pk)}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert 'href="#id_consent"' in html
    assert not CaseShare.objects.exists()


def test_sharing_records_the_consent_its_time_and_wording(
    case: Case, owner: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(owner).post(
        reverse("review:share", args=[case.pk]),
        {"organisation": str(centre.pk), "consent": "on"},
    )

    assert response.status_code == 302
    share = active_share(case)
    assert share.organisation == centre
    assert share.basis == ShareBasis.CONSENT
    assert share.consent_by == owner
    assert share.consent_given is not None
    assert share.consent_version == CONSENT_VERSION
    assert share.can_edit is False and share.edit_consent_given is None
    event = AuditEvent.objects.get(case=case, action=AuditAction.SHARED)
    assert event.detail == {"organisation": str(centre.pk), "can_edit": False}


def test_consent_to_changes_can_be_given_and_taken_back(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    owner_client = client_for(owner)
    counsellor_client = client_for(counsellor)
    share = active_share(shared_case)
    step = reverse("wizard:step", args=[shared_case.pk, "haushalt"])
    consent = reverse("review:edit_consent", args=[shared_case.pk, share.pk])
    refused = counsellor_client.get(step)
    assert refused.status_code == 403
    assert "You may not do this" in refused.content.decode()

    owner_client.post(consent, {"allow": "1"})
    assert counsellor_client.get(step).status_code == 200
    share.refresh_from_db()
    assert share.edit_consent_given is not None

    owner_client.post(consent, {"allow": "0"})
    assert counsellor_client.get(step).status_code == 403
    actions = list(
        AuditEvent.objects.filter(
            case=shared_case,
            action__in=[AuditAction.EDIT_CONSENT_GIVEN, AuditAction.EDIT_CONSENT_WITHDRAWN],
        ).values_list("action", flat=True)
    )
    assert actions == [AuditAction.EDIT_CONSENT_GIVEN, AuditAction.EDIT_CONSENT_WITHDRAWN]


def test_withdrawn_consent_leaves_a_record_and_can_be_given_again(
    shared_case: Case,
    owner: User,
    centre: Organisation,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    client = client_for(owner)
    first = active_share(shared_case)
    client.post(reverse("review:withdraw", args=[shared_case.pk, first.pk]))
    assert (
        client_for(counsellor).get(reverse("review:case", args=[shared_case.pk])).status_code == 404
    )

    client.post(
        reverse("review:share", args=[shared_case.pk]),
        {"organisation": str(centre.pk), "consent": "on", "can_edit": "on"},
    )

    first.refresh_from_db()
    assert first.withdrawn is not None and first.withdrawn_by == owner
    second = active_share(shared_case)
    assert second.pk != first.pk and second.can_edit
    assert (
        client_for(counsellor).get(reverse("review:case", args=[shared_case.pk])).status_code == 200
    )


def test_my_applications_shows_with_whom_a_case_is_shared(
    shared_case: Case, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    html = client_for(owner).get(reverse("wizard:case_list")).content.decode()

    assert "Shared with" in html
    assert "Beratungsstelle Nord (Dortmund)" in html
    assert reverse("review:applicant", args=[shared_case.pk]) in html


def test_sending_for_review_from_the_applicants_page(
    shared_case: Case, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(owner)
    page = client.get(reverse("review:applicant", args=[shared_case.pk])).content.decode()
    assert 'id="submit-for-review"' in page

    response = client.post(reverse("review:submit", args=[shared_case.pk]))

    assert response["Location"] == reverse("review:applicant", args=[shared_case.pk])
    shared_case.refresh_from_db()
    assert shared_case.status == Status.IN_REVIEW


def test_a_case_that_is_not_shared_cannot_be_sent_for_review(
    case: Case, owner: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(owner).post(reverse("review:submit", args=[case.pk]))

    assert response["Location"] == reverse("review:share", args=[case.pk])
    case.refresh_from_db()
    assert case.status == Status.DRAFT


# --------------------------------------------------------------------------------------------
# A case a counsellor starts for a client


def start_for_client(
    client: Client, centre: Organisation, on_commit: Any, email: str = "klientin@example.org"
) -> tuple[Case, str]:
    """Start a case as a counsellor; returns it and the link the client got by e-mail."""
    with on_commit(execute=True):
        response = client.post(
            reverse("review:case_new"),
            {"organisation": str(centre.pk), "target": "hfk_nrw", "client_email": email},
        )
    assert response.status_code == 302
    case = Case.objects.get()
    links = re.findall(
        r"https://testserver(/antraege/uebernehmen/[^/\s]+/)", str(mail.outbox[-1].body)
    )
    assert len(links) == 1
    return case, links[0]


def test_a_counsellor_starts_a_case_and_the_client_is_invited_by_e_mail(
    counsellor: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, link = start_for_client(
        client_for(counsellor), centre, django_capture_on_commit_callbacks
    )

    assert case.owner == counsellor
    share = active_share(case)
    assert share.basis == ShareBasis.ORGANISATION_CASE and share.consent_given is None
    assert mail.outbox[-1].to == ["klientin@example.org"]
    invitation = ClientInvitation.objects.get()
    # Only the hash of the link's secret is stored.
    assert link.split("/")[-2] not in invitation.token_hash


def test_the_client_takes_the_case_over_and_gives_consent(
    counsellor: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, link = start_for_client(
        client_for(counsellor), centre, django_capture_on_commit_callbacks
    )
    client = User.objects.create_user("klientin@example.org", "a client password")
    client_browser = client_for(client)
    page = client_browser.get(link)
    assert page.status_code == 200
    assert "What the counsellors will see and do" in page.content.decode()

    response = client_browser.post(link, {"consent": "on"})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.owner == client
    share = active_share(case)
    assert share.basis == ShareBasis.CONSENT
    assert share.consent_by == client and share.consent_version == CONSENT_VERSION
    assert share.can_edit is False
    assert client_for(counsellor).get(reverse("review:case", args=[case.pk])).status_code == 200
    assert client_browser.get(reverse("wizard:check", args=[case.pk])).status_code == 200
    # The link works once.
    assert client_browser.get(link).status_code == 404
    assert AuditEvent.objects.filter(
        case=case, action=AuditAction.OWNERSHIP_TRANSFERRED, actor=client
    ).exists()


def test_the_invitation_link_works_only_for_the_invited_address(
    counsellor: User,
    other_applicant: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case, link = start_for_client(
        client_for(counsellor), centre, django_capture_on_commit_callbacks
    )

    response = client_for(other_applicant).post(link, {"consent": "on"})

    assert response.status_code == 404
    case.refresh_from_db()
    assert case.owner == counsellor


def test_only_counsellors_start_cases_for_clients(
    other_applicant: User, client_for: Callable[[User | None], Client]
) -> None:
    assert client_for(other_applicant).get(reverse("review:case_new")).status_code == 404
