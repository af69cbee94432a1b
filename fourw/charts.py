"""Server-drawn SVG for the 4W page: a choropleth map of the coalition's sub-districts and bar charts. No
script, no tiles, no third-party request; drawn for the reader's direction, every label inside its box (a label
too long for the box is wrapped, then shortened, with the full text in its <title>)."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.svg import fit, text_width
from places import boundaries

# Bar charts: user units of the viewBox (the chart scales to its column, the text with it).
BAR_WIDTH, PAD, FONT, LINE, BAR = 400, 8, 13, 17, 12
# The map.
MAP_WIDTH, MAP_PAD, LABEL_FONT = 480, 10, 12
CLASSES = 5


def number(value) -> str:
    """A figure as the page writes it (the reader's digits grouping, as `intcomma` does)."""
    return formats.number_format(value or 0, force_grouping=True)


def _lines(lines: list[str], x: float, y: float) -> str:
    """Lines of one label as <tspan>s, the first at `y`, each next one a line lower."""
    return format_html_join(
        "", '<tspan x="{}" y="{}">{}</tspan>', ((x, round(y + i * LINE, 1), line) for i, line in enumerate(lines))
    )


def bars_svg(pairs, *, rtl: bool, title: str) -> str:
    """Horizontal bars from the reading side: each label above its bar, the figure after the bar's end."""
    if not pairs:
        return ""
    biggest = max(v for _l, v in pairs) or 1
    figure_room = max(text_width(number(v), FONT) for _l, v in pairs) + 6
    room = BAR_WIDTH - 2 * PAD
    longest = room - figure_room
    # The start of a line is on the right in a right-to-left page: x is mirrored there, and with the SVG's own
    # direction set, text-anchor "start" means the reading start in both directions.
    start = BAR_WIDTH - PAD if rtl else PAD
    sign = -1 if rtl else 1
    parts, y = [], PAD
    for label, value in pairs:
        lines = fit(str(label), room, FONT)
        length = round(longest * value / biggest, 1)
        bar_y = y + len(lines) * LINE + 3  # below the descenders of the label's last line
        parts.append(
            format_html(
                '<text class="label" text-anchor="start"><title>{}</title>{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="2" class="bar"/>'
                '<text class="figure" x="{}" y="{}" text-anchor="start">{}</text>',
                f"{label}: {number(value)}",
                _lines(lines, start, y + FONT),
                round(start - length, 1) if rtl else start,
                bar_y,
                length,
                BAR,
                round(start + sign * (length + 4), 1),
                bar_y + BAR - 1,
                number(value),
            )
        )
        y = bar_y + BAR + 10
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" direction="{}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        BAR_WIDTH,
        y,
        "rtl" if rtl else "ltr",
        title,
        mark_safe("".join(parts)),  # noqa: S308 - parts are format_html output
    )


# --- The map -----------------------------------------------------------------------------------------------


@dataclass
class Map:
    svg: str = ""
    legend: list = field(default_factory=list)  # (css class, label)
    # Places in scope the boundary data has no outline for (outside the coalition's governorates).
    missing: list = field(default_factory=list)


def breaks(values: list[int]) -> list[int]:
    """The lower bound of each class above zero: quantiles of the figures, rounded to two significant digits."""
    figures = sorted(v for v in values if v > 0)
    if not figures:
        return []
    bounds = [1]
    for i in range(1, CLASSES):
        q = figures[min(len(figures) - 1, (len(figures) * i) // CLASSES)]
        digits = max(0, len(str(q)) - 2)
        q = (q // 10**digits) * 10**digits
        if q > bounds[-1]:
            bounds.append(q)
    return bounds


def _class(value: int, bounds: list[int]) -> str:
    if not value:
        return "q0"
    return f"q{sum(1 for b in bounds if value >= b)}"


def _legend(bounds: list[int]) -> list[tuple[str, str]]:
    out = [("q0", _("No project"))]
    for i, low in enumerate(bounds):
        if i + 1 < len(bounds):
            text = _("%(low)s to %(high)s") % {"low": number(low), "high": number(bounds[i + 1] - 1)}
        else:
            text = _("%(low)s or more") % {"low": number(low)}
        out.append((f"q{i + 1}", text))
    return out


def map_svg(scope, figures: dict, *, lang: str, rtl: bool, title: str) -> Map:
    """Sub-districts of the scope as shapes coloured by people reached, their neighbours in grey, district and
    governorate borders drawn over them, and the names of the districts (of the sub-districts when the scope is
    one district). `figures`: P-code → (people reached, projects)."""
    shapes = boundaries.units()
    drawn = [n for n in scope if n.pcode in shapes]
    result = Map(missing=[n for n in scope if n.pcode not in shapes])
    if not drawn:
        return result
    boxes = [shapes[n.pcode].bounds() for n in drawn]
    frame = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    projection = boundaries.Projection(frame, width=MAP_WIDTH, pad=MAP_PAD)
    in_scope = {n.pcode for n in drawn}
    bounds = breaks([figures.get(p, (0, 0))[0] for p in in_scope])
    result.legend = _legend(bounds)
    nearby = [u for u in shapes.values() if boundaries.overlaps(u.bounds(), frame)]
    names = {n.pcode: n.name(lang) for n in scope}

    def name(unit) -> str:
        return names.get(unit.pcode) or ((unit.name_ar if rtl else unit.name_en) or unit.name_en)

    def tooltip(unit) -> str:
        reached, projects = figures.get(unit.pcode, (0, 0))
        if not projects:
            return _("%(place)s (%(pcode)s): no project") % {"place": name(unit), "pcode": unit.pcode}
        people = ngettext("%(n)s person reached", "%(n)s people reached", reached) % {"n": number(reached)}
        count = ngettext("%(n)s project", "%(n)s projects", projects) % {"n": number(projects)}
        return f"{name(unit)} ({unit.pcode}): {people} · {count}"

    areas = format_html_join(
        "",
        '<path d="{}" class="{}"><title>{}</title></path>',
        (
            (
                projection.path(u),
                _class(figures.get(u.pcode, (0, 0))[0], bounds) if u.pcode in in_scope else "outside",
                tooltip(u) if u.pcode in in_scope else name(u),
            )
            for u in nearby
            if u.level == 3
        ),
    )
    borders = format_html_join(
        "",
        '<path d="{}" class="{}"/>',
        ((projection.path(u), "district" if u.level == 2 else "governorate") for u in nearby if u.level in (1, 2)),
    )
    districts = {n.pcode[:6] for n in drawn}
    label_level = 3 if len(districts) == 1 else 2
    named = in_scope if label_level == 3 else districts
    labels = []
    for unit in sorted((u for u in nearby if u.level == label_level and u.pcode in named), key=lambda u: u.pcode):
        x, y = projection.centre(unit)
        if not (0 <= x <= MAP_WIDTH and 0 <= y <= projection.height):
            continue  # a district only partly in the frame: its name would sit on another's shape
        lines = fit(name(unit), MAP_WIDTH / 4, LABEL_FONT)
        half = max(text_width(line, LABEL_FONT) for line in lines) / 2
        x = min(max(x, MAP_PAD + half), MAP_WIDTH - MAP_PAD - half)
        y = min(max(y, MAP_PAD + LABEL_FONT), projection.height - MAP_PAD - (len(lines) - 1) * LINE)
        labels.append(
            format_html(
                '<text class="maplabel" text-anchor="middle">{}</text>',
                _lines(lines, round(x, 1), round(y, 1)),
            )
        )
    result.svg = format_html(
        '<svg class="map" viewBox="0 0 {} {}" direction="{}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><g class="areas">{}</g><g class="borders">{}</g>{}</svg>',
        MAP_WIDTH,
        projection.height,
        "rtl" if rtl else "ltr",
        title,
        areas,
        borders,
        mark_safe("".join(labels)),  # noqa: S308 - format_html output
    )
    return result
