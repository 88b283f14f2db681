"""An organisation admin invites counsellors and removes them; counsellors may leave."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.models import CounsellorInvitation, Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def invite(
    admin_client: Client, centre: Organisation, on_commit: Any, email: str = "neu@example.org"
) -> str:
    """Invite `email`; returns the path of the link in the e-mail."""
    with on_commit(execute=True):
        response = admin_client.post(
            reverse("review:invite", args=[centre.pk]), {"email": email, "role": "counsellor"}
        )
    assert response.status_code == 302
    (link,) = re.findall(
        r"https://testserver(/beratung/einladung/[^/\s]+/)", str(mail.outbox[-1].body)
    )
    return str(link)


def test_an_admin_invites_a_counsellor_who_then_sees_the_shared_cases(
    shared_case: Case,
    centre_admin: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = invite(client_for(centre_admin), centre, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["neu@example.org"]
    assert "Beratungsstelle Nord" in mail.outbox[-1].subject
    newcomer = User.objects.create_user("neu@example.org", "a newcomer password")
    client = client_for(newcomer)
    assert client.get(reverse("review:case", args=[shared_case.pk])).status_code == 404

    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response["Location"] == reverse("review:queue")
    membership = Membership.objects.active().get(user=newcomer)
    assert membership.organisation == centre and membership.role == Role.COUNSELLOR
    assert client.get(reverse("review:case", args=[shared_case.pk])).status_code == 200
    assert client.post(link).status_code == 404  # used


def test_an_invitation_expires(
    centre_admin: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = invite(client_for(centre_admin), centre, django_capture_on_commit_callbacks)
    CounsellorInvitation.objects.update(expires=timezone.now() - timedelta(minutes=1))
    newcomer = User.objects.create_user("neu@example.org", "a newcomer password")

    response = client_for(newcomer).post(link)

    assert response.status_code == 404
    assert not Membership.objects.filter(user=newcomer).exists()


def test_an_invitation_is_for_the_invited_address_only(
    centre_admin: User,
    other_applicant: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = invite(client_for(centre_admin), centre, django_capture_on_commit_callbacks)

    assert client_for(other_applicant).post(link).status_code == 404
    assert not Membership.objects.filter(user=other_applicant).exists()


def test_a_counsellor_who_is_not_admin_cannot_invite(
    counsellor: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(counsellor)
    assert client.get(reverse("review:organisation", args=[centre.pk])).status_code == 200

    response = client.post(
        reverse("review:invite", args=[centre.pk]), {"email": "x@example.org", "role": "admin"}
    )

    assert response.status_code == 403
    assert not CounsellorInvitation.objects.exists()


def test_strangers_do_not_see_an_organisation(
    other_counsellor: User,
    other_applicant: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
) -> None:
    for user in (other_counsellor, other_applicant):
        client = client_for(user)
        assert client.get(reverse("review:organisation", args=[centre.pk])).status_code == 404
        assert client.post(reverse("review:invite", args=[centre.pk])).status_code == 404


def test_an_admin_removes_a_counsellor_whose_access_ends_at_once(
    shared_case: Case,
    centre_admin: User,
    counsellor: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
) -> None:
    counsellor_client = client_for(counsellor)
    assert counsellor_client.get(reverse("review:case", args=[shared_case.pk])).status_code == 200
    membership = Membership.objects.get(user=counsellor)

    client_for(centre_admin).post(reverse("review:end_membership", args=[centre.pk, membership.pk]))

    membership.refresh_from_db()
    assert membership.left is not None
    assert counsellor_client.get(reverse("review:case", args=[shared_case.pk])).status_code == 404


def test_a_counsellor_cannot_remove_a_colleague(
    counsellor: User,
    centre_admin: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
) -> None:
    admin_membership = Membership.objects.get(user=centre_admin)

    response = client_for(counsellor).post(
        reverse("review:end_membership", args=[centre.pk, admin_membership.pk])
    )

    assert response.status_code == 403
    admin_membership.refresh_from_db()
    assert admin_membership.left is None


def test_the_last_admin_cannot_leave(
    centre_admin: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    membership = Membership.objects.get(user=centre_admin)

    client_for(centre_admin).post(reverse("review:end_membership", args=[centre.pk, membership.pk]))

    membership.refresh_from_db()
    assert membership.left is None
