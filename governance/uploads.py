"""Files people upload to assemblies and elections: only PDF, PNG and JPEG, recognised by their first bytes (never
by their name), and images stripped of everything but their pixels' own data, so a phone photo of a tally sheet
does not publish where and when it was taken or with which phone. CivNet has no imaging library: the formats are
simple enough to rewrite chunk by chunk (PNG) and segment by segment (JPEG)."""

import struct

from django.utils.translation import gettext_lazy as _

from core.services import Refused

MAX_BYTES = 8 * 1024 * 1024

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks that make the picture; eXIf, tEXt, iTXt, zTXt, tIME and the rest say things about it and are dropped.
PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs"}
# JPEG segments kept: APP0 (JFIF), the tables, frame and scan headers. APP1 (Exif and XMP: the GPS position),
# APP2..APP15 (maker notes, IPTC in APP13) and comments are dropped.
JPEG_DROPPED = set(range(0xE1, 0xF0)) | {0xFE}


def kind_of(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(PNG_SIGNATURE):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def _png(data: bytes) -> bytes:
    out = [PNG_SIGNATURE]
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise Refused(_("This PNG image is damaged; take the photo again."))
        if kind in PNG_KEPT:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    raise Refused(_("This PNG image is damaged; take the photo again."))


def _jpeg(data: bytes) -> bytes:
    out = [b"\xff\xd8"]
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise Refused(_("This JPEG image is damaged; take the photo again."))
        marker = data[pos + 1]
        if marker == 0xFF:  # padding
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if marker == 0xDA:  # start of scan: the compressed picture follows to the end of the file
            out.append(data[pos:])
            return b"".join(out)
        if marker not in JPEG_DROPPED:
            out.append(data[pos:end])
        pos = end
    raise Refused(_("This JPEG image is damaged; take the photo again."))


def clean(data: bytes, *, images_only: bool = False) -> tuple[bytes, str]:
    """The file as it will be kept, and its type; a refusal for anything else."""
    if len(data) > MAX_BYTES:
        raise Refused(_("The file is larger than 8 MB."))
    kind = kind_of(data)
    if kind is None or (images_only and kind == PDF):
        raise Refused(
            _("Only photos in JPEG or PNG are accepted.")
            if images_only
            else _("Only PDF, JPEG and PNG files are accepted.")
        )
    if kind == PNG:
        return _png(data), kind
    if kind == JPEG:
        return _jpeg(data), kind
    return data, kind
