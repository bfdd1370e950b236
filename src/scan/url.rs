//! URLs with a scheme (`https://`, `tcp://`, `ldap://` — unknown schemes are kept as written),
//! and the end-of-URL rule shared with scheme-less URLs (`evil.com/path`).

use super::{byte_table, host, Candidate, Ctx};
use crate::types::IocType;

/// Where a URL written in prose ends: trailing sentence punctuation is not part of it, and a
/// closing bracket belongs to the URL only if the URL opened it ("(see http://x.com/a_(b))").
pub(crate) fn trim_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b.len();
    loop {
        let Some(&c) = b[..end].last() else { return 0 };
        // A defang token left at the end ("http://x[.]com/[.]") is not part of the path.
        if end >= 3 && matches!(&b[end - 3..end], b"[.]" | b"(.)" | b"{.}") {
            end -= 3;
            continue;
        }
        let drop = match c {
            // A lone opening bracket at the end is a defang remnant ("http://x.com/[.").
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b'\\' | b'[' | b'(' | b'{' => {
                true
            }
            b')' | b']' | b'}' => {
                let (open, close) = match c {
                    b')' => (b'(', b')'),
                    b']' => (b'[', b']'),
                    _ => (b'{', b'}'),
                };
                let opens = b[..end].iter().filter(|&&x| x == open).count();
                let closes = b[..end].iter().filter(|&&x| x == close).count();
                closes > opens
            }
            _ => false,
        };
        if !drop {
            return end;
        }
        end -= 1;
    }
}

/// Whether `c` can be part of a URL as written in prose: not an ASCII control or space, not the
/// delimiters <>"` and not a Unicode space, CJK bracket or quote (iocextract #6, #38).
pub(crate) const fn is_url_char(c: char) -> bool {
    !matches!(c,
        '\u{0}'..='\u{20}' | '\u{7F}' | '<' | '>' | '"' | '`' | '\u{A0}' | '\u{2000}'..='\u{200F}'
        | '\u{2028}'..='\u{202F}' | '\u{3000}'..='\u{3002}' | '\u{300C}'..='\u{300F}' | '\u{FF08}' | '\u{FF09}'
        | '\u{FF1C}' | '\u{FF1E}' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{FF0C}')
}

/// [`is_url_char`] for ASCII bytes, as a table (non-ASCII bytes are `false`: decoded apart).
const URL_ASCII: [bool; 256] = byte_table!(|c| c < 0x80 && is_url_char(c as char));

/// End of the run of URL characters starting at `from`.
pub(crate) fn run_end(text: &str, from: usize) -> usize {
    // Byte by byte through the table; only a non-ASCII character is decoded and tested.
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        if URL_ASCII[usize::from(b[i])] {
            i += 1;
            continue;
        }
        if b[i] < 0x80 {
            return i;
        }
        match text[i..].chars().next() {
            Some(c) if is_url_char(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
    b.len()
}

fn scheme_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')
}

/// Every `scheme://…`, found from each "://" (memmem) with the scheme read backwards by hand: a
/// `[a-z][a-z0-9+.-]{1,15}://` regex made the wasm build's lazy DFA thrash on long letter and hex
/// runs (then every later search in the instance was slow).
pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let bytes = text.as_bytes();
    let mut covered = 0;
    for sep in memchr::memmem::find_iter(bytes, b"://") {
        if sep < covered {
            continue;
        }
        // The scheme: at most 16 scheme characters before "://", starting with a letter.
        let mut run = sep;
        while run > 0 && sep - run < 16 && scheme_char(bytes[run - 1]) {
            run -= 1;
        }
        let Some(start) = (run..sep).find(|&i| bytes[i].is_ascii_alphabetic()) else {
            continue;
        };
        // "xhttp://" is not a URL start; the scheme must begin a word.
        if sep - start < 2 || ctx.before(start).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let run_end = run_end(text, sep + 3);
        if run_end == sep + 3 {
            continue;
        }
        let whole = &text[start..run_end];
        let s = &whole[..trim_end(whole)];
        let rel = sep - start;
        if s.len() <= rel + 3 {
            continue;
        }
        let scheme = &s[..rel];
        let rest = &s[rel + 3..];
        let Some(auth) = host::parse_authority(rest) else {
            continue;
        };
        if auth.host_end == 0 {
            continue;
        }
        let path = &rest[auth.host_end..];
        let mut value = String::with_capacity(rel + 3 + auth.normalised.len() + path.len());
        value.push_str(scheme);
        value[..rel].make_ascii_lowercase();
        value.push_str("://");
        value.push_str(&auth.normalised);
        value.push_str(path);
        let end = start + s.len();
        covered = run_end;
        let mut c = Candidate::new(start, end, IocType::Url, value);
        c.flags = auth.flags;
        out.push(c);
    }
}
