"""The one way a view fetches what it acts on in capacity building. An organisation answers a round for itself
only (its admins and editors); a trainer records attendance for their own workshop only; the technical team may do
all. Outsiders get 404 (existence does not leak), insiders without the role 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import is_technical_team
from members.models import Affiliation, Organisation
from members.permissions import get_organisation_for_user
from trainings.models import Round, Workshop

NEEDS = {
    # answering a round for the organisation
    "answer": {Affiliation.Role.ADMIN, Affiliation.Role.EDITOR},
    # reading the organisation's capacity profile
    "profile": set(Affiliation.Role.values),
}


def get_round_for_user(user, slug: str, organisation_slug: str, *, need: str = "answer") -> tuple[Round, Organisation]:
    """A round and the organisation that answers it. Outsiders of the organisation 404; its people without the
    role 403; a round the organisation was not asked (another region) 404."""
    need_map = {"answer": "edit", "profile": "view"}
    organisation = get_organisation_for_user(user, organisation_slug, need=need_map[need])
    try:
        training_round = Round.objects.select_related("questionnaire").get(slug=slug)
    except Round.DoesNotExist:
        raise Http404 from None
    if not training_round.regions.filter(pk=organisation.region_id).exists():
        raise Http404
    return training_round, organisation


def get_profile_for_user(user, organisation_slug: str) -> Organisation:
    """An organisation's capacity profile: its own people (every role) and the technical team."""
    return get_organisation_for_user(user, organisation_slug, need="view")


def is_trainer(user, workshop: Workshop) -> bool:
    return user.is_authenticated and workshop.trainers.filter(user=user).exists()


def get_workshop_for_user(user, slug: str, *, need: str = "attendance") -> Workshop:
    """A workshop, to record its attendance (its trainers with an account) or manage it (the technical team).
    A trainer of another workshop gets 403 (they know workshops exist); anyone else 404."""
    try:
        workshop = Workshop.objects.select_related("venue").get(slug=slug)
    except Workshop.DoesNotExist:
        raise Http404 from None
    if is_technical_team(user):
        return workshop
    if need == "attendance" and is_trainer(user, workshop):
        return workshop
    if user.is_authenticated and user.trainer_roles.exists():
        raise PermissionDenied
    raise Http404
