"""CivNet's template filters: translated texts with their language, dates day first and isolated, times with
their time zone."""

import datetime

from django import template
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join

from core.i18n import Shown

register = template.Library()


@register.filter
def shown(value):
    """Render a translated text with its language; a fallback gets a visible language mark."""
    if not isinstance(value, Shown):
        return value
    if not value.is_fallback:
        return format_html('<span lang="{}" dir="{}">{}</span>', value.lang, value.direction, value.text)
    name = translation.get_language_info(value.lang)["name_local"]
    return format_html(
        '<span lang="{}" dir="{}">{}</span> <small class="lang-mark" title="{}">{}</small>',
        value.lang,
        value.direction,
        value.text,
        name,
        value.lang.upper(),
    )


@register.filter
def shown_paragraphs(value):
    """A longer translated text: paragraphs inside one element carrying its language."""
    if not isinstance(value, Shown):
        return value
    paragraphs = format_html_join("", "<p>{}</p>", ((p,) for p in value.text.split("\n") if p.strip()))
    mark = ""
    if value.is_fallback:
        name = translation.get_language_info(value.lang)["name_local"]
        mark = format_html('<p><small class="lang-mark" title="{}">{}</small></p>', name, value.lang.upper())
    return format_html('<div lang="{}" dir="{}">{}{}</div>', value.lang, value.direction, paragraphs, mark)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


DAY = "j F Y"
MOMENT = "j F Y, H:i"


def _local(value):
    return timezone.localtime(value) if isinstance(value, datetime.datetime) and timezone.is_aware(value) else value


@register.filter
def day(value):
    """A day (a date, or the day of a moment), day first with the month's name in every language, isolated from the
    text around it: "15 January 2023"."""
    if not value:
        return ""
    value = _local(value)
    iso = value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    return format_html('<bdi><time datetime="{}">{}</time></bdi>', iso, formats.date_format(value, DAY))


@register.filter
def moment(value):
    """A moment where its time matters (a deadline, a vote, an event of the audit trail): day first, with its
    offset from UTC, isolated."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return format_html('<bdi><time datetime="{}">{}</time></bdi>', local.isoformat(), moment_text(local))


@register.filter
def moment_text(value) -> str:
    """The same moment as plain text, for emails: "15 January 2023, 14:30 UTC+0300"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    # The language's own date-and-time format where it is day first (Arabic writes "،" before the time).
    language_format = formats.get_format("DATETIME_FORMAT")
    pattern = language_format if language_format.startswith("j F Y") else MOMENT
    return f"{formats.date_format(local, pattern)} UTC{formats.date_format(local, 'O')}"
