"""What capacity building asks of an organisation's people on "My organisations" (core.todo): a needs round open
for its region that the organisation has not answered yet (its admins and editors), until it answers. When a round
opens, the same people are told by email, once, and reminded three days before it closes."""

import datetime

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core import mail, todo
from core.i18n import sentence
from core.models import AuditEvent
from members.models import Affiliation, Organisation
from trainings.models import Response, Round
from trainings.permissions import NEEDS


def items(user) -> list[todo.Todo]:
    if not user.is_authenticated:
        return []
    organisations = list(
        Organisation.objects.filter(
            affiliations__person=user, affiliations__role__in=NEEDS["answer"], status=Organisation.Status.MEMBER
        ).distinct()
    )
    if not organisations:
        return []
    now = timezone.now()
    found = []
    rounds = Round.objects.filter(opens_at__lte=now, closes_at__gt=now).prefetch_related("regions")
    answered = set(
        Response.objects.filter(round__in=rounds, organisation__in=organisations).values_list(
            "round_id", "organisation_id"
        )
    )
    for training_round in rounds:
        region_ids = {r.pk for r in training_round.regions.all()}
        for organisation in organisations:
            if organisation.region_id not in region_ids or (training_round.pk, organisation.pk) in answered:
                continue
            found.append(
                todo.Todo(
                    todo.ACTION,
                    sentence(
                        _("The training needs questionnaire %(title)s waits for the answers of %(organisation)s."),
                        title=training_round.title or training_round.slug,
                        organisation=organisation.name,
                    ),
                    reverse("trainings:answer", args=[training_round.slug, organisation.slug]),
                    at=training_round.opens_at,
                    due=training_round.closes_at,
                )
            )
    return found


# How long before a round closes the organisations that have not answered are reminded.
REMINDER_BEFORE = datetime.timedelta(days=3)


@task()
def announce_round_task(round_id: int, opens_at: str) -> int:
    """When a needs round opens, the admins and editors of the member organisations it asks are told, once, each
    in their language with their organisation's answer page. A task scheduled before the opening time was changed
    finds another time and does nothing."""
    training_round = _open_round_once(round_id, "opens_at", opens_at, "announced")
    return _ask(training_round, "trainings/email/round_open") if training_round else 0


@task()
def remind_round_task(round_id: int, closes_at: str) -> int:
    """Three days before a round closes, who has not answered yet is reminded, once."""
    training_round = _open_round_once(round_id, "closes_at", closes_at, "reminded")
    return _ask(training_round, "trainings/email/round_closing") if training_round else 0


def _open_round_once(round_id: int, moment: str, stamp: str, what: str) -> Round | None:
    """The round, if it is open, its `moment` is still the one the task was scheduled for (a task scheduled before
    the time changed finds another and does nothing), and this is the first time `what` is done for it."""
    training_round = Round.objects.filter(pk=round_id).prefetch_related("regions").first()
    if (
        training_round is None
        or getattr(training_round, moment).isoformat() != stamp
        or training_round.phase() != "open"
    ):
        return None
    if not cache.add(f"needs-round-{what}:{round_id}:{stamp}", True, timeout=None):
        return None
    return training_round


def _ask(training_round: Round, template: str) -> int:
    answered = Response.objects.filter(round=training_round).values("organisation")
    affiliations = (
        Affiliation.objects.filter(
            organisation__status=Organisation.Status.MEMBER,
            organisation__region__in=training_round.regions.all(),
            role__in=NEEDS["answer"],
        )
        .exclude(organisation__in=answered)
        .select_related("person", "organisation")
        .order_by("person_id", "organisation__slug")
    )
    sent = 0
    for affiliation in affiliations:  # one email per organisation a person answers for, naming it
        organisation = affiliation.organisation
        sent += mail.send_to_people(
            template,
            [affiliation.person],
            context=lambda language, organisation=organisation: {
                "round": training_round,
                "organisation": organisation,
                "url": mail.absolute_url(
                    "trainings:answer", language=language, args=[training_round.slug, organisation.slug]
                ),
            },
        )
    return sent


def schedule_round(event: AuditEvent) -> None:
    """After a round is saved: its announcement is scheduled for the time it opens (at once if it is open), and a
    reminder three days before it closes."""
    training_round = Round.objects.filter(pk=event.target_id).first()
    if training_round is None or training_round.phase() == "closed":
        return
    if not announce_round_task.get_backend().supports_defer:
        return  # a backend that cannot run a task later: the organisations still find it on "My organisations"
    now = timezone.now()
    opens_at, closes_at = training_round.opens_at, training_round.closes_at
    announce_round_task.using(run_after=max(opens_at, now)).enqueue(training_round.pk, opens_at.isoformat())
    remind_at = closes_at - REMINDER_BEFORE
    if remind_at > max(opens_at, now):  # a round shorter than that is announced only
        remind_round_task.using(run_after=remind_at).enqueue(training_round.pk, closes_at.isoformat())
