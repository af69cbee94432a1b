"""Reads of organisations that pages and imports share: the directory's search, finding an organisation by one
of its names, the new names waiting for review and the invitations waiting for their people."""

from django.contrib.auth import get_user_model

from core.i18n import LANGUAGE_CODES, ordered_by_name
from core.text import normalise, search_terms
from members.models import Invitation, NameChange, Organisation
from members.names import visible

# The directory lists many rows: load only what a row shows.
LIST_FIELDS = (
    "slug",
    "acronym",
    "status",
    "original_language",
    *(f"name_{c}" for c in LANGUAGE_CODES),
    "region__original_language",
    *(f"region__name_{c}" for c in LANGUAGE_CODES),
)


def search_organisations(queryset, query: str):
    """Organisations of the queryset whose names, acronym or description hold every word of the query."""
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def directory(*, query: str = "", region: str = "", sector: str = ""):
    """The public directory's organisations (members and suspended members), filtered, ordered by name in the
    active language."""
    organisations = (
        Organisation.objects.public().select_related("region").only(*LIST_FIELDS).prefetch_related("sectors")
    )
    organisations = search_organisations(organisations, query)
    if region:
        organisations = organisations.filter(region__slug=region)
    if sector:
        organisations = organisations.filter(sectors__slug=sector)
    return ordered_by_name(organisations)


def organisation_by_name(name: str) -> Organisation | None:
    """The organisation one of whose names, or its acronym, is this name once normalised (hamza, accents, case
    and punctuation do not count). Rejected applicants are never found. When several match, a public one comes
    before others, a name before an acronym, then the oldest."""
    key = normalise(visible(name))
    if not key:
        return None
    # search_text holds every name and the acronym, normalised and padded with spaces: a cheap first cut.
    candidates = Organisation.objects.exclude(status=Organisation.Status.REJECTED).filter(
        search_text__contains=f" {key} "
    )
    matches = [o for o in candidates if key in o.normalised_names() or key == normalise(o.acronym)]

    def rank(organisation):
        return (
            organisation.status not in Organisation.PUBLIC_STATUSES,
            key not in organisation.normalised_names(),
            organisation.pk,
        )

    return min(matches, key=rank, default=None)


def pending_name_change(organisation: Organisation) -> NameChange | None:
    return organisation.name_changes.filter(status=NameChange.Status.PENDING).first()


def last_name_change(organisation: Organisation) -> NameChange | None:
    """The latest decided request, for the organisation's people to read the outcome."""
    decided = (NameChange.Status.ACCEPTED, NameChange.Status.REFUSED)
    return organisation.name_changes.filter(status__in=decided).order_by("-decided_at", "-id").first()


def pending_name_changes():
    """Every new name waiting for the technical team, oldest first."""
    return (
        NameChange.objects.filter(status=NameChange.Status.PENDING)
        .select_related("organisation", "requested_by")
        .order_by("requested_at", "id")
    )


def waiting_invitations(organisation: Organisation):
    """Invitations not yet accepted or cancelled, expired ones included (the admin may send them again)."""
    return organisation.invitations.filter(status=Invitation.Status.PENDING).order_by("-sent_at")


def has_account(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()
