//! CSV as RFC 4180 writes it: CRLF line ends, a header row, and a field quoted (with inner
//! quotes doubled) exactly when it holds a comma, a quote, CR or LF. Everything else is written
//! as is, so Windows paths, Unicode and apostrophes need no escaping.
//!
//! No spreadsheet-formula guard (a leading `'` on `=…`): it would change values, and IOC values
//! must survive the trip into other tools unchanged.

use super::Row;

/// The columns, in order.
pub(super) const HEADER: [&str; 8] = [
    "type", "value", "raw", "start", "end", "defanged", "flags", "source",
];

fn field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

/// `type,value,raw,start,end,defanged,flags,source`; flags joined with `;`, source empty when
/// unknown.
pub(super) fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    row(&mut out, HEADER);
    for r in rows {
        let (start, end) = (r.m.start.to_string(), r.m.end.to_string());
        let flags = r.m.flags.names().collect::<Vec<_>>().join(";");
        row(
            &mut out,
            [
                r.m.kind.as_str(),
                &r.value,
                &r.m.raw,
                &start,
                &end,
                if r.m.defanged { "true" } else { "false" },
                &flags,
                r.source.unwrap_or(""),
            ],
        );
    }
    out
}
