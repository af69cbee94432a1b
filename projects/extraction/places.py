"""Places in pasted text: every name of the gazetteer (places.selectors) found in the paragraph, and the
words written as places ("in the villages of Darnaj and Al-Zer") that the gazetteer does not know,
flagged for the editor to choose or to ask for."""

import functools
import re

from core.text import normalise
from places.selectors import NameIndex, name_index
from projects.extraction import words_ar, words_en
from projects.extraction.spans import Found, Span
from projects.extraction.words import NOT_PLACES

_PREFIX = "(?:" + "|".join(words_en.PLACE_NAME_PREFIXES) + r")[-\s]"
_NAME_EN = rf"(?:{_PREFIX})?[A-Z][\w'-]+"
_CANDIDATES_EN = re.compile(
    words_en.PLACE_INTRODUCTIONS + rf"({_NAME_EN}(?:(?:,\s*|\s+and\s+|\s*,\s*and\s+){_NAME_EN})*)"
)
_CANDIDATES_AR = re.compile(words_ar.PLACE_INTRODUCTIONS + r"((?:[^\s,.]+(?:\s+(?=و)|,\s*)?){1,12})")


@functools.lru_cache(maxsize=1)
def _compiled(index: NameIndex):
    """The gazetteer's names as two regular expressions (Latin and Arabic script), compiled once for
    each version of the index. A name shared by several places means the finest of them."""
    names = {key: places[0] for key, places in index.by_name.items() if len(key) >= 3 and not key.isdigit()}
    ordered = sorted(names, key=len, reverse=True)
    arabic = [n for n in ordered if re.search("[\u0600-\u06ff]", n)]
    latin = [n for n in ordered if n not in arabic]
    latin_re = re.compile(r"(?<!\w)(?:al[- ])?(" + _alternatives(latin) + r")(?!\w)") if latin else None
    arabic_re = (
        re.compile(r"(?<!\w)" + words_ar.PLACE_PREFIX + "(" + _alternatives(arabic) + r")(?!\w)") if arabic else None
    )
    return names, latin_re, arabic_re


def _alternatives(keys) -> str:
    """Names as one regex; a space in a name matches spaces or hyphens in the text (Deir ez-Zor)."""
    return "|".join(r"[\s\-]+".join(re.escape(word) for word in key.split(" ")) for key in keys)


def places(span: Span, index: NameIndex | None = None) -> tuple[list[Found], list[dict]]:
    """The gazetteer's places named in the paragraph (each once), and flags for unknown place names."""
    names, latin_re, arabic_re = _compiled(index or name_index())
    found, seen, covered = [], set(), []
    for regex in (latin_re, arabic_re):
        if regex is None:
            continue
        for m in regex.finditer(span.folded):
            place = names[normalise(m.group(1))]
            covered.append((m.start(), m.end()))
            if place.pk not in seen:
                seen.add(place.pk)
                found.append(span.found(place, m.start(1), m.end(1)))
    flags = []
    for candidate, a in _candidates(span):
        if any(x <= a < y for x, y in covered):
            continue
        key = normalise(candidate)
        if key in NOT_PLACES or key in names or len(key) < 3:
            continue
        flags.append(
            {
                "field": "places",
                "code": "place_not_found",
                "text": span.original(a, a + len(candidate))[2],
                "blocking": False,
            }
        )
    return found, flags


def _candidates(span: Span):
    """(word, where it starts in the folded paragraph) for every word written as a place."""
    for m in _CANDIDATES_EN.finditer(span.text):
        group_start = m.start(1)
        for part in re.finditer(_NAME_EN, m.group(1)):
            # back to folded coordinates: the English text folds one character to one
            yield part.group(0).lower(), span.folded_index(group_start + part.start())
    for m in _CANDIDATES_AR.finditer(span.folded):
        for part in re.finditer(r"[^\s,،]+", m.group(1)):
            word = part.group(0)
            a = m.start(1) + part.start()
            if word.startswith("و") and len(word) > 3:
                word, a = word[1:], a + 1
            yield word, a
