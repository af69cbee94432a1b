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


@register.filter
def day(value):
    """A date, day first in every language ("3 آذار 2024", "3 March 2024"), isolated from the text around it."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_html(
        '<bdi><time datetime="{}">{}</time></bdi>',
        value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat(),
        formats.date_format(value, "j F Y"),
    )


@register.filter
def moment(value):
    """A time that matters (a deadline, a vote): day first, the hour, and the time zone it is in, isolated."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    offset = local.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
    return format_html(
        '<bdi><time datetime="{}">{} <span dir="ltr">{}{}</span></time></bdi>',
        local.isoformat(),
        formats.date_format(local, "j F Y"),
        formats.time_format(local, "H:i"),
        f" ({zone})" if zone else "",
    )
