"""Finding places of the gazetteer by P-code or by name (in any language, or one of its aliases), the one
lookup behind reading pasted text, 4W tables and IATI files. Names are compared normalised (core.text)."""

import functools

from django.db.models import Count, Max

from core.i18n import all_texts
from core.text import normalise
from places.models import Place


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
