//! Every export format over the matches of the fuzz text, with random extraction and export
//! options: never fails or panics, the JSON formats parse, and json/jsonl read back as the
//! records that were written.
#![no_main]

use ioclens::export::{export, ExportOptions, Format, Item, Record};
use ioclens_fuzz::options_and_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((ex, text)) = options_and_text(data) else {
        return;
    };
    let flags = data[3];
    let ms = ex.extract(&text);
    // A hostile source string (quotes, newlines, markup) comes from the text itself.
    let source = (flags & 0x80 != 0).then(|| text.chars().take(40).collect::<String>());
    let opts = ExportOptions {
        source,
        include_allowlisted: flags & 0x10 != 0,
        defanged: flags & 0x20 != 0,
        dedupe: flags & 0x40 != 0,
        ..ExportOptions::new("2026-03-14T09:26:53Z")
    };
    let items = Item::all(&ms, None);
    for f in Format::ALL {
        let out = export(&items, *f, &opts).unwrap_or_else(|e| panic!("{f}: {e}"));
        match f {
            Format::Json => {
                let back: Vec<Record> = serde_json::from_str(&out).expect("json parses");
                check_records(&back, &ms, &opts);
            }
            Format::Jsonl => {
                let back: Vec<Record> = out
                    .lines()
                    .map(|l| serde_json::from_str(l).expect("a jsonl line parses"))
                    .collect();
                check_records(&back, &ms, &opts);
            }
            Format::Stix | Format::Misp | Format::Summary => {
                serde_json::from_str::<serde_json::Value>(&out).expect("json parses");
            }
            _ => {}
        }
    }
});

/// With nothing filtered or rewritten, the records are the matches, field for field.
fn check_records(back: &[Record], ms: &[ioclens::Match], opts: &ExportOptions) {
    let kept = ms
        .iter()
        .filter(|m| opts.include_allowlisted || !m.flags.contains(ioclens::Flags::ALLOWLISTED))
        .count();
    if !opts.dedupe {
        assert_eq!(back.len(), kept, "one record per kept match");
    }
    if opts.include_allowlisted && !opts.dedupe && !opts.defanged {
        for (r, m) in back.iter().zip(ms) {
            assert_eq!(&r.m, m, "record read back differs");
            assert_eq!(r.source, opts.source, "source");
        }
    }
}
