//! Command-line front end (minimal until the CLI issue lands: `--format json|txt`, `--types`,
//! `--sample`, paths or stdin).

use ioclens::options::Options;
use ioclens::options::TypesOption;
use std::io::{Read, Write};

/// The sample report bundled into the binary so `ioclens --sample` shows the product working.
pub const SAMPLE: &str = include_str!("../../tests/fixtures/sample-report.txt");

const HELP: &str = "ioclens — extract indicators of compromise (IOCs) from text

Usage: ioclens [OPTIONS] [PATH|-]...

Options:
  --format json|txt   output format (default txt)
  --types LIST|all    types to find (default: the default set)
  --sample            extract from the bundled sample report
  -h, --help          this help
  -V, --version       version

Examples:
  ioclens report.txt
  curl -s https://example.com/report | ioclens --format json --types all
";

pub fn run() -> i32 {
    let mut format = "txt".to_string();
    let mut opts = Options::default();
    let mut paths = Vec::new();
    let mut sample = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return 0;
            }
            "-V" | "--version" => {
                println!("ioclens {}", ioclens::VERSION);
                return 0;
            }
            "--sample" => sample = true,
            "--format" => format = args.next().unwrap_or_default(),
            "--types" => opts.types = Some(TypesOption::List(args.next().unwrap_or_default())),
            _ if a.starts_with("--") => {
                eprintln!("ioclens: unknown option {a}\n\n{HELP}");
                return 2;
            }
            _ => paths.push(a),
        }
    }
    let ex = match opts.build() {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("ioclens: {e}");
            return 2;
        }
    };
    let mut texts = Vec::new();
    if sample {
        texts.push(SAMPLE.to_string());
    } else if paths.is_empty() || paths == ["-"] {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
            eprintln!("ioclens: cannot read stdin: {e}");
            return 2;
        }
        texts.push(String::from_utf8_lossy(&buf).into_owned());
    } else {
        for p in &paths {
            match std::fs::read(p) {
                Ok(b) => texts.push(String::from_utf8_lossy(&b).into_owned()),
                Err(e) => {
                    eprintln!("ioclens: {p}: {e}");
                    return 2;
                }
            }
        }
    }
    let mut all = Vec::new();
    for t in &texts {
        all.extend(ex.extract(t));
    }
    let mut out = std::io::stdout().lock();
    let res = match format.as_str() {
        "json" => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&all).unwrap_or_default()
        ),
        "txt" => all
            .iter()
            .try_for_each(|m| writeln!(out, "{}\t{}", m.kind, m.value)),
        other => {
            eprintln!("ioclens: unknown format {other:?} (json, txt)");
            return 2;
        }
    };
    if res.is_err() {
        return 0; // closed pipe: quiet
    }
    if all.is_empty() {
        1
    } else {
        0
    }
}
