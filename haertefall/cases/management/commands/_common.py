from pathlib import Path

from django.core.management.base import CommandError

from haertefall.cases.casefiles import CaseFileError, LoadedCase, load_case

# Exit code for "your input is wrong", as opposed to 1 for a failure of the program itself.
USAGE_ERROR = 2


def load_or_fail(path: str, *, with_files: bool) -> LoadedCase:
    try:
        return load_case(Path(path), with_files=with_files)
    except CaseFileError as error:
        raise CommandError(str(error), returncode=USAGE_ERROR) from error
