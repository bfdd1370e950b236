//! The adversarial corpus (tests/adversarial/, written by scripts/gen_adversarial.py): inputs that
//! broke other IOC extractors. Each must extract exactly what a careful analyst would, with the
//! span contract intact. (How long they take is measured by the benchmark suite, not here.)
#![cfg(not(target_arch = "wasm32"))]

use ioclens::{Extractor, Flags, Match, TypeSet};

fn load(name: &str) -> String {
    let path = format!(
        "{}/tests/adversarial/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const FILES: &[&str] = &[
    "long_run_before_dot",
    "base64_blobs",
    "nested_brackets",
    "many_defang_dots",
    "long_line_1mb",
    "nul_bytes",
    "rtl_zero_width",
    "homoglyph_domains",
    "url_64kb",
];

fn all() -> Extractor {
    Extractor::builder().types(TypeSet::all()).build()
}

fn pairs(ms: &[Match]) -> Vec<(String, String)> {
    ms.iter()
        .map(|m| (m.kind.to_string(), m.value.clone()))
        .collect()
}

fn want(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect()
}

/// Spans in bounds, on char boundaries, `raw` exactly the spanned text, sorted, no overlaps.
fn check_spans(name: &str, text: &str, ms: &[Match]) {
    let mut last_end = 0;
    for m in ms {
        assert!(m.end <= text.len() && m.start <= m.end, "{name}: {m:?}");
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{name}: {m:?}"
        );
        assert_eq!(m.raw, &text[m.start..m.end], "{name}");
        if m.flags.contains(Flags::NESTED) {
            assert!(
                m.end <= last_end,
                "{name}: nested outside its parent: {m:?}"
            );
        } else if m.decoded_from.is_none() {
            assert!(m.start >= last_end, "{name}: overlap at {m:?}");
            last_end = m.end;
        }
    }
}

#[test]
fn corpus_is_present_and_every_file_keeps_the_span_contract() {
    for name in FILES {
        let text = load(name);
        for ex in [Extractor::new(), all()] {
            check_spans(name, &text, &ex.extract(&text));
        }
    }
}

#[test]
fn long_runs_before_a_dot_are_no_domain_and_spare_the_neighbours() {
    let text = load("long_run_before_dot");
    assert!(text.starts_with(&"a".repeat(20000)));
    // A 20,000-letter label is no DNS label (63 at most), defanged or not.
    assert_eq!(
        pairs(&Extractor::new().extract(&text)),
        want(&[("domain", "evil-run.com"), ("ipv4", "198.51.100.7")])
    );
    for m in all().extract(&text) {
        if matches!(m.kind.as_str(), "domain" | "url" | "email") {
            assert_eq!(m.value, "evil-run.com");
        }
    }
}

#[test]
fn base64_blobs_yield_only_the_encoded_url_and_the_neighbour() {
    let text = load("base64_blobs");
    let ms = Extractor::new().extract(&text);
    assert_eq!(
        pairs(&ms),
        want(&[
            ("url", "http://decoded-c2.example.net/gate.php"),
            ("url", "http://after-blob.net/x"),
        ])
    );
    assert!(ms[0].flags.contains(Flags::DECODED) && ms[0].decoded_from.is_some());
    assert!(
        ms[0].raw.starts_with("aHR0cDovL"),
        "spans the blob: {:?}",
        ms[0]
    );
    // Decoding off: the blob is just text.
    let plain = Extractor::builder().decode(false).build().extract(&text);
    assert_eq!(pairs(&plain), want(&[("url", "http://after-blob.net/x")]));
}

#[test]
fn nested_and_unbalanced_brackets() {
    let text = load("nested_brackets");
    assert_eq!(
        pairs(&Extractor::new().extract(&text)),
        want(&[
            ("domain", "evil.com"),
            ("domain", "bad.org"),
            ("ipv4", "10.0.0.1"),
            ("domain", "evil2.com"),
            ("url", "http://x-nest.net/p"),
        ])
    );
}

#[test]
fn ten_thousand_defang_dots() {
    let text = load("many_defang_dots");
    assert!(text.starts_with(&"[.]".repeat(10000)));
    // Neither the bare run nor x[.]x[.]…x (20,001 characters: no host is longer than 253)
    // is an indicator; the neighbour is.
    let ms = all().extract(&text);
    assert_eq!(pairs(&ms), want(&[("domain", "evil-dots.com")]));
    assert_eq!(ms[0].raw, "evil-dots[.]com");
}

#[test]
fn a_one_megabyte_line_gives_every_indicator_in_order() {
    let text = load("long_line_1mb");
    assert!(text.len() >= 1 << 20);
    assert_eq!(text.find('\n'), Some(text.len() - 1), "one line");
    let n = text.matches(".line-c2.net").count();
    assert!(n > 10_000, "{n}");
    let expected: Vec<(String, String)> = (0..n)
        .map(|i| ("domain".to_string(), format!("host{i}.line-c2.net")))
        .collect();
    assert_eq!(pairs(&Extractor::new().extract(&text)), expected);
}

#[test]
fn nul_bytes_separate_and_never_join() {
    let text = load("nul_bytes");
    let ms = all().extract(&text);
    assert_eq!(
        pairs(&ms),
        want(&[
            ("domain", "evil-nul.com"),
            ("domain", "bad-nul.org"),
            ("ipv4", "203.0.113.9"),
            ("url", "http://nul-url.net/a"),
            ("email", "x@nul-mail.org"),
        ])
    );
    // "mid\0dle\0.com": a NUL is a separator, not an obfuscation to see through.
    assert!(ms.iter().all(|m| !m.raw.contains('\0')));
}

/// Bidi controls and zero-width characters.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[test]
fn zero_width_characters_inside_indicators_are_seen_through() {
    let text = load("rtl_zero_width");
    let zw: Vec<Match> = Extractor::new()
        .extract(&text)
        .into_iter()
        .filter(|m| m.raw.chars().any(invisible))
        .collect();
    // A zero-width character inside an indicator is an obfuscation: seen through (IDNA ignores
    // it too), and the match says it was defanged; the raw text keeps it for display.
    assert_eq!(
        pairs(&zw),
        want(&[
            ("domain", "evil.com"),
            ("domain", "google-zw.com"),
            ("ipv4", "198.51.100.23"),
        ])
    );
    for m in &zw {
        assert!(m.defanged && !m.value.chars().any(invisible), "{m:?}");
    }
}

#[test]
fn bidi_and_zero_width_characters_next_to_indicators() {
    let text = load("rtl_zero_width");
    let ms = all().extract(&text);
    let got = pairs(&ms);
    for w in want(&[
        ("domain", "evil.com"),
        ("domain", "google-zw.com"),
        // A zero-width joiner after a domain ends it.
        ("domain", "bad-zw.net"),
        ("ipv4", "198.51.100.23"),
        // The right-to-left-override trick keeps the whole name, control included, so the
        // analyst sees the real extension (display escapes it).
        ("filename", "invoice\u{202E}gpj.exe"),
        // A byte-order mark is not part of the URL.
        ("url", "http://bom-url.org/p"),
    ]) {
        assert!(got.contains(&w), "{w:?} missing from {got:?}");
    }
    for m in ms.iter().filter(|m| m.kind.as_str() != "filename") {
        assert!(!m.value.chars().any(invisible), "{m:?}");
    }
}

/// A bidi control right before a domain or an IP address (an LRM, or an RLO used to show
/// "evil.com" as "moc.live") must not hide it; only a file name keeps the control in its value.
#[test]
fn bidi_controls_before_a_host_do_not_hide_it() {
    let text = load("rtl_zero_width");
    let got = pairs(&Extractor::new().extract(&text));
    for w in want(&[("domain", "evil-rlo.com"), ("domain", "clean-lrm.org")]) {
        assert!(got.contains(&w), "{w:?} missing from {got:?}");
    }
    let ip = pairs(&Extractor::new().extract("beacon \u{200E}203.0.113.5 now"));
    assert_eq!(ip, want(&[("ipv4", "203.0.113.5")]));
}

#[test]
fn homoglyph_domains_are_never_reported_as_an_ascii_domain() {
    let text = load("homoglyph_domains");
    // pаypal.com (Cyrillic а) is not paypal.com, nor its ASCII tail ypal.com: reporting either
    // would send the analyst to block or look up the wrong domain. It is reported whole, in its
    // ASCII (Punycode) form, which shows it is not paypal.com, and flagged `idn`.
    assert_eq!(
        pairs(&Extractor::new().extract(&text)),
        want(&[
            ("domain", "xn--pypal-4ve.com"),
            ("domain", "xn--gogle-rce.com"),
            ("domain", "paypal-login.com")
        ])
    );
    for m in all().extract(&text) {
        let ascii_tail = ["paypal.com", "ypal.com", "google.com", "ogle.com"]
            .iter()
            .any(|s| m.value.eq_ignore_ascii_case(s));
        assert!(!ascii_tail, "homoglyph reported as ASCII: {m:?}");
        assert_eq!(m.flags.contains(Flags::IDN), !m.raw.is_ascii(), "{m:?}");
        if !m.value.is_ascii() {
            assert_eq!(m.value, m.raw, "non-ASCII value kept exactly: {m:?}");
        }
    }
}

#[test]
fn a_64_kilobyte_url_is_one_url() {
    let text = load("url_64kb");
    let url = text.split(' ').nth(1).unwrap();
    assert!(url.len() > 60_000 && url.starts_with("http://long-url.example.org/seg0/"));
    let ms = Extractor::new().extract(&text);
    assert_eq!(pairs(&ms), want(&[("url", url), ("ipv4", "192.0.2.44")]));
    assert_eq!((ms[0].start, ms[0].end), (4, 4 + url.len()));
}
