"""Validators for text people type: plain text only, and the right script for each language."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript:", re.IGNORECASE)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_SYRIAC = re.compile("[\u0700-\u074f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def no_markup(value: str) -> None:
    if value and _MARKUP.search(value):
        raise ValidationError(_("Please write plain text: HTML tags and scripts are not allowed."), code="markup")


def arabic_script(value: str) -> None:
    if value and (not _ARABIC.search(value) or _LATIN.search(value)):
        raise ValidationError(_("Please write this name in Arabic letters."), code="script")


def latin_script(value: str) -> None:
    if value and (not _LATIN.search(value) or _ARABIC.search(value) or _SYRIAC.search(value)):
        raise ValidationError(_("Please write this name in Latin letters."), code="script")


def syriac_script(value: str) -> None:
    if value and (not _SYRIAC.search(value) or _LATIN.search(value)):
        raise ValidationError(_("Please write this name in Syriac letters."), code="script")


NAME_SCRIPT = {"ar": arabic_script, "en": latin_script, "ku": latin_script, "syr": syriac_script}
