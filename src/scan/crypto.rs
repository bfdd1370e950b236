//! Coin addresses, each verified by its checksum so that random base58 or hex runs are not
//! reported (peers accept any string of the right shape: ioc-finder's Bitcoin regex, for one):
//! - btc: base58check P2PKH `1…` / P2SH `3…` (double SHA-256), bech32 / bech32m `bc1…` (BIP-173,
//!   BIP-350, with the witness version / program length rules);
//! - eth: `0x` + 40 hex digits; mixed case must carry a valid EIP-55 checksum (Keccak-256);
//! - xmr: standard `4…` / subaddress `8…` (95 chars) and integrated `4…` (106 chars) addresses,
//!   Monero's block base58 with a Keccak-256 checksum.

use super::{Candidate, Ctx};
use crate::types::IocType;
use sha2::{Digest, Sha256};
use tiny_keccak::{Hasher, Keccak};

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Word bytes (ASCII letters, digits, `_`) as a table: the walks below test every byte of the
/// words they measure.
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

fn word(c: u8) -> bool {
    WORD[usize::from(c)]
}

fn base58_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c, b'0' | b'O' | b'I' | b'l')
}

fn bech32_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c.to_ascii_lowercase(), b'1' | b'b' | b'i' | b'o')
}

/// Every whole word (maximal run of word bytes) of at least `min` bytes, as `(start, end)`.
///
/// Each address shape here is a prefix then a run of one class at a word start, ending at a
/// word end (the old patterns: `\b` prefix, class{m,n}, `\b`); every class is made of word
/// bytes, so a match is always a whole word (base58 ones at least 26 bytes). Words are
/// found by probing the byte `min - 1` ahead: if it is not a word byte no long word starts
/// before it, so the probe jumps `min` bytes; otherwise a walk back (stopping at bytes already
/// known to be word bytes) finds where the run starts. Short words (digits and dots, prose) are
/// mostly skipped unread instead of each digit being a trigger, and every byte is read a bounded
/// number of times (linear on a 1 MB hex run too).
fn long_words(s: &[u8], min: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let min = min.max(1);
    // Invariants: no word of `min` bytes starts before `i`; `i` is 0 or follows a non-word
    // byte; `s[i..known]` are word bytes (bytes a walk back has read; empty when known <= i).
    // The probe `j` only moves forward, so each byte is read a bounded number of times.
    let mut i = 0;
    let mut known = 0;
    std::iter::from_fn(move || loop {
        let j = i + min - 1;
        if j >= s.len() {
            return None;
        }
        if !word(s[j]) {
            i = j + 1;
            continue;
        }
        let floor = i.max(known);
        let mut k = j;
        while k > floor && word(s[k - 1]) {
            k -= 1;
        }
        if k > floor {
            // A non-word byte at k - 1: a word starts at k, known to reach j only.
            i = k;
            known = j + 1;
            continue;
        }
        // s[i..=j] are all word bytes and i starts the word: long enough; find its end.
        let mut e = j + 1;
        while e < s.len() && word(s[e]) {
            e += 1;
        }
        let start = i;
        i = e + 1;
        return Some((start, e));
    })
}

fn b58_digit(c: u8) -> Option<u32> {
    B58.iter().position(|&x| x == c).map(|p| p as u32)
}

fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut k = Keccak::v256();
    k.update(data);
    let mut out = [0u8; 32];
    k.finalize(&mut out);
    out
}

/// Decodes Bitcoin base58 (leading `1`s are zero bytes). Inputs are at most 35 characters, so
/// the quadratic big-number loop is bounded.
fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut num: Vec<u8> = Vec::with_capacity(32); // little-endian base-256
    for c in s.bytes() {
        let mut carry = b58_digit(c)?;
        for byte in num.iter_mut() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            num.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(num.iter().rev());
    Some(out)
}

/// A P2PKH (version 0) or P2SH (version 5) base58check address.
pub(crate) fn valid_base58check(s: &str) -> bool {
    let Some(raw) = base58_decode(s) else {
        return false;
    };
    if raw.len() != 25 || !matches!(raw[0], 0 | 5) {
        return false;
    }
    let first = Sha256::digest(&raw[..21]);
    let second = Sha256::digest(first);
    second[..4] == raw[21..]
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// A mainnet segwit address: bech32 for witness version 0 (program of 20 or 32 bytes), bech32m
/// for versions 1–16 (2–40 bytes); one case throughout; at most 90 characters.
pub(crate) fn valid_bech32_address(s: &str) -> bool {
    if s.len() > 90
        || (s.bytes().any(|c| c.is_ascii_lowercase()) && s.bytes().any(|c| c.is_ascii_uppercase()))
    {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let Some(data_part) = lower.strip_prefix("bc1") else {
        return false;
    };
    let mut data = Vec::with_capacity(data_part.len());
    for c in data_part.bytes() {
        match BECH32_CHARSET.iter().position(|&x| x == c) {
            Some(p) => data.push(p as u8),
            None => return false,
        }
    }
    if data.len() < 7 {
        return false;
    }
    // HRP expansion of "bc": high bits, 0, low bits.
    let hrp = [b'b' >> 5, b'c' >> 5, 0, b'b' & 31, b'c' & 31];
    let check = polymod(hrp.iter().copied().chain(data.iter().copied()));
    let version = data[0];
    let want = if version == 0 { 1 } else { 0x2bc8_30a3 };
    if check != want || version > 16 {
        return false;
    }
    // Regroup the program (without version and 6 checksum symbols) from 5-bit to 8-bit.
    let prog5 = &data[1..data.len() - 6];
    let (mut acc, mut bits, mut prog) = (0u32, 0u32, Vec::with_capacity(40));
    for &v in prog5 {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            prog.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if bits >= 5 || (acc << (8 - bits)) & 0xff != 0 {
        return false; // more than 4 padding bits, or non-zero padding
    }
    match version {
        0 => matches!(prog.len(), 20 | 32),
        _ => (2..=40).contains(&prog.len()),
    }
}

/// `0x` + 40 hex digits: all-lower and all-upper are unchecksummed and accepted; mixed case must
/// be EIP-55 (letter `i` upper-case exactly when nibble `i` of keccak256(lower hex) is ≥ 8).
pub(crate) fn valid_eth(s: &str) -> bool {
    let hex = &s[2..];
    let has_lower = hex.bytes().any(|c| c.is_ascii_lowercase());
    let has_upper = hex.bytes().any(|c| c.is_ascii_uppercase());
    if !(has_lower && has_upper) {
        return true;
    }
    let hash = keccak256(hex.to_ascii_lowercase().as_bytes());
    hex.bytes().enumerate().all(|(i, c)| {
        let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0xf;
        !c.is_ascii_alphabetic() || c.is_ascii_uppercase() == (nibble >= 8)
    })
}

/// Monero base58: 11-character blocks decode to 8 big-endian bytes; the last, shorter block to
/// the byte count its length stands for.
fn monero_decode(s: &str) -> Option<Vec<u8>> {
    // Encoded length (index) → decoded bytes; 0 marks impossible lengths.
    const SIZES: [usize; 12] = [0, 0, 1, 2, 0, 3, 4, 5, 0, 6, 7, 8];
    let mut out = Vec::with_capacity(s.len() * 8 / 11 + 1);
    for block in s.as_bytes().chunks(11) {
        let n = SIZES[block.len()];
        if n == 0 {
            return None;
        }
        let mut v: u128 = 0;
        for &c in block {
            v = v * 58 + u128::from(b58_digit(c)?);
        }
        if n < 8 && v >> (8 * n) != 0 || v > u128::from(u64::MAX) {
            return None;
        }
        out.extend_from_slice(&v.to_be_bytes()[16 - n..]);
    }
    Some(out)
}

/// Monero mainnet: network byte 18 (standard), 42 (subaddress, 95 chars) or 19 (integrated,
/// 106 chars), then keys (and payment id), then the first 4 bytes of keccak256 of the rest.
pub(crate) fn valid_xmr(s: &str) -> bool {
    let Some(raw) = monero_decode(s) else {
        return false;
    };
    if !matches!(
        (raw.first(), raw.len()),
        (Some(18 | 42), 69) | (Some(19), 77)
    ) {
        return false;
    }
    let (body, check) = raw.split_at(raw.len() - 4);
    keccak256(body)[..4] == *check
}

pub(crate) fn scan(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let s = text.as_bytes();
    let (btc, eth, xmr) = (
        ctx.wants(IocType::Btc),
        ctx.wants(IocType::Eth),
        ctx.wants(IocType::Xmr),
    );
    // The shortest address word asked for of those found by length: base58 btc 26, eth
    // `0x` + 40, xmr 95. Bech32 words (`bc1` + 6 and up) are found from their prefix below:
    // probing for words of 9 bytes read most of a prose text, probing for 26 skips most of it.
    let min = if btc {
        26
    } else if eth {
        42
    } else if xmr {
        95
    } else {
        return;
    };
    // Candidates used to come from one pass per shape (base58 btc, bech32, eth, xmr, in that
    // order); they are kept in that order so that ties downstream resolve as before.
    let (mut b58, mut b32, mut hex, mut mon) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let all = |w: &[u8], f: fn(u8) -> bool| w.iter().all(|&c| f(c));
    for (a, e) in long_words(s, min) {
        let w = &s[a..e];
        let m = &text[a..e];
        let (list, t, value) = match w[0] {
            // `\b[13][base58]{25,34}\b`: P2PKH and P2SH.
            b'1' | b'3'
                if btc
                    && (26..=35).contains(&w.len())
                    && all(&w[1..], base58_char)
                    && valid_base58check(m) =>
            {
                (&mut b58, IocType::Btc, m.to_string())
            }
            // `\b0x[0-9A-Fa-f]{40}\b`.
            b'0' if eth
                && w.len() == 42
                && w[1] == b'x'
                && all(&w[2..], |c| c.is_ascii_hexdigit())
                && valid_eth(m) =>
            {
                (&mut hex, IocType::Eth, m.to_string())
            }
            // `\b[48][base58]{94}([base58]{11})?\b`: standard and integrated addresses.
            b'4' | b'8'
                if xmr
                    && matches!(w.len(), 95 | 106)
                    && all(&w[1..], base58_char)
                    && valid_xmr(m) =>
            {
                (&mut mon, IocType::Xmr, m.to_string())
            }
            _ => continue,
        };
        list.push(Candidate::new(a, e, t, value));
    }
    if btc {
        // `\b(bc1|BC1)[bech32]{6,87}\b`: segwit, from each "bc1" / "BC1" at a word start. The
        // walk over the word stops after 91 bytes (longer is no address); a hit inside a word
        // is rejected by the byte before it, so no word is walked twice.
        let mut hits: Vec<usize> = memchr::memmem::find_iter(s, b"bc1")
            .chain(memchr::memmem::find_iter(s, b"BC1"))
            .collect();
        hits.sort_unstable();
        for a in hits {
            if a > 0 && word(s[a - 1]) {
                continue;
            }
            let len = 3 + s[a + 3..].iter().take(88).take_while(|&&c| word(c)).count();
            let (e, m) = (a + len, &text[a..a + len]);
            if (9..=90).contains(&len) && all(&s[a + 3..e], bech32_char) && valid_bech32_address(m)
            {
                b32.push(Candidate::new(a, e, IocType::Btc, m.to_ascii_lowercase()));
            }
        }
    }
    out.extend(b58.into_iter().chain(b32).chain(hex).chain(mon));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probing walk finds exactly the words of at least `min` bytes a plain split finds.
    #[test]
    fn long_words_are_the_long_words_of_a_split() {
        let texts = [
            "",
            "abcdefghi",
            "abcdefgh",
            " abcdefghi ",
            "1.2.3.4.5.6.7.8.9.10.11.12",
            "ab cd abcdefgh abcdefghij k_l_m_n_o_p 1234567890123 x.y",
            "aaaaaaaa.bbbbbbbbb.cccccccc.ddddddddddddddddddd",
            "é€abcdefghijk€é abcdefghi-abcdefghi",
            "0123456789abcdef0123456789abcdef0123456789abcdef",
        ];
        for t in texts {
            let s = t.as_bytes();
            for min in [1, 2, 8, 9, 10, 13] {
                let mut want = Vec::new();
                let mut i = 0;
                while i < s.len() {
                    if word(s[i]) {
                        let a = i;
                        while i < s.len() && word(s[i]) {
                            i += 1;
                        }
                        if i - a >= min {
                            want.push((a, i));
                        }
                    }
                    i += 1;
                }
                let got: Vec<_> = long_words(s, min).collect();
                assert_eq!(got, want, "{t:?} min {min}");
            }
        }
    }

    #[test]
    fn base58check() {
        // The genesis block's address and the Bitcoin wiki's P2SH example.
        assert!(valid_base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
        assert!(valid_base58check("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
        assert!(!valid_base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"));
        assert!(!valid_base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf"));
    }

    #[test]
    fn bech32_bip173_bip350_vectors() {
        for ok in [
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
            "BC1SW50QGDZ25J",
            "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        ] {
            assert!(valid_bech32_address(ok), "{ok}");
        }
        for bad in [
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", // bech32 for v1
            "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", // bech32 for v16
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",                     // bech32m for v0
            "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", // version 17
            "bc1pw5dgrnzv",                                                   // 1-byte program
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", // 41
            "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",                           // v0 with 16 bytes
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", // padding
            "bc1gmk9yu",                                                      // empty data
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4",                     // mixed case
        ] {
            assert!(!valid_bech32_address(bad), "{bad}");
        }
    }

    #[test]
    fn eip55_spec_examples() {
        for ok in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0xde709f2102306220921060314715629080e2fb77",
        ] {
            assert!(valid_eth(ok), "{ok}");
        }
        assert!(!valid_eth("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        assert!(!valid_eth("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }

    #[test]
    fn monero() {
        // The Monero project's donation addresses (old standard one, general fund subaddress).
        let std = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
        let sub = "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H";
        assert!(valid_xmr(std));
        assert!(valid_xmr(sub));
        assert!(!valid_xmr(&std.replace("GQBEP3A", "GQBEP3B")));
        assert!(!valid_xmr(&sub.replace("888tN", "888tM")));
        // The last block's value must fit its 5 bytes.
        assert!(monero_decode("zzzzzzz").is_none());
    }
}
