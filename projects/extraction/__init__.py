"""Read projects out of pasted text (English, Arabic, Kurmanji): periods, people reached, outputs and
places. Nothing is decided here: every value carries where it came from in the text, and whatever
cannot be read cleanly (an invalid date, a place not in the gazetteer) is flagged, never fixed."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from core.text import normalise

MAX_TEXT = 200_000  # characters; a longer paste is refused before any work


# --- folding: a lower-cased, accent-free copy of the text whose every character maps back -------------

_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "٬": ",", "٫": "."}
)
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")


def fold(text: str) -> tuple[str, list[int]]:
    """(folded text, index in the original text of each folded character)."""
    out, where = [], []
    for i, ch in enumerate(text):
        if _DROP.match(ch):
            continue
        ch = _DIGITS.get(ch, ch)
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)) or ch
        base = unicodedata.normalize("NFC", base).translate(_FOLD).lower()
        if ch in "،؛":
            base = ","
        for c in base:
            out.append(c)
            where.append(i)
    return "".join(out), where


@dataclass
class Found:
    value: object
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        value = self.value.isoformat() if isinstance(self.value, datetime.date) else self.value
        return {"value": value, "start": self.start, "end": self.end, "text": self.text}


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


class _Span:
    """Maps spans of the folded text back to the original."""

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


# --- dates -------------------------------------------------------------------------------------------

_MONTHS = {
    # English
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    # Kurmanji
    "rebendan": 1,
    "resemi": 2,
    "adar": 3,
    "nisan": 4,
    "gulan": 5,
    "heziran": 6,
    "tirmeh": 7,
    "tebax": 8,
    "ilon": 9,
    "cotmeh": 10,
    "mijdar": 11,
    "berfanbar": 12,
}
_ARABIC_MONTHS = {
    # Syrian (Levantine) names first: they are the ones written here.
    "كانون الثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الاول": 12,
    # Standard (Egyptian-style) names
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
_MONTH_WORD = "|".join(sorted((re.escape(m) for m in [*_MONTHS, *_ARABIC_MONTHS]), key=len, reverse=True))
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,4})\s?([/\-.])\s?(\d{1,2})\s?\2\s?(\d{1,4})(?![\d/\-])")
_NAMED_DATE = re.compile(
    rf"(?<!\w)(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?({_MONTH_WORD})\.?,?\s+(?:(\d{{1,2}}),?\s+)?(\d{{4}})(?!\d)"
)


def _numeric(groups) -> tuple[datetime.date | None, str]:
    a, sep, b, c = groups
    if len(a) == 4:  # 2021/10/19: year first, then month and day
        year, month, day = int(a), int(b), int(c)
    else:  # the regional convention: day/month/year
        day, month, year = int(a), int(b), int(c)
        if len(c) == 2:
            year += 2000
    try:
        return datetime.date(year, month, day), ""
    except ValueError:
        return None, "invalid"


def find_dates(span: _Span) -> list[tuple[int, int, datetime.date | None]]:
    found = []
    for m in _NUMERIC_DATE.finditer(span.folded):
        value, _err = _numeric(m.groups())
        found.append((m.start(), m.end(), value))
    for m in _NAMED_DATE.finditer(span.folded):
        if any(a <= m.start() < b for a, b, _v in found):
            continue
        day = int(m.group(1) or m.group(3) or 1)
        month = _MONTHS.get(m.group(2)) or _ARABIC_MONTHS.get(m.group(2))
        try:
            value = datetime.date(int(m.group(4)), month, day)
        except ValueError:
            value = None
        found.append((m.start(), m.end(), value))
    return sorted(found, key=lambda d: d[0])


# --- numbers, people and outputs ---------------------------------------------------------------------

# A number, but not a list marker ("1- Education", "2) ...") nor part of a date.
_NUMBER = re.compile(r"(?<![\w.,/\-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d/])(?!\s?-\s|\))")
_PEOPLE = {
    "women": "reached_women",
    "woman": "reached_women",
    "girls": "reached_girls",
    "boys": "reached_boys",
    "men": "reached_men",
    "young men": "reached_men",
    "young women": "reached_women",
    "نساء": "reached_women",
    "امراه": "reached_women",
    "سيدات": "reached_women",
    "رجال": "reached_men",
    "فتيات": "reached_girls",
    "فتيان": "reached_boys",
    "jin": "reached_women",
    "mer": "reached_men",
}
_PEOPLE_TOTAL = (
    "people",
    "persons",
    "person",
    "beneficiaries",
    "beneficiary",
    "individuals",
    "students",
    "pupils",
    "children",
    "young people",
    "youth",
    "farmers",
    "participants",
    "trainees",
    "residents",
    "مستفيد",
    "مستفيدا",
    "مستفيدين",
    "مستفيده",
    "مستفيدات",
    "شخص",
    "شخصا",
    "اشخاص",
    "طفل",
    "طفلا",
    "اطفال",
    "طالب",
    "طالبا",
    "طلاب",
    "شاب",
    "شابا",
    "شباب",
    "مزارع",
    "مزارعا",
    "مزارعين",
    "مزارعي",
    "متدرب",
    "متدربا",
    "متدربين",
    "kes",
    "zarok",
    "xwendekar",
    "sûdmend",
    "sudmend",
)
_TARGET_WORDS = re.compile(r"target|استهدف|يستهدف|مستهدف|armanc")
_UNITS = (
    "cubic meters",
    "cubic metres",
    "square meters",
    "square metres",
    "kilometers",
    "kilometres",
    "km",
    "meters",
    "metres",
    "kilograms",
    "kg",
    "tons",
    "tonnes",
    "dunams",
    "donums",
    "hectares",
    "liters",
    "litres",
    "inches",
    "inch",
    "متر مكعب",
    "مترا مكعبا",
    "كيلومتر",
    "كم",
    "متر",
    "مترا",
    "امتار",
    "كيلوغرام",
    "كغ",
    "طن",
    "دونم",
    "دونما",
    "لتر",
    "انش",
)
_UNIT_RE = re.compile(r"\s*(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")(?!\w)")
_NOUN = re.compile(r"[\s-]*([^\W\d_]+(?:[\s-][^\W\d_]+){0,2})")
# Words that end a unit ("2 culverts on main roads" -> "culverts") or show the number is not an output.
_STOP_NOUNS = {
    "and",
    "or",
    "to",
    "from",
    "of",
    "in",
    "on",
    "at",
    "across",
    "with",
    "by",
    "for",
    "were",
    "was",
    "are",
    "is",
    "the",
    "a",
    "which",
    "that",
    "years",
    "year",
    "days",
    "months",
    "weeks",
    "phases",
    "groups",
    "times",
    "و",
    "في",
    "من",
    "الى",
    "على",
    "عام",
    "سنه",
    "سنوات",
    "ايام",
    "اشهر",
    "هي",
}


def _people(span: _Span, number_spans):
    """People counts: (field, Found, is a target rather than reached, where the number starts)."""
    counts = []
    for a, b, value in number_spans:
        rest = span.folded[b : b + 40]
        for phrase in sorted([*_PEOPLE, *_PEOPLE_TOTAL], key=len, reverse=True):
            m = re.match(r"\s+(?:\w+\s+){0,1}?" + re.escape(normalise(phrase)) + r"(?!\w)", rest)
            if m:
                name = _PEOPLE.get(phrase, "reached_total")
                before = span.folded[max(0, a - 60) : a]
                counts.append((name, span.found(int(value), a, b + m.end()), bool(_TARGET_WORDS.search(before)), a))
                break
    return counts


_NUMBER_OF = re.compile(r"number of (\w+(?: \w+)?)\b[^.]{0,60}?\b(?:was|were|is|reached|totall?ed)\s+$")
_NUMBER_OF_AR = re.compile(r"عدد (?:ال)?(\w+)[^.]{0,60}?(?:بلغ|وصل الى|هو)\s*$")


def _number_of(span: _Span, number_spans):
    """ "The number of students benefiting from this project was 42,045" and its Arabic form."""
    counts = []
    for a, b, value in number_spans:
        before = span.folded[max(0, a - 100) : a]
        m = _NUMBER_OF.search(before) or _NUMBER_OF_AR.search(before)
        if m and any(m.group(1).startswith(normalise(p)) for p in _PEOPLE_TOTAL):
            counts.append(("reached_total", span.found(int(value), a - len(before) + m.start(), b), False, a))
    return counts


def _outputs(span: _Span, number_spans, used: set[int]) -> list[dict]:
    outputs = []
    for a, b, value in number_spans:
        if a in used:
            continue
        unit_match = _UNIT_RE.match(span.folded, b)
        if unit_match:
            unit = unit_match.group(1)
            end = unit_match.end()
        else:
            noun = _NOUN.match(span.folded, b)
            if not noun:
                continue
            words = []
            for word in re.split(r"[\s-]+", noun.group(1).strip()):
                if not word or word in _STOP_NOUNS:
                    break
                words.append(word)
            if not words:
                continue
            unit = " ".join(words)
            end = span.folded.index(words[-1], b) + len(words[-1])
        description_end = end + re.match(r"(?:[ \t]*[^\s\d.,;:،]+){0,6}", span.folded[end:]).end()
        start, stop, text = span.original(a, description_end)
        outputs.append(
            {
                "quantity": value,
                "unit": span.original(end - len(unit), end)[2].strip(),
                "description": span.original(end, description_end)[2].strip() if description_end > end else "",
                "start": start,
                "end": stop,
                "text": text,
            }
        )
    return outputs


# --- places ------------------------------------------------------------------------------------------

# Conjunctions and prepositions written onto Arabic words: و ف then ب ل ال بال لل (وبالرقة، ولهجين).
_AR_PREFIX = "[وف]?(?:بال|لل|ال|ب|ل)?"


@lru_cache(maxsize=1)
def _gazetteer(version: tuple):
    from places.models import Place

    names: dict[str, object] = {}
    for place in Place.objects.only("pk", "pcode", "level", "name_en", "name_ar", "aliases"):
        for name in [place.name_en, place.name_ar, *place.aliases.splitlines()]:
            key = normalise(name)
            if len(key) < 3 or key.isdigit():
                continue
            # Prefer the finer place for a shared name (Hajin sub-district over Hajin town centre).
            current = names.get(key)
            if current is None or place.level > current.level:
                names[key] = place
    ordered = sorted(names, key=len, reverse=True)
    arabic = [n for n in ordered if re.search("[\u0600-\u06ff]", n)]
    latin = [n for n in ordered if n not in arabic]
    latin_re = re.compile(r"(?<!\w)(?:al[- ])?(" + _alternatives(latin) + r")(?!\w)") if latin else None
    arabic_re = re.compile(r"(?<!\w)" + _AR_PREFIX + "(" + _alternatives(arabic) + r")(?!\w)") if arabic else None
    return names, latin_re, arabic_re


def _alternatives(keys) -> str:
    """Names as one regex; a space in a name matches spaces or hyphens in the text (Deir ez-Zor)."""
    return "|".join(r"[\s\-]+".join(re.escape(word) for word in key.split(" ")) for key in keys)


def gazetteer_version() -> tuple:
    """Changes whenever places are added or replaced, so the compiled name index is rebuilt."""
    from django.db.models import Count, Max

    from places.models import Place

    return tuple(Place.objects.aggregate(n=Count("pk"), last=Max("pk")).values())


_PLACE_CANDIDATES_EN = re.compile(
    r"(?:\bin|\bof|\bareas? of|villages? of|towns? of|cit(?:y|ies) of)\s+(?:the\s+)?"
    r"((?:(?:Al|Ath|Ar|As|Ad|Ash|Abu|Deir|Tell|Ain|Ras)[-\s])?[A-Z][\w'-]+(?:(?:,\s*|\s+and\s+|\s*,\s*and\s+)"
    r"(?:(?:Al|Ath|Ar|As|Ad|Ash|Abu|Deir|Tell|Ain|Ras)[-\s])?[A-Z][\w'-]+)*)"
)
# Folded spelling: قرية -> قريه, قرى -> قري; the Arabic comma folds to ",".
_PLACE_CANDIDATES_AR = re.compile(
    r"(?:قريه|قري,?\s*هي|بلده|مدينه|منطقه|ناحيه)\s+((?:[^\s,.]+(?:\s+(?=و)|,\s*)?){1,12})"
)
_NOT_PLACES = {"syria", "the", "project", "coalition", "deir", "north", "east", *(m for m in _MONTHS if len(m) > 3)}


def _places(span: _Span, version: tuple) -> tuple[list[Found], list[dict]]:
    names, latin_re, arabic_re = _gazetteer(version)
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
        if key in _NOT_PLACES or key in names or len(key) < 3:
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


def _candidates(span: _Span):
    for m in _PLACE_CANDIDATES_EN.finditer(span.text):
        group_start = m.start(1)
        for part in re.finditer(r"(?:(?:Al|Ath|Ar|As|Ad|Ash|Abu|Deir|Tell|Ain|Ras)[-\s])?[A-Z][\w'-]+", m.group(1)):
            # back to folded coordinates: the English text folds one character to one
            yield part.group(0).lower(), _folded_index(span, group_start + part.start())
    for m in _PLACE_CANDIDATES_AR.finditer(span.folded):
        for part in re.finditer(r"[^\s,،]+", m.group(1)):
            word = part.group(0)
            a = m.start(1) + part.start()
            if word.startswith("و") and len(word) > 3:
                word, a = word[1:], a + 1
            yield word, a


def _folded_index(span: _Span, original_index: int) -> int:
    for i, j in enumerate(span.where):
        if j >= original_index:
            return i
    return len(span.where) - 1


# --- sectors: suggestions from the coalition's own words for its sectors --------------------------------

SECTOR_WORDS = {
    "education-protection": (
        "school",
        "student",
        "teacher",
        "education",
        "psycholog",
        "child protection",
        "مدرس",
        "طلاب",
        "تعليم",
        "نفسي",
        "dibistan",
    ),
    "agriculture": ("farmer", "agricultur", "crop", "vegetable", "irrigation", "مزارع", "زراع", "cotin", "çandin"),
    "infrastructure": ("rubble", "debris", "demolish", "rehabilitat", "culvert", "road", "انقاض", "ترحيل", "تاهيل"),
    "water": ("water", "drinking", "pipe", "drain", "sewage", "مياه", "مياة", "شبكه", "av"),
    "livelihoods": ("vocational", "job market", "livelihood", "sewing", "income", "مهني", "سبل العيش", "debar"),
    "community-security": ("security", "stability", "dialogue", "peace", "امن", "استقرار", "حوار", "ewlehi"),
    "women": ("women", "نساء", "المراه", "jin"),
    "youth": ("young people", "youth", "شباب", "ciwan"),
}


def _sectors(span: _Span) -> list[tuple[str, Found]]:
    found = []
    for slug, words in SECTOR_WORDS.items():
        for word in words:
            m = re.search(r"(?<!\w)" + re.escape(normalise(word)), span.folded)
            if m:
                found.append((slug, span.found(slug, m.start(), m.end())))
                break
    return found


# --- paragraphs --------------------------------------------------------------------------------------

_PROJECT_WORDS = re.compile(r"project|activity|implemented|مشروع|المشروع|نشاط|تنفيذ|proje|çalakî", re.IGNORECASE)


def extract(text: str, *, today: datetime.date | None = None) -> list[Proposal]:
    """One proposal per paragraph that describes a project (a period, or a count in a project's words)."""
    if len(text) > MAX_TEXT:
        raise ValueError("text too long")
    today = today or datetime.date.today()
    version = gazetteer_version()
    proposals = []
    for m in re.finditer(r"[^\n]+", text):  # one paragraph per line, as web pages and documents paste
        paragraph = m.group(0)
        if not paragraph.strip():
            continue
        span = _Span(paragraph, m.start())
        dates = find_dates(span)
        numbers = [
            (n.start(), n.end(), _to_number(n.group(1)))
            for n in _NUMBER.finditer(span.folded)
            if not any(a <= n.start() < b for a, b, _v in dates)
        ]
        people = _people(span, numbers) + _number_of(span, numbers)
        about_a_project = bool(_PROJECT_WORDS.search(paragraph))
        if not (len(dates) >= 2 or (dates or people) and about_a_project):
            continue
        arabic = len(re.findall("[\u0600-\u06ff]", paragraph))
        proposal = Proposal(m.start(), m.end(), paragraph, "ar" if arabic > len(paragraph) / 4 else "en")
        _fill_dates(proposal, span, dates, today)
        _fill_people(proposal, people, text)
        used = {a for _name, _found, _targeted, a in people}
        proposal.outputs = [o for o in _outputs(span, numbers, used) if not _is_people(o)]
        proposal.sectors = _sectors(span)
        proposal.places, place_flags = _places(span, version)
        proposal.flags.extend(place_flags)
        title, at, length = _title(paragraph, dates, span)
        proposal.fields["title_" + proposal.language] = Found(
            title, m.start() + at, m.start() + at + length, paragraph[at : at + length]
        )
        proposal.fields["description_" + proposal.language] = Found(paragraph.strip(), m.start(), m.end(), paragraph)
        proposals.append(proposal)
    return proposals


def _fill_people(proposal: Proposal, people, text: str) -> None:
    """The first total mentioned wins; targeted parts add up to the targeted total (the model keeps the
    women/men/girls/boys breakdown for people reached only)."""
    targeted_parts = []
    for name, found, targeted, _a in people:
        if name == "reached_total":
            proposal.fields.setdefault("targeted_total" if targeted else "reached_total", found)
        elif targeted:
            targeted_parts.append(found)
        else:
            proposal.fields.setdefault(name, found)
    if targeted_parts and "targeted_total" not in proposal.fields:
        first, last = targeted_parts[0], targeted_parts[-1]
        total = sum(p.value for p in targeted_parts)
        proposal.fields["targeted_total"] = Found(total, first.start, last.end, text[first.start : last.end])


def _title(paragraph: str, dates, span: _Span) -> tuple[str, int, int]:
    """A short title: the paragraph without its opening period clause ("The project was implemented
    between ... and ..."), cut at a word boundary."""
    at = 0
    first = re.match(r"[^.!?؟]*[.!?؟]\s+", paragraph)
    if (
        dates
        and first
        and span.where[dates[-1 if len(dates) < 2 else 1][1] - 1] < first.end()
        and len(paragraph) > first.end()
    ):
        at = first.end()
    elif len(dates) >= 2:
        at = span.where[dates[1][1] - 1] + 1
    rest = paragraph[at:].lstrip(" ,.،")
    at = len(paragraph) - len(rest)
    sentence = re.split(r"(?<=[.!?؟])\s", rest)[0].rstrip()
    if len(sentence) > 120:
        sentence = sentence[:120].rsplit(" ", 1)[0]
        return sentence + "…", at, len(sentence)
    return sentence, at, len(sentence)


def _is_people(output: dict) -> bool:
    unit = normalise(output["unit"])
    return any(unit.startswith(normalise(p)) for p in (*_PEOPLE, *_PEOPLE_TOTAL))


def _to_number(raw: str):
    raw = raw.replace(",", "")
    return float(raw) if "." in raw else int(raw)


def _fill_dates(proposal: Proposal, span: _Span, dates, today):
    planned = bool(re.search(r"will|planned|سيتم|مخطط|dê", span.folded))
    start_field, end_field = ("planned_start", "planned_end") if planned else ("actual_start", "actual_end")
    for (a, b, value), name in zip(dates[:2], (start_field, end_field), strict=False):
        found = span.found(value, a, b)
        if value is None:
            proposal.flags.append({"field": name, "code": "invalid_date", "text": found.text, "blocking": True})
        else:
            proposal.fields[name] = found
    end = proposal.fields.get(end_field)
    if end is not None and not planned:
        proposal.fields["status"] = Found(
            "completed" if end.value <= today else "ongoing", end.start, end.end, end.text
        )
    elif planned:
        proposal.fields["status"] = Found("planned", span.offset, span.offset, "")
