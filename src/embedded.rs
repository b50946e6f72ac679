//! The corpus index compiled into this module by `build.rs`, and the one
//! place the app calls the engine.
//!
//! The index is opened once, lazily, without copying: [`annals_engine::Corpus`]
//! borrows the embedded bytes for the life of the program. Every call goes
//! through [`with_corpus`], so a damaged index becomes a message on the page
//! rather than a dead app. The engine bounds every request itself (see
//! `annals_engine::limits`), the same way for the page, `annals.js` and the
//! command line.
//!
//! A split index (see `build.rs`) embeds only its core: a call that reads a
//! piece not yet here answers [`Unanswered::Loading`], and the pieces it
//! found missing are fetched from `pieces/` beside the page. When a round
//! of fetches has arrived, every listener registered with
//! [`on_pieces_arrived`] is told, and asks again ([`complete`] does this for
//! one call). The engine never blocks and keeps no answer made while a
//! piece was missing.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use annals_engine::analytics::concordance::Concordance;
use annals_engine::analytics::facets::FacetCounts;
use annals_engine::analytics::mentions::Chronology;
use annals_engine::analytics::terms::{Collocates, TermStats};
use annals_engine::analytics::timeline::{Granularity, Timeline, Trends};
use annals_engine::analyze::Analyzer;
use annals_engine::{Corpus, Document, SearchRequest, SearchResults, Selection};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The index bytes `build.rs` wrote from the corpus folder: the whole
/// index, or a split index's core.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/annals.idx"));

/// The corpus language's stemming algorithm, as `build.rs` found it.
fn corpus_analyzer() -> Analyzer {
    Analyzer::with_algorithm(include!(concat!(env!("OUT_DIR"), "/algorithm.rs")))
}

/// Why a call has no answer (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswered {
    /// Parts of a split index it reads are being fetched; ask again when
    /// [`on_pieces_arrived`] says they are here.
    Loading,
    /// The index cannot be used, or a part of it could not be fetched:
    /// the reason, for the user.
    Unusable(String),
}

impl std::fmt::Display for Unanswered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unanswered::Loading => f.write_str("Loading this part of the index…"),
            Unanswered::Unusable(reason) => f.write_str(reason),
        }
    }
}

impl From<Unanswered> for String {
    fn from(unanswered: Unanswered) -> String {
        unanswered.to_string()
    }
}

thread_local! {
    /// The opened corpus, or why it could not be opened. WASM runs on one
    /// thread, so a thread-local is the whole program's single copy.
    static CORPUS: OnceCell<Result<Corpus<'static>, String>> = const { OnceCell::new() };
    /// Whether a round of piece fetches is under way.
    static FETCHING: Cell<bool> = const { Cell::new(false) };
    /// Why the last round of fetches failed, told once to the next call.
    static FETCH_FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Told after each round of fetches.
    static LISTENERS: RefCell<Vec<(u64, Rc<dyn Fn()>)>> = const { RefCell::new(Vec::new()) };
    /// Numbers the listeners, so each can be taken off.
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(0) };
    /// Where the pieces are: set by `annals.js`, else `pieces/` beside the
    /// page.
    static PIECES_BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `action` with the opened corpus (opened on first use), or says
/// why it cannot be opened.
fn with_opened<R>(action: impl FnOnce(&Corpus<'static>) -> R) -> Result<R, String> {
    CORPUS.with(|cell| {
        let opened = cell.get_or_init(|| {
            Corpus::open_with_analyzer(INDEX_BYTES, corpus_analyzer()).map_err(|error| format!("The embedded index cannot be read: {error}"))
        });
        opened.as_ref().map(action).map_err(Clone::clone)
    })
}

/// Runs `action` with the opened corpus, or says why there is no answer:
/// the index is unusable, or `action` read pieces that are not here yet
/// (they are sent for).
pub fn with_corpus<R>(action: impl FnOnce(&Corpus<'static>) -> R) -> Result<R, Unanswered> {
    let (answer, whole) = with_opened(|corpus| (action(corpus), corpus.missing_pieces().is_empty())).map_err(Unanswered::Unusable)?;
    if whole {
        return Ok(answer);
    }
    if let Some(reason) = FETCH_FAILED.with(|failed| failed.borrow_mut().take()) {
        return Err(Unanswered::Unusable(reason));
    }
    fetch_missing();
    Err(Unanswered::Loading)
}

/// Whether the index is split into pieces fetched on demand (no when it
/// cannot be opened at all).
pub fn is_split() -> bool {
    with_opened(|corpus| corpus.layout() == annals_engine::Layout::Split).unwrap_or(false)
}

/// Sets where pieces are fetched from (a URL ending in `/`); `annals.js`
/// calls it with the folder beside itself.
pub fn set_pieces_base(base: String) {
    PIECES_BASE.with(|cell| *cell.borrow_mut() = Some(base));
}

/// Registers `listener`, called after each round of piece fetches (with
/// the pieces added, or a failure to tell); the returned number takes it
/// off with [`forget_listener`].
pub fn on_pieces_arrived(listener: impl Fn() + 'static) -> u64 {
    let id = NEXT_LISTENER.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    LISTENERS.with(|listeners| listeners.borrow_mut().push((id, Rc::new(listener))));
    id
}

/// Takes off a listener of [`on_pieces_arrived`].
pub fn forget_listener(id: u64) {
    LISTENERS.with(|listeners| listeners.borrow_mut().retain(|(each, _)| *each != id));
}

/// `ask`'s answer once every piece it reads is here: fetches and asks
/// again as often as it takes (a single index answers at once). For work
/// that is not redrawn when pieces arrive: a download, "Show more".
pub async fn complete<R>(ask: impl Fn() -> Result<R, Unanswered>) -> Result<R, String> {
    loop {
        match ask() {
            Ok(answer) => return Ok(answer),
            Err(Unanswered::Unusable(reason)) => return Err(reason),
            Err(Unanswered::Loading) => next_arrival().await,
        }
    }
}

/// Resolves after the next round of piece fetches.
pub async fn next_arrival() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let id = Rc::new(Cell::new(None));
        let me = id.clone();
        id.set(Some(on_pieces_arrived(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            if let Some(id) = me.get() {
                forget_listener(id);
            }
        })));
    });
    let _ = JsFuture::from(promise).await;
}

/// Starts a round of fetches for the missing pieces, unless one is under
/// way (it fetches what is missing when it ends, until nothing is).
fn fetch_missing() {
    if FETCHING.with(|fetching| fetching.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        loop {
            let missing = with_opened(|corpus| corpus.missing_pieces()).unwrap_or_default();
            if missing.is_empty() {
                break;
            }
            // The round's requests run side by side, at most
            // FETCHES_IN_FLIGHT at once: each is sent before the earliest
            // still running is awaited, and one more as each arrives.
            let mut in_flight = std::collections::VecDeque::new();
            let mut to_send = missing.iter();
            let mut failure = None;
            for name in &missing {
                while in_flight.len() < FETCHES_IN_FLIGHT {
                    let Some(next) = to_send.next() else { break };
                    in_flight.push_back(start_fetch(next));
                }
                let Some(started) = in_flight.pop_front() else { break };
                let fetched = piece_bytes(started).await;
                let added = fetched
                    .and_then(|bytes| with_opened(|corpus| corpus.add_piece(name, &bytes).map_err(|error| error.to_string())).and_then(|added| added));
                if let Err(reason) = added {
                    failure.get_or_insert(format!(
                        "A part of the index could not be fetched ({}): {reason}. Check the connection and search again.",
                        piece_url(name)
                    ));
                }
            }
            if let Some(reason) = failure {
                FETCH_FAILED.with(|failed| *failed.borrow_mut() = Some(reason));
                break;
            }
        }
        FETCHING.with(|fetching| fetching.set(false));
        let listeners: Vec<Rc<dyn Fn()>> = LISTENERS.with(|listeners| listeners.borrow().iter().map(|(_, l)| l.clone()).collect());
        for listener in listeners {
            listener();
        }
    });
}

fn piece_url(name: &str) -> String {
    let base = PIECES_BASE.with(|cell| cell.borrow().clone()).unwrap_or_else(|| {
        let page = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
        web_sys::Url::new_with_base("pieces/", &page).map(|url| url.href()).unwrap_or_else(|_| "pieces/".to_string())
    });
    format!("{base}{name}.bin")
}

/// How many piece requests a round keeps running at once. A round can
/// name hundreds of pieces (the texts of 2,000 hits at Reuters x10): sent
/// all at once, some failed in Chromium ("Failed to fetch"), and a host
/// serves a few at a time anyway.
const FETCHES_IN_FLIGHT: usize = 24;

/// Sends for one piece now. The request runs in the browser from here on,
/// awaited or not: a Rust future would not start it until first polled,
/// and awaiting a round's pieces one by one would then fetch them one
/// after the other (at Reuters x10 a first search for a common word waited
/// for 53 doc pieces in a row, about half a second).
fn start_fetch(name: &str) -> Result<JsFuture, String> {
    let window = web_sys::window().ok_or("no window to fetch from")?;
    Ok(JsFuture::from(window.fetch_with_str(&piece_url(name))))
}

/// The bytes of a piece whose request [`start_fetch`] sent (the browser's
/// cache keeps them: a piece's name never stands for other bytes).
async fn piece_bytes(started: Result<JsFuture, String>) -> Result<Vec<u8>, String> {
    let said = |error: wasm_bindgen::JsValue| error.as_string().or_else(|| js_sys::Error::from(error).message().as_string()).unwrap_or_default();
    let response = started?.await.map_err(said)?;
    let response: web_sys::Response = response.dyn_into().map_err(said)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(said)?).await.map_err(said)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
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
pub fn summary() -> Result<CorpusSummary, Unanswered> {
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
pub fn search(request: &SearchRequest) -> Result<SearchResults, Unanswered> {
    with_corpus(|corpus| corpus.search(request))
}

/// Facet value counts over a selection.
pub fn facet_counts(selection: &Selection) -> Result<Vec<FacetCounts>, Unanswered> {
    with_corpus(|corpus| corpus.facet_counts(selection))
}

/// The selection over time.
pub fn timeline(selection: &Selection, granularity: Option<Granularity>) -> Result<Timeline, Unanswered> {
    with_corpus(|corpus| corpus.timeline(selection, granularity))
}

/// The dates the selection's texts mention, over time (mentions per bin).
pub fn mention_timeline(selection: &Selection, granularity: Option<Granularity>) -> Result<Timeline, Unanswered> {
    with_corpus(|corpus| corpus.mention_timeline(selection, granularity))
}

/// A page of the selection's mentions, by the date they refer to (the
/// engine caps `limit` at `limits::MAX_CHRONOLOGY_ENTRIES`).
pub fn chronology(selection: &Selection, offset: usize, limit: usize) -> Result<Chronology, Unanswered> {
    with_corpus(|corpus| corpus.chronology(selection, offset, limit))
}

/// Every occurrence of the query in context (at most `limit` lines).
pub fn concordance(selection: &Selection, width: usize, limit: usize) -> Result<Concordance, Unanswered> {
    with_corpus(|corpus| corpus.concordance(selection, width, limit))
}

/// Frequent and distinctive words of a selection (in the split layout,
/// counted over a sample of its documents the answer says the size of).
pub fn term_stats(selection: &Selection, limit: usize) -> Result<TermStats, Unanswered> {
    with_corpus(|corpus| corpus.term_stats(selection, limit))
}

/// Words near `term` in a selection (in the split layout, in a sample of
/// the documents with it).
pub fn collocates(selection: &Selection, term: &str, limit: usize) -> Result<Collocates, Unanswered> {
    with_corpus(|corpus| corpus.collocates(selection, term, 5, limit))
}

/// Terms compared over time.
pub fn trends(terms: &[String], selection: &Selection, granularity: Option<Granularity>) -> Result<Trends, Unanswered> {
    with_corpus(|corpus| corpus.trends(terms, selection, granularity))
}

/// Byte ranges of the query's words and phrases in a text.
pub fn hit_ranges(query: &str, text: &str) -> Result<Vec<(usize, usize)>, Unanswered> {
    with_corpus(|corpus| corpus.hit_ranges(query, text))
}

/// Documents like the one with this id.
pub fn similar(id: &str, limit: usize) -> Result<Vec<annals_engine::Hit>, Unanswered> {
    with_corpus(|corpus| corpus.similar(id, limit))
}

/// The stored document with this id, for reading in full.
pub fn document(id: &str) -> Result<Option<Document>, Unanswered> {
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
