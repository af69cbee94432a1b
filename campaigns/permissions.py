"""The one way a view fetches what it acts on in advocacy. Restricted things (a campaign's meetings and follow-ups)
answer 404 to outsiders and 403 to insiders without the role; the technical team may do all of them. An
organisation's signature answers 404 to anyone who may not withdraw it. Public things (a statement, a round) answer
403 to whoever has no organisation to act for."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaigns.models import Campaign, FollowUp, IssueRound, Signature, Statement
from core.permissions import is_technical_team
from members.models import Affiliation, Organisation
from members.permissions import roles_of

# The roles each need asks for, in the organisation concerned.
NEEDS = {
    # the campaign's team: anyone with a role in one of the campaign's organisations
    "team": set(Affiliation.Role.values),
    "sign": {Affiliation.Role.SIGNATORY},
    "withdraw": {Affiliation.Role.SIGNATORY, Affiliation.Role.ADMIN},
    "propose": {Affiliation.Role.ADMIN, Affiliation.Role.EDITOR, Affiliation.Role.DELEGATE},
    "vote": {Affiliation.Role.DELEGATE},
}


def _check(user, roles: set[str], need: str) -> None:
    if is_technical_team(user):
        return
    if not roles:
        raise Http404
    if not roles & NEEDS[need]:
        raise PermissionDenied


def _team_roles(user, campaign: Campaign) -> set[str]:
    """The user's roles in the campaign's organisations."""
    if not user.is_authenticated:
        return set()
    return set(
        Affiliation.objects.filter(person=user, organisation__in=campaign.organisations.all()).values_list(
            "role", flat=True
        )
    )


def campaign_team(user, campaign: Campaign) -> bool:
    """The technical team and the people of the campaign's organisations."""
    if is_technical_team(user):
        return True
    if not user.is_authenticated:
        return False
    return Affiliation.objects.filter(person=user, organisation__in=campaign.organisations.all()).exists()


def organisations_with_role(user, *roles: Affiliation.Role, **filters):
    """The member organisations (in good standing) where the user holds one of the roles."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        affiliations__person=user, affiliations__role__in=roles, status=Organisation.Status.MEMBER, **filters
    ).distinct()


def organisations_for(user, need: str, **filters):
    """The member organisations the user may act for with this need (sign, propose, vote ...)."""
    return organisations_with_role(user, *NEEDS[need], **filters)


# --- restricted things: outsiders 404, insiders without the role 403 -----------------------------------------


def get_campaign_for_user(user, slug: str, *, need: str = "team") -> Campaign:
    """A campaign, for its team's pages (recording a meeting)."""
    try:
        campaign = Campaign.objects.get(slug=slug)
    except Campaign.DoesNotExist:
        raise Http404 from None
    _check(user, _team_roles(user, campaign), need)
    return campaign


def get_follow_up_for_user(user, slug: str, code, *, need: str = "team") -> FollowUp:
    """A promise to follow up, by its code, of one of the campaign's meetings, for the campaign's team."""
    try:
        follow_up = FollowUp.objects.select_related("meeting__campaign").get(code=code, meeting__campaign__slug=slug)
    except FollowUp.DoesNotExist:
        raise Http404 from None
    _check(user, _team_roles(user, follow_up.meeting.campaign), need)
    return follow_up


def get_signature_for_user(user, slug: str, code, *, need: str = "withdraw") -> Signature:
    """A signature of the statement, by its code, for the people of the organisation that signed who hold the role.
    Anyone else gets 404, its other people and the technical team included: a 403 would tell that the organisation
    signed (a private signature is known to the coalition only), and withdrawing is the organisation's own act
    (the technical team hides a name instead, see views_office.takedown)."""
    try:
        signature = Signature.objects.select_related("version__statement", "organisation").get(
            code=code, version__statement__slug=slug
        )
    except Signature.DoesNotExist:
        raise Http404 from None
    if not roles_of(user, signature.organisation) & NEEDS[need]:
        raise Http404
    return signature


# --- public things: acting needs an organisation to act for (the technical team holds none) --------------------


def get_statement_for_user(user, slug: str, *, need: str = "sign") -> Statement:
    """A statement past drafting, for someone who may sign it for a member organisation."""
    try:
        statement = Statement.objects.exclude(status=Statement.Status.DRAFT).get(slug=slug)
    except Statement.DoesNotExist:
        raise Http404 from None
    if not organisations_for(user, need).exists():
        raise PermissionDenied
    return statement


def get_round_for_user(user, slug: str, *, need: str) -> IssueRound:
    """A round, for someone who may propose or vote in it for a member organisation of its region."""
    try:
        issue_round = IssueRound.objects.select_related("region").get(slug=slug)
    except IssueRound.DoesNotExist:
        raise Http404 from None
    if not organisations_for(user, need, region=issue_round.region).exists():
        raise PermissionDenied
    return issue_round
