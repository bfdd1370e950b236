//! Inputs the cargo-fuzz targets (fuzz/) found, minimised, as plain tests.
#![cfg(not(target_arch = "wasm32"))]

use ioclens::{defang, refang, Extractor, TypeSet};

fn pairs(text: &str) -> Vec<(String, String)> {
    Extractor::builder()
        .types(TypeSet::all())
        .build()
        .extract(text)
        .into_iter()
        .map(|m| (m.kind.to_string(), m.value))
        .collect()
}

/// fang_roundtrip (found from "url.orps[://]cdn-update[.]lantern-sync[.]com/a[:][:]check"):
/// a scheme with `+`, `-` or `.`, or with digits, defangs to `[git+ssh]://`, which refang leaves bracketed, so
/// extracting the defanged export gives `evil.com/x`: the scheme is lost. Alphanumeric schemes
/// (`[ab]://`) round-trip. Known gap in src/fang.rs, reported with issue 9.
#[test]
#[ignore = "known gap: refang does not unbracket schemes with + - . or digits ([git+ssh]://)"]
fn schemes_with_punctuation_round_trip_through_defang() {
    for v in [
        "itshas13335ttps://host138.line-c2.net",
        "git+ssh://evil.com/x",
        "url.orps://cdn.example.com/a",
        "h-t://evil.com/x",
    ] {
        let ms = pairs(v);
        assert_eq!(ms, vec![("url".to_string(), v.to_string())], "{v} alone");
        let d = defang(&ioclens::Kind::Builtin(ioclens::IocType::Url), v);
        assert_eq!(refang(&d), v, "refang({d:?})");
        assert_eq!(pairs(&d), ms, "extracting {d:?}");
    }
}

/// The same round trip holds for the common schemes and short letter-only ones (so the ignored
/// test above shows the gap, not a broken test).
#[test]
fn common_schemes_round_trip_through_defang() {
    for v in [
        "ab://evil.com/x",
        "https://evil.com/x",
        "ftp://files.bad.com/a.zip",
    ] {
        let ms = pairs(v);
        assert_eq!(ms, vec![("url".to_string(), v.to_string())], "{v} alone");
        let d = defang(&ioclens::Kind::Builtin(ioclens::IocType::Url), v);
        assert_eq!(refang(&d), v, "refang({d:?})");
        assert_eq!(pairs(&d), ms, "extracting {d:?}");
    }
}

/// fang_roundtrip: values whose defanged form does not come back. An IPv6 address ending in
/// `::` defangs to `2001[:]db8[:][:]`, which refang reads as `2001:db8:[:]`; a URL whose query
/// holds a broken nested URL (`…?url=http://evil[.//`, from `[http]://evil[.//` in a report)
/// defangs to `…evil[[.]//`. Known gaps in src/fang.rs / src/export/defang.rs, reported with
/// issue 9.
#[test]
#[ignore = "known gap: trailing :: in IPv6, a stray [, several @ or URLs in one URL do not survive defang/refang"]
fn odd_values_round_trip_through_defang() {
    use ioclens::{IocType, Kind};
    let mut failures = Vec::new();
    for (t, v) in [
        (IocType::Ipv6, "2001:db8::"),
        (IocType::Url, "http://example.com/r?url=http://evil[.//"),
        // Two "@" in a query: the second pass defangs what the first left live.
        (
            IocType::Url,
            "http://example.com/?contact=abuse@evil.exampl@evil.come",
        ),
        // A "://" after an e-mail address in the query: the second pass brackets "[exampl]://".
        (
            IocType::Url,
            "http://example.com/?contact=abuse@evil.exampl://",
        ),
        // "::" in a path is defanged as if it were an IPv6 address and read back as ":[:]".
        (IocType::Url, "https://evil.example/pa((::((](th"),
        // Underscore labels: refang leaves "[.]" between underscores bracketed.
        (
            IocType::Domain,
            "inside.vil.______________________________evil-rlk.com",
        ),
        // A nested URL whose scheme has a dot.
        (IocType::Url, "http://b.test/?u=hptt/:/c.tp://c.test"),
    ] {
        let d = defang(&Kind::Builtin(t), v);
        if defang(&Kind::Builtin(t), &d) != d {
            failures.push(format!("{v:?}: defang is not idempotent ({d:?})"));
        }
        let got = (refang(&d), pairs(&d));
        if got != (v.to_string(), vec![(t.to_string(), v.to_string())]) {
            failures.push(format!("{v:?} -> {d:?} -> {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
