//! What a search asks for and what it returns: the types the app, the JS API
//! and the CLI share. The search itself lives in [`crate::Index::search`].

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

/// One search: the query text plus the page's filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// The query in the query language (README, "Query language"). May be
    /// empty: then every document matching the filters is a hit.
    pub query: String,
    /// How many hits to return.
    pub limit: usize,
    /// How many of the best hits to skip (paging).
    pub offset: usize,
    /// Order of the hits.
    pub sort: Sort,
    /// Facet filters, all of which must hold.
    pub filters: Vec<FacetFilter>,
    /// Inclusive range of day numbers; undated documents fall outside any range.
    pub date_range: Option<(i32, i32)>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            filters: Vec::new(),
            date_range: None,
        }
    }
}

impl SearchRequest {
    /// A request for the first `limit` hits of `query`, by relevance.
    pub fn new(query: impl Into<String>, limit: usize) -> SearchRequest {
        SearchRequest { query: query.into(), limit, ..SearchRequest::default() }
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
