//! The publisher's own contact address is not an indicator.
//!
//! Vendor IOC lists end with lines such as "If you find false-positives … contact us at:
//! threatintel@eset.com" (ESET's malware-ioc repository, in every report). The address belongs
//! to the author ("us"), so it is flagged `contact` (and `allowlisted`, which the fronts hide by
//! default) instead of being lost. Ransom notes quoted in reports say "contact us at" too, but
//! their addresses are on free or anonymous mail services (`lockbit2023@proton.me`,
//! `decservice@ukr.net`), where no vendor keeps its contact address: those stay indicators.

/// Phrases by which a text offers its own contact address, written in lowercase.
const PHRASES: &[&str] = &[
    "contact us",
    "reach us",
    "email us",
    "e-mail us",
    "mail us",
    "write to us",
    "reach out to us",
    "get in touch",
];

/// Free and anonymous mail services (the domains ransom notes and actors use). A contact phrase
/// before an address on one of these is an attacker's, not the publisher's.
const WEBMAIL: &[&str] = &[
    "163.com",
    "126.com",
    "aol.com",
    "cock.li",
    "cyberfear.com",
    "dnmx.org",
    "firemail.cc",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hotmail.com",
    "icloud.com",
    "inbox.ru",
    "keemail.me",
    "list.ru",
    "live.com",
    "mail.com",
    "mail.ru",
    "mailfence.com",
    "msgsafe.io",
    "onionmail.org",
    "outlook.com",
    "post.cz",
    "proton.me",
    "protonmail.ch",
    "protonmail.com",
    "qq.com",
    "rambler.ru",
    "secmail.pro",
    "seznam.cz",
    "tuta.io",
    "tutamail.com",
    "tutanota.com",
    "tutanota.de",
    "ukr.net",
    "yahoo.com",
    "yandex.com",
    "yandex.ru",
    "zohomail.com",
];

/// How far back the phrase may be: "contact us at: " is 15 bytes, "please contact us by e-mail
/// at " about 30; a window of a sentence's tail, not of a paragraph.
const WINDOW: usize = 48;

/// Whether the address at `start` in `text`, with the (lowercase) `domain`, is offered as the
/// text's own contact. Bounded work: at most `WINDOW` bytes are read.
pub(crate) fn offered_as_contact(text: &str, start: usize, domain: &str) -> bool {
    if WEBMAIL.contains(&domain) {
        return false;
    }
    let mut from = start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    // Only the current sentence: "… our blog. Contact us …" may not reach across a line.
    let tail = before
        .rfind(['\n', '!', '?'])
        .map_or(before, |i| &before[i + 1..]);
    let tail = tail.to_ascii_lowercase();
    PHRASES.iter().any(|p| tail.contains(p))
}
