#!/usr/bin/env python3
"""Builds data/warninglists/vendor-blogs.json (the core's built-in allowlist) from MISP's
security-provider-blogpost warninglist (CC0), minus general hosting and social platforms where
attackers also put payloads (github.com, raw.githubusercontent.com, s3 buckets, pastebins, …):
hiding those by default would hide real indicators.
Usage: scripts/gen_builtin_allowlist.py ../shared/data/warninglists/security-provider-blogpost/list.json
"""
import json
import os
import re
import sys

EXCLUDE = re.compile(
    r"github|googledrive|googlecode|groups\.google|sites\.google|productforums\.google|googleusercontent"
    r"|medium\.com|twitter\.com|^t\.co$|facebook|reddit|youtube|dropbox|amazonaws|pastebin|ghostbin"
    r"|infotomb|luminosity\.link|microsoft\.net|web\.archive\.org|slideshare|wordpress\.com$"
)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/warninglists/security-provider-blogpost/list.json"
    with open(src, encoding="utf-8") as f:
        d = json.load(f)
    kept = sorted(h for h in d["list"] if not EXCLUDE.search(h))
    out = {
        "name": "IOC Lens built-in: security vendors' article domains",
        "description": f"{d['name']} (MISP warninglist, CC0) version {d.get('version')}, "
        "minus general hosting/social platforms (see scripts/gen_builtin_allowlist.py)",
        "type": "hostname",
        "list": kept,
    }
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "data", "warninglists", "vendor-blogs.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"kept {len(kept)} of {len(d['list'])}")


if __name__ == "__main__":
    main()
