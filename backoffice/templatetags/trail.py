"""`{% trail_entries events as entries %}`: audit events as the trail tells them (backoffice.trail), for office
pages of apps below the back-office (an organisation's history) without an import going up."""

from django import template

from backoffice import trail

register = template.Library()


@register.simple_tag
def trail_entries(events):
    return trail.entries(events)
