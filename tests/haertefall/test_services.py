"""Every save of a case's content is a new revision, guarded by the version it was based on."""

from pathlib import Path

import pytest

from eligibility.facts import CaseFormatError
from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, Status, StoredFile
from haertefall.cases.services import StaleCaseError, do_create_case, do_save_revision
from tests.haertefall.builders import (
    minimal_case,
    rich_hardship_case,
    rich_hardship_files,
    with_changes,
)

pytestmark = pytest.mark.django_db


def test_new_case_has_its_content_as_revision_one(owner: User) -> None:
    document = rich_hardship_case()

    case = do_create_case(owner, document, rich_hardship_files(), step="import")

    case.refresh_from_db()
    assert (case.version, case.status, case.target, case.owner) == (
        1,
        Status.DRAFT,
        "hfk_nrw",
        owner,
    )
    revision = CaseRevision.objects.get(case=case)
    assert (revision.number, revision.step, revision.author) == (1, "import", owner)
    assert case.document == document
    assert case.files.count() == 3


def test_saving_adds_a_revision_and_bumps_the_version(owner: User) -> None:
    case = do_create_case(owner, minimal_case(), {}, step="import")
    changed = with_changes(minimal_case(), reference_date="2026-11-01")

    revision = do_save_revision(case, changed, owner, step="persons", expected_version=1)

    assert (revision.number, revision.step) == (2, "persons")
    assert case.version == 2
    case.refresh_from_db()
    assert case.version == 2
    assert case.document == changed
    assert list(case.revisions.values_list("number", flat=True)) == [1, 2]
    assert case.revisions.get(number=1).document == minimal_case()


def test_saving_a_new_target_moves_the_case(owner: User) -> None:
    case = do_create_case(owner, minimal_case(), {}, step="import")

    do_save_revision(
        case, with_changes(minimal_case(), target="hfk_nrw"), owner, "target", expected_version=1
    )

    assert Case.objects.get(pk=case.pk).target == "hfk_nrw"


def test_save_based_on_an_old_version_is_refused(owner: User) -> None:
    case = do_create_case(owner, minimal_case(), {}, step="import")
    other_tab = Case.objects.get(pk=case.pk)
    do_save_revision(case, with_changes(minimal_case(), reference_date="2026-11-01"), owner, "a", 1)

    with pytest.raises(StaleCaseError) as raised:
        do_save_revision(
            other_tab, with_changes(minimal_case(), channel="post"), owner, "b", expected_version=1
        )

    assert (raised.value.expected_version, raised.value.current_version) == (1, 2)
    case.refresh_from_db()
    assert case.version == 2
    assert case.revisions.count() == 2
    assert "channel" not in (case.document or {})


def test_invalid_content_is_not_saved(owner: User) -> None:
    case = do_create_case(owner, minimal_case(), {}, step="import")

    with pytest.raises(CaseFormatError):
        do_save_revision(
            case, with_changes(minimal_case(), channel="pigeon"), owner, "b", expected_version=1
        )

    case.refresh_from_db()
    assert (case.version, case.revisions.count()) == (1, 1)


def test_revision_keeps_its_content_when_the_author_account_goes(owner: User) -> None:
    case = do_create_case(owner, minimal_case(), {}, step="import")
    counsellor = User.objects.create_user("counsellor@example.org")
    do_save_revision(case, minimal_case(), counsellor, "review", expected_version=1)

    counsellor.delete()

    revision = case.revisions.get(number=2)
    assert revision.author is None
    assert revision.document == minimal_case()


def test_failed_creation_leaves_no_rows_and_no_files(
    owner: User, upload_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(CaseRevision.objects, "create", fail)

    with pytest.raises(RuntimeError):
        do_create_case(owner, rich_hardship_case(), rich_hardship_files(), step="import")

    assert (Case.objects.count(), StoredFile.objects.count()) == (0, 0)
    assert not any(path.is_file() for path in upload_root.rglob("*"))
