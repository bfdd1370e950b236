//! Turns arguments into the run's configuration: the extractor (through the core's `Options`, the
//! same path the extension and web page use), the table spec, globs and chunk sizes. Every
//! problem here is fatal and names the offending argument.

use super::args::Args;
use super::glob::Globs;
use super::stream::Chunking;
use super::tabular::{Table, TableSpec};
use super::walk::{Input, Origin};
use ioclens::options::{CustomOption, Options, TypesOption};
use ioclens::Extractor;
use std::fs;
use std::path::{Path, PathBuf};

pub struct Config {
    pub extractor: Extractor,
    pub chunking: Chunking,
    pub table: Option<TableSpec>,
    pub globs: Globs,
}

impl Config {
    pub fn from_args(args: &Args) -> Result<Config, String> {
        let mut allowlist = String::new();
        for f in &args.allow {
            let text =
                fs::read_to_string(f).map_err(|e| format!("--allow {}: {e}", f.display()))?;
            allowlist.push_str(&text);
            allowlist.push('\n');
        }
        let mut warninglists = Vec::new();
        for p in &args.warninglist {
            for f in warninglist_files(p)? {
                let text = fs::read_to_string(&f)
                    .map_err(|e| format!("--warninglist {}: {e}", f.display()))?;
                warninglists.push(text);
            }
        }
        let custom = args
            .custom
            .iter()
            .map(|c| parse_custom(c))
            .collect::<Result<Vec<_>, _>>()?;
        let opts = Options {
            types: args.types.clone().map(TypesOption::List),
            allowlist,
            warninglists,
            custom,
            decode: Some(!args.no_decode),
            // The built-in allowlist (vendor article links) is on; see Options::builtin_allowlist.
            ..Options::default()
        };
        let extractor = opts.build().map_err(|e| e.to_string())?;
        let table = match (&args.csv_column[..], &args.jsonl_field[..]) {
            ([], []) => None,
            (cols, []) => Some(Table::Csv(cols.to_vec())),
            ([], fields) => Some(Table::Jsonl(fields.to_vec())),
            _ => return Err("--csv-column and --jsonl-field cannot be combined".into()),
        }
        .map(|table| TableSpec {
            table,
            row_id: args.row_id.clone(),
        });
        if table.is_none() && args.row_id.is_some() {
            return Err("--row-id needs --csv-column or --jsonl-field".into());
        }
        let to_usize = |v: u64| usize::try_from(v).unwrap_or(usize::MAX / 16);
        Ok(Config {
            extractor,
            chunking: Chunking {
                chunk: to_usize(args.chunk_size),
                overlap: to_usize(args.chunk_overlap),
            },
            table,
            globs: Globs::new(&args.glob)?,
        })
    }
}

/// `NAME=REGEX`. Names are restricted to a file-name-safe alphabet because `--split-dir` writes
/// `NAME.txt`: a name can never point outside that folder.
fn parse_custom(spec: &str) -> Result<CustomOption, String> {
    let Some((name, pattern)) = spec.split_once('=') else {
        return Err(format!("--custom {spec:?}: expected NAME=REGEX"));
    };
    let name = name.trim();
    let safe = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !safe {
        return Err(format!(
            "--custom {spec:?}: the name may only use letters, digits, '_', '-' and '.' \
             (and not start with '.')"
        ));
    }
    Ok(CustomOption {
        name: name.to_string(),
        pattern: pattern.to_string(),
        priority: 1,
    })
}

/// A `list.json` file, or every `list.json` below a folder (the layout of the MISP
/// warninglists repository: `lists/NAME/list.json`), sorted.
fn warninglist_files(p: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = fs::metadata(p).map_err(|e| format!("--warninglist {}: {e}", p.display()))?;
    if !meta.is_dir() {
        return Ok(vec![p.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut dirs = vec![p.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let rd = fs::read_dir(&d).map_err(|e| format!("--warninglist {}: {e}", d.display()))?;
        for entry in rd.filter_map(|e| e.ok()) {
            // Not following links: the warninglists tree has none, and this avoids loops.
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                dirs.push(entry.path());
            } else if ft.is_file() && entry.file_name() == "list.json" {
                found.push(entry.path());
            }
        }
    }
    if found.is_empty() {
        return Err(format!(
            "--warninglist {}: no list.json file in this folder",
            p.display()
        ));
    }
    found.sort();
    Ok(found)
}

/// Writing the output over an input would destroy it (the output is written after reading).
pub fn check_output_is_not_input(args: &Args, inputs: &[Input]) -> Result<(), String> {
    let Some(out) = args.output.as_ref().and_then(|o| fs::canonicalize(o).ok()) else {
        return Ok(());
    };
    for i in inputs {
        if let Origin::File(p) = &i.origin {
            if fs::canonicalize(p).is_ok_and(|c| c == out) {
                return Err(format!(
                    "-o {}: is also an input; refusing to overwrite it",
                    args.output
                        .as_ref()
                        .map(|o| o.display().to_string())
                        .unwrap_or_default()
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_custom;

    #[test]
    fn custom_names_are_file_name_safe() {
        let ok = parse_custom("ticket=TICKET-[0-9]+=x").unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.pattern.as_str()),
            ("ticket", "TICKET-[0-9]+=x")
        );
        for bad in ["../x=a", "a/b=a", ".hidden=a", "=a", "noequals", "a b=c"] {
            assert!(parse_custom(bad).is_err(), "{bad}");
        }
    }
}
