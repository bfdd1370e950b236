//! URLs with a scheme (`https://`, `tcp://`, `ldap://` — unknown schemes are kept as written),
//! and the end-of-URL rule shared with scheme-less URLs (`evil.com/path`).

use super::{host, static_regex, Candidate, Ctx};
use crate::types::IocType;

// Characters that can never be inside a URL as written in prose: ASCII controls and space, the
// delimiters <>"` and Unicode spaces, CJK brackets and quotes (iocextract #6, #38).
pub(crate) const URL_CHAR: &str = r#"[^\x00-\x20\x7F<>"`\u{A0}\u{2000}-\u{200F}\u{2028}-\u{202F}\u{3000}-\u{3002}\u{300C}-\u{300F}\u{FF08}\u{FF09}\u{FF1C}\u{FF1E}\u{201C}\u{201D}\u{2018}\u{2019}\u{FF0C}]"#;

static_regex!(
    re,
    &format!(r"[A-Za-z][A-Za-z0-9+.\-]{{1,15}}://{URL_CHAR}+")
);

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

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in re().find_iter(ctx.text) {
        let start = m.start();
        // "xhttp://" is not a URL start; the scheme must begin a word.
        if ctx.before(start).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let s = &m.as_str()[..trim_end(m.as_str())];
        let sep = s.find("://").expect("regex has ://");
        let scheme = s[..sep].to_ascii_lowercase();
        let rest = &s[sep + 3..];
        let Some(auth) = host::parse_authority(rest) else {
            continue;
        };
        if auth.host_end == 0 {
            continue;
        }
        let flags = auth.flags;
        let value = format!("{scheme}://{}{}", &auth.normalised, &rest[auth.host_end..]);
        let end = start + sep + 3 + rest.len();
        let mut c = Candidate::new(start, end, IocType::Url, value);
        c.flags = flags;
        out.push(c);
    }
}
