"""The server's outbox key pairs (ECDH P-256), kept as files beside the secret key, never in the repository.

`<CIVNET_OFFLINE_KEY_DIR>/<kid>.pem` holds each private key (PKCS#8, owner-only permissions) and `current` names the
one phones encrypt for. The first use creates a key pair when there is none. Rotation (`manage.py offline_key
rotate`) makes a new current key and keeps the old ones, which still open records encrypted before; an old key is
retired (`manage.py offline_key retire <kid>`) only when no phone can still hold a record for it (docs/offline.md)."""

import base64
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

_lock = threading.Lock()
_loaded: dict[tuple[str, str], ec.EllipticCurvePrivateKey] = {}


@dataclass(frozen=True)
class PublicKey:
    kid: str
    raw: bytes  # the uncompressed point (65 bytes), as Web Crypto imports it with format "raw"

    @property
    def b64(self) -> str:
        return base64.urlsafe_b64encode(self.raw).rstrip(b"=").decode()


def key_dir() -> Path:
    return Path(settings.CIVNET_OFFLINE_KEY_DIR)


def raw_public(private: ec.EllipticCurvePrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def _kid_of(private: ec.EllipticCurvePrivateKey) -> str:
    return hashlib.sha256(raw_public(private)).hexdigest()[:16]


def _write_new(folder: Path) -> str:
    private = ec.generate_private_key(ec.SECP256R1())
    kid = _kid_of(private)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = folder / f"{kid}.pem"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    (folder / "current.tmp").write_text(kid)
    (folder / "current.tmp").replace(folder / "current")
    return kid


def current_kid() -> str:
    folder = key_dir()
    with _lock:
        current = folder / "current"
        if not current.exists():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return _write_new(folder)
        return current.read_text().strip()


def private_key(kid: str) -> ec.EllipticCurvePrivateKey | None:
    """The private key of `kid`, or None when the server does not hold it (unknown or retired)."""
    if not kid or not all(c in "0123456789abcdef" for c in kid):
        return None
    folder = key_dir()
    cached = _loaded.get((str(folder), kid))
    if cached is not None:
        return cached
    path = folder / f"{kid}.pem"
    if not path.exists():
        return None
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    _loaded[(str(folder), kid)] = private
    return private


def current_public() -> PublicKey:
    kid = current_kid()
    return PublicKey(kid=kid, raw=raw_public(private_key(kid)))


def all_kids() -> list[str]:
    current_kid()
    return sorted(path.stem for path in key_dir().glob("*.pem"))


def rotate() -> str:
    current_kid()
    with _lock:
        return _write_new(key_dir())


def retire(kid: str) -> None:
    if kid == current_kid():
        raise ValueError("The current key cannot be retired: rotate first.")
    path = key_dir() / f"{kid}.pem"
    if not path.exists():
        raise ValueError(f"No key {kid}.")
    path.unlink()
    _loaded.pop((str(key_dir()), kid), None)
