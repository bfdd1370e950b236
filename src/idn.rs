//! Internationalised domain names: a Unicode label's ASCII form (`bücher` → `xn--bcher-kva`).
//!
//! Reports write hosts as readers see them (`https://bücher.example/`, Cyrillic look-alikes such
//! as `pаypal.com`). The value is the ASCII form a DNS log, proxy or blocklist uses, which also
//! makes a homoglyph visible (`xn--pypal-4ve.com` is plainly not `paypal.com`); `raw` keeps the
//! Unicode. The mapping is lowercase + Punycode (RFC 3492), a hand-written encoder: the IDNA
//! mapping tables (UTS #46) are hundreds of kilobytes, and for letters and digits lowercasing
//! is what they do.

const BASE: u32 = 36;
const TMIN: u32 = 1;
const TMAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;

/// The ASCII form of one label: itself (lowercased) when ASCII, else `xn--` + Punycode of its
/// lowercase form. `None` when the label holds something other than letters, digits and `-`
/// (punctuation, symbols, spaces: not a host name) or the result is longer than 63 bytes.
pub(crate) fn label_to_ascii(label: &str) -> Option<String> {
    if label.is_ascii() {
        return Some(label.to_ascii_lowercase());
    }
    // Bounded before encoding: the encoder is quadratic in a label's length, and a host label
    // holds at most 63 bytes anyway.
    if label.len() > 4 * 63 {
        return None;
    }
    let lower = label.to_lowercase();
    if !lower.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let mut out = String::from("xn--");
    punycode(&lower, &mut out)?;
    (out.len() <= 63).then_some(out)
}

fn digit(d: u32) -> char {
    // 0–25 → a–z, 26–35 → 0–9.
    char::from_u32(if d < 26 {
        'a' as u32 + d
    } else {
        '0' as u32 + d - 26
    })
    .unwrap_or('a')
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - TMIN) * TMAX) / 2 {
        delta /= BASE - TMIN;
        k += BASE;
    }
    k + (BASE - TMIN + 1) * delta / (delta + SKEW)
}

/// RFC 3492 section 6.3, with checked arithmetic (an overflow is `None`, never a panic).
fn punycode(input: &str, out: &mut String) -> Option<()> {
    let cps: Vec<u32> = input.chars().map(|c| c as u32).collect();
    let basic = cps.iter().filter(|&&c| c < 0x80).count() as u32;
    out.extend(input.chars().filter(char::is_ascii));
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut h) = (0x80u32, 0u32, 72u32, basic);
    while (h as usize) < cps.len() {
        let m = cps.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(h + 1)?)?;
        n = m;
        for &c in &cps {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3492_and_registry_vectors() {
        // Known ASCII forms (IANA root zone and common examples).
        for (u, a) in [
            ("bücher", "xn--bcher-kva"),
            ("münchen", "xn--mnchen-3ya"),
            ("пример", "xn--e1afmkfd"),
            ("рф", "xn--p1ai"),
            ("中国", "xn--fiqs8s"),
            ("ドメイン名例", "xn--eckwd4c7cu47r2wf"),
            ("MÜNCHEN", "xn--mnchen-3ya"),
            ("pаypal", "xn--pypal-4ve"),
            ("example", "example"),
        ] {
            assert_eq!(label_to_ascii(u).as_deref(), Some(a), "{u}");
        }
    }

    #[test]
    fn labels_with_symbols_or_too_long_are_not_host_labels() {
        assert_eq!(label_to_ascii("a☃b"), None);
        assert_eq!(label_to_ascii("über alles"), None);
        assert_eq!(label_to_ascii(&"ü".repeat(60)), None);
    }
}
