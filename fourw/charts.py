"""Server-drawn SVG: a map of places with proportional symbols and simple bar charts. No script, no
tiles, no third-party request: a few kilobytes that work offline."""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 420


def _number(n) -> str:
    return f"{n:,}".replace(",", "\u202f")


def map_svg(scope, points, *, lang: str, title: str) -> str:
    """Dots for every sub-district in scope; circles sized by people reached where projects work."""
    located = [n for n in scope if n.lat is not None] + [p for p, _r, _k in points if p.lat is not None]
    if not located:
        return ""
    lats = [n.lat for n in located]
    lons = [n.lon for n in located]
    pad = 0.15
    min_lon, max_lon = min(lons) - pad, max(lons) + pad
    min_lat, max_lat = min(lats) - pad, max(lats) + pad
    # Equirectangular, corrected for latitude so distances look right at 35°N.
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = min(WIDTH / ((max_lon - min_lon) * kx), HEIGHT / (max_lat - min_lat))
    height = round((max_lat - min_lat) * scale)

    def xy(node):
        return round((node.lon - min_lon) * kx * scale, 1), round((max_lat - node.lat) * scale, 1)

    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="2" class="place"><title>{}</title></circle>',
        ((*xy(n), n.name(lang)) for n in scope if n.lat is not None),
    )
    biggest = max((r for _n, r, _k in points), default=0) or 1
    circles = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" class="reach"><title>{} · {} · {}</title></circle>',
        (
            (*xy(n), round(4 + 22 * math.sqrt(reached / biggest), 1), n.name(lang), _number(reached), count)
            for n, reached, count in sorted(points, key=lambda p: -p[1])
            if n.lat is not None
        ),
    )
    return format_html(
        '<svg class="map" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">{}{}</svg>',
        WIDTH,
        height,
        title,
        dots,
        circles,
    )


def bars_svg(pairs, *, rtl: bool, title: str) -> str:
    """Horizontal bars, the label above each bar, aligned to the reading direction."""
    if not pairs:
        return ""
    biggest = max(v for _l, v in pairs) or 1
    row, width = 34, 320
    anchor, x = ("end", width) if rtl else ("start", 0)
    parts = []
    for i, (label, value) in enumerate(pairs):
        y = i * row
        length = round(width * value / biggest, 1)
        bar_x = round(width - length, 1) if rtl else 0
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" class="label">{} · {}</text>'
                '<rect x="{}" y="{}" width="{}" height="10" rx="2" class="bar"/>',
                x,
                y + 13,
                anchor,
                label,
                _number(value),
                bar_x,
                y + 18,
                length,
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        width,
        len(pairs) * row,
        title,
        mark_safe("".join(parts)),  # noqa: S308 - parts are format_html output
    )
