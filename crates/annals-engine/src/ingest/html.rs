//! HTML (`.html`, `.htm`): the `<title>`, the `<meta name|property>` tags as
//! fields, and the visible text only — scripts, styles, templates and other
//! things a reader never sees are dropped; block elements become paragraph
//! breaks so snippets do not run sentences together.

use scraper::{ElementRef, Html, Node};

use super::{title, Draft, Value};

/// Elements whose content is never shown as text.
const HIDDEN: [&str; 10] =
    ["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "select"];

/// Elements that start a new block of text.
const BLOCKS: [&str; 32] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "form",
    "address",
    "details",
    "summary",
];

/// Reads an HTML page.
pub(crate) fn parse(text: &str) -> Draft {
    let page = Html::parse_document(text);
    let mut draft = Draft::default();
    let mut page_title = None;
    let mut first_h1 = None;
    for element in page.root_element().descendants().filter_map(ElementRef::wrap) {
        match element.value().name() {
            "title" if page_title.is_none() => page_title = Some(title::clean(&element.text().collect::<String>())),
            "h1" if first_h1.is_none() => first_h1 = Some(title::clean(&element.text().collect::<String>())),
            "meta" => {
                let value = element.value();
                let name = value.attr("name").or_else(|| value.attr("property")).or_else(|| value.attr("itemprop"));
                if let (Some(name), Some(content)) = (name, value.attr("content")) {
                    if !content.trim().is_empty() {
                        draft.fields.push((name.to_ascii_lowercase(), Value::Text(content.trim().to_string())));
                    }
                }
            }
            _ => {}
        }
    }
    draft.title_hint = page_title.filter(|t| !t.is_empty()).or(first_h1.filter(|t| !t.is_empty()));
    let mut out = String::with_capacity(text.len() / 2);
    visible_text(page.root_element(), &mut out, false);
    draft.body = Some(tidy(&out));
    draft
}

/// Appends the visible text under `element`; `\u{1}` marks block edges,
/// which [`tidy`] turns into blank lines.
fn visible_text(element: ElementRef<'_>, out: &mut String, preformatted: bool) {
    let name = element.value().name();
    if HIDDEN.contains(&name) {
        return;
    }
    if name == "br" {
        out.push('\u{2}');
        return;
    }
    let block = BLOCKS.contains(&name);
    let preformatted = preformatted || name == "pre";
    if block {
        out.push('\u{1}');
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                if preformatted {
                    out.push_str(&text.replace('\n', "\u{2}"));
                } else {
                    out.push_str(text);
                }
            }
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    visible_text(child, out, preformatted);
                }
            }
            _ => {}
        }
    }
    if block {
        out.push('\u{1}');
    }
}

/// Collapses whitespace inside blocks and separates blocks by blank lines;
/// line breaks inside `<pre>` (marked `\u{2}`) survive.
fn tidy(raw: &str) -> String {
    raw.split('\u{1}')
        .map(|block| {
            let collapsed = block.split_whitespace().collect::<Vec<_>>().join(" ");
            collapsed.replace(" \u{2}", "\u{2}").replace("\u{2} ", "\u{2}").replace('\u{2}', "\n").trim().to_string()
        })
        .filter(|block| !block.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only() {
        let draft = parse(
            "<html><head><title>The  page</title><meta name=\"Date\" content=\"2000-02-09\"><style>p{}</style></head>\
             <body><script>var x = 1;</script><h1>Head</h1><p>One <b>bold</b>\n word.</p><p>Two<br>lines.</p></body></html>",
        );
        assert_eq!(draft.title_hint.as_deref(), Some("The page"));
        assert_eq!(draft.fields, vec![("date".to_string(), Value::Text("2000-02-09".to_string()))]);
        assert_eq!(draft.body.as_deref(), Some("Head\n\nOne bold word.\n\nTwo\nlines."));
    }
}
