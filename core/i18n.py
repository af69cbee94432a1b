"""Content written by people, stored in each of CivNet's four languages.

`name = Translated(models.CharField, max_length=200)` on a model adds the columns `name_ar`,
`name_ku`, `name_syr`, `name_en` (plain columns, any database) and makes `obj.name` a `Shown`:
the text in the active language or, when it is missing, in the fallback order (the text's
original language first), with the language it is actually in so templates can mark it.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# CivNet's languages, in the order pages list them; the one place other code reads them from.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_ORDER = ("ar", "en", "ku", "syr")


def direction(code: str) -> str:
    """ "rtl" for Arabic and Syriac, "ltr" for Kurmanji (Latin script) and English."""
    return "rtl" if code in settings.LANGUAGES_BIDI else "ltr"


def language_name(code: str) -> str:
    """The language's name in the reader's language (translated), e.g. for a label "Title (Arabic)"."""
    return str(dict(settings.LANGUAGES)[code])


@dataclass(frozen=True)
class Shown:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def direction(self) -> str:
        return direction(self.lang)


@functools.cache
def fallback_order(original: str | None, wanted: str) -> tuple[str, ...]:
    order = [wanted]
    for code in (original, *FALLBACK_ORDER):
        if code and code not in order and code in LANGUAGE_CODES:
            order.append(code)
    return tuple(order)


def pick(obj, field: str, lang: str | None = None) -> Shown:
    wanted = lang or translation.get_language() or settings.LANGUAGE_CODE
    if wanted not in LANGUAGE_CODES:
        wanted = settings.LANGUAGE_CODE
    for code in fallback_order(getattr(obj, "original_language", None), wanted):
        text = getattr(obj, f"{field}_{code}", "") or ""
        if text.strip():
            return Shown(text, code, code != wanted)
    return Shown("", wanted, False)


class Translated:
    """A model attribute stored as one column per language; reading it gives a `Shown`."""

    def __init__(self, field_class, **kwargs):
        self.field_class = field_class
        self.kwargs = kwargs

    def contribute_to_class(self, cls, name):
        self.name = name
        for code in LANGUAGE_CODES:
            field = self.field_class(blank=True, default="", **self.kwargs)
            cls.add_to_class(f"{name}_{code}", field)
        setattr(cls, name, self)
        cls._translated = (*getattr(cls, "_translated", ()), name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return pick(obj, self.name)

    def columns(self) -> list[str]:
        return [f"{self.name}_{code}" for code in LANGUAGE_CODES]


def all_texts(obj, field: str) -> list[str]:
    return [getattr(obj, f"{field}_{code}", "") or "" for code in LANGUAGE_CODES]


class OriginalLanguageField(models.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("choices", settings.LANGUAGES)
        kwargs.setdefault("default", settings.LANGUAGE_CODE)
        super().__init__(**kwargs)

    def formfield(self, **kwargs):
        # Labelled in words in every form (the column's own name would show "Original language" untranslated); set
        # here rather than as a verbose name so that no app's migrations change.
        if self.verbose_name == self.name.replace("_", " "):
            kwargs.setdefault("label", _("Original language"))
        return super().formfield(**kwargs)


def ordered_by_name(queryset, field: str = "name"):
    """The queryset ordered by a translated field in the active language; rows without that language sort by
    their English, then Arabic text."""
    lang = translation.get_language()
    if lang not in LANGUAGE_CODES:
        lang = settings.LANGUAGE_CODE
    return queryset.order_by(Coalesce(NullIf(f"{field}_{lang}", Value("")), f"{field}_en", f"{field}_ar"), "pk")


def sentence(template, **values) -> SafeString:
    """A translated sentence with `%(name)s` placeholders, each value isolated in <bdi> (names written in another
    direction cannot reorder the sentence around them) and escaped, like the sentence itself. A value that is
    already safe HTML is put in as it is."""
    text = conditional_escape(str(template))
    isolated = {
        key: value if isinstance(value, SafeString) else format_html("<bdi>{}</bdi>", value)
        for key, value in values.items()
    }
    return mark_safe(text % isolated)  # noqa: S308 - the sentence and every value are escaped above
