//! Naive reference implementations of some scanners, written from the documented rules in the
//! simplest way (quadratic is fine, no regex, no shared code with src/scan/): a proptest compares
//! each one with the extractor restricted to that family (tests/reference_scanners.rs).
//!
//! Every function takes the *fanged* text (the input after `refang`, which is what the scanners
//! see) and returns `(start, end, type, value)` in that text's byte offsets, in text order.
#![allow(dead_code)]

/// One expected match.
pub type Hit = (usize, usize, &'static str, String);

fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Hashes: a maximal run of hex digits of exactly 32, 40, 64 or 128 digits, with no ASCII letter,
/// digit or underscore right before or after it ("0x…", "x3f…", "…_key" are something else). The
/// value is lowercase.
pub fn hashes(t: &str) -> Vec<Hit> {
    let s = t.as_bytes();
    let mut out = Vec::new();
    for a in 0..s.len() {
        // Only where a run starts.
        if !s[a].is_ascii_hexdigit() || a > 0 && s[a - 1].is_ascii_hexdigit() {
            continue;
        }
        let b = (a..s.len())
            .find(|&i| !s[i].is_ascii_hexdigit())
            .unwrap_or(s.len());
        let glued = a > 0 && word(s[a - 1]) || b < s.len() && word(s[b]);
        let kind = match b - a {
            32 => "md5",
            40 => "sha1",
            64 => "sha256",
            128 => "sha512",
            _ => continue,
        };
        if !glued {
            out.push((a, b, kind, t[a..b].to_ascii_lowercase()));
        }
    }
    out
}

/// CVE ids: `CVE` (any case) at the start of a word, an optional separator (`-`, `_`, space or a
/// Unicode dash U+2010–U+2014), a year 1000–2999, a separator (not a space), then 4 to 7 digits
/// that end the word. The value is `CVE-YYYY-NNNN`.
pub fn cves(t: &str) -> Vec<Hit> {
    const DASHES: [char; 5] = ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}'];
    let s = t.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for a in 0..s.len() {
        if a < from || !t.is_char_boundary(a) || a > 0 && word(s[a - 1]) {
            continue;
        }
        if !t[a..]
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("cve"))
        {
            continue;
        }
        let mut p = a + 3;
        // The separator is optional: when none, the year follows at once.
        if let Some(c) = t[p..].chars().next() {
            if c == '-' || c == '_' || c == ' ' || DASHES.contains(&c) {
                p += c.len_utf8();
            }
        }
        let year = &t[p..];
        let year_ok = year.len() >= 4
            && matches!(year.as_bytes()[0], b'1' | b'2')
            && year.as_bytes()[1..4].iter().all(u8::is_ascii_digit);
        if !year_ok {
            continue;
        }
        let year = &t[p..p + 4];
        p += 4;
        let Some(c) = t[p..].chars().next() else {
            continue;
        };
        if !(c == '-' || c == '_' || DASHES.contains(&c)) {
            continue;
        }
        p += c.len_utf8();
        let n = s[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        // A longer digit run, or letters right after, is not an id.
        if !(4..=7).contains(&n) || s.get(p + n).is_some_and(|&c| word(c)) {
            continue;
        }
        out.push((a, p + n, "cve", format!("CVE-{year}-{}", &t[p..p + n])));
        from = p + n;
    }
    out
}

/// ATT&CK technique ids: `T0ddd`/`T1ddd`, or a sub-technique `T1ddd.ddd`, not preceded by a word
/// character, and followed neither by a word character nor by `.` and a digit (a version-like
/// run `T1059.001.5`). When the sub-technique form is there it is the only candidate (the
/// technique alone is then followed by `.digit`).
pub fn attack(t: &str) -> Vec<Hit> {
    let s = t.as_bytes();
    let digits =
        |a: usize, n: usize| s.len() >= a + n && s[a..a + n].iter().all(u8::is_ascii_digit);
    let ends_well = |b: usize| {
        !(s.get(b).is_some_and(|&c| word(c))
            || s.get(b) == Some(&b'.') && s.get(b + 1).is_some_and(u8::is_ascii_digit))
    };
    let mut out = Vec::new();
    for a in 0..s.len() {
        if s[a] != b'T' || a > 0 && word(s[a - 1]) {
            continue;
        }
        let technique = matches!(s.get(a + 1), Some(b'0' | b'1')) && digits(a + 1, 4);
        if !technique {
            continue;
        }
        for len in [9, 5] {
            let sub_ok = len == 5 || s.get(a + 5) == Some(&b'.') && digits(a + 6, 3);
            if sub_ok && ends_well(a + len) {
                out.push((a, a + len, "attack", t[a..a + len].to_string()));
                break;
            }
        }
    }
    out
}

/// The dotted tokens the host scanner classifies: split the text into maximal runs of
/// `[A-Za-z0-9_.-]`, cut each run at every `..` (two or more dots), drop leading `-`/`.` and a
/// trailing `.` of each piece; a piece with a dot left is a token.
pub fn dotted_tokens(t: &str) -> Vec<(usize, usize)> {
    let s = t.as_bytes();
    let tok = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !tok(s[i]) {
            i += 1;
            continue;
        }
        let run_end = (i..s.len()).find(|&k| !tok(s[k])).unwrap_or(s.len());
        // Pieces between runs of two or more dots.
        let mut a = i;
        while a < run_end {
            let mut b = a;
            while b < run_end && !(s[b] == b'.' && b + 1 < run_end && s[b + 1] == b'.') {
                b += 1;
            }
            let (mut x, mut y) = (a, b);
            while x < y && matches!(s[x], b'-' | b'.') {
                x += 1;
            }
            while y > x && s[y - 1] == b'.' {
                y -= 1;
            }
            if s[x..y].contains(&b'.') {
                out.push((x, y));
            }
            // Skip the dot run.
            a = b;
            while a < run_end && s[a] == b'.' {
                a += 1;
            }
        }
        i = run_end;
    }
    out
}

/// IPv4 addresses (the `ipv4` type alone): a dotted token of exactly four all-digit parts of one
/// to three digits, each ≤ 255 (leading zeros allowed, dropped in the value), unless
/// - a letter or digit (any script) is glued before it,
/// - it follows `%` (percent-encoded text) or is followed by `(` (code),
/// - it follows `/` or `\` (a path component) other than the `//` of `scheme://`.
///
/// A network (`10.0.0.0/8`) gives way to its address: the `cidr` type is off here.
///
/// Written defanged (`/1.2.3[.]4`), an address after a slash is reported after all: the text
/// alone does not say which tokens were defanged, so [`ipv4_loose`] gives the upper bound.
pub fn ipv4(t: &str) -> Vec<Hit> {
    ipv4_with(t, true)
}

/// [`ipv4`] without the path rule: every address a slash could hide.
pub fn ipv4_loose(t: &str) -> Vec<Hit> {
    ipv4_with(t, false)
}

fn ipv4_with(t: &str, path_rule: bool) -> Vec<Hit> {
    let s = t.as_bytes();
    let mut out = Vec::new();
    for (a, b) in dotted_tokens(t) {
        let parts: Vec<&str> = t[a..b].split('.').collect();
        let octets_ok = parts.len() == 4
            && parts.iter().all(|p| {
                (1..=3).contains(&p.len())
                    && p.bytes().all(|c| c.is_ascii_digit())
                    && p.parse::<u32>().is_ok_and(|v| v <= 255)
            });
        if !octets_ok {
            continue;
        }
        let prev = t[..a].chars().next_back();
        let glued = prev.is_some_and(char::is_alphanumeric);
        let in_path = path_rule && matches!(prev, Some('/' | '\\')) && !t[..a].ends_with("://");
        let next = s.get(b).copied();
        if glued || in_path || prev == Some('%') || next == Some(b'(') {
            continue;
        }
        let value = parts
            .iter()
            .map(|p| p.parse::<u32>().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(".");
        out.push((a, b, "ipv4", value));
    }
    out
}

/// A domain as e-mail addresses need it: 2+ labels of 1–63 `[A-Za-z0-9_-]` not starting or
/// ending with `-`, at most 253 bytes, a last label that is a known TLD (letters, or `xn--…`).
pub fn domain_ok(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    let tld = labels[labels.len() - 1];
    d.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && (tld.bytes().all(|c| c.is_ascii_alphabetic())
            || tld.to_ascii_lowercase().starts_with("xn--"))
        && ioclens::tld::is_tld(tld)
}

/// E-mail addresses. Left to right, not overlapping: a run of `[A-Za-z0-9._%+-]` ending at `@`,
/// then a domain part of `[A-Za-z0-9-]` labels joined by single dots (at least one dot). Leading
/// dots/dashes of the local part are punctuation, trailing dots/dashes of the domain too. The
/// local part must be non-empty, ≤ 64 bytes, not end with `.` nor contain `..`; the domain must
/// pass [`domain_ok`]. The value keeps the local part and lowercases the domain.
pub fn emails(t: &str) -> Vec<Hit> {
    let s = t.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let label = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let mut out = Vec::new();
    let mut a = 0;
    while a < s.len() {
        // Try a match starting exactly at `a`.
        let at = (a..s.len()).find(|&k| !local(s[k])).unwrap_or(s.len());
        if at == a || s.get(at) != Some(&b'@') {
            a += 1;
            continue;
        }
        let mut e = at + 1;
        let mut dots = 0;
        let first = (e..s.len()).find(|&k| !label(s[k])).unwrap_or(s.len());
        if first == e {
            a += 1;
            continue;
        }
        e = first;
        while s.get(e) == Some(&b'.') && s.get(e + 1).is_some_and(|&c| label(c)) {
            e = (e + 1..s.len()).find(|&k| !label(s[k])).unwrap_or(s.len());
            dots += 1;
        }
        if dots == 0 {
            a += 1;
            continue;
        }
        let lead = s[a..at]
            .iter()
            .take_while(|&&c| c == b'.' || c == b'-')
            .count();
        let loc = &t[a + lead..at];
        let dom = t[at + 1..e].trim_end_matches(['-', '.']);
        let ok = !loc.is_empty()
            && !loc.ends_with('.')
            && !loc.contains("..")
            && loc.len() <= 64
            && domain_ok(dom);
        if ok {
            let end = at + 1 + dom.len();
            out.push((
                a + lead,
                end,
                "email",
                format!("{loc}@{}", dom.to_ascii_lowercase()),
            ));
        }
        // The pattern matched here whether or not the checks passed: scanning resumes after it.
        a = e;
    }
    out
}

/// Autonomous system numbers: upper-case `AS` or `ASN` at the start of a word, then nothing, a
/// space, `:` (and an optional space) or `-`, then 1 to 10 digits ending the word; the number is
/// 1 ..= 2^32 − 1 and is not continued by `.digit` or `,digit` (a decimal, a thousands
/// separator). `AS N` with a space after a word of 2–32 capitals is prose ("SUCH AS 2"). The value
/// is `AS<number>` without leading zeros.
pub fn asns(t: &str) -> Vec<Hit> {
    let s = t.as_bytes();
    let mut out = Vec::new();
    for a in 0..s.len() {
        if !s[a..].starts_with(b"AS") || a > 0 && word(s[a - 1]) {
            continue;
        }
        // Each spelling of the prefix and separator, the longer first (as written, one fits).
        for prefix in [
            "ASN: ", "ASN:", "ASN ", "ASN-", "ASN", "AS: ", "AS:", "AS ", "AS-", "AS",
        ] {
            if !s[a..].starts_with(prefix.as_bytes()) {
                continue;
            }
            let p = a + prefix.len();
            let n = s[p..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=10).contains(&n) || s.get(p + n).is_some_and(|&c| word(c)) {
                continue;
            }
            let (end, digits) = (p + n, &t[p..p + n]);
            let continued = matches!(s.get(end), Some(b'.' | b','))
                && s.get(end + 1).is_some_and(u8::is_ascii_digit);
            let caps_before = {
                let before = t[..a].strip_suffix(' ').unwrap_or("\u{0}");
                let letters: Vec<u8> = before
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_alphabetic)
                    .collect();
                (2..=32).contains(&letters.len()) && letters.iter().all(u8::is_ascii_uppercase)
            };
            let prose = prefix == "AS " && caps_before;
            let value: u64 = digits.parse().unwrap();
            let in_range = (1..=u64::from(u32::MAX)).contains(&value);
            if in_range && !continued && !prose {
                out.push((a, end, "asn", format!("AS{value}")));
            }
            // The first spelling that reads a number decides (the others are its prefixes).
            break;
        }
    }
    out
}
