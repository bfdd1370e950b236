//! Inputs the cargo-fuzz targets (fuzz/) found, minimised, as plain tests.
#![cfg(not(target_arch = "wasm32"))]

use ioclens::{defang, refang, Extractor, TypeSet};

fn pairs(text: &str) -> Vec<(String, String)> {
    Extractor::builder()
        .types(TypeSet::all())
        .build()
        .extract(text)
        .into_iter()
        .map(|m| (m.kind.to_string(), m.value))
        .collect()
}

/// fang_roundtrip (found from "url.orps[://]cdn-update[.]lantern-sync[.]com/a[:][:]check"):
/// a scheme with `+`, `-` or `.`, or with digits, defangs to `[git+ssh]://`; refang used to leave
/// it bracketed, so extracting the defanged export gave `evil.com/x`: the scheme was lost.
#[test]
fn schemes_with_punctuation_round_trip_through_defang() {
    for v in [
        "itshas13335ttps://host138.line-c2.net",
        "git+ssh://evil.com/x",
        "url.orps://cdn.example.com/a",
        "h-t://evil.com/x",
    ] {
        let ms = pairs(v);
        assert_eq!(ms, vec![("url".to_string(), v.to_string())], "{v} alone");
        let d = defang(&ioclens::Kind::Builtin(ioclens::IocType::Url), v);
        assert_eq!(refang(&d), v, "refang({d:?})");
        assert_eq!(pairs(&d), ms, "extracting {d:?}");
    }
}

/// The same round trip holds for the common schemes and short letter-only ones (so the ignored
/// test above shows the gap, not a broken test).
#[test]
fn common_schemes_round_trip_through_defang() {
    for v in [
        "ab://evil.com/x",
        "https://evil.com/x",
        "ftp://files.bad.com/a.zip",
    ] {
        let ms = pairs(v);
        assert_eq!(ms, vec![("url".to_string(), v.to_string())], "{v} alone");
        let d = defang(&ioclens::Kind::Builtin(ioclens::IocType::Url), v);
        assert_eq!(refang(&d), v, "refang({d:?})");
        assert_eq!(pairs(&d), ms, "extracting {d:?}");
    }
}

/// Whether `v` (of type `t`) survives the defanged export: defanging is idempotent, refanging
/// gives `v` back, and extracting the defanged form finds `v` alone.
fn round_trip_failure(t: ioclens::IocType, v: &str) -> Option<String> {
    use ioclens::Kind;
    let d = defang(&Kind::Builtin(t), v);
    if defang(&Kind::Builtin(t), &d) != d {
        return Some(format!("{v:?}: defang is not idempotent ({d:?})"));
    }
    let got = (refang(&d), pairs(&d));
    (got != (v.to_string(), vec![(t.to_string(), v.to_string())]))
        .then(|| format!("{v:?} -> {d:?} -> {got:?}"))
}

/// fang_roundtrip: values whose defanged form did not come back through refang (fixed in
/// src/fang.rs). An IPv6 address ending in `::` defangs to `2001[:]db8[:][:]`, which refang read
/// as `2001:db8:[:]`; `::` in a URL path was read back as `:[:]`; `[.]` before an underscore label
/// stayed bracketed; a nested URL's dotted scheme `[c.tp]://` and `[mailto]:` stayed bracketed.
#[test]
fn odd_values_round_trip_through_defang() {
    use ioclens::IocType;
    let failures: Vec<String> = [
        (IocType::Ipv6, "2001:db8::"),
        (IocType::Ipv6, "fe80::"),
        // "::" in a path is defanged as if it were an IPv6 address.
        (IocType::Url, "https://evil.example/pa((::((](th"),
        // Underscore labels.
        (
            IocType::Domain,
            "inside.vil.______________________________evil-rlk.com",
        ),
        // A nested URL whose scheme has a dot.
        (IocType::Url, "http://b.test/?u=hptt/:/c.tp://c.test"),
        // "mailto:" in a path defangs to "[mailto]:", which refang left bracketed.
        (IocType::Url, "a.test/mailto:rule"),
    ]
    .into_iter()
    .filter_map(|(t, v)| round_trip_failure(t, v))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// fang_roundtrip: values the *defang* side (src/export/defang.rs) did not write in a form that
/// comes back (fixed there; spec rows in tests/export_defang.rs). A URL whose query holds a broken
/// nested URL (`…?url=http://evil[.//`) defanged to `…evil[[.]//`: refang reads `[.]` only
/// between label characters, so such a dot now stays plain. Two `@` in a query, or `://` after an
/// e-mail address in it: the second defang pass defanged what the first left live
/// (`exampl@evil.come`, `exampl://` after `[.]`); now every `@` is defanged in one pass and a
/// scheme is looked for after the character a token stands for. A nested URL's host ending in a
/// dot (`c.//`) and a nested scheme after `)` or spelt like another (`meow`) are left plain.
#[test]
fn defang_side_round_trip_gaps() {
    use ioclens::IocType;
    let failures: Vec<String> = [
        (IocType::Url, "http://example.com/r?url=http://evil[.//"),
        (
            IocType::Url,
            "http://example.com/?contact=abuse@evil.exampl@evil.come",
        ),
        (
            IocType::Url,
            "http://example.com/?contact=abuse@evil.exampl://",
        ),
        // A nested URL's host ending in a dot: "c." used to defang to "c[.]", not read back.
        (IocType::Url, "b.test/?u=http://c.//a.everynput"),
        // A nested "meow://" after ")" used to defang to ")[meow]://": refang reads no bracketed
        // scheme after ")" (and would read "meow" as a spelling of "http" anyway).
        (IocType::Url, "ync.com/gate.pa6iY].(dot)meow://host"),
    ]
    .into_iter()
    .filter_map(|(t, v)| round_trip_failure(t, v))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// fang_roundtrip (crash-f700c0aa…, once the skips above were gone): an `@` before something
/// refang does not read `[@]` before (a dot) was bracketed in a nested URL's userinfo
/// (`…Aw://8@.Aw://82` → `8[@].Aw`) and stayed bracketed after refang. Such an `@` stays plain.
#[test]
fn at_sign_before_a_dot_round_trips() {
    use ioclens::IocType;
    let failures: Vec<String> = [
        (
            IocType::Url,
            "hhxxpe.aw://82.ehxxpe.aw://82.e@.Aw://8@.Aw://82",
        ),
        (IocType::Url, "http://a.test/?u=http://x@.y/z"),
    ]
    .into_iter()
    .filter_map(|(t, v)| round_trip_failure(t, v))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// fang_roundtrip: a nested scheme before more than two slashes (`…pa((((((ma.o://////////`)
/// was bracketed, and refang folds `[ma.o]:////…` into `ma.o://`, dropping the extra slashes.
/// Such a scheme stays plain.
#[test]
fn scheme_before_extra_slashes_round_trips() {
    use ioclens::IocType;
    let failures: Vec<String> = [
        (IocType::Url, "hevil.example/pa((((((ma.o://////////"),
        (IocType::Url, "a.test/x?u=git:///evil.test/y"),
    ]
    .into_iter()
    .filter_map(|(t, v)| round_trip_failure(t, v))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// fang_roundtrip: a nested URL's host with a percent-encoded dot (`…med://Vnu%2eEk7K`) was
/// defanged to `Vnu[.]Ek7K` (the draft's rule for a URL's own host), which refang reads as a plain
/// dot. Nested hosts keep `%2e`: the extractor finds percent-encoded hosts only nested.
#[test]
fn percent_encoded_dot_in_a_nested_host_round_trips() {
    use ioclens::IocType;
    let failures: Vec<String> = [
        (
            IocType::Url,
            "example.com/r?url=\u{fffd}http]-//evil.exa.med://VnuSDfCYhriJ3u%2eEk7K\u{fffd}rule",
        ),
        (IocType::Url, "http://a.com/?u=http://b%2Ec.com/"),
    ]
    .into_iter()
    .filter_map(|(t, v)| round_trip_failure(t, v))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// fang_roundtrip: a bracketed scheme refang left in the value (`…?u=(dot)[http]://c.test`: none
/// is read after `)`) lost its brackets when defang chose not to bracket there. Kept as written.
#[test]
fn bracketed_scheme_refang_left_is_kept() {
    use ioclens::IocType;
    let v = "http://b.test/?u=http://st/?u=(dot)[http]://c.test";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: an `@` right after a `[.]` refang had left in the value (`…][.]@evil.com`, from
/// a 400-byte run of brackets) was bracketed as if the `[.]` were a dot; refang, which sees `]`
/// there, left `[@]` bracketed. An `@` is bracketed only after a local-part character as written.
#[test]
fn at_sign_after_an_unread_token_round_trips() {
    use ioclens::IocType;
    let v = "a.test/?u=x][.]@evil.com";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: a nested URL's bracketed host that is no IPv6 address
/// (`http://[63:ff9b:．b::198.51.100.1]/`, a fullwidth dot) had every colon bracketed; refang
/// reads no `[:]` before the fullwidth dot. Only a literal that parses is defanged as an address.
#[test]
fn bracketed_host_that_is_no_address_round_trips() {
    use ioclens::IocType;
    // (Runs of 9 or more `(` before a dot: refang reads up to 8 as a wrapped dot.)
    let v = "evil.example/pa(((((((((((((*((((((.onion(((((((((((((((((((((http://[63:ff9b:\u{ff0e}b::198.51.100.1]/";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: `::` before a nested scheme (`*-::l.hhxxpe.Aw://`) was left alone, the scheme
/// bracketed; a second pass then read `::` before `[` as an IPv6 address (not idempotent).
#[test]
fn double_colon_before_a_bracketed_scheme_is_idempotent() {
    use ioclens::IocType;
    let v = "l.net/*-::l.hhxxpe.Aw://82.ehxxpe.Aw://8\u{fffd}\u{fffd}a";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: `::` before `//` in a query (`?u=[h:tp]:://x`) was defanged as an IPv6
/// address, `[:][:]//`; refang reads the last `[:]//` as a scheme separator and leaves it.
#[test]
fn double_colon_before_slashes_round_trips() {
    use ioclens::IocType;
    let v = "httt://b.test/?u=[h:tp]:://x";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: an address whose domain runs into `://` (`pa@evil.comper-ls://paste`) was
/// defanged as an address, `[@]evil[.]comper-ls://`; a second pass read `ls://` after the `-` as
/// a scheme. A name before `://` is a nested URL's scheme, not a domain.
#[test]
fn address_running_into_a_scheme_separator_is_idempotent() {
    use ioclens::IocType;
    let failures: Vec<String> = [
        "indmple.com/blog/pa@evil.comper-ls://paste/blog/x",
        "http://example.com/?contact=abuse@evil.comper-ls://paste",
    ]
    .into_iter()
    .filter_map(|v| round_trip_failure(IocType::Url, v))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// fang_roundtrip: a nested scheme right after a backslash (`Publ\svchost31.p://…`) was
/// bracketed, `\[svchost31.p]://`; refang then no longer saw the backslash-letter that makes a
/// later `\.` a path separator (`91fcxpo\.ms`), and read that as a dot.
#[test]
fn scheme_after_a_backslash_stays_plain() {
    use ioclens::IocType;
    let v = "1.2.3.4/Publ\\svchost31.p://91.92.://91fcxpo\\.ms";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: a value may hold a `[://]` refang did not read (`…．1.med[://]AAtedt`: the
/// scheme word before it, `1.med`, starts with a digit). Defanging the host dot (`1[.]med[://]`)
/// made refang read it, because a scheme word reaching back into an earlier replacement skipped
/// the letter-first check; now both paths check it.
#[test]
fn unread_bracketed_separator_after_a_defanged_dot() {
    use ioclens::IocType;
    let v = "example.com/r-?url=\u{fffd}http://evil[.]\u{ff0e}1.med[://]AAtedt";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: a nested URL whose authority is `::` before `//` (`?u=http://:://-`) had it
/// defanged as an IPv6 address, `[:][:]//`; refang reads the last `[:]//` as a separator.
#[test]
fn double_colon_authority_before_slashes_round_trips() {
    use ioclens::IocType;
    let v = "pnpu.test/?x=1-?u=http://:://-/////())iSst-?u=http://tiest";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}

/// fang_roundtrip: a nested authority that is an IPv6 address with a zone holding a dot
/// (`://e:db8::1%e-c2.net`) keeps its zone verbatim; a second pass did not see the defanged
/// address as one and defanged the zone's dot (not idempotent).
#[test]
fn ipv6_authority_with_a_dotted_zone_is_idempotent() {
    use ioclens::IocType;
    let v = "d89.epe.aw://e.aw:/HHK\u{fffd}epe.Aw://e:db8::1%e-c2.net";
    assert_eq!(round_trip_failure(IocType::Url, v), None);
}
