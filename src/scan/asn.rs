//! Autonomous system numbers: `AS13335`, `ASN13335`, `AS 13335`, `ASN: 13335`. The value is
//! always `AS<number>`.
//!
//! Only the upper-case prefix counts: "as 2020 began" is prose, and so is "SUCH AS 2" in capitals.
//! AS0 is reserved (RFC 7607) and numbers above 2^32 − 1 do not exist; a number continued by `.5`
//! or `,000` is a decimal or a thousands-separated figure, not an ASN.

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

static_regex!(re, r"(?-u:\b)ASN?(?:[ ]|:[ ]?|-)?([0-9]{1,10})(?-u:\b)");

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
    for c in re().captures_iter(ctx.text) {
        let m = c.get(0).expect("group 0");
        let digits = c.get(1).expect("group 1");
        let continued = matches!(ctx.byte(m.end()), Some(b'.' | b','))
            && ctx.byte(m.end() + 1).is_some_and(|d| d.is_ascii_digit());
        // "SUCH AS 2 ITEMS": a spaced "AS 2" after a word in capitals is prose in capitals.
        let spaced = m.as_str().as_bytes().get(2) == Some(&b' ');
        if continued || spaced && after_capitals(ctx.text, m.start()) {
            continue;
        }
        let Ok(n) = digits.as_str().parse::<u64>() else {
            continue;
        };
        if n == 0 || n > u64::from(u32::MAX) {
            continue;
        }
        out.push(Candidate::new(
            m.start(),
            m.end(),
            IocType::Asn,
            format!("AS{n}"),
        ));
    }
}
