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
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ARTIFACTS, PERSONAS
from tests.test_browser import browser  # noqa: F401  (the Chromium fixture of the browser tests, shared)

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


# --- In Chromium ------------------------------------------------------------------------------------------------

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# The main public pages a visitor reaches, with the demo's keys filled in by demo_keys().
PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/about/",
    "/{lang}/members/",
    "/{lang}/members/astefir-al-zour/",
    "/{lang}/projects/",
    "/{lang}/projects/{project}/",
    "/{lang}/4w/",
    "/{lang}/campaigns/",
    "/{lang}/campaigns/deir-ez-zor-electricity/",
    "/{lang}/statements/deir-ez-zor-electricity-statement/",
    "/{lang}/rounds/deir-ez-zor-next/",
    "/{lang}/activities/",
    "/{lang}/newsletters/",
    "/{lang}/newsletters/7/",
    "/{lang}/news/{news}/",
    "/{lang}/regions/",
    "/{lang}/regions/{region}/",
    "/{lang}/bodies/",
    "/{lang}/bodies/{body}/",
    "/{lang}/members/apply/",
    "/{lang}/accounts/login/",
]
# Pages of the people who work in CivNet: an editor, a signatory and delegate, an admin, the technical team.
ACCOUNT_PAGES = [
    ("astefir_editor", "/{lang}/my/"),
    ("astefir_editor", "/{lang}/my/astefir-al-zour/projects/new/"),
    ("astefir_editor", "/{lang}/my/astefir-al-zour/projects/paste/"),
    ("astefir_editor", "/{lang}/my/astefir-al-zour/activities/"),
    ("astefir_admin", "/{lang}/my/{admin_org}/profile/"),
    ("astefir_admin", "/{lang}/my/{admin_org}/people/"),
    ("astefir_delegate", "/{lang}/statements/deir-ez-zor-electricity-statement/sign/"),
    ("astefir_delegate", "/{lang}/rounds/deir-ez-zor-next/"),
    ("tech_officer", "/{lang}/office/"),
    ("tech_officer", "/{lang}/office/audit/"),
    ("tech_officer", "/{lang}/office/advocacy/statements/deir-ez-zor-electricity-statement/"),
    ("tech_officer", "/{lang}/office/newsletters/"),
]

# Effective colours as Chromium paints them: a colour over the backgrounds behind it, and WCAG's contrast ratio.
COLOUR_JS = """
const rgba = s => { const m = (s.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
const background = el => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.backgroundImage !== "none") return null;  // a gradient or an image: not measured here
    const c = rgba(style.backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
};
const luminance = c => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
const shown = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 1 && r.height > 1 && s.visibility === "visible" && s.opacity !== "0"; };
"""

# Every element holding text: its colour against its background, 4.5:1, or 3:1 for large text (WCAG 1.4.3).
TEXT_CONTRAST_JS = (
    "() => {"
    + COLOUR_JS
    + """
  const failures = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el) || el.closest("svg, [aria-hidden=true], option") || !shown(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (el.closest(":disabled")) continue;
    const bg = background(el);
    if (!bg) continue;
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const ratio = contrast(over(rgba(style.color), bg), bg);
    if (ratio < needed) failures.push(`${describe(el)} "${node.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1 < ${needed}`);
  }
  return failures;
}"""
)

# The focused element's ring: drawn, at least 2px, and 3:1 against what is painted around it (WCAG 1.4.11, 2.4.7),
# sampled beside the ring outside it and in the gap between ring and element.
FOCUS_JS = (
    "() => {"
    + COLOUR_JS
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const name = describe(el) + ' "' + (el.textContent || el.value || "").trim().slice(0, 25) + '"';
  if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) return `${name}: no visible focus ring`;
  const ring = rgba(style.outlineColor), width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset);
  // A halo drawn with the ring (box-shadow 0 0 0 <spread> <colour>) is what lies next to it where it reaches.
  const halo = style.boxShadow.match(/(rgba?\\([^)]*\\))\\s+0px\\s+0px\\s+0px\\s+([\\d.]+)px/);
  const r = el.getBoundingClientRect();
  const worst = [];
  for (const d of [Math.max(offset, 0) / 2, offset + width + 1]) {
    for (const [x, y] of [[r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d], [r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2]]) {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const behind = document.elementsFromPoint(x, y).find(e => e !== el && !el.contains(e));
      let bg = behind ? background(behind) : [255, 255, 255, 1];
      if (bg && halo && d <= parseFloat(halo[2])) bg = over(rgba(halo[1]), bg);
      if (bg) worst.push([contrast(over(ring, bg), bg), describe(behind || document.body)]);
    }
  }
  worst.sort((a, b) => a[0] - b[0]);
  return worst.length && worst[0][0] < 3 ? `${name}: ring ${worst[0][0].toFixed(2)}:1 against ${worst[0][1]}` : null;
}"""
)

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1) && getComputedStyle(el).position !== "absolute";
  }).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className : ""));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def demo_keys() -> dict:
    from coalition.models import Body, Region
    from members.models import Affiliation
    from newsletters.models import NewsItem
    from projects.models import Project

    return {
        "project": Project.objects.published().order_by("pk").first().code,
        "news": NewsItem.objects.order_by("pk").first().slug,
        "region": Region.objects.order_by("pk").first().slug,
        "body": Body.objects.order_by("pk").first().slug,
        "admin_org": Affiliation.objects.filter(person__email=PERSONAS["astefir_admin"], role=Affiliation.Role.ADMIN)
        .first()
        .organisation.slug,
    }


@pytest.fixture
def site(browser, live_server, transactional_db, demo, settings):  # noqa: F811
    """Opens pages: a persona signed in (by a session cookie), a viewport, JavaScript or not; one page each."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    settings.CIVNET_BASE_URL = live_server.url
    pages = {}

    def open_page(persona=None, viewport=DESKTOP, javascript=True):
        key = (persona, viewport["width"], javascript)
        if key in pages:
            return pages[key]
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        if persona:
            client = Client()
            client.force_login(get_user_model().objects.get(email=PERSONAS[persona]))
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = pages[key] = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        page.base = live_server.url
        return page

    open_page.keys = demo_keys()
    yield open_page
    for page in pages.values():
        page.context.close()


def visit(page, path):
    response = page.goto(page.base + path)
    assert response.status == 200, f"{path}: {response.status}"


def shot(page, name, full_page=True):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"frontend-{name}.png"), full_page=full_page)


def artifact_name(path: str) -> str:
    """A screenshot's name from the page's path pattern, the same on every run: "members-{slug}"."""
    return re.sub(r"[{}]", "", path.removeprefix("/{lang}/").strip("/").replace("/", "-")) or "home"


def tab_through(page, stops=80) -> list[str]:
    """Press Tab through the page and check the focus ring at every stop."""
    failures = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        problem = page.evaluate(FOCUS_JS)
        if problem:
            failures.append(problem)
        if page.evaluate("document.activeElement === document.body"):
            break
    return failures


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pages_fit_a_phone_fold_the_menu_and_can_be_seen(site, lang):
    """At 375x812 without JavaScript: no page is wider than the screen and the menu, folded, takes less than a
    quarter of the first screen, then opens and leads on. On phone and desktop, text and focus rings meet WCAG AA
    contrast. Screenshots of every page go to test-artifacts/frontend-*.png."""
    keys = site.keys
    phone = site(viewport=PHONE, javascript=False)
    wide, low_contrast, focus = [], set(), set()
    for path in PUBLIC_PAGES:
        url = path.format(lang=lang, **keys)
        visit(phone, url)
        measure = phone.evaluate(OVERFLOW_JS)
        if measure["scroll"] > measure["width"]:
            wide.append(f"{url}: {measure['scroll']}px wide on a {measure['width']}px screen ({measure['wide']})")
        low_contrast.update(f"{url}: {problem}" for problem in phone.evaluate(TEXT_CONTRAST_JS))
        shot(phone, f"{lang}-375-{artifact_name(path)}")

    # The menu: folded on the phone, for a visitor as for the technical team (the longest menu), it opens without
    # JavaScript and its links lead on.
    menu = []
    for persona in (None, "tech_officer"):
        page = site(persona, viewport=PHONE, javascript=False)
        visit(page, f"/{lang}/")
        header = page.locator("header.top").bounding_box()["height"]
        if header >= PHONE["height"] / 4:
            menu.append(
                f"the header takes {header:.0f}px of the {PHONE['height']}px first screen ({persona or 'visitor'})"
            )
    members = phone.locator("header.top nav a[href$='/members/']").first
    summary = phone.locator("header.top details summary")
    if members.is_visible() or not summary.count():
        menu.append("the menu is not folded on a phone")
    else:
        summary.click()
        shot(phone, f"{lang}-375-menu-open", full_page=False)
        low_contrast.update(f"/{lang}/ (menu open): {problem}" for problem in phone.evaluate(TEXT_CONTRAST_JS))
        focus.update(f"/{lang}/ (phone): {problem}" for problem in tab_through(phone, 12))
        members.click()
        phone.wait_for_url(f"**/{lang}/members/")

    for persona, path in ACCOUNT_PAGES:
        page = site(persona, viewport=PHONE, javascript=False)
        url = path.format(lang=lang, **keys)
        visit(page, url)
        measure = page.evaluate(OVERFLOW_JS)
        if measure["scroll"] > measure["width"]:
            wide.append(f"{url} ({persona}): {measure['scroll']}px wide ({measure['wide']})")
        low_contrast.update(f"{url}: {problem}" for problem in page.evaluate(TEXT_CONTRAST_JS))
        shot(page, f"{lang}-375-{persona}-{artifact_name(path)}")

    # On a desktop the menu shows unfolded; every focus ring is seen, on the green header as on the page.
    desktop = site(viewport=DESKTOP)
    for path in ("/{lang}/", "/{lang}/members/", "/{lang}/statements/deir-ez-zor-electricity-statement/"):
        url = path.format(lang=lang)
        visit(desktop, url)
        if not desktop.locator("header.top nav a[href$='/members/']").first.is_visible():
            menu.append(f"{url}: the menu is folded on a desktop")
        low_contrast.update(f"{url}: {problem}" for problem in desktop.evaluate(TEXT_CONTRAST_JS))
        focus.update(f"{url}: {problem}" for problem in tab_through(desktop))
        shot(desktop, f"{lang}-1280-{artifact_name(path)}")
    tech = site("tech_officer", viewport=DESKTOP)
    visit(tech, f"/{lang}/office/")
    focus.update(f"/{lang}/office/: {problem}" for problem in tab_through(tech))
    shot(tech, f"{lang}-1280-office")

    problems = menu + wide + sorted(low_contrast) + sorted(focus)
    assert not problems, "\n".join(problems)


CONTROL_ROLES = {"textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "spinbutton", "slider", "switch"}
# Where a visible label comes from in Chromium's accessible-name computation.
LABEL_SOURCES = {"labelfor", "labelwrapped", "label", "aria-labelledby"}
# Forms sent empty (or with what cannot be accepted): persona, page, the form.
FORMS_TO_SEND = [
    (None, "/{lang}/members/apply/", "form.card"),
    (None, "/{lang}/accounts/login/", "form.card"),
    (None, "/{lang}/newsletters/", "form[action$='/subscribe/']"),
    (None, "/{lang}/news/{news}/", "form.card"),
    ("astefir_editor", "/{lang}/my/astefir-al-zour/activities/", "form.card"),
    ("astefir_delegate", "/{lang}/statements/deir-ez-zor-electricity-statement/sign/", "form.card"),
    ("tech_officer", "/{lang}/office/advocacy/statements/new/", "form.card"),
    ("tech_officer", "/{lang}/office/advocacy/rounds/new/", "form.card"),
    ("tech_officer", "/{lang}/office/advocacy/campaigns/new/", "form.card"),
    ("tech_officer", "/{lang}/office/newsletters/news/new/", "form.card"),
    ("tech_officer", "/{lang}/office/bodies/new/", "form.card"),
    ("tech_officer", "/{lang}/office/communities/", "form.card"),
]

SUMMARY_JS = """form => {
  const summary = form.querySelector(".error-summary");
  const problems = [];
  const invalid = [...form.querySelectorAll("[aria-invalid=true]")].filter(c => !c.closest("[aria-hidden=true]"));
  const errors = invalid.length > 0 || form.querySelector(".errorlist") !== null;
  if (!summary) return {problems: errors ? ["errors shown without a summary"] : [], links: 0, errors};
  const first = form.querySelector(".field, fieldset, [aria-invalid=true]");
  if (first && !(summary.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)) problems.push("the summary is not above the fields");
  const targets = [...summary.querySelectorAll("a[href^='#']")].map(a => a.getAttribute("href").slice(1));
  for (const id of targets) {
    const target = document.getElementById(id);
    if (!target) problems.push(`a link to #${id}, which is not on the page`);
    else if (!target.matches("input, select, textarea") && !target.querySelector("input, select, textarea")) problems.push(`#${id} is not a control`);
  }
  for (const control of invalid) {
    const linked = targets.some(id => { const t = document.getElementById(id); return t && (t === control || t.contains(control)); });
    if (!linked) problems.push(`${control.name} is in error but not linked from the summary`);
  }
  return {problems, links: targets.length, errors: true};
}"""


def unlabelled_controls(page) -> list[str]:
    """Form controls whose accessible name (as Chromium computes it) does not come from a visible label."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.getDocument", {"depth": -1})
    problems = []
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        role = node.get("role", {}).get("value")
        if node.get("ignored") or role not in CONTROL_ROLES | {"button"}:
            continue
        dom = cdp.send("DOM.describeNode", {"backendNodeId": node["backendDOMNodeId"]})["node"]
        if dom["nodeName"] not in ("INPUT", "SELECT", "TEXTAREA", "BUTTON"):
            continue  # the browser's own parts of a control (the fields of a date input)
        attributes = dict(zip(dom.get("attributes", [])[::2], dom.get("attributes", [])[1::2], strict=True))
        what = f"<{dom['nodeName'].lower()} name={attributes.get('name')!r}>"
        name = node.get("name") or {}
        sources = {
            source.get("attribute") or source.get("nativeSource")
            for source in name.get("sources", [])
            if (source.get("value") or {}).get("value") and not source.get("superseded")
        }
        if not name.get("value", "").strip():
            problems.append(f"{what} has no accessible name")
        elif role != "button" and not sources & LABEL_SOURCES:
            problems.append(f"{what} is named {name['value']!r} only by {sorted(sources)}, not by a visible label")
    cdp.detach()
    return problems


def office_pages(page, lang):
    """Opens, in a fixed order, one page of each of the technical team's views reachable by links from the
    back-office (one organisation's page stands for all of them)."""
    from django.urls import Resolver404, resolve
    from django.utils import translation

    seen_views, queue = set(), [f"/{lang}/office/"]
    while queue:
        path = queue.pop(0)
        try:
            with translation.override(lang):
                view = resolve(path).view_name
        except Resolver404:
            continue
        if view in seen_views:
            continue
        seen_views.add(view)
        visit(page, path)
        yield path
        hrefs = page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.pathname)")
        downloads = (".csv", ".json", ".xlsx", ".xml", ".txt")
        queue += sorted(h for h in set(hrefs) if h.startswith(f"/{lang}/office/") and not h.endswith(downloads))


@pytest.mark.browser
def test_every_form_control_has_a_visible_label_and_errors_are_summed_up(site):
    """Every control of the main forms (visitors', editors', signatories', the office's) is named by a visible
    label: aria-label alone is heard but not seen (WCAG 3.3.2), title and placeholder are not labels. A form sent
    back with errors opens with a summary above its fields linking to each control in error (Arabic and English)."""
    keys = site.keys
    unlabelled = set()
    for persona, path in (
        [(None, p) for p in PUBLIC_PAGES] + ACCOUNT_PAGES + [("tech_officer", "/{lang}/campaigns/{campaign}/")]
    ):
        page = site(persona)
        url = path.format(lang="en", campaign="deir-ez-zor-electricity", **keys)
        visit(page, url)
        unlabelled.update(f"{url}: {problem}" for problem in unlabelled_controls(page))
    tech = site("tech_officer")
    for url in office_pages(tech, "en"):
        unlabelled.update(f"{url}: {problem}" for problem in unlabelled_controls(tech))

    summaries = []
    for lang in ("ar", "en"):
        for persona, path, selector in FORMS_TO_SEND:
            page = site(persona)
            url = path.format(lang=lang, **keys)
            visit(page, url)
            form = page.locator(selector).first
            form.evaluate("form => { form.noValidate = true; }")
            form.locator("button:not([type=button])").first.click()
            # The server's answer replaces the page; offline.js may keep a sealed copy first, so wait for the
            # answer itself rather than for a load that has not started yet.
            try:
                page.wait_for_selector(".error-summary, ul.errorlist", timeout=15_000)
            except PlaywrightTimeout:
                pass  # reported below: sent empty, it showed no errors
            page.wait_for_load_state()
            result = page.locator(selector).first.evaluate(SUMMARY_JS)
            summaries += [f"{url}: {problem}" for problem in result["problems"]]
            if not result["errors"]:
                summaries.append(f"{url}: sent empty, it showed no errors")
            if not page.locator(".error-summary").count():
                continue
            if not page.evaluate("document.activeElement.matches('.error-summary')"):
                summaries.append(f"{url}: the summary does not take the focus")
            link = page.locator(".error-summary a").first
            if link.count():
                target = link.get_attribute("href")
                link.click()
                if not page.evaluate("t => document.activeElement.closest(t) !== null", target):
                    summaries.append(f"{url}: following {target} does not reach the control")
            shot(page, f"{lang}-errors-{artifact_name(path)}")
            if lang == "ar":  # the markup is the same in every language: once is enough
                unlabelled.update(f"{url} (sent back): {problem}" for problem in unlabelled_controls(page))
    assert not unlabelled and not summaries, "\n".join(sorted(unlabelled) + summaries)
