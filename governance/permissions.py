"""The one way a view fetches what it acts on in governance. Committee pages answer to the members of THIS
election's counting committee: a member of another election's committee and the technical team get 403 (they know
elections and committees exist, and may not count this one), everyone else 404. Nominating answers to admins of
member organisations, consenting to the nominated person alone (404 to anyone else), withdrawing to that person or
an admin of the organisation that nominated them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import is_technical_team
from governance.models import CommitteeMember, Complaint, Election, Nomination
from members.models import Affiliation, Organisation


def organisations_for(user, *roles, assembly=None):
    """The organisations, invited to the assembly when one is given, where the user holds one of the roles."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    organisations = Organisation.objects.filter(
        affiliations__person=user, affiliations__role__in=roles, status=Organisation.Status.MEMBER
    )
    if assembly is not None:
        organisations = organisations.filter(pk__in=assembly.invited.values("organisation"))
    return organisations.distinct()


def _election(slug: str) -> Election:
    try:
        return Election.objects.select_related("assembly", "body", "rules").get(slug=slug)
    except Election.DoesNotExist:
        raise Http404 from None


def visible(user, election: Election) -> bool:
    """An election in preparation is seen only by the technical team and its committee."""
    if election.status != Election.Status.PREPARING:
        return True
    return is_technical_team(user) or (
        user.is_authenticated and CommitteeMember.objects.filter(election=election, person=user).exists()
    )


def get_election_for_user(user, slug: str, *, need: str) -> Election:
    """`count`: a member of this election's committee; `follow`: the same, or the technical team (reading the
    committee's page, never acting on it). `nominate`: an admin of a member organisation invited to
    the assembly. `complain`: an admin or delegate of a member organisation. `vote`: an admin or delegate of a
    member organisation on the roll of an election with online ballots."""
    election = _election(slug)
    if not user.is_authenticated or not visible(user, election):
        raise Http404
    if need in ("count", "follow"):
        if CommitteeMember.objects.filter(election=election, person=user).exists():
            return election
        if need == "follow" and is_technical_team(user):
            return election
        if is_technical_team(user) or CommitteeMember.objects.filter(person=user).exists():
            raise PermissionDenied
        raise Http404
    if need == "vote":
        # An admin or delegate of an organisation on the roll; insiders without that role 403, others 404.
        if election.roll.filter(
            organisation__status=Organisation.Status.MEMBER,
            organisation__affiliations__person=user,
            organisation__affiliations__role__in=(Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE),
        ).exists() and hasattr(election, "online"):
            return election
        if is_technical_team(user) or Affiliation.objects.filter(person=user).exists():
            raise PermissionDenied
        raise Http404
    roles = {
        "nominate": (Affiliation.Role.ADMIN,),
        "complain": (Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE),
    }[need]
    if organisations_for(user, *roles, assembly=election.assembly if need == "nominate" else None).exists():
        return election
    if is_technical_team(user) or Affiliation.objects.filter(person=user).exists():
        raise PermissionDenied
    raise Http404


def get_nomination_for_user(user, slug: str, code, *, need: str) -> Nomination:
    """`consent`: the nominated person only. `withdraw`: the person or an admin of the nominating organisation.
    `override`: a member of the election's committee."""
    try:
        nomination = Nomination.objects.select_related("election", "organisation", "person").get(
            code=code, election__slug=slug
        )
    except Nomination.DoesNotExist:
        raise Http404 from None
    if need == "consent":
        if not user.is_authenticated or nomination.person_id != user.pk:
            raise Http404
        return nomination
    if need == "withdraw":
        # The person, or an admin of the organisation that nominated them; anyone else does not see it exists.
        if user.is_authenticated and (
            nomination.person_id == user.pk
            or Affiliation.objects.filter(
                person=user, organisation=nomination.organisation_id, role=Affiliation.Role.ADMIN
            ).exists()
        ):
            return nomination
        raise Http404
    get_election_for_user(user, slug, need="count")
    return nomination


def get_complaint_for_user(user, slug: str, code) -> Complaint:
    election = get_election_for_user(user, slug, need="count")
    try:
        return Complaint.objects.select_related("organisation").get(code=code, election=election)
    except Complaint.DoesNotExist:
        raise Http404 from None
