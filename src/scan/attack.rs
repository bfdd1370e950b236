//! MITRE ATT&CK technique ids: `T1059` and sub-techniques `T1059.001`. Every Enterprise, Mobile
//! and ICS technique id is T0xxx or T1xxx, which keeps `T9000` (a model number) out.
//!
//! A hand scan from each `T` (memchr): a regex pass here cost as much as the whole refang pass in
//! the wasm build, where the `regex` crate has no literal prefilter.

use super::{Candidate, Ctx};
use crate::types::IocType;

fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let s = ctx.text.as_bytes();
    for a in memchr::memchr_iter(b'T', s) {
        if a > 0 && word(s[a - 1]) {
            continue;
        }
        let digits = |from: usize, n: usize| {
            s.len() >= from + n && s[from..from + n].iter().all(u8::is_ascii_digit)
        };
        if !(s.get(a + 1).is_some_and(|&c| c == b'0' || c == b'1') && digits(a + 1, 4)) {
            continue;
        }
        let mut b = a + 5;
        if s.get(b) == Some(&b'.') && digits(b + 1, 3) {
            b += 4;
        }
        // "T10599" is not an id; "T1059.001.5" is a version-like run.
        if s.get(b).copied().is_some_and(word)
            || s.get(b) == Some(&b'.') && s.get(b + 1).is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        out.push(Candidate::new(
            a,
            b,
            IocType::Attack,
            ctx.text[a..b].to_string(),
        ));
    }
}
