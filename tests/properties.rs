//! Property tests: on any input the core never panics, spans are in bounds, on char boundaries,
//! sorted and non-overlapping, and `raw` is exactly the input span. Inputs are built from
//! IOC-like pieces (defang tokens, digits, dots, brackets, Unicode) so the scanners' edge cases
//! are hit far more often than by random bytes.
#![cfg(not(target_arch = "wasm32"))]

use ioclens::{Extractor, Flags, TypeSet};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "evil",
    "com",
    "1",
    "23",
    "255",
    "256",
    ".",
    "[.]",
    "(.)",
    "[dot]",
    "{.}",
    "\\.",
    "[",
    "]",
    "(",
    ")",
    "@",
    "[@]",
    "[at]",
    " at ",
    ":",
    "[:]",
    "::",
    "//",
    "://",
    "[://]",
    "hxxp",
    "hXXps",
    "h**p",
    "[https]",
    "/",
    "\\",
    "C:\\",
    "HKLM\\",
    " ",
    "\n",
    "\t",
    "-",
    "_",
    "%",
    "%2F",
    "=",
    "?",
    "#",
    "x",
    "é",
    "😀",
    "\u{200B}",
    "\u{202E}",
    "．",
    "。",
    "＠",
    "0x",
    "deadbeef",
    "d41d8cd98f00b204e9800998ecf8427e",
    "CVE-2021-",
    "T1059",
    ".001",
    "AS",
    "bc1q",
    "rule x {",
    "}",
    "\"",
    "'",
    "`",
    "<",
    ">",
    "aHR0cDovL2EuY29t",
    "687474703a2f2f612e636f6d",
    "/24",
    "fe80",
    "2001:db8",
];

fn ioc_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn check_invariants(ex: &Extractor, text: &str) {
    let ms = ex.extract(text);
    let mut last_end = 0;
    for m in &ms {
        assert!(
            m.start <= m.end && m.end <= text.len(),
            "span {}..{} out of bounds",
            m.start,
            m.end
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "span not on char boundary"
        );
        assert_eq!(m.raw, &text[m.start..m.end]);
        assert!(!m.value.is_empty());
        if m.flags.contains(Flags::NESTED) {
            assert!(m.end <= last_end, "nested outside its parent: {ms:#?}");
        } else if m.decoded_from.is_none() {
            assert!(
                m.start >= last_end,
                "matches overlap or are unsorted: {ms:#?}"
            );
            last_end = m.end;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_exact_on_ioc_like_text(text in ioc_text()) {
        check_invariants(&Extractor::builder().types(TypeSet::all()).build(), &text);
    }

    #[test]
    fn never_panics_on_arbitrary_strings(text in any::<String>()) {
        check_invariants(&Extractor::builder().types(TypeSet::all()).build(), &text);
    }

    /// Refanging realistic defanged prose twice changes nothing more than once. (On arbitrary
    /// junk the single pass is not idempotent — "0x．[dot]://" — and need not be: only the
    /// spans of real indicators matter, which the other properties check.)
    #[test]
    fn refang_is_idempotent_on_defanged_prose(
        words in prop::collection::vec(prop::sample::select(&[
            "the", "C2", "at", "hxxps[://]evil[.]com/a", "1.2.3[.]4", "a[at]b[.]org", "(see", "x)", ",", ".",
            "2001[:]db8[:][:]1", "hXXp://x(.)net", "[https]://bad[.]example/p", "evil{.}com", "dot", "com",
        ][..]), 0..30),
    ) {
        let text = words.join(" ");
        let once = ioclens::refang(&text);
        prop_assert_eq!(ioclens::refang(&once), once);
    }

    /// A generated IOC written defanged gives back the same value as written plainly.
    #[test]
    fn defanged_and_plain_forms_agree(
        labels in prop::collection::vec("[a-z][a-z0-9]{0,8}", 1..4),
        tld in prop::sample::select(&["com", "net", "org", "ru", "xyz", "info"][..]),
        dot in prop::sample::select(&["[.]", "(.)", "[dot]", "{.}", "\\.", "(dot)"][..]),
        path in "(/[a-z0-9]{1,6}){0,3}",
    ) {
        let host = format!("{}.{tld}", labels.join("."));
        let plain = format!("see https://{host}{path} now");
        let defanged = format!("see hxxps[://]{}{path} now", host.replace('.', dot));
        let ex = Extractor::new();
        let a: Vec<String> = ex.extract(&plain).into_iter().map(|m| m.value).collect();
        let b: Vec<String> = ex.extract(&defanged).into_iter().map(|m| m.value).collect();
        prop_assert_eq!(&a, &vec![format!("https://{host}{path}")]);
        prop_assert_eq!(a, b);
    }
}
