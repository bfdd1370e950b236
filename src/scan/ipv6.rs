//! IPv6 addresses and networks. The hard part is what is *not* an address: clock times
//! (`12:30:45`), MAC addresses and colon-hex fingerprints (`aa:bb:cc:…`), C++/Perl scopes
//! (`std::vector`) — peers report all of these (iocextract #11, #79; ioc-finder #37).

use super::{Candidate, Ctx};
use crate::matches::Flags;
use crate::types::IocType;
use std::net::Ipv6Addr;

/// Length of the run of bytes satisfying `f` at `s[i..]`, counting at most `cap`.
fn run(s: &[u8], i: usize, cap: usize, f: fn(&u8) -> bool) -> usize {
    s.get(i..)
        .map_or(0, |r| r.iter().take(cap).take_while(|c| f(c)).count())
}

/// The end of the match of `:H{0,4}(:H{0,4}){1,6}((\.D{1,3}){3})?` (H a hex digit, D a digit)
/// at the colon `q`, taking the path a leftmost-first (backtracking-priority) engine takes: each
/// group greedy, as many groups as possible, the IPv4 tail when it fits. No other path can win:
/// a group stopped short is followed by a hex digit, which nothing after it can consume, so the
/// greedy path is the only one that may continue. `None` with fewer than two groups.
fn groups_end(s: &[u8], q: usize) -> Option<usize> {
    let mut e = q;
    let mut groups = 0;
    while groups < 7 && s.get(e) == Some(&b':') {
        let h = run(s, e + 1, 5, u8::is_ascii_hexdigit);
        groups += 1;
        e += 1 + h.min(4);
        if h > 4 {
            break; // a fifth hex digit: nothing may follow this group
        }
    }
    if groups < 2 {
        return None;
    }
    // The optional IPv4 tail ".D.D.D": the first two parts must end at a dot (a fourth digit
    // would be left over), the last takes up to three digits.
    let mut t = e;
    for part in 0..3 {
        let d = run(s, t + 1, 4, u8::is_ascii_digit);
        let ok = s.get(t) == Some(&b'.') && d >= 1 && (part == 2 || d <= 3);
        if !ok {
            return Some(e);
        }
        t += 1 + d.min(3);
    }
    Some(t)
}

/// The spans `[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?:\.[0-9]{1,3}){3})?` (leftmost-first,
/// non-overlapping) would match, found from each `:` (memchr) instead of by a regex pass. A
/// match starts at most four hex digits before its first colon (a longer hex run leaves its last
/// four), and not before the previous match's end. The work per colon is bounded (seven groups
/// of at most five bytes, a 12-byte tail), so the scan is linear.
fn spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    let mut colons = memchr::memchr_iter(b':', s);
    std::iter::from_fn(move || loop {
        let q = colons.next()?;
        if q < pos {
            continue;
        }
        let Some(e) = groups_end(s, q) else {
            continue;
        };
        let lead = s[pos..q]
            .iter()
            .rev()
            .take(4)
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        pos = e;
        return Some((q - lead, e));
    })
}

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
    for (a, mut b) in spans(ctx.text.as_bytes()) {
        let s = &ctx.text[a..b];
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
