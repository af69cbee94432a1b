"""The technical team's forms for the coalition's regions and bodies."""

from django import forms

from coalition.models import Body, Region
from core.forms import PlainTextMixin, language_inputs
from core.i18n import LANGUAGE_CODES
from core.validators import NAME_SCRIPT


class RegionForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = [*[f"name_{c}" for c in LANGUAGE_CODES], *[f"description_{c}" for c in LANGUAGE_CODES], "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"name_{code}"].validators.append(NAME_SCRIPT[code])
        language_inputs(self)


class BodyForm(PlainTextMixin, forms.ModelForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_inputs(self)
