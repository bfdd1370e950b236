//! Golden files for every export format, on the sample report and on hand-built matches full of
//! special characters; and read-back checks that those characters survive (JSON, JSON Lines and
//! Markdown here, with real parsers; CSV, STIX and MISP in `tests/py/check_exports.py`, which
//! loads these same golden files with Python's csv module, `stix2` and `pymisp`).
//!
//! `UPDATE_GOLDEN=1 cargo test --test export_golden` rewrites the goldens (and re-extracts the
//! frozen sample matches); without it any difference fails. The sample's matches are frozen in
//! `tests/golden/sample-report.matches.json` so that scanner changes do not churn the export
//! goldens; the live extraction is round-tripped in `tests/export_defang.rs`.
#![cfg(not(target_arch = "wasm32"))]

use ioclens::export::{export, ExportOptions, Format, Item, Record};
use ioclens::{Allowlist, DecodedFrom, Extractor, Flags, IocType, Kind, Match, TypeSet};
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// Compares `got` with the golden file `name` (or rewrites it under `UPDATE_GOLDEN=1`).
fn golden(name: &str, got: &str) -> Result<(), String> {
    let path = golden_dir().join(name);
    if updating() {
        std::fs::write(&path, got).map_err(|e| format!("{name}: {e}"))?;
        return Ok(());
    }
    let want = std::fs::read_to_string(&path)
        .map_err(|e| format!("{name}: {e} (run with UPDATE_GOLDEN=1 to create it)"))?;
    if want == got {
        return Ok(());
    }
    let line = want
        .split_inclusive('\n')
        .zip(got.split_inclusive('\n'))
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| want.lines().count().min(got.lines().count()));
    Err(format!(
        "{name} differs from the golden file at line {}:\n  golden: {:?}\n  got:    {:?}\n(UPDATE_GOLDEN=1 rewrites it if the change is intended)",
        line + 1,
        want.split_inclusive('\n').nth(line).unwrap_or("<end>"),
        got.split_inclusive('\n').nth(line).unwrap_or("<end>"),
    ))
}

/// Golden file name for each format.
fn file_name(prefix: &str, f: Format) -> String {
    let stem = match f {
        Format::Json | Format::Jsonl | Format::Csv | Format::Txt | Format::Markdown => "",
        Format::TxtGrouped => "grouped",
        _ => f.name(),
    };
    match stem {
        "" => format!("{prefix}.{}", f.extension()),
        s => format!("{prefix}.{s}.{}", f.extension()),
    }
}

fn check_all(prefix: &str, items: &[Item], opts: &ExportOptions, md_opts: &ExportOptions) {
    let failures: Vec<String> = Format::ALL
        .iter()
        .filter_map(|&f| {
            let o = if f == Format::Markdown { md_opts } else { opts };
            let out = export(items, f, o).map_err(|e| format!("{f}: {e}")).ok()?;
            golden(&file_name(prefix, f), &out).err()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

const SAMPLE_SOURCE: &str = "https://intel.example.org/reports/paper-lantern";

/// The sample report's matches: every type, `*.example.com` allowlisted (the report's own blog
/// link), frozen in a golden file.
fn sample_matches() -> Vec<Match> {
    let path = golden_dir().join("sample-report.matches.json");
    if updating() {
        let text = include_str!("fixtures/sample-report.txt");
        let mut allow = Allowlist::new();
        allow.add_text("*.example.com").unwrap();
        let ex = Extractor::builder()
            .types(TypeSet::all())
            .allowlist(allow)
            .build();
        let found = ex.extract(text);
        std::fs::write(&path, serde_json::to_string_pretty(&found).unwrap() + "\n").unwrap();
        return found;
    }
    let text = std::fs::read_to_string(&path).expect("frozen sample matches");
    serde_json::from_str(&text).expect("frozen matches parse")
}

#[test]
fn sample_report_goldens() {
    let ms = sample_matches();
    assert!(
        ms.len() >= 15,
        "the sample report has at least 15 indicators"
    );
    assert!(
        ms.iter().any(|m| m.flags.contains(Flags::ALLOWLISTED)),
        "the sample exercises hiding an allowlisted match"
    );
    let items = Item::all(&ms, None);
    let mut opts = ExportOptions::new("2026-03-14T09:26:53Z");
    opts.source = Some(SAMPLE_SOURCE.into());
    // The Markdown report is for sharing, so its golden is the defanged one.
    let md = ExportOptions {
        defanged: true,
        ..opts.clone()
    };
    check_all("sample", &items, &opts, &md);
}

fn mk(kind: Kind, value: &str, raw: &str, flags: Flags) -> Match {
    Match {
        kind,
        value: value.into(),
        raw: raw.into(),
        start: 0,
        end: raw.len(),
        defanged: raw != value,
        flags,
        decoded_from: None,
    }
}

fn b(t: IocType) -> Kind {
    Kind::Builtin(t)
}

/// Hand-built matches with quotes, commas, newlines, CR, backslashes, pipes, backticks and
/// Unicode in values, raws and sources; one duplicate; per-match sources.
fn special() -> Vec<(Match, Option<&'static str>)> {
    let none = Flags::default();
    let yara = "rule Evil_Test : loader {\n  strings:\n    $a = \"C:\\\\Windows\\\\evil.exe\" wide\n    $b = { 4D 5A }\n  condition:\n    $a or $b\n}";
    let mut decoded = mk(
        b(IocType::Sha256),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ZTNiMGM0NDI5OGZjMWMxNDlhZmJmNGM4OTk2ZmI5MjQyN2FlNDFlNDY0OWI5MzRjYTQ5NTk5MWI3ODUyYjg1NQ==",
        Flags::DECODED,
    );
    decoded.defanged = false;
    decoded.decoded_from = Some(DecodedFrom {
        encoding: "base64",
        start: 0,
        end: decoded.raw.len(),
    });
    let mut allow = Flags::DOCUMENTATION;
    allow.insert(Flags::ALLOWLISTED);
    let src_a = Some("C:\\reports\\q1, \"draft\" été.txt");
    let src_b = Some("https://intel.example.org/a?b=1,2&c='3'");
    let mut v = vec![
        (
            mk(
                b(IocType::Filepath),
                "C:\\Users\\Public\\Docs, \"Q1\"\\rapport_été.exe",
                "C:\\Users\\Public\\Docs, \"Q1\"\\rapport_été.exe",
                none,
            ),
            src_a,
        ),
        (
            mk(
                b(IocType::Registry),
                "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Evil \"x\"",
                "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Evil \"x\"",
                none,
            ),
            src_a,
        ),
        (
            mk(
                b(IocType::Url),
                "https://bücher.example/путь?q=\"a,b\"&x='y'#frag|1",
                "hxxps[://]bücher[.]example/путь?q=\"a,b\"&x='y'#frag|1",
                none,
            ),
            src_b,
        ),
        (
            mk(
                b(IocType::Domain),
                "xn--bcher-kva.example",
                "xn--bcher-kva.example",
                Flags::DOCUMENTATION,
            ),
            src_b,
        ),
        (
            mk(
                b(IocType::Email),
                "o'brien+x@evil.example",
                "o'brien+x[at]evil[.]example",
                none,
            ),
            src_b,
        ),
        (
            mk(
                b(IocType::Filename),
                "счёт, \"final\".pdf.exe",
                "счёт, \"final\".pdf.exe",
                none,
            ),
            None,
        ),
        (
            mk(
                Kind::Custom("note".into()),
                "line one\nline two, with \"quotes\" | pipe `tick` ``ticks``\r\nend 😀 \\ back\\",
                "line one\nline two, with \"quotes\" | pipe `tick` ``ticks``\r\nend 😀 \\ back\\",
                none,
            ),
            None,
        ),
        (mk(b(IocType::Yara), yara, yara, none), src_a),
        (
            mk(b(IocType::Ipv6), "2001:db8::1", "2001[:]db8[:][:]1", allow),
            src_b,
        ),
        (decoded, None),
        (
            mk(b(IocType::Cve), "CVE-2024-3094", "cve-2024-3094", none),
            src_b,
        ),
        (
            mk(b(IocType::Attack), "T1059.001", "T1059.001", none),
            src_b,
        ),
        (mk(b(IocType::Attack), "T1566", "T1566", none), None),
        (
            mk(
                b(IocType::Btc),
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                none,
            ),
            None,
        ),
        (
            mk(
                b(IocType::Eth),
                "0x52908400098527886E0F7030069857D2E4169EE7",
                "0x52908400098527886E0F7030069857D2E4169EE7",
                none,
            ),
            None,
        ),
        (mk(b(IocType::Asn), "AS13335", "AS13335", none), None),
        (
            mk(
                b(IocType::Mac),
                "00:1a:2b:3c:4d:5e",
                "00-1A-2B-3C-4D-5E",
                none,
            ),
            None,
        ),
        (
            mk(
                b(IocType::Cidr),
                "10.0.0.0/8",
                "10.0.0[.]0/8",
                Flags::PRIVATE,
            ),
            None,
        ),
        (
            mk(
                b(IocType::Ssdeep),
                "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C",
                "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C",
                none,
            ),
            None,
        ),
        (
            mk(
                b(IocType::Md5),
                "d41d8cd98f00b204e9800998ecf8427e",
                "D41D8CD98F00B204E9800998ECF8427E",
                none,
            ),
            None,
        ),
        (
            mk(b(IocType::Ipv4), "185.220.101.47", "185.220.101[.]47", none),
            src_a,
        ),
        (
            mk(
                b(IocType::Ipv4),
                "185.220.101.47",
                "185[.]220[.]101[.]47",
                none,
            ),
            src_b,
        ),
        (
            mk(
                Kind::Custom("ticket".into()),
                "`TICKET-42`",
                "`TICKET-42`",
                none,
            ),
            None,
        ),
    ];
    // Distinct, increasing offsets, as from one text.
    let mut at = 0;
    for (m, _) in &mut v {
        let len = m.end - m.start;
        m.start = at;
        m.end = at + len;
        at += len + 1;
    }
    v
}

fn special_opts() -> ExportOptions {
    ExportOptions {
        source: Some("paste box, \"tab 2\" ✓".into()),
        // An offset and a fraction: the metadata formats normalise it to UTC milliseconds.
        timestamp: "2026-03-14T10:26:53.25+01:00".into(),
        include_allowlisted: true,
        defanged: false,
        dedupe: false,
    }
}

#[test]
fn special_characters_goldens() {
    let sp = special();
    let opts = special_opts();
    check_all("special", &items_of(&sp), &opts, &opts);
}

fn items_of<'a>(sp: &'a [(Match, Option<&'static str>)]) -> Vec<Item<'a>> {
    sp.iter().map(|(m, s)| Item { m, source: *s }).collect()
}

#[test]
fn json_and_jsonl_read_back_exactly() {
    let sp = special();
    let items = items_of(&sp);
    let opts = special_opts();
    let json: Vec<Record> =
        serde_json::from_str(&export(&items, Format::Json, &opts).unwrap()).unwrap();
    let lines = export(&items, Format::Jsonl, &opts).unwrap();
    let jsonl: Vec<Record> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json.len(), sp.len());
    for (got, (m, src)) in json.iter().zip(&sp) {
        assert_eq!(&got.m, m);
        let want_src = src.or(opts.source.as_deref());
        assert_eq!(got.source.as_deref(), want_src);
    }
    assert_eq!(
        json, jsonl,
        "one JSON Lines record per line, equal to the JSON array"
    );
}

#[test]
fn summary_groups_unique_values_in_canonical_order() {
    let sp = special();
    let items = items_of(&sp);
    let s: serde_json::Value =
        serde_json::from_str(&export(&items, Format::Summary, &special_opts()).unwrap()).unwrap();
    assert_eq!(s["extracted_at"], "2026-03-14T09:26:53.250Z");
    assert_eq!(s["version"], ioclens::VERSION);
    assert_eq!(s["iocs"]["ipv4"], serde_json::json!(["185.220.101.47"]));
    assert_eq!(s["counts"]["ipv4"], 1);
    assert_eq!(s["total"], 22, "23 matches, one duplicate");
    assert_eq!(s["counts"]["ticket"], 1);
    // Types are written in canonical order, custom types last (serde_json re-sorts keys when
    // reading back, so look at the text).
    let text = export(&items, Format::Summary, &special_opts()).unwrap();
    let pos = |k: &str| text.find(&format!("\"{k}\": ")).unwrap();
    assert!(pos("ipv4") < pos("url") && pos("url") < pos("yara") && pos("yara") < pos("note"));
}

/// The cells of every body row of the first table, as a CommonMark/GFM parser reads them:
/// code spans' text, `<br>` as a line break, other text as is.
fn markdown_cells(md: &str) -> Vec<Vec<String>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut in_head, mut in_cell) = (false, false);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                // The head's cells are not wrapped in a row.
                in_head = false;
                row.clear();
            }
            Event::Start(Tag::TableCell) => (in_cell, cell) = (true, String::new()),
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                row.push(std::mem::take(&mut cell));
            }
            Event::End(TagEnd::TableRow) => {
                if !in_head {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            Event::Code(t) | Event::Text(t) if in_cell => cell.push_str(&t),
            Event::InlineHtml(h) if in_cell && &*h == "<br>" => cell.push('\n'),
            ev if in_cell => panic!("unexpected markdown event in a cell: {ev:?}"),
            _ => {}
        }
    }
    rows
}

#[test]
fn markdown_table_reads_back_with_a_real_parser() {
    let sp = special();
    let items = items_of(&sp);
    let opts = special_opts();
    let md = export(&items, Format::Markdown, &opts).unwrap();
    let rows = markdown_cells(&md);
    assert_eq!(rows.len(), sp.len());
    for (cells, (m, src)) in rows.iter().zip(&sp) {
        // A table cell cannot hold a line break, so CR/CRLF come back as the <br> line break.
        let want = m.value.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(cells[0], m.kind.as_str());
        assert_eq!(cells[1], want, "value of {}", m.kind);
        assert_eq!(cells[2], m.flags.names().collect::<Vec<_>>().join(", "));
        assert_eq!(cells[3], src.or(opts.source.as_deref()).unwrap());
    }
    assert!(md.contains("- Source: `paste box, \"tab 2\" ✓`"));
}

#[test]
fn txt_keeps_values_verbatim() {
    let sp = special();
    let items = items_of(&sp);
    let opts = special_opts();
    let txt = export(&items, Format::Txt, &opts).unwrap();
    let mut rest = txt.as_str();
    for (m, _) in &sp {
        // In order, each value verbatim and followed by a line end.
        let with_nl = format!("{}\n", m.value);
        assert!(
            rest.starts_with(&with_nl),
            "expected {:?} next in txt",
            m.value
        );
        rest = &rest[with_nl.len()..];
    }
    assert!(rest.is_empty());
}
