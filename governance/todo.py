"""What governance asks of people on "My organisations" (core.todo): a nomination waiting for the nominated
person's consent, an election open for nominations (for admins of invited member organisations), and the
counting committee's work (entering the count, signing off, publishing)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import todo
from core.i18n import sentence
from governance import selectors
from governance.models import CommitteeMember, Election, Nomination
from governance.permissions import organisations_for
from members.models import Affiliation

COMMITTEE_WORK = {
    Election.Status.VOTING: gettext_lazy(
        "Voting is open in %(election)s: close it for the count when the ballots are in."
    ),
    Election.Status.COUNTING: gettext_lazy("Enter the count of %(election)s and sign the result off."),
    Election.Status.SIGNED: gettext_lazy("The result of %(election)s is signed: publish it."),
}


def items(user) -> list[todo.Todo]:
    found = []
    for nomination in Nomination.objects.filter(
        person=user, consent_at__isnull=True, withdrawn_at__isnull=True, election__status=Election.Status.NOMINATIONS
    ).select_related("election", "organisation"):
        found.append(
            todo.Todo(
                todo.ACTION,
                sentence(
                    _("%(organisation)s nominated you in %(election)s: say whether you agree to stand."),
                    organisation=nomination.organisation.name,
                    election=nomination.election.title,
                ),
                reverse("governance:consent", args=[nomination.election.slug, nomination.code]),
                at=nomination.nominated_at,
                due=nomination.election.nominations_close_at,
            )
        )
    for election in selectors.open_elections_for_nomination().select_related("assembly"):
        if organisations_for(user, Affiliation.Role.ADMIN, assembly=election.assembly).exists():
            found.append(
                todo.Todo(
                    todo.ACTION,
                    sentence(_("Nominations are open in %(election)s."), election=election.title),
                    reverse("governance:nominate", args=[election.slug]),
                    due=election.nominations_close_at,
                )
            )
    for member in CommitteeMember.objects.filter(person=user, election__status__in=list(COMMITTEE_WORK)).select_related(
        "election"
    ):
        found.append(
            todo.Todo(
                todo.ACTION,
                sentence(COMMITTEE_WORK[member.election.status], election=member.election.title),
                reverse("governance:committee", args=[member.election.slug]),
            )
        )
    return found
