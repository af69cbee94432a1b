"""Places in a project's block: names of the gazetteer (places.selectors: governorates, districts,
sub-districts, communities, with their aliases) in Arabic spellings with the conjunctions and prepositions
written onto them (وبالرقة), English transliterations (Deir ez-Zor, Deir al-Zour; Al-Shuhail, Al-Shuhayl)
and Kurmanji names with their case endings (Amûdê, Dêrikê); multi-word names whole (الجردي الشرقي, Girkê
Legê). Names the gazetteer does not know are read where the text says they are places (a "Locations:"
line, "in the villages of …", "قرى …", "li gundên …") and proposed as communities to add, with the
sub-district they most likely belong to; they are never dropped nor matched to a different place.
Places people came from, rivers and facilities named after a place are not where the work was done."""

import functools
import re
from dataclasses import dataclass

from places.models import Place
from places.selectors import NameIndex
from projects.extraction.spans import Text
from projects.extraction.words import (
    ARABIC_PREFIXES,
    DEMONYMS,
    MONTHS,
    NOT_PLACE_BEFORE,
    NOT_PLACES,
    ORIGIN,
    PLACE_BEFORE,
    PLACE_CONTAINERS,
    PLACE_DIRECTIONS,
    PLACE_GENERIC,
    PLACE_KINDS,
    PLACE_LABELS,
    PLACE_NEAR,
    PLACE_STOPS,
    WEEKDAYS,
    phrase_re,
)

_TOKEN = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARTICLES = {"al", "el", "ar", "as", "ash", "ad", "at", "az", "ez", "es", "ed", "an", "ath", "adh", "ul", "il"}
_KU_ENDINGS = ("iye", "ye", "ya", "e", "a", "ne")
_KINDS = set(PLACE_KINDS)
_CONTAINERS = set(PLACE_CONTAINERS)
_DIRECTIONS = set(PLACE_DIRECTIONS)
_GENERIC = set(PLACE_GENERIC) | _KINDS
_NOT_PLACES = set(NOT_PLACES) | set(MONTHS) | set(WEEKDAYS)
_STOPS = set(PLACE_STOPS)
_COUNTRIES = {"syria", "iraq", "turkey", "سوريا", "سوريه", "العراق", "تركيا", "suriye", "tirkiye"}
_BEFORE = set(PLACE_BEFORE)
_NEAR = set(PLACE_NEAR)
_ORIGIN = phrase_re(ORIGIN)
_NOT_PLACE_BEFORE = phrase_re(NOT_PLACE_BEFORE, after=r"(?:\s+\S+)?\s*$")
_LABEL = phrase_re(PLACE_LABELS, before=r"[\s•*\-–]*", after=r"(?:\s+[^\s:]+){0,2}\s*:")
_KEEP_WAW = ("وادي", "ورد", "وطا")  # names that begin with و, not a conjunction
# Generic words a gazetteer alias may carry ("محافظة الرقة", "Raqqa Governorate"): not shown as the name.
_GENERIC_ANY = {w for w in _GENERIC if " " not in w} | {
    "محافظه",
    "منطقه",
    "ناحيه",
    "مركز",
    "governorate",
    "district",
    "subdistrict",
    "sub",
    "nahiyat",
}
_KIND_FIRST = re.compile(
    r"^\s*(?:sub-)?(?:" + "|".join(re.escape(k) for k in sorted(_GENERIC_ANY, key=len, reverse=True)) + r")(?!\w)"
)
_LABEL_END = re.compile(r"[.;!?؟\n]")
_SENTENCE_END = re.compile(r"[.;:!?؟\n]")
# Plural kinds introduce lists ("قرى …، …"); after a singular one ("مدينة الرقة") a comma ends the list.
_PLURAL_KINDS = {
    *PLACE_LABELS,
    "قري",
    "بلدات",
    "احياء",
    "مناطق",
    "نواحي",
    "مخيمات",
    "محافظات",
    "بلدتي",
    "بلدتين",
    "قريتي",
    "قريتين",
    "قضاءي",
    "قضايي",
    "مدن",
    "ارياف",
    "villages",
    "towns",
    "neighbourhoods",
    "neighborhoods",
    "areas",
    "camps",
    "communities",
    "districts",
    "subdistricts",
    "cities",
    "settlements",
    "governorates",
    "gunden",
    "navceyen",
    "taxen",
    "heremen",
    "bajaren",
    "girêdayi",
    "giredayi",
}


@dataclass
class FoundPlace:
    place: Place | None  # None: not in the gazetteer, proposed as a community to add
    a: int  # in the folded text
    b: int
    name: str  # as written, without what was written onto it


@functools.lru_cache(maxsize=65536)
def loose(key: str) -> str:
    """A Latin name as transliterations of one Arabic name spell it alike: no article, no doubled letters,
    ou/oo → u, ee → i, ay/ey/ei → ai, a final h or e → a, q → k."""
    words = [w for w in key.split() if w not in _ARTICLES]
    out = []
    for word in words:
        word = re.sub(r"(.)\1+", r"\1", word)
        for a, b in (
            ("ou", "u"),
            ("oo", "u"),
            ("ee", "i"),
            ("ay", "ai"),
            ("ey", "ai"),
            ("ei", "ai"),
            ("q", "k"),
            ("iy", "i"),
            ("o", "u"),
        ):
            word = word.replace(a, b)
        word = re.sub(r"(?:ah|eh|e|h)$", "a", word) if len(word) > 3 else word
        word = re.sub(r"y$", "i", word)
        out.append(word)
    return " ".join(out)


class Gazetteer:
    """The gazetteer's names as lookups: exact (normalised) names, and loose Latin keys that name one
    place only (a loose key two different places share is not used: never a silent wrong match)."""

    def __init__(self, index: NameIndex):
        self.exact: dict[str, Place] = {}
        loose_places: dict[str, set] = {}
        for key, places in index.by_name.items():
            if len(key) < 3 or key.isdigit():
                continue
            self.exact[key] = places[0]
            if not _ARABIC.search(key):
                loose_places.setdefault(loose(key), set()).add(key)
        self.loose: dict[str, Place] = {}
        for lkey, keys in loose_places.items():
            finest = {self.exact[k].pk for k in keys}
            if len(finest) == 1 and len(lkey) >= 4:
                self.loose[lkey] = self.exact[next(iter(keys))]
        self.longest = max((len(k.split()) for k in self.exact), default=1)
        # the first word of every name, exact and loose: most words of a text begin none, and are skipped
        self.firsts = {k.split()[0] for k in self.exact} | {k.split()[0] for k in self.loose if k}

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per index version, kept for the process
    def may_begin(self, word: str, arabic: bool) -> bool:
        """Whether a name of the gazetteer may begin with this word (in one of its written forms)."""
        if arabic:
            return any(form in self.firsts for form, _cut in _arabic_forms(word))
        return any(form in self.firsts or loose(form) in self.firsts for form, _cut in _latin_forms(word))

    def lookup(self, key: str, latin: bool) -> Place | None:
        place = self.exact.get(key)
        if place is None and latin:
            place = self.loose.get(loose(key))
        return place


@functools.lru_cache(maxsize=2)
def gazetteer(index: NameIndex) -> Gazetteer:
    return Gazetteer(index)


@functools.lru_cache(maxsize=65536)
def _arabic_forms(token: str) -> list[tuple[str, int]]:
    """(form to look up, letters of the token not shown as the name): the token without the conjunctions
    and prepositions written onto it (وهجين, وبالرقة, للرقة), with or without its article (السوسة is
    سوسة in the gazetteer, but the name shown keeps the article, as written). ب and ل come off only
    before the article: "بدأنا" is a verb, not ب + a place."""
    forms = [(token, 0)]
    for prefix in ARABIC_PREFIXES:
        rest = token[len(prefix) :]
        if not token.startswith(prefix) or len(rest) < 3:
            continue
        if prefix.endswith("ال"):
            forms.append(("ال" + rest, len(prefix) - 2))
            forms.append((rest, len(prefix) - 2))
        elif prefix.endswith("لل"):
            forms.append(("ال" + rest, len(prefix) - 1))
        elif prefix in ("و", "ف") or rest.startswith("ال"):
            forms.append((rest, len(prefix)))
    forms += [(f[2:], d) for f, d in list(forms) if f.startswith("ال") and len(f) > 4]
    return forms


@functools.lru_cache(maxsize=65536)
def _latin_forms(token: str) -> list[tuple[str, int]]:
    """(form, letters dropped from its end): Kurmanji case endings (Amûdê → amud/amude, Dêrikê → derik)."""
    forms = [(token, 0)]
    for ending in _KU_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            forms.append((token[: -len(ending)], len(ending)))
    return forms


class Reader:
    """Places of one pasted text, block by block."""

    def __init__(self, text: Text, gaz: Gazetteer):
        self.text, self.gaz = text, gaz
        folded = text.folded
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(folded)]
        self.starts = [t[0] for t in self.tokens]
        self._everywhere: tuple[list[FoundPlace], list[FoundPlace]] | None = None

    def everywhere(self) -> tuple[list[FoundPlace], list[FoundPlace]]:
        """Gazetteer names and listed names of the whole text, read once (blocks take theirs by range)."""
        if self._everywhere is None:
            end = len(self.text.folded)
            known = sorted(self.known(0, end), key=lambda p: p.a)
            listed = sorted(self.candidates(0, end), key=lambda p: p.a)
            self._everywhere = (known, listed)
        return self._everywhere

    def within(self, a: int, b: int) -> tuple[list[FoundPlace], list[FoundPlace]]:
        known, listed = self.everywhere()
        return _between(known, a, b), _between(listed, a, b)

    def _capital(self, a: int) -> bool:
        ch = self.text.original[self.text.where[a]]
        return ch.isupper()

    def _token_range(self, a: int, b: int) -> tuple[int, int]:
        lo = _bisect(self.starts, a)
        hi = _bisect(self.starts, b)
        return lo, hi

    def known(self, a: int, b: int) -> list[FoundPlace]:
        """Every gazetteer name in folded[a:b], the longest first where names overlap."""
        found: list[FoundPlace] = []
        lo, hi = self._token_range(a, b)
        i = lo
        while i < hi:
            match = self._match_at(i, hi)
            if match is None:
                i += 1
                continue
            place, n, cut_start, cut_end = match
            first, last = i, i + n - 1
            while first < last and self.tokens[first][2] in _GENERIC_ANY:
                first, cut_start = first + 1, 0  # "محافظة الرقة", "Governorate of Raqqa": the name is Raqqa
            while last > first and self.tokens[last][2] in _GENERIC_ANY:
                last, cut_end = last - 1, 0
            if first == i and i > lo and self.tokens[i - 1][2] in _ARTICLES:
                if self.text.folded[self.tokens[i - 1][1] : self.tokens[i][0]] in ("-", " "):
                    first, cut_start = i - 1, 0  # "Al-Hol": the article as written
            start = self.tokens[first][0] + cut_start
            end = self.tokens[last][1] - cut_end
            if not self._excluded(start, end, a):
                found.append(FoundPlace(place, start, end, self.text.span(start, end)[2]))
            i += n
        return found

    def _match_at(self, i: int, hi: int):
        first = self.tokens[i][2]
        arabic = "\u0600" <= first[0] <= "\u06ff"
        if not self.gaz.may_begin(first, arabic):  # most words: cached, and first
            return None
        if not arabic:
            article = first in _ARTICLES and i + 1 < hi and self._capital(self.tokens[i + 1][0])
            if not (self._capital(self.tokens[i][0]) or article):
                return None
        for n in range(min(self.gaz.longest + 1, hi - i), 0, -1):
            words = [t[2] for t in self.tokens[i : i + n]]
            if n > 1 and words[-1] in _ARTICLES:
                continue
            if n > 1 and any(self.tokens[i + k + 1][0] - self.tokens[i + k][1] > 2 for k in range(n - 1)):
                continue  # a name's words are next to each other
            if n > 1 and re.search(r"[\n,،.;:()]", self.text.folded[self.tokens[i][1] : self.tokens[i + n - 1][0]]):
                continue
            firsts = _arabic_forms(words[0]) if arabic else [(words[0], 0)]
            lasts = [(words[-1], 0)] if arabic else _latin_forms(words[-1])
            for form, cut_start in firsts:
                for last, cut_end in lasts if n > 1 else [(None, 0)]:
                    body = [form, *words[1:-1], last] if n > 1 else [form]
                    key = " ".join(body)
                    place = self.gaz.lookup(key, not arabic)
                    if place is not None and key not in _NOT_PLACES:
                        return place, n, cut_start, cut_end
                if n == 1 and not arabic:
                    for stem, cut_end in _latin_forms(form):
                        place = self.gaz.lookup(stem, True)
                        if place is not None and stem not in _NOT_PLACES:
                            return place, 1, cut_start, cut_end
        return None

    def _excluded(self, start: int, end: int, block_start: int) -> bool:
        """A place people came from, a river, a facility named after a place, or a macro-region."""
        folded = self.text.folded
        name = folded[start:end]
        if name in _NOT_PLACES:
            return True
        before = folded[max(block_start, start - 60) : start]
        before = re.split(r"[.!?؟;\n]", before)[-1]
        if _NOT_PLACE_BEFORE.search(before) and not re.search(r"[,،]\s*\S*\s*$", before):
            return True
        if re.match(r"\s+(?:river|rivers)\b", folded[end : end + 8]):
            return True
        near = re.search(r"(?:^|\s)(from|من|ji|\w*من)\s+(?:(?:the|al)\s+)?(?:\S+\s+)?$", before)
        if near and near.group(1) != "ji" and _ORIGIN.search(before[: near.start(1) + 1] + folded[end : end + 40]):
            return True
        if near and near.group(1) == "ji" and not re.search(r"ji\s+bo\s", before[near.start(1) :]):
            return True
        return False

    def candidates(self, a: int, b: int) -> list[FoundPlace]:
        """Names the text says are places (lists after "Locations:", "in the villages of", "قرى", "li")."""
        found: list[FoundPlace] = []
        folded = self.text.folded
        for line in re.finditer(r"[^\n]+", folded[a:b]):
            la, lb = a + line.start(), a + line.end()
            label = _LABEL.match(folded, la, lb)
            if label:
                found += self._items(label.end(), lb, from_label=True)
        lo, hi = self._token_range(a, b)
        for i in range(lo, hi):
            s, e, tok = self.tokens[i]
            arabic = bool(_ARABIC.match(tok))
            bare = tok[1:] if arabic and tok[:1] in "وب" and tok[1:] in _KINDS else tok
            if bare in _KINDS or bare in _NEAR or (not arabic and tok in _BEFORE):
                if arabic and bare in _BEFORE and bare not in _KINDS and bare not in _NEAR:
                    continue
                found += self._items(e, min(b, e + 200), from_label=False, introducer=bare)
            if not arabic and tok in _KINDS and i > lo:
                k = i - 1 if self.tokens[i - 1][2] == "sub" and self.text.folded[self.tokens[i - 1][1]] == "-" else i
                if k > lo:
                    found += self._before_kind(k, a)
        return [f for f in found if not self._excluded(f.a, f.b, a)]

    def _items(self, at: int, stop: int, *, from_label: bool, introducer: str = "") -> list[FoundPlace]:
        """The list of names starting at `at`: split at commas and "and" / و / û, each item cleaned of
        generic words; a bracketed name after an item (Sinjar (Nineveh)) is its containing unit."""
        folded = self.text.folded
        end_match = (_LABEL_END if from_label else _SENTENCE_END).search(folded, at, stop)
        end = end_match.start() if end_match else stop
        segment = folded[at:end]
        items = []
        for part in re.finditer(r"(?:[^,،()–—/|\-]|(?<=\S)-(?=\S))+|\(|\)", segment):
            chunk = part.group(0)
            if chunk in "()" or not chunk.strip():
                continue
            pieces = re.split(r"(?:\s+(?:and|&|u|or)\s+)|(?:\s+(?=و(?!ادي)\S))", chunk)
            offset = at + part.start()
            cursor = 0
            for piece in pieces:
                where = chunk.find(piece, cursor)
                cursor = where + len(piece)
                if not piece.strip():
                    continue
                items.append((offset + where, offset + where + len(piece)))
        found = []
        plural = from_label or introducer in _PLURAL_KINDS
        for ia, ib in items:
            item = self._clean(ia, ib, from_label)
            if item is None:
                if not from_label:
                    break
                continue
            found.append(item)
            if not from_label and self._ends_list(item.b, end, plural):
                break
        return found

    def _ends_list(self, at: int, end: int, plural: bool) -> bool:
        """After a name in a sentence, the list goes on only with a conjunction, or a comma after a plural
        kind ("the villages of A, B and C"; but "مدينة الرقة، ذهب …" ends at the comma)."""
        rest = _KIND_FIRST.sub("", self.text.folded[at : min(end, at + 40)])
        if re.match(r"\s*[,،]\s*و", rest):
            return True  # "…، وقدمت": in Arabic a comma then و opens a new clause
        if plural:
            return not re.match(r"\s*(?:[,،]|and\s|&|u\s|و|\(|\)|$)", rest)
        return not re.match(r"\s*(?:and\s|&|u\s|و|\(|\)|$)", rest)

    def _clean(self, ia: int, ib: int, from_label: bool) -> FoundPlace | None:
        folded = self.text.folded
        tokens = [(m.start() + ia, m.end() + ia, m.group(0)) for m in _TOKEN.finditer(folded[ia:ib])]
        # drop generic words, Arabic conjunctions and containers in front ("بلدة", "وبريف", "Rural", "the")
        while tokens:
            tok = tokens[0][2]
            bare = tok[1:] if tok[:1] in "وب" and tok[1:] in _KINDS else tok
            if tok in _GENERIC or bare in _KINDS or tok in _STOPS and not _ARABIC.match(tok):
                tokens = tokens[1:]
                continue
            break
        kept = []
        for k, t in enumerate(tokens):
            word = t[2]
            if word in _STOPS or any(ch.isdigit() for ch in word):
                break
            if _ARABIC.match(word):
                if kept and (word[1:] in _CONTAINERS or word in _CONTAINERS):
                    break  # "أطمة بريف إدلب": the containing unit is read on its own
            else:
                if word in _GENERIC or word in _BEFORE or word in DEMONYMS:
                    break
                next_capital = k + 1 < len(tokens) and self._capital(tokens[k + 1][0])
                if not (self._capital(t[0]) or (word in _ARTICLES and next_capital)):
                    break
            kept.append(t)
        while kept and (kept[-1][2] in _DIRECTIONS or kept[-1][2] in _GENERIC):
            if _ARABIC.match(kept[-1][2]) and len(kept) > 1 and not self._after_container(kept[0][0]):
                break  # "الجردي الشرقي" is a village's name; "ريف دير الزور الشرقي" is a part of Deir ez-Zor
            kept.pop()
        if not kept or len(kept) > 4:
            return None
        first = kept[0]
        arabic = bool(_ARABIC.match(first[2]))
        a, b = first[0], kept[-1][1]
        if arabic and first[2].startswith("و") and not first[2].startswith(_KEEP_WAW) and len(first[2]) > 3:
            a += 1
        name = folded[a:b]
        if len(name) < 3 or name in _NOT_PLACES or kept[0][2] in _NOT_PLACES or kept[-1][2] in _COUNTRIES:
            return None
        if arabic and len(kept) > 3:
            return None
        return FoundPlace(None, a, b, self.text.span(a, b)[2])

    def _after_container(self, at: int) -> bool:
        before = self.text.folded[max(0, at - 12) : at].split()
        return bool(before) and (before[-1] in _CONTAINERS or before[-1][1:] in _CONTAINERS)

    def _before_kind(self, i: int, block_start: int) -> list[FoundPlace]:
        """ "Domiz camp", "Faida sub-district", "the Corniche and Al-Tay neighbourhoods": names before a kind."""
        names = []
        j = i - 1
        while j >= 0 and self.tokens[j][0] >= block_start:
            s, e, tok = self.tokens[j]
            attached = self.text.folded[e : e + 1] == "-"
            if self._capital(s) or (tok in _ARTICLES and names and attached):
                names.insert(0, self.tokens[j])
                j -= 1
                continue
            if tok in ("and", "u") and names:
                names.insert(0, None)
                j -= 1
                continue
            break
        found, current = [], []
        for token in [*names, None]:
            if token is None:
                if current:
                    a, b = current[0][0], current[-1][1]
                    if self.text.folded[a:b] not in _NOT_PLACES and not any(t[2] in _NOT_PLACES for t in current):
                        if re.fullmatch(r"[^\n,.;:()]*", self.text.folded[a:b]):
                            found.append(FoundPlace(None, a, b, self.text.span(a, b)[2]))
                current = []
            else:
                current.append(token)
        return found


def _between(places: list[FoundPlace], a: int, b: int) -> list[FoundPlace]:
    out = []
    for p in places[_bisect_places(places, a) :]:
        if p.a >= b:
            break
        if p.b <= b:
            out.append(p)
    return out


def _bisect_places(places: list[FoundPlace], x: int) -> int:
    lo, hi = 0, len(places)
    while lo < hi:
        mid = (lo + hi) // 2
        if places[mid].a < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _bisect(starts, x) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _same_name(a: str, b: str) -> bool:
    x, y = sorted((a, b), key=len)
    return x == y or (len(x) >= 3 and y.startswith(x) and y[len(x) :] in ("", *_KU_ENDINGS))


def places_of_block(reader: Reader, a: int, b: int) -> list[FoundPlace]:
    """The places of folded[a:b], each once: gazetteer places by P-code, other names by spelling (the
    shorter of two inflected forms of a Kurmanji name is kept, as the annotators do)."""
    known, candidates = reader.within(a, b)
    # A listed name longer than the gazetteer name it begins with is another place ("كسرة عفنان" is not
    # Kisreh): proposed as a community, never matched to the shorter name.
    longer = [c for c in candidates if any(c.a <= k.a and k.b <= c.b and (c.b - c.a) > (k.b - k.a) for k in known)]
    known = [k for k in known if not any(c.a <= k.a and k.b <= c.b for c in longer)]
    covered = [(p.a, p.b) for p in known]
    fresh = [c for c in candidates if not any(x < c.b and c.a < y for x, y in covered)]
    result: list[FoundPlace] = []
    for p in sorted(known + fresh, key=lambda p: p.a):
        key = reader.text.folded[p.a : p.b]
        twin = next(
            (
                q
                for q in result
                if (p.place is not None and q.place is not None and q.place.pk == p.place.pk)
                or (p.place is None and q.place is None and _same_name(key, reader.text.folded[q.a : q.b]))
                or (p.place is None and q.place is not None and _same_name(key, reader.text.folded[q.a : q.b]))
            ),
            None,
        )
        if twin is None:
            result.append(p)
        elif len(p.name) < len(twin.name):
            result[result.index(twin)] = p  # the places are shared by every block: replaced, never changed
    return result
