"""Reads of organisations that pages and imports share: the directory's search, and finding an organisation
by one of its names."""

from core.i18n import LANGUAGE_CODES, ordered_by_name
from core.text import normalise, search_terms
from members.models import Organisation

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
    key = normalise(name)
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
