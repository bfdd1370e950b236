//! The one error type of the library.

use std::fmt;

/// Everything that can go wrong while configuring an extractor. Extraction itself cannot fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A type name that is not one of the canonical names (nor `all` / `default`).
    UnknownType(String),
    /// A custom pattern that does not compile; the message names the pattern.
    BadPattern {
        /// The custom type's name.
        name: String,
        /// The regex engine's (`regex-lite`) message.
        message: String,
    },
    /// A custom type whose name clashes with a built-in type or is empty.
    BadName(String),
    /// An allowlist entry or warninglist file that cannot be read.
    BadAllowlist(String),
    /// Options that do not parse (wrong field type, unknown format…).
    BadOptions(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownType(t) => write!(
                f,
                "unknown IOC type {t:?}; known types: all, default, {}",
                crate::IocType::ALL
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Error::BadPattern { name, message } => {
                write!(f, "custom type {name:?}: bad regex: {message}")
            }
            Error::BadName(n) => write!(
                f,
                "custom type name {n:?} is empty or clashes with a built-in type"
            ),
            Error::BadAllowlist(m) => write!(f, "allowlist: {m}"),
            Error::BadOptions(m) => write!(f, "options: {m}"),
        }
    }
}

impl std::error::Error for Error {}
