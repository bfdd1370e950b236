"""Loads the export golden files with real consumers and checks that every value survived.

- STIX 2.1 bundles: `stix2.parse(..., allow_custom=False)` (which also runs the STIX pattern
  validator on every `pattern_type: "stix"` indicator), then each pattern's comparison values are
  read back with `stix2patterns` and compared with the exported values.
- MISP events: `pymisp.MISPEvent().load(...)`; each attribute's type must be known to MISP, its
  category allowed for the type (pymisp silently drops a wrong category, so it is compared
  after loading), and the values must be exactly the exported ones.
- CSV: Python's csv module must read back every field of every record.
- JSON Lines: every line must equal the JSON array's record.

The expected records come from the `<name>.json` golden (flat records, parsed by `json`), which
`tests/export_golden.rs` keeps byte-identical to what the core writes. Run by `make test-py`:
    .venv/bin/python tests/py/check_exports.py [golden-dir]
"""

import csv
import json
import re
import sys
from pathlib import Path

import stix2
from pymisp import MISPEvent
from stix2patterns.v21.pattern import Pattern

GOLDEN = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "golden"
HIVES = {"HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "HKCR": "HKEY_CLASSES_ROOT",
         "HKU": "HKEY_USERS", "HKCC": "HKEY_CURRENT_CONFIG"}
NETWORK_OR_HASH = {"ipv4", "ipv6", "cidr", "domain", "url", "email", "md5", "sha1", "sha256",
                   "sha512", "ssdeep", "yara"}
NOISY_FLAGS = {"private", "loopback", "reserved", "documentation", "allowlisted", "version_like"}

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def unique(records):
    """(type, value) pairs in first-seen order: STIX and MISP describe indicators, not occurrences."""
    seen = {}
    for r in records:
        seen.setdefault((r["type"], r["value"]), r)
    return list(seen.values())


def unlit(literal):
    """A STIX pattern literal's value: quotes removed, backslash escapes undone."""
    if literal.startswith("'"):
        return re.sub(r"\\(.)", r"\1", literal[1:-1], flags=re.S)
    return literal


def stix_value(obj):
    """The IOC value an exported STIX object stands for, as (type hint, value)."""
    if obj["type"] == "vulnerability" or obj["type"] == "attack-pattern":
        refs = obj["external_references"]
        return refs[0]["external_id"]
    if obj["pattern_type"] == "yara":
        return obj["pattern"]
    comps = Pattern(obj["pattern"]).inspect().comparisons
    flat = {(otype, ".".join(path)): unlit(v) for otype, cs in comps.items() for path, _, v in cs}
    if ("file", "parent_directory_ref.path") in flat:
        d, name = flat[("file", "parent_directory_ref.path")], flat[("file", "name")]
        return d + name if d.endswith(("\\", "/")) else d + ("\\" if "\\" in d else "/") + name
    if ("x-ioclens-custom", "value") in flat:
        return flat[("x-ioclens-custom", "value")]
    if ("autonomous-system", "number") in flat:
        return "AS" + flat[("autonomous-system", "number")]
    (only,) = flat.values()
    return only


def stix_expected(r):
    v = r["value"]
    if r["type"] == "registry":
        hive, _, rest = v.partition("\\")
        return HIVES.get(hive.upper(), hive) + ("\\" + rest if rest else "")
    return v


def check_stix(name, records):
    text = (GOLDEN / f"{name}.stix.json").read_text(encoding="utf-8")
    try:
        bundle = stix2.parse(text, allow_custom=False)
    except Exception as e:  # noqa: BLE001 - any refusal is the failure we report
        check(False, f"{name}.stix.json: stix2 refused the bundle: {e}")
        return
    objs = {o.id: o for o in bundle.objects}
    ioc_objs = [o for o in bundle.objects if o.type in ("indicator", "vulnerability", "attack-pattern")]
    got = sorted(stix_value(o) for o in ioc_objs)
    want = sorted(stix_expected(r) for r in unique(records))
    check(got == want, f"{name}.stix.json: values differ:\n  got  {got}\n  want {want}")
    for o in bundle.objects:
        if o.type == "indicator":
            check(o.pattern_type in ("stix", "yara"), f"{o.id}: pattern_type {o.pattern_type}")
            check(o.valid_from is not None, f"{o.id}: no valid_from")
        if o.type == "report":
            for ref in o.object_refs:
                check(ref in objs, f"{name}.stix.json: report refers to missing {ref}")
    sources = {r["source"] for r in records if r.get("source")}
    reports = {o.name for o in bundle.objects if o.type == "report"}
    check(reports == sources, f"{name}.stix.json: reports {reports} != sources {sources}")


def check_misp(name, records):
    text = (GOLDEN / f"{name}.misp.json").read_text(encoding="utf-8")
    raw = json.loads(text)["Event"]["Attribute"]
    ev = MISPEvent()
    try:
        ev.load(text)
    except Exception as e:  # noqa: BLE001
        check(False, f"{name}.misp.json: pymisp refused the event: {e}")
        return
    mapping = ev.describe_types["category_type_mappings"]
    check(len(ev.attributes) == len(raw), f"{name}.misp.json: pymisp loaded {len(ev.attributes)} of {len(raw)} attributes")
    for a, w in zip(ev.attributes, raw):
        check(a.type in ev.describe_types["types"], f"{name}: unknown MISP type {a.type}")
        check(a.category == w["category"], f"{name}: {a.type} category {w['category']!r} dropped by pymisp")
        check(a.type in mapping.get(a.category, []), f"{name}: {a.type} not allowed in {a.category}")
    links = [a.value for a in ev.attributes if a.type == "link"]
    iocs = [a for a in ev.attributes if not (a.type == "link" and a.comment == "source")]
    want = unique(records)
    check(sorted(a.value for a in iocs) == sorted(r["value"] for r in want),
          f"{name}.misp.json: values differ")
    by_value = {(a.value): a for a in iocs}
    for r in want:
        a = by_value.get(r["value"])
        if a is None:
            continue
        ids = r["type"] in NETWORK_OR_HASH and not NOISY_FLAGS & set(r["flags"])
        check(a.to_ids == ids, f"{name}: to_ids of {r['type']} {r['value']!r} is {a.to_ids}, want {ids}")
    url_sources = sorted({r["source"] for r in records if r.get("source", "").startswith(("http://", "https://"))})
    check(sorted(links) == url_sources, f"{name}.misp.json: link attributes {links} != {url_sources}")


def check_csv(name, records):
    with open(GOLDEN / f"{name}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    check(rows[0] == ["type", "value", "raw", "start", "end", "defanged", "flags", "source"],
          f"{name}.csv: header {rows[0]}")
    want = [[r["type"], r["value"], r["raw"], str(r["start"]), str(r["end"]),
             "true" if r["defanged"] else "false", ";".join(r["flags"]), r.get("source") or ""]
            for r in records]
    check(rows[1:] == want, f"{name}.csv: rows differ from the JSON records:\n  got  {rows[1:]}\n  want {want}")
    raw = (GOLDEN / f"{name}.csv").read_bytes()
    check(raw.count(b"\r\n") >= len(records) + 1, f"{name}.csv: records must end in CRLF (RFC 4180)")


def check_jsonl(name, records):
    lines = (GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    check([json.loads(l) for l in lines] == records, f"{name}.jsonl differs from {name}.json")


def main():
    for name in ("sample", "special"):
        records = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        check(len(records) > 0, f"{name}.json is empty")
        check_csv(name, records)
        check_jsonl(name, records)
        check_stix(name, records)
        check_misp(name, records)
        print(f"checked {name}: {len(records)} records, {len(unique(records))} unique")
    if failures:
        print("\n".join(["FAILED:"] + failures), file=sys.stderr)
        sys.exit(1)
    print("exports: stix2, pymisp, csv and json consumers read every value back")


if __name__ == "__main__":
    main()
