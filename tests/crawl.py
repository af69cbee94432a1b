"""The site walk shared by the crawler tests: every page a persona can reach from the navigation and from the
pages it finds, in one language, with what is wrong on each page.

Deterministic and bounded: links are visited in sorted order, at most `PER_KIND` addresses per kind of page
(the view and the names of its query parameters), at most `MAX_PAGES` pages per walk."""

import re
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import polib
from django.urls import Resolver404, resolve
from lxml import html as lxml_html

from core.models import AuditEvent

LOCALE = Path(__file__).resolve().parent.parent / "locale"
MAX_PAGES = 160
PER_KIND = 2
# Followed for their status only: downloads, feeds, machine-readable pages.
NOT_HTML = re.compile(r"(\.csv|\.xlsx|\.json|\.xml|\.bel|\.key|\.txt|/feed/|format=(csv|xlsx|iati|text|json))")
SKIP = re.compile(r"(/accounts/logout/|/accounts/(password|email|2fa|reauthenticate)|/static/|/media/)")

# Interface text that is the same in every language, each with the reason.
ALLOWED = {
    "CivNet": "the product's name",
    "CSO-NES": "the coalition's acronym, used in every language",
    "4W": "the sector's name for who does what where when",
    "HXL": "a data standard's name",
    "IATI": "a data standard's name",
    "CSV": "a file format",
    "XLSX": "a file format",
    "JSON": "a file format",
    "RSS": "a feed format",
    "Atom": "a feed format",
    "API": "a technical name",
    "OpenAPI": "a technical name",
    "P-code": "OCHA's term, used untranslated by humanitarian staff",
    "TOTP": "a technical name",
    "SHA-256": "the fingerprint's algorithm",
    "العربية": "a language's own name in the switcher",
    "Kurmancî": "a language's own name in the switcher",
    "ܣܘܪܝܝܐ": "a language's own name in the switcher",
    "English": "a language's own name in the switcher",
}
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_FIELD_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)*_(?:ar|ku|syr|en)\b")
_HUMANISED_FIELD = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)* (?:ar|ku|syr|en)$")
_REPR = re.compile(r"(\{'[\w ]+': |\[\{'|<QuerySet|\bobject at 0x[0-9a-f]+)")


@cache
def english_interface_strings() -> frozenset[str]:
    """The English source of every interface string CivNet translates."""
    po = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))
    return frozenset(e.msgid.strip() for e in po if e.msgid.strip() and _LATIN.search(e.msgid))


@cache
def audit_codes() -> frozenset[str]:
    return frozenset(AuditEvent.Action.values)


@dataclass
class Page:
    url: str
    status: int
    view: str


@dataclass
class Walk:
    persona: str
    lang: str
    pages: list[Page] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def fail(self, url: str, message: str) -> None:
        self.failures.append(f"[{self.persona} {self.lang}] {url}: {message}")


def _view_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _kind(url: str) -> tuple:
    parts = urlsplit(url)
    return (_view_name(parts.path), tuple(sorted({k for k, _v in parse_qsl(parts.query)})))


def _is_data(element) -> bool:
    """Text people wrote (names, titles, descriptions) rather than CivNet's own words."""
    node = element
    while node is not None:
        if _is_data_node(node):
            return True
        node = node.getparent()
    return False


def _is_data_node(node) -> bool:
    if node.tag in ("bdi", "code", "pre", "kbd", "samp") or node.get("translate") == "no":
        return True
    if node.get("lang") is not None and node.tag != "html":
        return True
    classes = (node.get("class") or "").split()
    return node.get("dir") == "auto" or "data" in classes or "lang-mark" in classes


def _text(element) -> str:
    """The element's own interface text: what sits inside data (names, titles: `lang`, `bdi`, `dir=auto`) is left
    out."""
    parts = []

    def visit(node):
        if node is not element and isinstance(node.tag, str) and _is_data_node(node):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            visit(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    visit(element)
    return " ".join("".join(parts).split())


def interface_texts(tree) -> list[tuple[str, str]]:
    """(where, text) for every piece of interface text on the page that is not data."""
    found = []
    title = tree.find(".//title")
    if title is not None:
        found.append(("title", _text(title).split(" · ")[0]))
    for tag in ("label", "legend", "button", "th", "summary", "h1", "h2", "caption"):
        for element in tree.iter(tag):
            if not _is_data(element):
                found.append((tag, _text(element)))
    for element in tree.iter("option"):
        found.append(("option", _text(element)))  # judged against the catalogue only: options may be data
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("placeholder", "title", "aria-label"):
            value = element.get(attribute)
            if value and not _is_data(element):
                found.append((f"@{attribute}", " ".join(value.split())))
        if element.tag == "input" and element.get("type") in ("submit", "button") and element.get("value"):
            found.append(("input", element.get("value")))
    return [(where, text) for where, text in found if text]


def untranslated(tree, lang: str) -> list[str]:
    """Interface text left in English on an Arabic or Kurmanji page, raw field names in any language."""
    problems = []
    english = english_interface_strings()
    for where, text in interface_texts(tree):
        if text in ALLOWED or not _LATIN.search(text):
            continue
        if _FIELD_NAME.search(text) or _HUMANISED_FIELD.match(text.rstrip(":")):
            problems.append(f"raw field name in {where}: {text!r}")
            continue
        if lang in ("ar", "ku") and (text in english or text.rstrip(":.") in english):
            problems.append(f"English in {where}: {text!r}")
        elif (
            lang == "ar"
            and where not in ("option", "title")
            and not _ARABIC.search(text)
            and not _looks_like_data(text)
        ):
            problems.append(f"Latin-only interface text in {where}: {text!r}")
    return problems


def _looks_like_data(text: str) -> bool:
    return bool(re.fullmatch(r"[\w.+-]+@[\w.-]+|https?://\S+|[\d\s.,:/%+-]+|\(?[A-Z]{2,}\d*\)?", text))


def raw_codes(tree) -> list[str]:
    """Audit codes and Python representations shown as text, in any language."""
    body = tree.find(".//body")
    if body is None:
        return []
    visible = " ".join(t for t in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]") if t.strip())
    problems = [f"Python value shown: {m.group(0)!r}" for m in _REPR.finditer(visible)]
    problems += [f"raw code shown: {code!r}" for code in audit_codes() if code in visible]
    return problems


def links(tree, base: str, lang: str) -> tuple[list[str], list[str]]:
    """(links to follow, GET form actions) within this language's site."""
    hrefs, actions = [], []
    for element in tree.iter("a"):
        href = element.get("href")
        if href and not href.startswith(("#", "mailto:", "tel:", "javascript:")):
            hrefs.append(urljoin(base, href))
    for form in tree.iter("form"):
        action = urljoin(base, form.get("action") or base)
        (actions if (form.get("method") or "get").lower() == "get" else hrefs).append(action)
    keep = []
    for url in hrefs:
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or SKIP.search(parts.path):
            continue
        if parts.path.startswith(f"/{lang}/") or parts.path.startswith("/api/"):
            keep.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return keep, actions


def walk(client, persona: str, lang: str, starts: list[str]) -> Walk:
    """Visit every page reachable from `starts`; record what is wrong."""
    result = Walk(persona, lang)
    queue = deque(sorted(set(starts)))
    seen, kinds = set(queue), {}
    while queue and len(result.pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url, follow=True)
        final = response.request["PATH_INFO"]
        view = _view_name(final) or "?"
        result.pages.append(Page(url, response.status_code, view))
        if response.status_code >= 500:
            result.fail(url, f"server error {response.status_code}")
            continue
        if response.status_code in (403, 404):
            result.fail(url, f"offered to this persona, answers {response.status_code}")
            continue
        if NOT_HTML.search(url) or "html" not in response.get("Content-Type", "") or not response.content.strip():
            continue
        tree = lxml_html.fromstring(response.content)
        for problem in untranslated(tree, lang) + raw_codes(tree):
            result.fail(url, problem)
        found, actions = links(tree, final, lang)
        for action in actions:
            if _view_name(urlsplit(action).path) is None:
                result.fail(url, f"form action goes nowhere: {action}")
        for link in sorted(set(found)):
            if link in seen:
                continue
            seen.add(link)
            kind = _kind(link)
            if kind[0] is None:
                result.fail(url, f"link goes nowhere: {link}")
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            if kinds[kind] <= PER_KIND:
                queue.append(link)
    return result


def page_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(params)
    return parts.path + ("?" + urlencode(query) if query else "")
