from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from documents.uploads import RefusalCode, UploadRefused, check_upload
from haertefall.accounts.models import User
from haertefall.cases.management.commands._common import USAGE_ERROR, load_or_fail
from haertefall.cases.services import do_create_case
from haertefall.evidence.labels import refusal_message


def find_user(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(
            f"--owner: no user with the e-mail address {email}", returncode=USAGE_ERROR
        )
    return user


class Command(BaseCommand):
    help = (
        "Import a case (case.json, a folder holding case.json, or a .zip) with its "
        "attachments as a new case owned by --owner. Imports all of it or nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="case.json, a folder with case.json, or a .zip")
        parser.add_argument("--owner", required=True, help="e-mail address of the owning user")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = find_user(options["owner"])
        loaded = load_or_fail(options["path"], with_files=True)
        # A case file can come from anyone; its attachments get the checks of an upload. A file
        # of another type (a .docx) may stay: the assessment names it, and the package leaves
        # it out; what is refused is a PDF or picture that is dangerous or broken.
        for path, data in sorted(loaded.files.items()):
            try:
                check_upload(data)
            except UploadRefused as refusal:
                if refusal.code is RefusalCode.UNSUPPORTED_TYPE:
                    continue
                message = refusal_message(refusal.code, path, refusal.params)
                raise CommandError(message, returncode=USAGE_ERROR) from None
        case = do_create_case(owner, loaded.document, loaded.files, step="import")
        self.stdout.write(str(case.pk))
