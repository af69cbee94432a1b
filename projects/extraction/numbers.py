"""Numbers as written in the region's texts: thousands and decimal separators (1,647 · 1.500 · 3.2 · ٣٬٥٠٠),
thousands words (23 ألف · 4 آلاف · 2 hezar û 300 · 1.2 thousand), number words in English, Arabic and
Kurmanji (ألفاً وثلاثمئة وستة وعشرين · four · pênc), a number repeated in brackets (600 (ستمئة)), and the
words that make a number approximate (more than · قرابة · nêzîkî)."""

import re
from dataclasses import dataclass

from projects.extraction.spans import Spans
from projects.extraction.words import APPROXIMATE, APPROXIMATE_AFTER, MEASURES, fold_word, phrase_re


@dataclass
class Number:
    start: int  # in the folded text, the whole expression ("4 آلاف", "600 (ستمئة)")
    end: int
    value: int | float
    approximate: bool = False
    in_words: bool = False
    noun_at: int = 0  # where the counted noun may begin (after a bracketed repetition)

    @property
    def is_integer(self) -> bool:
        return float(self.value).is_integer()


# Digits. A thousands group is exactly three digits; a point followed by three digits is a thousands
# separator (1.500, 28.742) except in English before a unit of measure (1.500 km).
_DIGITS = re.compile(
    r"(?<![0-9a-z.,/:])"
    r"(?:(?P<comma>\d{1,3}(?:,\d{3})+)|(?P<dot>\d{1,3}(?:\.\d{3})+)|(?P<space>\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+)"
    r"|(?P<decimal>\d+[.,]\d+)|(?P<int>\d+))"
    r"(?![0-9]|[.,/]\d|:\d)"
)
_MULTIPLIERS = {
    fold_word(w): m
    for w, m in {
        "thousand": 1000,
        "thousands": 1000,
        "k": 1000,
        "million": 1_000_000,
        "millions": 1_000_000,
        "ألف": 1000,
        "ألفاً": 1000,
        "آلاف": 1000,
        "مليون": 1_000_000,
        "ملايين": 1_000_000,
        "hezar": 1000,
        "milyon": 1_000_000,
    }.items()
}
_MULTIPLIER = re.compile(
    r"\s*(" + "|".join(sorted(map(re.escape, _MULTIPLIERS), key=len, reverse=True)) + r")(?!\w)"
    r"(?:\s+(?:u|و)\s*(\d{1,3})(?![\d,.]))?"
)
_MEASURE_AFTER = phrase_re(MEASURES, before=r"\s*")
_APPROXIMATE_BEFORE = phrase_re(APPROXIMATE, after=r"\s*$")
_APPROXIMATE_AFTER = phrase_re(APPROXIMATE_AFTER, before=r"^[^\n.,]{0,30}?(?<!\w)")

_WORD_VALUES = {
    # English
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    # Arabic (folded spellings of every gender and case)
    "واحد": 1,
    "واحدة": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "اثنا": 2,
    "اثني": 2,
    "ثلاث": 3,
    "ثلاثة": 3,
    "أربع": 4,
    "أربعة": 4,
    "خمس": 5,
    "خمسة": 5,
    "ست": 6,
    "ستة": 6,
    "سبع": 7,
    "سبعة": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانية": 8,
    "تسع": 9,
    "تسعة": 9,
    "عشر": 10,
    "عشرة": 10,
    "أحد": 1,
    "إحدى": 1,
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "أربعون": 40,
    "أربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
    "مئة": 100,
    "مائة": 100,
    "مئتان": 200,
    "مئتين": 200,
    "مائتان": 200,
    "مائتين": 200,
    "ثلاثمئة": 300,
    "ثلاثمائة": 300,
    "أربعمئة": 400,
    "أربعمائة": 400,
    "خمسمئة": 500,
    "خمسمائة": 500,
    "ستمئة": 600,
    "ستمائة": 600,
    "سبعمئة": 700,
    "سبعمائة": 700,
    "ثمانمئة": 800,
    "ثمانمائة": 800,
    "تسعمئة": 900,
    "تسعمائة": 900,
    "ألفان": 2000,
    "ألفين": 2000,
    "ألفي": 2000,
    # Kurmanji (the words that are not also other common words once folded)
    "yek": 1,
    "du": 2,
    "didu": 2,
    "sê": 3,
    "çar": 4,
    "pênc": 5,
    "şeş": 6,
    "heft": 7,
    "heşt": 8,
    "neh": 9,
    "deh": 10,
    "yazdeh": 11,
    "duwazdeh": 12,
    "dwazdeh": 12,
    "sêzdeh": 13,
    "çardeh": 14,
    "pazdeh": 15,
    "şazdeh": 16,
    "hevdeh": 17,
    "hejdeh": 18,
    "nozdeh": 19,
    "bîst": 20,
    "çil": 40,
    "pêncî": 50,
    "sed": 100,
}
_WORDS = {fold_word(k): v for k, v in _WORD_VALUES.items()}
# Multipliers in a run of number words ("ثلاثة آلاف", "two thousand", "sê hezar").
_WORD_MULTIPLIERS = {
    fold_word(k): v
    for k, v in {
        "thousand": 1000,
        "ألف": 1000,
        "ألفاً": 1000,
        "آلاف": 1000,
        "hezar": 1000,
        "million": 1_000_000,
        "مليون": 1_000_000,
    }.items()
}
# A thousand alone is a number ("ألف شخص"); "thousands" alone is not ("آلاف الطلاب").
_ALONE = {fold_word("ألف"): 1000, fold_word("ألفاً"): 1000}
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(و)?("
    + "|".join(sorted(map(re.escape, {*_WORDS, *_WORD_MULTIPLIERS}), key=len, reverse=True))
    + r")(?![\w])"
)
_JOINERS = {"and", "u", "و", "-"}


def _digits_value(m: re.Match, folded: str, english: bool) -> int | float:
    if m.group("comma"):
        return int(m.group("comma").replace(",", ""))
    if m.group("dot"):
        raw = m.group("dot")
        if english and raw.count(".") == 1 and _MEASURE_AFTER.match(folded, m.end()):
            return float(raw)
        return int(raw.replace(".", ""))
    if m.group("space"):
        return int(re.sub(r"\D", "", m.group("space")))
    if m.group("decimal"):
        return float(m.group("decimal").replace(",", "."))
    return int(m.group("int"))


def _multiplied(value, folded: str, at: int) -> tuple[int | float, int]:
    m = _MULTIPLIER.match(folded, at)
    if not m:
        return value, at
    total = value * _MULTIPLIERS[m.group(1)]
    if m.group(2):
        total += int(m.group(2))
    total = round(total) if float(total).is_integer() else total
    return int(total) if float(total).is_integer() else total, m.end()


def _word_runs(folded: str, a: int, b: int):
    """(start, end, value) of runs of number words in folded[a:b] ("ألفاً وثلاثمئة وستة وعشرين")."""
    run: list = []
    for m in _NUMBER_WORD.finditer(folded, a, b):
        token = (m.start(), m.end(), m.group(2), bool(m.group(1)))
        between = folded[run[-1][1] : m.start()].strip() if run else ""
        if run and not (token[3] or between in ("", "-") or between in _JOINERS):
            yield from _run_value(run)
            run = []
        run.append(token)
    if run:
        yield from _run_value(run)


def _run_value(run):
    total, current, any_number = 0, 0, False
    for _s, _e, word, _j in run:
        if word in _WORD_MULTIPLIERS:
            total += (current or (1 if word in _ALONE else 0)) * _WORD_MULTIPLIERS[word]
            current = 0
            any_number = any_number or word in _ALONE
        elif _WORDS[word] == 100 and current:
            current *= 100
            any_number = True
        else:
            current += _WORDS[word]
            any_number = True
    value = total + current
    if any_number and value:
        yield run[0][0], run[-1][1], value


def find_numbers(folded: str, a: int, b: int, *, english: bool = False, taken=()) -> list[Number]:
    """The numbers of folded[a:b] in reading order, outside the spans already `taken` (dates)."""

    dates = Spans(taken)
    found: list[Number] = []
    for m in _DIGITS.finditer(folded, a, b):
        if dates.overlaps(m.start(), m.end()) or (found and m.start() < found[-1].end):
            continue
        value = _digits_value(m, folded, english)
        value, end = _multiplied(value, folded, m.end())
        found.append(Number(m.start(), end, value, noun_at=end))
    digits = Spans((n.start, n.end) for n in found)
    for start, end, value in _word_runs(folded, a, b):
        if not dates.overlaps(start, end) and not digits.overlaps(start, end):
            found.append(Number(start, end, value, in_words=True, noun_at=end))
    found.sort(key=lambda n: n.start)
    merged: list[Number] = []
    for number in found:
        previous = merged[-1] if merged else None
        if previous is not None and previous.value == number.value:
            between = folded[previous.end : number.start]
            after = folded[number.end : number.end + 3]
            # "600 (ستمئة) تلميذ", "(٣٤٠٠) طالب": the same number said twice is one number
            if re.fullmatch(r"\s*\(\s*", between) and re.match(r"\s*\)", after):
                previous.end = number.end + re.match(r"\s*\)", after).end()
                previous.noun_at = previous.end
                continue
        merged.append(number)
    for number in merged:
        closing = re.match(r"\s*\)", folded[number.noun_at : number.noun_at + 3])
        if closing and "(" in folded[max(0, number.start - 3) : number.start]:
            number.noun_at += closing.end()
    return merged


def approximate_before(folded: str, number: Number) -> bool:
    """ "more than 170", "قرابة 3000", "nêzîkî 1.200", "500+": the number is not exact."""
    before = folded[max(0, number.start - 40) : number.start]
    return bool(_APPROXIMATE_BEFORE.search(before)) or folded.startswith("+", number.end)


def approximate_after(folded: str, at: int) -> bool:
    """An approximation marker written after the counted noun ("2000 شخص تقريباً")."""
    return bool(_APPROXIMATE_AFTER.match(folded[at : at + 40]))
