//! Output: every format is rendered by the core's exports module (`ioclens::export`), the same
//! code behind the extension's and web page's downloads; this file only decides where the
//! text goes (stdout, `-o FILE`, `--split-dir DIR`) and makes text formats safe to display.

use super::args::{Args, Format};
use super::diag::Diag;
use super::Found;
use ioclens::export::{export, split_by_type, ExportOptions, Item};
use ioclens::{Flags, IocType, Kind};
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::Path;

/// Renders and writes the results; returns whether any IOC was output (for the exit code).
pub fn emit(
    args: &Args,
    found: &[Found],
    source: Option<&str>,
    timestamp: &str,
    diag: &Diag,
) -> Result<bool, String> {
    let opts = ExportOptions {
        source: source.map(str::to_string),
        timestamp: timestamp.to_string(),
        include_allowlisted: args.show_allowlisted,
        defanged: args.defang,
        dedupe: !args.no_dedupe,
    };
    let any = found
        .iter()
        .any(|f| args.show_allowlisted || !f.m.flags.contains(Flags::ALLOWLISTED));
    if let Some(dir) = &args.split_dir {
        write_split_dir(dir, found, &opts)?;
    }
    if args.split_dir.is_none() || args.output.is_some() {
        let text = render(found, args.format, &opts)?;
        match &args.output {
            Some(path) => {
                fs::write(path, text).map_err(|e| format!("-o {}: {e}", path.display()))?
            }
            None => {
                if let Err(e) = write_stdout(text.as_bytes()) {
                    diag.error(format_args!("stdout: {e}"));
                }
            }
        }
    }
    Ok(any)
}

fn render(found: &[Found], format: Format, opts: &ExportOptions) -> Result<String, String> {
    let shown = displayable(found, format.is_display_text());
    let items = items(&shown);
    export(&items, format.export(), opts).map_err(|e| e.to_string())
}

fn items(found: &[Found]) -> Vec<Item<'_>> {
    found
        .iter()
        .map(|f| Item {
            m: &f.m,
            source: f.source.as_deref(),
        })
        .collect()
}

/// For text read on a terminal, matches whose value or raw text hides characters get them
/// escaped (see [`is_hidden`]); others are passed through untouched (no copy when none does).
fn displayable(found: &[Found], display: bool) -> std::borrow::Cow<'_, [Found]> {
    let hides =
        |f: &Found| needs_escape(&f.m.kind, &f.m.value) || needs_escape(&f.m.kind, &f.m.raw);
    if !display || !found.iter().any(hides) {
        return std::borrow::Cow::Borrowed(found);
    }
    std::borrow::Cow::Owned(
        found
            .iter()
            .map(|f| {
                let mut f = f.clone();
                f.m.value = escape(&f.m.kind, &f.m.value);
                f.m.raw = escape(&f.m.kind, &f.m.raw);
                f
            })
            .collect(),
    )
}

/// Characters that change how the rest of a line looks without being visible: C0/C1 controls
/// (a terminal acts on ESC), bidi overrides and isolates (`invoice\u{202e}fdp.exe` displays as
/// `invoiceexe.pdf`), zero-width and invisible formatting characters.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}')
}

/// Line structure is part of a YARA rule's value (`yara.txt` stays a valid rule file).
fn structural(kind: &Kind, c: char) -> bool {
    *kind == IocType::Yara && matches!(c, '\n' | '\r' | '\t')
}

fn needs_escape(kind: &Kind, s: &str) -> bool {
    s.chars().any(|c| is_hidden(c) && !structural(kind, c))
}

/// `s` with every hidden character written as `\u{hex}`.
pub fn escape(kind: &Kind, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) && !structural(kind, c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes to stdout. A reader that went away (`ioclens big.txt | head`) is not an error: the
/// rest of the output is dropped quietly, as `cat` and `grep` do.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `DIR/TYPE.txt` for each type found plus `DIR/summary.json`. Only those names are written,
/// never through a symbolic link (a planted `DIR/url.txt -> ~/.bashrc` is refused), and type
/// names are file-name safe (built-in names, or custom names checked in `config`).
fn write_split_dir(dir: &Path, found: &[Found], opts: &ExportOptions) -> Result<(), String> {
    let err = |p: &Path, e: io::Error| format!("--split-dir {}: {e}", p.display());
    fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    let shown = displayable(found, true);
    for (kind, text) in split_by_type(&items(&shown), opts) {
        let path = dir.join(format!("{kind}.txt"));
        safe_write(&path, text.as_bytes()).map_err(|e| err(&path, e))?;
    }
    let path = dir.join("summary.json");
    let summary =
        export(&items(found), ioclens::export::Format::Summary, opts).map_err(|e| e.to_string())?;
    safe_write(&path, summary.as_bytes()).map_err(|e| err(&path, e))
}

/// Writes `bytes` to `path` without ever writing through a link planted there. A symbolic link
/// found at `path` is refused (the error the user sees). Checking and then writing would still
/// follow a link planted between the two (`fs::write` follows links), so the bytes go to a new
/// file created beside `path` (`create_new`: it fails on anything already there, link or not),
/// which is then renamed over `path`: a rename replaces the directory entry itself, whatever it
/// is (a link planted late, a hard link to another file), and never follows it.
fn safe_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let existing = fs::symlink_metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|m| m.file_type().is_symlink())
    {
        return Err(io::Error::new(
            ErrorKind::PermissionDenied,
            "is a symbolic link; refusing to write through it",
        ));
    }
    let (tmp, mut file) = create_beside(path)?;
    let written = file.write_all(bytes).and_then(|()| {
        // A file being replaced keeps its permission bits (as `fs::write` would have kept them).
        match existing.filter(|m| m.is_file()) {
            Some(m) => file.set_permissions(m.permissions()),
            None => Ok(()),
        }
    });
    drop(file);
    let renamed = written.and_then(|()| fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    renamed
}

/// A new, empty file in `path`'s directory, named after it (`.url.txt.ioclens-PID-N.tmp`).
fn create_beside(path: &Path) -> io::Result<(std::path::PathBuf, fs::File)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.ioclens-{}-{n}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            // Left over from a run killed mid-write with the same process id: try the next name.
            Err(e) if e.kind() == ErrorKind::AlreadyExists && n < 100 => n += 1,
            other => return other.map(|f| (tmp, f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_others_kept() {
        for (raw, want) in [
            ("invoice\u{202e}fdp.exe", "invoice\\u{202e}fdp.exe"),
            ("ev\u{200b}il.com", "ev\\u{200b}il.com"),
            ("a\u{1b}[31mred", "a\\u{1b}[31mred"),
            ("tab\there", "tab\\u{9}here"),
            ("C:\\Users\\x.exe", "C:\\Users\\x.exe"),
            ("bücher.de", "bücher.de"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
        ] {
            let kind = Kind::Builtin(IocType::Filename);
            assert_eq!(escape(&kind, raw), want);
            assert_eq!(needs_escape(&kind, raw), raw != want);
        }
    }

    #[test]
    fn yara_rules_keep_their_lines() {
        let rule = "rule x {\n\tstrings: $a = \"\u{202e}\"\n}";
        let yara = Kind::Builtin(IocType::Yara);
        assert_eq!(
            escape(&yara, rule),
            "rule x {\n\tstrings: $a = \"\\u{202e}\"\n}"
        );
    }
}
