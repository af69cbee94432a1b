"""Who may import projects, and for which organisations: an organisation's admins and editors for their
own, the technical team for every member organisation; anyone else does not see the import page (404)."""

from django.http import Http404

from core.permissions import is_technical_team
from members.models import Affiliation

IMPORTING_ROLES = (Affiliation.Role.ADMIN, Affiliation.Role.EDITOR)


def importable_organisations(user) -> set[int] | None:
    """None for the technical team (every organisation), else the pks of the organisations the user edits."""
    if is_technical_team(user):
        return None
    return set(
        Affiliation.objects.filter(person=user, role__in=IMPORTING_ROLES).values_list("organisation_id", flat=True)
    )


def get_import_scope_for_user(user) -> set[int] | None:
    """The organisations `user` may import projects for (None: all); 404 for people who edit none."""
    allowed = importable_organisations(user)
    if allowed is not None and not allowed:
        raise Http404
    return allowed
