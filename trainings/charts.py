"""Server-drawn SVG for the needs page: horizontal bars of the share of organisations that chose each topic, drawn
from the reading side (x mirrored on right-to-left pages, as the 4W charts are), every label inside the box
(wrapped, then shortened, with the whole label and figure in its <title>). No script; the CSP allows inline SVG."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.svg import fit, text_width

WIDTH, PAD, FONT, LINE, BAR = 400, 8, 13, 17, 12


def bars_svg(pairs, *, rtl: bool, title: str) -> str:
    """`pairs` of (label, percentage or None for a hidden figure, the figure's words)."""
    if not pairs:
        return ""
    room = WIDTH - 2 * PAD
    figure_room = max(text_width(words, FONT) for _l, _v, words in pairs) + 6
    longest = room - figure_room
    start = WIDTH - PAD if rtl else PAD
    sign = -1 if rtl else 1
    parts, y = [], PAD
    for label, value, words in pairs:
        lines = fit(str(label), room, FONT)
        length = round(longest * (value or 0) / 100, 1)
        bar_y = y + len(lines) * LINE + 3
        tspans = format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            ((start, round(y + FONT + i * LINE, 1), line) for i, line in enumerate(lines)),
        )
        parts.append(
            format_html(
                '<text class="label" text-anchor="start"><title>{}</title>{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="2" class="bar"/>'
                '<text class="figure" x="{}" y="{}" text-anchor="start">{}</text>',
                f"{label}: {words}",
                tspans,
                round(start - length, 1) if rtl else start,
                bar_y,
                length,
                BAR,
                round(start + sign * (length + 4), 1),
                bar_y + BAR - 1,
                words,
            )
        )
        y = bar_y + BAR + 10
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" direction="{}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        WIDTH,
        y,
        "rtl" if rtl else "ltr",
        title,
        mark_safe("".join(parts)),  # noqa: S308 - parts are format_html output
    )
