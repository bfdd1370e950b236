//! The path, registry, MAC, ASN, coin and YARA scanners never panic, and every match is an
//! in-bounds, char-aligned span whose `raw` is the input slice, on inputs built from the
//! characters those scanners react to (plus some non-ASCII).
#![cfg(not(target_arch = "wasm32"))]
mod common;
use common::all;
use proptest::prelude::*;

fn check(input: &str) {
    let ex = all();
    let mut last = 0;
    for m in ex.extract(input) {
        assert!(m.start <= m.end && m.end <= input.len());
        assert!(input.is_char_boundary(m.start) && input.is_char_boundary(m.end));
        assert_eq!(m.raw, &input[m.start..m.end]);
        if m.flags.contains(ioclens::Flags::NESTED) {
            assert!(m.end <= last, "a nested match lies inside its parent");
            continue;
        }
        assert!(m.start >= last, "sorted, no overlaps");
        last = m.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn paths_and_keys(s in r#"([A-Za-z]:|%APPDATA%|HKLM:?|HKEY_USERS|\\\\|\\|/|~/| |\.|[a-z]{1,6}|Program Files|\(x86\)|[()\[\]{}'",;]|é|\u{3000}|\n){0,40}"#) {
        check(&s);
    }

    #[test]
    fn yara_like(s in r#"((private |global )?rule [a-z]{1,3} ?(: [a-z]+ )?\{|\}|\{|"|\\|/|\*|//|/\*|\*/|= |matches |[a-z ]{1,5}|\n){0,40}"#) {
        check(&s);
    }

    #[test]
    fn coins_macs_asns(s in r#"([0-9a-fA-F]{1,4}|[:.\-]|0x|bc1|AS ?|ASN:? ?|[1-9A-HJ-NP-Za-km-z]{1,12}| |\n){0,40}"#) {
        check(&s);
    }
}
