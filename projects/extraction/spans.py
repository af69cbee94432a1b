"""Where each value came from: the readers work on one folded copy of the pasted text (core.text.fold) and
every span they find is mapped back to the characters of the text as pasted."""

import datetime
from dataclasses import dataclass

from core.text import fold


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
        self.folded, self.where = fold(original)
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
