//! A Markdown report: a metadata list and a GitHub-flavoured table.
//!
//! Every value goes into a code span, so nothing in it is read as Markdown (`*`, `_`, `\` in
//! Windows paths, `<tags>`): the fence is one backtick longer than the longest backtick run in
//! the value, padded with a space where CommonMark would otherwise eat or merge characters; `|`
//! is escaped as `\|` (GFM splits cells before parsing code spans). A multi-line value becomes
//! one code span per line joined by `<br>`, since a table row cannot span lines.

use super::{Meta, Row};

fn code_line(out: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    let (mut longest, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let spaces_around = s.starts_with(' ') && s.ends_with(' ') && !s.trim().is_empty();
    let pad = if s.starts_with('`') || s.ends_with('`') || spaces_around {
        " "
    } else {
        ""
    };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(&s.replace('|', "\\|"));
    out.push_str(pad);
    out.push_str(&fence);
}

/// `s` as code spans, one per line, joined by `<br>`.
pub(super) fn code(out: &mut String, s: &str) {
    let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in normalised.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        code_line(out, line);
    }
}

/// `# IOC Lens export`, the metadata, and `| Type | Value | Flags |` (plus `Source` when the
/// matches come from several sources).
pub(super) fn report(rows: &[Row], meta: &Meta) -> String {
    let mut out = String::from("# IOC Lens export\n\n");
    if let Some(s) = meta.source {
        out.push_str("- Source: ");
        code(&mut out, s);
        out.push('\n');
    }
    out.push_str(&format!(
        "- Extracted: {}\n- Tool: ioclens {}\n- Indicators: {}\n\n",
        meta.time.rfc3339(),
        crate::VERSION,
        rows.len()
    ));
    if rows.is_empty() {
        out.push_str("No indicators found.\n");
        return out;
    }
    let per_match_source = rows.iter().any(|r| r.source != meta.source);
    out.push_str(if per_match_source {
        "| Type | Value | Flags | Source |\n| --- | --- | --- | --- |\n"
    } else {
        "| Type | Value | Flags |\n| --- | --- | --- |\n"
    });
    for r in rows {
        out.push_str("| ");
        match r.m.kind.builtin() {
            Some(t) => out.push_str(t.as_str()),
            None => code(&mut out, r.m.kind.as_str()),
        }
        out.push_str(" | ");
        code(&mut out, &r.value);
        out.push_str(" | ");
        out.push_str(&r.m.flags.names().collect::<Vec<_>>().join(", "));
        if per_match_source {
            out.push_str(" | ");
            code(&mut out, r.source.unwrap_or(""));
        }
        out.push_str(" |\n");
    }
    out
}
