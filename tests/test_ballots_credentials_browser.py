"""The credential authority's page in Chromium, in Arabic and in English, on a 375 px phone: the browser makes one
private credential per organisation on the frozen roll and shows a slip for each (printed alone), only the public
credentials reach the server (no request the page sends and no row of the database holds a private one), and a
delegate votes in the booth with the credential read from their organisation's slip."""

import io

import pytest
from django.core.management import call_command

from governance import belenios as B
from governance import services
from governance.models import Assembly, Election, OnlineBallot, VoterCredential
from members.models import Organisation
from tests import ballots_setup as bs
from tests import governance_setup as gs
from tests.test_ballots_browser import FITS, _context
from tests.test_browser import browser, page  # noqa: F401 - the shared Chromium fixtures

pytestmark = pytest.mark.browser
ROLL = 3  # organisations present at the assembly, so on the frozen roll

SLIPS = """() => [...document.querySelectorAll("[data-slips] .slip")].map(s => ({
  name: s.querySelector("bdi").textContent,
  credential: s.querySelector("code").textContent,
  booth: s.querySelectorAll("code")[1].textContent,
}))"""
# In print, the text a reader sees outside the slips (innerText skips what `display: none` hides).
PRINTED_ELSEWHERE = """() => {
  const slips = document.querySelector("[data-slips]");
  const visible = [...document.body.querySelectorAll("*")].filter(el =>
    !slips.contains(el) && !el.contains(slips) && el.getClientRects().length && !el.closest("script, noscript")
    && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
  return visible.map(el => el.tagName + ": " + el.textContent.trim().slice(0, 60));
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_credential_authority_makes_slips_in_the_browser_and_a_delegate_votes_with_one(browser, page, lang):  # noqa: F811
    online = bs.build(status="keyed", present=ROLL)
    # A small assembly's rule (a tenth present), so that a roll of three opens voting and the test stays fast.
    Assembly.objects.filter(pk=online.setup.assembly.pk).update(quorum_numerator=1, quorum_denominator=10)
    services.election_advance(actor=online.setup.tech, election=online.election, to=Election.Status.VOTING)
    election = online.election
    channel = online.channel
    roll = dict(election.roll.select_related("organisation").values_list("organisation__slug", "organisation__name_en"))
    assert len(roll) == ROLL
    authority = channel.credential_authority.person
    context, tab = _context(browser, page, authority.email, lang)
    sent = []  # every request the page sends, with its body
    tab.on("request", lambda r: sent.append((r.method, r.url, r.post_data or "")))
    url = f"{page.base}/{lang}/elections/{election.slug}/committee/online/credentials/"
    tab.goto(url)
    assert tab.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert tab.locator("[data-credential-organisations] li").count() == ROLL
    assert tab.locator("[data-online-send]").is_hidden()  # nothing to send before the browser makes them
    tab.click("[data-online-action=credentials]")
    tab.wait_for_selector("[data-online-action=print]:visible", timeout=60_000)
    assert "error" not in (tab.get_attribute("[data-online-status]", "class") or "")
    # Nothing is sent before the slips went to the printer (the browser's print dialog stands in for a counter).
    assert tab.locator("[data-online-send]").is_hidden()
    # Leaving the page now would lose the slips: the browser asks first, and staying keeps them.
    dialogs = []
    tab.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    tab.evaluate("() => { location.href = '/'; }")
    for _ in range(50):
        if dialogs:
            break
        tab.wait_for_timeout(100)
    assert dialogs == ["beforeunload"] and tab.url == url
    assert tab.evaluate(SLIPS)
    tab.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    tab.click("[data-online-action=print]")
    assert tab.evaluate("window.printed") == 1
    tab.wait_for_selector("[data-online-send]:visible")
    assert tab.evaluate(FITS)

    # One slip per organisation on the roll, each with a well-formed credential and the booth's address.
    slugs = dict(
        tab.evaluate("() => [...document.querySelectorAll('li[data-slug]')].map(l => [l.dataset.name, l.dataset.slug])")
    )
    slips = tab.evaluate(SLIPS)
    assert len(slips) == ROLL and sorted(slugs[s["name"]] for s in slips) == sorted(roll)
    private = {slugs[s["name"]]: s["credential"] for s in slips}
    assert len(set(private.values())) == ROLL and all(B.check_credential(c) for c in private.values()), private
    assert all(s["booth"] == f"{page.base}/{lang}/elections/{election.slug}/vote/" for s in slips)

    # Printed: the slips, one to a box, and nothing else of the page (no form, no explanations, no menus).
    tab.emulate_media(media="print")
    assert tab.locator("[data-slips] .slip:visible").count() == ROLL
    assert tab.evaluate(PRINTED_ELSEWHERE) == []
    tab.emulate_media(media="screen")
    assert tab.evaluate(PRINTED_ELSEWHERE) != []

    with tab.expect_navigation():
        tab.click("[data-online-send]")
    assert tab.locator(".messages .error").count() == 0, tab.locator(".messages").all_inner_texts()
    assert tab.locator("[data-credential-organisations]").count() == 0  # every organisation has one now

    # Exactly one public credential per organisation, and each is the slip's.
    group = B.get_group(channel.group)
    stored = dict(
        VoterCredential.objects.filter(channel=channel).values_list("organisation__slug", "public_credential")
    )
    assert stored == {s: B.public_credential(group, channel.uuid, c) for s, c in private.items()}
    assert VoterCredential.objects.filter(channel=channel).count() == ROLL

    # No private credential left the browser, and none is anywhere in the database.
    posts = [body for method, _url, body in sent if method == "POST"]
    assert len(posts) == 1
    for credential in private.values():
        for method, address, body in sent:
            assert credential not in address and credential not in body, (method, address)
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert all(c not in dump.getvalue() for c in private.values())
    assert tab.console_errors == []
    context.close()

    # A delegate of a roll organisation votes with the credential read from their slip.
    slug = sorted(roll)[0]
    voter = gs.user(f"slip-voter-{lang}@example.org", organisation=Organisation.objects.get(slug=slug), totp=True)
    context, tab = _context(browser, page, voter.email, lang)
    tab.goto(f"{page.base}/{lang}/elections/{election.slug}/vote/")
    tab.fill("[data-booth-credential]", private[slug])
    tab.check("[data-booth-choice][value='1']")
    tab.click("#booth button[type=submit]")
    tab.wait_for_selector("code.tracker", timeout=60_000)
    tracker = tab.inner_text("code.tracker").strip()
    assert "error" not in (tab.get_attribute("[data-tracker-check]", "class") or "")
    ballot = OnlineBallot.objects.get(channel=channel, credential__organisation__slug=slug)
    assert ballot.tracker == tracker and ballot.replaced_at is None
    assert tab.console_errors == []
    context.close()
