"""Belenios 2.0 in plain Python: the cryptography of CivNet's verifiable online ballots.

Every function cites the section of the Belenios 2.0 specification it implements
(``../shared/reference/belenios-2.0/specification.tex``; "§4.9" means section 4, subsection 9 as the
document numbers them: 4.1 Conventions, 4.2 Basic types, 4.3 Common structures, 4.4 Public data,
4.5 Verification keys, 4.6 Threshold decryption support, 4.7 Trustees, 4.8 Credentials, 4.9 Questions,
4.10 Elections, 4.11 Encrypted answers, 4.12 Proofs of interval membership, 4.13 Proofs of possibly-blank
votes, 4.14 Signatures, 4.15 Ballots, 4.16 Encrypted tally, 4.18 Partial decryptions, 4.19 Election result,
5 Group parameters). Where the specification is silent, the behaviour follows belenios-tool 2.0's OCaml
source (``src/lib/v1``), which is also the correctness oracle of ``tests/test_belenios.py``.

The standard library (``hashlib``, ``secrets`` for randomness, ``json``) and modular exponentiation by
:func:`modpow`: Python's ``pow``, computed by GMP through ``gmpy2`` when it is installed (the same integers,
about eight times faster on 2048-bit numbers; ``docs/elections.md`` says why).
JSON is written exactly as belenios-tool writes it (compact, fields in the specification's order, strings
escaped as Yojson does) because ballot signatures and trackers hash that serialisation.

Beyond Belenios 2.0, every group element received from outside (ballots, credentials, certificates,
trustee keys, partial decryptions) is checked to be in the prime-order subgroup (``1 < x < p`` and
``x^q = 1 mod p``; the identity is allowed only where it is a legitimate value, e.g. the tally of no
ballot), every number must be written canonically, and a ballot already seen is refused as a replay.
Refusals raise :class:`BallotRefused`, :class:`ProofRefused` or :class:`TallyRefused`, each with a short
machine ``reason`` and a human ``message``.
"""

import base64
import hashlib
import json
import re
import secrets
import struct

try:  # GMP's modular exponentiation; the module is complete without it (see modpow)
    from gmpy2 import mpz as _mpz
    from gmpy2 import powmod as _gmp_powmod
except ImportError:  # pragma: no cover - gmpy2 is in requirements.txt
    _gmp_powmod = _mpz = None

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_NUMBER = re.compile(r"0|[1-9][0-9]*")


def modpow(base, exponent, modulus):
    """base^exponent mod modulus (exponent may be negative: an inverse), as Python's three-argument ``pow``.
    With gmpy2 installed, GMP computes it; the result is the same Python integer either way."""
    if _gmp_powmod is None:
        return pow(base, exponent, modulus)
    return int(_gmp_powmod(base, exponent, modulus))


# --------------------------------------------------------------------------------------------------
# Refusals


class Refused(Exception):
    """Something received does not pass the checks of the protocol (§3.5 Audit: every check is public)."""

    def __init__(self, reason, message):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


class BallotRefused(Refused):
    """A ballot is refused (§3.2 Vote, step 3: the server checks credential and proofs)."""


class ProofRefused(Refused):
    """A trustee's key, certificate, polynomial or partial decryption does not verify (§4.5, §4.6, §4.18)."""


class TallyRefused(Refused):
    """The result cannot be computed, e.g. fewer than t partial decryptions (§4.19)."""


# --------------------------------------------------------------------------------------------------
# Serialisation and hashes (§4.1 Conventions, §4.2 Basic types, §4.15 H_JSON)


def dumps(obj):
    """Compact JSON as belenios-tool (atdgen/Yojson) writes it (§4.1): no spaces, UTF-8 kept raw,
    control characters and DEL escaped. Field order is the dict's insertion order (the specification's)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("\x7f", "\\u007f")


def sha256_hex(text):
    """SHA256 of a UTF-8 string, in hexadecimal (§4.2 type H; file names of §4.4)."""
    if isinstance(text, str):
        text = text.encode()
    return hashlib.sha256(text).hexdigest()


def sha256_b64(text):
    """H_JSON: Base64 of SHA256 without padding (§4.15): election fingerprint, ballot hash, tracker."""
    if isinstance(text, str):
        text = text.encode()
    return base64.b64encode(hashlib.sha256(text).digest()).decode().rstrip("=")


def parse_number(value, what="number"):
    """A big integer written in base 10 as a JSON string (§4.2 types N, Z_q, G); canonical form only."""
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise ProofRefused("malformed", f"{what} is not a number written in base 10")
    return int(value)


def _loads(raw, exc=ProofRefused):
    try:
        return json.loads(raw)
    except (ValueError, TypeError) as error:
        raise exc("malformed", f"not JSON: {error}") from None


# --------------------------------------------------------------------------------------------------
# Groups (§5 Group parameters)


class Group:
    """A multiplicative subgroup of prime order q of F_p^*, generated by g (§1 Group parameters, §5)."""

    def __init__(self, name, p, q, g, embedding=None):
        self.name, self.p, self.q, self.g, self.embedding = name, p, q, g, embedding
        self._tables = {}

    def __repr__(self):
        return f"<Group {self.name}>"

    def is_element(self, x, *, identity=False):
        """Membership of the prime-order subgroup: 1 < x < p (or x = 1 if ``identity``) and x^q = 1 mod p.
        Belenios 2.0 checks 0 <= x < p and x^q = 1; CivNet also refuses the identity where a random
        element is expected (a ciphertext with alpha = 1 would show its plaintext)."""
        if not isinstance(x, int) or isinstance(x, bool):
            return False
        if x == 1:
            return identity
        return 1 < x < self.p and modpow(x, self.q, self.p) == 1

    def element(self, value, what, exc=ProofRefused, *, identity=False):
        """Parse a group element (§4.2 type G) and check it is in the subgroup (see :meth:`is_element`)."""
        try:
            x = parse_number(value, what)
        except ProofRefused as refusal:
            raise exc(refusal.reason, refusal.message) from None
        if not self.is_element(x, identity=identity):
            raise exc("not_in_group", f"{what} is not an element of the group {self.name}")
        return x

    def scalar(self, value, what, exc=ProofRefused):
        """Parse a number modulo q (§4.2 type Z_q): 0 <= x < q."""
        try:
            x = parse_number(value, what)
        except ProofRefused as refusal:
            raise exc(refusal.reason, refusal.message) from None
        if not x < self.q:
            raise exc("out_of_range", f"{what} is not smaller than q")
        return x

    def random_scalar(self):
        """A uniformly random exponent in Z_q (``secrets``)."""
        return secrets.randbelow(self.q)

    def hash(self, prefix, elements):
        """Fiat-Shamir challenge: SHA256(prefix || e1,e2,...) as a big-endian number mod q (§4.5, §4.12)."""
        return int(sha256_hex(prefix + ",".join(str(x) for x in elements)), 16) % self.q

    def pow(self, base, exponent):
        """base^exponent mod p; fixed bases (g, the election key) use a precomputed comb table."""
        table = self._tables.get(base)
        if table is None or exponent < 0 or exponent >= self.q:
            return modpow(base, exponent, self.p)
        p = self.p
        result = 1 if _gmp_powmod is None else _mpz(1)
        window = 0
        while exponent:
            digit = exponent & 0xFF
            if digit:
                result = result * table[window][digit] % p
            exponent >>= 8
            window += 1
        return int(result)

    def fix_base(self, base):
        """Precompute base^(j * 256^i) so that exponentiations of this base cost ~q.bits/8 products."""
        if base in self._tables or self.q.bit_length() > 512:
            return
        p = self.p if _mpz is None else _mpz(self.p)
        table = []
        start = base if _mpz is None else _mpz(base)
        for _ in range((self.q.bit_length() + 7) // 8):
            row = [1, start]
            for _ in range(254):
                row.append(row[-1] * start % p)
            table.append(row)
            start = row[-1] * start % p
        self._tables[base] = table

    def inverse(self, x):
        """Inverse modulo p."""
        return modpow(x, -1, self.p)


BELENIOS_2048 = Group(
    "BELENIOS-2048",
    p=int(
        "20694785691422546401013643657505008064922989295751104097100884787057374219242717401922237254497684"
        "33812906663313807895840496005438963628979639303877390572280360597374942767137677761889858987273586"
        "50490811670993105358677809800307904916540637771737641986785272734744763418356000356983051931442845"
        "61701911000786737307333564123971732897913240474578834468260652327974647951137672658693582180046317"
        "92207366886005262718636338608879688212076943236614949100292344434637322214588410058642105024212036"
        "54335612013204811188524087310770141516662001623131771693721892480785077118278423174980732765988288"
        "25169183103125680162072880719"
    ),
    q=78571733251071885079927659812671450121821421258408794611510081919805623223441,
    g=int(
        "24023526775018522092276877035323999327122876573783649165100753187876632741463532193202856761552696"
        "78799694668298749389095083896573425601900601068477164491735474137283104610458681314511781646755400"
        "52740288984613986453266121505579709716201616827031288643245666383486363578210615491841998253431518"
        "97406581868686511513585764101388822153960160432288436039309893336627728484065931384060102316750957"
        "63777982665103606822406635076697764025346253773085133173495194248967754052573659049492477631475991"
        "57519877517771148149092045660020547812705472823814097251863985833411570056835369555342378147558249"
        "1896050296680037745308460627"
    ),
)

RFC_3526_2048 = Group(
    "RFC-3526-2048",
    p=int(
        "32317006071311007300338913926423828248817941241140239112842009751400741706634354222619689417363569"
        "34711790173790970419175460587320919502885375898618562215321217541251490177452027023579607823624888"
        "42461894775876411059286460994117232454266225221932305409190376805242355191256797158701170010580558"
        "77651038861847280257976054903569732561526167081339361799541336476559160368317896729073178384589680"
        "63967190097720219416864722587103141133642931953619347163653320971707744822798858856536920864529663"
        "60772502689555059283627511211740969729980684105543595848665832916421362182310789909994486524682624"
        "16972035911852507045361090559"
    ),
    q=int(
        "16158503035655503650169456963211914124408970620570119556421004875700370853317177111309844708681784"
        "67355895086895485209587730293660459751442687949309281107660608770625745088726013511789803911812444"
        "21230947387938205529643230497058616227133112610966152704595188402621177595628398579350585005290279"
        "38825519430923640128988027451784866280763083540669680899770668238279580184158948364536589192294840"
        "31983595048860109708432361293551570566821465976809673581826660485853872411399429428268460432264831"
        "80386251344777529641813755605870484864990342052771797924332916458210681091155394954997243262341312"
        "08486017955926253522680545279"
    ),
    g=2,
    embedding={"padding": 8, "bits_per_int": 8},
)

GROUPS = {BELENIOS_2048.name: BELENIOS_2048, RFC_3526_2048.name: RFC_3526_2048}


def get_group(name):
    """The group named in the election's ``group`` field (§4.10): BELENIOS-2048 or RFC-3526-2048 (§5)."""
    try:
        group = GROUPS[name]
    except (KeyError, TypeError):
        raise ProofRefused("unknown_group", f"unknown group {name!r}") from None
    group.fix_base(group.g)
    return group


# --------------------------------------------------------------------------------------------------
# Tokens and credentials (§4.2 uuid, §4.8 Credentials)


def generate_token(length=14):
    """A random Base58 string: election uuid (§4.2, at least 14 characters) or trustee seed (§4.6.1, 22)."""
    return "".join(secrets.choice(B58) for _ in range(length))


def check_uuid(uuid):
    """A uuid is a string of Base58 characters of size at least 14 (§4.2)."""
    return isinstance(uuid, str) and len(uuid) >= 14 and all(c in B58 for c in uuid)


def generate_credential():
    """A private credential XXX-XXX-XXX-XXX-XXX: 14 random Base58 digits and a checksum 53 - c1 mod 53 (§4.8)."""
    digits = [secrets.randbelow(58) for _ in range(14)]
    value = 0
    for d in digits:
        value = value * 58 + d
    raw = "".join(B58[d] for d in digits) + B58[53 - value % 53]
    return "-".join(raw[i : i + 3] for i in range(0, 15, 3))


def check_credential(credential):
    """Format and checksum of a private credential, with or without dashes (§4.8; tool's Credential.parse)."""
    if not isinstance(credential, str):
        return False
    if len(credential) == 19:
        if any(credential[i] != "-" for i in (3, 7, 11, 15)):
            return False
        credential = credential.replace("-", "")
    if len(credential) != 15 or any(c not in B58 for c in credential):
        return False
    value = 0
    for c in credential[:14]:
        value = value * 58 + B58.index(c)
    return (value + B58.index(credential[14])) % 53 == 0


def credential_secret(group, uuid, credential):
    """secret(c): PBKDF2-HMAC-SHA256(password=c, salt=uuid, 1000 iterations, one block) mod q (§4.8)."""
    derived = hashlib.pbkdf2_hmac("sha256", credential.encode(), uuid.encode(), 1000, 32)
    return int.from_bytes(derived, "big") % group.q


def public_credential(group, uuid, credential):
    """public(c) = g^secret(c), written in base 10 (§4.8)."""
    return str(group.pow(group.g, credential_secret(group, uuid, credential)))


def generate_credentials(group, uuid, count):
    """The credential authority's step 3 of §3.1: ``count`` pairs (private credential, public credential)."""
    pairs = []
    for _ in range(count):
        private = generate_credential()
        pairs.append((private, public_credential(group, uuid, private)))
    return pairs


def parse_public_credentials(group, raw):
    """The ``public_credentials`` list (§4.8): strings "credential" or "credential,weight"; all distinct,
    each in the group. Returns {credential string: weight}."""
    items = _loads(raw) if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise ProofRefused("malformed", "public credentials must be a list")
    creds = {}
    for item in items:
        if not isinstance(item, str):
            raise ProofRefused("malformed", "a public credential must be a string")
        value, _, weight = item.partition(",")
        group.element(value, "public credential")
        weight = parse_number(weight, "weight") if weight else 1
        if value in creds:
            raise ProofRefused("duplicate_credential", "a public credential appears twice")
        creds[value] = weight
    return creds


# --------------------------------------------------------------------------------------------------
# Proofs of knowledge and trustee keys (§4.5 Verification keys)


def _fs_response(group, w, x, challenge):
    return (w - x * challenge) % group.q


def _check_proof_numbers(group, proof, what):
    if not isinstance(proof, dict) or set(proof) != {"challenge", "response"}:
        raise ProofRefused("malformed", f"{what} is not a proof")
    return group.scalar(proof["challenge"], f"{what} challenge"), group.scalar(proof["response"], f"{what} response")


def _proof(challenge, response):
    return {"challenge": str(challenge), "response": str(response)}


def make_trustee_public_key(group, x):
    """trustee_public_key {pok, public_key} for private key x, with the proof H_pok(X, A) (§4.5)."""
    public = group.pow(group.g, x)
    w = group.random_scalar()
    challenge = group.hash(f"pok|{group.name}|{public}|", [group.pow(group.g, w)])
    return {"pok": _proof(challenge, _fs_response(group, w, x, challenge)), "public_key": str(public)}


def generate_trustee_key(group):
    """A "Single" trustee's key pair (§3.1.1 "Single" protocol, §4.5): (x, trustee_public_key)."""
    x = group.random_scalar()
    return x, make_trustee_public_key(group, x)


def check_trustee_public_key(group, tpk):
    """Verify a trustee_public_key: X in the group and A = g^response X^challenge hashes to challenge (§4.5)."""
    if not isinstance(tpk, dict) or "public_key" not in tpk or "pok" not in tpk:
        raise ProofRefused("malformed", "not a trustee public key")
    public = group.element(tpk["public_key"], "trustee public key")
    challenge, response = _check_proof_numbers(group, tpk["pok"], "proof of knowledge")
    commitment = group.pow(group.g, response) * modpow(public, challenge, group.p) % group.p
    if group.hash(f"pok|{group.name}|{public}|", [commitment]) != challenge:
        raise ProofRefused("bad_proof", "the proof of knowledge of the trustee key does not verify")
    return public


# --------------------------------------------------------------------------------------------------
# Threshold PKI (§4.6.1): seeds, signatures, AES-CCM encryption, channels (§4.6.3)

_SBOX = []
_XTIME = []


def _aes_tables():
    # The AES S-box from the multiplicative inverse in GF(2^8) and the affine map (FIPS-197 §5.1.1).
    def mul(a, b):
        r = 0
        while b:
            if b & 1:
                r ^= a
            a = ((a << 1) ^ 0x11B) if a & 0x80 else a << 1
            b >>= 1
        return r

    inverse = [0] * 256
    for a in range(1, 256):
        for b in range(1, 256):
            if mul(a, b) == 1:
                inverse[a] = b
                break
    for a in range(256):
        x = inverse[a]
        s = x
        for _ in range(4):
            x = ((x << 1) | (x >> 7)) & 0xFF
            s ^= x
        _SBOX.append(s ^ 0x63)
        _XTIME.append(((a << 1) ^ 0x11B) & 0xFF if a & 0x80 else a << 1)


def _aes_expand(key):
    # AES-256 key schedule (FIPS-197 §5.2): 15 round keys of 16 bytes.
    if not _SBOX:
        _aes_tables()
    words = [list(key[i : i + 4]) for i in range(0, 32, 4)]
    rcon = 1
    for i in range(8, 60):
        t = list(words[-1])
        if i % 8 == 0:
            t = t[1:] + t[:1]
            t = [_SBOX[b] for b in t]
            t[0] ^= rcon
            rcon = _XTIME[rcon]
        elif i % 8 == 4:
            t = [_SBOX[b] for b in t]
        words.append([a ^ b for a, b in zip(words[i - 8], t, strict=True)])
    return [sum(words[r * 4 : r * 4 + 4], []) for r in range(15)]


def _aes_block(round_keys, block):
    # One AES encryption (FIPS-197 §5.1); the state is column-major, as the input bytes.
    s = [b ^ k for b, k in zip(block, round_keys[0], strict=True)]
    for r in range(1, 15):
        s = [_SBOX[b] for b in s]
        s = [s[(i + 4 * (i % 4)) % 16] for i in range(16)]
        if r != 14:
            mixed = []
            for c in range(4):
                a = s[4 * c : 4 * c + 4]
                t = a[0] ^ a[1] ^ a[2] ^ a[3]
                mixed += [a[i] ^ t ^ _XTIME[a[i] ^ a[(i + 1) % 4]] for i in range(4)]
            s = mixed
        s = [b ^ k for b, k in zip(s, round_keys[r], strict=True)]
    return bytes(s)


def _xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def _ccm(round_keys, iv, data, tag=None):
    """AES-CCM as Belenios uses it (SJCL's ccm with a 64-bit tag, no associated data, L = 2 for short
    messages, the first 13 bytes of the 32-byte IV). Encrypts when ``tag`` is None; otherwise decrypts
    ``data`` and checks ``tag``."""
    length = len(data)
    ll = 2
    while ll < 4 and length >> (8 * ll):
        ll += 1
    nonce = iv[: 15 - ll]

    def compute_tag(plaintext):
        b0 = bytearray(bytes([(6 << 2) | (ll - 1)]) + nonce + bytes(16))[:16]
        b0[12:16] = struct.pack(">I", struct.unpack(">I", bytes(b0[12:16]))[0] | len(plaintext))
        mac = _aes_block(round_keys, bytes(b0))
        padded = plaintext + bytes(-len(plaintext) % 16)
        for i in range(0, len(padded), 16):
            mac = _aes_block(round_keys, _xor(mac, padded[i : i + 16]))
        return mac[:8]

    def ctr(payload, raw_tag):
        counter = bytearray((bytes([ll - 1]) + nonce + bytes(16))[:16])
        masked_tag = _xor(_aes_block(round_keys, bytes(counter)), raw_tag + bytes(8))[:8]
        out = bytearray()
        for i in range(0, len(payload), 16):
            n = (struct.unpack(">I", bytes(counter[12:16]))[0] + 1) & 0xFFFFFFFF
            counter[12:16] = struct.pack(">I", n)
            chunk = payload[i : i + 16]
            out += _xor(_aes_block(round_keys, bytes(counter))[: len(chunk)], chunk)
        return bytes(out), masked_tag

    if tag is None:
        out, masked = ctr(data, compute_tag(data))
        return out + masked
    plaintext, raw_tag = ctr(data, tag)
    if compute_tag(plaintext) != raw_tag:
        raise ProofRefused("bad_encryption", "the encrypted message does not authenticate")
    return plaintext


def derive_sk(seed):
    """Signing key: SHA256("sk|" + seed) as a number (§4.6.1 Deriving keys)."""
    return int(sha256_hex("sk|" + seed), 16)


def derive_dk(seed):
    """Decryption key: SHA256("dk|" + seed) as a number (§4.6.1 Deriving keys)."""
    return int(sha256_hex("dk|" + seed), 16)


def sign_message(group, sk, message):
    """signed_msg {message, signature}: Schnorr proof with challenge SHA256("sigmsg|M|A") (§4.6.1 Signing)."""
    w = group.random_scalar()
    challenge = group.hash(f"sigmsg|{message}|", [group.pow(group.g, w)])
    return {"message": message, "signature": _proof(challenge, _fs_response(group, w, sk, challenge))}


def verify_signed_message(group, vk, signed):
    """Check a signed_msg against verification key vk (§4.6.1 Signing, verification)."""
    if not isinstance(signed, dict) or not isinstance(signed.get("message"), str):
        raise ProofRefused("malformed", "not a signed message")
    challenge, response = _check_proof_numbers(group, signed.get("signature"), "signature")
    commitment = group.pow(group.g, response) * modpow(vk, challenge, group.p) % group.p
    if group.hash(f"sigmsg|{signed['message']}|", [commitment]) != challenge:
        raise ProofRefused("bad_signature", "a signed message does not verify")
    return signed["message"]


def encrypt_message(group, ek, plaintext):
    """encrypted_msg {alpha, beta, data}: El Gamal of g^s and AES-CCM of M under SHA256("key|g^s"),
    IV SHA256("iv|alpha") (§4.6.1 Encrypting)."""
    r, s = group.random_scalar(), group.random_scalar()
    key_element = group.pow(group.g, s)
    alpha = group.pow(group.g, r)
    beta = modpow(ek, r, group.p) * key_element % group.p
    key = bytes.fromhex(sha256_hex(f"key|{key_element}"))
    iv = bytes.fromhex(sha256_hex(f"iv|{alpha}"))
    data = _ccm(_aes_expand(key), iv, plaintext.encode())
    return {"alpha": str(alpha), "beta": str(beta), "data": data.hex()}


def decrypt_message(group, dk, encrypted):
    """Decrypt an encrypted_msg with decryption key dk (§4.6.1 Encrypting, decryption)."""
    if not isinstance(encrypted, dict) or not isinstance(encrypted.get("data"), str):
        raise ProofRefused("malformed", "not an encrypted message")
    alpha = group.element(encrypted.get("alpha"), "alpha")
    beta = group.element(encrypted.get("beta"), "beta")
    key_element = beta * group.inverse(modpow(alpha, dk, group.p)) % group.p
    key = bytes.fromhex(sha256_hex(f"key|{key_element}"))
    iv = bytes.fromhex(sha256_hex(f"iv|{alpha}"))
    try:
        data = bytes.fromhex(encrypted["data"])
    except ValueError:
        raise ProofRefused("malformed", "encrypted data is not hexadecimal") from None
    if len(data) < 8:
        raise ProofRefused("malformed", "encrypted data is too short")
    return _ccm(_aes_expand(key), iv, data[:-8], tag=data[-8:]).decode()


def channel_send(group, sk, recipient, message):
    """send(sk, recipient, message): channel_msg, signed, serialised, encrypted for recipient (§4.6.3)."""
    channel = dumps({"recipient": str(recipient), "message": message})
    return dumps(encrypt_message(group, recipient, dumps(sign_message(group, sk, channel))))


def channel_receive(group, dk, sender_vk, sent):
    """Decode a channel message: decrypt, check the sender's signature and that we are the recipient (§4.6.3)."""
    signed = _loads(decrypt_message(group, dk, _loads(sent)))
    channel = _loads(verify_signed_message(group, sender_vk, signed))
    recipient = group.element(channel.get("recipient"), "recipient")
    if recipient != group.pow(group.g, dk):
        raise ProofRefused("wrong_recipient", "a channel message was meant for another trustee")
    if not isinstance(channel.get("message"), str):
        raise ProofRefused("malformed", "channel message is not a string")
    return channel["message"]


# --------------------------------------------------------------------------------------------------
# Pedersen threshold key generation (§3.1.1 "Pedersen" protocol, §4.6.2 - §4.6.6)


def cert_keys(group, cert):
    """Check a certificate (§4.6.2): a signed_msg of cert_keys {verification, encryption}, signed with the
    signing key matching ``verification``. Returns (vk, ek)."""
    if not isinstance(cert, dict) or not isinstance(cert.get("message"), str):
        raise ProofRefused("malformed", "not a certificate")
    keys = _loads(cert["message"])
    if not isinstance(keys, dict):
        raise ProofRefused("malformed", "not a certificate")
    vk = group.element(keys.get("verification"), "verification key")
    ek = group.element(keys.get("encryption"), "encryption key")
    verify_signed_message(group, vk, cert)
    return vk, ek


def threshold_certificate(group, seed=None):
    """Step 1 (§3.1.1, §4.6.2): a trustee draws a 22-character seed and publishes its certificate.
    Returns (seed, cert); the seed is the trustee's secret (the tool's ``.key`` file)."""
    seed = seed or generate_token(22)
    sk, dk = derive_sk(seed), derive_dk(seed)
    message = dumps({"verification": str(group.pow(group.g, sk)), "encryption": str(group.pow(group.g, dk))})
    return seed, sign_message(group, sk, message)


def _my_index(group, certs, seed):
    vk, ek = group.pow(group.g, derive_sk(seed)), group.pow(group.g, derive_dk(seed))
    for i, cert in enumerate(certs):
        if cert_keys(group, cert) == (vk, ek):
            return i
    raise ProofRefused("unknown_trustee", "this key's certificate is not among the certificates")


def _eval_poly(group, coefficients, x):
    return sum(a * modpow(x, k, group.q) for k, a in enumerate(coefficients)) % group.q


def threshold_polynomial(group, certs, seed, threshold):
    """Step 3 (§4.6.4): pick f of degree threshold-1; polynomial = send(sk, ek_self, raw_polynomial),
    secrets_j = send(sk, ek_j, {secret: f(j)}), coefexps = signed {coefexps: [g^a_k]}."""
    for cert in certs:
        cert_keys(group, cert)
    if not 1 <= threshold <= len(certs):
        raise ProofRefused("bad_threshold", "the threshold must be between 1 and the number of trustees")
    _my_index(group, certs, seed)
    sk, dk = derive_sk(seed), derive_dk(seed)
    ek = group.pow(group.g, dk)
    coefficients = [group.random_scalar() for _ in range(threshold)]
    polynomial = channel_send(group, sk, ek, dumps({"polynomial": [str(a) for a in coefficients]}))
    secrets_ = []
    for j, cert in enumerate(certs, start=1):
        _, ek_j = cert_keys(group, cert)
        secret = dumps({"secret": str(_eval_poly(group, coefficients, j))})
        secrets_.append(channel_send(group, sk, ek_j, secret))
    coefexps = dumps({"coefexps": [str(group.pow(group.g, a)) for a in coefficients]})
    return {"polynomial": polynomial, "secrets": secrets_, "coefexps": sign_message(group, sk, coefexps)}


def _coefexps(group, certs, signed_coefexps):
    """Verify each trustee's signed coefexps (§4.6.4) and return them as lists of group elements."""
    if len(signed_coefexps) != len(certs):
        raise ProofRefused("malformed", "one coefexps per trustee is needed")
    result = []
    for i, (cert, signed) in enumerate(zip(certs, signed_coefexps, strict=True), start=1):
        vk, _ = cert_keys(group, cert)
        try:
            message = verify_signed_message(group, vk, signed)
        except ProofRefused:
            raise ProofRefused("bad_signature", f"coefexps {i} does not validate") from None
        values = _loads(message).get("coefexps")
        if not isinstance(values, list) or not values:
            raise ProofRefused("malformed", f"coefexps {i} is empty")
        result.append([group.element(v, f"coefexp {i}") for v in values])
    if len({len(c) for c in result}) != 1:
        raise ProofRefused("malformed", "trustees used polynomials of different degrees")
    return result


def check_polynomial(group, certs, index, polynomial):
    """The server's check of P_z in step 3 (§3.1.1): its coefexps are signed by trustee ``index`` (0-based)."""
    vk, _ = cert_keys(group, certs[index])
    verify_signed_message(group, vk, polynomial["coefexps"])
    if len(polynomial["secrets"]) != len(certs):
        raise ProofRefused("malformed", "a polynomial must carry one secret per trustee")


def threshold_vinputs(group, certs, polynomials):
    """Step 4 (§4.6.5), run by the server: route the secrets; vi_j = {polynomial of P_j,
    [secret(P_i)_j for i], [coefexps(P_i) for i]}."""
    _coefexps(group, certs, [p["coefexps"] for p in polynomials])
    coefexps = [p["coefexps"] for p in polynomials]
    return [
        {
            "polynomial": polynomials[j]["polynomial"],
            "secrets": [p["secrets"][j] for p in polynomials],
            "coefexps": coefexps,
        }
        for j in range(len(certs))
    ]


def _verification_key(group, coefexps, j):
    # prod_i prod_k A_ik^(j^k) (§4.6.6)
    result = 1
    for c in coefexps:
        for k, a in enumerate(c):
            result = result * modpow(a, pow(j, k), group.p) % group.p
    return result


def threshold_voutput(group, certs, seed, vinput):
    """Step 5 (§4.6.5, §4.6.6): trustee j checks g^s_ij = prod_k A_ik^(j^k) for each i, then publishes
    {private_key: send(sk, ek_self, {decryption_key: S_j}), public_key: trustee_public_key of S_j}."""
    index = _my_index(group, certs, seed)
    j = index + 1
    sk, dk = derive_sk(seed), derive_dk(seed)
    vk = group.pow(group.g, sk)
    own = _loads(channel_receive(group, dk, vk, vinput["polynomial"])).get("polynomial")
    if not isinstance(own, list):
        raise ProofRefused("malformed", "own polynomial is unreadable")
    coefexps = _coefexps(group, certs, vinput["coefexps"])
    if len(vinput["secrets"]) != len(certs) or any(len(c) != len(own) for c in coefexps):
        raise ProofRefused("malformed", "vinput does not match the certificates")
    total = 0
    for i, (cert, sent) in enumerate(zip(certs, vinput["secrets"], strict=True)):
        sender_vk, _ = cert_keys(group, cert)
        secret = group.scalar(_loads(channel_receive(group, dk, sender_vk, sent)).get("secret"), "secret")
        if group.pow(group.g, secret) != _verification_key(group, [coefexps[i]], j):
            raise ProofRefused("bad_secret", f"secret {i + 1} does not validate")
        total += secret
    total %= group.q
    private_key = channel_send(group, sk, group.pow(group.g, dk), dumps({"decryption_key": str(total)}))
    return {"private_key": private_key, "public_key": make_trustee_public_key(group, total)}


def check_voutput(group, certs, polynomials, index, voutput):
    """The server's check of vo_j (§4.6.6): public key = prod_i prod_k A_ik^(j^k), and its proof verifies."""
    coefexps = _coefexps(group, certs, [p["coefexps"] for p in polynomials])
    public = check_trustee_public_key(group, voutput["public_key"])
    if public != _verification_key(group, coefexps, index + 1):
        raise ProofRefused("bad_verification_key", f"verification key {index + 1} is incorrect")


def threshold_parameters(group, certs, polynomials, voutputs):
    """Step 6 (§4.6.7): threshold_parameters {threshold, certs, coefexps, verification_keys}."""
    coefexps = _coefexps(group, certs, [p["coefexps"] for p in polynomials])
    if len(voutputs) != len(certs):
        raise ProofRefused("malformed", "one voutput per trustee is needed")
    for index, voutput in enumerate(voutputs):
        check_voutput(group, certs, polynomials, index, voutput)
    return {
        "threshold": len(coefexps[0]),
        "certs": list(certs),
        "coefexps": [p["coefexps"] for p in polynomials],
        "verification_keys": [v["public_key"] for v in voutputs],
    }


def threshold_decryption_key(group, seed, private_key):
    """A trustee recovers S_j from its voutput's private_key with its seed (the tool's ``.dkey``, §4.6.6)."""
    dk, vk = derive_dk(seed), group.pow(group.g, derive_sk(seed))
    message = _loads(channel_receive(group, dk, vk, private_key))
    # belenios-tool writes the sum of the secrets without reducing it modulo q
    return parse_number(message.get("decryption_key"), "decryption key") % group.q


def check_trustees(group, trustees):
    """Check a trustees structure (§4.7): each "Single" key's proof; for "Pedersen", certificates,
    signed coefexps, verification keys' proofs and that they derive from the coefexps (§4.6.7).
    Returns the election public key y, the product of the sub-keys (§3.1.1)."""
    if not isinstance(trustees, list) or not trustees:
        raise ProofRefused("malformed", "trustees must be a non-empty list")
    y = 1
    for item in trustees:
        if not isinstance(item, list) or len(item) != 2:
            raise ProofRefused("malformed", "not a trustee kind")
        kind, value = item
        if kind == "Single":
            y = y * check_trustee_public_key(group, value) % group.p
        elif kind == "Pedersen":
            certs = value["certs"]
            coefexps = _coefexps(group, certs, value["coefexps"])
            if value["threshold"] != len(coefexps[0]) or len(value["verification_keys"]) != len(certs):
                raise ProofRefused("malformed", "threshold parameters are inconsistent")
            for j, tpk in enumerate(value["verification_keys"], start=1):
                if check_trustee_public_key(group, tpk) != _verification_key(group, coefexps, j):
                    raise ProofRefused("bad_verification_key", f"verification key {j} is incorrect")
            for c in coefexps:
                y = y * c[0] % group.p
        else:
            raise ProofRefused("malformed", f"unknown trustee kind {kind!r}")
    return y


def trustee_public_keys(trustees):
    """The flat list of verification keys, in owner order 1..n (§4.19, the tool's owner numbering)."""
    keys = []
    for kind, value in trustees:
        keys.extend([value] if kind == "Single" else value["verification_keys"])
    return keys


# --------------------------------------------------------------------------------------------------
# Elections (§4.9 Questions, §4.10 Elections)


def question(text, answers, *, min=0, max=1, blank=False):
    """A homomorphic question_h {answers, ?blank, min, max, question} (§4.9); "choose up to k" is
    min=0, max=k."""
    q = {"answers": list(answers)}
    if blank:
        q["blank"] = True
    q.update({"min": min, "max": max, "question": text})
    return q


def make_election(
    *,
    uuid,
    name,
    description,
    questions,
    public_key,
    group=BELENIOS_2048,
    administrator=None,
    credential_authority=None,
):
    """The election structure {version, description, name, group, public_key, questions, uuid,
    ?administrator, ?credential_authority} serialised once, as it will be hashed (§4.10)."""
    if not check_uuid(uuid):
        raise ValueError("uuid must be at least 14 Base58 characters")
    for q in questions:
        if set(q) - {"answers", "blank", "min", "max", "question"} or not 0 <= q["min"] <= q["max"] <= len(
            q["answers"]
        ):
            raise ValueError("only homomorphic questions with 0 <= min <= max <= answers are supported")
    election = {
        "version": 1,
        "description": description,
        "name": name,
        "group": group.name,
        "public_key": str(public_key),
        "questions": [
            question(q["question"], q["answers"], min=q["min"], max=q["max"], blank=q.get("blank", False))
            for q in questions
        ],
        "uuid": uuid,
    }
    if administrator is not None:
        election["administrator"] = administrator
    if credential_authority is not None:
        election["credential_authority"] = credential_authority
    return dumps(election)


class Election:
    """A parsed election (§4.10): the raw string, its fingerprint H_JSON (§4.15), group, public key y."""

    def __init__(self, raw):
        self.raw = raw
        data = _loads(raw)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ProofRefused("malformed", "not a Belenios version 1 election")
        self.group = get_group(data.get("group"))
        self.public_key = self.group.element(data.get("public_key"), "election public key")
        self.uuid = data.get("uuid")
        if not check_uuid(self.uuid):
            raise ProofRefused("malformed", "the election uuid is not valid")
        self.name = data.get("name")
        self.questions = data.get("questions")
        for q in self.questions:
            if "type" in q:
                raise ProofRefused("unsupported", "non-homomorphic questions are not supported")
        self.fingerprint = sha256_b64(raw)
        self.group.fix_base(self.public_key)

    def question_length(self, index):
        """Number of ciphertexts of an answer: answers, plus a leading one if blank is allowed (§4.11)."""
        q = self.questions[index]
        return len(q["answers"]) + (1 if q.get("blank") else 0)


# --------------------------------------------------------------------------------------------------
# Ballots (§4.11 Encrypted answers, §4.12 iproofs, §4.13 blank proofs, §4.14 Signatures, §4.15 Ballots)


def _ciphertext(alpha, beta):
    return {"alpha": str(alpha), "beta": str(beta)}


def _disj_prove(group, y, alpha, beta, r, index, shifts, prefix):
    """iprove (§4.12): prove (alpha, beta) = (g^r, y^r g^M_index) among M_j, where shifts[j] = g^-M_j."""
    p, q, g = group.p, group.q, group.g
    n = len(shifts)
    proofs = [None] * n
    commitments = [0] * (2 * n)
    total = 0
    for j in range(n):
        if j == index:
            continue
        challenge, response = group.random_scalar(), group.random_scalar()
        proofs[j] = (challenge, response)
        commitments[2 * j] = group.pow(g, (response + r * challenge) % q)
        commitments[2 * j + 1] = group.pow(y, response) * modpow(beta * shifts[j] % p, challenge, p) % p
        total += challenge
    w = group.random_scalar()
    commitments[2 * index] = group.pow(g, w)
    commitments[2 * index + 1] = group.pow(y, w)
    challenge = (group.hash(f"prove|{prefix}|{alpha},{beta}|", commitments) - total) % q
    proofs[index] = (challenge, (w - r * challenge) % q)
    return [_proof(c, s) for c, s in proofs]


def _disj_verify(group, y, alpha, beta, proofs, shifts, prefix, what):
    """Verify an iproof (§4.12): A_j = g^response alpha^challenge, B_j = y^response (beta/g^M_j)^challenge,
    and H_iprove(S, alpha, beta, A_0, B_0, ...) = sum of challenges mod q."""
    p = group.p
    if not isinstance(proofs, list) or len(proofs) != len(shifts):
        raise BallotRefused("malformed", f"{what} has the wrong number of proofs")
    commitments = []
    total = 0
    for proof, shift in zip(proofs, shifts, strict=True):
        challenge, response = _ballot_proof(group, proof, what)
        commitments.append(group.pow(group.g, response) * modpow(alpha, challenge, p) % p)
        commitments.append(group.pow(y, response) * modpow(beta * shift % p, challenge, p) % p)
        total += challenge
    if group.hash(f"prove|{prefix}|{alpha},{beta}|", commitments) != total % group.q:
        raise BallotRefused("bad_proof", f"{what} does not verify")


def _ballot_proof(group, proof, what):
    try:
        return _check_proof_numbers(group, proof, what)
    except ProofRefused as refusal:
        raise BallotRefused(refusal.reason, refusal.message) from None


def _shifts(group, low, high):
    # d_j = g^-M for M in low..high (the tool's make_d)
    inv_g = group.inverse(group.g)
    return [modpow(inv_g, m, group.p) for m in range(low, high + 1)]


def _blank_prove(group, y, prefix, qmin, qmax, m0, c0, r0, m_sum, c_sum, r_sum):
    """Proofs of possibly-blank votes (§4.13): blank_proof of m0=0 or mS=0 and overall_proof of
    m0=1 or mS in [min..max], built as the tool does for both the blank and the non-blank case."""
    p, q, g = group.p, group.q, group.g
    b0, b_s = c0[1], c_sum[1]
    inv_g = group.inverse(g)

    def fake(alpha_r, beta, challenge, response):
        return group.pow(g, (response + alpha_r * challenge) % q), group.pow(y, response) * modpow(
            beta, challenge, p
        ) % p

    # blank_proof (bproof0)
    c_fake, s_fake, w = group.random_scalar(), group.random_scalar(), group.random_scalar()
    real = (group.pow(g, w), group.pow(y, w))
    if m0 == 0:
        commitments = [*real, *fake(r_sum, b_s, c_fake, s_fake)]
        c_real = (group.hash(f"bproof0|{prefix}|", commitments) - c_fake) % q
        blank_proof = [_proof(c_real, (w - r0 * c_real) % q), _proof(c_fake, s_fake)]
    else:
        commitments = [*fake(r0, b0, c_fake, s_fake), *real]
        c_real = (group.hash(f"bproof0|{prefix}|", commitments) - c_fake) % q
        blank_proof = [_proof(c_fake, s_fake), _proof(c_real, (w - r_sum * c_real) % q)]

    # overall_proof (bproof1): index 0 is "m0 = 1", index i > 0 is "mS = min + i - 1"
    n = qmax - qmin + 2
    true_index = 0 if m0 == 1 else m_sum - qmin + 1
    proofs = [None] * n
    commitments = [0] * (2 * n)
    total = 0
    for i in range(n):
        if i == true_index:
            continue
        challenge, response = group.random_scalar(), group.random_scalar()
        proofs[i] = (challenge, response)
        if i == 0:
            commitments[0:2] = fake(r0, b0 * inv_g % p, challenge, response)
        else:
            commitments[2 * i : 2 * i + 2] = fake(r_sum, b_s * modpow(inv_g, qmin + i - 1, p) % p, challenge, response)
        total += challenge
    w = group.random_scalar()
    commitments[2 * true_index : 2 * true_index + 2] = [group.pow(g, w), group.pow(y, w)]
    challenge = (group.hash(f"bproof1|{prefix}|", commitments) - total) % q
    secret = r0 if true_index == 0 else r_sum
    proofs[true_index] = (challenge, (w - secret * challenge) % q)
    return [_proof(c, s) for c, s in proofs], blank_proof


def _blank_verify(group, y, prefix, qmin, qmax, c0, c_sum, overall, blank, what):
    """Verify blank_proof and overall_proof of a blank-allowed answer (§4.13 Verifying proofs)."""
    p, g = group.p, group.g
    (a0, b0), (a_s, b_s) = c0, c_sum
    inv_g = group.inverse(g)
    if not isinstance(blank, list) or len(blank) != 2:
        raise BallotRefused("malformed", f"{what}: blank proof must have two proofs")
    commitments = []
    total = 0
    for proof, (alpha, beta) in zip(blank, (c0, c_sum), strict=True):
        challenge, response = _ballot_proof(group, proof, what)
        commitments += [
            group.pow(g, response) * modpow(alpha, challenge, p) % p,
            group.pow(y, response) * modpow(beta, challenge, p) % p,
        ]
        total += challenge
    if group.hash(f"bproof0|{prefix}|", commitments) != total % group.q:
        raise BallotRefused("bad_proof", f"{what}: blank proof does not verify")
    n = qmax - qmin + 2
    if not isinstance(overall, list) or len(overall) != n:
        raise BallotRefused("malformed", f"{what}: overall proof has the wrong length")
    commitments = []
    total = 0
    for i, proof in enumerate(overall):
        challenge, response = _ballot_proof(group, proof, what)
        alpha, beta = (a0, b0 * inv_g % p) if i == 0 else (a_s, b_s * modpow(inv_g, qmin + i - 1, p) % p)
        commitments += [
            group.pow(g, response) * modpow(alpha, challenge, p) % p,
            group.pow(y, response) * modpow(beta, challenge, p) % p,
        ]
        total += challenge
    if group.hash(f"bproof1|{prefix}|", commitments) != total % group.q:
        raise BallotRefused("bad_proof", f"{what}: overall proof does not verify")


def _stringify_choices(choices):
    return ",".join(f"{a},{b}" for a, b in choices)


def _create_answer(election, q, plain, s0):
    """An answer_h (§4.11): choices, individual_proofs, overall_proof, ?blank_proof."""
    group, y = election.group, election.public_key
    p = group.p
    rs = [group.random_scalar() for _ in plain]
    choices = [
        (group.pow(group.g, r), group.pow(y, r) * group.pow(group.g, m) % p) for r, m in zip(rs, plain, strict=True)
    ]
    shifts01 = _shifts(group, 0, 1)
    individual = [
        _disj_prove(group, y, a, b, r, m, shifts01, s0) for (a, b), r, m in zip(choices, rs, plain, strict=True)
    ]
    prefix = f"{s0}|{_stringify_choices(choices)}"
    answer = {"choices": [_ciphertext(a, b) for a, b in choices], "individual_proofs": individual}
    if q.get("blank"):
        rest = choices[1:]
        alpha = beta = 1
        for a, b in rest:
            alpha, beta = alpha * a % p, beta * b % p
        overall, blank = _blank_prove(
            group,
            y,
            prefix,
            q["min"],
            q["max"],
            plain[0],
            choices[0],
            rs[0],
            sum(plain[1:]),
            (alpha, beta),
            sum(rs[1:]) % group.q,
        )
        answer["overall_proof"] = overall
        answer["blank_proof"] = blank
    else:
        alpha = beta = 1
        for a, b in choices:
            alpha, beta = alpha * a % p, beta * b % p
        shifts = _shifts(group, q["min"], q["max"])
        answer["overall_proof"] = _disj_prove(
            group, y, alpha, beta, sum(rs) % group.q, sum(plain) - q["min"], shifts, prefix
        )
    return answer


def check_plaintext(election, plaintext):
    """A plaintext ballot is one list of 0/1 per question; with blank allowed, a leading 1 means blank and
    then every other value is 0; otherwise min <= number of 1s <= max (§4.9, §4.11)."""
    if not isinstance(plaintext, list) or len(plaintext) != len(election.questions):
        raise ValueError("one list of choices per question is needed")
    for index, (q, plain) in enumerate(zip(election.questions, plaintext, strict=True)):
        if len(plain) != election.question_length(index) or any(m not in (0, 1) for m in plain):
            raise ValueError(f"question {index + 1}: one 0 or 1 per answer is needed")
        chosen = sum(plain[1:]) if q.get("blank") else sum(plain)
        if q.get("blank") and plain[0] == 1:
            if chosen:
                raise ValueError(f"question {index + 1}: a blank vote selects nothing")
        elif not q["min"] <= chosen <= q["max"]:
            raise ValueError(f"question {index + 1}: choose between {q['min']} and {q['max']} answers")


def approval(election, index, selected, *, blank=False):
    """The plaintext of "choose up to k" for question ``index``: 1 for each selected answer (0-based
    indexes), with the leading blank flag if the question allows blank votes (§4.11)."""
    q = election.questions[index]
    plain = [1 if i in selected else 0 for i in range(len(q["answers"]))]
    if q.get("blank"):
        return [1 if blank else 0] + ([0] * len(plain) if blank else plain)
    if blank:
        raise ValueError("this question does not allow blank votes")
    return plain


def create_ballot(election, credential, plaintext):
    """Create a ballot {election_uuid, election_hash, credential, answers, signature} (§4.15): encrypt
    each answer with its proofs (§4.11-§4.13), then sign the hash of the ballot without its signature
    with the credential's secret (§4.14). Returns the raw JSON string as it must be sent."""
    group = election.group
    check_plaintext(election, plaintext)
    if not check_credential(credential):
        raise ValueError("the private credential is mistyped (its checksum does not match)")
    s = credential_secret(group, election.uuid, credential)
    public = group.pow(group.g, s)
    s0 = f"{election.fingerprint}|{public}"
    answers = [_create_answer(election, q, plain, s0) for q, plain in zip(election.questions, plaintext, strict=True)]
    ballot = {
        "election_uuid": election.uuid,
        "election_hash": election.fingerprint,
        "credential": str(public),
        "answers": answers,
    }
    signed_hash = sha256_b64(dumps(ballot))
    w = group.random_scalar()
    challenge = group.hash(f"sig|{signed_hash}|", [group.pow(group.g, w)])
    ballot["signature"] = {"hash": signed_hash, "proof": _proof(challenge, (w - s * challenge) % group.q)}
    return dumps(ballot)


def ballot_tracker(raw_ballot):
    """The smart ballot tracker: H_JSON of the whole ballot as sent (§4.15), shown to the voter and in
    the ballot box."""
    return sha256_b64(raw_ballot)


_BALLOT_KEYS = ["election_uuid", "election_hash", "credential", "answers", "signature"]
_ANSWER_KEYS = {"choices", "individual_proofs", "overall_proof", "blank_proof"}


def verify_ballot(election, raw_ballot):
    """Every check of a ballot (§3.5.1, §4.11-§4.15, the tool's check_ballot), plus CivNet's: JSON in
    canonical form (the tool refuses others too), this election's uuid and fingerprint, every group
    element in the subgroup (checked first, before any computation with it), the signature, every proof.
    Returns {credential, ciphertexts: lists of (alpha, beta), tracker}; raises BallotRefused."""
    group, y, p = election.group, election.public_key, election.group.p
    if not isinstance(raw_ballot, str) or len(raw_ballot) > 2_000_000:
        raise BallotRefused("malformed", "a ballot is a JSON text")
    ballot = _loads(raw_ballot, BallotRefused)
    if not isinstance(ballot, dict) or list(ballot) != _BALLOT_KEYS:
        raise BallotRefused("malformed", "the ballot does not have the fields of a Belenios ballot")
    if dumps(ballot) != raw_ballot:
        raise BallotRefused("non_canonical", "the ballot is not in canonical form")
    if ballot["election_uuid"] != election.uuid or ballot["election_hash"] != election.fingerprint:
        raise BallotRefused("wrong_election", "the ballot was made for another election")
    credential = group.element(ballot["credential"], "credential", BallotRefused)
    answers = ballot["answers"]
    if not isinstance(answers, list) or len(answers) != len(election.questions):
        raise BallotRefused("malformed", "the ballot does not answer every question")
    all_choices = []
    for index, (q, answer) in enumerate(zip(election.questions, answers, strict=True), start=1):
        what = f"question {index}"
        if (
            not isinstance(answer, dict)
            or set(answer) - _ANSWER_KEYS
            or not {"choices", "individual_proofs", "overall_proof"} <= set(answer)
        ):
            raise BallotRefused("malformed", f"{what}: malformed answer")
        if bool(q.get("blank")) != ("blank_proof" in answer):
            raise BallotRefused("malformed", f"{what}: blank proof present where it should not be, or missing")
        raw_choices = answer["choices"]
        if not isinstance(raw_choices, list) or len(raw_choices) != election.question_length(index - 1):
            raise BallotRefused("malformed", f"{what}: wrong number of encrypted choices")
        if not isinstance(answer["individual_proofs"], list) or len(answer["individual_proofs"]) != len(raw_choices):
            raise BallotRefused("malformed", f"{what}: one individual proof per choice is needed")
        choices = []
        for c in raw_choices:
            if not isinstance(c, dict) or list(c) != ["alpha", "beta"]:
                raise BallotRefused("malformed", f"{what}: malformed ciphertext")
            alpha = group.element(c["alpha"], f"{what} alpha", BallotRefused)
            choices.append((alpha, group.element(c["beta"], f"{what} beta", BallotRefused)))
        all_choices.append(choices)
    signature = ballot["signature"]
    if not isinstance(signature, dict) or list(signature) != ["hash", "proof"]:
        raise BallotRefused("malformed", "the signature is malformed")
    unsigned = {k: ballot[k] for k in _BALLOT_KEYS[:4]}
    if signature["hash"] != sha256_b64(dumps(unsigned)):
        raise BallotRefused("bad_signature", "the signature is not on this ballot")
    challenge, response = _ballot_proof(group, signature["proof"], "signature")
    commitment = group.pow(group.g, response) * modpow(credential, challenge, p) % p
    if group.hash(f"sig|{signature['hash']}|", [commitment]) != challenge:
        raise BallotRefused("bad_signature", "the credential's signature does not verify")
    s0 = f"{election.fingerprint}|{credential}"
    shifts01 = _shifts(group, 0, 1)
    for index, (q, answer, choices) in enumerate(zip(election.questions, answers, all_choices, strict=True), start=1):
        what = f"question {index}"
        for (a, b), proofs in zip(choices, answer["individual_proofs"], strict=True):
            _disj_verify(group, y, a, b, proofs, shifts01, s0, f"{what}: individual proof")
        prefix = f"{s0}|{_stringify_choices(choices)}"
        summed = choices[1:] if q.get("blank") else choices
        alpha = beta = 1
        for a, b in summed:
            alpha, beta = alpha * a % p, beta * b % p
        if q.get("blank"):
            overall, blank = answer["overall_proof"], answer["blank_proof"]
            _blank_verify(group, y, prefix, q["min"], q["max"], choices[0], (alpha, beta), overall, blank, what)
        else:
            shifts = _shifts(group, q["min"], q["max"])
            _disj_verify(group, y, alpha, beta, answer["overall_proof"], shifts, prefix, f"{what}: overall proof")
    return {"credential": str(credential), "ciphertexts": all_choices, "tracker": ballot_tracker(raw_ballot)}


class BallotBox:
    """The list B of accepted ballots (§3.2 Vote, §4.15 Tallied ballots) for one election and its list L
    of public credentials. A revote with the same credential replaces the earlier ballot; the exact same
    ballot (same tracker) submitted again is refused as a replay, so an old ballot cannot be replayed to
    undo a revote; revoked credentials are refused."""

    def __init__(self, election, public_credentials, revoked=()):
        self.election = election
        self.credentials = parse_public_credentials(election.group, public_credentials)
        self.revoked = set(revoked)
        self.accepted = []  # every accepted raw ballot, in order (the archive's Ballot events)
        self.seen = set()  # trackers of every ballot accepted, even replaced ones
        self.last = {}  # credential -> (raw ballot, verified)

    def revoke(self, credential):
        """Revoke a public credential: its ballot is no longer counted and new ones are refused."""
        self.revoked.add(credential)
        self.last.pop(credential, None)

    def cast(self, raw_ballot):
        """Process a ballot as the server does (§3.2 step 3). Returns its tracker; raises BallotRefused."""
        tracker = ballot_tracker(raw_ballot) if isinstance(raw_ballot, str) else None
        if tracker in self.seen:
            raise BallotRefused("replay", "this exact ballot was already received")
        try:
            claimed = _loads(raw_ballot, BallotRefused).get("credential")
        except AttributeError:
            raise BallotRefused("malformed", "the ballot is not a JSON object") from None
        if claimed in self.revoked:
            raise BallotRefused("revoked_credential", "this credential was revoked")
        if claimed not in self.credentials:
            raise BallotRefused("unknown_credential", "this credential is not on the election's list")
        verified = verify_ballot(self.election, raw_ballot)
        self.seen.add(tracker)
        self.accepted.append(raw_ballot)
        self.last[verified["credential"]] = (raw_ballot, verified)
        return tracker

    def trackers(self):
        """The pretty ballots PB: trackers of the last ballot of each credential (§2, §3.2 step 4)."""
        return sorted(ballot_tracker(raw) for raw, _ in self.last.values())

    def tally(self):
        """The encrypted tally of last(B) (§4.16); returns (encrypted_tally, num_tallied, total_weight)."""
        items = [(self.credentials[c], v["ciphertexts"]) for c, (_, v) in self.last.items()]
        return encrypted_tally(self.election, items), len(items), sum(w for w, _ in items)


# --------------------------------------------------------------------------------------------------
# Tally, partial decryptions, result (§4.16, §4.18, §4.19)


def encrypted_tally(election, weighted_ciphertexts):
    """C_ij = product over tallied ballots of choices_ij^weight (§4.16), as a JSON-ready list of lists."""
    p = election.group.p
    tally = [[(1, 1)] * election.question_length(i) for i in range(len(election.questions))]
    for weight, ciphertexts in weighted_ciphertexts:
        for i, row in enumerate(ciphertexts):
            tally[i] = [
                (ta * modpow(a, weight, p) % p, tb * modpow(b, weight, p) % p)
                for (ta, tb), (a, b) in zip(tally[i], row, strict=True)
            ]
    return [[_ciphertext(a, b) for a, b in row] for row in tally]


def sized_encrypted_tally(tally, num_tallied, total_weight):
    """sized_encrypted_tally {num_tallied, total_weight, encrypted_tally: hash} (§4.16)."""
    return {"num_tallied": num_tallied, "total_weight": total_weight, "encrypted_tally": sha256_hex(dumps(tally))}


def _tally_elements(election, tally):
    group = election.group
    if not isinstance(tally, list) or len(tally) != len(election.questions):
        raise ProofRefused("malformed", "the encrypted tally does not match the questions")
    rows = []
    for i, row in enumerate(tally):
        if not isinstance(row, list) or len(row) != election.question_length(i):
            raise ProofRefused("malformed", "the encrypted tally does not match the questions")
        rows.append(
            [
                (
                    group.element(c["alpha"], "tally alpha", identity=True),
                    group.element(c["beta"], "tally beta", identity=True),
                )
                for c in row
            ]
        )
    return rows


def partial_decryption(election, tally, x):
    """A trustee's partial_decryption {decryption_factors: alpha^x, decryption_proofs} with
    H_decrypt(X, A, B) = SHA256("decrypt|fingerprint|X|A,B") (§4.18)."""
    group = election.group
    public = group.pow(group.g, x)
    factors, proofs = [], []
    for row in _tally_elements(election, tally):
        factors.append([])
        proofs.append([])
        for alpha, _ in row:
            w = group.random_scalar()
            commitments = [group.pow(group.g, w), modpow(alpha, w, group.p)]
            challenge = group.hash(f"decrypt|{election.fingerprint}|{public}|", commitments)
            factors[-1].append(str(modpow(alpha, x, group.p)))
            proofs[-1].append(_proof(challenge, (w - x * challenge) % group.q))
    return {"decryption_factors": factors, "decryption_proofs": proofs}


def check_partial_decryption(election, tally, public_key, pd):
    """Verify a partial decryption against the trustee's key X (§4.18): every factor in the subgroup
    (CivNet's addition), A = g^response X^challenge, B = alpha^response factor^challenge, hash matches.
    Returns the factors as numbers; raises ProofRefused."""
    group, p = election.group, election.group.p
    rows = _tally_elements(election, tally)
    if not isinstance(pd, dict) or list(pd) != ["decryption_factors", "decryption_proofs"]:
        raise ProofRefused("malformed", "not a partial decryption")
    factors, proofs = pd["decryption_factors"], pd["decryption_proofs"]
    if not isinstance(factors, list) or not isinstance(proofs, list) or not len(factors) == len(rows) == len(proofs):
        raise ProofRefused("malformed", "the partial decryption does not match the tally")
    result = []
    for row, frow, prow in zip(rows, factors, proofs, strict=True):
        if not isinstance(frow, list) or not isinstance(prow, list) or not len(row) == len(frow) == len(prow):
            raise ProofRefused("malformed", "the partial decryption does not match the tally")
        result.append([])
        for (alpha, _), f, proof in zip(row, frow, prow, strict=True):
            factor = group.element(f, "decryption factor", identity=alpha == 1)
            challenge, response = _check_proof_numbers(group, proof, "decryption proof")
            commitments = [
                group.pow(group.g, response) * modpow(public_key, challenge, p) % p,
                modpow(alpha, response, p) * modpow(factor, challenge, p) % p,
            ]
            if group.hash(f"decrypt|{election.fingerprint}|{public_key}|", commitments) != challenge:
                raise ProofRefused("bad_proof", "a decryption proof does not verify")
            result[-1].append(factor)
    return result


def _lagrange(group, indexes, j):
    """Lagrange coefficient lambda_j = prod_{k != j} k / (k - j) mod q (§4.19)."""
    result = 1
    for k in indexes:
        if k != j:
            result = result * k * modpow(k - j, -1, group.q) % group.q
    return result


def combine_factors(election, tally, trustees, partial_decryptions):
    """Synthetic factors F_ij (§4.19): product over trustee kinds of the "Single" factor or, for
    "Pedersen", prod over the first t valid shares of factor^lambda. ``partial_decryptions`` maps the
    owner number (1..n, flattened as in the tool) to a partial_decryption. Every share is checked;
    a missing mandatory share or fewer than t shares raises TallyRefused."""
    group, p = election.group, election.group.p
    rows = _tally_elements(election, tally)
    combined = [[1] * len(row) for row in rows]
    owner = 0
    for kind, value in trustees:
        if kind == "Single":
            owner += 1
            pd = partial_decryptions.get(owner)
            if pd is None:
                raise TallyRefused("missing_decryption", f"trustee {owner} must decrypt (mandatory key)")
            public = group.element(value["public_key"], "trustee key")
            factors = check_partial_decryption(election, tally, public, pd)
            combined = [
                [c * f % p for c, f in zip(cr, fr, strict=True)] for cr, fr in zip(combined, factors, strict=True)
            ]
        else:
            keys = value["verification_keys"]
            shares = {}
            for j, tpk in enumerate(keys, start=1):
                pd = partial_decryptions.get(owner + j)
                if pd is not None:
                    public = group.element(tpk["public_key"], "verification key")
                    shares[j] = check_partial_decryption(election, tally, public, pd)
            owner += len(keys)
            threshold = value["threshold"]
            if len(shares) < threshold:
                raise TallyRefused(
                    "not_enough_decryptions",
                    f"{len(shares)} partial decryptions of {threshold} needed from the committee",
                )
            chosen = sorted(shares)[:threshold]
            for j in chosen:
                lam = _lagrange(group, chosen, j)
                combined = [
                    [c * modpow(f, lam, p) % p for c, f in zip(cr, fr, strict=True)]
                    for cr, fr in zip(combined, shares[j], strict=True)
                ]
    if set(partial_decryptions) - set(range(1, owner + 1)):
        raise TallyRefused("unknown_trustee", "a partial decryption comes from no trustee of this election")
    return combined


def compute_result(election, tally, total_weight, trustees, partial_decryptions):
    """The result {result: [[count per answer]]} (§4.19): log_g(beta / F) for each ciphertext, the
    discrete logarithm being searched up to the total weight. Blank-allowed questions give the number
    of blank votes first."""
    group, p = election.group, election.group.p
    rows = _tally_elements(election, tally)
    factors = combine_factors(election, tally, trustees, partial_decryptions)
    logs = {}
    value = 1
    for m in range(total_weight + 1):
        logs[value] = m
        value = value * group.g % p
    result = []
    for row, frow in zip(rows, factors, strict=True):
        result.append([])
        for (_, beta), factor in zip(row, frow, strict=True):
            m = logs.get(beta * group.inverse(factor) % p)
            if m is None:
                raise TallyRefused("no_result", "the decryption does not give a count: wrong shares or tally")
            result[-1].append(m)
    return {"result": result}


# --------------------------------------------------------------------------------------------------
# Public data: the archive (§4.4 Public data)

BLOCK = 512


def _tar_header(name, length, timestamp):
    header = bytearray(BLOCK)
    header[0 : len(name)] = name.encode()
    header[100:107] = b"0000644"
    header[108:115] = b"0000000"
    header[116:123] = b"0000000"
    header[124:135] = b"%011o" % length
    header[136:147] = b"%011o" % timestamp
    header[148:156] = b"        "
    header[156:157] = b"0"
    header[148:156] = b"%06o\0 " % sum(header)
    return bytes(header)


class ArchiveWriter:
    """The public data D (§4.4): an old-style tar of a BELENIOS header, then data and events, each named
    by the SHA256 of its content, events chained by ``parent``; written byte for byte as belenios-tool
    does (``archive.ml``) so that ``belenios-tool election verify`` reads it."""

    def __init__(self, timestamp):
        self.timestamp = int(timestamp)
        self.parts = []
        self.parent = None
        self.height = 0
        self._add_file("BELENIOS", dumps({"version": 1, "timestamp": str(self.timestamp)}))

    def _add_file(self, name, content):
        data = content.encode()
        self.parts.append(_tar_header(name, len(data), self.timestamp))
        self.parts.append(data + bytes(-len(data) % BLOCK))

    def data(self, content):
        """Append a data file; returns its hash (hex)."""
        digest = sha256_hex(content)
        self._add_file(f"{digest}.data.json", content)
        return digest

    def event(self, typ, payload=None):
        """Append an event {?parent, height, type, ?payload} (§4.4); returns its hash."""
        event = {}
        if self.parent:
            event["parent"] = self.parent
        event["height"] = self.height
        event["type"] = typ
        if payload:
            event["payload"] = payload
        content = dumps(event)
        self.parent = sha256_hex(content)
        self.height += 1
        self._add_file(f"{self.parent}.event.json", content)
        return self.parent

    def setup(self, election_raw, trustees_raw, credentials_raw):
        """election, trustees, public_credentials, setup_data, then the Setup event (§4.4, §4.10)."""
        hashes = [self.data(election_raw), self.data(trustees_raw), self.data(credentials_raw)]
        setup = dumps(dict(zip(["election", "trustees", "credentials"], hashes, strict=True)))
        return self.event("Setup", self.data(setup))

    def ballot(self, raw_ballot):
        """A ballot and its Ballot event (§4.15)."""
        return self.event("Ballot", self.data(raw_ballot))

    def end_ballots(self):
        """The EndBallots event, without payload (§4.15)."""
        return self.event("EndBallots")

    def encrypted_tally(self, tally, num_tallied, total_weight):
        """encrypted_tally, sized_encrypted_tally and the EncryptedTally event (§4.16)."""
        self.data(dumps(tally))
        return self.event("EncryptedTally", self.data(dumps(sized_encrypted_tally(tally, num_tallied, total_weight))))

    def partial_decryption(self, owner, pd):
        """partial_decryption, owned_partial_decryption {owner, payload} and the event (§4.18)."""
        digest = self.data(pd if isinstance(pd, str) else dumps(pd))
        return self.event("PartialDecryption", self.data(dumps({"owner": owner, "payload": digest})))

    def result(self, result):
        """The result and the Result event (§4.19)."""
        return self.event("Result", self.data(result if isinstance(result, str) else dumps(result)))

    def bytes(self):
        """The archive as it stands (append-only: later calls only add to it)."""
        return b"".join(self.parts)


def read_archive(content):
    """Read a Belenios archive (§4.4): check the header, that every file is named by its hash and that
    events are chained. Returns (header, {hash: text}, [events in order])."""
    files = {}
    events = []
    header = None
    pos = 0
    parent = None
    while pos + BLOCK <= len(content):
        block = content[pos : pos + BLOCK]
        if block == bytes(BLOCK):
            break
        name = block[:100].split(b"\0", 1)[0].decode()
        length = int(block[124:135].decode(), 8)
        body = content[pos + BLOCK : pos + BLOCK + length].decode()
        pos += BLOCK + (length + BLOCK - 1) // BLOCK * BLOCK
        if header is None:
            if name != "BELENIOS":
                raise ProofRefused("malformed", "the archive does not start with its header")
            header = _loads(body)
            continue
        digest, _, kind = name.partition(".")
        if sha256_hex(body) != digest:
            raise ProofRefused("bad_archive", f"{name} does not match its hash")
        files[digest] = body
        if kind == "event.json":
            event = _loads(body)
            if event.get("parent") != parent or event.get("height") != len(events):
                raise ProofRefused("bad_archive", f"event {len(events)} is not chained to the previous one")
            parent = digest
            events.append(event)
    return header, files, events
