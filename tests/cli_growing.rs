//! Hostile files for the `ioclens` binary (issue 9): a FIFO fed in pieces, a file appended to
//! and a file truncated while it is read in small chunks. The binary must not panic, must report
//! what it read (never a cut indicator) and exit normally. Also: it never writes outside
//! `-o` / `--split-dir`.
#![cfg(all(unix, not(target_arch = "wasm32")))]
mod cli_support;
use cli_support::{run, run_in, write, BIN};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A distinct MD5-shaped value per line number (32 hex digits: a cut one is no hash at all).
fn md5(n: usize) -> String {
    format!(
        "{:032x}",
        (n as u128 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) | 1 << 127
    )
}

fn line(n: usize) -> String {
    format!("line {n} dropped {}\n", md5(n))
}

fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ioclens")
}

/// Exit code, reported values (JSON Lines), stderr.
fn finish(child: Child) -> (i32, Vec<String>, String) {
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal; stderr: {stderr}"));
    let values = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            v["value"].as_str().unwrap().to_string()
        })
        .collect();
    (code, values, stderr)
}

const SMALL_CHUNKS: [&str; 8] = [
    "--format",
    "jsonl",
    "--no-dedupe",
    "--types",
    "md5",
    "--chunk-size",
    "64",
    "--chunk-overlap",
];

fn args<'a>(path: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = SMALL_CHUNKS.to_vec();
    a.push("72");
    a.extend_from_slice(extra);
    a.push(path);
    a
}

/// Opens a FIFO for writing without blocking forever if the reader never comes.
fn open_fifo_writer(p: &Path) -> std::fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000; // Linux
    for _ in 0..500 {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(p)
        {
            Ok(f) => return f,
            // ENXIO: no reader yet.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    panic!("ioclens never opened the FIFO");
}

/// Writes all of `bytes` to a non-blocking pipe, waiting while it is full.
fn write_slowly(f: &mut std::fs::File, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        match f.write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Err(e) => panic!("writing the FIFO: {e}"),
        }
    }
}

#[test]
fn a_fifo_fed_in_pieces_is_read_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed");
    let st = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(st.success());
    // More than the 8 KiB the binary sniffs first, then indicators cut across the writes.
    let lines: Vec<String> = (0..300).map(line).collect();
    let text = lines.concat();
    let child = spawn(&args(fifo.to_str().unwrap(), &[]));
    let mut w = open_fifo_writer(&fifo);
    for piece in text.as_bytes().chunks(997) {
        write_slowly(&mut w, piece);
        std::thread::sleep(Duration::from_millis(3));
    }
    drop(w);
    let (code, values, stderr) = finish(child);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let want: Vec<String> = (0..300).map(md5).collect();
    assert_eq!(values, want, "every hash once, whole, in order");
}

#[test]
fn a_file_appended_to_while_read_reports_a_prefix_of_the_lines() {
    let dir = tempfile::tempdir().unwrap();
    let initial: String = (0..1500).map(line).collect();
    let path = write(dir.path(), "growing.log", &initial);
    let child = spawn(&args(&path, &[]));
    let appender = {
        let path = PathBuf::from(&path);
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
            for batch in 0..40 {
                let text: String = (1500 + batch * 10..1510 + batch * 10).map(line).collect();
                f.write_all(text.as_bytes()).unwrap();
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let (code, values, stderr) = finish(child);
    appender.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Reads are sequential: whatever was seen is the start of the final file, line by line;
    // a line cut by the end of a read is a partial hash, which is no hash.
    let all: Vec<String> = (0..1900).map(md5).collect();
    assert!(values.len() >= 1500, "the initial content is read whole");
    assert_eq!(values[..], all[..values.len()]);
}

#[test]
fn a_file_truncated_while_read_reports_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let lines = 12_000;
    let text: String = (0..lines).map(line).collect();
    let keep_lines = 1000;
    let offset = |lines: usize| -> u64 { (0..lines).map(|n| line(n).len() as u64).sum() };
    let path = write(dir.path(), "shrinking.log", &text);
    let child = spawn(&args(&path, &[]));
    // Cut a thousand lines at a time, down to the first thousand, while the binary reads: some
    // cuts land behind the reader, some ahead of it.
    let cuts: Vec<u64> = (1..lines / keep_lines)
        .rev()
        .map(|k| offset(k * keep_lines))
        .collect();
    let cutter = {
        let path = PathBuf::from(&path);
        std::thread::spawn(move || {
            let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            for len in cuts {
                std::thread::sleep(Duration::from_millis(4));
                f.set_len(len).unwrap();
            }
        })
    };
    let (code, values, stderr) = finish(child);
    cutter.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The kept start is always there to read; past the cut, reads end (EOF): what was read
    // before the cut is reported, in order, and nothing cut or invented.
    let all: Vec<String> = (0..lines).map(md5).collect();
    assert!(values.len() >= keep_lines, "{} values", values.len());
    assert_eq!(values[..], all[..values.len()]);
}

/// Every file under `root` (following no links), relative to it.
fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                dirs.push(e.path());
            } else {
                out.push(e.path().strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn writes_land_only_in_the_output_file_and_the_split_dir() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Inputs named like paths and full of path-like indicators do not steer where files go.
    let input = write(
        root,
        "in/..%2f..%2fescape.txt",
        "10.9.8.7 C:\\Windows\\x.exe ../../etc/passwd /tmp/evil.sh evil[.]com \
         TICKET-1 ../TICKET-2\n",
    );
    let before = files_under(root);
    let out = run_in(
        Some(root),
        &[
            "--types",
            "all",
            "--custom",
            "ticket=TICKET-[0-9]+",
            "--split-dir",
            "split",
            &input,
        ],
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out2 = run_in(
        Some(root),
        &["-o", "result.json", "--format", "json", &input],
        b"",
    );
    assert_eq!(out2.code, 0, "{}", out2.stderr);
    let created: Vec<PathBuf> = files_under(root)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    assert!(created.contains(&PathBuf::from("result.json")));
    assert!(created.contains(&PathBuf::from("split/ticket.txt")));
    for p in &created {
        let ok = p == Path::new("result.json")
            || p.parent() == Some(Path::new("split")) && p.components().count() == 2;
        assert!(
            ok,
            "wrote {p:?} outside -o / --split-dir; created: {created:?}"
        );
    }
}

#[test]
fn custom_names_with_path_characters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let split = dir.path().join("split");
    for name in [
        "../x", "/tmp/x", "a/b", "a\\b", "..", ".", "a\nb", ".hidden",
    ] {
        let spec = format!("{name}=X[0-9]+");
        let out = run(
            &["--custom", &spec, "--split-dir", split.to_str().unwrap()],
            b"X12",
        );
        assert_eq!(out.code, 2, "{name:?} accepted: {}", out.stderr);
    }
    assert!(files_under(dir.path()).is_empty(), "nothing written");
}
