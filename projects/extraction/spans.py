"""Where each value came from: the parsers read a folded copy of a paragraph (core.text.fold) and every
span they find is mapped back to the characters of the text as pasted."""

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


class Span:
    """A paragraph at `offset` in the pasted text, with its folded copy; maps folded spans back."""

    def __init__(self, text: str, offset: int):
        self.text, self.offset = text, offset
        self.folded, self.where = fold(text)

    def original(self, a: int, b: int) -> tuple[int, int, str]:
        start = self.where[a]
        end = self.where[b - 1] + 1 if b > a else start
        return self.offset + start, self.offset + end, self.text[start:end]

    def found(self, value, a: int, b: int) -> Found:
        start, end, text = self.original(a, b)
        return Found(value, start, end, text)

    def folded_index(self, original_index: int) -> int:
        """The first folded character at or after a character of the paragraph as written."""
        for i, j in enumerate(self.where):
            if j >= original_index:
                return i
        return len(self.where) - 1
