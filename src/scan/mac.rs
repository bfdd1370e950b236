//! MAC addresses: `00:1A:2B:3C:4D:5E`, `00-1a-2b-3c-4d-5e` and Cisco's `001a.2b3c.4d5e`. The value
//! is always the lowercase colon form.
//!
//! Six colon-separated hex pairs are also a slice of longer colon-hex runs (certificate
//! fingerprints, IPv6 addresses, serial numbers): a MAC must be the whole run, so a hit glued to
//! another hex pair by its own separator is dropped.

use super::{Candidate, Ctx, HEX};
use crate::types::IocType;

/// Whether `s[p..]` starts with `n` groups of `width` hex digits joined by `sep`.
fn shape(s: &[u8], p: usize, width: usize, n: usize, sep: u8) -> bool {
    let len = n * width + n - 1;
    // Group by group (the last one has no separator): no division per byte.
    s.get(p..p + len).is_some_and(|w| {
        w.chunks(width + 1).all(|g| {
            g[..width].iter().all(|&c| HEX[usize::from(c)])
                && g.get(width).map_or(true, |&c| c == sep)
        })
    })
}

/// The spans of a fixed shape (`n` groups of `width` hex digits, each joined by one separator of
/// `seps`) that a leftmost-first regex pass would find, found from each separator byte (memchr):
/// a shape starting at `p` has its first separator at `p + width`. Non-overlapping, as the regex
/// was: after a hit the search resumes at its end. One separator throughout ("00:1a-2b…" is not
/// how anyone writes a MAC); a colon shape is preferred to a hyphen one at the same start, as the
/// old alternation did (they cannot both match).
fn spans<'a>(
    s: &'a [u8],
    seps: &'a [u8],
    width: usize,
    n: usize,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let len = n * width + n - 1;
    let (a, b) = (seps[0], seps[seps.len() - 1]);
    let mut pos = 0;
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let q = next_sep(s, from, a, b)?;
        // A separator less than `width + 1` bytes after this one has it among the `width` hex
        // digits it needs before itself: it cannot start a shape, and is not visited ("1.2.3.…"
        // is a megabyte of separators).
        from = q + width + 1;
        let Some(p) = q.checked_sub(width).filter(|&p| p >= pos) else {
            continue;
        };
        // The second separator first: a cheap reject in runs of separators ("1.2.3…", "---").
        if s.get(q + width + 1) != Some(&s[q]) {
            continue;
        }
        if seps
            .iter()
            .any(|&sep| s[q] == sep && shape(s, p, width, n, sep))
        {
            pos = p + len;
            return Some((p, pos));
        }
    })
}

/// The first `a` or `b` at or after `from`: the next 8 bytes tested at once as one word (no
/// branch per byte), then memchr2. Where separators are dense the next one is usually right
/// there, and a memchr call per separator cost more than the bytes it skipped.
fn next_sep(s: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Bytes equal to zero get their high bit set; the lowest flagged byte is exact (a borrow
    // only flags bytes above a zero byte), and that is the only one read.
    let zeros = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let rest = s.get(from..)?;
    let Some(w) = rest.first_chunk::<8>() else {
        return rest
            .iter()
            .position(|&c| c == a || c == b)
            .map(|k| from + k);
    };
    let w = u64::from_le_bytes(*w);
    let m = zeros(w ^ (LO * u64::from(a))) | zeros(w ^ (LO * u64::from(b)));
    if m != 0 {
        return Some(from + (m.trailing_zeros() / 8) as usize);
    }
    memchr::memchr2(a, b, &rest[8..]).map(|k| from + 8 + k)
}

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
    let bytes = ctx.text.as_bytes();
    for (ma, mb) in spans(bytes, b":-", 2, 6) {
        let s = &ctx.text[ma..mb];
        if glued(ctx, ma, mb, s.as_bytes()[2]) {
            continue;
        }
        let hex: String = s.chars().filter(char::is_ascii_hexdigit).collect();
        out.push(Candidate::new(ma, mb, IocType::Mac, colon_form(&hex)));
    }
    for (ma, mb) in spans(bytes, b".", 4, 3) {
        if glued(ctx, ma, mb, b'.') {
            continue;
        }
        let hex: String = ctx.text[ma..mb].chars().filter(|&c| c != '.').collect();
        out.push(Candidate::new(ma, mb, IocType::Mac, colon_form(&hex)));
    }
}
