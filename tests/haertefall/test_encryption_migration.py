"""The migration to encryption at rest seals what an existing installation already holds.

The check runs in a process of its own on a database of its own: migrating the shared test
database backwards would need every data step to be reversible, which sealing is not meant to be.
"""

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_existing_answers_comments_and_files_are_sealed_and_still_read(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.haertefall.encryption_migration_check", str(tmp_path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "sealed and readable"
