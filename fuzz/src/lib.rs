//! Shared pieces of the fuzz targets: turning fuzz bytes into options + text, and the span
//! invariants every extraction must keep.

use ioclens::{Allowlist, Extractor, ExtractorBuilder, IocType, Match, TypeSet};
use std::sync::OnceLock;

/// A small allowlist with one entry of each kind (exact, suffix, network, regex), parsed once.
fn small_allowlist() -> &'static Allowlist {
    static A: OnceLock<Allowlist> = OnceLock::new();
    A.get_or_init(|| {
        let mut a = Allowlist::new();
        a.add_text(
            "8.8.8.8\n*.example.com\n10.0.0.0/8\n2001:db8::/32\n/^https?://intranet\\./\nfoo@bar.org\n",
        )
        .expect("the fuzz allowlist parses");
        a
    })
}

/// The built-in vendor-blog allowlist, parsed once (it is a JSON file).
fn builtin_allowlist() -> &'static Allowlist {
    static A: OnceLock<Allowlist> = OnceLock::new();
    A.get_or_init(Allowlist::builtin)
}

/// Splits fuzz bytes into an extractor and a text. The first 4 bytes choose the options:
/// bytes 0-2 are a bit mask over the built-in types (22 of them), byte 3 holds flags
/// (bit 0 decode, bit 1 small allowlist, bit 2 built-in allowlist, bit 3 a custom type). The rest,
/// lossily decoded as UTF-8 so every input reaches the scanners, is the text.
pub fn options_and_text(data: &[u8]) -> Option<(Extractor, String)> {
    if data.len() < 4 {
        return None;
    }
    let mask = u32::from_le_bytes([data[0], data[1], data[2], 0]);
    let flags = data[3];
    let types = IocType::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .fold(TypeSet::empty(), |s, (_, t)| s.with(*t));
    let mut allow = Allowlist::new();
    if flags & 2 != 0 {
        allow = small_allowlist().clone();
    }
    if flags & 4 != 0 {
        allow = builtin_allowlist().clone();
        if flags & 2 != 0 {
            allow
                .add_text("8.8.8.8\n*.example.com\n10.0.0.0/8\n")
                .expect("parses");
        }
    }
    // The custom type's regex is compiled once (a builder is cheap to clone): compiling it per
    // input cost ~1 ms, 100 times the extraction itself.
    static WITH_CUSTOM: OnceLock<ExtractorBuilder> = OnceLock::new();
    let base = if flags & 8 != 0 {
        // Priority above the built-ins so it competes for spans with them.
        WITH_CUSTOM
            .get_or_init(|| {
                Extractor::builder()
                    .custom("ticket", r"(?i)\b(?:TICKET|INC)-(\d{3,8})\b", 1)
                    .expect("the custom pattern compiles")
            })
            .clone()
    } else {
        Extractor::builder()
    };
    let b = base.types(types).allowlist(allow).decode(flags & 1 != 0);
    Some((b.build(), String::from_utf8_lossy(&data[4..]).into_owned()))
}

/// The span contract of `Extractor::extract`: in bounds, on char boundaries, `raw` is exactly the
/// text at the span, values non-empty, and the non-decoded matches sorted without overlap.
/// (A decoded match sits at the span of the encoded blob it came from, inside or equal to a
/// neighbour's span, so it is exempt from the ordering check, as in tests/properties.rs.)
pub fn check_invariants(text: &str, ms: &[Match]) {
    let mut last_end = 0;
    for m in ms {
        assert!(
            m.start <= m.end && m.end <= text.len(),
            "span {}..{} out of bounds ({} bytes)",
            m.start,
            m.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "span {}..{} not on char boundaries",
            m.start,
            m.end
        );
        assert_eq!(m.raw, &text[m.start..m.end], "raw differs from the span");
        assert!(!m.value.is_empty(), "empty value: {m:?}");
        if m.decoded_from.is_none() {
            assert!(
                m.start >= last_end,
                "matches overlap or are unsorted: {ms:#?}"
            );
            last_end = m.end;
        }
    }
}
