#!/usr/bin/env python3
"""Writes the adversarial corpus, tests/adversarial/*.txt: inputs that broke other IOC extractors
(issue 9). Deterministic (fixed seed), so re-running it reproduces the checked-in bytes; the big
files are repetitive and compress to almost nothing in git. tests/adversarial.rs holds what each
must extract; the fuzz script seeds from these files; the benchmark suite times them.

Usage: scripts/gen_adversarial.py [--check]   (--check: fail if the files on disk differ)
"""
import base64
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "adversarial"
rng = random.Random(9)


def cases():
    # A run of letters before a dot (quadratic backtracking in naive domain regexes), then plain
    # neighbours that must still be found.
    yield "long_run_before_dot", (
        "a" * 20000 + ".\n"
        + "b" * 20000 + ".com\n"
        + "c" * 20000 + "[.]com\n"
        + "C2 at evil-run.com and 198.51.100.7.\n"
    )
    # Base64: a long random blob (no IOC inside), and a blob that encodes a URL (found decoded).
    blob = base64.b64encode(rng.randbytes(6000)).decode()
    lines = [blob[i:i + 76] for i in range(0, len(blob), 76)]
    url_b64 = base64.b64encode(b"http://decoded-c2.example.net/gate.php").decode()
    yield "base64_blobs", (
        "\n".join(lines) + "\n" + blob + "\n"
        + f"powershell -enc stuff; payload={url_b64} next\n"
        + "then beacon to hxxp://after-blob[.]net/x\n"
    )
    # Nested brackets and unbalanced ones around defang dots.
    yield "nested_brackets", (
        "[" * 5000 + "." + "]" * 5000 + "\n"
        + "(" * 5000 + "\n" + "]" * 5000 + "\n"
        + "evil[[.]]com and bad[[[.]]]org and 10[[.]]0[[.]]0[[.]]1\n"
        + "nested ((((evil2[.]com)))) and [[[hxxp://x-nest[.]net/p]]]\n"
        + "[.][.][.][.]\n"
    )
    # 10,000 defang dots in a row, then glued to labels, then a normal neighbour.
    yield "many_defang_dots", (
        "[.]" * 10000 + "\n"
        + "x" + "[.]x" * 10000 + "\n"
        + "tail evil-dots[.]com\n"
    )
    # One 1 MB line (no newline until the end): prose with an indicator every 12 words; the n-th
    # is host<n>.line-c2.net. Whole sentences only, so every indicator in it is complete.
    words = ["the", "actor", "used", "a", "loader", "that", "fetched", "stage", "two", "from", "its", "server"]
    parts, n = [], 0
    size = 0
    while size < 1 << 20:
        chunk = " ".join(words) + f" host{n}.line-c2.net "
        parts.append(chunk)
        size += len(chunk)
        n += 1
    yield "long_line_1mb", "".join(parts).rstrip() + "\n"
    # NUL bytes between and inside indicators: neighbours must not merge or vanish.
    yield "nul_bytes", (
        "evil-nul.com\0bad-nul.org\0\0 203.0.113.9\0http://nul-url.net/a\0b\n"
        + "\0" * 1000 + "mid\0dle\0.com\0" + "x@nul-mail.org\0\n"
    )
    # Bidi controls and zero-width characters around and inside indicators.
    yield "rtl_zero_width", (
        "rlo before: \u202eevil-rlo.com\n"
        "zwsp inside: evil\u200b.com and goo\u200bgle-zw.com\n"
        "zwj after: bad-zw.net\u200d and 198.51.100.\u200c23\n"
        "rlo filename: invoice\u202egpj.exe\n"
        "bom: \ufeffhttp://bom-url.org/p\n"
        "ltr mark: \u200eclean-lrm.org\u200f\n"
    )
    # Homoglyphs: Cyrillic а (U+0430) in pаypal.com, Greek ο (U+03BF) in gοogle.com.
    yield "homoglyph_domains", (
        "phish at p\u0430ypal.com today\n"
        "and g\u03bfogle.com too\n"
        "real: paypal-login.com\n"
    )
    # A 64 KB URL (one path of short segments and a long query), then a neighbour.
    path = "/".join(f"seg{i}" for i in range(6000))
    url = "http://long-url.example.org/" + path + "?" + "&".join(f"k{i}=v{i}" for i in range(3000))
    url = url[: 64 * 1024]
    url = url.rstrip("&=/?")
    yield "url_64kb", f"see {url} then 192.0.2.44\n"


def main():
    check = "--check" in sys.argv
    OUT.mkdir(parents=True, exist_ok=True)
    bad = []
    for name, text in cases():
        p = OUT / f"{name}.txt"
        data = text.encode("utf-8")
        if check:
            if not p.exists() or p.read_bytes() != data:
                bad.append(p.name)
        else:
            p.write_bytes(data)
    if bad:
        sys.exit(f"out of date: {', '.join(bad)} (run scripts/gen_adversarial.py)")


if __name__ == "__main__":
    main()
