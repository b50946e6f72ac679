//! What a search asks for and what it returns: the types the app, the JS API
//! and the CLI share. The search itself is [`crate::Corpus::search`].

use serde::{Deserialize, Serialize};

use crate::date::DocDate;

/// Order of the hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best BM25 score first; ties by document order.
    #[default]
    Relevance,
    /// Latest date first; undated documents last.
    Newest,
    /// Earliest date first; undated documents last.
    Oldest,
}

/// A restriction of the search to some facet values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetFilter {
    /// The facet field, e.g. `topics`.
    pub field: String,
    /// Documents must have at least one of these values (empty: no restriction).
    #[serde(default)]
    pub any_of: Vec<String>,
    /// Documents must have none of these values.
    #[serde(default)]
    pub none_of: Vec<String>,
}

/// What a reader has chosen to look at: a query, facet filters and a date
/// range. Every view of the page, every function of the JS API and the
/// command line answer for one selection, so the same selection gives the
/// same documents everywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Selection {
    /// The query in the query language (README, "Query language"). May be
    /// empty: then every document the filters keep is selected. Only its
    /// first [`MAX_QUERY_BYTES`](crate::limits::MAX_QUERY_BYTES) bytes are read.
    pub query: String,
    /// Facet filters, all of which must hold (at most
    /// [`MAX_FILTER_VALUES`](crate::limits::MAX_FILTER_VALUES) values in all
    /// are read).
    pub filters: Vec<FacetFilter>,
    /// Inclusive range of day numbers; undated documents fall outside any range.
    pub date_range: Option<(i32, i32)>,
}

impl Selection {
    /// The documents matching `query`, with no filter and no date range.
    pub fn of_query(query: impl Into<String>) -> Selection {
        Selection { query: query.into(), ..Selection::default() }
    }

    /// Whether it selects the whole corpus: no query, filter or range.
    pub fn is_whole_corpus(&self) -> bool {
        self.query.trim().is_empty() && self.filters.is_empty() && self.date_range.is_none()
    }

    /// How many facet values its filters name, kept and left out.
    pub fn filter_values(&self) -> usize {
        self.filters.iter().map(|f| f.any_of.len() + f.none_of.len()).sum()
    }

    /// This selection within the engine's bounds: filters past
    /// [`MAX_FILTER_VALUES`](crate::limits::MAX_FILTER_VALUES) values are
    /// dropped, with a notice saying so. (The query's own bounds are
    /// applied, with their notices, when it is parsed.)
    pub(crate) fn bounded(&self) -> (std::borrow::Cow<'_, Selection>, Option<String>) {
        use crate::limits::MAX_FILTER_VALUES;
        let total = self.filter_values();
        if total <= MAX_FILTER_VALUES {
            return (std::borrow::Cow::Borrowed(self), None);
        }
        let mut left = MAX_FILTER_VALUES;
        let mut filters = Vec::new();
        for filter in &self.filters {
            let any_of: Vec<String> = filter.any_of.iter().take(left).cloned().collect();
            left -= any_of.len();
            let none_of: Vec<String> = filter.none_of.iter().take(left).cloned().collect();
            left -= none_of.len();
            if !any_of.is_empty() || !none_of.is_empty() {
                filters.push(FacetFilter { field: filter.field.clone(), any_of, none_of });
            }
        }
        let notice = format!("{total} filter values were given; only the first {MAX_FILTER_VALUES} were used");
        (std::borrow::Cow::Owned(Selection { filters, ..self.clone() }), Some(notice))
    }
}

/// One search: a selection, the order of its hits and which page of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// The documents to find.
    #[serde(flatten)]
    pub selection: Selection,
    /// How many hits to return (at most
    /// [`MAX_HITS_PER_REQUEST`](crate::limits::MAX_HITS_PER_REQUEST); 0 asks
    /// for the total alone).
    pub limit: usize,
    /// How many of the first hits, in this order, to skip (paging).
    pub offset: usize,
    /// Order of the hits.
    pub sort: Sort,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest { selection: Selection::default(), limit: 10, offset: 0, sort: Sort::Relevance }
    }
}

impl SearchRequest {
    /// A request for the first `limit` hits of `query`, by relevance.
    pub fn new(query: impl Into<String>, limit: usize) -> SearchRequest {
        SearchRequest { selection: Selection::of_query(query), limit, ..SearchRequest::default() }
    }

    /// A request for the first `limit` hits of `selection`, in `sort` order.
    pub fn of(selection: Selection, sort: Sort, limit: usize) -> SearchRequest {
        SearchRequest { selection, limit, offset: 0, sort }
    }
}

/// A passage of a document with the matching words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The passage, a substring of the stored text (maybe with `…` at either
    /// end where it was cut).
    pub text: String,
    /// Byte ranges `[start, end)` into `text` of every matching word, in
    /// order, not overlapping.
    pub marks: Vec<(u32, u32)>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The document's stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date, if it has one.
    pub date: Option<DocDate>,
    /// Its score for this query (0 when the query is empty).
    pub score: f32,
    /// Its best passage for this query.
    pub snippet: Snippet,
    /// Its facet values as `(field, value)` pairs, in the document's order.
    #[serde(default)]
    pub facets: Vec<(String, String)>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// What the engine had to ignore or cap, in words for the user
    /// (`unmatched ")" ignored`, `nato* matched more than 200 terms; using the
    /// 200 most frequent`). Empty for a clean query.
    pub notices: Vec<String>,
    /// A better-spelled query from the term dictionary, when this one finds little.
    pub suggestion: Option<String>,
}
