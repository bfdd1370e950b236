//! Benchmark helper for `scripts/bench.sh` (not part of the product):
//!
//! - `bench_native inputs DIR` writes every benchmark input (`benches/inputs/mod.rs`) to `DIR`
//!   plus `DIR/manifest.json`, so the wasm/Node run and the peers read exactly the same bytes.
//! - `bench_native time FILE [all|default] [REPS]` times `extract` on the file in-process (the
//!   file is read first; start-up is excluded) and prints one JSON object: median and best
//!   seconds, matches, and the process's peak resident memory (`VmHWM`) before and after.
//! - `bench_native per-type FILE [REPS]` times each built-in type alone: which scanner costs what.
//! - `bench_native seq FILE...` times the files in order with one extractor: does an input leave
//!   state behind (a regex cache) that slows the calls after it?
use ioclens::{Extractor, IocType, TypeSet};
use std::time::Instant;

#[path = "../benches/inputs/mod.rs"]
mod inputs;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match arg(0) {
        Some("inputs") => write_inputs(arg(1).unwrap_or("target/bench/inputs")),
        Some("time") => {
            let text = read(arg(1));
            let types = match arg(2).unwrap_or("all") {
                "default" => TypeSet::defaults(),
                _ => TypeSet::all(),
            };
            let reps = arg(3).and_then(|s| s.parse().ok()).unwrap_or(5);
            let base = peak_rss_kb();
            let ex = Extractor::builder().types(types).build();
            let c0 = cpu_s();
            let (med, best, n) = time(&ex, &text, reps);
            // CPU seconds per call (the warm-up call included, hence reps + 1).
            let cpu = (cpu_s() - c0) / (reps + 1) as f64;
            println!(
                "{}",
                serde_json::json!({
                    "bytes": text.len(), "reps": reps, "median_s": med, "best_s": best, "cpu_s": cpu,
                    "matches": n, "base_rss_kb": base, "peak_rss_kb": peak_rss_kb(),
                })
            );
        }
        Some("per-type") => {
            let text = read(arg(1));
            let reps = arg(2).and_then(|s| s.parse().ok()).unwrap_or(3);
            // "none": no type at all, i.e. the shared floor (refang view, decoding, resolution).
            let sets = std::iter::once(("none", TypeSet::empty())).chain(
                IocType::ALL
                    .iter()
                    .map(|t| (t.as_str(), TypeSet::empty().with(*t))),
            );
            let rows: Vec<String> = sets
                .map(|(name, set)| {
                    let ex = Extractor::builder().types(set).build();
                    let (med, _, n) = time(&ex, &text, reps);
                    serde_json::json!({"type": name, "median_s": med, "matches": n}).to_string()
                })
                .collect();
            println!("[{}]", rows.join(","));
        }
        Some("seq") => {
            // One extractor (every type), the files in the given order, each timed once after one
            // untimed call: shows whether an input leaves state behind that slows later calls.
            let ex = Extractor::builder().types(TypeSet::all()).build();
            let rows: Vec<String> = args[1..]
                .iter()
                .map(|p| {
                    let text = read(Some(p));
                    let (med, _, n) = time(&ex, &text, 1);
                    serde_json::json!({"file": p, "secs": med, "matches": n}).to_string()
                })
                .collect();
            println!("[{}]", rows.join(","));
        }
        _ => {
            eprintln!("usage: bench_native inputs DIR | time FILE [all|default] [REPS] | per-type FILE [REPS] | seq FILE...");
            std::process::exit(2);
        }
    }
}

fn read(path: Option<&str>) -> String {
    let p = path.expect("a file");
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Median and best of `reps` calls (after one warm-up call), and the match count.
fn time(ex: &Extractor, text: &str, reps: usize) -> (f64, f64, usize) {
    let n = ex.extract(text).len();
    let mut secs: Vec<f64> = (0..reps.max(1))
        .map(|_| {
            let t = Instant::now();
            let m = ex.extract(std::hint::black_box(text));
            let dt = t.elapsed().as_secs_f64();
            drop(std::hint::black_box(m));
            dt
        })
        .collect();
    secs.sort_by(f64::total_cmp);
    (secs[secs.len() / 2], secs[0], n)
}

/// CPU seconds (user + system) of this process from `/proc/self/stat`, in clock ticks of 1/100 s
/// (Linux's USER_HZ): coarse, so it is only used for the multi-second corpus runs.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    // Parsed as i64: tpgid is -1 without a terminal, and a skipped field would shift the rest.
    let f: Vec<i64> = rest
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // rest starts at field 3 (state, skipped); utime and stime are fields 14 and 15.
    match (f.get(10), f.get(11)) {
        (Some(u), Some(s)) => (u + s) as f64 / 100.0,
        _ => 0.0,
    }
}

/// The peak resident set size so far (Linux `VmHWM`), in KiB; 0 where /proc is absent.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn write_inputs(dir: &str) {
    std::fs::create_dir_all(dir).expect("create inputs dir");
    let mut entries: Vec<serde_json::Value> = Vec::new();
    let mut put = |name: &str, kind: &str, what: &str, text: &str, baseline: Option<String>| {
        std::fs::write(format!("{dir}/{name}.txt"), text).expect("write input");
        entries.push(serde_json::json!({
            "name": name, "kind": kind, "what": what, "file": format!("{name}.txt"),
            "bytes": text.len(), "baseline": baseline,
        }));
    };
    let (_, desc) = inputs::realistic_docs();
    put(
        "prose_4mb",
        "prose",
        "plain prose, no IOCs",
        &inputs::prose(inputs::PROSE_LEN),
        None,
    );
    put(
        "report_4mb",
        "report",
        &format!("typical report: {desc}, repeated"),
        &inputs::report(inputs::REPORT_LEN),
        None,
    );
    put(
        "dense_1mb",
        "dense",
        "IOC-dense appendix (synthetic, defanged)",
        &inputs::dense(inputs::DENSE_LEN),
        None,
    );
    let adv = inputs::adversarial();
    let mut twins = std::collections::BTreeSet::new();
    for a in &adv {
        let base = format!("prose_{}", a.text.len());
        if twins.insert(a.text.len()) {
            put(
                &base,
                "baseline",
                "plain prose of the same size",
                &inputs::prose(a.text.len()),
                None,
            );
        }
        put(a.name, "adversarial", a.what, &a.text, Some(base));
    }
    put(
        "corpus_20mb",
        "corpus",
        &format!("side-by-side corpus: {desc}, repeated"),
        &inputs::report(inputs::CORPUS_LEN),
        None,
    );
    let manifest = serde_json::to_string_pretty(&entries).expect("manifest json");
    std::fs::write(format!("{dir}/manifest.json"), manifest).expect("write manifest");
    eprintln!("[bench] inputs written to {dir} ({desc})");
}
