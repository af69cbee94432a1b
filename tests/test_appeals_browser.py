"""The appeal's real paths in Chromium, in Arabic and in English, on a 375 px phone: an editor records what
arrives at their collection point, a coordinator builds a convoy and loads a truck from the stock, the receiving
partner confirms the handover by the one-time link, without an account. Screenshots go to test-artifacts/."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt

from appeals.models import Appeal, CollectionPoint, Convoy, Handover, Item, ManifestLine, StockEntry, Truck
from tests.conftest import PERSONAS
from tests.test_browser import _sign_in, browser, shot  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser
SLUG = "here-is-syria"


@pytest.fixture
def phone(browser, live_server, transactional_db, demo, settings):  # noqa: F811
    from django.core.cache import cache

    cache.clear()
    settings.CIVNET_BASE_URL = live_server.url
    Appeal.objects.filter(slug=SLUG).update(status=Appeal.Status.OPEN)
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.base = live_server.url
    page.console_errors = errors
    yield page
    context.close()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_intake_on_a_phone(phone, lang):
    point = CollectionPoint.objects.get(appeal__slug=SLUG, organisation__slug="astefir-al-zour")
    before = StockEntry.objects.filter(point=point).count()
    _sign_in(phone, PERSONAS["astefir_editor"], lang)
    phone.goto(f"{phone.base}/{lang}/appeals/{SLUG}/")
    phone.click(f"a[href$='/appeals/points/{point.code}/']")
    phone.wait_for_selector("#intake form")
    _no_sideways_scroll(phone)
    form = phone.locator("#intake form")
    form.locator("[name=item]").select_option(str(Item.objects.get(name_en="Blanket").pk))
    form.locator("[name=quantity]").fill("30")
    form.locator("[name=unit]").select_option("piece")
    form.locator("[name=receipt]").fill("AZ-PHONE-1")
    shot(phone, f"{lang}-appeal-intake-phone")
    form.locator("button[type=submit]").click()
    phone.wait_for_selector(".messages li")
    assert StockEntry.objects.filter(point=point).count() == before + 1
    assert StockEntry.objects.filter(point=point, receipt="AZ-PHONE-1", quantity=30).exists()
    _no_sideways_scroll(phone)
    # the browser's back-and-resend gives the same form identifier: nothing more is stored
    assert phone.console_errors == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_convoy_building_and_handover_by_link(phone, lang):
    from django.contrib.auth import get_user_model

    tech = get_user_model().objects.get(email=PERSONAS["tech_officer"])
    _sign_in(phone, tech.email, lang, decrypt(Authenticator.objects.get(user=tech, type="totp").data["secret"]))
    phone.goto(f"{phone.base}/{lang}/appeals/{SLUG}/coordinate/")
    _no_sideways_scroll(phone)
    phone.click("#convoys details summary")
    phone.fill("#convoys [name=convoy-crossing]", "Aoun Al-Dadat")
    phone.locator("#convoys [name=convoy-partner]").select_option(index=1)
    phone.click("#convoys form button[type=submit]")
    phone.wait_for_selector("#trucks")
    convoy = Convoy.objects.get(appeal__slug=SLUG, number=3)
    phone.fill("#trucks [name=plate]", "TEST-375")
    phone.fill("#trucks [name=driver_name]", "Browser driver (demo)")
    phone.click("#trucks details:last-of-type form button[type=submit]")
    phone.wait_for_selector("article.truck")
    truck = Truck.objects.get(convoy=convoy)
    phone.click("article.truck details summary")
    phone.locator(f"[name=t{truck.pk}-stock_0]").select_option(index=1)
    phone.fill(f"[name=t{truck.pk}-quantity_0]", "2")
    shot(phone, f"{lang}-appeal-load-phone")
    phone.click("article.truck form button[type=submit]")
    phone.wait_for_selector("article.truck table")
    assert ManifestLine.objects.filter(truck=truck, quantity=2).exists()
    for step in ("depart", "arrive"):
        phone.click(f"button[formaction$='/{step}/']")
        phone.wait_for_selector(".messages li")
    phone.click("button[formaction$='/handover/']")
    message = phone.inner_text(".messages li")
    link = re.search(r"https?://\S+/handover/\S+/", message).group(0)
    # the partner opens the link in another browser, without an account
    partner = phone.context.browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    other = partner.new_page()
    other.goto(link)
    other.fill("[name=received_by]", "Receiving team (test)")
    shot(other, f"{lang}-appeal-handover-phone")
    other.click("form.handover button[type=submit]")
    other.wait_for_selector(".messages li")
    assert Handover.objects.get(convoy=convoy, used_at__isnull=False).received_by == "Receiving team (test)"
    assert Truck.objects.get(pk=truck.pk).driver_name == ""
    assert other.goto(link).status == 404  # the link works once
    partner.close()
    phone.reload()
    assert "Browser driver (demo)" not in phone.content()
    assert phone.console_errors == []
