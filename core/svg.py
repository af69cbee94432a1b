"""Measuring label text for server-drawn SVG (charts and maps): an estimate of its width with no font metrics,
and fitting it into lines of a given width. One copy for every app that draws."""

import unicodedata


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of `text` at `size` (no font metrics on the server): wide enough that
    a label kept within it never leaves the box in the fonts the site uses."""
    em = 0.0
    for ch in text:
        if ch in " .,:;'!|()[]·-":
            em += 0.36
        elif ch.isdigit():
            em += 0.6
        elif "A" <= ch <= "Z" or ch in "mwMW@%&":
            em += 0.78
        elif ch.isascii():
            em += 0.58
        elif unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
            continue
        else:  # Arabic, Syriac, Kurmanji's accented letters: as wide as the widest ordinary letters
            em += 0.68
    return em * size * 1.08


def fit(text: str, width: float, size: float, lines: int = 2) -> list[str]:
    """`text` in at most `lines` lines of at most `width`, by words; the last line shortened with an ellipsis
    when the words do not fit."""
    words, out, current = text.split(), [], ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    out.append(current)
    last = out[-1]
    if text_width(last, size) > width:
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out[:lines]
