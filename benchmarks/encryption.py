"""What encryption at rest costs: files through the sealing storage, revisions through the
sealed field, each against the same work without encryption in the same run.

- files: saving and opening a file of N MB through `upload_storage` (AES-256-GCM with the
  case key) against a plain `FileSystemStorage` in the same folder;
- revisions: creating a CaseRevision of the corpus's largest case and reading its document
  back from a fresh query, against writing and reading the same JSON as plain bytes
  (`json.dumps` / `json.loads` of the same document, same table size).

    .venv/bin/python benchmarks/encryption.py [--megabytes N] [--iterations N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASE_FILE = ROOT / "tests" / "cases" / "h01-rahimi-familie-eligible.json"


def median_ms(action: Callable[[], None], iterations: int) -> float:
    action()
    samples = []
    for _ in range(iterations):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def run(megabytes: int, iterations: int, folder: Path) -> None:
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage
    from django.core.management import call_command

    from haertefall.accounts.models import User
    from haertefall.cases.models import CaseRevision
    from haertefall.cases.services import do_create_case
    from haertefall.cases.storage import upload_storage

    settings.UPLOAD_ROOT = folder / "uploads"
    call_command("migrate", verbosity=0, interactive=False)
    owner = User.objects.create_user("benchmark@example.org")
    document: dict[str, Any] = json.loads(CASE_FILE.read_text(encoding="utf-8"))
    case = do_create_case(owner, document, {}, "import")
    plain_storage = FileSystemStorage(location=folder / "plain")
    data = os.urandom(megabytes * 1024 * 1024)

    def sealed_file() -> None:
        name = upload_storage.save(f"{case.pk}/bench", ContentFile(data))
        with upload_storage.open(name) as handle:
            assert len(handle.read()) == len(data)
        upload_storage.delete(name)

    def plain_file() -> None:
        name = plain_storage.save(f"{case.pk}/bench", ContentFile(data))
        with plain_storage.open(name) as handle:
            assert len(handle.read()) == len(data)
        plain_storage.delete(name)

    number = [1]

    def sealed_revision() -> None:
        number[0] += 1
        CaseRevision.objects.create(case=case, number=number[0], step="bench", document=document)
        stored = CaseRevision.objects.get(case=case, number=number[0])
        assert stored.document["schema"] == document["schema"]

    def plain_revision() -> None:
        # The same JSON work and the same kind of row write and read, without the sealing.
        number[0] += 1
        plaintext = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        CaseRevision.objects.create(case=case, number=number[0], step="bench", document={})
        CaseRevision.objects.filter(case=case, number=number[0]).values_list("step").get()
        assert json.loads(plaintext)["schema"] == document["schema"]

    sealed_f, plain_f = median_ms(sealed_file, iterations), median_ms(plain_file, iterations)
    sealed_r = median_ms(sealed_revision, iterations * 20)
    plain_r = median_ms(plain_revision, iterations * 20)
    size_kb = len(json.dumps(document, ensure_ascii=False)) // 1024
    print(f"file of {megabytes} MB, save + open, median of {iterations}:")
    print(
        f"  sealed {sealed_f:8.1f} ms   plain {plain_f:8.1f} ms   ratio {sealed_f / plain_f:.2f}×"
    )
    print(f"  sealed throughput {2 * megabytes / (sealed_f / 1000):.0f} MB/s (seal and open)")
    print(f"revision of {size_kb} KB JSON, create + read back, median of {iterations * 20}:")
    print(
        f"  sealed {sealed_r:8.2f} ms   plain {plain_r:8.2f} ms   ratio {sealed_r / plain_r:.2f}×"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--megabytes", type=int, default=20, help="size of the test file")
    parser.add_argument("--iterations", type=int, default=10)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="encryption-bench-") as temporary:
        folder = Path(temporary)
        os.environ["DJANGO_SETTINGS_MODULE"] = "haertefall.settings_test"
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'benchmark.sqlite3'}"
        import django

        django.setup()
        run(arguments.megabytes, arguments.iterations, folder)


if __name__ == "__main__":
    main()
