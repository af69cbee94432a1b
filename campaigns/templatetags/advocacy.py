"""Template filters of advocacy's pages: names and moments isolated from the text around them, so a name written
in another direction (or carrying direction controls) cannot reorder the sentence it sits in."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    """The value in its own <bdi>, for a sentence such as "{{ org }} signed this version."."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def moment(value):
    """A moment where its time matters (a deadline, a publication): day first, with its offset from UTC, isolated."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<bdi><time datetime="{}">{} UTC{}</time></bdi>',
        local.isoformat(),
        formats.date_format(local, "j F Y, H:i"),
        formats.date_format(local, "O"),
    )
