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
        let mut a = d;
        for (i, c) in text[covered..d].char_indices().rev() {
            if !is_label_char(c) {
                break;
            }
            a = covered + i;
        }
        // Labels after the dot, and further ".label"s.
        let mut e = d;
        let mut labels_end = d;
        loop {
            let mut chars = text[e..].char_indices();
            match chars.next() {
                Some((_, '.')) => {}
                _ => break,
            }
            let mut f = e + 1;
            for (i, c) in text[e + 1..].char_indices() {
                if !is_label_char(c) {
                    break;
                }
                f = e + 1 + i + c.len_utf8();
            }
            if f == e + 1 {
                break;
            }
            labels_end = f;
            e = f;
        }
        covered = labels_end.max(d + 1);
        if a == d || labels_end == d {
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
