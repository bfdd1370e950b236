//! IPv6 addresses and networks. The hard part is what is *not* an address: clock times
//! (`12:30:45`), MAC addresses and colon-hex fingerprints (`aa:bb:cc:…`), C++/Perl scopes
//! (`std::vector`) — peers report all of these (iocextract #11, #79; ioc-finder #37).

use super::{static_regex, Candidate, Ctx};
use crate::matches::Flags;
use crate::types::IocType;
use std::net::Ipv6Addr;

static_regex!(
    re,
    r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?:\.[0-9]{1,3}){3})?"
);

/// Parses an IPv6 address written plainly, rejecting forms that are almost never addresses.
pub(crate) fn parse(s: &str) -> Option<Ipv6Addr> {
    let a: Ipv6Addr = s.parse().ok()?;
    let groups: Vec<&str> = s.split(':').collect();
    let compressed = s.contains("::");
    // A run of two-digit groups is a MAC address or a fingerprint, not an address.
    let nonempty: Vec<&&str> = groups.iter().filter(|g| !g.is_empty()).collect();
    if !compressed && nonempty.iter().all(|g| g.len() == 2) {
        return None;
    }
    // "dead::beef", "add::face": words; an address has a digit somewhere (or is "::1"-like).
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if s == "::" {
        return None;
    }
    Some(a)
}

/// Range flags.
pub(crate) fn flags(a: &Ipv6Addr) -> Flags {
    let seg = a.segments();
    let mut f = Flags::default();
    if a.is_loopback() {
        f.insert(Flags::LOOPBACK);
    } else if seg[0] == 0x2001 && seg[1] == 0x0db8 || seg[0] == 0x3fff && seg[1] & 0xf000 == 0 {
        f.insert(Flags::DOCUMENTATION);
    } else if seg[0] & 0xfe00 == 0xfc00 {
        f.insert(Flags::PRIVATE);
    } else if a.is_unspecified() || seg[0] & 0xffc0 == 0xfe80 || seg[0] & 0xff00 == 0xff00 {
        f.insert(Flags::RESERVED);
    } else if let Some(v4) = a.to_ipv4_mapped() {
        f.insert(super::ipv4::flags(v4.octets()));
    }
    f
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in re().find_iter(ctx.text) {
        let (a, mut b) = (m.start(), m.end());
        let s = m.as_str();
        if s.matches(':').count() < 2 {
            continue;
        }
        // Part of a longer colon-hex run or glued to a word: a fingerprint, a hash, a scope.
        let before = ctx.before(a);
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b':' || c == b'_' || c == b'.')
            || ctx
                .byte(b)
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
            || ctx.byte(b) == Some(b':') && ctx.byte(b + 1).is_some_and(|c| c.is_ascii_hexdigit())
        {
            continue;
        }
        let Some(addr) = parse(s) else { continue };
        let f = flags(&addr);
        // "2001:db8::/32": a prefix length makes a network.
        if ctx.byte(b) == Some(b'/') {
            let digits = ctx.text[b + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let len = ctx.text[b + 1..b + 1 + digits].parse::<u8>().ok();
            if (1..=3).contains(&digits)
                && len.is_some_and(|l| l <= 128)
                && !ctx
                    .byte(b + 1 + digits)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                b += 1 + digits;
                if ctx.wants(IocType::Cidr) {
                    out.push(
                        Candidate::new(a, b, IocType::Cidr, format!("{addr}/{}", len.unwrap_or(0)))
                            .flag(f),
                    );
                }
                continue;
            }
        }
        if ctx.wants(IocType::Ipv6) {
            out.push(Candidate::new(a, b, IocType::Ipv6, addr.to_string()).flag(f));
        }
    }
}
