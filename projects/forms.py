"""The forms of projects: a project with its outputs, partners and links, the pasted text to read
projects from, and the technical team's review decisions (on a project, and on a change to a published one).
Every text is plain, one line for names and titles (PlainTextMixin)."""

from django import forms
from django.utils import translation
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
        labels = {"original_language": _("Original language")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            language = language_name(code)
            self.fields[f"title_{code}"].label = _("Title (%(language)s)") % {"language": language}
            self.fields[f"description_{code}"].label = _("Description (%(language)s)") % {"language": language}
        language_inputs(self)

    def clean(self):
        data = super().clean()
        if not any((data.get(f"title_{code}") or "").strip() for code in LANGUAGE_CODES):
            # Without a title a draft cannot be found again: ask before the first save, in the reader's language.
            lang = translation.get_language()
            field = f"title_{lang if lang in LANGUAGE_CODES else LANGUAGE_CODES[0]}"
            self.add_error(field, _("Give the project a title, in any language, before saving it."))
        return data

    def clean_currency(self):
        # The model's validator (IATI's list) runs after this, on the upper-case code.
        return self.cleaned_data["currency"].strip().upper()

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("sectors", "places")}


class OutputForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Output
        fields = ["quantity", "unit", "description"]
        labels = {"quantity": _("Quantity"), "unit": _("Unit"), "description": _("What")}


class PartnerForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "role"]
        labels = {"name": _("Partner or donor"), "role": _("Role")}
        widgets = {"name": forms.TextInput(attrs={"dir": "auto"})}


class LinkForm(PlainTextMixin, forms.ModelForm):
    url = forms.URLField(label=_("Address (article, photos or video)"), max_length=500, assume_scheme="https")

    class Meta:
        model = Link
        fields = ["kind", "url", "title"]
        labels = {"kind": _("Kind"), "title": _("Title")}


# Plain formsets, filled from the project or from its change waiting for review: the service replaces a
# project's outputs, partners and links as a whole, so rows need no database identity.
OutputFormSet = forms.formset_factory(OutputForm, extra=2, can_delete=True)
PartnerFormSet = forms.formset_factory(PartnerForm, extra=1, can_delete=True)
LinkFormSet = forms.formset_factory(LinkForm, extra=1, can_delete=True)


class PasteForm(PlainTextMixin, forms.Form):
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


class RevisionReviewForm(PlainTextMixin, forms.Form):
    """Shown on the same page as ReviewForm: its inputs get their own ids."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the changes")), ("return", _("Return the changes to the organisation"))],
    )
    comment = forms.CharField(
        label=_("Comment to the organisation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_change_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the organisation should change."))
        return data
