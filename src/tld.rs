//! Top-level-domain validation against the embedded IANA list (offline, no network ever).

#[path = "tld_data.rs"]
mod data;

fn lookup(table: &[&str], label: &str) -> bool {
    if label.len() > 63 || !label.is_ascii() {
        return false;
    }
    // Lowercased on the stack: this runs for every dotted token of a text.
    let mut buf = [0u8; 63];
    let lower = &mut buf[..label.len()];
    lower.copy_from_slice(label.as_bytes());
    lower.make_ascii_lowercase();
    table
        .binary_search_by(|t| t.as_bytes().cmp(&*lower))
        .is_ok()
}

/// Whether `label` (any case) is a top-level domain of the IANA root zone.
pub fn is_iana_tld(label: &str) -> bool {
    lookup(&data::IANA_TLDS, label)
}

/// Whether `label` is a special-use TLD (`onion`, `test`, `local`, …; RFC 6761 and successors).
pub fn is_special_tld(label: &str) -> bool {
    lookup(&data::SPECIAL_TLDS, label)
}

/// Whether `label` is a usable top-level domain in a report: in the root zone or special-use.
pub fn is_tld(label: &str) -> bool {
    is_iana_tld(label) || is_special_tld(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown() {
        assert!(is_tld("com") && is_tld("COM") && is_tld("zip") && is_tld("xn--p1ai"));
        assert!(is_tld("onion") && is_special_tld("onion") && !is_iana_tld("onion"));
        assert!(!is_tld("exe") && !is_tld("dll") && !is_tld("") && !is_tld("c0m"));
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(data::IANA_TLDS.windows(2).all(|w| w[0] < w[1]));
        assert!(data::SPECIAL_TLDS.windows(2).all(|w| w[0] < w[1]));
    }
}
