//! Top-level-domain validation against the embedded IANA list (offline, no network ever).

#[path = "tld_data.rs"]
mod data;

/// `label` lowercased on the stack (this runs for every dotted token of a text), if it can be a
/// TLD at all: ASCII and at most 63 bytes.
fn lowered(label: &str, buf: &mut [u8; 63]) -> Option<usize> {
    if label.len() > 63 || !label.is_ascii() {
        return None;
    }
    let lower = &mut buf[..label.len()];
    lower.copy_from_slice(label.as_bytes());
    lower.make_ascii_lowercase();
    Some(label.len())
}

/// Slots of the open-addressing index over the IANA list (a power of two, under half full).
const SLOTS: usize = 4096;
const _: () = assert!(
    data::IANA_COUNT * 2 < SLOTS,
    "keep the index under half full"
);

/// FNV-1a: a few cycles per byte, and the index is built with the same function.
fn hash(b: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &c in b {
        h = (h ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    h as usize
}

/// The IANA names: `data::IANA_TLDS` is one string, each name followed by a space.
fn iana_names() -> impl Iterator<Item = &'static str> {
    data::IANA_TLDS.split_terminator(' ')
}

/// Hash index over [`data::IANA_TLDS`] (byte offset of the name + 1, 0 = empty), built on first
/// use: one probe or two per label instead of a binary search of eleven string comparisons.
fn iana_index() -> &'static [u16] {
    static INDEX: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut slots = vec![0u16; SLOTS];
        let mut at = 0;
        for t in iana_names() {
            let mut h = hash(t.as_bytes()) & (SLOTS - 1);
            while slots[h] != 0 {
                h = (h + 1) & (SLOTS - 1);
            }
            slots[h] = at as u16 + 1;
            at += t.len() + 1;
        }
        slots
    })
}

/// Whether `lower` (lowercase ASCII) is in [`data::IANA_TLDS`].
fn iana_lower(lower: &[u8]) -> bool {
    let slots = iana_index();
    let mut h = hash(lower) & (SLOTS - 1);
    loop {
        match slots[h] {
            0 => return false,
            i => {
                // The name at that offset runs to its space.
                let name = &data::IANA_TLDS.as_bytes()[usize::from(i) - 1..];
                let n = lower.len();
                if name.get(n) == Some(&b' ') && &name[..n] == lower {
                    return true;
                }
                h = (h + 1) & (SLOTS - 1);
            }
        }
    }
}

/// Whether `lower` (lowercase ASCII) is in [`data::SPECIAL_TLDS`], as a `match` the compiler
/// turns into a length switch and word compares (a binary search called `memcmp` four times
/// for every dotted token). A test keeps the two lists equal.
fn special_lower(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"alt"
            | b"bazar"
            | b"bit"
            | b"coin"
            | b"emc"
            | b"example"
            | b"i2p"
            | b"invalid"
            | b"local"
            | b"localhost"
            | b"onion"
            | b"test"
    )
}

/// Whether `label` (any case) is a top-level domain of the IANA root zone.
pub fn is_iana_tld(label: &str) -> bool {
    let mut buf = [0u8; 63];
    lowered(label, &mut buf).is_some_and(|n| iana_lower(&buf[..n]))
}

/// Whether `label` is a special-use TLD (`onion`, `test`, `local`, …; RFC 6761 and successors).
pub fn is_special_tld(label: &str) -> bool {
    let mut buf = [0u8; 63];
    lowered(label, &mut buf).is_some_and(|n| {
        data::SPECIAL_TLDS
            .binary_search_by(|t| t.as_bytes().cmp(&buf[..n]))
            .is_ok()
    })
}

/// Whether `label` is a usable top-level domain in a report: in the root zone or special-use.
pub fn is_tld(label: &str) -> bool {
    classify(label).is_some()
}

/// `Some(special)` if `label` (any case) is a usable top-level domain ([`is_tld`]), where
/// `special` says whether it is special-use ([`is_special_tld`]): both answers from one
/// lowercasing, since the domain check asks both for every dotted token.
pub(crate) fn classify(label: &str) -> Option<bool> {
    let mut buf = [0u8; 63];
    let n = lowered(label, &mut buf)?;
    let lower = &buf[..n];
    let special = special_lower(lower);
    (special || iana_lower(lower)).then_some(special)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown() {
        assert!(is_tld("com") && is_tld("COM") && is_tld("zip") && is_tld("xn--p1ai"));
        assert!(is_tld("onion") && is_special_tld("onion") && !is_iana_tld("onion"));
        assert!(!is_tld("exe") && !is_tld("dll") && !is_tld("") && !is_tld("c0m"));
        assert_eq!(classify("Onion"), Some(true));
        assert_eq!(classify("COM"), Some(false));
        assert_eq!(classify("exe"), None);
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        let iana: Vec<&str> = iana_names().collect();
        assert_eq!(iana.len(), data::IANA_COUNT);
        assert!(iana.iter().all(|t| !t.is_empty() && !t.contains(' ')));
        assert!(iana.windows(2).all(|w| w[0] < w[1]));
        assert!(data::SPECIAL_TLDS.windows(2).all(|w| w[0] < w[1]));
        // The hash index finds every entry and stays under half full (short probe runs); its
        // byte offsets fit in u16.
        assert!(iana.len() * 2 < SLOTS && data::IANA_TLDS.len() < usize::from(u16::MAX));
        assert!(iana.iter().all(|t| is_iana_tld(t)));
        assert!(iana.iter().all(|t| is_iana_tld(&t.to_ascii_uppercase())));
        // A prefix or an extension of a name is not the name.
        assert!(is_iana_tld("abbott") && !is_iana_tld("abbot") && !is_iana_tld("abbotts"));
        // The `match` of special-use names is the list: every entry, and no other name.
        assert!(data::SPECIAL_TLDS
            .iter()
            .all(|t| special_lower(t.as_bytes())));
        let n = iana
            .iter()
            .chain(data::SPECIAL_TLDS.iter())
            .filter(|t| special_lower(t.as_bytes()))
            .count();
        assert_eq!(n, data::SPECIAL_TLDS.len());
    }
}
