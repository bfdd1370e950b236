//! IPv4 addresses: parsing of dotted quads and the trust flags of their ranges.

use crate::matches::Flags;

/// Parses `a.b.c.d` (leading zeros allowed, each part ≤ 255) into octets.
pub(crate) fn parse(s: &str) -> Option<[u8; 4]> {
    // By hand over the bytes (runs for every all-digit dotted token): four parts of 1–3 digits.
    let mut out = [0u8; 4];
    let mut n = 0;
    for part in s.as_bytes().split(|&c| c == b'.') {
        if n == 4 || part.is_empty() || part.len() > 3 || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let v = part.iter().fold(0u16, |v, &d| v * 10 + u16::from(d - b'0'));
        out[n] = u8::try_from(v).ok()?;
        n += 1;
    }
    (n == 4).then_some(out)
}

/// The canonical form: no leading zeros.
pub(crate) fn format(o: [u8; 4]) -> String {
    // By hand: `format!` cost more than the rest of an address's checks.
    let mut s = String::with_capacity(15);
    for (i, n) in o.into_iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        if n >= 100 {
            s.push(char::from(b'0' + n / 100));
        }
        if n >= 10 {
            s.push(char::from(b'0' + n / 10 % 10));
        }
        s.push(char::from(b'0' + n % 10));
    }
    s
}

/// Range flags: private, loopback, reserved (incl. link-local, CGN, multicast), documentation.
pub(crate) fn flags(o: [u8; 4]) -> Flags {
    let mut f = Flags::default();
    match o {
        [10, ..] | [172, 16..=31, ..] | [192, 168, ..] => f.insert(Flags::PRIVATE),
        [127, ..] => f.insert(Flags::LOOPBACK),
        [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _] => f.insert(Flags::DOCUMENTATION),
        [0, ..]
        | [169, 254, ..]
        | [100, 64..=127, ..]
        | [224..=255, ..]
        | [192, 0, 0, _]
        | [198, 18..=19, ..] => f.insert(Flags::RESERVED),
        _ => {}
    }
    f
}

/// Whether the text before an address calls it a version ("version 1.2.3.4", "v1.2.3.4",
/// "build 10.0.19041.1"): such an address is flagged, not silently trusted.
pub(crate) fn version_context(before: &str) -> bool {
    let start = before.len().saturating_sub(16);
    let start = (start..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    // Lowercased on the stack: this runs for every address outside a URL.
    let mut buf = [0u8; 16];
    let t = &mut buf[..before.len() - start];
    t.copy_from_slice(&before.as_bytes()[start..]);
    t.make_ascii_lowercase();
    let mut t = &*t;
    while let [rest @ .., b' ' | b':' | b'\t'] = t {
        t = rest;
    }
    // The last word before the address.
    let from = t
        .iter()
        .rposition(|&c| !c.is_ascii_alphanumeric() && c != b'.')
        .map_or(0, |p| p + 1);
    let mut word = &t[from..];
    while let [rest @ .., b'.'] = word {
        word = rest;
    }
    matches!(
        word,
        b"version"
            | b"versions"
            | b"ver"
            | b"v"
            | b"build"
            | b"release"
            | b"firmware"
            | b"fw"
            | b"update"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        for o in [[0, 9, 10, 99], [100, 199, 200, 255], [1, 2, 3, 4]] {
            let want = format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]);
            assert_eq!(format(o), want);
        }
        assert_eq!(
            parse("010.1.2.255").map(format).as_deref(),
            Some("10.1.2.255")
        );
        for bad in [
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1..2.3",
            "1.2.3.a",
            "1.2.3.1234",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn range_flags() {
        assert!(flags([10, 0, 0, 1]).contains(Flags::PRIVATE));
        assert!(flags([172, 31, 0, 1]).contains(Flags::PRIVATE));
        assert!(!flags([172, 32, 0, 1]).contains(Flags::PRIVATE));
        assert!(flags([127, 0, 0, 1]).contains(Flags::LOOPBACK));
        assert!(flags([203, 0, 113, 9]).contains(Flags::DOCUMENTATION));
        assert!(flags([100, 100, 1, 1]).contains(Flags::RESERVED));
        assert!(flags([8, 8, 8, 8]).is_empty());
    }

    #[test]
    fn versions() {
        assert!(version_context("running version "));
        assert!(version_context("Version: "));
        assert!(version_context("v"));
        assert!(version_context("see v"));
        assert!(!version_context("connects to "));
        assert!(!version_context("dev"));
        assert!(version_context("…build 10.0.19041 version:\t "));
        assert!(version_context("firmware v."));
        assert!(!version_context("überversion "));
    }
}
