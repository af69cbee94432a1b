"""Counts in a project's block: people reached (persons, never families or households), and outputs, a
quantity with its unit as written ("14 bathroom blocks", "2954 مدفأة").

People are read from the noun after a number ("4,500 beneficiaries", "180 طفلاً", "1.500 jin") or from the
label before it ("Total people reached: 6,358", "Hejmara sûdmendan: (2.460)"). A total the text gives wins
over its parts; parts are added up only when the text gives no total (312 girls and 288 boys → 600).
Everything else that is counted with a noun is a candidate output, unless it is a place, a duration, an
area, an amount of money, an age, a rank, or a rate for each family."""

import re
from dataclasses import dataclass, field

from projects.extraction.numbers import Number, approximate_after, approximate_before
from projects.extraction.words import (
    AREAS,
    CONTEXT_POPULATION,
    FAMILIES,
    LOCATIONS,
    MEASURES,
    MONEY,
    NOT_QUANTITY_AFTER,
    NOT_QUANTITY_BEFORE,
    NUMBER_OF,
    PEOPLE,
    PEOPLE_LABELS,
    PER_EACH,
    SUBSET,
    TARGET,
    TIMES,
    TOTAL,
    UNIT_STOPS,
    phrase_re,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_PERSON_PHRASES = sorted(PEOPLE, key=lambda p: -len(p.split()))
_MAX_PEOPLE_WORDS = max(len(p.split()) for p in PEOPLE)
_FAMILIES = set(FAMILIES)
_LOCATIONS = set(LOCATIONS)
_TIMES = set(TIMES)
_AREAS = set(AREAS)
_MONEY = set(MONEY)
_MEASURES = set(MEASURES)
_UNIT_STOPS = set(UNIT_STOPS)
_TOTAL_BEFORE = phrase_re(TOTAL, after=r"(?:\s+(?:of|من|ji))?[\s:]*(?:\S+\s+){0,4}$")
_TOTAL_AFTER = phrase_re(TOTAL)
_SUBSET_BEFORE = phrase_re(SUBSET, after=r"(?:\s+\S+){0,2}\s*$")
_CONTEXT_BEFORE = phrase_re(CONTEXT_POPULATION, after=r"(?:\s+\S+){0,2}\s*$")
_TARGET = phrase_re(TARGET)
_LABEL = phrase_re(PEOPLE_LABELS)
_NOT_BEFORE = phrase_re(NOT_QUANTITY_BEFORE, after=r"[\s.:#-]*$")
_NOT_AFTER = phrase_re(NOT_QUANTITY_AFTER, before=r"^\s*")
_PER_EACH_BEFORE = phrase_re(PER_EACH)
_PER_EACH_AFTER = phrase_re(("per", "each", "for each", "لكل", "للاسره", "ji bo her", "her"), before=r"^\s*")
_ENUMERATOR = re.compile(r"\s*(?:[-.)]\s|[-)](?=\D)|\.(?=\s|$))")
_COORDINATED = re.compile(r"^[^.\n\d;:!?؟]{0,45}?(?:(?<!\w)and|(?<!\w)و|(?<!\w)u|[,،&+])\s*$")
_YEAR_WORD = re.compile(r"(?:in|since|year|عام|العام|سنه|منذ|sala|sal)\s*$")
# Feminine Arabic duals (محطتي ري, جمعيتين, مضختين): two of a thing, written as one word.
_DUAL = re.compile(r"(?<!\w)([وف]?)([^\W\d_]{3,}?)(تين|تي|تان)(?!\w)")
_NOT_DUALS = {"سن", "مر", "ساع", "قري", "بلد", "ناحي", "محافظ", "مرحل", "ست", "ال", "ح", "مدين", "منطق", "دقيق"}


@dataclass
class Count:
    """A number with what it counts, in the folded text."""

    number: Number
    start: int
    end: int
    breakdown: str | None = None
    family: bool = False
    approximate: bool = False
    total: bool = False
    subset: bool = False
    targeted: bool = False
    parts: list = field(default_factory=list)


@dataclass
class Output:
    quantity: int | float
    start: int  # the number to the end of the unit, folded
    end: int
    unit_start: int
    unit_end: int


def _words_after(folded: str, at: int, stop: int, limit: int = 6) -> list[tuple[int, int, str]]:
    words = []
    for m in _WORD.finditer(folded, at, stop):
        words.append((m.start(), m.end(), m.group(0)))
        if len(words) >= limit:
            break
    return words


def _person_at(words, i) -> tuple[str, int] | None:
    """The person phrase starting at word i ("internally displaced people"), and how many words it has."""
    for n in range(min(_MAX_PEOPLE_WORDS, len(words) - i), 0, -1):
        phrase = " ".join(w for _a, _b, w in words[i : i + n])
        if phrase in PEOPLE:
            return phrase, n
    return None


def _noun(folded: str, number: Number, line_end: int, head_first: bool):
    """What the number counts: ("person", field, end) | ("family", None, end) | None."""
    words = _words_after(folded, number.noun_at, line_end)
    if not words or not words[0][2][0].isalpha():
        return None
    if head_first:  # Arabic and Kurmanji put the noun first ("180 طفلاً", "320 maseyên xwendekaran")
        found = _person_at(words, 0)
        if found:
            return "person", PEOPLE[found[0]], words[found[1] - 1][1]
        if words[0][2] in _FAMILIES:
            return "family", None, words[0][1]
        return None
    for i in range(min(4, len(words))):
        word = words[i][2]
        if not word[0].isalpha() or word in _UNIT_STOPS:
            return None
        found = _person_at(words, i)
        if found and i + found[1] < len(words) and words[i + found[1]][2] in _FAMILIES:
            return "family", None, words[i + found[1]][1]  # "50 displaced families", "200 returnee households"
        next_word = words[i + 1][2] if i + 1 < len(words) else ""
        attributive = next_word[:1].isalpha() and next_word not in _UNIT_STOPS and not next_word.endswith("ed")
        if found and not (found[0] in ("household", "family", "child", "student", "women", "youth") and attributive):
            return "person", PEOPLE[found[0]], words[i + found[1] - 1][1]
        if word in _FAMILIES and not (word in ("household", "family") and attributive):
            return "family", None, words[i][1]
    return None


def _sentence_before(folded: str, at: int, line_start: int, size: int = 80) -> str:
    before = folded[max(line_start, at - size) : at]
    return re.split(r"[.!?؟;]\s|\n", before)[-1]


def _label(folded: str, number: Number, line_start: int) -> str | None:
    """ "Total people reached: 6,358", "Families reached: 305", "Hejmara xwendekarên...: (2.460)"."""
    before = folded[line_start : number.start]
    colon = before.rfind(":")
    if colon == -1 or re.search(r"[^\s(]", before[colon + 1 :]):
        return None
    key = re.split(r"[.!?؟;]\s", before[:colon])[-1]
    if len(key) > 60:
        return None
    if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", key) for f in _FAMILIES):
        return "family"
    if _LABEL.search(key) or any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", key) for p in PEOPLE):
        return "person"
    return None


def _number_of(folded: str, number: Number, line_start: int) -> str | None:
    """ "The number of students benefiting from this project was 42,045", "بلغ عدد المستفيدين 4150"."""
    before = _sentence_before(folded, number.start, line_start, 120)
    for pattern in NUMBER_OF:
        m = pattern.search(before)
        if m:
            word = m.group(1).split()[0]
            if word in _FAMILIES:
                return "family"
            if word in PEOPLE or any(word.startswith(p) for p in ("مستفيد", "beneficiar", "sudmend", "people")):
                return "person"
    return None


def _not_a_quantity(folded: str, number: Number, line_start: int) -> bool:
    before = _sentence_before(folded, number.start, line_start, 30)
    after = folded[number.end : number.end + 20]
    if _NOT_BEFORE.search(before) or _NOT_AFTER.search(after):
        return True
    if re.search(r"[a-z]-$", before) or re.match(r"(?:st|nd|rd|th)(?!\w)", after):  # COVID-19, 1st
        return True
    if not number.in_words and 1900 <= number.value <= 2100 and float(number.value).is_integer():
        if _YEAR_WORD.search(before) or re.match(r"(?:an|e|ye)(?!\w)", after):
            return True
    if number.start == line_start or folded[line_start : number.start].strip(" \t•*·-") == "":
        if _ENUMERATOR.match(folded, number.end) and not number.in_words:  # "1- Education", "2) ...", "1. Title"
            return True
    return bool(re.search(r"(?:(?<!\w)(?:usd|us\$|eur|syp)|[$€£])\s*$", before))


def read(folded: str, line_start: int, line_end: int, numbers: list[Number], *, head_first: bool, place_line: bool):
    """The people counts and the outputs of one line of a block."""
    counts: list[Count] = []
    outputs: list[Output] = []
    for number in numbers:
        if _not_a_quantity(folded, number, line_start):
            continue
        noun = _noun(folded, number, line_end, head_first)
        if noun is None:
            label = _label(folded, number, line_start) or _number_of(folded, number, line_start)
            if label:
                noun = (label, None, number.end)
        if noun is not None:
            kind, breakdown, end = noun
            before = _sentence_before(folded, number.start, line_start)
            count = Count(number, number.start, end, breakdown, family=kind == "family")
            count.approximate = approximate_before(folded, number) or approximate_after(folded, end)
            count.total = bool(_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(folded, end + 1, end + 14))
            count.subset = bool(_SUBSET_BEFORE.search(before))
            count.targeted = bool(_TARGET.search(before))
            if not _CONTEXT_BEFORE.search(before):
                counts.append(count)
            continue
        if place_line:
            continue
        output = _output(folded, number, line_start, line_end, head_first)
        if output is not None:
            outputs.append(output)
    outputs.extend(_duals(folded, line_start, line_end, numbers))
    return counts, outputs


def _output(folded: str, number: Number, line_start: int, line_end: int, head_first: bool) -> Output | None:
    at = number.noun_at
    hyphen = re.match(r"-(?=[^\W\d_])", folded[at : at + 2])
    if hyphen:  # "14-bathroom blocks", but not "45-day survey" or "5-tonne tank"
        at += 1
    words = _words_after(folded, at, line_end, 7)
    if not words or not words[0][2][0].isalpha() or words[0][2] in _UNIT_STOPS:
        return None
    head = words[0][2]
    if hyphen and (head in _TIMES or head.rstrip("s") in _TIMES or head in _MEASURES):
        return None
    if head in _AREAS or head in _MONEY:
        return None
    taken = [words[0]]
    if head in _MEASURES or " ".join(w for _a, _b, w in words[:2]) in _MEASURES:
        if " ".join(w for _a, _b, w in words[:2]) in _MEASURES:
            taken = words[:2]
        rest = words[len(taken) :]
        if rest and rest[0][2] in ("of", "من", "ji"):
            taken += rest[:1] + [w for w in rest[1:3] if w[2][0].isalpha() and w[2] not in _UNIT_STOPS][:2]
        elif rest and head_first and rest[0][2][0].isalpha() and rest[0][2] not in _UNIT_STOPS:
            taken += rest[:1]  # "200 ton ard"
    else:
        for word in words[1:4]:
            w = word[2]
            conjunction = head_first and w.startswith("و") and (len(w) > 3 or w[1:] in _UNIT_STOPS)
            if not w[0].isalpha() or w in _UNIT_STOPS or conjunction:
                break
            if not head_first and w.endswith("ed") and len(taken) >= 1:
                break
            taken.append(word)
    unit_words = [w for _a, _b, w in taken]
    heads = unit_words[:1] if head_first else unit_words[-1:]
    if any(w in _LOCATIONS for w in heads) or " ".join(unit_words[:2]) in _LOCATIONS:
        return None
    times = [w for w in unit_words if w in _TIMES]
    if times:
        after_time = taken[unit_words.index(times[0]) + 1 :] if head_first else []
        if not after_time:  # "five months", "عاماً من التوقف"; but "6 أيام ترفيهية" are six events
            return None
    if any(w in _AREAS or w in _MONEY for w in unit_words):
        return None
    before = _sentence_before(folded, number.start, line_start)
    if _PER_EACH_BEFORE.search(before) or _PER_EACH_AFTER.match(folded[taken[-1][1] : taken[-1][1] + 20]):
        return None
    return Output(number.value, number.start, taken[-1][1], taken[0][0], taken[-1][1])


def _duals(folded: str, line_start: int, line_end: int, numbers) -> list[Output]:
    found = []
    for m in _DUAL.finditer(folded, line_start, line_end):
        stem = m.group(2)
        if stem in _NOT_DUALS or stem.startswith("ال") or any(n.start <= m.start() < n.end for n in numbers):
            continue
        word = m.group(2) + m.group(3)
        if word in _TIMES or word in _LOCATIONS or word in _UNIT_STOPS or word in PEOPLE:
            continue
        found.append(Output(2, m.start(2), m.end(), m.start(2), m.end()))
    return found


def choose_people(counts: list[Count], folded: str) -> tuple[list[Count], bool] | None:
    """The people reached of a block: its stated total, else the largest group of parts said together,
    and whether it is a sum of parts."""
    people = [c for c in counts if not c.family]
    if not people:
        return None
    for i, c in enumerate(people):  # a total followed by its parts: "180 طفلاً (95 فتاة و85 صبياً)"
        run, total = [], 0
        for d in people[i + 1 :]:
            if d.start - (run[-1].end if run else c.end) > 60 or "\n" in folded[c.end : d.start]:
                break
            run.append(d)
            total += d.number.value
            if total == c.number.value and len(run) > 1:
                c.total, c.parts = True, run
                for part in run:
                    part.subset = True
                break
            if total > c.number.value:
                break
    totals = [c for c in people if c.total and not c.subset]
    if totals:
        return [totals[0]], False
    groups: list[list[Count]] = []
    for c in people:
        if c.subset:
            continue
        if (
            groups
            and _COORDINATED.match(folded[groups[-1][-1].end : c.start])
            and "\n" not in folded[groups[-1][-1].end : c.start]
        ):
            groups[-1].append(c)
        else:
            groups.append([c])
    if not groups:
        groups = [[c] for c in people]
    best = max(groups, key=lambda g: sum(c.number.value for c in g))
    return best, len(best) > 1


def breakdown(counts: list[Count], folded: str) -> dict[str, int]:
    """Women, men, girls and boys (and residents, displaced, returnees) when the text says them together
    or as the parts of its total."""
    fields: dict[str, int] = {}
    people = [c for c in counts if not c.family and not c.targeted]
    groups: list[list[Count]] = []
    for c in people:
        if c.parts:
            groups.append(c.parts)
        elif groups and not c.subset and _COORDINATED.match(folded[groups[-1][-1].end : c.start]):
            groups[-1].append(c)
        elif not c.subset:
            groups.append([c])
    for group in groups:
        if len(group) < 2:
            continue
        for c in group:
            if c.breakdown and c.breakdown not in fields:
                fields[c.breakdown] = sum(d.number.value for d in group if d.breakdown == c.breakdown)
    return fields
