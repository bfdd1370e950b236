//! # IOC Lens core
//!
//! Finds indicators of compromise (IPs, domains, URLs, hashes, CVEs, …) in text, including every
//! common defang form (`hxxps[://]evil[.]com`, `1.2.3[.]4`, `a[at]b[.]com`), and reports each with
//! its refanged value, the raw text, exact byte offsets and trust flags.
//!
//! ```
//! use ioclens::{Extractor, IocType};
//!
//! let ex = Extractor::new();
//! let found = ex.extract("C2 at hxxps[://]evil[.]com/gate.php and 1.2.3[.]4");
//! assert_eq!(found[0].kind, IocType::Url);
//! assert_eq!(found[0].value, "https://evil.com/gate.php");
//! assert_eq!(found[0].raw, "hxxps[://]evil[.]com/gate.php");
//! assert!(found[0].defanged);
//! assert_eq!(found[1].value, "1.2.3.4");
//! ```
//!
//! The library does no I/O. Every built-in scanner is a hand scan started from trigger bytes
//! with bounded checks (no backtracking, no rescans); custom types run on `regex-lite`, which is
//! linear too. So extraction time is linear in the input on every input.
#![deny(missing_docs)]

pub mod allowlist;
mod error;
pub mod export;
mod extract;
mod fang;
mod idn;
mod matches;
mod nested;
pub mod options;
mod scan;
pub mod tld;
mod types;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use allowlist::Allowlist;
pub use error::Error;
pub use export::defang;
pub use extract::{Extractor, ExtractorBuilder};
pub use fang::refang;
pub use matches::{DecodedFrom, Flags, Kind, Match};
pub use types::{IocType, TypeSet};

/// The crate version, as shown by the CLI and written into exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
