//! Titles: found in a document's own opening lines, or derived from its
//! first sentence, so that no hit in a result list is ever blank.

/// The longest derived title, in characters, before `…`.
const DERIVED_TITLE_CHARS: usize = 80;

/// Collapses runs of whitespace (titles from records often hold line breaks)
/// and trims. Empty when there is nothing but whitespace.
pub(crate) fn clean(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A readable title from the text: its first sentence, cut at a word
/// boundary near 80 characters with `…`. `None` for a text with no words.
pub(crate) fn derive(text: &str) -> Option<String> {
    let paragraph = text.split("\n\n").map(clean).find(|p| p.chars().any(char::is_alphanumeric))?;
    let sentence = first_sentence(&paragraph);
    Some(shorten(sentence, DERIVED_TITLE_CHARS))
}

/// The text up to the first `.`, `?` or `!` that ends a sentence (followed by
/// a space and not part of an abbreviation such as `U.S.` or `Mr.`).
fn first_sentence(paragraph: &str) -> &str {
    let bytes = paragraph.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        if !matches!(byte, b'.' | b'?' | b'!') || bytes.get(index + 1) != Some(&b' ') {
            continue;
        }
        let word_start = paragraph[..index].rfind(' ').map_or(0, |space| space + 1);
        let word = &paragraph[word_start..index];
        let abbreviation = byte == b'.'
            && (word.contains('.')
                || (word.len() <= 3
                    && word.starts_with(|c: char| c.is_uppercase())
                    && word.len() > 1
                    && !word.chars().all(char::is_uppercase))
                || word.len() == 1);
        if !abbreviation {
            return &paragraph[..=index];
        }
    }
    paragraph
}

/// At most `limit` characters, cut at a word boundary, with `…` when cut.
pub(crate) fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut = text.char_indices().nth(limit).map_or(text.len(), |(at, _)| at);
    let head = &text[..cut];
    let at_boundary = text[cut..].starts_with(char::is_whitespace);
    let head = match head.rfind(' ') {
        Some(space) if !at_boundary && space > limit / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '-')))
}

/// The title in a web page's or magazine's header block, as in
///
/// ```text
/// Header
/// Updated: 15-May-2001 NATO Review
///
/// Web edition
/// Vol. 49 - No. 1
/// Spring 2001
/// p. 24-27
///
/// Opinion
///
/// Great expectations
/// ```
///
/// Looks only at the short lines before the first paragraph of prose, and
/// takes the first that is not furniture: field labels, dates, volume and
/// page numbers, one-word section names, edition notes.
pub(crate) fn from_header_lines(text: &str) -> Option<String> {
    for line in text.lines().take(40) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if is_prose(line) {
            return None;
        }
        if !is_furniture(line) {
            return Some(clean(line));
        }
    }
    None
}

/// A line of running text: long, or a finished sentence of many words.
pub(crate) fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    line.chars().count() > 100 || words > 15 || (words > 6 && line.ends_with(['.', '?', '!', '"', '”']))
}

fn is_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words = line.split_whitespace().count();
    let labelled = line.split_once(':').is_some_and(|(label, _)| label.split_whitespace().count() <= 2);
    let numbered = ["vol.", "vol ", "volume ", "no.", "issue ", "p.", "pp.", "page ", "pages "]
        .iter()
        .any(|p| lower.starts_with(p));
    const EDITIONS: [&str; 8] =
        ["web edition", "print edition", "online edition", "header", "footer", "home", "menu", "skip to content"];
    words < 2
        || labelled
        || numbered
        || EDITIONS.contains(&lower.as_str())
        || super::dates::read(line).is_some()
        || !line.chars().any(char::is_alphabetic)
        || line.starts_with('(')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_titles_end_at_the_first_sentence_or_a_word() {
        assert_eq!(derive("\n\nShort one. Then more.").as_deref(), Some("Short one."));
        assert_eq!(derive("Mr. Smith went to Washington. Then.").as_deref(), Some("Mr. Smith went to Washington."));
        assert_eq!(derive("The U.S. said no. Then.").as_deref(), Some("The U.S. said no."));
        let long = "If Robertson’s visit to the Russian capital is indeed called off, it would halt a brief warming in relations between Russia and NATO that began several weeks ago. More.";
        assert_eq!(
            derive(long).as_deref(),
            Some("If Robertson’s visit to the Russian capital is indeed called off, it would halt…")
        );
        assert_eq!(derive(" \n\n--- \n"), None);
    }

    #[test]
    fn header_block_titles() {
        let text = "Header\nUpdated: 15-May-2001 NATO Review\n\nWeb edition\nVol. 49 - No. 1\nSpring 2001\np. 24-27\n\nOpinion\n\nGreat expectations\n\n\nPartners in peacekeeping: a caption\n";
        assert_eq!(from_header_lines(text).as_deref(), Some("Great expectations"));
        assert_eq!(from_header_lines("A long opening sentence that goes on and on, as prose in a newspaper story tends to do, for a while longer.\n"), None);
    }
}
