//! Running the built `ioclens` binary in tests.
#![allow(dead_code)] // each test file uses a different subset

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_ioclens");

/// A small report with one IOC of most types, several defanged.
pub const REPORT: &str = "\
Loader beacons to hxxps[://]cdn-update[.]lantern-sync[.]com/api/v2/check and 185.220.101[.]47.
Mail from invoices[at]freight-portal[.]org; exploited CVE-2023-23397 (T1059.001).
SHA-256 9f2b6d1c0a8e4f3b7d5c2e1a0f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b
MD5 8d777f385d3dfec8815d20f7496026dc, fallback 2a0b:4140:8d4e::2
";

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
    /// `(type, value)` of each JSON Lines record.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.stdout
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
                (
                    v["type"].as_str().unwrap().to_string(),
                    v["value"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

/// Runs the binary in `dir` (or the current folder) with `stdin` as input.
pub fn run_in(dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("spawn ioclens");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // A thread, so a large input cannot deadlock against a full stdout pipe. The binary may
    // not read stdin at all (paths given), so a broken pipe here is fine.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().unwrap();
    Out {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str], stdin: &[u8]) -> Out {
    run_in(None, args, stdin)
}

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}
