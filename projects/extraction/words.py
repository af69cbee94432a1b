"""The words of every language together, folded (core.text) as the readers compare them with folded text,
and the regular expressions built from them once."""

import re

from core.text import normalise
from projects.extraction import words_ar, words_en, words_ku

LANGUAGES = (words_en, words_ar, words_ku)


def fold_word(word: str) -> str:
    """A word or phrase as it reads in folded text (punctuation kept: "-", "%", "$" are words here)."""
    return " ".join(fold_phrase_part(part) for part in word.split())


def fold_phrase_part(part: str) -> str:
    folded = normalise(part)
    return folded.replace(" ", "") if folded else part.lower()


def folded(words) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold_word(w) for w in words if w))


def union(*names: str) -> tuple[str, ...]:
    """The folded phrases of a name (APPROXIMATE, TOTAL…) in every language."""
    return folded(w for module in LANGUAGES for name in names for w in getattr(module, name, ()))


# Not inside a word, but after an Arabic conjunction written onto the word ("وانتهى", "فقد").
NOT_INSIDE_A_WORD = r"(?:(?<=[\s(\-][وف])|(?<=^[وف])|(?<!\w))"


def phrase_re(phrases, *, before: str = NOT_INSIDE_A_WORD, after: str = r"(?!\w)") -> re.Pattern:
    """One regex matching any of the (folded) phrases, the longest first; spaces match any spacing."""
    alternatives = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in p.split(" ")) for p in alternatives)
    return re.compile(f"{before}(?:{body}){after}")


# Months: folded name -> number, and the names that are ordinary words too.
MONTHS: dict[str, int] = {}
for _module in LANGUAGES:
    for _name, _number in _module.MONTHS.items():
        MONTHS[fold_word(_name)] = _number
MONTHS_ALSO_WORDS = union("MONTHS_ALSO_WORDS")
WEEKDAYS = union("WEEKDAYS")
KU_MONTH_ENDINGS = folded(words_ku.MONTH_ENDINGS)
KU_NUMBER_ENDINGS = folded(words_ku.NUMBER_ENDINGS)

RANGE_CONNECTORS = union("RANGE_CONNECTORS")
START_WORDS = union("START_WORDS")
END_WORDS = union("END_WORDS")
NOT_PERIOD_WORDS = union("NOT_PERIOD_WORDS")
NOT_PERIOD_JUST_BEFORE = union("NOT_PERIOD_JUST_BEFORE")
ANNOUNCEMENT = union("ANNOUNCEMENT")
PLANNED = union("PLANNED")

PEOPLE: dict[str, str | None] = {}
for _module in LANGUAGES:
    for _name, _field in _module.PEOPLE.items():
        PEOPLE[fold_word(_name)] = _field
FAMILIES = union("FAMILIES")
APPROXIMATE = union("APPROXIMATE")
APPROXIMATE_AFTER = union("APPROXIMATE_AFTER")
TOTAL = union("TOTAL")
SUBSET = union("SUBSET")
CONTEXT_POPULATION = union("CONTEXT_POPULATION")
TARGET = union("TARGET")
PEOPLE_LABELS = union("PEOPLE_LABELS")
NUMBER_OF = tuple(re.compile(module.NUMBER_OF) for module in LANGUAGES)

MEASURES = union("MEASURES")
AREAS = union("AREAS")
MONEY = union("MONEY")
TIMES = union("TIMES")
LOCATIONS = union("LOCATIONS")
NOT_QUANTITY_BEFORE = union("NOT_QUANTITY_BEFORE")
NOT_QUANTITY_AFTER = union("NOT_QUANTITY_AFTER")
PER_EACH = union("PER_EACH")
UNIT_STOPS = union("UNIT_STOPS")
DELIVERED = union("DELIVERED")
PROJECT = union("PROJECT")
PROJECT_NOUNS = union("PROJECT_NOUNS")

PLACE_BEFORE = union("PLACE_BEFORE")
PLACE_KINDS = union("PLACE_KINDS")
PLACE_NEAR = union("PLACE_NEAR")
PLACE_CONTAINERS = union("PLACE_CONTAINERS")
PLACE_DIRECTIONS = union("PLACE_DIRECTIONS")
PLACE_GENERIC = folded(words_en.PLACE_GENERIC)
ORIGIN = union("ORIGIN")
PLACE_LABELS = union("PLACE_LABELS")
PLACE_STOPS = union("PLACE_STOPS")
NOT_PLACE_BEFORE = union("NOT_PLACE_BEFORE")
NOT_PLACES = union("NOT_PLACES")
DEMONYMS = union("DEMONYMS")
ARABIC_PREFIXES = folded(words_ar.PREFIXES)
TITLE_PREFIXES = union("TITLE_PREFIXES")

SECTOR_WORDS = {
    slug: tuple(word for words in LANGUAGES for word in words.SECTORS.get(slug, ())) for slug in words_en.SECTORS
}
