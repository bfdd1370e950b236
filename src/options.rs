//! Options as data (a JS object in the wasm binding, flags in the CLI): one place that turns them
//! into an [`Extractor`], so every front configures extraction the same way.

use crate::{Allowlist, Error, Extractor, TypeSet};
use serde::Deserialize;

/// `"all"`, `"ipv4,url"` or `["ipv4", "url"]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum TypesOption {
    /// A comma-separated list, `all` or `default`.
    List(String),
    /// An array of type names.
    Array(Vec<String>),
}

/// A custom type as data.
#[derive(Clone, Debug, Deserialize)]
pub struct CustomOption {
    /// The type's name (must not be a built-in name).
    pub name: String,
    /// A `regex-lite` pattern (the `regex` crate's syntax; `\w`, `\d`, `\s`, `\b` and `(?i)` are
    /// ASCII-only, `\p{..}` is refused); group 1, if any, is the value.
    pub pattern: String,
    /// Overlap priority (built-ins have 0).
    #[serde(default = "one")]
    pub priority: i32,
}

fn one() -> i32 {
    1
}

/// Extraction options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Types to find (default: the default set).
    pub types: Option<TypesOption>,
    /// Allowlist entries in the text syntax of [`crate::allowlist`].
    pub allowlist: String,
    /// MISP warninglist `list.json` texts.
    pub warninglists: Vec<String>,
    /// Custom types.
    pub custom: Vec<CustomOption>,
    /// Decode hex/base64/percent-encoded URLs (default true).
    pub decode: Option<bool>,
    /// Add the built-in allowlist (security vendors' blog domains; default true).
    pub builtin_allowlist: Option<bool>,
}

impl Options {
    /// Builds the extractor these options describe; errors name the bad part.
    pub fn build(&self) -> Result<Extractor, Error> {
        let types = match &self.types {
            None => TypeSet::defaults(),
            Some(TypesOption::List(s)) => TypeSet::parse(s)?,
            Some(TypesOption::Array(v)) => TypeSet::parse(&v.join(","))?,
        };
        let mut allow = if self.builtin_allowlist.unwrap_or(true) {
            Allowlist::builtin()
        } else {
            Allowlist::new()
        };
        allow.add_text(&self.allowlist)?;
        for (i, w) in self.warninglists.iter().enumerate() {
            allow
                .add_misp_json(w)
                .map_err(|e| Error::BadAllowlist(format!("warninglist {}: {e}", i + 1)))?;
        }
        let mut b = Extractor::builder()
            .types(types)
            .allowlist(allow)
            .decode(self.decode.unwrap_or(true));
        for c in &self.custom {
            b = b.custom(&c.name, &c.pattern, c.priority)?;
        }
        Ok(b.build())
    }
}

/// Converts sorted-or-not byte offsets of `text` into UTF-16 code-unit offsets (what JavaScript
/// strings index by), in one pass over the text.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0; byte_offsets.len()];
    // A char is counted once its first byte lies before the offset.
    let bytes = text.as_bytes();
    let (mut at, mut units) = (0, 0);
    for i in order {
        let target = byte_offsets[i].min(bytes.len());
        if target > at {
            units += utf16_units(&bytes[at..target]);
            at = target;
        }
        out[i] = units;
    }
    out
}

/// UTF-16 code units in a run of UTF-8 bytes, counted over bytes, not decoded chars (this runs
/// over the whole text in the wasm binding): every byte that starts a char is one unit, and a
/// 4-byte char (lead byte ≥ 0xF0) is two.
pub(crate) fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16() {
        let t = "é😀a.com";
        // é = 2 bytes/1 unit, 😀 = 4 bytes/2 units.
        assert_eq!(utf16_offsets(t, &[6, 0, 2, 11]), vec![3, 0, 1, 8]);
    }

    #[test]
    fn utf16_counts_every_char_started_before_the_offset() {
        // Every offset, on and off char boundaries and past the end, in reverse order.
        let t = "a€😀é\u{10FFFF}b.c\u{7FF}";
        let offs: Vec<usize> = (0..=t.len() + 2).rev().collect();
        let want: Vec<usize> = offs
            .iter()
            .map(|&o| {
                t.char_indices()
                    .filter(|&(p, _)| p < o)
                    .map(|(_, c)| c.len_utf16())
                    .sum()
            })
            .collect();
        assert_eq!(utf16_offsets(t, &offs), want);
    }

    #[test]
    fn options_from_json() {
        let o: Options = serde_json::from_str(r#"{"types":["ipv4","url"],"allowlist":"8.8.8.8","custom":[{"name":"ticket","pattern":"TICKET-[0-9]+"}]}"#).unwrap();
        let ex = o.build().unwrap();
        let m = ex.extract("8.8.8.8 TICKET-42 evil.com");
        assert_eq!(m.len(), 2);
        assert!(m[0].flags.contains(crate::Flags::ALLOWLISTED));
        assert_eq!(m[1].kind.as_str(), "ticket");
        let bad: Options = serde_json::from_str(r#"{"types":"ipv5"}"#).unwrap();
        assert!(bad.build().unwrap_err().to_string().contains("ipv5"));
        assert!(serde_json::from_str::<Options>(r#"{"typo":1}"#).is_err());
    }
}
