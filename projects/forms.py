from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import PlainTextMixin, TranslatedMultipleChoiceField, language_inputs
from members.models import Sector
from places.models import Place
from projects.extraction import MAX_TEXT
from projects.models import Link, Output, Partner, Project

LANGS = [code for code, _name in settings.LANGUAGES]


class PlaceChoiceField(TranslatedMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.pcode})" if obj.pcode else f"{obj.name} ({obj.parent.name})"


class ProjectForm(PlainTextMixin, forms.ModelForm):
    # A draft may be incomplete: what is missing is listed as a problem, and blocks publication only.
    sectors = TranslatedMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    places = PlaceChoiceField(
        label=_("Places (governorate, district, sub-district or community)"),
        queryset=Place.objects.select_related("parent").order_by("level", "pcode", "name_en"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
    )

    class Meta:
        model = Project
        fields = [
            *[f"title_{c}" for c in LANGS],
            *[f"description_{c}" for c in LANGS],
            "original_language",
            "status",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "sectors",
            "places",
            "targeted_total",
            "reached_total",
            *Project.BREAKDOWN,
            *Project.GROUPS,
            "budget",
            "currency",
        ]
        widgets = {
            f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for f in ("planned_start", "planned_end", "actual_start", "actual_end")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        for code in LANGS:
            self.fields[f"title_{code}"].label = _("Title (%(language)s)") % {"language": names[code]}
            self.fields[f"description_{code}"].label = _("Description (%(language)s)") % {"language": names[code]}
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


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("A 4W table (CSV or XLSX, with or without an HXL hashtag row) or an IATI activity file (XML)"),
        help_text=_("Nothing is written before you see the preview and confirm."),
    )
