from django import template
from django.utils import translation
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
