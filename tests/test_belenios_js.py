"""The browser side of online ballots (governance/static/governance/belenios.js) in Debian Chromium:
ballots and trustee steps made in the browser are accepted by governance/belenios.py, and by
belenios-tool when it is installed."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from governance import belenios as B
from tests.test_belenios import QUESTIONS, TOOL, Setup
from tests.test_browser import ARGS, CHROMIUM

JS = Path(__file__).resolve().parent.parent / "governance" / "static" / "governance" / "belenios.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Browser tests must run under CI: no Chromium")
        pytest.skip("BROWSER TESTS SKIPPED: no Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_content("<!doctype html><html><head><title>booth</title></head><body></body></html>")
        page.add_script_tag(path=str(JS))
        page.errors = errors
        yield page
        browser.close()
    assert not errors


def js(page, function, *args):
    """Call window.CivNetBelenios.<function>(*args) in the page."""
    return page.evaluate("([f, args]) => CivNetBelenios[f](...args)", [function, list(args)])


@pytest.fixture(scope="module")
def setup():
    return Setup(voters=3)


def test_credentials_agree_between_browser_and_server(page, setup):
    made = js(page, "generateCredential")
    assert B.check_credential(made) and js(page, "checkCredential", made)
    assert not js(page, "checkCredential", made[:-1] + ("2" if made[-1] != "2" else "3"))
    assert js(page, "publicCredential", setup.election_raw, setup.private_creds[0]) == setup.public_creds[0]
    assert js(page, "sha256B64", "ܐ/\x7f") == B.sha256_b64("ܐ/\x7f")


def test_browser_ballots_are_accepted_counted_and_verified_by_the_tool(page, setup, tmp_path):
    e = setup.election
    box = setup.box()
    votes = [
        (0, js(page, "approval", setup.election_raw, 0, [0, 2], False), [1, 0]),
        (1, js(page, "approval", setup.election_raw, 0, [], True), [0, 1]),
        (0, js(page, "approval", setup.election_raw, 0, [1], False), [0, 1]),  # a revote replaces
    ]
    ballots = []
    for voter, first, second in votes:
        ballot = js(page, "createBallot", setup.election_raw, setup.private_creds[voter], [first, second])
        tracker = box.cast(ballot)
        assert tracker == js(page, "ballotTracker", ballot)
        ballots.append(ballot)
    assert len(box.trackers()) == 2
    tally, num, weight = box.tally()
    pds = {j + 1: B.partial_decryption(e, tally, setup.trustee_key(j)) for j in (0, 1)}
    result = B.compute_result(e, tally, weight, setup.trustees, pds)
    assert result == {"result": [[1, 0, 1, 0], [0, 2]]}
    # An over-vote cannot even be made in the browser.
    with pytest.raises(Exception, match="choose between 0 and 2"):
        js(page, "createBallot", setup.election_raw, setup.private_creds[2], [[0, 1, 1, 1], [1, 0]])
    if TOOL:
        setup.write_dir(tmp_path, ballots=ballots, tally=(tally, num, weight), pds=sorted(pds.items()), result=result)
        run = subprocess.run([TOOL, "election", "verify", "--dir", str(tmp_path)], capture_output=True, text=True)
        assert run.returncode == 0 and "all checks passed" in run.stderr, run.stderr


def test_a_committee_member_sets_up_keys_and_decrypts_in_the_browser(page):
    """Member 1 of 3 runs every key step in the browser; members 2 and 3 use the server-side module
    (as they would with belenios-tool); the committee's key works and the browser's share decrypts."""
    group = B.get_group("BELENIOS-2048")
    browser = js(page, "thresholdCertificate", group.name)
    others = [B.threshold_certificate(group) for _ in range(2)]
    seeds = [browser["seed"]] + [seed for seed, _ in others]
    certs = [browser["cert"]] + [cert for _, cert in others]
    polynomials = [js(page, "thresholdPolynomial", group.name, certs, seeds[0], 2)]
    polynomials += [B.threshold_polynomial(group, certs, seed, 2) for seed in seeds[1:]]
    for i, polynomial in enumerate(polynomials):
        B.check_polynomial(group, certs, i, polynomial)
    vinputs = B.threshold_vinputs(group, certs, polynomials)
    voutputs = [js(page, "thresholdVoutput", group.name, certs, seeds[0], vinputs[0])]
    voutputs += [B.threshold_voutput(group, certs, seed, vi) for seed, vi in zip(seeds[1:], vinputs[1:], strict=True)]
    trustees = [["Pedersen", B.threshold_parameters(group, certs, polynomials, voutputs)]]
    y = B.check_trustees(group, trustees)
    uuid = B.generate_token()
    credential = B.generate_credential()
    creds = B.dumps([B.public_credential(group, uuid, credential)])
    raw = B.make_election(uuid=uuid, name="Committee test (demo)", description="", questions=QUESTIONS, public_key=y)
    e = B.Election(raw)
    box = B.BallotBox(e, creds)
    box.cast(js(page, "createBallot", raw, credential, [[0, 0, 1, 1], [1, 0]]))
    tally, _, weight = box.tally()
    browser_key = js(page, "thresholdDecryptionKey", group.name, seeds[0], voutputs[0]["private_key"])
    assert int(browser_key) == B.threshold_decryption_key(group, seeds[0], voutputs[0]["private_key"])
    pds = {
        1: js(page, "partialDecryption", raw, tally, browser_key),
        3: B.partial_decryption(e, tally, B.threshold_decryption_key(group, seeds[2], voutputs[2]["private_key"])),
    }
    assert B.compute_result(e, tally, weight, trustees, pds) == {"result": [[0, 0, 1, 1], [1, 0]]}


def test_forty_candidates_ballot_time_is_measured(page):
    """Not a timed assertion: the booth can encrypt a 40-candidate approval ballot (bench/ballots.py
    measures it with CPU throttling) and the server accepts it."""
    setup = Setup(voters=1, questions=[B.question("Council (choose up to 7)", [f"C{i}" for i in range(40)], max=7)])
    plain = js(page, "approval", setup.election_raw, 0, [1, 5, 9, 39], False)
    start = time.monotonic()
    ballot = js(page, "createBallot", setup.election_raw, setup.private_creds[0], [plain])
    elapsed = time.monotonic() - start
    setup.box().cast(ballot)
    print(f"40-candidate ballot encrypted in the browser in {elapsed:.1f} s (unthrottled)")
    assert json.loads(ballot)["election_hash"] == setup.election.fingerprint
