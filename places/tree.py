"""The gazetteer as an in-memory tree (a few hundred rows): ancestors, descendants and coordinates
without a query per place."""

from dataclasses import dataclass

from core import reference
from core.i18n import direction
from places.models import Place


@dataclass(frozen=True)
class Node:
    pk: int
    pcode: str
    level: int
    parent: int | None
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None

    def name(self, lang: str) -> str:
        # The gazetteer has Arabic and English names only: readers of a right-to-left language (Arabic, Syriac)
        # get the Arabic one.
        return (self.name_ar if direction(lang) == "rtl" else self.name_en) or self.name_en or self.name_ar


class Tree:
    def __init__(self, nodes: list[Node]):
        self.nodes = {n.pk: n for n in nodes}
        self.by_pcode = {n.pcode: n for n in nodes if n.pcode}
        self.children: dict[int | None, list[Node]] = {}
        for n in nodes:
            self.children.setdefault(n.parent, []).append(n)

    def ancestor(self, pk: int, level: int) -> Node | None:
        node = self.nodes.get(pk)
        while node is not None and node.level > level:
            node = self.nodes.get(node.parent)
        return node if node is not None and node.level == level else None

    def chain(self, pk: int) -> dict[int, Node]:
        """The place and its ancestors, by level."""
        out, node = {}, self.nodes.get(pk)
        while node is not None:
            out[node.level] = node
            node = self.nodes.get(node.parent)
        return out

    def descendants(self, pk: int, level: int) -> list[Node]:
        out, stack = [], list(self.children.get(pk, []))
        node = self.nodes.get(pk)
        if node is not None and node.level == level:
            return [node]
        while stack:
            n = stack.pop()
            if n.level == level:
                out.append(n)
            elif n.level < level:
                stack.extend(self.children.get(n.pk, []))
        return sorted(out, key=lambda n: n.pcode)


def tree() -> Tree:
    def load():
        rows = Place.objects.values_list(
            "pk", "pcode", "level", "parent_id", "name_en", "name_ar", "latitude", "longitude"
        )
        return Tree(
            [
                Node(
                    pk,
                    pcode,
                    level,
                    parent,
                    en,
                    ar,
                    float(lat) if lat is not None else None,
                    float(lon) if lon is not None else None,
                )
                for pk, pcode, level, parent, en, ar, lat, lon in rows
            ]
        )

    return reference.cached("places-tree", load)
