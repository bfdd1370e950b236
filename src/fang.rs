//! Refanging: a normalised ("fanged") view of the input in which every defang token is replaced by
//! what it stands for (`evil[.]com` → `evil.com`, `hxxps[://]` → `https://`), plus an exact map
//! back to input byte offsets. The scanners run on the fanged view; spans are mapped back.
//!
//! Every rule looks at a bounded window (a few bytes either side), so the pass is linear. Rules
//! fire only between characters that can be part of an indicator, which is what keeps ordinary
//! prose intact ("shotput" is not "shttput": scheme tokens are only rewritten before `://`).

use std::borrow::Cow;

/// A replaced stretch: `orig_len` input bytes at `orig` became `norm_len` bytes at `norm`.
#[derive(Clone, Copy, Debug)]
struct Seg {
    norm: usize,
    norm_len: usize,
    orig: usize,
    orig_len: usize,
}

/// The fanged view of an input.
#[derive(Debug)]
pub(crate) struct Fanged<'a> {
    /// The normalised text (borrowed when nothing was defanged).
    pub text: Cow<'a, str>,
    segs: Vec<Seg>,
}

impl Fanged<'_> {
    /// A cursor for mapping offsets back: each lookup starts from the previous one's answer.
    pub fn cursor(&self) -> SegCursor<'_> {
        SegCursor {
            segs: &self.segs,
            at: 0,
            touch: 0,
        }
    }
}

/// Looks segments up for offsets that come (nearly) in text order, as the scanners' tokens and
/// the resolved matches do: one binary search per offset over every segment of a defanged
/// report was a tenth of the per-match cost. Each lookup gallops from the previous answer, so
/// near offsets cost O(1) and a far jump O(log distance); the answers are those of
/// `partition_point` over the whole list, whatever order the offsets come in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SegCursor<'a> {
    segs: &'a [Seg],
    /// The last answer for "segments starting at or before p".
    at: usize,
    /// The last answer for "segments ending before a" (see [`SegCursor::is_defanged`]).
    touch: usize,
}

/// `segs.partition_point(pred)` for a predicate true on a prefix, searched outwards from `hint`.
fn gallop(segs: &[Seg], hint: usize, pred: impl Fn(&Seg) -> bool) -> usize {
    let n = segs.len();
    let hint = hint.min(n);
    if hint < n && pred(&segs[hint]) {
        // The answer lies after `hint`: double the step until past it, then bisect.
        let (mut lo, mut step) = (hint + 1, 1);
        while lo + step <= n && pred(&segs[lo + step - 1]) {
            lo += step;
            step *= 2;
        }
        let hi = n.min(lo + step);
        lo + segs[lo..hi].partition_point(pred)
    } else if hint > 0 && !pred(&segs[hint - 1]) {
        // The answer lies before `hint`.
        let (mut hi, mut step) = (hint - 1, 1);
        while hi >= step && !pred(&segs[hi - step]) {
            hi -= step;
            step *= 2;
        }
        let lo = hi.saturating_sub(step);
        lo + segs[lo..hi].partition_point(pred)
    } else {
        hint
    }
}

impl SegCursor<'_> {
    /// The last segment starting at or before normalised offset `p`.
    fn seg_at(&mut self, p: usize) -> Option<Seg> {
        if self.segs.is_empty() {
            return None;
        }
        self.at = gallop(self.segs, self.at, |s| s.norm <= p);
        self.at.checked_sub(1).map(|i| self.segs[i])
    }

    /// Input offset of the byte at normalised offset `p` (or of the end, for `p == len`).
    pub fn orig_start(&mut self, p: usize) -> usize {
        match self.seg_at(p) {
            None => p,
            Some(s) if p < s.norm + s.norm_len => s.orig,
            Some(s) => s.orig + s.orig_len + (p - s.norm - s.norm_len),
        }
    }

    /// Input offset just past the byte at normalised offset `p - 1` (an exclusive end).
    pub fn orig_end(&mut self, p: usize) -> usize {
        if p == 0 {
            return 0;
        }
        let q = p - 1;
        match self.seg_at(q) {
            Some(s) if q < s.norm + s.norm_len => s.orig + s.orig_len,
            _ => self.orig_start(q) + 1,
        }
    }

    /// Whether any replacement touches the normalised span `a..b`.
    pub fn is_defanged(&mut self, a: usize, b: usize) -> bool {
        if self.segs.is_empty() {
            return false;
        }
        let from = a.max(1);
        self.touch = gallop(self.segs, self.touch, |s| s.norm + s.norm_len < from);
        self.segs[self.touch..]
            .iter()
            .take_while(|s| s.norm <= b)
            .any(|s| {
                s.norm + s.norm_len > a && s.norm < b
                    || (s.norm_len == 0 && s.norm > a && s.norm < b)
            })
    }
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}
fn is_label(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}
fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

struct Builder<'a> {
    s: &'a [u8],
    input: &'a str,
    out: String,
    segs: Vec<Seg>,
    copied: usize,
}

impl<'a> Builder<'a> {
    /// The byte before input offset `at`, as the fanged view will have it.
    fn prev(&self, at: usize) -> Option<u8> {
        if at > self.copied {
            Some(self.s[at - 1])
        } else {
            self.out.as_bytes().last().copied()
        }
    }
    fn replace(&mut self, at: usize, len: usize, with: &str) {
        debug_assert!(at >= self.copied);
        if self.out.capacity() == 0 {
            // Refanging mostly shortens the text: one allocation, not one per doubling.
            self.out.reserve(self.input.len() + 16);
        }
        self.out.push_str(&self.input[self.copied..at]);
        self.segs.push(Seg {
            norm: self.out.len(),
            norm_len: with.len(),
            orig: at,
            orig_len: len,
        });
        self.out.push_str(with);
        self.copied = at + len;
    }
}

/// Schemes whose bracketed spelling is recognised anywhere in the word (`htt[p]`).
const KNOWN_SCHEMES: &[&str] = &[
    "ftp", "ftps", "git", "http", "https", "irc", "ldap", "ldaps", "mailto", "rdp", "sftp", "smb",
    "ssh", "tcp", "telnet", "tftp", "udp", "ws", "wss",
];

/// What a possibly defanged scheme word stands for, if it is defanged.
fn refang_scheme(word: &str) -> Option<String> {
    let cleaned: String = word
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '(' | ')'))
        .collect();
    let bracketed = cleaned.len() != word.len();
    let w = cleaned.to_ascii_lowercase();
    // RFC 3986: a scheme starts with a letter.
    if !w.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    if w.is_empty()
        || !w
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'_' | b'+' | b'.' | b'-'))
    {
        return None;
    }
    let b = w.as_bytes();
    let fixed = if w == "hxxp" || w == "hxxps" {
        Some(w.replace("xx", "tt"))
    } else if matches!(w.as_str(), "xxxx" | "meow" | "hpp" | "httx") {
        Some("http".into())
    } else if matches!(w.as_str(), "xxxxs" | "xxxxx" | "meows" | "hpps" | "httxs") {
        Some("https".into())
    } else if matches!(w.as_str(), "fxp" | "ftx" | "fxxp") {
        Some("ftp".into())
    } else if matches!(w.as_str(), "sfxp" | "sftx") {
        Some("sftp".into())
    } else if b.len() >= 3 && b[0] == b'h' && (w.ends_with('p') || w.ends_with("ps")) {
        // h**p, h__p, h00ps, hXtp, h___p: the middle is 1 to 4 mask characters (at least one not 't').
        let mid = &w[1..w.len() - if w.ends_with("ps") { 2 } else { 1 }];
        let ok = (1..=4).contains(&mid.len())
            && mid
                .bytes()
                .all(|c| matches!(c, b'x' | b'*' | b'_' | b'0' | b't'))
            && mid.bytes().any(|c| c != b't');
        ok.then(|| {
            if w.ends_with("ps") {
                "https".into()
            } else {
                "http".into()
            }
        })
    } else {
        None
    };
    match fixed {
        Some(f) => Some(f),
        // "htt[p]", "[https]", "ht[tp]s": brackets inside or around a well-known scheme.
        None if bracketed && KNOWN_SCHEMES.contains(&w.as_str()) => Some(cleaned),
        None => None,
    }
}

fn is_http_like(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    matches!(w.as_str(), "http" | "https" | "ftp" | "sftp" | "ftps")
        || refang_scheme(word).is_some()
}

/// The bytes a rule can start at: the arms of the dispatch in [`fang`] (keep them in step).
const TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"[({<])}\\:_ D/-\xC2\xE2\xE3\xEF";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Builds the fanged view of `input`.
pub(crate) fn fang(input: &str) -> Fanged<'_> {
    let s = input.as_bytes();
    let mut b = Builder {
        s,
        input,
        out: String::new(),
        segs: Vec::new(),
        copied: 0,
    };
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        // Most bytes start no rule: skip them through one table load (the match below is a
        // jump per byte, which dominated the pass, above all in the wasm build).
        if !TRIGGER[c as usize] {
            i += 1;
            continue;
        }
        let step = match c {
            // A bracketed dot after no label byte (nor a non-ASCII letter's: "пример[.]рф") and no
            // space (the spaced forms look further back) can be no dot and no scheme: both rules
            // below return 0 for it. Runs of "[.]"
            // are the worst case of this pass, so it is decided here in two loads.
            b'[' | b'(' | b'{' | b'<'
                if s.get(i + 1) == Some(&b'.')
                    && !b.prev(i).is_some_and(|p| is_label(p) || p >= 0x80)
                    && !(i > 0 && s[i - 1] == b' ') =>
            {
                // The dot starts no rule, nor does a closing bracket after it: the dangling
                // closer rule wants a letter or digit before the dot, and here is an opener. So
                // "[.]" is stepped over whole (one dispatch per token of a "[.][.]…" run).
                match s.get(i + 2) {
                    Some(&n) if TRIGGER[usize::from(n)] && !matches!(n, b']' | b')' | b'}') => 2,
                    Some(_) => 3,
                    None => 2,
                }
            }
            b'[' | b'(' | b'{' | b'<' => match dot_cluster(&mut b, i) {
                0 => bracket(&mut b, i),
                n => n,
            },
            b']' | b')' | b'}' => close_partial(&mut b, i),
            // In a Windows path or registry key ("Java\\.NET35", "HKCR\\.hta") a backslash before a
            // dot is a separator, not a defang.
            b'\\' if s.get(i + 1) == Some(&b'.') && in_backslash_path(s, i) => 0,
            b'\\' => match dot_cluster(&mut b, i) {
                0 => backslash(&mut b, i),
                n => n,
            },
            b':' => colon(&mut b, i),
            b'_' => underscore(&mut b, i),
            b' ' => space(&mut b, i),
            b'D' => bare_dot_word(&mut b, i, b"DOT"),
            b'/' => slashed_word(&mut b, i),
            b'-' => bare_dot_word(&mut b, i, b"-dot-"),
            0xC2 | 0xE2 | 0xE3 | 0xEF => unicode(&mut b, i),
            _ => 0,
        };
        i += if step == 0 { 1 } else { step };
    }
    if b.segs.is_empty() {
        return Fanged {
            text: Cow::Borrowed(input),
            segs: Vec::new(),
        };
    }
    b.out.push_str(&input[b.copied..]);
    Fanged {
        text: Cow::Owned(b.out),
        segs: b.segs,
    }
}

/// The scheme word ending at input offset `end`: letters and mask characters, at most 16 bytes,
/// starting at a word boundary.
fn scheme_word(b: &Builder, end: usize) -> Option<usize> {
    let mut w = end;
    while w > 0 && end - w < 16 {
        let c = b.s[w - 1];
        if c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'*' | b'_' | b'+' | b'.' | b'-' | b'[' | b']' | b'(' | b')'
            )
        {
            w -= 1;
        } else {
            break;
        }
    }
    // A closing bracket cannot start a scheme word ("evil[@]hxxp://": the word is "hxxp"), nor
    // can an opening one that is never closed ("(https://x)": the word is "https").
    loop {
        let word = &b.s[w..end];
        let opens = word.iter().filter(|&&c| matches!(c, b'[' | b'(')).count();
        let closes = word.iter().filter(|&&c| matches!(c, b']' | b')')).count();
        if w < end
            && (matches!(b.s[w], b']' | b')') || matches!(b.s[w], b'[' | b'(') && opens > closes)
        {
            w += 1;
        } else {
            break;
        }
    }
    if w == end
        || w < b.copied
        || b.prev(w).is_some_and(
            |c| matches!(c, b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b']' | b')' | b'@' | b'.'),
        )
    {
        return None;
    }
    // A bracketed scheme's opening bracket may sit before the word: "[https]://".
    Some(w)
}

/// Rewrites `scheme SEP` where the separator (at `sep..sep+sep_len`) stands for "://" or ":".
/// Returns the number of input bytes consumed from `sep`, or 0.
fn scheme_sep(
    b: &mut Builder,
    sep: usize,
    sep_len: usize,
    sep_defanged: bool,
    need_http_like: bool,
) -> usize {
    let Some(w) = scheme_word(b, sep) else {
        // A defanged separator is one whatever precedes it ("x[.]y[://]" after a refang), if
        // the scheme word, read in the fanged view, starts with a letter as a scheme must
        // ("1[.]med[://]" is no URL: its word "1.med" starts with a digit).
        if sep_defanged
            && !need_http_like
            && b.prev(sep).is_some_and(|c| c.is_ascii_alphanumeric())
            && fanged_word_starts_with_letter(b, sep)
        {
            b.replace(sep, sep_len, "://");
            return sep_len;
        }
        return 0;
    };
    let word = &b.input[w..sep];
    if need_http_like && !is_http_like(word) {
        return 0;
    }
    match refang_scheme(word) {
        Some(fixed) => {
            let with = format!("{fixed}://");
            b.replace(w, sep - w + sep_len, &with);
            sep_len
        }
        None if sep_defanged => {
            // Known or unknown scheme written plainly, separator defanged: keep the scheme as is.
            if !word.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                return 0;
            }
            b.replace(sep, sep_len, "://");
            sep_len
        }
        None => 0,
    }
}

/// Whether the scheme word (letters, digits, `+ - .`, at most 16 bytes) ending at input offset
/// `end` starts with a letter in the fanged view: the text refang wrote so far, then the input
/// not yet copied.
fn fanged_word_starts_with_letter(b: &Builder, end: usize) -> bool {
    let pending = &b.s[b.copied.min(end)..end];
    let out = b.out.as_bytes();
    // The last bytes of the fanged view before `end` (a rare path: a few bytes copied).
    let mut view = out[out.len().saturating_sub(16)..].to_vec();
    view.extend_from_slice(&pending[pending.len().saturating_sub(16)..]);
    let is_scheme = |c: &&u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.');
    let n = view.iter().rev().take(16).take_while(is_scheme).count();
    n > 0 && view[view.len() - n].is_ascii_alphabetic()
}

fn bracket(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let open = s[i];
    let mut j = i + 1;
    let mut sp = 0;
    while j < s.len() && s[j] == b' ' && sp < 3 {
        j += 1;
        sp += 1;
    }
    // The inner token, longest first.
    let rest = &s[j..s.len().min(j + 6)];
    // Lowercased on the stack: a run of brackets ("[.][.][.]…") reaches here at every byte.
    let mut buf = [0u8; 6];
    let lower = &mut buf[..rest.len()];
    lower.copy_from_slice(rest);
    lower.make_ascii_lowercase();
    let lower = &*lower;
    let (tok, tlen): (&str, usize) = if lower.starts_with(b"://") {
        ("://", 3)
    } else if lower.starts_with(b"dot") {
        (".", 3)
    } else if lower.starts_with(b"at") && !lower.get(2).is_some_and(|c| c.is_ascii_alphanumeric()) {
        ("@", 2)
    } else {
        match lower.first() {
            Some(b'.') | Some(b',') => (".", 1),
            Some(b'@') => ("@", 1),
            Some(b':') => (":", 1),
            Some(b'/') => ("/", 1),
            Some(b'-') => ("-", 1),
            _ => ("", 0),
        }
    };
    let mut k = j + tlen;
    let mut sp2 = 0;
    while k < s.len() && s[k] == b' ' && sp2 < 3 {
        k += 1;
        sp2 += 1;
    }
    let closer = s.get(k).copied();
    let closed = matches!(closer, Some(b']' | b')' | b'}' | b'>'));
    let prev = b.prev(i);
    if !closed {
        // Partial "[." (1.1.1[.1), "[/" (example.com[/test); bracketed schemes "[https]://".
        if open == b'['
            && matches!(tok, "." | "/")
            && sp == 0
            && prev.is_some_and(is_alnum)
            && s.get(k).copied().is_some_and(is_alnum)
        {
            b.replace(i, k - i, tok);
            return k - i;
        }
        return bracketed_scheme(b, i);
    }
    let after = k + 1;
    // "user [at] evil.com", "evil [.] com": one space on each side is absorbed when both are spaced.
    // Up to three spaces on each side ("myuser@example  [  .  ]   com").
    let lsp = (1..=3)
        .take_while(|&n| i > n && i - n >= b.copied && s[i - n] == b' ')
        .count();
    let rsp = (0..3)
        .take_while(|&n| s.get(after + n) == Some(&b' '))
        .count();
    let spaced = lsp > 0 && rsp > 0 && tok != "://";
    let (from, to, prev, next) = if spaced {
        (
            i - lsp,
            after + rsp,
            Some(s[i - lsp - 1]),
            s.get(after + rsp).copied(),
        )
    } else {
        (i, after, prev, s.get(after).copied())
    };
    if open == b'<' && tok != "." {
        return 0;
    }
    let ok = match tok {
        // A label may start with an underscore ("_dmarc[.]evil[.]com", "vil[.]__x[.]com").
        "." => {
            tlen > 0
                && (prev.is_some_and(is_label) && next.is_some_and(|c| is_alnum(c) || c == b'_')
                    || !spaced && unicode_letters_around(b, i, after))
        }
        "" => {
            !spaced && sp == 0 && prev.is_some_and(is_alnum) && next.is_some_and(is_alnum) && k == j
        }
        "@" => prev.is_some_and(is_local) && next.is_some_and(is_alnum),
        ":" if !spaced && s[after..].starts_with(b"//") => {
            // "hxxp[:]//evil": the whole "[:]//" is the scheme separator.
            return scheme_sep(b, i, after + 2 - i, true, false);
        }
        ":" => {
            // "[:][:]ffff[:]…": a defanged "::" may start an address, after anything.
            // The second colon of a "::" may end the address ("2001[:]db8[:][:]").
            !spaced
                && (prev.is_some_and(|c| is_alnum(c) || c == b':' || c == b'[')
                    || s[after..].starts_with(b"[:]"))
                && (prev == Some(b':')
                    || next.is_some_and(|c| is_alnum(c) || matches!(c, b'/' | b'[' | b']')))
        }
        "://" => {
            // "hxxp[://]//evil": slashes right after the token are part of the separator.
            let extra = s[after..]
                .iter()
                .take(16)
                .take_while(|&&c| c == b'/')
                .count();
            return scheme_sep(b, i, after + extra - i, true, false);
        }
        "/" => {
            !spaced
                && prev.is_some_and(|c| is_alnum(c) || matches!(c, b'/' | b'.' | b':'))
                && next.is_some_and(|c| is_alnum(c) || c == b'/')
        }
        "-" => !spaced && prev.is_some_and(is_alnum) && next.is_some_and(is_alnum),
        _ => false,
    };
    if !ok {
        return bracketed_scheme(b, i);
    }
    let tok = if tok.is_empty() { "." } else { tok };
    b.replace(from, to - from, tok);
    to - i
}

/// "[https]://", "(hxxp)://", "[git+ssh]://": a bracketed scheme word directly before a
/// separator. RFC 3986 schemes may hold `+ - .` and digits, up to 16 bytes as the URL scanner
/// reads them (defanging brackets whatever scheme a URL has, so refanging must undo it).
fn bracketed_scheme(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let mut k = i + 1;
    while k < s.len()
        && k - i <= 16
        && (s[k].is_ascii_alphanumeric() || matches!(s[k], b'*' | b'_' | b'+' | b'-' | b'.'))
    {
        k += 1;
    }
    if k == i + 1 || !matches!(s.get(k), Some(b']' | b')')) {
        return 0;
    }
    // With punctuation ("[-]", "[.]" that were no defang), only a real scheme: a letter first.
    let word = &s[i + 1..k];
    if word.iter().any(|c| matches!(c, b'+' | b'-' | b'.')) && !word[0].is_ascii_alphabetic() {
        return 0;
    }
    if b.prev(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b']' | b')' | b'.'))
    {
        // htt[ps]:// — part of a word; let the separator rule see the whole word.
        return 0;
    }
    let sep = k + 1;
    let sep_len = if s[sep.min(s.len())..].starts_with(b"://") {
        3
    } else if s[sep.min(s.len())..].starts_with(b"[://]")
        || s[sep.min(s.len())..].starts_with(b"[:]//")
    {
        5
    } else if s.get(sep) == Some(&b':') && s[i + 1..k].eq_ignore_ascii_case(b"mailto") {
        // "[mailto]:": the one scheme without "//" that defanging brackets (safe-IOC draft).
        b.replace(i, sep + 1 - i, &format!("{}:", &b.input[i + 1..k]));
        return sep + 1 - i;
    } else {
        return 0;
    };
    let sep_len = sep_len
        + s[sep + sep_len..]
            .iter()
            .take(16)
            .take_while(|&&c| c == b'/')
            .count();
    let word = &b.input[i + 1..k];
    let fixed = refang_scheme(word).unwrap_or_else(|| word.to_string());
    b.replace(i, sep + sep_len - i, &format!("{fixed}://"));
    sep + sep_len - i
}

/// Aggressive dot wrappings: any short run of brackets or backslashes, one dot, and another
/// such run, between label characters: `10[[[[.]]]]10`, `1.1.1[.1`, `example\(.\)com`,
/// `10(.10`. The dot is the anchor, so words in brackets ("f(x)") are never touched.
fn dot_cluster(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let opener = |c: u8| matches!(c, b'[' | b'(' | b'{' | b'<' | b'\\');
    let closer = |c: u8| matches!(c, b']' | b')' | b'}' | b'>' | b'\\');
    let mut j = i;
    while j < s.len() && j - i < 8 && opener(s[j]) {
        j += 1;
    }
    if s.get(j) != Some(&b'.') {
        return 0;
    }
    let mut k = j + 1;
    while k < s.len() && k - j <= 8 && closer(s[k]) {
        k += 1;
    }
    // "[.]" and friends: the plain rule handles them (with spacing variants); here only the
    // irregular shapes. "<.>" alone stays with the plain rule too.
    let plain = k - i == 3 && matches!(s[i], b'[' | b'(' | b'{' | b'<');
    if plain || !b.prev(i).is_some_and(is_label) || !s.get(k).copied().is_some_and(is_alnum) {
        return 0;
    }
    b.replace(i, k - i, ".");
    k - i
}

fn close_partial(b: &mut Builder, i: usize) -> usize {
    // "evil.]com", "10.10.10.]]]10": dangling closers after a dot.
    let s = b.s;
    if b.prev(i) != Some(b'.') || i < 2 || !is_alnum(s[i - 2]) {
        return 0;
    }
    let mut k = i;
    while k < s.len() && k - i < 8 && matches!(s[k], b']' | b')' | b'}' | b'\\') {
        k += 1;
    }
    if s.get(k).copied().is_some_and(is_alnum) {
        b.replace(i, k - i, "");
        return k - i;
    }
    0
}

/// Whether the backslash at `i` belongs to a path or registry key: another backslash earlier in
/// the same token (bounded look-back), or right after a drive (`C:`), a `%VAR%` or a hive (`HKCR`).
fn in_backslash_path(s: &[u8], i: usize) -> bool {
    let from = i - s[i.saturating_sub(256)..i]
        .iter()
        .rev()
        .take_while(|c| !c.is_ascii_whitespace())
        .count();
    let before = &s[from..i];
    // A separator backslash is followed by a name ("Java\\.NET35"), not by an escaped bracket
    // ("example\\(.\\)com").
    if before.windows(2).any(|w| {
        w[0] == b'\\' && (w[1].is_ascii_alphanumeric() || matches!(w[1], b'_' | b'%' | b'$'))
    }) {
        return true;
    }
    before.ends_with(b":") || before.ends_with(b"%") || {
        let word_start = before
            .iter()
            .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .map_or(0, |p| p + 1);
        before[word_start..].starts_with(b"HK")
    }
}

fn backslash(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let prev = b.prev(i);
    match s.get(i + 1) {
        Some(b'.') if prev.is_some_and(is_label) && s.get(i + 2).copied().is_some_and(is_alnum) => {
            b.replace(i, 2, ".");
            2
        }
        Some(b'/') if prev.is_some_and(|c| is_alnum(c) || matches!(c, b'/' | b':' | b'.')) => {
            b.replace(i, 2, "/");
            2
        }
        _ => 0,
    }
}

fn colon(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let rest = &s[i..s.len().min(i + 8)];
    if rest.starts_with(b":///") {
        // "http:///evil.com", "http:////evil.com": extra slashes (bounded run).
        let n = s[i + 1..]
            .iter()
            .take(16)
            .take_while(|&&c| c == b'/')
            .count();
        return scheme_sep(b, i, 1 + n, true, true);
    }
    if rest.starts_with(b"://") {
        return scheme_sep(b, i, 3, false, false);
    }
    if rest.starts_with(b":\\/\\/") {
        return scheme_sep(b, i, 5, true, false);
    }
    if rest.starts_with(b":\\\\") && s.get(i + 3).copied().is_some_and(is_alnum) {
        return scheme_sep(b, i, 3, true, true);
    }
    if rest.starts_with(b":__") {
        return scheme_sep(b, i, 3, true, true);
    }
    if rest.starts_with(b": //") {
        return scheme_sep(b, i, 4, true, true);
    }
    if rest.starts_with(b":  //") {
        return scheme_sep(b, i, 5, true, true);
    }
    0
}

fn underscore(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    // "http__evil.com": a double underscore standing for "://", only after an http-like word.
    if s[i..].starts_with(b"__")
        && !s[i..].starts_with(b"___")
        && s.get(i + 2).copied().is_some_and(is_alnum)
        && i > 0
        && s[i - 1].is_ascii_alphabetic()
    {
        return scheme_sep(b, i, 2, true, true);
    }
    0
}

fn space(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    if i >= 3 && &s[i - 3..i] == b"://" {
        return spaced_url(b, i);
    }
    // Spaces are a sixth of prose: leave at once unless a spaced defang could start here.
    if !matches!(
        s.get(i + 1),
        Some(b':' | b'@' | b'.' | b'a' | b'A' | b'd' | b'D')
    ) {
        return 0;
    }
    let rest = &s[i..s.len().min(i + 8)];
    // "https :  //evil": spaces round the scheme separator.
    for sep in [&b" :  //"[..], b" : //", b" ://", b" :// "] {
        if rest.starts_with(sep) {
            return scheme_sep(b, i, sep.len(), true, true);
        }
    }
    let prev = b.prev(i);
    // "user @ evil.com": a spaced at-sign between an address's parts.
    if rest.starts_with(b" @ ")
        && prev.is_some_and(is_local)
        && s.get(i + 3).copied().is_some_and(is_alnum)
    {
        b.replace(i, 3, "@");
        return 3;
    }
    // "user at example[dot]com": a bare "at" is an at-sign only when the domain after it is
    // itself written defanged (iocextract's greedy " at " made "andme@x.org" out of prose).
    // Spelled-out both ways, only in capitals ("user AT example DOT com"): "met him at the dot
    // com party" stays prose.
    let upper = rest.starts_with(b" AT ");
    if (rest.starts_with(b" at ") || upper)
        && prev.is_some_and(is_local)
        && defanged_domain_follows(s, i + 4, upper)
    {
        b.replace(i, 4, "@");
        return 4;
    }
    // "myuser [at] example dot com": a spelled-out dot inside an address whose at-sign is
    // already there (or was just refanged), followed by a TLD.
    if (rest.starts_with(b" dot ") || rest.starts_with(b" DOT "))
        && prev.is_some_and(is_alnum)
        && after_at(b, i)
    {
        let t0 = i + 5;
        let mut t1 = t0;
        while t1 < s.len() && s[t1].is_ascii_alphabetic() {
            t1 += 1;
        }
        if t1 > t0
            && !s.get(t1).copied().is_some_and(is_label)
            && crate::tld::is_tld(&b.input[t0..t1])
        {
            b.replace(i, 5, ".");
            return 5;
        }
    }
    // "evil . com" (Cisco ESA style): a spaced dot, only before a lowercase top-level domain that
    // ends there, so "the end . Next" and ". NET" stay prose.
    if rest.starts_with(b" . ") && prev.is_some_and(is_alnum) {
        let t0 = i + 3;
        let mut t1 = t0;
        while t1 < s.len() && s[t1].is_ascii_lowercase() {
            t1 += 1;
        }
        if t1 > t0 + 1
            && !s.get(t1).copied().is_some_and(is_label)
            && crate::tld::is_tld(&b.input[t0..t1])
        {
            b.replace(i, 3, ".");
            return 3;
        }
    }
    0
}

/// "пример[.]рф", "bücher[.]de": a bracketed dot between letters or digits of which at least one
/// is not ASCII (an internationalised host). Punctuation such as quotes does not count.
fn unicode_letters_around(b: &Builder, i: usize, after: usize) -> bool {
    if i < b.copied {
        return false;
    }
    let before = b.input[..i].chars().next_back();
    let next = b.input.get(after..).and_then(|t| t.chars().next());
    match (before, next) {
        (Some(p), Some(n)) => {
            p.is_alphanumeric() && n.is_alphanumeric() && !(p.is_ascii() && n.is_ascii())
        }
        _ => false,
    }
}

/// "http:// example .com /test" (Cisco ESA's defang, survey variant 9): spaces after an
/// http-like scheme's "://", around the host's dots and before the path. Only where "://" is
/// followed by a space (never in prose) and only when the compacted host ends in a known TLD;
/// `i` is the first space after "://". Returns the input bytes consumed (the spaced host), or 0.
fn spaced_url(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    // The scheme word before "://", as written (letters and mask characters, at most 16).
    let sep = i - 3;
    let mut w = sep;
    while w > 0
        && sep - w < 16
        && (s[w - 1].is_ascii_alphanumeric() || matches!(s[w - 1], b'*' | b'_' | b'[' | b']'))
    {
        w -= 1;
    }
    if w == sep || !is_http_like(&b.input[w..sep]) {
        return 0;
    }
    let spaces = |mut j: usize| {
        let from = j;
        while j < s.len() && j - from < 3 && s[j] == b' ' {
            j += 1;
        }
        j
    };
    let label = |mut j: usize| {
        let from = j;
        while j < s.len() && j - from < 63 && (s[j].is_ascii_alphanumeric() || s[j] == b'-') {
            j += 1;
        }
        j
    };
    let mut host = String::new();
    let mut j = spaces(i);
    let e = label(j);
    if e == j {
        return 0;
    }
    host.push_str(&b.input[j..e]);
    j = e;
    let mut last_label = (j, j);
    let mut end = j;
    // At most 16 more labels: " .com", ". com", " . com" or a plain ".com".
    for _ in 0..16 {
        let d = spaces(j);
        if s.get(d) != Some(&b'.') {
            break;
        }
        let l0 = spaces(d + 1);
        let l1 = label(l0);
        if l1 == l0 {
            break;
        }
        host.push('.');
        host.push_str(&b.input[l0..l1]);
        last_label = (l0, l1);
        j = l1;
        end = l1;
    }
    if last_label.0 == last_label.1 || !crate::tld::is_tld(&b.input[last_label.0..last_label.1]) {
        return 0;
    }
    // " /test": a path after a space belongs to the URL too.
    let p = spaces(end);
    if p > end && s.get(p) == Some(&b'/') {
        end = p;
    }
    if end - i == host.len() {
        return 0; // nothing was spaced apart after all ("http:// evil.com" is handled by colon)
    }
    b.replace(i, end - i, &host);
    end - i
}

/// Whether the label run ending at input offset `i` follows an at-sign in the fanged view.
fn after_at(b: &Builder, i: usize) -> bool {
    let pending = &b.s[b.copied.min(i)..i];
    let out = b.out.as_bytes();
    let tail = out[out.len().saturating_sub(64)..]
        .iter()
        .chain(pending.iter())
        .rev();
    for (n, &c) in tail.enumerate() {
        if c == b'@' {
            return n > 0;
        }
        if !(is_label(c) || c == b'.') || n > 64 {
            return false;
        }
    }
    false
}

/// Whether a domain written with a bracketed dot starts at `from` ("example[dot]com",
/// "example [dot] com", "evil[.]com"): label characters and single spaces up to the token.
fn defanged_domain_follows(s: &[u8], from: usize, spelled_ok: bool) -> bool {
    if !s.get(from).copied().is_some_and(is_alnum) {
        return false;
    }
    let end = s.len().min(from + 64);
    let mut k = from;
    while k < end && (is_label(s[k]) || s[k] == b' ' && s.get(k + 1) != Some(&b' ')) {
        k += 1;
    }
    // The scan above stops at a space before "[dot]" too; step over single spaces.
    let back = if k > from && s[k - 1] == b' ' {
        k - 1
    } else {
        k
    };
    let rest: Vec<u8> = s[back..s.len().min(back + 6)]
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    // Only a spelled dot: a writer who spells "at" as a word spells "dot" too ("myuser at
    // example[dot]com"), while "the payload was hosted at evil[.]com" is prose before a
    // defanged domain, not "hosted@evil.com".
    if ["[dot]", "(dot)", "{dot}", " [dot]", " (dot)"]
        .iter()
        .any(|t| rest.starts_with(t.as_bytes()))
    {
        return true;
    }
    // "example DOT com": a spelled-out dot in capitals, then a top-level domain.
    spelled_ok && spelled_dot_tld(s, from).is_some_and(|k| &s[k + 1..k + 4] == b"DOT")
}

/// Finds " dot " / " DOT " followed by a TLD that ends there, in the label run starting at
/// `from`; returns the offset of the space before "dot".
fn spelled_dot_tld(s: &[u8], from: usize) -> Option<usize> {
    let end = s.len().min(from + 64);
    let mut k = from;
    while k < end && is_label(s[k]) {
        k += 1;
    }
    let w = &s[k..s.len().min(k + 5)];
    if !(w.eq_ignore_ascii_case(b" dot ") && (w[1..4] == *b"dot" || w[1..4] == *b"DOT")) {
        return None;
    }
    let t0 = k + 5;
    let mut t1 = t0;
    while t1 < s.len() && s[t1].is_ascii_alphabetic() {
        t1 += 1;
    }
    let tld = std::str::from_utf8(&s[t0..t1]).ok()?;
    (t1 > t0 && !s.get(t1).copied().is_some_and(is_label) && crate::tld::is_tld(tld)).then_some(k)
}

/// "myuser/AT/example/DOT/com": capitalised words between slashes, between label characters.
fn slashed_word(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let (tok, with) = if s[i..].starts_with(b"/AT/") {
        (4, "@")
    } else if s[i..].starts_with(b"/DOT/") {
        (5, ".")
    } else {
        return 0;
    };
    // Only after a bare word ("myuser/AT/…") or an address part ("…@example/DOT/com"), never
    // inside a path or URL ("https://x.com/AT/y").
    let pending = &s[b.copied.min(i)..i];
    let out = b.out.as_bytes();
    let mut before = pending
        .iter()
        .rev()
        .chain(out[out.len().saturating_sub(64)..].iter().rev());
    let word_len = before
        .clone()
        .take(65)
        .take_while(|&&c| is_label(c) || c == b'.')
        .count();
    let boundary = before.nth(word_len).copied();
    let ok_boundary = match boundary {
        None => true,
        Some(c) => c.is_ascii_whitespace() || matches!(c, b'@' | b'(' | b'"' | b'\'' | b'<'),
    };
    if word_len > 0
        && word_len <= 64
        && ok_boundary
        && s.get(i + tok).copied().is_some_and(is_alnum)
    {
        b.replace(i, tok, with);
        return tok;
    }
    0
}

/// "evilDOTcom", "evil-dot-com": a bare dot word between lowercase label characters.
fn bare_dot_word(b: &mut Builder, i: usize, word: &[u8]) -> usize {
    let s = b.s;
    if !s[i..].starts_with(word) {
        return 0;
    }
    let prev = b.prev(i);
    let next = s.get(i + word.len()).copied();
    if prev.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && next.is_some_and(|c| c.is_ascii_lowercase())
    {
        b.replace(i, word.len(), ".");
        return word.len();
    }
    0
}

fn unicode(b: &mut Builder, i: usize) -> usize {
    let s = b.s;
    let rest = &s[i..s.len().min(i + 3)];
    let prev = b.prev(i);
    let next = |n: usize| s.get(i + n).copied();
    // Zero-width characters and the soft hyphen are invisible: they only ever hide an indicator.
    for zw in [
        &[0xE2, 0x80, 0x8B][..],
        &[0xE2, 0x80, 0x8C],
        &[0xE2, 0x80, 0x8D],
        &[0xE2, 0x81, 0xA0],
        &[0xEF, 0xBB, 0xBF],
        &[0xC2, 0xAD],
    ] {
        if rest.starts_with(zw) && prev.is_some_and(|c| c != b' ') {
            b.replace(i, zw.len(), "");
            return zw.len();
        }
    }
    // Fullwidth and ideographic full stops, katakana middle dot, one-dot leader: dots between ASCII labels.
    for dot in [
        &[0xEF, 0xBC, 0x8E][..],
        &[0xE3, 0x80, 0x82],
        &[0xEF, 0xBD, 0xA1],
        &[0xE3, 0x83, 0xBB],
        &[0xE2, 0x80, 0xA4],
    ] {
        if rest.starts_with(dot) && prev.is_some_and(is_label) && next(3).is_some_and(is_alnum) {
            b.replace(i, 3, ".");
            return 3;
        }
    }
    // Fullwidth commercial at.
    if rest.starts_with(&[0xEF, 0xBC, 0xA0])
        && prev.is_some_and(is_local)
        && next(3).is_some_and(is_alnum)
    {
        b.replace(i, 3, "@");
        return 3;
    }
    0
}

/// Refangs a whole text: every defang token replaced (the fanged view of the scanners).
pub fn refang(text: &str) -> String {
    fang(text).text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor gives `partition_point`'s answers whatever order the offsets come in (forward,
    /// backward, far jumps), on a text with many segments of every length (0, shorter, longer).
    #[test]
    fn cursor_matches_binary_search() {
        let unit = "a[.]b hxxp[://]c\u{200B}d[.]e ";
        let text = unit.repeat(40);
        let f = fang(&text);
        assert!(f.segs.len() > 100);
        let n = f.text.len();
        let reference_start = |p: usize| {
            let i = f.segs.partition_point(|s| s.norm <= p);
            match i.checked_sub(1).map(|i| f.segs[i]) {
                None => p,
                Some(s) if p < s.norm + s.norm_len => s.orig,
                Some(s) => s.orig + s.orig_len + (p - s.norm - s.norm_len),
            }
        };
        let reference_end = |p: usize| {
            let Some(q) = p.checked_sub(1) else { return 0 };
            let i = f.segs.partition_point(|s| s.norm <= q);
            match i.checked_sub(1).map(|i| f.segs[i]) {
                Some(s) if q < s.norm + s.norm_len => s.orig + s.orig_len,
                _ => reference_start(q) + 1,
            }
        };
        let reference_defanged = |a: usize, b: usize| {
            let i = f.segs.partition_point(|s| s.norm + s.norm_len < a.max(1));
            f.segs[i..].iter().take_while(|s| s.norm <= b).any(|s| {
                s.norm + s.norm_len > a && s.norm < b
                    || (s.norm_len == 0 && s.norm > a && s.norm < b)
            })
        };
        let forward: Vec<usize> = (0..=n).collect();
        let backward: Vec<usize> = (0..=n).rev().collect();
        let jumps: Vec<usize> = (0..=n).map(|i| (i * 7919) % (n + 1)).collect();
        for order in [forward, backward, jumps] {
            let mut c = f.cursor();
            for &p in &order {
                assert_eq!(c.orig_start(p), reference_start(p), "start {p}");
                assert_eq!(c.orig_end(p), reference_end(p), "end {p}");
                let b = (p + 5).min(n);
                assert_eq!(c.is_defanged(p, b), reference_defanged(p, b), "{p}..{b}");
            }
        }
    }
}
