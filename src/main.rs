//! `ioclens`: extract IOCs from files or stdin.
//!
//! The full CLI (formats, folders, streaming) lives in `src/cli/`; this entry point only hands
//! over to it, so the library stays free of I/O.

fn main() {
    std::process::exit(ioclens_cli::run());
}

#[path = "cli/mod.rs"]
mod ioclens_cli;
