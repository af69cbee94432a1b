"""The one way a view fetches an organisation it may change: outsiders get 404, insiders without
the needed role get 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import is_technical_team
from members.models import Affiliation, Organisation

# The roles each need asks for; the technical team may do all of them.
NEEDS = {
    "view": set(Affiliation.Role.values),
    "edit": {Affiliation.Role.ADMIN, Affiliation.Role.EDITOR},
    "manage_people": {Affiliation.Role.ADMIN},
}


def roles_of(user, organisation: Organisation) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Affiliation.objects.filter(person=user, organisation=organisation).values_list("role", flat=True))


def check(user, organisation: Organisation, need: str) -> None:
    """Raise 404 for outsiders and 403 for insiders without the role; the technical team may do all."""
    if is_technical_team(user):
        return
    roles = roles_of(user, organisation)
    if not roles or organisation.status == Organisation.Status.REJECTED:
        raise Http404
    if not roles & NEEDS[need]:
        raise PermissionDenied


def get_organisation_for_user(user, slug: str, *, need: str = "view") -> Organisation:
    try:
        organisation = Organisation.objects.select_related("region").get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    check(user, organisation, need)
    return organisation


def can(user, organisation: Organisation, need: str) -> bool:
    return is_technical_team(user) or bool(roles_of(user, organisation) & NEEDS[need])


def organisations_for(user, need: str):
    """The organisations where the person holds a role that meets `need` (rejected applicants left out): what a
    to-do list or a menu may offer them without a link answering 403 or 404."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(affiliations__person=user, affiliations__role__in=NEEDS[need])
        .exclude(status=Organisation.Status.REJECTED)
        .distinct()
    )
