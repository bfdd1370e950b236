//! Encoded URLs: hex (`687474703a2f2f…`), base64 (`aHR0cHM6Ly9…`) and percent-encoding
//! (`https%3A%2F%2Fevil.com`). Each encoded run is decoded once and scanned for URLs (one level,
//! so the work stays linear); a URL found is reported at the encoded span with `decoded_from`.

use super::{byte_table, Candidate, Ctx, HEX};
use crate::extract::Extractor;
use crate::types::IocType;

/// A class as a table ([`byte_table`]): base64 runs are walked a megabyte at a time.
const B64_CHAR: [bool; 256] = byte_table!(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/');

fn b64_char(c: u8) -> bool {
    B64_CHAR[usize::from(c)]
}

/// Maximal runs of at least `min` bytes of class `f`, probing one byte per `min` (a run that
/// long starting at or after `i` covers byte `i + min - 1`): most windows are skipped unread.
/// Each byte is read at most twice, since walks back stop at `i`.
pub(crate) fn runs<'a>(
    s: &'a [u8],
    min: usize,
    f: impl Fn(u8) -> bool + 'a,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + min <= s.len() {
            let probe = i + min - 1;
            if !f(s[probe]) {
                i = probe + 1;
                continue;
            }
            let mut a = probe;
            while a > i && f(s[a - 1]) {
                a -= 1;
            }
            let mut b = probe + 1;
            while b < s.len() && f(s[b]) {
                b += 1;
            }
            i = b;
            if b - a >= min {
                return Some((a, b));
            }
        }
        None
    })
}

/// The spans `(?:[0-9A-Fa-f]{2}){12,}` would match (leftmost-first): each hex run of at least
/// 24 digits, cut to an even length.
fn hex_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    runs(s, 24, |c| HEX[usize::from(c)]).map(|(a, b)| (a, b - (b - a) % 2))
}

/// "://" in base64 at each of the three byte alignments it can have from a run's start, with
/// the offset (mod 4) the characters fully inside it then have from the run's start: whole at a
/// group ("Oi8v", 0), or straddling two groups ("ovL", 2; "6Ly", 3).
const B64_SCHEME_SEP: [(&[u8], usize); 3] = [(b"Oi8v", 0), (b"ovL", 2), (b"6Ly", 3)];

/// Every encoded "://" look-alike of [`B64_SCHEME_SEP`] as (offset, alignment), in order.
fn b64_seps(s: &[u8]) -> Vec<(usize, usize)> {
    let mut hits: Vec<(usize, usize)> = B64_SCHEME_SEP
        .iter()
        .flat_map(|&(p, align)| memchr::memmem::find_iter(s, p).map(move |o| (o, align)))
        .collect();
    hits.sort_unstable();
    hits
}

/// Whether the hex run holds "3a2f2f" (any case) at offset `i`.
fn sep_at(run: &[u8], i: usize) -> bool {
    run.get(i..i + 6)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"3a2f2f"))
}

/// The spans `[A-Za-z0-9+/]{16,}={0,2}` would match (leftmost-first: each run of at least 16
/// base64 characters, with up to two `=` after it) — only those whose decoding can hold "://",
/// the only ones a URL with a scheme can come from: an encoded separator at its alignment. They
/// are found from the encoded separator (memmem) and grown to their whole run, so the long
/// alphanumeric runs of a report (hashes) are neither walked nor decoded one by one, and a long
/// blob holding a misaligned look-alike is not decoded. Runs are disjoint and each is walked
/// once: linear. `hits` are [`b64_seps`].
fn b64_spans(s: &[u8], hits: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut done = 0;
    for (k, &(o, _)) in hits.iter().enumerate() {
        if o < done {
            continue;
        }
        let mut a = o;
        while a > done && b64_char(s[a - 1]) {
            a -= 1;
        }
        let mut b = o;
        while b < s.len() && b64_char(s[b]) {
            b += 1;
        }
        done = b;
        let aligned = hits[k..]
            .iter()
            .take_while(|&&(h, _)| h < b)
            .any(|&(h, align)| (h - a) % 4 == align);
        if b - a >= 16 && aligned {
            let pad = s[b..].iter().take(2).take_while(|&&c| c == b'=').count();
            spans.push((a, b + pad));
        }
    }
    spans
}

fn scheme_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')
}

fn pct_url_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"%._~!$&'()*+,;=:@/?-".contains(&c)
}

/// The spans `[A-Za-z][A-Za-z0-9+.-]{1,15}%3[Aa]%2[Ff]%2[Ff][A-Za-z0-9%._~!$&'()*+,;=:@/?-]+`
/// matched (leftmost-first, non-overlapping), found from each `%` (memchr) by hand instead of a
/// regex pass: the scheme is the first letter at most 16 bytes back whose following scheme run
/// reaches the encoded "://" (a longer run cannot end there), the rest the whole run of URL
/// bytes after it. The walks are bounded (16 bytes back) or resume after themselves: linear.
fn pct_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    memchr::memchr_iter(b'%', s).filter_map(move |q| {
        if q < pos {
            return None;
        }
        let sep = s.get(q..q + 9)?;
        if !(sep[..2] == *b"%3"
            && sep[2].eq_ignore_ascii_case(&b'a')
            && sep[3..5] == *b"%2"
            && sep[5].eq_ignore_ascii_case(&b'f')
            && sep[6..8] == *b"%2"
            && sep[8].eq_ignore_ascii_case(&b'f'))
        {
            return None;
        }
        let run = s[pos.max(q.saturating_sub(16))..q]
            .iter()
            .rev()
            .take_while(|&&c| scheme_char(c))
            .count();
        let p = (q - run..q.saturating_sub(1)).find(|&p| s[p].is_ascii_alphabetic())?;
        let rest = s[q + 9..].iter().take_while(|&&c| pct_url_char(c)).count();
        if rest == 0 {
            return None;
        }
        pos = q + 9 + rest;
        Some((p, pos))
    })
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    // Nibble by nibble (a megabyte hex blob is decoded whole when the text holds "687474").
    let nib = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    s.as_bytes()
        .chunks_exact(2)
        .map(|p| Some(nib(p[0])? << 4 | nib(p[1])?))
        .collect()
}

/// Base64 digit values (standard and URL-safe alphabets), 0xFF for anything else: a table, as
/// every long alphanumeric run of a text (hashes, identifiers) is decoded.
const B64: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        if i < 10 {
            t[b'0' as usize + i] = 52 + i as u8;
        }
        i += 1;
    }
    t[b'+' as usize] = 62;
    t[b'-' as usize] = 62;
    t[b'/' as usize] = 63;
    t[b'_' as usize] = 63;
    t
};

fn b64_value(c: u8) -> Option<u32> {
    let v = B64[c as usize];
    (v != 0xFF).then_some(u32::from(v))
}

/// Standard or URL-safe base64, padding optional.
pub(crate) fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        acc = (acc << 6) | b64_value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub(crate) fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(b[i + 1]) << 4 | hex(b[i + 2]));
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn emit(
    ex: &Extractor,
    bytes: &[u8],
    encoding: &'static str,
    a: usize,
    b: usize,
    out: &mut Vec<Candidate>,
) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for mut c in ex.scan_plain(text) {
        if c.kind == IocType::Url && !c.flags.contains(crate::Flags::NO_SCHEME) {
            c.decoded = Some((encoding, a, b));
            c.start = a;
            c.end = b;
            out.push(c);
        }
    }
}

pub(crate) fn scan(ctx: &Ctx, ex: &Extractor, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let bytes = text.as_bytes();
    // memmem, not str::contains: core's two-way search was a fifth of a prose pass in wasm.
    let has = |p: &[u8]| memchr::memmem::find(bytes, p).is_some();
    // "http" / "ftp" encoded: hex 687474 / 667470; base64 of "http" at any alignment.
    // Both start with '6': one memchr pass (memmem's prefilter is poor on hex, where every
    // byte of these needles is common).
    let hex_http = memchr::memchr_iter(b'6', bytes).any(|i| {
        let w = &bytes[i..bytes.len().min(i + 6)];
        w == b"687474" || w == b"667470"
    });
    if hex_http {
        for (a, b) in hex_spans(bytes) {
            if ctx.before(a).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            // Only a decoding that holds "://" can give a URL with a scheme: "3a2f2f" (any case)
            // at an even offset. Checked first, so a megabyte blob is not decoded for nothing.
            // Pair by pair (the run is even): memchr for '3' stopped at every 16th byte of hex.
            let run = &bytes[a..b];
            let sep = run
                .chunks_exact(2)
                .enumerate()
                .any(|(k, p)| p[0] == b'3' && p[1] | 0x20 == b'a' && sep_at(run, 2 * k));
            if !sep {
                continue;
            }
            if let Some(bytes) = hex_decode(&text[a..b]) {
                emit(ex, &bytes, "hex", a, b, out);
            }
        }
    }
    // The encoded separators first (rare), then the text-wide "http"-in-base64 condition, and
    // only then the runs around the separators: walking a megabyte base64 run that holds a
    // look-alike of "://" but no "http" would be for nothing.
    let seps = b64_seps(bytes);
    if !seps.is_empty()
        && [&b"aHR0c"[..], b"odHRw", b"h0dH", b"ZnRw"]
            .iter()
            .any(|p| has(p))
    {
        for (a, b) in b64_spans(bytes, &seps) {
            if ctx.before(a).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            if let Some(bytes) = b64_decode(&text[a..b]) {
                emit(ex, &bytes, "base64", a, b, out);
            }
        }
    }
    // Every percent-encoded span holds "%2F" or "%2f", so no text-wide check is needed first.
    for (a, b) in pct_spans(bytes) {
        let bytes = percent_decode(&text[a..b]);
        emit(ex, &bytes, "percent", a, b, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoders() {
        assert_eq!(b64_decode("aHR0cDovL2EuY29t").unwrap(), b"http://a.com");
        assert_eq!(
            b64_decode("aHR0cDovL2EuY29tLw==").unwrap(),
            b"http://a.com/"
        );
        assert_eq!(hex_decode("687474703a2f2f").unwrap(), b"http://");
        assert_eq!(percent_decode("http%3A%2F%2Fa.com%2"), b"http://a.com%2");
        assert!(b64_decode("a b").is_none());
    }
}
