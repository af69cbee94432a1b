"""Dates in pasted text and the period they give a project.

Numeric dates are read day first (01/07/2021, 1/7/2021, 12 / 12 / 2018, 01.03.2023) or year first
(2021/07/01); month first only in an English text where no date can be read day first and one cannot be
read otherwise (07/20/2012). Month names in English, Syrian and Egyptian Arabic and Kurmanji (with its case
endings: 5ê Tîrmehê, Tebaxa 2022an); a month alone gives a month-long period; a year written once serves
both ends of a period. Dates that are not the period (a founding year, a deadline, a meeting, a report)
are set aside by the words around them. An impossible date is kept as written and flagged, never fixed."""

import calendar
import datetime
import re
from dataclasses import dataclass

from projects.extraction.spans import Spans
from projects.extraction.words import (
    END_WORDS,
    KU_MONTH_ENDINGS,
    MONTHS,
    MONTHS_ALSO_WORDS,
    NOT_PERIOD_JUST_BEFORE,
    NOT_PERIOD_WORDS,
    PLANNED,
    RANGE_CONNECTORS,
    START_WORDS,
    WEEKDAYS,
    phrase_re,
)

YEARS = range(1950, 2101)


@dataclass
class Mention:
    """A date as written: start and end in the folded text, what could be read of it."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    invalid: bool = False
    numeric: bool = False
    first: int | None = None  # a numeric date's first two numbers, to read it month first if the text is American
    second: int | None = None
    role: str | None = None  # "start", "end", "not" (not the period: a deadline, a founding date), or None

    @property
    def precision(self) -> str:
        return "day" if self.day is not None or self.invalid else "month"

    def first_day(self) -> datetime.date | None:
        if self.invalid or self.year is None or self.month is None:
            return None
        return datetime.date(self.year, self.month, self.day or 1)

    def last_day(self) -> datetime.date | None:
        if self.invalid or self.year is None or self.month is None:
            return None
        return datetime.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])


def _valid(year, month, day) -> bool:
    try:
        datetime.date(year, month, day)
    except (TypeError, ValueError):
        return False
    return True


_NUMERIC = re.compile(r"(?<![\d/.\-:])(\d{1,4})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?!\d|[/.\-]\d)")
_MONTH_YEAR = re.compile(r"(?<![\d/.\-:])(\d{1,2})\s*([/.\-])\s*((?:19|20)\d{2})(?!\d|[/.\-]\d)")
_MONTH_NAMES = "|".join(sorted((re.escape(m).replace(r"\ ", r"\s+") for m in MONTHS), key=len, reverse=True))
_ENDINGS = "|".join(sorted(map(re.escape, KU_MONTH_ENDINGS), key=len, reverse=True))
_WEEKDAY = "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
# A date may follow an Arabic conjunction or preposition written onto it ("وأيلول 2023", "بتاريخ").
_NOT_INSIDE_A_WORD = r"(?:(?<=[\s(][وبلف])|(?<=^[وبلف])|(?<![\w/.]))"
_NAMED = re.compile(
    rf"{_NOT_INSIDE_A_WORD}(?:(?:{_WEEKDAY})\s*,?\s*)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th|ye|e)?\s*(?:of\s+)?(?:(?:من\s+)?(?:شهر\s+))?)?"
    r"(?:(?:شهر|meha)\s+)?"
    rf"(?P<m>{_MONTH_NAMES})(?:{_ENDINGS})?(?![^\W\d_])"
    rf"(?:\s*/\s*(?:{_MONTH_NAMES})(?![^\W\d_]))?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?!\d))?"
    r"(?:\s*,?\s*(?:(?:من\s+)?(?:عام|العام|سنه|لعام|sala|sal|year)\s+)?(?P<y>(?:19|20)\d{2})(?:an|e|ye|a)?(?!\d))?"
)
# A day written before the month a later date gives ("5–20 March 2022", "بين 5 و20 آذار 2022").
_CONNECTOR = "|".join(sorted((re.escape(c) for c in RANGE_CONNECTORS), key=len, reverse=True))
_RANGE_BETWEEN = re.compile(rf"\s*[,،]?\s*(?:{_CONNECTOR})\s*(?:(?:the|تاريخ)\s+)?")
_SHARED_MONTH_DAY = re.compile(rf"(?<![\d/.\-:])(\d{{1,2}})(?:st|nd|rd|th|e|ye)?\s*(?:{_CONNECTOR})\s*$")
_BETWEEN_BEFORE = re.compile(r"(?:between|بين|navbera|ma bayn|ما بين)\s*(?:the\s+)?$")
# A role word, then at most two other words ("انطلق العمل في", "work started on") before the date.
_ROLE_AFTER = r"(?:\s+[^\s\d:]+){0,3}?[\s:]*$"
_START_BEFORE = phrase_re(START_WORDS, after=_ROLE_AFTER)
_END_BEFORE = phrase_re(END_WORDS, after=_ROLE_AFTER)
_START_AFTER = re.compile(
    r"^[\s,–\-]{0,4}(?:[^\W\d_]+\s+){0,4}?(?:started|began|begun|launched|dest pe kir|بدا|بدات|انطلق|انطلقت)(?!\w)"
)
_NOT_PERIOD = phrase_re(NOT_PERIOD_WORDS)
_NOT_PERIOD_JUST_BEFORE = phrase_re(NOT_PERIOD_JUST_BEFORE, after=r"\s*$")
_NOT_PERIOD_AFTER = re.compile(r"^\s*,?\s*(?:saet|الساعه|at \d|عند الساعه)")
_PLANNED = phrase_re(PLANNED)


_ANY_MONTH = re.compile(rf"(?:{_MONTH_NAMES})")


def _named(folded: str):
    """Matches of _NAMED, tried only around the month names of the text (most of a long text has none)."""
    done = 0
    for hit in _ANY_MONTH.finditer(folded):
        if hit.start() < done:
            continue
        line_start = folded.rfind("\n", 0, hit.start()) + 1
        line_end = folded.find("\n", hit.end())
        line_end = len(folded) if line_end == -1 else line_end
        m = _NAMED.search(folded, max(done, line_start, hit.start() - 40), min(line_end, hit.end() + 40))
        while m is not None and m.end() <= hit.start():
            m = _NAMED.search(folded, m.end(), min(line_end, hit.end() + 40))
        if m is not None and m.start() <= hit.start() < m.end():
            done = m.end()
            yield m


def find_mentions(folded: str) -> list[Mention]:
    """Every date-shaped span of the folded text, in reading order (numeric dates first claim their span)."""
    found: list[Mention] = []
    for m in _NUMERIC.finditer(folded):
        a, c = m.group(1), m.group(4)
        b = int(m.group(3))
        if len(a) == 4:
            year, month, day = int(a), b, int(c)
            first = second = None
        elif len(a) <= 2:
            day, month = int(a), b
            year = int(c) + (2000 if len(c) == 2 else 0)
            first, second = int(a), b
        else:
            continue
        if year not in YEARS or len(c) == 3:
            continue
        mention = Mention(m.start(), m.end(), year, month, day, numeric=True, first=first, second=second)
        mention.invalid = not _valid(year, month, day)
        found.append(mention)
    taken = Spans((x.start, x.end) for x in found)
    for m in _MONTH_YEAR.finditer(folded):
        if taken.overlaps(m.start(), m.end()):
            continue
        month, year = int(m.group(1)), int(m.group(3))
        found.append(Mention(m.start(), m.end(), year, month, None, invalid=not 1 <= month <= 12, numeric=True))
    taken = Spans((x.start, x.end) for x in found)
    for m in _named(folded):
        if taken.overlaps(m.start(), m.end()):
            continue
        name = re.sub(r"\s+", " ", m.group("m"))
        day_text = m.group("d1") or m.group("d2")
        day = int(day_text) if day_text else None
        year = int(m.group("y")) if m.group("y") else None
        start = m.start()
        if day is not None and day > 31:  # "45 June" is a count of something, not a day
            if m.group("d1"):
                start = m.start("m")
            day = None
        if name in MONTHS_ALSO_WORDS and day is None and year is None:
            continue
        mention = Mention(start, m.end(), year, MONTHS[name], day)
        if year is not None and day is not None:
            mention.invalid = not _valid(year, mention.month, day)
        found.append(mention)
    found.sort(key=lambda x: x.start)
    return found


def read_month_first(mentions: list[Mention]) -> bool:
    """An American text (07/20/2012 – 10/31/2012): every day-first date read month first. Only when some date
    can be read month first alone (its second number 14–31) and none can be read day first alone; a month
    13 is the usual typing error of a day-first date, never a reason to turn the text around."""
    numeric = [m for m in mentions if m.numeric and m.first is not None]
    american = [m for m in numeric if m.first <= 12 and 14 <= m.second <= 31]
    european = [m for m in numeric if 13 <= m.first <= 31 and m.second <= 12]
    if not american or european:
        return False
    for m in numeric:
        m.month, m.day = m.first, m.second
        m.invalid = not _valid(m.year, m.month, m.day)
    return True


@dataclass
class Period:
    start: Mention | None = None
    end: Mention | None = None
    start_value: datetime.date | None = None
    end_value: datetime.date | None = None
    ambiguous: bool = False
    planned_end: bool = False


def _role(folded: str, mention: Mention, line_start: int) -> str | None:
    before = folded[max(line_start, mention.start - 45) : mention.start]
    before = re.split(r"[.!?؟;]\s", before)[-1]
    clause = re.split(r"[,،]", before)[-1]
    after = folded[mention.end : mention.end + 60]
    if _NOT_PERIOD_JUST_BEFORE.search(before) or _NOT_PERIOD.search(clause) or _NOT_PERIOD_AFTER.match(after):
        return "not"
    starts, ends = list(_START_BEFORE.finditer(before)), list(_END_BEFORE.finditer(before))
    if starts and not ends:
        return "start"
    if ends and not starts:
        return "end"
    if starts and ends:
        return "start" if starts[-1].start() >= ends[-1].start() else "end"
    if _START_AFTER.match(after):
        return "start"
    return None


def _line_start(folded: str, at: int) -> int:
    return folded.rfind("\n", 0, at) + 1


def _shared_month_start(folded: str, mention: Mention, line_start: int) -> Mention | None:
    """ "5–20 March 2022": the first day, given the month and year of the second."""
    if mention.day is None or mention.numeric:
        return None
    m = _SHARED_MONTH_DAY.search(folded, line_start, mention.start)
    if not m or not 1 <= int(m.group(1)) <= 31:
        return None
    start = Mention(m.start(1), m.end(1), mention.year, mention.month, int(m.group(1)))
    start.invalid = mention.year is not None and not _valid(start.year, start.month, start.day)
    return start


def _fill_years(a: Mention, b: Mention):
    """A year written once serves both ends; a period that crosses new year takes the earlier year for
    its start ("from November to February 2023")."""
    if a.year is None and b.year is not None:
        a.year = b.year - 1 if (a.month or 0) > (b.month or 0) else b.year
        a.invalid = a.day is not None and not _valid(a.year, a.month, a.day)
    elif b.year is None and a.year is not None:
        b.year = a.year + 1 if (b.month or 13) < (a.month or 0) else a.year
        b.invalid = b.day is not None and not _valid(b.year, b.month, b.day)


def assign_roles(folded: str, mentions: list[Mention]):
    """What each date is for, from the words around it."""
    for m in mentions:
        m.role = _role(folded, m, _line_start(folded, m.start))


def period(folded: str, mentions: list[Mention]) -> Period:
    """The period of one project from the date mentions of its block: a written range first, then dates
    said to start or end it, then a single date (one day, or one month)."""
    roles = {id(m): m.role for m in mentions}
    usable = [m for m in mentions if roles[id(m)] != "not"]
    chosen: tuple[Mention | None, Mention | None] | None = None
    for a, b in zip(usable, usable[1:], strict=False):
        between = folded[a.end : b.start]
        if "\n" in between.strip(" \t"):
            continue
        if not _RANGE_BETWEEN.fullmatch(between):
            continue
        if a.numeric != b.numeric and a.year is not None and b.year is not None and abs(a.year - b.year) > 1:
            continue
        connector = between.strip(" ,،")
        if connector in ("and", "و", "u") and not _BETWEEN_BEFORE.search(folded[max(0, a.start - 20) : a.start]):
            continue
        chosen = (a, b)
        break
    if chosen is None:
        # dates with their year first: "started on 18 May" says less than "started on 18 May 2021"
        starts = sorted((m for m in usable if roles[id(m)] == "start"), key=lambda m: m.year is None)
        ends = sorted((m for m in usable if roles[id(m)] == "end"), key=lambda m: m.year is None)
        if starts and ends:
            after = [e for e in ends if e.start > starts[0].start]
            chosen = (starts[0], (after or ends)[0])
        elif starts:
            chosen = (starts[0], None)
        elif ends:
            shared = _shared_month_start(folded, ends[0], _line_start(folded, ends[0].start))
            line = _line_start(folded, ends[0].start)
            earlier = [m for m in usable if roles[id(m)] is None and line <= m.start < ends[0].start]
            chosen = (shared or (earlier[-1] if earlier else None), ends[0])
        elif usable:
            dated = [m for m in usable if m.year is not None] or usable
            chosen = (dated[0], dated[0])
    if chosen is None:
        return Period()
    a, b = chosen
    if a is b and a is not None and a.day is not None:
        a = _shared_month_start(folded, b, _line_start(folded, b.start)) or a
    if a is not None and b is not None and a is not b:
        if a.year is None or b.year is None:
            _fill_years(a, b)
        shared = _shared_month_start(folded, b, _line_start(folded, b.start)) if a.end <= b.start else None
        if shared is not None and shared.start >= a.end:
            a = shared
    result = Period(start=a, end=b)
    if any(m is not None and m.year is None and not m.invalid for m in (a, b)):
        result.ambiguous = True
        return result
    if a is not None:
        result.start_value = a.first_day()
    if b is not None:
        result.end_value = b.last_day() if (a is None or a is not b or b.day is None) else b.first_day()
        if a is b and b.day is None:
            result.end_value = b.last_day()
        before = folded[max(0, b.start - 40) : b.start]
        result.planned_end = bool(_PLANNED.search(before))
    return result
