//! The configured extractor: fang, scan, resolve overlaps, map spans back, flag.

use crate::allowlist::Allowlist;
use crate::error::Error;
use crate::fang::fang;
use crate::matches::{DecodedFrom, Flags, Kind, Match};
use crate::nested;
use crate::scan::{self, Candidate, Ctx};
use crate::types::{IocType, TypeSet};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A user-defined type: a name, a regex-lite pattern (linear-time engine) and a priority.
#[derive(Clone, Debug)]
struct Custom {
    name: Arc<str>,
    re: regex_lite::Regex,
    priority: i32,
}

/// Builds an [`Extractor`].
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    types: Option<TypeSet>,
    allowlist: Allowlist,
    custom: Vec<Custom>,
    no_decode: bool,
}

impl ExtractorBuilder {
    /// Which built-in types to find (default: [`TypeSet::defaults`]).
    pub fn types(mut self, types: TypeSet) -> Self {
        self.types = Some(types);
        self
    }

    /// Matches on this allowlist are kept but flagged `allowlisted`.
    pub fn allowlist(mut self, allowlist: Allowlist) -> Self {
        self.allowlist = allowlist;
        self
    }

    /// Whether to decode hex, base64 and percent-encoded URLs (on by default).
    pub fn decode(mut self, on: bool) -> Self {
        self.no_decode = !on;
        self
    }

    /// Adds a custom type. The pattern uses the `regex` crate's syntax as `regex-lite` takes it
    /// (no look-around, no back-references: linear time; `\w`, `\d`, `\s`, `\b` and `(?i)` are
    /// ASCII-only and `\p{..}` classes are refused). If it has a capture group, group 1 is the
    /// value. On an overlap, the higher priority wins; built-in types have priority 0.
    pub fn custom(mut self, name: &str, pattern: &str, priority: i32) -> Result<Self, Error> {
        let name = name.trim();
        if name.is_empty() || name.parse::<IocType>().is_ok() || matches!(name, "all" | "default") {
            return Err(Error::BadName(name.to_string()));
        }
        let re = regex_lite::RegexBuilder::new(pattern)
            .size_limit(4 << 20)
            .build()
            .map_err(|e| Error::BadPattern {
                name: name.to_string(),
                message: e.to_string(),
            })?;
        if re.is_match("") {
            return Err(Error::BadPattern {
                name: name.to_string(),
                message: "pattern matches the empty string".into(),
            });
        }
        self.custom.push(Custom {
            name: name.into(),
            re,
            priority,
        });
        Ok(self)
    }

    /// Builds the extractor.
    pub fn build(self) -> Extractor {
        Extractor {
            types: self.types.unwrap_or_default(),
            allowlist: self.allowlist,
            custom: self.custom,
            decode: !self.no_decode,
        }
    }
}

/// A configured extractor: build once, call [`Extractor::extract`] on any number of texts.
#[derive(Clone, Debug)]
pub struct Extractor {
    types: TypeSet,
    allowlist: Allowlist,
    custom: Vec<Custom>,
    decode: bool,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// An extractor for the default types, no allowlist, decoding on.
    pub fn new() -> Self {
        ExtractorBuilder::default().build()
    }

    /// Starts a builder.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The enabled built-in types.
    pub fn types(&self) -> TypeSet {
        self.types
    }

    /// Finds every indicator in `input`, in text order, without overlaps except `nested` hashes
    /// (a hash naming the file in a URL or path, listed right after it). Never panics.
    pub fn extract(&self, input: &str) -> Vec<Match> {
        let fanged = fang(input);
        let text: &str = &fanged.text;
        // The scanners ask in text order (token by token): a cursor, not a search per token.
        let cursor = Cell::new(fanged.cursor());
        let is_defanged = |a: usize, b: usize| {
            let mut c = cursor.get();
            let d = c.is_defanged(a, b);
            cursor.set(c);
            d
        };
        let ctx = Ctx {
            text,
            types: self.types,
            defanged: &is_defanged,
        };
        let mut cands = Vec::new();
        scan::scan_all(&ctx, &mut cands);
        for c in &self.custom {
            for caps in c.re.captures_iter(text) {
                let whole = caps.get(0).expect("group 0");
                let m = caps.get(1).unwrap_or(whole);
                if m.is_empty() {
                    continue;
                }
                cands.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: Kind::Custom(c.name.clone()),
                    value: m.as_str().to_string(),
                    flags: Flags::default(),
                    priority: c.priority,
                    decoded: None,
                });
            }
        }
        // Decoded URLs compete at their encoded span: longer than anything found inside the
        // blob, so they win over fragments ("2Fevil.com" inside "https%3A%2F%2Fevil.com").
        if self.decode && self.types.contains(IocType::Url) {
            scan::decode::scan(&ctx, self, &mut cands);
        }
        // Only the spans: a hash's value is its text lowercased, made again for the few nested.
        let hashes: Vec<nested::Hash> = cands
            .iter()
            .filter(|c| c.decoded.is_none())
            .filter_map(nested::Hash::of)
            .collect();
        let kept = resolve(cands);
        let inner = nested::nested_hashes(&hashes, &kept, text);
        // Each nested hash goes in by (start, nested, end), the order of the final sort below
        // (in fanged offsets, which map back in order), so that sort finds its work done. The
        // two lists are merged on the fly: no third list of candidates.
        let mut out: Vec<Match> = Vec::with_capacity(kept.len() + inner.len());
        let mut kept = kept.into_iter().peekable();
        let mut inner = inner.into_iter().peekable();
        let merged = std::iter::from_fn(|| match (kept.peek(), inner.peek()) {
            (Some(k), Some(h)) if h.start < k.start => inner.next(),
            (Some(_), _) => kept.next(),
            (None, _) => inner.next(),
        });
        let mut map = fanged.cursor();
        out.extend(merged.map(|mut c| {
            let start = map.orig_start(c.start);
            let end = map.orig_end(c.end).max(start);
            let defanged = c.decoded.is_none() && map.is_defanged(c.start, c.end);
            if let Some((enc, _, _)) = c.decoded {
                c.decoded = Some((enc, start, end));
            }
            self.finish(input, c, start, end, defanged)
        }));
        // A nested match comes right after its parent, even when both start together
        // (`<md5>.exe`).
        // Any interleaving of the two lists sorts (stably) to the same order: kept and nested
        // matches never tie on this key, and each list keeps its own order.
        let key = |m: &Match| (m.start, m.flags.contains(Flags::NESTED), m.end);
        if out.windows(2).any(|w| key(&w[0]) > key(&w[1])) {
            out.sort_by_key(key);
        }
        out
    }

    fn finish(&self, input: &str, c: Candidate, start: usize, end: usize, defanged: bool) -> Match {
        let mut flags = c.flags;
        if self.allowlist.contains(&c.kind, &c.value) {
            flags.insert(Flags::ALLOWLISTED);
        }
        let decoded_from = c.decoded.map(|(encoding, start, end)| {
            flags.insert(Flags::DECODED);
            DecodedFrom {
                encoding,
                start,
                end,
            }
        });
        Match {
            kind: c.kind,
            value: c.value,
            raw: input.get(start..end).unwrap_or_default().to_string(),
            start,
            end,
            defanged,
            flags,
            decoded_from,
        }
    }

    /// Finds indicators in already-decoded text (used by the decoder; no further decoding).
    pub(crate) fn scan_plain(&self, text: &str) -> Vec<Candidate> {
        let no = |_: usize, _: usize| false;
        let ctx = Ctx {
            text,
            types: self.types,
            defanged: &no,
        };
        let mut cands = Vec::new();
        scan::scan_all(&ctx, &mut cands);
        resolve(cands)
    }
}

/// One winner per span: higher priority first, then the longer candidate, then the earlier one.
/// A candidate overlapping an accepted one is dropped (an IP inside a URL, a domain inside an
/// e-mail address). O(n log n).
///
/// Candidates that do not overlap cannot affect each other, so the greedy choice runs per cluster
/// of overlapping candidates (found by one sweep in start order): most clusters hold one
/// candidate, which is kept without any search, and the result comes out in start order.
pub(crate) fn resolve(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| c.end > c.start);
    // Stable: candidates of the same start keep the order they were found in, which is the last
    // tie-break of the greedy order below.
    cands.sort_by_key(|c| c.start);
    let mut kept = Vec::with_capacity(cands.len());
    let mut cluster: Vec<Candidate> = Vec::new();
    let mut reach = 0;
    for c in cands {
        if c.start >= reach {
            resolve_cluster(&mut cluster, &mut kept);
        }
        reach = reach.max(c.end);
        cluster.push(c);
    }
    resolve_cluster(&mut cluster, &mut kept);
    kept
}

/// The greedy choice within one cluster of overlapping candidates (given in start order); the
/// winners are appended to `kept` in start order.
fn resolve_cluster(cluster: &mut Vec<Candidate>, kept: &mut Vec<Candidate>) {
    if cluster.len() <= 1 {
        kept.append(cluster);
        return;
    }
    cluster.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let from = kept.len();
    // Small clusters (an IP inside a URL) check the few winners directly; a large one (a long
    // URL full of dotted tokens) keeps the winners in an ordered map: O(log n) per candidate.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let large = cluster.len() > 32;
    for c in cluster.drain(..) {
        let overlaps = if large {
            taken
                .range(..c.end)
                .next_back()
                .is_some_and(|(_, &e)| e > c.start)
        } else {
            kept[from..]
                .iter()
                .any(|k| k.start < c.end && k.end > c.start)
        };
        if !overlaps {
            if large {
                taken.insert(c.start, c.end);
            }
            kept.push(c);
        }
    }
    kept[from..].sort_by_key(|c| c.start);
}
