//! Development aid: refangs stdin.
use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).expect("stdin");
    print!("{}", ioclens::refang(&s));
}
