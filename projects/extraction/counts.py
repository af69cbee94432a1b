"""Numbers in pasted text: people reached or targeted ("4,500 beneficiaries", "the number of students
... was 42,045") and outputs, a quantity with its unit and what it is ("12,596 school desks maintained")."""

import re

from core.text import normalise
from projects.extraction.spans import Found, Span
from projects.extraction.words import NUMBER_OF, PEOPLE, PEOPLE_TOTAL, STOP_NOUNS, TARGET, UNITS

# A number, but not a list marker ("1- Education", "2) ...") nor part of a date.
_NUMBER = re.compile(r"(?<![\w.,/\-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d/])(?!\s?-\s|\))")
# The people a number may count, the longest phrase first ("young women" before "women"); a word may
# come between the number and the phrase ("5 local women").
_PEOPLE_AFTER = [
    (phrase, re.compile(r"\s+(?:\w+\s+){0,1}?" + re.escape(normalise(phrase)) + r"(?!\w)"))
    for phrase in sorted([*PEOPLE, *PEOPLE_TOTAL], key=len, reverse=True)
]
_UNIT_RE = re.compile(r"\s*(" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")(?!\w)")
_NOUN = re.compile(r"[\s-]*([^\W\d_]+(?:[\s-][^\W\d_]+){0,2})")


def _to_number(raw: str):
    raw = raw.replace(",", "")
    return float(raw) if "." in raw else int(raw)


def numbers(span: Span, dates) -> list[tuple[int, int, int | float]]:
    """(start, end, value) of the numbers of the folded paragraph that are not part of a date."""
    return [
        (n.start(), n.end(), _to_number(n.group(1)))
        for n in _NUMBER.finditer(span.folded)
        if not any(a <= n.start() < b for a, b, _v in dates)
    ]


def people(span: Span, number_spans) -> list[tuple[str, Found, bool, int]]:
    """People counts: (field, Found, is a target rather than reached, where the number starts)."""
    counts = []
    for a, b, value in number_spans:
        rest = span.folded[b : b + 40]
        for phrase, after in _PEOPLE_AFTER:
            m = after.match(rest)
            if m:
                name = PEOPLE.get(phrase, "reached_total")
                before = span.folded[max(0, a - 60) : a]
                counts.append((name, span.found(int(value), a, b + m.end()), bool(TARGET.search(before)), a))
                break
    return counts


def number_of(span: Span, number_spans) -> list[tuple[str, Found, bool, int]]:
    """ "The number of students benefiting from this project was 42,045" and its Arabic form."""
    counts = []
    for a, b, value in number_spans:
        before = span.folded[max(0, a - 100) : a]
        m = next((m for pattern in NUMBER_OF if (m := pattern.search(before))), None)
        if m and any(m.group(1).startswith(normalise(p)) for p in PEOPLE_TOTAL):
            counts.append(("reached_total", span.found(int(value), a - len(before) + m.start(), b), False, a))
    return counts


def people_fields(counts, text: str) -> dict[str, Found]:
    """The first total mentioned wins; targeted parts add up to the targeted total (the model keeps the
    women/men/girls/boys breakdown for people reached only)."""
    fields: dict[str, Found] = {}
    targeted_parts = []
    for name, found, targeted, _a in counts:
        if name == "reached_total":
            fields.setdefault("targeted_total" if targeted else "reached_total", found)
        elif targeted:
            targeted_parts.append(found)
        else:
            fields.setdefault(name, found)
    if targeted_parts and "targeted_total" not in fields:
        first, last = targeted_parts[0], targeted_parts[-1]
        total = sum(p.value for p in targeted_parts)
        fields["targeted_total"] = Found(total, first.start, last.end, text[first.start : last.end])
    return fields


def outputs(span: Span, number_spans, used: set[int]) -> list[dict]:
    """What the project produced: each number not counting people, with its unit and a few words after."""
    found = []
    for a, b, value in number_spans:
        if a in used:
            continue
        unit_match = _UNIT_RE.match(span.folded, b)
        if unit_match:
            unit = unit_match.group(1)
            end = unit_match.end()
        else:
            noun = _NOUN.match(span.folded, b)
            if not noun:
                continue
            words = []
            for word in re.split(r"[\s-]+", noun.group(1).strip()):
                if not word or word in STOP_NOUNS:
                    break
                words.append(word)
            if not words:
                continue
            unit = " ".join(words)
            end = span.folded.index(words[-1], b) + len(words[-1])
        description_end = end + re.match(r"(?:[ \t]*[^\s\d.,;:،]+){0,6}", span.folded[end:]).end()
        start, stop, text = span.original(a, description_end)
        output = {
            "quantity": value,
            "unit": span.original(end - len(unit), end)[2].strip(),
            "description": span.original(end, description_end)[2].strip() if description_end > end else "",
            "start": start,
            "end": stop,
            "text": text,
        }
        if not _is_people(output):
            found.append(output)
    return found


def _is_people(output: dict) -> bool:
    unit = normalise(output["unit"])
    return any(unit.startswith(normalise(p)) for p in (*PEOPLE, *PEOPLE_TOTAL))
