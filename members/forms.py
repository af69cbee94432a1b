"""Forms of the members app: the application to join, an organisation's profile and people, and the technical
team's decisions on applications, membership statuses and seats in the coalition's bodies."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from coalition.models import Region
from core.forms import (
    HoneypotMixin,
    PlainTextMixin,
    TranslatedChoiceField,
    TranslatedMultipleChoiceField,
    language_inputs,
)
from core.i18n import LANGUAGE_CODES, language_name
from core.validators import NAME_SCRIPT, no_markup, one_line
from members.models import Affiliation, Mandate, Organisation, Sector, validate_founded_on
from places.forms import ADMINISTRATIVE, PlaceField

TEXT_MAX = 5000


def _name_fields(form):
    for code in LANGUAGE_CODES:
        field = form.fields.get(f"name_{code}")
        if field is not None:
            field.validators.append(NAME_SCRIPT[code])


class ApplicationForm(HoneypotMixin, PlainTextMixin, forms.Form):
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=200)
    name_en = forms.CharField(
        label=_("Name in Latin letters (English or Kurmanji)"),
        max_length=200,
        help_text=_("It makes the address of your profile page."),
    )
    name_ku = forms.CharField(label=_("Name in Kurmanji"), max_length=200, required=False)
    name_syr = forms.CharField(label=_("Name in Syriac"), max_length=200, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    region = TranslatedChoiceField(label=_("Region"), queryset=Region.objects.all(), empty_label=None)
    sectors = TranslatedMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    founded_on = forms.DateField(
        label=_("Founding date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_founded_on],
    )
    description = forms.CharField(label=_("What your organisation does"), max_length=TEXT_MAX, widget=forms.Textarea)
    contact_name = forms.CharField(label=_("Your full name"), max_length=150)
    contact_email = forms.EmailField(label=_("Your email address"), help_text=_("Your account will use this address."))
    contact_phone = forms.CharField(label=_("Your phone number"), max_length=40, required=False)
    message = forms.CharField(
        label=_("Message to the technical team"), max_length=TEXT_MAX, required=False, widget=forms.Textarea
    )
    consent = forms.BooleanField(
        label=_("I agree that the coalition stores these details to review the application and contact me.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_fields(self)
        language_inputs(self)

    def organisation_fields(self, language: str) -> dict:
        data = self.cleaned_data
        fields = {f"name_{c}": data.get(f"name_{c}", "") for c in LANGUAGE_CODES}
        original = language if language in LANGUAGE_CODES else "ar"
        fields.update(
            acronym=data["acronym"],
            region=data["region"],
            founded_on=data["founded_on"],
            original_language=original,
            **{f"description_{original}": data["description"]},
        )
        return fields


class OrganisationForm(PlainTextMixin, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    place = PlaceField(
        label=_("Headquarters (governorate, district or sub-district)"), levels=ADMINISTRATIVE, required=False
    )

    class Meta:
        model = Organisation
        fields = [
            *[f"name_{c}" for c in LANGUAGE_CODES],
            "acronym",
            "original_language",
            "founded_on",
            "place",
            "sectors",
            *[f"{field}_{c}" for field in ("description", "vision", "mission") for c in LANGUAGE_CODES],
            "website",
            "email",
            "phone",
            "publish_website",
            "publish_email",
            "publish_phone",
        ]
        field_classes = {"sectors": TranslatedMultipleChoiceField}
        labels = {"sectors": _("Sectors")}
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_fields(self)
        labels = {"name": _("Name"), "description": _("Description"), "vision": _("Vision"), "mission": _("Mission")}
        for field, label in labels.items():
            for code in LANGUAGE_CODES:
                f = self.fields[f"{field}_{code}"]
                f.label = f"{label} ({language_name(code)})"
                if field != "name":
                    f.max_length = TEXT_MAX
                    f.validators.append(MaxLengthValidator(TEXT_MAX))
        language_inputs(self)

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{c}") for c in LANGUAGE_CODES):
            raise forms.ValidationError(_("The organisation needs a name in at least one language."))
        if not (data.get("name_en") or data.get("name_ku")):
            self.add_error("name_en", _("Give the name in Latin letters too (English or Kurmanji)."))
        return data

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "sectors"}


class InvitationForm(PlainTextMixin, forms.Form):
    """An organisation admin invites an email address to a role; the person accepts through an emailed link."""

    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Affiliation.Role.choices)
    language = forms.ChoiceField(label=_("Language of the invitation email"), choices=())

    def __init__(self, *args, language: str = "ar", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in LANGUAGE_CODES]
        self.fields["language"].initial = language if language in LANGUAGE_CODES else LANGUAGE_CODES[0]


class InvitationAccountForm(forms.Form):
    """The name and password of the account an invitation creates for an address that has none. (Not a
    PlainTextMixin form: a password may hold any character; the name gets the same rules by its validators.)"""

    full_name = forms.CharField(label=_("Your full name"), max_length=150, validators=[no_markup, one_line])
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password (again)"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = get_user_model()(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class NameChangeDecisionForm(PlainTextMixin, forms.Form):
    """The technical team's decision on a new organisation name; a refusal needs a reason, which the organisation's
    people read."""

    ACCEPT, REFUSE = "accept", "refuse"

    decision = forms.ChoiceField(label=_("Decision"), choices=[(ACCEPT, _("Accept")), (REFUSE, _("Refuse"))])
    reason = forms.CharField(
        label=_("Reason (shown to the organisation when refusing)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REFUSE and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for refusing the new name."))
        return data


class DecisionForm(PlainTextMixin, forms.Form):
    """The technical team's decision on an application; a rejection needs a reason, which the applicant reads."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(label=_("Decision"), choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))])
    reason = forms.CharField(
        label=_("Reason (sent to the applicant when rejecting)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for rejecting the application."))
        return data


# Applicant and rejected are reached only through an application, never set by hand.
SETTABLE_STATUSES = (Organisation.Status.MEMBER, Organisation.Status.SUSPENDED, Organisation.Status.WITHDRAWN)


class StatusForm(PlainTextMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s, label) for s, label in Organisation.Status.choices if s in SETTABLE_STATUSES],
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class MandateForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.filter(is_active=True).order_by("full_name")
    )
    organisation = TranslatedChoiceField(
        label=_("For the organisation"), required=False, queryset=Organisation.objects.public().order_by("name_en")
    )
    role = forms.ChoiceField(label=_("Role in the body"), choices=Mandate.Role.choices)
    starts_on = forms.DateField(label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    show_person_publicly = forms.BooleanField(label=_("The person agreed to show their name publicly"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The term cannot end before it starts."))
        return data


class MandateEndForm(PlainTextMixin, forms.Form):
    ends_on = forms.DateField(label=_("Last day of the term"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class LanguageForm(forms.Form):
    """The language of the emails CivNet sends the person (each language named in itself)."""

    language = forms.ChoiceField(label=_("Language of the emails CivNet sends you"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, translation.get_language_info(code)["name_local"]) for code in LANGUAGE_CODES
        ]
