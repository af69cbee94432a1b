"""Online ballots in Chromium, in Arabic and in English: a committee of 3 makes the election key in three browser
contexts (each member's key file downloaded, encrypted with their passphrase, and read back at the next steps),
two voters vote from their browsers on a 375 px phone and one votes again, two of the three members decrypt in
their browsers, and the archive CivNet publishes verifies with belenios-tool."""

import json

import pytest
from django.core.cache import cache

from governance import belenios as B
from governance import services
from governance.models import Channel, Election, Tally
from members.models import Organisation
from tests import ballots_setup as bs
from tests import governance_setup as gs
from tests.test_belenios import TOOL, verify
from tests.test_browser import _sign_in, browser, page, shot  # noqa: F401 - the shared Chromium fixtures

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth + 1"
PASSPHRASE = "a long passphrase of the demo"


def _context(browser, page, email, lang):  # noqa: F811
    cache.clear()  # sign-in rate limits and used authenticator codes of earlier sign-ins
    context = browser.new_context(viewport=PHONE, locale=lang, accept_downloads=True)
    tab = context.new_page()
    tab.base = page.base
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.console_errors = errors
    _sign_in(tab, email, lang, gs.SECRETS.get(email))
    return context, tab


def _step(tab, url, action, keyfile=None):
    tab.goto(url)
    assert tab.locator(f"[data-online-action={action}]").count(), tab.inner_text("main")[:1500]
    if keyfile is not None:
        tab.set_input_files("[data-keyfile]", keyfile)
        tab.fill("[data-passphrase]", PASSPHRASE)
        tab.click(f"[data-online-action={action}]")
    tab.wait_for_selector("[data-online-send]:visible", timeout=120_000)
    with tab.expect_navigation():
        tab.click("[data-online-send]")
    notes = tab.locator(".messages").all_inner_texts()
    assert tab.locator(".messages .error").count() == 0, notes


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_committee_keys_voting_and_decryption_in_browsers(browser, page, lang, tmp_path):  # noqa: F811
    online = bs.build(status="enabled")
    setup = online.setup
    slug = setup.election.slug
    url = f"{page.base}/{lang}/elections/{slug}/committee/online/"
    members = []
    for i, person in enumerate(setup.committee):
        context, tab = _context(browser, page, person.email, lang)
        members.append((context, tab))
        tab.goto(url)
        assert tab.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        assert tab.evaluate(FITS)
        tab.fill("[data-passphrase]", PASSPHRASE)
        tab.fill("[data-passphrase-again]", PASSPHRASE)
        with tab.expect_download() as download:
            tab.click("[data-online-action=certificate]")
        keyfile = tmp_path / f"key-{lang}-{i}.json"
        download.value.save_as(keyfile)
        assert "seed" not in keyfile.read_text()  # the seed is encrypted in the file
        tab.wait_for_selector("[data-online-send]:visible")
        with tab.expect_navigation():  # the certificate is posted before this member's next step opens the page
            tab.click("[data-online-send]")
        tab.keyfile = keyfile
    for action in ("polynomial", "voutput"):
        for _member, tab in members:
            _step(tab, url, action, tab.keyfile)
    channel = online.channel
    assert channel.key_ready, [k.step for k in channel.keys.all()]
    if lang == "en":
        shot(members[0][1], "en-ballots-committee-keys-phone")
    # Voting opens; the credential authority's credentials are made here (their browser flow has its own page).
    services.election_advance(actor=setup.tech, election=setup.refresh(), to=Election.Status.VOTING)
    roll = list(setup.refresh().roll.order_by("organisation__slug").values_list("organisation__slug", flat=True))
    group = B.get_group("BELENIOS-2048")
    online.credentials = {s: B.generate_credential() for s in roll}
    services.credentials_upload(
        actor=setup.committee[0],
        election=setup.refresh(),
        credentials={s: B.public_credential(group, channel.uuid, c) for s, c in online.credentials.items()},
    )
    trackers = []
    for n, (voter_slug, choice) in enumerate([(roll[0], 0), (roll[1], 1), (roll[0], 2)]):
        if voter_slug not in online.voters:
            online.voters[voter_slug] = gs.user(
                f"browser-voter-{lang}-{n}@example.org",
                organisation=Organisation.objects.get(slug=voter_slug),
                totp=True,
            )
        cache.clear()
        context, tab = _context(browser, page, online.voters[voter_slug].email, lang)
        tab.goto(f"{page.base}/{lang}/elections/{slug}/vote/")
        assert tab.evaluate(FITS)
        assert tab.locator("[data-booth-nojs]").is_hidden()
        tab.fill("[data-booth-credential]", online.credentials[voter_slug])
        tab.check(f"[data-booth-choice][value='{choice}']")
        tab.click("#booth button[type=submit]")
        tab.wait_for_selector("code.tracker", timeout=60_000)
        tracker = tab.inner_text("code.tracker").strip()
        assert tab.inner_text("[data-tracker-check]")  # compared with the tracker the browser computed
        assert "error" not in (tab.get_attribute("[data-tracker-check]", "class") or "")
        assert tab.evaluate(FITS)
        if n == 2 and lang == "en":
            shot(tab, "en-ballots-tracker-phone")
        trackers.append(tracker)
        assert tab.console_errors == []
        context.close()
    box = page.goto(f"{page.base}/{lang}/elections/{slug}/ballot-box/")
    assert box.ok
    text = page.content()
    assert trackers[1] in text and trackers[2] in text and trackers[0] not in text  # the revote replaced it
    bs.close(online)
    decrypt_url = f"{page.base}/{lang}/elections/{slug}/committee/online/"
    for _member, tab in members[1:]:
        _step(tab, decrypt_url, "decrypt", tab.keyfile)
    tally = Tally.objects.get(election=setup.election, channel=Channel.ONLINE)
    codes = [str(n.code) for n in setup.candidates]
    assert tally.ballots == 2 and tally.votes == {codes[0]: 0, codes[1]: 1, codes[2]: 1}
    for context, tab in members:
        assert tab.console_errors == []
        context.close()
    if TOOL:
        archive = page.request.get(f"{page.base}/{lang}/elections/{slug}/online/{channel.uuid}.bel")
        folder = tmp_path / "archive"
        folder.mkdir()
        (folder / f"{channel.uuid}.bel").write_bytes(archive.body())
        assert "all checks passed" in verify(folder)
    assert json.loads(online.channel.result_raw)["result"][0][0] == 0
