//! Defanging for safe sharing: conformance with the safe-IOC-sharing draft's vectors
//! (`tests/fixtures/safe-ioc-vectors/`), and the round trip the `defanged` export promises:
//! extracting the defanged text gives back the same values.
#![cfg(not(target_arch = "wasm32"))]

use ioclens::export::{defang_any, export, ExportOptions, Format, Item};
use ioclens::{defang, Extractor, TypeSet};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    name: String,
    operation: String,
    input: String,
    expected: String,
    input_clean: String,
    defanged: String,
    round_trip: bool,
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("fixtures/safe-ioc-vectors/vectors.json")).unwrap()
}

fn all() -> Extractor {
    Extractor::builder().types(TypeSet::all()).build()
}

fn found(ex: &Extractor, text: &str) -> Vec<(String, String)> {
    ex.extract(text)
        .into_iter()
        .map(|m| (m.kind.to_string(), m.value))
        .collect()
}

#[test]
fn draft_obfuscation_vectors() {
    let vs = vectors();
    let failures: Vec<String> = vs
        .iter()
        .filter(|v| v.operation == "obfuscate")
        .filter_map(|v| {
            let got = defang_any(&v.input);
            (got != v.expected).then(|| {
                format!(
                    "  {}: {:?}\n    want {:?}\n    got  {:?}",
                    v.name, v.input, v.expected, got
                )
            })
        })
        .collect();
    let n = vs.iter().filter(|v| v.operation == "obfuscate").count();
    assert_eq!(n, 34, "the draft has 34 obfuscation vectors");
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn draft_pairs_extract_to_the_same_values() {
    // Extracting the defanged form finds what extracting the clean form finds: the property
    // the defanged export relies on.
    // (Hosts with percent-encodings are not indicators to the extractor in either form.)
    let ex = all();
    let vs = vectors();
    let pairs: Vec<&Vector> = vs.iter().filter(|v| v.round_trip).collect();
    let non_empty = pairs
        .iter()
        .filter(|v| !found(&ex, &v.input_clean).is_empty())
        .count();
    assert!(
        non_empty >= 25,
        "only {non_empty} of {} pairs hold an indicator",
        pairs.len()
    );
    let failures: Vec<String> = pairs
        .iter()
        .filter_map(|v| {
            let (clean, dirty) = (found(&ex, &v.input_clean), found(&ex, &v.defanged));
            (clean != dirty).then(|| {
                format!(
                    "  {}: {:?} -> {clean:?}\n    {:?} -> {dirty:?}",
                    v.name, v.input_clean, v.defanged
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} pairs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn defanged_export_of_the_sample_report_round_trips() {
    let ex = all();
    let text = include_str!("fixtures/sample-report.txt");
    let ms = ex.extract(text);
    let opts = ExportOptions {
        include_allowlisted: true,
        dedupe: true,
        ..ExportOptions::new("2026-03-14T09:26:53Z")
    };
    let shared = export(&Item::all(&ms, None), Format::Defanged, &opts).unwrap();
    assert!(
        shared.contains("[.]"),
        "network values are defanged:\n{shared}"
    );
    let mut want: Vec<(String, String)> = ms
        .iter()
        .map(|m| (m.kind.to_string(), m.value.clone()))
        .collect();
    let mut got = found(&ex, &shared);
    want.sort();
    want.dedup();
    got.sort();
    assert_eq!(got, want, "extracting the defanged export:\n{shared}");
    // And no network value is left live in the shared text.
    for m in &ms {
        if defang(&m.kind, &m.value) != m.value {
            assert!(!shared.contains(&m.value), "{} left live", m.value);
        }
    }
}

#[test]
fn each_network_value_round_trips_alone() {
    let ex = all();
    let values = [
        (
            "url",
            "https://evil.example.com/a/b.php?x=1&u=http://c.example.net/#f",
        ),
        ("url", "http://[2001:db8::1]:8080/x"),
        ("url", "ftp://files.bad.com/pub/a.zip"),
        ("url", "http://user:pass@bad.com:81/p"),
        ("url", "https://bad.com/?contact=abuse@evil.org"),
        ("domain", "update-check.lantern-sync.net"),
        ("ipv4", "185.220.101.47"),
        ("ipv6", "2a0b:4140:8d4e::3"),
        ("ipv6", "64:ff9b::198.51.100.1"),
        ("cidr", "203.0.113.0/24"),
        ("email", "first.last+tag@freight-portal.org"),
    ];
    let failures: Vec<String> = values
        .iter()
        .filter_map(|(t, v)| {
            let clean = ex.extract(v);
            assert_eq!(clean.len(), 1, "{v} is one indicator");
            let m = &clean[0];
            assert_eq!(m.kind.as_str(), *t, "{v} extracts as {}", m.kind);
            let d = defang(&m.kind, &m.value);
            let back = found(&ex, &d);
            (back != [(t.to_string(), m.value.clone())])
                .then(|| format!("  {} -> {d} -> {back:?}", m.value))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

mod properties {
    use ioclens::export::{defang_any, export, ExportOptions, Format, Item, Record};
    use ioclens::{defang, Flags, IocType, Kind, Match};
    use proptest::prelude::*;

    fn values() -> impl Strategy<Value = String> {
        // Heavy in the characters the writers treat specially.
        proptest::string::string_regex(r#"[\[\]:.@%/?#&=aAzZé😀0-9fF ,'"`|\\\r\n-]{0,40}"#).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// No value breaks a writer, and the machine-readable formats keep it exactly.
        #[test]
        fn any_value_survives_every_format(v in values(), custom in prop::bool::ANY) {
            let _ = defang_any(&v);
            let mut kinds: Vec<Kind> = IocType::ALL.iter().map(|t| Kind::Builtin(*t)).collect();
            if custom {
                kinds = vec![Kind::Custom("note".into())];
            }
            let ms: Vec<Match> = kinds
                .into_iter()
                .map(|kind| Match { kind, value: v.clone(), raw: v.clone(), start: 0, end: v.len(), defanged: false, flags: Flags::default(), decoded_from: None })
                .collect();
            let items = Item::all(&ms, Some(v.as_str()));
            let opts = ExportOptions::new("2026-03-14T09:26:53Z");
            for f in Format::ALL {
                let out = export(&items, *f, &opts).unwrap();
                if matches!(f, Format::Stix | Format::Misp | Format::Summary) {
                    serde_json::from_str::<serde_json::Value>(&out).unwrap();
                }
            }
            let back: Vec<Record> = serde_json::from_str(&export(&items, Format::Json, &opts).unwrap()).unwrap();
            for (r, m) in back.iter().zip(&ms) {
                prop_assert_eq!(&r.m, m);
                prop_assert_eq!(r.source.as_deref(), Some(v.as_str()));
            }
            for m in &ms {
                let _ = defang(&m.kind, &m.value);
            }
        }

        /// Defanging a domain-shaped or URL-shaped value twice changes nothing the second time.
        #[test]
        fn defang_is_idempotent(host in "[a-z0-9-]{1,8}(\\.[a-z0-9-]{1,8}){1,3}", path in "(/[a-z0-9.@:?=&]{0,12}){0,3}") {
            let url = format!("https://{host}{path}");
            for (t, v) in [(IocType::Domain, host.clone()), (IocType::Url, url)] {
                let once = defang(&Kind::Builtin(t), &v);
                prop_assert_eq!(defang(&Kind::Builtin(t), &once), once.clone());
                prop_assert!(!once.contains("://") || once.starts_with("[https]://"));
            }
        }
    }
}

/// Defang-side round-trip rules (issue 9, found by fuzz/fuzz_targets/fang_roundtrip.rs): the
/// export writes only tokens refang reads back, and a second pass changes nothing.
#[test]
fn defang_writes_only_what_refang_reads_back() {
    use ioclens::{refang, IocType, Kind};
    let url = Kind::Builtin(IocType::Url);
    let rows = [
        // A dot between `[` and `/` is no host dot to refang: left plain.
        (
            "http://example.com/r?url=http://evil[.//",
            "[http]://example[.]com/r?url=[http]://evil[.//",
        ),
        // Every live `@` of a chain of addresses, in one pass.
        (
            "http://example.com/?contact=abuse@evil.exampl@evil.come",
            "[http]://example[.]com/?contact=abuse[@]evil[.]exampl[@]evil[.]come",
        ),
        // A name before `://` after an `@` is a nested scheme, not an address's domain.
        (
            "http://example.com/?contact=abuse@evil.exampl://",
            "[http]://example[.]com/?contact=abuse@[evil.exampl]://",
        ),
        // `exampl://` after a (defanged) dot is not a scheme at a word start.
        (
            "http://example.com/?contact=abuse@evil.exampl/x://",
            "[http]://example[.]com/?contact=abuse[@]evil[.]exampl/x://",
        ),
        // A trailing host dot stays plain (refang reads `[.]` only before a label).
        (
            "b.test/?u=http://c.//a.everynput",
            "b[.]test/?u=[http]://c.//a.everynput",
        ),
        // A nested scheme after `)` is not bracketed (refang reads none there); nor is a name
        // refang reads as a spelling of another scheme (`[meow]://` is `http://`).
        (
            "ync.com/gate.pa6iY].(dot)meow://host",
            "ync[.]com/gate.pa6iY].(dot)meow://host",
        ),
        (
            "http://a.test/x?u=(meow://evil.test",
            "[http]://a[.]test/x?u=(meow://evil[.]test",
        ),
        // More than two slashes: refang would fold `[git]:///` into `git://`.
        (
            "a.test/x?u=git:///evil.test/y",
            "a[.]test/x?u=git:///evil.test/y",
        ),
        // An `@` before a dot: refang reads no `[@]` there.
        (
            "http://a.test/?u=http://x@.y/z",
            "[http]://a[.]test/?u=[http]://x@.y/z",
        ),
        // A nested host keeps `%2e` (refang cannot give it back); the URL's own host does not.
        (
            "http://a%2Ecom/?u=http://b%2Ec.com/",
            "[http]://a[.]com/?u=[http]://b%2Ec[.]com/",
        ),
        // An address after an IPv4-looking local part: its `@` too.
        (
            "http://a.test/?c=1.2.3.4@evil.test",
            "[http]://a[.]test/?c=1[.]2[.]3[.]4[@]evil[.]test",
        ),
    ];
    for (v, want) in rows {
        let d = defang(&url, v);
        assert_eq!(d, want, "defang({v:?})");
        assert_eq!(defang(&url, &d), d, "defang is not idempotent on {v:?}");
    }
    // The forms that are values of their own read back exactly.
    for (v, _) in &rows[..6] {
        assert_eq!(refang(&defang(&url, v)), *v, "refang(defang({v:?}))");
    }
    // Trailing and doubled dots in plain hosts stay plain; the others are bracketed.
    let domain = Kind::Builtin(IocType::Domain);
    assert_eq!(defang(&domain, "evil.example."), "evil[.]example.");
    assert_eq!(defang(&domain, "a..b.example"), "a..b[.]example");
    assert_eq!(defang(&domain, "пример.рф"), "пример[.]рф");
}
