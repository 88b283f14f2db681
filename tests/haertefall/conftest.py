from pathlib import Path

import pytest
from pytest_django import Settings

from haertefall.accounts.models import User


@pytest.fixture(autouse=True)
def upload_root(settings: Settings, tmp_path: Path) -> Path:
    """Every test stores uploads in its own folder, so leftovers are visible and isolated."""
    root = tmp_path / "uploads"
    settings.UPLOAD_ROOT = root
    return root


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user("amina@example.org")
