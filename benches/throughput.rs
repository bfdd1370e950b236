//! Native throughput of the core (issue 8), MB/s per input, every type on (`all`) and the default
//! set. Run with `cargo bench --bench throughput` (or `make bench`, which also turns the numbers
//! into BENCHMARKS.md). Inputs: `benches/inputs/mod.rs`.
//!
//! Each adversarial input has a twin of plain prose with the same length, so the report can state
//! "adversarial time / prose time" for equal sizes (target: ≤ 3×).
use criterion::{black_box, criterion_group, Criterion, SamplingMode, Throughput};
use ioclens::{Extractor, TypeSet};
use std::time::Duration;

mod inputs;

fn run(c: &mut Criterion, name: &str, text: &str) {
    let all = Extractor::builder().types(TypeSet::all()).build();
    let default = Extractor::builder().build();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(text.len() as u64));
    // Flat sampling: the multi-MB inputs take tens of ms per call, and linear sampling would
    // need hundreds of calls per sample set.
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("all", |b| b.iter(|| all.extract(black_box(text))));
    g.bench_function("default", |b| b.iter(|| default.extract(black_box(text))));
    g.finish();
}

fn throughput(c: &mut Criterion) {
    run(c, "prose_4mb", &inputs::prose(inputs::PROSE_LEN));
    run(c, "report_4mb", &inputs::report(inputs::REPORT_LEN));
    run(c, "dense_1mb", &inputs::dense(inputs::DENSE_LEN));
    let adv = inputs::adversarial();
    let mut lens: Vec<usize> = adv.iter().map(|a| a.text.len()).collect();
    lens.sort_unstable();
    lens.dedup();
    for len in lens {
        run(c, &format!("prose_{len}"), &inputs::prose(len));
    }
    for a in &adv {
        run(c, a.name, &a.text);
    }
}

criterion_group! {
    name = benches;
    // Short windows: 2 shared cores, ~30 benchmarks; ratios come from medians of 20 samples.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(800))
        .measurement_time(Duration::from_secs(3));
    targets = throughput
}
// Not `criterion_main!`: `cargo test --all-targets` (make test) also runs bench targets, once, in
// test mode and unoptimised; with megabytes of input that is slow and measures nothing, so the
// benchmarks run only under `cargo bench`, which passes `--bench`.
fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("throughput: not run outside `cargo bench` (make bench)");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
