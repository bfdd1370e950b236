//! The wasm build run in Node (`wasm-pack test --node`): the same core, compiled to wasm.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn extracts_defanged_url_in_wasm() {
    let ex = ioclens::Extractor::new();
    let m = ex.extract("beacon to hxxps[://]evil[.]com/gate and é 1.2.3[.]4");
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].value, "https://evil.com/gate");
    assert_eq!(m[1].value, "1.2.3.4");
}

#[wasm_bindgen_test]
fn utf16_offsets_count_code_units() {
    let text = "😀 evil[.]com";
    let m = ioclens::Extractor::new().extract(text);
    let u = ioclens::options::utf16_offsets(text, &[m[0].start, m[0].end]);
    assert_eq!(u, vec![3, 13]);
}

#[wasm_bindgen_test]
fn case_insensitive_user_patterns_compile_in_wasm() {
    let ex = ioclens::Extractor::builder()
        .custom("ticket", r"(?i)ticket-\w+", 1)
        .unwrap()
        .build();
    assert_eq!(ex.extract("see Ticket-AB12")[0].value, "Ticket-AB12");
}
