"""The form of the import page: one file, a 4W table or an IATI activity file."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("A 4W table (CSV or XLSX, with or without an HXL hashtag row) or an IATI activity file (XML)"),
        help_text=_("Nothing is written before you see the preview and confirm."),
    )
