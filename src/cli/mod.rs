//! Command-line front end: arguments → extractor → inputs (stdin, files, folders, tables) →
//! one export. Each step lives in its own file; this one wires them and owns the exit code
//! (0 IOCs found, 1 none, 2 any error — like grep).

mod args;
mod clock;
mod config;
mod decode;
mod diag;
mod glob;
mod html;
mod input;
mod output;
mod stream;
mod tabular;
mod walk;

use args::Args;
use clap::{CommandFactory, Parser};
use diag::Diag;
use input::{read_input, InputError, Reading};
use ioclens::Match;
use rayon::prelude::*;
use std::sync::Arc;
use walk::{Input, Origin};

/// The sample report bundled into the binary so `ioclens --sample` shows the product working.
pub const SAMPLE: &str = include_str!("../../tests/fixtures/sample-report.txt");

/// One IOC and the input (file, or table row) it came from.
#[derive(Clone, Debug)]
pub struct Found {
    pub m: Match,
    pub source: Option<Arc<str>>,
}

pub fn run() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            // --help and --version are "errors" printed on stdout with success.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let diag = Diag::new(args.quiet);
    if let Some(shell) = args.completions {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Args::command(), "ioclens", &mut script);
        return match output::write_stdout(&script) {
            Ok(()) => 0,
            Err(e) => {
                diag.error(format_args!("stdout: {e}"));
                2
            }
        };
    }
    match run_with(&args, &diag) {
        Ok(found_any) if !diag.failed() => {
            if found_any {
                0
            } else {
                1
            }
        }
        Ok(_) => 2,
        Err(msg) => {
            diag.error(msg);
            2
        }
    }
}

/// The whole run; `Err` is a fatal setup error, per-input errors go to `diag`. Returns whether
/// any IOC was output.
fn run_with(args: &Args, diag: &Diag) -> Result<bool, String> {
    let cfg = config::Config::from_args(args)?;
    let inputs = if args.sample {
        vec![Input {
            origin: Origin::Sample,
            label: "sample-report.txt".into(),
            explicit: true,
        }]
    } else if args.paths.is_empty() {
        vec![Input::stdin()]
    } else {
        let exclude = walk::Exclude::new(args.output.iter().chain(&args.split_dir).cloned());
        walk::expand(&args.paths, &cfg.globs, &exclude, diag)
    };
    if inputs.is_empty() {
        if !diag.failed() {
            diag.warn("no input files (empty folder, or nothing matched --glob)");
        }
        return Ok(false);
    }
    config::check_output_is_not_input(args, &inputs)?;
    let reading = Reading {
        ex: &cfg.extractor,
        kind: args.input,
        chunking: cfg.chunking,
        table: cfg.table.clone(),
        prefix_ids: inputs.len() > 1,
        dedupe: !args.no_dedupe,
        diag,
    };
    let found = read_all(&inputs, &reading, args.threads, diag)?;
    // The run's source: --source, else the one input's name, else the paths as given (each
    // IOC then carries its own file as source). Stdin has no name worth writing.
    let source = args.source.clone().or_else(|| match &inputs[..] {
        [one] if one.origin == Origin::Stdin => None,
        [one] => Some(one.label.clone()),
        _ => Some(
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
        ),
    });
    output::emit(args, &found, source.as_deref(), &clock::now_rfc3339(), diag)
}

/// Reads every input (in parallel when there are several) and concatenates the results in
/// input order, so the output does not depend on thread timing.
fn read_all(
    inputs: &[Input],
    reading: &Reading,
    threads: Option<usize>,
    diag: &Diag,
) -> Result<Vec<Found>, String> {
    let one = |input: &Input| match read_input(input, reading) {
        Ok(found) => found,
        Err(InputError::Failed(msg)) => {
            diag.error(msg);
            Vec::new()
        }
        Err(InputError::Binary(msg)) if input.explicit => {
            diag.error(msg);
            Vec::new()
        }
        Err(InputError::Binary(msg)) => {
            diag.warn(msg);
            Vec::new()
        }
    };
    if inputs.len() == 1 {
        return Ok(one(&inputs[0]));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let bar = diag.progress(inputs.len() as u64);
    let results: Vec<Vec<Found>> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let found = one(input);
                if let Some(bar) = bar {
                    bar.inc(1);
                }
                found
            })
            .collect()
    });
    diag.finish_progress();
    Ok(results.into_iter().flatten().collect())
}
