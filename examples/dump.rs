//! Prints the matches of stdin as JSON lines (a development aid; the CLI is `ioclens`).
use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).expect("stdin");
    let ex = ioclens::Extractor::builder()
        .types(ioclens::TypeSet::all())
        .build();
    for m in ex.extract(&s) {
        println!("{}", serde_json::to_string(&m).expect("json"));
    }
}
