"""Template filters of advocacy's and the newsletter's pages: names, days and moments isolated from the text around
them, so a name written in another direction (or carrying direction controls), or a date with month names, cannot
reorder the sentence it sits in. Dates are day first in every language; a moment shows its offset from UTC."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

register = template.Library()

DAY = "j F Y"
MOMENT = "j F Y, H:i"


@register.filter
def bdi(value):
    """The value in its own <bdi>, for a sentence such as "{{ org }} signed this version."."""
    return format_html("<bdi>{}</bdi>", value)


def _local(value):
    return timezone.localtime(value) if isinstance(value, datetime.datetime) and timezone.is_aware(value) else value


@register.filter
def day(value):
    """A day (a date, or the day of a moment), day first with the month's name, isolated: "15 January 2023"."""
    if not value:
        return ""
    value = _local(value)
    iso = value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    return format_html('<bdi><time datetime="{}">{}</time></bdi>', iso, formats.date_format(value, DAY))


@register.filter
def month(value):
    """A month, with its name, isolated: "February 2023"."""
    if not value:
        return ""
    return format_html(
        '<bdi><time datetime="{}">{}</time></bdi>', value.strftime("%Y-%m"), formats.date_format(value, "F Y")
    )


@register.filter
def moment(value):
    """A moment where its time matters (a deadline, a vote, a publication): day first, with its offset from UTC,
    isolated."""
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
