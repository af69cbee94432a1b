"""`{{ d|day }}` and `{% period project %}`: dates day-first in every language ("20 June 2022", "20 حزيران 2022"),
each isolated so a period keeps its order in right-to-left text; `{{ t|moment }}` adds the time and its zone."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()


def _time(value, text: str, machine: str):
    return format_html('<bdi><time datetime="{}">{}</time></bdi>', machine, text)


@register.filter
def day(value):
    """A date as "20 June 2022" in the reader's language, isolated."""
    if not value:
        return ""
    return _time(value, date_format(value, "j F Y"), value.isoformat()[:10])


@register.filter
def moment(value):
    """A date and time in the site's time zone, with the zone: "30 November 2026, 09:38 +03"."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _time(value, date_format(local, "j F Y, H:i T"), local.isoformat(timespec="minutes"))


@register.simple_tag
def period(project):
    """The project's start and end (the start alone while the end is not known; "—" for an unknown start), each
    date isolated."""
    start, end = day(project.start), day(project.end)
    if not end:
        return start
    return format_html("{} – {}", start or "—", end)
