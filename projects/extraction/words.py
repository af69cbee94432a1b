"""The words of every language together, as the parsers use them (English, then Arabic, then Kurmanji:
where two phrases could match, the order decides which)."""

import re

from projects.extraction import words_ar, words_en, words_ku

LANGUAGES = (words_en, words_ar, words_ku)

LATIN_MONTHS = {**words_en.MONTHS, **words_ku.MONTHS}
MONTHS = {**LATIN_MONTHS, **words_ar.MONTHS}

PEOPLE = {phrase: field for words in LANGUAGES for phrase, field in words.PEOPLE.items()}
PEOPLE_TOTAL = tuple(phrase for words in LANGUAGES for phrase in words.PEOPLE_TOTAL)
UNITS = (*words_en.UNITS, *words_ar.UNITS)
STOP_NOUNS = {*words_en.STOP_NOUNS, *words_ar.STOP_NOUNS}
NUMBER_OF = (words_en.NUMBER_OF, words_ar.NUMBER_OF)


def _any_of(phrases, flags=0) -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in phrases), flags)


TARGET = _any_of(p for words in LANGUAGES for p in words.TARGET)
PLANNED = _any_of(p for words in LANGUAGES for p in words.PLANNED)
PROJECT = _any_of((p for words in LANGUAGES for p in words.PROJECT), re.IGNORECASE)

# Capitalised words that look like places but are not: a few words, and the months' names.
NOT_PLACES = {*words_en.NOT_PLACES, *(m for m in LATIN_MONTHS if len(m) > 3)}

SECTOR_WORDS = {
    slug: tuple(word for words in LANGUAGES for word in words.SECTORS.get(slug, ())) for slug in words_en.SECTORS
}
