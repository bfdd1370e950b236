//! Hashes: MD5, SHA-1, SHA-256, SHA-512 by length of a whole hex run, and ssdeep fuzzy hashes.
//!
//! A hash must be the whole run: 40 hex digits inside a 64-digit run is not a SHA-1, and a run
//! glued to other letters (`x3f…`, `0x…`) is something else (an Ethereum address, a key).

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

/// Maximal runs of at least `min` hex digits, by a hand loop: a counted-repetition regex
/// (`[0-9a-f]{32,}`) made the lazy DFA thrash on prose full of a–f letters (55 ms/MB in wasm).
fn hex_runs(s: &[u8], min: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < s.len() {
            if !s[i].is_ascii_hexdigit() {
                i += 1;
                continue;
            }
            let a = i;
            while i < s.len() && s[i].is_ascii_hexdigit() {
                i += 1;
            }
            if i - a >= min {
                return Some((a, i));
            }
        }
        None
    })
}
// blocksize:hash:hash — block sizes are 3·2^n; the two parts are base64 digests of at most 64 chars.
static_regex!(
    ssdeep_re,
    r"(?-u:\b)[0-9]{1,10}:[A-Za-z0-9/+]{3,64}:[A-Za-z0-9/+]{3,64}"
);

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for (a, b) in hex_runs(ctx.text.as_bytes(), 32) {
        let m = &ctx.text[a..b];
        if ctx
            .before(a)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
            || ctx
                .byte(b)
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            continue;
        }
        let t = match b - a {
            32 => IocType::Md5,
            40 => IocType::Sha1,
            64 => IocType::Sha256,
            128 => IocType::Sha512,
            _ => continue,
        };
        if ctx.wants(t) {
            out.push(Candidate::new(a, b, t, m.to_ascii_lowercase()));
        }
    }
    if ctx.wants(IocType::Ssdeep) {
        for m in ssdeep_re().find_iter(ctx.text) {
            let s = m.as_str();
            let block: u64 = s
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            // Valid block sizes are 3 * 2^n; anything else is a time, a ratio or a port list.
            let valid_block = block >= 3 && block % 3 == 0 && (block / 3).is_power_of_two();
            if !valid_block
                || ctx
                    .byte(m.end())
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'/' || c == b'+')
            {
                continue;
            }
            out.push(Candidate::new(
                m.start(),
                m.end(),
                IocType::Ssdeep,
                s.to_string(),
            ));
        }
    }
}
