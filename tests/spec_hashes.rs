//! Hashes, CVE and ATT&CK ids: whole runs only, normalised values.
mod common;
use common::check_table;

const MD5: &str = "d41d8cd98f00b204e9800998ecf8427e";
const SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
const SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[test]
fn hashes_by_length_of_the_whole_run() {
    let sha512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
    check_table(&[
        (&format!("md5: {MD5}."), &format!("md5: |md5:{MD5}|.")),
        (&MD5.to_uppercase(), &format!("|md5:{MD5}|")),
        (&format!("({SHA1})"), &format!("(|sha1:{SHA1}|)")),
        (
            &format!("{SHA256}\t{SHA1}"),
            &format!("|sha256:{SHA256}|\t|sha1:{SHA1}|"),
        ),
        (sha512, &format!("|sha512:{sha512}|")),
        // A slice of a longer run, or a run glued to letters, is not a hash.
        (&format!("{SHA256}00"), &format!("{SHA256}00")),
        (&format!("x{MD5}"), &format!("x{MD5}")),
        (&format!("{MD5}g"), &format!("{MD5}g")),
        (&format!("{MD5}_x"), &format!("{MD5}_x")),
        (
            "abcdef0123456789abcdef012345678",
            "abcdef0123456789abcdef012345678",
        ),
    ]);
}

#[test]
fn ssdeep_needs_a_valid_block_size() {
    check_table(&[
        (
            "96:s4Ud1Lj96tHHlZDrwciQmA:s4UdHj9aZDswciQmA",
            "|ssdeep:96:s4Ud1Lj96tHHlZDrwciQmA:s4UdHj9aZDswciQmA|",
        ),
        ("at 10:30:45 and 100:abc:def", "at 10:30:45 and 100:abc:def"),
    ]);
}

#[test]
fn cve_and_attack_ids() {
    check_table(&[
        (
            "CVE-2021-44228 and cve-2023-23397",
            "|cve:CVE-2021-44228| and |cve:CVE-2023-23397|",
        ),
        (
            "CVE_2021_44228, CVE 2021-1234567",
            "|cve:CVE-2021-44228|, |cve:CVE-2021-1234567|",
        ),
        ("CVE\u{2013}2021\u{2013}44228", "|cve:CVE-2021-44228|"),
        (
            "CVE-21-1234 and XCVE-2021-1234",
            "CVE-21-1234 and XCVE-2021-1234",
        ),
        (
            "T1059.001, T1566 and T0800",
            "|attack:T1059.001|, |attack:T1566| and |attack:T0800|",
        ),
        ("T1059.001.5, T9000, T10599", "T1059.001.5, T9000, T10599"),
    ]);
}

/// A hash naming the file in a URL's path or in a file path/name is an indicator of its own: it
/// is reported too, flagged `nested`, right after the match that contains it (rendered `{…}`).
#[test]
fn hashes_inside_urls_and_paths_are_nested_matches() {
    check_table(&[
        (
            &format!("hxxp://cdn.cloudfronter[.]com/upgrade/20210119/{MD5}.exe"),
            &format!("|url:http://cdn.cloudfronter.com/upgrade/20210119/{MD5}.exe|{{md5:{MD5}}}"),
        ),
        (
            &format!("https://www.virustotal.com/gui/file/{SHA256}/detection"),
            &format!(
                "|url:https://www.virustotal.com/gui/file/{SHA256}/detection|{{sha256:{SHA256}}}"
            ),
        ),
        (
            &format!("http://x.example.net/q?hash={SHA1}&a=1"),
            &format!("|url:http://x.example.net/q?hash={SHA1}&a=1|{{sha1:{SHA1}}}"),
        ),
        (
            &format!(r"C:\Temp\{MD5}.dll"),
            &format!(r"|filepath:C:\Temp\{MD5}.dll|{{md5:{MD5}}}"),
        ),
        // The parent comes first even when both start together.
        (
            &format!("dropped {MD5}.exe"),
            &format!("dropped |filename:{MD5}.exe|{{md5:{MD5}}}"),
        ),
        // A hash-like DNS label is an encoded id, not a file's hash; a hex run glued to other
        // letters inside the path is no hash either.
        (
            &format!("http://{MD5}.evil.com/x"),
            &format!("|url:http://{MD5}.evil.com/x|"),
        ),
        (
            &format!("http://evil.com/x{MD5}"),
            &format!("|url:http://evil.com/x{MD5}|"),
        ),
    ]);
}

#[test]
fn a_nested_hash_is_not_also_a_top_level_hash_and_honours_the_type_set() {
    use ioclens::{Extractor, Flags, IocType, TypeSet};
    let text = format!("see http://evil.com/{MD5}.bin and {MD5}");
    let ms = Extractor::builder()
        .types(TypeSet::all())
        .build()
        .extract(&text);
    let md5s: Vec<_> = ms.iter().filter(|m| m.kind == IocType::Md5).collect();
    assert_eq!(md5s.len(), 2);
    assert!(md5s[0].flags.contains(Flags::NESTED));
    assert!(!md5s[1].flags.contains(Flags::NESTED));
    // Without md5 in the type set there is nothing to nest.
    let only_url = TypeSet::empty().with(IocType::Url);
    let ms = Extractor::builder().types(only_url).build().extract(&text);
    assert!(ms.iter().all(|m| m.kind == IocType::Url), "{ms:?}");
}
