//! E-mail addresses. The domain must have a known TLD; the local part may not start or end with
//! a dot. The value keeps the local part's case (it can matter) and lowercases the domain.

use super::{contact, host, Candidate, Ctx};
use crate::matches::Flags;
use crate::types::IocType;

fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_label(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-'
}

/// The spans `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+` (leftmost-first, non-overlapping)
/// would match, found from each `@` (memchr) instead of by a regex pass: the local-part run before
/// the at-sign (not reaching back into the previous match), the domain's labels after it. The
/// walks between two at-signs never overlap (`@` is in neither class), so the scan is linear.
fn spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    let mut ats = memchr::memchr_iter(b'@', s);
    std::iter::from_fn(move || loop {
        let at = ats.next()?;
        let mut a = at;
        while a > pos && is_local(s[a - 1]) {
            a -= 1;
        }
        let mut e = at + 1;
        while e < s.len() && is_label(s[e]) {
            e += 1;
        }
        if a == at || e == at + 1 {
            continue;
        }
        let first = e;
        while s.get(e) == Some(&b'.') && s.get(e + 1).copied().is_some_and(is_label) {
            e += 2;
            while e < s.len() && is_label(s[e]) {
                e += 1;
            }
        }
        if e == first {
            continue;
        }
        pos = e;
        return Some((a, e));
    })
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for (ma, mb) in spans(ctx.text.as_bytes()) {
        let s = &ctx.text[ma..mb];
        let at = s.find('@').expect("the span has an @");
        // Leading dots or dashes are punctuation, not part of the address ("...user@x.com").
        let lead = s[..at]
            .bytes()
            .take_while(|&b| b == b'.' || b == b'-')
            .count();
        let local = &s[lead..at];
        let mut domain = &s[at + 1..];
        domain = domain.trim_end_matches(['-', '.']);
        if local.is_empty() || local.ends_with('.') || local.contains("..") || local.len() > 64 {
            continue;
        }
        let Some(d) = host::check_domain(domain) else {
            continue;
        };
        let start = ma + lead;
        let end = ma + at + 1 + domain.len();
        let mut value = String::with_capacity(local.len() + 1 + d.value.len());
        value.push_str(local);
        value.push('@');
        value.push_str(&d.value);
        let mut c = Candidate::new(start, end, IocType::Email, value);
        c.flags = d.flags;
        if contact::offered_as_contact(ctx.text, start, &d.value) {
            c.flags.insert(Flags::CONTACT);
            c.flags.insert(Flags::ALLOWLISTED);
        }
        out.push(c);
    }
}
