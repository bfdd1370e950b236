//! MISP event JSON (`{"Event": {…, "Attribute": […]}}`), the form MISP imports and
//! `pymisp.MISPEvent().load()` reads (checked in `tests/py/check_exports.py`).
//!
//! Each IOC becomes an attribute with the MISP type and a category MISP allows for it
//! (`describeTypes.json`). `to_ids` is true for network and hash indicators and YARA rules —
//! what an IDS can match — and false for the rest, and also false for any match IOC Lens flagged
//! (private, documentation, allowlisted, …: alerting on those is noise). The source goes into the
//! event `info`, into a `link` attribute when it is a URL, and into attribute comments when the
//! run covered several sources. UUIDs are UUIDv5, so the same export gives the same event.

use super::{groups, Meta, Row};
use crate::{Flags, IocType, Kind};
use serde::Serialize;
use std::collections::HashSet;
use uuid::Uuid;

/// The namespace of IOC Lens MISP UUIDs (fixed; distinct from the STIX one).
const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f6a0e_93c4_4f7e_9d61_2f0c8e5a7d13);

/// (MISP type, category, whether an IDS can match it).
fn mapping(kind: &Kind) -> (&'static str, &'static str, bool) {
    let Some(t) = kind.builtin() else {
        return ("text", "Other", false);
    };
    match t {
        IocType::Ipv4 | IocType::Ipv6 | IocType::Cidr => ("ip-dst", "Network activity", true),
        IocType::Domain => ("domain", "Network activity", true),
        IocType::Url => ("url", "Network activity", true),
        IocType::Email => ("email-src", "Payload delivery", true),
        IocType::Md5 => ("md5", "Payload delivery", true),
        IocType::Sha1 => ("sha1", "Payload delivery", true),
        IocType::Sha256 => ("sha256", "Payload delivery", true),
        IocType::Sha512 => ("sha512", "Payload delivery", true),
        IocType::Ssdeep => ("ssdeep", "Payload delivery", true),
        IocType::Yara => ("yara", "Payload installation", true),
        IocType::Cve => ("vulnerability", "External analysis", false),
        // MISP has no attribute type for ATT&CK ids (they are galaxy clusters) nor for Ethereum.
        IocType::Attack => ("text", "External analysis", false),
        IocType::Asn => ("AS", "Network activity", false),
        IocType::Mac => ("mac-address", "Network activity", false),
        IocType::Btc => ("btc", "Financial fraud", false),
        IocType::Xmr => ("xmr", "Financial fraud", false),
        IocType::Eth => ("text", "Financial fraud", false),
        IocType::Filename => ("filename", "Payload delivery", false),
        IocType::Filepath => ("filename", "Artifacts dropped", false),
        IocType::Registry => ("regkey", "Persistence mechanism", false),
    }
}

/// What a `text` attribute is, so the type is not lost.
fn note(kind: &Kind) -> Option<String> {
    match kind.builtin() {
        Some(IocType::Attack) => Some("MITRE ATT&CK technique".into()),
        Some(IocType::Eth) => Some("Ethereum address".into()),
        Some(_) => None,
        None => Some(format!("custom type {}", kind.as_str())),
    }
}

#[derive(Serialize)]
struct Attribute<'a> {
    uuid: String,
    #[serde(rename = "type")]
    ty: &'static str,
    category: &'static str,
    value: &'a str,
    to_ids: bool,
    /// "5": inherit the event's distribution.
    distribution: &'static str,
    timestamp: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    comment: String,
}

#[derive(Serialize)]
struct Event<'a> {
    uuid: String,
    info: String,
    date: String,
    timestamp: String,
    published: bool,
    /// "0": initial analysis.
    analysis: &'static str,
    /// "4": undefined threat level; the analyst decides.
    threat_level_id: &'static str,
    /// "0": this organisation only, the safe default for an unreviewed import.
    distribution: &'static str,
    #[serde(rename = "Attribute")]
    attributes: Vec<Attribute<'a>>,
}

#[derive(Serialize)]
struct Root<'a> {
    #[serde(rename = "Event")]
    event: Event<'a>,
}

/// Flags that make an IDS alert noise. (`decoded`, `no_scheme`, `special_tld` do not: a URL
/// found in base64 or a `.onion` host is as real an indicator as any.)
const NOISY: [Flags; 6] = [
    Flags::PRIVATE,
    Flags::LOOPBACK,
    Flags::RESERVED,
    Flags::DOCUMENTATION,
    Flags::ALLOWLISTED,
    Flags::VERSION_LIKE,
];

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// The event for deduplicated `rows`.
pub(super) fn event(rows: &[Row], meta: &Meta) -> String {
    let time = meta.time.unix().to_string();
    let mut seen = HashSet::new();
    let sources: Vec<&str> = meta
        .source
        .into_iter()
        .chain(rows.iter().filter_map(|r| r.source))
        .filter(|s| seen.insert(*s))
        .collect();
    let info = match sources.as_slice() {
        [] => "IOC Lens export".to_string(),
        [one] => format!("IOC Lens export: {one}"),
        many => format!("IOC Lens export: {} sources", many.len()),
    };
    let event_uuid = Uuid::new_v5(
        &NAMESPACE,
        format!("event|{}|{}", sources.join("\n"), meta.time.rfc3339()).as_bytes(),
    );
    let uuid = |what: &str| Uuid::new_v5(&event_uuid, what.as_bytes()).to_string();
    let mut attributes: Vec<Attribute> = sources
        .iter()
        .filter(|s| is_url(s))
        .map(|s| Attribute {
            uuid: uuid(&format!("link|{s}")),
            ty: "link",
            category: "External analysis",
            value: s,
            to_ids: false,
            distribution: "5",
            timestamp: time.clone(),
            comment: "source".into(),
        })
        .collect();
    for (kind, rs) in groups(rows) {
        let (ty, category, ids) = mapping(kind);
        for r in rs {
            let mut comment: Vec<String> = note(kind).into_iter().collect();
            let flags = r.m.flags.names().collect::<Vec<_>>();
            if !flags.is_empty() {
                comment.push(format!("flags: {}", flags.join(", ")));
            }
            if let (Some(s), true) = (r.source, sources.len() > 1) {
                comment.push(format!("source: {s}"));
            }
            attributes.push(Attribute {
                uuid: uuid(&format!("{}|{}", kind.as_str(), r.m.value)),
                ty,
                category,
                value: &r.m.value,
                to_ids: ids && !NOISY.iter().any(|f| r.m.flags.contains(*f)),
                distribution: "5",
                timestamp: time.clone(),
                comment: comment.join("; "),
            });
        }
    }
    let root = Root {
        event: Event {
            uuid: event_uuid.to_string(),
            info,
            date: meta.time.date(),
            timestamp: time.clone(),
            published: false,
            analysis: "0",
            threat_level_id: "4",
            distribution: "0",
            attributes,
        },
    };
    // Plain structs with string keys: serialising cannot fail.
    let mut s = serde_json::to_string_pretty(&root).unwrap_or_default();
    s.push('\n');
    s
}
