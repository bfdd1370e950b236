//! The match record every front end consumes.

use crate::types::IocType;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// The type of a match: a built-in type or a caller-defined custom type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// One of the canonical built-in types.
    Builtin(IocType),
    /// A custom type added with [`crate::ExtractorBuilder::custom`]; the string is its name.
    Custom(Arc<str>),
}

impl Kind {
    /// The canonical name, as written in every output.
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Builtin(t) => t.as_str(),
            Kind::Custom(n) => n,
        }
    }
    /// The kind with this name: a built-in type (any case) or else a custom type.
    pub fn named(name: &str) -> Kind {
        match name.parse::<IocType>() {
            Ok(t) => Kind::Builtin(t),
            Err(_) => Kind::Custom(name.into()),
        }
    }
    /// The built-in type, if this is one.
    pub fn builtin(&self) -> Option<IocType> {
        match self {
            Kind::Builtin(t) => Some(*t),
            Kind::Custom(_) => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<IocType> for Kind {
    fn eq(&self, other: &IocType) -> bool {
        self.builtin() == Some(*other)
    }
}

macro_rules! flags {
    ($($konst:ident = $bit:literal, $name:literal, $doc:literal;)*) => {
        /// Why a match may deserve less trust; the fronts dim or hide flagged matches.
        #[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct Flags(u16);

        impl Flags {
            $(#[doc = $doc] pub const $konst: Flags = Flags(1 << $bit);)*
            const NAMES: &'static [(Flags, &'static str)] = &[$((Flags::$konst, $name),)*];

            /// Whether every flag of `other` is set.
            pub fn contains(self, other: Flags) -> bool { self.0 & other.0 == other.0 && other.0 != 0 }
            /// Sets the flags of `other`.
            pub fn insert(&mut self, other: Flags) { self.0 |= other.0 }
            /// Whether no flag is set.
            pub fn is_empty(self) -> bool { self.0 == 0 }
            /// The names of the set flags, in a fixed order.
            pub fn names(self) -> impl Iterator<Item = &'static str> {
                Self::NAMES.iter().filter(move |(f, _)| self.contains(*f)).map(|(_, n)| *n)
            }
        }
    };
}

flags! {
    PRIVATE = 0, "private", "RFC 1918 / RFC 4193 private address, or a private network.";
    LOOPBACK = 1, "loopback", "Loopback address (127.0.0.0/8, ::1) or `localhost`.";
    RESERVED = 2, "reserved", "Reserved, unspecified, multicast, link-local, broadcast or shared (CGN) address.";
    DOCUMENTATION = 3, "documentation", "Documentation range (RFC 5737, RFC 3849) or reserved name (`example.com`, `.test`).";
    ALLOWLISTED = 4, "allowlisted", "Matched the allowlist or a warninglist: known benign.";
    VERSION_LIKE = 5, "version_like", "Looks like a version number (`version 1.2.3.4`), not necessarily an address.";
    DECODED = 6, "decoded", "Found inside hex, base64 or percent-encoded text; see `decoded_from`.";
    SPECIAL_TLD = 7, "special_tld", "The top-level domain is special-use (`.onion`, `.local`, …), not in the root zone.";
    NO_SCHEME = 8, "no_scheme", "A URL written without a scheme (`evil.com/path`).";
    NESTED = 9, "nested", "Inside another match, reported in addition to it: a hash that names the file in a URL's path or a file path/name (`…/20210119/<md5>.exe`). The only matches that overlap; listed right after their parent.";
    IDN = 11, "idn", "An internationalised host (`https://bücher.example/`): the value holds its ASCII form (`xn--bcher-kva.example`), `raw` the Unicode, so look-alike letters (`pаypal.com`) cannot pass for ASCII.";
    CONTACT = 10, "contact", "An e-mail address the text offers as its own contact (`contact us at …`): the publisher's, not an indicator; also flagged `allowlisted`.";
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// Where a decoded match came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DecodedFrom {
    /// `"base64"`, `"hex"` or `"percent"`.
    pub encoding: &'static str,
    /// Byte offset of the encoded text.
    pub start: usize,
    /// Byte offset just past the encoded text.
    pub end: usize,
}

/// One indicator found in the text. Deserialising (to read matches back, e.g. from JS for the
/// exports) ignores unknown fields such as `start16`; only `type` and `value` are required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    /// The type (canonical name when serialised).
    #[serde(rename = "type")]
    pub kind: Kind,
    /// Refanged and normalised value (lowercase host and hash, path case kept).
    pub value: String,
    /// The text exactly as written: `&input[start..end]`.
    #[serde(default)]
    pub raw: String,
    /// Byte offset of the first byte in the input.
    #[serde(default)]
    pub start: usize,
    /// Byte offset just past the last byte.
    #[serde(default)]
    pub end: usize,
    /// Whether the text was written defanged (`[.]`, `hxxp`, …).
    #[serde(default)]
    pub defanged: bool,
    /// Trust flags.
    #[serde(default)]
    pub flags: Flags,
    /// For decoded matches, the encoded span (equal to `start..end`) and its encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoded_from: Option<DecodedFrom>,
}

// Reading matches back (the wasm `exportMatches` receives what `extract` returned). Names are
// checked: an unknown flag or encoding is an error rather than silently lost.

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name.trim().is_empty() {
            return Err(serde::de::Error::custom("empty type name"));
        }
        Ok(Kind::named(&name))
    }
}

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut flags = Flags::default();
        for name in Vec::<String>::deserialize(d)? {
            let (f, _) = Flags::NAMES
                .iter()
                .find(|(_, n)| *n == name)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown flag {name:?}")))?;
            flags.insert(*f);
        }
        Ok(flags)
    }
}

impl<'de> Deserialize<'de> for DecodedFrom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Owned {
            encoding: String,
            start: usize,
            end: usize,
        }
        let o = Owned::deserialize(d)?;
        let encoding = ["base64", "hex", "percent"]
            .into_iter()
            .find(|e| *e == o.encoding)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("unknown encoding {:?}", o.encoding))
            })?;
        Ok(DecodedFrom {
            encoding,
            start: o.start,
            end: o.end,
        })
    }
}
