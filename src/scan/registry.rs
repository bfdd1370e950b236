//! Windows registry keys under a hive: `HKLM`, `HKCU`, `HKCR`, `HKU`, `HKCC` and the long forms
//! (`HKEY_LOCAL_MACHINE`, …), also PowerShell's `HKLM:\` and the doubled backslashes of code.
//! The value is the key as written, without trailing backslashes or sentence punctuation.
//!
//! Key names contain spaces (`…\Windows NT\CurrentVersion\Winlogon`, `…\Services\Ghostery Storage
//! Server\`), and ioc-finder cuts them there. Here a name takes more words after single spaces when
//! the key then goes on (`\` follows), with the same bounded walk as file paths, so a key does not
//! swallow the sentence after it ("…\Run registry key").

use super::filepath::{trim, walk, WINDOWS};
use super::{static_regex, Candidate, Ctx};
use crate::types::IocType;

static_regex!(
    hive_re,
    r"(?i-u)\b(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)|HKLM|HKCU|HKCR|HKU|HKCC):?\\\\?"
);

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut covered = 0;
    for m in hive_re().find_iter(text) {
        if m.start() < covered {
            continue;
        }
        let walked = walk(text, m.end(), &WINDOWS);
        covered = walked;
        let mut end = m.start() + trim(&text[m.start()..walked]);
        // A key name never ends in a backslash: "…\Services\x\" names the key "…\Services\x".
        while end > m.end() && text.as_bytes()[end - 1] == b'\\' {
            end -= 1;
        }
        if end <= m.end() {
            continue; // a hive alone
        }
        out.push(Candidate::new(
            m.start(),
            end,
            IocType::Registry,
            text[m.start()..end].to_string(),
        ));
    }
}
