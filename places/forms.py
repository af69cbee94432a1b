"""The technical team's form for adding a community to the gazetteer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PlainTextMixin
from core.validators import NAME_SCRIPT
from places.models import Place


class CommunityForm(PlainTextMixin, forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Sub-district"), queryset=Place.objects.filter(level=Place.Level.SUB_DISTRICT).order_by("pcode")
    )
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=120, validators=[NAME_SCRIPT["ar"]])
    name_en = forms.CharField(label=_("Name in Latin letters"), max_length=120, validators=[NAME_SCRIPT["en"]])
    pcode = forms.RegexField(label=_("Community P-code, if known"), regex=r"^C\d{4,6}$", required=False, max_length=20)
