"""Proposals: one per project a pasted text describes, with its title, period, people reached, places,
outputs and suggested sectors, each value with where it came from in the text, and the problems found
while reading (an impossible date, an approximate count, a period without a year, no period at all)."""

import datetime
import re
from dataclasses import dataclass, field

from core.text import normalise
from places.models import Place
from places.selectors import NameIndex, name_index
from projects.extraction import counts as counting
from projects.extraction import dates, numbers, segments
from projects.extraction import places as place_reading
from projects.extraction.spans import Found, Text
from projects.extraction.words import PROJECT_NOUNS, SECTOR_WORDS, TITLE_PREFIXES, phrase_re

# Characters; a longer paste is refused before any work. A megabyte of English text, half of one in Arabic.
MAX_TEXT = 1_000_000

_TITLE_PREFIX = phrase_re(TITLE_PREFIXES, before=r"^\s*", after=r"\s*:\s*")
_NUMBERING = re.compile(
    r"^\s*(?:\d{1,2}\s*[-.)]|[a-z]\)|(?:أولاً|ثانياً|ثالثاً|رابعاً|خامساً|أولا|ثانيا|ثالثا|رابعا|خامسا)\s*[:\-–])\s*"
)
_QUOTED = re.compile(r"[«“\"„]([^«»“”\"\n]{3,150})[»”\"“]")
_PROJECT_NOUN_BEFORE = phrase_re(PROJECT_NOUNS, after=r"\s*$")
_KURMANJI = re.compile(r"[êîûşçÊÎÛŞÇ]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_KURMANJI_WORDS = re.compile(
    r"(?<!\w)(?:û|li|ji|bi|di|ku|ya|yên|hat|hatin|bûn|bû|ji bo|kirin|me|de)(?!\w)", re.IGNORECASE
)
_ENGLISH_WORDS = re.compile(r"(?<!\w)(?:the|and|of|to|in|was|were|with|for|by|from|on)(?!\w)", re.IGNORECASE)
# The JSON names of the model's fields, in the problems `extract_projects` prints.
JSON_FIELDS = {
    "actual_start": "start_date",
    "planned_start": "start_date",
    "actual_end": "end_date",
    "planned_end": "end_date",
    "reached_total": "people_reached",
    "targeted_total": "people_reached",
}


def language_of(text: str) -> str:
    """ar, ku or en: the script, then the small words of each Latin-script language."""
    arabic = len(re.findall("[\u0600-\u06ff]", text))
    latin = len(re.findall("[A-Za-zÀ-ɏ]", text))
    if arabic > latin:
        return "ar"
    kurmanji = len(_KURMANJI.findall(text)) + 2 * len(_KURMANJI_WORDS.findall(text))
    english = 2 * len(_ENGLISH_WORDS.findall(text))
    return "ku" if kurmanji > english else "en"


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
    # How the period and the people were read, for the stable JSON output (docs/extraction.md).
    start_date: dict = field(default_factory=dict)
    end_date: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    place_list: list[dict] = field(default_factory=list)

    @property
    def title(self) -> str:
        found = self.fields.get(f"title_{self.language}")
        return found.value if found else ""

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

    def as_json(self, problems: list) -> dict:
        """The stable output of `manage.py extract_projects` (docs/extraction.md)."""
        status = self.fields.get("status")
        return {
            "title": self.title,
            "language": self.language,
            "block": {"start": self.start, "end": self.end},
            "start_date": self.start_date,
            "end_date": self.end_date,
            "status": status.value if status else None,
            "people_reached": self.people,
            "places": self.place_list,
            "outputs": [{k: o[k] for k in ("quantity", "unit", "text", "start", "end")} for o in self.outputs],
            "sectors": [slug for slug, _found in self.sectors],
            "problems": [
                {
                    "code": p.code,
                    "field": JSON_FIELDS.get(p.field, p.field),
                    "message": str(p.message),
                    "blocking": p.blocking,
                }
                for p in problems
            ],
        }


def _lines(text: Text) -> list[tuple[int, int, str]]:
    found = []
    for m in re.finditer(r"[^\n]+", text.folded):
        a = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        b = m.start() + len(m.group(0).rstrip())
        if b > a:
            found.append((a, b, text.span(a, b)[2]))
    return found


def _spread(items, lines, key_start):
    """Items (sorted by where they start) given to the line they start in."""
    out = [[] for _ in lines]
    i = 0
    for item in items:
        at = key_start(item)
        while i < len(lines) and lines[i].b <= at:
            i += 1
        if i < len(lines) and lines[i].a <= at < lines[i].b:
            out[i].append(item)
    return out


def extract(text: str, *, today: datetime.date | None = None, index: NameIndex | None = None) -> list[Proposal]:
    """The projects a pasted text describes, one proposal each, in reading order."""
    if len(text) > MAX_TEXT:
        raise ValueError("text too long")
    today = today or datetime.date.today()
    index = index or name_index()
    pasted = Text(text)
    folded = pasted.folded
    language = language_of(text[:20_000])
    mentions = dates.find_mentions(folded)
    if language == "en":
        dates.read_month_first(mentions)
    dates.assign_roles(folded, mentions)
    found_numbers = numbers.find_numbers(
        folded, 0, len(folded), english=language == "en", taken=[(m.start, m.end) for m in mentions]
    )
    lines = segments.classify(folded, _lines(pasted))
    for line, line_mentions in zip(lines, _spread(mentions, lines, lambda m: m.start), strict=True):
        line.mentions = line_mentions
    reader = place_reading.Reader(pasted, place_reading.gazetteer(index))
    for line, line_numbers in zip(lines, _spread(found_numbers, lines, lambda n: n.start), strict=True):
        head_first = language != "en" or bool(re.search("[\u0600-\u06ff]", line.text))
        line.places_label = bool(place_reading._LABEL.match(folded, line.a, line.b))
        line.counts, line.outputs = counting.read(
            folded, line.a, line.b, line_numbers, head_first=head_first, place_line=line.places_label
        )
    proposals = []
    for block in segments.blocks(folded, lines):
        proposals.append(_proposal(pasted, block, reader, index, today, language))
    return proposals


def _block_language(text: str, text_language: str) -> str:
    """A block's language: Arabic by its script; otherwise the text's Latin language, read again only in
    a text that mixes Arabic with another language (003 has English and Arabic paragraphs)."""
    sample = text[:400]
    arabic = len(_ARABIC_LETTER.findall(sample))
    if arabic * 2 > len(sample.replace(" ", "")):
        return "ar"
    return language_of(sample) if text_language == "ar" else text_language


def _proposal(pasted: Text, block: segments.Block, reader, index: NameIndex, today, text_language: str) -> Proposal:
    start, end, text = pasted.span(block.a, block.b)
    language = _block_language(text, text_language)
    proposal = Proposal(start, end, text, language)
    _period(proposal, pasted, block, today)
    _people(proposal, pasted, block)
    _outputs(proposal, pasted, block)
    _places(proposal, pasted, block, reader, index)
    proposal.sectors = _sectors(pasted, block)
    title = _title(pasted, block)
    proposal.fields["title_" + language] = title
    proposal.fields["description_" + language] = Found(text.strip(), start, end, text)
    return proposal


def _date_slot(pasted: Text, mention, value, precision) -> dict:
    if mention is None:
        return {"value": None, "precision": None, "text": "", "start": None, "end": None}
    start, end, written = pasted.span(mention.start, mention.end)
    return {
        "value": value.isoformat() if value else None,
        "precision": precision if value else None,
        "text": written,
        "start": start,
        "end": end,
    }


def _table_period(pasted: Text, block: segments.Block):
    """A table row's period, from the columns its header names Start and End (or From and To)."""
    row = block.lines[0]
    cells = segments.cells(pasted.folded, row)
    header = block.header or []
    starts = [i for i, h in enumerate(header) if re.search(r"start|from|begin|بدء|البدايه|من|destpek", h)]
    ends = [i for i, h in enumerate(header) if re.search(r"end|to|until|finish|انتهاء|النهايه|الى|dawi", h)]

    def in_cell(i):
        if i >= len(cells):
            return None
        a, b = cells[i]
        return next((m for m in row.mentions if a <= m.start < b), None)

    a = next((m for m in (in_cell(i) for i in starts) if m), None)
    b = next((m for m in (in_cell(i) for i in ends) if m), None)
    if a is None and b is None:
        return dates.period(pasted.folded, [m for line in block.lines for m in line.mentions])
    result = dates.Period(start=a, end=b)
    result.start_value = a.first_day() if a else None
    result.end_value = b.last_day() if b else None
    return result


def _period(proposal: Proposal, pasted: Text, block: segments.Block, today: datetime.date):
    folded = pasted.folded
    if block.header:
        found = _table_period(pasted, block)
    else:
        mentions = [m for line in block.lines for m in line.mentions]
        if not any(m.role != "not" for m in mentions) and block.heading is not None:
            mentions = block.heading.mentions + mentions
        found = dates.period(folded, mentions)
    a, b = found.start, found.end
    start_value, end_value = found.start_value, found.end_value
    future = start_value is not None and start_value > today
    start_field = "planned_start" if future else "actual_start"
    end_planned = future or (end_value is not None and (end_value > today or found.planned_end))
    if start_value and end_value and end_value < start_value and start_value <= today:
        end_planned = False  # both ends as written, in one pair, so the reversed period is flagged
    end_field = "planned_end" if end_planned else "actual_end"
    proposal.start_date = _date_slot(pasted, a, start_value, a.precision if a else None)
    proposal.end_date = _date_slot(pasted, b, end_value, b.precision if b else None)
    if found.ambiguous:
        written = " … ".join(pasted.span(m.start, m.end)[2] for m in (a, b) if m is not None)
        at = a or b
        proposal.flags.append(
            {
                "field": "actual_start",
                "code": "ambiguous_date",
                "text": written,
                "blocking": True,
                "start": pasted.span(at.start, at.end)[0],
                "end": pasted.span(at.start, at.end)[1],
            }
        )
        return
    for mention, value, name in ((a, start_value, start_field), (b, end_value, end_field)):
        if mention is None:
            continue
        span = pasted.span(mention.start, mention.end)
        if mention.invalid:
            proposal.flags.append(
                {
                    "field": name,
                    "code": "invalid_date",
                    "text": span[2],
                    "blocking": True,
                    "start": span[0],
                    "end": span[1],
                }
            )
        elif value is not None and not (mention is b and a is b and name == start_field):
            proposal.fields[name] = Found(value, *span)
    if a is None and b is None:
        proposal.flags.append({"field": "actual_start", "code": "no_period", "text": "", "blocking": False})
        return
    if start_value and start_value > today:
        proposal.fields["status"] = Found("planned", *pasted.span(a.start, a.end))
    elif "actual_end" in proposal.fields:
        ended = proposal.fields["actual_end"]
        proposal.fields["status"] = Found("completed", ended.start, ended.end, ended.text)
    elif a is not None or b is not None:
        at = a or b
        proposal.fields["status"] = Found("ongoing", *pasted.span(at.start, at.end))


def _people(proposal: Proposal, pasted: Text, block: segments.Block):
    folded = pasted.folded
    counts = [c for line in block.lines for c in line.counts]
    if block.header:
        counts += _table_people(pasted, block)
    if not any(not c.family for c in counts) and block.heading is not None:
        counts = block.heading.counts
    chosen = counting.choose_people(counts, folded)
    proposal.people = {
        "value": None,
        "approximate": False,
        "targeted": False,
        "text": "",
        "start": None,
        "end": None,
        "parts": [],
    }
    if chosen is None:
        return
    group, summed = chosen
    value = sum(c.number.value for c in group)
    value = int(value) if float(value).is_integer() else value
    first, last = group[0], group[-1]
    start, end, written = pasted.span(first.start, last.end)
    targeted = all(c.targeted for c in group)
    approximate = any(c.approximate for c in group)
    parts = group if summed else group[0].parts
    proposal.people = {
        "value": value,
        "approximate": approximate,
        "targeted": targeted,
        "text": written,
        "start": start,
        "end": end,
        "parts": [
            dict(zip(("start", "end", "text"), pasted.span(p.start, p.end), strict=True), value=p.number.value)
            for p in parts
        ],
    }
    name = "targeted_total" if targeted else "reached_total"
    proposal.fields[name] = Found(value, start, end, written)
    if not targeted:
        for field_name, field_value in counting.breakdown(counts, folded).items():
            proposal.fields[field_name] = Found(field_value, start, end, written)
    if approximate:
        proposal.flags.append(
            {"field": name, "code": "approximate_count", "text": written, "blocking": False, "start": start, "end": end}
        )


def _table_people(pasted: Text, block: segments.Block) -> list:
    """The number in a row's "People reached" (or Beneficiaries) column."""
    row = block.lines[0]
    if row.counts:
        return []
    cells = segments.cells(pasted.folded, row)
    columns = [
        i
        for i, h in enumerate(block.header or [])
        if re.search(r"people|beneficiar|reached|individuals|مستفيد|اشخاص|sudmend|kes", h)
    ]
    found = []
    for i in columns:
        if i < len(cells):
            a, b = cells[i]
            for n in numbers.find_numbers(pasted.folded, a, b):
                found.append(counting.Count(n, n.start, n.end))
                break
    return found


def _outputs(proposal: Proposal, pasted: Text, block: segments.Block):
    seen = set()
    for line in block.lines:
        for output in line.outputs:
            start, end, written = pasted.span(output.start, output.end)
            unit = pasted.span(output.unit_start, output.unit_end)[2]
            head = normalise(unit).split()[:1]
            key = (output.quantity, tuple(head))
            if key in seen:
                continue
            seen.add(key)
            proposal.outputs.append(
                {
                    "quantity": output.quantity,
                    "unit": unit,
                    "description": "",
                    "start": start,
                    "end": end,
                    "text": written,
                }
            )


def _places(proposal: Proposal, pasted: Text, block: segments.Block, reader, index: NameIndex):
    if block.header:
        found = _table_places(pasted, block, reader)
    else:
        found = place_reading.places_of_block(reader, block.a, block.b)
    for line in block.context:
        for extra in place_reading.places_of_block(reader, line.a, line.b):
            found.append(extra)
    unique: list = []
    for p in found:
        key = p.place.pk if p.place is not None else normalise(p.name)
        twin = next((q for q in unique if (q.place.pk if q.place is not None else normalise(q.name)) == key), None)
        if twin is None:
            unique.append(p)
        elif len(p.name) < len(twin.name):  # the shorter of two spellings, as annotators list it
            unique[unique.index(twin)] = p
    known = [p for p in unique if p.place is not None]
    for p in unique:
        start, end, written = pasted.span(p.a, p.b)
        if p.place is not None:
            proposal.places.append(Found(p.place, start, end, written))
            proposal.place_list.append(
                {
                    "pcode": p.place.pcode or None,
                    "name": p.place.name_en or p.place.name_ar,
                    "level": p.place.level,
                    "text": written,
                    "start": start,
                    "end": end,
                    "parent": None,
                }
            )
            continue
        parent = _likely_parent(p, known, index)
        proposal.place_list.append(
            {
                "pcode": None,
                "name": written,
                "level": Place.Level.COMMUNITY,
                "text": written,
                "start": start,
                "end": end,
                "parent": {"pcode": parent.pcode, "name": parent.name_en or parent.name_ar} if parent else None,
            }
        )
        proposal.flags.append(
            {
                "field": "places",
                "code": "place_not_found",
                "text": written,
                "blocking": False,
                "start": start,
                "end": end,
                "parent": parent.pcode if parent else "",
            }
        )


def _likely_parent(place, known, index: NameIndex) -> Place | None:
    """The sub-district a name the gazetteer does not know most likely belongs to: the nearest sub-district
    named with it, else the central sub-district of the nearest district named with it."""
    subs = [k for k in known if k.place.level >= Place.Level.SUB_DISTRICT]
    if subs:
        nearest = min(subs, key=lambda k: abs(k.a - place.a)).place
        return nearest if nearest.level == Place.Level.SUB_DISTRICT else index.by_pcode.get((nearest.pcode or "")[:-2])
    districts = [k for k in known if k.place.level == Place.Level.DISTRICT]
    if districts:
        district = min(districts, key=lambda k: abs(k.a - place.a)).place
        return index.by_pcode.get(f"{district.pcode}00") if district.pcode else None
    return None


def _table_places(pasted: Text, block: segments.Block, reader) -> list:
    row = block.lines[0]
    cells = segments.cells(pasted.folded, row)
    columns = [
        i
        for i, h in enumerate(block.header or [])
        if re.search(r"governorate|district|location|place|community|site|area|محافظ|منطق|موقع|مكان|cih|der", h)
    ]
    found = []
    for i in columns:
        if i >= len(cells):
            continue
        a, b = cells[i]
        known = reader.known(a, b)
        found += known
        covered = [(p.a, p.b) for p in known]
        for item in reader._items(a, b, from_label=True):
            if not any(x < item.b and item.a < y for x, y in covered):
                found.append(item)
    return found


# One pattern a sector, its words in the order given: the earliest in the text is the one shown.
_SECTORS = {
    slug: [re.compile(r"(?<!\w)(?:" + "|".join(re.escape(normalise(word)) for word in words) + ")")]
    for slug, words in SECTOR_WORDS.items()
}


def _sectors(pasted: Text, block: segments.Block) -> list[tuple[str, Found]]:
    """Suggestions from the coalition's own words for its sectors: the first word found for each."""
    folded = pasted.folded
    found = []
    for slug, patterns in _SECTORS.items():
        for pattern in patterns:
            m = pattern.search(folded, block.a, block.b)
            if m:
                found.append((slug, pasted.found(slug, m.start(), m.end())))
                break
    return found


def _title(pasted: Text, block: segments.Block) -> Found:
    """The block's heading or the project's quoted name; else its first sentence after the period clause."""
    first = block.lines[0]
    if block.header:
        cells = segments.cells(pasted.folded, first)
        columns = [
            i
            for i, h in enumerate(block.header)
            if re.search(r"activity|project|title|intervention|نشاط|مشروع|calaki|proje", h)
        ]
        for i in columns:
            if i < len(cells) and cells[i][1] > cells[i][0]:
                return pasted.found(pasted.span(*cells[i])[2], *cells[i])
    first_text = pasted.span(first.a, first.b)
    label = re.match(r"\s*([^:\n]{3,80}?)\s*:", first_text[2])
    if label and (
        _QUOTED.search(label.group(1)) or _PROJECT_NOUN_BEFORE.search(normalise(label.group(1).split()[0]) + " ")
    ):
        key = label.group(1)
        at = first_text[0] + first_text[2].index(key)
        return Found(key, at, at + len(key), key)
    block_start, block_end, block_text = pasted.span(block.a, block.b)
    heading = None
    if block.heading is not None:
        h_start, h_end, h_text = pasted.span(block.heading.a, block.heading.b)
        numbering = _NUMBERING.match(h_text)
        if numbering:  # "1. Title", "أولاً: ..."
            h_start, h_text = h_start + numbering.end(), h_text[numbering.end() :]
        elif _TITLE_PREFIX.match(h_text.lower()):  # "Project update: water network ..."
            skip = h_text.index(":") + 1
            skip += len(h_text[skip:]) - len(h_text[skip:].lstrip())
            h_start, h_text = h_start + skip, h_text[skip:]
        heading = Found(h_text.strip(), h_start, h_start + len(h_text.rstrip()), h_text.rstrip())
    quoted = None
    for m in _QUOTED.finditer(block_text):
        words = m.group(1).split()
        if len(words) >= 2 or block.heading is None:
            q_start, q_end = m.start(1), m.end(1)
            before = block_text[max(0, m.start() - 20) : m.start()]
            noun = re.search(r"(\S+)\s*$", before)
            if noun and _PROJECT_NOUN_BEFORE.search(normalise(noun.group(1)) + " "):
                q_start = m.start() - (len(before) - noun.start(1))
                q_end = m.end()
            written = block_text[q_start:q_end]
            quoted = Found(written, block_start + q_start, block_start + q_end, written)
            break
    if heading is not None and (quoted is None or _QUOTED.search(heading.text) or len(quoted.text.split()) < 3):
        return heading
    if quoted is not None:
        return quoted
    if heading is not None:
        return heading
    return _first_sentence(pasted, block)


def _first_sentence(pasted: Text, block: segments.Block) -> Found:
    """The block's first sentence, without its opening period clause ("The project was implemented
    between ... and ..."), cut at a word boundary."""
    start, _end, text = pasted.span(block.a, block.lines[0].b)
    at = 0
    first = re.match(r"[^.!?؟]*[.!?؟]\s+", text)
    line = block.lines[0]
    if first and line.mentions and len(text) > first.end():
        last_date_end = (
            pasted.span(
                line.mentions[min(1, len(line.mentions) - 1)].start, line.mentions[min(1, len(line.mentions) - 1)].end
            )[1]
            - start
        )
        if last_date_end <= first.end():
            at = first.end()
    rest = text[at:].lstrip(" ,.،-–•*")
    at = len(text) - len(rest)
    sentence = re.split(r"(?<=[.!?؟])\s", rest)[0].rstrip()
    if len(sentence) > 120:
        sentence = sentence[:120].rsplit(" ", 1)[0] + "…"
        return Found(sentence, start + at, start + at + len(sentence) - 1, text[at : at + len(sentence) - 1])
    return Found(sentence, start + at, start + at + len(sentence), sentence)
