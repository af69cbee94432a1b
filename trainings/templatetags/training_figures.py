"""How pages write the figures of capacity building: a hidden count (None) as "fewer than 5"."""

from django import template
from django.utils.translation import gettext as _

from trainings.selectors import number

register = template.Library()


@register.filter
def figure(value) -> str:
    """A count as the page writes it, or "fewer than 5" for a count hidden from the public."""
    return _("fewer than 5") if value is None else number(value)


@register.filter
def percent(value) -> str:
    return "" if value is None else _("%(n)s%%") % {"n": number(value)}
