//! Turns the command line's paths into the list of inputs: `-` is stdin, files are read as
//! given, folders are walked recursively (sorted, `--glob` filtered). Symbolic links are
//! followed, but a folder is never entered twice, so a link loop ends the descent with a
//! warning instead of recursing forever. Special files (FIFOs, sockets, devices) met inside a
//! folder are skipped: reading one can block forever.

use super::diag::Diag;
use super::glob::Globs;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Where an input's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Stdin,
    File(PathBuf),
    /// The bundled sample report.
    Sample,
}

/// One input to read.
#[derive(Clone, Debug)]
pub struct Input {
    pub origin: Origin,
    /// How messages and the `source` field name it.
    pub label: String,
    /// Named on the command line (a binary file there is an error; inside a folder it is only
    /// skipped with a warning).
    pub explicit: bool,
}

impl Input {
    pub fn stdin() -> Self {
        Input {
            origin: Origin::Stdin,
            label: "stdin".into(),
            explicit: true,
        }
    }
}

/// Paths the run writes to; never read back as input.
pub struct Exclude(Vec<PathBuf>);

impl Exclude {
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Exclude(
            paths
                .into_iter()
                .filter_map(|p| fs::canonicalize(p).ok())
                .collect(),
        )
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn contains(&self, canon: &Path) -> bool {
        self.0.iter().any(|e| canon.starts_with(e))
    }
}

pub fn expand(paths: &[PathBuf], globs: &Globs, exclude: &Exclude, diag: &Diag) -> Vec<Input> {
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::stdin());
            continue;
        }
        match fs::metadata(p) {
            Err(e) => diag.error(format_args!("{}: {e}", p.display())),
            Ok(m) if m.is_dir() => walk(p, globs, exclude, diag, &mut visited, &mut out),
            Ok(_) => out.push(Input {
                origin: Origin::File(p.clone()),
                label: p.display().to_string(),
                explicit: true,
            }),
        }
    }
    out
}

fn walk(
    root: &Path,
    globs: &Globs,
    exclude: &Exclude,
    diag: &Diag,
    visited: &mut HashSet<PathBuf>,
    out: &mut Vec<Input>,
) {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let canon = match fs::canonicalize(&dir) {
            Ok(c) => c,
            Err(e) => {
                diag.error(format_args!("{}: {e}", dir.display()));
                continue;
            }
        };
        if exclude.contains(&canon) {
            continue;
        }
        if !visited.insert(canon.clone()) {
            // Entered before: through a link loop (the target is an ancestor) or a second
            // link to the same folder; either way its files are already listed.
            if dir
                .ancestors()
                .skip(1)
                .any(|a| fs::canonicalize(a).is_ok_and(|ca| ca == canon))
            {
                diag.warn(format_args!(
                    "{}: symbolic link loop, not followed",
                    dir.display()
                ));
            }
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                diag.error(format_args!("{}: {e}", dir.display()));
                continue;
            }
        };
        let mut names: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        names.sort_by_key(|e| e.file_name());
        for entry in names.into_iter().rev() {
            let path = entry.path();
            // file_type() does not follow links; metadata() does.
            let Ok(ft) = entry.file_type() else { continue };
            let ft = if ft.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) => m.file_type(),
                    Err(e) => {
                        diag.error(format_args!("{}: {e}", path.display()));
                        continue;
                    }
                }
            } else {
                ft
            };
            if ft.is_dir() {
                dirs.push(path);
            } else if ft.is_file() {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let excluded = !exclude.is_empty()
                    && fs::canonicalize(&path).is_ok_and(|c| exclude.contains(&c));
                if globs.accepts(&rel) && !excluded {
                    files.push(path);
                }
            } else {
                diag.warn(format_args!(
                    "{}: not a regular file, skipped",
                    path.display()
                ));
            }
        }
    }
    files.sort();
    out.extend(files.into_iter().map(|f| Input {
        label: f.display().to_string(),
        origin: Origin::File(f),
        explicit: false,
    }));
}
