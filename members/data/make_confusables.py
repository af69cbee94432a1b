"""Writes `confusables.txt` beside this file: the prototype of every confusable character, for
`members.names.skeleton()` (Unicode Technical Standard #39, section 4, "Confusable Detection").

Unicode publishes the data as security/<version>/confusables.txt; this machine cannot download it, but the
system's ICU library carries the same data and implements the skeleton. This script asks ICU for the skeleton
of every code point that NFD leaves alone (others are decomposed before the mapping, as the skeleton does),
keeps those that change, and checks that `members.names.skeleton()` then agrees with ICU on every code point
and on sample names. Run it by hand when Unicode's data should be updated (it needs libicu on the system):

    python members/data/make_confusables.py [ICU major version, default 72]

ICU before 74 does not yet drop default-ignorable code points (step 2 of the algorithm since Unicode 15.1);
`members.names` does, and the comparison here leaves them out."""

import ctypes
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
UCHAR_DEFAULT_IGNORABLE_CODE_POINT = 5  # ICU's UProperty number


def icu(version: str):
    i18n = ctypes.CDLL(f"libicui18n.so.{version}")
    uc = ctypes.CDLL(f"libicuuc.so.{version}")
    open_checker = getattr(i18n, f"uspoof_open_{version}")
    open_checker.restype = ctypes.c_void_p
    open_checker.argtypes = [ctypes.POINTER(ctypes.c_int)]
    get_skeleton = getattr(i18n, f"uspoof_getSkeleton_{version}")
    get_skeleton.restype = ctypes.c_int32
    get_skeleton.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_char_p,
        ctypes.c_int32,
        ctypes.c_char_p,
        ctypes.c_int32,
        ctypes.POINTER(ctypes.c_int),
    ]
    unicode_version = getattr(uc, f"u_getUnicodeVersion_{version}")
    unicode_version.argtypes = [ctypes.c_void_p]
    has_property = getattr(uc, f"u_hasBinaryProperty_{version}")
    has_property.restype = ctypes.c_int8
    has_property.argtypes = [ctypes.c_int32, ctypes.c_int]
    status = ctypes.c_int(0)
    checker = open_checker(ctypes.byref(status))
    if status.value > 0:
        raise RuntimeError(f"uspoof_open failed: {status.value}")
    numbers = (ctypes.c_uint8 * 4)()
    unicode_version(numbers)

    def skeleton(text: str) -> str:
        data = text.encode("utf-16-le")
        out = ctypes.create_string_buffer(4096)
        status = ctypes.c_int(0)
        n = get_skeleton(checker, 0, data, len(data) // 2, out, 2048, ctypes.byref(status))
        if status.value > 0:
            raise RuntimeError(f"uspoof_getSkeleton failed on {text!r}: {status.value}")
        return out.raw[: 2 * n].decode("utf-16-le")

    def ignorable(code_point: int) -> bool:
        return bool(has_property(code_point, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))

    return skeleton, ignorable, ".".join(str(n) for n in numbers[:3])


def code_points():
    return (cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def main(version: str = "72") -> None:
    icu_skeleton, ignorable, unicode_version = icu(version)
    lines = []
    for cp in code_points():
        ch = chr(cp)
        if unicodedata.normalize("NFD", ch) != ch:
            continue
        prototype = icu_skeleton(ch)
        if prototype != ch:
            lines.append(f"{cp:04X} ; {' '.join(f'{ord(c):04X}' for c in prototype)}")
    header = [
        "# Prototypes of confusable characters, for members.names.skeleton() (UTS #39, section 4).",
        f"# Unicode {unicode_version} security data (confusables.txt) as ICU {version} carries it, written by",
        "# make_confusables.py beside this file: 'source ; prototype', code points in hexadecimal, for every",
        "# code point that NFD leaves unchanged (the skeleton decomposes the others first).",
        "# Unicode data: Copyright (c) 1991-2022 Unicode, Inc. Distributed under the Unicode License v3",
        "# (https://www.unicode.org/license.txt), which permits redistribution with this notice.",
    ]
    (HERE / "confusables.txt").write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} prototypes written (Unicode {unicode_version}).")

    sys.path.insert(0, str(HERE.parent.parent))
    from members import names  # noqa: PLC0415 - only once the file above is written

    names.prototypes.cache_clear()
    differences = [cp for cp in code_points() if not ignorable(cp) and names.skeleton(chr(cp)) != icu_skeleton(chr(cp))]
    samples = ["Deirna Organization", "Dеirna Оrganization", "Deima", "منظمة ديرنا للتنمية", "ΑΣΟ Center", "0rg"]
    differences += [s for s in samples if names.skeleton(s) != icu_skeleton(s)]
    ignorables = [f"{cp:04X}" for cp in code_points() if ignorable(cp) != (chr(cp) in names.IGNORABLE)]
    if differences or ignorables:
        raise SystemExit(f"members.names disagrees with ICU: {differences[:20]} {ignorables[:20]}")
    print("members.names.skeleton() agrees with ICU on every code point.")


if __name__ == "__main__":
    main(*sys.argv[1:])
