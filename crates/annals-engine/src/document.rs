//! What a document is once ingested: the unit the index stores and the page
//! shows. Ingestion (feature `build`) produces these; the index writer stores
//! them; the index reader hands them back to the app and the CLI.

use serde::{Deserialize, Serialize};

use crate::date::DocDate;
use crate::mention::Mention;

/// One document of the corpus, ready to be indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file name for a file, the id field (or `file#line`) for
    /// a record. Unique in the corpus; links, the JS API and the CLI use it.
    pub id: String,
    /// Never blank: from metadata, the document itself, or derived.
    pub title: String,
    /// `None` for an undated document; it is still indexed and findable.
    pub date: Option<DocDate>,
    /// The body text as the reader sees it (markup removed, line ends `\n`).
    pub text: String,
    /// Facet values by field name, e.g. `("topics", ["crude", "nat-gas"])`.
    /// Fields are those the corpus declares; `collection` comes from folders.
    pub facets: Vec<(String, Vec<String>)>,
    /// Every other metadata field, in source order, for display.
    pub metadata: Vec<(String, String)>,
    /// Where the document came from, for messages: `path` or `path:line`.
    pub origin: String,
    /// The dates its text mentions, in text order, resolved against its own
    /// date (ingestion finds them; see `ingest::timex`).
    #[serde(default)]
    pub mentions: Vec<Mention>,
}

/// How a facet's values are read and filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    /// One value per document (a source, an author).
    Keyword,
    /// Any number of values per document (topics, places).
    Tags,
    /// A number, filtered by range.
    Number,
    /// A date, filtered by range.
    Date,
}

impl FacetKind {
    /// Its name in `corpus.toml` and the build report (`keyword`, `tags`,
    /// `number`, `date`).
    pub fn name(self) -> &'static str {
        match self {
            FacetKind::Keyword => "keyword",
            FacetKind::Tags => "tags",
            FacetKind::Number => "number",
            FacetKind::Date => "date",
        }
    }
}

/// A facet field the corpus declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetField {
    /// The field name, as used in queries (`topics:crude`).
    pub name: String,
    /// How its values are read.
    pub kind: FacetKind,
}

/// What the corpus says about itself (from `corpus.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusMeta {
    /// Shown as the page's heading.
    pub title: String,
    /// One paragraph shown on the opening view.
    pub description: String,
    /// Snowball language name for stemming, e.g. `english`.
    pub language: String,
    /// The facet fields, in display order.
    pub facets: Vec<FacetField>,
}

impl Default for CorpusMeta {
    fn default() -> Self {
        CorpusMeta {
            title: "Annals".to_string(),
            description: String::new(),
            language: "english".to_string(),
            facets: Vec::new(),
        }
    }
}
