"""Validators for text people type: plain text only, and the right script for each language."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript:", re.IGNORECASE)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_SYRIAC = re.compile("[\u0700-\u074f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def no_markup(value: str) -> None:
    if value and _MARKUP.search(value):
        raise ValidationError(_("Please write plain text: HTML tags and scripts are not allowed."), code="markup")


# Characters a person cannot see: bidirectional overrides and isolates (U+202A-E, U+2066-9), direction marks
# (U+200E/F), zero-width characters, control characters (CR, LF, tab ...) and line/paragraph separators. In a
# name they let one organisation pose as another ("\u202e" + a reversed name displays as the real one).
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}
_TEXT_BREAKS = {"\n", "\r", "\t"}


# Direction embeddings, overrides and isolates reorder what follows them; never allowed.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def invisible_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The invisible or control characters in `value`. Names and titles (one line) allow none. Multi-line text
    allows line breaks and tabs, and the marks ordinary Arabic writing carries when pasted (LRM/RLM, zero-width
    joiners), but never a direction override or a control character."""
    if not multiline:
        return [ch for ch in value if unicodedata.category(ch) in _INVISIBLE_CATEGORIES]
    return [
        ch
        for ch in value
        if ch in _BIDI_CONTROLS or (unicodedata.category(ch) in {"Cc", "Co", "Cs"} and ch not in _TEXT_BREAKS)
    ]


def no_invisible_characters(value: str, *, multiline: bool = False) -> None:
    found = invisible_characters(value or "", multiline=multiline)
    if found:
        codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
        raise ValidationError(
            _("Please remove the invisible characters (direction marks, control characters or line breaks): %(codes)s.")
            % {"codes": codes},
            code="invisible",
        )


def one_line(value: str) -> None:
    """For names and titles: no invisible or control characters at all."""
    no_invisible_characters(value, multiline=False)


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
