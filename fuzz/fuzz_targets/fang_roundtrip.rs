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
        if alone != want {
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
