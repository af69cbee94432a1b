"""Build `boundaries.json`, the outlines the 4W and appeal maps draw, from the shared OCHA COD-AB TopoJSON (see ATTRIBUTION.md).

Run at build time, never by the site: keeps only the governorates of the coalition's regions (with their districts
and sub-districts), simplifies the shared arcs (Douglas–Peucker, so neighbouring shapes keep one common border) and
writes plain longitude/latitude arcs. Usage:

    python places/data/build_boundaries.py ../shared/data/boundaries/syr_adm123.topojson
"""

import json
import math
import sys
from pathlib import Path

# The governorates of the coalition's four regions (demo/content.py REGIONS): Al-Hasakah (Al-Jazira), Deir ez-Zor,
# Ar-Raqqa (the Raqqa and Euphrates/Tabqa regions are its districts SY1101 and SY1103).
GOVERNORATES = ("SY08", "SY09", "SY11")
# About 200 m: under a pixel at the 4W map's widest scale, and as close as the source is accurate (README).
TOLERANCE = 0.002
DECIMALS = 3
OUT = Path(__file__).resolve().parent / "boundaries.json"


def decode(topology) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points, tolerance: float, kx: float):
    """Douglas–Peucker with longitudes scaled by cos(latitude); the end points stay (they join other arcs)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = (x2 - x1) * kx, y2 - y1
        length = math.hypot(dx, dy)
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = (points[i][0] - x1) * kx, points[i][1] - y1
            distance = abs(dx * py - dy * px) / length if length else math.hypot(px, py)
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def rounded(points):
    out = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode(topology)
    units = []
    for level, name in ((1, "adm1"), (2, "adm2"), (3, "adm3")):
        for geometry in topology["objects"][name]["geometries"]:
            properties = geometry["properties"]
            if properties["pcode"][:4] not in GOVERNORATES:
                continue
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            units.append({**properties, "level": level, "polygons": polygons})
    used = sorted({a if a >= 0 else ~a for u in units for polygon in u["polygons"] for ring in polygon for a in ring})
    renumber = {old: new for new, old in enumerate(used)}
    kx = math.cos(math.radians(36))
    for unit in units:
        unit["polygons"] = [
            [[renumber[a] if a >= 0 else ~renumber[~a] for a in ring] for ring in polygon]
            for polygon in unit["polygons"]
        ]
    data = {
        "about": "OCHA COD-AB Syria (2020-12-17) via geoBoundaries gbHumanitarian SYR ADM3, CC BY 3.0 IGO; names from "
        "the OpenSyria gazetteer, CC BY 4.0. Only governorates " + ", ".join(GOVERNORATES) + f"; arcs simplified "
        f"(Douglas-Peucker, {TOLERANCE} degree) by places/data/build_boundaries.py.",
        "arcs": [rounded(simplify(arcs[old], TOLERANCE, kx)) for old in used],
        "units": units,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(a) for a in data["arcs"])
    print(f"{OUT.name}: {len(units)} units, {len(used)} arcs, {points} points, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/boundaries/syr_adm123.topojson")
