//! Development aid: prints the matches of stdin as a JSON array, as `ioclens --format json
//! --types all` does (allowlisted matches hidden). Used to score the core before the CLI exists.
use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).expect("stdin");
    let opts = ioclens::options::Options {
        types: Some(ioclens::options::TypesOption::List("all".into())),
        ..Default::default()
    };
    let ex = opts.build().expect("options");
    let ms: Vec<_> = ex
        .extract(&s)
        .into_iter()
        .filter(|m| !m.flags.contains(ioclens::Flags::ALLOWLISTED))
        .collect();
    println!("{}", serde_json::to_string_pretty(&ms).expect("json"));
}
