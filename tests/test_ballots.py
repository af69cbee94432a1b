"""Online ballots in an election (issue 13) through the services and over HTTP: the committee's key steps, the
credentials, the booth's refusals with their reasons, revotes, the tally that t-1 members cannot decrypt and any t
can, the online tally joining the paper count in the sign-off and the published result, and belenios-tool both
ways (the archive CivNet publishes verifies; a ballot the tool makes is accepted and counted)."""

import json
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import AuditEvent
from core.services import Refused
from governance import belenios as B
from governance import selectors, services
from governance.models import Channel, Election, OnlineBallot, PartialDecryption, Tally, TrusteeKey
from members.models import Organisation
from tests import ballots_setup as bs
from tests import governance_setup as gs
from tests.test_belenios import TOOL, needs_tool, verify

A = AuditEvent.Action
pytestmark = pytest.mark.django_db


def _cast_over_http(client, online, slug, raw):
    client.force_login(online.voters[slug])
    organisation = Organisation.objects.get(slug=slug)
    return client.post(
        reverse("governance:booth", args=[online.setup.election.slug]),
        {"organisation": organisation.pk, "ballot": raw},
    )


def _resign(online, slug, ballot: dict) -> str:
    """Sign a hand-changed ballot with the organisation's credential, so that only the change itself is wrong."""
    e = online.belenios
    group = e.group
    s = B.credential_secret(group, e.uuid, online.credentials[slug])
    ballot.pop("signature")
    signed_hash = B.sha256_b64(B.dumps(ballot))
    w = group.random_scalar()
    challenge = group.hash(f"sig|{signed_hash}|", [group.pow(group.g, w)])
    ballot["signature"] = {"hash": signed_hash, "proof": B._proof(challenge, (w - s * challenge) % group.q)}
    return B.dumps(ballot)


# --- the flow ------------------------------------------------------------------------------------------------------


def test_online_channel_end_to_end_with_revote_threshold_and_paper(demo, tmp_path):
    online = bs.build(voters=3)
    channel = online.channel
    assert channel.key_ready and channel.opened_at
    election = json.loads(channel.election_raw)
    question = election["questions"][0]
    assert election["group"] == "BELENIOS-2048" and election["uuid"] == channel.uuid
    assert question["max"] == 2 and question.get("blank") is True
    assert len(question["answers"]) == len(online.setup.candidates)
    assert B.check_trustees(B.get_group(channel.group), json.loads(channel.trustees)) == int(election["public_key"])
    slugs = list(online.voters)
    online.cast(slugs[0], [0, 1])
    first = online.cast(slugs[1], [2])
    online.cast(slugs[2], blank=True)
    online.cast(slugs[1], [0])  # a revote replaces the earlier ballot
    first.refresh_from_db()
    assert first.replaced_at is not None
    assert len(selectors.counted_ballots(channel)) == 3
    assert AuditEvent.objects.filter(action=A.ONLINE_BALLOT_CAST, data__status="revote").count() == 1
    bs.close(online)
    channel.refresh_from_db()
    assert channel.num_tallied == 3
    # t - 1 = 1 member cannot decrypt: no online tally, sign-off blocked.
    online.decrypt(0)
    assert not Tally.objects.filter(election=online.setup.election, channel=Channel.ONLINE).exists()
    with translation.override("en"):
        problems = selectors.blocking_problems(online.election, Election.Status.SIGNED)
        assert any("not decrypted yet" in p.text for p in problems)
    # Any t can: every pair of the three members gives the same result.
    e = online.belenios
    tally = json.loads(online.channel.encrypted_tally)
    trustees = json.loads(online.channel.trustees)
    shares = {i + 1: json.loads(online.partial(i)) for i in range(3)}
    results = {
        pair: B.compute_result(e, tally, 3, trustees, {j: shares[j] for j in pair}) for pair in [(1, 2), (1, 3), (2, 3)]
    }
    assert len({json.dumps(r) for r in results.values()}) == 1
    with pytest.raises(B.TallyRefused):
        B.compute_result(e, tally, 3, trustees, {3: shares[3]})
    online.decrypt(2)
    online_tally = Tally.objects.get(election=online.setup.election, channel=Channel.ONLINE)
    codes = [str(n.code) for n in online.setup.candidates]
    assert online_tally.ballots == 3 and online_tally.blank == 1
    assert online_tally.votes == {codes[0]: 2, codes[1]: 1, codes[2]: 0}
    assert AuditEvent.objects.filter(action=A.ONLINE_RESULT).exists()
    # The paper count of the same election: at most the organisations that did not vote online.
    roll = online.election.roll.count()
    with pytest.raises(Refused):
        services.count_enter(
            actor=online.setup.committee[0],
            election=online.election,
            ballots=roll,
            blank=0,
            invalid=0,
            votes=gs.votes(online.setup, 1, 1, 1),
        )
    gs.count_twice(online.setup, 2, 0, 0, 0, 2, 1)
    gs.sign_all(online.setup)
    services.publish(actor=online.setup.committee[0], election=online.election)
    result = online.election.result
    assert set(result["channels"]) == {"paper", "online"} and result["ballots"] == 5
    by_code = {c["nomination"]: c for c in result["candidates"]}
    assert by_code[codes[0]]["votes"] == {"online": 2, "paper": 0} and by_code[codes[0]]["total"] == 2
    assert by_code[codes[1]]["total"] == 3
    if TOOL:
        archive = selectors.online_archive(online.channel)
        (tmp_path / f"{channel.uuid}.bel").write_bytes(archive)
        assert "all checks passed" in verify(tmp_path)


def test_key_steps_are_checked_and_in_order(demo):
    online = bs.build(status="enabled")
    setup = online.setup
    group = B.get_group("BELENIOS-2048")
    seed, cert = B.threshold_certificate(group)
    # A certificate signed with another key is refused; the polynomial step waits for everyone's certificate.
    forged = dict(cert, message=B.threshold_certificate(group)[1]["message"])
    with pytest.raises(Refused):
        services.trustee_step(
            actor=setup.committee[0], election=setup.election, step="certificate", message=B.dumps(forged)
        )
    outside = json.loads(cert["message"])
    outside["encryption"] = str(group.p - 1)
    with pytest.raises(services.OnlineRefused) as refused:
        services.trustee_step(
            actor=setup.committee[0],
            election=setup.election,
            step="certificate",
            message=B.dumps(dict(cert, message=B.dumps(outside))),
        )
    assert refused.value.reason == "not_in_group"
    services.trustee_step(actor=setup.committee[0], election=setup.election, step="certificate", message=B.dumps(cert))
    with pytest.raises(Refused):  # the same certificate from another member
        services.trustee_step(
            actor=setup.committee[1], election=setup.election, step="certificate", message=B.dumps(cert)
        )
    with pytest.raises(Refused):  # not the member's next step
        services.trustee_step(actor=setup.committee[0], election=setup.election, step="polynomial", message="{}")
    with pytest.raises(Refused):  # the technical team holds no key
        services.trustee_step(actor=setup.tech, election=setup.election, step="certificate", message=B.dumps(cert))
    # Voting cannot open before the key is complete; the committee cannot change once the channel is enabled.
    with translation.override("en"):
        problems = selectors.blocking_problems(setup.refresh(), Election.Status.VOTING)
        assert any("election key" in p.text for p in problems)
    with pytest.raises(Refused):
        services.committee_add(
            actor=setup.tech,
            election=setup.election,
            person=gs.user("late@example.org"),
            organisation=setup.organisations[-1],
        )
    assert TrusteeKey.objects.filter(channel=online.channel).exclude(certificate="").count() == 1


# --- the booth over HTTP: every refusal says why, and nothing is stored ----------------------------------------------


def _refused_over_http(client, online, slug, raw, reason, text):
    before = OnlineBallot.objects.count()
    with translation.override("en"):
        response = _cast_over_http(client, online, slug, raw)
    assert response.status_code == 400
    assert text in response.content.decode(), response.content.decode()[:2000]
    assert OnlineBallot.objects.count() == before
    assert AuditEvent.objects.filter(action=A.ONLINE_BALLOT_REFUSED, data__reason=reason).exists()


def test_booth_accepts_a_ballot_and_refuses_tampering_with_clear_reasons(demo, client):
    online = bs.build(voters=2)
    slug, other = list(online.voters)[:2]
    raw = online.ballot(slug, [0])
    with translation.override("en"):  # the pages' English sentences are checked below
        response = _cast_over_http(client, online, slug, raw)
        assert response.status_code == 302 and response["Location"].endswith("/vote/")
        tracker = B.ballot_tracker(raw)
        page = client.get(response["Location"]).content.decode()
        assert tracker in page and "What the tracker is for" in page
        box = client.get(reverse("governance:ballot_box", args=[online.setup.election.slug]), {"tracker": tracker})
    assert tracker in box.content.decode() and "Your tracker is in the ballot box" in box.content.decode()
    assert online.voters[slug].email not in box.content.decode()
    # Replayed: the very same ballot again.
    _refused_over_http(client, online, slug, raw, "replay", "already received")
    # Modified: one character of a ciphertext changed (the signature no longer covers it).
    ballot = json.loads(online.ballot(slug, [1]))
    alpha = ballot["answers"][0]["choices"][1]["alpha"]
    ballot["answers"][0]["choices"][1]["alpha"] = str(B.get_group("BELENIOS-2048").pow(int(alpha), 2))
    _refused_over_http(client, online, slug, B.dumps(ballot), "bad_signature", "signature does not verify")
    # A bad proof, re-signed so that only the proof is wrong.
    ballot = json.loads(online.ballot(slug, [1]))
    proof = ballot["answers"][0]["individual_proofs"][1][0]
    proof["response"] = str((int(proof["response"]) + 1) % B.get_group("BELENIOS-2048").q)
    _refused_over_http(client, online, slug, _resign(online, slug, ballot), "bad_proof", "proof in the ballot")
    # An element outside the subgroup (p - 1 has order 2).
    ballot = json.loads(online.ballot(slug, [1]))
    ballot["answers"][0]["choices"][0]["alpha"] = str(B.get_group("BELENIOS-2048").p - 1)
    _refused_over_http(client, online, slug, _resign(online, slug, ballot), "not_in_group", "outside the election")
    # Unknown credential: another organisation's, or made up.
    _refused_over_http(
        client,
        online,
        slug,
        online.ballot(slug, [1], credential=online.credentials[other]),
        "unknown_credential",
        "not your organisation",
    )
    _refused_over_http(
        client,
        online,
        slug,
        online.ballot(slug, [1], credential=B.generate_credential()),
        "unknown_credential",
        "not your organisation",
    )
    # A ballot for another election.
    second = bs.build(voters=1)
    stranger = second.ballot(list(second.voters)[0], [0])
    _refused_over_http(client, online, slug, stranger, "wrong_election", "another election")
    # Without JavaScript nothing is encrypted: the booth refuses and points to paper, never a plain vote.
    _refused_over_http(client, online, slug, "", "no_ballot", "vote on paper")
    # Revoked credential: the committee revokes it, the old ballot stops counting, a new ballot is refused.
    services.credential_revoke(
        actor=online.setup.committee[1],
        election=online.election,
        organisation=Organisation.objects.get(slug=slug),
        reason="The slip was taken from the representative.",
    )
    assert not selectors.counted_ballots(online.channel).filter(credential__organisation__slug=slug).exists()
    _refused_over_http(client, online, slug, online.ballot(slug, [1]), "revoked_credential", "revoked")
    # Only admins and delegates of an organisation on the roll reach the booth.
    client.force_login(online.setup.tech)
    assert client.get(reverse("governance:booth", args=[online.setup.election.slug])).status_code == 403


def test_the_booth_page_without_javascript_offers_paper_and_no_plain_vote(demo, client):
    online = bs.build(voters=1)
    slug = list(online.voters)[0]
    client.force_login(online.voters[slug])
    with translation.override("en"):
        page = client.get(reverse("governance:booth", args=[online.setup.election.slug])).content.decode()
    assert "This booth needs JavaScript" in page and "vote on paper" in page
    assert 'id="booth" hidden' in page
    assert "data-booth-choice" in page and 'name="choice' not in page  # the boxes have no name: never sent
    assert 'id="booth-data"' in page and 'id="online-strings"' in page


def test_bad_partial_decryptions_are_refused(demo):
    online = bs.build(voters=2)
    for slug in online.voters:
        online.cast(slug, [0])
    bs.close(online)
    member = online.setup.committee[1]
    good = json.loads(online.partial(1))
    bad = json.loads(B.dumps(good))
    bad["decryption_factors"][0][1] = str(B.get_group("BELENIOS-2048").pow(int(bad["decryption_factors"][0][1]), 2))
    with pytest.raises(services.OnlineRefused) as refused:
        services.decryption_upload(actor=member, election=online.election, raw=B.dumps(bad))
    assert refused.value.reason == "bad_proof"
    outside = json.loads(B.dumps(good))
    outside["decryption_factors"][0][0] = str(B.get_group("BELENIOS-2048").p - 1)
    with pytest.raises(services.OnlineRefused) as refused:
        services.decryption_upload(actor=member, election=online.election, raw=B.dumps(outside))
    assert refused.value.reason == "not_in_group"
    # Another member's share, sent as one's own, does not verify against one's key.
    with pytest.raises(services.OnlineRefused):
        services.decryption_upload(actor=member, election=online.election, raw=online.partial(0))
    assert not PartialDecryption.objects.exists()
    services.decryption_upload(actor=member, election=online.election, raw=B.dumps(good))
    with pytest.raises(Refused):
        services.decryption_upload(actor=member, election=online.election, raw=B.dumps(good))


# --- belenios-tool both ways --------------------------------------------------------------------------------------


@needs_tool
def test_a_ballot_made_by_belenios_tool_is_accepted_over_http_and_counted(demo, client, tmp_path):
    online = bs.build(voters=2)
    slug, other = list(online.voters)[:2]
    election = online.setup.election
    channel = online.channel
    archive = client.get(reverse("governance:online_file", args=[election.slug, f"{channel.uuid}.bel"]))
    assert archive.status_code == 200
    (tmp_path / f"{channel.uuid}.bel").write_bytes(archive.content)
    (tmp_path / "cred").write_text(online.credentials[slug])
    plain = [0] * (len(online.setup.candidates) + 1)
    plain[2] = 1  # the second candidate (blank first)
    (tmp_path / "choices.json").write_text(json.dumps([plain]))
    run = subprocess.run(
        [TOOL, "election", "generate-ballot", "--dir", str(tmp_path), "--privcred", "cred", "--ballot", "choices.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    response = _cast_over_http(client, online, slug, run.stdout.strip())
    assert response.status_code == 302
    online.cast(other, [0, 1])
    bs.close(online)
    online.decrypt(1, 2)
    tally = Tally.objects.get(election=election, channel=Channel.ONLINE)
    codes = [str(n.code) for n in online.setup.candidates]
    assert tally.votes == {codes[0]: 1, codes[1]: 2, codes[2]: 0}
    # The archive CivNet publishes after the result passes the tool's verification.
    for old in tmp_path.glob("*.bel"):
        old.unlink()
    final = client.get(reverse("governance:online_file", args=[election.slug, f"{channel.uuid}.bel"]))
    (tmp_path / f"{channel.uuid}.bel").write_bytes(final.content)
    assert "all checks passed" in verify(tmp_path)


# --- permissions ------------------------------------------------------------------------------------------------------


def test_permission_matrix_of_the_online_pages(demo, client, people):
    online = bs.build(voters=1)
    setup = online.setup
    slug = setup.election.slug
    voter = list(online.voters.values())[0]
    authority, member = setup.committee[0], setup.committee[1]
    outsider = gs.user("outsider-ballots@example.org")
    insider = people["astefir_editor"]  # holds a role elsewhere, not on this roll
    pages = {
        "governance:online": {authority: 200, member: 200, setup.tech: 200, voter: 404, insider: 404, outsider: 404},
        "governance:credentials": {authority: 200, member: 403, setup.tech: 403, voter: 404, outsider: 404},
        "governance:booth": {voter: 200, setup.tech: 403, insider: 403, outsider: 404},
    }
    for name, expected in pages.items():
        for user, status in expected.items():
            client.force_login(user)
            assert client.get(reverse(name, args=[slug])).status_code == status, (name, user.email)
    client.logout()
    for name in pages:
        assert client.get(reverse(name, args=[slug])).status_code == 302  # to the sign-in page
    # The public pages need no account, and show no voter.
    box = client.get(reverse("governance:ballot_box", args=[slug]))
    assert box.status_code == 200 and voter.email not in box.content.decode()
    for name in ("election.json", "trustees.json", "public_creds.json", f"{online.channel.uuid}.bel"):
        assert client.get(reverse("governance:online_file", args=[slug, name])).status_code == 200
    assert client.get(reverse("governance:online_file", args=[slug, "result.json"])).status_code == 404
    # Posts of the committee: the technical team follows but may not act.
    client.force_login(setup.tech)
    response = client.post(reverse("governance:decrypt", args=[slug]), {"message": "{}"})
    assert response.status_code == 403


def test_ballot_box_before_opening_is_not_public(demo, client):
    online = bs.build(status="keyed")
    assert client.get(reverse("governance:ballot_box", args=[online.setup.election.slug])).status_code == 404
