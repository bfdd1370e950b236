//! Input kinds of the `ioclens` binary: chunked streaming, encodings, binary data, HTML, CSV
//! and JSON Lines tables.
// The binary runs natively only; `wasm-pack test` compiles every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]
mod cli_support;
use cli_support::{run, write};
use serde_json::Value;

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// IOCs whose raw text is up to 64 bytes (the SHA-256; the URL's 53), with defang forms and a multibyte
/// character around them.
const IOCS: &[(&str, &str)] = &[
    (
        "hxxps[://]cdn-update[.]lantern-sync[.]com/api/v2/check",
        "https://cdn-update.lantern-sync.com/api/v2/check",
    ),
    ("185.220.101[.]47", "185.220.101.47"),
    (
        "invoices[at]freight-portal[.]org",
        "invoices@freight-portal.org",
    ),
    (
        "9f2b6d1c0a8e4f3b7d5c2e1a0f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b",
        "9f2b6d1c0a8e4f3b7d5c2e1a0f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b",
    ),
    ("CVE-2023-23397", "CVE-2023-23397"),
    // A URL and the hash nested in it (two records, the second inside the first).
    (
        "hxxp://x[.]io/d/8d777f385d3dfec8815d20f7496026dc.exe",
        "http://x.io/d/8d777f385d3dfec8815d20f7496026dc.exe 8d777f385d3dfec8815d20f7496026dc",
    ),
];

#[test]
fn chunk_edges_never_lose_or_double_an_ioc() {
    // Line i puts its IOC after i spaces, so across the lines every IOC starts at every
    // position relative to the chunk edges, for each chunk size below.
    let mut text = String::new();
    let mut want = Vec::new();
    for i in 0..80 {
        let (raw, value) = IOCS[i % IOCS.len()];
        text.push_str(&format!("{}é {raw} ;\n", " ".repeat(i)));
        want.extend(value.split(' ').map(String::from));
    }
    let base = ["--no-dedupe", "--format", "jsonl"];
    let whole = run(&base, text.as_bytes());
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let values: Vec<String> = records(&whole.stdout)
        .iter()
        .map(|r| r["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(values, want);
    for chunk in ["1", "2", "3", "5", "7", "13", "64", "100"] {
        let mut args = base.to_vec();
        args.extend(["--chunk-size", chunk, "--chunk-overlap", "72"]);
        let chunked = run(&args, text.as_bytes());
        // Same records, same offsets, in the same order: nothing lost, doubled or cut.
        assert_eq!(chunked.stdout, whole.stdout, "chunk size {chunk}");
    }
}

#[test]
fn an_ioc_longer_than_the_overlap_grows_the_window() {
    let url = format!("https://evil.example.com/{}", "a/".repeat(200));
    let text = format!("start {url} end 10.0.0.1\n");
    let out = run(
        &["--chunk-size", "16", "--chunk-overlap", "32"],
        text.as_bytes(),
    );
    assert_eq!(out.stdout, format!("{url}\n10.0.0.1\n"));
}

#[test]
fn large_input_is_streamed_with_offsets_into_the_whole_text() {
    let line = "beacon to 10.20.30.40 via evil[.]com\n";
    let text = line.repeat(8_000); // ~300 KB: ten 32 KiB chunks (tests run a debug build)
    let args = ["--no-dedupe", "--format", "jsonl", "--chunk-size", "32768"];
    let out = run(&args, text.as_bytes());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 16_000);
    let last = &recs[recs.len() - 1];
    let start = last["start"].as_u64().unwrap() as usize;
    assert_eq!(
        &text[start..last["end"].as_u64().unwrap() as usize],
        "evil[.]com"
    );
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let out = run(
        &["--format", "jsonl"],
        b"\xff\xfe c2 evil[.]com \xc3 and 1.2.3.4 \xe2\x82",
    );
    assert_eq!(out.code, 0);
    let values: Vec<Value> = records(&out.stdout)
        .iter()
        .map(|r| r["value"].clone())
        .collect();
    assert_eq!(values, ["evil.com", "1.2.3.4"]);
    assert!(out.stderr.contains("invalid"), "{}", out.stderr);
    assert!(out.stderr.contains("4 invalid byte"), "{}", out.stderr);
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "c2 evil[.]com\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let file = write(dir.path(), "utf16.txt", bytes);
    let out = run(&[&file], b"");
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "evil.com\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn binary_data_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bin = write(
        dir.path(),
        "sample.exe",
        b"MZ\x90\x00\x03\x00\x00\x00evil.com\x00",
    );
    let out = run(&[&bin], b"");
    assert_eq!((out.code, out.stdout.as_str()), (2, ""));
    assert!(
        out.stderr.contains("sample.exe: binary data"),
        "{}",
        out.stderr
    );
    let piped = run(&[], b"\x00\x01\x02 1.2.3.4");
    assert_eq!(piped.code, 2);
    assert!(piped.stderr.contains("binary"), "{}", piped.stderr);
    // Inside a folder a binary file is skipped with a warning; the text files still count.
    write(dir.path(), "notes.txt", "c2 1.2.3.4\n");
    let folder = run(&[dir.path().to_str().unwrap()], b"");
    assert_eq!((folder.code, folder.stdout.as_str()), (0, "1.2.3.4\n"));
    assert!(folder.stderr.contains("warning") && folder.stderr.contains("sample.exe"));
}

const HTML: &str = r#"<!DOCTYPE html>
<html><head><title>title.example.com</title>
<style>body { background: url(http://style.example.org/bg.png) }</style>
<script>fetch("https://script.example.net/x"); var ip = "10.66.66.66";</script></head>
<body><!-- comment.example.org -->
<p>C2: evil<b>[.]</b>com</p><table><tr><td>1.2.3.4</td><td>5.6.7.8</td></tr></table>
<noscript>noscript.example.org</noscript><p>Hash &amp; more: 8d777f385d3dfec8815d20f7496026dc</p>
</body></html>"#;

#[test]
fn html_is_reduced_to_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "report.html", HTML);
    let want = "evil.com\n1.2.3.4\n5.6.7.8\n8d777f385d3dfec8815d20f7496026dc\n";
    let by_extension = run(&[&file], b"");
    assert_eq!(by_extension.stdout, want, "{}", by_extension.stderr);
    let by_content = run(&[], HTML.as_bytes());
    assert_eq!(by_content.stdout, want);
    let forced = write(dir.path(), "saved.txt", HTML);
    assert_eq!(run(&["--input", "html", &forced], b"").stdout, want);
    // As text, the markup's IOCs are there too.
    let as_text = run(&["--input", "text", &file], b"");
    assert!(as_text.stdout.contains("10.66.66.66"), "{}", as_text.stdout);
    assert!(
        as_text.stdout.contains("script.example.net"),
        "{}",
        as_text.stdout
    );
}

const CSV: &str = "id,message,note\n\
    a1,\"beacon to evil[.]com, then 1.2.3.4\",ignored 9.9.9.9\n\
    b2,nothing here,ignored too 8.8.8.8\n\
    c3,\"multi\nline 5.6.7.8\",\n";

#[test]
fn csv_columns_report_the_row_as_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "alerts.csv", CSV);
    let out = run(
        &["--csv-column", "message", "--format", "jsonl", &file],
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got: Vec<(String, String)> = records(&out.stdout)
        .iter()
        .map(|r| {
            (
                r["value"].as_str().unwrap().into(),
                r["source"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = [("evil.com", "0"), ("1.2.3.4", "0"), ("5.6.7.8", "2")];
    assert_eq!(got, want.map(|(v, s)| (v.to_string(), s.to_string())));

    let by_id = run(
        &[
            "--csv-column",
            "message",
            "--csv-column",
            "note",
            "--row-id",
            "id",
            "--format",
            "csv",
            &file,
        ],
        b"",
    );
    let rows: Vec<&str> = by_id.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "{}", by_id.stdout);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("ipv4,9.9.9.9,") && r.ends_with(",a1")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("ipv4,5.6.7.8,") && r.ends_with(",c3")),
        "{rows:?}"
    );

    // Several files: the row id names its file.
    let other = write(dir.path(), "more.csv", "message\n10.0.0.1\n");
    let two = run(
        &[
            "--csv-column",
            "message",
            "--format",
            "jsonl",
            &file,
            &other,
        ],
        b"",
    );
    let last = records(&two.stdout).pop().unwrap();
    assert_eq!(last["source"], format!("{other}:0"));

    let missing = run(&["--csv-column", "msg", &file], b"");
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("no column \"msg\""),
        "{}",
        missing.stderr
    );
}

#[test]
fn jsonl_fields_report_the_record_as_source() {
    let jsonl = concat!(
        r#"{"id":"ev-1","msg":"c2 evil[.]com","other":"1.1.1.1"}"#,
        "\n",
        "\n",
        r#"{"id":7,"event":{"text":"beacon 10.0.0.9"},"msg":["a 2.2.2.2","b 3.3.3.3"]}"#,
        "\n",
        "not json\n",
        r#"{"msg":"late 4.4.4.4"}"#,
        "\n",
    );
    let out = run(
        &[
            "--jsonl-field",
            "msg",
            "--jsonl-field",
            "event.text",
            "--format",
            "jsonl",
        ],
        jsonl.as_bytes(),
    );
    // The bad line is an error (exit 2) but every other record is still read.
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("line 4: invalid JSON"),
        "{}",
        out.stderr
    );
    let got: Vec<(String, String)> = records(&out.stdout)
        .iter()
        .map(|r| {
            (
                r["value"].as_str().unwrap().into(),
                r["source"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = [
        ("evil.com", "0"),
        ("2.2.2.2", "1"),
        ("3.3.3.3", "1"),
        ("10.0.0.9", "1"),
        ("4.4.4.4", "3"),
    ];
    assert_eq!(got, want.map(|(v, s)| (v.to_string(), s.to_string())));

    let by_id = run(
        &[
            "--jsonl-field",
            "msg",
            "--row-id",
            "id",
            "--format",
            "jsonl",
        ],
        jsonl.as_bytes(),
    );
    let sources: Vec<Value> = records(&by_id.stdout)
        .iter()
        .map(|r| r["source"].clone())
        .collect();
    assert_eq!(sources, ["ev-1", "7", "7", "3"]);
}

#[test]
fn row_id_needs_a_table_mode() {
    let out = run(&["--row-id", "id"], b"1.2.3.4");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--row-id"), "{}", out.stderr);
    let both = run(&["--csv-column", "a", "--jsonl-field", "b"], b"");
    assert_eq!(both.code, 2);
}
