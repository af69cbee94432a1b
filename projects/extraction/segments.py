"""A pasted text cut into the blocks of the projects it describes.

Lines are headings (short, no closing punctuation), labels ("Period: …", "المواقع: …"), bullets, table
rows or running text. A heading opens a unit; a heading followed by another heading covers the units
below it (“Two interventions completed in Ar-Raqqa”). Inside a unit, each line that gives a period of
its own opens a project, and the lines after it belong to that project (its places, its bullet list of
results, its total); so a story over many lines is one project, and a list of projects with their own
periods is several. A text that gives no period, no people and no delivered results (an announcement, a
vision, a call for proposals) gives none."""

import re
from dataclasses import dataclass, field

from projects.extraction.words import ANNOUNCEMENT, DELIVERED, PROJECT, TITLE_PREFIXES, phrase_re

_ANNOUNCEMENT = phrase_re(ANNOUNCEMENT)
_PROJECT = phrase_re(PROJECT)
_DELIVERED = phrase_re(DELIVERED)
_TITLE_PREFIX = phrase_re(TITLE_PREFIXES, before=r"^\s*", after=r"\s*:")
_BULLET = re.compile(r"^\s*(?:[-•*·▪●◦–]|\d{1,2}\s*[-.)]\s*(?=\d))")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[-.)]|[a-z]\)|(?:اولا|ثانيا|ثالثا|رابعا|خامسا|سادسا)\s*[:\-–])\s*")
_LABEL = re.compile(r"^\s*([^:\n]{1,45}?)\s*:\s*\S")
_SECTION = re.compile(r"[:：]\s*$")


@dataclass
class Line:
    a: int  # folded start and end (without surrounding spaces)
    b: int
    text: str  # as written
    kind: str = "text"  # heading, label, bullet, table, text
    mentions: list = field(default_factory=list)
    counts: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    places_label: bool = False

    @property
    def period_kind(self) -> str | None:
        """What this line says of a period: a "range", only its "start" or "end", a "single" date, or None."""
        usable = [m for m in self.mentions if m.role != "not"]
        if not usable:
            return None
        roles = {m.role for m in usable}
        if len(usable) >= 2 or roles >= {"start", "end"}:
            return "range"
        return next(iter(roles)) or "single"

    @property
    def people(self) -> bool:
        return any(not c.family for c in self.counts)

    @property
    def signal(self) -> bool:
        return bool(self.period_kind or self.counts or self.outputs or self.places_label)


@dataclass
class Block:
    """One project's lines, the heading that titles it, the headings over it (their places count) and,
    for a table row, its header."""

    lines: list[Line]
    heading: Line | None = None
    context: list[Line] = field(default_factory=list)
    header: list[str] | None = None

    @property
    def a(self) -> int:
        return (self.heading or self.lines[0]).a

    @property
    def b(self) -> int:
        return self.lines[-1].b

    def period_kind(self) -> str | None:
        kinds = {line.period_kind for line in self.lines} - {None}
        if not kinds:
            return None
        return "range" if "range" in kinds or kinds >= {"start", "end"} else next(iter(kinds))


def classify(folded: str, original_lines: list[tuple[int, int, str]]) -> list[Line]:
    """Lines of the text with their kind (the readers fill in dates and counts before `blocks`)."""
    lines = [Line(a, b, text) for a, b, text in original_lines]
    for i, line in enumerate(lines):
        f = folded[line.a : line.b]
        if f.count("|") >= 2 or f.count("\t") >= 2:
            line.kind = "table"
        elif _BULLET.match(f):
            line.kind = "bullet"
        elif _TITLE_PREFIX.match(f) or _is_heading(line, f, lines[i + 1 :], folded):
            line.kind = "heading"
        elif _LABEL.match(f) or _SECTION.search(f):
            line.kind = "label"
    return lines


def _is_heading(line: Line, f: str, rest: list[Line], folded: str) -> bool:
    stripped = line.text.strip()
    if not rest or not re.search(r"[^\W\d_]", stripped):
        return False
    words = stripped.split()
    if len(words) > 16 or len(stripped) > 150 or re.search(r"[.!?؟:،,;]$", stripped):
        return False
    if _LABEL.match(f) and not _NUMBERED.match(f):
        return False
    if _NUMBERED.match(f):
        following = folded[rest[0].a : rest[0].b]
        if _NUMBERED.match(following) or _BULLET.match(following):
            return False  # a numbered list, not a numbered heading
    return True


def _split_unit(folded: str, lines: list[Line]) -> tuple[list[list[Line]], list[Line]]:
    """The projects of one unit: a line with its own period opens one (unless it only ends the period the
    previous line started); lines before the first period are its introduction. Returns the projects'
    lines and, when there are several, the introduction lines that speak of them (their places count)."""
    subs: list[list[Line]] = []
    preamble: list[Line] = []
    for line in lines:
        kind = line.period_kind
        if kind is not None and kind != "single" or (kind == "single" and not subs):
            current = subs[-1] if subs else None
            current_kind = _kind_of(current) if current else None
            if current is not None and current_kind == "start" and kind == "end":
                current.append(line)
            elif current is not None and current_kind is None:
                current.append(line)
            else:
                subs.append([line])
        elif subs:
            subs[-1].append(line)
        else:
            preamble.append(line)
    if not subs:
        return ([preamble] if preamble else []), []
    if len(subs) == 1:
        return [preamble + subs[0]], []
    # Several projects: an introduction line with its own count of people is a project of its own
    # (003's "A focused psychological support activity targeting 200 children ..."); a line that speaks of
    # the projects ("two interventions in Hasakah city") gives them its places.
    own = [[line] for line in preamble if line.people and _PROJECT.search(folded, line.a, line.b)]
    intro = [line for line in preamble if not line.people and _PROJECT.search(folded, line.a, line.b)]
    return own + subs, intro


def _kind_of(lines: list[Line]) -> str | None:
    kinds = {line.period_kind for line in lines} - {None}
    if not kinds:
        return None
    if "range" in kinds or kinds >= {"start", "end"}:
        return "range"
    return next(iter(kinds))


def _trim(lines: list[Line]) -> list[Line]:
    """Without the section labels and bare list lines that end a project's lines ("Achievements :")."""
    while len(lines) > 1:
        last = lines[-1]
        short = len(last.text.split()) <= 6
        if not last.signal and (last.kind in ("bullet", "label") or short or _SECTION.search(last.text)):
            lines = lines[:-1]
            continue
        break
    return lines


def blocks(folded: str, lines: list[Line]) -> list[Block]:
    """The blocks of the projects the lines describe, in reading order."""
    units: list[tuple[Line | None, list[Line], list[Line]]] = []  # heading, lines, context headings
    context: list[Line] = []
    heading: Line | None = None
    body: list[Line] = []
    table: list[Line] = []
    for line in lines:
        if line.kind == "table":
            table.append(line)
            continue
        if table:
            units.append((None, table, list(context)))
            table = []
        if line.kind == "heading":
            if heading is not None and not body:
                context = [heading]  # a heading right above another heading covers the units below
            elif heading is not None or body:
                units.append((heading, body, list(context)))
            heading, body = line, []
            continue
        body.append(line)
    if table:
        units.append((None, table, list(context)))
    if heading is not None or body:
        units.append((heading, body, list(context)))

    found: list[Block] = []
    for heading, body, ctx in units:
        if body and body[0].kind == "table":
            found += _table_blocks(folded, body, ctx)
            continue
        announcement = bool(_ANNOUNCEMENT.search(folded[(heading or body[0]).a : body[0].b] if body else ""))
        split, intro = _split_unit(folded, body)
        subs = [_trim(sub) for sub in split]
        shared = ctx + ([heading] if heading and len(subs) > 1 else []) + intro
        for sub in subs:
            if not sub:
                continue
            block = Block(sub, heading if len(subs) == 1 else None, shared)
            if _is_project(folded, block, announcement):
                found.append(block)
    return found


def _is_project(folded: str, block: Block, announcement: bool) -> bool:
    text = folded[block.a : block.b]
    kind = block.period_kind()
    people = any(line.people for line in block.lines)
    outputs = any(line.outputs for line in block.lines)
    if announcement:
        return bool(kind) and people and bool(_DELIVERED.search(text))
    if kind:
        return True
    if people:
        return bool(_PROJECT.search(text) or _DELIVERED.search(text))  # not a needs statement
    return outputs and bool(_DELIVERED.search(text))


def _cells(folded: str, line: Line) -> list[tuple[int, int]]:
    """(start, end) in folded text of each cell of a table row."""
    separator = "|" if folded.count("|", line.a, line.b) >= 2 else "\t"
    cells, at = [], line.a
    for part in folded[line.a : line.b].split(separator):
        start = at + len(part) - len(part.lstrip())
        end = at + len(part.rstrip())
        cells.append((start, max(start, end)))
        at += len(part) + 1
    return cells


def _table_blocks(folded: str, rows: list[Line], context: list[Line]) -> list[Block]:
    """A table (4W extract): its first row names the columns, every other row is a project."""
    header = [folded[a:b] for a, b in _cells(folded, rows[0])]
    found = []
    for row in rows[1:]:
        if row.period_kind or row.counts or row.outputs:
            found.append(Block([row], None, context, header))
    return found


def cells(folded: str, line: Line) -> list[tuple[int, int]]:
    return _cells(folded, line)
