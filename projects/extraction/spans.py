"""Where each value came from: the readers work on one folded copy of the pasted text (core.text.fold) and
every span they find is mapped back to the characters of the text as pasted."""

import bisect
import datetime
import re
from dataclasses import dataclass

from core.text import fold_character


@dataclass
class Found:
    value: object
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        value = self.value.isoformat() if isinstance(self.value, datetime.date) else self.value
        return {"value": value, "start": self.start, "end": self.end, "text": self.text}


class Text:
    """The pasted text and its folded copy (lower case, no accents or harakat, ASCII digits), which keeps,
    for every folded character, the index of the character it came from."""

    def __init__(self, original: str):
        self.original = original
        # core.text.fold(), at the speed of str.translate: each distinct character is folded once, and
        # only the characters that fold to none or to two (harakat, ligatures) need their places counted.
        table = {ch: fold_character(ch) for ch in set(original)}
        self.folded = original.translate(str.maketrans(table))
        uneven = [ch for ch, folded in table.items() if len(folded) != 1]
        if not uneven:
            self.where = list(range(len(original)))
        else:
            where: list[int] = []
            at = 0
            for m in re.finditer("[" + re.escape("".join(uneven)) + "]", original):
                i = m.start()
                where.extend(range(at, i))
                where.extend([i] * len(table[m.group(0)]))
                at = i + 1
            where.extend(range(at, len(original)))
            self.where = where
        self.where.append(len(original))  # one past the end, so spans may end at the end of the text

    def span(self, a: int, b: int) -> tuple[int, int, str]:
        """(start, end, text as pasted) of the folded characters a..b."""
        if b <= a:
            start = self.where[a]
            return start, start, ""
        start, end = self.where[a], self.where[b - 1] + 1
        return start, end, self.original[start:end]

    def found(self, value, a: int, b: int) -> Found:
        start, end, text = self.span(a, b)
        return Found(value, start, end, text)


class Spans:
    """Spans that do not overlap one another, sorted, to ask quickly whether a new span overlaps one."""

    def __init__(self, spans=()):
        self.spans = sorted(spans)
        self.starts = [a for a, _b in self.spans]

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b)
        return i > 0 and self.spans[i - 1][1] > a

    def add(self, a: int, b: int):
        i = bisect.bisect_left(self.starts, a)
        self.spans.insert(i, (a, b))
        self.starts.insert(i, a)
