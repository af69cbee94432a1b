"""CivNet's Belenios 2.0 module (governance/belenios.py) against belenios-tool 2.0, Inria's own
implementation, in both directions; and the refusals a voter, a trustee and an auditor rely on.

The module is pure Python with 2048-bit arithmetic: elections here have few voters and small questions
so that each test stays within a few seconds."""

import json
import shutil
import subprocess
import time

import pytest

from governance import belenios as B

TOOL = shutil.which("belenios-tool")
needs_tool = pytest.mark.skipif(
    TOOL is None,
    reason="BELENIOS INTEROP TESTS SKIPPED: belenios-tool is not installed (`apt-get install belenios-tool`, "
    "or `make test` as root)",
)

QUESTIONS = [
    # "Choose up to 2 of 3" with blank votes allowed, and a yes/no question without blank.
    B.question(
        "Board seats (choose up to 2)", ["Candidate A (demo)", "Candidate B (demo)", "سارا (demo)"], max=2, blank=True
    ),
    B.question("Adopt the budget?", ["Yes", "No"], min=1, max=1),
]


def tool(*args, cwd, stdin=None):
    """Run belenios-tool; return its standard output, failing the test with its error otherwise."""
    run = subprocess.run([TOOL, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"belenios-tool {' '.join(args)} failed: {run.stderr}"
    return run.stdout


def verify(directory):
    """`belenios-tool election verify --dir`: returns its report (on standard error); fails if it fails."""
    run = subprocess.run(
        [TOOL, "election", "verify", "--dir", str(directory)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, f"belenios-tool election verify failed: {run.stderr}"
    return run.stderr


class Setup:
    """An election set up entirely by CivNet's module: a committee of 3 with threshold 2 (optionally a
    mandatory server key too), credentials, the election."""

    def __init__(self, voters=4, server_key=False, threshold=2, trustees=3, questions=QUESTIONS):
        group = B.get_group("BELENIOS-2048")
        self.group = group
        self.uuid = B.generate_token()
        certs = []
        self.seeds = []
        for _ in range(trustees):
            seed, cert = B.threshold_certificate(group)
            self.seeds.append(seed)
            certs.append(cert)
        polynomials = [B.threshold_polynomial(group, certs, seed, threshold) for seed in self.seeds]
        for i, polynomial in enumerate(polynomials):
            B.check_polynomial(group, certs, i, polynomial)
        vinputs = B.threshold_vinputs(group, certs, polynomials)
        voutputs = [B.threshold_voutput(group, certs, seed, vi) for seed, vi in zip(self.seeds, vinputs, strict=True)]
        self.dkeys = [v["private_key"] for v in voutputs]
        self.trustees = []
        self.server_key = None
        if server_key:
            self.server_key, tpk = B.generate_trustee_key(group)
            self.trustees.append(["Single", tpk])
        self.trustees.append(["Pedersen", B.threshold_parameters(group, certs, polynomials, voutputs)])
        self.trustees_raw = B.dumps(self.trustees)
        y = B.check_trustees(group, self.trustees)
        pairs = B.generate_credentials(group, self.uuid, voters)
        self.private_creds = [private for private, _ in pairs]
        self.public_creds = [public for _, public in pairs]
        self.creds_raw = B.dumps(sorted(self.public_creds))
        self.election_raw = B.make_election(
            uuid=self.uuid, name="Assembly 2026 (demo)", description="Test election", questions=questions, public_key=y
        )
        self.election = B.Election(self.election_raw)
        self.first_pedersen_owner = 2 if server_key else 1

    def box(self, revoked=()):
        return B.BallotBox(self.election, self.creds_raw, revoked)

    def trustee_key(self, j):
        """Committee member j's (0-based) decryption key, recovered from its seed and voutput."""
        return B.threshold_decryption_key(self.group, self.seeds[j], self.dkeys[j])

    def archive(self, ballots, tally=None, pds=(), result=None):
        writer = B.ArchiveWriter(timestamp=int(time.time()))
        writer.setup(self.election_raw, self.trustees_raw, self.creds_raw)
        for ballot in ballots:
            writer.ballot(ballot)
        if tally is not None:
            writer.end_ballots()
            writer.encrypted_tally(*tally)
            for owner, pd in pds:
                writer.partial_decryption(owner, pd)
            if result is not None:
                writer.result(result)
        return writer.bytes()

    def write_dir(self, directory, **kwargs):
        for old in directory.glob("*.bel"):
            old.unlink()
        (directory / f"{self.uuid}.bel").write_bytes(self.archive(**kwargs))
        return directory


@pytest.fixture(scope="module")
def setup():
    return Setup()


@pytest.fixture(scope="module")
def voted(setup):
    """Three ballots made by the module; voter 0 votes again (the revote replaces the first)."""
    box = setup.box()
    e = setup.election
    votes = [
        (0, [B.approval(e, 0, {0}), B.approval(e, 1, {0})]),
        (1, [B.approval(e, 0, {0, 2}), B.approval(e, 1, {1})]),
        (2, [B.approval(e, 0, set(), blank=True), B.approval(e, 1, {0})]),
        (0, [B.approval(e, 0, {1}), B.approval(e, 1, {1})]),
    ]
    ballots = [B.create_ballot(e, setup.private_creds[voter], plain) for voter, plain in votes]
    for ballot in ballots:
        box.cast(ballot)
    return box, ballots


# ------------------------------------------------------------------------------------------------
# The module alone: formats and arithmetic a voter and the committee rely on


def test_credentials_have_a_checksum_and_derive_as_the_specification_says():
    credential = B.generate_credential()
    assert len(credential) == 19 and B.check_credential(credential) and B.check_credential(credential.replace("-", ""))
    typo = credential[:-1] + ("2" if credential[-1] != "2" else "3")
    assert not B.check_credential(typo)
    group = B.get_group("BELENIOS-2048")
    # The same private credential gives a different public credential in another election.
    assert B.public_credential(group, "a" * 14, credential) != B.public_credential(group, "b" * 14, credential)


def test_channel_encryption_round_trips_and_detects_tampering():
    group = B.get_group("BELENIOS-2048")
    seed, _ = B.threshold_certificate(group)
    sk, dk = B.derive_sk(seed), B.derive_dk(seed)
    ek = group.pow(group.g, dk)
    message = "سر " * 20
    sent = B.channel_send(group, sk, ek, message)
    assert B.channel_receive(group, dk, group.pow(group.g, sk), sent) == message
    tampered = json.loads(sent)
    tampered["data"] = ("0" if tampered["data"][0] != "0" else "1") + tampered["data"][1:]
    with pytest.raises(B.ProofRefused) as refused:
        B.channel_receive(group, dk, group.pow(group.g, sk), json.dumps(tampered))
    assert refused.value.reason == "bad_encryption"


def test_revote_replaces_and_the_tally_counts_each_voter_once(setup, voted):
    box, ballots = voted
    assert len(box.accepted) == 4 and len(box.trackers()) == 3
    assert B.ballot_tracker(ballots[0]) not in box.trackers() and B.ballot_tracker(ballots[3]) in box.trackers()
    tally, num, weight = box.tally()
    pds = {
        setup.first_pedersen_owner + j: B.partial_decryption(setup.election, tally, setup.trustee_key(j))
        for j in (0, 2)
    }
    result = B.compute_result(setup.election, tally, weight, setup.trustees, pds)
    # Question 1: [blank, A, B, سارا]; question 2: [yes, no]
    assert result == {"result": [[1, 1, 1, 1], [1, 2]]} and num == 3


def test_ballots_check_the_same_with_and_without_gmp(setup, monkeypatch):
    """GMP only speeds up the arithmetic: a ballot made with Python's own pow verifies with GMP and back,
    and a tampered one is refused either way."""
    e = setup.election
    monkeypatch.setattr(B, "_gmp_powmod", None)
    plain_ballot = B.create_ballot(e, setup.private_creds[1], [B.approval(e, 0, {2}), B.approval(e, 1, {0})])
    monkeypatch.undo()
    assert B.verify_ballot(e, plain_ballot)["tracker"] == B.ballot_tracker(plain_ballot)
    gmp_ballot = B.create_ballot(e, setup.private_creds[2], [B.approval(e, 0, {1}), B.approval(e, 1, {1})])
    monkeypatch.setattr(B, "_gmp_powmod", None)
    assert B.verify_ballot(e, gmp_ballot)["tracker"] == B.ballot_tracker(gmp_ballot)
    swapped = json.loads(gmp_ballot)
    choices = swapped["answers"][1]["choices"]
    choices[0], choices[1] = choices[1], choices[0]
    _refused(setup.box(), B.dumps(swapped), "bad_signature")


def test_any_t_trustees_decrypt_and_t_minus_one_cannot(setup, voted):
    box, _ = voted
    tally, _, weight = box.tally()
    keys = {setup.first_pedersen_owner + j: setup.trustee_key(j) for j in range(3)}
    pds = {owner: B.partial_decryption(setup.election, tally, x) for owner, x in keys.items()}
    results = set()
    for pair in ([1, 2], [1, 3], [2, 3]):
        chosen = {o: pds[o] for o in pair}
        results.add(B.dumps(B.compute_result(setup.election, tally, weight, setup.trustees, chosen)))
    assert len(results) == 1
    for owner in pds:
        with pytest.raises(B.TallyRefused) as refused:
            B.compute_result(setup.election, tally, weight, setup.trustees, {owner: pds[owner]})
        assert refused.value.reason == "not_enough_decryptions"


# ------------------------------------------------------------------------------------------------
# Tampering: each refused with a clear reason


def _refused(box, ballot, reason):
    with pytest.raises(B.BallotRefused) as refused:
        box.cast(ballot)
    assert refused.value.reason == reason, refused.value.message
    assert refused.value.message
    return refused.value


def _edit(ballot, change):
    data = json.loads(ballot)
    change(data)
    return B.dumps(data)


def test_modified_ballots_are_refused(setup, voted):
    box = setup.box()
    ballot = voted[1][1]

    def swap_choices(b):
        choices = b["answers"][1]["choices"]
        choices[0], choices[1] = choices[1], choices[0]

    _refused(box, _edit(ballot, swap_choices), "bad_signature")  # the signature covers the choices

    def drop_blank_proof(b):
        del b["answers"][0]["blank_proof"]

    _refused(box, _edit(ballot, drop_blank_proof), "malformed")
    _refused(box, ballot.replace('{"election_uuid"', '{ "election_uuid"'), "non_canonical")
    _refused(box, "not json", "malformed")
    assert box.accepted == []


def test_re_signed_ballot_with_a_bad_proof_is_refused(setup):
    """An attacker holding a credential cannot swap ciphertexts even by signing again: proofs fail."""
    box = setup.box()
    e = setup.election
    credential = setup.private_creds[3]
    ballot = json.loads(B.create_ballot(e, credential, [B.approval(e, 0, {0}), B.approval(e, 1, {0})]))
    answer = ballot["answers"][1]
    answer["choices"].reverse()  # a "yes" becomes a "no", the proofs stay as they were
    del ballot["signature"]
    s = B.credential_secret(e.group, e.uuid, credential)
    signed_hash = B.sha256_b64(B.dumps(ballot))
    w = e.group.random_scalar()
    challenge = e.group.hash(f"sig|{signed_hash}|", [e.group.pow(e.group.g, w)])
    ballot["signature"] = {"hash": signed_hash, "proof": B._proof(challenge, (w - s * challenge) % e.group.q)}
    refusal = _refused(box, B.dumps(ballot), "bad_proof")
    assert "question 2" in refusal.message


def test_an_over_vote_cannot_be_proved(setup):
    e = setup.election
    with pytest.raises(ValueError):
        B.create_ballot(e, setup.private_creds[0], [[0, 1, 1, 1], B.approval(e, 1, {0})])
    with pytest.raises(ValueError):
        B.create_ballot(e, setup.private_creds[0], [[1, 1, 0, 0], B.approval(e, 1, {0})])


def test_replayed_ballot_is_refused_and_a_revote_replaces(setup):
    box = setup.box()
    e = setup.election
    first = B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {0}), B.approval(e, 1, {0})])
    second = B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {1}), B.approval(e, 1, {1})])
    box.cast(first)
    _refused(box, first, "replay")
    box.cast(second)
    assert box.trackers() == [B.ballot_tracker(second)]
    _refused(box, first, "replay")  # an old ballot cannot be replayed to undo the revote
    assert box.trackers() == [B.ballot_tracker(second)]


def test_ballot_for_another_election_is_refused(setup):
    other = Setup(voters=1)
    e = other.election
    ballot = B.create_ballot(e, other.private_creds[0], [B.approval(e, 0, {0}), B.approval(e, 1, {0})])
    box = B.BallotBox(setup.election, B.dumps(sorted(setup.public_creds + other.public_creds)))
    _refused(box, ballot, "wrong_election")
    # The same private credential does not give a listed public credential in another election either.
    ballot = B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {0}), B.approval(e, 1, {0})])
    _refused(setup.box(), ballot, "unknown_credential")


def test_unknown_and_revoked_credentials_are_refused(setup):
    e = setup.election
    stranger = B.generate_credential()
    ballot = B.create_ballot(e, stranger, [B.approval(e, 0, {0}), B.approval(e, 1, {0})])
    _refused(setup.box(), ballot, "unknown_credential")
    box = setup.box(revoked={setup.public_creds[1]})
    ballot = B.create_ballot(e, setup.private_creds[1], [B.approval(e, 0, {0}), B.approval(e, 1, {0})])
    _refused(box, ballot, "revoked_credential")
    box = setup.box()
    box.cast(ballot)
    box.revoke(setup.public_creds[1])
    assert box.trackers() == []


def _order_two_and_non_residue(group):
    """Crafted elements outside the prime-order subgroup: p - 1 has order 2; the first x with
    x^q != 1 is outside it (for BELENIOS-2048 the cofactor is large)."""
    x = 2
    while pow(x, group.q, group.p) == 1:
        x += 1
    return group.p - 1, x


@pytest.mark.parametrize("where", ["credential", "alpha", "beta"])
def test_group_elements_outside_the_subgroup_are_refused(setup, where):
    e = setup.election
    group = e.group
    ballot = B.create_ballot(e, setup.private_creds[2], [B.approval(e, 0, {0}), B.approval(e, 1, {0})])
    order_two, outsider = _order_two_and_non_residue(group)
    for bad in (group.p - 1, 0, group.p, order_two, outsider, group.p + 1, 1):

        def put(b, bad=bad):
            if where == "credential":
                b["credential"] = str(bad)
            else:
                b["answers"][0]["choices"][1][where] = str(bad)

        tampered = _edit(ballot, put)
        with pytest.raises(B.BallotRefused) as refused:
            B.verify_ballot(e, tampered)
        assert refused.value.reason == "not_in_group", (bad, refused.value.reason)
    # A number not in canonical form is refused too, even when its value is right.
    tampered = _edit(ballot, lambda b: b.__setitem__("credential", "0" + b["credential"]))
    with pytest.raises(B.BallotRefused) as refused:
        B.verify_ballot(e, tampered)
    assert refused.value.reason == "malformed"


def test_partial_decryption_with_a_bad_proof_or_outside_factor_is_refused(setup, voted):
    box, _ = voted
    e = setup.election
    tally, _, weight = box.tally()
    owner = setup.first_pedersen_owner
    x = setup.trustee_key(0)
    public = e.group.pow(e.group.g, x)
    good = B.partial_decryption(e, tally, x)
    assert B.check_partial_decryption(e, tally, public, good)
    # Another trustee's key: the factors are right for that key, not for this trustee.
    wrong = B.partial_decryption(e, tally, setup.trustee_key(1))
    with pytest.raises(B.ProofRefused) as refused:
        B.check_partial_decryption(e, tally, public, wrong)
    assert refused.value.reason == "bad_proof"
    # A forged factor with the original proof.
    forged = json.loads(B.dumps(good))
    forged["decryption_factors"][0][0] = str(int(forged["decryption_factors"][0][0]) * e.group.g % e.group.p)
    with pytest.raises(B.ProofRefused) as refused:
        B.check_partial_decryption(e, tally, public, forged)
    assert refused.value.reason == "bad_proof"
    outside = json.loads(B.dumps(good))
    outside["decryption_factors"][1][0] = str(e.group.p - 1)
    with pytest.raises(B.ProofRefused) as refused:
        B.check_partial_decryption(e, tally, public, outside)
    assert refused.value.reason == "not_in_group"
    # The combination refuses a set containing a bad share, even with enough good ones.
    pds = {owner: forged, owner + 1: B.partial_decryption(e, tally, setup.trustee_key(1))}
    with pytest.raises(B.ProofRefused):
        B.compute_result(e, tally, weight, setup.trustees, pds)


def test_trustee_material_is_checked():
    group = B.get_group("BELENIOS-2048")
    x, tpk = B.generate_trustee_key(group)
    assert B.check_trustee_public_key(group, tpk) == group.pow(group.g, x)
    bad = dict(tpk, public_key=str(group.pow(group.g, x + 1)))
    with pytest.raises(B.ProofRefused) as refused:
        B.check_trustee_public_key(group, bad)
    assert refused.value.reason == "bad_proof"
    with pytest.raises(B.ProofRefused) as refused:
        B.check_trustee_public_key(group, dict(tpk, public_key=str(group.p - 1)))
    assert refused.value.reason == "not_in_group"
    seed, cert = B.threshold_certificate(group)
    forged = dict(cert, message=cert["message"].replace('"encryption":"', '"encryption":"1'))
    with pytest.raises(B.ProofRefused):
        B.cert_keys(group, forged)


# ------------------------------------------------------------------------------------------------
# Interop with belenios-tool 2.0


@needs_tool
def test_tool_verifies_a_civnet_election_end_to_end(tmp_path):
    """(a) Threshold keys, credentials, ballots, tally, partial decryptions and result all made by
    CivNet's module; `belenios-tool election verify` passes at every stage."""
    setup = Setup(voters=3, server_key=True)
    e = setup.election
    box = setup.box()
    ballots = [
        B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {0, 1}), B.approval(e, 1, {0})]),
        B.create_ballot(e, setup.private_creds[1], [B.approval(e, 0, set(), blank=True), B.approval(e, 1, {1})]),
        B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {2}), B.approval(e, 1, {1})]),
    ]
    for ballot in ballots:
        box.cast(ballot)
    setup.write_dir(tmp_path, ballots=ballots)
    assert "all checks passed" in verify(tmp_path)
    tally, num, weight = box.tally()
    # The tool computes the same encrypted tally from the same ballots, byte for byte.
    et, sized = tool("election", "compute-encrypted-tally", "--dir", str(tmp_path), cwd=tmp_path).splitlines()
    assert et == B.dumps(tally) and json.loads(sized) == B.sized_encrypted_tally(tally, num, weight)
    pds = {1: B.partial_decryption(e, tally, setup.server_key)}
    for j in (1, 2):  # committee members 2 and 3 of 3
        pds[setup.first_pedersen_owner + j] = B.partial_decryption(e, tally, setup.trustee_key(j))
    result = B.compute_result(e, tally, weight, setup.trustees, pds)
    assert result == {"result": [[1, 0, 0, 1], [0, 2]]}
    setup.write_dir(tmp_path, ballots=ballots, tally=(tally, num, weight), pds=sorted(pds.items()), result=result)
    report = verify(tmp_path)
    assert "all checks passed" in report and "no result to check" not in report


@needs_tool
def test_ballots_made_by_the_tool_are_accepted_and_counted(tmp_path):
    """(b) `belenios-tool election generate-ballot` for a CivNet election: the module accepts the ballots
    (also a revote) and counts them."""
    setup = Setup(voters=2)
    setup.write_dir(tmp_path, ballots=[])
    e = setup.election
    box = setup.box()
    votes = [(0, [[0, 1, 0, 1], [1, 0]]), (1, [[1, 0, 0, 0], [0, 1]]), (0, [[0, 0, 1, 0], [0, 1]])]
    for voter, plain in votes:
        (tmp_path / "cred").write_text(setup.private_creds[voter] + "\n")
        (tmp_path / "choices.json").write_text(json.dumps(plain))
        ballot = tool(
            "election",
            "generate-ballot",
            "--dir",
            str(tmp_path),
            "--privcred",
            "cred",
            "--ballot",
            "choices.json",
            cwd=tmp_path,
        ).strip()
        box.cast(ballot)
    tally, num, weight = box.tally()
    pds = {j + 1: B.partial_decryption(e, tally, setup.trustee_key(j)) for j in (0, 1)}
    assert B.compute_result(e, tally, weight, setup.trustees, pds) == {"result": [[1, 0, 1, 0], [0, 2]]}


@needs_tool
def test_partial_decryptions_and_result_agree_with_the_tool(tmp_path):
    """(c) On the same directory, the tool's decrypt-threshold (with keys made by CivNet) and CivNet's
    partial decryptions check each other, and compute-result gives byte for byte CivNet's result."""
    setup = Setup(voters=3)
    e = setup.election
    box = setup.box()
    ballots = [
        B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {0}), B.approval(e, 1, {0})]),
        B.create_ballot(e, setup.private_creds[1], [B.approval(e, 0, {0, 2}), B.approval(e, 1, {0})]),
    ]
    for ballot in ballots:
        box.cast(ballot)
    tally, num, weight = box.tally()
    tool_pds = {}
    for j in (0, 2):
        (tmp_path / f"t{j}.key").write_text(setup.seeds[j] + "\n")
        (tmp_path / f"t{j}.dkey").write_text(setup.dkeys[j] + "\n")
        setup.write_dir(tmp_path, ballots=ballots, tally=(tally, num, weight))
        out = tool(
            "election",
            "decrypt-threshold",
            "--dir",
            str(tmp_path),
            "--key",
            f"t{j}.key",
            "--decryption-key",
            f"t{j}.dkey",
            "--trustee-id",
            str(j + 1),
            cwd=tmp_path,
        ).splitlines()
        pd_raw, owned = out[0], json.loads(out[1])
        assert owned["owner"] == j + 1 and owned["payload"] == B.sha256_hex(pd_raw)
        pd = json.loads(pd_raw)
        public = e.group.pow(e.group.g, setup.trustee_key(j))
        tool_factors = B.check_partial_decryption(e, tally, public, pd)
        ours = B.partial_decryption(e, tally, setup.trustee_key(j))
        assert tool_factors == B.check_partial_decryption(e, tally, public, ours)  # same factors alpha^x
        tool_pds[j + 1] = pd
    result = B.compute_result(e, tally, weight, setup.trustees, tool_pds)
    setup.write_dir(tmp_path, ballots=ballots, tally=(tally, num, weight), pds=sorted(tool_pds.items()))
    tool_result = tool("election", "compute-result", "--dir", str(tmp_path), cwd=tmp_path).strip()
    assert tool_result == B.dumps(result) == '{"result":[[0,2,0,1],[2,0]]}'
    # CivNet's own partial decryptions (members 1 and 2) with the tool's result still verify with the tool.
    ours = {j + 1: B.partial_decryption(e, tally, setup.trustee_key(j)) for j in (0, 1)}
    setup.write_dir(tmp_path, ballots=ballots, tally=(tally, num, weight), pds=sorted(ours.items()), result=tool_result)
    assert "all checks passed" in verify(tmp_path)


@needs_tool
def test_tool_refuses_a_tampered_civnet_archive(tmp_path):
    """The oracle is not blind: a CivNet archive with a wrong result does not verify with the tool."""
    setup = Setup(voters=1)
    e = setup.election
    ballot = B.create_ballot(e, setup.private_creds[0], [B.approval(e, 0, {1}), B.approval(e, 1, {0})])
    tally = B.encrypted_tally(e, [(1, B.verify_ballot(e, ballot)["ciphertexts"])])
    pds = {j + 1: B.partial_decryption(e, tally, setup.trustee_key(j)) for j in (0, 1)}
    wrong = {"result": [[0, 1, 0, 0], [0, 1]]}
    setup.write_dir(tmp_path, ballots=[ballot], tally=(tally, 1, 1), pds=sorted(pds.items()), result=wrong)
    with pytest.raises(AssertionError, match="check_result failed|Assert"):
        verify(tmp_path)


@needs_tool
def test_threshold_keys_made_by_the_tool_are_accepted(tmp_path):
    """A committee member who prefers belenios-tool on their own computer: certificates, polynomials and
    voutputs made by the tool's generate-trustee-key-threshold are checked and combined by the module."""
    group = B.get_group("BELENIOS-2048")
    for _ in range(3):
        tool("setup", "generate-trustee-key-threshold", "--group", "BELENIOS-2048", "--step", "1", cwd=tmp_path)
    keys = sorted(tmp_path.glob("*.key"))
    certs_text = "".join(p.with_suffix(".cert").read_text() for p in keys)
    (tmp_path / "certs.jsons").write_text(certs_text)
    certs = [json.loads(line) for line in certs_text.splitlines()]
    for cert in certs:
        B.cert_keys(group, cert)
    polys = [
        tool(
            "setup",
            "generate-trustee-key-threshold",
            "--group",
            "BELENIOS-2048",
            "--certs",
            "certs.jsons",
            "--key",
            k.name,
            "--step",
            "3",
            "--threshold",
            "2",
            cwd=tmp_path,
        ).strip()
        for k in keys
    ]
    polynomials = [json.loads(p) for p in polys]
    vinputs = B.threshold_vinputs(group, certs, polynomials)
    voutputs = []
    for k, vinput in zip(keys, vinputs, strict=True):
        out = tool(
            "setup",
            "generate-trustee-key-threshold",
            "--group",
            "BELENIOS-2048",
            "--certs",
            "certs.jsons",
            "--key",
            k.name,
            "--step",
            "5",
            cwd=tmp_path,
            stdin=B.dumps(vinput) + "\n",
        )
        voutputs.append(json.loads(out))
    params = B.threshold_parameters(group, certs, polynomials, voutputs)
    y = B.check_trustees(group, [["Pedersen", params]])
    seed = keys[0].read_text().strip()
    x = B.threshold_decryption_key(group, seed, voutputs[0]["private_key"])
    assert group.pow(group.g, x) == int(params["verification_keys"][0]["public_key"]) and y > 1
