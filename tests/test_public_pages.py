"""Every public page, in all four languages, for an anonymous visitor."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from coalition.models import Body
from members.models import Mandate

LANGS = {"ar": "rtl", "ku": "ltr", "syr": "rtl", "en": "ltr"}
PAGES = [
    "/{lang}/",
    "/{lang}/about/",
    "/{lang}/members/",
    "/{lang}/members/?q=water",
    "/{lang}/members/astefir-al-zour/",
    "/{lang}/members/apply/",
    "/{lang}/regions/",
    "/{lang}/regions/deir-ez-zor/",
    "/{lang}/bodies/",
    "/{lang}/bodies/local-board-deir-ez-zor/",
    "/{lang}/accounts/login/",
    "/{lang}/accounts/password/reset/",
]


def _english_msgids() -> set[str]:
    """CivNet's own English sentences: none of them may show untranslated on an Arabic page."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    return {e.msgid for e in po if len(e.msgid) > 12 and "%" not in e.msgid and "<" not in e.msgid}


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<[^>]*\blang="(en|ku)"[^>]*>[^<]*<', "<", html)  # content shown in its own language
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_public_page_in_every_language(client, demo, page, lang):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{LANGS[lang]}">' in html
    # Every page links to the same page in each of the other languages.
    for other in LANGS:
        assert f'hreflang="{other}"' in html
    if lang == "ar":
        text = _visible_text(html)
        leaked = [msgid for msgid in _english_msgids() if msgid in text]
        assert leaked == []


def test_bare_root_redirects_to_arabic_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_bare_root_follows_the_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/ar/"


def test_language_choice_is_remembered(client, demo):
    client.get("/ku/members/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ku"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ku/"


def test_language_switcher_keeps_the_page(client, demo):
    html = client.get("/ar/members/astefir-al-zour/").content.decode()
    assert 'href="/en/members/astefir-al-zour/"' in html
    assert 'href="/syr/members/astefir-al-zour/"' in html


def test_unknown_language_prefix_is_not_found(client, demo):
    assert client.get("/fr/members/").status_code == 404


def test_about_shows_the_coalition_name_in_three_scripts(client, demo):
    html = client.get("/en/about/").content.decode()
    assert "تحالف منظمات المجتمع المدني في شمال وشرق سوريا" in html
    assert "Hevbendîya Rêxistinên Civaka Sivîl ên Bakur û Rojhilatê Sûriyayê" in html
    assert "ܚܘܝܕ ܡܛܟܣܬ̈ܐ" in html  # logical order, as typed and read (the seed gives it in visual order)
    assert "We seek to activate the role of civil society" in html


def test_arabic_dates_use_syrian_month_names(client, demo):
    html = client.get("/ar/members/astefir-al-zour/").content.decode()
    assert "حزيران 2018" in html
    assert "يونيو" not in html


def test_missing_translation_falls_back_to_the_original_with_a_mark(client, demo):
    # The organisation wrote its mission in English only: the Arabic page shows it, marked EN.
    html = client.get("/ar/members/astefir-al-zour/").content.decode()
    assert '<div lang="en" dir="ltr"><p>Child care and protection' in html
    assert 'class="lang-mark"' in html
    # Its description exists in Arabic: shown in Arabic, unmarked.
    assert '<div lang="ar" dir="rtl"><p>منظمة غير ربحية' in html


def test_profile_shows_only_published_contacts(client, demo):
    html = client.get("/en/members/astefir-al-zour/").content.decode()
    assert "contact@astefir.example" in html  # the organisation chose to publish it
    html = client.get("/en/members/deirna/").content.decode()
    assert "mailto:" not in html


def test_applicants_and_rejected_are_not_public(client, demo):
    assert client.get("/en/members/furat-youth-initiative/").status_code == 404
    assert "Furat Youth" not in client.get("/en/members/").content.decode()


def test_body_page_hides_names_unless_agreed(client, demo):
    html = client.get("/en/bodies/local-board-deir-ez-zor/").content.decode()
    assert "Karim Example (demo)" in html  # agreed to be named
    assert "Samir Example (demo)" not in html
    assert "name not published" in html
    # The general board mandate ended: it is kept as history, not as a current member.
    html = client.get("/en/bodies/general-board/").content.decode()
    assert "Past mandates" in html
    assert "No seat is held at the moment." in html


def test_body_page_lists_seats_by_role_then_term(client, demo):
    body = Body.objects.get(slug="local-board-deir-ez-zor")
    person = get_user_model().objects.get(email="editor@demo.civnet.invalid")
    for role, starts_on in (("member", "2020-01-01"), ("deputy", "2021-01-01"), ("member", "2019-01-01")):
        Mandate.objects.create(body=body, person=person, role=role, starts_on=starts_on)
    html = client.get("/en/bodies/local-board-deir-ez-zor/").content.decode()
    # Each term starts with a day-first date in a <time> element (its datetime attribute is ISO 8601).
    rows = re.findall(
        r"<tr><td>([^<]+)</td>.*?<td><bdi><time datetime=\"(\d{4}-\d\d-\d\d)\">[^<]*</time></bdi> –", html, re.S
    )
    assert [role for role, _ in rows] == ["Chair", "Deputy chair", "Secretary", "Member", "Member"]
    assert rows[3][1].startswith("2019") and rows[4][1].startswith("2020")


def test_region_lists_its_members(client, demo):
    html = client.get("/en/regions/deir-ez-zor/").content.decode()
    for name in ("Astefir Al-Zour Organization", "Deirna Organization for Development", "Bedaya Organization"):
        assert name in html
    assert "Zamen" not in html
