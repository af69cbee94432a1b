"""The whole-site walk (issue 9): every persona, every language, every page it can reach, fails on a server error,
a link or form offered to the persona that answers 404/403, English interface text on Arabic and Kurmanji pages,
raw field names, audit codes and Python values shown to people; then, in Chromium at 375×812, on horizontal
overflow, chart labels outside their SVG and form controls without an accessible name."""

import pytest
from django.test import Client

from tests import crawl
from tests.conftest import PERSONAS
from tests.test_browser import browser  # noqa: F401 - the shared Chromium fixture

LANGUAGES = ("ar", "ku", "syr", "en")
WHO = ("anonymous", *PERSONAS)
WALKED: dict[tuple[str, str], crawl.Walk] = {}


def _starts(who: str, lang: str) -> list[str]:
    starts = [f"/{lang}/"]
    if who != "anonymous":
        starts.append(f"/{lang}/my/")
    if who == "tech_officer":
        starts.append(f"/{lang}/office/")
    return starts


def _client(people, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(people[who])
    return client


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("who", WHO)
def test_every_page_works_in_every_language(people, who, lang):
    result = crawl.walk(_client(people, who), who, lang, _starts(who, lang))
    WALKED[(who, lang)] = result
    assert len(result.pages) > 5, "the walk reached almost nothing"
    assert not result.failures, f"{len(result.failures)} problems:\n" + "\n".join(result.failures[:80])


def walked_summary() -> str | None:
    if not WALKED:
        return None
    pages = sum(len(w.pages) for w in WALKED.values())
    personas = len({who for who, _lang in WALKED})
    languages = len({lang for _who, lang in WALKED})
    return f"site walk: {pages} pages walked ({personas} personas × {languages} languages)"


# --- In Chromium, on a phone -------------------------------------------------------------------------------

PHONE = {"width": 375, "height": 812}
CHECKS = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) {
    // Name the outermost elements that stick out, so the failure says where to look.
    const out = [...document.querySelectorAll('body *')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width && (r.right > window.innerWidth + 1 || r.left < -1) && !el.closest('.scroll, [hidden]');
    }).filter((el, _i, all) => !all.includes(el.parentElement)).slice(0, 3)
      .map(el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent || '').trim().slice(0, 40)}"`);
    problems.push(`page is ${doc.scrollWidth}px wide on a ${window.innerWidth}px screen (${out.join(', ')})`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    if (!box.width) continue;
    for (const text of svg.querySelectorAll('text')) {
      const t = text.getBoundingClientRect();
      if (!t.width) continue;
      if (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1) {
        problems.push(`chart label outside its chart: "${text.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  const controls = document.querySelectorAll('input, select, textarea');
  for (const c of controls) {
    if (c.type === 'hidden' || c.type === 'submit' || c.type === 'button') continue;
    const named = (c.labels && c.labels.length && [...c.labels].some(l => l.textContent.trim()))
      || (c.getAttribute('aria-label') || '').trim() || c.getAttribute('aria-labelledby') || (c.title || '').trim();
    if (!named) problems.push(`form control without an accessible name: ${c.outerHTML.slice(0, 100)}`);
  }
  return problems;
}"""


def _session_cookie(user) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_of_page_fits_a_phone(browser, live_server, transactional_db, demo, lang):  # noqa: F811
    from django.contrib.auth import get_user_model

    User = get_user_model()
    people = {who: User.objects.get(email=email) for who, email in PERSONAS.items()}
    failures, checked = [], 0
    first_reached = {}  # each kind of page once, as the first persona who reached it
    for who in WHO:
        for page in crawl.walk(_client(people, who), who, lang, _starts(who, lang)).pages:
            if page.status == 200 and not crawl.NOT_HTML.search(page.url) and not page.url.startswith("/api/"):
                first_reached.setdefault(page.view, (who, page.url))
    for who in WHO:
        urls = sorted((view, url) for view, (by, url) in first_reached.items() if by == who)
        if not urls:
            continue
        context = browser.new_context(viewport=PHONE, locale=lang)
        if who != "anonymous":
            context.add_cookies([{"name": "sessionid", "value": _session_cookie(people[who]), "url": live_server.url}])
        tab = context.new_page()
        for view, url in urls:
            tab.goto(live_server.url + url)
            checked += 1
            failures += [f"[{who} {lang}] {url} ({view}): {problem}" for problem in tab.evaluate(CHECKS)]
        context.close()
    assert checked > 20
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(sorted(set(failures))[:80])
