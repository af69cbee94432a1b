"""The one way a view fetches what it acts on in an appeal. Coordinators (the appeal's coordinators and the
technical team) build convoys and transfers; a collection point's organisation (its admins and editors) records
what arrives at its own point only. Outsiders get 404; insiders without the role (people of a point's
organisation, the other coordinators) get 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from appeals.models import Appeal, CollectionPoint, Convoy
from core.permissions import is_technical_team
from members.models import Affiliation
from members.permissions import roles_of

INTAKE_ROLES = {Affiliation.Role.ADMIN, Affiliation.Role.EDITOR}


def is_coordinator(user, appeal: Appeal) -> bool:
    if is_technical_team(user):
        return True
    return bool(user.is_authenticated and appeal.coordinators.filter(pk=user.pk).exists())


def _insider(user, appeal: Appeal) -> bool:
    """Someone with a role in an organisation that runs one of the appeal's points."""
    if not user.is_authenticated:
        return False
    return Affiliation.objects.filter(person=user, organisation__in=appeal.points.values("organisation")).exists()


def points_for(user, appeal: Appeal | None = None):
    """The collection points where the user records intake."""
    if not user.is_authenticated:
        return CollectionPoint.objects.none()
    points = CollectionPoint.objects.filter(
        organisation__affiliations__person=user, organisation__affiliations__role__in=INTAKE_ROLES
    )
    if appeal is not None:
        points = points.filter(appeal=appeal)
    return points.select_related("appeal", "organisation", "place").distinct()


def get_appeal_for_user(user, slug: str, *, need: str = "coordinate") -> Appeal:
    try:
        appeal = Appeal.objects.get(slug=slug)
    except Appeal.DoesNotExist:
        raise Http404 from None
    if need != "coordinate":
        raise ValueError(need)
    if is_coordinator(user, appeal):
        return appeal
    if _insider(user, appeal):
        raise PermissionDenied
    raise Http404


def get_point_for_user(user, code, *, need: str = "intake") -> CollectionPoint:
    """A collection point: `intake` for its organisation's admins and editors, `view` for them, its other people
    and the coordinators."""
    try:
        point = CollectionPoint.objects.select_related("appeal", "organisation", "place").get(code=code)
    except CollectionPoint.DoesNotExist:
        raise Http404 from None
    roles = roles_of(user, point.organisation)
    if roles & INTAKE_ROLES:
        return point
    coordinator = is_coordinator(user, point.appeal)
    if need == "view" and (roles or coordinator):
        return point
    if roles or coordinator:
        raise PermissionDenied
    raise Http404


def get_convoy_for_user(user, code, *, need: str = "coordinate") -> Convoy:
    try:
        convoy = Convoy.objects.select_related("appeal", "partner").get(code=code)
    except Convoy.DoesNotExist:
        raise Http404 from None
    get_appeal_for_user(user, convoy.appeal.slug, need=need)
    return convoy
