"""Reads about organisations that other apps reuse.

TEMPORARY (written by the projects helper on branch recut-projects): the members helper writes the real
`members/selectors.py` with `organisation_by_name(name: str) -> Organisation | None`; at the merge, keep
theirs. This stand-in has the same name and signature so the 4W and IATI imports can call it meanwhile."""

from core.text import normalise
from members.models import Organisation


def organisation_by_name(name: str) -> Organisation | None:
    """The organisation one of whose names (in any language) or acronym is `name`, once normalised;
    a member organisation rather than another of the same name."""
    key = normalise(name)
    if not key:
        return None
    candidates = Organisation.objects.filter(search_text__contains=f" {key} ").order_by("pk")
    matches = [o for o in candidates if key in o.normalised_names() or key == normalise(o.acronym)]
    matches.sort(key=lambda o: o.status not in Organisation.PUBLIC_STATUSES)
    return next(iter(matches), None)
