//! Every bound the engine puts on what one request may ask, defined once.
//!
//! The page, the JS API and the command line all pass requests through the
//! same engine, and each bound below is applied there and nowhere else, so
//! the same long query, the same large page of hits or the same pile of
//! filters is read the same way by all three. Where a bound cuts something,
//! the answer's notices say so in words for the user.

/// Longest query text read, in bytes (cut at a character boundary); the
/// rest is ignored with a notice. Nobody types more, and a pasted book
/// should not stall the page.
pub const MAX_QUERY_BYTES: usize = 2_000;

/// Most words (leaves of the query tree) a query may have; the rest are
/// ignored with a notice.
pub const MAX_QUERY_WORDS: usize = 64;

/// Deepest nesting of parentheses; deeper ones are read as flat.
pub const MAX_QUERY_DEPTH: usize = 16;

/// Most dictionary forms one prefix or fuzzy word expands to (the most
/// frequent are kept, with a notice).
pub const MAX_EXPANSIONS: usize = 200;
/// Most dictionary forms all the prefix and fuzzy words of one query expand
/// to together, so that sixty-four `a*` cost no more than a few.
pub const MAX_QUERY_EXPANSIONS: usize = 1_000;
/// Most postings all the expanded forms of one query may have together.
pub const MAX_EXPANSION_POSTINGS: usize = 200_000;
/// Most prefix and fuzzy words of one query that are expanded (each walks
/// part of the dictionary); later ones match their exact form only.
pub const MAX_EXPANDED_WORDS: usize = 16;
/// Longest word (in chars) a fuzzy match is tried for: longer ones would
/// make the Levenshtein automaton large for nothing.
pub const MAX_FUZZY_CHARS: usize = 24;

/// Most hits one search request returns, whatever its `limit`: the rest
/// are reached by paging with `offset`, up to the last hit. Each returned
/// hit carries a snippet, so the bound keeps one request's work in check.
pub const MAX_HITS_PER_REQUEST: usize = 10_000;

/// Most facet values (kept and left out, over all fields) one selection
/// filters on; further values are ignored with a notice.
pub const MAX_FILTER_VALUES: usize = 64;

/// Most terms a trends request compares.
pub const MAX_TREND_TERMS: usize = 5;

/// Most bins a timeline has; a finer granularity that would need more is
/// coarsened.
pub const MAX_TIMELINE_BINS: usize = 1_000;

/// Most record pieces (each some kilobytes of stored text, fetched) the
/// frequent, distinctive and nearby words of a split index's selection
/// read: they count the selected documents of that many pieces, spread
/// over the selection, and say how many they read (on Reuters x10 a
/// piece is about 10 KB and holds about 10 stories).
pub const MAX_SAMPLED_RECORD_PIECES: usize = 64;

/// Most documents those words are counted over in a split index.
pub const MAX_SAMPLED_DOCUMENTS: usize = 1_000;

/// Most stored texts a concordance reads.
pub const MAX_CONCORDANCE_DOCS: usize = 2_000;

/// Most concordance lines returned.
pub const MAX_CONCORDANCE_LINES: usize = 2_000;

/// Most chronology entries (mentions with their sentences) one request
/// returns; the rest follow with a larger offset.
pub const MAX_CHRONOLOGY_ENTRIES: usize = 2_000;

/// Widest context on each side of a keyword in context, in characters.
pub const MAX_CONCORDANCE_WIDTH: usize = 200;

/// The notice for hits beyond [`MAX_HITS_PER_REQUEST`].
pub(crate) fn hits_capped_notice(asked: usize) -> String {
    format!("{asked} hits were asked for; one request returns at most {MAX_HITS_PER_REQUEST}, the rest follow with a larger offset")
}

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a
/// character boundary.
pub fn cut_at_char_boundary(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::cut_at_char_boundary;

    #[test]
    fn cutting_never_splits_a_character() {
        assert_eq!(cut_at_char_boundary("abc", 10), "abc");
        assert_eq!(cut_at_char_boundary("abc", 2), "ab");
        // "é" is two bytes; cutting inside it backs off to before it.
        assert_eq!(cut_at_char_boundary("aé", 2), "a");
        assert_eq!(cut_at_char_boundary("", 0), "");
    }
}
