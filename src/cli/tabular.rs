//! Tabular input, what msticpy users do with DataFrames: `--csv-column NAME` (repeatable) reads
//! those columns of each CSV row, `--jsonl-field NAME` those fields of each JSON Lines record.
//! Every IOC's `source` is the row's id: its 0-based data-row index (pandas' default index), or
//! the value of the `--row-id` column/field. Each cell is extracted on its own, so IOCs in
//! neighbouring cells never run together. Rows are read one at a time (memory bounded by the
//! longest row).

use super::diag::Diag;
use super::input::Sink;
use ioclens::Extractor;
use serde_json::Value;
use std::io::{self, BufRead};
use std::sync::Arc;

/// A CSV record or JSON line longer than this is an error (an unclosed quote would otherwise
/// swallow the rest of the file into one record).
const MAX_RECORD: usize = 64 << 20;

#[derive(Clone, Debug)]
pub enum Table {
    Csv(Vec<String>),
    Jsonl(Vec<String>),
}

/// What to read from a table and how rows are named.
#[derive(Clone, Debug)]
pub struct TableSpec {
    pub table: Table,
    pub row_id: Option<String>,
}

/// Where a table's rows go, and how they are named in messages and sources.
pub struct Rows<'a> {
    pub ex: &'a Extractor,
    /// Put before each row id (`path:` when several inputs are read, so ids stay unique).
    pub prefix: &'a str,
    pub label: &'a str,
    pub diag: &'a Diag,
}

/// Reads one table. Bad JSON lines are reported and skipped; a missing column is an error.
pub fn extract_table(
    spec: &TableSpec,
    reader: &mut dyn BufRead,
    rows: &Rows,
    sink: &mut Sink,
) -> Result<(), String> {
    let row_id = spec.row_id.as_deref();
    match &spec.table {
        Table::Csv(cols) => csv(cols, row_id, reader, rows, sink),
        Table::Jsonl(fields) => jsonl(fields, row_id, reader, rows, sink),
    }
}

fn push_matches(ex: &Extractor, text: &str, id: &Arc<str>, sink: &mut Sink) {
    let source = Some(id.clone());
    for m in ex.extract(text) {
        sink.push(m, &source);
    }
}

fn csv(
    cols: &[String],
    row_id: Option<&str>,
    reader: &mut dyn BufRead,
    ctx: &Rows,
    sink: &mut Sink,
) -> Result<(), String> {
    let Rows {
        ex, prefix, label, ..
    } = *ctx;
    let io_err = |e: io::Error| format!("{label}: {e}");
    let mut records = CsvReader::new(reader);
    let Some(header) = records.next_record().map_err(io_err)? else {
        return Ok(());
    };
    let find = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            format!(
                "{label}: no column {name:?} (columns: {})",
                header.join(", ")
            )
        })
    };
    let wanted: Vec<usize> = cols.iter().map(|c| find(c)).collect::<Result<_, _>>()?;
    let id_col = row_id.map(find).transpose()?;
    let mut index = 0usize;
    while let Some(row) = records.next_record().map_err(io_err)? {
        if row.len() == 1 && row[0].is_empty() {
            continue; // a blank line
        }
        let id = match id_col.and_then(|i| row.get(i)) {
            Some(v) => format!("{prefix}{v}"),
            None => format!("{prefix}{index}"),
        };
        let id: Arc<str> = id.into();
        for &c in &wanted {
            if let Some(cell) = row.get(c) {
                push_matches(ex, cell, &id, sink);
            }
        }
        index += 1;
    }
    Ok(())
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. The
/// delimiter is a comma, or a tab when the header line has tabs and no commas (TSV).
pub struct CsvReader<'a> {
    r: &'a mut dyn BufRead,
    line: String,
    delim: Option<char>,
}

impl<'a> CsvReader<'a> {
    pub fn new(r: &'a mut dyn BufRead) -> Self {
        CsvReader {
            r,
            line: String::new(),
            delim: None,
        }
    }

    pub fn next_record(&mut self) -> io::Result<Option<Vec<String>>> {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false; // inside a quoted field
        let mut size = 0;
        loop {
            self.line.clear();
            if self.r.read_line(&mut self.line)? == 0 {
                if quoted || !field.is_empty() || !fields.is_empty() {
                    fields.push(field);
                    return Ok(Some(fields));
                }
                return Ok(None);
            }
            size += self.line.len();
            if size > MAX_RECORD {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "CSV record longer than 64 MiB (unclosed quote?)",
                ));
            }
            let delim = *self.delim.get_or_insert_with(|| {
                if !self.line.contains(',') && self.line.contains('\t') {
                    '\t'
                } else {
                    ','
                }
            });
            let mut chars = self.line.chars().peekable();
            while let Some(c) = chars.next() {
                if quoted {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            field.push('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.push(c);
                    }
                } else if c == '"' && field.is_empty() {
                    quoted = true;
                } else if c == delim {
                    fields.push(std::mem::take(&mut field));
                } else if c == '\n' || (c == '\r' && chars.peek() == Some(&'\n')) {
                    // End of the record (the '\n' of "\r\n" is the last char of the line).
                } else {
                    field.push(c);
                }
            }
            if !quoted {
                fields.push(field);
                return Ok(Some(fields));
            }
        }
    }
}

fn jsonl(
    fields: &[String],
    row_id: Option<&str>,
    reader: &mut dyn BufRead,
    ctx: &Rows,
    sink: &mut Sink,
) -> Result<(), String> {
    let Rows {
        ex,
        prefix,
        label,
        diag,
    } = *ctx;
    let mut line = String::new();
    let mut index = 0usize;
    let mut line_no = 0usize;
    let mut seen = vec![false; fields.len()];
    loop {
        line.clear();
        let n = io::Read::take(&mut *reader, MAX_RECORD as u64)
            .read_line(&mut line)
            .map_err(|e| format!("{label}: {e}"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if n == MAX_RECORD && !line.ends_with('\n') {
            return Err(format!("{label}: line {line_no} is longer than 64 MiB"));
        }
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                diag.error(format_args!("{label}: line {line_no}: invalid JSON: {e}"));
                index += 1;
                continue;
            }
        };
        let id = match row_id.and_then(|f| lookup(&record, f)) {
            Some(Value::String(s)) => format!("{prefix}{s}"),
            Some(v) if !v.is_null() => format!("{prefix}{v}"),
            _ => format!("{prefix}{index}"),
        };
        let id: Arc<str> = id.into();
        for (i, f) in fields.iter().enumerate() {
            if let Some(v) = lookup(&record, f) {
                seen[i] = true;
                let mut texts = Vec::new();
                strings(v, &mut texts);
                for t in texts {
                    push_matches(ex, &t, &id, sink);
                }
            }
        }
        index += 1;
    }
    for (f, seen) in fields.iter().zip(seen) {
        if !seen && index > 0 {
            diag.warn(format_args!("{label}: no record has a field {f:?}"));
        }
    }
    Ok(())
}

/// `name`, or a dotted path into nested objects (`event.message`) when no key has that name.
fn lookup<'v>(v: &'v Value, name: &str) -> Option<&'v Value> {
    if let Some(x) = v.get(name) {
        return Some(x);
    }
    name.split('.').try_fold(v, |v, part| match v {
        Value::Array(a) => part.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => v.get(part),
    })
}

/// The text leaves of a JSON value: strings as they are, numbers as written; object members in
/// key order.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(_) | Value::Null => {}
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<Vec<String>> {
        let mut bytes = text.as_bytes();
        let mut r = CsvReader::new(&mut bytes);
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            out.push(rec);
        }
        out
    }

    #[test]
    fn csv_spec_table() {
        let table: &[(&str, &[&[&str]])] = &[
            ("a,b\n1,2\n", &[&["a", "b"], &["1", "2"]]),
            ("a,b\r\n1,2\r\n", &[&["a", "b"], &["1", "2"]]),
            ("a\n\"x,y\"\n", &[&["a"], &["x,y"]]),
            ("a\n\"say \"\"hi\"\"\"\n", &[&["a"], &["say \"hi\""]]),
            (
                "a,b\n\"line1\nline2\",z\n",
                &[&["a", "b"], &["line1\nline2", "z"]],
            ),
            ("a,b\n1,", &[&["a", "b"], &["1", ""]]),
            ("a\tb\n1\t2\n", &[&["a", "b"], &["1", "2"]]),
            ("a,b\n,\n", &[&["a", "b"], &["", ""]]),
        ];
        for (text, want) in table {
            let want: Vec<Vec<String>> = want
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect();
            assert_eq!(records(text), want, "{text:?}");
        }
    }

    #[test]
    fn json_lookup_of_plain_dotted_and_indexed_names() {
        let v: Value = serde_json::from_str(r#"{"a.b":1,"e":{"m":"x","l":["p","q"]}}"#).unwrap();
        assert_eq!(lookup(&v, "a.b"), Some(&Value::from(1)));
        assert_eq!(lookup(&v, "e.m"), Some(&Value::from("x")));
        assert_eq!(lookup(&v, "e.l.1"), Some(&Value::from("q")));
        assert_eq!(lookup(&v, "e.zz"), None);
        let mut s = Vec::new();
        strings(&v, &mut s);
        assert_eq!(s, ["1", "p", "q", "x"]); // object keys in sorted order
    }
}
