//! MAC addresses, AS numbers and YARA rules.
mod common;
use common::check_table;

#[test]
fn mac_addresses() {
    check_table(&[
        ("00:1A:2B:3C:4D:5E", "|mac:00:1a:2b:3c:4d:5e|"),
        ("00-1a-2b-3c-4d-5e", "|mac:00:1a:2b:3c:4d:5e|"),
        ("001a.2b3c.4d5e", "|mac:00:1a:2b:3c:4d:5e|"),
        ("MAC (00:50:56:C0:00:08).", "MAC (|mac:00:50:56:c0:00:08|)."),
        (
            "seen from 08:00:27:aa:bb:cc, 08-00-27-AA-BB-CD",
            "seen from |mac:08:00:27:aa:bb:cc|, |mac:08:00:27:aa:bb:cd|",
        ),
    ]);
}

#[test]
fn not_mac_addresses() {
    check_table(&[
        // Slices of longer colon-hex runs: certificate fingerprints, serials.
        (
            "SHA1 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD",
            "SHA1 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD",
        ),
        ("serial 01:23:45:67:89:ab:cd", "serial 01:23:45:67:89:ab:cd"),
        // Mixed separators, times, too few groups, glued to letters.
        ("00:1a-2b:3c-4d:5e", "00:1a-2b:3c-4d:5e"),
        ("at 12:30:45 UTC", "at 12:30:45 UTC"),
        ("00:1a:2b:3c:4d", "00:1a:2b:3c:4d"),
        ("x00:1a:2b:3c:4d:5e", "x00:1a:2b:3c:4d:5e"),
        ("001a.2b3c.4d5e.6f70", "001a.2b3c.4d5e.6f70"),
    ]);
}

#[test]
fn as_numbers() {
    check_table(&[
        ("AS13335", "|asn:AS13335|"),
        ("ASN 13335", "|asn:AS13335|"),
        ("AS 13335", "|asn:AS13335|"),
        ("ASN13335", "|asn:AS13335|"),
        ("ASN: 15169", "|asn:AS15169|"),
        ("(AS4294967295)", "(|asn:AS4294967295|)"),
        ("hosted in AS0013335.", "hosted in |asn:AS13335|."),
        ("AS13335, AS15169", "|asn:AS13335|, |asn:AS15169|"),
        ("Cloudflare AS 13335", "Cloudflare |asn:AS13335|"),
    ]);
}

#[test]
fn not_as_numbers() {
    check_table(&[
        ("as 2020 began", "as 2020 began"),
        ("CLASS1 GAS100", "CLASS1 GAS100"),
        ("AS4294967296", "AS4294967296"),
        ("AS0", "AS0"),
        ("AS1.5 AS 2,000", "AS1.5 AS 2,000"),
        ("AS13335x", "AS13335x"),
        ("SUCH AS 2 ITEMS", "SUCH AS 2 ITEMS"),
    ]);
}

const RULE: &str = r#"rule Turla_Outlook : apt turla
{
    meta:
        author = "x } y"
    strings:
        $s1 = "\"}" wide // a } in a comment
        $re = /[a-z]{2}\/}/
        $hex = { 4D 5A [2-4] ( 90 | ?? ) }
        /* block } comment */
    condition:
        filesize / 2 > 10 and any of them
}"#;

#[test]
fn yara_rules() {
    let in_text = format!("Detection:\n\n{RULE}\n\nMore text.");
    let expected = format!("Detection:\n\n|yara:{RULE}|\n\nMore text.");
    check_table(&[
        (
            "rule a { condition: true }",
            "|yara:rule a { condition: true }|",
        ),
        (
            "private global rule b : t1 t2 {\ncondition:\n  false\n}",
            "|yara:private global rule b : t1 t2 {\ncondition:\n  false\n}|",
        ),
        (RULE, &format!("|yara:{RULE}|")),
        (&in_text, &expected),
        (
            "rule a { condition: true } rule b { condition: false }",
            "|yara:rule a { condition: true }| |yara:rule b { condition: false }|",
        ),
        // A header inside a string belongs to the rule.
        (
            r#"rule c { strings: $a = "rule d {" condition: $a }"#,
            r#"|yara:rule c { strings: $a = "rule d {" condition: $a }|"#,
        ),
        // A rule that never closes is dropped; the next rule still counts.
        (
            "rule broken { condition: (true\nrule ok { condition: true }",
            "rule broken { condition: (true\n|yara:rule ok { condition: true }|",
        ),
        (
            "rule unfinished { condition:",
            "rule unfinished { condition:",
        ),
        // Prose.
        ("the rule is simple", "the rule is simple"),
        ("as a rule {", "as a rule {"),
    ]);
}
