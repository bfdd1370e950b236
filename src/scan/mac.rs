//! MAC addresses: `00:1A:2B:3C:4D:5E`, `00-1a-2b-3c-4d-5e` and Cisco's `001a.2b3c.4d5e`. The value
//! is always the lowercase colon form.
//!
//! Six colon-separated hex pairs are also a slice of longer colon-hex runs (certificate
//! fingerprints, IPv6 addresses, serial numbers): a MAC must be the whole run, so a hit glued to
//! another hex pair by its own separator is dropped.

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

// One separator throughout: "00:1a-2b…" is not how anyone writes a MAC.
static_regex!(
    pairs_re,
    r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}"
);
static_regex!(cisco_re, r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}");

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Whether `sep` followed by a hex digit (or preceded by one, looking back) continues the run at
/// the boundary, i.e. the hit is a slice of something longer.
fn glued(ctx: &Ctx, a: usize, b: usize, sep: u8) -> bool {
    let hexish = |i: usize| ctx.byte(i).is_some_and(|c| c.is_ascii_hexdigit());
    let before = ctx.before(a);
    let after = ctx.byte(b);
    before.is_some_and(is_word)
        || after.is_some_and(is_word)
        || before == Some(sep) && a >= 2 && hexish(a - 2)
        || after == Some(sep) && hexish(b + 1)
}

fn colon_form(hex12: &str) -> String {
    let h = hex12.to_ascii_lowercase();
    let mut out = String::with_capacity(17);
    for (i, pair) in h.as_bytes().chunks(2).enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.extend(pair.iter().map(|&c| c as char));
    }
    out
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in pairs_re().find_iter(ctx.text) {
        let s = m.as_str();
        if glued(ctx, m.start(), m.end(), s.as_bytes()[2]) {
            continue;
        }
        let hex: String = s.chars().filter(char::is_ascii_hexdigit).collect();
        out.push(Candidate::new(
            m.start(),
            m.end(),
            IocType::Mac,
            colon_form(&hex),
        ));
    }
    for m in cisco_re().find_iter(ctx.text) {
        if glued(ctx, m.start(), m.end(), b'.') {
            continue;
        }
        let hex: String = m.as_str().chars().filter(|&c| c != '.').collect();
        out.push(Candidate::new(
            m.start(),
            m.end(),
            IocType::Mac,
            colon_form(&hex),
        ));
    }
}
