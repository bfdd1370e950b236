//! Whole YARA rules: from the optional `private` / `global` modifiers and `rule NAME (: tags)? {`
//! to the brace that closes the rule. Braces inside text strings (`"…"` with escapes), regular
//! expressions (`/…/`) and comments do not count; hex strings (`{ 4D 5A ?? }`) are balanced, so
//! they count in pairs. The value is the rule text.
//!
//! Linear: the header pass is one automaton pass; the body pass only moves forward through the
//! text. Rules do not nest, so a new header reached outside a string means the open rule is broken
//! (it is dropped and the new one starts there), and a rule with no closing brace within
//! [`MAX_RULE`] bytes is given up.

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

/// The longest rule the scanner looks for a closing brace in.
const MAX_RULE: usize = 64 * 1024;

static_regex!(
    header_re,
    r"(?-u)\b(?:(?:private|global)\s+){0,2}rule\s+[A-Za-z_][A-Za-z0-9_]{0,127}(?:\s*:\s*[A-Za-z_][A-Za-z0-9_]*(?:[ \t]+[A-Za-z_][A-Za-z0-9_]*)*)?\s*\{"
);

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
    let headers: Vec<(usize, usize)> = header_re()
        .find_iter(ctx.text)
        .map(|m| (m.start(), m.end()))
        .collect();
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
