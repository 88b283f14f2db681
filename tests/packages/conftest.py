from datetime import date

import pytest

from documents.package import Package
from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase
from tests.fixtures import client_for, owner_client, upload_root  # noqa: F401 - fixtures for this folder
from tests.packages.helpers import TODAY, build, load_corpus, noise_jpeg, with_scans


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The corpus is dated 2026-11-01; the pages assess and date the letter for 'today'."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("precious@example.org", "a long test password")


@pytest.fixture
def stranger(db: None) -> User:
    return User.objects.create_user("someone.else@example.org", "another test password")


@pytest.fixture(scope="session")
def eze() -> LoadedCase:
    """n01: a complete Härtefall petition with a power of attorney and 14 documents."""
    return load_corpus("n01-eze-koeln-ready")


@pytest.fixture(scope="session")
def diallo() -> LoadedCase:
    """n11: a Härtefall petition with two documents still to follow (incomplete)."""
    return load_corpus("n11-diallo-gelsenkirchen-unterlagen-fehlen")


@pytest.fixture(scope="session")
def eze_draft(eze: LoadedCase) -> Package:
    """A draft of n01 built once (no database): stored again wherever a test needs one."""
    return build(eze)


@pytest.fixture(scope="session")
def eze_with_scans(eze: LoadedCase) -> LoadedCase:
    """n01 with two large photos, so that its package needs more than one 1 MB e-mail."""
    return with_scans(eze, {"files/scan-1.jpg": noise_jpeg(1), "files/scan-2.jpg": noise_jpeg(2)})


@pytest.fixture(scope="session")
def split_draft(eze_with_scans: LoadedCase) -> Package:
    package = build(eze_with_scans, split_mb=1)
    assert len(package.email_details) >= 2
    return package
