"""The form that describes uploaded documents: what, whose, from when, in which language."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.dates import parse_partial_date
from haertefall.cases.report_text import CATEGORIES as GERMAN_CATEGORY_NAMES
from haertefall.evidence.services import DocumentDetails, entries
from haertefall.wizard import choices
from haertefall.wizard.fields import PartialDateField
from haertefall.wizard.steps import person_name, persons

# What the file input offers in the device's file picker; the server decides by content.
ACCEPT = (
    ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp,.heic,.heif,"
    "application/pdf,image/jpeg,image/png,image/tiff,image/webp,image/heic,image/heif"
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Any number of files; their content is judged by documents.uploads, not here."""

    def __init__(self, *, multiple: bool, **kwargs: Any) -> None:
        widget = MultipleFileInput if multiple else forms.ClearableFileInput
        kwargs.setdefault("widget", widget(attrs={"accept": ACCEPT}))
        kwargs["required"] = False
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        if data is None or data is False:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [item for item in items if isinstance(item, UploadedFile)]


def person_options(document: Mapping[str, Any]) -> list[tuple[str, str]]:
    options = [
        (str(person.get("id")), person_name(person, position))
        for position, person in enumerate(persons(document), start=1)
    ]
    household = ("", str(_("The whole household")))
    return [*options, household]


def document_label(entry: Mapping[str, Any], document: Mapping[str, Any]) -> str:
    title = entry.get("title") or choices.label(choices.DOCUMENT_CATEGORIES, entry.get("category"))
    for position, person in enumerate(persons(document), start=1):
        if person.get("id") == entry.get("person"):
            return f"{title} – {person_name(person, position)}"
    return str(title)


class DocumentForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Kind of document"),
        error_messages={"required": _("Choose what kind of document this is.")},
    )
    person = forms.ChoiceField(label=_("Whom is the document about?"), required=False)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_(
            "For example “Payslip August 2026”. The authority sees this title in the list of "
            "attachments. If you leave it empty, we use the German name of the kind of "
            "document."
        ),
    )
    issued = PartialDateField(
        label=_("Date of the document"),
        required=False,
        help_text=_(
            "The day it was issued or signed. Leave the day or the month empty if you do not "
            "know it."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the document"))
    translation_of = forms.ChoiceField(
        label=_("Is it a translation of another of your documents?"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        *args: Any,
        document: Mapping[str, Any],
        multiple: bool = True,
        own_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        current = [entry for entry in entries(dict(document)) if entry.get("id") != own_id]
        self._choices("category").choices = [
            ("", _("Please choose")),
            *choices.options(choices.DOCUMENT_CATEGORIES, keep=[self._initial("category")]),
        ]
        self._choices("person").choices = person_options(document)
        self._choices("language").choices = choices.options(
            choices.LANGUAGES, keep=[self._initial("language")]
        )
        self._choices("translation_of").choices = [
            ("", _("No, it is not a translation")),
            *[
                (str(entry["id"]), document_label(entry, document))
                for entry in current
                if isinstance(entry.get("id"), str)
            ],
        ]
        self.fields["files"] = FilesField(
            multiple=multiple,
            label=_("Files") if multiple else _("New file"),
            help_text=(
                _(
                    "PDF or picture (JPEG, PNG, TIFF, WebP, HEIC). "
                    "You can choose several files at once."
                )
                if multiple
                else _(
                    "PDF or picture (JPEG, PNG, TIFF, WebP, HEIC). "
                    "Leave it empty to keep the current file."
                )
            ),
        )
        # The file comes first on the page, so its errors come first in the summary too.
        self.order_fields(["files"])

    def _choices(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def _initial(self, name: str) -> str | None:
        value = self.initial.get(name)
        return value if isinstance(value, str) else None

    def clean_issued(self) -> str | None:
        issued: str | None = self.cleaned_data.get("issued")
        if issued and parse_partial_date(issued).earliest() > timezone.localdate():
            raise forms.ValidationError(
                _("The date of the document cannot be in the future."), code="future"
            )
        return issued

    def details(self) -> DocumentDetails:
        data = self.cleaned_data
        category: str = data["category"]
        title = (data.get("title") or "").strip() or GERMAN_CATEGORY_NAMES.get(category, category)
        return DocumentDetails(
            category=category,
            person=data.get("person") or None,
            title=title,
            issued=data.get("issued") or None,
            language=data.get("language") or None,
            translation_of=data.get("translation_of") or None,
        )

    def uploaded_files(self) -> Sequence[UploadedFile[bytes]]:
        # Read from the raw upload, so files arrive even when another field has an error:
        # they are checked and kept whatever the rest of the form says.
        return [item for item in self.files.getlist("files") if isinstance(item, UploadedFile)]


def initial_from(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The form's starting values for an existing documents[] entry."""
    return {
        "category": entry.get("category"),
        "person": entry.get("person") or "",
        "title": entry.get("title") or "",
        "issued": entry.get("issued"),
        "language": entry.get("language") or "de",
        "translation_of": entry.get("translation_of") or "",
    }
