//! MITRE ATT&CK technique ids: `T1059` and sub-techniques `T1059.001`. Every Enterprise, Mobile
//! and ICS technique id is T0xxx or T1xxx, which keeps `T9000` (a model number) out.

use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

static_regex!(re, r"(?-u:\b)T[01][0-9]{3}(?:\.[0-9]{3})?(?-u:\b)");

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    for m in re().find_iter(ctx.text) {
        // "T1059.001.5" is not a sub-technique: a dot and digit after it mean a version-like run.
        if ctx.byte(m.end()) == Some(b'.')
            && ctx.byte(m.end() + 1).is_some_and(|b| b.is_ascii_digit())
        {
            continue;
        }
        out.push(Candidate::new(
            m.start(),
            m.end(),
            IocType::Attack,
            m.as_str().to_string(),
        ));
    }
}
