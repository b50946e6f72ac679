//! Markdown (`.md`): optional front matter — YAML between `---` lines or
//! TOML between `+++` lines — then Markdown, rendered to the plain text a
//! reader sees (no markup, paragraphs separated by blank lines).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::{Error, ErrorKind};

use super::{Draft, Value};

/// Reads a Markdown file; malformed front matter is an error at its line.
pub(crate) fn parse(text: &str, shown: &str) -> Result<Draft, Error> {
    let mut draft = Draft::default();
    let body = match split_front_matter(text) {
        None => text,
        Some(FrontMatter { fence, content, content_line, body_start }) => {
            draft.fields = match fence {
                "---" => yaml_fields(content, shown, content_line)?,
                _ => toml_fields(content, shown, content_line)?,
            };
            body_start.map_or("", |start| &text[start..])
        }
    };
    let (rendered, heading) = render(body);
    draft.title_hint = heading;
    draft.body = Some(rendered);
    Ok(draft)
}

struct FrontMatter<'a> {
    fence: &'a str,
    content: &'a str,
    /// 1-based line of the content's first line.
    content_line: usize,
    /// Where the Markdown starts, `None` when nothing follows.
    body_start: Option<usize>,
}

fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let first = text.lines().next()?.trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => return None,
    };
    let content_start = text.find('\n').map_or(text.len(), |newline| newline + 1);
    let mut offset = content_start;
    for line in text[content_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (fence == "---" && bare == "...") {
            let end = offset + line.len();
            return Some(FrontMatter {
                fence,
                content: &text[content_start..offset],
                content_line: 2,
                body_start: (end < text.len()).then_some(end),
            });
        }
        offset += line.len();
    }
    // Never closed: say so rather than index the fields as text.
    Some(FrontMatter { fence, content: "", content_line: 0, body_start: None })
}

fn unclosed(shown: &str, fence: &str) -> Error {
    Error::new(ErrorKind::Malformed, format!("front matter opened with `{fence}` on line 1 is never closed"))
        .at_path(shown)
        .at_line(1)
}

fn yaml_fields(content: &str, shown: &str, content_line: usize) -> Result<Vec<(String, Value)>, Error> {
    if content_line == 0 {
        return Err(unclosed(shown, "---"));
    }
    if content.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(content).map_err(|error| {
        let line = error.location().map_or(content_line, |location| content_line + location.line() - 1);
        let message = error.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        Error::new(ErrorKind::Malformed, format!("invalid YAML front matter: {message}")).at_path(shown).at_line(line)
    })?;
    let serde_yaml_ng::Value::Mapping(mapping) = value else {
        return Err(Error::new(ErrorKind::Malformed, "front matter must be a table of `key: value` fields")
            .at_path(shown)
            .at_line(content_line));
    };
    Ok(mapping.into_iter().filter_map(|(key, value)| Some((yaml_text(key)?, yaml_value(value)?))).collect())
}

fn yaml_text(value: serde_yaml_ng::Value) -> Option<String> {
    match value {
        serde_yaml_ng::Value::String(text) => Some(text),
        serde_yaml_ng::Value::Number(number) => Some(number.to_string()),
        serde_yaml_ng::Value::Bool(flag) => Some(flag.to_string()),
        serde_yaml_ng::Value::Tagged(tagged) => yaml_text(tagged.value),
        serde_yaml_ng::Value::Null => None,
        // A nested table or list is kept as JSON text, as JSON records keep
        // theirs, rather than dropped without a word.
        other @ (serde_yaml_ng::Value::Mapping(_) | serde_yaml_ng::Value::Sequence(_)) => {
            Some(serde_json::to_string(&other).unwrap_or_else(|_| format!("{other:?}")))
        }
    }
}

fn yaml_value(value: serde_yaml_ng::Value) -> Option<Value> {
    match value {
        serde_yaml_ng::Value::Sequence(items) => Some(Value::List(items.into_iter().filter_map(yaml_text).collect())),
        other => yaml_text(other).map(Value::Text),
    }
}

fn toml_fields(content: &str, shown: &str, content_line: usize) -> Result<Vec<(String, Value)>, Error> {
    if content_line == 0 {
        return Err(unclosed(shown, "+++"));
    }
    let table: toml::Table = toml::from_str(content).map_err(|error| {
        let line =
            error.span().map_or(content_line, |span| content_line + super::config::line_of(content, span.start) - 1);
        Error::new(
            ErrorKind::Malformed,
            format!("invalid TOML front matter: {}", super::config::one_line(error.message())),
        )
        .at_path(shown)
        .at_line(line)
    })?;
    Ok(table.into_iter().filter_map(|(key, value)| Some((key, toml_value(value)?))).collect())
}

fn toml_value(value: toml::Value) -> Option<Value> {
    Some(match value {
        toml::Value::String(text) => Value::Text(text),
        toml::Value::Array(items) => Value::list(items.into_iter().filter_map(toml_value)),
        // Kept as JSON text, as JSON records keep nested objects.
        table @ toml::Value::Table(_) => Value::Text(serde_json::to_string(&table).unwrap_or_default()),
        toml::Value::Datetime(datetime) => Value::Text(datetime.to_string()),
        other => Value::Text(other.to_string()),
    })
}

/// Markdown → plain text, and the text of the first top-level heading (or
/// the first heading of any level).
fn render(markdown: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(markdown.len());
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut in_heading: Option<(HeadingLevel, String)> = None;
    let break_block = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                break_block(&mut out);
                in_heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = in_heading.take() {
                    let better = heading.as_ref().is_none_or(|(best, _)| level < *best);
                    if better && !text.trim().is_empty() {
                        heading = Some((level, text));
                    }
                }
                break_block(&mut out);
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_)) => {
                break_block(&mut out)
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table,
            ) => break_block(&mut out),
            Event::Start(Tag::Item | Tag::TableRow | Tag::TableHead) => {
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Text(text) | Event::Code(text) => {
                out.push_str(&text);
                if let Some((_, heading_text)) = &mut in_heading {
                    heading_text.push_str(&text);
                }
            }
            Event::SoftBreak => {
                out.push(' ');
                if let Some((_, heading_text)) = &mut in_heading {
                    heading_text.push(' ');
                }
            }
            Event::HardBreak => out.push('\n'),
            Event::Rule => break_block(&mut out),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    (out, heading.map(|(_, text)| text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_plain_text() {
        let (text, heading) = render(
            "# Title *here*\n\nSome **bold** and [a link](http://x).\nNext line.\n\n- one\n- two\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(text, "Title here\n\nSome bold and a link. Next line.\n\none\ntwo\n\ncode\n\na b\n1 2");
        assert_eq!(heading.as_deref(), Some("Title here"));
    }
}
