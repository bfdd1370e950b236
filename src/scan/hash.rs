//! Hashes: MD5, SHA-1, SHA-256, SHA-512 by length of a whole hex run, and ssdeep fuzzy hashes.
//!
//! A hash must be the whole run: 40 hex digits inside a 64-digit run is not a SHA-1, and a run
//! glued to other letters (`x3f…`, `0x…`) is something else (an Ethereum address, a key).

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

static_regex!(hex_re, r"[0-9A-Fa-f]{32,}");
// blocksize:hash:hash — block sizes are 3·2^n; the two parts are base64 digests of at most 64 chars.
static_regex!(
    ssdeep_re,
    r"(?-u:\b)[0-9]{1,10}:[A-Za-z0-9/+]{3,64}:[A-Za-z0-9/+]{3,64}"
);

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in hex_re().find_iter(ctx.text) {
        let (a, b) = (m.start(), m.end());
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
            out.push(Candidate::new(a, b, t, m.as_str().to_ascii_lowercase()));
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
