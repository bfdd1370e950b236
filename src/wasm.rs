//! The wasm-bindgen binding: a thin layer over the core. Values cross the boundary as JSON text,
//! parsed or written by the JS engine (`JSON.parse`, `JSON.stringify`): one call each way instead
//! of one call per field, and no serde-wasm-bindgen in the module. Every error goes through one
//! funnel into a JS `Error`.

// `push_str(",")` rather than `push(',')`: at opt-level z `String::push` stays a call that
// UTF-8-encodes a char, measurably slower per match than copying one byte.
#![allow(clippy::single_char_add_str)]

use crate::options::{utf16_units, Options};
use crate::Match;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

fn js_err(msg: &str) -> JsValue {
    js_sys::Error::new(msg).into()
}

/// serde_json's message without its " at line 1 column 9" (the JSON text is ours, not the
/// caller's: the position means nothing to them).
fn json_msg(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) if e.line() > 0 => s[..i].to_string(),
        _ => s,
    }
}

/// A JS value read as `T`: `JSON.stringify` in the engine, then serde_json, which enforces
/// `deny_unknown_fields` (a typo such as `{tpyes: "all"}` is an error, not ignored).
fn from_js<T: DeserializeOwned>(v: &JsValue, what: &str) -> Result<T, JsValue> {
    let json = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
        .ok_or_else(|| js_err(&format!("{what}: not a JSON value")))?;
    serde_json::from_str(&json).map_err(|e| js_err(&format!("{what}: {}", json_msg(&e))))
}

fn options(v: &JsValue) -> Result<Options, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    from_js(v, "options")
}

fn parse(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json)
}

#[wasm_bindgen(start)]
fn start() {
    // The core does not panic on any input (fuzzed); should it, the message reaches the console.
    std::panic::set_hook(Box::new(|p| {
        console_error(&p.to_string());
    }));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(msg: &str);
}

/// A configured extractor, built once from an options object.
#[wasm_bindgen]
pub struct IocExtractor {
    ex: crate::Extractor,
}

#[wasm_bindgen]
impl IocExtractor {
    /// `new IocExtractor({types: "all", allowlist: "8.8.8.8\n*.example.com", custom: [...]})`.
    #[wasm_bindgen(constructor)]
    pub fn new(opts: JsValue) -> Result<IocExtractor, JsValue> {
        Ok(IocExtractor {
            ex: options(&opts)?
                .build()
                .map_err(|e| js_err(&e.to_string()))?,
        })
    }

    /// Every match in `text`, in text order, with UTF-16 offsets `start16`/`end16`.
    pub fn extract(&self, text: &str) -> Result<JsValue, JsValue> {
        parse(&matches_json(text, &self.ex.extract(text)))
    }
}

/// One-shot extraction: `extract(text, options)`.
#[wasm_bindgen]
pub fn extract(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let ex = options(&opts)?
        .build()
        .map_err(|e| js_err(&e.to_string()))?;
    parse(&matches_json(text, &ex.extract(text)))
}

/// UTF-16 offsets for byte offsets visited in about increasing order (matches come in text
/// order; a nested hash steps back a little): each step counts only the bytes between the last
/// offset and this one, as `options::utf16_offsets` counts them.
struct Utf16<'a> {
    bytes: &'a [u8],
    at: usize,
    units: usize,
}

impl Utf16<'_> {
    fn to(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if byte >= self.at {
            self.units += utf16_units(&self.bytes[self.at..byte]);
        } else {
            self.units -= utf16_units(&self.bytes[byte..self.at]);
        }
        self.at = byte;
        self.units
    }
}

/// The matches as a JSON array of objects with the keys, in order, that serialising `Match`
/// gives (`type, value, raw, start, end, defanged, flags, decoded_from?`) plus `start16`,
/// `end16`. Written by hand: serde's `flatten` went through a map per match and was ~35 % of
/// `extract` in Node. tests/wasm/node.rs checks the result against serde's serialisation.
fn matches_json(text: &str, ms: &[Match]) -> String {
    let cap: usize = ms.iter().map(|m| 160 + m.value.len() + m.raw.len()).sum();
    let mut out = String::with_capacity(cap + 2);
    let mut u16s = Utf16 {
        bytes: text.as_bytes(),
        at: 0,
        units: 0,
    };
    out.push_str("[");
    for (i, m) in ms.iter().enumerate() {
        if i > 0 {
            out.push_str(",");
        }
        out.push_str("{\"type\":");
        json_str(&mut out, m.kind.as_str());
        out.push_str(",\"value\":");
        json_str(&mut out, &m.value);
        out.push_str(",\"raw\":");
        json_str(&mut out, &m.raw);
        out.push_str(",\"start\":");
        json_uint(&mut out, m.start);
        out.push_str(",\"end\":");
        json_uint(&mut out, m.end);
        out.push_str(if m.defanged {
            ",\"defanged\":true,\"flags\":["
        } else {
            ",\"defanged\":false,\"flags\":["
        });
        for (j, f) in m.flags.names().enumerate() {
            if j > 0 {
                out.push_str(",");
            }
            json_str(&mut out, f);
        }
        out.push_str("]");
        if let Some(d) = &m.decoded_from {
            out.push_str(",\"decoded_from\":{\"encoding\":");
            json_str(&mut out, d.encoding);
            out.push_str(",\"start\":");
            json_uint(&mut out, d.start);
            out.push_str(",\"end\":");
            json_uint(&mut out, d.end);
            out.push_str("}");
        }
        out.push_str(",\"start16\":");
        json_uint(&mut out, u16s.to(m.start));
        out.push_str(",\"end16\":");
        json_uint(&mut out, u16s.to(m.end));
        out.push_str("}");
    }
    out.push_str("]");
    out
}

/// A JSON string literal escaped as serde_json escapes it: `"`, `\`, `\n` `\r` `\t` `\b` `\f`,
/// other control characters as `\u00xx`; the rest as is (JSON text is UTF-8 here).
fn json_str(out: &mut String, s: &str) {
    out.push_str("\"");
    let b = s.as_bytes();
    let mut from = 0;
    for (i, &c) in b.iter().enumerate() {
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        out.push_str(&s[from..i]);
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(c >> 4)]));
                out.push(char::from(HEX[usize::from(c & 15)]));
            }
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out.push_str("\"");
}

/// A decimal number without `core::fmt` (smaller and faster in wasm).
fn json_uint(out: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits: always valid UTF-8 (one push_str, not one char push per digit).
    if let Ok(digits) = std::str::from_utf8(&buf[i..]) {
        out.push_str(digits);
    }
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
    let mut out = String::from("[");
    for (i, t) in crate::IocType::ALL.iter().enumerate() {
        if i > 0 {
            out.push_str(",");
        }
        out.push_str("{\"name\":");
        json_str(&mut out, t.as_str());
        out.push_str(if t.is_default() {
            ",\"default\":true}"
        } else {
            ",\"default\":false}"
        });
    }
    out.push_str("]");
    parse(&out)
}

/// `exportMatches(matches, format, options)`: the matches `extract` returned (extra fields such
/// as `start16` are ignored; a match may carry its own `source`) written in `format` (`json`,
/// `jsonl`, `csv`, `txt`, `txt-grouped`, `md`, `defanged`, `stix`, `misp`, `summary`). Options:
/// `{source, timestamp, includeAllowlisted, defanged, dedupe}`; `timestamp` (RFC 3339, e.g.
/// `new Date().toISOString()`) is required by summary, md, stix and misp.
#[wasm_bindgen(js_name = exportMatches)]
pub fn export_matches(matches: JsValue, format: &str, opts: JsValue) -> Result<String, JsValue> {
    use crate::export::{export, ExportOptions, Format, Item, Record};
    let records: Vec<Record> = from_js(&matches, "matches")?;
    let format: Format = format
        .parse()
        .map_err(|e: crate::Error| js_err(&e.to_string()))?;
    let opts: ExportOptions = if opts.is_undefined() || opts.is_null() {
        ExportOptions::default()
    } else {
        from_js(&opts, "export options")?
    };
    let items: Vec<Item> = records.iter().map(Record::item).collect();
    export(&items, format, &opts).map_err(|e| js_err(&e.to_string()))
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
    let mut out = String::from("[");
    for (i, f) in crate::export::Format::ALL.iter().enumerate() {
        if i > 0 {
            out.push_str(",");
        }
        out.push_str("{\"name\":");
        json_str(&mut out, f.name());
        out.push_str(",\"extension\":");
        json_str(&mut out, f.extension());
        out.push_str(",\"mediaType\":");
        json_str(&mut out, f.media_type());
        out.push_str("}");
    }
    out.push_str("]");
    parse(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::utf16_offsets;
    use wasm_bindgen_test::*;

    /// What `extract` returned before the JSON was written by hand: serde with `flatten`.
    #[derive(serde::Serialize)]
    struct Flat<'a> {
        #[serde(flatten)]
        m: &'a Match,
        start16: usize,
        end16: usize,
    }

    fn serde_json_of(text: &str, ms: &[Match]) -> String {
        let offs: Vec<usize> = ms.iter().flat_map(|m| [m.start, m.end]).collect();
        let u = utf16_offsets(text, &offs);
        let flat: Vec<Flat> = ms
            .iter()
            .enumerate()
            .map(|(i, m)| Flat {
                m,
                start16: u[2 * i],
                end16: u[2 * i + 1],
            })
            .collect();
        serde_json::to_string(&flat).unwrap()
    }

    #[wasm_bindgen_test]
    fn hand_written_json_is_byte_identical_to_serdes() {
        // Non-BMP text before the matches, a defanged URL, flags, a nested hash (its offsets
        // step back), a base64-decoded URL (decoded_from), and custom values with quotes,
        // backslashes and control characters (the escapes).
        let text = "😀 é C2 hxxps[://]evil[.]com/gate and 8.8.8.8, 10.0.0.1 \
            https://e.com/d41d8cd98f00b204e9800998ecf8427e.exe \
            aHR0cHM6Ly9ldmlsLWI2NC5jb20vcGF0aA== \
            say \"q\\uo\tte\u{1}\u{8}\u{c}\r\u{1f}\" done 😀 1.2.3[.]4";
        let ex = crate::Extractor::builder()
            .types(crate::TypeSet::all())
            .custom("quote", r#"say "[^"]*""#, 5)
            .unwrap()
            .build();
        let ms = ex.extract(text);
        assert!(ms.iter().any(|m| m.decoded_from.is_some()), "{ms:?}");
        assert!(ms.iter().any(|m| !m.flags.is_empty()), "{ms:?}");
        assert!(
            ms.windows(2).any(|w| w[1].end < w[0].end),
            "a nested match: {ms:?}"
        );
        assert!(ms.iter().any(|m| m.value.contains('\u{1}')), "{ms:?}");
        assert_eq!(matches_json(text, &ms), serde_json_of(text, &ms));
        assert_eq!(matches_json("", &[]), "[]");
    }

    #[wasm_bindgen_test]
    fn numbers_and_escapes() {
        let mut s = String::new();
        for n in [0, 7, 10, 99, 1234567890, usize::MAX] {
            json_uint(&mut s, n);
            s.push(' ');
        }
        assert_eq!(s, format!("0 7 10 99 1234567890 {} ", usize::MAX));
        for v in ["", "plain", "\"\\", "a\u{0}\u{7f}é😀\u{1b}"] {
            let mut s = String::new();
            json_str(&mut s, v);
            assert_eq!(s, serde_json::to_string(v).unwrap());
        }
    }
}
