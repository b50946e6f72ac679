//! Plain text (`.txt`): the whole file is the document, after an optional
//! header block of `Key: Value` fields.
//!
//! A header block is the run of lines before the first blank line when every
//! one of them starts with `Key:`; a line may hold several fields, as the
//! Monitor files do (`Publication: Monitor Volume: 6 Issue: 28`). Files
//! without such a block keep all their text; their opening lines are still
//! searched for a labelled date (`Updated: 15-May-2001`) and a title line.

use super::dates::{self, Reading, Span};
use super::title;
use super::{Draft, Value};

/// Labels of header lines whose value starts with the document's date.
const DATE_LABELS: [&str; 9] =
    ["date", "dated", "updated", "published", "posted", "created", "issued", "modified", "last updated"];

/// Reads a plain-text file.
pub(crate) fn parse(text: &str) -> Draft {
    let mut draft = Draft::default();
    let body = match header_block(text) {
        Some((fields, body_start)) => {
            draft.fields = fields;
            &text[body_start..]
        }
        None => text,
    };
    draft.title_hint = title::from_header_lines(body);
    draft.header_date = header_date(body);
    draft.body = Some(body.trim_matches('\n').to_string());
    draft
}

/// The `Key: Value` fields of the opening block and where the body starts.
fn header_block(text: &str) -> Option<(Vec<(String, Value)>, usize)> {
    let mut fields = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            return if fields.is_empty() { None } else { Some((fields, offset + line.len())) };
        }
        let pairs = split_fields(content)?;
        // `Note: the meeting was postponed, …` opens prose, not a header.
        if pairs.iter().any(|(_, value)| title::is_prose(value)) {
            return None;
        }
        fields.extend(pairs.into_iter().map(|(key, value)| (key.to_string(), Value::Text(value.to_string()))));
        offset += line.len();
        if fields.len() > 50 {
            return None;
        }
    }
    // A file that is nothing but fields has no body; still a header.
    if fields.is_empty() {
        None
    } else {
        Some((fields, text.len()))
    }
}

/// `Publication: Monitor Volume: 6 Issue: 28` → three pairs; `None` when the
/// line does not start with a key.
fn split_fields(line: &str) -> Option<Vec<(&str, &str)>> {
    // Keys are single words ending in `:` followed by a space or the end.
    let mut keys = Vec::new();
    let mut word_start = 0;
    for (index, c) in line.char_indices() {
        if c == ' ' {
            word_start = index + 1;
        } else if c == ':' && index > word_start {
            let word = &line[word_start..index];
            let after = line[index + 1..].chars().next();
            let word_like = word.chars().next().is_some_and(char::is_alphabetic)
                && word.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            // A later key needs a value before it: `Title: Re: x` is one field.
            let follows_value =
                keys.last().is_none_or(|&(_, colon): &(usize, usize)| !line[colon + 1..word_start].trim().is_empty());
            if word_like && after.is_none_or(|c| c == ' ' || c == '\t') && follows_value {
                keys.push((word_start, index));
            }
        }
    }
    if keys.first().map(|&(start, _)| start) != Some(0) {
        return None;
    }
    let mut pairs = Vec::new();
    for (i, &(start, colon)) in keys.iter().enumerate() {
        let end = keys.get(i + 1).map_or(line.len(), |&(next, _)| next);
        pairs.push((&line[start..colon], line[colon + 1..end].trim()));
    }
    Some(pairs)
}

/// A date in the opening lines: a labelled one (`Updated: 15-May-2001 …`)
/// wins; else a line that is nothing but a date (`Spring 2001`).
pub(crate) fn header_date(body: &str) -> Option<Span> {
    let mut bare = None;
    for line in body.lines().take(40) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if title::is_prose(line) {
            break;
        }
        if let Some((label, value)) = line.split_once(':') {
            if DATE_LABELS.contains(&label.trim().to_lowercase().as_str()) {
                if let Some((span, _)) = dates::parse_prefix(value.trim()) {
                    return Some(span);
                }
            }
        }
        if bare.is_none() {
            if let Some(Reading::Clean(span)) = dates::read(line) {
                bare = Some(span);
            }
        }
    }
    bare
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_fields_on_one_line() {
        assert_eq!(
            split_fields("Publication: Monitor Volume: 6 Issue: 28"),
            Some(vec![("Publication", "Monitor"), ("Volume", "6"), ("Issue", "28")])
        );
        assert_eq!(split_fields("Title: Re: the 10:30 train"), Some(vec![("Title", "Re: the 10:30 train")]));
        assert_eq!(split_fields("Header"), None);
        assert_eq!(split_fields("Partners in peacekeeping: NATO"), None);
    }

    #[test]
    fn header_block_and_body() {
        let draft = parse("Publication: Monitor Volume: 6 Issue: 28\n\nBody text.\n");
        assert_eq!(draft.fields.len(), 3);
        assert_eq!(draft.body.as_deref(), Some("Body text."));
        let draft = parse("Header\nUpdated: 15-May-2001 NATO Review\n\nSpring 2001\n\nGreat expectations\n");
        assert!(draft.fields.is_empty());
        let prose = "Note: the meeting was postponed without explanation, and neither side would say when it might be held.\n\nMore.";
        assert_eq!(parse(prose).body.as_deref(), Some(prose));
        assert_eq!(draft.header_date.map(|s| crate::date::iso_day(s.day)).as_deref(), Some("2001-05-15"));
        assert_eq!(draft.title_hint.as_deref(), Some("Great expectations"));
    }
}
