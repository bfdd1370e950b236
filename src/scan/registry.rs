//! Windows registry keys under a hive: `HKLM`, `HKCU`, `HKCR`, `HKU`, `HKCC` and the long forms
//! (`HKEY_LOCAL_MACHINE`, …), also PowerShell's `HKLM:\` and the doubled backslashes of code.
//! The value is the key as written, without trailing backslashes or sentence punctuation.
//!
//! Key names contain spaces (`…\Windows NT\CurrentVersion\Winlogon`, `…\Services\Ghostery Storage
//! Server\`), and ioc-finder cuts them there. Here a name takes more words after single spaces when
//! the key then goes on (`\` follows), with the same bounded walk as file paths, so a key does not
//! swallow the sentence after it ("…\Run registry key").

use super::filepath::{trim, walk, WINDOWS};
use super::{Candidate, Ctx};
use crate::types::IocType;

/// The hive names, long forms first (as the old alternation listed them; no name is a prefix of
/// another, so at most one can match at a position).
const HIVES: &[&[u8]] = &[
    b"HKEY_LOCAL_MACHINE",
    b"HKEY_CURRENT_USER",
    b"HKEY_CLASSES_ROOT",
    b"HKEY_USERS",
    b"HKEY_CURRENT_CONFIG",
    b"HKLM",
    b"HKCU",
    b"HKCR",
    b"HKU",
    b"HKCC",
];

/// The spans `(?i-u)\b(?:HKEY_(?:LOCAL_MACHINE|…)|HKLM|HKCU|HKCR|HKU|HKCC):?\\\\?` matched
/// (leftmost-first, non-overlapping), found from each `k`/`K` (memchr; the second letter of every
/// hive) by hand instead of a regex pass. The optional `:` and second backslash are taken when
/// there: skipping one would leave a byte nothing else accepts.
fn hive_spans(s: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    memchr::memchr2_iter(b'k', b'K', s).filter_map(move |k| {
        let p = k.checked_sub(1).filter(|&p| p >= pos)?;
        if !matches!(s[p], b'h' | b'H')
            || p > 0 && (s[p - 1].is_ascii_alphanumeric() || s[p - 1] == b'_')
        {
            return None;
        }
        let name = HIVES.iter().find(|h| {
            s.get(p..p + h.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(h))
        })?;
        let mut j = p + name.len();
        j += usize::from(s.get(j) == Some(&b':'));
        if s.get(j) != Some(&b'\\') {
            return None;
        }
        j += 1 + usize::from(s.get(j + 1) == Some(&b'\\'));
        pos = j;
        Some((p, j))
    })
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut covered = 0;
    for (start, hive_end) in hive_spans(text.as_bytes()) {
        if start < covered {
            continue;
        }
        let walked = walk(text, hive_end, &WINDOWS);
        covered = walked;
        let mut end = start + trim(&text[start..walked]);
        // A key name never ends in a backslash: "…\Services\x\" names the key "…\Services\x".
        while end > hive_end && text.as_bytes()[end - 1] == b'\\' {
            end -= 1;
        }
        if end <= hive_end {
            continue; // a hive alone
        }
        out.push(Candidate::new(
            start,
            end,
            IocType::Registry,
            text[start..end].to_string(),
        ));
    }
}
