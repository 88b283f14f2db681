from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haertefall.cases.models import Status, Target
from haertefall.review.models import Organisation, Role
from haertefall.review.queue import outcome_options
from haertefall.review.services import COMMENT_MAX_LENGTH
from haertefall.wizard import choices


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Which advice centre should see your application?"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose an advice centre.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the counsellors of this advice centre see my application as "
            "described above."
        ),
        error_messages={"required": _("Please agree, or do not share your application.")},
    )
    can_edit = forms.BooleanField(
        label=_("The counsellors may also change my answers and documents."),
        required=False,
        help_text=_("You can allow or stop this at any time."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class AcceptCaseForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I take over this application and agree that the counsellors of this advice "
            "centre see it as described above."
        ),
        error_messages={"required": _("Please agree, or do not take over the application.")},
    )
    can_edit = forms.BooleanField(
        label=_("The counsellors may also change my answers and documents."),
        required=False,
        help_text=_("You can allow or stop this at any time."),
    )


class CommentForm(forms.Form):
    field = forms.ChoiceField(label=_("About"), required=False)
    text = forms.CharField(
        label=_("Comment for the applicant"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write in plain language. The applicant sees this on the page of this step."),
        error_messages={"required": _("Write a comment.")},
    )

    def __init__(self, *args: Any, fields: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["field"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("The whole step")), *fields]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a comment."))
        return text


class InviteCounsellorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new counsellor"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.COUNSELLOR,
        widget=forms.RadioSelect,
    )


class StartClientCaseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For which advice centre?"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose an advice centre.")},
    )
    target = forms.ChoiceField(
        label=_("Which application?"),
        choices=choices.options(choices.TARGETS),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the two applications.")},
    )
    client_email = forms.EmailField(
        label=_("E-mail address of the client"),
        help_text=_("The client gets a link to take over the application with their own account."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        if len(organisations) == 1:
            self.initial.setdefault("organisation", organisations[0].pk)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    target = forms.ChoiceField(
        label=_("Application"), required=False, choices=[("", _("All")), *Target.choices]
    )
    outcome = forms.ChoiceField(label=_("Assessment"), required=False, choices=())
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All")), *outcome_options()]

    def value(self, name: str) -> str:
        if not self.is_valid():
            return ""
        return str(self.cleaned_data.get(name) or "")
