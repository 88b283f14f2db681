"""Notifications in the app and by e-mail when a comment is made or the status changes; they
say nothing about the case itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.review.models import Membership, Notification, NotificationKind, Organisation
from haertefall.review.services import (
    do_add_comment,
    do_approve,
    do_request_changes,
    do_submit_for_review,
)

pytestmark = pytest.mark.django_db


def comment(case: Case, counsellor: User, text: str = "Bitte Mietvertrag von Zahra Rahimi") -> None:
    do_add_comment(
        case, counsellor, step="haushalt", person_id="", field="", text=text, organisation=None
    )


def test_a_comment_notifies_the_applicant_in_the_app_and_by_e_mail_without_content(
    shared_case: Case,
    owner: User,
    counsellor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        comment(shared_case, counsellor)

    notification = Notification.objects.get()
    assert notification.recipient == owner and notification.kind == NotificationKind.COMMENT
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    text = f"{message.subject}\n{message.body}"
    for content in ("Mietvertrag", "Zahra", "Rahimi", "Härtefall", str(shared_case.pk)):
        assert content not in text
    assert f"https://testserver/benachrichtigungen/{notification.pk}/" in message.body


def test_opening_a_notification_marks_it_read_and_leads_to_the_case(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    comment(shared_case, counsellor)
    notification = Notification.objects.get()
    client = client_for(owner)
    assert "1 new notification" in client.get(reverse("wizard:case_list")).content.decode()

    response = client.get(reverse("review:notification", args=[notification.pk]))

    assert response["Location"] == reverse("review:applicant", args=[shared_case.pk])
    notification.refresh_from_db()
    assert notification.read is not None
    assert "new notification" not in client.get(reverse("wizard:case_list")).content.decode()


def test_someone_elses_notification_is_not_found(
    shared_case: Case,
    counsellor: User,
    other_applicant: User,
    client_for: Callable[[User | None], Client],
) -> None:
    comment(shared_case, counsellor)
    notification = Notification.objects.get()

    response = client_for(other_applicant).get(
        reverse("review:notification", args=[notification.pk])
    )

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read is None


def test_a_status_change_notifies_everyone_but_who_made_it(
    shared_case: Case,
    owner: User,
    counsellor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        do_submit_for_review(shared_case, owner)
        do_approve(shared_case, counsellor, shared_case.version)

    received = list(Notification.objects.order_by("pk").values_list("recipient__email", "status"))
    assert received == [("berater@example.org", "in_review"), ("amina@example.org", "approved")]
    assert [message.to for message in mail.outbox] == [
        ["berater@example.org"],
        ["amina@example.org"],
    ]


def test_once_a_counsellor_works_on_a_case_only_they_hear_about_it(
    shared_case: Case,
    owner: User,
    counsellor: User,
    centre: Organisation,
) -> None:
    colleague = User.objects.create_user("kollegin@example.org")
    Membership.objects.create(organisation=centre, user=colleague)
    do_submit_for_review(shared_case, owner)
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        "berater@example.org",
        "kollegin@example.org",
    }
    comment(shared_case, counsellor)
    Notification.objects.all().delete()

    do_request_changes(shared_case, counsellor)
    do_submit_for_review(shared_case, owner)

    received = list(Notification.objects.order_by("pk").values_list("recipient__email", "status"))
    # The colleague never touched the case: no news for them any more.
    assert received == [
        ("amina@example.org", "changes_requested"),
        ("berater@example.org", "in_review"),
    ]


def test_a_mail_server_that_is_down_does_not_break_the_comment(
    shared_case: Case,
    counsellor: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("connection refused")

    monkeypatch.setattr("haertefall.review.notify.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        comment(shared_case, counsellor)

    assert Notification.objects.count() == 1


def test_the_notifications_page_lists_them(
    shared_case: Case,
    owner: User,
    counsellor: User,
    client_for: Callable[[User | None], Client],
) -> None:
    comment(shared_case, counsellor)

    html = client_for(owner).get(reverse("review:notifications")).content.decode()

    assert "New comment" in html
    assert reverse("review:notification", args=[Notification.objects.get().pk]) in html


def test_the_header_links_show_the_unread_count_to_a_counsellor(
    shared_case: Case, owner: User, counsellor: User, rf: Any
) -> None:
    """templates/review/_nav.html, for the site header."""
    do_submit_for_review(shared_case, owner)
    request = rf.get("/")
    request.user = counsellor

    with translation.override("en"):
        html = render_to_string("review/_nav.html", request=request)

    assert reverse("review:queue") in html
    assert '<span class="badge">1<span class="visually-hidden"> unread</span></span>' in html
