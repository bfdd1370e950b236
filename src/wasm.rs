//! The wasm-bindgen binding: a thin layer over the core. Results are owned JS values
//! (serde-wasm-bindgen); every error goes through one funnel into a JS `Error`.

use crate::options::{utf16_offsets, Options};
use crate::{Extractor, Match};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_err(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_err)
}

fn options(v: JsValue) -> Result<Options, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    // Through a JSON value: serde-wasm-bindgen only reads the fields a struct names, so
    // `deny_unknown_fields` would never see a typo such as {tpyes: "all"}.
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(v).map_err(|e| js_err(format!("options: {e}")))?;
    serde_json::from_value(json).map_err(|e| js_err(format!("options: {e}")))
}

/// A match as JS sees it: `start`/`end` in UTF-16 code units, byte offsets alongside.
#[derive(Serialize)]
struct JsMatch<'a> {
    #[serde(flatten)]
    m: &'a Match,
    start16: usize,
    end16: usize,
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// A configured extractor, built once from an options object.
#[wasm_bindgen]
pub struct IocExtractor {
    ex: Extractor,
}

#[wasm_bindgen]
impl IocExtractor {
    /// `new IocExtractor({types: "all", allowlist: "8.8.8.8\n*.example.com", custom: [...]})`.
    #[wasm_bindgen(constructor)]
    pub fn new(opts: JsValue) -> Result<IocExtractor, JsValue> {
        Ok(IocExtractor {
            ex: options(opts)?.build().map_err(js_err)?,
        })
    }

    /// Every match in `text`, in text order, with UTF-16 offsets `start16`/`end16`.
    pub fn extract(&self, text: &str) -> Result<JsValue, JsValue> {
        matches_to_js(text, &self.ex.extract(text))
    }
}

fn matches_to_js(text: &str, ms: &[Match]) -> Result<JsValue, JsValue> {
    let offs: Vec<usize> = ms.iter().flat_map(|m| [m.start, m.end]).collect();
    let u = utf16_offsets(text, &offs);
    let out: Vec<JsMatch> = ms
        .iter()
        .enumerate()
        .map(|(i, m)| JsMatch {
            m,
            start16: u[2 * i],
            end16: u[2 * i + 1],
        })
        .collect();
    // One JSON string parsed by the engine's JSON.parse, not one JS object built field by field
    // through serde-wasm-bindgen (`flatten` goes through a map): ~30 µs → ~1 µs per match, with
    // the same plain objects (same keys in the same order, numbers and strings) as a result.
    let json = serde_json::to_string(&out).map_err(js_err)?;
    js_sys::JSON::parse(&json)
}

/// One-shot extraction: `extract(text, options)`.
#[wasm_bindgen]
pub fn extract(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let ex = options(opts)?.build().map_err(js_err)?;
    matches_to_js(text, &ex.extract(text))
}

/// Refangs a whole text (`hxxp[:]//a[.]b` → `http://a.b`).
#[wasm_bindgen]
pub fn refang(text: &str) -> String {
    crate::refang(text)
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The canonical type names and whether each is on by default: `[{name, default}]`.
#[wasm_bindgen(js_name = typeNames)]
pub fn type_names() -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct T {
        name: &'static str,
        default: bool,
    }
    to_js(
        &crate::IocType::ALL
            .iter()
            .map(|t| T {
                name: t.as_str(),
                default: t.is_default(),
            })
            .collect::<Vec<_>>(),
    )
}

/// `exportMatches(matches, format, options)`: the matches `extract` returned (extra fields such
/// as `start16` are ignored; a match may carry its own `source`) written in `format` (`json`,
/// `jsonl`, `csv`, `txt`, `txt-grouped`, `md`, `defanged`, `stix`, `misp`, `summary`). Options:
/// `{source, timestamp, includeAllowlisted, defanged, dedupe}`; `timestamp` (RFC 3339, e.g.
/// `new Date().toISOString()`) is required by summary, md, stix and misp.
#[wasm_bindgen(js_name = exportMatches)]
pub fn export_matches(matches: JsValue, format: &str, opts: JsValue) -> Result<String, JsValue> {
    use crate::export::{export, ExportOptions, Format, Item, Record};
    let records: Vec<Record> =
        serde_wasm_bindgen::from_value(matches).map_err(|e| js_err(format!("matches: {e}")))?;
    let format: Format = format.parse().map_err(js_err)?;
    let opts: ExportOptions = if opts.is_undefined() || opts.is_null() {
        ExportOptions::default()
    } else {
        // Through a JSON value: serde-wasm-bindgen reads only the fields a struct names, so a
        // typo (`includeAllowListed`) would pass unnoticed; serde_json enforces the field list.
        let v: serde_json::Value = serde_wasm_bindgen::from_value(opts)
            .map_err(|e| js_err(format!("export options: {e}")))?;
        serde_json::from_value(v).map_err(|e| js_err(format!("export options: {e}")))?
    };
    let items: Vec<Item> = records.iter().map(Record::item).collect();
    export(&items, format, &opts).map_err(js_err)
}

/// `defang(value, type?)`: one value defanged for sharing (`[https]://bad[.]example`). With a
/// type name only network types change; without one the shape of the value decides.
#[wasm_bindgen]
pub fn defang(value: &str, kind: Option<String>) -> String {
    match kind {
        Some(k) => crate::defang(&crate::Kind::named(&k), value),
        None => crate::export::defang_any(value),
    }
}

/// The export formats: `[{name, extension, mediaType}]`, for download menus.
#[wasm_bindgen(js_name = exportFormats)]
pub fn export_formats() -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct F {
        name: &'static str,
        extension: &'static str,
        media_type: &'static str,
    }
    to_js(
        &crate::export::Format::ALL
            .iter()
            .map(|f| F {
                name: f.name(),
                extension: f.extension(),
                media_type: f.media_type(),
            })
            .collect::<Vec<_>>(),
    )
}
