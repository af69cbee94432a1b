"""Folding and search normalisation for Arabic, Kurmanji, Syriac and English text.

The same tables serve two functions: `fold()` keeps every character's place in the original text (so
values read out of pasted text can point at their source), and `normalise()` builds on it for search,
applied to the stored search text and to the query alike, so that spelling variants meet: hamza forms
of alef, alef maqsura/yaa, taa marbuta/haa, tatweel, harakat, Arabic-Indic and Eastern digits, and
Latin letters with or without accents (Sivîl = sivil).
"""

import functools
import re
import unicodedata

# Arabic letter variants written for one another, each to the one spelling both sides are compared in.
ARABIC_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",  # Persian/Kurdish keheh written for kaf
    "ی": "ي",  # Persian yeh
}
# Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits to ASCII.
DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
# Arabic punctuation to its Latin counterpart, so numbers ("4٬500", "2٫5") and lists read the same.
PUNCTUATION = {"٬": ",", "٫": ".", "،": ",", "؛": ","}
# Latin letters typed on other keyboards: the dotless i of Turkish keyboards.
LATIN_LETTERS = {"ı": "i"}
# Harakat, Quranic marks, superscript alef, tatweel and Syriac vowel points: dropped. Latin accents
# are removed by the combining-mark test after NFKD.
MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u0730-\u074a]")

_TABLE = str.maketrans({**ARABIC_LETTERS, **DIGITS, **PUNCTUATION, **LATIN_LETTERS})
_NON_WORD = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=8192)  # texts use few distinct characters; each is worked out once
def fold_character(ch: str) -> str:
    """One character folded: lower-cased, without accents or marks, in the one spelling (maybe "" or two)."""
    kept = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c) and not MARKS.match(c))
    return unicodedata.normalize("NFC", kept).casefold().translate(_TABLE)


def fold(text: str) -> tuple[str, list[int]]:
    """(folded text, index in `text` of the character each folded character came from)."""
    out, where = [], []
    for i, ch in enumerate(text):
        folded = fold_character(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def normalise(text: str | None) -> str:
    """Lower-cased, accent-free, spelling-normalised text with single spaces between words."""
    if not text:
        return ""
    folded = "".join(map(fold_character, text))  # fold() without the offsets
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


def search_terms(query: str | None, *, limit: int = 8) -> list[str]:
    """The distinct normalised words of a query, at most `limit` of them."""
    seen: list[str] = []
    for word in normalise(query).split():
        if word not in seen:
            seen.append(word)
    return seen[:limit]
