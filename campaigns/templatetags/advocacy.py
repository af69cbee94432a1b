"""Template filters of advocacy's and the newsletter's pages: names, days and moments isolated from the text around
them, so a name written in another direction (or carrying direction controls), or a date with month names, cannot
reorder the sentence it sits in. Dates are day first in every language; a moment shows its offset from UTC."""

from django import template
from django.utils import formats
from django.utils.html import format_html

from core.templatetags.civnet import day, moment, moment_text

register = template.Library()

# Days and moments are written the same everywhere: core's filters, under the names these pages use.
register.filter("day", day)
register.filter("moment", moment)
register.filter("moment_text", moment_text)


@register.filter
def bdi(value):
    """The value in its own <bdi>, for a sentence such as "{{ org }} signed this version."."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def month(value):
    """A month, with its name, isolated: "February 2023"."""
    if not value:
        return ""
    return format_html(
        '<bdi><time datetime="{}">{}</time></bdi>', value.strftime("%Y-%m"), formats.date_format(value, "F Y")
    )
