import uuid
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from haertefall.cases.casefiles import CaseFileError, export_case
from haertefall.cases.management.commands._common import USAGE_ERROR
from haertefall.cases.models import Case


class Command(BaseCommand):
    help = (
        "Export a case's current content and attachments as a folder, or as a zip when "
        "--out ends in .zip."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("case_id", metavar="ID", help="the case's UUID")
        parser.add_argument("--out", required=True, help="folder or .zip file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            case_id = uuid.UUID(options["case_id"])
        except ValueError as error:
            raise CommandError(
                f"{options['case_id']} is not a case id (a UUID)", returncode=USAGE_ERROR
            ) from error
        case = Case.objects.filter(pk=case_id).first()
        if case is None:
            raise CommandError(f"no case with id {case_id}", returncode=USAGE_ERROR)
        out = Path(options["out"])
        try:
            export_case(case, out)
        except CaseFileError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        self.stdout.write(str(out))
