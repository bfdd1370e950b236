//! E-mail addresses. The domain must have a known TLD; the local part may not start or end with
//! a dot. The value keeps the local part's case (it can matter) and lowercases the domain.

use super::{contact, host, static_regex, Candidate, Ctx};
use crate::matches::Flags;
use crate::types::IocType;

static_regex!(
    re,
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
);

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in re().find_iter(ctx.text) {
        let s = m.as_str();
        let at = s.find('@').expect("regex has @");
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
        let start = m.start() + lead;
        let end = m.start() + at + 1 + domain.len();
        let mut c = Candidate::new(start, end, IocType::Email, format!("{local}@{}", d.value));
        c.flags = d.flags;
        if contact::offered_as_contact(ctx.text, start, &d.value) {
            c.flags.insert(Flags::CONTACT);
            c.flags.insert(Flags::ALLOWLISTED);
        }
        out.push(c);
    }
}
