"""Scoring the extraction against hand-made gold annotations (the format of the shared `dev.jsonl`, see
docs/extraction.md): per language and overall, how many texts were split into the right number of
projects, how many dates and people counts are right, how many places and outputs were found, and whether
every problem the annotator saw was flagged. Misses are listed so they can be read, not just counted."""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.text import normalise

# The problems the gold annotations record; a proposal's other problems (no sector, no title) are not scored.
SCORED_PROBLEMS = ("invalid_date", "end_before_start", "approximate_count", "no_period", "ambiguous_date")
# Kurmanji names are written with case endings (Amûdê, Dêrikê, Tirbespiyê): a place found in one inflected
# form counts for the annotator's other form of the same name.
_ENDINGS = ("", "e", "ye", "a", "ya", "ne", "i", "iye")


@dataclass
class Tally:
    """Right / total for one measure."""

    right: int = 0
    total: int = 0

    def add(self, right: bool | int, total: int = 1):
        self.right += int(right)
        self.total += total

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None

    def __str__(self) -> str:
        share = self.share
        return f"{self.right}/{self.total}" + (f" ({share:.0%})" if share is not None else "")


@dataclass
class Scores:
    texts: int = 0
    projects: int = 0
    count: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    people: Tally = field(default_factory=Tally)
    places_recall: Tally = field(default_factory=Tally)
    places_precision: Tally = field(default_factory=Tally)
    outputs_recall: Tally = field(default_factory=Tally)
    outputs_precision: Tally = field(default_factory=Tally)
    problems: Tally = field(default_factory=Tally)
    invalid_or_reversed: Tally = field(default_factory=Tally)
    false_invalid_date: int = 0
    false_problems: int = 0
    silent_dates: int = 0  # a date given where the annotator has none (an impossible date read as possible)
    silent_people: int = 0  # a people count given where the annotator has none (families read as people)

    MEASURES = (
        ("count", "texts split into the right number of projects"),
        ("dates", "dates right"),
        ("people", "people reached right"),
        ("places_recall", "places found (recall)"),
        ("places_precision", "places right (precision)"),
        ("outputs_recall", "outputs found (recall)"),
        ("outputs_precision", "outputs right (precision)"),
        ("problems", "problems flagged"),
        ("invalid_or_reversed", "…of which invalid dates and reversed periods"),
    )


@dataclass
class Report:
    by_language: dict[str, Scores]
    overall: Scores
    misses: list[str]

    def as_dict(self) -> dict:
        def one(s: Scores) -> dict:
            out = {"texts": s.texts, "projects": s.projects}
            for name, _label in Scores.MEASURES:
                tally = getattr(s, name)
                out[name] = {"right": tally.right, "total": tally.total, "share": tally.share}
            out.update(
                false_invalid_date=s.false_invalid_date,
                false_problems=s.false_problems,
                silent_dates=s.silent_dates,
                silent_people=s.silent_people,
            )
            return out

        return {
            "by_language": {k: one(v) for k, v in self.by_language.items()},
            "overall": one(self.overall),
            "misses": self.misses,
        }

    def lines(self) -> list[str]:
        languages = sorted(self.by_language)
        columns = [*languages, "overall"]
        scores = [self.by_language[k] for k in languages] + [self.overall]
        width = 50
        out = [f"{'':{width}}" + "".join(f"{c:>18}" for c in columns)]
        out.append(f"{'texts / gold projects':{width}}" + "".join(f"{f'{s.texts} / {s.projects}':>18}" for s in scores))
        for name, label in Scores.MEASURES:
            out.append(f"{label:{width}}" + "".join(f"{str(getattr(s, name)):>18}" for s in scores))
        for name, label in (
            ("false_invalid_date", "false “invalid date”"),
            ("false_problems", "problems flagged that the annotator has not"),
            ("silent_dates", "dates given where the annotator has none"),
            ("silent_people", "people counts given where the annotator has none"),
        ):
            out.append(f"{label:{width}}" + "".join(f"{getattr(s, name):>18}" for s in scores))
        return out


def read_gold(path: str | Path) -> list[dict]:
    """The annotated texts of a JSONL file, one object per line (blank lines ignored)."""
    items = []
    with Path(path).open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}, line {number}: {error}") from None
    return items


def place_key(name: str) -> str:
    """A place name compared as written, without case, accents, hamza forms or a conjunction written onto it."""
    return normalise(name).replace(" ", "")


def _same_place(found: str, gold: str) -> bool:
    a, b = place_key(found), place_key(gold)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short) and long[len(short) :] in _ENDINGS


def _unit_head(unit: str) -> str:
    """The first word of an output's unit, without the Arabic article: "school kits" -> "school"."""
    words = normalise(unit).split()
    if not words:
        return ""
    head = words[0]
    return head[2:] if head.startswith("ال") and len(head) > 4 else head


def _same_output(found: dict, gold: dict) -> bool:
    try:
        same_quantity = abs(float(found.get("quantity")) - float(gold["quantity"])) < 1e-9
    except (TypeError, ValueError):
        return False
    if not same_quantity:
        return False
    a, b = _unit_head(found.get("unit") or ""), _unit_head(gold["unit"])
    return bool(a and b) and (a == b or a.startswith(b[:4]) or b.startswith(a[:4]))


def _value(slot) -> object:
    return slot.get("value") if isinstance(slot, dict) else slot


def _problems(proposal: dict) -> set[str]:
    return {p["code"] for p in proposal.get("problems", []) if p.get("code") in SCORED_PROBLEMS}


def _similarity(gold: dict, found: dict) -> float:
    """How surely a proposal is the annotator's project (to pair them in order when the counts differ)."""
    score = 0.0
    for ours, theirs in (("start_date", "start_date"), ("end_date", "end_date")):
        if gold[theirs] and _value(found.get(ours)) == gold[theirs]:
            score += 2
    if gold["beneficiaries"] is not None and _value(found.get("people_reached")) == gold["beneficiaries"]:
        score += 2
    places = [p.get("text") or p.get("name") or "" for p in found.get("places", [])]
    score += sum(1 for g in gold["places"] if any(_same_place(p, g) for p in places)) / max(1, len(gold["places"]))
    outputs = found.get("outputs", [])
    score += sum(1 for g in gold["outputs"] if any(_same_output(o, g) for o in outputs)) / max(1, len(gold["outputs"]))
    a, b = set(normalise(gold["title"]).split()), set(normalise(found.get("title") or "").split())
    score += len(a & b) / max(1, len(a | b))
    return score


def align(gold: list[dict], found: list[dict]) -> list[tuple[int | None, int | None]]:
    """Pairs (gold index, proposal index) in text order that make the proposals most alike their projects;
    a project or proposal left over is paired with None."""
    n, m = len(gold), len(found)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + _similarity(gold[i], found[j]))
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + _similarity(gold[i], found[j]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return pairs


def _score_text(item: dict, found: list[dict], s: Scores, misses: list[str]):
    gold = item["projects"]
    name = item.get("id", "?")
    s.texts += 1
    s.projects += len(gold)
    s.count.add(len(found) == len(gold))
    if len(found) != len(gold):
        misses.append(f"{name}: {len(found)} projects found, {len(gold)} in the gold")
    for gi, fi in align(gold, found):
        g = gold[gi] if gi is not None else None
        f = found[fi] if fi is not None else {}
        where = f"{name} project {gi + 1 if gi is not None else '(extra)'}"
        if g is None:
            codes = _problems(f)
            s.false_problems += len(codes)
            s.false_invalid_date += "invalid_date" in codes
            s.places_precision.add(0, len(f.get("places", [])))
            s.outputs_precision.add(0, len(f.get("outputs", [])))
            misses.append(f"{where}: a proposal the gold has not ({f.get('title')!r})")
            continue
        for slot in ("start_date", "end_date"):
            ours = _value(f.get(slot))
            if g[slot] is not None:
                s.dates.add(ours == g[slot])
                if ours != g[slot]:
                    misses.append(f"{where} {slot}: {ours} instead of {g[slot]}")
            elif ours is not None:
                s.silent_dates += 1
                misses.append(f"{where} {slot}: {ours} where the gold has none")
        ours = _value(f.get("people_reached"))
        if g["beneficiaries"] is not None:
            s.people.add(ours == g["beneficiaries"])
            if ours != g["beneficiaries"]:
                misses.append(f"{where} people: {ours} instead of {g['beneficiaries']}")
        elif ours is not None:
            s.silent_people += 1
            misses.append(f"{where} people: {ours} where the gold has none")
        places = [p.get("text") or p.get("name") or "" for p in f.get("places", [])]
        for place in g["places"]:
            hit = any(_same_place(p, place) for p in places)
            s.places_recall.add(hit)
            if not hit:
                misses.append(f"{where} place not found: {place}")
        for place in places:
            hit = any(_same_place(place, gp) for gp in g["places"])
            s.places_precision.add(hit)
            if not hit:
                misses.append(f"{where} place not in the gold: {place}")
        outputs = f.get("outputs", [])
        for output in g["outputs"]:
            hit = any(_same_output(o, output) for o in outputs)
            s.outputs_recall.add(hit)
            if not hit:
                misses.append(f"{where} output not found: {output['quantity']} {output['unit']}")
        for output in outputs:
            s.outputs_precision.add(any(_same_output(output, go) for go in g["outputs"]))
        codes = _problems(f)
        for issue in g["issues"]:
            s.problems.add(issue in codes)
            if issue in ("invalid_date", "end_before_start"):
                s.invalid_or_reversed.add(issue in codes)
            if issue not in codes:
                misses.append(f"{where} problem not flagged: {issue}")
        for code in codes - set(g["issues"]):
            s.false_problems += 1
            s.false_invalid_date += code == "invalid_date"
            misses.append(f"{where} problem flagged that the gold has not: {code}")


def evaluate(items: Iterable[dict], extract: Callable[[str], list[dict]]) -> Report:
    """Scores of `extract` (text -> proposals in the JSON form of `extract_projects`) on annotated texts."""
    by_language: dict[str, Scores] = defaultdict(Scores)
    overall = Scores()
    misses: list[str] = []
    for item in items:
        found = extract(item["text"])
        _score_text(item, found, by_language[item.get("lang", "?")], [])
        _score_text(item, found, overall, misses)
    return Report(dict(by_language), overall, misses)
