"""Shared by the package tests: corpus cases in the database, URLs, stored packages."""

from __future__ import annotations

import copy
import io
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

from django.urls import reverse
from PIL import Image

from documents.package import Package, PackageOptions, build_package
from eligibility.engine import assess
from eligibility.facts import parse_case
from haertefall.accounts.models import User
from haertefall.cases.casefiles import LoadedCase, load_case
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from haertefall.packages import services
from haertefall.packages.models import BuiltPackage

CASES = Path(__file__).resolve().parents[1] / "cases"
# The corpus's reference date: the tests' "today".
TODAY = date(2026, 11, 1)


def load_corpus(slug: str) -> LoadedCase:
    return load_case(CASES / f"{slug}.json")


def create(owner: User, loaded: LoadedCase, *, approved: bool = True) -> Case:
    """The corpus case as an import into the web app, files and all; approved by a counsellor
    unless said otherwise, since only approved cases may go out as final (issue 6)."""
    case = do_create_case(owner, copy.deepcopy(loaded.document), dict(loaded.files), "import")
    if approved:
        Case.objects.filter(pk=case.pk).update(status="approved")
        case.refresh_from_db()
    return case


def build(loaded: LoadedCase, *, split_mb: float | None = None) -> Package:
    """The builder's draft of a corpus case, without the database."""
    facts = replace(loaded.facts, reference_date=TODAY)
    options = PackageOptions(draft=True, sent_on=TODAY, split_mb=split_mb)
    return build_package(facts, assess(facts, TODAY), loaded.files, options)


def store(case: Case, package: Package, *, split_mb: float | None = None) -> BuiltPackage:
    """`package` kept as if the owner had just built it."""
    options = PackageOptions(draft=package.draft, sent_on=TODAY, split_mb=split_mb)
    return services.store_package(case, case.owner, 1, options, package)


def overview_url(case: Case) -> str:
    return reverse("packages:overview", args=[case.pk])


def package_urls(case: Case, package: BuiltPackage) -> dict[str, str]:
    """Every URL of one built package (page 1, e-mail part 1)."""
    args = [case.pk, package.pk]
    return {
        "result": reverse("packages:result", args=args),
        "download": reverse("packages:download", args=args),
        "email_part": reverse("packages:email_part", args=[*args, 1]),
        "page": reverse("packages:page", args=[*args, 1]),
        "thumbnail": reverse("packages:thumbnail", args=[*args, 1]),
        "page_image": reverse("packages:page_image", args=[*args, 1]),
    }


def noise_jpeg(seed: int, side: int = 700) -> bytes:
    """A photo-sized JPEG that does not compress: it makes packages large enough to split."""
    generator = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), generator.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def with_scans(loaded: LoadedCase, scans: dict[str, bytes]) -> LoadedCase:
    """`loaded` with one more document of category "other" per scan."""
    document = copy.deepcopy(loaded.document)
    for index, path in enumerate(scans, start=1):
        document["documents"].append(
            {
                "id": f"scan{index}",
                "person": "p1",
                "category": "other",
                "title": f"Scan {index}",
                "issued": "2026-10-01",
                "file": path,
                "language": "de",
                "translation_of": None,
            }
        )
    return LoadedCase(document, parse_case(document), {**loaded.files, **scans})
