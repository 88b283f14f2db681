"""The choices for one build: final or draft, and the options the case's target offers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from documents.package import PackageOptions

FINAL = "final"
DRAFT = "draft"

# package.md § 11: presets of the e-mail size cap; 10 MB is the default.
EMAIL_SIZES_MB = (5, 10, 15, 20)
DEFAULT_EMAIL_SIZE_MB = 10


class PackageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Which package do you want?"),
        choices=[
            (FINAL, _("The final package, ready to send")),
            (DRAFT, _("A draft marked “ENTWURF” to check or to show your counsellor")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the final package or a draft."),
            "invalid_choice": _("A final package is not possible yet. You can build a draft."),
        },
    )
    split_mb = forms.TypedChoiceField(
        label=_("Will you send it by e-mail?"),
        help_text=_(
            "The Härtefallkommission accepts PDF files by e-mail. A large package is split "
            "into parts (“Teil 1 von 3”, …) so that each part fits into one e-mail."
        ),
        # Filled in per request (see __init__): the labels carry a number and a translation.
        choices=[],
        widget=forms.RadioSelect,
        coerce=int,
        empty_value=None,
        required=False,
    )
    fax_cover = forms.BooleanField(
        label=_("Add a fax cover sheet"),
        help_text=_(
            "Only if you send the package by fax: a first page that names the recipient and "
            "the number of pages."
        ),
        required=False,
    )
    include_cv = forms.BooleanField(
        label=_("Add a CV (Lebenslauf) for every adult"),
        help_text=_(
            "The Ausländerbehörde does not ask for it, but it shows when you came to Germany "
            "and how long you have lived here. We recommend it."
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        target: str,
        final_possible: bool,
        channel: str | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.target = target
        self.final_possible = final_possible
        if not final_possible:
            # Only a draft: the page says why; a stale page that still posts "final" gets the
            # field's clear error instead of a final package.
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [(DRAFT, _("A draft"))]
            kind.widget = forms.HiddenInput()
        self.initial.setdefault("kind", FINAL if final_possible else DRAFT)
        if target == "hfk_nrw":
            # E-mail and fax exist only for the Härtefallkommission (case-format.md, channel).
            del self.fields["include_cv"]
            split = self.fields["split_mb"]
            assert isinstance(split, forms.TypedChoiceField)
            split.choices = [
                ("", gettext("No, by post or fax")),
                *(
                    (str(size), gettext("Yes, e-mails of up to %(size)s MB") % {"size": size})
                    for size in EMAIL_SIZES_MB
                ),
            ]
            if channel == "email":
                self.initial.setdefault("split_mb", str(DEFAULT_EMAIL_SIZE_MB))
            self.initial.setdefault("fax_cover", channel == "fax")
        else:
            del self.fields["split_mb"]
            del self.fields["fax_cover"]
            self.initial.setdefault("include_cv", True)

    def options(self, sent_on: date) -> PackageOptions:
        """The builder's options from the cleaned values (call after is_valid())."""
        data = self.cleaned_data
        return PackageOptions(
            draft=data["kind"] != FINAL,
            sent_on=sent_on,
            split_mb=data.get("split_mb"),
            fax_cover=bool(data.get("fax_cover")),
            include_cv=bool(data.get("include_cv", True)),
        )

    def preview_options(self, sent_on: date) -> PackageOptions:
        """The options the page lists the contents for: the submitted ones where valid,
        the initial ones otherwise."""
        if self.is_bound and self.is_valid():
            return self.options(sent_on)
        return PackageOptions(
            draft=self.initial.get("kind") != FINAL,
            sent_on=sent_on,
            fax_cover=bool(self.initial.get("fax_cover")),
            include_cv=bool(self.initial.get("include_cv", True)),
        )
