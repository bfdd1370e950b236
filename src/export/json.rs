//! JSON: flat match records (an array, pretty-printed) and the grouped summary.
//!
//! Both are built from structs, not maps, so the key order is fixed by the code and does not
//! depend on serde_json features another crate may switch on.

use super::{groups, Meta, Row};
use crate::{DecodedFrom, Flags, Kind};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// One match as a flat record: the fields of [`crate::Match`] (with `value` as selected) plus
/// `source` when known.
#[derive(Serialize)]
pub(super) struct Record<'a> {
    #[serde(rename = "type")]
    kind: &'a Kind,
    value: &'a str,
    raw: &'a str,
    start: usize,
    end: usize,
    defanged: bool,
    flags: Flags,
    #[serde(skip_serializing_if = "Option::is_none")]
    decoded_from: Option<&'a DecodedFrom>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

impl<'a> Record<'a> {
    pub(super) fn new(r: &'a Row<'a>) -> Self {
        Record {
            kind: &r.m.kind,
            value: &r.value,
            raw: &r.m.raw,
            start: r.m.start,
            end: r.m.end,
            defanged: r.m.defanged,
            flags: r.m.flags,
            decoded_from: r.m.decoded_from.as_ref(),
            source: r.source,
        }
    }
}

fn pretty<T: Serialize>(v: &T) -> String {
    // Serialising these plain structs cannot fail (string keys, no non-finite floats).
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// `[{type, value, raw, start, end, defanged, flags, decoded_from?, source?}, …]`.
pub(super) fn records(rows: &[Row]) -> String {
    pretty(&rows.iter().map(Record::new).collect::<Vec<_>>())
}

/// A map serialised in the given order.
struct Ordered<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    tool: &'static str,
    version: &'static str,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<&'a str>,
    extracted_at: String,
    total: usize,
    counts: Ordered<&'a str, usize>,
    iocs: Ordered<&'a str, Vec<&'a str>>,
}

/// `{tool, version, source, sources?, extracted_at, total, counts: {type: n}, iocs: {type:
/// [values]}}`: the unique values per type. `sources` lists the distinct per-match sources
/// when the run covered several inputs.
pub(super) fn summary(rows: &[Row], meta: &Meta) -> String {
    let gs = groups(rows);
    let mut seen = std::collections::HashSet::new();
    let sources: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.source)
        .filter(|s| Some(*s) != meta.source && seen.insert(*s))
        .collect();
    pretty(&Summary {
        tool: "ioclens",
        version: crate::VERSION,
        source: meta.source,
        sources,
        extracted_at: meta.time.rfc3339(),
        total: rows.len(),
        counts: Ordered(gs.iter().map(|(k, rs)| (k.as_str(), rs.len())).collect()),
        iocs: Ordered(
            gs.iter()
                .map(|(k, rs)| (k.as_str(), rs.iter().map(|r| &*r.value).collect()))
                .collect(),
        ),
    })
}
