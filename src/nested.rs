//! Hashes inside URLs and file paths: reported in addition to their parent.
//!
//! One winner per span keeps a URL whole, but a URL such as
//! `http://cdn.cloudfronter[.]com/player/upgrade/ext/20210119/842497c20072fc9b92f2b18e1d690103.exe`
//! (ESET "nightscout") also names a file by its MD5, and the report's sample list counts that MD5
//! as an indicator of its own; so does a VirusTotal link (`…/gui/file/<sha256>/detection`) or a
//! dropped file `C:\Temp\<md5>.dll`. A hash is a different indicator from the thing it sits in
//! (unlike an IP or a domain inside a URL, which *is* the URL's host), so it is reported too,
//! flagged `nested`, right after its parent.

use crate::matches::Flags;
use crate::scan::Candidate;
use crate::types::IocType;

/// Whether `t` is a hash type that may be nested.
pub(crate) fn is_hash(t: IocType) -> bool {
    matches!(
        t,
        IocType::Md5 | IocType::Sha1 | IocType::Sha256 | IocType::Sha512
    )
}

/// A hash candidate's span and type: all [`nested_hashes`] needs (its value is its text
/// lowercased, as the hash scanner writes it, and it has no flags).
pub(crate) struct Hash {
    start: usize,
    end: usize,
    t: IocType,
}

impl Hash {
    /// The span of a hash candidate (one the hash scanner found: not decoded), else `None`.
    pub(crate) fn of(c: &Candidate) -> Option<Hash> {
        let t = c.kind.builtin().filter(|&t| is_hash(t))?;
        debug_assert!(c.flags.is_empty() && c.priority == 0);
        Some(Hash {
            start: c.start,
            end: c.end,
            t,
        })
    }
}

/// The hash candidates of `hashes` (in start order) that lost to a URL, file path or file name
/// containing them, flagged `nested`. `kept` is the resolved list, sorted by start and without
/// overlaps; `text` is the fanged text both are offsets into. Hashes in a URL's host
/// (`<md5>.evil.com`, usually an encoded victim id in a DNS label) are not file hashes and are
/// left out.
pub(crate) fn nested_hashes(hashes: &[Hash], kept: &[Candidate], text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    // Both lists are in start order: the parent of each hash is found by walking forward.
    let mut i = 0;
    for h in hashes {
        if i > 0 && kept[i - 1].start > h.start {
            i = kept.partition_point(|k| k.start <= h.start);
        }
        while i < kept.len() && kept[i].start <= h.start {
            i += 1;
        }
        let Some(parent) = i.checked_sub(1).map(|i| &kept[i]) else {
            continue;
        };
        let inside = parent.end >= h.end && (parent.start, parent.end) != (h.start, h.end);
        let Some(pt) = parent.kind.builtin() else {
            continue;
        };
        let names_a_file = match pt {
            IocType::Url => path_start(text.get(parent.start..parent.end).unwrap_or_default())
                .is_some_and(|p| h.start >= parent.start + p),
            IocType::Filepath | IocType::Filename => true,
            _ => false,
        };
        if inside && names_a_file && parent.decoded.is_none() {
            let value = text[h.start..h.end].to_ascii_lowercase();
            out.push(Candidate::new(h.start, h.end, h.t, value).flag(Flags::NESTED));
        }
    }
    out
}

/// Where a URL's path (or query or fragment) starts: after `scheme://host[:port]`, or after the
/// host of a URL written without a scheme.
fn path_start(url: &str) -> Option<usize> {
    let after = url.find("://").map_or(0, |i| i + 3);
    url[after..].find(['/', '?', '#']).map(|i| after + i)
}
