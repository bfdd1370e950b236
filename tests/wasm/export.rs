//! The exports compiled to wasm, fed the way the extension and the page feed them: match objects
//! as JS sees them (with `start16`/`end16` and an optional `source`), read through the engine's
//! `JSON.stringify` and serde_json into `export::Record` exactly as `exportMatches` does. The
//! output must be byte-identical to the native golden files, which is the point of exporting in
//! the core.
#![cfg(target_arch = "wasm32")]

use ioclens::export::{export, ExportOptions, Format, Item, Record};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

/// A JS value read as `exportMatches` reads it.
fn from_js<T: serde::de::DeserializeOwned>(v: JsValue) -> Result<T, serde_json::Error> {
    let json = js_sys::JSON::stringify(&v).expect("stringifies");
    serde_json::from_str(&String::from(json))
}

fn records(v: JsValue) -> Vec<Record> {
    from_js(v).expect("records deserialise")
}

#[wasm_bindgen_test]
fn wasm_exports_equal_the_native_goldens() {
    let recs = records(js(include_str!("../golden/sample-report.matches.json")));
    let items: Vec<Item> = recs.iter().map(Record::item).collect();
    let opts: ExportOptions = from_js(js(
        r#"{"source":"https://intel.example.org/reports/paper-lantern","timestamp":"2026-03-14T09:26:53Z"}"#,
    ))
    .unwrap();
    let goldens = [
        (Format::Json, include_str!("../golden/sample.json")),
        (Format::Csv, include_str!("../golden/sample.csv")),
        (
            Format::Defanged,
            include_str!("../golden/sample.defanged.txt"),
        ),
        (
            Format::Summary,
            include_str!("../golden/sample.summary.json"),
        ),
        (Format::Stix, include_str!("../golden/sample.stix.json")),
        (Format::Misp, include_str!("../golden/sample.misp.json")),
    ];
    for (f, want) in goldens {
        assert_eq!(
            export(&items, f, &opts).unwrap(),
            want,
            "{f} differs in wasm"
        );
    }
}

#[wasm_bindgen_test]
fn js_match_objects_keep_extra_fields_out_and_source_in() {
    let v = js(
        r#"[{"type":"url","value":"https://evil.com/gate","raw":"hxxps[://]evil[.]com/gate","start":12,"end":37,"defanged":true,"flags":["no_scheme"],"start16":10,"end16":35,"source":"tab 1"},
                 {"type":"ticket","value":"T-1"}]"#,
    );
    let recs = records(v);
    assert_eq!(recs[0].m.start, 12);
    assert_eq!(recs[0].source.as_deref(), Some("tab 1"));
    assert_eq!(recs[1].m.kind.as_str(), "ticket");
    let items: Vec<Item> = recs.iter().map(Record::item).collect();
    let csv = export(&items, Format::Csv, &ExportOptions::default()).unwrap();
    assert_eq!(
        csv,
        "type,value,raw,start,end,defanged,flags,source\r\nurl,https://evil.com/gate,hxxps[://]evil[.]com/gate,12,37,true,no_scheme,tab 1\r\nticket,T-1,,0,0,false,,\r\n"
    );
    assert!(from_js::<Vec<Record>>(js(r#"[{"type":"url"}]"#)).is_err());
}
