from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from haertefall.privacy.services import purge_inactive


def _parse_now(value: str | None) -> datetime:
    if value is None:
        return timezone.now()
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise CommandError(f"--now: {value!r} is not a date and time like 2026-05-01T03:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


class Command(BaseCommand):
    help = (
        "Warn the owners of drafts unchanged for INACTIVE_DRAFT_DAYS - INACTIVE_WARNING_DAYS "
        "days, and delete drafts unchanged for INACTIVE_DRAFT_DAYS days whose warning is old "
        "enough. Safe to run as often as you like (e.g. daily)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only print what would happen")
        parser.add_argument("--now", help="act as if it were this time (ISO 8601), for tests")

    def handle(self, *args: Any, **options: Any) -> None:
        now = _parse_now(options["now"])
        dry_run: bool = options["dry_run"]
        result = purge_inactive(now, dry_run=dry_run)
        prefix = "would " if dry_run else ""
        # Case ids only: the output ends up in logs.
        for case in result.warned:
            self.stdout.write(
                f"{prefix}warn: case {case.case_id} (unchanged since {case.updated:%Y-%m-%d})"
            )
        for case in result.deleted:
            self.stdout.write(
                f"{prefix}delete: case {case.case_id} (unchanged since {case.updated:%Y-%m-%d})"
            )
        self.stdout.write(
            f"{len(result.warned)} {prefix}warned, {len(result.deleted)} {prefix}deleted, "
            f"{result.spooled_removed} stale spooled upload(s) {'would be ' if dry_run else ''}"
            "removed"
        )
