from argparse import ArgumentParser
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from haertefall.cases.crypto import SealBroken, master_keys, rewrap_case_key, wrapping_key_id
from haertefall.cases.models import Case


class Command(BaseCommand):
    help = (
        "Re-wrap every case's data key with the current master key (the first entry of "
        "DATA_ENCRYPTION_KEYS). Files and answers are not touched: they stay sealed with "
        "the case keys. Afterwards the older master keys can be removed from the environment. "
        "Safe to run again; an interrupted run simply continues."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="only count the case keys per master key; exit 1 if any is not current",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keys = master_keys()
        before = Counter(
            wrapping_key_id(bytes(wrapped))
            for wrapped in Case.objects.values_list("data_key", flat=True).iterator()
        )
        for key_id, count in sorted(before.items()):
            state = "current" if key_id == keys.current_id else "old"
            self.stdout.write(f"{count} case key(s) wrapped with {key_id!r} ({state})")
        outdated = sum(count for key_id, count in before.items() if key_id != keys.current_id)
        if options["check"]:
            if outdated:
                raise CommandError(f"{outdated} case key(s) are not wrapped with the current key")
            return
        rewrapped = 0
        for case_id in Case.objects.values_list("pk", flat=True).iterator():
            # One case at a time, locked: a case created or rotated meanwhile is never undone.
            with transaction.atomic():
                case = Case.objects.select_for_update().only("data_key").get(pk=case_id)
                try:
                    new = rewrap_case_key(bytes(case.data_key), keys)
                except SealBroken as error:
                    raise CommandError(
                        f"case {case_id}: {error}. Add the master key it names to "
                        "DATA_ENCRYPTION_KEYS (after the current one) and run again."
                    ) from None
                if new is not None:
                    Case.objects.filter(pk=case_id).update(data_key=new)
                    rewrapped += 1
        self.stdout.write(f"re-wrapped {rewrapped} case key(s) with {keys.current_id!r}")
