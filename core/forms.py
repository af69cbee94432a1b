"""Form pieces every app's forms share: plain-text input, per-language inputs, labels in the reader's
language, and a honeypot against bots."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.i18n import LANGUAGE_CODES, direction, language_name
from core.validators import no_invisible_characters, no_markup

# Django writes ":" after a label unless the label ends with one of these characters. The string is Django's own
# and translatable, so CivNet's catalogues add Arabic and Syriac punctuation: no "؟:" after an Arabic question.
# Translators: keep the four characters and add your language's question mark, full stop and colon, if different.
LABEL_END_PUNCTUATION = gettext_noop(":?.!")


class PlainTextMixin:
    """Every text a person types is plain text: markup is refused, and so are invisible characters (direction
    overrides, control characters; line breaks too, except in multi-line fields), each with a clear message."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and value:
                field = self.fields.get(name)
                multiline = field is not None and isinstance(field.widget, forms.Textarea)
                try:
                    no_markup(value)
                    no_invisible_characters(value, multiline=multiline)
                except forms.ValidationError as error:
                    if name in self.fields:
                        self.add_error(name, error)
                    else:
                        self.add_error(None, error)
        return data


class HoneypotMixin:
    """Adds a field people never see (hidden by CSS, skipped by the keyboard); bots fill it in, and the form
    then refuses with a message a person who somehow saw it can follow."""

    honeypot_field = "homepage"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = forms.CharField(
            required=False,
            label="",
            # Out of sight and out of the tab order, but named for a screen reader that reaches it anyway.
            widget=forms.TextInput(
                attrs={
                    "class": "hp",
                    "tabindex": "-1",
                    "autocomplete": "off",
                    "aria-label": _("Leave this field empty"),
                }
            ),
        )

    def clean(self):
        data = super().clean()
        if data.get(self.honeypot_field):
            self.add_error(self.honeypot_field, _("Please leave this field empty."))
        return data


class TranslatedChoiceField(forms.ModelChoiceField):
    """Choices labelled in the reader's language (a region, a place), not by their English name."""

    def label_from_instance(self, obj):
        return str(obj.name)


class TranslatedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj.name)


# The labels of per-language inputs whose model gives none in words ("Title ar" would show): whole phrases, the
# language named in the reader's language.
LANGUAGE_LABELS = {
    "name": _("Name (%(language)s)"),
    "title": _("Title (%(language)s)"),
    "description": _("Description (%(language)s)"),
    "objectives": _("Objectives (%(language)s)"),
    "issue": _("Issue (%(language)s)"),
    "body": _("Text (%(language)s)"),
    "summary": _("Summary (%(language)s)"),
    "introduction": _("Introduction (%(language)s)"),
    "text": _("Text (%(language)s)"),
    "vision": _("Vision (%(language)s)"),
    "mission": _("Mission (%(language)s)"),
    "goals": _("Goals (%(language)s)"),
    "message": _("Message (%(language)s)"),
    "who_we_are": _("Who we are (%(language)s)"),
}


def language_inputs(form):
    """Each per-language input (`title_ar`, `name_en` ...) carries its language and direction, so Arabic types
    right-to-left on an English page and the reverse; one still labelled by its column's name ("Title ar") is
    labelled in words ("Title (Arabic)")."""
    for name, field in form.fields.items():
        base, _sep, code = name.rpartition("_")
        if code in LANGUAGE_CODES and name != "original_language":
            field.widget.attrs.update(lang=code, dir=direction(code))
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            if base in LANGUAGE_LABELS and str(field.label) in (capfirst(f"{base.replace('_', ' ')} {code}"), "None"):
                field.label = LANGUAGE_LABELS[base] % {"language": language_name(code)}
