"""Fixtures several test folders share. A folder's conftest imports the ones it uses, so
they apply there (autouse ones included) and nowhere else."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from haertefall.accounts.models import User


@pytest.fixture(autouse=True)
def upload_root(settings: Settings, tmp_path: Path) -> Path:
    """Every test stores uploads in its own folder, so leftovers are visible and isolated.
    (The browser tests' live server runs in the test process and sees the same setting.)"""
    root = tmp_path / "uploads"
    settings.UPLOAD_ROOT = root
    return root


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        # English, so page texts are the msgids whether or not the catalogue is compiled.
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def owner_client(owner: User, client_for: Callable[[User | None], Client]) -> Client:
    """The folder's `owner`, logged in, in English."""
    return client_for(owner)
