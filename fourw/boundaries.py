"""The outlines of the coalition's governorates, districts and sub-districts (OCHA COD-AB, built by
`data/build_boundaries.py`), read once per process: rings of longitude/latitude points by P-code."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "boundaries.json"


@dataclass(frozen=True)
class Unit:
    pcode: str
    level: int
    parent: str
    name_en: str
    name_ar: str
    # Polygons, each a list of rings (the first the outline, the others holes), each a list of (lon, lat).
    polygons: tuple

    def bounds(self) -> tuple[float, float, float, float]:
        points = [p for polygon in self.polygons for ring in polygon for p in ring]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)


def _ring(arcs, refs) -> tuple:
    """A ring from its arcs: a negative reference is the arc reversed (TopoJSON's ~i); each arc starts where the
    last one ended, so that point is not repeated."""
    points = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(tuple(p) for p in (arc[1:] if points else arc))
    return tuple(points)


@cache
def units() -> dict[str, Unit]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    arcs = data["arcs"]
    return {
        u["pcode"]: Unit(
            pcode=u["pcode"],
            level=u["level"],
            parent=u.get("parent_pcode", ""),
            name_en=u["name_en"],
            name_ar=u["name_ar"],
            polygons=tuple(tuple(_ring(arcs, ring) for ring in polygon) for polygon in u["polygons"]),
        )
        for u in data["units"]
    }
