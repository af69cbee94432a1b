"""The forms of projects: a project with its outputs, partners and links, the pasted text to read
projects from, and the technical team's review decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PlainTextMixin, TranslatedMultipleChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, language_name
from members.models import Sector
from places.forms import PlacesField
from projects.extraction import MAX_TEXT
from projects.models import Link, Output, Partner, Project


class ProjectForm(PlainTextMixin, forms.ModelForm):
    # A draft may be incomplete: what is missing is listed as a problem, and blocks publication only.
    sectors = TranslatedMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    places = PlacesField(label=_("Places (governorate, district, sub-district or community)"))

    class Meta:
        model = Project
        fields = [
            *[f"title_{c}" for c in LANGUAGE_CODES],
            *[f"description_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "status",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "sectors",
            "places",
            *Project.COUNT_FIELDS,
            "budget",
            "currency",
        ]
        widgets = {
            f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for f in ("planned_start", "planned_end", "actual_start", "actual_end")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            language = language_name(code)
            self.fields[f"title_{code}"].label = _("Title (%(language)s)") % {"language": language}
            self.fields[f"description_{code}"].label = _("Description (%(language)s)") % {"language": language}
        language_inputs(self)

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("sectors", "places")}


OutputFormSet = forms.inlineformset_factory(
    Project,
    Output,
    fields=["quantity", "unit", "description"],
    extra=2,
    can_delete=True,
    labels={"quantity": _("Quantity"), "unit": _("Unit"), "description": _("What")},
)
PartnerFormSet = forms.inlineformset_factory(
    Project,
    Partner,
    fields=["name", "role"],
    extra=1,
    can_delete=True,
    labels={"name": _("Partner or donor"), "role": _("Role")},
)


class LinkForm(forms.ModelForm):
    url = forms.URLField(label=_("Address (article, photos or video)"), max_length=500, assume_scheme="https")

    class Meta:
        model = Link
        fields = ["kind", "url", "title"]
        labels = {"kind": _("Kind"), "title": _("Title")}


LinkFormSet = forms.inlineformset_factory(Project, Link, form=LinkForm, extra=1, can_delete=True)


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the description of one or more projects"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
        help_text=_("English, Arabic or Kurmanji. Nothing is saved until you confirm each project."),
        error_messages={"max_length": _("This text is too long: paste at most %(limit_value)s characters at a time.")},
    )
    choose = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class ReviewForm(PlainTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("publish", _("Publish")), ("return", _("Return to the organisation"))]
    )
    comment = forms.CharField(
        label=_("Comment to the organisation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the organisation should change."))
        return data
