//! Internationalised domain names written in prose (`пример.рф`, `bücher.de`, the look-alike
//! `pаypal.com` with a Cyrillic `а`), reported in their ASCII form and flagged `idn`.
//!
//! The dotted-token scanner reads ASCII only, so it never reports a slice of such a name
//! (`ypal.com`); this pass finds the whole name. A token is a maximal run of letters, digits,
//! hyphens and inner dots; text without spaces (Chinese, Japanese) glues words to a name
//! (`访问evil.com获取`): the run then ends in no known top-level domain and is dropped, leaving
//! the ASCII scanner's `evil.com`.

use super::{filename, host, Candidate, Ctx};
use crate::types::IocType;

fn is_label_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Where the run of label characters ending at `end` starts (not before `floor`, a character
/// boundary), and whether it holds a non-ASCII character. Byte by byte: only a non-ASCII
/// character is decoded, since this runs at every dot of a text that is not pure ASCII.
fn label_run_back(text: &str, floor: usize, end: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let (mut a, mut wide) = (end, false);
    while a > floor {
        let c = b[a - 1];
        if c < 0x80 {
            if !(c.is_ascii_alphanumeric() || c == b'-') {
                break;
            }
            a -= 1;
            continue;
        }
        let Some((i, ch)) = text[floor..a].char_indices().next_back() else {
            break;
        };
        if !is_label_char(ch) {
            break;
        }
        a = floor + i;
        wide = true;
    }
    (a, wide)
}

/// Where the run of label characters starting at `from` ends, and whether it holds a
/// non-ASCII character.
fn label_run(text: &str, from: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let (mut e, mut wide) = (from, false);
    while e < b.len() {
        let c = b[e];
        if c < 0x80 {
            if !(c.is_ascii_alphanumeric() || c == b'-') {
                break;
            }
            e += 1;
            continue;
        }
        match text[e..].chars().next() {
            Some(ch) if is_label_char(ch) => {
                e += ch.len_utf8();
                wide = true;
            }
            _ => break,
        }
    }
    (e, wide)
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    if !ctx.wants(IocType::Domain) || text.is_ascii() {
        return;
    }
    // Everything before `covered` was walked already: each byte is walked at most twice.
    let mut covered = 0;
    for d in memchr::memchr_iter(b'.', text.as_bytes()) {
        if d < covered {
            continue;
        }
        let (a, mut wide) = label_run_back(text, covered, d);
        // Labels after the dot, and further ".label"s.
        let mut e = d;
        let mut labels_end = d;
        while text.as_bytes().get(e) == Some(&b'.') {
            let (f, w) = label_run(text, e + 1);
            if f == e + 1 {
                break;
            }
            wide |= w;
            labels_end = f;
            e = f;
        }
        covered = labels_end.max(d + 1);
        // An ASCII name is the dotted-token scanner's.
        if a == d || labels_end == d || !wide {
            continue;
        }
        let token = text[a..labels_end].trim_matches('-');
        let start =
            a + (text[a..labels_end].len() - text[a..labels_end].trim_start_matches('-').len());
        if token.is_ascii() {
            continue;
        }
        let Some(dom) = host::check_domain(token) else {
            continue;
        };
        // "доклад.zip" is a file, as "report.zip" is (see filename.rs), unless written defanged.
        let end = start + token.len();
        let last = token.rsplit('.').next().unwrap_or_default();
        if token.matches('.').count() == 1
            && filename::is_file_like_tld(last)
            && !(ctx.defanged)(start, end)
        {
            continue;
        }
        let mut c = Candidate::new(start, end, IocType::Domain, dom.value);
        c.flags = dom.flags;
        out.push(c);
    }
}
