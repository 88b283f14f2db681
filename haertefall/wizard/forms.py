"""The forms of every wizard step and the layout of each step's page.

Field names are the case format's keys where they can be (`surname`, `birth_date`); `start`
and `end` stand for `from` and `to`, which cannot be Python names. Every field cleans to the
value the case document stores; `mapping` moves values between the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haertefall.wizard import choices, steps
from haertefall.wizard.fields import (
    ChoiceOrEmptyField,
    ExactDateField,
    HoursField,
    MoneyField,
    PartialDateField,
    YesNoField,
)
from haertefall.wizard.pages import (
    CaseForm,
    FormPart,
    GroupPart,
    Layout,
    PersonForm,
    RowForm,
    RowFormSet,
    RowsPart,
)

TEXT_MAX = 200
LONG_TEXT_MAX = 30000


def text_field(
    label: Any, *, hint: Any = None, required: bool = False, max_length: int = TEXT_MAX
) -> forms.CharField:
    # Unknown is null, never an empty string (case-format.md).
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=max_length,
        empty_value=None,
        # Names and places may be typed in Arabic or Persian script.
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


def long_text_field(label: Any, *, hint: Any = None, rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=LONG_TEXT_MAX,
        empty_value=None,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


def date_field(label: Any, *, hint: Any = None, required: bool = False) -> PartialDateField:
    # The page says once that day and month may stay empty (wizard/step.html).
    return PartialDateField(label=label, required=required, help_text=hint)


def keep_choices(form: forms.Form, name: str, labels: choices.Labels) -> None:
    """Offer the labelled values plus the value the case already has (never drop data)."""
    field = form.fields[name]
    assert isinstance(field, ChoiceOrEmptyField)
    field.set_options(choices.options(labels, keep=[form.initial.get(name)]))


def person_choices(document: Any) -> list[tuple[str, str]]:
    result = []
    for position, person in enumerate(document.get("persons") or [], start=1):
        parts = [person.get("given_names"), person.get("surname")]
        name = " ".join(part for part in parts if isinstance(part, str) and part.strip())
        result.append(
            (str(person.get("id")), name or str(_("Person %(number)s") % {"number": position}))
        )
    return result


def check_period(form: forms.Form, cleaned: dict[str, Any]) -> None:
    """The end of a period may not lie before its start (the case format refuses that)."""
    start, end = cleaned.get("start"), cleaned.get("end")
    if not (start and end):
        return
    # Compare the latest possible end with the earliest possible start, as the format does.
    from eligibility.dates import parse_partial_date

    if parse_partial_date(end).latest() < parse_partial_date(start).earliest():
        form.add_error("end", _("The end lies before the start. Please check both dates."))


class PeriodRowForm(RowForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_period(self, cleaned)
        return cleaned


# --------------------------------------------------------------------------------------------
# Step "personen": persons and the household's address


class PersonRowForm(RowForm):
    # The person's id in the case ("p1"); empty for a person added on this page.
    source = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)  # type: ignore[assignment]
    role = ChoiceOrEmptyField(
        label=_("Role"), choices=choices.options(choices.ROLES), required=True
    )
    given_names = text_field(_("Given names"))
    surname = text_field(_("Surname (family name)"))
    birth_name = text_field(_("Name at birth, if different"))
    # Papers from different countries transliterate a name differently; the authority must be
    # able to match them all to the same person.
    other_spellings = long_text_field(
        _("Other spellings of the name"),
        hint=_("As written in other papers or files, one per line, e.g. “Mohammad / Mohammed”."),
        rows=2,
    )
    birth_date = date_field(_("Date of birth"))
    birth_place = text_field(_("Place of birth"))
    birth_country = ChoiceOrEmptyField(label=_("Country of birth"), choices=())
    sex = ChoiceOrEmptyField(label=_("Sex"), choices=choices.options(choices.SEXES))
    marital_status = ChoiceOrEmptyField(
        label=_("Marital status"), choices=choices.options(choices.MARITAL_STATUSES)
    )
    nationality = ChoiceOrEmptyField(label=_("Nationality"), choices=())
    second_nationality = ChoiceOrEmptyField(
        label=_("Second nationality, if any"), choices=(), empty_label=_("– none –")
    )
    in_household = forms.BooleanField(
        label=_("Lives at the household address"), required=False, initial=True
    )

    @property
    def removable(self) -> bool:
        # The applicant is the one person every case has; roles can change, removal cannot.
        return self.initial.get("role") != "applicant"

    def row_legend(self, template: Any, number: int) -> str:
        parts = [self.initial.get("given_names"), self.initial.get("surname")]
        name = " ".join(part for part in parts if part)
        if not name:
            return str(template) % {"number": number}
        return str(_("Person %(number)s: %(name)s")) % {"number": number, "name": name}

    def setup(self) -> None:
        for name, special in (
            ("birth_country", False),
            ("nationality", True),
            ("second_nationality", True),
        ):
            field = self.fields[name]
            assert isinstance(field, ChoiceOrEmptyField)
            field.set_options(
                choices.country_options(keep=[self.initial.get(name)], special=special)
            )


class PersonFormSet(RowFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        kept = [form for form in self.forms if form not in self.deleted_forms]
        kept = [form for form in kept if form.has_changed() or form.initial]
        referenced = _referenced_persons(self.document)
        for form in self.deleted_forms:
            source = form.initial.get("source") or form.cleaned_data.get("source")
            if source in referenced:
                raise self.refuse_removal(
                    form,
                    str(
                        _(
                            "%(name)s cannot be removed: documents or procedures still name this "
                            "person. Remove them there first."
                        )
                    )
                    % {"name": _row_name(form)},
                )
            if form.initial.get("role") == "applicant":
                raise self.refuse_removal(
                    form, str(_("The applicant cannot be removed. Change the roles first."))
                )
        applicants = [form for form in kept if form.cleaned_data.get("role") == "applicant"]
        if len(applicants) != 1:
            raise forms.ValidationError(
                _("Exactly one person must have the role “Applicant”."), code="applicants"
            )


def _row_name(form: forms.Form) -> str:
    parts = [form.initial.get("given_names"), form.initial.get("surname")]
    return " ".join(part for part in parts if part) or str(_("This person"))


def _referenced_persons(document: Any) -> set[str]:
    """Persons whose removal would leave a document or procedure pointing at nobody."""
    names: set[str] = set()
    for entry in document.get("documents") or []:
        if entry.get("person"):
            names.add(entry["person"])
    for procedure in document.get("procedures") or []:
        names.update(procedure.get("persons") or [])
    return names


class AddressForm(CaseForm):
    street = text_field(_("Street and house number"))
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        required=False,
        empty_value=None,
        max_length=5,
        error_messages={"invalid": _("Enter the postcode with five digits, for example 44135.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input--short"}),
    )
    city = text_field(_("Town or city"))
    state = ChoiceOrEmptyField(
        label=_("Federal state"),
        choices=choices.options(choices.STATES),
        empty_label=_("– work it out from the postcode –"),
    )


PERSONS_LAYOUT: Layout = (
    RowsPart(
        key="persons",
        form_class=PersonRowForm,
        formset_class=PersonFormSet,
        legend=_("Who belongs to the application?"),
        hint=_(
            "Enter yourself as the applicant, then your wife or husband or partner, your "
            "children and anyone else who lives with you."
        ),
        row_legend=_("Person %(number)s"),
        add_label=_("Add another person"),
        empty_row=True,
    ),
    FormPart(
        key="address",
        form_class=AddressForm,
        legend=_("Household address"),
        hint=_("The address where you live now."),
    ),
)


# --------------------------------------------------------------------------------------------
# Step "lebenslauf-N": one person's life history


class EntryForm(PersonForm):
    entry_date = date_field(
        _("When did this person come to Germany?"),
        hint=_("Leave empty if the person was born in Germany."),
    )


class ResidenceRowForm(PeriodRowForm):
    status = ChoiceOrEmptyField(
        label=_("Residence status"),
        choices=choices.options(choices.RESIDENCE_STATUSES),
        required=True,
    )
    basis = ChoiceOrEmptyField(
        label=_("Legal basis, if you know it"),
        choices=choices.options(choices.RESIDENCE_BASES),
        empty_label=_("– I don't know –"),
        help_text=_("It is written on the paper, e.g. “§ 60a AufenthG”."),
    )
    start = date_field(_("From"), required=True)
    end = date_field(_("Until"), hint=_("Leave empty if this is the current status."))
    approximate = forms.BooleanField(label=_("The dates are estimated"), required=False)

    def setup(self) -> None:
        keep_choices(self, "basis", choices.RESIDENCE_BASES)
        keep_choices(self, "status", choices.RESIDENCE_STATUSES)


class IdentityForm(CaseForm):
    passport_held = YesNoField(label=_("Does this person have a valid passport?"))
    passport_number = text_field(_("Passport number"), max_length=40)
    passport_valid_until = date_field(_("Passport valid until"))
    other_identity_documents = long_text_field(
        _("Other identity documents"),
        hint=_("One per line, e.g. “Tazkira (original)” or “birth certificate”."),
        rows=3,
    )


class PassportEffortRowForm(RowForm):
    date = date_field(_("Date"))
    what = text_field(_("What was done?"), hint=_("E.g. “Appointment at the embassy”."))


class SchoolingRowForm(PeriodRowForm):
    kind = ChoiceOrEmptyField(
        label=_("Kind"), choices=choices.options(choices.SCHOOLING_KINDS), required=True
    )
    name = text_field(_("Name of the school, training or course"))
    country = ChoiceOrEmptyField(label=_("Country"), choices=())
    start = date_field(_("From"))
    end = date_field(_("Until"), hint=_("Leave empty if it is still going on."))
    degree = ChoiceOrEmptyField(
        label=_("German school-leaving certificate"),
        choices=choices.options(choices.SCHOOL_DEGREES),
        empty_label=_("– none –"),
    )
    approximate = forms.BooleanField(label=_("The dates are estimated"), required=False)

    def setup(self) -> None:
        field = self.fields["country"]
        assert isinstance(field, ChoiceOrEmptyField)
        field.set_options(choices.country_options(keep=[self.initial.get("country")]))


class EmploymentRowForm(PeriodRowForm):
    kind = ChoiceOrEmptyField(
        label=_("Kind of work"), choices=choices.options(choices.EMPLOYMENT_KINDS), required=True
    )
    employer = text_field(_("Employer"))
    position = text_field(_("Job title as in the contract"))
    start = date_field(_("From"))
    end = date_field(_("Until"), hint=_("Leave empty if the job continues."))
    hours_per_week = HoursField(label=_("Hours per week"))
    gross_monthly = MoneyField(label=_("Gross pay per month in euros (before tax)"))
    net_monthly = MoneyField(label=_("Net pay per month in euros (paid out)"))
    approximate = forms.BooleanField(label=_("The dates are estimated"), required=False)


class BenefitRowForm(PeriodRowForm):
    kind = ChoiceOrEmptyField(
        label=_("Benefit"), choices=choices.options(choices.BENEFIT_KINDS), required=True
    )
    start = date_field(_("From"))
    end = date_field(_("Until"), hint=_("Leave empty if the payments continue."))
    monthly = MoneyField(label=_("Amount per month in euros"))
    approximate = forms.BooleanField(label=_("The dates are estimated"), required=False)


class HealthQuestionForm(CaseForm):
    health_relevant = YesNoField(
        label=_("Does an illness or disability of this person matter for the application?"),
        help_text=_(
            "For example, if an illness makes it impossible to learn German or to work. "
            "If you answer yes, a later step asks about it."
        ),
        unknown_label=_("Not answered"),
    )


class CaregivingForm(CaseForm):
    # § 25b Abs. 1 S. 3 Nr. 4 AufenthG: caring for a close relative can excuse a livelihood
    # that is not secured; without the answer the assessment cannot raise that exception.
    caregiving = YesNoField(
        label=_("Does this person care for a relative who needs care?"),
        help_text=_("For example a parent or child with a care level (Pflegegrad)."),
        unknown_label=_("Not answered"),
    )
    cares_for = text_field(
        _("Whom does this person care for?"), hint=_("E.g. “Mutter, Pflegegrad 3”.")
    )
    since = date_field(_("Since when?"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        described = cleaned.get("cares_for") or cleaned.get("since")
        if cleaned.get("caregiving") is not True and described:
            self.add_error(
                "caregiving",
                _("You described care below; please answer “Yes”, or remove the description."),
            )
        return cleaned


BIOGRAPHY_LAYOUT: Layout = (
    FormPart(key="entry", form_class=EntryForm, legend=_("Arrival")),
    RowsPart(
        key="residence_history",
        form_class=ResidenceRowForm,
        legend=_("Residence status in Germany"),
        hint=_(
            "Every status this person had, from the first to the current one: for example "
            "Aufenthaltsgestattung during the asylum procedure, then Duldung."
        ),
        row_legend=_("Status period %(number)s"),
        add_label=_("Add another status period"),
        empty_row=True,
    ),
    FormPart(key="identity", form_class=IdentityForm, legend=_("Passport and identity")),
    RowsPart(
        key="passport_efforts",
        form_class=PassportEffortRowForm,
        legend=_("Efforts to get a passport"),
        hint=_("If the person has no passport: what was done to get one, and when."),
        row_legend=_("Effort %(number)s"),
        add_label=_("Add an effort to get a passport"),
    ),
    RowsPart(
        key="schooling",
        form_class=SchoolingRowForm,
        legend=_("School, training and studies"),
        hint=_("Day care, school, vocational training, university and integration courses."),
        row_legend=_("Education %(number)s"),
        add_label=_("Add school, training or studies"),
    ),
    RowsPart(
        key="employment",
        form_class=EmploymentRowForm,
        legend=_("Work"),
        hint=_("Jobs, mini-jobs, apprenticeships and job offers, including earlier ones."),
        row_legend=_("Job %(number)s"),
        add_label=_("Add a job"),
    ),
    RowsPart(
        key="benefits",
        form_class=BenefitRowForm,
        legend=_("Benefits received"),
        hint=_("Money from the job centre, the social welfare office or other public offices."),
        row_legend=_("Benefit %(number)s"),
        add_label=_("Add a benefit"),
    ),
    FormPart(key="care", form_class=CaregivingForm, legend=_("Caring for a relative")),
    FormPart(key="health", form_class=HealthQuestionForm, legend=_("Health")),
)


# --------------------------------------------------------------------------------------------
# Step "schule": children's school or day care


class SchoolAttendanceForm(PersonForm):
    # Who belongs to whose family decides § 25b Abs. 4 (family members) and the household's
    # livelihood; the case format reads no parents as "the applicant's child".
    parents = forms.MultipleChoiceField(
        label=_("Whose child is this?"),
        help_text=_("If nobody is ticked, the child counts as the applicant's child."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attending = YesNoField(label=_("Does the child go to school or day care now?"))
    school = text_field(_("Name of the school or day care"))
    certificate_date = date_field(
        _("Date of the latest school certificate"),
        hint=_("The date on the most recent school report or certificate of attendance."),
    )

    def setup(self) -> None:
        own = self.initial.get("person_id") or self.data.get(f"{self.prefix}-person_id")
        children = {str(p.get("id")) for p in steps.persons(self.document) if steps.is_child(p)}
        adults = [
            (value, label)
            for value, label in person_choices(self.document)
            if value != own and value not in children
        ]
        # Parents the case already names stay choosable, even if their role changed since.
        known = {value for value, _label in adults}
        kept = [(v, v) for v in self.initial.get("parents") or [] if v not in known]
        field = self.fields["parents"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = adults + kept


SCHOOL_LAYOUT: Layout = (
    GroupPart(
        key="children",
        form_class=SchoolAttendanceForm,
        legend=_("The children: parents, school and day care"),
        hint=_("Earlier schools can be entered in each child's life history."),
    ),
)


# --------------------------------------------------------------------------------------------
# Step "integration": German, civic test, declaration, involvement


GERMAN_NONE = "none"
FDGO_SIGNED = "signed"
FDGO_REFUSED = "refused"


class IntegrationPersonForm(PersonForm):
    german_level = ChoiceOrEmptyField(
        label=_("German level"),
        choices=[
            (GERMAN_NONE, _("No level yet or below A1")),
            *choices.options(choices.CEFR_LEVELS),
        ],
        empty_label=_("– not answered –"),
        help_text=_("As shown by a certificate, or your own estimate if you have none."),
    )
    german_certificate = ChoiceOrEmptyField(
        label=_("Certificate"),
        choices=choices.options(choices.LANGUAGE_CERTIFICATES),
        empty_label=_("– no certificate –"),
    )
    german_date = date_field(_("Date of the certificate"))
    civic_test_kind = ChoiceOrEmptyField(
        label=_("Test about life in Germany"),
        choices=choices.options(choices.CIVIC_TEST_KINDS),
        empty_label=_("– no test taken –"),
    )
    civic_test_passed = YesNoField(label=_("Passed?"))
    civic_test_date = date_field(_("Date of the test"))
    fdgo = ChoiceOrEmptyField(
        label=_("Declaration of commitment to the free democratic basic order"),
        choices=[
            (FDGO_SIGNED, _("Signed")),
            (FDGO_REFUSED, _("Refused")),
        ],
        empty_label=_("– not given yet –"),
        help_text=_("The Ausländerbehörde asks adults to sign it for § 25b."),
    )
    fdgo_signed = date_field(_("Date of signature"))

    def setup(self) -> None:
        keep_choices(self, "german_certificate", choices.LANGUAGE_CERTIFICATES)
        if self.document.get("target") != "abh_hannover_25b":
            del self.fields["fdgo"]
            del self.fields["fdgo_signed"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("fdgo") == FDGO_REFUSED and cleaned.get("fdgo_signed"):
            self.add_error(
                "fdgo_signed",
                _("A refused declaration has no date of signature. Leave the date empty."),
            )
        return cleaned


class IntegrationRowForm(PeriodRowForm):
    kind = ChoiceOrEmptyField(
        label=_("Kind"), choices=choices.options(choices.INTEGRATION_KINDS), required=True
    )
    what = text_field(_("What and where?"), hint=_("E.g. “Helper at the food bank Dortmund”."))
    start = date_field(_("From"))
    end = date_field(_("Until"), hint=_("Leave empty if it continues."))
    approximate = forms.BooleanField(label=_("The dates are estimated"), required=False)


INTEGRATION_LAYOUT: Layout = (
    GroupPart(
        key="persons",
        form_class=IntegrationPersonForm,
        rows=(
            RowsPart(
                key="integration",
                form_class=IntegrationRowForm,
                legend=_("Volunteering, memberships and letters of support"),
                hint=_(
                    "Anything that shows you are part of life here: volunteering, clubs, "
                    "religious communities, courses, letters from neighbours or teachers."
                ),
                row_legend=_("Activity %(number)s"),
                add_label=_("Add an activity or letter"),
            ),
        ),
        hint=_(
            "A German school-leaving certificate is entered with the schools in the life history."
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Step "verfahren": procedures and convictions


class ProcedureRowForm(RowForm):
    kind = ChoiceOrEmptyField(
        label=_("Kind of procedure"),
        choices=choices.options(choices.PROCEDURE_KINDS),
        required=True,
    )
    authority = text_field(_("Authority or court"), hint=_("E.g. “BAMF” or “VG Gelsenkirchen”."))
    reference = text_field(_("File number"), max_length=100)
    filed = date_field(_("Filed on"))
    decided = date_field(_("Decided on"))
    outcome = ChoiceOrEmptyField(
        label=_("Result"),
        choices=choices.options(choices.PROCEDURE_OUTCOMES),
        empty_label=_("– still open or unknown –"),
    )
    final_date = date_field(_("Final (no more appeal possible) since"))
    pending = YesNoField(label=_("Is the procedure still open?"))
    date_scheduled = date_field(_("Date fixed for the deportation"))
    until = date_field(_("Entry ban until"))
    persons = forms.MultipleChoiceField(
        label=_("Whom does it concern?"),
        help_text=_("Tick nobody if it concerns the whole household."),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
    )

    def setup(self) -> None:
        field = self.fields["persons"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = person_choices(self.document)
        keep_choices(self, "kind", choices.PROCEDURE_KINDS)


class OffencesPersonForm(PersonForm):
    # An explicit "no" is an answer the letter can state ("nicht vorbestraft"); an empty list of
    # convictions alone could also mean nobody asked.
    convicted = YesNoField(
        label=_("Has a court ever convicted this person, or are criminal proceedings pending?"),
        help_text=_("Fines by penalty order (Strafbefehl) count too."),
        unknown_label=_("Not answered yet"),
    )

    def clean_with_rows(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Checks the answer against the convictions entered below it."""
        convicted = self.cleaned_data.get("convicted")
        entered = rows.get("offences") or []
        if convicted is False and entered:
            self.add_error(
                "convicted",
                _("You answered “No”, but entered convictions below. Please correct one of them."),
            )
        elif convicted is True and not entered:
            self.add_error(
                "convicted", _("Please describe the conviction or the proceedings below.")
            )


class OffenceRowForm(RowForm):
    kind = text_field(
        _("What was the offence?"), hint=_("As written in the judgment, e.g. “Theft”.")
    )
    category = ChoiceOrEmptyField(
        label=_("Kind of offence"), choices=choices.options(choices.OFFENCE_CATEGORIES)
    )
    date = date_field(_("Date of the offence"))
    judgment_date = date_field(_("Date of the judgment"))
    sanction = ChoiceOrEmptyField(label=_("Sentence"), choices=choices.options(choices.SANCTIONS))
    daily_rates = forms.IntegerField(
        label=_("Number of daily rates (for a fine)"),
        required=False,
        min_value=0,
        max_value=720,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )
    prison_months = forms.IntegerField(
        label=_("Months of prison"),
        required=False,
        min_value=0,
        max_value=600,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )
    suspended = YesNoField(label=_("Suspended on probation?"))
    intentional = YesNoField(label=_("Committed on purpose?"))
    alien_specific = YesNoField(
        label=_("An offence only foreigners can commit (e.g. against residence rules)?")
    )
    weapon = YesNoField(label=_("Was a weapon involved?"))
    juvenile = YesNoField(label=_("Sentenced under juvenile criminal law?"))
    final = YesNoField(label=_("Is the judgment final?"))


PROCEDURES_LAYOUT: Layout = (
    RowsPart(
        key="procedures",
        form_class=ProcedureRowForm,
        legend=_("Procedures with authorities and courts"),
        hint=_(
            "Asylum procedures, court cases, deportation orders, a fixed date for deportation, "
            "entry bans, earlier petitions."
        ),
        row_legend=_("Procedure %(number)s"),
        add_label=_("Add a procedure"),
    ),
    GroupPart(
        key="offences",
        form_class=OffencesPersonForm,
        rows=(
            RowsPart(
                key="offences",
                form_class=OffenceRowForm,
                legend=_("Criminal convictions and proceedings"),
                hint=_("Leave empty if there are none."),
                row_legend=_("Conviction %(number)s"),
                add_label=_("Add a conviction or proceedings"),
            ),
        ),
        legend=_("Criminal convictions"),
        hint=_(
            "Please be honest: the authority checks the criminal record. Many convictions "
            "do not stand in the way of an application."
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Step "gesundheit": illnesses that matter


LIMITS_NONE = "none"


class HealthPersonForm(PersonForm):
    pass


class HealthRowForm(RowForm):
    condition = text_field(_("Illness or disability"))
    report_date = date_field(_("Date of the latest medical report"))
    treating = text_field(_("Treated by (doctor, clinic or therapist)"))
    limits = forms.MultipleChoiceField(
        label=_("According to the medical report, the illness makes impossible:"),
        required=False,
        choices=[
            *choices.options(choices.HEALTH_LIMITS),
            (LIMITS_NONE, _("none of these")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_limits(self) -> list[str]:
        limits: list[str] = self.cleaned_data.get("limits") or []
        if LIMITS_NONE in limits and len(limits) > 1:
            raise forms.ValidationError(
                _("Tick “none of these” only on its own."), code="none_and_limits"
            )
        return limits


HEALTH_LAYOUT: Layout = (
    GroupPart(
        key="persons",
        form_class=HealthPersonForm,
        rows=(
            RowsPart(
                key="health",
                form_class=HealthRowForm,
                legend=_("Illnesses and disabilities"),
                row_legend=_("Illness %(number)s"),
                add_label=_("Add an illness"),
                empty_row=True,
            ),
        ),
        hint=_(
            "A current medical report (not older than three months) is important. "
            "Only the people for whom you said health matters are shown."
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Step "geschichte": the narratives


class NarrativePartForm(CaseForm):
    language = ChoiceOrEmptyField(
        label=_("Language of the text"),
        choices=choices.options(choices.LANGUAGES),
        empty_label=_("– choose –"),
        help_text=_("You may write in your own language. The letter needs a German translation."),
    )
    text = long_text_field(_("Your text"))
    translation_de = long_text_field(
        _("German translation"),
        hint=_("Only needed if you wrote the text in another language."),
    )
    # The guiding questions shown beside the text box; set per part in the layout.
    guidance: tuple[Any, ...] = ()
    required_for: tuple[str, ...] = ()

    def setup(self) -> None:
        keep_choices(self, "language", choices.LANGUAGES)
        self.fields["text"].label = self.title

    title: Any = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("text") or cleaned.get("translation_de")) and not cleaned.get("language"):
            self.add_error("language", _("Choose the language of the text."))
        return cleaned


def narrative_form(
    name: str, title: Any, guidance: Iterable[Any], required_for: tuple[str, ...] = ()
) -> type[NarrativePartForm]:
    return type(
        f"{name.title().replace('_', '')}Form",
        (NarrativePartForm,),
        {"title": title, "guidance": tuple(guidance), "required_for": required_for},
    )


class FamilyTiesForm(CaseForm):
    germany = long_text_field(
        _("Family in Germany"),
        hint=_("Who of your family lives in Germany? If nobody, write that."),
        rows=3,
    )
    country_of_origin = long_text_field(
        _("Family in your country of origin"),
        hint=_("Who still lives there, and are you in contact? If nobody, write that."),
        rows=3,
    )


NARRATIVE_PARTS: tuple[tuple[str, type[NarrativePartForm]], ...] = (
    (
        "life_story",
        narrative_form(
            "life_story",
            _("Your life story"),
            (
                _("Where and how did you grow up?"),
                _("Why did you leave your country?"),
                _("How did you come to Germany, and when?"),
                _("What happened since then: school, work, family?"),
            ),
            required_for=("hfk_nrw",),
        ),
    ),
    (
        "current_situation",
        narrative_form(
            "current_situation",
            _("Your situation today"),
            (
                _("Where do you live, and with whom?"),
                _("How do you earn your living?"),
                _("How are your children doing at school or day care?"),
            ),
            required_for=("hfk_nrw",),
        ),
    ),
    (
        "integration",
        narrative_form(
            "integration",
            _("Your life in Germany"),
            (
                _("How did you learn German?"),
                _("Who are your friends and neighbours here?"),
                _("Where do you help others, in clubs, in your community?"),
            ),
            required_for=("hfk_nrw",),
        ),
    ),
    (
        "humanitarian_reasons",
        narrative_form(
            "humanitarian_reasons",
            _("Why you need to stay"),
            (
                _("What would happen to you and your family if you had to leave?"),
                _("Is anyone ill or in need of care?"),
                _("What ties do you still have to your country of origin?"),
            ),
            required_for=("hfk_nrw",),
        ),
    ),
    (
        "request",
        narrative_form(
            "request",
            _("Your request in your own words (optional)"),
            (_("What do you want to ask the authority for?"),),
        ),
    ),
)

NARRATIVE_LAYOUT: Layout = (
    *(
        FormPart(key=name, form_class=form_class, legend=form_class.title)
        for name, form_class in NARRATIVE_PARTS
    ),
    FormPart(
        key="family_ties",
        form_class=FamilyTiesForm,
        legend=_("Family ties of the applicant"),
    ),
)


# --------------------------------------------------------------------------------------------
# Step "vertretung": counsellor or lawyer


class RepresentativeForm(CaseForm):
    has_representative = YesNoField(
        label=_("Does a counsellor or lawyer support you with this application?"),
        unknown_label=_("Not answered"),
    )
    kind = ChoiceOrEmptyField(
        label=_("Who supports you?"), choices=choices.options(choices.REPRESENTATIVE_KINDS)
    )
    name = text_field(_("Name"))
    organisation = text_field(_("Organisation or law firm"))
    street = text_field(_("Street and house number"))
    postcode = text_field(_("Postcode"), max_length=10)
    city = text_field(_("Town or city"))
    phone = text_field(_("Phone"), max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False, empty_value=None)
    power_of_attorney_signed = date_field(_("Power of attorney signed on"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("has_representative") is True:
            if not cleaned.get("kind"):
                self.add_error("kind", _("Choose who supports you."))
            if not cleaned.get("name") and not cleaned.get("organisation"):
                self.add_error("name", _("Enter the name of the person or the organisation."))
        return cleaned


REPRESENTATIVE_LAYOUT: Layout = (FormPart(key="representative", form_class=RepresentativeForm),)


# --------------------------------------------------------------------------------------------
# Step "haushalt": rent, contact, the local authority


class RentForm(CaseForm):
    rent_monthly = MoneyField(
        label=_("Rent per month in euros"),
        help_text=_("The total rent you pay each month, as in the rent contract."),
    )
    rent_includes_heating = YesNoField(label=_("Does this amount include heating?"))


class ContactForm(CaseForm):
    phone = text_field(_("Phone"), max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False, empty_value=None)


class AuthorityForm(CaseForm):
    name = text_field(
        _("Your Ausländerbehörde"), hint=_("E.g. “Stadt Dortmund, Ausländerbehörde”.")
    )
    reference = text_field(
        _("Your file number there"),
        hint=_("It is on letters from the authority (“Aktenzeichen”)."),
        max_length=100,
    )


class SendingForm(CaseForm):
    channel = ChoiceOrEmptyField(label=_("How will the application be sent?"), choices=())
    application_date = ExactDateField(
        label=_("Date the application was handed in"),
        help_text=_(
            "Only if it has been handed in already, or the day is fixed. It can decide whether "
            "an expiring residence permit continues while the application is decided."
        ),
    )

    def setup(self) -> None:
        allowed = choices.CHANNELS_BY_TARGET.get(str(self.document.get("target")), ())
        keep_choices(self, "channel", {key: choices.CHANNELS[key] for key in allowed})


HOUSEHOLD_LAYOUT: Layout = (
    FormPart(key="rent", form_class=RentForm, legend=_("Rent")),
    FormPart(
        key="contact",
        form_class=ContactForm,
        legend=_("How can the authority reach you?"),
    ),
    FormPart(key="authority", form_class=AuthorityForm, legend=_("Ausländerbehörde")),
    FormPart(key="sending", form_class=SendingForm, legend=_("Handing in the application")),
)


LAYOUTS: dict[str, Layout] = {
    "personen": PERSONS_LAYOUT,
    "lebenslauf": BIOGRAPHY_LAYOUT,
    "schule": SCHOOL_LAYOUT,
    "integration": INTEGRATION_LAYOUT,
    "verfahren": PROCEDURES_LAYOUT,
    "gesundheit": HEALTH_LAYOUT,
    "geschichte": NARRATIVE_LAYOUT,
    "vertretung": REPRESENTATIVE_LAYOUT,
    "haushalt": HOUSEHOLD_LAYOUT,
}


class NewCaseForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Which application do you want to prepare?"),
        choices=choices.options(choices.TARGETS),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the two applications.")},
    )
