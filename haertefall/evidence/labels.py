"""Translated sentences for the refusal codes of `documents.uploads`.

Labels of categories and languages live with the wizard's other labels
(`haertefall.wizard.choices`); this module adds only what the uploads need.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from documents.uploads import RefusalCode

# Placeholders: %(name)s is the file's name as the user chose it; the others are the
# parameters of the refusal, sizes already written out ("20 MB").
REFUSAL_MESSAGES: Mapping[RefusalCode, Promise] = {
    RefusalCode.EMPTY: _(
        "“%(name)s” is empty. Please choose the file again. If it is still empty, scan or "
        "photograph the document again."
    ),
    RefusalCode.UNSUPPORTED_TYPE: _(
        "“%(name)s” is not a PDF or a picture we can read. Please upload the document as a PDF "
        "or as a photo or scan (JPEG, PNG, TIFF, WebP or HEIC)."
    ),
    RefusalCode.TRUNCATED: _(
        "“%(name)s” is incomplete. Maybe it was not completely downloaded or copied. Please "
        "save the file again and upload it once more."
    ),
    RefusalCode.DAMAGED: _(
        "“%(name)s” is damaged and cannot be opened. Please save or scan the document again."
    ),
    RefusalCode.ENCRYPTED: _(
        "“%(name)s” is protected by a password. Please upload a copy without a password, "
        "for example by printing it to a new PDF."
    ),
    RefusalCode.JAVASCRIPT: _(
        "“%(name)s” contains a program (JavaScript). For safety we cannot accept it. Please "
        "print it to a new PDF or scan the paper document."
    ),
    RefusalCode.LAUNCH_ACTION: _(
        "“%(name)s” tries to start other programs. For safety we cannot accept it. Please "
        "print it to a new PDF or scan the paper document."
    ),
    RefusalCode.EMBEDDED_FILES: _(
        "“%(name)s” has other files hidden inside it. For safety we cannot accept it. Please "
        "upload every document as a file of its own."
    ),
    RefusalCode.TOO_MANY_PAGES: _(
        "“%(name)s” has %(pages)s pages, but at most %(max_pages)s pages are possible. Please "
        "split it into smaller files."
    ),
    RefusalCode.PAGE_TOO_LARGE: _(
        "“%(name)s” has pages larger than %(max_side_mm)s mm. Please save it in a normal "
        "paper size such as A4."
    ),
    RefusalCode.IMAGE_TOO_LARGE: _(
        "“%(name)s” is a picture with more than %(max_megapixels)s megapixels. Please take "
        "the photo with a lower resolution."
    ),
    RefusalCode.UNCHECKABLE: _(
        "“%(name)s” could not be checked: it takes too long or needs too much memory to open. "
        "Please save it again with fewer pages or a lower resolution, or scan the document."
    ),
    RefusalCode.FILE_TOO_LARGE: _(
        "“%(name)s” is %(size)s, but a file may be at most %(limit)s. Please scan it with a "
        "lower resolution or split it into several files."
    ),
    RefusalCode.CASE_FULL: _(
        "“%(name)s” (%(size)s) does not fit: your application has %(remaining)s of space left "
        "(%(limit)s in total). Please remove a file you no longer need or make this file "
        "smaller."
    ),
}


def refusal_message(code: RefusalCode, name: str, params: Mapping[str, Any]) -> str:
    return str(REFUSAL_MESSAGES[code]) % {"name": name, **params}
