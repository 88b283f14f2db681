import json
from argparse import ArgumentParser, ArgumentTypeError
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from eligibility.engine import assess
from haertefall.cases.management.commands._common import USAGE_ERROR, load_or_fail
from haertefall.cases.report_text import format_report_de


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Assess a case file (case.json, a folder with case.json, or a .zip) without touching "
        "the database, and print the report: a German summary, or JSON with --json."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="case.json, a folder with case.json, or a .zip")
        parser.add_argument("--json", action="store_true", help="print eligibility-report/1 JSON")
        parser.add_argument(
            "--reference-date",
            type=iso_date,
            help="assess as of this day (default: the case's reference_date)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_or_fail(options["path"], with_files=False)
        reference_date = options["reference_date"] or loaded.facts.reference_date
        if reference_date is None:
            raise CommandError(
                "reference_date: the case gives none; pass --reference-date YYYY-MM-DD",
                returncode=USAGE_ERROR,
            )
        report = assess(loaded.facts, reference_date).to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_report_de(report, loaded.document), ending="")
