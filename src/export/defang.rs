//! Defanging one indicator for safe sharing, in the style of the IETF Internet-Draft
//! `draft-grimminck-safe-ioc-sharing` (revisions -10/-11; vectors in
//! `tests/fixtures/safe-ioc-vectors.json`):
//!
//! - the scheme name is bracketed, case kept: `https://` → `[https]://`, `mailto:` → `[mailto]:`
//!   (not before `///`, nor a name refang reads as another scheme: `meow://` stays);
//! - every host dot becomes `[.]` (a percent-encoded `%2e` in the URL's own host too), except a
//!   dot refang would not read back (`evil.`, `a..b`, `evil[.`): that one stays plain;
//! - the userinfo / e-mail `@` becomes `[@]` (unless a dot or nothing follows it);
//! - every colon inside an IPv6 address becomes `[:]` (ports, zones and CIDR suffixes stay);
//! - in a URL's path, query and fragment, nested URLs, e-mail addresses and IP literals are
//!   defanged in place (every `@` of a chain `a@b.c@d.e`); a nested scheme is bracketed only
//!   where refang reads it back (at a word start, not a spelling of another scheme such as
//!   `meow`); everything else (file extensions, parameters) is left alone;
//! - already-defanged tokens (`[.]`, `[:]`, `[@]`, `[https]:`) are opaque, so defanging is
//!   idempotent.
//!
//! `ioclens::refang` and the extractor read every one of these forms back, which is what makes a
//! defanged export round-trip. Non-network types (hashes, paths, CVEs, …) are not changed.

use crate::{IocType, Kind};
use std::net::Ipv6Addr;

/// Defangs `value`, a value of type `kind`. Only network types change (url, domain, ipv4, ipv6,
/// cidr, email); every other type, custom types included, is returned as it is.
///
/// ```
/// use ioclens::{defang, IocType, Kind};
/// assert_eq!(defang(&Kind::Builtin(IocType::Url), "https://bad.example/p"), "[https]://bad[.]example/p");
/// assert_eq!(defang(&Kind::Builtin(IocType::Email), "user@bad.example"), "user[@]bad[.]example");
/// assert_eq!(defang(&Kind::Builtin(IocType::Ipv6), "2001:db8::1"), "2001[:]db8[:][:]1");
/// ```
pub fn defang(kind: &Kind, value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    match kind.builtin() {
        Some(IocType::Url) => url(&mut out, value),
        Some(IocType::Domain | IocType::Ipv4) => host(&mut out, value, true),
        Some(IocType::Email) => email(&mut out, value),
        Some(IocType::Ipv6 | IocType::Cidr) if value.starts_with('[') => {
            authority(&mut out, value, true, false)
        }
        Some(IocType::Ipv6 | IocType::Cidr) if value.contains(':') => ipv6_body(&mut out, value),
        Some(IocType::Cidr) => host(&mut out, value, true),
        _ => out.push_str(value),
    }
    out
}

/// Defangs one indicator of unknown type: a bare IPv6 address, or else a URL, host, host:port,
/// IP address, CIDR or e-mail address (the shapes of the draft's vectors).
///
/// ```
/// assert_eq!(ioclens::export::defang_any("evil.example:443"), "evil[.]example:443");
/// assert_eq!(ioclens::export::defang_any("[https]://bad[.]example"), "[https]://bad[.]example");
/// ```
pub fn defang_any(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    if is_bare_ipv6(value) {
        ipv6_body(&mut out, value);
    } else {
        url(&mut out, value);
    }
    out
}

/// Already-defanged tokens, copied unchanged.
fn token(s: &str) -> Option<&'static str> {
    ["[.]", "[:]", "[@]"].into_iter().find(|t| s.starts_with(t))
}

/// Pushes the character starting at `s[i..]` and returns its length.
fn copy_char(out: &mut String, s: &str, i: usize) -> usize {
    match s[i..].chars().next() {
        Some(c) => {
            out.push(c);
            c.len_utf8()
        }
        None => s.len() - i,
    }
}

fn is_scheme_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// A scheme at the start of `s`: `(name, bytes through the ':')`. `[name]:` is an already
/// bracketed scheme. A dotted name or a name followed by `:digits` is a host and port, not a
/// scheme (`evil.example:443`, `localhost:8080`), unless `//` follows.
fn scheme(s: &str) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'[') {
        let len = b[1..].iter().take_while(|&&c| is_scheme_char(c)).count();
        let ok = len > 0 && b[1].is_ascii_alphabetic() && b.get(1 + len) == Some(&b']');
        return (ok && b.get(2 + len) == Some(&b':')).then(|| (&s[1..1 + len], len + 3));
    }
    let len = b.iter().take_while(|&&c| is_scheme_char(c)).count();
    // One letter before a colon is a drive (`C:\x`), not a scheme.
    if len < 2 || !b[0].is_ascii_alphabetic() || b.get(len) != Some(&b':') {
        return None;
    }
    let rest = &s[len + 1..];
    if rest.starts_with("//") {
        return Some((&s[..len], len + 1));
    }
    let port = rest.bytes().take_while(u8::is_ascii_digit).count();
    let port_like = port > 0 && matches!(rest.as_bytes().get(port), None | Some(b'/'));
    (!s[..len].contains('.') && !port_like).then(|| (&s[..len], len + 1))
}

/// Where an authority ends: at the path, query or fragment (and, for a URL nested in a query,
/// at the next parameter or a space).
fn authority_end(s: &str, nested: bool) -> usize {
    s.bytes()
        .position(|c| {
            matches!(c, b'/' | b'?' | b'#' | b'\\') || (nested && (c == b'&' || c <= b' '))
        })
        .unwrap_or(s.len())
}

fn url(out: &mut String, s: &str) {
    let tail_at = match scheme(s) {
        Some((_, after)) => {
            write_scheme(out, None, &s[..after], &s[after..]);
            if s[after..].starts_with("//") {
                out.push_str("//");
                let a = after + 2;
                let end = a + authority_end(&s[a..], false);
                authority(out, &s[a..end], true, s[end..].starts_with("//"));
                end
            } else {
                after
            }
        }
        None => {
            let end = authority_end(s, false);
            authority(out, &s[..end], true, s[end..].starts_with("//"));
            end
        }
    };
    tail(out, &s[tail_at..]);
}

/// `userinfo@host:port`, `[ipv6]:port`, `host`, `ipv4`; `before_slashes`: `//` follows it.
fn authority(out: &mut String, a: &str, pct: bool, before_slashes: bool) {
    let hostport = if let Some(p) = a.find("[@]") {
        out.push_str(&a[..p + 3]);
        &a[p + 3..]
    } else if let Some(p) = a.rfind('@') {
        out.push_str(&a[..p]);
        out.push_str(at_sign(a, p));
        &a[p + 1..]
    } else {
        a
    };
    if hostport.starts_with('[') && token(hostport).is_none() {
        // Only a real address: in anything else (`[63:ff9b:．b::1]`) refang would not read every
        // `[:]` back. Already defanged literals do not parse either and are kept as they are.
        if let Some(close) = literal_end(hostport).filter(|&c| {
            let body = &hostport[1..c];
            body[..body.find('%').unwrap_or(body.len())]
                .parse::<Ipv6Addr>()
                .is_ok()
        }) {
            out.push('[');
            ipv6_body(out, &hostport[1..close]);
            out.push_str(&hostport[close..]);
            return;
        }
    }
    // Refang reads `[:]//` as a scheme separator: an address ending in `:` before `//` stays.
    // An address defanged by a first pass is one too, so its zone (`%e-c2.net`) stays as it was.
    let defanged_ipv6 = || {
        hostport.contains("[:]") && is_bare_ipv6(&hostport.replace("[:]", ":").replace("[.]", "."))
    };
    if (is_bare_ipv6(hostport) || defanged_ipv6()) && !(before_slashes && hostport.ends_with(':')) {
        return ipv6_body(out, hostport);
    }
    // The port starts at the first colon that is not part of a `[:]` token.
    let mut i = 0;
    while i < hostport.len() {
        if let Some(t) = token(&hostport[i..]) {
            i += t.len();
        } else if hostport.as_bytes()[i] == b':' {
            break;
        } else {
            i += hostport[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    host(out, &hostport[..i], pct);
    out.push_str(&hostport[i..]);
}

/// How to write the `@` at `s[p]`: `[@]` where refang reads it back (after a local-part
/// character, before a letter or digit), else as it is (`8@.Aw`: a bracketed one would stay).
fn at_sign(s: &str, p: usize) -> &'static str {
    // The byte as written: a token in the value is one refang did not read (the value comes from
    // the fanged view), so refang sees its `]`.
    let prev = p
        .checked_sub(1)
        .is_some_and(|q| is_local_char(s.as_bytes()[q]));
    let next = s
        .as_bytes()
        .get(p + 1)
        .is_some_and(u8::is_ascii_alphanumeric);
    if prev && next {
        "[@]"
    } else {
        "@"
    }
}

/// The index of the `]` closing the IPv6 literal that `s` opens, skipping `[:]`-style tokens.
fn literal_end(s: &str) -> Option<usize> {
    let mut i = 1;
    while i < s.len() {
        if let Some(t) = token(&s[i..]) {
            i += t.len();
        } else if s.as_bytes()[i] == b']' {
            return Some(i);
        } else if s.as_bytes()[i] == b'[' {
            return None;
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

fn is_bare_ipv6(s: &str) -> bool {
    let addr = &s[..s.find(['%', '/']).unwrap_or(s.len())];
    addr.bytes().filter(|&c| c == b':').count() >= 2 && addr.parse::<Ipv6Addr>().is_ok()
}

/// Whether refang reads a `[.]` written for the dot at `s[i]` back as a dot: between label
/// characters (a letter or digit after it, or `_`), or between letters of which one is not ASCII
/// (the rules of `crate::fang`'s bracket). Any other dot (`evil[.`, a trailing `c.`, `a..b`) is
/// left plain: bracketed, it would come back as `[.]` and break the round trip.
fn dot_reads_back(s: &str, i: usize) -> bool {
    let before = s[..i].chars().next_back();
    let after = s[i + 1..].chars().next();
    let ascii = before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        && after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let unicode = match (before, after) {
        (Some(p), Some(n)) => {
            p.is_alphanumeric() && n.is_alphanumeric() && !(p.is_ascii() && n.is_ascii())
        }
        _ => false,
    };
    ascii || unicode
}

/// Every `.` of a host that refang reads back becomes `[.]`; with `pct`, a percent-encoded
/// `%2e` too (the draft decodes it in a URL's own host; refang cannot give it back, so nested
/// hosts keep it).
fn host(out: &mut String, s: &str, pct: bool) {
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(t) = token(rest) {
            out.push_str(t);
            i += t.len();
        } else if rest.starts_with('.') {
            out.push_str(if dot_reads_back(s, i) { "[.]" } else { "." });
            i += 1;
        } else if pct
            && rest
                .as_bytes()
                .get(..3)
                .is_some_and(|b| b.eq_ignore_ascii_case(b"%2e"))
        {
            out.push_str("[.]");
            i += 3;
        } else {
            i += copy_char(out, s, i);
        }
    }
}

/// An IPv6 address (or literal body): `:` → `[:]`, embedded IPv4 dots → `[.]`; a zone (`%eth0`,
/// `%25eth0`) or CIDR suffix (`/32`) is kept verbatim.
fn ipv6_body(out: &mut String, s: &str) {
    let end = s.find(['%', '/']).unwrap_or(s.len());
    let mut i = 0;
    while i < end {
        let rest = &s[i..end];
        if let Some(t) = token(rest) {
            out.push_str(t);
            i += t.len();
        } else if rest.starts_with(':') {
            out.push_str("[:]");
            i += 1;
        } else if rest.starts_with('.') {
            out.push_str("[.]");
            i += 1;
        } else {
            i += copy_char(out, s, i);
        }
    }
    out.push_str(&s[end..]);
}

fn email(out: &mut String, s: &str) {
    if let Some(p) = s.find("[@]") {
        out.push_str(&s[..p + 3]);
        host(out, &s[p + 3..], true);
    } else if let Some(p) = s.rfind('@') {
        out.push_str(&s[..p]);
        out.push_str(at_sign(s, p));
        host(out, &s[p + 1..], true);
    } else {
        host(out, s, true);
    }
}

fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The byte before `s[i]`, a defang token just before counting as the character it hides (`[.]`
/// is a `.`): what the first pass saw where a second pass over its own output finds a token, so
/// both decide alike (idempotence). Only for decisions that are safe either way (whether to look
/// for a scheme or an address here): a token in the value itself is one refang did not read, so
/// whether refang reads what is written next depends on the byte as written (see `at_sign`).
fn fanged_prev(s: &str, i: usize) -> Option<u8> {
    let before = &s[..i];
    for (t, c) in [("[.]", b'.'), ("[:]", b':'), ("[@]", b'@')] {
        if before.ends_with(t) {
            return Some(c);
        }
    }
    before.as_bytes().last().copied()
}

/// Writes the scheme `name` and its `:`, bracketed (`[name]:`) where refang reads that back as
/// itself: not after a label, a dot or a closing bracket (refang reads a bracketed scheme only at
/// a word start) or a backslash, not before `///` (refang folds `[x]:///` into `x://`), and not for a name refang
/// reads as a spelling of another scheme (`[meow]://` is `http://`). Elsewhere it stays plain.
/// `written` is the scheme and its colon as the value has them, `after_colon` the text after
/// the colon, `prev` the byte before as written (a token's `]` counts as a closing bracket).
fn write_scheme(out: &mut String, prev: Option<u8>, written: &str, after_colon: &str) {
    let Some(name) = written.strip_suffix(':') else {
        return out.push_str(written);
    };
    if name.starts_with('[') {
        // Bracketed already (`[http]:`), so opaque: kept as written, where refang left it.
        return out.push_str(written);
    }
    let slashes = if after_colon.starts_with("//") {
        "//"
    } else {
        ""
    };
    // After `\` too: `\svchost.p://` bracketed would hide the backslash-letter that tells refang
    // a later `\.` is a path separator, not a defanged dot.
    let bracket = !prev.is_some_and(|c| matches!(c, b'.' | b'[' | b']' | b')' | b'\\'))
        && !after_colon.starts_with("///")
        && crate::refang(&format!("[{name}]:{slashes}x")) == format!("{name}:{slashes}x");
    if bracket {
        out.push('[');
        out.push_str(name);
        out.push_str("]:");
    } else {
        out.push_str(name);
        out.push(':');
    }
}

/// A URL's path, query and fragment: nested indicators are defanged in place, the rest is kept.
/// A nested URL's own path is simply the rest of this one, so chains (`?u=http://b/?u=http://c`)
/// are handled by the same loop, with no recursion.
fn tail(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(t) = token(rest) {
            out.push_str(t);
            i += t.len();
            continue;
        }
        let prev = fanged_prev(s, i);
        let raw_prev = i.checked_sub(1).map(|p| b[p]);
        // After a dot, even a defanged one, a word is a dotted name, not a scheme.
        if !prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'[') {
            if let Some((_, after)) = scheme(rest).filter(|(n, after)| {
                rest[*after..].starts_with("//") || n.eq_ignore_ascii_case("mailto")
            }) {
                // A scheme refang would not read back bracketed stays plain; its host is still
                // defanged.
                write_scheme(out, raw_prev, &rest[..after], &rest[after..]);
                i += after;
                if s[i..].starts_with("//") {
                    out.push_str("//");
                    i += 2;
                    let end = i + authority_end(&s[i..], true);
                    // `%2e` stays: refang cannot give it back, and the extractor only finds
                    // percent-encoded hosts nested in a URL (`?u=http://b%2ec.test`).
                    authority(out, &s[i..end], false, s[end..].starts_with("//"));
                    i = end;
                }
                continue;
            }
        }
        if !prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'[') {
            if let Some(n) = ipv4_at(rest) {
                host(out, &rest[..n], false);
                i += n;
                continue;
            }
            if let Some(n) = ipv6_at(rest).filter(|_| prev != Some(b':')) {
                ipv6_body(out, &rest[..n]);
                i += n;
                continue;
            }
        }
        // Every live `@` after a local part and before a domain, chains included
        // (`a@b.example@c.example`): all in this one pass, so a second pass finds none left.
        if b[i] == b'@' && raw_prev.is_some_and(is_local_char) {
            if let Some(n) = email_domain(&s[i + 1..]) {
                out.push_str("[@]");
                host(out, &s[i + 1..i + 1 + n], false);
                i += 1 + n;
                continue;
            }
        }
        i += copy_char(out, s, i);
    }
}

/// A dotted-quad IPv4 address at the start of `s`: its length.
fn ipv4_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    for part in 0..4 {
        if part > 0 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let n = b[i..]
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=3).contains(&n) || s[i..i + n].parse::<u16>().ok()? > 255 {
            return None;
        }
        i += n;
    }
    let next_is_part = b.get(i).is_some_and(|c| c.is_ascii_alphanumeric())
        || (b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit));
    (!next_is_part).then_some(i)
}

/// An IPv6 address at the start of `s` (at least two colons, parses): its length.
fn ipv6_at(s: &str) -> Option<usize> {
    let run = s
        .bytes()
        .take_while(|c| c.is_ascii_hexdigit() || matches!(c, b':' | b'.'))
        .count();
    // A run glued to a word is part of it; so is one before a `[` (`::[l.x]://` is `::l.x://`
    // once its scheme is bracketed: a second pass must decide as the first did).
    let glued = s
        .as_bytes()
        .get(run)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'[');
    let cand = s[..run].trim_end_matches('.');
    // Refang reads `[:]//` as a scheme separator, so `::` before `//` stays plain.
    let separator = cand.ends_with(':') && s[cand.len()..].starts_with("//");
    (!glued && !separator && is_bare_ipv6(cand)).then_some(cand.len())
}

/// The domain of an e-mail address at the start of `s` (just after its `@`): its length. It
/// starts with a letter or digit (refang reads `[@]` only before one) and needs a dot.
fn email_domain(s: &str) -> Option<usize> {
    if !s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let len = s
        .bytes()
        .take_while(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.')
        .count();
    // `a@evil.example-ls://x`: the name before `://` is a nested URL's scheme (read as one on a
    // second pass), not a domain.
    if s[len..].starts_with("://") {
        return None;
    }
    let dom = s[..len].trim_end_matches(['.', '-']);
    let labels_ok = dom.split('.').all(|l| !l.is_empty());
    (dom.contains('.') && labels_ok).then_some(dom.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(t: IocType) -> Kind {
        Kind::Builtin(t)
    }

    #[test]
    fn typed_values() {
        let rows = [
            (
                IocType::Url,
                "https://bad.example/p",
                "[https]://bad[.]example/p",
            ),
            (
                IocType::Url,
                "tcp://91.92.109.14:4444",
                "[tcp]://91[.]92[.]109[.]14:4444",
            ),
            (IocType::Url, "evil.com/a.php", "evil[.]com/a.php"),
            (
                IocType::Url,
                "https://a.b/x?to=me@c.d#f.g",
                "[https]://a[.]b/x?to=me[@]c[.]d#f.g",
            ),
            (
                IocType::Url,
                "http://a.test/1.2.3.4/x",
                "[http]://a[.]test/1[.]2[.]3[.]4/x",
            ),
            (
                IocType::Url,
                "http://a.test/v1.2.3.45678",
                "[http]://a[.]test/v1.2.3.45678",
            ),
            (IocType::Domain, "bücher.example", "bücher[.]example"),
            (IocType::Ipv4, "10.0.0.1", "10[.]0[.]0[.]1"),
            (IocType::Cidr, "10.0.0.0/8", "10[.]0[.]0[.]0/8"),
            (IocType::Cidr, "2001:db8::/32", "2001[:]db8[:][:]/32"),
            (
                IocType::Ipv6,
                "::ffff:1.2.3.4",
                "[:][:]ffff[:]1[.]2[.]3[.]4",
            ),
            (
                IocType::Email,
                "first.last@evil.example",
                "first.last[@]evil[.]example",
            ),
            (IocType::Email, "a/b@evil.example", "a/b[@]evil[.]example"),
            (
                IocType::Sha1,
                "3f786850e387550fdab836ed7e6dc881de23001b",
                "3f786850e387550fdab836ed7e6dc881de23001b",
            ),
            (IocType::Filename, "invoice.zip", "invoice.zip"),
            (
                IocType::Filepath,
                "C:\\evil.example\\a.exe",
                "C:\\evil.example\\a.exe",
            ),
        ];
        for (t, input, want) in rows {
            assert_eq!(defang(&k(t), input), want, "{t} {input}");
            assert_eq!(defang(&k(t), want), want, "{t} {want} not idempotent");
        }
        assert_eq!(defang(&Kind::Custom("note".into()), "a.b@c.d"), "a.b@c.d");
    }

    #[test]
    fn hostile_input_never_panics() {
        for s in [
            "[",
            "[@",
            "@",
            ":",
            "[:",
            "a:",
            "[a]",
            "[a]:",
            "é@é.é",
            "http://[",
            "::",
            "%2",
            "1.2.3.",
            "\u{0}",
            "[é]",
            "http://[é:1]/",
            "[ü",
            "x?u=http://[é",
        ] {
            for t in IocType::ALL {
                let _ = defang(&k(*t), s);
            }
            let _ = defang_any(s);
        }
    }
}
