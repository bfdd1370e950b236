//! HTML to the text a browser shows: parsed by html5ever (through `scraper`, the same parsing
//! rules as browsers), then script, style, template, `<head>` and `hidden` content dropped,
//! whitespace collapsed outside `<pre>`, and line breaks at block edges so that IOCs in
//! neighbouring cells or paragraphs never run together, while inline markup inside one IOC
//! (`evil<b>[.]</b>com`) joins up as it does on screen.

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never rendered as text.
const INVISIBLE: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "audio",
    "video", "canvas", "map", "datalist", "title",
];

/// Elements that start on a new line.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose whitespace is shown as written.
const PREFORMATTED: &[&str] = &["pre", "textarea", "listing", "plaintext", "xmp"];

fn hidden(el: &scraper::node::Element) -> bool {
    if INVISIBLE.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The visible text of an HTML document.
pub fn visible_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    // An explicit stack instead of recursion: nesting depth is attacker-controlled.
    let root = doc.root_element();
    let mut stack = vec![(root.children(), Layout::of(root.value().name(), false))];
    out.push('\n');
    while let Some((children, layout)) = stack.last_mut() {
        let layout = *layout;
        let Some(node) = children.next() else {
            stack.pop();
            layout.close(&mut out);
            continue;
        };
        match node.value() {
            Node::Text(t) => push_text(&mut out, t, layout.pre),
            Node::Element(el) if !hidden(el) => {
                let name = el.name();
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                let inner = Layout::of(name, layout.pre);
                inner.open(&mut out);
                if let Some(e) = ElementRef::wrap(node) {
                    stack.push((e.children(), inner));
                }
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

#[derive(Clone, Copy)]
struct Layout {
    block: bool,
    cell: bool,
    pre: bool,
}

impl Layout {
    fn of(name: &str, pre_outside: bool) -> Self {
        Layout {
            block: BLOCK.contains(&name),
            cell: matches!(name, "td" | "th"),
            pre: pre_outside || PREFORMATTED.contains(&name),
        }
    }
    fn open(self, out: &mut String) {
        if self.block {
            newline(out);
        }
    }
    fn close(self, out: &mut String) {
        if self.block {
            newline(out);
        } else if self.cell {
            out.push('\t');
        }
    }
}

fn newline(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_text(out: &mut String, t: &str, pre: bool) {
    if pre {
        out.push_str(t);
        return;
    }
    // HTML collapses runs of ASCII whitespace (not U+00A0) to one space.
    let mut space = out.ends_with([' ', '\n', '\t']);
    for c in t.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::visible_text;

    #[test]
    fn drops_invisible_content_and_separates_blocks() {
        let html = r#"<!doctype html><html><head><title>t.example.com</title>
            <style>.a{background:url(http://style.example.org/x.png)}</style></head>
            <body><script>var c2 = "10.9.9.9";</script>
            <p>C2: evil<b>[.]</b>com</p><div>1.2.3.4</div><div>5.6.7.8</div>
            <table><tr><td>a.com</td><td>b.com</td></tr></table>
            <div hidden>hidden.example.net</div><span style="display: none">x.org</span>
            <pre>line1
  line2</pre><!-- comment.example.org --><p>a &amp; b&nbsp;c</p></body></html>"#;
        let text = visible_text(html);
        for gone in [
            "10.9.9.9",
            "style.example",
            "t.example.com",
            "hidden.example",
            "x.org",
            "comment.",
        ] {
            assert!(!text.contains(gone), "{gone} in {text:?}");
        }
        assert!(text.contains("C2: evil[.]com\n"), "{text:?}");
        assert!(text.contains("1.2.3.4\n5.6.7.8"), "{text:?}");
        assert!(text.contains("a.com\tb.com"), "{text:?}");
        assert!(text.contains("line1\n  line2"), "{text:?}");
        assert!(text.contains("a & b\u{a0}c"), "{text:?}");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = format!(
            "{}evil.com{}",
            "<span>".repeat(100_000),
            "</span>".repeat(100_000)
        );
        assert!(visible_text(&html).contains("evil.com"));
    }
}
