//! The defang variants of the field survey (../shared/research/field-survey.md §2), each refanged
//! to the right value and never mangled.
mod common;
use common::check_table;

#[test]
fn bracketed_dots_in_every_style() {
    check_table(&[
        ("evil[.]com", "|domain:evil.com|"),
        ("evil(.)com", "|domain:evil.com|"),
        ("evil{.}com", "|domain:evil.com|"),
        ("evil<.>com", "|domain:evil.com|"),
        ("evil[dot]com", "|domain:evil.com|"),
        ("evil(dot)com", "|domain:evil.com|"),
        ("evil{dot}com", "|domain:evil.com|"),
        ("evil[DOT]com", "|domain:evil.com|"),
        ("evil[ . ]com", "|domain:evil.com|"),
        ("evil [.] com", "|domain:evil.com|"),
        ("evil[]com", "|domain:evil.com|"),
        ("evil[,]com", "|domain:evil.com|"),
        ("evil\\.com", "|domain:evil.com|"),
        ("evilDOTcom", "|domain:evil.com|"),
        ("evil-dot-com", "|domain:evil.com|"),
        ("1.1.1[.1", "|ipv4:1.1.1.1|"),
        ("1.1.1.]1", "|ipv4:1.1.1.1|"),
        ("evil . com is bad", "|domain:evil.com| is bad"),
        ("evil．com", "|domain:evil.com|"),
        ("evil。com", "|domain:evil.com|"),
        ("evil・com", "|domain:evil.com|"),
        ("ev\u{200B}il.com", "|domain:evil.com|"),
        ("service[-]ict[.]nl", "|domain:service-ict.nl|"),
        (
            "evil%2ecom is not decoded as a host",
            "evil%2ecom is not decoded as a host",
        ),
    ]);
}

#[test]
fn schemes() {
    check_table(&[
        ("hxxp://evil.com/a", "|url:http://evil.com/a|"),
        ("hXXps://evil.com/a", "|url:https://evil.com/a|"),
        ("HXXPS://evil.com/a", "|url:https://evil.com/a|"),
        ("h**p://evil.com/x", "|url:http://evil.com/x|"),
        ("h__p://evil.com/x", "|url:http://evil.com/x|"),
        ("h00ps://evil.com/x", "|url:https://evil.com/x|"),
        ("httx://evil.com/x", "|url:http://evil.com/x|"),
        ("xxxx://evil.com/x", "|url:http://evil.com/x|"),
        ("xxxxs://evil.com/x", "|url:https://evil.com/x|"),
        ("fxp://files[.]bad[.]com/a", "|url:ftp://files.bad.com/a|"),
        ("meow://evil.com/x", "|url:http://evil.com/x|"),
        ("[https]://bad[.]com/x", "|url:https://bad.com/x|"),
        ("htt[p]://bad.com/x", "|url:http://bad.com/x|"),
        ("hxxps[://]evil[.]com/a", "|url:https://evil.com/a|"),
        ("hxxp[:]//evil[.]com", "|url:http://evil.com|"),
        ("http[:]//evil.com", "|url:http://evil.com|"),
        ("[://]evil.com", "[://]|domain:evil.com|"),
        ("http:\\/\\/evil.com\\/a", "|url:http://evil.com/a|"),
        ("http:\\\\evil.com", "|url:http://evil.com|"),
        ("http__evil.com", "|url:http://evil.com|"),
        ("https :  //evil.com/p", "|url:https://evil.com/p|"),
        ("http: //evil.com/p", "|url:http://evil.com/p|"),
        ("tcp://bad[.]com:8080/x", "|url:tcp://bad.com:8080/x|"),
        ("ldap://bad.com/o=x", "|url:ldap://bad.com/o=x|"),
        ("evil.com[/]path", "|url:evil.com/path|"),
    ]);
}

#[test]
fn at_signs_and_colons() {
    check_table(&[
        ("a[@]evil[.]com", "|email:a@evil.com|"),
        ("a(@)evil.com", "|email:a@evil.com|"),
        ("a{@}evil.com", "|email:a@evil.com|"),
        ("a[at]evil.com", "|email:a@evil.com|"),
        ("a(at)evil.com", "|email:a@evil.com|"),
        ("a[AT]evil.com", "|email:a@evil.com|"),
        ("a @ evil.com", "|email:a@evil.com|"),
        ("a＠evil.com", "|email:a@evil.com|"),
        (
            "user[at]evil[.]com and me (at) x(.)org",
            "|email:user@evil.com| and |email:me@x.org|",
        ),
        ("2001[:]db8[:][:]1", "|ipv6:2001:db8::1|"),
        (
            "[http]://[2001[:]db8[:][:]1]:8080",
            "|url:http://[2001:db8::1]:8080|",
        ),
        ("1.2.3.4[:]8080", "|ipv4:1.2.3.4|[:]8080"),
        (
            "  myuser [ at ] example.com  ",
            "  |email:myuser@example.com|  ",
        ),
        ("myuser at example[dot]com", "|email:myuser@example.com|"),
        ("myuser at example [dot] com", "|email:myuser@example.com|"),
        // A bare "at" before a domain defanged with "[.]" is prose: the sentence's "at".
        (
            "The payload was hosted at evil[.]com today",
            "The payload was hosted at |domain:evil.com| today",
        ),
        (
            "Second stage at bravo-relay[.]org",
            "Second stage at |domain:bravo-relay.org|",
        ),
        ("myuser [at] example dot com", "|email:myuser@example.com|"),
        ("myuser AT example DOT com", "|email:myuser@example.com|"),
        ("myuser/AT/example/DOT/com", "|email:myuser@example.com|"),
        (
            "see https://x.com/AT/y and /DOT/",
            "see |url:https://x.com/AT/y| and /DOT/",
        ),
        ("https://x.example/DOT/y", "|url:https://x.example/DOT/y|"),
        (
            "myuser@example  [  .  ]   com",
            "|email:myuser@example.com|",
        ),
    ]);
}

#[test]
fn aggressive_and_partial_wrappings() {
    check_table(&[
        ("10.10.10.]]]10", "|ipv4:10.10.10.10|"),
        ("10[[[[.]]]]10[[[.]]10[.10", "|ipv4:10.10.10.10|"),
        ("10[.]10(.10\\.10", "|ipv4:10.10.10.10|"),
        (
            "https://example\\(.\\)com/test\\.html",
            "|url:https://example.com/test.html|",
        ),
        ("hxxp://example.com[/test", "|url:http://example.com/test|"),
        ("http://example[.]com/[.]", "|url:http://example.com/|[.]"),
        ("http://example.com/[.", "|url:http://example.com/|[."),
        ("hxxp[://]//evil[.]com", "|url:http://evil.com|"),
        ("http:////evil.com/a", "|url:http://evil.com/a|"),
    ]);
}

#[test]
fn no_over_fanging_of_words() {
    check_table(&[
        (
            "shotput and hotpocket at the dot com bubble",
            "shotput and hotpocket at the dot com bubble",
        ),
        ("I met him (at) noon", "I met him (at) noon"),
        ("Use .NET and ASP. Net", "Use .NET and ASP. Net"),
        ("the end.The next", "the end.The next"),
        ("[.] alone", "[.] alone"),
    ]);
}

#[test]
fn ipv6_written_in_the_safe_ioc_style() {
    check_table(&[
        (
            "[:][:]ffff[:]198[.]51[.]100[.]1",
            "|ipv6:::ffff:198.51.100.1|",
        ),
        (
            "fe80[:][:]1 and 2001[:]db8[:]0[:]0[:]0[:]0[:]0[:]1",
            "|ipv6:fe80::1| and |ipv6:2001:db8::1|",
        ),
    ]);
}

/// Forms the defanged export writes and refang must read back exactly (found by the
/// fang_roundtrip fuzz target; tests/fuzz_regressions.rs): bracketed RFC 3986 schemes with
/// digits, `+`, `-` or `.`; `[mailto]:`; an IPv6 address ending in `::`; `::` in a URL's path;
/// labels that start with an underscore.
#[test]
fn forms_of_the_defanged_export() {
    check_table(&[
        ("[git+ssh]://evil[.]com/x", "|url:git+ssh://evil.com/x|"),
        ("[h-t]://evil[.]com/x", "|url:h-t://evil.com/x|"),
        (
            "[url.orps]://cdn[.]example[.]com/a",
            "|url:url.orps://cdn.example.com/a|",
        ),
        (
            "[itshas13335ttps]://host138[.]line-c2[.]net",
            "|url:itshas13335ttps://host138.line-c2.net|",
        ),
        (
            "see (svn+ssh)://repo[.]evil[.]com/t.",
            "see |url:svn+ssh://repo.evil.com/t|.",
        ),
        // Not schemes: a bracketed word glued to a word, a sign or a dot first.
        ("x[git+ssh]://evil.com", "x[git+ssh]://|domain:evil.com|"),
        ("[-x]://evil.com", "[-x]://|domain:evil.com|"),
        ("[.x]://evil.com", "[.x]://|domain:evil.com|"),
        // "[mailto]:", the draft's bracketed scheme without "//", in a path or alone.
        (
            "hxxp://a[.]test/p?m=[mailto]:x[@]evil[.]com",
            "|url:http://a.test/p?m=mailto:x@evil.com|",
        ),
        ("a[.]test/[mailto]:rule", "|url:a.test/mailto:rule|"),
        ("[MailTo]:soc[@]evil[.]com", "[MailTo]:|email:soc@evil.com|"),
        ("x[mailto]:y", "x[mailto]:y"),
        ("2001[:]db8[:][:]", "|ipv6:2001:db8::|"),
        ("2001[:]db8[:][:] is down", "|ipv6:2001:db8::| is down"),
        ("(fe80[:][:])", "(|ipv6:fe80::|)"),
        (
            "[https]://evil[.]example/pa(([:][:]((](th",
            "|url:https://evil.example/pa((::((](th|",
        ),
        (
            "inside[.]vil[.]__evil-rlk[.]com",
            "|domain:inside.vil.__evil-rlk.com|",
        ),
        ("_dmarc[.]evil[.]com", "|domain:_dmarc.evil.com|"),
        // An underscore after a bracketed dot is not a label start in prose ("[.]_" alone).
        ("[.]_x", "[.]_x"),
    ]);
    // The scheme's case is kept, as defanging kept it.
    assert_eq!(
        ioclens::refang("[MailTo]:soc[@]evil[.]com"),
        "MailTo:soc@evil.com"
    );
}

/// Survey variant 9, Cisco ESA style: spaces after "://", around the host's dots and before the
/// path. Only after an http-like scheme's "://" followed by a space (never in prose), and only
/// when the host ends in a known top-level domain.
#[test]
fn cisco_esa_spaced_urls() {
    check_table(&[
        (
            "http:// example .com /test",
            "|url:http://example.com/test|",
        ),
        (
            "see hxxp:// evil . example . com /p/x.php now",
            "see |url:http://evil.example.com/p/x.php| now",
        ),
        ("http:// evil.com /a", "|url:http://evil.com/a|"),
        ("ftp:// files .corp .ru", "|url:ftp://files.corp.ru|"),
        // Not a URL: no known TLD, or prose after the separator.
        ("http:// the end . Next", "http:// the end . Next"),
        ("http:// nothing here", "http:// nothing here"),
    ]);
}
