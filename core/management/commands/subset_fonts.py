"""Build-time font subsetting: writes the small WOFF2 files CivNet serves and the @font-face rules that load them.

The sources are the Noto fonts in core/fonts/ (already cut to their scripts' Unicode blocks). Each subset keeps
its script's alphabet (so names typed by people still render) plus every character CivNet's own texts use
(catalogues, templates, Python sources, the gazetteer, the demo texts); the language switcher's Arabic and Syriac
names get two tiny faces of their own, so a page in another language never downloads a whole script for one
word. The @font-face block of core/static/css/civnet.css is rewritten with each subset's exact unicode-range,
read back from the subset's own character map, so the CSS never promises a character the file lacks (a mark
missing from the range renders blank) and never claims one it has not (the browser would download it in vain).
Run `python manage.py subset_fonts` after adding texts in a new script; it needs fonttools (requirements-dev.txt).
"""

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:  # a build-time tool: production installs requirements.txt only
    subset = TTFont = None

CORE = Path(__file__).resolve().parents[2]
SOURCES = CORE / "fonts"
OUTPUT = CORE / "static" / "fonts"
STYLESHEET = CORE / "static" / "css" / "civnet.css"
BEGIN = "/* @font-face rules written by `manage.py subset_fonts` from each subset's own character map: do not edit. */"
END = "/* End of the @font-face rules written by `manage.py subset_fonts`. */"
TEXT_SUFFIXES = {".py", ".html", ".txt", ".po", ".csv", ".json"}

# Each script's blocks: a face takes the letters of our texts only from these, never another script's, and the
# combining marks that sit on those letters.
LATIN_BLOCKS = "U+0020-02FF, U+1E00-1EFF, U+2000-206F, U+20A0-20CF, U+2100-214F, U+2190-21FF"
ARABIC_BLOCKS = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F"
SYRIAC_BLOCKS = "U+0700-074F, U+0860-086F, U+200C-200F"
# What each script's face holds even if no text of ours uses it yet: what people may type in names and posts.
LATIN = "U+0020-007E, U+00A0-00FF, U+0130-0131, U+015E-015F, U+2010-2027, U+2030-203A, U+2066-2069, U+20AC"
ARABIC = (
    "U+060C, U+061B, U+061F, U+0621-063A, U+0640-0655, U+0660-066D, U+0670-0671, U+067E, U+0686, U+0695, U+0698,"
    "U+06A4, U+06A9, U+06AF, U+06B5, U+06C6, U+06CC, U+06CE, U+06D5, U+06F0-06F9, U+200C-200F"
)
# The whole Syriac source: its letters, vowel points, punctuation and the combining marks (seyame U+0308 among
# them) that sit on Syriac letters.
SYRIAC = "U+0700-074F, U+0300-0331, U+200C-200F"
# The browser's defaults, less `locl`: in these fonts it serves only Urdu and the Western and Eastern Syriac
# language systems, none of which CivNet's pages select, and it would triple the Syriac file.
FEATURES = [feature for feature in (subset.Options().layout_features if subset else []) if feature != "locl"]


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    source: str  # in core/fonts/
    output: str  # in core/static/fonts/
    local: tuple[str, ...]  # the same font installed on the reader's device, used instead of downloading
    alphabet: str = ""  # unicode ranges always kept
    blocks: str = ""  # unicode ranges from which the characters of our texts are added
    label: str = ""  # a face for one language's name in the language switcher: only that name's characters

    def wanted(self, used: set[int]) -> set[int]:
        if self.label:
            return {ord(c) for c in translation.get_language_info(self.label)["name_local"]}
        blocks = parse_ranges(self.blocks)
        letters = {c for c in used if c in blocks}
        marks = {c % 0x110000 for c in used if c >= 0x110000 and c // 0x110000 in blocks}
        return parse_ranges(self.alphabet) | letters | marks


FACES = [
    Face(
        "CivNet Sans",
        400,
        "NotoSans-Regular.woff2",
        "latin-400.woff2",
        ("Noto Sans", "NotoSans-Regular"),
        LATIN,
        LATIN_BLOCKS,
    ),
    Face(
        "CivNet Sans",
        700,
        "NotoSans-Bold.woff2",
        "latin-700.woff2",
        ("Noto Sans Bold", "NotoSans-Bold"),
        LATIN,
        LATIN_BLOCKS,
    ),
    Face(
        "CivNet Arabic",
        400,
        "NotoSansArabic-Regular.woff2",
        "arabic-400.woff2",
        ("Noto Sans Arabic", "NotoSansArabic-Regular"),
        ARABIC,
        ARABIC_BLOCKS,
    ),
    Face(
        "CivNet Arabic",
        700,
        "NotoSansArabic-Bold.woff2",
        "arabic-700.woff2",
        ("Noto Sans Arabic Bold", "NotoSansArabic-Bold"),
        ARABIC,
        ARABIC_BLOCKS,
    ),
    Face(
        "CivNet Syriac",
        400,
        "NotoSansSyriac-Regular.woff2",
        "syriac-400.woff2",
        ("Noto Sans Syriac", "NotoSansSyriac-Regular"),
        SYRIAC,
        SYRIAC_BLOCKS,
    ),
    Face(
        "CivNet Arabic Label",
        400,
        "NotoSansArabic-Regular.woff2",
        "arabic-label.woff2",
        ("Noto Sans Arabic", "NotoSansArabic-Regular"),
        label="ar",
    ),
    Face(
        "CivNet Syriac Label",
        400,
        "NotoSansSyriac-Regular.woff2",
        "syriac-label.woff2",
        ("Noto Sans Syriac", "NotoSansSyriac-Regular"),
        label="syr",
    ),
]


def parse_ranges(text: str) -> set[int]:
    """ "U+0600-06FF, U+0020" -> the code points."""
    points = set()
    for part in text.replace("U+", "").split(","):
        if part.strip():
            first, _, last = part.strip().partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def format_ranges(points: set[int]) -> str:
    """The code points as CSS unicode-range, consecutive ones joined."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def text_files():
    """Every file whose text CivNet can show: the catalogues and what lives in the project's own apps."""
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    base = Path(settings.BASE_DIR)
    roots += [Path(app.path) for app in apps.get_app_configs() if Path(app.path).is_relative_to(base)]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in TEXT_SUFFIXES and path.is_file() and "static" not in path.parts:
                yield path


def used_characters() -> set[int]:
    """Every character of our texts, a combining mark counted as used in the script of the letter it sits on (the
    mark is the code point plus 0x110000 times the base letter's code point, so each face can tell its own)."""
    used = set()
    for path in text_files():
        base = 0
        for char in path.read_text(encoding="utf-8", errors="ignore"):
            if unicodedata.category(char).startswith("M"):
                used.add(ord(char) + 0x110000 * base)
            else:
                base = ord(char)
                used.add(base)
    return used


def subset_face(face: Face, used: set[int]) -> tuple[bytes, set[int]]:
    font = TTFont(SOURCES / face.source, recalcTimestamp=False)  # the same input gives the same bytes
    available = set(font.getBestCmap())
    points = sorted((face.wanted(used) & available) - set(range(0x20)))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False  # hinting instructions are a third of each file and modern screens ignore them
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright, licence and names (OFL)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    covered = set(TTFont(io.BytesIO(out.getvalue())).getBestCmap())
    return out.getvalue(), covered


def font_face_rule(face: Face, covered: set[int]) -> str:
    local = ", ".join(f'local("{name}")' for name in face.local)
    return (
        f'@font-face {{ font-family: "{face.family}"; src: {local}, url("../fonts/{face.output}") format("woff2"); '
        f"font-weight: {face.weight}; font-display: swap; unicode-range: {format_ranges(covered)}; }}"
    )


class Command(BaseCommand):
    help = "Subset the Noto fonts to the characters CivNet uses and rewrite civnet.css's @font-face rules."

    def handle(self, *args, **options):
        if subset is None:
            raise CommandError("fonttools is needed: pip install -r requirements-dev.txt")
        used = used_characters()
        rules = []
        for face in FACES:
            data, covered = subset_face(face, used)
            (OUTPUT / face.output).write_bytes(data)
            rules.append(font_face_rule(face, covered))
            self.stdout.write(f"{face.output}: {len(covered)} characters, {len(data):,} bytes")
        css = STYLESHEET.read_text(encoding="utf-8")
        if BEGIN not in css or END not in css:
            raise CommandError(f"{STYLESHEET} has lost its markers around the @font-face rules")
        head, rest = css.split(BEGIN, 1)
        _old, tail = rest.split(END, 1)
        STYLESHEET.write_text(head + BEGIN + "\n" + "\n".join(rules) + "\n" + END + tail, encoding="utf-8")
        self.stdout.write(f"{STYLESHEET.relative_to(CORE.parent)}: @font-face rules rewritten")
