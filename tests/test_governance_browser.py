"""Governance in Chromium on a 375 px phone, in Arabic and in English: the technical team records attendance in the
hall and watches the quorum; two committee members enter the paper count, then sign the result off with their
password. Screenshots go to test-artifacts/."""

import pytest
from django.core.cache import cache

from governance.models import Election, Tally
from tests import governance_setup as gs
from tests.conftest import PASSWORD
from tests.test_browser import _sign_in, browser, page, shot  # noqa: F401 - the shared Chromium fixtures

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth + 1"


def _sign_out(page, lang):  # noqa: F811
    page.goto(f"{page.base}/{lang}/accounts/logout/")
    page.click("main form button[type=submit]")
    # Signing out forgets the offline copies first (offline.js), then leaves: wait until it has left.
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_attendance_on_a_phone(page, lang):  # noqa: F811
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    setup = gs.build(status="in_session", present=0)
    page.set_viewport_size(PHONE)
    tech = setup.tech
    _sign_in(page, tech.email, lang, decrypt(Authenticator.objects.get(user=tech, type="totp").data["secret"]))
    page.goto(f"{page.base}/{lang}/office/governance/assemblies/{setup.assembly.slug}/attendance/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.evaluate(FITS)
    before = page.inner_text("[role=status]")
    for organisation in setup.organisations[:10]:
        card = page.locator(f"#org-{organisation.pk}")
        card.locator("input[name=representative_name]").fill(f"Rep {organisation.pk}")
        card.locator("button[name=present]").click()
        # The page comes back with the organisation marked present (offline.js keeps a sealed copy first).
        page.wait_for_selector(f"#org-{organisation.pk}.present")
    after = page.inner_text("[role=status]")
    assert after != before and "10" in after
    assert setup.assembly.attendance.count() == 10
    assert page.evaluate(FITS)
    shot(page, f"{lang}-governance-attendance-phone")
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_double_entry_and_sign_off_on_a_phone(page, lang):  # noqa: F811
    setup = gs.build()
    page.set_viewport_size(PHONE)
    committee = f"{page.base}/{lang}/elections/{setup.election.slug}/committee/"
    for member in setup.committee[:2]:
        _sign_in(page, member.email, lang, gs.SECRETS[member.email])
        page.goto(committee)
        assert page.evaluate(FITS)
        page.click(f"a[href$='/{setup.election.slug}/committee/count/']")
        page.fill("[name=ballots]", "10")
        page.fill("[name=blank]", "1")
        page.fill("[name=invalid]", "0")
        for nomination, votes in zip(setup.candidates, (6, 5, 2), strict=True):
            page.fill(f"[name=votes_{nomination.code}]", str(votes))
        assert page.evaluate(FITS)
        shot(page, f"{lang}-governance-count-phone")
        page.click("form.count button[type=submit]")
        page.wait_for_selector(".messages li")
        _sign_out(page, lang)
    assert Tally.objects.filter(election=setup.election).exists()
    for member in setup.committee[:2]:
        cache.clear()  # the authenticator code of the first sign-in may still be the current one: allow it again
        _sign_in(page, member.email, lang, gs.SECRETS[member.email])
        page.goto(committee)
        page.fill("[name=secret]", PASSWORD)
        page.click("form[action$='/committee/sign/'] button[type=submit]")
        page.wait_for_selector(".messages li")
        assert page.evaluate(FITS)
        _sign_out(page, lang)
    assert setup.refresh().status == Election.Status.SIGNED
    shot(page, f"{lang}-governance-signed-phone")
    assert page.console_errors == []
