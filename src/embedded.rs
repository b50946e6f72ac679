//! The corpus index compiled into this module by `build.rs`, and the one
//! place the app calls the engine.
//!
//! The index is opened once, lazily, without copying: [`annals_engine::Corpus`]
//! borrows the embedded bytes for the life of the program. Every call goes
//! through [`with_corpus`], so a damaged index becomes a message on the page
//! rather than a dead app. The engine bounds every request itself (see
//! `annals_engine::limits`), the same way for the page, `annals.js` and the
//! command line.

use std::cell::OnceCell;

use annals_engine::analytics::concordance::Concordance;
use annals_engine::analytics::facets::FacetCounts;
use annals_engine::analytics::mentions::Chronology;
use annals_engine::analytics::terms::{TermScore, TermStats};
use annals_engine::analytics::timeline::{Granularity, Timeline, Trends};
use annals_engine::analyze::Analyzer;
use annals_engine::{Corpus, Document, SearchRequest, SearchResults, Selection};

/// The index bytes `build.rs` wrote from the corpus folder.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/annals.idx"));

/// The corpus language's stemming algorithm, as `build.rs` found it.
fn corpus_analyzer() -> Analyzer {
    Analyzer::with_algorithm(include!(concat!(env!("OUT_DIR"), "/algorithm.rs")))
}

thread_local! {
    /// The opened corpus, or why it could not be opened. WASM runs on one
    /// thread, so a thread-local is the whole program's single copy.
    static CORPUS: OnceCell<Result<Corpus<'static>, String>> = const { OnceCell::new() };
}

/// Runs `action` with the opened corpus, or returns why there is none.
pub fn with_corpus<R>(action: impl FnOnce(&Corpus<'static>) -> R) -> Result<R, String> {
    CORPUS.with(|cell| {
        let opened = cell.get_or_init(|| {
            Corpus::open_with_analyzer(INDEX_BYTES, corpus_analyzer()).map_err(|error| format!("The embedded index cannot be read: {error}"))
        });
        match opened {
            Ok(corpus) => Ok(action(corpus)),
            Err(reason) => Err(reason.clone()),
        }
    })
}

/// Builds now what the first search would otherwise wait for (see
/// `Corpus::prepare`).
pub fn prepare() {
    // A damaged index says so on the page through every other call.
    let _ = with_corpus(|corpus| corpus.prepare());
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
    with_corpus(|corpus| {
        let meta = corpus.meta();
        let overview = corpus.overview();
        CorpusSummary {
            title: meta.title,
            description: meta.description,
            documents: overview.documents,
            undated: overview.undated,
            span: overview.first_day.zip(overview.last_day),
        }
    })
}

/// One page of hits (the engine bounds the query, the page and the
/// filters, and its notices say where a bound applied).
pub fn search(request: &SearchRequest) -> Result<SearchResults, String> {
    with_corpus(|corpus| corpus.search(request))
}

/// Facet value counts over a selection.
pub fn facet_counts(selection: &Selection) -> Result<Vec<FacetCounts>, String> {
    with_corpus(|corpus| corpus.facet_counts(selection))
}

/// The selection over time.
pub fn timeline(selection: &Selection, granularity: Option<Granularity>) -> Result<Timeline, String> {
    with_corpus(|corpus| corpus.timeline(selection, granularity))
}

/// The dates the selection's texts mention, over time (mentions per bin).
pub fn mention_timeline(selection: &Selection, granularity: Option<Granularity>) -> Result<Timeline, String> {
    with_corpus(|corpus| corpus.mention_timeline(selection, granularity))
}

/// A page of the selection's mentions, by the date they refer to (the
/// engine caps `limit` at `limits::MAX_CHRONOLOGY_ENTRIES`).
pub fn chronology(selection: &Selection, offset: usize, limit: usize) -> Result<Chronology, String> {
    with_corpus(|corpus| corpus.chronology(selection, offset, limit))
}

/// Every occurrence of the query in context (at most `limit` lines).
pub fn concordance(selection: &Selection, width: usize, limit: usize) -> Result<Concordance, String> {
    with_corpus(|corpus| corpus.concordance(selection, width, limit))
}

/// Frequent and distinctive words of a selection.
pub fn term_stats(selection: &Selection, limit: usize) -> Result<TermStats, String> {
    with_corpus(|corpus| corpus.term_stats(selection, limit))
}

/// Words near `term` in a selection.
pub fn collocates(selection: &Selection, term: &str, limit: usize) -> Result<Vec<TermScore>, String> {
    with_corpus(|corpus| corpus.collocates(selection, term, 5, limit))
}

/// Terms compared over time.
pub fn trends(terms: &[String], selection: &Selection, granularity: Option<Granularity>) -> Result<Trends, String> {
    with_corpus(|corpus| corpus.trends(terms, selection, granularity))
}

/// Byte ranges of the query's words and phrases in a text.
pub fn hit_ranges(query: &str, text: &str) -> Result<Vec<(usize, usize)>, String> {
    with_corpus(|corpus| corpus.hit_ranges(query, text))
}

/// Documents like the one with this id.
pub fn similar(id: &str, limit: usize) -> Result<Vec<annals_engine::Hit>, String> {
    with_corpus(|corpus| corpus.similar(id, limit))
}

/// The stored document with this id, for reading in full.
pub fn document(id: &str) -> Result<Option<Document>, String> {
    with_corpus(|corpus| corpus.document(id))
}

#[cfg(test)]
mod tests {
    use super::search;
    use annals_engine::limits::MAX_QUERY_BYTES;
    use annals_engine::{SearchRequest, Selection, Sort};

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
        let request = |query: &str, sort| SearchRequest::of(Selection::of_query(query), sort, 20);
        for _ in 0..3_000 {
            let query: String = (0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect();
            let sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][next(3)];
            let results = search(&request(&query, sort)).unwrap_or_else(|reason| panic!("{query:?}: {reason}"));
            assert!(results.hits.len() <= 20, "{query:?}");
        }
        let long = "Robertson ".repeat(300);
        let notices = search(&request(&long, Sort::Relevance)).expect("a long query is searched").notices;
        assert!(notices[0].contains(&MAX_QUERY_BYTES.to_string()), "{notices:?}");
    }
}
