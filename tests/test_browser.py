"""The real paths in Chromium (Playwright), in Arabic and in English: an organisation applies, the
technical team accepts it, the new admin sets a password and two-factor, and edits the profile.
Screenshots go to test-artifacts/ (git-ignored)."""

import os
import re
import shutil
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from tests.conftest import ARTIFACTS, PASSWORD, PERSONAS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.browser


def _skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser tests must run under CI: {reason}")
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        _skip_or_fail("no Chromium at /usr/bin/chromium (`apt-get install chromium`, or `make test` as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed")
    # Playwright's sync API runs an event loop; Django must allow its ORM calls in these tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server, transactional_db, demo, smtp, settings):
    from django.core.cache import cache

    # The cache table outlives transactional tests: forget TOTP codes already used and rate-limit counts.
    cache.clear()
    settings.CIVNET_BASE_URL = live_server.url
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="ar")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.base = live_server.url
    page.console_errors = errors
    yield page
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def totp_now(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def wait_for_mail(smtp, address, count):
    for _ in range(100):
        if len(smtp.to(address)) >= count:
            return smtp.to(address)[count - 1]
        time.sleep(0.05)
    raise AssertionError(f"no message {count} for {address}")


TEXT = {
    "ar": {"name_ar": "جمعية ضوء الفرات", "name_en": "Euphrates Light Association", "saved": "تم حفظ الملف التعريفي."},
    "en": {"name_ar": "جمعية نجمة الرقة", "name_en": "Raqqa Star Association", "saved": "The profile was saved."},
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_apply_accept_sign_in_edit(page, smtp, lang):
    text = TEXT[lang]
    email = f"applicant-{lang}@example.org"
    base = page.base

    # 1. An organisation applies to join.
    page.goto(f"{base}/{lang}/members/apply/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    page.fill("[name=name_ar]", text["name_ar"])
    page.fill("[name=name_en]", text["name_en"])
    page.select_option("[name=region]", label="Raqqa" if lang == "en" else "الرقة")
    page.check("[name=sectors] >> nth=0")
    page.fill("[name=description]", "Literacy classes for women." if lang == "en" else "دروس محو الأمية للنساء.")
    page.fill("[name=contact_name]", "Demo Applicant")
    page.fill("[name=contact_email]", email)
    page.check("[name=consent]")
    shot(page, f"{lang}-1-apply-form")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{lang}/members/apply/thanks/")
    shot(page, f"{lang}-2-apply-done")
    wait_for_mail(smtp, email, 1)

    # 2. The technical team officer signs in with two-factor and accepts.
    from django.contrib.auth import get_user_model

    tech = get_user_model().objects.get(email=PERSONAS["tech_officer"])
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("[name=login]", tech.email)
    page.fill("[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    secret = decrypt(Authenticator.objects.get(user=tech, type="totp").data["secret"])
    page.fill("[name=code]", totp_now(secret))
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
    page.goto(f"{base}/{lang}/office/applications/")
    page.click(f"text={text['name_ar'] if lang == 'ar' else text['name_en']}")
    shot(page, f"{lang}-3-review-application")
    page.select_option("[name=decision]", "accept")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".messages li")
    shot(page, f"{lang}-4-accepted")
    page.goto(f"{base}/{lang}/accounts/logout/")
    page.click("form button[type=submit]")
    # Signing out forgets the offline copies first (offline.js), then leaves: wait until it has left.
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)

    # 3. The applicant follows the emailed link, chooses a password and sets up two-factor.
    body = smtp.body(wait_for_mail(smtp, email, 2))
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", body).group(0)
    page.goto(link)
    page.fill("[name=password1]", "a fresh strong password 9")
    page.fill("[name=password2]", "a fresh strong password 9")
    page.click("form button[type=submit]")
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("[name=login]", email)
    page.fill("[name=password]", "a fresh strong password 9")
    page.click("form button[type=submit]")
    page.goto(f"{base}/{lang}/my/")
    if "/reauthenticate/" not in page.url:
        page.wait_for_url("**/accounts/**")
    if "/reauthenticate/" in page.url:
        page.fill("[name=password]", "a fresh strong password 9")
        page.click("form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    shot(page, f"{lang}-5-two-factor-setup")
    secret = page.input_value("#authenticator_secret")
    page.fill("[name=code]", totp_now(secret))
    page.click("form button[type=submit]")
    # Leaving before the activation's answer arrives would cancel it (a slow machine makes that likely).
    page.wait_for_url(lambda url: "/2fa/totp/activate/" not in url)

    # 4. The new admin edits the organisation's profile.
    slug = "euphrates-light-association" if lang == "ar" else "raqqa-star-association"
    page.goto(f"{base}/{lang}/my/{slug}/profile/")
    page.fill("[name=vision_ar]", "مجتمع يقرأ ويكتب.")
    page.fill("[name=website]", "https://example.org")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".messages li")
    assert text["saved"] in page.inner_text(".messages")
    shot(page, f"{lang}-6-profile-saved")
    page.goto(f"{base}/{lang}/members/{slug}/")
    assert "مجتمع يقرأ ويكتب." in page.inner_text("main")
    shot(page, f"{lang}-7-public-profile")
    assert page.console_errors == []


def test_directory_search_updates_in_place(page):
    page.goto(f"{page.base}/ar/members/")
    page.fill("#q", "ديرنا")
    from urllib.parse import parse_qs, urlsplit

    from playwright.sync_api import expect

    expect(page.locator("#results li")).to_have_count(1)  # fetched by htmx, without a page load
    assert "ديرنا" in page.inner_text("#results")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["ديرنا"]  # the address can be shared
    shot(page, "ar-directory-search")
    assert page.console_errors == []


PASTE = {
    "en": "The project was implemented between 01/01/2023 and 15/02/2023 in Hajin. The project benefited 4,500 "
    "people. It involved the installation of polyethylene pipes for drinking water, 2,050 meters long.",
    "ar": "تم تنفيذ المشروع في الفترة بين ١/١/٢٠٢٣ و ١٥/٢/٢٠٢٣ في هجين، واستفاد منه ٤٬٥٠٠ شخص من شبكة مياه الشرب.",
}


def _sign_in(page, email, lang, secret=None):
    page.goto(f"{page.base}/{lang}/accounts/login/")
    page.fill("[name=login]", email)
    page.fill("[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    if secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.fill("[name=code]", totp_now(secret))
        page.click("form button[type=submit]")
    # Signed in once the browser has left the sign-in steps (a load state can be read before the answer comes).
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/2fa/authenticate/" not in url)
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_paste_a_project_publish_it_and_see_it_in_the_4w(page, lang):
    from django.contrib.auth import get_user_model

    from projects.models import Project

    base = page.base
    _sign_in(page, PERSONAS["astefir_editor"], lang)
    page.goto(f"{base}/{lang}/my/astefir-al-zour/projects/paste/")
    page.fill("[name=text]", PASTE[lang])
    page.click("form.card button[type=submit]")
    page.wait_for_selector("section.proposal")
    assert page.locator("mark.found").count() >= 3  # the dates, the people and the place, highlighted
    shot(page, f"{lang}-8-paste-proposal")
    page.click("section.proposal form button[type=submit]")
    page.wait_for_url("**/projects/p*/")
    project = Project.objects.latest("pk")
    assert project.actual_start.isoformat() == "2023-01-01" and project.reached_total == 4500
    assert [p.pcode for p in project.places.all()] == ["SY090201"]
    shot(page, f"{lang}-9-project-draft")
    page.click("button[name=then][value=submit]")  # saves the form, then submits
    page.wait_for_selector(".messages li")
    page.goto(f"{base}/{lang}/accounts/logout/")
    page.click("form button[type=submit]")
    # Signing out forgets the offline copies first (offline.js), then leaves: wait until it has left.
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)

    tech = get_user_model().objects.get(email=PERSONAS["tech_officer"])
    _sign_in(page, tech.email, lang, decrypt(Authenticator.objects.get(user=tech, type="totp").data["secret"]))
    page.goto(f"{base}/{lang}/office/projects/{project.code}/")
    page.select_option("[name=decision]", "publish")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".messages li")
    project.refresh_from_db()
    assert project.review_state == "published"
    page.goto(f"{base}/{lang}/4w/?region=deir-ez-zor")
    assert page.locator("svg.map .areas path:not(.q0):not(.outside)").count() >= 1  # a sub-district coloured
    assert {"ar": "4٬500", "en": "4,500"}[lang] in page.inner_text("table.matrix")
    shot(page, f"{lang}-10-4w")
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_signatory_signs_the_statement(page, lang):
    from campaigns.models import Signature

    Signature.objects.filter(organisation__slug="astefir-al-zour").delete()
    base = page.base
    _sign_in(page, PERSONAS["astefir_delegate"], lang)
    page.goto(f"{base}/{lang}/statements/deir-ez-zor-electricity-statement/")
    count = page.inner_text("p.count")
    page.click("a[href$='/sign/']")
    page.wait_for_selector("code.fingerprint")
    fingerprint = page.inner_text("code.fingerprint")
    page.check("input[name=visibility][value=counted]")
    page.fill("[name=password]", PASSWORD)
    shot(page, f"{lang}-11-sign")
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".messages li")
    assert page.inner_text("p.count") != count
    assert page.inner_text("code.fingerprint") == fingerprint
    signature = Signature.objects.get(organisation__slug="astefir-al-zour")
    assert signature.visibility == "counted" and signature.version.fingerprint == fingerprint
    shot(page, f"{lang}-12-signed")
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_read_the_newsletter_and_subscribe(page, smtp, lang):
    from newsletters.models import Subscriber

    base = page.base
    page.goto(f"{base}/{lang}/newsletters/7/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator("a[href='https://example.org/tayif/2']").count() == 1
    shot(page, f"{lang}-13-newsletter-issue")
    page.goto(f"{base}/{lang}/newsletters/")
    page.fill("[name=email]", f"reader-{lang}@example.org")
    page.select_option("[name=language]", lang)
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".messages li")
    shot(page, f"{lang}-14-subscribed")
    link = wait_for_mail(smtp, f"reader-{lang}@example.org", 1)
    url = re.search(r"http://\S+/newsletters/confirm/\S+/", smtp.body(link)).group(0)
    page.goto(url)
    assert Subscriber.objects.get(email=f"reader-{lang}@example.org").active
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_technical_team_freezes_a_new_version_and_a_delegate_votes(page, lang):
    from django.contrib.auth import get_user_model

    from campaigns.models import Ballot, Statement

    base = page.base
    tech = get_user_model().objects.get(email=PERSONAS["tech_officer"])
    _sign_in(page, tech.email, lang, decrypt(Authenticator.objects.get(user=tech, type="totp").data["secret"]))
    slug = "deir-ez-zor-electricity-statement"
    before = Statement.objects.get(slug=slug).current_version()
    page.goto(f"{base}/{lang}/office/advocacy/statements/{slug}/")
    page.fill("[name=text_en]", before.text_en + "\nWe also ask for a public timetable of supply hours.")
    page.click(f"form[action$='/{slug}/text/'] button")
    page.wait_for_selector(".messages li")
    page.on("dialog", lambda dialog: dialog.accept())  # "Freeze this text?" (data-confirm)
    page.click(f"form[action$='/{slug}/freeze/'] button")
    page.wait_for_selector(".messages li")
    shot(page, f"{lang}-15-version-frozen")
    after = Statement.objects.get(slug=slug).current_version()
    assert after.number == before.number + 1 and after.fingerprint in page.inner_text(".messages")
    page.goto(f"{base}/{lang}/statements/{slug}/")
    assert page.inner_text("code.fingerprint") == after.fingerprint
    page.goto(f"{base}/{lang}/accounts/logout/")
    page.click("form button[type=submit]")
    # Signing out forgets the offline copies first (offline.js), then leaves: wait until it has left.
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)

    _sign_in(page, PERSONAS["astefir_delegate"], lang)  # also Astefir Al-Zour's delegate
    page.goto(f"{base}/{lang}/rounds/deir-ez-zor-next/")
    page.check("[name=approvals] >> nth=0")
    shot(page, f"{lang}-16-vote")
    page.click("form[action$='/vote/'] button")
    page.wait_for_selector(".messages li")
    assert Ballot.objects.filter(round__slug="deir-ez-zor-next", organisation__slug="astefir-al-zour").count() == 1
    assert page.locator("form[action$='/vote/']").count() == 0  # one voice per organisation
    assert page.console_errors == []
