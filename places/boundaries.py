"""The outlines of the coalition's governorates, districts and sub-districts (OCHA COD-AB, built by
`data/build_boundaries.py`, licence in `data/ATTRIBUTION.md`), read once per process: rings of longitude/latitude
points by P-code; and the projection the maps draw them with (4W, appeals)."""

import json
import math
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


class Projection:
    """Equirectangular, corrected for latitude so shapes look right at 35°N, fitted to the frame."""

    def __init__(self, frame, *, width: float, pad: float):
        min_lon, min_lat, max_lon, max_lat = frame
        self.pad = pad
        self.min_lon, self.max_lat = min_lon, max_lat
        self.kx = math.cos(math.radians((min_lat + max_lat) / 2))
        self.scale = (width - 2 * pad) / max((max_lon - min_lon) * self.kx, 1e-6)
        self.height = round((max_lat - min_lat) * self.scale + 2 * pad)

    def xy(self, lon, lat) -> tuple[float, float]:
        return (
            round((lon - self.min_lon) * self.kx * self.scale + self.pad, 1),
            round((self.max_lat - lat) * self.scale + self.pad, 1),
        )

    def path(self, unit) -> str:
        rings = []
        for polygon in unit.polygons:
            for ring in polygon:
                points = [self.xy(lon, lat) for lon, lat in ring]
                rings.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        return "".join(rings)

    def centre(self, unit) -> tuple[float, float]:
        """The centroid of the unit's largest polygon (its outline), where its name goes."""
        best, area_best = None, -1.0
        for polygon in unit.polygons:
            points = [self.xy(lon, lat) for lon, lat in polygon[0]]
            area = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
                cross = x1 * y2 - x2 * y1
                area += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if abs(area) > area_best and area:
                area_best, best = abs(area), (cx / (3 * area), cy / (3 * area))
        return best or self.xy(*unit.polygons[0][0][0])


def overlaps(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
