//! The `ioclens` binary end to end: formats, stdin/files/folders, exit codes, output targets,
//! options. Input kinds (tables, HTML, encodings, chunking) are in `cli_inputs.rs`.
// The binary runs natively only; `wasm-pack test` compiles every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]
mod cli_support;
use cli_support::{run, run_in, write, Out, BIN, REPORT};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};

/// What REPORT holds, as (type, value).
const EXPECTED: &[(&str, &str)] = &[
    ("url", "https://cdn-update.lantern-sync.com/api/v2/check"),
    ("ipv4", "185.220.101.47"),
    ("email", "invoices@freight-portal.org"),
    ("cve", "CVE-2023-23397"),
    ("attack", "T1059.001"),
    (
        "sha256",
        "9f2b6d1c0a8e4f3b7d5c2e1a0f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b",
    ),
    ("md5", "8d777f385d3dfec8815d20f7496026dc"),
    ("ipv6", "2a0b:4140:8d4e::2"),
];

fn expected_set() -> BTreeSet<(String, String)> {
    EXPECTED
        .iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect()
}

fn json_pairs(v: &Value) -> BTreeSet<(String, String)> {
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|o| {
            (
                o["type"].as_str().unwrap().to_string(),
                o["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn scorer_contract_json_array_of_type_and_value_from_stdin() {
    let out = run(&["--format", "json", "--types", "all"], REPORT.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    for o in v.as_array().unwrap() {
        assert!(o["type"].is_string() && o["value"].is_string(), "{o}");
    }
    assert!(json_pairs(&v).is_superset(&expected_set()), "{v}");
}

#[test]
fn every_format_renders_the_same_iocs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "report.txt", REPORT);
    let fmt = |f: &str| {
        let out = run(&["--format", f, &file], b"");
        assert_eq!(out.code, 0, "{f}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{f}: {}", out.stderr);
        out
    };
    let want = expected_set();
    let values: BTreeSet<&str> = EXPECTED.iter().map(|(_, v)| *v).collect();

    let json = fmt("json").json();
    assert_eq!(json_pairs(&json), want);
    assert!(json.as_array().unwrap().iter().all(|o| o["source"] == file
        && o["start"].is_u64()
        && o["raw"].is_string()
        && o["flags"].is_array()));

    assert_eq!(
        fmt("jsonl").pairs().into_iter().collect::<BTreeSet<_>>(),
        want
    );

    let csv = fmt("csv").stdout;
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("type,value,raw,start,end,defanged,flags,source")
    );
    let csv_pairs: BTreeSet<(String, String)> = rows
        .map(|r| {
            let mut f = r.split(',');
            (f.next().unwrap().into(), f.next().unwrap().into())
        })
        .collect();
    assert_eq!(csv_pairs, want);

    let txt = fmt("txt").stdout;
    assert_eq!(txt.lines().collect::<BTreeSet<_>>(), values);

    let grouped = fmt("txt-grouped").stdout;
    for (t, v) in EXPECTED {
        let group = grouped
            .split(&format!("# {t}\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("no # {t} in {grouped}"));
        assert_eq!(group.lines().next(), Some(*v));
    }

    let md = fmt("md").stdout;
    assert!(md.starts_with("# IOC Lens export"), "{md}");
    for v in &values {
        assert!(md.contains(&format!("`{v}`")), "{v} not in {md}");
    }

    let defanged = fmt("defanged").stdout;
    assert!(defanged.contains("185[.]220[.]101[.]47"), "{defanged}");
    assert!(!defanged.contains("185.220.101.47"), "{defanged}");
    // Defanged text extracts back to the same IOCs.
    let back = run(&["--format", "json"], defanged.as_bytes());
    assert_eq!(json_pairs(&back.json()), want);

    let stix = fmt("stix").json();
    assert_eq!(stix["type"], "bundle");
    let patterns: Vec<&str> = stix["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["pattern"].as_str())
        .collect();
    assert!(
        patterns.contains(&"[ipv4-addr:value = '185.220.101.47']"),
        "{patterns:?}"
    );

    let misp = fmt("misp").json();
    let attrs: BTreeSet<&str> = misp["Event"]["Attribute"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"].as_str().unwrap())
        .collect();
    for v in [
        "185.220.101.47",
        EXPECTED[5].1,
        "invoices@freight-portal.org",
    ] {
        assert!(attrs.contains(v), "{v} not in {attrs:?}");
    }

    let summary = fmt("summary").json();
    assert_eq!(summary["source"], file);
    assert_eq!(summary["total"], EXPECTED.len());
    for (t, _) in EXPECTED {
        assert_eq!(summary["counts"][t], 1, "{t}: {summary}");
    }
    assert!(summary["extracted_at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn stdin_dash_and_file_give_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "r.txt", REPORT);
    let from_stdin = run(&["--format", "txt"], REPORT.as_bytes());
    let from_dash = run(&["--format", "txt", "-"], REPORT.as_bytes());
    let from_file = run(&["--format", "txt", &file], b"");
    assert_eq!(from_stdin.stdout, from_file.stdout);
    assert_eq!(from_dash.stdout, from_file.stdout);
    assert_eq!(from_file.stdout.lines().count(), EXPECTED.len());
}

#[test]
fn folders_are_read_recursively_in_sorted_order_with_glob_filters() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b/deep/two.txt", "second 10.0.0.2\n");
    write(d, "a/one.txt", "first 10.0.0.1\n");
    write(d, "a/skip.md", "markdown 10.0.0.3\n");
    write(d, "c.log", "log 10.0.0.4\n");
    let all = run_in(Some(d), &["--format", "jsonl", "."], b"");
    assert_eq!(all.code, 0, "{}", all.stderr);
    let values: Vec<String> = all.pairs().into_iter().map(|(_, v)| v).collect();
    assert_eq!(values, ["10.0.0.1", "10.0.0.3", "10.0.0.2", "10.0.0.4"]);
    // Each record names its file.
    let first: Value = serde_json::from_str(all.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["source"], "./a/one.txt");

    let txt = run_in(Some(d), &["--glob", "*.txt", "."], b"");
    assert_eq!(txt.stdout, "10.0.0.1\n10.0.0.2\n");
    let two = run_in(Some(d), &["--glob", "*.md", "--glob", "b/**", "."], b"");
    assert_eq!(two.stdout, "10.0.0.3\n10.0.0.2\n");
    let none = run_in(Some(d), &["--glob", "*.pdf", "."], b"");
    assert_eq!((none.code, none.stdout.as_str()), (1, ""));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "top/a.txt", "one 10.1.1.1\n");
    std::os::unix::fs::symlink("..", d.join("top/up")).unwrap();
    std::os::unix::fs::symlink(".", d.join("top/self")).unwrap();
    let out = run_in(Some(d), &["--no-dedupe", "top"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    // top/self and top/up/top lead back into top/: each file is still read exactly once.
    assert_eq!(out.stdout, "10.1.1.1\n", "{}", out.stderr);
    assert!(out.stderr.contains("loop"), "{}", out.stderr);
}

#[test]
fn exit_codes_are_grep_like() {
    assert_eq!(run(&[], b"evil[.]com").code, 0);
    assert_eq!(run(&[], b"nothing to see").code, 1);
    assert_eq!(run(&[], b"").code, 1);
    assert_eq!(run(&["--format", "xml"], b"evil.com").code, 2);
    assert_eq!(run(&["--types", "ipv5"], b"evil.com").code, 2);
    assert_eq!(run(&["--no-such-flag"], b"evil.com").code, 2);
    let bad_regex = run(&["--custom", "t=("], b"x");
    assert_eq!(bad_regex.code, 2);
    assert!(
        bad_regex.stderr.contains("bad regex"),
        "{}",
        bad_regex.stderr
    );
}

#[test]
fn a_missing_file_is_reported_and_the_rest_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "c2 evil[.]com\n");
    let missing = dir.path().join("missing.txt");
    let out = run(&[missing.to_str().unwrap(), &good], b"");
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "evil.com\n");
    assert!(out.stderr.contains("missing.txt"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn an_unreadable_entry_in_a_folder_is_an_error_after_the_rest() {
    // A dangling link: unreadable even for root, unlike a chmod 000 file.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "1.1.1.1\n");
    write(dir.path(), "c.txt", "3.3.3.3\n");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
    let out = run(&[dir.path().to_str().unwrap()], b"");
    assert_eq!((out.code, out.stdout.as_str()), (2, "1.1.1.1\n3.3.3.3\n"));
    assert!(out.stderr.contains("b.txt"), "{}", out.stderr);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    // Far more output than a pipe buffer holds, so the writer must hit the closed pipe.
    let input = "ip 10.20.30.40 and evil[.]com here\n".repeat(2000);
    let mut child = Command::new(BIN)
        .args(["--no-dedupe", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 64`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert!(first.starts_with(b"{\"type\""));
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn output_file_and_refusal_to_overwrite_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.txt", REPORT);
    let out_path = dir.path().join("out.json");
    let out = run(
        &["--format", "json", "-o", out_path.to_str().unwrap(), &input],
        b"",
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    let written: Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(json_pairs(&written), expected_set());

    // An output file inside a folder being read is not read back on the next run.
    let in_dir = dir.path().join("iocs.txt");
    let d = dir.path().to_str().unwrap();
    let first = run(&["-o", in_dir.to_str().unwrap(), d], b"");
    let written = std::fs::read_to_string(&in_dir).unwrap();
    let second = run(&["-o", in_dir.to_str().unwrap(), d], b"");
    assert_eq!((first.code, second.code), (0, 0));
    assert_eq!(std::fs::read_to_string(&in_dir).unwrap(), written);
    assert_eq!(written.lines().count(), EXPECTED.len());

    let clobber = run(&["-o", &input, &input], b"");
    assert_eq!(clobber.code, 2);
    assert!(clobber.stderr.contains("refusing"), "{}", clobber.stderr);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), REPORT);
}

#[test]
fn split_dir_writes_one_file_per_type_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.txt",
        format!("{REPORT}again 185.220.101[.]47\n"),
    );
    let split = dir.path().join("split");
    let out = run(&["--split-dir", split.to_str().unwrap(), &input], b"");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&split)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut want: Vec<String> = EXPECTED.iter().map(|(t, _)| format!("{t}.txt")).collect();
    want.push("summary.json".into());
    want.sort();
    assert_eq!(names, want);
    for (t, v) in EXPECTED {
        let text = std::fs::read_to_string(split.join(format!("{t}.txt"))).unwrap();
        assert_eq!(text, format!("{v}\n"), "{t}.txt (deduplicated)");
    }
    let summary: Value =
        serde_json::from_slice(&std::fs::read(split.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["source"], input);
    assert_eq!(summary["counts"]["ipv4"], 1);
    assert!(summary["extracted_at"].is_string());
}

#[cfg(unix)]
#[test]
fn split_dir_never_writes_through_a_planted_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let split = dir.path().join("split");
    std::fs::create_dir(&split).unwrap();
    let victim = write(dir.path(), "victim.txt", "keep me");
    std::os::unix::fs::symlink(&victim, split.join("ipv4.txt")).unwrap();
    let out = run(&["--split-dir", split.to_str().unwrap()], b"10.9.8.7");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}

/// The split files are replaced, never written into: the CLI writes a new file beside the target
/// and renames it over. A hard link planted at `DIR/ipv4.txt` (same file as the victim) shows it:
/// writing into the entry would change the victim. The same replace-don't-follow is what makes a
/// symbolic link planted just after the check above harmless (a rename replaces the link itself).
#[cfg(unix)]
#[test]
fn split_dir_replaces_files_instead_of_writing_into_them() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let split = dir.path().join("split");
    std::fs::create_dir(&split).unwrap();
    let victim = write(dir.path(), "victim.txt", "keep me");
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(&victim, split.join("ipv4.txt")).unwrap();
    let out = run(&["--split-dir", split.to_str().unwrap()], b"10.9.8.7");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let ipv4 = split.join("ipv4.txt");
    assert_eq!(std::fs::read_to_string(&ipv4).unwrap(), "10.9.8.7\n");
    // The replaced file keeps the permission bits it had; no temporary file is left behind.
    let mode = std::fs::metadata(&ipv4).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let mut names: Vec<String> = std::fs::read_dir(&split)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["ipv4.txt", "summary.json"]);
}

#[test]
fn custom_type_names_cannot_escape_the_split_dir() {
    let out = run(&["--custom", "../../evil=X[0-9]+"], b"X12");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("name"), "{}", out.stderr);
    let ok = run(
        &["--custom", "ticket=TICKET-[0-9]+", "--format", "jsonl"],
        b"see TICKET-42",
    );
    assert_eq!(
        ok.pairs(),
        [("ticket".to_string(), "TICKET-42".to_string())]
    );
}

#[test]
fn allowlists_and_warninglists_hide_matches_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let allow = write(
        dir.path(),
        "allow.txt",
        "# benign\n*.example-cdn.net\n8.8.8.8\n",
    );
    let lists = dir.path().join("lists");
    write(
        &lists,
        "resolvers/list.json",
        r#"{"name":"test resolvers","type":"string","list":["9.9.9.9"]}"#,
    );
    let text = b"dns 8.8.8.8 and 9.9.9.9, cdn a.example-cdn.net, c2 evil[.]com";
    let args = ["--allow", &allow, "--warninglist", lists.to_str().unwrap()];
    let hidden = run(&args, text);
    assert_eq!(hidden.stdout, "evil.com\n", "{}", hidden.stderr);

    let mut shown_args = args.to_vec();
    shown_args.extend(["--show-allowlisted", "--format", "json"]);
    let shown = run(&shown_args, text).json();
    let flagged: Vec<&str> = shown
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| {
            o["flags"]
                .as_array()
                .unwrap()
                .contains(&"allowlisted".into())
        })
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["8.8.8.8", "9.9.9.9", "a.example-cdn.net"]);

    // Only allowlisted IOCs: nothing output, so exit 1.
    assert_eq!(run(&args, b"8.8.8.8").code, 1);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let none = run(&["--warninglist", empty.to_str().unwrap()], b"x");
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("list.json"), "{}", none.stderr);
}

#[test]
fn types_and_no_decode() {
    let text = b"1.2.3.4 evil[.]com aHR0cHM6Ly9ldmlsLmV4YW1wbGUub3JnL3BhdGg=";
    let ips = run(&["--types", "ipv4"], text);
    assert_eq!(ips.stdout, "1.2.3.4\n");
    let decoded = run(&["--types", "url", "--format", "json"], text).json();
    assert!(
        json_pairs(&decoded).contains(&("url".into(), "https://evil.example.org/path".into())),
        "{decoded}"
    );
    let plain = run(&["--types", "url", "--no-decode"], text);
    assert_eq!((plain.code, plain.stdout.as_str()), (1, ""));
}

#[test]
fn text_output_escapes_hidden_characters_json_keeps_them() {
    // A custom type can capture anything, including a right-to-left override.
    let args = ["--custom", "tag=TAG:[^ ]+"];
    let text = "TAG:invoice\u{202e}fdp.exe and TAG:a\tb\u{2067}c and TAG:x\u{1b}[2J";
    let txt = run(&args, text.as_bytes());
    assert_eq!(
        txt.stdout,
        "TAG:invoice\\u{202e}fdp.exe\nTAG:a\\u{9}b\\u{2067}c\nTAG:x\\u{1b}[2J\n"
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = run(&json_args, text.as_bytes()).json();
    assert_eq!(json[0]["value"], "TAG:invoice\u{202e}fdp.exe");
}

#[test]
fn help_version_and_completions() {
    let help = run(&["--help"], b"");
    assert_eq!(help.code, 0);
    for needle in [
        "Examples:",
        "--format",
        "--split-dir",
        "--csv-column",
        "Exit status",
    ] {
        assert!(help.stdout.contains(needle), "{needle} missing from --help");
    }
    assert!(
        !help.stdout.contains("--chunk-size"),
        "test-only option shown"
    );
    let version = run(&["--version"], b"");
    assert_eq!(
        (version.code, version.stdout.trim()),
        (0, format!("ioclens {}", env!("CARGO_PKG_VERSION")).as_str())
    );
    for shell in ["bash", "zsh", "fish"] {
        let c = run(&["--completions", shell], b"");
        assert_eq!(c.code, 0, "{shell}");
        assert!(c.stdout.contains("split-dir"), "{shell}: {}", c.stdout);
    }
}

#[test]
fn sample_shows_the_bundled_report() {
    let out: Out = run(&["--sample", "--types", "all", "--format", "jsonl"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pairs = out.pairs();
    assert!(
        pairs.contains(&("cve".into(), "CVE-2023-23397".into())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("ipv4".into(), "185.220.101.47".into())),
        "{pairs:?}"
    );
}

#[test]
fn repeats_are_output_once_but_every_file_keeps_its_iocs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "1.2.3.4 and 1.2.3.4\n");
    write(dir.path(), "b.txt", "again 1.2.3.4\n");
    let d = dir.path().to_str().unwrap();
    assert_eq!(run(&[d], b"").stdout, "1.2.3.4\n");
    assert_eq!(run(&["--no-dedupe", d], b"").stdout, "1.2.3.4\n".repeat(3));
    // STIX has a report per file, and each refers to the one indicator.
    let stix = run(&["--format", "stix", d], b"").json();
    let objects = stix["objects"].as_array().unwrap();
    let indicator = objects.iter().find(|o| o["type"] == "indicator").unwrap();
    let reports: Vec<&Value> = objects.iter().filter(|o| o["type"] == "report").collect();
    assert_eq!(reports.len(), 2, "{stix}");
    for r in reports {
        assert_eq!(
            r["object_refs"],
            serde_json::json!([indicator["id"]]),
            "{r}"
        );
    }
}
