import io
import os
import runpy
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases.models import Case, Status
from haertefall.privacy.models import DeletionReason, DeletionRecord, InactivityWarning
from tests.privacy.conftest import files_under
from tests.privacy.helpers import case_with_files

CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], object]]]]

LAST_CHANGE = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def days(count: float) -> datetime:
    return LAST_CHANGE + timedelta(days=count)


def purge(now: datetime, *extra: str) -> str:
    out = io.StringIO()
    call_command("purge_inactive", "--now", now.isoformat(), *extra, stdout=out)
    return out.getvalue()


def set_updated(case: Case, when: datetime) -> None:
    # QuerySet.update leaves auto_now alone, so the test decides when the last change was.
    Case.objects.filter(pk=case.pk).update(updated=when)


@pytest.fixture
def draft(owner: User) -> Case:
    case = case_with_files(owner)
    set_updated(case, LAST_CHANGE)
    return case


@pytest.fixture
def run(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> Callable[..., str]:
    def run_purge(now: datetime, *extra: str) -> str:
        # Deleted bytes leave the disk once the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            return purge(now, *extra)

    return run_purge


def test_warns_at_166_days_and_not_before(draft: Case, run: Callable[..., str]) -> None:
    run(days(165.9))
    assert mail.outbox == []
    assert not InactivityWarning.objects.exists()

    output = run(days(166))

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [draft.owner.email]
    assert InactivityWarning.objects.get(case=draft).sent == days(166)
    assert f"warn: case {draft.pk}" in output
    assert Case.objects.filter(pk=draft.pk).exists()


def test_warning_mail_has_a_link_and_no_case_content(draft: Case, run: Callable[..., str]) -> None:
    run(days(166))
    (message,) = mail.outbox
    text = f"{message.subject}\n{message.body}"
    assert "/antraege/" in message.body
    document = draft.document
    assert document is not None
    for person in document["persons"]:
        for value in (person.get("given_names"), person.get("family_name")):
            if value:
                assert value not in text
    assert str(draft.pk) not in text


def test_deletes_at_180_days_and_not_before(
    draft: Case, run: Callable[..., str], upload_root: Path
) -> None:
    on_disk = files_under(upload_root)
    assert on_disk
    run(days(166))
    run(days(179.9))
    assert Case.objects.filter(pk=draft.pk).exists()
    assert all(path.exists() for path in on_disk)

    output = run(days(180))

    assert f"delete: case {draft.pk}" in output
    assert not Case.objects.filter(pk=draft.pk).exists()
    assert files_under(upload_root) == set()
    assert DeletionRecord.objects.get(case_id=draft.pk).reason == DeletionReason.INACTIVE


def test_running_twice_warns_once_and_deletes_nothing_more(
    draft: Case, owner: User, run: Callable[..., str]
) -> None:
    younger = case_with_files(owner)
    set_updated(younger, days(20))
    run(days(166))
    run(days(166))
    run(days(170))
    assert len(mail.outbox) == 1

    run(days(180))
    assert not Case.objects.filter(pk=draft.pk).exists()
    run(days(180))
    output = run(days(181))

    assert "0 warned, 0 deleted" in output
    assert Case.objects.filter(pk=younger.pk).exists()
    assert DeletionRecord.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_change_after_the_warning_starts_a_new_cycle(
    draft: Case, run: Callable[..., str]
) -> None:
    run(days(166))
    set_updated(draft, days(170))

    run(days(180))
    run(days(170 + 165))
    assert Case.objects.filter(pk=draft.pk).exists()
    assert len(mail.outbox) == 1

    run(days(170 + 166))
    assert len(mail.outbox) == 2
    run(days(170 + 180))
    assert not Case.objects.filter(pk=draft.pk).exists()


def test_a_draft_never_warned_is_warned_before_it_is_deleted(
    draft: Case, run: Callable[..., str]
) -> None:
    # E.g. the command was not run for a while: nobody loses a case without notice.
    run(days(300))
    assert Case.objects.filter(pk=draft.pk).exists()
    assert len(mail.outbox) == 1
    run(days(313.9))
    assert Case.objects.filter(pk=draft.pk).exists()
    run(days(314))
    assert not Case.objects.filter(pk=draft.pk).exists()


def test_dry_run_changes_nothing(draft: Case, run: Callable[..., str], upload_root: Path) -> None:
    on_disk = files_under(upload_root)
    output = run(days(166), "--dry-run")
    assert f"would warn: case {draft.pk}" in output
    assert mail.outbox == []
    assert not InactivityWarning.objects.exists()

    run(days(166))
    output = run(days(180), "--dry-run")

    assert f"would delete: case {draft.pk}" in output
    assert Case.objects.filter(pk=draft.pk).exists()
    assert files_under(upload_root) == on_disk
    assert not DeletionRecord.objects.exists()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "status", [Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED, Status.EXPORTED]
)
def test_cases_that_are_not_drafts_are_never_purged(
    draft: Case, status: Status, run: Callable[..., str]
) -> None:
    Case.objects.filter(pk=draft.pk).update(status=status)
    run(days(166))
    run(days(400))
    run(days(1000))
    assert Case.objects.filter(pk=draft.pk).exists()
    assert mail.outbox == []


def test_the_periods_come_from_the_settings(
    draft: Case, run: Callable[..., str], settings: Settings
) -> None:
    settings.INACTIVE_DRAFT_DAYS = 30
    settings.INACTIVE_WARNING_DAYS = 7
    run(days(22.9))
    assert mail.outbox == []
    run(days(23))
    assert len(mail.outbox) == 1
    run(days(29.9))
    assert Case.objects.filter(pk=draft.pk).exists()
    run(days(30))
    assert not Case.objects.filter(pk=draft.pk).exists()


def test_the_clock_can_also_be_frozen(
    draft: Case, run: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: days(166))
    with io.StringIO() as out:
        call_command("purge_inactive", stdout=out)
    assert len(mail.outbox) == 1


def test_a_bad_now_is_a_clear_error(db: None) -> None:
    with pytest.raises(CommandError, match="--now"):
        call_command("purge_inactive", "--now", "next tuesday")


def test_settings_read_the_periods_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings_file = Path(__file__).resolve().parents[2] / "haertefall" / "settings.py"
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    monkeypatch.delenv("INACTIVE_DRAFT_DAYS", raising=False)
    monkeypatch.delenv("INACTIVE_WARNING_DAYS", raising=False)
    defaults = runpy.run_path(str(settings_file))
    assert (defaults["INACTIVE_DRAFT_DAYS"], defaults["INACTIVE_WARNING_DAYS"]) == (180, 14)

    monkeypatch.setenv("INACTIVE_DRAFT_DAYS", "90")
    monkeypatch.setenv("INACTIVE_WARNING_DAYS", "10")
    configured = runpy.run_path(str(settings_file))
    assert (configured["INACTIVE_DRAFT_DAYS"], configured["INACTIVE_WARNING_DAYS"]) == (90, 10)


@pytest.mark.django_db
def test_spooled_uploads_a_killed_worker_left_behind_are_removed(
    settings: Settings, tmp_path: Path
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    now = datetime.now(tz=UTC)
    left_behind = tmp_path / "tmpa1b2c3.upload.pdf"
    in_progress = tmp_path / "tmpd4e5f6.upload.jpg"
    unrelated = tmp_path / "notes.txt"
    for path in (left_behind, in_progress, unrelated):
        path.write_bytes(b"%PDF-1.7 someone's medical report")
    two_hours_ago = (now - timedelta(hours=2)).timestamp()
    for path in (left_behind, unrelated):
        os.utime(path, (two_hours_ago, two_hours_ago))

    dry = purge(now, "--dry-run")
    assert left_behind.exists()
    output = purge(now)
    again = purge(now)

    assert "1 stale spooled upload(s) would be removed" in dry
    assert "1 stale spooled upload(s) removed" in output
    assert "0 stale spooled upload(s) removed" in again
    assert not left_behind.exists()
    assert in_progress.exists() and unrelated.exists()
