//! Every export format, in the core, so the CLI, the extension and the web page write
//! byte-identical files through the same code.
//!
//! ```
//! use ioclens::export::{export, ExportOptions, Format, Item};
//!
//! let found = ioclens::Extractor::new().extract("C2 at hxxps[://]evil[.]com/gate and 1.2.3[.]4");
//! let opts = ExportOptions::new("2026-03-14T09:26:53Z");
//! let csv = export(&Item::all(&found, None), Format::Csv, &opts).unwrap();
//! assert!(csv.starts_with("type,value,raw,start,end,defanged,flags,source\r\n"));
//! let txt = export(&Item::all(&found, None), Format::Defanged, &opts).unwrap();
//! assert_eq!(txt, "# ipv4\n1[.]2[.]3[.]4\n\n# url\n[https]://evil[.]com/gate\n");
//! ```
//!
//! Options shared by every format ([`ExportOptions`]): allowlisted matches are left out unless
//! `include_allowlisted`; `defanged` writes defanged values (see [`defang`]); `dedupe` keeps the
//! first match of each type+value. STIX, MISP and the summary describe indicators rather than
//! occurrences, so they always dedupe, and they always carry real (refanged) values because their
//! consumers match on them. Output is deterministic: the time comes from the options, ids are
//! UUIDv5, grouped formats list types in canonical order and values in first-seen order.
//!
//! The module does no I/O and reads no clock.

mod csv;
mod defang;
mod json;
mod jsonl;
mod markdown;
mod misp;
mod stix;
mod time;
mod txt;

pub use defang::{defang, defang_any};

use crate::{Error, Kind, Match};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;
use time::Timestamp;

macro_rules! formats {
    ($($variant:ident => $name:literal, $ext:literal, $media:literal, $doc:literal;)*) => {
        /// An export format. `FromStr`/`name()` use the names the CLI and the wasm binding accept.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Format {
            $(#[doc = $doc] $variant,)*
        }

        impl Format {
            /// Every format, in the order the fronts list them.
            pub const ALL: &'static [Format] = &[$(Format::$variant,)*];

            /// The name (`"json"`, `"txt-grouped"`, `"md"`, …).
            pub fn name(self) -> &'static str {
                match self { $(Format::$variant => $name,)* }
            }

            /// The usual file extension, without the dot.
            pub fn extension(self) -> &'static str {
                match self { $(Format::$variant => $ext,)* }
            }

            /// The media type for a download (`text/csv`, …).
            pub fn media_type(self) -> &'static str {
                match self { $(Format::$variant => $media,)* }
            }
        }

        impl FromStr for Format {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($name => Ok(Format::$variant),)*
                    "markdown" => Ok(Format::Markdown),
                    other => Err(Error::BadOptions(format!(
                        "unknown export format {other:?}; known formats: {}",
                        [$($name),*].join(", ")
                    ))),
                }
            }
        }
    };
}

formats! {
    Json => "json", "json", "application/json", "A JSON array of flat match records (all fields, byte offsets, source).";
    Jsonl => "jsonl", "jsonl", "application/jsonl", "JSON Lines: one match record per line, for pipelines.";
    Csv => "csv", "csv", "text/csv", "RFC 4180 CSV: type,value,raw,start,end,defanged,flags,source.";
    Txt => "txt", "txt", "text/plain", "One value per line.";
    TxtGrouped => "txt-grouped", "txt", "text/plain", "One value per line under a `# type` header per type.";
    Markdown => "md", "md", "text/markdown", "A Markdown report: metadata and a table (values in code spans).";
    Defanged => "defanged", "txt", "text/plain", "Grouped text with defanged values, for safe sharing; extracting it gives the same values back.";
    Stix => "stix", "json", "application/stix+json", "A STIX 2.1 bundle: indicators, vulnerabilities (CVEs), attack patterns (ATT&CK ids), report.";
    Misp => "misp", "json", "application/json", "A MISP event (`{\"Event\": …}`) with typed attributes.";
    Summary => "summary", "json", "application/json", "A JSON summary: source, time, tool version, counts and values per type.";
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Options shared by every format. In JS (wasm `exportMatches`) the same fields are camelCase:
/// `{source, timestamp, includeAllowlisted, defanged, dedupe}`; unknown fields are an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportOptions {
    /// Where the text came from (a URL or a file name), written into the metadata of the summary,
    /// Markdown, STIX (a `report`) and MISP (event info, a `link` attribute for URLs), and into
    /// the `source` field of every record whose [`Item`] has none.
    pub source: Option<String>,
    /// The extraction time, RFC 3339 (`2026-03-14T09:26:53Z`), supplied by the caller: the core
    /// has no clock. Required by the summary, Markdown, STIX and MISP, which fail with
    /// [`Error::BadOptions`] on a malformed value; normalised to UTC there.
    pub timestamp: String,
    /// Keep matches flagged `allowlisted` (default: leave them out).
    pub include_allowlisted: bool,
    /// Write defanged values ([`defang`]) in the human formats (json, jsonl, csv, txt, md).
    pub defanged: bool,
    /// Keep only the first match of each type+value.
    pub dedupe: bool,
}

impl ExportOptions {
    /// Default options at the given time.
    pub fn new(timestamp: &str) -> Self {
        ExportOptions {
            timestamp: timestamp.to_string(),
            ..Self::default()
        }
    }
}

/// A match to export, with the source it came from when runs cover several inputs (the CLI on
/// many files). A `None` source falls back to [`ExportOptions::source`].
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// The match.
    pub m: &'a Match,
    /// Its source (file name or URL), if it differs per match.
    pub source: Option<&'a str>,
}

impl<'a> Item<'a> {
    /// Items for a list of matches that share one source (or none).
    pub fn all(matches: &'a [Match], source: Option<&'a str>) -> Vec<Item<'a>> {
        matches.iter().map(|m| Item { m, source }).collect()
    }
}

/// A match read back from JSON or JS (what `extract` returned), with an optional `source`.
/// Unknown fields (`start16`, `end16`, …) are ignored; only `type` and `value` are required.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Record {
    /// The match.
    #[serde(flatten)]
    pub m: Match,
    /// Its source, if given.
    #[serde(default)]
    pub source: Option<String>,
}

impl Record {
    /// Borrows the record as an [`Item`].
    pub fn item(&self) -> Item<'_> {
        Item {
            m: &self.m,
            source: self.source.as_deref(),
        }
    }
}

/// A selected match as the writers see it: `value` is what to write (defanged or not).
pub(crate) struct Row<'a> {
    pub m: &'a Match,
    pub value: Cow<'a, str>,
    pub source: Option<&'a str>,
}

/// Metadata for the formats that describe the export itself.
pub(crate) struct Meta<'a> {
    pub source: Option<&'a str>,
    pub time: Timestamp,
}

fn select<'a>(
    items: &[Item<'a>],
    opts: &'a ExportOptions,
    dedupe: bool,
    defanged: bool,
) -> Vec<Row<'a>> {
    let mut seen: HashSet<(&Kind, &str)> = HashSet::new();
    items
        .iter()
        .filter(|it| opts.include_allowlisted || !it.m.flags.contains(crate::Flags::ALLOWLISTED))
        .filter(|it| !dedupe || seen.insert((&it.m.kind, it.m.value.as_str())))
        .map(|it| Row {
            m: it.m,
            value: if defanged {
                Cow::Owned(defang(&it.m.kind, &it.m.value))
            } else {
                Cow::Borrowed(it.m.value.as_str())
            },
            source: it.source.or(opts.source.as_deref()),
        })
        .collect()
}

/// Rows grouped by type: types in canonical order (custom types after, by name), rows in input
/// order within a type.
pub(crate) fn groups<'r, 'a>(rows: &'r [Row<'a>]) -> Vec<(&'a Kind, Vec<&'r Row<'a>>)> {
    let mut kinds: Vec<&Kind> = rows.iter().map(|r| &r.m.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|k| (k, rows.iter().filter(|r| &r.m.kind == k).collect()))
        .collect()
}

/// Writes `items` in `format`. Fails only on a malformed [`ExportOptions::timestamp`] in a
/// format that needs the time (summary, md, stix, misp).
pub fn export(items: &[Item], format: Format, opts: &ExportOptions) -> Result<String, Error> {
    let meta = || -> Result<Meta, Error> {
        Ok(Meta {
            source: opts.source.as_deref(),
            time: Timestamp::parse(&opts.timestamp)?,
        })
    };
    let human = || select(items, opts, opts.dedupe, opts.defanged);
    let indicators = || select(items, opts, true, false);
    Ok(match format {
        Format::Json => json::records(&human()),
        Format::Jsonl => jsonl::records(&human()),
        Format::Csv => csv::table(&human()),
        Format::Txt => txt::lines(&human()),
        Format::TxtGrouped => txt::grouped(&human()),
        Format::Defanged => txt::grouped(&select(items, opts, opts.dedupe, true)),
        Format::Markdown => markdown::report(&human(), &meta()?),
        Format::Summary => json::summary(&select(items, opts, true, opts.defanged), &meta()?),
        Format::Stix => stix::bundle(&select(items, opts, false, false), &meta()?),
        Format::Misp => misp::event(&indicators(), &meta()?),
    })
}

/// One text per type, `(type name, one value per line)`, for the CLI's split output
/// (`ipv4.txt`, `domain.txt`, …). Types in canonical order; options as for [`Format::Txt`].
/// Custom type names are the caller's to make safe as file names.
pub fn split_by_type(items: &[Item], opts: &ExportOptions) -> Vec<(String, String)> {
    let rows = select(items, opts, opts.dedupe, opts.defanged);
    groups(&rows)
        .into_iter()
        .map(|(k, rs)| (k.as_str().to_string(), txt::values(&rs)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Flags, IocType};

    fn m(t: IocType, v: &str, flags: Flags) -> Match {
        Match {
            kind: Kind::Builtin(t),
            value: v.into(),
            raw: v.into(),
            start: 0,
            end: v.len(),
            defanged: false,
            flags,
            decoded_from: None,
        }
    }

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), *f);
        }
        assert_eq!("Markdown".parse::<Format>().unwrap(), Format::Markdown);
        let e = "xml".parse::<Format>().unwrap_err().to_string();
        assert!(e.contains("\"xml\"") && e.contains("txt-grouped"), "{e}");
    }

    #[test]
    fn shared_options_filter_dedupe_and_defang() {
        let ms = [
            m(IocType::Domain, "a.example", Flags::default()),
            m(IocType::Domain, "b.example", Flags::ALLOWLISTED),
            m(IocType::Domain, "a.example", Flags::default()),
            m(IocType::Ipv4, "1.2.3.4", Flags::default()),
        ];
        let items = Item::all(&ms, None);
        let mut o = ExportOptions::new("2026-03-14T09:26:53Z");
        assert_eq!(
            export(&items, Format::Txt, &o).unwrap(),
            "a.example\na.example\n1.2.3.4\n"
        );
        o.dedupe = true;
        o.include_allowlisted = true;
        o.defanged = true;
        assert_eq!(
            export(&items, Format::Txt, &o).unwrap(),
            "a[.]example\nb[.]example\n1[.]2[.]3[.]4\n"
        );
        let split = split_by_type(&items, &o);
        assert_eq!(
            split,
            vec![
                ("ipv4".to_string(), "1[.]2[.]3[.]4\n".to_string()),
                (
                    "domain".to_string(),
                    "a[.]example\nb[.]example\n".to_string()
                ),
            ]
        );
    }

    #[test]
    fn time_is_checked_only_where_used() {
        let ms = [m(IocType::Ipv4, "1.2.3.4", Flags::default())];
        let o = ExportOptions::new("yesterday");
        assert!(export(&Item::all(&ms, None), Format::Csv, &o).is_ok());
        for f in [
            Format::Summary,
            Format::Markdown,
            Format::Stix,
            Format::Misp,
        ] {
            let e = export(&Item::all(&ms, None), f, &o).unwrap_err();
            assert!(e.to_string().contains("\"yesterday\""), "{f}: {e}");
        }
    }

    #[test]
    fn options_from_js_field_names() {
        let o: ExportOptions = serde_json::from_str(
            r#"{"source":"r.txt","timestamp":"2026-03-14T09:26:53Z","includeAllowlisted":true,"defanged":true,"dedupe":true}"#,
        )
        .unwrap();
        assert_eq!(o.source.as_deref(), Some("r.txt"));
        assert!(o.include_allowlisted && o.defanged && o.dedupe);
        assert!(serde_json::from_str::<ExportOptions>(r#"{"includeAllowListed":true}"#).is_err());
    }

    #[test]
    fn records_read_back_what_extract_wrote() {
        let found = crate::Extractor::new().extract("see hxxp://evil[.]com/x");
        let mut js = serde_json::to_value(&found).unwrap();
        js[0]["start16"] = 4.into();
        js[0]["source"] = "tab 1".into();
        let back: Vec<Record> = serde_json::from_value(js).unwrap();
        assert_eq!(back[0].m, found[0]);
        assert_eq!(back[0].source.as_deref(), Some("tab 1"));
        let minimal: Record = serde_json::from_str(r#"{"type":"ticket","value":"T-1"}"#).unwrap();
        assert_eq!(minimal.m.kind.as_str(), "ticket");
        assert!(serde_json::from_str::<Record>(
            r#"{"type":"ipv4","value":"1.2.3.4","flags":["bogus"]}"#
        )
        .is_err());
    }
}
