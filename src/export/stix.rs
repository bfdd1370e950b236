//! STIX 2.1 bundle (OASIS STIX 2.1, checked by loading it with the `stix2` Python library with
//! `allow_custom=False`; see `tests/py/check_exports.py`).
//!
//! - One `indicator` per unique IOC with a STIX pattern (`[ipv4-addr:value = '…']`,
//!   `[file:hashes.'SHA-256' = '…']`, …; YARA rules as `pattern_type: "yara"`), `valid_from` =
//!   the export time.
//! - CVEs as `vulnerability` and ATT&CK ids as `attack-pattern`, with external references.
//! - When a source is known: an `identity` for IOC Lens and one `report` per source that refers
//!   to its objects.
//! - Ids are UUIDv5 over type+value in a fixed namespace, so exporting the same IOC twice gives
//!   the same id and consumers dedupe re-exports.
//!
//! Mappings without a STIX 2.1 object: cryptocurrency addresses use `cryptocurrency-wallet:value`
//! (the convention of OpenCTI), custom types `x-ioclens-custom:name`/`value`.

use super::{groups, Meta, Row};
use crate::{IocType, Kind};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The namespace of every IOC Lens STIX id (a fixed random UUID; never change it, or re-exports
/// stop deduping).
const NAMESPACE: Uuid = Uuid::from_u128(0x0c2a0246_b016_4be8_a7f2_d18a3fa6fda0);

fn id(object: &str, name: &str) -> String {
    format!(
        "{object}--{}",
        Uuid::new_v5(&NAMESPACE, format!("{object}|{name}").as_bytes())
    )
}

/// A STIX pattern string literal: `'` and `\` escaped with a backslash.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `HKLM\…` → `HKEY_LOCAL_MACHINE\…`: STIX requires the hive spelled out.
fn full_hive(key: &str) -> String {
    const HIVES: [(&str, &str); 5] = [
        ("HKLM", "HKEY_LOCAL_MACHINE"),
        ("HKCU", "HKEY_CURRENT_USER"),
        ("HKCR", "HKEY_CLASSES_ROOT"),
        ("HKU", "HKEY_USERS"),
        ("HKCC", "HKEY_CURRENT_CONFIG"),
    ];
    let (hive, rest) = key.split_at(key.find('\\').unwrap_or(key.len()));
    match HIVES
        .iter()
        .find(|(short, _)| hive.eq_ignore_ascii_case(short))
    {
        Some((_, long)) => format!("{long}{rest}"),
        None => key.to_string(),
    }
}

/// `file:name` plus the parent directory, for a path.
fn file_path_pattern(path: &str) -> String {
    match path.rfind(['\\', '/']) {
        None => format!("[file:name = {}]", lit(path)),
        Some(i) if i + 1 == path.len() => format!("[directory:path = {}]", lit(path)),
        Some(i) => {
            // Keep the separator when the directory is a root (`/`, `C:\`).
            let dir = &path[..i];
            let dir = if dir.is_empty() || dir.ends_with(':') {
                &path[..=i]
            } else {
                dir
            };
            format!(
                "[file:name = {} AND file:parent_directory_ref.path = {}]",
                lit(&path[i + 1..]),
                lit(dir)
            )
        }
    }
}

/// The indicator pattern and pattern type for a value, or `None` for types that are not
/// indicators (CVE, ATT&CK).
fn pattern(kind: &Kind, v: &str) -> Option<(String, &'static str)> {
    let stix = |path: &str| Some((format!("[{path} = {}]", lit(v)), "stix"));
    let Some(t) = kind.builtin() else {
        return Some((
            format!(
                "[x-ioclens-custom:name = {} AND x-ioclens-custom:value = {}]",
                lit(kind.as_str()),
                lit(v)
            ),
            "stix",
        ));
    };
    match t {
        IocType::Ipv4 => stix("ipv4-addr:value"),
        IocType::Ipv6 => stix("ipv6-addr:value"),
        IocType::Cidr if v.contains(':') => stix("ipv6-addr:value"),
        IocType::Cidr => stix("ipv4-addr:value"),
        IocType::Domain => stix("domain-name:value"),
        IocType::Url => stix("url:value"),
        IocType::Email => stix("email-addr:value"),
        IocType::Md5 => stix("file:hashes.MD5"),
        IocType::Sha1 => stix("file:hashes.'SHA-1'"),
        IocType::Sha256 => stix("file:hashes.'SHA-256'"),
        IocType::Sha512 => stix("file:hashes.'SHA-512'"),
        IocType::Ssdeep => stix("file:hashes.SSDEEP"),
        IocType::Mac => stix("mac-addr:value"),
        IocType::Btc | IocType::Eth | IocType::Xmr => stix("cryptocurrency-wallet:value"),
        IocType::Filename => stix("file:name"),
        IocType::Filepath => Some((file_path_pattern(v), "stix")),
        IocType::Registry => Some((
            format!("[windows-registry-key:key = {}]", lit(&full_hive(v))),
            "stix",
        )),
        IocType::Asn => {
            let digits = v.get(2..).filter(|_| v[..2].eq_ignore_ascii_case("as"));
            match digits.and_then(|d| d.parse::<u32>().ok()) {
                Some(n) => Some((format!("[autonomous-system:number = {n}]"), "stix")),
                None => stix("autonomous-system:name"),
            }
        }
        IocType::Yara => Some((v.to_string(), "yara")),
        IocType::Cve | IocType::Attack => None,
    }
}

/// A readable indicator name: the value, or `YARA rule <name>` for a whole rule.
fn indicator_name(kind: &Kind, v: &str) -> String {
    if kind == &IocType::Yara {
        let name = v
            .split_whitespace()
            .skip_while(|w| *w != "rule")
            .nth(1)
            .map(|w| w.trim_end_matches(['{', ':']));
        return match name {
            Some(n) if !n.is_empty() => format!("YARA rule {n}"),
            _ => "YARA rule".to_string(),
        };
    }
    match kind.builtin() {
        Some(_) => v.to_string(),
        None => format!("{}: {v}", kind.as_str()),
    }
}

#[derive(Serialize)]
struct ExternalReference {
    source_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The properties every object here has, in STIX's usual order.
#[derive(Serialize)]
struct Common {
    #[serde(rename = "type")]
    ty: &'static str,
    spec_version: &'static str,
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by_ref: Option<String>,
    created: String,
    modified: String,
}

#[derive(Serialize)]
struct Object {
    #[serde(flatten)]
    common: Common,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity_class: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report_types: Option<[&'static str; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object_refs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern_version: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_references: Vec<ExternalReference>,
}

impl Object {
    fn new(ty: &'static str, id: String, name: String, time: &str) -> Self {
        Object {
            common: Common {
                ty,
                spec_version: "2.1",
                id,
                created_by_ref: None,
                created: time.to_string(),
                modified: time.to_string(),
            },
            name,
            description: None,
            identity_class: None,
            report_types: None,
            published: None,
            object_refs: None,
            pattern: None,
            pattern_type: None,
            pattern_version: None,
            valid_from: None,
            external_references: Vec::new(),
        }
    }
}

/// The object for one IOC: an indicator, a vulnerability or an attack pattern.
fn object_for(kind: &Kind, v: &str, flags: &str, time: &str) -> Object {
    match kind.builtin() {
        Some(IocType::Cve) => {
            let mut o = Object::new("vulnerability", id("vulnerability", v), v.into(), time);
            o.external_references.push(ExternalReference {
                source_name: "cve",
                external_id: Some(v.into()),
                url: Some(format!("https://www.cve.org/CVERecord?id={v}")),
            });
            o
        }
        Some(IocType::Attack) => {
            let mut o = Object::new("attack-pattern", id("attack-pattern", v), v.into(), time);
            let url = v.strip_prefix('T').map(|n| {
                format!(
                    "https://attack.mitre.org/techniques/T{}/",
                    n.replace('.', "/")
                )
            });
            o.external_references.push(ExternalReference {
                source_name: "mitre-attack",
                external_id: Some(v.into()),
                url,
            });
            o
        }
        _ => {
            let (pattern, pattern_type) = pattern(kind, v).unwrap_or_default();
            let name = indicator_name(kind, v);
            let mut o = Object::new(
                "indicator",
                id("indicator", &format!("{}|{v}", kind.as_str())),
                name,
                time,
            );
            o.description = (!flags.is_empty()).then(|| format!("IOC Lens flags: {flags}"));
            o.pattern = Some(pattern);
            o.pattern_version = (pattern_type == "stix").then_some("2.1");
            o.pattern_type = Some(pattern_type);
            o.valid_from = Some(time.to_string());
            o
        }
    }
}

#[derive(Serialize)]
struct Bundle {
    #[serde(rename = "type")]
    ty: &'static str,
    id: String,
    objects: Vec<Object>,
}

/// The bundle. `rows` are not deduplicated: every row adds its source's report reference,
/// objects are emitted once per id.
pub(super) fn bundle(rows: &[Row], meta: &Meta) -> String {
    let time = meta.time.rfc3339();
    let mut objects = Vec::new();
    let mut seen = HashSet::new();
    // Reports, one per source, in first-seen order: (source, object ids, the same as a set).
    let mut reports: Vec<(&str, Vec<String>, HashSet<String>)> = Vec::new();
    let mut report_of: HashMap<&str, usize> = HashMap::new();
    for (kind, rs) in groups(rows) {
        for r in rs {
            let flags = r.m.flags.names().collect::<Vec<_>>().join(", ");
            let o = object_for(kind, &r.m.value, &flags, &time);
            let oid = o.common.id.clone();
            if seen.insert(oid.clone()) {
                objects.push(o);
            }
            if let Some(src) = r.source {
                let i = *report_of.entry(src).or_insert_with(|| {
                    reports.push((src, Vec::new(), HashSet::new()));
                    reports.len() - 1
                });
                let (_, refs, set) = &mut reports[i];
                if set.insert(oid.clone()) {
                    refs.push(oid);
                }
            }
        }
    }
    let mut head = Vec::new();
    if !reports.is_empty() {
        let creator = id("identity", "IOC Lens");
        let mut me = Object::new("identity", creator.clone(), "IOC Lens".into(), &time);
        me.identity_class = Some("system");
        me.description = Some("Indicators extracted automatically by IOC Lens".into());
        head.push(me);
        for (src, refs, _) in reports {
            let mut rep = Object::new("report", id("report", src), src.to_string(), &time);
            rep.common.created_by_ref = Some(creator.clone());
            rep.description = Some(format!(
                "Indicators extracted by IOC Lens {} from {src}",
                crate::VERSION
            ));
            rep.report_types = Some(["threat-report"]);
            rep.published = Some(time.clone());
            rep.object_refs = Some(refs);
            if src.starts_with("https://") || src.starts_with("http://") {
                rep.external_references.push(ExternalReference {
                    source_name: "source",
                    external_id: None,
                    url: Some(src.to_string()),
                });
            }
            head.push(rep);
        }
    }
    head.extend(objects);
    let ids: Vec<&str> = head.iter().map(|o| o.common.id.as_str()).collect();
    let bundle = Bundle {
        ty: "bundle",
        id: id("bundle", &format!("{time}|{}", ids.join(","))),
        objects: head,
    };
    // Plain structs with string keys: serialising cannot fail.
    let mut s = serde_json::to_string_pretty(&bundle).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_escape_and_map_types() {
        let b = |t| Kind::Builtin(t);
        let rows = [
            (b(IocType::Ipv4), "1.2.3.4", "[ipv4-addr:value = '1.2.3.4']"),
            (
                b(IocType::Cidr),
                "2001:db8::/32",
                "[ipv6-addr:value = '2001:db8::/32']",
            ),
            (b(IocType::Sha256), "ab", "[file:hashes.'SHA-256' = 'ab']"),
            (
                b(IocType::Url),
                "http://a.b/it's\\x",
                r"[url:value = 'http://a.b/it\'s\\x']",
            ),
            (
                b(IocType::Asn),
                "AS13335",
                "[autonomous-system:number = 13335]",
            ),
            (
                b(IocType::Registry),
                "hklm\\Run",
                r"[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\Run']",
            ),
            (
                b(IocType::Registry),
                "HKLMX\\Run",
                r"[windows-registry-key:key = 'HKLMX\\Run']",
            ),
            (
                b(IocType::Filepath),
                "C:\\a.exe",
                r"[file:name = 'a.exe' AND file:parent_directory_ref.path = 'C:\\']",
            ),
            (
                b(IocType::Filepath),
                "/tmp/x",
                "[file:name = 'x' AND file:parent_directory_ref.path = '/tmp']",
            ),
            (b(IocType::Filepath), "/tmp/", "[directory:path = '/tmp/']"),
            (
                Kind::Custom("ticket".into()),
                "T-1",
                "[x-ioclens-custom:name = 'ticket' AND x-ioclens-custom:value = 'T-1']",
            ),
        ];
        for (k, v, want) in rows {
            assert_eq!(pattern(&k, v).unwrap().0, want, "{k} {v}");
        }
        assert_eq!(pattern(&b(IocType::Cve), "CVE-2021-1"), None);
        assert_eq!(pattern(&b(IocType::Yara), "rule a {}").unwrap().1, "yara");
        assert_eq!(
            indicator_name(&b(IocType::Yara), "private rule Evil_1{ condition: true }"),
            "YARA rule Evil_1"
        );
    }

    #[test]
    fn ids_are_uuid_v5_over_type_and_value() {
        let a = id("indicator", "ipv4|1.2.3.4");
        assert_eq!(a, id("indicator", "ipv4|1.2.3.4"));
        assert_ne!(a, id("indicator", "ipv4|1.2.3.5"));
        let u = Uuid::parse_str(a.strip_prefix("indicator--").unwrap()).unwrap();
        assert_eq!(u.get_version_num(), 5);
    }
}
