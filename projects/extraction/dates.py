"""Dates in pasted text, numeric (day/month/year as written in the region, or year first) or with a
month's name, and the period and status they give a project. An impossible date is flagged, not fixed."""

import datetime
import re

from projects.extraction.spans import Found, Span
from projects.extraction.words import MONTHS, PLANNED

_MONTH_WORD = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,4})\s?([/\-.])\s?(\d{1,2})\s?\2\s?(\d{1,4})(?![\d/\-])")
_NAMED_DATE = re.compile(
    rf"(?<!\w)(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?({_MONTH_WORD})\.?,?\s+(?:(\d{{1,2}}),?\s+)?(\d{{4}})(?!\d)"
)


def _numeric(groups) -> datetime.date | None:
    a, _separator, b, c = groups
    if len(a) == 4:  # 2021/10/19: year first, then month and day
        year, month, day = int(a), int(b), int(c)
    else:  # the regional convention: day/month/year
        day, month, year = int(a), int(b), int(c)
        if len(c) == 2:
            year += 2000
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_dates(span: Span) -> list[tuple[int, int, datetime.date | None]]:
    """(start, end, date or None when impossible) in the folded paragraph, in reading order."""
    found = []
    for m in _NUMERIC_DATE.finditer(span.folded):
        found.append((m.start(), m.end(), _numeric(m.groups())))
    for m in _NAMED_DATE.finditer(span.folded):
        if any(a <= m.start() < b for a, b, _v in found):
            continue
        day = int(m.group(1) or m.group(3) or 1)
        try:
            value = datetime.date(int(m.group(4)), MONTHS[m.group(2)], day)
        except ValueError:
            value = None
        found.append((m.start(), m.end(), value))
    return sorted(found, key=lambda d: d[0])


def period(span: Span, dates, today: datetime.date) -> tuple[dict[str, Found], list[dict]]:
    """The fields the first two dates fill (planned or actual start and end, and the status they imply),
    and the flags of impossible dates."""
    fields: dict[str, Found] = {}
    flags = []
    planned = bool(PLANNED.search(span.folded))
    start_field, end_field = ("planned_start", "planned_end") if planned else ("actual_start", "actual_end")
    for (a, b, value), name in zip(dates[:2], (start_field, end_field), strict=False):
        found = span.found(value, a, b)
        if value is None:
            flags.append({"field": name, "code": "invalid_date", "text": found.text, "blocking": True})
        else:
            fields[name] = found
    end = fields.get(end_field)
    if end is not None and not planned:
        fields["status"] = Found("completed" if end.value <= today else "ongoing", end.start, end.end, end.text)
    elif planned:
        fields["status"] = Found("planned", span.offset, span.offset, "")
    return fields, flags
