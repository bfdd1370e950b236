//! The scanners against naive reference implementations (tests/reference/mod.rs): on random
//! inputs built from IOC-like pieces (valid indicators, near misses, separators, defang tokens,
//! non-ASCII), the extractor restricted to one family must find exactly what the reference finds.
//!
//! Inputs that `refang` leaves unchanged are compared exactly: `(start, end, type, value)`.
//! Defanged inputs are compared on the values (in order), the reference running on the refanged
//! text: spans then live in different texts (refanging is tested by tests/spec_defang.rs).
#![cfg(not(target_arch = "wasm32"))]

mod reference;

use ioclens::{refang, Extractor, IocType, TypeSet};
use proptest::prelude::*;
use reference::Hit;

fn extractor(types: &[IocType]) -> Extractor {
    let set = types.iter().fold(TypeSet::empty(), |s, t| s.with(*t));
    Extractor::builder().types(set).build()
}

/// Compares the extractor with `reference` on `input` (see the module doc).
fn agree(types: &[IocType], reference: fn(&str) -> Vec<Hit>, input: &str) -> Result<(), String> {
    agree_within(types, reference, reference, input)
}

/// Whether `small` is a subsequence of `big`.
fn subsequence(small: &[Hit], big: &[Hit]) -> bool {
    let mut it = big.iter();
    small.iter().all(|x| it.any(|y| y == x))
}

/// Like [`agree`]; on defanged inputs, where some rules depend on what was defanged, the
/// extractor's values must lie between `strict`'s and `loose`'s.
fn agree_within(
    types: &[IocType],
    reference: fn(&str) -> Vec<Hit>,
    loose: fn(&str) -> Vec<Hit>,
    input: &str,
) -> Result<(), String> {
    let got: Vec<Hit> = extractor(types)
        .extract(input)
        .into_iter()
        .map(|m| {
            let kind: &'static str = match m.kind {
                ioclens::Kind::Builtin(t) => t.as_str(),
                ioclens::Kind::Custom(_) => "custom",
            };
            (m.start, m.end, kind, m.value)
        })
        .collect();
    let fanged = refang(input);
    let want = reference(&fanged);
    let strip =
        |v: Vec<Hit>| -> Vec<Hit> { v.into_iter().map(|(_, _, k, v)| (0, 0, k, v)).collect() };
    let ok = if fanged == input {
        got == want
    } else {
        let (got, want) = (strip(got.clone()), strip(want.clone()));
        subsequence(&want, &got) && subsequence(&got, &strip(loose(&fanged)))
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "input  {input:?}\nfanged {fanged:?}\nextractor {got:?}\nreference {want:?}"
        ))
    }
}

fn hex(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    (len, any::<bool>()).prop_flat_map(|(n, upper)| {
        let class = if upper { "[0-9A-F]" } else { "[0-9a-f]" };
        proptest::string::string_regex(&format!("{class}{{{n}}}")).expect("valid")
    })
}

/// Hex runs of (nearly) every hash length, and the bytes that glue to or split them.
fn hash_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![31usize, 32, 33, 39, 40, 41, 63, 64, 65, 127, 128, 129])
            .prop_flat_map(|n| hex(n..=n)),
        1 => hex(1..=20),
        2 => prop::sample::select(vec![
            " ", "\n", ",", ".", ":", "-", "_", "0x", "x", "g", "Z", "=", "/", "(", ")", "\"", "é",
            "\u{200B}", "[.]", "\u{3000}", "sha256:", "MD5 ",
        ])
        .prop_map(str::to_string),
    ]
}

/// CVE-like pieces: prefixes in every case, separators (incl. Unicode dashes and defang-ish
/// ones), years in and out of range, digit runs of 3 to 8.
fn cve_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "CVE",
            "cve",
            "Cve",
            "xCVE",
            "CVE-",
            "cve_",
            "CVE ",
            "CVE\u{2013}",
            "CVE\u{2014}",
            "CVE\u{2015}",
            "-",
            "_",
            " ",
            "\u{2010}",
            "\u{2012}",
            "\u{2212}",
            "2021",
            "1999",
            "3021",
            "0999",
            "21",
            "a",
            "_x",
            ".",
            "é",
            "\n",
            "[.]",
            "(",
            ")",
        ])
        .prop_map(str::to_string),
        "[0-9]{3,8}",
        // Whole ids in every spelling, so that valid ones are common.
        "(CVE|cve|Cve)[-_ \u{2010}-\u{2014}]?[12][0-9]{3}[-_\u{2013}][0-9]{3,8}",
    ]
}

/// ATT&CK-like pieces.
fn attack_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "T",
            "t",
            "T1059",
            "T0001",
            "T2000",
            "T9999",
            "T105",
            ".",
            "..",
            ".001",
            ".01",
            ".0015",
            "_",
            "-",
            " ",
            "x",
            "é",
            "\n",
            ",",
            "(",
            ")",
            "[.]",
            "T1059.001",
        ])
        .prop_map(str::to_string),
        "[0-9]{1,5}",
        "T[01][0-9]{3}(\\.[0-9]{3})?",
    ]
}

/// IPv4-like pieces: octets with and without leading zeros, out of range, glued letters,
/// paths, CIDR suffixes, percent signs, code calls, non-ASCII letters, defang tokens.
fn ipv4_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(
            prop_oneof![(0u32..=255).prop_map(|n| n.to_string()), "[0-9]{1,4}"],
            2..=6
        )
        .prop_map(|v| v.join(".")),
        // Whole addresses set apart, so that valid ones are common.
        2 => prop::collection::vec(0u32..=255, 4).prop_map(|v| format!(
            " {}.{}.{}.{} ", v[0], v[1], v[2], v[3]
        )),
        3 => prop::sample::select(vec![
            " ", "\n", ".", "..", "-", "_", "/", "\\", "://", "http://", "%", "(", ")", ":", "a",
            "x", "é", "٣", "/24", "/32", "/33", "/8.1", "/16a", ",", "@", "[.]", "(.)", "[dot]",
            "\u{200B}", "version ",
        ])
        .prop_map(str::to_string),
    ]
}

/// E-mail-like pieces: local parts (dots, plus, percent, leading/trailing dots), at-signs,
/// labels (hyphens at the ends, underscores, a 64-byte label), known and unknown TLDs.
fn email_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "user", "a.b", "x_y", "p%q", "a+tag", ".lead", "trail.", "a..b", "-x", "@", "@@", ".",
            "..", "-", "_", " ", "\n", ",", "evil", "ex-ample", "-bad", "bad-", "co", "com", "net",
            "ORG", "ru", "zzzq", "xn--p1ai", "exe", "local", "é", "[@]", "[.]", "(at)", ":", "/",
            "<", ">",
        ])
        .prop_map(str::to_string),
        "[a-z]{64,65}",
        "[a-z0-9]{1,8}",
        // Whole addresses, so that valid ones are common.
        "[A-Za-z0-9._%+-]{1,8}@([a-z0-9-]{1,6}\\.){1,3}(com|net|org|ru|zzzq|io)",
    ]
}

/// ASN-like pieces: prefixes in both cases, separators, prose in capitals, numbers at the edges
/// of the range, decimals and thousands separators.
fn asn_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "AS",
            "ASN",
            "as",
            "As",
            "AS ",
            "ASN ",
            "AS:",
            "ASN: ",
            "AS-",
            " ",
            "  ",
            ":",
            "-",
            "SUCH ",
            "Such ",
            "ROUTED BY ",
            "X",
            "_",
            ".5",
            ",000",
            ".",
            ",",
            "0",
            "00",
            "4294967295",
            "4294967296",
            "\n",
            "é",
            "(",
            ")",
            "[.]",
        ])
        .prop_map(str::to_string),
        "[0-9]{1,12}",
        "(AS|ASN)(| |:|: |-)[1-9][0-9]{0,9}",
    ]
}

fn text(piece: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

const HASHES: &[IocType] = &[
    IocType::Md5,
    IocType::Sha1,
    IocType::Sha256,
    IocType::Sha512,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn hashes_match_the_reference(s in text(hash_piece())) {
        agree(HASHES, reference::hashes, &s).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn cves_match_the_reference(s in text(cve_piece())) {
        agree(&[IocType::Cve], reference::cves, &s).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn attack_ids_match_the_reference(s in text(attack_piece())) {
        agree(&[IocType::Attack], reference::attack, &s).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn ipv4_matches_the_reference(s in text(ipv4_piece())) {
        agree_within(&[IocType::Ipv4], reference::ipv4, reference::ipv4_loose, &s).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn asns_match_the_reference(s in text(asn_piece())) {
        agree(&[IocType::Asn], reference::asns, &s).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn emails_match_the_reference(s in text(email_piece())) {
        agree(&[IocType::Email], reference::emails, &s).map_err(TestCaseError::fail)?;
    }
}

/// The references themselves, on hand-picked inputs (so a broken reference cannot make the
/// property tests pass vacuously).
#[test]
fn references_find_the_obvious_cases() {
    let h = "d41d8cd98f00b204e9800998ecf8427e";
    assert_eq!(reference::hashes(h).len(), 1);
    assert!(reference::hashes(&format!("0x{h}")).is_empty());
    assert!(reference::hashes(&format!("{h}0")).is_empty());
    assert_eq!(
        reference::cves("see CVE-2021-44228.")[0].3,
        "CVE-2021-44228"
    );
    assert_eq!(reference::cves("cve_2021_1234")[0].3, "CVE-2021-1234");
    assert!(reference::cves("CVE-2021-12345678").is_empty());
    assert_eq!(reference::attack("T1059.001, T1027")[1].3, "T1027");
    assert!(reference::attack("T1059.001.5").is_empty());
    assert_eq!(reference::ipv4("at 010.1.2.3.")[0].3, "10.1.2.3");
    assert_eq!(reference::ipv4("10.0.0.0/8")[0].3, "10.0.0.0");
    assert!(reference::ipv4("/1.2.3.4").is_empty());
    assert_eq!(reference::ipv4("http://1.2.3.4").len(), 1);
    assert_eq!(
        reference::emails("..Bob@Evil.COM-")[0],
        (2, 14, "email", "Bob@evil.com".to_string())
    );
    assert!(reference::emails("a@b.zzzq").is_empty());
    assert_eq!(reference::asns("via ASN: 013335.")[0].3, "AS13335");
    assert!(reference::asns("SUCH AS 2").is_empty());
    assert!(reference::asns("AS4294967296 AS0 AS1.5").is_empty());
    // Every strategy produces something the reference reports (checked on a sample).
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut found = [0usize; 6];
    for _ in 0..300 {
        use proptest::strategy::ValueTree;
        let t = text(hash_piece()).new_tree(&mut runner).unwrap().current();
        found[0] += reference::hashes(&refang(&t)).len();
        let t = text(cve_piece()).new_tree(&mut runner).unwrap().current();
        found[1] += reference::cves(&refang(&t)).len();
        let t = text(attack_piece())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        found[2] += reference::attack(&refang(&t)).len();
        let t = text(ipv4_piece()).new_tree(&mut runner).unwrap().current();
        found[3] += reference::ipv4(&refang(&t)).len();
        let t = text(email_piece()).new_tree(&mut runner).unwrap().current();
        found[4] += reference::emails(&refang(&t)).len();
        let t = text(asn_piece()).new_tree(&mut runner).unwrap().current();
        found[5] += reference::asns(&refang(&t)).len();
    }
    assert!(found.iter().all(|&n| n >= 20), "hits per family: {found:?}");
}
