from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coalition.models import Body, Mandate, Region
from core.forms import PlainTextMixin, language_inputs
from core.validators import NAME_SCRIPT
from members.models import Organisation
from places.models import Place

LANGS = [code for code, _name in settings.LANGUAGES]


class DecisionForm(PlainTextMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason (sent to the applicant when rejecting)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for rejecting the application."))
        return data


class StatusForm(PlainTextMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s, label) for s, label in Organisation.Status.choices if s in ("member", "suspended", "withdrawn")],
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class RegionForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = [*[f"name_{c}" for c in LANGS], *[f"description_{c}" for c in LANGS], "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGS:
            self.fields[f"name_{code}"].validators.append(NAME_SCRIPT[code])
        language_inputs(self)


class BodyForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "slug",
            "kind",
            "region",
            *[f"name_{c}" for c in LANGS],
            *[f"description_{c}" for c in LANGS],
            "is_elected",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_inputs(self)


class MandateForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.filter(is_active=True).order_by("full_name")
    )
    organisation = forms.ModelChoiceField(
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


class CommunityForm(PlainTextMixin, forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Sub-district"), queryset=Place.objects.filter(level=Place.Level.SUB_DISTRICT).order_by("pcode")
    )
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=120, validators=[NAME_SCRIPT["ar"]])
    name_en = forms.CharField(label=_("Name in Latin letters"), max_length=120, validators=[NAME_SCRIPT["en"]])
    pcode = forms.RegexField(label=_("Community P-code, if known"), regex=r"^C\d{4,6}$", required=False, max_length=20)
