//! Allowlists: known-benign values that are flagged `allowlisted` (never dropped; the fronts hide
//! them by default). Entries are exact values, domain suffixes, CIDR networks, substrings and
//! regexes; MISP warninglist `list.json` files load into the same structure.
//!
//! Text syntax, one entry per line (`--allow FILE`, the extension's options page):
//!
//! ```text
//! # comment
//! 8.8.8.8              exact value (any type, case-insensitive)
//! *.example.com        the domain and every subdomain (also: .example.com)
//! 10.0.0.0/8           a network: addresses and networks inside it
//! /^https?://intranet\./   a regex over the value
//! ```

use crate::error::Error;
use crate::matches::Kind;
use crate::types::IocType;
use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A set of benign values.
#[derive(Clone, Debug, Default)]
pub struct Allowlist {
    exact: HashSet<String>,
    suffixes: HashSet<String>,
    v4: Vec<(u32, u8)>,
    v6: Vec<(u128, u8)>,
    substrings: Vec<String>,
    regexes: Vec<regex_lite::Regex>,
}

fn mask4(len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - len as u32)
    }
}
fn mask6(len: u8) -> u128 {
    if len == 0 {
        0
    } else {
        u128::MAX << (128 - len as u32)
    }
}

fn parse_net(s: &str) -> Option<(IpAddr, u8)> {
    let (a, l) = s.split_once('/')?;
    let ip: IpAddr = a.trim().parse().ok()?;
    let len: u8 = l.trim().parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    (len <= max).then_some((ip, len))
}

/// The built-in default list: MISP's `security-provider-blogpost` warninglist (CC0) minus hosting platforms (scripts/gen_builtin_allowlist.py). Links to
/// security vendors' own articles are references in a report, never indicators.
const VENDOR_BLOGS: &str = include_str!("../data/warninglists/vendor-blogs.json");

/// `/pattern/flags` (PCRE style) → `(?flags)pattern`; a bare pattern is kept.
fn pcre_to_regex(item: &str) -> String {
    if let Some(body) = item.strip_prefix('/') {
        if let Some(end) = body.rfind('/') {
            let flags: String = body[end + 1..]
                .chars()
                .filter(|c| matches!(c, 'i' | 'm' | 's' | 'x'))
                .collect();
            let pat = &body[..end];
            return if flags.is_empty() {
                pat.to_string()
            } else {
                format!("(?{flags}){pat}")
            };
        }
    }
    item.to_string()
}

/// A MISP warninglist as far as it is read: `type` and `list` (other fields ignored). Typed rather
/// than a `serde_json::Value`, which kept the whole `Value` deserialiser in the wasm module.
#[derive(serde::Deserialize)]
struct MispList {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    list: Option<Vec<MispItem>>,
}

/// One list item: a string, or anything else, which is skipped (as before).
struct MispItem(Option<String>);

impl<'de> serde::Deserialize<'de> for MispItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = MispItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list item")
            }
            fn visit_str<E>(self, v: &str) -> Result<MispItem, E> {
                Ok(MispItem(Some(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<MispItem, E> {
                Ok(MispItem(Some(v)))
            }
            fn visit_bool<E>(self, _: bool) -> Result<MispItem, E> {
                Ok(MispItem(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<MispItem, E> {
                Ok(MispItem(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<MispItem, E> {
                Ok(MispItem(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<MispItem, E> {
                Ok(MispItem(None))
            }
            fn visit_unit<E>(self) -> Result<MispItem, E> {
                Ok(MispItem(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<MispItem, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(MispItem(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<MispItem, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(MispItem(None))
            }
        }
        d.deserialize_any(V)
    }
}

impl Allowlist {
    /// An empty allowlist.
    pub fn new() -> Self {
        Self::default()
    }

    /// The built-in defaults (security vendors' blog domains), which every front uses unless
    /// switched off (`builtin_allowlist: false`, `--no-builtin-allowlist`).
    pub fn builtin() -> Self {
        let mut a = Self::new();
        a.add_misp_json(VENDOR_BLOGS)
            .expect("embedded warninglist parses");
        a
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
            && self.suffixes.is_empty()
            && self.v4.is_empty()
            && self.v6.is_empty()
            && self.substrings.is_empty()
            && self.regexes.is_empty()
    }

    /// Adds one entry in the text syntax (see the module docs). Blank lines and comments are ignored.
    pub fn add(&mut self, entry: &str) -> Result<(), Error> {
        let e = entry.trim();
        if e.is_empty() || e.starts_with('#') {
            return Ok(());
        }
        if e.len() >= 2 && e.starts_with('/') && e.ends_with('/') {
            return self.add_regex(&e[1..e.len() - 1]);
        }
        if let Some(s) = e.strip_prefix("*.").or_else(|| e.strip_prefix('.')) {
            self.add_suffix(s);
            return Ok(());
        }
        if e.contains('/') {
            if let Some(net) = parse_net(e) {
                self.add_net(net);
                return Ok(());
            }
        }
        self.add_exact(e);
        Ok(())
    }

    /// Adds every line of a text in the entry syntax; errors name the line.
    pub fn add_text(&mut self, text: &str) -> Result<(), Error> {
        for (n, line) in text.lines().enumerate() {
            self.add(line)
                .map_err(|e| Error::BadAllowlist(format!("line {}: {e}", n + 1)))?;
        }
        Ok(())
    }

    /// Adds an exact value (compared case-insensitively; refanged values).
    pub fn add_exact(&mut self, v: &str) {
        self.exact.insert(v.trim().to_lowercase());
    }

    /// Adds a domain suffix: the domain itself and all its subdomains.
    pub fn add_suffix(&mut self, d: &str) {
        self.suffixes
            .insert(d.trim().trim_matches('.').to_ascii_lowercase());
    }

    /// Adds a substring (any value containing it, case-insensitive).
    pub fn add_substring(&mut self, s: &str) {
        if !s.is_empty() {
            self.substrings.push(s.to_lowercase());
        }
    }

    /// Adds a regex over values (`regex` syntax as `regex-lite` takes it: linear time, ASCII-only
    /// classes and case folding, no `\p{..}`).
    pub fn add_regex(&mut self, pattern: &str) -> Result<(), Error> {
        let re = regex_lite::RegexBuilder::new(pattern)
            .size_limit(4 << 20)
            .build()
            .map_err(|e| Error::BadAllowlist(format!("bad regex {pattern:?}: {e}")))?;
        self.regexes.push(re);
        Ok(())
    }

    fn add_net(&mut self, (ip, len): (IpAddr, u8)) {
        match ip {
            IpAddr::V4(a) => self.v4.push((u32::from(a) & mask4(len), len)),
            IpAddr::V6(a) => self.v6.push((u128::from(a) & mask6(len), len)),
        }
    }

    /// Loads a MISP warninglist (`list.json`: `{"type": "string|substring|hostname|cidr|regex",
    /// "list": [...]}`). Returns the number of entries added.
    pub fn add_misp_json(&mut self, json: &str) -> Result<usize, Error> {
        let w: MispList = serde_json::from_str(json)
            .map_err(|e| Error::BadAllowlist(format!("not a MISP warninglist: {e}")))?;
        let kind = w.kind.as_deref().unwrap_or("string");
        let list = w
            .list
            .ok_or_else(|| Error::BadAllowlist("MISP warninglist has no \"list\" array".into()))?;
        let mut n = 0;
        for item in list.iter().filter_map(|x| x.0.as_deref()) {
            match kind {
                "cidr" => match parse_net(item).or_else(|| {
                    let ip: IpAddr = item.trim().parse().ok()?;
                    Some((ip, if ip.is_ipv4() { 32 } else { 128 }))
                }) {
                    Some(net) => self.add_net(net),
                    None => continue,
                },
                "hostname" => self.add_suffix(item),
                "substring" => self.add_substring(item),
                "regex" => {
                    // MISP regexes are PCRE, often "/pattern/flags"; ones the linear engine cannot
                    // take (look-around, back-references) are skipped.
                    if self.add_regex(&pcre_to_regex(item)).is_err() {
                        continue;
                    }
                }
                _ => self.add_exact(item),
            }
            n += 1;
        }
        Ok(n)
    }

    fn ip_listed(&self, ip: IpAddr, len: u8) -> bool {
        match ip {
            IpAddr::V4(a) => {
                let x = u32::from(a);
                self.v4
                    .iter()
                    .any(|&(net, l)| l <= len && x & mask4(l) == net)
            }
            IpAddr::V6(a) => {
                let x = u128::from(a);
                self.v6
                    .iter()
                    .any(|&(net, l)| l <= len && x & mask6(l) == net)
            }
        }
    }

    fn domain_listed(&self, d: &str) -> bool {
        let mut rest = d;
        loop {
            if self.suffixes.contains(rest) {
                return true;
            }
            match rest.find('.') {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
    }

    /// Whether a value of the given type is allowlisted.
    pub fn contains(&self, kind: &Kind, value: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let lower = value.to_lowercase();
        if self.exact.contains(&lower)
            || self.substrings.iter().any(|s| lower.contains(s.as_str()))
            || self.regexes.iter().any(|r| r.is_match(value))
        {
            return true;
        }
        let host = match kind.builtin() {
            Some(IocType::Domain) => Some(lower.as_str()),
            Some(IocType::Email) => lower.rsplit_once('@').map(|(_, d)| d),
            Some(IocType::Url) => {
                let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
                let auth = rest.split(['/', '?', '#']).next().unwrap_or("");
                let hostport = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
                Some(if let Some(v6) = hostport.strip_prefix('[') {
                    v6.split(']').next().unwrap_or("")
                } else {
                    hostport.split(':').next().unwrap_or("")
                })
            }
            Some(IocType::Ipv4 | IocType::Ipv6) => Some(lower.as_str()),
            Some(IocType::Cidr) => {
                return parse_net(&lower).is_some_and(|(ip, len)| self.ip_listed(ip, len));
            }
            _ => None,
        };
        let Some(host) = host else { return false };
        if self.exact.contains(host) {
            return true;
        }
        if let Ok(ip) = host.parse::<Ipv4Addr>() {
            return self.ip_listed(IpAddr::V4(ip), 32);
        }
        if let Ok(ip) = host.parse::<Ipv6Addr>() {
            return self.ip_listed(IpAddr::V6(ip), 128);
        }
        self.domain_listed(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(t: IocType) -> Kind {
        Kind::Builtin(t)
    }

    #[test]
    fn text_entries() {
        let mut a = Allowlist::new();
        a.add_text(
            "# benign\n8.8.8.8\n*.example.com\n10.0.0.0/8\n/^https://intranet\\./\n\n2001:db8::/32",
        )
        .unwrap();
        assert!(a.contains(&k(IocType::Ipv4), "8.8.8.8"));
        assert!(a.contains(&k(IocType::Ipv4), "10.1.2.3"));
        assert!(!a.contains(&k(IocType::Ipv4), "11.1.2.3"));
        assert!(a.contains(&k(IocType::Domain), "example.com"));
        assert!(a.contains(&k(IocType::Domain), "a.b.example.com"));
        assert!(!a.contains(&k(IocType::Domain), "badexample.com"));
        assert!(a.contains(&k(IocType::Url), "http://www.example.com/x"));
        assert!(a.contains(&k(IocType::Url), "https://intranet.corp/x"));
        assert!(a.contains(&k(IocType::Email), "bob@mail.example.com"));
        assert!(a.contains(&k(IocType::Ipv6), "2001:db8::1"));
        assert!(a.contains(&k(IocType::Cidr), "10.2.0.0/16"));
        assert!(!a.contains(&k(IocType::Cidr), "0.0.0.0/0"));
        assert!(a.contains(&k(IocType::Url), "http://10.0.0.5:8080/a"));
    }

    #[test]
    fn misp_lists() {
        let mut a = Allowlist::new();
        let n = a
            .add_misp_json(r#"{"name":"x","type":"hostname","list":["google.com","gstatic.com"]}"#)
            .unwrap();
        assert_eq!(n, 2);
        assert!(a.contains(&k(IocType::Domain), "www.google.com"));
        a.add_misp_json(r#"{"type":"cidr","list":["192.168.0.0/16","1.1.1.1"]}"#)
            .unwrap();
        assert!(
            a.contains(&k(IocType::Ipv4), "192.168.4.4")
                && a.contains(&k(IocType::Ipv4), "1.1.1.1")
        );
        a.add_misp_json(r#"{"type":"substring","list":["bit.ly/"]}"#)
            .unwrap();
        assert!(a.contains(&k(IocType::Url), "https://bit.ly/abc"));
        assert!(a.add_misp_json("{}").is_err());
        assert!(a.add_misp_json("not json").is_err());
    }

    #[test]
    fn builtin_flags_vendor_article_links_only() {
        let a = Allowlist::builtin();
        assert!(a.contains(
            &k(IocType::Url),
            "https://www.welivesecurity.com/2023/05/25/x/"
        ));
        assert!(!a.contains(&k(IocType::Url), "https://evil.example.net/x"));
        assert!(!a.contains(&k(IocType::Domain), "example.com"));
    }

    #[test]
    fn bad_regex_is_an_error() {
        let mut a = Allowlist::new();
        let e = a.add("/(unclosed/").unwrap_err();
        assert!(e.to_string().contains("bad regex"), "{e}");
    }
}
