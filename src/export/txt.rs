//! Plain text: one value per line, optionally grouped under `# type` headers.
//!
//! Values are written verbatim, so Windows paths and Unicode survive as they are. A value that
//! itself spans lines (a YARA rule) spans the same lines here: a `yara.txt` stays a valid rule
//! file, at the price of "one line, one value" holding only for single-line values.

use super::{groups, Row};

/// The values of `rows`, each followed by a newline.
pub(super) fn values(rows: &[&Row]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&r.value);
        out.push('\n');
    }
    out
}

/// One value per line, in input order.
pub(super) fn lines(rows: &[Row]) -> String {
    values(&rows.iter().collect::<Vec<_>>())
}

/// `# type` then its values, types in canonical order, a blank line between groups.
pub(super) fn grouped(rows: &[Row]) -> String {
    let mut out = String::new();
    for (i, (kind, rs)) in groups(rows).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("# ");
        out.push_str(kind.as_str());
        out.push('\n');
        out.push_str(&values(&rs));
    }
    out
}
