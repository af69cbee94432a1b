"""What capacity building asks of an organisation's people on "My organisations" (core.todo): a needs round open
for its region that the organisation has not answered yet (its admins and editors), until it answers."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import todo
from core.i18n import sentence
from members.models import Organisation
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
