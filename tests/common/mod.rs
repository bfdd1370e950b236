//! Spec-table helpers shared by the integration tests.
#![allow(dead_code)]

use ioclens::{Extractor, Flags, TypeSet};

/// Renders the matches inline: every match's span replaced by `|type:value|`; a `nested` match
/// (a hash inside a URL or path) follows its parent as `{type:value}`.
pub fn render(ex: &Extractor, input: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    let mut parent_start = 0;
    for m in ex.extract(input) {
        assert_eq!(
            m.raw,
            &input[m.start..m.end],
            "raw must equal the input span"
        );
        if m.flags.contains(Flags::NESTED) {
            assert!(
                m.start >= parent_start && m.end <= at,
                "a nested match lies inside the match before it: {m:?}"
            );
            out.push_str(&format!("{{{}:{}}}", m.kind, m.value));
            continue;
        }
        parent_start = m.start;
        out.push_str(&input[at..m.start]);
        out.push_str(&format!("|{}:{}|", m.kind, m.value));
        at = m.end;
    }
    out.push_str(&input[at..]);
    out
}

/// Extraction with every type on.
pub fn all() -> Extractor {
    Extractor::builder().types(TypeSet::all()).build()
}

/// `check(input, expected)`: the inline rendering with every type on must equal `expected`.
#[track_caller]
pub fn check(input: &str, expected: &str) {
    let got = render(&all(), input);
    assert_eq!(got, expected, "\n input: {input:?}");
}

/// Runs a whole table and reports every failing row at once.
#[track_caller]
pub fn check_table(rows: &[(&str, &str)]) {
    let ex = all();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|(i, e)| {
            let got = render(&ex, i);
            (got != *e)
                .then(|| format!("  input:    {i:?}\n  expected: {e:?}\n  got:      {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n\n")
    );
}
