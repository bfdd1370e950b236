//! Messages on stderr, shared by the worker threads. Errors are remembered for the exit code
//! (2 at the end, after every other input was read). Writing to a closed stderr is ignored
//! rather than panicking like `eprintln!`.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

#[derive(Default)]
pub struct Diag {
    quiet: bool,
    failed: AtomicBool,
    bar: OnceLock<ProgressBar>,
}

impl Diag {
    pub fn new(quiet: bool) -> Self {
        Diag {
            quiet,
            ..Diag::default()
        }
    }

    /// An error: reported, and the run will exit with 2.
    pub fn error(&self, msg: impl std::fmt::Display) {
        self.failed.store(true, Ordering::Relaxed);
        self.print(&format!("ioclens: {msg}"));
    }

    /// A warning (the input was still read): not shown with --quiet.
    pub fn warn(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            self.print(&format!("ioclens: warning: {msg}"));
        }
    }

    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    fn print(&self, line: &str) {
        let write = || {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        };
        match self.bar.get() {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// A progress bar over `len` inputs, drawn only when stderr is a terminal (so pipes and
    /// logs stay clean).
    pub fn progress(&self, len: u64) -> Option<&ProgressBar> {
        if self.quiet || len < 2 || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::new(len).with_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(self.bar.get_or_init(|| bar))
    }

    pub fn finish_progress(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
