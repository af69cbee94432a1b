"""Forms of information exchange: activities posted by organisations, the technical team's news, issues and
contacts, and the public's subscriptions and comments. They return clean values; services do the writing."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.forms import DATE_INPUT, TitledChoiceField, language_labels
from core.forms import HoneypotMixin, PlainTextMixin, TranslatedMultipleChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, direction, language_name
from members.models import Sector
from newsletters.models import CONSENT_TEXT, Activity, NewsItem
from places.forms import ADMINISTRATIVE, PlacesField

# Throwaway-mail domains seen in spam; a clear message instead of a silent drop.
DISPOSABLE = {"mailinator.com", "guerrillamail.com", "10minutemail.com", "tempmail.com", "yopmail.com", "trashmail.com"}


def safe_url(value: str) -> str:
    if value and not re.match(r"^https?://", value, re.IGNORECASE):
        raise forms.ValidationError(_("Only web addresses (http or https) are accepted."))
    return value


class ActivityForm(PlainTextMixin, forms.ModelForm):
    url = forms.URLField(label=_("Where it is published"), max_length=500, assume_scheme="https", validators=[safe_url])
    sectors = TranslatedMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

    places = PlacesField(label=_("Places"), levels=ADMINISTRATIVE)

    class Meta:
        model = Activity
        fields = ["title", "summary", "language", "happened_on", "kind", "url", "sectors", "places", "project"]
        field_classes = {"project": TitledChoiceField}
        widgets = {"happened_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = organisation.projects.all()
        self.fields["project"].required = False


class DecisionForm(PlainTextMixin, forms.Form):
    """A decision of the technical team, which must be one of two explicit choices: a request without one (a
    stale page, a tool, a missed button) changes nothing. `cleaned_data["approve"]` is True or False."""

    approve_value = "approve"
    other_value = ""
    missing = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = forms.ChoiceField(
            label=_("Decision"),
            choices=[(self.approve_value, self.approve_value), (self.other_value, self.other_value)],
            error_messages={"required": self.missing, "invalid_choice": self.missing},
        )

    def clean(self):
        data = super().clean()
        if "decision" in data:
            data["approve"] = data.pop("decision") == self.approve_value
        return data


class ActivityReviewForm(DecisionForm):
    other_value = "return"
    missing = _("Choose whether to approve or return the activity.")
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class CommentModerationForm(DecisionForm):
    other_value = "reject"
    missing = _("Choose whether to approve or reject the comment.")


class NewsForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = [
            "slug",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            *[f"body_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "published_on",
        ]
        widgets = {"published_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_labels(self, title=_("Title (%(language)s)"), body=_("Text (%(language)s)"))
        language_inputs(self)


class IssueStartForm(PlainTextMixin, forms.Form):
    number = forms.IntegerField(label=_("Issue number"), min_value=1)
    title_ar = forms.CharField(label=_("Title in Arabic"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    period_start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("To"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return data


class IntroductionForm(PlainTextMixin, forms.Form):
    """An issue's introduction, one input per language (`introduction_ar` ...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"introduction_{code}"] = forms.CharField(
                label=gettext("Introduction (%(language)s)") % {"language": language_name(code)},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code, "dir": direction(code)}),
            )


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Your email address"))
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.rsplit("@", 1)[-1].lower() in DISPOSABLE:
            raise forms.ValidationError(_("Please use a lasting email address, not a disposable one."))
        return email


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)


class CommentForm(HoneypotMixin, PlainTextMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("Email (never shown)"))
    body = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    consent = forms.BooleanField(label=CONSENT_TEXT)


class ContactForm(PlainTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    consent_note = forms.CharField(label=_("How and when the contact gave consent"), max_length=300)
