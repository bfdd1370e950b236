//! The scanners: each finds one family of indicators in the fanged text and pushes candidates.
//! Every scanner is a hand scan (linear): hits come from a trigger byte or literal (memchr,
//! memmem; a `.` for dotted tokens, `@` for addresses, `:` for IPv6 and ssdeep, …), then bounded
//! checks at each hit; a scanner that extends a hit by hand (a URL path) never re-reads text an
//! earlier hit covered. The built-in scanners used to be `regex` passes: each hand scan yields
//! the same spans its pattern's leftmost-first matches had, without a pass over the whole text
//! per pattern (and without the lazy DFA, which the wasm build cannot speed up with SIMD
//! prefilters). `regex` remains for users' custom types and allowlist patterns.

use crate::matches::{Flags, Kind};
use crate::types::{IocType, TypeSet};

pub(crate) mod asn;
pub(crate) mod attack;
pub(crate) mod contact;
pub(crate) mod crypto;
pub(crate) mod cve;
pub(crate) mod decode;
pub(crate) mod email;
pub(crate) mod filename;
pub(crate) mod filepath;
pub(crate) mod hash;
pub(crate) mod host;
pub(crate) mod idn_host;
pub(crate) mod ipv4;
pub(crate) mod ipv6;
pub(crate) mod mac;
pub(crate) mod registry;
pub(crate) mod url;
pub(crate) mod yara;

/// A 256-entry byte-class table from a predicate on the byte `c`, built at compile time. Runs of
/// a class mixing digits and letters (hex, base64, labels) are walked megabytes at a time, and a
/// chain of range tests mispredicts at every digit–letter switch (3–4 ns a byte); one lookup
/// does not.
macro_rules! byte_table {
    (|$c:ident| $e:expr) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $c = i as u8;
            t[i] = $e;
            i += 1;
        }
        t
    }};
}
pub(crate) use byte_table;

/// Hex digits, as a table: hex runs are walked by the hash and decode scanners.
pub(crate) const HEX: [bool; 256] = byte_table!(|c| c.is_ascii_hexdigit());

/// A possible match, in fanged-text offsets.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub value: String,
    pub flags: Flags,
    /// Breaks ties between candidates of the same span: higher wins.
    pub priority: i32,
    /// Set by the decoder: (encoding, encoded span in the *input*).
    pub decoded: Option<(&'static str, usize, usize)>,
}

impl Candidate {
    pub fn new(start: usize, end: usize, t: IocType, value: String) -> Self {
        Candidate {
            start,
            end,
            kind: Kind::Builtin(t),
            value,
            flags: Flags::default(),
            priority: 0,
            decoded: None,
        }
    }
    pub fn flag(mut self, f: Flags) -> Self {
        self.flags.insert(f);
        self
    }
}

/// What a scanner sees.
pub(crate) struct Ctx<'t> {
    /// The fanged text.
    pub text: &'t str,
    pub types: TypeSet,
    /// Whether the fanged span `a..b` was written defanged.
    pub defanged: &'t dyn Fn(usize, usize) -> bool,
}

impl Ctx<'_> {
    pub fn wants(&self, t: IocType) -> bool {
        self.types.contains(t)
    }
    pub fn byte(&self, i: usize) -> Option<u8> {
        self.text.as_bytes().get(i).copied()
    }
    /// The byte before offset `i`.
    pub fn before(&self, i: usize) -> Option<u8> {
        i.checked_sub(1).and_then(|j| self.byte(j))
    }
}

/// Runs every built-in scanner the type set asks for.
pub(crate) fn scan_all(ctx: &Ctx, out: &mut Vec<Candidate>) {
    let t = ctx.types;
    let any = |ts: &[IocType]| ts.iter().any(|x| t.contains(*x));
    // With `url` off, a URL's host is reported as a domain or address instead.
    if t.contains(IocType::Url) {
        url::scan(ctx, out);
    }
    if any(&[
        IocType::Ipv4,
        IocType::Cidr,
        IocType::Domain,
        IocType::Url,
        IocType::Filename,
    ]) {
        // First: on the same span ("pаypal.com", a name glued to a non-ASCII letter), the
        // order candidates are found in breaks the tie, and the whole internationalised name
        // is the better reading than the ASCII scanner's file name.
        idn_host::scan(ctx, out);
        host::scan(ctx, out);
    }
    if any(&[IocType::Email]) {
        email::scan(ctx, out);
    }
    if any(&[IocType::Ipv6, IocType::Cidr]) {
        ipv6::scan(ctx, out);
    }
    if any(&[
        IocType::Md5,
        IocType::Sha1,
        IocType::Sha256,
        IocType::Sha512,
        IocType::Ssdeep,
    ]) {
        hash::scan(ctx, out);
    }
    if t.contains(IocType::Cve) {
        cve::scan(ctx, out);
    }
    if t.contains(IocType::Attack) {
        attack::scan(ctx, out);
    }
    if t.contains(IocType::Asn) {
        asn::scan(ctx, out);
    }
    if t.contains(IocType::Mac) {
        mac::scan(ctx, out);
    }
    if any(&[IocType::Btc, IocType::Eth, IocType::Xmr]) {
        crypto::scan(ctx, out);
    }
    if t.contains(IocType::Filepath) {
        filepath::scan(ctx, out);
    }
    if t.contains(IocType::Registry) {
        registry::scan(ctx, out);
    }
    if t.contains(IocType::Yara) {
        yara::scan(ctx, out);
    }
}
