//! Custom types and allowlists as a caller configures them.
use ioclens::{Allowlist, Error, Extractor, Flags, IocType};

#[test]
fn custom_types_with_group_and_priority() {
    let ex = Extractor::builder()
        .custom("ticket", r"TICKET-([0-9]+)", 1)
        .unwrap()
        // Higher priority than the built-in domain: an internal host pattern wins its span.
        .custom("internal_host", r"[a-z0-9-]+\.corp\.example\.com", 5)
        .unwrap()
        .build();
    let ms = ex.extract("see TICKET-42 on build7.corp.example.com and evil.com");
    let got: Vec<(&str, &str)> = ms
        .iter()
        .map(|m| (m.kind.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("ticket", "42"),
            ("internal_host", "build7.corp.example.com"),
            ("domain", "evil.com")
        ]
    );
    assert_eq!(ms[0].raw, "42", "group 1 is the value and the span");
}

#[test]
fn bad_custom_types_are_clear_errors() {
    let e = Extractor::builder()
        .custom("x", "(unclosed", 1)
        .unwrap_err();
    assert!(
        matches!(e, Error::BadPattern { .. }) && e.to_string().contains("custom type \"x\""),
        "{e}"
    );
    assert!(
        Extractor::builder().custom("ipv4", "x", 1).is_err(),
        "built-in names are reserved"
    );
    assert!(
        Extractor::builder().custom("empty", "a*", 1).is_err(),
        "empty matches are refused"
    );
    // Look-around would need backtracking: the linear engine refuses it.
    assert!(Extractor::builder().custom("la", "a(?=b)", 1).is_err());
}

#[test]
fn allowlisted_matches_are_flagged_not_lost() {
    let mut allow = Allowlist::new();
    allow
        .add_text("8.8.8.8\n*.example.org\n10.0.0.0/8")
        .unwrap();
    let ex = Extractor::builder().allowlist(allow).build();
    let ms = ex.extract("8.8.8.8 9.9.9.9 cdn.example.org evil.net 10.2.3.4");
    let flagged: Vec<(&str, bool)> = ms
        .iter()
        .map(|m| (m.value.as_str(), m.flags.contains(Flags::ALLOWLISTED)))
        .collect();
    assert_eq!(
        flagged,
        vec![
            ("8.8.8.8", true),
            ("9.9.9.9", false),
            ("cdn.example.org", true),
            ("evil.net", false),
            ("10.2.3.4", true)
        ]
    );
    assert_eq!(ms.iter().filter(|m| m.kind == IocType::Ipv4).count(), 3);
}

#[test]
fn misp_warninglists_from_the_shared_data_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/warninglists");
    if !dir.exists() {
        eprintln!("skipped: ../shared/data/warninglists is absent");
        return;
    }
    let mut allow = Allowlist::new();
    let mut total = 0;
    for name in [
        "rfc1918",
        "google",
        "empty-hashes",
        "url-shortener",
        "common-contact-emails",
    ] {
        let text = std::fs::read_to_string(dir.join(name).join("list.json")).unwrap();
        total += allow.add_misp_json(&text).unwrap();
    }
    assert!(total > 100);
    let ex = Extractor::builder().allowlist(allow).build();
    let ms = ex.extract(
        "192.168.1.1 www.google.com d41d8cd98f00b204e9800998ecf8427e abuse@evil.net 45.9.1.2",
    );
    let flagged: Vec<bool> = ms
        .iter()
        .map(|m| m.flags.contains(Flags::ALLOWLISTED))
        .collect();
    assert_eq!(flagged, vec![true, true, true, true, false]);
}

#[test]
fn switched_off_types_give_way_to_their_parts() {
    use ioclens::TypeSet;
    let ex = Extractor::builder()
        .types(TypeSet::parse("domain,ipv4").unwrap())
        .build();
    let got: Vec<(String, String)> = ex
        .extract("https://evil.com/x, http://1.2.3.4/y, bob@mail.example.net")
        .into_iter()
        .map(|m| (m.kind.to_string(), m.value))
        .collect();
    let want = [
        ("domain", "evil.com"),
        ("ipv4", "1.2.3.4"),
        ("domain", "mail.example.net"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
}

/// Custom types and allowlist regexes run on regex-lite, in the CLI and in wasm alike: `regex`
/// syntax with ASCII-only classes, word boundaries and case folding, and no Unicode classes.
#[test]
fn custom_patterns_are_regex_lite_everywhere() {
    let values = |pat: &str, text: &str| -> Vec<String> {
        Extractor::builder()
            .types(ioclens::TypeSet::empty())
            .custom("t", pat, 9)
            .unwrap()
            .build()
            .extract(text)
            .into_iter()
            .filter(|m| m.kind.as_str() == "t")
            .map(|m| m.value)
            .collect()
    };
    // \w and \b are ASCII: a Greek letter is neither a word character nor a word boundary.
    assert_eq!(values(r"\bID-\w+", "ID-ab12δx ID-Q"), ["ID-ab12", "ID-Q"]);
    // \d is ASCII digits only (Arabic-Indic digits are not).
    assert_eq!(values(r"N-\d+", "N-12٣ N-7"), ["N-12", "N-7"]);
    // (?i) folds ASCII letters only: `δ` does not match `Δ`.
    assert_eq!(values(r"(?i)case-[a-z]+", "CASE-Abc"), ["CASE-Abc"]);
    assert_eq!(values(r"(?i)x-δ", "X-Δ X-δ"), ["X-δ"]);
    // `.` and literal non-ASCII still match by code point.
    assert_eq!(values(r"é-.", "é-δ"), ["é-δ"]);
    assert_eq!(values(r"[α-ω]+", "xδεx"), ["δε"]);
    // Unicode classes are refused with the engine's message, not silently read as something else.
    for pat in [r"\p{L}+", r"\pL", r"[\p{Greek}]"] {
        let e = Extractor::builder().custom("u", pat, 1).unwrap_err();
        assert!(
            matches!(e, Error::BadPattern { .. }) && e.to_string().contains("custom type \"u\""),
            "{pat}: {e}"
        );
    }
    // Allowlist regexes use the same engine.
    let mut allow = Allowlist::new();
    assert!(allow.add_regex(r"\p{L}").is_err());
    allow.add_regex(r"(?i)^EVIL\.").unwrap();
    assert!(allow.contains(&ioclens::Kind::named("domain"), "Evil.com"));
}
