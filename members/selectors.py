"""Reads of organisations that pages, services and imports share: the directory's search, finding an
organisation by one of its names, names that a reader could take for another organisation's, the new names
waiting for review and the invitations waiting for their people."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from core.i18n import LANGUAGE_CODES, ordered_by_name
from core.text import normalise, search_terms
from members.models import Invitation, NameChange, Organisation
from members.names import skeleton, visible

_GENERIC_WORDS = (
    "organization organisation association foundation center centre initiative team network for of the and "
    "development rekxistina komeleya navenda ji bo "
    "منظمة جمعية مؤسسة مركز مبادرة فريق شبكة لل ال و من اجل التنمية"
).split()
# Words that say what kind of organisation it is, not which one; dropped when looking for duplicates. Each also
# as its skeleton (members.names), the form it takes in the look-alike keys ("development" is "developrnent").
_GENERIC = {form for word in _GENERIC_WORDS for form in (normalise(word), normalise(skeleton(word)))}
_PREFIXES = tuple(dict.fromkeys(f for p in ("وال", "لل", "ال", "و") for f in (p, normalise(skeleton(p)))))
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


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link opens, if it is still open (pending and not expired)."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=Invitation.hash_token(token)).first()
    )
    return invitation if invitation is not None and invitation.is_open else None


def similar_to_name_change(change: NameChange) -> list[Organisation]:
    """Organisations whose names look like the new one asked for, for the review (find_similar)."""
    probe = Organisation(pk=change.organisation_id, **{f: getattr(change.organisation, f) for f in NameChange.FIELDS})
    for field, value in change.after.items():
        setattr(probe, field, value)
    return find_similar(probe)


def has_account(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


def _core_words(name: str) -> frozenset[str]:
    words = []
    for word in normalise(name).split():
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        words.append(word)
    return frozenset(w for w in words if w not in _GENERIC and "ال" + w not in _GENERIC)


def _alike(a: frozenset, b: frozenset) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def _stored_keys(organisation: Organisation) -> set[str]:
    return set(organisation.name_keys.split("\n")) - {""}


def find_same_name(organisation: Organisation) -> Organisation | None:
    """Another organisation (not a rejected applicant) one of whose names a reader could take for one of this
    one's: the same once spelling variants are folded, invisible characters left out, direction overrides
    applied, or look-alike characters replaced (members.names). A public one is named first."""
    keys = organisation.comparison_keys()
    if not keys:
        return None
    query = Q()
    for key in keys:
        query |= Q(name_keys__contains=f"\n{key}\n")
    others = Organisation.objects.exclude(pk=organisation.pk).exclude(status=Organisation.Status.REJECTED)
    matches = [other for other in others.filter(query) if keys & _stored_keys(other)]
    return min(matches, key=lambda o: (o.status not in Organisation.PUBLIC_STATUSES, o.pk), default=None)


def find_similar(organisation: Organisation) -> list[Organisation]:
    """Organisations whose names share most of their distinctive words, also when read as look-alikes: flagged,
    not refused."""
    mine = [_core_words(key) for key in organisation.comparison_keys()]
    words = {w for ws in mine for w in ws}
    if not words:
        return []
    query = Q()
    for word in words:
        query |= Q(search_text__contains=word) | Q(name_keys__contains=word)
    found = []
    for other in Organisation.objects.exclude(pk=organisation.pk).filter(query)[:200]:
        theirs = [_core_words(key) for key in _stored_keys(other)]
        if any(_alike(a, b) for a in mine for b in theirs):
            found.append(other)
    return found
