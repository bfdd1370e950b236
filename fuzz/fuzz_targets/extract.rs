//! Extraction with random options (types, decode, allowlists, a custom type) on any text: never
//! panics, and every match keeps the span contract (see `check_invariants`).
#![no_main]

use ioclens_fuzz::{check_invariants, options_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((ex, text)) = options_and_text(data) else {
        return;
    };
    let ms = ex.extract(&text);
    check_invariants(&text, &ms);
    // Only enabled types come back (custom "ticket" aside).
    let types = ex.types();
    for m in &ms {
        if let Some(t) = m.kind.builtin() {
            assert!(types.contains(t), "{t} is off but was reported: {m:?}");
        }
    }
});
