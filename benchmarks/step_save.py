"""Time to save each wizard step, through the whole Django stack, on SQLite.

The case is the realistic § 25b family of the corpus (tests/cases/h01-…: four persons,
24 documents), created with `do_create_case` in a fresh SQLite database file in a temporary
folder. For every step of the wizard, the step's page is loaded once and its form posted back
unchanged – exactly what a browser sends when a person presses "Save and continue" – N times
with the Django test client; each post validates the page, applies it to the case, checks the
whole case (`parse_case`) and writes a new revision under the version guard.

Two baselines are measured in the same run, on the same database:
- GET: loading the same step page as the same logged-in user (rendering the form);
- floor: a bare `Case.objects.get` plus a `CaseRevision` insert of the same document in one
  transaction – the least any save has to pay for its database work on SQLite.

    .venv/bin/python benchmarks/step_save.py [--iterations N]

Target (issue 4): p95 of every step save < 50 ms.
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
TARGET_P95_MS = 50.0
WARM_UP = 5


def percentile(samples: list[float], share: float) -> float:
    """The `share` quantile (0.95 → p95), interpolated between the nearest samples."""
    ordered = sorted(samples)
    position = (len(ordered) - 1) * share
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def measure(action: Callable[[], None], iterations: int) -> tuple[list[float], list[float]]:
    """Milliseconds per call of `action`, after a few calls that warm caches up: wall-clock
    time, and this process's CPU time, which other busy processes on a shared machine do not
    inflate (it leaves out waiting for the disk and for a CPU)."""
    for _ in range(WARM_UP):
        action()
    wall, cpu = [], []
    for _ in range(iterations):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def run(iterations: int) -> None:
    # Imported only now: they need the settings that main() has just put in place.
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from haertefall.accounts.models import User
    from haertefall.cases.models import Case, CaseRevision
    from haertefall.cases.services import do_create_case
    from haertefall.wizard import steps
    from tests.wizard.helpers import form_data

    call_command("migrate", verbosity=0, interactive=False)
    owner = User.objects.create_user("benchmark@example.org", "a long benchmark password")
    document: dict[str, Any] = json.loads(CASE_FILE.read_text(encoding="utf-8"))
    # The attachments' bytes play no part in saving a step; the entries in documents[] stay.
    case = do_create_case(owner, document, {}, "import")
    client = Client()
    client.force_login(owner)

    names = [name for name in steps.step_names(document) if name != steps.DOCUMENTS]
    print(
        f"case: {CASE_FILE.stem} ({len(document['persons'])} persons, "
        f"{len(document['documents'])} documents, "
        f"{len(json.dumps(document, ensure_ascii=False)) // 1024} KB of JSON); "
        f"{iterations} saves per step on SQLite"
    )
    header = (
        f"{'step':14} {'save median':>12} {'save p95':>9} {'p95 CPU':>8} "
        f"{'GET median':>11} {'GET p95':>8} {'save/GET p95':>13}"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, tuple[list[float], list[float]]] = {}
    version = [case.version]
    for name in names:
        url = f"/antraege/{case.pk}/schritt/{name}/"

        def load(url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        loads, _load_cpu = measure(load, iterations)
        data: dict[str, Any] = dict(form_data(client.get(url).content.decode()))
        data["action"] = ["save"]

        def save(url: str = url, data: dict[str, Any] = data) -> None:
            # The version the page would carry: nobody else writes to this case.
            data["version"] = [str(version[0])]
            response = client.post(url, data)
            # Anything but the redirect to the next page (errors, a conflict) is no save.
            assert response.status_code == 302, (url, response.status_code)
            version[0] += 1

        saves, save_cpu = measure(save, iterations)
        results[name] = (saves, loads)
        print(
            f"{name:14} {statistics.median(saves):9.1f} ms {percentile(saves, 0.95):6.1f} ms "
            f"{percentile(save_cpu, 0.95):5.1f} ms "
            f"{statistics.median(loads):8.1f} ms {percentile(loads, 0.95):5.1f} ms "
            f"{percentile(saves, 0.95) / percentile(loads, 0.95):12.2f}×"
        )

    content = case.document
    latest = case.latest_revision()
    assert latest is not None
    number = [latest.number]

    def bare_insert() -> None:
        number[0] += 1
        with transaction.atomic():
            stored = Case.objects.get(pk=case.pk)
            CaseRevision.objects.create(
                case=stored, number=number[0], author=owner, step="floor", document=content
            )

    floor, _floor_cpu = measure(bare_insert, iterations)
    floor_median, floor_p95 = statistics.median(floor), percentile(floor, 0.95)
    print("-" * len(header))
    print(
        f"{'floor':14} {floor_median:9.1f} ms {floor_p95:6.1f} ms   "
        "(Case.objects.get + CaseRevision insert, one transaction)"
    )
    all_saves = [sample for saves, _loads in results.values() for sample in saves]
    print(
        f"all steps: save median {statistics.median(all_saves):.1f} ms, "
        f"p95 {percentile(all_saves, 0.95):.1f} ms; "
        f"median save / median floor: {statistics.median(all_saves) / floor_median:.1f}×"
    )
    slow = [
        name
        for name, (saves, _loads) in results.items()
        if percentile(saves, 0.95) >= TARGET_P95_MS
    ]
    if slow:
        print(f"target p95 < {TARGET_P95_MS:.0f} ms: MISSED for {', '.join(slow)}")
    else:
        print(f"target p95 < {TARGET_P95_MS:.0f} ms: met for every step")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--iterations", type=int, default=200, help="saves per step")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="step-save-bench-") as temporary:
        # Never the developer's database, whatever the shell exports.
        os.environ["DJANGO_SETTINGS_MODULE"] = "haertefall.settings_test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(temporary) / 'benchmark.sqlite3'}"
        import django

        django.setup()
        run(arguments.iterations)


if __name__ == "__main__":
    main()
