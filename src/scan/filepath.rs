//! File paths, Windows and Unix, as written.
//!
//! Windows: `C:\Users\Public\x.exe`, `C:/x/y`, `%APPDATA%\Microsoft\x.dll`, `\\server\share\x`
//! (also `\\.\pipe\x`), root-relative `\Windows\Temp\x` under a well-known top folder, and the
//! doubled backslashes of code and JSON (`C:\\Windows\\x.dll`).
//! Unix: `/tmp/.x/y`, `/etc/cron.d/x`, `~/Library/LaunchAgents/com.x.plist`, `$HOME/.bashrc`. A
//! Unix path needs a boundary before its leading `/` (so `and/or` and URL paths are not paths) and
//! two components under a well-known top directory (`/tmp/x`, `/var/lib`); under any other, a first
//! component of more than one letter and three components or a file name (`/opt2/x.sh`). So
//! command switches such as `/c`, `/f` or `/s/q` are not paths (ioc-finder reports them).
//!
//! A component may contain single spaces (`C:\Program Files\Foo\bar.exe`) only when more path
//! follows it, with a bounded number of words, so a path does not run on into the sentence after
//! it. Trailing sentence punctuation and unbalanced closing brackets are trimmed.
//!
//! Linear: anchors come from one automaton pass per form; the walk from an anchor reads the path
//! once, backing off at most one bounded spaced component, and anchors inside text a walk has
//! read are skipped.

use super::{byte_table, Candidate, Ctx};
use crate::types::IocType;

/// At most this many extra space-separated words in one component ("Windows Defender Advanced
/// Threat Protection" has four).
const MAX_WORDS: usize = 6;
/// The longest word of a spaced component.
const MAX_WORD: usize = 64;

// The anchors of each form, found by hand from a trigger byte (memchr) instead of five regex
// passes; each yields the spans its old pattern's leftmost-first, non-overlapping matches had
// (the pattern is quoted above each). All steps are forced by the next byte (an optional part is
// taken exactly when its byte is there), so there is no backtracking, and each hit costs bounded
// work (a UNC host run is walked once: the next backslash search resumes after it).

/// Spans found from trigger offsets: `at(h)` is the match whose search starts at trigger `h`
/// (or none); a hit before the previous match's end is skipped, as a regex pass resumes there.
fn spans<'a>(
    hits: impl Iterator<Item = usize> + 'a,
    at: impl Fn(usize, usize) -> Option<(usize, usize)> + 'a,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut pos = 0;
    hits.filter_map(move |h| {
        if h < pos {
            return None;
        }
        let m = at(h, pos)?;
        pos = m.1;
        Some(m)
    })
}

/// 1 if `s[i]` is `c`, else 0: an optional byte, taken when it is there.
fn opt(s: &[u8], i: usize, c: u8) -> usize {
    usize::from(s.get(i) == Some(&c))
}

/// `(?i-u)[a-z]:(?:\\\\?|/)`, from each `:`.
fn drive_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans(memchr::memchr_iter(b':', s), move |c, pos| {
        let p = c.checked_sub(1).filter(|&p| p >= pos)?;
        if !s[p].is_ascii_alphabetic() {
            return None;
        }
        match s.get(c + 1) {
            Some(b'\\') => Some((p, c + 2 + opt(s, c + 2, b'\\'))),
            Some(b'/') => Some((p, c + 2)),
            _ => None,
        }
    })
}

/// `%[A-Za-z_][A-Za-z0-9_()\-]{0,63}%\\\\?`, from each `%`.
fn env_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans(memchr::memchr_iter(b'%', s), move |p, _| {
        if !s
            .get(p + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
        {
            return None;
        }
        let name = |c: &&u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'(' | b')' | b'-');
        let r = s[p + 2..].iter().take(64).take_while(name).count();
        let q = p + 2 + r;
        (r <= 63 && s.get(q) == Some(&b'%') && s.get(q + 1) == Some(&b'\\'))
            .then(|| (p, q + 2 + opt(s, q + 2, b'\\')))
    })
}

/// `\\\\(?:[?.]\\[A-Za-z]:\\|[A-Za-z0-9_.$?\-]+\\\\?)`, from each `\`.
fn unc_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans(memchr::memchr_iter(b'\\', s), move |p, _| {
        if s.get(p + 1) != Some(&b'\\') {
            return None;
        }
        // The device / long-path prefix first, as the alternation tried it first.
        if let Some([b'?' | b'.', b'\\', l, b':', b'\\']) = s.get(p + 2..p + 7) {
            if l.is_ascii_alphabetic() {
                return Some((p, p + 7));
            }
        }
        let host =
            |c: &&u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$' | b'?' | b'-');
        let r = s[(p + 2).min(s.len())..].iter().take_while(host).count();
        let q = p + 2 + r;
        (r >= 1 && s.get(q) == Some(&b'\\')).then(|| (p, q + 1 + opt(s, q + 1, b'\\')))
    })
}

/// `(?i-u)\\(?:windows|users|programdata|program files(?: \(x86\))?|perflogs|temp|documents and
/// settings|\$recycle\.bin|system volume information)\\\\?`, from each `\`.
fn root_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    const ROOTS: &[&[u8]] = &[
        b"windows",
        b"users",
        b"programdata",
        b"program files (x86)",
        b"program files",
        b"perflogs",
        b"temp",
        b"documents and settings",
        b"$recycle.bin",
        b"system volume information",
    ];
    spans(memchr::memchr_iter(b'\\', s), move |p, _| {
        ROOTS.iter().find_map(|name| {
            let e = p + 1 + name.len();
            let hit = s
                .get(p + 1..e)
                .is_some_and(|w| w.eq_ignore_ascii_case(name))
                && s.get(e) == Some(&b'\\');
            hit.then(|| (p, e + 1 + opt(s, e + 1, b'\\')))
        })
    })
}

/// `(?:~|\$HOME|\$\{HOME\})?/`, from each `/`: every slash matches, with the prefix before it
/// when the prefix lies after the previous match.
fn unix_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans(memchr::memchr_iter(b'/', s), move |q, pos| {
        let before = &s[..q];
        let plen = if before.ends_with(b"~") {
            1
        } else if before.ends_with(b"$HOME") {
            5
        } else if before.ends_with(b"${HOME}") {
            7
        } else {
            0
        };
        let p = q - plen;
        Some((if p >= pos { p } else { q }, q + 1))
    })
}

/// Unicode characters that end a path as they end a URL: spaces, quotes, CJK brackets and
/// full-width punctuation.
fn unicode_stop(c: char) -> bool {
    matches!(c,
        '\u{A0}' | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{3000}'..='\u{3002}'
        | '\u{300C}'..='\u{300F}' | '\u{FF08}' | '\u{FF09}' | '\u{FF0C}' | '\u{FF1C}' | '\u{FF1E}'
        | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{AB}' | '\u{BB}' | '\u{FEFF}')
}

/// Characters that end a Windows path component: the reserved `\ / : * ? " < > |`, and
/// `,` `;` `` ` `` which end a path in prose.
const WIN_STOP: &str = "\\/:*?\"<>|,;`";
/// Characters that end a Unix path component: brackets, quotes and `=` are legal in Unix names,
/// but in prose they wrap or introduce a path.
const UNIX_STOP: &str = "\\/:*?\"'<>|,;`()[]{}=";

/// A character of a Windows path component (and of a registry key name).
pub(crate) fn win_char(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || WIN_STOP.contains(c) || unicode_stop(c))
}

/// A character of a Unix path component.
fn unix_char(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || UNIX_STOP.contains(c) || unicode_stop(c))
}

/// Whether ASCII byte `c` is a component character given the stop characters: ASCII spaces and
/// controls are the bytes up to 0x20 and 0x7F.
const fn ascii_comp(c: u8, stop: &[u8]) -> bool {
    if c <= 0x20 || c >= 0x7F {
        return false;
    }
    let mut i = 0;
    while i < stop.len() {
        if stop[i] == c {
            return false;
        }
        i += 1;
    }
    true
}

/// [`win_char`] and [`unix_char`] on ASCII bytes, as tables (non-ASCII bytes are `false`: their
/// characters are decoded and tested by the function). Component runs are walked byte by byte.
const WIN_ASCII: [bool; 256] = byte_table!(|c| ascii_comp(c, WIN_STOP.as_bytes()));
const UNIX_ASCII: [bool; 256] = byte_table!(|c| ascii_comp(c, UNIX_STOP.as_bytes()));

/// Lower-case words that join a path to the next part of a sentence ("copied C:\a.exe to
/// Temp\b.exe"): never part of a spaced component.
const PROSE_WORDS: &[&str] = &[
    "as", "at", "by", "from", "in", "inside", "into", "is", "on", "onto", "or", "then", "to",
    "under", "using", "via", "was", "with",
];

/// Registry hive names: a word that is one starts a new indicator, not more of this one.
const HIVES: &[&str] = &[
    "HKCC",
    "HKCR",
    "HKCU",
    "HKLM",
    "HKU",
    "HKEY_CLASSES_ROOT",
    "HKEY_CURRENT_CONFIG",
    "HKEY_CURRENT_USER",
    "HKEY_LOCAL_MACHINE",
    "HKEY_USERS",
];

fn is_hive(w: &str) -> bool {
    let w = w.strip_suffix(':').unwrap_or(w);
    HIVES.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// How to walk one kind of path.
pub(crate) struct Style {
    /// Component characters.
    pub comp: fn(char) -> bool,
    /// `comp` on ASCII bytes (false on the others).
    pub ascii: &'static [bool; 256],
    /// The separator byte.
    pub sep: u8,
    /// Whether a doubled separator (`\\` in code) counts as one.
    pub doubled: bool,
    /// Whether a word after a space may start a spaced component's next word.
    pub word: fn(&str) -> bool,
}

/// A word continuing a Windows component or registry key name after a space: starts with a
/// letter, digit or opening bracket (`Program Files (x86)`), and is not a joining word of prose
/// or a registry hive.
fn win_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '(' | '[' | '{'))
        && !PROSE_WORDS.contains(&w)
        && !is_hive(w)
}

/// A word continuing a Unix component: capitalised or a number (`Application Support`,
/// `Google Chrome.app`), since lower-case words after a path are the sentence going on.
fn unix_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
}

pub(crate) const WINDOWS: Style = Style {
    comp: win_char,
    ascii: &WIN_ASCII,
    sep: b'\\',
    doubled: true,
    word: win_word,
};
const WINDOWS_SLASH: Style = Style {
    comp: win_char,
    ascii: &WIN_ASCII,
    sep: b'/',
    doubled: false,
    word: win_word,
};
const UNIX: Style = Style {
    comp: unix_char,
    ascii: &UNIX_ASCII,
    sep: b'/',
    doubled: false,
    word: unix_word,
};

/// End of the run of component characters from `from`, or `None` if it is longer than `max`
/// bytes. ASCII bytes are tested by table; only other characters are decoded.
fn run_end(text: &str, from: usize, s: &Style, max: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut end = from;
    while end < b.len() {
        let c = b[end];
        if s.ascii[usize::from(c)] {
            end += 1;
        } else if c < 0x80 {
            break;
        } else {
            match text[end..].chars().next() {
                Some(ch) if (s.comp)(ch) => end += ch.len_utf8(),
                _ => break,
            }
        }
        if end - from > max {
            return None;
        }
    }
    Some(end)
}

/// Length of the separator at `i` (0 if none).
fn sep_len(b: &[u8], i: usize, s: &Style) -> usize {
    if b.get(i) != Some(&s.sep) {
        0
    } else if s.doubled && b.get(i + 1) == Some(&s.sep) {
        2
    } else {
        1
    }
}

/// Walks components from `from` (just after a separator) and returns where the path ends: after
/// the last component, or after a trailing separator.
pub(crate) fn walk(text: &str, from: usize, s: &Style) -> usize {
    let b = text.as_bytes();
    let (mut pos, mut end) = (from, from);
    loop {
        let run = run_end(text, pos, s, usize::MAX).unwrap_or(pos);
        if run == pos {
            return end;
        }
        let mut comp_end = run;
        // "Program Files\…": words after single spaces join the component only if the
        // component then goes on to a separator.
        let mut q = run;
        for _ in 0..MAX_WORDS {
            if b.get(q) != Some(&b' ') {
                break;
            }
            let Some(w_end) = run_end(text, q + 1, s, MAX_WORD) else {
                break;
            };
            if w_end == q + 1 || !(s.word)(&text[q + 1..w_end]) {
                break;
            }
            q = w_end;
            if b.get(q) == Some(&s.sep) {
                comp_end = q;
                break;
            }
        }
        end = comp_end;
        let sl = sep_len(b, end, s);
        if sl == 0 {
            return end;
        }
        end += sl;
        pos = end;
    }
}

/// Trims trailing sentence punctuation and closing brackets the path did not open; returns the
/// new end. Bracket counts are taken once, so this is linear in the path.
pub(crate) fn trim(path: &str) -> usize {
    let b = path.as_bytes();
    // Most paths end in a name: nothing to trim, no brackets to count.
    if !b.last().is_some_and(|c| {
        matches!(
            c,
            b'.' | b'!' | b'\'' | b')' | b']' | b'}' | b'(' | b'[' | b'{'
        )
    }) {
        return b.len();
    }
    let count = |x: u8| b.iter().filter(|&&c| c == x).count();
    let mut open = [count(b'('), count(b'['), count(b'{')];
    let mut close = [count(b')'), count(b']'), count(b'}')];
    let mut end = b.len();
    while end > 0 {
        let k = match b[end - 1] {
            b'.' | b'!' | b'\'' => None,
            b')' => Some(0),
            b']' => Some(1),
            b'}' => Some(2),
            _ => break,
        };
        if let Some(k) = k {
            if close[k] <= open[k] {
                break;
            }
            close[k] -= 1;
        }
        end -= 1;
    }
    // An opening bracket left dangling at the end ("C:\x\(") is not part of the path either.
    while end > 0 && matches!(b[end - 1], b'(' | b'[' | b'{') {
        let k = match b[end - 1] {
            b'(' => 0,
            b'[' => 1,
            _ => 2,
        };
        open[k] -= 1;
        end -= 1;
    }
    end
}

/// Non-empty components of `rest` split on `sep`.
fn components(rest: &str, sep: char) -> usize {
    rest.split(sep).filter(|c| !c.is_empty()).count()
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// Walks from an anchor `a..anchor_end` and pushes the path if it has at least `min`
/// components after the anchor. Returns where the walk stopped.
fn emit(
    ctx: &Ctx,
    out: &mut Vec<Candidate>,
    a: usize,
    anchor_end: usize,
    style: &Style,
    min: usize,
) -> usize {
    let text = ctx.text;
    let walked = walk(text, anchor_end, style);
    let end = a + trim(&text[a..walked]);
    if end > anchor_end && components(&text[anchor_end..end], style.sep as char) >= min {
        out.push(Candidate::new(
            a,
            end,
            IocType::Filepath,
            text[a..end].to_string(),
        ));
    }
    walked
}

fn scan_windows(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let word_before =
        |i: usize| prev_char(text, i).is_some_and(|c| c.is_alphanumeric() || c == '_');

    let mut covered = 0;
    let bytes = text.as_bytes();
    for (a, b) in drive_spans(bytes) {
        if a < covered || word_before(a) {
            continue;
        }
        let style = if bytes[b - 1] == b'/' {
            &WINDOWS_SLASH
        } else {
            &WINDOWS
        };
        covered = emit(ctx, out, a, b, style, 1);
    }

    covered = 0;
    for (a, b) in env_spans(bytes) {
        if a < covered || word_before(a) || prev_char(text, a) == Some('%') {
            continue;
        }
        covered = emit(ctx, out, a, b, &WINDOWS, 1);
    }

    covered = 0;
    for (a, b) in unc_spans(bytes) {
        let p = prev_char(text, a);
        // "\\VarFileInfo\\Translation" is a C-escaped "\VarFileInfo\Translation", not a share: an
        // escaped UNC path would start with four backslashes.
        if a < covered || word_before(a) || p == Some('\\') || text[a..b].ends_with("\\\\") {
            continue;
        }
        covered = emit(ctx, out, a, b, &WINDOWS, 1);
    }

    covered = 0;
    for (a, b) in root_spans(bytes) {
        let p = prev_char(text, a);
        // After a drive or a variable this is the middle of a longer path, found above.
        if a < covered
            || word_before(a)
            || matches!(p, Some('\\' | ':' | '%' | '.' | '-' | '$' | '~'))
        {
            continue;
        }
        covered = emit(ctx, out, a, b, &WINDOWS, 1);
    }
}

/// Top-level directories of Linux, Android, BSD and macOS file systems.
const UNIX_ROOTS: &[&str] = &[
    "Applications",
    "Library",
    "Network",
    "System",
    "Users",
    "Volumes",
    "bin",
    "boot",
    "cores",
    "data",
    "dev",
    "etc",
    "home",
    "lib",
    "lib32",
    "lib64",
    "libexec",
    "media",
    "mnt",
    "opt",
    "private",
    "proc",
    "root",
    "run",
    "sbin",
    "sdcard",
    "snap",
    "srv",
    "storage",
    "sys",
    "system",
    "tmp",
    "usr",
    "var",
];

/// A line of base64 as in PEM blocks: long, only base64 characters, mixed case and digits.
fn base64_line(line: &str) -> bool {
    let b = line.trim_end_matches('\r').as_bytes();
    b.len() >= 40
        && b[0] != b'/'
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))
        && b.iter().any(u8::is_ascii_uppercase)
        && b.iter().any(u8::is_ascii_lowercase)
        && b.iter().any(u8::is_ascii_digit)
}

/// Whether `a..end` is a whole line next to a line of base64: base64 lines start with `/` too
/// ("/tVNZ/nMEj1J/Loj0QIDAQAB" ending a PEM key). Looks at most one line (≤ 128 bytes) each way.
fn in_base64_block(text: &str, a: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let line_start = a == 0 || b[a - 1] == b'\n';
    let line_end = matches!(b.get(end), None | Some(b'\n' | b'\r'));
    if !(line_start && line_end) {
        return false;
    }
    // The line before: from the previous newline (within the window) to a - 1.
    let stop = a.saturating_sub(1);
    let lo = stop.saturating_sub(129);
    let prev = match memchr::memrchr(b'\n', &b[lo..stop]) {
        Some(p) => Some(&text[lo + p + 1..stop]),
        None if lo == 0 => Some(&text[..stop]),
        None => None,
    };
    let mut from = end;
    if b.get(from) == Some(&b'\r') {
        from += 1;
    }
    let next = if b.get(from) == Some(&b'\n') {
        let hi = b.len().min(from + 1 + 129);
        match memchr::memchr(b'\n', &b[from + 1..hi]) {
            Some(p) => Some(&text[from + 1..from + 1 + p]),
            None if hi == b.len() => Some(&text[from + 1..]),
            None => None,
        }
    } else {
        None
    };
    prev.is_some_and(base64_line) || next.is_some_and(base64_line)
}

fn scan_unix(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut covered = 0;
    for (a, m_end) in unix_spans(text.as_bytes()) {
        if a < covered {
            continue;
        }
        // "and/or", "evil.com/x", "C:/x", "a-/b", "../x": the slash is inside something else.
        if prev_char(text, a).is_some_and(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    '_' | '-'
                        | '.'
                        | '/'
                        | '\\'
                        | ':'
                        | '%'
                        | '$'
                        | '~'
                        | '@'
                        | '#'
                        | '&'
                        | '+'
                        | '*'
                )
        }) {
            continue;
        }
        let walked = walk(text, m_end, &UNIX);
        covered = walked;
        let end = a + trim(&text[a..walked]);
        if end <= m_end {
            continue;
        }
        let rest = &text[m_end..end];
        let n = components(rest, '/');
        let first = rest.split('/').next().unwrap_or_default();
        let last = rest
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let ok = if m_end - a > 1 {
            n >= 1 // "~/x", "$HOME/x"
        } else if UNIX_ROOTS.contains(&first) {
            n >= 2
        } else {
            // "/api/v1/x", "/opt2/x.sh"; not "/s/q" or "/r/x"; not a line of base64.
            first.chars().count() >= 2
                && (n >= 3 || n == 2 && last.contains('.'))
                && !rest.contains('+')
                && !in_base64_block(text, a, end)
        };
        if ok {
            out.push(Candidate::new(
                a,
                end,
                IocType::Filepath,
                text[a..end].to_string(),
            ));
        }
    }
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    scan_windows(ctx, out);
    scan_unix(ctx, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_stops_at_prose() {
        let t = "C:\\Program Files\\Foo\\bar.exe and more";
        assert_eq!(
            &t[..walk(t, 3, &WINDOWS)],
            "C:\\Program Files\\Foo\\bar.exe"
        );
        let t = "C:\\x\\Run key and C:\\y";
        assert_eq!(&t[..walk(t, 3, &WINDOWS)], "C:\\x\\Run");
    }

    /// The byte tables agree with the character predicates on every ASCII character.
    #[test]
    fn ascii_tables_match_predicates() {
        for c in 0u8..0x80 {
            assert_eq!(WIN_ASCII[usize::from(c)], win_char(char::from(c)), "{c:#x}");
            assert_eq!(
                UNIX_ASCII[usize::from(c)],
                unix_char(char::from(c)),
                "{c:#x}"
            );
        }
        assert!(!WIN_ASCII[0x80..].iter().any(|&x| x) && !UNIX_ASCII[0x80..].iter().any(|&x| x));
    }

    #[test]
    fn trim_keeps_balanced_brackets() {
        assert_eq!(trim("C:\\a (x86)\\b)."), "C:\\a (x86)\\b".len());
        assert_eq!(trim("/tmp/x..."), "/tmp/x".len());
        assert_eq!(trim("C:\\x\\["), "C:\\x\\".len());
    }
}
