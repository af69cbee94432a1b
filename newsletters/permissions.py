"""Who may work on an organisation's activities: its admins and editors (and the technical team), by the
organisation roles of members.permissions. Outsiders get 404, insiders without the role 403."""

from members import permissions as members_permissions
from members.models import Organisation

# What each need of information exchange asks of the person's roles in members.permissions.
NEEDS = {"post": "edit"}


def get_organisation_for_user(user, slug: str, *, need: str = "post") -> Organisation:
    """The organisation whose activities the person posts and follows."""
    return members_permissions.get_organisation_for_user(user, slug, need=NEEDS[need])
