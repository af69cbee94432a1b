"""The front end as a reader meets it: fonts that draw every character of our texts, pages that fit a phone,
focus and text that can be seen, forms whose every control is named and whose errors are summed up at the top.

The font checks read the stylesheet's @font-face rules and the WOFF2 files' own character maps (no font
library needed: WOFF2 is a Brotli stream of plain tables). The others drive Debian's Chromium through
Playwright, as tests/test_browser.py does, and save screenshots to test-artifacts/.
"""

import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import brotli
import polib

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "core" / "static" / "css" / "civnet.css"
FONTS = ROOT / "core" / "static" / "fonts"
LOCALE = ROOT / "locale"
# The families of the body text, in the stylesheet's order, and the script each one draws.
BODY_FAMILIES = {"CivNet Sans": "LATIN", "CivNet Arabic": "ARABIC", "CivNet Syriac": "SYRIAC"}

# --- Fonts ------------------------------------------------------------------------------------------------------

WOFF2_KNOWN_TAGS = (
    "cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH "
    "PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc "
    "bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill"
)
WOFF2_TAGS = [WOFF2_KNOWN_TAGS[i : i + 4] for i in range(0, len(WOFF2_KNOWN_TAGS), 5)]


def _base128(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for _ in range(5):
        byte = data[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos
    raise ValueError("bad UIntBase128")


def woff2_table(path: Path, wanted: str) -> bytes:
    """One table of a WOFF2 font (WOFF2 spec, section 5): the directory, then one Brotli stream of all tables."""
    data = path.read_bytes()
    assert data[:4] == b"wOF2", f"{path.name} is not WOFF2"
    (num_tables,) = struct.unpack(">H", data[12:14])
    (compressed_size,) = struct.unpack(">I", data[20:24])
    pos, offset, where = 48, 0, None
    for _ in range(num_tables):
        flags = data[pos]
        pos += 1
        if flags & 0x3F == 63:
            tag = data[pos : pos + 4].decode("latin-1")
            pos += 4
        else:
            tag = WOFF2_TAGS[flags & 0x3F]
        length, pos = _base128(data, pos)
        version = flags >> 6
        if (tag in ("glyf", "loca")) == (version == 0):  # glyf/loca are transformed at version 0, others above it
            length, pos = _base128(data, pos)
        if tag == wanted:
            where = (offset, length)
        offset += length
    assert where, f"{path.name} has no {wanted} table"
    stream = brotli.decompress(data[pos : pos + compressed_size])
    return stream[where[0] : where[0] + where[1]]


@cache
def character_map(path: Path) -> frozenset[int]:
    """The code points a font maps to a glyph other than .notdef (cmap formats 4 and 12)."""
    cmap = woff2_table(path, "cmap")
    (count,) = struct.unpack(">H", cmap[2:4])
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * i : 12 + 8 * i])
        fmt = struct.unpack(">H", cmap[offset : offset + 2])[0]
        subtables[fmt] = offset
    points = set()
    if 12 in subtables:
        at = subtables[12]
        (groups,) = struct.unpack(">I", cmap[at + 12 : at + 16])
        for g in range(groups):
            first, last, glyph = struct.unpack(">III", cmap[at + 16 + 12 * g : at + 28 + 12 * g])
            points.update(c for c in range(first, last + 1) if glyph + c - first)
        return frozenset(points)
    at = subtables[4]
    segments = struct.unpack(">H", cmap[at + 6 : at + 8])[0] // 2
    ends = struct.unpack(f">{segments}H", cmap[at + 14 : at + 14 + 2 * segments])
    starts_at = at + 16 + 2 * segments
    starts = struct.unpack(f">{segments}H", cmap[starts_at : starts_at + 2 * segments])
    deltas = struct.unpack(f">{segments}h", cmap[starts_at + 2 * segments : starts_at + 4 * segments])
    range_offsets_at = starts_at + 4 * segments
    range_offsets = struct.unpack(f">{segments}H", cmap[range_offsets_at : range_offsets_at + 2 * segments])
    for s in range(segments):
        for c in range(starts[s], ends[s] + 1):
            if c == 0xFFFF:
                continue
            if range_offsets[s] == 0:
                glyph = (c + deltas[s]) & 0xFFFF
            else:
                at_glyph = range_offsets_at + 2 * s + range_offsets[s] + 2 * (c - starts[s])
                glyph = struct.unpack(">H", cmap[at_glyph : at_glyph + 2])[0]
                glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
            if glyph:
                points.add(c)
    return frozenset(points)


def parse_unicode_range(text: str) -> frozenset[int]:
    points = set()
    for part in text.split(","):
        part = part.strip().upper().removeprefix("U+")
        if "?" in part:
            first, last = part.replace("?", "0"), part.replace("?", "F")
        else:
            first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    file: Path
    unicode_range: frozenset[int]

    @property
    def draws(self) -> frozenset[int]:
        """What the browser will draw with this face: in its unicode-range and in its file."""
        return self.unicode_range & character_map(self.file)

    def __str__(self):
        return f'"{self.family}" {self.weight} ({self.file.name})'


@cache
def font_faces() -> tuple[Face, ...]:
    css = CSS.read_text(encoding="utf-8")
    faces = []
    for rule in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        family = re.search(r"font-family:\s*\"([^\"]+)\"", rule).group(1)
        url = re.search(r"url\(\"?\.\./fonts/([^\")]+)\"?\)", rule).group(1)
        weight = re.search(r"font-weight:\s*(\d+)", rule)
        unicode_range = re.search(r"unicode-range:\s*([^;]+)", rule)
        assert unicode_range, f"{family}: a face without unicode-range is downloaded by every page"
        assert re.search(r"font-display:\s*swap", rule), f"{family}: text must show while the font loads"
        faces.append(
            Face(family, int(weight.group(1)) if weight else 400, FONTS / url, parse_unicode_range(unicode_range[1]))
        )
    return tuple(faces)


def catalogue_texts(lang: str) -> list[str]:
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    texts = []
    for entry in po:
        texts += [entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values()]
    return [t for t in texts if t]


def demo_texts() -> list[str]:
    seeds = sorted((ROOT / "demo").rglob("*"))
    return [p.read_text(encoding="utf-8") for p in seeds if p.suffix in (".py", ".txt", ".md", ".json", ".csv")]


def our_texts() -> dict[str, list[str]]:
    texts = {f"locale/{lang}": catalogue_texts(lang) for lang in ("ar", "ku", "syr")}
    texts["demo"] = demo_texts()
    texts["gazetteer"] = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "places" / "data").glob("*.csv"))]
    return texts


def clusters(text: str):
    """Each letter followed by combining marks, with them (what one face must draw together)."""
    cluster = ""
    for char in text + "\n":
        if unicodedata.category(char).startswith("M"):
            cluster += char
            continue
        if len(cluster) > 1:
            yield cluster
        cluster = char


def face_for(char: str, weight: int = 400) -> Face | None:
    """The face the browser tries first for a character: the first body family whose unicode-range has it."""
    for family in BODY_FAMILIES:
        faces = [f for f in font_faces() if f.family == family]
        face = min(faces, key=lambda f: abs(f.weight - weight), default=None)
        if face and ord(char) in face.unicode_range:
            return face
    return None


def test_every_mark_is_drawn_by_the_face_of_its_letter():
    """A combining mark (Syriac seyame U+0308, Arabic harakat) is drawn in the face of the letter it sits on; if
    that face's unicode-range or file lacks the mark, the browser draws the cluster with another font, or blank."""
    problems = set()
    for source, texts in our_texts().items():
        for text in texts:
            for cluster in clusters(text):
                for weight in (400, 700):
                    face = face_for(cluster[0], weight)
                    if face is None or ord(cluster[0]) not in face.draws:
                        continue  # letters without a face of ours: see the next test
                    for mark in cluster[1:]:
                        if ord(mark) not in face.draws:
                            where = "unicode-range" if ord(mark) not in face.unicode_range else "file"
                            problems.add(
                                f"{source}: U+{ord(mark):04X} {unicodedata.name(mark, '?')} on "
                                f"U+{ord(cluster[0]):04X} is missing from the {where} of {face}"
                            )
    assert not problems, "\n".join(sorted(problems))


def test_every_letter_of_our_texts_has_a_face_that_draws_it():
    """Each Latin, Arabic or Syriac character of the catalogues, the demo and the gazetteer is in the range and the
    file of its script's face, in every weight the stylesheet declares for that script."""
    problems = set()
    for source, texts in our_texts().items():
        for char in set("".join(texts)):
            name = unicodedata.name(char, "")
            script = next((s for s in BODY_FAMILIES.values() if name.startswith(s)), None)
            if script is None or unicodedata.category(char).startswith("C"):
                continue
            family = next(f for f, s in BODY_FAMILIES.items() if s == script)
            faces = [f for f in font_faces() if f.family == family]
            if not faces:
                problems.add(f"{source}: no face for {script}")
            for face in faces:
                if ord(char) not in face.draws:
                    problems.add(f"{source}: U+{ord(char):04X} {name} is not drawn by {face}")
    assert not problems, "\n".join(sorted(problems))


def test_each_unicode_range_promises_only_what_its_file_has():
    """A range wider than the file makes the browser download the file for characters it then cannot draw."""
    for face in font_faces():
        assert face.file.exists(), face
        missing = face.unicode_range - character_map(face.file) - set(range(0x20))
        assert not missing, f"{face}: {sorted(hex(c) for c in missing)[:20]}"


def test_the_language_switcher_names_have_small_faces_of_their_own():
    """The switcher shows العربيّة and ܣܘܪܝܝܐ on every page: each is drawn by a face holding only its letters, so
    a page in another language does not download a whole script for one word."""
    from django.utils import translation

    css = CSS.read_text(encoding="utf-8")
    for code, family in (("ar", "CivNet Arabic Label"), ("syr", "CivNet Syriac Label")):
        name = translation.get_language_info(code)["name_local"]
        faces = [f for f in font_faces() if f.family == family]
        assert faces, family
        assert {ord(c) for c in name} <= faces[0].draws, f"{family} does not draw {name}"
        assert faces[0].file.stat().st_size < 4096, f"{faces[0]} is not small"
        assert re.search(rf"\[lang=\"?{code}\"?\][^{{]*\{{[^}}]*font-family:\s*\"{family}\"", css), family
