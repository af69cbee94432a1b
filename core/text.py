"""Search normalisation for Arabic, Kurmanji, Syriac and English text.

The same function is applied to the stored search text and to the query, so that spelling
variants meet: hamza forms of alef, alef maqsura/yaa, taa marbuta/haa, tatweel, harakat,
Arabic-Indic and Eastern digits, and Latin letters with or without accents (Sivîl = sivil).
"""

import re
import unicodedata

_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ـ": None,  # tatweel
        "ک": "ك",  # Persian/Kurdish keheh written for kaf
        "ی": "ي",  # Persian yeh
    }
)
# Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits to ASCII.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
# Harakat, Quranic marks, superscript alef and Syriac vowel points; Latin accents are removed
# by the combining-mark test after NFKD.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0730-\u074a]")
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str | None) -> str:
    """Lower-cased, accent-free, spelling-normalised text with single spaces between words."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or "\u0600" <= ch <= "\u06ff")
    text = _MARKS.sub("", text)
    text = text.translate(_ARABIC_MAP).translate(_DIGITS)
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("ı", "i")  # dotless i typed on Turkish keyboards
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def search_terms(query: str | None, *, limit: int = 8) -> list[str]:
    """The distinct normalised words of a query, at most `limit` of them."""
    seen: list[str] = []
    for word in normalise(query).split():
        if word not in seen:
            seen.append(word)
    return seen[:limit]
