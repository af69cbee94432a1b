"""`{% portfolio organisation %}`: an organisation's published projects grouped by sector, for pages of apps
below projects (the members profile) that may not import it."""

from django import template

from projects import selectors

register = template.Library()


@register.inclusion_tag("projects/_portfolio.html")
def portfolio(organisation):
    return {"portfolio": selectors.portfolio(organisation)}
