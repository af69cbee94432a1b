"""Finding places of the gazetteer by P-code or by name (in any language, or one of its aliases), the one
lookup behind reading pasted text, 4W tables and IATI files, and the search behind the place picker (with the
coalition's regions first). Names are compared normalised (core.text)."""

import functools
import re
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import translation

from core import reference
from core.i18n import LANGUAGE_CODES, all_texts
from core.text import normalise, search_terms
from places.models import Place, PlaceRequest
from places.tree import tree


def names_of(place: Place) -> list[str]:
    """Every name a place is known by: its name in each language, then its aliases."""
    return [name for name in (*all_texts(place, "name"), *place.aliases.splitlines()) if name.strip()]


class NameIndex:
    """The gazetteer by P-code and by normalised name. A name several places share (a district and its
    main sub-district) lists them finest first, in P-code order within a level."""

    def __init__(self, places):
        self.by_pcode: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = {}
        for place in places:
            if place.pcode:
                self.by_pcode[place.pcode.upper()] = place
            for name in names_of(place):
                shared = self.by_name.setdefault(normalise(name), [])
                if place not in shared:
                    shared.append(place)
        self.by_name.pop("", None)
        for shared in self.by_name.values():
            shared.sort(key=lambda place: -place.level)  # a stable sort keeps P-code order within a level

    def place_by_pcode(self, pcode: str) -> Place | None:
        return self.by_pcode.get(pcode.strip().upper())

    def places_by_name(self, name: str) -> list[Place]:
        return list(self.by_name.get(normalise(name), ()))

    def place_by_name(self, name: str, *, level: int | None = None) -> Place | None:
        """The place of this name at `level` when one is, else the finest place of this name."""
        places = self.by_name.get(normalise(name), ())
        return next((p for p in places if p.level == level), None) or next(iter(places), None)


def gazetteer_version() -> tuple:
    """Changes whenever places are added or replaced, so the index is rebuilt (one small query)."""
    return tuple(Place.objects.aggregate(n=Count("pk"), last=Max("pk")).values())


@functools.lru_cache(maxsize=1)
def _index(version: tuple) -> NameIndex:
    return NameIndex(Place.objects.order_by("pcode", "name_en"))


def name_index() -> NameIndex:
    """The index, built once per process and again only when the gazetteer changed. Code that looks up
    many names (an import) takes it once and asks it directly."""
    return _index(gazetteer_version())


def place_by_pcode(pcode: str) -> Place | None:
    return name_index().place_by_pcode(pcode)


def places_by_name(name: str) -> list[Place]:
    """Every place known by this name, finest first."""
    return name_index().places_by_name(name)


def place_by_name(name: str, *, level: int | None = None) -> Place | None:
    return name_index().place_by_name(name, level=level)


# --- the place picker ------------------------------------------------------------------------------------

# Results a search returns: enough to find a place among namesakes, few enough to read on a phone.
SEARCH_LIMIT = 20
_PCODE = re.compile(r"^(SY|C)\d*$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceChoice:
    """A place as the picker shows it: its name in the reader's language, what it lies in (its parent, or its
    level for a governorate) and its P-code, so that three places called "دمشق" read apart."""

    pk: int
    name: str
    within: str
    pcode: str
    level: int
    in_regions: bool

    def __str__(self) -> str:
        return " · ".join(part for part in (self.name, self.within, self.pcode) if part)

    def as_json(self) -> dict:
        return {
            "id": self.pk,
            "name": self.name,
            "within": self.within,
            "pcode": self.pcode,
            "level": self.level,
            "in_regions": self.in_regions,
        }


@dataclass(frozen=True)
class _Entry:
    pk: int
    pcode: str
    level: int
    names: tuple[str, ...]  # normalised
    text: str  # every name and alias, normalised, between spaces


def _entries() -> list[_Entry]:
    def load():
        rows = Place.objects.order_by("level", "pcode", "pk").values_list(
            "pk", "pcode", "level", *(f"name_{code}" for code in LANGUAGE_CODES), "aliases"
        )
        entries = []
        for pk, pcode, level, *names, aliases in rows:
            known = [normalise(n) for n in (*names, *aliases.splitlines()) if n.strip()]
            entries.append(_Entry(pk, pcode.upper(), level, tuple(dict.fromkeys(known)), " " + " ".join(known) + " "))
        return entries

    return reference.cached("places-search", load)


def in_regions() -> frozenset[int]:
    """The places of the coalition's regions and every place below them (regions name their places through the
    reverse relation `Place.regions`; places does not import the coalition)."""

    def load():
        places = tree()
        stack = list(Place.objects.filter(regions__isnull=False).values_list("pk", flat=True))
        found = set()
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(n.pk for n in places.children.get(pk, []))
        return frozenset(found)

    return reference.cached("places-in-regions", load)


def _quality(entry: _Entry, query: str, terms: list[str]) -> int | None:
    """How well a place matches: 0 a name is the query, 1 a name starts with it, 2 every word starts a word of
    its names, 3 every word is inside them; None when it does not match."""
    if not all(term in entry.text for term in terms):
        return None
    if query in entry.names:
        return 0
    if any(name.startswith(query) for name in entry.names):
        return 1
    if all(f" {term}" in entry.text for term in terms):
        return 2
    return 3


def search(query: str, *, levels=None, limit: int = SEARCH_LIMIT) -> list[PlaceChoice]:
    """Places whose names or aliases (in any language, spelling variants folded) hold every word of the query, or
    whose P-code starts with it: the coalition's regions first, then the closest names, larger places first."""
    query = (query or "").strip()[:100]
    terms = search_terms(query)
    if not terms:
        return []
    folded = " ".join(terms)
    code = query.upper() if _PCODE.match(query) else ""
    regions = in_regions()
    ranked = []
    for entry in _entries():
        if levels and entry.level not in levels:
            continue
        quality = _quality(entry, folded, terms)
        if code and entry.pcode.startswith(code):
            quality = 0 if entry.pcode == code else min(quality if quality is not None else 1, 1)
        if quality is not None:
            ranked.append((entry.pk not in regions, quality, entry.level, entry.pcode, entry.pk))
    ranked.sort()
    return choices([row[-1] for row in ranked[:limit]])


def choices(pks) -> list[PlaceChoice]:
    """The places of these pks as the picker shows them, in the given order (unknown pks are left out)."""
    places = tree()
    regions = in_regions()
    lang = translation.get_language() or "ar"
    found = []
    for pk in pks:
        node = places.nodes.get(int(pk))
        if node is None:
            continue
        parent = places.nodes.get(node.parent) if node.parent else None
        within = parent.name(lang) if parent else str(Place.Level(node.level).label)
        found.append(PlaceChoice(node.pk, node.name(lang), within, node.pcode, node.level, node.pk in regions))
    return found


# --- requests for places ---------------------------------------------------------------------------------


def pending_requests():
    """Places people asked for that wait for the technical team, oldest first."""
    return (
        PlaceRequest.objects.filter(status=PlaceRequest.Status.PENDING)
        .select_related("parent", "requested_by")
        .order_by("requested_at", "id")
    )


def requests_of(person, *, limit: int = 20):
    """The latest requests a person made, with their outcome."""
    return PlaceRequest.objects.filter(requested_by=person).select_related("parent", "place")[:limit]
