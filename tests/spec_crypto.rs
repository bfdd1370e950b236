//! Coin addresses: real public addresses with valid checksums are found; the same strings with one
//! character changed (checksum broken) are not.
mod common;
use common::check_table;

/// Genesis block coinbase address.
const GENESIS: &str = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
/// The Bitcoin wiki's P2SH example.
const P2SH: &str = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
/// From an ESET report's ransom note.
const RANSOM: &str = "18sn7w8ktbBNgsX8LeeeLMqKS84xMG54si";
/// BIP-173 / BIP-350 example addresses.
const P2WPKH: &str = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4";
const P2TR: &str = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
/// The Monero project's donation addresses: the old standard one and the general fund subaddress.
const XMR_STD: &str = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
const XMR_SUB: &str = "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H";

/// Changes the character at `i` to another of the same alphabet.
fn mutate(s: &str, i: usize) -> String {
    let mut b = s.as_bytes().to_vec();
    b[i] = match b[i] {
        b'z' => b'y',
        b'Z' => b'Y',
        b'9' => b'8',
        c => c + 1,
    };
    // Keep the alphabets: base58 has no 0, O, I, l; bech32 has no 1, b, i, o.
    if matches!(b[i], b'0' | b'1' | b'O' | b'I' | b'l' | b'i' | b'o' | b'b') {
        b[i] += 1;
    }
    String::from_utf8(b).unwrap()
}

#[test]
fn bitcoin() {
    let lower_p2wpkh = P2WPKH.to_ascii_lowercase();
    check_table(&[
        (GENESIS, &format!("|btc:{GENESIS}|")),
        (
            &format!("send to {P2SH}."),
            &format!("send to |btc:{P2SH}|."),
        ),
        (
            &format!("wallet: {RANSOM}"),
            &format!("wallet: |btc:{RANSOM}|"),
        ),
        (P2WPKH, &format!("|btc:{lower_p2wpkh}|")),
        (P2TR, &format!("|btc:{P2TR}|")),
    ]);
}

#[test]
fn bitcoin_checksum_failures() {
    let rows: Vec<(String, String)> = [GENESIS, P2SH, RANSOM, P2TR]
        .iter()
        .flat_map(|a| [5, a.len() - 1].map(|i| mutate(a, i)))
        .map(|m| (m.clone(), m))
        .collect();
    let rows: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    check_table(&rows);
    check_table(&[
        // bech32 checksum on a v1 program (needs bech32m), mixed case, testnet.
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        ),
        (
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4",
        ),
        // Inside a longer word.
        (&format!("x{GENESIS}"), &format!("x{GENESIS}")),
    ]);
}

#[test]
fn ethereum() {
    check_table(&[
        // EIP-55 examples (mixed case, checksummed), and unchecksummed all-lower / all-upper.
        (
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "|eth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed|",
        ),
        (
            "to 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359.",
            "to |eth:0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359|.",
        ),
        (
            "0xde709f2102306220921060314715629080e2fb77",
            "|eth:0xde709f2102306220921060314715629080e2fb77|",
        ),
        (
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "|eth:0x52908400098527886E0F7030069857D2E4169EE7|",
        ),
    ]);
}

#[test]
fn ethereum_rejects() {
    check_table(&[
        // One letter's case flipped breaks the checksum.
        (
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
        ),
        // 41 and 39 digits.
        (
            "0xde709f2102306220921060314715629080e2fb771",
            "0xde709f2102306220921060314715629080e2fb771",
        ),
        (
            "0xde709f2102306220921060314715629080e2fb7",
            "0xde709f2102306220921060314715629080e2fb7",
        ),
    ]);
}

#[test]
fn monero() {
    check_table(&[
        (XMR_STD, &format!("|xmr:{XMR_STD}|")),
        (
            &format!("donate: {XMR_SUB}."),
            &format!("donate: |xmr:{XMR_SUB}|."),
        ),
    ]);
    let bad: Vec<String> = [XMR_STD, XMR_SUB]
        .iter()
        .flat_map(|a| [10, 94].map(|i| mutate(a, i)))
        .collect();
    let rows: Vec<(&str, &str)> = bad.iter().map(|m| (m.as_str(), m.as_str())).collect();
    check_table(&rows);
}
