"""The technical team's forms for the coalition's regions and bodies, every label and choice in the reader's
language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.models import Body, Region
from core.forms import PlainTextMixin, TranslatedChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES
from core.validators import NAME_SCRIPT


class RegionForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = [*[f"name_{c}" for c in LANGUAGE_CODES], *[f"description_{c}" for c in LANGUAGE_CODES], "order"]
        labels = {"order": _("Place in lists (smallest first)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"name_{code}"].validators.append(NAME_SCRIPT[code])
        language_inputs(self)


class BodyForm(PlainTextMixin, forms.ModelForm):
    region = TranslatedChoiceField(
        label=_("Region (for a local body)"), queryset=Region.objects.all(), required=False, empty_label=_("No region")
    )

    class Meta:
        model = Body
        fields = [
            "slug",
            "kind",
            "region",
            *[f"name_{c}" for c in LANGUAGE_CODES],
            *[f"description_{c}" for c in LANGUAGE_CODES],
            "is_elected",
            "order",
        ]
        labels = {
            "slug": _("Address of its page (Latin letters, digits and hyphens)"),
            "kind": _("Kind of body"),
            "is_elected": _("Its members are elected"),
            "order": _("Place in lists (smallest first)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_inputs(self)
