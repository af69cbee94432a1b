"""Read projects out of pasted text (English, Arabic, Kurmanji): periods, people reached, outputs and
places. Nothing is decided here: every value carries where it came from in the text, and whatever
cannot be read cleanly (an invalid date, a place not in the gazetteer) is flagged, never fixed.

The package: `words_*` hold each language's words, `spans` maps what is found back to the text, and
`dates`, `counts`, `places` and `proposals` read one concept each. Callers use what is exported here."""

from projects.extraction.dates import find_dates
from projects.extraction.proposals import MAX_TEXT, Proposal, extract
from projects.extraction.spans import Found
from projects.extraction.words import SECTOR_WORDS

__all__ = ["MAX_TEXT", "SECTOR_WORDS", "Found", "Proposal", "extract", "find_dates"]
