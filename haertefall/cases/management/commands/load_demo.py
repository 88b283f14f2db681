import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from haertefall.accounts.models import User
from haertefall.cases.management.commands._common import load_or_fail
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case

DEMO_EMAIL = "demo@example.org"
DEMO_CASE = Path(__file__).resolve().parents[2] / "demo"
DEMO_STEP = "demo"


class Command(BaseCommand):
    help = (
        f"Create the demo user {DEMO_EMAIL} and the demo case from haertefall/cases/demo/. "
        "Running it again changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            user, created = User.objects.get_or_create(email=DEMO_EMAIL)
            if created:
                self._set_password(user)
            else:
                self.stdout.write(f"Demo user {DEMO_EMAIL} exists; its password is unchanged.")

            if Case.objects.filter(owner=user, revisions__step=DEMO_STEP).exists():
                self.stdout.write("Demo case exists.")
                return
            loaded = load_or_fail(str(DEMO_CASE), with_files=True)
            case = do_create_case(user, loaded.document, loaded.files, step=DEMO_STEP)
            self.stdout.write(f"Demo case {case.pk} created.")

    def _set_password(self, user: User) -> None:
        # A known password on a deployed site would be an open door: outside DEBUG the demo
        # account cannot log in until an administrator sets a password.
        if not settings.DEBUG:
            user.set_unusable_password()
            user.save()
            self.stdout.write(f"Demo user {DEMO_EMAIL} created without a usable password.")
            return
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        self.stdout.write(f"Demo user {DEMO_EMAIL} created. Password: {password}")
