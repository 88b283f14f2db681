"""Only the newest packages of a case are kept; older ones leave no file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.package import Package
from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase
from haertefall.packages.models import BuiltPackage, EmailPart
from haertefall.packages.services import KEEP_PER_CASE, delete_packages
from tests.packages.helpers import create, store

pytestmark = pytest.mark.django_db


def package_files(root: Path) -> list[Path]:
    return sorted(path for path in (root / "packages").rglob("*") if path.is_file())


def test_the_fourth_package_removes_the_oldest_with_its_files(
    owner: User, eze_with_scans: LoadedCase, split_draft: Package, upload_root: Path
) -> None:
    case = create(owner, eze_with_scans)
    first = store(case, split_draft, split_mb=1)
    first_files = [Path(first.file.path), *(Path(p.file.path) for p in first.email_parts.all())]
    later = [store(case, split_draft, split_mb=1) for _ in range(KEEP_PER_CASE)]

    kept = list(BuiltPackage.objects.filter(case=case).order_by("created"))

    assert kept == later
    assert not any(path.exists() for path in first_files)
    assert not EmailPart.objects.filter(package_id=first.pk).exists()
    parts_per_package = len(split_draft.email_parts)
    assert len(package_files(upload_root)) == KEEP_PER_CASE * (1 + parts_per_package)


def test_pruning_one_case_leaves_the_packages_of_another_alone(
    owner: User, eze: LoadedCase, eze_draft: Package
) -> None:
    case = create(owner, eze)
    other = create(owner, eze)
    others = store(other, eze_draft)

    for _ in range(KEEP_PER_CASE + 1):
        store(case, eze_draft)

    assert BuiltPackage.objects.filter(case=case).count() == KEEP_PER_CASE
    assert BuiltPackage.objects.get(case=other) == others
    assert Path(others.file.path).exists()


def test_deleting_a_package_whose_file_is_already_gone_still_removes_the_row(
    owner: User, eze: LoadedCase, eze_draft: Package
) -> None:
    package = store(create(owner, eze), eze_draft)
    Path(package.file.path).unlink()

    delete_packages([package])

    assert not BuiltPackage.objects.exists()
