//! Benchmark inputs, generated deterministically so the criterion bench (`benches/throughput.rs`),
//! the side-by-side runner (`examples/bench_native.rs`, which also writes them to files for the
//! wasm/Node and peer runs) and every machine see the same bytes.
//!
//! Realistic text comes from files, never from random words: `tests/fixtures/sample-report.txt`
//! and, when the labelled corpus sits beside the repo, the rendered ESET IOC sections under
//! `../shared/corpus/data/eset-dev/texts/*.txt` (override the folder with `IOCLENS_BENCH_TEXTS`).
#![allow(dead_code)] // each includer uses a different part

use std::path::{Path, PathBuf};

/// One megabyte as the benches count it (MB/s figures use 10^6 bytes, like criterion).
pub const MB: usize = 1_000_000;

/// A small deterministic generator (xorshift64*): inputs must not change between runs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Threat-report prose without a single indicator (checked by the bench: zero matches with every
/// type on). Dots end sentences and sit in abbreviations, as in real prose.
const SENTENCES: &[&str] = &[
    "The operators rotated their infrastructure every few weeks and reused the same loader configuration across victims.",
    "Telemetry showed the implant sleeping for several minutes between check-ins, with jitter to defeat simple periodicity detection.",
    "The second stage was only delivered to hosts that passed an environment check, which made sandbox analysis difficult.",
    "We cluster this activity with moderate confidence, based on code overlap, shared tooling and consistent working hours.",
    "Initial access came through spear-phishing messages that impersonated a logistics partner and carried a document lure.",
    "After the user enabled content, a script decoded the next stage in memory and injected it into a legitimate process.",
    "Persistence relied on a scheduled task with a name chosen to blend in with the vendor software already installed.",
    "Lateral movement used stolen credentials and remote management tools that the victim's administrators also used daily.",
    "The attackers staged collected documents in a password-protected archive before exfiltrating them over an encrypted channel.",
    "Several samples contained debugging strings in two languages, e.g. error messages that the developers forgot to remove.",
    "Defenders should review authentication logs for unusual logons outside business hours, i.e. between midnight and dawn.",
    "None of the victims were notified by the attackers; the campaign appears to have been purely about espionage.",
    "Our researchers shared the findings with national incident response teams and affected organizations in advance.",
    "The malware family has been under active development for at least three years, with new features added every quarter.",
    "Mitigations include application allow-listing, disabling macros from the internet and segmenting management networks.",
    "Some components were signed with a stolen code-signing certificate, which has since been revoked by its issuer.",
    "The group appears to favor targets in government, defense and energy, but occasionally hits universities as well.",
    "Network traffic mimicked a popular content delivery service, so it blended in with ordinary browsing by employees.",
    "When the configuration could not be fetched, the implant fell back to a hard-coded list of relay servers.",
    "In summary, the toolset is modular, carefully maintained and operated by a team with considerable resources.",
];

/// `len` bytes of IOC-free prose: paragraphs of 3–7 sentences, lines wrapped near 100 columns.
pub fn prose(len: usize) -> String {
    let mut rng = Rng::new(0x5EED_0001);
    let mut out = String::with_capacity(len + 256);
    while out.len() < len {
        let sentences = 3 + rng.below(5);
        let mut col = 0;
        for _ in 0..sentences {
            let s = SENTENCES[rng.below(SENTENCES.len())];
            for w in s.split(' ') {
                if col > 0 && col + w.len() > 100 {
                    out.push('\n');
                    col = 0;
                } else if col > 0 {
                    out.push(' ');
                    col += 1;
                }
                out.push_str(w);
                col += w.len();
            }
        }
        out.push_str("\n\n");
    }
    out.truncate(len);
    out
}

/// The same prose as one line (newlines become spaces): line-oriented work gets no breaks.
pub fn prose_one_line(len: usize) -> String {
    prose(len).replace('\n', " ")
}

/// The folder of the realistic report texts, if present.
pub fn texts_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("IOCLENS_BENCH_TEXTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus/data/eset-dev/texts"));
    dir.is_dir().then_some(dir)
}

/// The realistic documents: the project's sample report, then every `*.txt` of [`texts_dir`] in
/// name order. Returns the texts and a one-line description of where they came from.
pub fn realistic_docs() -> (Vec<String>, String) {
    let sample = Path::new("tests/fixtures/sample-report.txt");
    let mut docs = vec![std::fs::read_to_string(sample).expect("tests/fixtures/sample-report.txt")];
    let mut desc = "tests/fixtures/sample-report.txt".to_string();
    if let Some(dir) = texts_dir() {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("texts dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for p in &names {
            docs.push(std::fs::read_to_string(p).expect("report text"));
        }
        desc = format!(
            "{desc} + {} ESET IOC sections from {}",
            names.len(),
            dir.display()
        );
    }
    (docs, desc)
}

/// The realistic documents concatenated (blank line between) and repeated until `len` bytes,
/// cut at the last line break before `len` so no indicator is split.
pub fn report(len: usize) -> String {
    let (docs, _) = realistic_docs();
    let one = docs.join("\n\n");
    let mut out = String::with_capacity(len + one.len());
    while out.len() < len {
        out.push_str(&one);
        out.push_str("\n\n");
    }
    let cut = out[..len].rfind('\n').map_or(len, |i| i + 1);
    out.truncate(cut);
    out
}

fn hex(rng: &mut Rng, n: usize) -> String {
    const H: &[u8] = b"0123456789abcdef";
    (0..n).map(|_| H[rng.below(16)] as char).collect()
}

/// An IOC appendix: every line an indicator or a table row of them, defanged as reports write
/// them (hashes with file names, `hxxp` URLs, `[.]` domains and IPs, e-mails, CVEs, paths).
pub fn dense(len: usize) -> String {
    let mut rng = Rng::new(0x5EED_0002);
    let words = [
        "update", "cdn", "sync", "mail", "login", "portal", "static", "api", "cloud", "secure",
    ];
    let tlds = ["com", "net", "org", "info", "xyz", "top", "ru", "io"];
    let mut out = String::with_capacity(len + 512);
    let mut i = 0usize;
    while out.len() < len {
        let w1 = words[rng.below(words.len())];
        let w2 = words[rng.below(words.len())];
        let tld = tlds[rng.below(tlds.len())];
        let (a, b, c, d) = (
            rng.below(223) + 1,
            rng.below(256),
            rng.below(256),
            rng.below(254) + 1,
        );
        let line = match i % 8 {
            0 => format!(
                "{}\tloader{i}.exe\tWin32/Agent.{}\n",
                hex(&mut rng, 40),
                i % 97
            ),
            1 => format!("{}\tpayload{i}.dll\n", hex(&mut rng, 64)),
            2 => format!("{}  dropper_{i}.js\n", hex(&mut rng, 32)),
            3 => format!(
                "hxxps://{w1}-{w2}{i}[.]{tld}/{w1}/{}.php?id={i}\n",
                hex(&mut rng, 6)
            ),
            4 => format!("{a}.{b}.{c}[.]{d}\t{w1}{i}[.]{w2}[.]{tld}\tC&C server\n"),
            5 => format!("{w1}.{w2}{i}[@]{w2}-{w1}[.]{tld}\n"),
            6 => format!(
                "CVE-20{:02}-{}\tT1{:03}.00{}\n",
                10 + i % 15,
                1000 + i % 9000,
                50 + i % 50,
                1 + i % 9
            ),
            _ => format!("C:\\Users\\Public\\{w1}{i}\\{w2}.exe\n"),
        };
        out.push_str(&line);
        i += 1;
    }
    let cut = out[..len].rfind('\n').map_or(len, |i| i + 1);
    out.truncate(cut);
    out
}

/// `n` ASCII letters then one `.`: the classic quadratic trap for a domain-label scanner that
/// restarts at every letter.
pub fn letters_dot(n: usize) -> String {
    let mut s = "abcdefghijklmnopqrstuvwxyz".repeat(n / 26 + 1);
    s.truncate(n);
    s.push('.');
    s
}

/// `len` bytes of base64 of pseudo-random bytes on a single line (an embedded blob).
pub fn base64(len: usize) -> String {
    const B: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = Rng::new(0x5EED_0003);
    (0..len).map(|_| B[rng.below(64)] as char).collect()
}

/// `count` defanged dots in a row: `[.][.][.]…`.
pub fn bracket_dots(count: usize) -> String {
    "[.]".repeat(count)
}

/// `len` bytes of 1–3-digit groups joined by dots (`12.7.255.3.91…`): endless IPv4 candidates.
pub fn digits_dots(len: usize) -> String {
    let mut rng = Rng::new(0x5EED_0004);
    let mut s = String::with_capacity(len + 4);
    while s.len() < len {
        let g = 1 + rng.below(3);
        for _ in 0..g {
            s.push((b'0' + rng.below(10) as u8) as char);
        }
        s.push('.');
    }
    s.truncate(len);
    s
}

/// `len` lowercase hex digits in one run: every hash length is a prefix, none is a whole match.
pub fn hex_run(len: usize) -> String {
    hex(&mut Rng::new(0x5EED_0005), len)
}

/// An adversarial input and the size of plain prose it is compared with.
pub struct Adversarial {
    pub name: &'static str,
    pub what: &'static str,
    pub text: String,
}

/// The adversarial inputs of issue 8, each compared with [`prose`] of the same length.
pub fn adversarial() -> Vec<Adversarial> {
    vec![
        Adversarial {
            name: "letters20k_dot",
            what: "20,000 letters then `.`",
            text: letters_dot(20_000),
        },
        Adversarial {
            name: "brackets10k",
            what: "10,000 `[.]`",
            text: bracket_dots(10_000),
        },
        Adversarial {
            name: "base64_1mb",
            what: "1 MB base64, one line",
            text: base64(MB),
        },
        Adversarial {
            name: "brackets_1mb",
            what: "1 MB of `[.]`",
            text: bracket_dots(MB / 3),
        },
        Adversarial {
            name: "digits_dots_1mb",
            what: "1 MB of digits and dots",
            text: digits_dots(MB),
        },
        Adversarial {
            name: "hex_1mb",
            what: "1 MB of hex, one run",
            text: hex_run(MB),
        },
        Adversarial {
            name: "one_line_1mb",
            what: "1 MB of prose on a single line",
            text: prose_one_line(MB),
        },
    ]
}

/// Sizes of the non-adversarial criterion inputs (the side-by-side corpus is bigger: 20 MB).
pub const PROSE_LEN: usize = 4 * MB;
pub const REPORT_LEN: usize = 4 * MB;
pub const DENSE_LEN: usize = MB;
/// The side-by-side corpus (issue 8: "~20 MB").
pub const CORPUS_LEN: usize = 20 * MB;
