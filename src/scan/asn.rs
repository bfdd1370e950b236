//! Autonomous system numbers: `AS13335`, `ASN13335`, `AS 13335`, `ASN: 13335`. The value is
//! always `AS<number>`.
//!
//! Only the upper-case prefix counts: "as 2020 began" is prose, and so is "SUCH AS 2" in capitals.
//! AS0 is reserved (RFC 7607) and numbers above 2^32 − 1 do not exist; a number continued by `.5`
//! or `,000` is a decimal or a thousands-separated figure, not an ASN.

use super::{Candidate, Ctx};
use crate::types::IocType;

fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The matches of `(?-u:\b)ASN?(?:[ ]|:[ ]?|-)?([0-9]{1,10})(?-u:\b)` (leftmost-first,
/// non-overlapping), found from each "AS" (memmem) by hand instead of a regex pass: each optional
/// part is taken exactly when its byte is there (skipping it would leave that byte, which nothing
/// else accepts), so the work per hit is bounded. Yields (start, digits start, end).
fn spans(s: &[u8]) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut pos = 0;
    let mut hits = memchr::memmem::find_iter(s, b"AS");
    std::iter::from_fn(move || loop {
        let p = hits.next()?;
        if p < pos || p > 0 && word(s[p - 1]) {
            continue;
        }
        let mut j = p + 2;
        if s.get(j) == Some(&b'N') {
            j += 1;
        }
        match s.get(j) {
            Some(b' ' | b'-') => j += 1,
            Some(b':') => j += if s.get(j + 1) == Some(&b' ') { 2 } else { 1 },
            _ => {}
        }
        let n = s[j.min(s.len())..]
            .iter()
            .take(11)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=10).contains(&n) || s.get(j + n).copied().is_some_and(word) {
            continue;
        }
        pos = j + n;
        return Some((p, j, pos));
    })
}

/// Whether the word before `i` (one space back) is written in capitals, like "SUCH" in "SUCH AS".
fn after_capitals(text: &str, i: usize) -> bool {
    let Some(before) = text[..i].strip_suffix(' ') else {
        return false;
    };
    let word: Vec<u8> = before
        .bytes()
        .rev()
        .take(33)
        .take_while(u8::is_ascii_alphabetic)
        .collect();
    word.len() >= 2 && word.len() <= 32 && word.iter().all(u8::is_ascii_uppercase)
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for (start, digits, end) in spans(ctx.text.as_bytes()) {
        let continued = matches!(ctx.byte(end), Some(b'.' | b','))
            && ctx.byte(end + 1).is_some_and(|d| d.is_ascii_digit());
        // "SUCH AS 2 ITEMS": a spaced "AS 2" after a word in capitals is prose in capitals.
        let spaced = ctx.byte(start + 2) == Some(b' ');
        if continued || spaced && after_capitals(ctx.text, start) {
            continue;
        }
        let Ok(n) = ctx.text[digits..end].parse::<u64>() else {
            continue;
        };
        if n == 0 || n > u64::from(u32::MAX) {
            continue;
        }
        out.push(Candidate::new(start, end, IocType::Asn, format!("AS{n}")));
    }
}
