//! The corpus index compiled into this module by `build.rs`, and the one
//! place the app calls the engine.
//!
//! The index is opened once, lazily, without copying: [`annals_engine::Index`]
//! borrows the embedded bytes for the life of the program. Every call goes
//! through [`with_index`], so a damaged index becomes a message on the page
//! rather than a dead app, and every query is bounded before the engine sees
//! it.

use std::cell::OnceCell;

use annals_engine::explore::{Concordance, FacetCounts, Granularity, TermScore, TermStats, Timeline, Trends};
use annals_engine::analyze::Analyzer;
use annals_engine::{Document, FacetFilter, Index, SearchRequest, SearchResults, Sort};

use crate::wording;

/// The index bytes `build.rs` wrote from the corpus folder.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/annals.idx"));

/// The corpus language's stemming algorithm, as `build.rs` found it.
fn corpus_analyzer() -> Analyzer {
    Analyzer::with_algorithm(include!(concat!(env!("OUT_DIR"), "/algorithm.rs")))
}

/// Queries longer than this are cut (at a character boundary): nobody types
/// more, and a pasted book should not stall the page.
pub const MAX_QUERY_BYTES: usize = 512;

thread_local! {
    /// The opened index, or why it could not be opened. WASM runs on one
    /// thread, so a thread-local is the whole program's single copy.
    static INDEX: OnceCell<Result<Index<'static>, String>> = const { OnceCell::new() };
}

/// Runs `action` with the opened index, or returns why there is none.
pub fn with_index<R>(action: impl FnOnce(&Index<'static>) -> R) -> Result<R, String> {
    INDEX.with(|cell| {
        let opened = cell.get_or_init(|| {
            Index::open_with_analyzer(INDEX_BYTES, corpus_analyzer()).map_err(|error| format!("The embedded index cannot be read: {error}"))
        });
        match opened {
            Ok(index) => Ok(action(index)),
            Err(reason) => Err(reason.clone()),
        }
    })
}

/// Builds now what the first search would otherwise wait for (see
/// `Index::prepare`).
pub fn prepare() {
    // A damaged index says so on the page through every other call.
    let _ = with_index(|index| index.prepare());
}

/// What the opening view says about the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSummary {
    /// The corpus title from `corpus.toml`.
    pub title: String,
    /// Its one-paragraph description (may be empty).
    pub description: String,
    /// How many documents are indexed.
    pub documents: usize,
    /// How many of them have no date.
    pub undated: usize,
    /// Earliest and latest document day, when any document is dated.
    pub span: Option<(i32, i32)>,
}

/// The corpus overview, read from the index.
pub fn summary() -> Result<CorpusSummary, String> {
    with_index(|index| {
        let meta = index.meta();
        let overview = index.overview();
        CorpusSummary {
            title: meta.title,
            description: meta.description,
            documents: overview.documents,
            undated: overview.undated,
            span: overview.first_day.zip(overview.last_day),
        }
    })
}

/// Searches for `query`, returning at most `limit` hits in `sort` order.
///
/// The query is cut to [`MAX_QUERY_BYTES`] first; when that happens a notice
/// says so, next to whatever the engine itself reports.
pub fn search(query: &str, limit: usize, sort: Sort) -> Result<SearchResults, String> {
    search_selection(query, limit, sort, &[], None)
}

/// [`search`] within facet filters and an inclusive day range.
pub fn search_selection(
    query: &str,
    limit: usize,
    sort: Sort,
    filters: &[FacetFilter],
    date_range: Option<(i32, i32)>,
) -> Result<SearchResults, String> {
    let bounded = truncate_at_char_boundary(query, MAX_QUERY_BYTES);
    let request = SearchRequest {
        query: bounded.to_string(),
        limit,
        offset: 0,
        sort,
        filters: filters.to_vec(),
        date_range,
    };
    with_index(|index| {
        let mut results = index.search(&request);
        if bounded.len() < query.len() {
            results.notices.insert(0, wording::query_shortened(MAX_QUERY_BYTES));
        }
        results
    })
}

/// The request the workbench's views share: query (bounded), filters, range.
pub fn selection_request(query: &str, filters: &[FacetFilter], date_range: Option<(i32, i32)>) -> SearchRequest {
    SearchRequest {
        query: truncate_at_char_boundary(query, MAX_QUERY_BYTES).to_string(),
        limit: 0,
        filters: filters.to_vec(),
        date_range,
        ..SearchRequest::default()
    }
}

/// Facet value counts over a selection.
pub fn facet_counts(request: &SearchRequest) -> Result<Vec<FacetCounts>, String> {
    with_index(|index| index.facet_counts(request))
}

/// The selection over time.
pub fn timeline(request: &SearchRequest, granularity: Option<Granularity>) -> Result<Timeline, String> {
    with_index(|index| index.timeline(request, granularity))
}

/// Every occurrence of the query in context (at most `limit` lines).
pub fn concordance(request: &SearchRequest, width: usize, limit: usize) -> Result<Concordance, String> {
    with_index(|index| index.concordance(request, width, limit))
}

/// Frequent and distinctive words of a selection.
pub fn term_stats(request: &SearchRequest, limit: usize) -> Result<TermStats, String> {
    with_index(|index| index.term_stats(request, limit))
}

/// Words near `term` in a selection.
pub fn collocates(request: &SearchRequest, term: &str, limit: usize) -> Result<Vec<TermScore>, String> {
    with_index(|index| index.collocates(request, term, 5, limit))
}

/// Terms compared over time.
pub fn trends(terms: &[String], request: &SearchRequest, granularity: Option<Granularity>) -> Result<Trends, String> {
    with_index(|index| index.trends(terms, request, granularity))
}

/// Byte ranges of the query's words and phrases in a text.
pub fn hit_ranges(query: &str, text: &str) -> Result<Vec<(usize, usize)>, String> {
    let query = truncate_at_char_boundary(query, MAX_QUERY_BYTES);
    with_index(|index| index.hit_ranges(query, text))
}

/// Documents like the one with this id.
pub fn similar(id: &str, limit: usize) -> Result<Vec<annals_engine::Hit>, String> {
    with_index(|index| index.similar(id, limit))
}

/// The stored document with this id, for reading in full.
pub fn document(id: &str) -> Result<Option<Document>, String> {
    with_index(|index| index.document(id))
}

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a
/// character boundary.
pub fn truncate_at_char_boundary(text: &str, max_bytes: usize) -> &str {
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
    use super::{search, truncate_at_char_boundary, MAX_QUERY_BYTES};
    use annals_engine::Sort;

    /// Whatever is typed, the search returns (a panic here would be a dead
    /// page in the browser). Queries are drawn from the query language's
    /// operators, seed words and awkward characters by a fixed-seed generator,
    /// so a failure reproduces.
    #[test]
    fn no_query_stops_the_search() {
        const PIECES: &[&str] = &[
            "Robertson", "NATO", "Russia", "Stepashin", "ivanov", "the", "of", "a", " ", " ", "\"", "(", ")", "*", "~",
            "-", "+", ":", "AND", "OR", "NOT", "title:", "’", "“", "é", "\u{0}", "\u{feff}", "\u{202e}", "–", "1999",
            "𝔑", "<script>", "&amp;", "\\", "^", "?",
        ];
        let mut state: u64 = 0x5eed;
        let mut next = move |bound: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % bound
        };
        for _ in 0..3_000 {
            let query: String = (0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect();
            let sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][next(3)];
            let results = search(&query, 20, sort).unwrap_or_else(|reason| panic!("{query:?}: {reason}"));
            assert!(results.hits.len() <= 20, "{query:?}");
        }
        let long = "Robertson ".repeat(200);
        assert!(search(&long, 20, Sort::Relevance).expect("a long query is searched").notices[0].contains(&MAX_QUERY_BYTES.to_string()));
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_at_char_boundary("abc", 10), "abc");
        assert_eq!(truncate_at_char_boundary("abc", 2), "ab");
        // "é" is two bytes; cutting inside it backs off to before it.
        assert_eq!(truncate_at_char_boundary("aé", 2), "a");
        assert_eq!(truncate_at_char_boundary("", 0), "");
    }
}
