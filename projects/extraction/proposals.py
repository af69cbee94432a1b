"""One proposal per paragraph that describes a project: its period, people, outputs, places, suggested
sectors and a short title, each value with where it came from in the text."""

import datetime
import re
from dataclasses import dataclass, field

from core.text import normalise
from places.selectors import name_index
from projects.extraction import counts, dates
from projects.extraction import places as place_names
from projects.extraction.spans import Found, Span
from projects.extraction.words import PROJECT, SECTOR_WORDS

MAX_TEXT = 200_000  # characters; a longer paste is refused before any work


@dataclass
class Proposal:
    start: int
    end: int
    text: str
    language: str
    fields: dict[str, Found] = field(default_factory=dict)
    outputs: list[dict] = field(default_factory=list)
    places: list[Found] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    sectors: list[tuple[str, Found]] = field(default_factory=list)

    def values(self) -> dict:
        """Plain values for validation and for saving."""
        values = {name: found.value for name, found in self.fields.items()}
        values["places"] = [f.value for f in self.places]
        values["sectors"] = [slug for slug, _found in self.sectors]
        return values

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "language": self.language,
            "fields": {k: v.as_dict() for k, v in self.fields.items()},
            "outputs": self.outputs,
            "places": [
                {"pcode": f.value.pcode, "name": f.value.name_en or f.value.name_ar, **f.as_dict(), "value": f.value.pk}
                for f in self.places
            ],
            "sectors": [{"slug": slug, **found.as_dict()} for slug, found in self.sectors],
            "flags": self.flags,
        }


def extract(text: str, *, today: datetime.date | None = None) -> list[Proposal]:
    """One proposal per paragraph that describes a project (a period, or a count in a project's words)."""
    if len(text) > MAX_TEXT:
        raise ValueError("text too long")
    today = today or datetime.date.today()
    index = name_index()
    proposals = []
    for m in re.finditer(r"[^\n]+", text):  # one paragraph per line, as web pages and documents paste
        paragraph = m.group(0)
        if not paragraph.strip():
            continue
        span = Span(paragraph, m.start())
        found_dates = dates.find_dates(span)
        numbers = counts.numbers(span, found_dates)
        people = counts.people(span, numbers) + counts.number_of(span, numbers)
        about_a_project = bool(PROJECT.search(paragraph))
        if not (len(found_dates) >= 2 or (found_dates or people) and about_a_project):
            continue
        arabic = len(re.findall("[\u0600-\u06ff]", paragraph))
        proposal = Proposal(m.start(), m.end(), paragraph, "ar" if arabic > len(paragraph) / 4 else "en")
        period, date_flags = dates.period(span, found_dates, today)
        proposal.fields.update(period)
        proposal.flags.extend(date_flags)
        proposal.fields.update(counts.people_fields(people, text))
        used = {a for _name, _found, _targeted, a in people}
        proposal.outputs = counts.outputs(span, numbers, used)
        proposal.sectors = _sectors(span)
        proposal.places, place_flags = place_names.places(span, index)
        proposal.flags.extend(place_flags)
        title, at, length = _title(paragraph, found_dates, span)
        proposal.fields["title_" + proposal.language] = Found(
            title, m.start() + at, m.start() + at + length, paragraph[at : at + length]
        )
        proposal.fields["description_" + proposal.language] = Found(paragraph.strip(), m.start(), m.end(), paragraph)
        proposals.append(proposal)
    return proposals


def _sectors(span: Span) -> list[tuple[str, Found]]:
    """Suggestions from the coalition's own words for its sectors: the first word found for each."""
    found = []
    for slug, words in SECTOR_WORDS.items():
        for word in words:
            m = re.search(r"(?<!\w)" + re.escape(normalise(word)), span.folded)
            if m:
                found.append((slug, span.found(slug, m.start(), m.end())))
                break
    return found


def _title(paragraph: str, found_dates, span: Span) -> tuple[str, int, int]:
    """A short title: the paragraph without its opening period clause ("The project was implemented
    between ... and ..."), cut at a word boundary."""
    at = 0
    first = re.match(r"[^.!?؟]*[.!?؟]\s+", paragraph)
    if (
        found_dates
        and first
        and span.where[found_dates[-1 if len(found_dates) < 2 else 1][1] - 1] < first.end()
        and len(paragraph) > first.end()
    ):
        at = first.end()
    elif len(found_dates) >= 2:
        at = span.where[found_dates[1][1] - 1] + 1
    rest = paragraph[at:].lstrip(" ,.،")
    at = len(paragraph) - len(rest)
    sentence = re.split(r"(?<=[.!?؟])\s", rest)[0].rstrip()
    if len(sentence) > 120:
        sentence = sentence[:120].rsplit(" ", 1)[0]
        return sentence + "…", at, len(sentence)
    return sentence, at, len(sentence)
