"""Read projects out of pasted text (Arabic, English, Kurmanji): how many projects it describes, and for
each its title, period, people reached, places and outputs. Nothing is decided here: every value carries
where it came from in the text, and whatever cannot be read cleanly (an impossible date, an approximate
count, a place the gazetteer does not know) is flagged, never fixed. docs/extraction.md describes it.

The package: `words_*` hold each language's words (`words` folds them together), `spans` maps what is
found back to the text, `segments` cuts the text into projects, `dates`, `numbers`, `counts` and `places`
read one thing each, `proposals` puts them together and `evaluation` scores them against annotated texts."""

from projects.extraction.proposals import MAX_TEXT, Proposal, extract
from projects.extraction.spans import Found
from projects.extraction.words import SECTOR_WORDS

__all__ = ["MAX_TEXT", "SECTOR_WORDS", "Found", "Proposal", "extract"]
