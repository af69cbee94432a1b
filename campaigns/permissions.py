"""Who may see a campaign's meetings, and act on its statements and rounds."""

from core.permissions import is_technical_team
from members.models import Affiliation, Organisation


def campaign_team(user, campaign) -> bool:
    """The technical team and the people of the campaign's organisations."""
    if is_technical_team(user):
        return True
    if not user.is_authenticated:
        return False
    return Affiliation.objects.filter(person=user, organisation__in=campaign.organisations.all()).exists()


def organisations_with_role(user, role: str, **filters):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        affiliations__person=user, affiliations__role=role, status=Organisation.Status.MEMBER, **filters
    ).distinct()
