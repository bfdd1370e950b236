//! Hashes: MD5, SHA-1, SHA-256, SHA-512 by length of a whole hex run, and ssdeep fuzzy hashes.
//!
//! A hash must be the whole run: 40 hex digits inside a 64-digit run is not a SHA-1, and a run
//! glued to other letters (`x3f…`, `0x…`) is something else (an Ethereum address, a key).

use super::{Candidate, Ctx, HEX};
use crate::types::IocType;

/// Maximal runs of at least `min` hex digits, by a hand loop: a counted-repetition regex
/// (`[0-9a-f]{32,}`) made the lazy DFA thrash on prose full of a–f letters (55 ms/MB in wasm).
/// The loop probes one byte per `min`: a run of `min` starting at or after `i` covers byte
/// `i + min - 1`, so when that byte is no hex digit the whole window is skipped unread. Each byte
/// is read at most twice (walks stop at `i`, behind which lies no hex digit). Digits are tested
/// by table ([`HEX`]): range tests mispredict at each digit–letter switch of a long run.
fn hex_runs(s: &[u8], min: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + min <= s.len() {
            let probe = i + min - 1;
            if !HEX[usize::from(s[probe])] {
                i = probe + 1;
                continue;
            }
            let mut a = probe;
            while a > i && HEX[usize::from(s[a - 1])] {
                a -= 1;
            }
            let mut b = probe + 1;
            while b < s.len() && HEX[usize::from(s[b])] {
                b += 1;
            }
            i = b + 1;
            if b - a >= min {
                return Some((a, b));
            }
        }
        None
    })
}

fn b64ish(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'/' || c == b'+'
}

/// ssdeep is `blocksize:hash:hash`; block sizes are 3·2^n, the two parts base64 digests of at
/// most 64 characters. These are the matches `(?-u:\b)[0-9]{1,10}:[A-Za-z0-9/+]{3,64}:[A-Za-z0-9/+]{3,64}`
/// (leftmost-first, non-overlapping) would give, found from each `:` (memchr) with bounded walks
/// instead of a regex pass: the block size is the whole digit run before the colon (a word
/// boundary before it), the first part a whole run of 3–64 digest characters ending at a colon,
/// the second part up to 64 digest characters. Every walk is bounded (11, 65, 64 bytes).
fn ssdeep_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    let mut colons = memchr::memchr_iter(b':', s);
    std::iter::from_fn(move || loop {
        let c = colons.next()?;
        let digits = s[..c]
            .iter()
            .rev()
            .take(11)
            .take_while(|d| d.is_ascii_digit())
            .count();
        let p = c - digits;
        if !(1..=10).contains(&digits)
            || p < pos
            || p > 0 && (s[p - 1].is_ascii_alphanumeric() || s[p - 1] == b'_')
        {
            continue;
        }
        let first = s[c + 1..]
            .iter()
            .take(65)
            .take_while(|&&x| b64ish(x))
            .count();
        let c2 = c + 1 + first;
        if !(3..=64).contains(&first) || s.get(c2) != Some(&b':') {
            continue;
        }
        let second = s[c2 + 1..]
            .iter()
            .take(64)
            .take_while(|&&x| b64ish(x))
            .count();
        if second < 3 {
            continue;
        }
        pos = c2 + 1 + second;
        return Some((p, pos));
    })
}

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
        for (ma, mb) in ssdeep_spans(ctx.text.as_bytes()) {
            let s = &ctx.text[ma..mb];
            let block: u64 = s
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            // Valid block sizes are 3 * 2^n; anything else is a time, a ratio or a port list.
            let valid_block = block >= 3 && block % 3 == 0 && (block / 3).is_power_of_two();
            if !valid_block
                || ctx
                    .byte(mb)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'/' || c == b'+')
            {
                continue;
            }
            out.push(Candidate::new(ma, mb, IocType::Ssdeep, s.to_string()));
        }
    }
}
