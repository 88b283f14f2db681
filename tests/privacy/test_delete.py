from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, StoredFile
from haertefall.packages.models import BuiltPackage, EmailPart
from haertefall.privacy.models import DeletionReason, DeletionRecord
from haertefall.privacy.services import do_delete_account
from haertefall.review.models import (
    AuditEvent,
    CaseShare,
    Comment,
    Notification,
    Organisation,
    ReviewMark,
)
from haertefall.review.services import do_add_comment
from tests.privacy.conftest import PASSWORD, files_under
from tests.privacy.helpers import case_with_files
from tests.review.helpers import change, share

ClientFor = Callable[[User | None], Client]
CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


def add_package(case: Case) -> BuiltPackage:
    """A built package with one e-mail part, stored like the builder stores it (no rendering:
    only the rows and the bytes on disk matter here)."""
    package = BuiltPackage(
        case=case,
        revision_number=1,
        draft=True,
        options={},
        page_count=1,
        size=9,
        sha256="0" * 64,
        download_name="Antrag.pdf",
        parts=[],
        notices=[],
    )
    package.file.save("", ContentFile(b"%PDF-1.7\n"), save=False)
    package.save()
    part = EmailPart(
        package=package,
        number=1,
        total=1,
        size=9,
        sha256="0" * 64,
        download_name="Antrag-1.pdf",
        subject="",
        body="",
        anlagen=[],
    )
    part.file.save("", ContentFile(b"%PDF-1.7\n"), save=False)
    part.save()
    return package


def test_deleting_the_account_removes_rows_and_every_file_on_disk(
    owner: User,
    counsellor: User,
    centre: Organisation,
    client_for: ClientFor,
    upload_root: Path,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    cases = [case_with_files(owner), case_with_files(owner)]
    for case in cases:
        share(case, owner, centre)
        do_add_comment(
            case,
            counsellor,
            step="antrag",
            person_id="",
            field="",
            text="Bitte prüfen.",
            organisation=centre,
        )
        ReviewMark.objects.create(case=case, counsellor=counsellor, revision=1)
        add_package(case)
    case_ids = [case.pk for case in cases]
    before = files_under(upload_root)
    # Evidence and package bytes of both cases are really on disk before.
    assert len(before) == 2 * (4 + 2)

    # The bytes go once the transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            reverse("privacy:delete_account"), {"email": owner.email, "password": PASSWORD}
        )

    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not Case.objects.filter(pk__in=case_ids).exists()
    for model in (
        CaseRevision,
        StoredFile,
        BuiltPackage,
        CaseShare,
        Comment,
        Notification,
        ReviewMark,
        AuditEvent,
    ):
        assert not model.objects.filter(case_id__in=case_ids).exists(), model.__name__
    assert not EmailPart.objects.filter(package__case_id__in=case_ids).exists()
    assert not any(path.exists() for path in before)
    assert files_under(upload_root) == set()
    assert not any((upload_root / str(case_id)).exists() for case_id in case_ids)
    # What survives is the fact of the deletion: ids and the reason.
    assert set(DeletionRecord.objects.values_list("case_id", "reason")) == {
        (case_id, DeletionReason.ACCOUNT_DELETED) for case_id in case_ids
    }


def test_deletion_logs_the_person_out(owner: User, client_for: ClientFor) -> None:
    client = client_for(owner)
    client.post(reverse("privacy:delete_account"), {"email": owner.email, "password": PASSWORD})
    response = client.get(reverse("privacy:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_wrong_password_or_address_deletes_nothing(
    owner: User, client_for: ClientFor, upload_root: Path
) -> None:
    case = case_with_files(owner)
    before = files_under(upload_root)
    for data in (
        {"email": owner.email, "password": "not the password"},
        {"email": "someone.else@example.org", "password": PASSWORD},
        {"email": "", "password": ""},
    ):
        response = client_for(owner).post(reverse("privacy:delete_account"), data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "<title>Error:" in page
        assert 'class="error-summary"' in page
    assert Case.objects.filter(pk=case.pk).exists()
    assert User.objects.filter(pk=owner.pk).exists()
    assert files_under(upload_root) == before


def test_get_shows_the_confirmation_and_deletes_nothing(owner: User, client_for: ClientFor) -> None:
    case = case_with_files(owner)
    response = client_for(owner).get(reverse("privacy:delete_account"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert Case.objects.filter(pk=case.pk).exists()


def test_deleting_a_counsellor_leaves_client_cases_intact(
    owner: User,
    counsellor: User,
    centre: Organisation,
    upload_root: Path,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    case = case_with_files(owner)
    share(case, owner, centre)
    comment = do_add_comment(
        case,
        counsellor,
        step="antrag",
        person_id="",
        field="",
        text="Bitte prüfen.",
        organisation=centre,
    )
    change(case, counsellor, given_names="Geändert")
    own_case = case_with_files(counsellor)
    before = files_under(upload_root)
    client_files = {path for path in before if str(case.pk) in str(path)}

    with django_capture_on_commit_callbacks(execute=True):
        do_delete_account(counsellor)

    case.refresh_from_db()
    assert case.owner_id == owner.pk
    assert case.revisions.count() == 2
    assert case.files.count() == 4
    assert all(path.exists() for path in client_files)
    # What the counsellor wrote stays, without an author.
    comment.refresh_from_db()
    assert comment.author is None
    assert CaseShare.objects.filter(case=case).exists()
    # The counsellor's own case is gone, bytes included.
    assert not Case.objects.filter(pk=own_case.pk).exists()
    assert files_under(upload_root) == client_files
