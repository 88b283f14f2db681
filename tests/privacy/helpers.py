from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from tests.evidence import samples
from tests.haertefall.builders import rich_hardship_case, rich_hardship_files

UNNAMED_UPLOAD = "files/noch-nicht-gespeichert.pdf"


def case_with_files(owner: User) -> Case:
    """A § 23a case whose documents name three stored files, plus one upload no document
    names yet."""
    files = {**rich_hardship_files(), UNNAMED_UPLOAD: samples.pdf()}
    return do_create_case(owner, rich_hardship_case(), files, "import")
