//! Whole YARA rules: from the optional `private` / `global` modifiers and `rule NAME (: tags)? {`
//! to the brace that closes the rule. Braces inside text strings (`"…"` with escapes), regular
//! expressions (`/…/`) and comments do not count; hex strings (`{ 4D 5A ?? }`) are balanced, so
//! they count in pairs. The value is the rule text.
//!
//! Linear: the header pass is one automaton pass; the body pass only moves forward through the
//! text. Rules do not nest, so a new header reached outside a string means the open rule is broken
//! (it is dropped and the new one starts there), and a rule with no closing brace within
//! [`MAX_RULE`] bytes is given up.

use super::{Candidate, Ctx};
use crate::types::IocType;

/// The longest rule the scanner looks for a closing brace in.
const MAX_RULE: usize = 64 * 1024;

fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// ASCII whitespace as the old pattern's `(?-u)\s` meant it.
fn space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Length of the run of `f` bytes at `s[i..]`.
fn run(s: &[u8], i: usize, f: impl Fn(u8) -> bool) -> usize {
    s.get(i..)
        .map_or(0, |r| r.iter().take_while(|&&c| f(c)).count())
}

/// End of an identifier `[A-Za-z_][A-Za-z0-9_]*` at `i`, at most `max` bytes, or `None`.
fn ident(s: &[u8], i: usize, max: usize) -> Option<usize> {
    let first = s
        .get(i)
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_');
    let n = run(s, i, word);
    (first && n <= max).then_some(i + n)
}

/// The start of the `(private|global)\s+` modifier ending just before `end` (the whitespace
/// included), with a word boundary before it, if there is one.
fn modifier_before(s: &[u8], end: usize) -> Option<usize> {
    let w = end - s[..end].iter().rev().take_while(|&&c| space(c)).count();
    if w == end {
        return None;
    }
    ["private", "global"].iter().find_map(|m| {
        let a = w.checked_sub(m.len())?;
        (s[a..w] == *m.as_bytes() && !(a > 0 && word(s[a - 1]))).then_some(a)
    })
}

/// The headers `(?-u)\b((private|global)\s+){0,2}rule\s+[A-Za-z_][A-Za-z0-9_]{0,127}
/// (\s*:\s*[A-Za-z_][A-Za-z0-9_]*([ \t]+[A-Za-z_][A-Za-z0-9_]*)*)?\s*\{` matched (leftmost-first,
/// non-overlapping), found from each "rule" (memmem) by hand instead of a regex pass. Every step
/// is forced by the next byte (a shorter identifier or tag list would leave a word byte that
/// neither `:`, whitespace nor `{` accepts), so no backtracking is needed; the start moves back
/// over at most two modifiers (a word boundary before the first one taken).
fn headers(s: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for r in memchr::memmem::find_iter(s, b"rule") {
        if r < pos || r > 0 && word(s[r - 1]) {
            continue;
        }
        let ws = run(s, r + 4, space);
        if ws == 0 {
            continue;
        }
        let Some(mut j) = ident(s, r + 4 + ws, 128) else {
            continue;
        };
        let k = j + run(s, j, space);
        if s.get(k) == Some(&b':') {
            let t = k + 1 + run(s, k + 1, space);
            let Some(mut e) = ident(s, t, usize::MAX) else {
                continue;
            };
            loop {
                let sp = run(s, e, |c| c == b' ' || c == b'\t');
                match ident(s, e + sp, usize::MAX) {
                    Some(next) if sp > 0 => e = next,
                    _ => break,
                }
            }
            j = e;
        }
        let brace = j + run(s, j, space);
        if s.get(brace) != Some(&b'{') {
            continue;
        }
        // The leftmost start: up to two modifiers back, none before the previous header's end.
        let mut start = r;
        for _ in 0..2 {
            match modifier_before(s, start) {
                Some(a) if a >= pos => start = a,
                _ => break,
            }
        }
        pos = brace + 1;
        out.push((start, pos));
    }
    out
}

/// How a body scan ended.
enum Body {
    /// The rule closes at this offset (exclusive).
    Closed(usize),
    /// No rule here; scanning may resume at this offset.
    Broken(usize),
}

/// Whether a `/` at `i` opens a regular expression: it follows `=` (`$re = /…/`) or the
/// `matches` operator. Otherwise it is division. Looks back a bounded number of bytes.
fn opens_regex(b: &[u8], body_start: usize, i: usize) -> bool {
    let from = i.saturating_sub(16).max(body_start);
    let before = b[from..i].trim_ascii_end();
    before.ends_with(b"=") || before.ends_with(b"matches")
}

/// Skips from `i` (just after an opening delimiter) to just after the closing `close`, honouring
/// backslash escapes. A newline ends the token too: neither strings nor regexes span lines.
fn skip_delimited(b: &[u8], mut i: usize, close: u8, limit: usize) -> usize {
    while i < limit {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            c if c == close => return i + 1,
            _ => i += 1,
        }
    }
    limit
}

/// Scans a rule body from `i` (just after its opening brace). `later` are the starts of the
/// rule headers after this one: one reached outside a string or comment means this rule never
/// closed; one inside a string (`$s = "rule x {"`) is part of this rule.
fn body(b: &[u8], start: usize, mut i: usize, later: &[usize]) -> Body {
    let limit = b.len().min(start.saturating_add(MAX_RULE));
    let body_start = i;
    let mut depth = 1usize;
    let mut j = 0;
    while i < limit {
        while later.get(j).is_some_and(|&h| h < i) {
            j += 1; // jumped over inside a string, regex or comment
        }
        if later.get(j) == Some(&i) {
            return Body::Broken(i);
        }
        match b[i] {
            b'"' => i = skip_delimited(b, i + 1, b'"', limit),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..limit]).map_or(limit, |p| i + p + 1);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let rest = b.get(i + 2..limit).unwrap_or_default();
                i = memchr::memmem::find(rest, b"*/").map_or(limit, |p| i + 2 + p + 2);
            }
            b'/' if opens_regex(b, body_start, i) => i = skip_delimited(b, i + 1, b'/', limit),
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'}' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Body::Closed(i);
                }
            }
            _ => i += 1,
        }
    }
    Body::Broken(i.max(limit))
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let b = ctx.text.as_bytes();
    let headers = headers(b);
    let starts: Vec<usize> = headers.iter().map(|h| h.0).collect();
    let mut resume = 0;
    for (k, &(start, open_end)) in headers.iter().enumerate() {
        if start < resume {
            continue; // inside an earlier rule's strings, or in text already given up on
        }
        match body(b, start, open_end, &starts[k + 1..]) {
            Body::Closed(end) => {
                let value = ctx.text[start..end].to_string();
                out.push(Candidate::new(start, end, IocType::Yara, value));
                resume = end;
            }
            Body::Broken(at) => resume = at,
        }
    }
}
