//! `ioclens`: extract IOCs from files or stdin.
//!
//! The full CLI (formats, folders, streaming) lives in `src/cli/`; this entry point only hands
//! over to it, so the library stays free of I/O.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(ioclens_cli::run());
}

/// `wasm-pack test` builds every target of the package for wasm32, this binary included; the
/// CLI needs a file system and threads, so there it is an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/mod.rs"]
mod ioclens_cli;
