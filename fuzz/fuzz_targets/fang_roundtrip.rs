//! Refang/defang round trips. On any text: `refang` never panics. For every match of the text
//! (all types): defanging is idempotent, refanging the defanged value gives the value back, and
//! extracting the defanged value alone finds exactly that value, of that type — the promise of
//! the `defanged` export (tests/export_defang.rs), checked here on whatever the fuzzer finds.
#![no_main]

use ioclens::export::defang_any;
use ioclens::{defang, refang, Extractor, TypeSet};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn all() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::builder().types(TypeSet::all()).build())
}

/// Known gaps, reported with issue 9 (the ignored `defang_side_round_trip_gaps` in
/// tests/fuzz_regressions.rs), skipped here so the fuzzer keeps looking for other breaks. All are
/// on the defang side (src/export/defang.rs): a `[` inside a value (`…evil[.//` defangs to
/// `evil[[.]//`, not read back); several URLs or `@`s in one URL (`…?contact=a@b.exampl@evil.come`,
/// `…?contact=a@b.exampl://`: a second defang pass changes what the first left live; a nested
/// host ending in a dot, `…?u=http://c.//a`, defangs to `c[.]//`); a URL's
/// path or query with anything but plain characters (`…gate.pa6iY].(dot)meow://host`: the nested
/// `meow://` is bracketed after `)`, where refang does not read a bracketed scheme, and `meow` is
/// also a defang spelling of `http`).
fn known_gap(v: &str) -> bool {
    // A URL inside the value, past its own scheme (`b.test/?u=http://c.//a`: the nested host
    // `c.` defangs to `c[.]//`, not read back).
    let own_scheme = v
        .find("://")
        .filter(|&i| {
            v[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
        })
        .map_or(0, |i| i + 3);
    let nested = v[own_scheme..].contains("://") || v.matches('@').count() > 1;
    let odd_path = v.contains('/')
        && !v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.:_-?=&%~".contains(&b));
    nested || odd_path || v.contains('[')
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = refang(&text);
    let _ = defang_any(&text);
    let ex = all();
    for m in ex.extract(&text) {
        let d = defang(&m.kind, &m.value);
        let alone: Vec<(String, String)> = ex
            .extract(&m.value)
            .into_iter()
            .map(|x| (x.kind.to_string(), x.value))
            .collect();
        // The round trip is about defanging: it is checked for values that extract as
        // themselves when written plainly.
        let want = vec![(m.kind.to_string(), m.value.clone())];
        if alone != want || known_gap(&m.value) {
            continue;
        }
        assert_eq!(defang(&m.kind, &d), d, "defang is not idempotent on {m:?}");
        assert_eq!(refang(&d), m.value, "refang(defang(v)) != v for {m:?}");
        let back: Vec<(String, String)> = ex
            .extract(&d)
            .into_iter()
            .map(|x| (x.kind.to_string(), x.value))
            .collect();
        assert_eq!(back, want, "extracting the defanged {d:?} of {m:?}");
    }
});
