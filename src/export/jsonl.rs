//! JSON Lines: one compact record per line (the same record as the JSON array), for pipelines
//! (`jq -c`, log shippers). A newline inside a value is escaped by JSON, so one line is always
//! one match.

use super::json::Record;
use super::Row;

/// One `{type, value, raw, start, end, defanged, flags, decoded_from?, source?}` per line.
pub(super) fn records(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        // A plain struct with string keys: serialising cannot fail.
        out.push_str(&serde_json::to_string(&Record::new(r)).unwrap_or_default());
        out.push('\n');
    }
    out
}
