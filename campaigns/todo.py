"""What advocacy asks of an organisation's people, on "My organisations" (core.todo) and by email in each
person's language: a statement waiting for their organisation's signature (for its signatories), an issue round
open for proposals (admins, editors, delegates) or for the vote (delegates), and their organisation's vote once
cast. The vote is announced when it opens, by a task scheduled for that moment (`announce_vote_task`)."""

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from campaigns.models import Ballot, IssueRound, Signature, Statement
from campaigns.permissions import organisations_for
from core import mail, todo
from core.i18n import sentence
from core.models import AuditEvent
from members.models import Affiliation, Organisation


def _open_statements():
    now = timezone.now()
    return Statement.objects.filter(status=Statement.Status.OPEN).filter(
        Q(deadline__isnull=True) | Q(deadline__gte=now)
    )


def _statement_items(user) -> list[todo.Todo]:
    organisations = list(organisations_for(user, "sign"))
    if not organisations:
        return []
    found = []
    for statement in _open_statements():
        version = statement.current_version()
        if version is None:
            continue
        signed = set(
            Signature.objects.filter(
                version=version, withdrawn_at__isnull=True, organisation__in=organisations
            ).values_list("organisation_id", flat=True)
        )
        for organisation in organisations:
            if organisation.pk in signed:
                continue
            found.append(
                todo.Todo(
                    todo.ACTION,
                    sentence(
                        _("The statement %(title)s waits for the signature of %(organisation)s."),
                        title=statement.title or statement.slug,
                        organisation=organisation.name,
                    ),
                    reverse("campaigns:sign", args=[statement.slug]),
                    at=version.frozen_at,
                    due=statement.deadline,
                )
            )
    return found


def _round_items(user) -> list[todo.Todo]:
    now = timezone.now()
    found = []
    rounds = IssueRound.objects.filter(concluded_at__isnull=True, proposals_open_at__lte=now, closes_at__gt=now)
    for issue_round in rounds.select_related("region"):
        phase = issue_round.phase(now)
        url = reverse("campaigns:round", args=[issue_round.slug])
        if phase == "proposing":
            for organisation in organisations_for(user, "propose", region=issue_round.region):
                found.append(
                    todo.Todo(
                        todo.ACTION,
                        sentence(
                            _(
                                "The round %(title)s is open for proposals: %(organisation)s may propose the issue it wants the region to work on."
                            ),
                            title=issue_round.title or issue_round.slug,
                            organisation=organisation.name,
                        ),
                        url,
                        at=issue_round.proposals_open_at,
                        due=issue_round.voting_opens_at,
                    )
                )
        elif phase == "voting":
            voters = list(organisations_for(user, "vote", region=issue_round.region))
            ballots = {b.organisation_id: b for b in Ballot.objects.filter(round=issue_round, organisation__in=voters)}
            for organisation in voters:
                ballot = ballots.get(organisation.pk)
                if ballot is None:
                    found.append(
                        todo.Todo(
                            todo.ACTION,
                            sentence(
                                _("The vote of the round %(title)s is open: vote for %(organisation)s."),
                                title=issue_round.title or issue_round.slug,
                                organisation=organisation.name,
                            ),
                            url,
                            at=issue_round.voting_opens_at,
                            due=issue_round.closes_at,
                        )
                    )
                else:
                    found.append(
                        todo.Todo(
                            todo.NEWS,
                            sentence(
                                _("%(organisation)s voted in the round %(title)s."),
                                title=issue_round.title or issue_round.slug,
                                organisation=organisation.name,
                            ),
                            url,
                            at=ballot.cast_at,
                        )
                    )
    return found


def items(user) -> list[todo.Todo]:
    return _statement_items(user) + _round_items(user)


def _people(organisations, role) -> list:
    return [
        a.person
        for a in Affiliation.objects.filter(organisation__in=organisations, role=role)
        .select_related("person")
        .order_by("person_id")
    ]


def announce_statement(event: AuditEvent) -> None:
    """After a version of a statement is frozen, the signatories of member organisations that have not signed it
    are asked to read and sign it."""
    statement = Statement.objects.filter(pk=event.target_id).first()
    version = statement.current_version() if statement else None
    if version is None or not statement.signing_open():
        return
    signed = Signature.objects.filter(version=version, withdrawn_at__isnull=True).values("organisation_id")
    organisations = Organisation.objects.filter(status=Organisation.Status.MEMBER).exclude(pk__in=signed)
    mail.send_to_people(
        "campaigns/email/statement_to_sign",
        _people(organisations, Affiliation.Role.SIGNATORY),
        context=lambda language: {
            "statement": statement,
            "version": version,
            "url": mail.absolute_url("campaigns:sign", language=language, args=[statement.slug]),
            "todo_url": mail.absolute_url("members:dashboard", language=language),
        },
    )


@task()
def announce_vote_task(round_id: int, opens_at: str) -> int:
    """At the opening of a round's vote, its region's member organisations' delegates are told, once. A task
    scheduled before the opening time was changed finds another time and does nothing."""
    issue_round = IssueRound.objects.select_related("region").filter(pk=round_id).first()
    if issue_round is None or issue_round.voting_opens_at.isoformat() != opens_at or issue_round.phase() != "voting":
        return 0
    if not cache.add(f"vote-announced:{round_id}:{opens_at}", True, timeout=None):
        return 0
    organisations = Organisation.objects.filter(status=Organisation.Status.MEMBER, region=issue_round.region)
    return mail.send_to_people(
        "campaigns/email/vote_open",
        _people(organisations, Affiliation.Role.DELEGATE),
        context=lambda language: {
            "round": issue_round,
            "url": mail.absolute_url("campaigns:round", language=language, args=[issue_round.slug]),
            "todo_url": mail.absolute_url("members:dashboard", language=language),
        },
    )


def schedule_vote(event: AuditEvent) -> None:
    """After a round is opened or changed: its vote's announcement is scheduled for the time voting opens."""
    issue_round = IssueRound.objects.filter(pk=event.target_id).first()
    if issue_round is None or issue_round.concluded_at or not announce_vote_task.get_backend().supports_defer:
        return  # a backend that cannot run a task later: the delegates still find the vote on "My organisations"
    opens_at = issue_round.voting_opens_at
    announce_vote_task.using(run_after=max(opens_at, timezone.now())).enqueue(issue_round.pk, opens_at.isoformat())
