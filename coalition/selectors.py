"""Reads of the coalition's regions and bodies shared by its pages.

Organisations and the seats they hold (`members.Mandate`) belong to the members app, which sits above coalition:
coalition never imports it. It reaches them through the reverse relations members declares (`region.organisations`,
`body.mandates`), which also give their querysets' methods and enumerations."""

from django.db.models import Count, Prefetch, Q

from coalition.models import Body, Region


def _far_side(model, relation: str):
    """The model at the other end of a reverse relation, e.g. the organisations of a region."""
    return model._meta.get_field(relation).related_model


def member_count() -> int:
    organisations = _far_side(Region, "organisations")
    return organisations.objects.filter(status=organisations.Status.MEMBER).count()


def regions_with_member_counts():
    status = _far_side(Region, "organisations").Status.MEMBER
    return Region.objects.annotate(member_count=Count("organisations", filter=Q(organisations__status=status)))


def current_mandates():
    return _far_side(Body, "mandates").objects.current().select_related("person", "organisation")


def bodies_with_current_mandates():
    """Every body, each with its seats held today as `current_mandates`."""
    return Body.objects.select_related("region").prefetch_related(
        Prefetch("mandates", queryset=current_mandates(), to_attr="current_mandates")
    )
