//! CVE identifiers: `CVE-2021-44228`, also written `cve_2021_44228`, `CVE 2021-44228` or with
//! typographic dashes (word processors turn `-` into `–`). The value is always `CVE-YYYY-NNNN`.

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

static_regex!(
    re,
    r"(?-u:\b)[Cc][Vv][Ee][-_ \u{2010}-\u{2014}]?([12][0-9]{3})[-_\u{2010}-\u{2014}]([0-9]{4,7})(?-u:\b)"
);

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for c in re().captures_iter(ctx.text) {
        let m = c.get(0).expect("group 0");
        let value = format!("CVE-{}-{}", &c[1], &c[2]);
        out.push(Candidate::new(m.start(), m.end(), IocType::Cve, value));
    }
}
