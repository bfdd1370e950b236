//! CVE identifiers: `CVE-2021-44228`, also written `cve_2021_44228`, `CVE 2021-44228` or with
//! typographic dashes (word processors turn `-` into `–`). The value is always `CVE-YYYY-NNNN`.

use super::{Candidate, Ctx};
use crate::types::IocType;

fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Length of a separator at `s[j..]`: one of `seps`, or a typographic dash U+2010–U+2014.
fn sep(s: &[u8], j: usize, seps: &[u8]) -> usize {
    match s.get(j..) {
        Some([c, ..]) if seps.contains(c) => 1,
        Some([0xE2, 0x80, 0x90..=0x94, ..]) => 3,
        _ => 0,
    }
}

/// Length of the run of ASCII digits at `s[j..]`, counting at most `cap`.
fn digits(s: &[u8], j: usize, cap: usize) -> usize {
    s.get(j..).map_or(0, |r| {
        r.iter()
            .take(cap)
            .take_while(|c| c.is_ascii_digit())
            .count()
    })
}

/// The matches of `(?-u:\b)[Cc][Vv][Ee][-_ ‐-—]?([12][0-9]{3})[-_‐-—]([0-9]{4,7})(?-u:\b)`
/// (leftmost-first, non-overlapping), found from each `v`/`V` (memchr) by hand instead of a regex
/// pass: every step is forced by the next byte (a separator taken but not followed by a year
/// cannot be skipped instead: the year would then start at the separator), so no backtracking is
/// needed and the work per hit is bounded. Yields (start, year, number, number length, end).
fn ids(s: &[u8]) -> impl Iterator<Item = (usize, usize, usize, usize, usize)> + '_ {
    let mut pos = 0;
    let mut vs = memchr::memchr2_iter(b'v', b'V', s);
    std::iter::from_fn(move || loop {
        let v = vs.next()?;
        let Some(p) = v.checked_sub(1).filter(|&p| p >= pos) else {
            continue;
        };
        if !matches!(s[p], b'C' | b'c')
            || !matches!(s.get(v + 1), Some(b'E' | b'e'))
            || p > 0 && word(s[p - 1])
        {
            continue;
        }
        let year = v + 2 + sep(s, v + 2, b"-_ ");
        if !matches!(s.get(year), Some(b'1' | b'2')) || digits(s, year + 1, 3) != 3 {
            continue;
        }
        let dash = sep(s, year + 4, b"-_");
        let num = year + 4 + dash;
        let n = digits(s, num, 8);
        if dash == 0 || !(4..=7).contains(&n) || s.get(num + n).copied().is_some_and(word) {
            continue;
        }
        pos = num + n;
        return Some((p, year, num, n, pos));
    })
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let t = ctx.text;
    for (a, year, num, n, b) in ids(t.as_bytes()) {
        let value = format!("CVE-{}-{}", &t[year..year + 4], &t[num..num + n]);
        out.push(Candidate::new(a, b, IocType::Cve, value));
    }
}
