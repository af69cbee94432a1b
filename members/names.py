"""How organisation names are compared, so that one organisation cannot pose as another: on what a reader sees
(invisible characters left out, direction overrides applied) and on characters that look alike.

Look-alikes are compared by their skeleton as Unicode Technical Standard #39 defines it in section 4,
"Confusable Detection" (https://www.unicode.org/reports/tr39/#Confusable_Detection): two texts are confusable
when their skeletons are equal, and skeleton(X) is
  1. X in NFD,
  2. without its default-ignorable code points,
  3. each character replaced by its prototype from Unicode's confusables.txt,
  4. in NFD again.
The prototypes are Unicode's data, in data/confusables.txt (written by data/make_confusables.py, which checks
this module against ICU's implementation). The PyPI library confusable-homoglyphs was considered first: it
stores each line of confusables.txt in both directions, read from the file's comments, so a character's
prototype cannot be told from the characters that map to it, and it offers no skeleton."""

import functools
import unicodedata
from pathlib import Path

from core.text import normalise

DATA = Path(__file__).resolve().parent / "data" / "confusables.txt"

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.0): nothing a reader sees.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
IGNORABLE = frozenset(chr(cp) for start, end in _IGNORABLE_RANGES for cp in range(start, end + 1))
# Control, format, separator, private-use and surrogate characters: invisible, or not text at all.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}
# Left-to-right and right-to-left overrides show what follows in one direction, whatever its letters, until a
# pop (PDF) or the end of an isolate (PDI): "\u202e" + a name written backwards shows as the name.
_OVERRIDES = {"\u202d", "\u202e"}
_OVERRIDE_ENDS = {"\u202c", "\u2069"}


@functools.lru_cache(maxsize=1)
def prototypes() -> dict[str, str]:
    table = {}
    with DATA.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            source, prototype = line.split(";")
            table[chr(int(source, 16))] = "".join(chr(int(cp, 16)) for cp in prototype.split())
    return table


def skeleton(text: str) -> str:
    """UTS #39 section 4: texts with equal skeletons look alike (Cyrillic "а" and Latin "a", "m" and "rn")."""
    table = prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(table.get(ch, ch) for ch in decomposed if ch not in IGNORABLE)
    return unicodedata.normalize("NFD", mapped)


def visible(text: str) -> str:
    """The text without the characters a reader does not see."""
    return "".join(ch for ch in text if ch not in IGNORABLE and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES)


def as_displayed(text: str) -> str:
    """The text in the order a reader reads it where direction overrides reverse it. A simplification of the
    bidirectional algorithm that is enough to compare names: each overridden run is read backwards."""
    out, run, overriding = [], [], False
    for ch in text:
        if ch in _OVERRIDES:
            out.extend(reversed(run))
            run, overriding = [], True
        elif ch in _OVERRIDE_ENDS and overriding:
            out.extend(reversed(run))
            run, overriding = [], False
        elif overriding:
            run.append(ch)
        else:
            out.append(ch)
    out.extend(reversed(run))
    return "".join(out)


def readings(text: str) -> set[str]:
    """What a reader may see: the visible text in stored order and, where overrides reverse it, as displayed."""
    forms = {visible(text)}
    if _OVERRIDES.intersection(text):
        forms.add(visible(as_displayed(text)))
    return {form for form in forms if form.strip()}


def comparison_keys(text: str) -> set[str]:
    """Keys two names share when a reader could take one for the other: the same words once spelling variants are
    folded (core.text.normalise), or the same skeleton. The skeleton is taken as written (capital I looks like l)
    and after case folding (DEIRNA is Deirna)."""
    keys = set()
    for form in readings(text):
        keys.update((normalise(form), normalise(skeleton(form)), normalise(skeleton(form.casefold()))))
    keys.discard("")
    return keys
