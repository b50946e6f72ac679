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

/// How deeply elements may nest before a page is read as text with its
/// tags removed: the HTML parser's cost grows with the square of the depth
/// (100,000 nested `<div>`s take minutes), and no real page nests this deep.
pub(crate) const MAX_DEPTH: usize = 512;

/// Reads an HTML page; a warning when it nested too deeply to parse.
pub(crate) fn parse_checked(text: &str) -> (Draft, Option<String>) {
    let depth = nesting_depth(text);
    if depth <= MAX_DEPTH {
        return (parse(text), None);
    }
    let draft = Draft { body: Some(tidy(&strip_tags(text))), ..Draft::default() };
    (draft, Some(format!("elements nest {depth} deep, more than {MAX_DEPTH}; read as text with the tags removed")))
}

/// The deepest nesting of elements, as a quick scan of the tags sees it
/// (elements that need no end tag are not counted).
fn nesting_depth(text: &str) -> usize {
    const OPEN_ENDED: [&str; 28] = [
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "html", "head", "body", "br", "img", "hr", "meta", "link", "input", "col",
        "wbr",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        at += found + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let end = bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| start + n);
        if end == start {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if OPEN_ENDED.contains(&name.as_str()) || matches!(name.as_str(), "source" | "area" | "base" | "embed" | "param" | "track") {
            continue;
        }
        let self_closing = bytes[end..].iter().position(|&b| b == b'>').is_some_and(|n| n > 0 && bytes[end + n - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
        at = end;
    }
    deepest
}

/// The text of a page with its tags, scripts and styles removed, block
/// edges marked as [`visible_text`] marks them.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = text[at..].find('<') {
        out.push_str(&text[at..at + found]);
        let tag_start = at + found;
        let Some(close) = text[tag_start..].find('>') else {
            at = text.len();
            break;
        };
        at = tag_start + close + 1;
        for hidden in ["script", "style"] {
            if lower[tag_start + 1..].starts_with(hidden) {
                at = lower[at..].find(&format!("</{hidden}")).map_or(text.len(), |n| at + n);
            }
        }
        out.push('\u{1}');
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

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
/// which [`tidy`] turns into blank lines. The tree is walked with a loop,
/// not recursion: a page of 100,000 nested elements (a scraped page can be
/// anything) must not overflow the stack.
fn visible_text(element: ElementRef<'_>, out: &mut String, preformatted: bool) {
    use ego_tree::iter::Edge;
    // Open hidden elements and open `<pre>`s around the current node.
    let (mut hidden, mut pre) = (0usize, usize::from(preformatted));
    for edge in element.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) if hidden > 0 => hidden += usize::from(HIDDEN.contains(&element.name())),
                Node::Element(element) => {
                    let name = element.name();
                    if HIDDEN.contains(&name) {
                        hidden += 1;
                    } else if name == "br" {
                        out.push('\u{2}');
                    } else {
                        pre += usize::from(name == "pre");
                        if BLOCKS.contains(&name) {
                            out.push('\u{1}');
                        }
                    }
                }
                Node::Text(text) if hidden == 0 => {
                    if pre > 0 {
                        out.push_str(&text.replace('\n', "\u{2}"));
                    } else {
                        out.push_str(text);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if HIDDEN.contains(&name) {
                        hidden -= 1;
                    } else if hidden == 0 && name != "br" {
                        pre -= usize::from(name == "pre");
                        if BLOCKS.contains(&name) {
                            out.push('\u{1}');
                        }
                    }
                }
            }
        }
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

    /// Hidden elements inside hidden ones, and `<pre>` inside a block.
    #[test]
    fn nested_hidden_and_preformatted() {
        let draft = parse("<body><div>a<script>x<style>y</style>z</script>b</div><pre>one\ntwo</pre><p>c</p></body>");
        assert_eq!(draft.body.as_deref(), Some("ab\n\none\ntwo\n\nc"));
    }

    /// 100,000 nested elements used to recurse once per level and overflow
    /// the stack (the build died with no file named); parsing them at all
    /// takes minutes, so past [`MAX_DEPTH`] the tags are removed instead.
    #[test]
    fn deeply_nested_html_is_bounded() {
        let depth = 100_000;
        let page = format!("<html><body>{}deep<script>x()</script>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let (draft, warning) = parse_checked(&page);
        assert_eq!(draft.body.as_deref(), Some("deep"));
        assert_eq!(warning.unwrap(), "elements nest 100001 deep, more than 512; read as text with the tags removed");
        // Just under the bound the parser walks it, without recursion.
        let page = format!("{}under{}", "<div>".repeat(MAX_DEPTH - 1), "</div>".repeat(MAX_DEPTH - 1));
        let (draft, warning) = parse_checked(&page);
        assert_eq!((draft.body.as_deref(), warning), (Some("under"), None));
        assert_eq!(nesting_depth("<p>a<p>b<br><img src=x/><div><span/>c</div>"), 1);
    }
}
