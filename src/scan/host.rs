//! Dotted tokens: IPv4 addresses, CIDR networks, domains, scheme-less URLs and file names all
//! look like `word.word`. One pass finds the tokens; each is classified by hand.

use super::{byte_table, filename, ipv4, ipv6, url, Candidate, Ctx};
use crate::matches::Flags;
use crate::tld;
use crate::types::IocType;

/// Label bytes, as a table: the token walk below reads every byte of a dotted run.
const LABEL: [bool; 256] = byte_table!(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');

/// Label bytes and dots, as a table: the run a token lies in.
const LABEL_OR_DOT: [bool; 256] =
    byte_table!(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'));

fn is_label(c: u8) -> bool {
    LABEL[usize::from(c)]
}

/// The dotted tokens, as the leftmost-first matches of `[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+`
/// would be, found from each `.` (memchr) instead of by a regex pass: a token is the label run
/// before a dot (from its first non-hyphen byte) and every `.label` after it. Each byte is walked
/// back over at most once (a walk stops at the previous dot or token end), so the scan is linear.
fn tokens(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    let mut from = 0;
    // End of the last run of label bytes and dots walked (see below).
    let mut run_end = 0;
    std::iter::from_fn(move || loop {
        // Searched from the last token's end, not iterated: the dots inside a token (a megabyte
        // of "1.2.3.…") are skipped in one step, not visited one by one.
        let d = from + next_dot(s.get(from..)?)?;
        from = d + 1;
        // A dot at the previous token's end (or at 0) has no label of its own before it.
        if d <= pos || !is_label(s[d - 1]) || !s.get(d + 1).copied().is_some_and(is_label) {
            continue;
        }
        let mut r = d;
        while r > pos && is_label(s[r - 1]) {
            r -= 1;
        }
        // The regex cannot start on a hyphen: the token starts at the run's first other byte.
        let Some(a) = (r..d).find(|&i| s[i] != b'-') else {
            continue;
        };
        // Every `.label` after it: the token goes on over label bytes and over dots followed by
        // a label byte, i.e. to the end of the run of label bytes and dots, or to its first
        // "..", less a dot at the end. The run is walked by one table lookup a byte (a test of
        // which of the two a byte is mispredicted at every switch of "1.22.3.…") and its end is
        // kept: tokens cut by ".." inside one run do not walk the rest of it again (linear).
        if d >= run_end {
            run_end = d;
            while run_end < s.len() && LABEL_OR_DOT[usize::from(s[run_end])] {
                run_end += 1;
            }
        }
        let mut e = memchr::memmem::find(&s[d..run_end], b"..").map_or(run_end, |k| d + k);
        if s[e - 1] == b'.' {
            e -= 1;
        }
        pos = e;
        from = e;
        return Some((a, e));
    })
}

/// The first dot of `s`: the next 8 bytes by hand, then memchr. Dots a few bytes apart ("1.2.3.4",
/// a run of "[.]") cost a memchr call each, more than the check that then skips most of them.
fn next_dot(s: &[u8]) -> Option<usize> {
    let near = &s[..s.len().min(8)];
    if let Some(k) = near.iter().position(|&c| c == b'.') {
        return Some(k);
    }
    memchr::memchr(b'.', &s[near.len()..]).map(|k| near.len() + k)
}

/// A validated domain.
pub(crate) struct Domain {
    pub value: String,
    pub flags: Flags,
}

/// Checks a domain name (already refanged): at least two labels, labels of 1–63 letters, digits,
/// hyphens (not at the ends) or underscores, a known TLD, at most 253 bytes.
pub(crate) fn check_domain(d: &str) -> Option<Domain> {
    let d = d.strip_suffix('.').unwrap_or(d);
    if !d.is_ascii() {
        if d.len() > 4 * 253 {
            return None;
        }
        // An internationalised name is checked, and reported, in its ASCII form.
        let ascii: Option<Vec<String>> = d.split('.').map(crate::idn::label_to_ascii).collect();
        let ascii = ascii?.join(".");
        let mut dom = check_domain(&ascii)?;
        dom.flags.insert(Flags::IDN);
        return Some(dom);
    }
    if d.len() > 253 {
        return None;
    }
    // One walk over the bytes (this runs for every dotted token of the text): labels of 1–63
    // label bytes, no hyphen at either end; the last two dots are kept for the checks below.
    let b = d.as_bytes();
    let (mut labels, mut from) = (0, 0);
    let (mut last_dot, mut prev_dot) = (None, None);
    for i in 0..=b.len() {
        if i < b.len() && b[i] != b'.' {
            if !is_label(b[i]) {
                return None;
            }
            continue;
        }
        let l = &b[from..i];
        if l.is_empty() || l.len() > 63 || l[0] == b'-' || l[l.len() - 1] == b'-' {
            return None;
        }
        labels += 1;
        if i < b.len() {
            prev_dot = last_dot;
            last_dot = Some(i);
        }
        from = i + 1;
    }
    let last_dot = last_dot.filter(|_| labels >= 2)?;
    let tld_label = &d[last_dot + 1..];
    let idn = tld_label.len() >= 4 && tld_label[..4].eq_ignore_ascii_case("xn--");
    if !(tld_label.bytes().all(|b| b.is_ascii_alphabetic()) || idn) {
        return None;
    }
    let special = tld::classify(tld_label)?;
    let value = d.to_ascii_lowercase();
    let mut flags = Flags::default();
    let t = &value[last_dot + 1..];
    if special {
        flags.insert(Flags::SPECIAL_TLD);
        match t {
            "test" | "example" | "invalid" => flags.insert(Flags::DOCUMENTATION),
            "localhost" => flags.insert(Flags::LOOPBACK),
            "local" => flags.insert(Flags::PRIVATE),
            _ => {}
        }
    }
    // The label before the TLD: "example.com" and the like are documentation names.
    let reg = &value[prev_dot.map_or(0, |p| p + 1)..last_dot];
    if reg == "example" && matches!(t, "com" | "net" | "org") {
        flags.insert(Flags::DOCUMENTATION);
    }
    Some(Domain { value, flags })
}

/// The authority part of a URL after `scheme://`.
pub(crate) struct Authority {
    /// Byte offset in the input where the path (or query, fragment) starts.
    pub host_end: usize,
    /// Userinfo, host (lowercase) and port, as the value should show them.
    pub normalised: String,
    pub flags: Flags,
}

/// Parses `[userinfo@]host[:port]` at the start of `rest`; the host must be a valid domain,
/// IPv4, bracketed IPv6 or `localhost`.
pub(crate) fn parse_authority(rest: &str) -> Option<Authority> {
    // A backslash ends the host as a slash would (browsers read "http://x.com\\a" as "/a").
    // Byte searches: the bytes sought are ASCII, so their offsets are character boundaries.
    let end = rest
        .bytes()
        .position(|c| matches!(c, b'/' | b'?' | b'#' | b'\\'))
        .unwrap_or(rest.len());
    let auth = &rest[..end];
    let (userinfo, hostport) = match auth.bytes().rposition(|c| c == b'@') {
        Some(i) => (&auth[..=i], &auth[i + 1..]),
        None => ("", auth),
    };
    let (host, port) = if let Some(h) = hostport.strip_prefix('[') {
        let close = h.find(']')?;
        (&hostport[..close + 2], &h[close + 1..])
    } else {
        match hostport.bytes().position(|c| c == b':') {
            Some(i) => (&hostport[..i], &hostport[i..]),
            None => (hostport, ""),
        }
    };
    if !(port.is_empty() || port.starts_with(':') && port[1..].bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (host_value, flags) =
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            // Kept as written (lowercase), not recompressed: the URL is the indicator as published.
            let a = ipv6::parse(inner)?;
            (host.to_ascii_lowercase(), ipv6::flags(&a))
        } else if let Some(o) = ipv4::parse(host) {
            (ipv4::format(o), ipv4::flags(o))
        } else if host.eq_ignore_ascii_case("localhost") {
            ("localhost".to_string(), Flags::LOOPBACK)
        } else {
            let d = check_domain(host)?;
            (d.value, d.flags)
        };
    let normalised = if userinfo.is_empty() && port.is_empty() {
        host_value
    } else {
        [userinfo, &host_value, port].concat()
    };
    Some(Authority {
        host_end: end,
        normalised,
        flags,
    })
}

/// End of a run of URL characters starting at `from`.
fn url_run_end(text: &str, from: usize) -> usize {
    url::run_end(text, from)
}

/// A TLD written "Capitalised" ("end.The") is a missing space after a full stop, not a domain.
fn capitalised(label: &str) -> bool {
    let b = label.as_bytes();
    b.len() >= 2 && b[0].is_ascii_uppercase() && b[1..].iter().all(|c| c.is_ascii_lowercase())
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut covered_until = 0;
    for (a, mut b) in tokens(text.as_bytes()) {
        // A token longer than any indicator it could be (a name of 253 bytes, a file name of 255;
        // a walk back over the letters before it only lengthens it) yields nothing whatever it
        // holds: a megabyte of "1.2.3.…" is not tested byte by byte again below.
        if a < covered_until || b - a > 255 {
            continue;
        }
        let prev = ctx.before(a);
        let next = ctx.byte(b);
        // "user@evil.com" belongs to the e-mail scanner; "re.search(" is code.
        // "%2Fevil.com" is inside percent-encoded text (the decoder reads it whole).
        // With `email` off, an address's domain is reported as a domain.
        let email_part = ctx.wants(IocType::Email) && (prev == Some(b'@') || next == Some(b'@'));
        if email_part || prev == Some(b'%') || next == Some(b'(') {
            continue;
        }
        let mut tok = &text[a..b];
        // A token glued to a non-ASCII letter ("wörterbuch_x.zip") is only a file name's tail.
        // A bidi control before the token is the right-to-left-override file name trick
        // ("invoice\u{202E}fdp.exe" shows as "invoiceexe.pdf"): keep the whole name.
        let prev_char = text[..a].chars().next_back();
        let glued = prev_char.is_some_and(|c| c.is_alphanumeric());
        // A bidi control before a file name is the right-to-left-override trick: the name is kept
        // whole (below). Before a host it hides nothing: the host is still reported.
        let after_bidi = prev_char.is_some_and(is_bidi);
        // After "/" or "\\" a token is a path component — unless the slash ends "://" (a URL's host,
        // reached here when the `url` type is off).
        let in_path = matches!(prev, Some(b'/' | b'\\')) && !text[..a].ends_with("://");
        let defanged = (ctx.defanged)(a, b);
        // The token's labels are never empty (the tokenizer's grammar), so "all digits and dots"
        // is "every label is a number".
        // The first and last dots, and whether every label is a number, in one walk (a
        // token holds a dot and is at most 255 bytes).
        let tb = tok.as_bytes();
        let (mut first_dot, mut last_dot, mut numeric) = (tb.len(), 0, true);
        for (i, &c) in tb.iter().enumerate() {
            if c == b'.' {
                first_dot = first_dot.min(i);
                last_dot = i;
            } else {
                numeric &= c.is_ascii_digit();
            }
        }
        let last = &tok[last_dot + 1..];
        let first = &tok[..first_dot];
        let two_labels = first_dot == last_dot;

        if numeric {
            let Some(o) = ipv4::parse(tok) else { continue };
            if glued || in_path && !defanged {
                continue;
            }
            let mut flags = ipv4::flags(o);
            // "10.0.0.0/8": a prefix length (then not a path) makes a CIDR network.
            if next == Some(b'/') {
                let digits = text[b + 1..].bytes().take_while(u8::is_ascii_digit).count();
                let after = ctx.byte(b + 1 + digits);
                if (1..=2).contains(&digits)
                    && text[b + 1..b + 1 + digits]
                        .parse::<u8>()
                        .is_ok_and(|p| p <= 32)
                    && !after.is_some_and(|c| {
                        c.is_ascii_alphanumeric()
                            || c == b'/'
                            || c == b'.'
                                && ctx.byte(b + 2 + digits).is_some_and(|d| d.is_ascii_digit())
                    })
                {
                    if ctx.wants(IocType::Cidr) {
                        let end = b + 1 + digits;
                        out.push(
                            Candidate::new(a, end, IocType::Cidr, ipv4::format(o) + &text[b..end])
                                .flag(flags),
                        );
                        covered_until = end;
                    } else if ctx.wants(IocType::Ipv4) {
                        // With `cidr` off a network gives way to its address, as a URL with
                        // `url` off gives way to its host.
                        out.push(Candidate::new(a, b, IocType::Ipv4, ipv4::format(o)).flag(flags));
                    }
                    continue;
                }
            }
            if ctx.wants(IocType::Url) {
                if let Some(end) = schemeless_url(ctx, b) {
                    out.push(url_candidate(ctx, a, b, end, ipv4::format(o), flags));
                    covered_until = end;
                    continue;
                }
            }
            if ipv4::version_context(&text[..a]) && !defanged {
                flags.insert(Flags::VERSION_LIKE);
            }
            if ctx.wants(IocType::Ipv4) {
                out.push(Candidate::new(a, b, IocType::Ipv4, ipv4::format(o)).flag(flags));
            }
            continue;
        }

        if detection_name(&text[..a]) || code_token(tok, first, defanged) {
            continue;
        }
        if let Some(d) = (!glued && !in_path).then(|| check_domain(tok)).flatten() {
            let file_like = !defanged && two_labels && filename::is_file_like_tld(last);
            if file_like {
                if ctx.wants(IocType::Filename) {
                    out.push(Candidate::new(a, b, IocType::Filename, tok.to_string()));
                }
                continue;
            }
            if capitalised(last) && !defanged {
                continue;
            }
            // "Cointrazer.app/Contents/MacOS/x": an application bundle path, not a URL.
            let bundle = !defanged
                && next == Some(b'/')
                && (last.eq_ignore_ascii_case("app") || filename::is_file_like_tld(last));
            if bundle {
                if ctx.wants(IocType::Filename) {
                    out.push(Candidate::new(a, b, IocType::Filename, tok.to_string()));
                }
                continue;
            }
            if ctx.wants(IocType::Url) {
                if let Some(end) = schemeless_url(ctx, b) {
                    out.push(url_candidate(ctx, a, b, end, d.value, d.flags));
                    covered_until = end;
                    continue;
                }
            }
            if ctx.wants(IocType::Domain) {
                let mut c = Candidate::new(a, b, IocType::Domain, d.value);
                c.flags = d.flags;
                out.push(c);
            }
            continue;
        }
        if filename::is_extension(last)
            && ctx.wants(IocType::Filename)
            && first.bytes().any(|c| c.is_ascii_alphanumeric())
        {
            let mut start = a;
            if glued || after_bidi {
                // Walk back over the letters of the name (bounded: a name is short).
                for (i, c) in text[..a].char_indices().rev().take(64) {
                    if c.is_alphanumeric() || c == '-' || c == '_' || is_bidi(c) {
                        start = i;
                    } else {
                        break;
                    }
                }
                if start < covered_until {
                    continue;
                }
            }
            tok = &text[start..b];
            b = a.max(b);
            // File systems cap a name at 255 bytes; a longer run is not a file name.
            if tok.len() <= 255 {
                out.push(Candidate::new(start, b, IocType::Filename, tok.to_string()));
            }
        }
    }
}

/// Bidirectional-text controls (LRE…RLO, LRI…PDI, LRM, RLM).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Antivirus detection names (`Win32/Spy.AHK.AD`, `VBS/TrojanDownloader.Agent.PYC`) look like
/// domains and file names; the platform prefix before the slash gives them away.
fn detection_name(before: &str) -> bool {
    const PLATFORMS: &[&str] = &[
        "android",
        "bat",
        "doc",
        "dos",
        "html",
        "ios",
        "java",
        "js",
        "linux",
        "lnk",
        "macos",
        "msil",
        "multi",
        "osx",
        "pdf",
        "perl",
        "php",
        "powershell",
        "python",
        "script",
        "unix",
        "vba",
        "vbs",
        "win32",
        "win64",
        "xls",
    ];
    let Some(rest) = before.strip_suffix('/') else {
        return false;
    };
    let word_start = rest.len()
        - rest
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
    let word = &rest[word_start..];
    // Detection names are written "Win32/…", "MSIL/…": a capital first letter.
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && PLATFORMS.contains(&word.to_ascii_lowercase().as_str())
}

/// Code and product names that parse as domains: `document.location.host`, `window.open`,
/// `ASP.NET`. Written defanged, they are indicators after all.
fn code_token(tok: &str, first: &str, defanged: bool) -> bool {
    if defanged {
        return false;
    }
    const GLOBALS: &[&str] = &[
        "console",
        "document",
        "globalThis",
        "location",
        "navigator",
        "self",
        "this",
        "window",
    ];
    if GLOBALS.contains(&first) {
        return true;
    }
    // The .NET family ("ASP.NET", "VB.NET", "ADO.NET"): an all-caps name before ".NET".
    tok.ends_with(".NET") && !tok.bytes().any(|c| c.is_ascii_lowercase())
}

/// Where `host/path` or `host:port/path` written without a scheme ends, for a host token
/// ending at `b`; `None` if no path follows.
fn schemeless_url(ctx: &Ctx, b: usize) -> Option<usize> {
    let text = ctx.text;
    let mut p = b;
    if ctx.byte(p) == Some(b':') {
        let digits = text[p + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 5 {
            return None;
        }
        p += 1 + digits;
    }
    if ctx.byte(p) != Some(b'/') {
        return None;
    }
    let run_end = url_run_end(text, p);
    // "oceansurvey[.]club/upload/<VICTIM_ID>": a templated path is not a concrete URL; the host
    // alone is the indicator.
    if ctx.byte(run_end) == Some(b'<') || text[p..run_end].contains(['{', '}']) {
        return None;
    }
    let end = p + url::trim_end(&text[p..run_end]);
    // "evil.com/" alone is the domain and a slash; a URL needs a path.
    (end > p + 1).then_some(end)
}

/// The scheme-less URL `a..end` whose host token `a..b` has the value `host`.
fn url_candidate(ctx: &Ctx, a: usize, b: usize, end: usize, host: String, f: Flags) -> Candidate {
    let mut value = host;
    value.push_str(&ctx.text[b..end]);
    Candidate::new(a, end, IocType::Url, value)
        .flag(f)
        .flag(Flags::NO_SCHEME)
}

#[cfg(test)]
mod tests {
    use super::tokens;

    /// The hand tokenizer yields the leftmost-first matches of the pattern it replaced, on runs
    /// cut by "..", trailing dots, hyphens and long digit-and-dot runs.
    #[test]
    fn tokens_are_the_pattern_matches() {
        let re = regex::Regex::new(r"[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+").unwrap();
        let long = "1.22.333.".repeat(50);
        let texts = [
            "a.b",
            "a.b.",
            "a..b.c..d.e.f",
            "-x.y -.z a-.b-. .a.b",
            "evil.com/x.y..z...w.v.",
            "1.2.3.4.5..6.7.8.9.10.",
            "x.y@z.w %2Fa.b c.d(e.f)",
            long.as_str(),
            "é.a.b€c.d",
        ];
        for t in texts {
            let want: Vec<_> = re.find_iter(t).map(|m| (m.start(), m.end())).collect();
            let got: Vec<_> = tokens(t.as_bytes()).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }
}
