"""The sealed record: ephemeral ECDH on P-256, HKDF-SHA256, AES-256-GCM (an ECIES construction; NIST SP 800-56A
for the key agreement, RFC 5869 for HKDF, NIST SP 800-38D for GCM). offline.js seals with Web Crypto; this module
opens (and seals, for tests and tools). A record is bound to its identifier, kind and key id through the GCM
additional data, so a ciphertext cannot be replayed under another identifier or kind.

The envelope is a JSON object: {"v": 1, "kid": key id, "epk": the ephemeral public point (base64url, 65 bytes),
"iv": 12 bytes (base64url), "ct": ciphertext and tag (base64url)}. The derived key is
HKDF-SHA256(ikm = ECDH shared secret, salt = epk ‖ server public point, info = "CivNet outbox v1", 32 bytes)."""

import base64
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline import keys

INFO = b"CivNet outbox v1"
MAX_ENVELOPE = 8 * 1024 * 1024


class Unreadable(Exception):
    """The record cannot be opened: damaged, sealed for a key the server no longer holds, or not for this id."""

    def __init__(self, reason: str):
        self.reason = reason  # "damaged", "key", "mismatch"
        super().__init__(reason)


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def additional_data(client_id: str, kind: str, kid: str) -> bytes:
    return f"civnet-outbox-v1|{client_id}|{kind}|{kid}".encode()


def _derive(shared: bytes, epk: bytes, server_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + server_public, info=INFO).derive(shared)


def seal(payload: dict, *, client_id: str, kind: str, public: keys.PublicKey | None = None) -> str:
    """What offline.js does, in Python: for tests, benchmarks and tools."""
    public = public or keys.current_public()
    server_point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public.raw)
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    epk = keys.raw_public(ephemeral)
    key = _derive(ephemeral.exchange(ec.ECDH(), server_point), epk, public.raw)
    iv = os.urandom(12)
    ct = AESGCM(key).encrypt(iv, json.dumps(payload).encode(), additional_data(client_id, kind, public.kid))
    return json.dumps({"v": 1, "kid": public.kid, "epk": _b64encode(epk), "iv": _b64encode(iv), "ct": _b64encode(ct)})


def open_envelope(envelope: str, *, client_id: str, kind: str) -> dict:
    """The record's payload, checked against the identifier and kind it travels under."""
    if len(envelope) > MAX_ENVELOPE:
        raise Unreadable("damaged")
    try:
        sealed = json.loads(envelope)
        if sealed.get("v") != 1:
            raise Unreadable("damaged")
        kid = str(sealed["kid"])
        epk, iv, ct = _b64decode(sealed["epk"]), _b64decode(sealed["iv"]), _b64decode(sealed["ct"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Unreadable("damaged") from None
    private = keys.private_key(kid)
    if private is None:
        raise Unreadable("key")
    try:
        ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), epk)
        key = _derive(private.exchange(ec.ECDH(), ephemeral), epk, keys.raw_public(private))
        plain = AESGCM(key).decrypt(iv, ct, additional_data(client_id, kind, kid))
        payload = json.loads(plain)
    except (ValueError, InvalidTag, TypeError):
        raise Unreadable("damaged") from None
    if not isinstance(payload, dict) or payload.get("id") != client_id or payload.get("kind") != kind:
        raise Unreadable("mismatch")
    fields = payload.get("fields")
    if not isinstance(fields, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair) for pair in fields
    ):
        raise Unreadable("damaged")
    return payload
