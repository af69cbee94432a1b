"""Capacity building in Chromium on a 375 px phone, in Arabic and in English: an editor answers the needs
questionnaire from the reminder on "My organisations", the Hajin workshop's assistant trainer records a day's
attendance, and anyone prints a certificate found by its code. Screenshots go to test-artifacts/."""

import pytest

from tests.conftest import PERSONAS
from tests.test_browser import _sign_in, browser, shot  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser, live_server, transactional_db, demo, settings):  # noqa: F811
    from django.core.cache import cache

    cache.clear()
    settings.CIVNET_BASE_URL = live_server.url
    context = browser.new_context(viewport=PHONE, locale="ar")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.base = live_server.url
    page.console_errors = errors
    yield page
    context.close()


def _fits(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{page.url} is {width}px wide on a phone"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_answer_the_questionnaire_record_attendance_and_print_a_certificate_on_a_phone(phone, lang):
    from trainings.models import Attendance, Certificate, Response

    page = phone
    _sign_in(page, PERSONAS["astefir_editor"], lang)

    # 1. The reminder on "My organisations" leads to the questionnaire.
    page.goto(f"{page.base}/{lang}/my/")
    reminder = page.locator("a[href*='/my/trainings/needs/training-needs-2026/astefir-al-zour/']").first
    reminder.click()
    page.wait_for_url("**/my/trainings/needs/training-needs-2026/astefir-al-zour/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    page.check("input[name=topics][value=advocacy]")
    page.check("input[name=topics][value=media]")
    page.check("input[name=format][value=workshop]")
    page.check("input[name=experience][value='2']")
    page.fill("input[name=topics__other]", "أرشفة الوثائق" if lang == "ar" else "Archiving documents")
    _fits(page)
    shot(page, f"trainings-{lang}-1-questionnaire")
    page.click("form.answer-form button[type=submit]")
    page.locator(".messages li").wait_for()  # the answer's page, not the questionnaire still loaded
    assert page.locator(".messages li").count() == 1
    assert Response.objects.filter(round__slug="training-needs-2026", organisation__slug="astefir-al-zour").exists()
    assert page.locator("input[name=topics][value=advocacy]").is_checked()  # the saved answers, ready to change
    shot(page, f"trainings-{lang}-2-answered")

    # 2. Attendance of the Hajin workshop's third day, recorded on the phone.
    page.goto(f"{page.base}/{lang}/my/trainings/")
    page.locator("a[href*='/attendance/']").first.click()
    page.wait_for_url("**/workshops/aso-advocacy-hajin/attendance/")
    page.locator("a[href*='/attendance/2021-11-16/']").click()
    page.wait_for_url("**/attendance/2021-11-16/")
    mustafa = page.get_by_label("Mustafa Example (demo)", exact=False)
    assert not mustafa.is_checked()
    mustafa.check()
    _fits(page)
    shot(page, f"trainings-{lang}-3-attendance")
    page.click("form.attendance-boxes button[type=submit]")
    page.wait_for_url("**/workshops/aso-advocacy-hajin/attendance/")
    assert Attendance.objects.filter(trainee__name="Mustafa Example (demo)", day__date="2021-11-16").exists()
    _fits(page)
    shot(page, f"trainings-{lang}-4-attendance-sheet")

    # 3. A certificate, checked by its code and printed: the page's own header and banner stay off the paper.
    code = Certificate.objects.get(trainee__name="Fatima Example (demo)").code
    page.goto(f"{page.base}/{lang}/certificates/{code}/")
    assert page.locator("article.certificate svg.qr").count() == 1
    assert page.locator("[data-print]").is_visible()  # the print button, shown by the page's script
    _fits(page)
    shot(page, f"trainings-{lang}-5-certificate")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator(".verified").is_visible()
    assert page.locator("article.certificate").is_visible()
    assert "Fatima Example (demo)" in page.locator("article.certificate").inner_text()
    shot(page, f"trainings-{lang}-6-certificate-print")
    assert not page.console_errors, page.console_errors
