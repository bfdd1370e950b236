//! Encoded URLs: hex (`687474703a2f2f…`), base64 (`aHR0cHM6Ly9…`) and percent-encoding
//! (`https%3A%2F%2Fevil.com`). Each encoded run is decoded once and scanned for URLs (one level,
//! so the work stays linear); a URL found is reported at the encoded span with `decoded_from`.

use super::{static_regex, Candidate, Ctx};
use crate::extract::Extractor;
use crate::types::IocType;

static_regex!(hex_re, r"(?:[0-9A-Fa-f]{2}){12,}");
static_regex!(b64_re, r"[A-Za-z0-9+/]{16,}={0,2}");
static_regex!(
    pct_re,
    r"[A-Za-z][A-Za-z0-9+.\-]{1,15}%3[Aa]%2[Ff]%2[Ff][A-Za-z0-9%._~!$&'()*+,;=:@/?\-]+"
);

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    (0..b.len() / 2)
        .map(|i| u8::from_str_radix(std::str::from_utf8(&b[2 * i..2 * i + 2]).ok()?, 16).ok())
        .collect()
}

fn b64_value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    } as u32)
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
    // "http" / "ftp" encoded: hex 687474 / 667470; base64 of "http" at any alignment.
    if text.contains("687474") || text.contains("667470") {
        for m in hex_re().find_iter(text) {
            if ctx
                .before(m.start())
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            if let Some(bytes) = hex_decode(m.as_str()) {
                emit(ex, &bytes, "hex", m.start(), m.end(), out);
            }
        }
    }
    if ["aHR0c", "odHRw", "h0dH", "ZnRw"]
        .iter()
        .any(|p| text.contains(p))
    {
        for m in b64_re().find_iter(text) {
            if ctx
                .before(m.start())
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            if let Some(bytes) = b64_decode(m.as_str()) {
                emit(ex, &bytes, "base64", m.start(), m.end(), out);
            }
        }
    }
    if text.contains("%2F") || text.contains("%2f") {
        for m in pct_re().find_iter(text) {
            let bytes = percent_decode(m.as_str());
            emit(ex, &bytes, "percent", m.start(), m.end(), out);
        }
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
