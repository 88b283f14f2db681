import os
import tempfile
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from documents.package import PackageError, PackageOptions, build_package
from eligibility.engine import assess
from haertefall.cases.management.commands._common import USAGE_ERROR, load_or_fail
from haertefall.cases.management.commands.assess import iso_date


def megabytes(value: str) -> float:
    try:
        number = float(value)
    except ValueError as error:
        raise ArgumentTypeError(f"{value!r} is not a number of MB") from error
    if not 1 <= number <= 1024:
        raise ArgumentTypeError("--split-mb must be between 1 and 1024")
    return number


class Command(BaseCommand):
    help = (
        "Build the PDF package of a case file (case.json, a folder with case.json, or a .zip) "
        "without touching the database: the letter, the Anlagenverzeichnis and the stamped "
        "Anlagen in one PDF, optionally also split into e-mail parts or exported as one file "
        "per Anlage for an online upload."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="case.json, a folder with case.json, or a .zip")
        parser.add_argument("--out", required=True, help="the PDF file to write")
        parser.add_argument(
            "--split-mb",
            type=megabytes,
            help="also write e-mail parts of at most this many MB each, beside --out",
        )
        parser.add_argument(
            "--per-file",
            nargs="?",
            const="",
            metavar="ZIP",
            help="also write the upload export (one stamped PDF per Anlage and 00_Antrag) as a "
            "ZIP, by default beside --out as <name>_Upload.zip",
        )
        parser.add_argument(
            "--draft", action="store_true", help="build a draft (ENTWURF) of an incomplete case"
        )
        parser.add_argument(
            "--fax-cover", action="store_true", help="put a fax cover sheet in front (hfk_nrw)"
        )
        parser.add_argument(
            "--reference-date",
            type=iso_date,
            help="assess as of this day and date the letter with it "
            "(default: the case's reference_date)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".pdf":
            raise CommandError(f"--out {out}: the file name must end in .pdf", returncode=2)
        per_file: Path | None = None
        if options["per_file"] is not None:
            per_file = Path(options["per_file"] or out.with_name(f"{out.stem}_Upload.zip"))
            if per_file.suffix.lower() != ".zip":
                raise CommandError(
                    f"--per-file {per_file}: the file name must end in .zip", returncode=2
                )
        loaded = load_or_fail(options["path"], with_files=True)
        reference_date = options["reference_date"] or loaded.facts.reference_date
        if reference_date is None:
            raise CommandError(
                "reference_date: the case gives none; pass --reference-date YYYY-MM-DD",
                returncode=USAGE_ERROR,
            )
        report = assess(loaded.facts, reference_date)
        try:
            package = build_package(
                loaded.facts,
                report,
                loaded.files,
                PackageOptions(
                    draft=options["draft"],
                    sent_on=reference_date,
                    split_mb=options["split_mb"],
                    fax_cover=options["fax_cover"],
                    per_file=per_file is not None,
                ),
            )
        except PackageError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        written = [out]
        files = {out: package.pdf}
        if package.email_details:
            for detail, data in zip(package.email_details, package.email_parts, strict=True):
                target = out.parent / detail.filename
                files[target] = data
                written.append(target)
        if per_file is not None and package.per_file_zip is not None:
            files[per_file] = package.per_file_zip
            written.append(per_file)
        _write_all(files)
        for part in package.parts:
            if part.anlage is None:
                continue
            pages = (
                "nachzureichen"
                if part.to_follow
                else f"S. {part.first_page}–{part.last_page}"
                if part.first_page != part.last_page
                else f"S. {part.first_page}"
            )
            self.stdout.write(f"Anlage {part.anlage}: {part.title} ({pages})")
        for upload in package.per_file_details:
            self.stdout.write(f"{upload.filename} ({upload.page_count} S., {upload.size} bytes)")
        for notice in package.notices:
            self.stderr.write(f"note: {notice}")
        for path in written:
            self.stdout.write(f"{path} ({path.stat().st_size} bytes)")
        self.stdout.write(f"{package.page_count} pages")


def _write_all(files: dict[Path, bytes]) -> None:
    """Write every file beside its target and rename at the end, so a failure (disk full)
    leaves no half-written package behind."""
    temporary: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary_name = tempfile.mkstemp(
                dir=target.parent, prefix=".package-", suffix=target.suffix
            )
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            temporary.append((Path(temporary_name), target))
        for written, target in temporary:
            os.replace(written, target)
    except OSError as error:
        for written, _target in temporary:
            written.unlink(missing_ok=True)
        raise CommandError(f"cannot write the package: {error}", returncode=1) from error
