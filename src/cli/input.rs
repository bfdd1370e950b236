//! Reading one input: open it, sniff its encoding and kind, refuse binary data, then hand the
//! text to the streaming extractor, the HTML reducer or the table reader.

use super::args::InputKind;
use super::decode::{sniff, Decoder, Encoding, Utf8Reader};
use super::diag::Diag;
use super::stream::{extract_stream, Chunking, ReadSource};
use super::tabular::{extract_table, Rows, TableSpec};
use super::walk::{Input, Origin};
use super::{Found, SAMPLE};
use ioclens::{Extractor, Kind, Match};
use std::collections::HashSet;
use std::io::{self, BufReader, ErrorKind, Read};
use std::path::Path;
use std::sync::Arc;

/// How much of the start is examined for a byte-order mark, NUL bytes and HTML markup.
const HEAD: usize = 8 << 10;

/// Everything that is the same for every input of a run.
pub struct Reading<'a> {
    pub ex: &'a Extractor,
    pub kind: InputKind,
    pub chunking: Chunking,
    pub table: Option<TableSpec>,
    /// Prefix row ids with the input's label (several tabular inputs).
    pub prefix_ids: bool,
    /// Keep only the first match of each type + value (+ source).
    pub dedupe: bool,
    pub diag: &'a Diag,
}

/// Why an input gave no result.
#[derive(Debug)]
pub enum InputError {
    /// Could not be opened or read.
    Failed(String),
    /// Looks like binary data (NUL bytes and no UTF-16 byte-order mark).
    Binary(String),
}

pub fn read_input(input: &Input, r: &Reading) -> Result<Vec<Found>, InputError> {
    let label = input.label.as_str();
    let failed = |e: io::Error| InputError::Failed(format!("{label}: {e}"));
    let mut reader: Box<dyn Read> = match &input.origin {
        Origin::Stdin => Box::new(io::stdin()),
        Origin::Sample => Box::new(SAMPLE.as_bytes()),
        Origin::File(p) => Box::new(std::fs::File::open(p).map_err(failed)?),
    };
    let mut head = read_head(&mut reader).map_err(failed)?;
    let (enc, bom) = sniff(&head);
    head.drain(..bom);
    if enc == Encoding::Utf8 && head.contains(&0) {
        return Err(InputError::Binary(format!(
            "{label}: binary data (NUL bytes in the first {} KiB), not read; \
             extract strings first (e.g. `strings FILE | ioclens`)",
            HEAD >> 10
        )));
    }
    // Files name themselves; stdin only needs a name next to other inputs.
    let source: Option<Arc<str>> = match input.origin {
        Origin::File(_) => Some(label.into()),
        Origin::Stdin if r.prefix_ids => Some(label.into()),
        _ => None,
    };
    let decoder = Decoder::new(enc);
    let mut sink = Sink::new(r.dedupe);
    let invalid = if let Some(spec) = &r.table {
        let mut text = BufReader::new(Utf8Reader::new(reader, decoder, head));
        let prefix = if r.prefix_ids {
            format!("{label}:")
        } else {
            String::new()
        };
        let rows = Rows {
            ex: r.ex,
            prefix: &prefix,
            label,
            diag: r.diag,
        };
        extract_table(spec, &mut text, &rows, &mut sink).map_err(InputError::Failed)?;
        text.get_ref().invalid()
    } else if is_html(r.kind, &input.origin, &head) {
        let mut text = Utf8Reader::new(reader, decoder, head);
        let mut html = String::new();
        text.read_to_string(&mut html).map_err(failed)?;
        let visible = super::html::visible_text(&html);
        for m in r.ex.extract(&visible) {
            sink.push(m, &source);
        }
        text.invalid()
    } else {
        let mut src = ReadSource::new(reader, decoder, head);
        extract_stream(r.ex, &mut src, r.chunking, &mut |m| sink.push(m, &source))
            .map_err(failed)?;
        src.invalid()
    };
    warn_invalid(r.diag, label, invalid);
    Ok(sink.found)
}

/// Type, value and source of a match.
type SeenKey = (Kind, String, Option<Arc<str>>);

/// Collects one input's matches. With deduplication on (the default), only the first match
/// of each type + value + source is kept, so memory grows with the distinct IOCs, not with
/// the input (a log repeating one address a million times). The export dedupes across inputs
/// the same way, so the output is what deduplicating everything at the end would give, and
/// per-source formats (a STIX report per file) still see every file's IOCs.
pub struct Sink {
    seen: Option<HashSet<SeenKey>>,
    pub found: Vec<Found>,
}

impl Sink {
    pub fn new(dedupe: bool) -> Self {
        Sink {
            seen: dedupe.then(HashSet::new),
            found: Vec::new(),
        }
    }

    pub fn push(&mut self, m: Match, source: &Option<Arc<str>>) {
        if let Some(seen) = &mut self.seen {
            if !seen.insert((m.kind.clone(), m.value.clone(), source.clone())) {
                return;
            }
        }
        self.found.push(Found {
            m,
            source: source.clone(),
        });
    }
}

fn warn_invalid(diag: &Diag, label: &str, invalid: u64) {
    if invalid > 0 {
        diag.warn(format_args!(
            "{label}: {invalid} invalid byte(s) replaced with U+FFFD (input is not valid UTF-8)"
        ));
    }
}

fn read_head(r: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut head = vec![0; HEAD];
    let mut n = 0;
    while n < HEAD {
        match r.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(n);
    Ok(head)
}

fn is_html(kind: InputKind, origin: &Origin, head: &[u8]) -> bool {
    match kind {
        InputKind::Html => true,
        InputKind::Text => false,
        InputKind::Auto => {
            if let Origin::File(p) = origin {
                if has_html_extension(p) {
                    return true;
                }
            }
            looks_like_html(head)
        }
    }
}

fn has_html_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}

/// Markup at the very start (after whitespace and comments) that only HTML documents begin
/// with. Text that merely mentions `<html>` later is not HTML.
fn looks_like_html(head: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let mut s = start.trim_start();
    while let Some(rest) = s.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(i) => s = rest[i + 3..].trim_start(),
            None => return false,
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| s.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_sniffing() {
        for (head, want) in [
            ("<!DOCTYPE html><p>x", true),
            ("  \n<html lang=en>", true),
            ("<!-- saved --> <HTML>", true),
            ("<body>evil.com", true),
            ("The page had <html> tags", false),
            ("<?xml version='1.0'?><a/>", false),
            ("<!-- unterminated", false),
            ("", false),
        ] {
            assert_eq!(looks_like_html(head.as_bytes()), want, "{head:?}");
        }
        assert!(has_html_extension(Path::new("a/Report.HTM")));
        assert!(!has_html_extension(Path::new("a/report.txt")));
    }
}
