//! The canonical IOC type names, used verbatim in every output (JSON, CSV, wasm, CLI).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! ioc_types {
    ($($variant:ident => $name:literal, $default:literal, $doc:literal;)*) => {
        /// An indicator type. `as_str()` gives the canonical name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum IocType {
            $(#[doc = $doc] $variant,)*
        }

        impl IocType {
            /// Every built-in type, in output order.
            pub const ALL: &'static [IocType] = &[$(IocType::$variant,)*];

            /// The canonical name (`"ipv4"`, `"sha256"`, …).
            pub fn as_str(self) -> &'static str {
                match self { $(IocType::$variant => $name,)* }
            }

            /// Whether the type is on when the caller does not choose types.
            pub fn is_default(self) -> bool {
                match self { $(IocType::$variant => $default,)* }
            }
        }

        impl FromStr for IocType {
            type Err = crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($name => Ok(IocType::$variant),)*
                    other => Err(crate::Error::UnknownType(other.to_string())),
                }
            }
        }
    };
}

// The default set is every network and hash indicator plus CVE/ATT&CK: the things analysts block or
// look up. Paths, file names, registry keys, MACs, ASNs, YARA and coin addresses are opt-in (`all`)
// because in ordinary prose they are the noisiest (msticpy keeps paths off by default for that reason).
ioc_types! {
    Ipv4 => "ipv4", true, "IPv4 address (`value` without leading zeros).";
    Ipv6 => "ipv6", true, "IPv6 address (`value` in RFC 5952 compressed form).";
    Cidr => "cidr", true, "IPv4 or IPv6 network in CIDR notation.";
    Domain => "domain", true, "Domain name with a known top-level domain (lowercase).";
    Url => "url", true, "URL with or without a scheme (scheme and host lowercase, path kept).";
    Email => "email", true, "E-mail address (domain lowercase).";
    Md5 => "md5", true, "MD5 hash (32 hex digits, lowercase).";
    Sha1 => "sha1", true, "SHA-1 hash (40 hex digits, lowercase).";
    Sha256 => "sha256", true, "SHA-256 hash (64 hex digits, lowercase).";
    Sha512 => "sha512", true, "SHA-512 hash (128 hex digits, lowercase).";
    Ssdeep => "ssdeep", true, "ssdeep fuzzy hash (`blocksize:hash:hash`).";
    Cve => "cve", true, "CVE identifier (`CVE-YYYY-NNNN`, uppercase).";
    Attack => "attack", true, "MITRE ATT&CK technique or sub-technique id (`T1059.001`).";
    Asn => "asn", false, "Autonomous system number (`AS13335`).";
    Mac => "mac", false, "MAC address (lowercase, colon-separated).";
    Btc => "btc", false, "Bitcoin address (base58check or bech32/bech32m checksum verified).";
    Eth => "eth", false, "Ethereum address (EIP-55 checksum verified when mixed case).";
    Xmr => "xmr", false, "Monero address (Keccak checksum verified).";
    Filepath => "filepath", false, "Windows or Unix file path.";
    Filename => "filename", false, "File name with a known executable, script, document or archive extension.";
    Registry => "registry", false, "Windows registry key (hive abbreviations kept as written).";
    Yara => "yara", false, "A whole YARA rule.";
}

impl fmt::Display for IocType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of enabled types (a bit per built-in type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeSet(u32);

impl TypeSet {
    /// No type.
    pub const fn empty() -> Self {
        TypeSet(0)
    }
    /// Every built-in type (`--types all`).
    pub fn all() -> Self {
        IocType::ALL.iter().fold(Self::empty(), |s, t| s.with(*t))
    }
    /// The documented default set (see [`IocType::is_default`]).
    pub fn defaults() -> Self {
        IocType::ALL
            .iter()
            .filter(|t| t.is_default())
            .fold(Self::empty(), |s, t| s.with(*t))
    }
    /// This set plus `t`.
    pub const fn with(self, t: IocType) -> Self {
        TypeSet(self.0 | (1 << t as u32))
    }
    /// Whether `t` is in the set.
    pub const fn contains(self, t: IocType) -> bool {
        self.0 & (1 << t as u32) != 0
    }
    /// Parses a comma-separated list (`"ipv4,url"`, `"all"`, `"default"`, or a mix such as
    /// `"default,filepath"`). Unknown names are an error that names them.
    pub fn parse(list: &str) -> Result<Self, crate::Error> {
        let mut set = Self::empty();
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            set = match name.to_ascii_lowercase().as_str() {
                "all" => Self::all(),
                "default" => TypeSet(set.0 | Self::defaults().0),
                "hash" | "hashes" => set
                    .with(IocType::Md5)
                    .with(IocType::Sha1)
                    .with(IocType::Sha256)
                    .with(IocType::Sha512),
                _ => set.with(name.parse()?),
            };
        }
        Ok(set)
    }
    /// The types in the set, in canonical order.
    pub fn iter(self) -> impl Iterator<Item = IocType> {
        IocType::ALL
            .iter()
            .copied()
            .filter(move |t| self.contains(*t))
    }
}

impl Default for TypeSet {
    fn default() -> Self {
        Self::defaults()
    }
}
