"""Server-drawn SVG map of an appeal's collection points: the outlines of the coalition's governorates
(`places.boundaries`) with their names and one numbered marker per point, the number the same as the point's in
the list under the map. No script, no tiles, no third-party request; every label inside the box in both
directions. Shows only what the public list shows: the running organisation, the place and the status."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.svg import text_width
from places import boundaries
from places.tree import tree

WIDTH, PAD, LABEL_FONT, RADIUS = 480, 12, 12, 9


@dataclass
class PointsMap:
    svg: str = ""
    # Points whose place has neither coordinates nor an outlined ancestor: listed, not drawn.
    missing: list = field(default_factory=list)


def number_points(regions) -> list:
    """The points in the order of the public list (by region), each given `map_number` from 1."""
    points = [p for group in regions for p in group.points]
    for i, point in enumerate(points, start=1):
        point.map_number = i
    return points


def _where(point, places, shapes):
    """(lon, lat) of the point's place if the gazetteer has it, else the P-code of its nearest outlined ancestor."""
    node = places.nodes.get(point.place_id)
    if node is not None and node.lat is not None and node.lon is not None:
        return (node.lon, node.lat), None
    while node is not None:
        if node.pcode in shapes:
            return None, node.pcode
        node = places.nodes.get(node.parent)
    return None, None


def points_map(regions, *, lang: str, rtl: bool) -> PointsMap:
    points = number_points(regions)
    shapes = boundaries.units()
    governorates = sorted((u for u in shapes.values() if u.level == 1), key=lambda u: u.pcode)
    result = PointsMap()
    if not points or not governorates:
        result.missing = points
        return result
    places = tree()
    located = []
    for point in points:
        lonlat, pcode = _where(point, places, shapes)
        if lonlat is None and pcode is None:
            result.missing.append(point)
        else:
            located.append((point, lonlat, pcode))
    boxes = [u.bounds() for u in governorates] + [(*ll, *ll) for _p, ll, _c in located if ll is not None]
    frame = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    projection = boundaries.Projection(frame, width=WIDTH, pad=PAD + RADIUS)
    height = projection.height

    def name(unit) -> str:
        node = places.by_pcode.get(unit.pcode)
        if node is not None:
            return node.name(lang)
        return (unit.name_ar if rtl else unit.name_en) or unit.name_en

    outlines = format_html_join(
        "",
        '<path d="{}" class="governorate"><title>{}</title></path>',
        ((projection.path(u), name(u)) for u in governorates),
    )
    labels = []
    for unit in governorates:
        x, y = projection.centre(unit)
        label = name(unit)
        half = text_width(label, LABEL_FONT) / 2
        x = min(max(x, PAD + half), WIDTH - PAD - half)
        y = min(max(y + 2 * RADIUS + LABEL_FONT, PAD + LABEL_FONT), height - PAD)
        labels.append((round(x, 1), round(y, 1), label))
    labels_svg = format_html_join("", '<text class="maplabel" x="{}" y="{}" text-anchor="middle">{}</text>', labels)

    # Points at the same spot side by side, centred on it; every marker inside the box.
    spots: dict[tuple, list] = {}
    for point, lonlat, pcode in located:
        xy = projection.xy(*lonlat) if lonlat is not None else projection.centre(shapes[pcode])
        spots.setdefault((round(xy[0], 1), round(xy[1], 1)), []).append(point)
    markers = []
    step = 2 * RADIUS + 2
    for (x, y), here in spots.items():
        first = x - step * (len(here) - 1) / 2
        for k, point in enumerate(here):
            cx = min(max(first + k * step, PAD + RADIUS), WIDTH - PAD - RADIUS)
            cy = min(max(y, PAD + RADIUS), height - PAD - RADIUS)
            tooltip = _("%(number)s. %(organisation)s in %(place)s: %(status)s") % {
                "number": point.map_number,
                "organisation": point.organisation.name,
                "place": point.place.name,
                "status": point.get_status_display(),
            }
            markers.append(
                format_html(
                    '<g class="marker status-{}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/>'
                    '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
                    point.status,
                    tooltip,
                    round(cx, 1),
                    round(cy, 1),
                    RADIUS,
                    round(cx, 1),
                    round(cy + 4, 1),
                    point.map_number,
                )
            )
    result.svg = format_html(
        '<svg class="points-map" viewBox="0 0 {} {}" direction="{}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><g class="outlines">{}</g>{}<g class="markers">{}</g></svg>',
        WIDTH,
        height,
        "rtl" if rtl else "ltr",
        _("Map of the collection points by governorate; each number is the point's number in the list below."),
        outlines,
        labels_svg,
        mark_safe("".join(markers)),  # noqa: S308 - format_html output
    )
    return result
