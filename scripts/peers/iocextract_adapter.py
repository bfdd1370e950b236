"""python-iocextract as an in-process adapter for ../shared/corpus/score.py (`--py FILE:extract`)
and for scripts/peers/bench_py.py. Every type it supports, refang on (as the corpus README measured).
It has no bare-domain, CVE or path type; those count as missed in the micro-F1 over all types."""
import iocextract


def extract(text):
    return {
        "url": list(iocextract.extract_urls(text, refang=True)),
        "ipv4": list(iocextract.extract_ipv4s(text, refang=True)),
        "ipv6": list(iocextract.extract_ipv6s(text)),
        "email": list(iocextract.extract_emails(text, refang=True)),
        "md5": list(iocextract.extract_md5_hashes(text)),
        "sha1": list(iocextract.extract_sha1_hashes(text)),
        "sha256": list(iocextract.extract_sha256_hashes(text)),
        "sha512": list(iocextract.extract_sha512_hashes(text)),
    }
